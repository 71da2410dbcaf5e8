"""What the two markup formats share: the text their files start with, and cells that span.

Government web systems export "Excel" files that are HTML pages or Excel 2003 XML
(SpreadsheetML) under an ``.xls`` name; Excel opens them after a warning, so clerks send them
on. Their magic is markup near the start of the file, in any of the encodings they come in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from khuyencong.formats.base import Format, Parts, no_budget_check
from khuyencong.formats.budgets import Budgets
from khuyencong.formats.grid import normalise
from khuyencong.formats.unreadable import UnreadableFile
from transforms.model import CellValue, MergedRange, Sheet, Workbook

SNIFF_BYTES = 2048


def head(data: bytes) -> bytes:
    """The start of a file as ASCII markup: byte-order mark dropped, UTF-16 read as ASCII."""
    start = data[:SNIFF_BYTES]
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        start = start.removeprefix(bom)
    return start.replace(b"\x00", b"")


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


def markup_format(
    name: str,
    read: Callable[[Path, bytes], Workbook],
    recognises: Callable[[bytes], bool],
    what: str,
    preflight: Callable[[bytes, Budgets], Parts | None] = no_budget_check,
) -> Format:
    """A markup format: known by its bytes only (a page is taken for a workbook only when a
    workbook's name says it is one), and "malformed" when it does not parse (pages are rarely
    well-formed)."""

    def diagnose(data: bytes, error: Exception) -> UnreadableFile:
        return UnreadableFile("unreadable-file", f"the {what} is malformed ({error})")

    def read_markup(path: Path, data: bytes, parts: Parts) -> Workbook:  # no zip, no parts
        return read(path, data)

    return Format(name, (), read_markup, recognises, diagnose, preflight=preflight)
