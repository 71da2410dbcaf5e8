"""The rejection report a province clerk gets back: their own workbook, with what is wrong marked.

A clerk fixes a report in the workbook they made, so the report is a copy of that workbook:
every offending cell is coloured (red for an error, yellow for a warning) and carries a comment
with the Vietnamese message and the rule code, and a first sheet "Danh sách lỗi" lists every
finding with its sheet, cell, value, severity, code and what to do. Findings about the whole
file or a whole sheet have no cell to colour and appear only in the list.

A workbook whose format is ``editable`` (.xlsx, .xlsm: see ``khuyencong.formats``) is edited
with openpyxl, which keeps the clerk's formatting. Other formats (.xls, .ods, .xlsb, .csv, web
pages) cannot be edited by openpyxl, so their values and merged ranges are rebuilt in a new
workbook at the same addresses, so that "D14" in the list is D14 on screen. A file nothing can
open gets the list alone.

Nothing of the file we were sent runs in the copy we send back: every text is written as text
(``khuyencong.inert``: "=HYPERLINK(...)" typed by a clerk stays what they typed), a formula of
the original becomes the value Excel last computed for it (or its text, when the file holds no
such value), and links to other workbooks (DDE and external references) are dropped.

The pure part (grouping findings by cell, building list rows, choosing colours, safe sheet
titles) is separate from the one I/O function, ``write_rejection_workbook``, so it can be tested
without files. The original is only ever read.
"""

from __future__ import annotations

import logging
import math
import os
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook as XlsxWorkbook
from openpyxl import load_workbook
from openpyxl.cell.cell import ERROR_CODES, Cell, MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from khuyencong.formats.budgets import REFUSING_RULES
from khuyencong.inert import excel_text, inert_cell
from khuyencong.workbook_files import is_editable, read_workbook_file
from transforms.model import Sheet

log = logging.getLogger("khuyencong")

LIST_SHEET = "Danh sách lỗi"
INSTRUCTION = "Hãy sửa các ô được tô màu trong tệp gốc và gửi lại báo cáo."
# When no cell could be coloured (the file could not be opened, or every finding is about the
# whole file), "the coloured cells" would send the clerk looking for something that is not there.
INSTRUCTION_NO_CELLS = "Hãy sửa tệp gốc theo nội dung dưới đây và gửi lại báo cáo."
LEGEND = (
    "Ô tô đỏ: lỗi, phải sửa thì báo cáo mới được tiếp nhận. Ô tô vàng: cảnh báo, hãy kiểm tra "
    "lại. Di chuột vào ô để xem ghi chú; bấm vào địa chỉ ô trong cột “Ô” để đến ô đó."
)
HEADERS = ("STT", "Trang tính", "Ô", "Giá trị", "Mức độ", "Mã lỗi", "Nội dung và cách sửa")
COLUMN_WIDTHS = (6, 22, 8, 28, 11, 26, 80)
HEADER_ROW = 4  # title, instruction, legend, then the table header
WHOLE_FILE = "(cả tệp)"
WHOLE_SHEET = "(cả trang)"
SEVERITY_LABELS = {"error": "Lỗi", "warning": "Cảnh báo"}
# Excel's own "Bad" and "Neutral" cell-style fills: colours clerks already read as red/yellow.
FILL_COLOURS = {"error": "FFC7CE", "warning": "FFEB9C"}
COMMENT_AUTHOR = "Kiểm tra báo cáo khuyến công"
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\\/?*\[\]:]")
_ADDRESS = re.compile(r"\$?([A-Z]{1,3})\$?([1-9][0-9]{0,6})")
_MAX_ROW, _MAX_COL = 1_048_576, 16_384


@dataclass(frozen=True)
class CellMark:
    """What to put on one offending cell: its fill and one comment for all its findings.

    One comment per cell, not per finding: Excel holds one note per cell, and a clerk reads
    everything wrong with a cell in one place.
    """

    sheet: str
    row: int  # 1-based, as openpyxl counts
    col: int
    severity: str
    comment: str

    @property
    def colour(self) -> str:
        return fill_colour(self.severity)


@dataclass(frozen=True)
class ListRow:
    """One line of the "Danh sách lỗi" sheet; ``sheet``/``cell`` locate it for the hyperlink."""

    number: int
    sheet_label: str
    cell_label: str
    value: str
    severity_label: str
    rule: str
    message: str
    severity: str
    sheet: str | None
    cell: str | None


def parse_cell(address: object) -> tuple[int, int] | None:
    """The 1-based (row, col) of an A1 address such as "D14", or None when it is not one.

    Anything else (None, a range, a typo) is not coloured but still listed, so a malformed
    address can never stop the report from being written.
    """
    if not isinstance(address, str):
        return None
    match = _ADDRESS.fullmatch(address.strip().upper())
    if not match:
        return None
    col = 0
    for letter in match.group(1):
        col = col * 26 + ord(letter) - 64
    row = int(match.group(2))
    return (row, col) if row <= _MAX_ROW and col <= _MAX_COL else None


def worst_severity(severities: Iterable[str]) -> str:
    """ "error" if any finding is an error: a cell that must be fixed is shown as one."""
    return "error" if "error" in set(severities) else "warning"


def fill_colour(severity: str) -> str:
    """The RGB fill of a cell: red-ish for an error, yellow for anything less."""
    return FILL_COLOURS["error" if severity == "error" else "warning"]


def severity_label(severity: object) -> str:
    return SEVERITY_LABELS.get(str(severity), str(severity or ""))


def _message(row: Mapping[str, object]) -> str:
    return str(row.get("message_vi") or row.get("message_en") or row.get("rule") or "")


def comment_text(rows: Sequence[Mapping[str, object]]) -> str:
    """The note on a cell: each finding's severity and Vietnamese message, then its rule code.

    Identical findings on one cell (the same rule reported twice) are written once.
    """
    parts: list[str] = []
    for row in rows:
        part = (
            f"{severity_label(row.get('severity'))}: {_message(row)}\n(Mã lỗi: {row.get('rule')})"
        )
        if part not in parts:
            parts.append(part)
    return "\n\n".join(parts)


def cell_marks(findings: Sequence[Mapping[str, object]]) -> list[CellMark]:
    """The findings that point at a cell, grouped by (sheet, cell) in order of first mention.

    Findings without a sheet or without a valid cell address are left out: they are about the
    whole file or a whole sheet and have nothing to colour.
    """
    grouped: dict[tuple[str, int, int], list[Mapping[str, object]]] = {}
    for row in findings:
        sheet, position = row.get("sheet"), parse_cell(row.get("cell"))
        if isinstance(sheet, str) and position is not None:
            grouped.setdefault((sheet, *position), []).append(row)
    return [
        CellMark(
            sheet,
            r,
            c,
            worst_severity(str(x.get("severity")) for x in rows),
            comment_text(rows),
        )
        for (sheet, r, c), rows in grouped.items()
    ]


def list_rows(
    findings: Sequence[Mapping[str, object]], sheet_order: Sequence[str] = ()
) -> list[ListRow]:
    """Every finding as a numbered list line, in the order a clerk works through them.

    Whole-file findings first (they decide whether anything else matters), then sheet by sheet
    in the workbook's order, each sheet's whole-sheet findings before its cells, cells top to
    bottom and left to right. Ties keep the order the findings came in.
    """
    position = {name: index for index, name in enumerate(sheet_order)}

    def key(item: tuple[int, Mapping[str, object]]) -> tuple:
        index, row = item
        sheet, cell = row.get("sheet"), parse_cell(row.get("cell"))
        if not sheet:
            return (0, 0, "", 0, 0, 0, index)
        rank = position.get(str(sheet), len(position))
        row_col = cell or (0, 0)
        return (1, rank, str(sheet), 0 if cell is None else 1, *row_col, index)

    ordered = [row for _, row in sorted(enumerate(findings), key=key)]
    result = []
    for number, row in enumerate(ordered, start=1):
        sheet, cell = row.get("sheet"), row.get("cell")
        value = row.get("value")
        result.append(
            ListRow(
                number=number,
                sheet_label=str(sheet) if sheet else WHOLE_FILE,
                cell_label=str(cell) if cell else ("" if not sheet else WHOLE_SHEET),
                value="" if value is None else str(value),
                severity_label=severity_label(row.get("severity")),
                rule=str(row.get("rule") or ""),
                message=_message(row),
                severity=str(row.get("severity") or ""),
                sheet=str(sheet) if sheet else None,
                cell=str(cell).strip().upper() if parse_cell(cell) and sheet else None,
            )
        )
    return result


def heading_lines(file_name: str, rows: Sequence[ListRow], cells_marked: bool) -> list[str]:
    """Title, count with instruction, and legend above the table."""
    errors = sum(1 for row in rows if row.severity == "error")
    others = len(rows) - errors
    instruction = INSTRUCTION if cells_marked else INSTRUCTION_NO_CELLS
    return [
        f"Danh sách lỗi của tệp “{file_name}”",
        f"Có {errors} lỗi và {others} cảnh báo. {instruction}",
        LEGEND if cells_marked else "",
    ]


def safe_sheet_title(name: str, taken: set[str]) -> str:
    """A sheet title Excel accepts, unique (case-insensitively) among ``taken``, which it joins.

    A rebuilt .ods or .csv may carry a name Excel refuses (``[ ] : * ? / \\``, over 31
    characters); the list keeps the name the clerk knows and only the tab is adjusted.
    """
    base = _SHEET_TITLE_FORBIDDEN.sub("_", name).strip("'") or "Sheet"
    title, number = base[:31], 1
    while title.casefold() in taken:
        number += 1
        suffix = f" ({number})"
        title = base[: 31 - len(suffix)] + suffix
    taken.add(title.casefold())
    return title


def text_column_widths(sheet: Sheet, minimum: float = 8, maximum: float = 40) -> dict[int, float]:
    """Column widths (1-based) for a rebuilt sheet, from the longest text in each column.

    A legacy file's own widths are not available through calamine. Anchors of merged ranges
    that span several columns (titles, grouped headers) are skipped, or one title would make
    column A as wide as the page.
    """
    spanning = {(m.first_row, m.first_col) for m in sheet.merged if m.last_col > m.first_col}
    widths: dict[int, float] = {}
    for r, row in enumerate(sheet.rows):
        for c, value in enumerate(row):
            if value is None or (r, c) in spanning:
                continue
            longest = max(len(line) for line in str(value).splitlines() or [""])
            widths[c + 1] = max(widths.get(c + 1, minimum), min(maximum, longest * 1.1 + 2))
    return widths


def non_overlapping(ranges: Iterable[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Merged ranges (first_row, first_col, last_row, last_col) without overlaps or single cells.

    A damaged file can declare overlapping merges, which Excel "repairs" with an alarming
    message; the first declared wins.
    """
    kept: list[tuple[int, int, int, int]] = []
    for r1, c1, r2, c2 in ranges:
        if (r1, c1) == (r2, c2):
            continue
        if any(r1 <= b2 and a1 <= r2 and c1 <= d2 and b1 <= c2 for a1, b1, b2, d2 in kept):
            continue
        kept.append((r1, c1, r2, c2))
    return kept


def row_height(texts: Sequence[tuple[str, float]], line_height: float = 15.0) -> float:
    """An estimated height for a row of wrapped texts, each with its column width.

    Excel does not always grow a row for wrapped text written by a program; a row too short
    would hide the end of the instruction the clerk needs.
    """
    lines = 1
    for text, width in texts:
        per_line = max(1, int(width * 1.1))
        count = sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))
        lines = max(lines, count)
    return lines * line_height


# ---------------------------------------------------------------------------------------------
# I/O


def _write_value(cell: Cell, value: object) -> None:
    if isinstance(value, str) and value in ERROR_CODES:
        cell.value = value  # an error value such as #REF! is shown as the clerk sees it
        return
    try:
        inert_cell(cell, value)
    except (TypeError, ValueError):
        inert_cell(cell, str(value))


def _load(original: Path, data_only: bool) -> XlsxWorkbook:
    with original.open("rb") as stream, warnings.catch_warnings():
        # "Data Validation extension is not supported" and the like: nothing a clerk loses
        warnings.simplefilter("ignore", UserWarning)
        return load_workbook(stream, keep_vba=False, data_only=data_only, keep_links=False)


def _open_with_openpyxl(original: Path) -> tuple[XlsxWorkbook, dict[str, str]]:
    """The clerk's workbook, each formula replaced by the value Excel last computed for it, or
    by its text when the file keeps none (a file written by a program): a formula carried live
    into our copy would run when the clerk opens it."""
    book = _load(original, data_only=False)
    computed: XlsxWorkbook | None = None
    for ws in book.worksheets:
        # the cells the file holds: iter_rows would build every cell of the used range
        formulas = [cell for cell in ws._cells.values() if cell.data_type == "f"]
        for cell in formulas:
            computed = computed or _load(original, data_only=True)
            value = computed[ws.title][cell.coordinate].value
            _write_value(cell, _formula_text(cell.value) if value is None else value)
    return book, {name: name for name in book.sheetnames}


def _formula_text(formula: object) -> str:
    """A formula as the text the clerk typed ("=SUM(D8:D9)"), also an array formula's."""
    return str(getattr(formula, "text", formula))


def _rebuild(original: Path) -> tuple[XlsxWorkbook, dict[str, str]]:
    """A new workbook holding each sheet's values and merges at the clerk's addresses."""
    workbook = read_workbook_file(original)
    book = XlsxWorkbook()
    book.remove(book.active)
    titles: dict[str, str] = {}
    taken: set[str] = set()
    for sheet in workbook.sheets:
        title = safe_sheet_title(sheet.name, taken)
        titles.setdefault(sheet.name, title)
        ws = book.create_sheet(title)
        for r, row in enumerate(sheet.rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    _write_value(ws.cell(r, c), value)
        for r1, c1, r2, c2 in non_overlapping(
            (m.first_row, m.first_col, m.last_row, m.last_col) for m in sheet.merged
        ):
            ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
        for col, width in text_column_widths(sheet).items():
            ws.column_dimensions[get_column_letter(col)].width = width
        if not sheet.visible:
            ws.sheet_state = "hidden"
    return book, titles


def _open_for_editing(original: Path) -> tuple[XlsxWorkbook, dict[str, str]] | None:
    """The clerk's workbook as an editable copy, with its sheet names mapped to tab titles.

    openpyxl first for an editable format (keeps formatting); if it fails, the rebuild; None
    when nothing can open the file.
    """
    attempts = [_rebuild]
    if is_editable(original):
        attempts.insert(0, _open_with_openpyxl)
    for attempt in attempts:
        try:
            return attempt(original)
        except Exception as error:  # a damaged submission: fall back, never fail the report
            log.info("rejection report: %s cannot open %s: %s", attempt.__name__, original, error)
    return None


def _anchor(ws: Worksheet, row: int, col: int) -> tuple[int, int]:
    """The top-left cell of the merged range holding (row, col): the one Excel shows and notes."""
    if not isinstance(ws.cell(row, col), MergedCell):
        return row, col
    for merged in ws.merged_cells.ranges:
        if merged.min_row <= row <= merged.max_row and merged.min_col <= col <= merged.max_col:
            return merged.min_row, merged.min_col
    return row, col


def _comment(text: str) -> Comment:
    width = 320
    lines = sum(max(1, math.ceil(len(part) / 48)) for part in text.split("\n"))
    return Comment(excel_text(text), COMMENT_AUTHOR, width=width, height=min(600, 18 * lines + 20))


def _mark_cells(book: XlsxWorkbook, titles: Mapping[str, str], marks: Sequence[CellMark]) -> int:
    """Colour and annotate each mark's cell; returns how many cells were marked.

    The clerk's own note on a cell is kept above ours. A hidden sheet holding a marked cell is
    made visible and its tab coloured, or the clerk would look for the cell in vain.
    """
    marked = 0
    for mark in marks:
        title = titles.get(mark.sheet)
        ws = book[title] if title in book.sheetnames else None
        if not isinstance(ws, Worksheet):
            continue  # a sheet the finding names but the copy lacks (or a chart sheet)
        row, col = _anchor(ws, mark.row, mark.col)
        cell = ws.cell(row, col)
        cell.fill = PatternFill(fill_type="solid", fgColor=mark.colour)
        text = mark.comment if cell.comment is None else f"{cell.comment.text}\n\n{mark.comment}"
        cell.comment = _comment(text)
        ws.sheet_state = "visible"
        current = ws.sheet_properties.tabColor
        if mark.severity == "error" or current is None:
            ws.sheet_properties.tabColor = mark.colour
        marked += 1
    return marked


_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")


def _internal_link(title: str, cell: str) -> str:
    return "'{}'!{}".format(title.replace("'", "''"), cell)


def _write_list_sheet(
    book: XlsxWorkbook,
    file_name: str,
    rows: Sequence[ListRow],
    titles: Mapping[str, str],
    cells_marked: bool,
) -> Worksheet:
    """Insert "Danh sách lỗi" as the first, active sheet and fill it."""
    taken = {name.casefold() for name in book.sheetnames}
    ws = book.create_sheet(safe_sheet_title(LIST_SHEET, taken), 0)
    last_col = get_column_letter(len(HEADERS))
    total_width = sum(COLUMN_WIDTHS)
    for index, line in enumerate(heading_lines(file_name, rows, cells_marked), start=1):
        cell = inert_cell(ws.cell(index, 1), line)
        cell.alignment = _WRAP
        ws.merge_cells(f"A{index}:{last_col}{index}")
        ws.row_dimensions[index].height = row_height([(line, total_width)], 16 if index > 1 else 22)
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"].font = Font(bold=True)
    for col, (header, width) in enumerate(zip(HEADERS, COLUMN_WIDTHS, strict=True), start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
        cell = inert_cell(ws.cell(HEADER_ROW, col), header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill(fill_type="solid", fgColor="D9D9D9")
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = _BORDER
    for offset, item in enumerate(rows, start=1):
        r = HEADER_ROW + offset
        texts = (
            item.sheet_label,
            item.cell_label,
            item.value,
            item.severity_label,
            item.rule,
            item.message,
        )
        ws.cell(r, 1).value = item.number
        for col, text in enumerate(texts, start=2):
            inert_cell(ws.cell(r, col), text)
        for col in range(1, len(HEADERS) + 1):
            ws.cell(r, col).alignment = _WRAP
            ws.cell(r, col).border = _BORDER
        ws.cell(r, 5).fill = PatternFill(fill_type="solid", fgColor=fill_colour(item.severity))
        title = titles.get(item.sheet or "")
        if item.cell and title in book.sheetnames:
            link = ws.cell(r, 3)
            link.hyperlink = Hyperlink(
                ref=link.coordinate, location=_internal_link(title, item.cell)
            )
            link.font = Font(color="0563C1", underline="single")
        ws.row_dimensions[r].height = row_height(
            list(zip(texts, COLUMN_WIDTHS[1:], strict=True)), 15
        )
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last_col}{HEADER_ROW + max(1, len(rows))}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    return ws


def _open_on(book: XlsxWorkbook, ws: Worksheet) -> None:
    """Open the workbook on the list, with no other tab selected.

    A copied workbook keeps its own selected tab; two selected tabs are "grouped" in Excel, and
    an edit would then change both sheets.
    """
    for sheet in book.worksheets:
        sheet.sheet_view.tabSelected = sheet is ws
    book.active = book.index(ws)
    for view in book.views:
        view.firstSheet = 0


def write_rejection_workbook(original: Path, findings: list[dict], target: Path) -> Path:
    """Write the clerk's rejection report for ``original`` to ``target`` (.xlsx) and return it.

    ``findings`` are rows of ``transforms.tidy.finding_rows``. The original is only read; the
    report is written beside ``target`` and moved into place, so a stopped run leaves either no
    report or a whole one.
    """
    if target.resolve() == original.resolve():
        raise ValueError(f"the rejection report would overwrite the original {original}")
    refused = any(row["rule"] in REFUSING_RULES for row in findings)  # never opened again
    opened = None if refused else _open_for_editing(original)
    if opened is None:
        book, titles = XlsxWorkbook(), {}
        book.remove(book.active)
    else:
        book, titles = opened
    marked = _mark_cells(book, titles, cell_marks(findings))
    rows = list_rows(findings, list(titles))
    _open_on(book, _write_list_sheet(book, original.name, rows, titles, marked > 0))
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    try:
        book.save(partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target
