"""Money (integer fen) and quantities (exact decimals, at most 3 places):
parsing, formatting, rounding half up, and splits that add up."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from houqin_cli.core import money
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import set_language
from houqin_cli.core.money import (
    MAX_FEN,
    MAX_QTY,
    check_total,
    divide,
    format_money,
    milli_to_qty,
    money_str,
    parse_money,
    parse_qty,
    qty_str,
    qty_to_milli,
    split,
    split_even,
    times,
)

FEN = st.integers(min_value=0, max_value=MAX_FEN)  # up to ¥99,999,999,999.99
MILLI = st.integers(min_value=0, max_value=int(MAX_QTY * 1000))  # up to 999,999,999.999


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en")


def refused(fn: object, text: str) -> InputError:
    with pytest.raises(InputError) as info:
        fn(text)  # type: ignore[operator]
    assert info.value.exit_code == 2
    assert text.strip() in info.value.message
    assert "\n" not in info.value.message
    return info.value


# -- money -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("12", 1200),
        ("12.5", 1250),
        ("12.50", 1250),
        ("¥12.50", 1250),
        ("¥12.5", 1250),
        ("1,234.50", 123450),
        ("¥1,234.50", 123450),
        ("1,234,567.89", 123456789),
        ("0", 0),
        ("0.01", 1),
        ("0.1", 10),
        ("007.05", 705),
        (" 12.50 ", 1250),
    ],
)
def test_parse_money_accepts(text: str, fen: int) -> None:
    value = parse_money(text)
    assert value == fen
    assert type(value) is int


@pytest.mark.parametrize(
    "text",
    [
        "12.345",
        "0.001",
        "¥1,234.567",
        "-1",
        "-0.01",
        "-¥5",
        "¥-5",
        "abc",
        "十二",
        "12元5角",
        "1,23",
        "1,2345",
        "12,34.50",
        ",123",
        "",
        "   ",
        "12.",
        ".5",
        "1.2.3",
        "1e3",
        "12 34",
        "NaN",
        "inf",
        "0x10",
    ],
)
def test_parse_money_rejects(text: str) -> None:
    with pytest.raises(InputError) as info:
        parse_money(text)
    assert info.value.exit_code == 2
    assert "\n" not in info.value.message


def test_rejection_messages_say_what_was_wrong() -> None:
    assert "12.345" in refused(parse_money, "12.345").message
    assert "-1" in refused(parse_money, "-1").message
    assert "abc" in refused(parse_money, "abc").message


@given(FEN)
def test_money_str_round_trip(fen: int) -> None:
    text = money_str(fen)
    assert parse_money(text) == fen
    whole, frac = text.split(".")
    assert len(frac) == 2 and whole.isdigit()
    assert Decimal(text) == Decimal(fen) / 100


@given(FEN)
def test_format_money_round_trip(fen: int) -> None:
    text = format_money(fen)
    assert text.startswith("¥")
    assert parse_money(text) == fen
    assert text.replace("¥", "").replace(",", "") == money_str(fen)


def test_amounts_and_quantities_have_a_ceiling() -> None:
    assert parse_money("99,999,999,999.99") == MAX_FEN
    err = refused(parse_money, "100,000,000,000")
    assert "¥99,999,999,999.99" in err.message
    refused(parse_money, "9" * 30)
    assert parse_qty("999,999,999.999") == MAX_QTY
    assert "999,999,999.999" in refused(parse_qty, "1000000000").message
    assert check_total(MAX_FEN) == MAX_FEN
    with pytest.raises(InputError) as info:
        check_total(MAX_FEN + 1)
    assert info.value.exit_code == 2
    assert "¥100,000,000,000.00" in info.value.message


@given(FEN)
def test_grouped_input_round_trip(fen: int) -> None:
    yuan, jiao_fen = divmod(fen, 100)
    assert parse_money(f"{yuan:,}.{jiao_fen:02d}") == fen
    assert parse_money(f"¥{yuan:,}") == yuan * 100
    assert parse_money(str(yuan)) == yuan * 100
    if jiao_fen % 10 == 0:
        assert parse_money(f"{yuan}.{jiao_fen // 10}") == fen


def test_format_examples() -> None:
    assert format_money(123450) == "¥1,234.50"
    assert format_money(0) == "¥0.00"
    assert format_money(5) == "¥0.05"
    assert format_money(100000000) == "¥1,000,000.00"
    assert money_str(123450) == "1234.50"
    assert money_str(7) == "0.07"
    assert money_str(-250) == "-2.50"
    assert format_money(-250) == "-¥2.50"


@given(FEN, st.text(alphabet="0123456789", min_size=3, max_size=6))
def test_a_third_decimal_place_is_refused(fen: int, frac: str) -> None:
    with pytest.raises(InputError) as info:
        parse_money(f"{fen // 100}.{frac}")
    assert info.value.exit_code == 2


@given(FEN)
def test_a_negative_amount_is_refused(fen: int) -> None:
    for text in (f"-{money_str(fen)}", f"-{format_money(fen)}"):
        with pytest.raises(InputError) as info:
            parse_money(text)
        assert info.value.exit_code == 2


@given(st.text(alphabet=st.characters(categories=["L"]), min_size=1, max_size=10))
def test_text_is_refused(text: str) -> None:
    with pytest.raises(InputError) as info:
        parse_money(text)
    assert info.value.exit_code == 2


# -- rounding half up ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("fen", "by", "expected"),
    [
        (1, 2, 1),  # 0.5 fen -> 1 (half up, not to even)
        (5, 2, 3),  # 2.5 -> 3 (banker's rounding would give 2)
        (3, 2, 2),  # 1.5 -> 2
        (7, 2, 4),  # 3.5 -> 4
        (1, 3, 0),
        (2, 3, 1),
        (5, 4, 1),  # 1.25 -> 1
        (7, 4, 2),  # 1.75 -> 2
        (100, 3, 33),
        (200, 3, 67),
        (10000, 7, 1429),  # 1428.571...
        (0, 5, 0),
        (12345, Decimal("2.5"), 4938),
        (100, Decimal("0.3"), 333),
    ],
)
def test_divide_rounds_half_up(fen: int, by: int | Decimal, expected: int) -> None:
    assert divide(fen, by) == expected


@given(FEN, st.integers(min_value=1, max_value=10**6))
def test_divide_matches_exact_half_up(fen: int, by: int) -> None:
    assert divide(fen, by) == (2 * fen + by) // (2 * by)


def test_divide_by_zero_is_exit_2() -> None:
    with pytest.raises(InputError) as info:
        divide(100, 0)
    assert info.value.exit_code == 2


@pytest.mark.parametrize(
    ("fen", "qty", "expected"),
    [
        (1250, "0.5", 625),
        (1, "0.5", 1),
        (333, "0.005", 2),  # 1.665 -> 2
        (1999, "3", 5997),
        (150, "0.001", 0),  # 0.15 -> 0
        (500, "0.001", 1),  # 0.5 -> 1
    ],
)
def test_times_rounds_half_up(fen: int, qty: str, expected: int) -> None:
    assert times(fen, Decimal(qty)) == expected


@given(st.integers(min_value=0, max_value=10**9), MILLI)
def test_times_matches_exact_half_up(fen: int, milli: int) -> None:
    assert times(fen, milli_to_qty(milli)) == (2 * fen * milli + 1000) // 2000


# -- splits ---------------------------------------------------------------------------

WEIGHTS = st.lists(
    st.one_of(
        st.integers(min_value=0, max_value=10**6),
        st.integers(min_value=0, max_value=10**6).map(lambda m: Decimal(m) / 1000),
    ),
    min_size=1,
    max_size=40,
).filter(lambda ws: sum(ws) > 0)


@given(FEN, WEIGHTS)
@example(6, [1, 1, 1, 1])  # 1.5 fen each
@example(15, [1] * 10)  # 1.5 fen each, ten ways
@example(100, [1, 1, 1])
def test_split_adds_up_and_each_share_is_within_a_fen(
    total: int, weights: list[int | Decimal]
) -> None:
    """CONVENTIONS: each share rounds half up, the last takes the remainder; only a
    remainder that would be negative makes the rounding carry from share to share."""
    shares = split(total, weights)
    assert len(shares) == len(weights)
    assert all(type(s) is int for s in shares)
    assert sum(shares) == total
    assert all(s >= 0 for s in shares), (shares, weights)
    whole = sum(Fraction(w) for w in weights)
    exact = [Fraction(total) * Fraction(w) / whole for w in weights]
    half_up = [int(x + Fraction(1, 2)) for x in exact[:-1]]
    if total - sum(half_up) >= 0:
        assert shares[:-1] == half_up
    else:
        for share, x in zip(shares, exact, strict=True):
            assert abs(share - x) < 1, (shares, weights)


@given(FEN, st.integers(min_value=1, max_value=60))
def test_split_even_adds_up(total: int, parts: int) -> None:
    shares = split_even(total, parts)
    assert len(shares) == parts
    assert sum(shares) == total
    assert min(shares) >= 0, shares
    assert max(shares[:-1], default=0) - min(shares[:-1], default=0) <= 1, shares


def test_split_a_few_fen_over_many_shares_never_goes_negative() -> None:
    assert split_even(6, 4) == [2, 2, 2, 0]  # the remainder rule, as CONVENTIONS says
    assert split_even(15, 10) == [2, 1, 2, 1, 2, 1, 2, 1, 2, 1]  # carried: never negative
    assert split_even(100000, 7) == [14286] * 6 + [14284]


def test_split_examples() -> None:
    assert split(100, [1, 1]) == [50, 50]
    assert split(101, [1, 1]) == [51, 50]  # 50.5 rounds half up; the last takes the rest
    assert split(1000, [Decimal("0.3"), Decimal("0.7")]) == [300, 700]
    assert split(0, [1, 2, 3]) == [0, 0, 0]
    assert split(500, [0, 1]) == [0, 500]
    assert split(500, []) == []


def test_split_by_nothing_is_exit_2() -> None:
    with pytest.raises(InputError) as info:
        split(100, [0, 0])
    assert info.value.exit_code == 2


# -- quantities -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "qty"),
    [
        ("3", "3"),
        ("2.5", "2.5"),
        ("0.125", "0.125"),
        ("1,000.125", "1000.125"),
        ("12.500", "12.5"),
        ("0", "0"),
        ("0.000", "0"),
        ("007", "7"),
    ],
)
def test_parse_qty_accepts(text: str, qty: str) -> None:
    value = parse_qty(text)
    assert isinstance(value, Decimal)
    assert value == Decimal(qty)


@pytest.mark.parametrize(
    "text", ["0.1234", "1.0000", "-1", "-0.5", "abc", "1,00", "", "1e3", "2.5kg", "1/2", "NaN"]
)
def test_parse_qty_rejects(text: str) -> None:
    with pytest.raises(InputError) as info:
        parse_qty(text)
    assert info.value.exit_code == 2


@pytest.mark.parametrize("text", ["0", "0.000", "0.0"])
def test_parse_qty_refuses_zero_when_asked(text: str) -> None:
    with pytest.raises(InputError) as info:
        parse_qty(text, allow_zero=False)
    assert info.value.exit_code == 2
    assert parse_qty("0.001", allow_zero=False) == Decimal("0.001")


@pytest.mark.parametrize(
    ("qty", "text"),
    [
        (Decimal("2.500"), "2.5"),
        (Decimal("3.000"), "3"),
        (Decimal("100"), "100"),
        (Decimal("1E+3"), "1000"),
        (Decimal("0.010"), "0.01"),
        (Decimal("0.001"), "0.001"),
        (Decimal("0"), "0"),
        (Decimal("0.000"), "0"),
        (12, "12"),
        (Decimal("1234567.125"), "1234567.125"),
    ],
)
def test_qty_str_normal_form(qty: Decimal | int, text: str) -> None:
    assert qty_str(qty) == text


@given(MILLI)
def test_qty_round_trip(milli: int) -> None:
    qty = milli_to_qty(milli)
    text = qty_str(qty)
    assert "E" not in text.upper() and not text.endswith(".")
    if "." in text:
        assert not text.endswith("0")
        assert len(text.split(".")[1]) <= 3
    assert parse_qty(text) == qty
    assert qty_to_milli(parse_qty(text)) == milli
    assert Fraction(text) == Fraction(milli, 1000)


@given(st.integers(min_value=0, max_value=10**9 - 1), st.integers(min_value=0, max_value=3))
def test_parse_qty_with_up_to_three_places(whole: int, places: int) -> None:
    frac = "7" * places
    text = f"{whole}.{frac}" if places else str(whole)
    assert parse_qty(text) == Decimal(text)
    assert parse_qty(f"{whole:,}" + (f".{frac}" if places else "")) == Decimal(text)


@given(
    st.integers(min_value=0, max_value=10**9),
    st.text(alphabet="0123456789", min_size=4, max_size=7),
)
def test_parse_qty_refuses_a_fourth_place(whole: int, frac: str) -> None:
    with pytest.raises(InputError) as info:
        parse_qty(f"{whole}.{frac}")
    assert info.value.exit_code == 2


def test_qty_to_milli_refuses_more_places() -> None:
    assert qty_to_milli(Decimal("2.5")) == 2500
    with pytest.raises(InputError):
        qty_to_milli(Decimal("0.0005"))


@pytest.mark.parametrize(
    ("fen", "words"),
    [
        (123450, "壹仟贰佰叁拾肆元伍角整"),  # the example
        (100405, "壹仟零肆元零伍分"),  # the example: zeros in the yuan and the 角
        (0, "零元整"),
        (5, "伍分"),
        (50, "伍角整"),
        (55, "伍角伍分"),
        (100, "壹元整"),
        (1000, "壹拾元整"),
        (1005, "壹拾元零伍分"),
        (168032, "壹仟陆佰捌拾元叁角贰分"),
        (10000500, "壹拾万零伍元整"),
        (100000000, "壹佰万元整"),
        (1000010000, "壹仟万零壹佰元整"),
        (10000000000, "壹亿元整"),
        (10000100000, "壹亿零壹仟元整"),
        (10010000000, "壹亿零壹拾万元整"),
        (409006000700, "肆拾亿玖仟零陆万零柒元整"),
        (9999999999999, "玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
        (-1250, "负壹拾贰元伍角整"),
    ],
)
def test_amount_in_chinese_capitals(fen: int, words: str) -> None:
    assert money.in_words(fen) == words


@pytest.mark.parametrize(
    ("fen", "words"),
    [
        (123450, "壹仟贰佰叁拾肆元伍角整"),
        (100405, "壹仟零肆元零伍分"),
        (5, "伍分"),
        (10000000, "壹拾万元整"),
        (1000, "壹拾元整"),
        (100000010, "壹佰万元零壹角整"),
        (168032, "壹仟陆佰捌拾元零叁角贰分"),
        (1050, "壹拾元零伍角整"),
        (0, "零元整"),
    ],
)
def test_amount_in_words_worked_examples(fen: int, words: str) -> None:
    assert money.amount_in_words(fen) == words


def test_amount_in_words_refuses_negative() -> None:
    with pytest.raises(ValueError):
        money.amount_in_words(-1)


_CAPITAL = {d: i for i, d in enumerate("零壹贰叁肆伍陆柒捌玖")}
_UNIT = {"拾": 10, "佰": 100, "仟": 1000}


def _parse_capitals(words: str) -> int:
    """A small reader of 大写 amounts, independent of the writer: back to fen."""
    assert words.endswith(("整", "分")), words
    body = words.removesuffix("整")
    fen = 0
    yuan_part, _sep, small = body.partition("元") if "元" in body else ("", "", body)
    total = section = digit = 0
    for ch in yuan_part:
        if ch in _CAPITAL:
            digit = _CAPITAL[ch]
        elif ch in _UNIT:
            section += digit * _UNIT[ch]
            digit = 0
        elif ch == "万":
            section += digit
            total += section * 10_000
            section = digit = 0
        elif ch == "亿":
            section += digit
            total = (total + section) * 100_000_000
            section = digit = 0
        else:
            raise AssertionError(ch)
    total += section + digit
    fen = total * 100
    small = small.lstrip("零")
    rest = small
    if "角" in rest:
        j, rest = rest.split("角", 1)
        fen += _CAPITAL[j] * 10
        rest = rest.lstrip("零")
    if "分" in rest:
        f, rest = rest.split("分", 1)
        fen += _CAPITAL[f]
    assert rest == "", words
    return fen


@given(st.integers(min_value=0, max_value=10**12))
@example(100000010)
@example(10000100000)
@example(409006000700)
def test_amount_in_words_parses_back(fen: int) -> None:
    words = money.amount_in_words(fen)
    assert "零零" not in words
    assert _parse_capitals(words) == fen
