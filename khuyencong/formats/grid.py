"""Plain cell values and sheet grids, the same whichever format a workbook came in."""

from __future__ import annotations

from collections.abc import Mapping

from transforms.model import CellValue, MergedRange, Sheet

EXACT_FLOATS = 2.0**53  # every whole number below this is a float exactly


def normalise(value: object) -> CellValue:
    """Whole floats become ints, so .xlsx (float) and .xls (int) cells compare equal; blank
    text is no value. A float beyond 2**53 is no count anyone typed: it stays a float (1e308
    would become an int of 309 digits, shown so in the clerk's finding)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < EXACT_FLOATS:
        return int(value)
    if isinstance(value, str):
        return value if value.strip() else None
    return value  # type: ignore[return-value]


def sheet_from_rows(
    name: str,
    rows: list[list[object]],
    origin: tuple[int, int],
    merged: tuple[MergedRange, ...],
    visible: bool,
    errors: Mapping[tuple[int, int], str] | None = None,
) -> Sheet:
    """A sheet of ``rows`` read from ``origin`` (top, left) on, with the text of error cells
    written at their addresses and trailing empty rows dropped."""
    top, left = origin
    padding = (None,) * left
    grid: list[list[CellValue]] = [[] for _ in range(top)]
    grid += [[*padding, *(normalise(v) for v in row)] for row in rows]
    for (row, col), text in (errors or {}).items():
        while len(grid) <= row:
            grid.append([])
        grid[row].extend([None] * (col + 1 - len(grid[row])))
        grid[row][col] = text
    while grid and not any(v is not None for v in grid[-1]):
        grid.pop()
    return Sheet(name=name, rows=tuple(tuple(r) for r in grid), merged=merged, visible=visible)
