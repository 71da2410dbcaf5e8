"""Which sheets and tables of a workbook are the report: not hidden, no plan, no project list.

A project list is read too, but only to check the summary with
(``transforms.checks.project_list_mismatch``); a plan is set aside with a warning.
"""

from __future__ import annotations

import re

from transforms.model import Sheet
from transforms.reading.columns import names_projects
from transforms.reading.tables import Table, texts_of
from transforms.words import (
    first_phrase_group,
    has_phrase,
    phrase_list,
    starts_with_phrase,
    words_of,
)

TITLE_SCAN_ROWS = 12
_SECTION_NUMBER = re.compile(r"[ivxlc]+|\d+|[a-z]")  # a section's number, as a folded word
PLAN = "plan, not actuals"
PROJECT_LIST = "project list: detail of the summary, checked against it, never added to it"


def title_block(sheet: Sheet, tables: list[Table]) -> tuple[str, ...]:
    """The workbook's title block: the text above the first table of its first sheet
    (``tables``: the sheet's, found once by the caller).

    Never the table itself: a year in its header ("Năm 2008 | Năm 2009") or a place in its
    body ("hội chợ tại Hà Nội") says nothing of whose report it is, or for when.
    """
    if tables and tables[0].header_rows[0] <= TITLE_SCAN_ROWS:
        # the lines above the first table, which ``find_tables`` has already joined (its
        # first search starts at the sheet's top): not a second walk over the same cells
        return tables[0].title_lines
    end = min(tables[0].header_rows[0], TITLE_SCAN_ROWS) if tables else TITLE_SCAN_ROWS
    return tuple(line for row in sheet.rows[:end] if (line := " ".join(texts_of(row))))


def is_project_list(sheet: Sheet, tables: list[Table]) -> bool:
    """A list of projects, by its sheet's name ("Danh mục đề án"), by the title above its
    table ("DANH MỤC CÁC ĐỀ ÁN KHUYẾN CÔNG NĂM 2010", "PHỤ LỤC: DANH MỤC ĐỀ ÁN ...") whatever the
    sheet is called ("Biểu 02"), or by its label column ("Tên đề án": one row per project)."""
    if first_phrase_group(words_of(sheet.name), "sheet_skip") == "project_list":
        return True
    if tables and names_projects(tables[0].first_of("label")):
        return True
    return any(
        starts_with_phrase(_after_annex_word(words_of(line)), "project_list_titles")
        for line in title_block(sheet, tables)
    )


def _after_annex_word(words: tuple[str, ...]) -> tuple[str, ...]:
    """A title's words after "Phụ lục" and its number ("Phụ lục 02: Danh mục đề án")."""
    for phrase in phrase_list("annex_words"):
        if words[: len(phrase)] == phrase:
            rest = words[len(phrase) :]
            return rest[1:] if rest and _SECTION_NUMBER.fullmatch(rest[0]) else rest
    return words


def listing_sheets(sheets: list[Sheet], tables: list[list[Table]]) -> set[str]:
    """The shown sheets that are lists of projects (``is_project_list``), told once per sheet:
    ``project_lists`` and each table's ``stated_project_count`` ask it (``tables``: each
    sheet's)."""
    return {
        s.name
        for s, t in zip(sheets, tables, strict=True)
        if s.visible and s.height and is_project_list(s, t)
    }


def project_lists(sheets: list[Sheet], tables: list[list[Table]], listing: set[str]) -> set[str]:
    """The sheets that list the projects behind a summary on another sheet: checked against
    it, never added to it. A workbook of lists only has no summary (a plan sheet is none, nor
    a cover letter, which has no table): its lists are the report. (``listing``: the sheets
    that are lists, see ``listing_sheets``; ``tables``: each sheet's.)"""
    summaries = [
        s
        for s, t in zip(sheets, tables, strict=True)
        if s.visible and s.height and t and s.name not in listing and skip_reason(s, set()) is None
    ]
    return set(listing) if summaries else set()


def skip_reason(sheet: Sheet, lists: set[str]) -> str | None:
    if not sheet.visible:
        return "hidden sheet"
    if sheet.name in lists:
        return PROJECT_LIST
    words = words_of(sheet.name)
    kind = first_phrase_group(words, "sheet_skip")
    if kind == "plan" and not has_phrase(words, "actual_sheets"):
        return PLAN
    if kind == "rejection_list":
        return "our own list of findings, sent back with a corrected report"
    return None


def is_plan_title(line: str) -> bool:
    """A title line naming the document a plan ("KẾ HOẠCH KHUYẾN CÔNG NĂM 2012").

    Numbering is no part of it: "II. KẾ HOẠCH NĂM 2012" heads a plan section.
    """
    words = words_of(line)
    if words and _SECTION_NUMBER.fullmatch(words[0]):
        words = words[1:]
    return starts_with_phrase(words, "plan_titles")
