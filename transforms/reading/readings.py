"""What reading hands the checks: each table as its shape read it, and the workbook's facts.

A check looks at these and never reads a sheet's layout again: a shape says which columns
were the actuals, which rows named no indicator, which totals can be checked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from transforms.indicators import IndicatorMatch
from transforms.model import Fact
from transforms.reading.cells import SheetContext
from transforms.reading.columns import Column
from transforms.reading.repeats import Repeat
from transforms.reading.rows import Row


@dataclass(frozen=True)
class TotalsToCheck:
    """Columns whose printed totals a table shape asks to check, and which kinds of total."""

    columns: tuple[Column, ...]
    kinds: frozenset[str] = frozenset({"section", "total", "subtotal"})


class ColumnTotal(NamedTuple):
    """A column printing, in each of ``rows``, the sum of other columns: "Cộng vùng" beside
    the provinces, "Tổng giai đoạn" beside the years, "Cả năm" beside the quarters."""

    total: Column
    parts: tuple[Column, ...]
    rows: tuple[Row, ...]  # the rows where it must hold (a stock's year is no sum)


@dataclass(frozen=True)
class TableReading:
    """One table as its shape read it: what the table-level checks look at.

    A shape fills in what it has: a regional compilation (rows name provinces) has no actuals
    column, no unread rows and no unnamed columns, and the checks of those find nothing.
    """

    ctx: SheetContext
    rows: tuple[Row, ...]  # every body row, classified
    data_rows: tuple[Row, ...]  # the detail rows whose figures are the period's data
    totals: tuple[TotalsToCheck, ...]
    rows_name_indicators: bool = False  # rows are indicators (not provinces)
    indicator_columns: tuple[Column, ...] = ()  # columns naming an indicator of the period
    unnamed_columns: tuple[Column, ...] = ()  # value columns naming no indicator
    actual_columns: tuple[Column, ...] = ()  # of those, the period's actuals
    # of those, others some rows' facts were read from (a funding column beside counts)
    read_columns: tuple[Column, ...] = ()
    unread_rows: tuple[Row, ...] = ()  # detail rows with no indicator (see accounting)
    ambiguous_rows: tuple[tuple[Row, IndicatorMatch, str], ...] = ()  # row, match, label cell
    stopped: bool = False  # reading stopped at a row: several columns could be its actuals
    column_totals: tuple[ColumnTotal, ...] = ()
    # value columns the shape took as its rows' labels (the years of a table of years as rows)
    label_columns: tuple[int, ...] = ()
    # a project list's lines added up into their column's first fact, by (row, column), with
    # their indicator (``transforms.reading.annex_lines``)
    annex_lines: Mapping[tuple[int, int], str] = field(default_factory=dict)


@dataclass(frozen=True)
class WorkbookFacts:
    """A workbook's facts, once every table is read."""

    facts: tuple[Fact, ...]  # one figure per report and indicator
    repeats: tuple[Repeat, ...]  # the same indicator of a report in several rows or tables
    project_list: tuple[Fact, ...]  # the funding facts of the workbook's project lists
