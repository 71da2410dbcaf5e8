"""Reading .csv files: encodings Excel and older Vietnamese Windows write."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khuyencong.formats.csv import DELIMITERS, _Sniffer
from khuyencong.workbook_files import UnreadableFile, read_workbook_file
from transforms.reading.workbook import understand_workbook


def test_csv_in_a_legacy_code_page_is_decoded(tmp_path: Path) -> None:
    # Windows-1258 spells tones as combining marks after a base letter (ê, ơ are precomposed)
    legacy = "Chi\u0309 tiêu;Năm 2010\nSô\u0301 lơ\u0301p;12\n".encode("cp1258")
    (tmp_path / "bc.csv").write_bytes(legacy)
    (tmp_path / "bom.csv").write_bytes("\ufeffChỉ tiêu,Năm 2010\nSố lớp,12\n".encode())
    for name in ("bc.csv", "bom.csv"):
        sheet = read_workbook_file(tmp_path / name).sheets[0]
        assert sheet.value(0, 0) == "Chỉ tiêu"
        assert sheet.value(1, 1) == "12"


def test_a_csv_holding_nul_bytes_is_named_for_its_encoding_not_read_as_garbage(
    tmp_path: Path,
) -> None:
    """UTF-16 without its byte-order mark decodes as cp1258 without an error, into text that
    is no report; NUL bytes in a csv are named instead (a UTF-16 file with its mark reads)."""
    text = "Chỉ tiêu;Năm 2010\nSố lớp;12\n"
    (tmp_path / "utf16.csv").write_bytes(text.encode("utf-16-le"))
    (tmp_path / "nul.csv").write_bytes(b"a;b\x00;c\n")
    (tmp_path / "bom.csv").write_bytes(text.encode("utf-16"))
    for name in ("utf16.csv", "nul.csv"):
        with pytest.raises(UnreadableFile) as raised:
            read_workbook_file(tmp_path / name)
        assert raised.value.rule == "unreadable-file"
        assert "NUL bytes" in raised.value.reason
    assert read_workbook_file(tmp_path / "bom.csv").sheets[0].value(1, 1) == "12"


# Labels a hostile or careless sender could type, each of which a spreadsheet would compute
FORMULA_LABELS = ("+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", "=1+1", '=HYPERLINK("http://x","a")')


def test_labels_that_look_like_formulas_are_text_and_their_rows_are_findings(
    tmp_path: Path,
) -> None:
    """Each such row is a warning at its figure: not a fact, and not a part of the row above
    (the "+" of "+cmd|..." and the "-" of "-2+3" read as bullets once hid them there)."""
    figures = (24, 4, 6, 2, 20)
    lines = [
        "BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG TỈNH ĐIỆN BIÊN NĂM 2010;;;",
        "STT;Chỉ tiêu;ĐVT;Năm 2010",
        "1;Số lao động được đào tạo;người;865",
        *(
            f"{n};{label};lớp;{figure}"
            for n, label, figure in zip(range(2, 7), FORMULA_LABELS, figures, strict=True)
        ),
    ]
    path = tmp_path / "BC_KhuyenCong_DienBien_2010.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")
    reading = understand_workbook(read_workbook_file(path))
    assert [(f.indicator, f.value) for f in reading.facts] == [("trained_workers", 865)]
    assert [(f.rule, f.cell, f.value) for f in reading.findings] == [
        ("row-not-read", f"D{row}", str(figure)) for row, figure in enumerate(figures, start=4)
    ]


def _sniffed(sniffer: csv.Sniffer, sample: str) -> tuple[object, ...] | str:
    try:
        dialect = sniffer.sniff(sample, delimiters=DELIMITERS)
    except csv.Error as error:
        return str(error)
    return (dialect.delimiter, dialect.quotechar, dialect.doublequote, dialect.skipinitialspace)


LINES = st.lists(
    st.text(alphabet=st.sampled_from(list(";,\t \"'a1. -\n")), max_size=40), max_size=30
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(LINES)
def test_the_sniffer_picks_the_dialect_csv_sniffer_picks(lines: list[str]) -> None:
    """It counts only the candidate delimiters, and must decide exactly as csv.Sniffer."""
    sample = "\n".join(lines)
    assert _sniffed(_Sniffer(), sample) == _sniffed(csv.Sniffer(), sample)


def test_the_sniffer_picks_the_dialect_csv_sniffer_picks_in_reports() -> None:
    samples = [
        "BÁO CÁO;;;\nChỉ tiêu;Năm 2010;Năm 2011;\nSố lớp;12;13;\nKinh phí;1.234,5;2.000;\n",
        "a,b,c\n1,2,3\n4,5\n" * 8,
        "Tên\tSố\nA\t1\nB\t2\n",
        'x;"2.345,5";y\nz;"1,0";w\n',
        "only one column\nand another line\n",
        "a, b, c\n1, 2, 3\n",
    ]
    for sample in samples:
        assert _sniffed(_Sniffer(), sample) == _sniffed(csv.Sniffer(), sample)
