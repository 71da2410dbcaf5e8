"""Build sheets by hand for reader tests: rows of values, merges in A1 notation."""

from __future__ import annotations

import re
from pathlib import Path

from transforms.model import CellValue, MergedRange, Sheet, Workbook

_A1 = re.compile(r"^([A-Z]+)(\d+)$")


def _position(address: str) -> tuple[int, int]:
    match = _A1.match(address)
    assert match, address
    letters, digits = match.groups()
    col = 0
    for letter in letters:
        col = col * 26 + ord(letter) - 64
    return int(digits) - 1, col - 1


def merged(*ranges: str) -> tuple[MergedRange, ...]:
    """``merged("E5:H5", "A5:A6")`` as MergedRange values."""
    blocks = []
    for text in ranges:
        first, last = text.split(":")
        (r0, c0), (r1, c1) = _position(first), _position(last)
        blocks.append(MergedRange(r0, c0, r1, c1))
    return tuple(blocks)


def sheet(name: str, rows: list[list[CellValue]], merges: tuple[MergedRange, ...] = ()) -> Sheet:
    width = max(len(r) for r in rows)
    return Sheet(name, tuple(tuple(r) + (None,) * (width - len(r)) for r in rows), merges)


def workbook(file_name: str, *sheets: Sheet) -> Workbook:
    return Workbook(file_name, sheets)


def save_xlsx(
    path: Path, sheet_name: str, rows: list[list[CellValue]], merges: tuple[str, ...] = ()
) -> Path:
    """Write rows (and merges in A1 notation) as a real .xlsx file."""
    from openpyxl import Workbook as XlsxWorkbook

    book = XlsxWorkbook()
    target = book.active
    target.title = sheet_name
    for row in rows:
        target.append(list(row))
    for block in merges:
        target.merge_cells(block)
    book.save(path)
    return path


def save_xls(
    path: Path, sheet_name: str, rows: list[list[CellValue]], merges: tuple[str, ...] = ()
) -> Path:
    """Write rows (and merges in A1 notation) as a real legacy .xls file (BIFF8, as
    government offices still send)."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    target = book.add_sheet(sheet_name)
    spans = {(b.first_row, b.first_col): b for b in merged(*merges)}
    covered = {
        (r, c)
        for b in spans.values()
        for r in range(b.first_row, b.last_row + 1)
        for c in range(b.first_col, b.last_col + 1)
    }
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if (r, c) in spans:
                b = spans[(r, c)]
                target.write_merge(b.first_row, b.last_row, b.first_col, b.last_col, value)
            elif value is not None and (r, c) not in covered:
                target.write(r, c, value)
    book.save(str(path))
    return path
