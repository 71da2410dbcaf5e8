"""A grand total under the last of a sheet's tables that adds up all of them.

A province lists its KCQG projects in one table and its KCĐP projects in another, each with its
own header and its own closing "Cộng (7 đề án)", then closes the sheet with "TỔNG CỘNG CẢ HAI
NGUỒN (13 đề án)": the sum of the tables' closing totals, column by column (the KCQG column of
the first table and the KCĐP column of the second add up to total funding). Read as a row of the
last table, it would be compared with that table's details alone and contradict them.

``find_tables`` sets such a row apart (``Table.sheet_total``) when the sheet has two tables or
more, each closed by a total, and the last is closed by two; here it is compared with the
tables' closing totals (``total-mismatch`` when it disagrees), and the number of projects it
states stands for the tables' own counts, once they add up to it. Nothing is taken from it
that the tables do not prove.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from transforms.model import (
    CellOutcome,
    Fact,
    Finding,
    Sheet,
    cell_address,
    cell_position,
    finding,
)
from transforms.numbers import differs, format_plain, parse_number
from transforms.reading.columns import column_conventions
from transforms.reading.projects import counted_indicator, stated_count
from transforms.reading.tables import Table
from transforms.reading.values import text_of
from transforms.rules import RuleCode

SHEET_TOTAL = "total of the sheet's tables"


def sheet_total(
    sheet: Sheet, tables: list[Table], facts: list[Fact]
) -> tuple[list[Fact], list[Finding], tuple[CellOutcome, ...]]:
    """The sheet's facts (its tables' counts of projects replaced by the one the grand total
    states, when they add up to it), the grand total's findings, and what became of its
    numbers; the facts as they are when the sheet has no grand total."""
    last = tables[-1] if tables else None
    if last is None or last.sheet_total is None:
        return facts, [], ()
    row = last.sheet_total
    label_col = last.first_of("label")
    at = label_col.index if label_col else 0
    label = text_of(sheet.value(row, at))
    conventions = column_conventions(sheet, last)
    findings: list[Finding] = []
    cells: list[CellOutcome] = []
    proven: dict[int, tuple[str, str]] = {}  # column -> the grand total's cell and text there
    for column in last.columns_of("value"):
        raw = sheet.value(row, column.index)
        stated = _figure(raw, conventions.get(column.index))
        if stated is None:
            continue
        address = cell_address(row, column.index)
        convention = conventions.get(column.index)
        closing = [_figure(sheet.value(t.data_rows[-1], column.index), convention) for t in tables]
        added = sum((figure for figure in closing if figure is not None), Decimal(0))
        if differs(stated, added):
            findings.append(
                finding(
                    RuleCode.TOTAL_MISMATCH,
                    sheet=sheet.name,
                    cell=address,
                    value=raw,
                    expected=format_plain(added),
                )
            )
        else:
            proven[column.index] = (address, str(raw))
        cells.append(CellOutcome(address, label, column.label, str(raw), "total", SHEET_TOTAL))
    proven[at] = (cell_address(row, at), label)  # the number of projects it states, if any
    summed = _summed(facts, sheet.name, proven, stated_count(label), label)
    return summed, findings, tuple(cells)


def _figure(raw: object, convention: str | None) -> Decimal | None:
    if raw is None or raw == "":
        return None
    return parse_number(raw, convention=convention).value


def _summed(
    facts: list[Fact],
    sheet: str,
    proven: dict[int, tuple[str, str]],
    projects: int | None,
    label: str,
) -> list[Fact]:
    """The facts of one indicator that two tables or more of the sheet give, in a column the
    grand total proves, as one fact of their sum at the grand total's cell: parts of one
    figure, not one figure stated twice. The tables' numbers of projects likewise, when they
    add up to the number the grand total states: two lists are two sets of projects, but only
    the clerk's own sum says none is in both."""
    groups: dict[tuple[object, str], list[Fact]] = {}
    for fact in facts:
        if fact.sheet == sheet:
            groups.setdefault((fact.identity, fact.indicator), []).append(fact)
    kept = list(facts)
    for (_, indicator), group in groups.items():
        columns = {_column_of(f) for f in group}
        if len({f.table for f in group}) < 2 or len(columns) != 1:
            continue
        column = columns.pop()
        if column not in proven:
            continue
        value = sum((f.value for f in group), Decimal(0))
        if indicator == counted_indicator() and value != projects:
            continue
        cell, raw = proven[column]
        one = replace(group[0], value=value, cell=cell, raw_value=raw, row_label=label)
        kept = [f for f in kept if f not in group] + [one]
    return kept


def _column_of(fact: Fact) -> int | None:
    """The column a fact was read from (a range's first cell: a count of a list's rows)."""
    position = cell_position(fact.cell.split(":")[0]) if fact.cell else None
    return position[1] if position else None
