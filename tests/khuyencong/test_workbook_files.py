"""Choosing a file's format (its bytes first, its name second) and saying why one cannot open."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from khuyencong.workbook_files import UnreadableFile, format_of, read_workbook_file
from tests.markup import save_html, save_spreadsheetml
from tests.ods import save_ods
from tests.sheets import save_xls, save_xlsx
from transforms.model import CellValue

ROWS: list[list[CellValue]] = [
    ["BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2011"],
    ["Chỉ tiêu", "ĐVT", "Thực hiện"],
    ["Số lớp đào tạo nghề", "lớp", 12],
]
Writer = Callable[..., Path]


def _save_csv(path: Path, sheet_name: str, rows: list[list[CellValue]]) -> Path:
    text = "\n".join(";".join("" if v is None else str(v) for v in row) for row in rows)
    path.write_text(text, encoding="utf-8")
    return path


# Each format under its own suffix, then under every other name it is read by its bytes from
# (web exports and renamed workbooks, which Excel opens after a warning)
@pytest.mark.parametrize(
    ("writer", "own", "others", "format_name"),
    [
        (save_xlsx, ".xlsx", (".xlsm", ".xls", ".XLS"), "xlsx"),
        (save_xls, ".xls", (".xlsx", ".xlsm", ".XLSX"), "xls"),
        (save_ods, ".ods", (), "ods"),
        (_save_csv, ".csv", (".CSV",), "csv"),
        (save_html, ".xls", (".xlsx", ".xlsm", ".xlsb", ".ods"), "html"),
        (save_spreadsheetml, ".xls", (".xlsx", ".xlsm", ".xlsb", ".ods"), "spreadsheetml"),
    ],
)
def test_each_format_is_chosen_by_its_bytes_whatever_the_suffix(
    tmp_path: Path, writer: Writer, own: str, others: tuple[str, ...], format_name: str
) -> None:
    original = writer(tmp_path / f"bao_cao{own}", "BC", ROWS)
    expected = read_workbook_file(original).sheets
    assert expected[0].value(2, 2) in (12, "12")
    for suffix in (own, *others):
        renamed = tmp_path / suffix.strip(".") / f"bao_cao{suffix}"
        renamed.parent.mkdir()
        renamed.write_bytes(original.read_bytes())
        assert format_of(renamed.name, renamed.read_bytes()).name == format_name, suffix
        workbook = read_workbook_file(renamed)
        assert (workbook.file_name, workbook.sheets) == (renamed.name, expected), suffix


def test_a_name_that_is_no_workbook_s_is_not_a_spreadsheet_whatever_the_bytes(
    tmp_path: Path,
) -> None:
    page = save_html(tmp_path / "bao_cao.htm", "BC", ROWS)
    with pytest.raises(UnreadableFile) as raised:
        read_workbook_file(page)
    assert (raised.value.rule, raised.value.reason) == (
        "not-a-spreadsheet",
        "a .htm file is not a spreadsheet format",
    )


@pytest.mark.parametrize(
    ("name", "content", "rule", "words"),
    [
        (
            "bc.xlsx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
            "password-protected",
            "encrypted",
        ),
        ("bc.pdf", b"%PDF-1.4 scanned", "not-a-spreadsheet", "PDF"),
        ("bc.xls", b"", "unreadable-file", "empty"),
        ("bc.xlsx", b"PK\x03\x04 cut short", "unreadable-file", "damaged"),
        ("bc.docx", b"PK\x03\x04 a word file", "not-a-spreadsheet", "format"),
    ],
)
def test_a_file_that_cannot_be_opened_says_why(
    tmp_path: Path, name: str, content: bytes, rule: str, words: str
) -> None:
    (tmp_path / name).write_bytes(content)
    with pytest.raises(UnreadableFile) as raised:
        read_workbook_file(tmp_path / name)
    assert raised.value.rule == rule
    assert words in raised.value.reason


def test_a_malformed_page_is_unreadable_with_what_it_is(tmp_path: Path) -> None:
    document = b'<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook'
    (tmp_path / "bc.xls").write_bytes(document)
    with pytest.raises(UnreadableFile) as raised:
        read_workbook_file(tmp_path / "bc.xls")
    assert raised.value.rule == "unreadable-file"
    assert raised.value.reason.startswith("the Excel 2003 XML document is malformed (")
