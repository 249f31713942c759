"""The one way in and out for money (integer fen) and quantities (exact decimals).

Money is stored as integer fen. Quantities are exact decimals with at most three
places, stored as integer thousandths ("milli"). No binary float ever enters.
Division rounds ROUND_HALF_UP to the fen and the last share takes the remainder.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _

_PLAIN = re.compile(r"^(\d+)(?:\.(\d+))?$")
_GROUPED = re.compile(r"^(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$")
QTY_PLACES = 3
MILLI = 1000
# Every amount, total and value at most ¥99,999,999,999.99 and every quantity at most
# 999,999,999.999: they and their sums fit the ledger's 64-bit integer columns.
MAX_FEN = 10**13 - 1
MAX_QTY = Decimal("999999999.999")


def _split_number(text: str) -> tuple[str, str] | None:
    m = _PLAIN.match(text) or _GROUPED.match(text)
    if not m:
        return None
    return m.group(1).replace(",", ""), m.group(2) or ""


def parse_money(text: str) -> int:
    """'12', '12.5', '¥12.50', '1,234.50' -> fen. Exit 2 on anything else."""
    raw = str(text).strip()
    s = raw
    if s.startswith("-"):
        raise InputError(
            _("Invalid amount {text!r}: an amount cannot be negative.").format(text=raw)
        )
    for sign in ("¥", "￥"):
        if s.startswith(sign):
            s = s[len(sign) :].strip()
    if s.endswith("元"):
        s = s[:-1].strip()
    parts = _split_number(s)
    if parts is None:
        raise InputError(
            _("Invalid amount {text!r}: write it like 12, 12.50, ¥12.50 or 1,234.50.").format(
                text=raw
            )
        )
    whole, frac = parts
    if len(frac) > 2:
        raise InputError(
            _("Invalid amount {text!r}: money has at most two decimal places (fen).").format(
                text=raw
            )
        )
    fen = int(whole) * 100 + int((frac + "00")[:2])
    if fen > MAX_FEN:
        raise InputError(
            _("Invalid amount {text!r}: at most {most}.").format(
                text=raw, most=format_money(MAX_FEN)
            )
        )
    return fen


def check_total(fen: int) -> int:
    """A computed total (a unit value times a quantity) within MAX_FEN; exit 2 otherwise."""
    if fen > MAX_FEN:
        raise InputError(
            _("The total {amount} is more than {most}: check the quantity and the price.").format(
                amount=format_money(fen), most=format_money(MAX_FEN)
            )
        )
    return fen


def money_str(fen: int) -> str:
    """Fen -> '1234.50' (JSON and CSV)."""
    sign = "-" if fen < 0 else ""
    q, r = divmod(abs(fen), 100)
    return f"{sign}{q}.{r:02d}"


def format_money(fen: int) -> str:
    """Fen -> '¥1,234.50' (tables)."""
    sign = "-" if fen < 0 else ""
    q, r = divmod(abs(fen), 100)
    return f"{sign}¥{q:,}.{r:02d}"


def parse_qty(text: str, *, allow_zero: bool = True) -> Decimal:
    """'3', '2.5', '1,000.125' -> Decimal with at most three places; exit 2 otherwise."""
    raw = str(text).strip()
    if raw.startswith("-"):
        raise InputError(_("Invalid quantity {text!r}: it cannot be negative.").format(text=raw))
    parts = _split_number(raw)
    if parts is None:
        raise InputError(
            _("Invalid quantity {text!r}: write a number like 3, 2.5 or 0.125.").format(text=raw)
        )
    whole, frac = parts
    if len(frac) > QTY_PLACES:
        raise InputError(
            _("Invalid quantity {text!r}: at most three decimal places.").format(text=raw)
        )
    value = Decimal(f"{whole}.{frac}" if frac else whole)
    if value > MAX_QTY:
        raise InputError(
            _("Invalid quantity {text!r}: at most {most}.").format(text=raw, most=f"{MAX_QTY:,}")
        )
    if not allow_zero and value == 0:
        raise InputError(
            _("Invalid quantity {text!r}: it must be more than zero.").format(text=raw)
        )
    return value


def qty_to_milli(qty: Decimal) -> int:
    scaled = qty * MILLI
    if scaled != scaled.to_integral_value():
        raise InputError(
            _("Invalid quantity {text!r}: at most three decimal places.").format(text=str(qty))
        )
    return int(scaled)


def milli_to_qty(milli: int) -> Decimal:
    return Decimal(milli) / MILLI


def qty_str(qty: Decimal | int) -> str:
    """An exact decimal string without exponent or trailing zeros: '12.5', '3'."""
    d = Decimal(qty)
    if d == d.to_integral_value():
        return str(d.quantize(Decimal(1)))
    return format(d.normalize(), "f")


def round_fen(value: Decimal) -> int:
    """Round an exact decimal number of fen half up to a whole fen."""
    try:
        return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    except InvalidOperation as exc:  # pragma: no cover - only on absurd magnitudes
        raise InputError(str(exc)) from exc


def times(fen: int, qty: Decimal | int) -> int:
    """Unit price x quantity, rounded half up to the fen."""
    return round_fen(Decimal(fen) * Decimal(qty))


def divide(fen: int, divisor: Decimal | int) -> int:
    """A money amount divided (an average, a unit cost), rounded half up to the fen."""
    d = Decimal(divisor)
    if d == 0:
        raise InputError(_("Cannot divide an amount by zero."))
    return round_fen(Decimal(fen) / d)


def split(total: int, weights: Sequence[Decimal | int]) -> list[int]:
    """Split `total` fen by weights so that the shares add up to the total.

    Every share but the last rounds half up and the last takes the remainder
    (CONVENTIONS). Only where that would leave the last share negative (a few
    fen over many shares) is the rounding carried from share to share instead,
    so that no share is negative and none is off by a whole fen."""
    if not weights:
        return []
    w = [Decimal(x) for x in weights]
    whole = sum(w, Decimal(0))
    if whole == 0:
        raise InputError(_("Cannot divide an amount by zero."))
    exact = [Decimal(total) * x / whole for x in w]
    shares = [round_fen(x) for x in exact[:-1]]
    shares.append(total - sum(shares))
    if shares[-1] >= 0:
        return shares
    carried: list[int] = []
    running, before = Decimal(0), 0
    for x in exact:
        running += x
        upto = round_fen(running)
        carried.append(upto - before)
        before = upto
    carried[-1] += total - before
    return carried


def split_even(total: int, parts: int) -> list[int]:
    return split(total, [1] * parts)


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_PLACES = ("", "拾", "佰", "仟")
_SECTIONS = ("", "万", "亿", "万亿")


def in_words(fen: int) -> str:
    """Fen -> the amount in Chinese capitals (人民币大写) as 票据和结算凭证 are filled:
    ¥1,234.50 -> 壹仟贰佰叁拾肆元伍角整, ¥1,004.05 -> 壹仟零肆元零伍分, 0 -> 零元整.
    Zeros inside the yuan are one 零; a 零 stands for an empty 角 before a 分; 整 ends an
    amount without 分 (中国人民银行《支付结算办法》附一《正确填写票据和结算凭证的基本规定》)."""
    if fen < 0:
        return "负" + in_words(-fen)
    yuan, rest = divmod(fen, 100)
    jiao, cent = divmod(rest, 10)
    words = ""
    pending_zero = False
    section_used = False
    digits = str(yuan)
    for i, ch in enumerate(digits):
        pos = len(digits) - 1 - i
        d = int(ch)
        if d == 0:
            pending_zero = bool(words)
        else:
            if pending_zero:
                words += "零"
                pending_zero = False
            words += _DIGITS[d] + _PLACES[pos % 4]
            section_used = True
        if pos % 4 == 0:
            if section_used and pos:
                words += _SECTIONS[pos // 4]
                pending_zero = False  # its trailing zeros need no 零; the next one's leading do
            section_used = False
    if yuan:
        words += "元"
    if jiao:
        words += _DIGITS[jiao] + "角"
    elif cent and yuan:
        words += "零"
    if cent:
        words += _DIGITS[cent] + "分"
    elif yuan or jiao:
        words += "整"
    return words or "零元整"


def amount_in_words(fen: int) -> str:
    """The amount a form prints in 大写 (人民币大写), as `in_words` writes it, with a 零
    after a 元 whose units place is empty before a 角 (¥1,000,000.10 -> 壹佰万元零壹角整,
    the way the 附一 example ¥1,680.32 may also be written). A form's amount is never
    negative: a negative one is a mistake upstream (ValueError)."""
    if fen < 0:
        raise ValueError(f"amount_in_words: a negative amount ({fen} fen) has no 大写 form")
    words = in_words(fen)
    yuan, rest = divmod(fen, 100)
    if yuan and yuan % 10 == 0 and rest >= 10:
        words = words.replace("元", "元零", 1)
    return words
