"""The number of projects a list of projects holds: one row per đề án.

A summary says "Số đề án | 8"; its annex lists the eight, often under sections by activity or
by funding source ("I | ĐÀO TẠO NGHỀ | 350 | 530" over its projects 1, 2, 3). The projects are
the list's detail rows: not its sections (even one carrying its section's figures), totals,
parts ("- Lớp 1"), notes, or rows the programme reports that are no project ("Chi phí quản lý
đề án"). Their number is the catalogue's ``project_list_count`` indicator: in an annex it is
checked against the summary, and a list that is the whole report states it.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from transforms.indicators import catalogue
from transforms.model import Fact, Sheet, cell_address
from transforms.reading.columns import names_projects
from transforms.reading.rows import Row, classify_rows
from transforms.reading.sheets import is_project_list
from transforms.reading.tables import Table
from transforms.words import contains_phrase, phrase_list, words_of


def _is_project(row: Row) -> bool:
    return (
        row.kind == "detail"
        and not row.heads_section
        and row.aside is None
        and not any(
            contains_phrase(words_of(row.label), p) for p in phrase_list("not_indicator_rows")
        )
    )


def project_count(sheet: Sheet, table: Table, facts: list[Fact]) -> list[Fact]:
    """The number of projects of one table of a list, as a fact of the report its other facts
    belong to (its lineage: the range of the projects' names); none when the table gave no
    fact to know whose report it is, or lists no project."""
    counted = [code for code, indicator in catalogue().items() if indicator.project_list_count]
    projects = [row for row in classify_rows(sheet, table) if _is_project(row)]
    label = table.first_of("label")
    if not facts or not projects or not counted or label is None:
        return []
    (code,) = counted
    first = cell_address(projects[0].index, label.index)
    last = cell_address(projects[-1].index, label.index)
    return [
        replace(
            facts[0],
            indicator=code,
            value=Decimal(len(projects)),
            unit=catalogue()[code].unit,
            cell=f"{first}:{last}",
            raw_value=f"{len(projects)} rows",
            row_label=None,
            column_label=" / ".join(label.levels) or None,
            qualifier=None,
            basis="actual",
        )
    ]


def stated_project_count(sheet: Sheet, table: Table, facts: list[Fact]) -> list[Fact]:
    """The number of projects of a table that is a list of projects ("Tên đề án", or a sheet
    titled "Danh mục các đề án") read as a report, when the table does not state it itself."""
    lists = names_projects(table.first_of("label")) or is_project_list(sheet)
    counted = {code for code, indicator in catalogue().items() if indicator.project_list_count}
    if not lists or any(f.indicator in counted for f in facts):
        return []
    return project_count(sheet, table, facts)
