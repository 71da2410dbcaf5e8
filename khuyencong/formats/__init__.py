"""Workbooks that are not what their name says: read by their bytes, whatever their suffix.

Government web systems export "Excel" files that are HTML pages or Excel 2003 XML
(SpreadsheetML) under an ``.xls`` name; Excel opens them after a warning, so clerks send them
on. Each format here gives the same plain ``Workbook`` as a real workbook does; ``sniff`` tells
which one a file holds from its first bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.model import CellValue, MergedRange, Sheet

SNIFF_BYTES = 2048
_SPREADSHEETML = re.compile(
    rb"<\?xml[^>]*>\s*(?:<\?mso-application[^>]*Excel\.Sheet)|urn:schemas-microsoft-com:office:spreadsheet"
)
_HTML = re.compile(rb"<(?:!doctype\s+html|html|table|head|body)\b", re.IGNORECASE)


def sniff(data: bytes) -> str | None:
    """``"spreadsheetml"``, ``"html"`` or None, from the start of a file."""
    head = data[:SNIFF_BYTES]
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        head = head.removeprefix(bom)
    head = head.replace(b"\x00", b"")  # UTF-16 text, read for its ASCII markup
    if _SPREADSHEETML.search(head):
        return "spreadsheetml"
    if _HTML.search(head.lstrip()[:512]):
        return "html"
    return None


def normalise(value: object) -> CellValue:
    """Whole floats become ints, so .xlsx (float) and .xls (int) cells compare equal; blank
    text is no value."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return value if value.strip() else None
    return value  # type: ignore[return-value]


@dataclass(frozen=True)
class SpannedCell:
    """One cell as markup writes it: where it starts and how many rows and columns it spans."""

    row: int
    col: int
    value: CellValue
    down: int = 1
    across: int = 1


def sheet_of(name: str, cells: list[SpannedCell], visible: bool = True) -> Sheet:
    """The grid of ``cells``, with a merged block for each cell spanning several."""
    height = max((c.row + c.down for c in cells), default=0)
    width = max((c.col + c.across for c in cells), default=0)
    grid: list[list[CellValue]] = [[None] * width for _ in range(height)]
    merged = []
    for cell in cells:
        grid[cell.row][cell.col] = normalise(cell.value)
        if cell.down > 1 or cell.across > 1:
            merged.append(
                MergedRange(
                    cell.row, cell.col, cell.row + cell.down - 1, cell.col + cell.across - 1
                )
            )
    while grid and all(v in (None, "") for v in grid[-1]):
        grid.pop()
    return Sheet(name, tuple(tuple(r) for r in grid), tuple(merged), visible)
