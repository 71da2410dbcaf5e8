"""Excel 2003 XML (SpreadsheetML) saved under an ``.xls`` name, as web systems export it.

A ``Worksheet`` is a sheet; ``ss:Index`` places a row or a cell after skipped ones, and
``ss:MergeAcross``/``ss:MergeDown`` make merged blocks, whose covered cells are not written.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from xml.etree import ElementTree

from khuyencong.formats.markup import SpannedCell, head, markup_format, sheet_of
from transforms.model import CellValue, Workbook

_SPREADSHEETML = re.compile(
    rb"<\?xml[^>]*>\s*(?:<\?mso-application[^>]*Excel\.Sheet)|urn:schemas-microsoft-com:office:spreadsheet"
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


def is_spreadsheetml(data: bytes) -> bool:
    """Excel's processing instruction or the SpreadsheetML namespace near the start."""
    return _SPREADSHEETML.search(head(data)) is not None


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
    "spreadsheetml", read_spreadsheetml, is_spreadsheetml, "Excel 2003 XML document"
)
