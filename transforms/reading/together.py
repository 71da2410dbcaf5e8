"""Figures stated together in one cell, each with its unit: "26 lớp, 780 học viên".

A report written as text ("Nội dung | Kết quả | Ghi chú") gives an activity's counts in one
cell: "Đào tạo nghề, truyền nghề cho lao động nông thôn | 26 lớp, 780 học viên". Each unit
says which of the indicators the row's label names the figure before it counts: "lớp" the
classes, "học viên" the workers trained. Read only when every figure of the cell is a number
with a unit and each unit settles one indicator of its own; anything less leaves the cell to
the usual reading, which reports it (``unparseable-number``), never half of it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from transforms.indicators import Indicator, match_label
from transforms.numbers import number_and_unit, parse_number
from transforms.reading.cells import Cell, SheetContext
from transforms.reading.columns import Column
from transforms.reading.rows import Row

# ", " or ";" between two figures ("26 lớp, 780 học viên"), never the comma of "2.850,5"
_BETWEEN = re.compile(r"\s*;\s*|,\s+|\s+và\s+")


def stated_together(ctx: SheetContext, row: Row, column: Column) -> list[tuple[Indicator, Cell]]:
    """Each figure of the row's cell in ``column`` with the indicator its unit settles, or
    nothing when the cell is not two or more such figures."""
    raw = ctx.sheet.value(row.index, column.index)
    if not isinstance(raw, str):
        return []
    pieces = _BETWEEN.split(raw.strip())
    if len(pieces) < 2:
        return []
    read: list[tuple[Indicator, Cell]] = []
    for piece in pieces:
        value, unit = _with_unit(ctx, piece, column)
        match = match_label(row.label, unit) if unit else None
        if match is None or match.indicator is None or value is None:
            return []
        read.append((match.indicator, Cell(row.index, column.index, raw, value, None)))
    indicators = [indicator.code for indicator, _ in read]
    return read if len(set(indicators)) == len(indicators) else []


def stated_below(
    ctx: SheetContext, row: Row, above: Row, column: Column
) -> tuple[Indicator, Cell] | None:
    """A figure of the row above, with its unit, on a line of its own under it ("Đào tạo nghề
    ... | 25 lớp", then " | 850 học viên"): the indicator of the above row's label its unit
    settles, when it is not the one that row's own figure is read as; None for any other row."""
    if row.label or row.kind != "note" or not above.label:
        return None
    raw = ctx.sheet.value(row.index, column.index)
    if not isinstance(raw, str):
        return None
    value, unit = _with_unit(ctx, raw, column)
    below = match_label(above.label, unit).indicator if unit else None
    own = match_label(above.label, above.unit_text or _unit_of(ctx, above, column))
    if below is None or value is None or below == own.indicator:
        return None
    return below, Cell(row.index, column.index, raw, value, None)


def _with_unit(ctx: SheetContext, text: str, column: Column) -> tuple[Decimal | None, str | None]:
    """The figure of "780 học viên" in its column's digit convention, and its unit."""
    number, unit = number_and_unit(text)
    return parse_number(number, convention=ctx.conventions.get(column.index)).value, unit


def _unit_of(ctx: SheetContext, row: Row, column: Column) -> str | None:
    """The unit typed after the figure of ``row`` in ``column`` ("25 lớp"), if any."""
    raw = ctx.sheet.value(row.index, column.index)
    return number_and_unit(raw)[1] if isinstance(raw, str) else None
