"""The number of projects a list of projects holds: one row per đề án.

A summary says "Số đề án | 8"; its annex lists the eight, often under sections by activity or
by funding source ("I | ĐÀO TẠO NGHỀ | 350 | 530" over its projects 1, 2, 3). The projects are
the list's detail rows: not its sections (even one carrying its section's figures), totals,
parts ("- Lớp 1"), notes, or the programme's own costs ("Chi phí quản lý đề án"); a workshop
or a study tour (tập huấn, tham quan) is a project there like any other. Their number is the
catalogue's ``project_list_count`` indicator, checked against the summary that an annex goes
with; a list that is the whole report gives it only where it states it ("Tổng cộng (17 đề
án)").
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache

from transforms.indicators import catalogue
from transforms.model import Fact, Sheet, cell_address
from transforms.reading.columns import names_projects
from transforms.reading.rows import Row, classify_rows
from transforms.reading.tables import Table
from transforms.text import LABELS_REMEMBERED, fold
from transforms.words import has_phrase, words_of


def _is_project(row: Row) -> bool:
    return (
        row.kind == "detail"
        and not row.heads_section
        and row.aside is None
        and not _names_no_project(row.label)
    )


@lru_cache(maxsize=LABELS_REMEMBERED)
def _names_no_project(label: str) -> bool:
    """A line of the list that is no project ("Chi phí quản lý đề án"); remembered, as a long
    list repeats its names."""
    return has_phrase(words_of(label), "not_project_rows")


def counted_indicator() -> str | None:
    """The catalogue's one ``project_list_count`` indicator, if it has exactly one."""
    counted = [code for code, indicator in catalogue().items() if indicator.project_list_count]
    return counted[0] if len(counted) == 1 else None


def _count_fact(
    of: Fact, code: str, count: int, cell: str, raw: str, table: Table, row_label: str | None
) -> Fact:
    """A number of projects as a fact of the report ``of`` belongs to, read at ``cell``."""
    column = table.first_of("label")
    return replace(
        of,
        indicator=code,
        value=Decimal(count),
        unit=catalogue()[code].unit,
        cell=cell,
        raw_value=raw,
        row_label=row_label,
        column_label=(column.label or None) if column is not None else None,
        qualifier=None,
        basis="actual",
    )


def project_count(sheet: Sheet, table: Table, facts: list[Fact]) -> list[Fact]:
    """The number of projects of one table of a list, as a fact of the report its other facts
    belong to (its lineage: the range of the projects' names); none when the table gave no
    fact to know whose report it is, or lists no project."""
    code = counted_indicator()
    projects = [row for row in classify_rows(sheet, table) if _is_project(row)]
    label = table.first_of("label")
    if not facts or not projects or code is None or label is None:
        return []
    first = cell_address(projects[0].index, label.index)
    last = cell_address(projects[-1].index, label.index)
    count = len(projects)
    return [_count_fact(facts[0], code, count, f"{first}:{last}", f"{count} rows", table, None)]


# "Tổng cộng (17 đề án)", "TỔNG CỘNG (A+B): 11 đề án": what a list's total row states of its
# projects
_STATED = re.compile(r"(?:\(|:)\s*(\d+)\s+([^():\d]+?)\s*(?:\)|$)")


def stated_count(label: str) -> int | None:
    """The number of projects a total row's label states ("Tổng cộng (17 đề án)"), if one."""
    code = counted_indicator()
    if code is None:
        return None
    stated = [
        int(number)
        for number, unit in _STATED.findall(label)
        if fold(unit) in catalogue()[code].unit_words
    ]
    return stated[0] if len(stated) == 1 else None


def stated_project_count(
    sheet: Sheet, listing: bool, table: Table, facts: list[Fact]
) -> list[Fact]:
    """The number of projects a list read as the report states on its total row ("Tổng cộng
    (17 đề án)"), when no row of it states the count itself.

    Its rows are not counted into a figure: a list may hold lines that are no project (a
    management cost, a carried-over item) under any name. Counting them is a check only,
    against a summary that states the number (``project_list_mismatch``). (``listing``:
    whether the sheet is a list, ``sheets.is_project_list``, told once per sheet by the
    caller; the cheap tests go first, a summary's table is no list.)
    """
    label = table.first_of("label")
    if not facts or label is None or not (listing or names_projects(label)):
        return []
    code = counted_indicator()
    if code is None:
        return []
    if any(f.indicator == code for f in facts):
        return []
    closing: list[tuple[Row, int]] = []  # totals and subtotals stating one count
    for row in classify_rows(sheet, table):
        if row.kind in ("total", "subtotal") and (stated := stated_count(row.label)) is not None:
            closing.append((row, stated))
    # the first total; a list whose one closing row is a subtotal ("Cộng (2 đề án)" under
    # projects of one source) states its count there, never a section's "Cộng mục I (5 đề án)"
    totals = [c for c in closing if c[0].kind == "total"]
    chosen = totals[:1] or (closing if len(closing) == 1 else [])
    return [
        _count_fact(
            facts[0], code, count, cell_address(row.index, label.index), row.label, table, row.label
        )
        for row, count in chosen
    ]


def counted_in_annex(facts: list[Fact]) -> list[Fact]:
    """An annex table's counts (workers its projects trained...) that may stand for the
    report: counts only (an annex's money is read in the summary's unit, an assumption never
    loaded), never its number of rows, and only from a table whose totals hold."""
    return [
        f
        for f in facts
        if f.basis == "actual"
        and catalogue()[f.indicator].measure == "count"
        and not catalogue()[f.indicator].project_list_count
    ]


def annex_counts(stated: list[Fact], facts: list[Fact]) -> list[Fact]:
    """The number of projects an annex states ("Tổng cộng (8 đề án)"), and the counts its
    rows add up to ("Số LĐ đào tạo"), for each report whose summary gives none of them: the
    annex is part of the same report, and the numbers are the clerk's own, proved by the
    annex's totals. Where the summary gives one, the two are compared instead
    (``project_list_mismatch``)."""
    if not stated:
        return []  # most workbooks: no annex, and no report's facts to look through
    given = {(f.identity, f.indicator) for f in facts if f.basis == "actual"}
    return [f for f in stated if (f.identity, f.indicator) not in given]
