"""Turn a workbook's tables into facts, with a finding for everything that is not right.

Two table shapes carry the data of every layout family:

* **by indicator** (activity tables, transposed indicator-by-year tables): each row names an
  indicator (label + ĐVT) and one column holds the period's actuals; columns that name an
  indicator themselves (the funding split "Tổng | KCQG | KCĐP") give one fact per row, which
  the marts add up.
* **by province** (regional compilations): each row is one province's report, each column an
  indicator.

Totals and section subtotals are never data: they are compared with their detail rows and a
disagreement is a finding. Columns that are not the period's actuals (plan, previous year,
cumulative, comparison %) are never read as facts.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from itertools import takewhile
from typing import TypeVar

from transforms.identity import (
    CONFLICTS,
    former_province_findings,
    identify_period,
    identify_province,
)
from transforms.indicators import Indicator, IndicatorMatch, match_indicator, match_label
from transforms.layout import Column, Table, text_of
from transforms.legacy_text import legacy_readings
from transforms.model import (
    CellValue,
    Fact,
    Finding,
    ReportIdentity,
    Sheet,
    cell_address,
    column_letter,
    finding,
)
from transforms.numbers import format_plain, number_convention, parse_number
from transforms.periods import Period, parse_period, periods_in_text
from transforms.provinces import ProvinceMatch, resolve_province
from transforms.rules import RuleCode
from transforms.text import fold
from transforms.units import Unit, find_money_unit, money_units_in, parse_unit
from transforms.words import (
    contains_phrase,
    first_phrase_group,
    phrase_list,
    vocabulary,
    words_of,
)

_ROMAN = re.compile(r"^(?=[IVXLC]+$)M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
_LABEL_NUMBERING = re.compile(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)/-]\s+", re.IGNORECASE)
_SECTION_PREFIX = re.compile(r"^\s*([IVXLC]+)\s*[.)/-]\s+")
_BULLET = re.compile(r"^\s*[-+•*–—·]\s*\S")
# a, b, c, a bullet, or a second-level number (1.1, 1.2, 2.1.) in the STT column: a part of the
# row above it (numbered 1, 2 ...), whose figure already holds the parts'
_SUB_NUMBER = re.compile(r"^([a-zđ][.)]?|[-+•*]|\d+(\.\d+)+\.?)$")
TOTAL_TOLERANCE = Decimal("0.5")
Stated = TypeVar("Stated")


@dataclass(frozen=True)
class Row:
    """One body row of a table, with what it is."""

    index: int
    label: str
    unit_text: str
    kind: str  # "detail" | "part" | "section" | "total" | "subtotal" | "note"
    # why a detail or part row is not the period's actuals ("comparison", "plan", "cumulative",
    # "other year"), None when it is: such a row never gives a fact (see ``_set_aside``)
    aside: str | None = None
    # a section row that carries its section's figures itself (``_demote_sections_without_
    # indicators``): in a column where it has a figure, the rows under it are its breakdown
    heads_section: bool = False


@dataclass(frozen=True)
class Cell:
    """A number read from one cell, before it becomes a fact."""

    row: int
    col: int
    raw: str
    value: Decimal
    qualifier: str | None


@dataclass(frozen=True)
class SheetContext:
    """What a sheet's cells are read against: who, when, and the unit stated for the sheet."""

    sheet: Sheet
    table: Table
    period: Period
    province: ProvinceMatch | None
    sheet_money_unit: Unit | None
    # the digit convention each column's unambiguous cells show ("1.300.000" -> Vietnamese),
    # which settles its ambiguous ones ("1.300"): one clerk typed the column
    conventions: dict[int, str | None] = field(default_factory=dict)


def column_conventions(sheet: Sheet, table: Table) -> dict[int, str | None]:
    """``SheetContext.conventions`` for every value column of a table.

    A column whose own cells settle nothing ("980", "1.080") takes the convention of the
    table's other value columns ("115,3" in its comparison column says Vietnamese): one clerk
    typed the table. When those disagree, nothing is settled and "1.080" stays ambiguous.
    """
    values = table.columns_of("value")
    whole_table = number_convention(
        sheet.value(r, column.index) for column in values for r in table.data_rows
    )
    return {
        column.index: number_convention(sheet.value(r, column.index) for r in table.data_rows)
        or whole_table
        for column in values
    }


def _strip_numbering(label: str) -> str:
    return _LABEL_NUMBERING.sub("", label).strip()


def _is_total_label(label: str) -> bool:
    """ "Tổng cộng", "Cộng", "Toàn vùng"...; but "Tổng kinh phí" names an indicator."""
    words = words_of(_strip_numbering(label))
    starts_total = any(
        words[: len(p)] == p and len(words) <= len(p) + 3 for p in phrase_list("total_rows")
    )
    return starts_total and match_indicator(label).indicator is None


def _starts_with_any(label: str, section: str) -> bool:
    words = words_of(_strip_numbering(label)) if label else ()
    return any(words[: len(phrase)] == phrase for phrase in phrase_list(section))


def classify_rows(sheet: Sheet, table: Table) -> tuple[Row, ...]:
    """Label, unit and kind of every body row.

    A row numbered with a Roman numeral (in the STT column or in front of its label) is a
    section; it counts as a subtotal only when detail rows follow it, otherwise it is data.
    A row marked with a bullet ("- Nghề mây tre đan"), numbered a, b, c or 1.1, 1.2, or opening
    with "Trong đó" is a part of the detail row above it (see ``_counted_by_parent``).
    """
    label_col = _first(table, "label") or _first(table, "province")
    unit_col = _first(table, "unit")
    seq_col = _first(table, "sequence")
    rows: list[Row] = []
    for index in table.data_rows:
        label = _label_of(sheet, index, label_col.index) if label_col else ""
        unit_text = text_of(sheet.value(index, unit_col.index)) if unit_col else ""
        seq_text = _sequence_text(sheet.value(index, seq_col.index) if seq_col else None)
        if not label and not any(v not in (None, "") for v in sheet.rows[index]):
            continue
        if _is_total_label(label) or (not label and _is_total_label(seq_text)):
            kind = "total"
        elif (
            _starts_with_any(label, "of_which_rows")
            or _BULLET.match(label)
            or _SUB_NUMBER.match(seq_text)
        ):
            kind = "part"
        elif _ROMAN.match(seq_text.rstrip(".").upper() or "-") or _SECTION_PREFIX.match(label):
            kind = "section"
        elif label:
            kind = "detail"
        else:
            kind = "note"
        rows.append(Row(index, label, unit_text, kind))
    return tuple(_promote_indicator_totals(list(_demote_sections_without_indicators(rows))))


def _label_of(sheet: Sheet, row: int, col: int) -> str:
    """A row's label, also when a merged cell above spans it: "Đào tạo nghề" merged over a row
    in "người" and a row in "lớp" labels both (the second is no anonymous note)."""
    label = text_of(sheet.value(row, col))
    if label:
        return label
    for block in sheet.merged:
        if block.first_row < row <= block.last_row and block.first_col <= col <= block.last_col:
            return text_of(sheet.value(block.first_row, block.first_col))
    return ""


def _sequence_text(seq: CellValue) -> str:
    """An STT cell as text. "1.1" typed into Excel is stored as the number 1.1: a number that is
    not whole in a sequence column can only be such a sub-number."""
    if isinstance(seq, str):
        return seq.strip()
    if isinstance(seq, float) and not seq.is_integer():
        return repr(seq)
    return ""


def _promote_indicator_totals(rows: list[Row]) -> Iterator[Row]:
    """Make a "Tổng số <indicator>" row under detail rows of that indicator their subtotal.

    ``_is_total_label`` keeps a total whose label names an indicator as data, since "Tổng kinh
    phí khuyến công" among other indicators' rows is an item of its own. Under three rows
    "Đào tạo nghề gốm sứ / mây tre đan / thêu ren | người", "Tổng số lao động được đào tạo |
    người" is their sum, and adding it too would count them twice. It is one only when every
    detail row since the previous section or total names the same indicator as it does.
    """
    since: list[Row] = []  # detail rows since the previous section, total or subtotal
    divided = False  # a section, total or subtotal came before: "since" is not every row
    for row in rows:
        if row.kind == "detail" and since and _starts_with_any(row.label, "total_rows"):
            code = _indicator_code(row)
            if code is not None and all(_indicator_code(detail) == code for detail in since):
                row = replace(row, kind="subtotal")
        elif row.kind == "total" and not divided and len(since) > 1:
            # "Tổng cộng" under rows that all count one indicator (trained workers by craft)
            # is their sum, to be checked, even though it names no indicator itself
            codes = {_indicator_code(detail) for detail in since}
            if len(codes) == 1 and None not in codes:
                row = replace(row, kind="subtotal")
        if row.kind in ("section", "total", "subtotal"):
            since, divided = [], True
        elif row.kind == "detail":
            since.append(row)
        yield row


def _indicator_code(row: Row) -> str | None:
    match = _row_indicator(row)
    return match.indicator.code if match.indicator is not None else None


def _demote_sections_without_indicators(rows: list[Row]) -> Iterator[Row]:
    """A section row whose detail rows name no indicator carries the figure itself.

    "I | Đào tạo nghề | người | 500" over "1 | Nghề mây tre đan | 300", "2 | Nghề thêu ren |
    200" is broken down by craft, not by indicator: reading only the details would lose the
    500. A section with no details at all is the same: a numbered item of its own.
    """
    for position, row in enumerate(rows):
        if row.kind == "section":
            below = takewhile(lambda r: r.kind not in ("section", "total"), rows[position + 1 :])
            if not any(r.kind == "detail" and _indicator_code(r) is not None for r in below):
                row = replace(row, kind="detail", heads_section=True)
        yield row


def section_heads(rows: tuple[Row, ...]) -> dict[int, Row]:
    """The section row carrying its figures that each row below it belongs to, by row index.

    "III | Phát triển sản phẩm CNNT | 612 | 300 | 312" over its projects: the projects are the
    section's breakdown, in every column where the section row has a figure of its own.
    """
    heads: dict[int, Row] = {}
    head: Row | None = None
    for row in rows:
        if row.heads_section:
            head = row
        elif row.kind in ("section", "total", "subtotal"):
            head = None
        elif head is not None:
            heads[row.index] = head
    return heads


def _label_role(label: str) -> str | None:
    """What a row label says its figure is, in the words of column headers (``column_roles``):
    "Tỷ lệ ..." a comparison, "... lũy kế 2006-2011" cumulative, "Kế hoạch năm 2012" a plan.

    "Thực hiện kế hoạch" (carrying out the plan) reports actuals, as in a report's title, so
    a plan word beside an actual word does not make the row a plan.
    """
    words = words_of(_strip_numbering(label))
    role = first_phrase_group(words, "column_roles")
    actual_words = vocabulary("column_roles")["actual"]
    if role == "plan" and any(contains_phrase(words, phrase) for phrase in actual_words):
        return "actual"
    return role


def _names_another_year(label: str, period: Period) -> bool:
    """A label naming a year or a range outside the period's years ("Năm 2009", "2006-2011",
    "đến hết năm 2012" in a 2011 report). Dates and legal references ("Nghị định
    134/2004/NĐ-CP") name no period, see ``transforms.periods``."""
    return any(
        named.start.year < period.start.year or named.end.year > period.end.year
        for named in periods_in_text(label)
    )


def _aside_reason(row: Row, period: Period) -> str | None:
    """Why a row is not the period's actuals, from its ĐVT and its label; None when it is."""
    unit = parse_row_unit(row.unit_text) if row.unit_text else None
    role = _label_role(row.label) if row.label else None
    if (unit is not None and unit.dimension == "percent") or role == "comparison":
        return "comparison"  # a percentage, a rate, a difference, the same period last year
    if role in ("plan", "cumulative"):
        return role
    if row.label and _names_another_year(row.label, period):
        return "other year"
    return None


def _set_aside(rows: tuple[Row, ...], period: Period) -> tuple[Row, ...]:
    """Rows with those that are never the period's actuals marked with the reason.

    A table with one value column often says in its row labels what each figure is: "Giá trị
    sản xuất CNNT năm 2006", "Số đề án lũy kế 2006-2011", "Kế hoạch đến hết năm 2012", "Tỷ lệ
    lao động có việc làm | %"; a table of years as rows ("Năm 2009 | Năm 2010 | Năm 2011") gives
    one row per year to the columns that name an indicator. Only the rows of the period's
    actuals give facts. A section row saying so ("II. Kế hoạch năm 2012") sets aside the rows
    under it up to the next section or total.

    A percentage or another comparison (a difference, the same period last year) is never a
    count or an amount of the period (the catalogue holds none; the marts recompute rates from
    values), and a total does not add it; a row of another year, a plan or a cumulative figure
    is still a row the clerk's total adds up. None of them is an error, so
    they get no finding.
    """
    marked: list[Row] = []
    section_reason: str | None = None
    for row in rows:
        if row.kind in ("section", "total"):
            section_reason = _aside_reason(row, period) if row.kind == "section" else None
        reason = _aside_reason(row, period) or section_reason
        if row.kind in ("detail", "part") and reason is not None:
            row = replace(row, aside=reason)
        marked.append(row)
    return tuple(marked)


def _first(table: Table, kind: str) -> Column | None:
    found = table.columns_of(kind)
    return found[0] if found else None


def _read_cell(ctx: SheetContext, row: int, col: int, whole: bool) -> Cell | Finding | None:
    sheet = ctx.sheet
    raw = sheet.value(row, col)
    reading = parse_number(raw, whole=whole, convention=ctx.conventions.get(col))
    address = cell_address(row, col)
    if reading.error:
        return finding(
            RuleCode.EXCEL_ERROR if str(raw).startswith("#") else RuleCode.UNPARSEABLE_NUMBER,
            sheet=sheet.name,
            cell=address,
            value=raw,
            reason=reading.error,
        )
    if reading.value is None:
        return _merged_from_another_column(sheet, row, col)
    return Cell(row, col, str(raw), reading.value, reading.qualifier)


def _merged_from_another_column(sheet: Sheet, row: int, col: int) -> Finding | None:
    """An empty cell under a number merged from the column beside it ("45" across Năm 2009 |
    Năm 2010): whose figure it is cannot be told, so it is reported, never dropped."""
    for block in sheet.merged:
        inside = block.first_row <= row <= block.last_row and block.first_col < col
        origin = sheet.value(block.first_row, block.first_col)
        if inside and col <= block.last_col and origin not in (None, ""):
            return finding(
                RuleCode.MERGED_VALUE,
                sheet=sheet.name,
                cell=cell_address(row, col),
                value=origin,
                origin=cell_address(block.first_row, block.first_col),
            )
    return None


def _is_current(column: Column, period: Period) -> bool:
    """A value column holding the period's actuals (not plan, previous year, cumulative, %).

    The column of one year is never the figure of a multi-year report: "Năm 2010" in a
    2006-2010 summary is that year's, not the period's.
    """
    if period.kind == "multi_year" and column.year is not None:
        return False
    span = _column_span(column, period)
    if span is not None and (span.start, span.end) != (period.start, period.end):
        return False  # "6 tháng đầu" or "Quý I" in an annual report, "Cả năm" in a half-year's
    if column.role == "actual":
        return column.year in (None, period.year)
    return column.role is None and column.year == period.year


_MONTH_COLUMN = re.compile(r"\bthang\s+(\d{1,2})\b")


def _column_span(column: Column, period: Period) -> Period | None:
    """The part of the report's year a column's own header names, or None if it names none.

    "6 tháng đầu", "Quý I", "9 tháng" name part of a year, "Cả năm" all of it; the year is the
    report's unless the header states one. A plain "Thực hiện năm 2010" names no part.
    """
    leaf = column.levels[-1] if column.levels else ""
    if (month := _MONTH_COLUMN.search(fold(leaf))) and 1 <= int(month.group(1)) <= 12:
        number = int(month.group(1))  # "Tháng 12": one month, never "6 tháng" (half a year)
        last_day = calendar.monthrange(period.year, number)[1]
        start, end = date(period.year, number, 1), date(period.year, number, last_day)
        return Period("month", start, end, f"{period.year}-{number:02d}")
    readings = (leaf, f"{leaf} {period.year}", f"{leaf} năm {period.year}") if leaf else ()
    stated = next((p for text in readings if (p := parse_period(text)) is not None), None)
    if stated is None or (stated.kind == "year" and "ca nam" not in fold(leaf)):
        return None
    return stated


def _money_unit(
    ctx: SheetContext, column: Column, row: Row, row_unit: Unit | None, address: str
) -> Unit | Finding:
    """The unit of a money cell: the row's own (its ĐVT, or its label: "Giá trị sản xuất CNNT
    (tỷ đồng)"), else its column's, else the sheet's. The row is the most specific statement: a
    sheet in triệu đồng often holds a row in tỷ đồng. A row stating two units is a conflict."""
    stated = money_units_in(row.label) if row.label else set()
    if row_unit is not None and row_unit.dimension == "money":
        stated.add(row_unit.label)
    if len(stated) > 1:
        units = ", ".join(sorted(stated))
        return finding(
            RuleCode.MONEY_UNIT_CONFLICT, sheet=ctx.sheet.name, cell=address, units=units
        )
    own = row_unit if row_unit and row_unit.dimension == "money" else find_money_unit(row.label)
    unit = own or column.money_unit or ctx.sheet_money_unit
    if unit is None:
        return finding(RuleCode.MONEY_UNIT_MISSING, sheet=ctx.sheet.name, cell=address)
    return unit


def parse_row_unit(text: str) -> Unit | None:
    """A ĐVT cell as a unit, also when it is a legacy-encoded abbreviation (``tr®``, ``Tr.®``)
    that the per-cell repair left alone: only a known unit is accepted, so nothing is guessed."""
    unit = parse_unit(text)
    if unit is None and not text.isascii():
        unit = next((u for reading in legacy_readings(text) if (u := parse_unit(reading))), None)
    return unit


def _make_fact(
    ctx: SheetContext,
    province: ProvinceMatch,
    indicator: Indicator,
    cell: Cell,
    column: Column,
    row: Row,
) -> Fact | Finding:
    address = cell_address(cell.row, cell.col)
    row_unit = parse_row_unit(row.unit_text) if row.unit_text else None
    value = cell.value
    if indicator.measure == "money":
        unit = _money_unit(ctx, column, row, row_unit, address)
        if isinstance(unit, Finding):
            return unit
        value = value * unit.to_canonical
    elif column.indicator.indicator is None and (
        (row_unit is not None and row_unit.dimension == "money")
        or (row_unit is None and column.money_unit is not None)
    ):
        # a count read from money: its ĐVT says money, or its column's header does and the
        # row states no unit of its own ("Mô hình trình diễn | Kinh phí (triệu đồng): 500")
        stated = row.unit_text if row_unit is not None else column.label
        return finding(
            RuleCode.UNIT_MISMATCH,
            sheet=ctx.sheet.name,
            cell=address,
            value=stated,
            unit=stated,
            label=row.label,
            expected=indicator.unit,
        )
    identity = ReportIdentity(
        province_code=province.unit.code,
        province_valid_from=province.unit.valid_from,
        province_name=province.unit.name,
        period=ctx.period,
    )
    return Fact(
        identity=identity,
        indicator=indicator.code,
        value=value.to_integral_value() if value == value.to_integral_value() else value,
        unit=indicator.unit,
        sheet=ctx.sheet.name,
        cell=address,
        raw_value=cell.raw,
        row_label=row.label or None,
        column_label=column.label,
        qualifier=cell.qualifier,
        basis="plan" if column.role == "plan" else "actual",
    )


def _ambiguity(ctx: SheetContext, match: IndicatorMatch, label: str, address: str) -> Finding:
    return finding(
        RuleCode.AMBIGUOUS_INDICATOR,
        sheet=ctx.sheet.name,
        cell=address,
        value=label,
        label=label,
        candidates=", ".join(match.candidates),
    )


TOTAL_KINDS = frozenset({"section", "total", "subtotal"})


def _check_totals(
    ctx: SheetContext,
    rows: tuple[Row, ...],
    columns: tuple[Column, ...],
    kinds: frozenset[str] = TOTAL_KINDS,
) -> list[Finding]:
    """Compare every total (of ``kinds``) with the detail rows it sums.

    A section row sums the details under it, a total all the details above it, a subtotal
    ("Tổng số lao động được đào tạo" under rows of trained workers) the details since the
    previous section, total or subtotal. A total written above its details (the first body
    row) sums all of them. A total is compared only with details there are: with none, "they
    add up to 0" would be no check at all.
    """
    findings: list[Finding] = []
    heads = section_heads(rows)
    for column in columns:
        indicator = column.indicator.indicator
        whole = indicator is not None and indicator.measure == "count"
        section: tuple[Row, Decimal, int] | None = None  # the open section, its sum and rows
        grand, grand_rows = Decimal(0), 0
        run, run_rows = Decimal(0), 0  # the details since the last section, total or subtotal
        leading: Row | None = None  # a total above every detail row
        checks: list[tuple[Row, Decimal, *tuple[Decimal, ...]]] = []
        for row in rows:
            if row.kind == "section" or row.heads_section:
                if section is not None and section[2]:
                    checks.append((section[0], section[1]))
                section = (row, Decimal(0), 0)
                run, run_rows = Decimal(0), 0
            if row.kind == "detail" and row.aside != "comparison":
                cell = _read_cell(ctx, row.index, column.index, whole=whole)
                amount = cell.value if isinstance(cell, Cell) else Decimal(0)
                if section is not None and not row.heads_section:
                    section = (section[0], section[1] + amount, section[2] + 1)
                head = heads.get(row.index)
                if head is not None and _counted_by_parent(ctx.sheet, row, head)(column):
                    continue  # the section row's own figure holds it
                grand, grand_rows = grand + amount, grand_rows + 1
                run, run_rows = run + amount, run_rows + 1
            elif row.kind == "total":
                if grand_rows:
                    # "Cộng" under a section's details may be that section's subtotal: either
                    # reading reconciles it ("Cộng mục II" is not the sum of I and II)
                    checks.append((row, grand, *((run,) if run_rows else ())))
                else:
                    leading = leading or row
                run, run_rows = Decimal(0), 0
            elif row.kind == "subtotal":
                if run_rows:
                    checks.append((row, run))
                run, run_rows = Decimal(0), 0
        if section is not None and section[2]:
            checks.append((section[0], section[1]))
        if leading is not None and grand_rows:
            checks.append((leading, grand))
        for row, expected, *alternatives in checks:
            if ("section" if row.heads_section else row.kind) not in kinds:
                continue
            stated = _read_cell(ctx, row.index, column.index, whole=whole)
            if isinstance(stated, Cell) and all(
                abs(stated.value - sum_) > TOTAL_TOLERANCE for sum_ in (expected, *alternatives)
            ):
                findings.append(
                    finding(
                        RuleCode.TOTAL_MISMATCH,
                        sheet=ctx.sheet.name,
                        cell=cell_address(row.index, column.index),
                        value=stated.raw,
                        expected=format_plain(expected),  # "2100", never "2.1E+3"
                    )
                )
    return findings


def _unread_row(ctx: SheetContext, row: Row, column: Column) -> list[Finding]:
    """A warning for a row with a figure of the period that names no indicator, unless the
    schemas know it as a row the programme reports beside its indicators (workshops, study
    tours, counterpart funds...): every number of a read table is accounted for."""
    value = ctx.sheet.value(row.index, column.index)
    if value in (None, "") or isinstance(_read_cell(ctx, row.index, column.index, False), Finding):
        return []
    if any(contains_phrase(words_of(row.label), p) for p in phrase_list("not_indicator_rows")):
        return []
    return [
        finding(
            RuleCode.ROW_NOT_READ,
            sheet=ctx.sheet.name,
            cell=cell_address(row.index, column.index),
            value=value,
            label=row.label,
        )
    ]


def _summable(ctx: SheetContext, columns: list[Column], rows: list[Row]) -> tuple[Column, ...]:
    """The columns whose totals can be checked: not comparisons (percentages never add up),
    and every figure of the rows read as a number (an unreadable one would be counted as 0)."""
    return tuple(
        column
        for column in columns
        if column.role != "comparison"
        and not any(
            isinstance(_read_cell(ctx, row.index, column.index, whole=False), Finding)
            for row in rows
        )
    )


def _ambiguous_columns(
    ctx: SheetContext, values: tuple[Column, ...], data_rows: list[Row]
) -> list[Finding]:
    """An error for each column of the period whose header names several indicators at once
    ("Số lớp / mô hình / cơ sở") and that holds figures: they are never added up as one, nor
    dropped in silence."""
    return [
        finding(
            RuleCode.AMBIGUOUS_INDICATOR,
            sheet=ctx.sheet.name,
            cell=cell_address(ctx.table.header_rows[0], column.index),
            value=" / ".join(column.levels),
            label=" / ".join(column.levels),
            candidates=", ".join(column.indicator.candidates),
        )
        for column in values
        if column.indicator.ambiguous
        and _is_current(column, ctx.period)
        and any(ctx.sheet.value(r.index, column.index) not in (None, "") for r in data_rows)
    ]


def _in_indicator_group(column: Column, columns: tuple[Column, ...]) -> bool:
    """True for an unmatched column under a group header whose other columns are indicators.

    "Đối ứng" under "Kinh phí (triệu đồng)" beside "Tổng số | KCQG | KCĐP" is money of the
    same group that the catalogue does not track; it is not the rows' actuals column.
    """
    if len(column.levels) < 2:
        return False
    return any(
        other.indicator.indicator is not None and other.levels[:1] == column.levels[:1]
        for other in columns
        if other.index != column.index
    )


def _unread_money_columns(
    ctx: SheetContext,
    plain: list[Column],
    current: list[Column],
    values: tuple[Column, ...],
    data_rows: list[Row],
) -> list[Finding]:
    """A warning for each column of money of the period that no indicator takes.

    "Kinh phí (triệu đồng)" beside "Số lượng" may be KCQG + KCĐP, or include counterpart funds:
    it is not loaded as extension funding on a guess, but the clerk is told it was not read.
    """
    unread = [
        c
        for c in plain
        if c.money_unit is not None
        and c not in current
        and c.role in (None, "actual")
        and c.year in (None, ctx.period.year)
        and not _in_indicator_group(c, values)
    ]
    return [
        finding(
            RuleCode.MONEY_COLUMN_NOT_READ,
            sheet=ctx.sheet.name,
            column=column_letter(c.index),
            label=c.label,
        )
        for c in unread
        if any(ctx.sheet.value(r.index, c.index) not in (None, "") for r in data_rows)
    ]


def extract_by_indicator(ctx: SheetContext) -> tuple[list[Fact], list[Finding]]:
    """Facts of a table whose rows name indicators (activity and indicator-by-year tables)."""
    facts: list[Fact] = []
    findings: list[Finding] = []
    if ctx.province is None:
        return facts, findings
    values = ctx.table.columns_of("value")
    own = [c for c in values if c.indicator.indicator is not None and _is_current(c, ctx.period)]
    plain = [c for c in values if c.indicator.indicator is None and not c.indicator.ambiguous]
    current = [
        c for c in plain if _is_current(c, ctx.period) and not _in_indicator_group(c, values)
    ]
    planned = [
        c
        for c in plain
        if c.role == "plan" and c.year in (None, ctx.period.year)
        if not _in_indicator_group(c, values)
    ]
    rows = _set_aside(classify_rows(ctx.sheet, ctx.table), ctx.period)
    data_rows = [r for r in rows if r.kind == "detail" and r.aside is None]
    findings += _unread_money_columns(ctx, plain, current, values, data_rows)
    findings += _ambiguous_columns(ctx, values, data_rows)
    label_col = _first(ctx.table, "label")
    heads = section_heads(rows)
    parent: Row | None = None
    for row in rows:
        if row.aside is not None:
            parent = None if row.kind == "detail" else parent  # its parts are aside with it
            continue
        if row.kind == "subtotal":
            parent = row  # "Trong đó: lao động nữ" under it is a part of it, as under a detail
            continue
        if row.kind == "detail":
            parent = row
        elif row.kind != "part" or parent is None:
            continue
        counted = _counted_by_parent(ctx.sheet, row, parent)
        in_head = _counted_by_parent(ctx.sheet, row, heads.get(row.index, row))
        address = cell_address(row.index, label_col.index if label_col else 0)
        for column in own:
            indicator = column.indicator.indicator
            assert indicator is not None
            if not counted(column) and not in_head(column):
                _collect(_cell_fact(ctx, ctx.province, indicator, row, column), facts, findings)
        if not current:
            continue
        match = _row_indicator(row)
        if counted(current[0]) and match == _row_indicator(parent):
            continue  # "- Nghề mộc" under "Đào tạo nghề": the same figure, already counted
        if match.ambiguous:
            findings.append(_ambiguity(ctx, match, row.label, address))
            continue
        if match.indicator is None:
            if row.kind == "detail" and row.index not in heads:
                findings += _unread_row(ctx, row, current[0])
            continue
        if len(current) > 1:
            findings.append(
                finding(
                    RuleCode.AMBIGUOUS_ACTUAL_COLUMN,
                    sheet=ctx.sheet.name,
                    columns="; ".join(c.label for c in current),
                )
            )
            break
        _collect(_cell_fact(ctx, ctx.province, match.indicator, row, current[0]), facts, findings)
        if len(planned) == 1:  # the period's plan beside its actuals, for marts.plan_vs_actual
            _collect(
                _cell_fact(ctx, ctx.province, match.indicator, row, planned[0]), facts, findings
            )
    if not current and any(match_indicator(r.label).indicator for r in data_rows) and not own:
        findings.append(
            finding(
                RuleCode.NO_ACTUAL_COLUMN,
                sheet=ctx.sheet.name,
                period=ctx.period.label,
                columns="; ".join(c.label for c in values),
            )
        )
    findings += _check_totals(ctx, rows, tuple(own))
    if not any(_row_indicator(row).indicator for row in data_rows):
        # rows of projects or places: a printed total of any column, loaded or not ("Tổng"
        # beside KCQG and KCĐP), is the clerk's own sum, and it must hold for the file to
        findings += _check_totals(ctx, rows, _summable(ctx, plain, data_rows))
    if len(current) == 1:  # its rows name several indicators: only a subtotal sums one of them
        findings += _check_totals(ctx, rows, (current[0],), frozenset({"subtotal"}))
        findings += _check_stated_percentages(ctx, data_rows, current[0], values)
    return facts, findings


PERCENT_TOLERANCE = Decimal("1")  # percentage points: sources round to whole or tenth percents


def _comparison_base(column: Column, values: tuple[Column, ...], period: Period) -> Column | None:
    """What a comparison column compares the actuals with: the plan (TH/KH) or last year."""
    words = words_of(column.label)
    if "kh" in words or contains_phrase(words, ("ke", "hoach")):
        wanted = [c for c in values if c.role == "plan" and c.year in (None, period.year)]
    else:
        wanted = [c for c in values if c.role in (None, "actual") and c.year == period.year - 1]
    return wanted[0] if len(wanted) == 1 else None


def _check_stated_percentages(
    ctx: SheetContext, rows: list[Row], actual: Column, values: tuple[Column, ...]
) -> list[Finding]:
    """A stated percentage (So sánh %, TH/KH %) must agree with the one its values give.

    Percentages are never loaded (they are recomputed from values in the marts), so a stated
    one that disagrees is a warning for the province, like the source document's 36.8 % growth.
    """
    findings = []
    for column in (c for c in values if c.role == "comparison"):
        base = _comparison_base(column, values, ctx.period)
        if base is None:
            continue
        for row in rows:
            if _row_indicator(row).indicator is None:
                continue
            read = [
                _read_cell(ctx, row.index, c.index, whole=False) for c in (actual, base, column)
            ]
            cells = [c for c in read if isinstance(c, Cell)]
            if len(cells) < len(read):
                continue
            now, before, stated = (c.value for c in cells)
            if before <= 0:
                continue
            recomputed = now / before * 100
            as_percent = stated * 100 if stated < 10 < recomputed else stated
            if abs(as_percent - recomputed) > PERCENT_TOLERANCE:
                findings.append(
                    finding(
                        RuleCode.PERCENT_MISMATCH,
                        sheet=ctx.sheet.name,
                        cell=cell_address(row.index, column.index),
                        value=cells[2].raw,
                        expected=f"{recomputed:.1f}",
                    )
                )
    return findings


def resolve_province_label(label: str, on: date) -> ProvinceMatch | None:
    """A province named in a row, also through the label's TCVN3 or VNI reading ("BÕn Tre" is
    Bến Tre typed in .VnTime): only a reading that names a province is accepted."""
    match = resolve_province(label, on)
    if match is None and not label.isascii():
        readings = (resolve_province(reading, on) for reading in legacy_readings(label))
        match = next((found for found in readings if found is not None), None)
    return match


def _names_region(label: str) -> bool:
    words = words_of(_strip_numbering(label))
    return any(contains_phrase(words, phrase) for phrase in phrase_list("region_rows"))


def _row_indicator(row: Row) -> IndicatorMatch:
    return match_label(_strip_numbering(row.label), row.unit_text or None)


def _counted_by_parent(sheet: Sheet, row: Row, parent: Row) -> Callable[[Column], bool]:
    """For a part row ("- Nghề mộc" under "1. Đào tạo nghề"): whether a column's figure is
    already in its parent row. A parent with its own value holds the sum of its parts, and
    adding the parts too would count them twice; a parent left blank is only a heading."""

    def counted(column: Column) -> bool:
        return row is not parent and sheet.value(parent.index, column.index) not in (None, "")

    return counted


def _cell_fact(
    ctx: SheetContext, province: ProvinceMatch, indicator: Indicator, row: Row, column: Column
) -> Fact | Finding | None:
    cell = _read_cell(ctx, row.index, column.index, whole=indicator.measure == "count")
    if cell is None or isinstance(cell, Finding):
        return cell
    return _make_fact(ctx, province, indicator, cell, column, row)


def _collect(outcome: Fact | Finding | None, facts: list[Fact], findings: list[Finding]) -> None:
    if isinstance(outcome, Fact):
        facts.append(outcome)
    elif isinstance(outcome, Finding):
        findings.append(outcome)


def extract_by_province(ctx: SheetContext) -> tuple[list[Fact], list[Finding]]:
    """Facts of a regional compilation: one row per province, one column per indicator."""
    facts: list[Fact] = []
    findings: list[Finding] = []
    columns = tuple(
        c
        for c in ctx.table.columns_of("value")
        if c.indicator.indicator and _is_current(c, ctx.period)
    )
    province_col = _first(ctx.table, "province")
    assert province_col is not None
    rows = classify_rows(ctx.sheet, ctx.table)
    findings += _ambiguous_columns(
        ctx, ctx.table.columns_of("value"), [r for r in rows if r.kind == "detail"]
    )
    listed: dict[str, str] = {}  # province code -> the cell of the row that reports it
    for row in rows:
        if row.kind != "detail":
            continue
        address = cell_address(row.index, province_col.index)
        match = resolve_province_label(_strip_numbering(row.label), ctx.period.end)
        if match is None and _names_region(row.label):
            continue  # "Vùng Tây Nguyên": a region's subtotal row, a check like a total
        if match is None:
            findings.append(
                finding(
                    RuleCode.UNKNOWN_PROVINCE,
                    sheet=ctx.sheet.name,
                    cell=address,
                    value=row.label,
                    name=row.label,
                )
            )
            continue
        if match.unit.code in listed:
            # each row is a whole province's report: a second one is never added to the first
            findings.append(
                finding(
                    RuleCode.PROVINCE_LISTED_TWICE,
                    sheet=ctx.sheet.name,
                    cell=address,
                    value=row.label,
                    name=match.unit.name,
                    first_cell=listed[match.unit.code],
                )
            )
            continue
        listed[match.unit.code] = address
        findings += former_province_findings(match, ctx.period, address)
        for column in columns:
            indicator = column.indicator.indicator
            assert indicator is not None
            _collect(_cell_fact(ctx, match, indicator, row, column), facts, findings)
    findings += _check_totals(ctx, rows, columns)
    return facts, findings


def sheet_money_unit(title_lines: tuple[str, ...]) -> tuple[Unit | None, list[Finding]]:
    """The money unit stated once for the whole sheet ("Đơn vị tính: triệu đồng")."""
    stated = {label for line in title_lines for label in money_units_in(line)}
    if len(stated) > 1:
        return None, [finding(RuleCode.MONEY_UNIT_CONFLICT, units=", ".join(sorted(stated)))]
    for line in title_lines:
        if (unit := find_money_unit(line)) is not None:
            return unit, []
    return None, []


def identify_sheet(
    table: Table,
    fallback_title: tuple[str, ...],
    file_name: str,
    by_province: bool,
    sheet_name: str = "",
) -> tuple[Period | None, ProvinceMatch | None, list[Finding]]:
    """Period and province of a table's report; a regional table needs only the period.

    The lines above the table come first, then the sheet's name ("Nam 2009", "Bac Ninh": one
    sheet a year or a province), then the workbook's title block (``fallback_title``), which
    fills in what they do not say, e.g. for a second sheet or a second table on a sheet.
    """
    candidates = (table.title_lines, (sheet_name,), fallback_title)
    sources = [lines for lines in candidates if any(lines)] or [()]
    period, findings = _first_stated(lambda lines: identify_period(lines, file_name), sources)
    if period is None or by_province:
        return period, None, findings
    province, more = _first_stated(
        lambda lines: identify_province(lines, file_name, period), sources
    )
    return period, province, findings + more


def _first_stated(
    identify: Callable[[tuple[str, ...]], tuple[Stated | None, list[Finding]]],
    sources: list[tuple[str, ...]],
) -> tuple[Stated | None, list[Finding]]:
    """The first source that states the thing (or contradicts the file name)."""
    found: Stated | None = None
    findings: list[Finding] = []
    for lines in sources:
        found, findings = identify(lines)
        if found is not None or any(f.rule in CONFLICTS for f in findings):
            break
    return found, findings


ANY_TIME = date(2100, 1, 1)  # resolved on a far date, a name any province ever bore resolves
PROVINCE_COLUMN_SHARE = 0.6  # of the body's names (totals and regions aside) that are provinces


def settle_province_column(sheet: Sheet, table: Table) -> Table:
    """The table with the column naming a province per row decided by its names, not its header.

    "Địa phương" heads one province's districts as readily as provinces ("Huyện Đại Từ" is no
    province: the column is labels, the province is the title's), and "Đơn vị" heads provinces
    as readily as units of measure (Quảng Nam, Đà Nẵng...: a regional compilation).
    """
    headed = _first(table, "province")
    if headed is not None:
        provinces, names = _province_names(sheet, table, headed.index)
        if provinces >= PROVINCE_COLUMN_SHARE * names:
            return table
        return _with_kind(table, headed.index, "label")
    for column in table.columns:
        if column.kind in ("unit", "label"):
            provinces, names = _province_names(sheet, table, column.index)
            if names >= 2 and provinces >= PROVINCE_COLUMN_SHARE * names:
                return _with_kind(table, column.index, "province")
    return table


def _province_names(sheet: Sheet, table: Table, index: int) -> tuple[int, int]:
    """How many of the names in a column are provinces, of how many (totals and regions aside)."""
    names = [text_of(sheet.value(row, index)) for row in table.data_rows]
    names = [n for n in names if n and not _is_total_label(n) and not _names_region(n)]
    return sum(resolve_province_label(n, ANY_TIME) is not None for n in names), len(names)


def _with_kind(table: Table, index: int, kind: str) -> Table:
    columns = tuple(replace(c, kind=kind) if c.index == index else c for c in table.columns)
    return replace(table, columns=columns)


def is_by_province(table: Table) -> bool:
    return _first(table, "province") is not None
