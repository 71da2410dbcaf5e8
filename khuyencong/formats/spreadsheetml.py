"""Excel 2003 XML (SpreadsheetML) saved under an ``.xls`` name, as web systems export it.

A ``Worksheet`` is a sheet; ``ss:Index`` places a row or a cell after skipped ones, and
``ss:MergeAcross``/``ss:MergeDown`` make merged blocks, whose covered cells are not written.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from xml.etree import ElementTree

from khuyencong.formats.budgets import Budgets
from khuyencong.formats.markup import SpannedCell, head, markup_format, sheet_of
from transforms.model import CellValue, Workbook

_NAMESPACE = b"urn:schemas-microsoft-com:office:spreadsheet"
_SPREADSHEETML = re.compile(
    rb"<\?xml[^>]*>\s*(?:<\?mso-application[^>]*Excel\.Sheet)|" + re.escape(_NAMESPACE)
)
_SS = "{urn:schemas-microsoft-com:office:spreadsheet}"


def _int(element: ElementTree.Element, name: str, default: int) -> int:
    value = element.get(_SS + name)
    return int(value) if value and value.isdecimal() else default


def _value(cell: ElementTree.Element) -> CellValue:
    data = cell.find(_SS + "Data")
    if data is None:
        return None
    text = "".join(data.itertext())
    kind = data.get(_SS + "Type")
    if kind == "Number":
        try:
            return float(text)
        except ValueError:
            return text
    if kind == "Boolean":
        return text.strip() == "1"
    return text or None


def _cells(table: ElementTree.Element) -> list[SpannedCell]:
    cells: list[SpannedCell] = []
    taken: set[tuple[int, int]] = set()
    row = -1
    for element in table.iter(_SS + "Row"):
        row = _int(element, "Index", row + 2) - 1
        col = -1
        for cell in element.iter(_SS + "Cell"):
            col = _int(cell, "Index", col + 2) - 1
            while (row, col) in taken:
                col += 1
            down, across = _int(cell, "MergeDown", 0) + 1, _int(cell, "MergeAcross", 0) + 1
            taken.update((r, c) for r in range(row, row + down) for c in range(col, col + across))
            cells.append(SpannedCell(row, col, _value(cell), down, across))
            col += across - 1
    return cells


def _check_worksheet(worksheet: ElementTree.Element, budgets: Budgets) -> int:
    """The cells of the grid ``sheet_of`` would build for one worksheet (its last row by its
    last column), and of its merged blocks, raising for one over budget: ``ss:Index`` may
    place a cell anywhere, and the grid is built whole."""
    name = worksheet.get(_SS + "Name")
    height = width = merged = 0
    row = -1
    for element in worksheet.iter(_SS + "Row"):
        row = _int(element, "Index", row + 2) - 1
        col = -1
        for cell in element.iter(_SS + "Cell"):
            col = _int(cell, "Index", col + 2) - 1
            down, across = _int(cell, "MergeDown", 0) + 1, _int(cell, "MergeAcross", 0) + 1
            height, width = max(height, row + down), max(width, col + across)
            merged += down * across if down * across > 1 else 0
            col += across - 1
        budgets.check("max_row", height, name)
        budgets.check("max_column", width, name)
    budgets.check("cells_per_sheet", max(height * width, merged), name)
    return height * width


def preflight(data: bytes, budgets: Budgets) -> None:
    """Each worksheet's grid from its ``ss:Index`` and merge counts, streamed, before the
    reader builds it; a document that does not parse is left to the reader to call malformed."""
    total = 0
    try:
        for _, element in ElementTree.iterparse(io.BytesIO(data)):
            if element.tag == _SS + "Worksheet":
                total += _check_worksheet(element, budgets)
                element.clear()
    except ElementTree.ParseError:
        return
    budgets.check("cells_per_workbook", total)


def is_spreadsheetml(data: bytes) -> bool:
    """Excel's processing instruction or the SpreadsheetML namespace near the start. (Every
    workbook is asked: the expression's two literals are looked for first, at C speed, as
    the expression tried at each of 2,048 positions costs more than the rest of the sniffing.)"""
    start = head(data)
    return (b"<?xml" in start or _NAMESPACE in start) and _SPREADSHEETML.search(start) is not None


def read_spreadsheetml(path: Path, data: bytes) -> Workbook:
    """Every worksheet of the document, hidden ones marked so."""
    root = ElementTree.parse(io.BytesIO(data)).getroot()
    sheets = []
    for number, worksheet in enumerate(root.iter(_SS + "Worksheet"), 1):
        table = worksheet.find(_SS + "Table")
        name = worksheet.get(_SS + "Name") or f"Sheet{number}"
        options = worksheet.find("{urn:schemas-microsoft-com:office:excel}WorksheetOptions")
        hidden = options is not None and any(
            (v.text or "").startswith("SheetHidden") or (v.text or "") == "SheetVeryHidden"
            for v in options.iter("{urn:schemas-microsoft-com:office:excel}Visible")
        )
        cells = _cells(table) if table is not None else []
        sheets.append(sheet_of(name, cells, visible=not hidden))
    return Workbook(path.name, tuple(sheets))


FORMAT = markup_format(
    "spreadsheetml", read_spreadsheetml, is_spreadsheetml, "Excel 2003 XML document", preflight
)
