"""Budgets: a hostile file is refused before a parser opens it, naming the limit and the measure.

Every hostile file here is written by its test, small on disk, and refused from its bytes (the
zip's central directory, the sheets' XML streamed, the .ods repeat counts, the csv lines): none
is ever inflated or built whole, so the tests allocate nothing near what the file claims.
"""

from __future__ import annotations

import re
import struct
import zipfile
from collections.abc import Iterable
from pathlib import Path

import pytest
import xlwt
from openpyxl import Workbook as XlsxWorkbook

from khuyencong.formats.budgets import REFUSING_RULES, default_budgets
from khuyencong.sandbox import read_isolated
from khuyencong.workbook_files import UnreadableFile, read_workbook_file
from tests.hostile.corpus import lying_sizes
from tests.ods import save_ods
from transforms.findings import messages

SHEET = "xl/worksheets/sheet1.xml"


def _refusal(path: Path) -> UnreadableFile:
    with pytest.raises(UnreadableFile) as raised:
        read_workbook_file(path)
    return raised.value


def _xlsx(path: Path, sheet_data: Iterable[bytes], after: bytes = b"") -> Path:
    """A one-sheet .xlsx whose ``<sheetData>`` is ``sheet_data`` (streamed into the zip) and
    whose sheet continues with ``after`` (merged ranges, say)."""
    book = XlsxWorkbook()
    book.active["A1"] = "x"
    source = path.with_suffix(".source.xlsx")
    book.save(source)
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for member in old.infolist():
            data = old.read(member)
            if member.filename != SHEET:
                new.writestr(member, data)
                continue
            head, rest = data.split(b"<sheetData>")
            tail = rest.split(b"</sheetData>")[1]
            with new.open(SHEET, "w") as sheet:
                sheet.write(head + b"<sheetData>")
                for piece in sheet_data:
                    sheet.write(piece)
                sheet.write(b"</sheetData>" + after + tail)
    return path


def _ods_ending_with(path: Path, rows: str) -> Path:
    """The .ods at ``path`` with ``rows`` (XML) added at the end of its table."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    ending = rows.encode() + b"</table:table>"
    members["content.xml"] = members["content.xml"].replace(b"</table:table>", ending)
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _row(number: int, columns: str = "A") -> bytes:
    cells = "".join(f'<c r="{c}{number}"><v>{number}</v></c>' for c in columns)
    return f'<row r="{number}">{cells}</row>'.encode()


def test_the_defaults_come_from_the_configuration_and_can_be_overridden() -> None:
    budgets = default_budgets(sheets=3)
    assert budgets.sheets == 3
    assert budgets.max_row == 1_048_576 and budgets.max_column == 16_384


def test_a_merged_range_over_the_whole_grid_is_refused_with_the_cells_it_covers(
    tmp_path: Path,
) -> None:
    merge = b'<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
    refusal = _refusal(_xlsx(tmp_path / "gop.xlsx", [_row(1)], merge))
    assert refusal.rule == "file-too-large"
    assert refusal.params["measured"] == "17 179 869 184"
    vi, en = messages(refusal.finding())
    assert "17 179 869 184" in vi and "2 000 000" in vi
    assert "17 179 869 184" in en and "over the limit of 2 000 000" in en


def test_a_sheet_of_300000_rows_is_refused_before_it_is_read(tmp_path: Path) -> None:
    rows = (_row(n, "G") for n in range(1, 300_001))  # 300,000 rows of 7 columns
    refusal = _refusal(_xlsx(tmp_path / "dai.xlsx", rows))
    assert refusal.rule == "file-too-large"
    assert refusal.params["budget"] == "cells_per_sheet"
    assert refusal.sheet == "Sheet"


def test_a_row_beyond_excels_grid_is_unsafe(tmp_path: Path) -> None:
    refusal = _refusal(_xlsx(tmp_path / "xa.xlsx", [_row(1), _row(1_048_577)]))
    assert (refusal.rule, refusal.params["budget"]) == ("unsafe-file", "max_row")


def test_too_many_sheets_are_refused(tmp_path: Path) -> None:
    book = XlsxWorkbook()
    for number in range(1, 6):
        book.create_sheet(f"S{number}")
    book.save(tmp_path / "nhieu.xlsx")
    with pytest.raises(UnreadableFile) as raised:
        read_workbook_file(tmp_path / "nhieu.xlsx", default_budgets(sheets=5))
    assert raised.value.params["budget"] == "sheets"
    assert raised.value.params["measured"] == "6"


def test_a_csv_line_of_25_million_fields_is_refused_from_its_bytes(tmp_path: Path) -> None:
    path = tmp_path / "dong.csv"
    path.write_bytes(b"1," * 25_000_000)
    refusal = _refusal(path)
    assert (refusal.rule, refusal.params["budget"]) == ("unsafe-file", "max_column")
    assert refusal.params["measured"] == "25 000 001"


def test_an_ods_deflate_bomb_is_refused_from_the_central_directory(tmp_path: Path) -> None:
    path = save_ods(tmp_path / "bom.ods", "BC", [["x"]])
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("Thumbnails/padding.xml", "w") as padding,
    ):
        for _ in range(64):  # 64 MiB of spaces: 64 KiB in the zip
            padding.write(b" " * (1 << 20))
    refusal = _refusal(path)
    assert (refusal.rule, refusal.params["budget"]) == ("unsafe-file", "inflate_ratio")


def test_an_ods_repeat_bomb_is_refused_from_its_repeat_counts(tmp_path: Path) -> None:
    path = save_ods(tmp_path / "lap.ods", "BC", [["x"]])
    bomb = (
        '<table:table-row table:number-rows-repeated="1000000">'
        '<table:table-cell table:number-columns-repeated="1000" office:value-type="float" '
        'office:value="1"/></table:table-row>'
    )
    refusal = _refusal(_ods_ending_with(path, bomb))
    assert refusal.params["budget"] == "cells_per_sheet"
    assert refusal.params["measured"] == "1 000 001 000"


def test_the_empty_rows_libreoffice_pads_a_sheet_with_cost_nothing(tmp_path: Path) -> None:
    path = save_ods(tmp_path / "le.ods", "BC", [["x", 1]])
    padding = (
        '<table:table-row table:number-rows-repeated="1048575">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )
    assert read_workbook_file(_ods_ending_with(path, padding)).sheets[0].rows == (("x", 1),)


def test_an_encrypted_xls_is_password_protected_not_damaged(tmp_path: Path) -> None:
    """xlwt writes no FILEPASS: the record after the globals' BOF becomes one, in place."""
    legacy = xlwt.Workbook()
    legacy.add_sheet("BC").write(0, 0, "x")
    legacy.save(str(tmp_path / "plain.xls"))
    data = bytearray((tmp_path / "plain.xls").read_bytes())
    record = data.find(b"\x09\x08\x10\x00\x00\x06\x05\x00") + 20
    data[record : record + 2] = struct.pack("<H", 0x002F)
    (tmp_path / "khoa.xls").write_bytes(bytes(data))
    refusal = _refusal(tmp_path / "khoa.xls")
    assert refusal.rule == "password-protected"
    assert read_workbook_file(tmp_path / "plain.xls").sheets[0].rows == (("x",),)


def test_a_refusal_is_one_of_the_rules_the_rejection_report_never_reopens(
    tmp_path: Path,
) -> None:
    path = tmp_path / "rong.csv"
    path.write_bytes(b"1;" * 20_000)
    assert _refusal(path).rule in REFUSING_RULES


def _with_prolog(path: Path, member: str, prolog: bytes) -> Path:
    """The zip at ``path`` with ``prolog`` (a DTD) before the root element of ``member``."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    root = re.search(rb"<[A-Za-z]", members[member])
    assert root
    members[member] = members[member][: root.start()] + prolog + members[member][root.start() :]
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(
    "prolog",
    [
        b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
        b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    ],
)
def test_an_xml_part_declaring_entities_is_unsafe_before_any_parser_sees_it(
    tmp_path: Path, prolog: bytes
) -> None:
    refusal = _refusal(_with_prolog(_xlsx(tmp_path / "dtd.xlsx", [_row(1)]), SHEET, prolog))
    assert (refusal.rule, refusal.params["budget"]) == ("unsafe-file", "xml_declarations")
    assert refusal.params["measured"] == str(prolog.count(b"<!"))


def test_an_ods_content_declaring_entities_is_unsafe(tmp_path: Path) -> None:
    path = save_ods(tmp_path / "dtd.ods", "BC", [["x"]])
    refusal = _refusal(_with_prolog(path, "content.xml", b'<!DOCTYPE x [<!ENTITY a "b">]>'))
    assert (refusal.params["budget"], refusal.params["measured"]) == ("xml_declarations", "2")


def _spreadsheetml(path: Path, rows: str) -> Path:
    path.write_text(
        '<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
        f'<Worksheet ss:Name="BC"><Table>{rows}</Table></Worksheet></Workbook>'
    )
    return path


@pytest.mark.parametrize(
    ("rows", "budget", "measured"),
    [
        ('<Row ss:Index="900000000"><Cell><Data ss:Type="Number">1</Data></Cell></Row>',
         "max_row", "900 000 000"),
        ('<Row><Cell ss:Index="20000"><Data ss:Type="Number">1</Data></Cell></Row>',
         "max_column", "20 000"),
        ('<Row ss:Index="1000000"><Cell ss:Index="16000"><Data ss:Type="Number">1</Data>'
         "</Cell></Row>", "cells_per_sheet", "16 000 000 000"),
        ('<Row><Cell ss:MergeDown="9999" ss:MergeAcross="999"><Data ss:Type="String">x</Data>'
         "</Cell></Row>", "cells_per_sheet", "10 000 000"),
    ],
)  # fmt: skip
def test_excel_2003_xml_placing_cells_far_away_is_refused_before_its_grid_is_built(
    tmp_path: Path, rows: str, budget: str, measured: str
) -> None:
    refusal = _refusal(_spreadsheetml(tmp_path / "xa.xls", rows))
    assert (refusal.params["budget"], refusal.params["measured"]) == (budget, measured)


def test_excel_2003_xml_within_the_budgets_reads_its_placed_cells(tmp_path: Path) -> None:
    rows = '<Row ss:Index="3"><Cell ss:Index="2"><Data ss:Type="Number">7</Data></Cell></Row>'
    sheet = read_workbook_file(_spreadsheetml(tmp_path / "gan.xls", rows)).sheets[0]
    assert sheet.rows == ((None, None), (None, None), (None, 7))


def test_a_reader_out_of_memory_is_no_damaged_file(tmp_path: Path) -> None:
    """MemoryError reaches the sandbox, which names the memory budget, rather than becoming
    'the file is malformed ()' (an Excel 2003 row placed a billion rows down, read with the
    grid's budgets lifted)."""
    lifted = default_budgets(
        max_row=10**10,
        cells_per_sheet=10**12,
        cells_per_workbook=10**12,
        memory_per_reader=400 * 2**20,
    )
    path = _spreadsheetml(
        tmp_path / "xa.xls", '<Row ss:Index="900000000"><Cell><Data>1</Data></Cell></Row>'
    )
    ((_, outcome),) = read_isolated([path], lifted)
    assert isinstance(outcome, UnreadableFile)
    assert outcome.params["budget"] == "memory_per_reader"


def test_a_zip_lying_about_a_sheets_size_is_damaged_not_a_reader_failure(
    tmp_path: Path,
) -> None:
    path = tmp_path / "noi_doi.xlsx"
    lying_sizes(path)
    refusal = _refusal(path)
    assert (refusal.rule, refusal.reason) == ("unreadable-file", "the file is damaged (BadZipFile)")
