"""Plain cell values and sheet grids, the same whichever format a workbook came in."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from transforms.model import CellValue, MergedRange, Sheet

EXACT_FLOATS = 2.0**53  # every whole number below this is a float exactly


def normalise(value: object) -> CellValue:
    """Whole floats become ints, so .xlsx (float) and .xls (int) cells compare equal; blank
    text is no value. A float beyond 2**53 is no count anyone typed: it stays a float (1e308
    would become an int of 309 digits, shown so in the clerk's finding)."""
    return normalised([value])[0]


def normalised(row: Sequence[object]) -> list[CellValue]:
    """``normalise`` of each value of ``row``, written out in one comprehension: one call a
    row, not one a cell (a 20,000-row list has hundreds of thousands of cells). Blank text is
    empty or all ``isspace`` (what ``strip`` removes, without building the stripped copy)."""
    return [
        (None if not value or value.isspace() else value)
        if isinstance(value, str)
        else int(value)
        if isinstance(value, float) and value.is_integer() and abs(value) < EXACT_FLOATS
        else value  # type: ignore[misc]
        for value in row
    ]


def sheet_from_rows(
    name: str,
    rows: Sequence[Sequence[object]],
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
    grid += [[*padding, *normalised(row)] for row in rows] if left else map(normalised, rows)
    for (row, col), text in (errors or {}).items():
        while len(grid) <= row:
            grid.append([])
        grid[row].extend([None] * (col + 1 - len(grid[row])))
        grid[row][col] = text
    while grid and not any(v is not None for v in grid[-1]):
        grid.pop()
    return Sheet(name=name, rows=tuple(tuple(r) for r in grid), merged=merged, visible=visible)
