"""Asset labels: an A4 sheet of labels with QR codes drawn from segno's matrix, and the
count taking a code as a scanner types it."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import Cli, assert_refused, js, snapshot
from tests.forms.conftest import ZH, pdf_pages, pdf_text

from houqin_cli.core.codes import scanned
from houqin_cli.core.forms.labels import qr_runs


def test_labels_of_all_cards(demo: Cli, tmp_path: Path) -> None:
    cards = js(demo.ok("asset", "list", "-f", "json"))
    out = tmp_path / "labels.pdf"
    demo.ok("asset", "label", "--all", "-o", str(out), env=ZH)
    text = pdf_text(out)
    assert text.count("青山实验学校") == len(cards)
    for card in cards:
        assert card["code"] in text and card["name"] in text
    pages = pdf_pages(out)
    assert len(pages) == -(-len(cards) // 24)  # 3x8 to a page
    assert round(float(pages[0].mediabox.width)) == 595
    again = tmp_path / "again.pdf"
    demo.ok("asset", "label", "--all", "-o", str(again), env=ZH)
    assert again.read_bytes() == out.read_bytes()


def test_labels_of_named_cards_and_a_place(demo: Cli, tmp_path: Path) -> None:
    rows = js(demo.ok("asset", "label", "ZC-2020-0001", " zc-2021-0001 ", "-f", "json"))
    assert [r["code"] for r in rows] == ["ZC-2020-0001", "ZC-2021-0001"]
    rows = js(demo.ok("asset", "label", "--place", "音乐室", "-f", "json"))
    assert [r["place"] for r in rows] == ["音乐室"] * len(rows) and rows
    rows = js(demo.ok("asset", "label", "--unit", "一年级(1)班", "-f", "json"))
    assert [r["code"] for r in rows] == ["ZC-2023-0001", "ZC-2024-0001"]  # the class's room 101
    out = tmp_path / "two.pdf"
    demo.ok("asset", "label", "ZC-2020-0001", "--sheet", "2x5", "-o", str(out))
    assert "ZC-2020-0001" in pdf_text(out)


def test_qr_runs_cover_segnos_matrix() -> None:
    import segno

    size, runs = qr_runs("ZC-2026-0001")
    matrix = [
        list(r) for r in segno.make("ZC-2026-0001", error="m", micro=False).matrix_iter(border=0)
    ]
    drawn = [[0] * size for _ in range(size)]
    for row, col, length in runs:
        for x in range(col, col + length):
            drawn[row][x] = 1
    assert drawn == matrix and size == 21


def test_label_refusals(demo: Cli, tmp_path: Path) -> None:
    demo.ok("place", "add", "空教室", "--kind", "classroom")
    before = snapshot(demo.db)
    out = tmp_path / "labels.pdf"
    assert_refused(
        demo, 3, "asset", "label", "--place", "空教室", "-o", str(out), contains="空教室"
    )
    for sheet in ("0x8", "3x0", "3by8", "9x8"):
        assert_refused(demo, 2, "asset", "label", "--all", "--sheet", sheet, "-o", str(out),
                       contains=sheet)  # fmt: skip
    assert_refused(demo, 2, "asset", "label", "-o", str(out), contains="--place")
    assert_refused(demo, 2, "asset", "label", "ZC-2020-0001", "--all", "-o", str(out),
                   contains="--place")  # fmt: skip
    assert_refused(demo, 2, "asset", "label", "--all", "-o", str(tmp_path / "l.png"),
                   contains="extension")  # fmt: skip
    assert not out.exists()
    assert snapshot(demo.db) == before


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("ZC-2026-0001", "ZC-2026-0001"),
        ("  zc-2026-0001\r\n", "ZC-2026-0001"),
        ("ＺＣ－２０２６－０００１", "ZC-2026-0001"),
        ("ｚｃ-2026-0001 ", "ZC-2026-0001"),
        (" 钢琴 ", "钢琴"),
        ("gq", "gq"),
    ],
)
def test_scanned_code(typed: str, code: str) -> None:
    assert scanned(typed) == code


def test_count_record_takes_a_scanned_code(demo: Cli) -> None:
    qc = demo.ok("asset", "count", "start", "--all").stdout.strip()
    demo.ok("asset", "count", "record", qc, "ＺＣ－２０２２－０００１ ", "--found")
    demo.ok("asset", "count", "record", qc, " zc-2020-0001", "--found")
    res = demo("asset", "count", "report", qc, "-f", "json")
    assert res.exit_code == 1  # the other cards are not counted yet
    lines = js(res)["lines"]
    found = {ln["code"] for ln in lines if ln.get("result") == "found"}
    assert {"ZC-2022-0001", "ZC-2020-0001"} <= found
