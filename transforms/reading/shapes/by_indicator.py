"""The by-indicator shape: each row names an indicator, one column holds the period's actuals.

Activity tables ("Đào tạo nghề | người | 1250") and transposed indicator-by-year tables. Columns
that name an indicator themselves (the funding split "Tổng | KCQG | KCĐP") give one fact per
row, which the marts add up. Rows that are not the period's actuals (plan, other year,
cumulative, comparison) and columns that are not (plan, previous year, %) give no fact. Columns
of the period's parts beside its actuals ("Quý I" to "Quý IV" beside "Cả năm") give facts of
each part, and the period's column must be their sum in every row of a flow.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from transforms.indicators import (
    NO_MATCH,
    IndicatorMatch,
    catalogue,
    indicators_named,
    match_label,
)
from transforms.model import Fact, Finding, Sheet, cell_address
from transforms.periods import Period
from transforms.reading.annex_lines import AnnexLines
from transforms.reading.cells import SheetContext, cell_fact, collect, make_fact, read_cell
from transforms.reading.columns import (
    Column,
    in_indicator_group,
    is_current,
    names_money,
    names_projects,
    part_of_period,
    span_named,
    tilings,
)
from transforms.reading.labels import starts_with_any, strip_numbering
from transforms.reading.readings import ColumnTotal, TableReading, TotalsToCheck
from transforms.reading.rows import (
    Row,
    blank_in,
    classify_rows,
    counted_by_parent,
    enclosing_sections,
    row_indicator,
    section_heads,
    set_aside,
)
from transforms.reading.shapes.shape import Shape
from transforms.reading.tables import Table
from transforms.reading.together import stated_below, stated_together
from transforms.text import LABELS_REMEMBERED, tokens
from transforms.words import has_phrase, words_of


def read(ctx: SheetContext) -> tuple[list[Fact], list[Finding], TableReading]:
    """Facts of a table whose rows name indicators, and the table as read, for its checks."""
    facts: list[Fact] = []
    findings: list[Finding] = []
    rows = set_aside(classify_rows(ctx.sheet, ctx.table), ctx.period)
    periods = {r.index: _of_row(ctx, r) for r in rows if r.kind in ("detail", "part")}
    rows, by_parts = _whole_of_parts(ctx, rows, periods)
    if ctx.province is None:
        return facts, findings, TableReading(ctx, rows, (), ())
    values = ctx.table.columns_of("value")
    own = [c for c in values if c.indicator.indicator is not None and is_current(c, ctx.period)]
    plain = [c for c in values if c.indicator.indicator is None and not c.indicator.ambiguous]
    current = [c for c in plain if is_current(c, ctx.period) and not in_indicator_group(c, values)]
    planned = [
        c
        for c in plain
        if c.role == "plan" and c.year in (None, ctx.period.year)
        if not in_indicator_group(c, values)
    ]
    data_rows = [r for r in rows if r.kind == "detail" and r.aside is None]
    if len(current) > 1:
        # a column with no figure in any row (a hidden "TH năm 2011" emptied, left under its
        # group's "Số liệu") leaves nothing to choose between
        current = [c for c in current if any(not _blank(ctx, r, c) for r in rows)] or current
    # "Số lượng | Kinh phí (trđ)": each activity's funding beside its count (money_beside_counts)
    funding = [
        c
        for c in plain
        if names_money(c) and c.role is None and c.year is None
        if not in_indicator_group(c, values)  # "Tổng" of all sources beside KCQG | KCĐP
    ]
    funding = funding if len(funding) == 1 and len(current) == 1 else []
    # "Cả năm 2022 | Quý I | Quý II | Quý III | Quý IV": each quarter's actuals, beside the year's
    parts = [
        (c, span)
        for c in plain
        if len(current) == 1 and not in_indicator_group(c, values)
        if (span := part_of_period(c, ctx.period)) is not None
    ]
    label_col = ctx.table.first_of("label")
    # a heading with no figure of its own ("I | Hỗ trợ ứng dụng máy móc thiết bị" over its
    # projects) names what its projects count, it is no row of indicators itself
    headings = {
        row.index for row in data_rows if row.heads_section and blank_in(ctx.sheet, row, values)
    }
    of_indicators = any(
        row_indicator(row).indicator for row in data_rows if row.index not in headings
    )
    # rows of projects ("Tên đề án") or of places whose figures are in columns naming
    # indicators (KCQG | KCĐP): a label there that could name two indicators ("Đào tạo nghề đan
    # lát") is a project's name, not a row to read
    projects = bool(own) and (not of_indicators or names_projects(label_col))
    lumped = [c for c in values if c.indicator.ambiguous and is_current(c, ctx.period)]
    if not current and len(lumped) == 1:
        # "Số lớp / mô hình / cơ sở": each section (or row) says which of them it counts
        current = lumped
    heads = section_heads(rows)
    sections = enclosing_sections(rows)
    lines = AnnexLines(ctx)
    unread: list[Row] = []
    ambiguous: list[tuple[Row, IndicatorMatch, str]] = []
    flows: list[Row] = []  # rows of a flow read beside their parts of the period
    stopped = False
    parent: Row | None = None
    above: Row | None = None  # the last detail or total row: what a part row is a part of
    for row in rows:
        if current and above is not None and (below := stated_below(ctx, row, above, current[0])):
            settled, cell = below  # "Đào tạo nghề ... | 25 lớp" over " | 850 học viên"
            fact = make_fact(ctx, ctx.province, settled, cell, current[0], above)
            collect(fact, facts, findings)
        if row.kind != "part":
            above = row
        if row.aside is not None:
            parent = None if row.kind == "detail" else parent  # its parts are aside with it
            continue
        if by_parts and row.kind in ("total", "subtotal"):
            for column in own:  # the whole period's figures, checked against its parts' sum
                indicator = column.indicator.indicator
                assert indicator is not None
                collect(cell_fact(ctx, ctx.province, indicator, row, column), facts, findings)
        if row.kind == "subtotal":
            parent = row  # "Trong đó: lao động nữ" under it is a part of it, as under a detail
            continue
        if row.kind == "detail":
            parent = row
        elif row.kind != "part" or parent is None:
            continue
        # a detail row is its own parent, and most rows are under no heading section: then
        # nothing counts their figures, told without making a function for each row
        counted = _uncounted if parent is row else counted_by_parent(ctx.sheet, row, parent)
        head = heads.get(row.index)
        in_head = _uncounted if head is None else counted_by_parent(ctx.sheet, row, head)
        of_row = periods.get(row.index, ctx) if own else ctx
        for column in own:
            indicator = column.indicator.indicator
            assert indicator is not None
            if of_row is None or counted(column) or in_head(column):
                continue
            if of_row is ctx:
                lines.read(indicator, row, column, facts, findings)
            else:  # a row of a part of the period ("Quý I"): that part's figure
                collect(cell_fact(of_row, ctx.province, indicator, row, column), facts, findings)
        if not current:
            continue
        if projects:
            # a project's figures are in the columns naming indicators, and its count in the
            # column beside them is of what its section names ("I | ĐÀO TẠO NGHỀ" over "1 |
            # Đào tạo nghề may | người | 150"); projects outside sections count nothing
            section = sections.get(row.index)
            if row.kind != "detail" or row.heads_section or _blank(ctx, row, current[0]):
                continue  # a section's own figure is its subtotal, checked as such
            match = _section_count(section, row, current[0])
            if match.ambiguous:
                address = cell_address(row.index, current[0].index)
                ambiguous.append((row, match, address))
                continue
            if match.indicator is None:
                continue  # a section by funding source, or naming several things: no count
        else:
            match = row_indicator(row)
            if current[0].indicator.ambiguous and not _blank(ctx, row, current[0]):
                match = _one_counted(current[0], row.label)  # "I | Đào tạo nghề | 9 | 270"
            elif match.indicator is None and not match.ambiguous and row.kind == "detail":
                section = sections.get(row.index)
                if section is not None and _blank(ctx, section, current[0]):
                    match = _item_of_section(section, row)
            if counted(current[0]) and match == row_indicator(parent):
                continue  # "- Nghề mộc" under "Đào tạo nghề": the same figure, already counted
        together = [] if projects else stated_together(ctx, row, current[0])
        for indicator, cell in together:  # "26 lớp, 780 học viên": each unit says which
            collect(make_fact(ctx, ctx.province, indicator, cell, current[0], row), facts, findings)
        if together:
            continue
        if match.ambiguous:
            # "1 | Đào tạo nghề | | " over "- Số lớp" and "- Số lao động": a heading with no
            # figure of its own leaves nothing to tell apart
            if not blank_in(ctx.sheet, row, (*current, *funding)):
                address = cell_address(row.index, label_col.index if label_col else 0)
                ambiguous.append((row, match, address))
            continue
        if match.indicator is None:
            if row.kind == "detail" and row.index not in heads:
                unread.append(row)
            continue
        if len(current) > 1:
            stopped = True  # which column is the actuals cannot be told: no row is read
            break
        column = current[0]
        if funding and match.indicator.measure == "money" and _blank(ctx, row, column):
            if row.kind == "part" and above is not None and _names_a_count(above):
                continue  # "- Nguồn KCQG" under an activity: its funding's breakdown, not a fact
            column = funding[0]  # "Tổng kinh phí | | 3440": its figure is in the funding column
        collect(cell_fact(ctx, ctx.province, match.indicator, row, column), facts, findings)
        if column is current[0] and parts:
            flows += [row] if match.indicator.kind == "flow" else []  # a stock's year is no sum
            for part, span in parts:
                of_part = replace(ctx, period=span)
                found = cell_fact(of_part, ctx.province, match.indicator, row, part)
                collect(found, facts, findings)
        if len(planned) == 1:  # the period's plan beside its actuals, for marts.plan_vs_actual
            collect(cell_fact(ctx, ctx.province, match.indicator, row, planned[0]), facts, findings)
    facts = lines.summed(facts)
    if funding and not stopped:  # funding: beside the one actuals column
        facts += _funding_total(ctx, rows, funding[0], facts, findings)
    totals = [TotalsToCheck(tuple(own))]
    if funding:
        totals.append(TotalsToCheck((funding[0],), frozenset({"total"})))
    if projects or not of_indicators:
        # rows of projects or places: a printed total of any column, loaded or not ("Tổng"
        # beside KCQG and KCĐP), is the clerk's own sum, and it must hold for the file to
        totals.append(TotalsToCheck(_summable(ctx, plain, data_rows)))
    if current and current[0].indicator.ambiguous:
        totals.append(TotalsToCheck((current[0],), frozenset({"section", "subtotal"})))
    if len(current) == 1 and not projects:
        # its rows name several indicators: only a subtotal sums one of them
        totals.append(TotalsToCheck((current[0],), frozenset({"subtotal"})))
    reading = TableReading(
        ctx,
        rows,
        tuple(data_rows),
        tuple(totals),
        rows_name_indicators=True,
        indicator_columns=tuple(own),
        unnamed_columns=tuple(plain),
        actual_columns=tuple(current),
        read_columns=tuple(c for c in funding if any(f.column_label == c.label for f in facts)),
        unread_rows=tuple(unread),
        ambiguous_rows=tuple(ambiguous),
        stopped=stopped,
        column_totals=tuple(
            ColumnTotal(current[0], tiled, tuple(flows)) for tiled in tilings(parts, ctx.period)
        ),
        annex_lines=lines.cells,
    )
    return facts, findings, reading


def _whole_of_parts(
    ctx: SheetContext, rows: tuple[Row, ...], periods: dict[int, SheetContext | None]
) -> tuple[tuple[Row, ...], bool]:
    """The rows, with the row of the whole period made a total when rows name its parts
    ("Quý I" ... "Quý IV", then "Cả năm"; "Tháng 1" ... "Tháng 6", then "Cộng 6 tháng"), and
    whether they do. That row's figures are the period's, and the checks compare them with the
    sum of the parts' rows, as any total's (``periods``: each row's ``_of_row``)."""
    named = [
        (row, periods[row.index]) for row in rows if row.kind == "detail" and row.aside is None
    ]
    if sum(of_row is not ctx for _, of_row in named) < _PARTS:  # a part's context, a month's None
        return rows, False
    whole = {row.index for row, _ in named if _names_the_period(ctx, row)}
    return tuple(replace(r, kind="total") if r.index in whole else r for r in rows), True


def _names_the_period(ctx: SheetContext, row: Row) -> bool:
    """ "Cả năm", "Cả năm 2019": a label naming the report's whole period, and no indicator."""
    if row_indicator(row).indicator is not None:
        return False
    span = span_named(strip_numbering(row.label), ctx.period)
    return span is not None and (span.start, span.end) == (ctx.period.start, ctx.period.end)


def _of_row(ctx: SheetContext, row: Row) -> SheetContext | None:
    """The context of a row's figures in columns naming indicators: a row whose label names a
    part of the period instead of an indicator ("Quý I" ... "Quý IV" over "Cả năm") holds that
    part's figures, never added into the period's; one naming a month gives no fact (None:
    no period of the contract); any other row is the period's."""
    if row_indicator(row).indicator is not None or len(row.label.split()) > _PERIOD_WORDS:
        return ctx
    label = strip_numbering(row.label)
    span = _span_named(label, ctx.period)
    if span is None or (span.start, span.end) == (ctx.period.start, ctx.period.end):
        return ctx
    if span.kind == "month" and not starts_with_any(label, "month_columns"):
        return ctx  # "ngày 05 tháng 01" under the figures: a date, no row of a month
    return replace(ctx, period=span) if span.kind in ("quarter", "half", "nine_months") else None


@lru_cache(maxsize=LABELS_REMEMBERED)
def _span_named(label: str, period: Period) -> Period | None:
    """``span_named`` of a row's label, remembered: asked of every short label of a table (a
    long list's projects among them), and a list repeats its labels."""
    return span_named(label, period)


_PERIOD_WORDS = 6  # "9 tháng đầu năm 2019": a label naming a period, and nothing else
_PARTS = 2  # rows of parts of the period: one alone may be any row's words


def _section_count(section: Row | None, row: Row, column: Column) -> IndicatorMatch:
    """What a project's figure in the count column counts: what its section names ("I | ĐÀO
    TẠO NGHỀ" over "1 | Đào tạo nghề may | người | 150"), nothing outside sections. A column
    naming several counts ("Số lớp / mô hình / cơ sở") counts, in each section, the one of
    them the section names ("ĐÀO TẠO NGHỀ": classes, not workers); a figure of it that no
    section settles is ambiguous, never dropped."""
    lumped = column.indicator.ambiguous
    if section is None:
        return column.indicator if lumped else NO_MATCH
    if lumped:
        return _one_counted(column, section.label)
    match = match_label(strip_numbering(section.label), row.unit_text or None)
    if match.indicator is None or match.indicator.measure != "count":
        return NO_MATCH
    return match


def _item_of_section(section: Row, row: Row) -> IndicatorMatch:
    """An item of the activity its section names, counted in its own ĐVT: "II | ĐÀO TẠO NGHỀ,
    TRUYỀN NGHỀ" over "1 | Lớp đan đát lục bình | người | 35" counts workers trained. Only
    where the ĐVT is one the section's indicator counts in (the section carries no figure of
    its own: the caller's to see), and the item is nothing the schemas set apart (a workshop
    under training: ``layout.yaml`` ``not_indicator_rows``, or words the indicator is never
    named with)."""
    if not row.unit_text:
        return NO_MATCH
    words = words_of(row.label)
    if has_phrase(words, "not_indicator_rows"):
        return NO_MATCH
    match = match_label(strip_numbering(section.label), row.unit_text)
    indicator = match.indicator
    if indicator is None or indicator.measure != "count" or not indicator.unit_words:
        return NO_MATCH
    folded = set(tokens(row.label))
    if any(phrase <= folded for phrase in indicator.excluded):
        return NO_MATCH
    return match


def _one_counted(column: Column, label: str) -> IndicatorMatch:
    """Which of the things a column counts ("Số lớp / mô hình / cơ sở") a label names: the
    one of them among every indicator it names ("Đào tạo nghề": workers and classes, of which
    the column counts classes); still the column's ambiguity when none or several."""
    both = sorted(indicators_named(strip_numbering(label)) & set(column.indicator.candidates))
    return IndicatorMatch(catalogue()[both[0]]) if len(both) == 1 else column.indicator


def _uncounted(column: Column) -> bool:
    """``counted_by_parent`` of a row that is its own parent: no figure of it is counted."""
    return False


def _names_a_count(row: Row) -> bool:
    indicator = row_indicator(row).indicator
    return indicator is not None and indicator.measure == "count"


def _blank(ctx: SheetContext, row: Row, column: Column) -> bool:
    return ctx.sheet.value(row.index, column.index) in (None, "")


def _funding_total(
    ctx: SheetContext,
    rows: tuple[Row, ...],
    column: Column,
    facts: list[Fact],
    findings: list[Finding],
) -> list[Fact]:
    """Total funding from the grand total of a funding column beside counts, when the table
    also gives its two parts ("Tổng cộng | | 3920" over "Trong đó: KCQG | 1650" and "KCĐP |
    2270"): then it is KCQG + KCĐP, which the funding-split check proves. Without its parts it
    may hold counterpart funds (đối ứng) as well, and is not taken (money-column-not-read).
    """
    whole = next((i for i in catalogue().values() if i.parts and i.measure == "money"), None)
    grand = [row for row in rows if row.kind == "total" and not _blank(ctx, row, column)]
    have = {fact.indicator for fact in facts}
    if whole is None or not grand or whole.code in have or not set(whole.parts) <= have:
        return []
    assert ctx.province is not None
    found = cell_fact(ctx, ctx.province, whole, grand[-1], column)
    if isinstance(found, Finding):
        findings.append(found)
    return [found] if isinstance(found, Fact) else []


def _summable(ctx: SheetContext, columns: list[Column], rows: list[Row]) -> tuple[Column, ...]:
    """The columns whose totals can be checked: not comparisons (percentages never add up),
    and every figure of the rows read as a number (an unreadable one would be counted as 0)."""
    return tuple(
        column
        for column in columns
        if column.role != "comparison"
        and not any(
            isinstance(read_cell(ctx, row.index, column.index, whole=False), Finding)
            for row in rows
        )
    )


def _any_table(sheet: Sheet, table: Table) -> bool:
    return True


SHAPE: Shape = Shape(name="by_indicator", matches=_any_table, rows_are_provinces=False, read=read)
