"""The rejection report a clerk gets back: their workbook with wrong cells marked, and a list."""

from __future__ import annotations

import hashlib
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
import xlwt
from openpyxl import Workbook as XlsxWorkbook
from openpyxl import load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from khuyencong.rejection import (
    FILL_COLOURS,
    HEADER_ROW,
    HEADERS,
    INSTRUCTION,
    LIST_SHEET,
    WHOLE_FILE,
    cell_marks,
    list_rows,
    parse_cell,
    safe_sheet_title,
    write_rejection_workbook,
)
from transforms.contracts import Lineage, finding_rows
from transforms.model import finding

SHEET = "Biểu 01"
INJECTION = '=HYPERLINK("http://example.com/x","20")'
TITLE_BLOCK = [
    ("A1:F1", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("A2:F2", "Độc lập - Tự do - Hạnh phúc"),
    ("A3:F3", "SỞ CÔNG THƯƠNG"),
    ("A4:F4", "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2011"),
]
# a two-row header: a money group over Tổng / KCQG / KCĐP, the other headers merged downwards
HEADER = [
    ("A6:A7", "STT"),
    ("B6:B7", "Chỉ tiêu"),
    ("C6:C7", "ĐVT"),
    ("D6:F6", "Kinh phí (triệu đồng)"),
    ("D7:D7", "Tổng"),
    ("E7:E7", "KCQG"),
    ("F7:F7", "KCĐP"),
]
DATA = [
    [1, 2, 3, 4, 5, 6],
    ["I", "Đào tạo nghề", "lớp", 120, 80, 40],
    ["II", "Mô hình trình diễn", "mô hình", INJECTION, 150, 200],  # D10: text, not a number
    ["", "Tổng cộng", "", 500, 230, 240],  # D11: does not add up
]
MARKED = {"D10", "D11"}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _save_xlsx(path: Path) -> Path:
    book = XlsxWorkbook()
    ws = book.active
    ws.title = SHEET
    for block, text in TITLE_BLOCK + HEADER:
        first = block.split(":")[0]
        ws[first] = text
        ws[first].font = Font(bold=True)
        if block.split(":")[1] != first:
            ws.merge_cells(block)
    for col in "ABCDEF":
        for row in (6, 7):
            ws[f"{col}{row}"].fill = PatternFill(fill_type="solid", fgColor="D9D9D9")
    for offset, values in enumerate(DATA):
        for col, value in enumerate(values, start=1):
            ws.cell(8 + offset, col, value if value != "" else None)
    ws["D10"].data_type = "s"  # the clerk typed text, not a formula
    book.create_sheet("Ghi chú")["A1"] = "Người lập biểu"
    book.save(path)
    return path


def _save_xls(path: Path) -> Path:
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet(SHEET)
    for block, text in TITLE_BLOCK + HEADER:
        first, last = block.split(":")
        (r1, c1), (r2, c2) = parse_cell(first), parse_cell(last)
        if (r1, c1) == (r2, c2):
            ws.write(r1 - 1, c1 - 1, text)
        else:
            ws.write_merge(r1 - 1, r2 - 1, c1 - 1, c2 - 1, text)
    for offset, values in enumerate(DATA):
        for col, value in enumerate(values):
            if value != "":
                ws.write(7 + offset, col, value)
    book.add_sheet("Ghi chú").write(0, 0, "Người lập biểu")
    book.save(str(path))
    return path


def _findings(file_name: str) -> list[dict]:
    lineage = Lineage("ab" * 32, file_name, datetime(2012, 1, 5, tzinfo=UTC), "test")
    found = [
        finding(
            "unparseable-number",
            sheet=SHEET,
            cell="D10",
            value=INJECTION,
            reason="không phải là số",
        ),
        finding("percent-mismatch", sheet=SHEET, cell="D11", value="50", expected="47"),
        finding("province-missing"),
    ]
    return finding_rows(found, lineage)


def _list_lines(ws: Worksheet) -> list[tuple]:
    lines = []
    for row in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True):
        if row[0] is None:
            break
        lines.append(row)
    return lines


def _highlighted(book) -> dict[tuple[str, str], str]:
    """Every cell outside the list that carries one of the report's fills, with its fill."""
    colours = set(FILL_COLOURS.values())
    found = {}
    for ws in book.worksheets[1:]:
        for row in ws.iter_rows():
            for cell in row:
                rgb = cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None
                if isinstance(rgb, str) and rgb[-6:] in colours:
                    found[(ws.title, cell.coordinate)] = rgb[-6:]
    return found


@pytest.mark.parametrize("build", [_save_xlsx, _save_xls], ids=["xlsx", "xls"])
def test_report_marks_the_offending_cells_and_lists_every_finding(tmp_path: Path, build) -> None:
    suffix = ".xlsx" if build is _save_xlsx else ".xls"
    original = build(tmp_path / f"bao_cao_2011{suffix}")
    before = _sha256(original)
    findings = _findings(original.name)

    target = write_rejection_workbook(original, findings, tmp_path / "out" / "bao_cao.loi.xlsx")

    assert _sha256(original) == before
    book = load_workbook(target)
    assert book.sheetnames == [LIST_SHEET, SHEET, "Ghi chú"]
    assert book.active.title == LIST_SHEET
    listing = book[LIST_SHEET]
    assert original.name in listing["A1"].value
    assert INSTRUCTION in listing["A2"].value
    assert "1 cảnh báo" in listing["A2"].value and "2 lỗi" in listing["A2"].value
    assert [c.value for c in listing[HEADER_ROW]] == list(HEADERS)
    assert listing.freeze_panes == f"A{HEADER_ROW + 1}"

    lines = _list_lines(listing)
    assert len(lines) == len(findings)
    by_rule = {line[5]: line for line in lines}
    assert lines[0][1] == WHOLE_FILE  # the whole-file finding first, with no cell
    assert by_rule["province-missing"][2] is None
    assert [(line[1], line[2]) for line in lines[1:]] == [(SHEET, "D10"), (SHEET, "D11")]
    assert {line[6] for line in lines} == {row["message_vi"] for row in findings}
    assert by_rule["unparseable-number"][4] == "Lỗi"
    assert by_rule["percent-mismatch"][4] == "Cảnh báo"
    assert [line[0] for line in lines] == [1, 2, 3]

    # formula injection: the value is text in the list, never a formula
    value_cell = listing.cell(HEADER_ROW + 2, 4)
    assert value_cell.value == INJECTION and value_cell.data_type == "s"
    with zipfile.ZipFile(target) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")

    assert _highlighted(book) == {
        (SHEET, "D10"): FILL_COLOURS["error"],
        (SHEET, "D11"): FILL_COLOURS["warning"],
    }
    sheet = book[SHEET]
    for row in findings[:2]:
        comment = sheet[row["cell"]].comment
        assert comment is not None
        assert row["message_vi"] in comment.text and row["rule"] in comment.text
    commented = {c.coordinate for r in sheet.iter_rows() for c in r if c.comment is not None}
    assert commented == MARKED

    # the clerk's workbook is still theirs: title, merged header and values in place
    assert sheet["A1"].value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert {"A1:F1", "A6:A7", "D6:F6"} <= {str(r) for r in sheet.merged_cells.ranges}
    assert (sheet["B11"].value, sheet["D11"].value) == ("Tổng cộng", 500)
    assert sheet["D10"].value == INJECTION and sheet["D10"].data_type == "s"


def test_an_unreadable_original_gets_the_list_alone(tmp_path: Path) -> None:
    original = tmp_path / "hong.xlsx"
    original.write_bytes(b"\x00garbage, not a zip\xff" * 20)
    before = _sha256(original)
    findings = _findings(original.name)

    target = write_rejection_workbook(original, findings, tmp_path / "hong.loi.xlsx")

    assert _sha256(original) == before
    book = load_workbook(target)
    assert book.sheetnames == [LIST_SHEET]
    lines = _list_lines(book[LIST_SHEET])
    assert sorted(line[5] for line in lines) == sorted(row["rule"] for row in findings)
    assert INSTRUCTION not in book[LIST_SHEET]["A2"].value  # no coloured cells to point to


def test_a_finding_inside_a_merged_range_is_noted_on_its_visible_cell(tmp_path: Path) -> None:
    original = _save_xlsx(tmp_path / "gop.xlsx")
    rows = [{"sheet": SHEET, "cell": "E6", "value": "x", "rule": "r", "severity": "warning"}]
    rows[0]["message_vi"] = "Tiêu đề nhóm cột"
    book = load_workbook(write_rejection_workbook(original, rows, tmp_path / "gop.loi.xlsx"))
    assert _highlighted(book) == {(SHEET, "D6"): FILL_COLOURS["warning"]}
    assert "Tiêu đề nhóm cột" in book[SHEET]["D6"].comment.text


def test_a_csv_with_a_name_excel_refuses_as_a_tab_is_rebuilt_and_linked(tmp_path: Path) -> None:
    original = tmp_path / "[2011] bao cao.csv"
    original.write_text("Chỉ tiêu,Năm 2011\nSố lớp,khoảng 20\n", encoding="utf-8")
    rows = _findings(original.name)[:1]
    rows[0] |= {"sheet": "[2011] bao cao", "cell": "B2"}
    book = load_workbook(write_rejection_workbook(original, rows, tmp_path / "csv.loi.xlsx"))
    tab = book.sheetnames[1]
    assert tab == "_2011_ bao cao"
    assert _highlighted(book) == {(tab, "B2"): FILL_COLOURS["error"]}
    link = book[LIST_SHEET].cell(HEADER_ROW + 1, 3)
    assert link.hyperlink.location == f"'{tab}'!B2"
    assert book[LIST_SHEET].cell(HEADER_ROW + 1, 2).value == "[2011] bao cao"  # the clerk's name


def _with_cached_value(path: Path, formula: str, value: str) -> None:
    """Store the value Excel would have computed for ``formula`` (openpyxl writes none)."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    written = f"<f>{formula}</f><v />".encode()
    assert written in parts[sheet]
    parts[sheet] = parts[sheet].replace(written, f"<f>{formula}</f><v>{value}</v>".encode())
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_formulas_of_the_original_are_not_carried_live_into_the_copy(tmp_path: Path) -> None:
    """A formula becomes the value Excel last computed for it, or its text when the file keeps
    none: the copy we send back runs nothing when the clerk opens it."""
    original = _save_xlsx(tmp_path / "cong_thuc.xlsx")
    book = load_workbook(original)
    book[SHEET]["E11"] = "=SUM(E8:E10)"
    book[SHEET]["F11"] = "=cmd|' /C calc'!A0"
    book.save(original)
    _with_cached_value(original, "SUM(E8:E10)", "230")
    rows = _findings(original.name)
    copy = load_workbook(write_rejection_workbook(original, rows, tmp_path / "ct.loi.xlsx"))
    sheet = copy[SHEET]
    assert (sheet["E11"].value, sheet["E11"].data_type) == (230, "n")
    assert (sheet["F11"].value, sheet["F11"].data_type) == ("=cmd|' /C calc'!A0", "s")
    assert sheet["F11"].quotePrefix
    with zipfile.ZipFile(tmp_path / "ct.loi.xlsx") as archive:
        assert not any(b"<f>" in archive.read(n) for n in archive.namelist() if "sheet" in n)


def test_several_findings_on_one_cell_share_one_comment_and_the_worst_colour() -> None:
    rows = [
        {"sheet": "S", "cell": "b3", "rule": "total-mismatch", "severity": "warning"},
        {"sheet": "S", "cell": "B3", "rule": "excel-error", "severity": "error"},
        {"sheet": "S", "cell": None, "rule": "legacy-encoding-repaired", "severity": "warning"},
        {"sheet": None, "cell": None, "rule": "province-missing", "severity": "error"},
    ]
    for row in rows:
        row["message_vi"] = f"Thông báo {row['rule']}"
    (mark,) = cell_marks(rows)
    assert (mark.sheet, mark.row, mark.col, mark.severity) == ("S", 3, 2, "error")
    assert mark.comment.index("total-mismatch") < mark.comment.index("excel-error")
    assert [(r.sheet_label, r.cell_label) for r in list_rows(rows, ["S"])] == [
        (WHOLE_FILE, ""),
        ("S", "(cả trang)"),
        ("S", "b3"),
        ("S", "B3"),
    ]


def test_addresses_and_titles_are_checked_before_use() -> None:
    assert parse_cell("D14") == (14, 4) and parse_cell("$AA$2") == (2, 27)
    assert parse_cell("D14:E15") is None and parse_cell(None) is None and parse_cell("D0") is None
    taken = {"danh sách lỗi"}
    assert safe_sheet_title("Danh sách lỗi", taken) == "Danh sách lỗi (2)"
    assert len(safe_sheet_title("x" * 40, taken)) == 31


@pytest.mark.parametrize(
    ("build", "name", "edited"),
    [(_save_xlsx, "bao_cao.xls", True), (_save_xls, "bao_cao.xlsx", False)],
    ids=["xlsx-named-xls", "xls-named-xlsx"],
)
def test_the_format_not_the_name_decides_whether_the_clerk_s_file_is_edited(
    tmp_path: Path, build, name: str, edited: bool
) -> None:
    """An .xlsx is edited in place, its formatting kept, whatever its name; an .xls under an
    .xlsx name is rebuilt from its values."""
    original = tmp_path / name
    original.write_bytes(build(tmp_path / f"built{Path(name).suffix}").read_bytes())
    target = write_rejection_workbook(original, _findings(name), tmp_path / "out.loi.xlsx")
    book = load_workbook(target)
    assert _highlighted(book) == {
        (SHEET, "D10"): FILL_COLOURS["error"],
        (SHEET, "D11"): FILL_COLOURS["warning"],
    }
    assert book[SHEET]["A1"].font.bold is edited  # the clerk's bold title survives an edit
