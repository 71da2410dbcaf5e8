"""Understand a whole workbook: every sheet accounted for, facts and findings out.

This is the pure entry point of reading. It takes a ``Workbook`` of plain cell values (built
by ``khuyencong.workbook_files`` from any file format) and returns a ``Reading``. It never
touches a file, so every layout can be tested with a sheet built in a test.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace
from decimal import Decimal

from transforms.extract import (
    TOTAL_TOLERANCE,
    SheetContext,
    column_conventions,
    extract_by_indicator,
    extract_by_province,
    identify_sheet,
    is_by_province,
    settle_province_column,
    sheet_money_unit,
)
from transforms.findings import is_error
from transforms.indicators import catalogue, names_an_indicator
from transforms.layout import Column, Table, find_table, text_of
from transforms.legacy_text import (
    SHORT_CELL_WORDS,
    Repair,
    legacy_readings,
    reads_as_unicode,
    repair_text,
)
from transforms.model import (
    Fact,
    Finding,
    Reading,
    Sheet,
    SheetOutcome,
    Workbook,
    cell_address,
    column_letter,
    finding,
)
from transforms.numbers import format_plain
from transforms.rules import RuleCode
from transforms.words import first_phrase_group, phrase_list, words_of

TITLE_SCAN_ROWS = 12
_NUMBERING = re.compile(r"[ivxlc]+|\d+|[a-z]")  # a section's number, as a folded word
PLAN = "plan, not actuals"
PROJECT_LIST = "project list: detail of the summary, checked against it, never added to it"


DOMINANT_SHARE = 0.8
DOMINANT_MINIMUM = 3


def _dominant_encoding(repairs: dict[tuple[int, int], Repair]) -> str | None:
    """The legacy encoding of a sheet typed in one font: most of its repaired cells agree.

    Short cells ("tr.ñ", "lôùp") can read as either encoding; the sheet's other cells settle
    them, as the font would have. Longer cells keep their own detection (a sheet may mix text
    pasted from documents in both encodings). Returns None unless one encoding dominates.
    """
    counts = Counter(r.encoding for r in repairs.values() if r.encoding)
    if not counts:
        return None
    encoding, hits = counts.most_common(1)[0]
    share = hits / sum(counts.values())
    return encoding if hits >= DOMINANT_MINIMUM and share >= DOMINANT_SHARE else None


def repair_sheet(sheet: Sheet) -> tuple[Sheet, list[Finding]]:
    """The sheet with legacy TCVN3/VNI text turned into Unicode, and one finding saying so."""
    # A legacy font decides a cell, unless its text already reads as good Vietnamese ("Kinh
    # phí" typed in Unicode into a .VnTime template cell would be corrupted by decoding).
    fonts = {
        (r, c): name
        for r, c, name in sheet.fonts
        if not reads_as_unicode(str(sheet.value(r, c) or ""))
    }
    repairs = {
        (r, c): repair_text(value, fonts.get((r, c)))
        for r, row in enumerate(sheet.rows)
        for c, value in enumerate(row)
        if isinstance(value, str) and value
    }
    dominant = _dominant_encoding(repairs)
    if dominant is not None:
        for (r, c), repair in repairs.items():
            if (r, c) in fonts:
                continue  # the cell's own font has spoken
            value = sheet.rows[r][c]
            if not isinstance(value, str):
                continue  # never: only text cells are in ``repairs``
            short = len(value.split()) <= SHORT_CELL_WORDS
            legacy_looking = short and not value.isascii() and not reads_as_unicode(value)
            if repair.encoding != dominant and legacy_looking:
                # what the sheet's font would show: short cells are abbreviations and units
                # ("ÑVT", "tr.ñ") that syllable scoring cannot judge
                decoded = dict(zip(("tcvn3", "vni"), legacy_readings(value), strict=True))[dominant]
                repairs[(r, c)] = Repair(decoded, dominant if decoded != value else None)
    changed = {pos: rep for pos, rep in sorted(repairs.items()) if rep.encoding is not None}
    if not changed:
        return sheet, []
    rows = [list(row) for row in sheet.rows]
    for (r, c), repair in changed.items():
        rows[r][c] = repair.text
    (r, c), first = next(iter(changed.items()))
    note = finding(
        RuleCode.LEGACY_ENCODING_REPAIRED,
        sheet=sheet.name,
        cell=cell_address(r, c),
        encoding=(dominant or first.encoding or "").upper(),
        count=len(changed),
        repaired=first.text,
    )
    return replace(sheet, rows=tuple(tuple(row) for row in rows)), [note]


def without_hidden(sheet: Sheet) -> tuple[Sheet, list[Finding]]:
    """The sheet as the clerk sees it: hidden rows and columns emptied, and a warning naming
    them when they held anything (last year's row kept out of sight is not this report)."""
    rows_hidden, cols_hidden = set(sheet.hidden_rows), set(sheet.hidden_cols)
    held = [
        (r, c)
        for r, row in enumerate(sheet.rows)
        for c, value in enumerate(row)
        if value not in (None, "") and (r in rows_hidden or c in cols_hidden)
    ]
    if not held:
        return sheet, []
    rows = tuple(
        tuple(
            None if r in rows_hidden or c in cols_hidden else value for c, value in enumerate(row)
        )
        for r, row in enumerate(sheet.rows)
    )
    note = finding(
        RuleCode.HIDDEN_CELLS_IGNORED,
        sheet=sheet.name,
        cell=cell_address(*held[0]),
        rows=", ".join(str(r + 1) for r in sorted(rows_hidden)) or "-",
        columns=", ".join(column_letter(c) for c in sorted(cols_hidden)) or "-",
    )
    return replace(sheet, rows=rows), [note]


def _top_lines(sheet: Sheet) -> tuple[str, ...]:
    """The workbook's title block: the text above the first table of its first sheet.

    Never the table itself: a year in its header ("Năm 2008 | Năm 2009") or a place in its
    body ("hội chợ tại Hà Nội") says nothing of whose report it is, or for when.
    """
    first = find_table(sheet)
    end = min(first.header_rows[0], TITLE_SCAN_ROWS) if first else TITLE_SCAN_ROWS
    return tuple(
        line
        for row in sheet.rows[:end]
        if (line := " ".join(text_of(v) for v in row if text_of(v)))
    )


def _is_project_list(sheet: Sheet) -> bool:
    """A list of projects, by its sheet's name ("Danh mục đề án") or by the title above its
    table ("DANH MỤC CÁC ĐỀ ÁN KHUYẾN CÔNG NĂM 2010", "Phụ lục ...") whatever the sheet is
    called ("Biểu 02")."""
    if first_phrase_group(words_of(sheet.name), "sheet_skip") == "project_list":
        return True
    return any(
        words_of(line)[: len(phrase)] == phrase
        for line in _top_lines(sheet)
        for phrase in phrase_list("project_list_titles")
    )


def project_lists(sheets: list[Sheet]) -> set[str]:
    """The sheets that list the projects behind a summary on another sheet: checked against
    it, never added to it. A workbook of lists only has no summary: its lists are the report."""
    shown = [s for s in sheets if s.visible and s.height]
    lists = {s.name for s in shown if _is_project_list(s)}
    return lists if any(s.name not in lists for s in shown) else set()


def _skip_reason(sheet: Sheet, lists: set[str]) -> str | None:
    if not sheet.visible:
        return "hidden sheet"
    if sheet.name in lists:
        return PROJECT_LIST
    kind = first_phrase_group(words_of(sheet.name), "sheet_skip")
    if kind == "plan":
        return PLAN
    if kind == "rejection_list":
        return "our own list of findings, sent back with a corrected report"
    return None


def describe(column: Column) -> str:
    """How a column was understood: ``F: Kinh phí / KCQG -> value, actual, ...national``."""
    parts = [column.kind]
    if column.role:
        parts.append(column.role)
    if column.year:
        parts.append(str(column.year))
    if column.indicator.indicator is not None:
        parts.append(column.indicator.indicator.code)
    elif column.indicator.ambiguous:
        parts.append("ambiguous: " + " | ".join(column.indicator.candidates))
    if column.money_unit is not None:
        parts.append(column.money_unit.label)
    return f"{column_letter(column.index)}: {column.label} -> {', '.join(parts)}"


def read_sheet(
    sheet: Sheet, fallback_title: tuple[str, ...], file_name: str, lists: set[str]
) -> tuple[list[Fact], list[Finding], SheetOutcome]:
    """Facts and findings of every table on one sheet, and what was done with the sheet
    (``lists``: the names of the workbook's project lists, see ``project_lists``)."""
    skip = _skip_reason(sheet, lists)
    if skip:
        notes = (
            [finding(RuleCode.PLAN_NOT_LOADED, sheet=sheet.name, title=sheet.name)]
            if skip == PLAN
            else []
        )
        return [], notes, SheetOutcome(sheet.name, "skipped", skip)
    tables = find_tables(sheet)
    if not tables:
        return [], [], SheetOutcome(sheet.name, "skipped", "no table with a recognisable header")
    facts: list[Fact] = []
    findings: list[Finding] = []
    outcome: SheetOutcome | None = None
    for number, table in enumerate(tables):
        table_facts, table_findings, table_outcome = read_table(
            sheet, table, fallback_title, file_name
        )
        facts += [replace(fact, table=number) for fact in table_facts]
        findings += [replace(f, sheet=f.sheet or sheet.name) for f in table_findings]
        outcome = outcome or table_outcome
    assert outcome is not None
    return facts, findings, outcome


def is_plan_title(line: str) -> bool:
    """A title line naming the document a plan ("KẾ HOẠCH KHUYẾN CÔNG NĂM 2012").

    Numbering is no part of it: "II. KẾ HOẠCH NĂM 2012" heads a plan section.
    """
    words = words_of(line)
    if words and _NUMBERING.fullmatch(words[0]):
        words = words[1:]
    return any(words[: len(phrase)] == phrase for phrase in phrase_list("plan_titles"))


def find_tables(sheet: Sheet) -> list[Table]:
    """Every table on a sheet, top to bottom (a summary, then a second table below it...)."""
    tables: list[Table] = []
    start = 0
    while start < sheet.height and (table := find_table(sheet, start)) is not None:
        tables.append(table)
        start = max(table.end_row, table.header_rows[-1] + 1)
    return tables


def read_table(
    sheet: Sheet, table: Table, fallback_title: tuple[str, ...], file_name: str
) -> tuple[list[Fact], list[Finding], SheetOutcome]:
    """Facts and findings of one table."""
    plan_title = next(
        (line for line in table.title_lines or fallback_title if is_plan_title(line)), None
    )
    if plan_title is not None:
        note = finding(RuleCode.PLAN_NOT_LOADED, sheet=sheet.name, title=plan_title)
        return (
            [],
            [note],
            SheetOutcome(sheet.name, "skipped", "plan, not actuals", title=(plan_title,)),
        )
    table = settle_province_column(sheet, table)
    by_province = is_by_province(table)
    period, province, findings = identify_sheet(
        table, fallback_title, file_name, by_province, sheet.name
    )
    money_unit, unit_findings = sheet_money_unit(table.title_lines or fallback_title)
    outcome = SheetOutcome(
        sheet=sheet.name,
        status="read",
        reason="",
        layout="by_province" if by_province else "by_indicator",
        header_rows=table.header_rows,
        title=table.title_lines or fallback_title,
        columns=tuple(describe(column) for column in table.columns),
        period=period.label if period else None,
        province=f"{province.unit.code} {province.unit.name}" if province else None,
        money_unit=money_unit.label if money_unit else None,
    )
    if period is None or (province is None and not by_province):
        return [], findings, outcome
    ctx = SheetContext(sheet, table, period, province, money_unit, column_conventions(sheet, table))
    extract = extract_by_province if by_province else extract_by_indicator
    facts, more = extract(ctx)
    return facts, findings + unit_findings + more, outcome


def drop_repeated_tables(facts: list[Fact]) -> tuple[list[Fact], list[Finding]]:
    """One figure per report and indicator, whichever sheet or table it comes from.

    Within a table, rows of the same flow add up (several activity rows of one kind). The same
    indicator of the same report in two tables (on two sheets, or a summary and its detail
    on one sheet) is a repeat: an identical repeat is kept once, a different one is an error,
    since adding both would count the figure twice.
    """
    by_key: dict[tuple[object, str, str], dict[tuple[str, int], list[Fact]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for fact in facts:
        by_key[(fact.identity, fact.indicator, fact.basis)][(fact.sheet, fact.table)].append(fact)
    kept: list[Fact] = []
    findings: list[Finding] = []
    for (_, indicator, _), by_table in by_key.items():
        groups = list(by_table.values())
        first_group = groups[0]
        if catalogue()[indicator].kind == "stock" and len(first_group) > 1:
            # a stock is one number per report: two rows of it never add up
            if len({f.value for f in first_group}) > 1:
                findings.append(_duplicate(indicator, first_group[0], first_group[1]))
            first_group = first_group[:1]
        kept += first_group
        totals = {sum((f.value for f in group), start=0) for group in groups}
        if len(totals) > 1:
            findings.append(_duplicate(indicator, groups[0][0], groups[1][0]))
    return kept, findings


def _duplicate(indicator: str, first: Fact, other: Fact) -> Finding:
    return finding(
        RuleCode.DUPLICATE_INDICATOR,
        sheet=other.sheet,
        cell=other.cell,
        value=other.raw_value,
        indicator=indicator,
        province=first.identity.province_name,
        period=first.identity.period.label,
        other_cell=f"{first.sheet}!{first.cell}",
    )


FUNDING_PARTS = ("extension_funding_national", "extension_funding_local")


def check_funding_split(facts: list[Fact]) -> list[Finding]:
    """Each report's total funding must equal national (KCQG) plus local (KCĐP) funding.

    ``extension_funding`` is defined as KCQG + KCĐP; a "Tổng" that also counts counterpart
    money (đối ứng) or simply does not add up cannot be loaded as that figure.
    """
    sums: dict[object, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    first_total: dict[object, Fact] = {}
    for fact in (f for f in facts if f.basis == "actual"):
        if fact.indicator == "extension_funding" or fact.indicator in FUNDING_PARTS:
            sums[fact.identity][fact.indicator] += fact.value
        if fact.indicator == "extension_funding":
            first_total.setdefault(fact.identity, fact)
    findings = []
    for identity, parts in sums.items():
        if not all(code in parts for code in ("extension_funding", *FUNDING_PARTS)):
            continue
        national, local = (parts[code] for code in FUNDING_PARTS)
        if abs(parts["extension_funding"] - national - local) > TOTAL_TOLERANCE:
            total = first_total[identity]
            findings.append(
                finding(
                    RuleCode.FUNDING_SPLIT_MISMATCH,
                    sheet=total.sheet,
                    cell=total.cell,
                    value=total.raw_value,
                    total=format_plain(parts["extension_funding"]),
                    national=format_plain(national),
                    local=format_plain(local),
                )
            )
    return findings


def read_project_list(sheet: Sheet, fallback_title: tuple[str, ...], file_name: str) -> list[Fact]:
    """The funding facts of a project list (one row per đề án), to check the summary with."""
    facts: list[Fact] = []
    for table in find_tables(sheet):
        facts += read_table(sheet, table, fallback_title, file_name)[0]
    return [f for f in facts if f.indicator == "extension_funding" or f.indicator in FUNDING_PARTS]


def check_project_list(facts: list[Fact], project_list: list[Fact]) -> list[Finding]:
    """The projects listed must add up to the summary: their count and their funding."""
    findings = []
    listed: dict[object, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    rows: dict[object, set[tuple[str, str]]] = defaultdict(set)
    for fact in project_list:
        listed[fact.identity][fact.indicator] += fact.value
        rows[fact.identity].add((fact.sheet, fact.cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")))
    summary: dict[object, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for fact in facts:
        if fact.basis == "actual":
            summary[fact.identity][fact.indicator] += fact.value
    for identity, amounts in listed.items():
        stated = summary.get(identity, {})
        checks = [(code, amounts[code], stated[code]) for code in amounts if code in stated]
        if "extension_projects" in stated:
            checks.append(
                ("extension_projects", Decimal(len(rows[identity])), stated["extension_projects"])
            )
        for indicator, in_list, in_summary in checks:
            if abs(in_list - in_summary) > TOTAL_TOLERANCE:
                sheet = next(f.sheet for f in project_list if f.identity == identity)
                findings.append(
                    finding(
                        RuleCode.PROJECT_LIST_MISMATCH,
                        sheet=sheet,
                        indicator=indicator,
                        listed=format_plain(in_list),
                        summary=format_plain(in_summary),
                    )
                )
    return findings


LABEL_LENGTH = 200  # longer text is a note or a paragraph, not a row label or a header


def _labels(sheets: list[Sheet]) -> set[str]:
    """The distinct short texts of every sheet: where a report would name its indicators."""
    return {
        text
        for sheet in sheets
        for row in sheet.rows
        for value in row
        if isinstance(value, str) and 0 < len(text := value.strip()) <= LABEL_LENGTH
    }


def understand_workbook(workbook: Workbook) -> Reading:
    """Every fact a workbook reports, every finding about it, and the fate of every sheet."""
    facts: list[Fact] = []
    findings: list[Finding] = []
    outcomes: list[SheetOutcome] = []
    sheets = []
    for sheet in workbook.sheets:
        shown, hidden_notes = without_hidden(sheet)
        repaired, notes = repair_sheet(shown)
        sheets.append(repaired)
        findings += hidden_notes + notes
    fallback_title = next((_top_lines(s) for s in sheets if s.visible and s.height), ())
    lists = project_lists(sheets)
    listed: list[Fact] = []
    for sheet in sheets:
        sheet_facts, sheet_findings, outcome = read_sheet(
            sheet, fallback_title, workbook.file_name, lists
        )
        facts += sheet_facts
        findings += sheet_findings
        outcomes.append(outcome)
        if outcome.reason == PROJECT_LIST:
            listed += read_project_list(sheet, fallback_title, workbook.file_name)
    facts, repeats = drop_repeated_tables(facts)
    findings += repeats + check_funding_split(facts) + check_project_list(facts, listed)
    explained = any(is_error(f) or f.rule == RuleCode.PLAN_NOT_LOADED for f in findings)
    if not any(s.height for s in sheets):
        findings.append(finding(RuleCode.EMPTY_WORKBOOK))
    elif not facts and not any(names_an_indicator(text) for text in _labels(sheets)):
        # an inbox also receives other offices' reports: that is the one thing to say of them
        found = fallback_title[0][:120] if fallback_title else ", ".join(s.name for s in sheets)
        kept = [f for f in findings if not is_error(f)]
        findings = [finding(RuleCode.NOT_A_KHUYEN_CONG_REPORT, found=found), *kept]
    elif not facts and not explained:
        read_any = any(o.status == "read" for o in outcomes)
        findings.append(
            finding(RuleCode.NO_INDICATOR_RECOGNISED if read_any else RuleCode.NO_TABLE_FOUND)
        )
    return Reading(tuple(facts), tuple(findings), tuple(outcomes))
