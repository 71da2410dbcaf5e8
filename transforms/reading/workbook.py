"""Understand a whole workbook: every sheet accounted for, facts and findings out.

This is the pure entry point of reading. It takes a ``Workbook`` of plain cell values (built
by ``khuyencong.workbook_files`` from any file format) and returns a ``Reading``. It never
touches a file, so every layout can be tested with a sheet built in a test. It runs the stages
of ``transforms.reading`` in their order, then the checks of ``transforms.checks.registry``.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from transforms.checks import funding_split_mismatch
from transforms.checks.registry import check_account, check_table, check_workbook
from transforms.findings import is_error
from transforms.indicators import names_an_indicator
from transforms.model import (
    CellOutcome,
    Fact,
    Finding,
    Reading,
    Sheet,
    SheetOutcome,
    Workbook,
    finding,
)
from transforms.reading.accounting import NOT_READ_RULES, TableAccount, account, reported_as
from transforms.reading.cells import SheetContext, indicator_money_units, sheet_money_unit
from transforms.reading.columns import column_conventions, describe, settle_province_column
from transforms.reading.derived import wholes_from_parts
from transforms.reading.identity import identify_sheet, letter_of_another_province
from transforms.reading.projects import (
    annex_counts,
    counted_in_annex,
    project_count,
    stated_project_count,
)
from transforms.reading.readings import WorkbookFacts
from transforms.reading.repeats import group_repeats, kept_facts
from transforms.reading.settle import CheckedTable, settled
from transforms.reading.shapes import shape_of
from transforms.reading.shapes.shape import Shape
from transforms.reading.sheet_totals import sheet_total
from transforms.reading.sheets import (
    PLAN,
    PROJECT_LIST,
    is_plan_title,
    listing_sheets,
    project_lists,
    skip_reason,
    title_block,
)
from transforms.reading.tables import Table, find_tables
from transforms.reading.visible import repair_sheet, without_hidden
from transforms.rules import RuleCode
from transforms.units import CANONICAL_MONEY, Unit
from transforms.words import has_phrase, words_of


def read_sheet(
    sheet: Sheet,
    tables: list[Table],
    fallback_title: tuple[str, ...],
    file_name: str,
    lists: set[str],
    listing: bool = False,
) -> tuple[list[Fact], list[Finding], SheetOutcome]:
    """Facts and findings of every table on one sheet (``tables``, see ``find_tables``), and
    what was done with the sheet (``lists``: the names of the workbook's project lists, see
    ``project_lists``; ``listing``: whether the sheet is a list, ``listing_sheets``)."""
    skip = skip_reason(sheet, lists)
    if skip:
        notes = (
            [finding(RuleCode.PLAN_NOT_LOADED, sheet=sheet.name, title=sheet.name)]
            if skip == PLAN
            else []
        )
        return [], notes, SheetOutcome(sheet.name, "skipped", skip)
    if not tables:
        return [], [], SheetOutcome(sheet.name, "skipped", "no table with a recognisable header")
    facts: list[Fact] = []
    findings: list[Finding] = []
    outcome: SheetOutcome | None = None
    # "Đơn vị: triệu đồng" above the first table of a sheet holds for the tables under it that
    # state none ("A. ĐỀ ÁN ... KCQG" and "B. ĐỀ ÁN ... KCĐP", one unit line over both)
    stated: Unit | None = None
    for number, table in enumerate(tables):
        table_facts, table_findings, table_outcome = read_table(
            sheet, table, fallback_title, file_name, stated
        )
        stated = stated or sheet_money_unit(table.title_lines)[0]
        table_facts += stated_project_count(sheet, listing, table, table_facts)
        facts += [
            fact if fact.table == number else replace(fact, table=number) for fact in table_facts
        ]
        findings += [replace(f, sheet=f.sheet or sheet.name) for f in table_findings]
        cells = outcome.cells if outcome is not None else ()
        outcome = replace(outcome or table_outcome, cells=cells + table_outcome.cells)
    assert outcome is not None
    facts, grand_findings, grand_cells = sheet_total(sheet, tables, facts)
    outcome = replace(outcome, cells=outcome.cells + grand_cells)
    return facts, findings + grand_findings, outcome


def read_table(
    sheet: Sheet,
    table: Table,
    fallback_title: tuple[str, ...],
    file_name: str,
    money_unit_otherwise: Unit | None = None,
    *,
    annex: bool = False,
) -> tuple[list[Fact], list[Finding], SheetOutcome]:
    """Facts and findings of one table (``money_unit_otherwise``: the unit of its money when
    neither it nor its title states one; ``annex``: a project list's, see
    ``read_project_list``)."""
    plan_title = next(
        (line for line in table.title_lines or fallback_title if is_plan_title(line)), None
    )
    if plan_title is not None:
        note = finding(RuleCode.PLAN_NOT_LOADED, sheet=sheet.name, title=plan_title)
        return (
            [],
            [note],
            SheetOutcome(sheet.name, "skipped", PLAN, title=(plan_title,)),
        )
    table = settle_province_column(sheet, table)
    shape = shape_of(sheet, table)
    period, province, findings = identify_sheet(
        table.title_lines, fallback_title, file_name, shape.rows_are_provinces, sheet.name
    )
    if period is None and shape.period_of is not None:
        # a data export's records state their periods ("Kỳ báo cáo | Năm 2015"), not its title
        period = shape.period_of(sheet, table)
        findings = [f for f in findings if f.rule != RuleCode.PERIOD_MISSING or period is None]
    money_unit, unit_findings = sheet_money_unit(table.title_lines or fallback_title)
    money_unit = money_unit or money_unit_otherwise
    outcome = SheetOutcome(
        sheet=sheet.name,
        status="read",
        reason="",
        layout=shape.name,
        header_rows=table.header_rows,
        title=table.title_lines or fallback_title,
        columns=tuple(describe(column) for column in table.columns),
        period=period.label if period else None,
        province=f"{province.unit.code} {province.unit.name}" if province else None,
        money_unit=money_unit.label if money_unit else None,
    )
    if period is None or (province is None and not shape.rows_are_provinces):
        return [], findings, outcome
    title = table.title_lines or fallback_title
    ctx = SheetContext(
        sheet,
        table,
        period,
        province,
        money_unit,
        column_conventions(sheet, table),
        indicator_money_units(title),
        annex,
    )
    checked = settled(ctx, partial(_checked, shape, annex))
    outcome = replace(outcome, cells=checked.cells)
    return checked.facts, findings + unit_findings + checked.findings, outcome


# the findings that say a printed total of a table does not hold
_UNRECONCILED = frozenset(
    {RuleCode.TOTAL_MISMATCH, RuleCode.COLUMN_TOTAL_MISMATCH, RuleCode.FUNDING_SPLIT_MISMATCH}
)


def _checked(shape: Shape, annex: bool, ctx: SheetContext) -> CheckedTable:
    """A table read by its shape, with its checks' findings, and whether its printed totals
    hold: its totals and subtotals, and total funding against KCQG + KCĐP (a workbook check,
    asked here of the table alone, and reported by the workbook's checks); then what became
    of each of its numbers (``annex``: of a project list), and a warning for each that
    nothing accounts for."""
    facts, findings, reading = shape.read(ctx)
    findings += check_table(reading)
    cells = account(reading, facts, findings, annex=annex)
    findings += check_account(TableAccount(ctx.sheet.name, cells))
    split = funding_split_mismatch.check(WorkbookFacts(tuple(facts), (), ()))
    reconciled = not any(is_error(f) and f.rule in _UNRECONCILED for f in findings + split)
    return CheckedTable(facts, findings, reconciled, cells)


# what a project list says of itself that holds whatever the summary says: its own printed
# totals contradicting its lines ("Tổng cộng | 1652" under lines adding up to 1602)
_ANNEX_OWN_ERRORS = frozenset({RuleCode.TOTAL_MISMATCH, RuleCode.COLUMN_TOTAL_MISMATCH})


def read_project_list(
    sheet: Sheet, tables: list[Table], fallback_title: tuple[str, ...], file_name: str
) -> tuple[list[Fact], list[Fact], list[Finding], tuple[CellOutcome, ...]]:
    """The facts of a project list (one row per đề án: its funding, the workers its
    projects trained...) and the number of its projects, to check the summary with; the
    number it states itself ("Tổng cộng (8 đề án)"), which is the report's figure where the
    summary gives none, with the counts its rows add up to (``annex_counts``); and what
    became of its numbers: a line the reading would have made a fact is a part of the
    summary's figures, compared with them. Its other findings are the summary's to make,
    but for its own printed totals that its lines contradict: the clerk's sums, wrong whatever
    the summary says (its cells are accounted as checked totals).

    An annex that states no money unit lists the summary's money: it is read in the
    pipeline's unit (triệu đồng), the one the summary's facts are in, so that its totals are
    compared with the summary's as they are; an annex in another unit then disagrees with the
    summary and says so. Its figures are never loaded.
    """
    facts: list[Fact] = []
    stated: list[Fact] = []
    findings: list[Finding] = []
    cells: tuple[CellOutcome, ...] = ()
    for table in tables:
        table_facts, table_findings, outcome = read_table(
            sheet, table, fallback_title, file_name, CANONICAL_MONEY, annex=True
        )
        findings += [f for f in table_findings if f.rule in _ANNEX_OWN_ERRORS]
        facts += [f for f in table_facts if f.basis == "actual"]
        said = stated_project_count(sheet, True, table, table_facts)  # a list, as it is read
        facts += said or project_count(sheet, table, table_facts)
        stated += said
        if not any(is_error(f) for f in table_findings):
            stated += counted_in_annex(table_facts)
        cells += outcome.cells
    stated, grand_findings, grand_cells = sheet_total(sheet, tables, stated)
    return facts, stated, findings + grand_findings, cells + grand_cells


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


def _another_programme(title: tuple[str, ...], sheets: list[Sheet]) -> bool:
    """Whether the title names another programme's report (khuyến nông, social insurance) and
    no text of the workbook names khuyến công: its rows may share our words ("Số lao động"),
    never our indicators. The workbook's text is read only when the title names one."""
    names = any(has_phrase(words_of(line), "other_programmes") for line in title)
    return names and not any(
        has_phrase(words_of(text), "own_programme") for text in _labels(sheets)
    )


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
    # each sheet's tables are found once: the title block, the project lists and the reading
    # all start from them (finding them is a walk over every row)
    tables = [find_tables(s) if s.visible else [] for s in sheets]
    fallback_title = next(
        (title_block(s, t) for s, t in zip(sheets, tables, strict=True) if s.visible and s.height),
        (),
    )
    listing = listing_sheets(sheets, tables)
    lists = project_lists(sheets, tables, listing)
    listed: list[Fact] = []
    stated: list[Fact] = []
    for sheet, sheet_tables in zip(sheets, tables, strict=True):
        sheet_facts, sheet_findings, outcome = read_sheet(
            sheet, sheet_tables, fallback_title, workbook.file_name, lists, sheet.name in listing
        )
        facts += sheet_facts
        findings += sheet_findings
        if outcome.reason == PROJECT_LIST:
            annex, said, own_errors, cells = read_project_list(
                sheet, sheet_tables, fallback_title, workbook.file_name
            )
            listed += annex
            stated += said
            findings += own_errors
            outcome = replace(outcome, cells=cells)
            findings += check_account(TableAccount(sheet.name, cells))  # never without a word
        outcomes.append(outcome)
    repeats = group_repeats(facts)
    facts = kept_facts(repeats)
    facts += annex_counts(stated, facts)
    unread = [
        (f.sheet, f.cell) for f in findings if f.rule in NOT_READ_RULES and f.sheet and f.cell
    ]
    facts += wholes_from_parts(facts, unread)
    for sheet, sheet_tables in zip(sheets, tables, strict=True):
        if sheet.visible and not sheet_tables:
            lines = title_block(sheet, sheet_tables)
            findings += letter_of_another_province(sheet.name, lines, facts)
    findings += check_workbook(WorkbookFacts(tuple(facts), repeats, tuple(listed)))
    explained = any(is_error(f) or f.rule == RuleCode.PLAN_NOT_LOADED for f in findings)
    if not any(s.height for s in sheets):
        findings.append(finding(RuleCode.EMPTY_WORKBOOK))
    elif _another_programme(fallback_title, sheets) or (
        not facts and not any(names_an_indicator(text) for text in _labels(sheets))
    ):
        # an inbox also receives other offices' reports: that is the one thing to say of them
        found = fallback_title[0][:120] if fallback_title else ", ".join(s.name for s in sheets)
        kept = [f for f in findings if not is_error(f) and f.rule not in NOT_READ_RULES]
        findings = [finding(RuleCode.NOT_A_KHUYEN_CONG_REPORT, found=found), *kept]
        # none of its numbers was to be read: the one finding accounts for them all
        outcomes = [
            replace(o, cells=reported_as(o.cells, RuleCode.NOT_A_KHUYEN_CONG_REPORT))
            for o in outcomes
        ]
    elif not facts and (plans := [f for f in findings if f.rule == RuleCode.PLAN_NOT_LOADED]):
        if not any(is_error(f) for f in findings):
            # the clerk sent the plan, not the report: the period is still to be reported
            findings.append(finding(RuleCode.ONLY_A_PLAN, title=dict(plans[0].params)["title"]))
    elif not facts and not explained:
        read_any = any(o.status == "read" for o in outcomes)
        findings.append(
            finding(RuleCode.NO_INDICATOR_RECOGNISED if read_any else RuleCode.NO_TABLE_FOUND)
        )
    return Reading(tuple(facts), tuple(findings), tuple(outcomes))
