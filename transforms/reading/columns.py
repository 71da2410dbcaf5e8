"""What each column of a table holds: labels, units, provinces, or values of a role and year.

A column is first described by its header alone (``describe_column``); the body then settles
what the header cannot: which column labels the rows when none is headed so, whether the
"Địa phương" column names provinces (a regional compilation) or districts, and the digit
convention its clerk typed in.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property, lru_cache
from itertools import chain, pairwise
from typing import TYPE_CHECKING

from mypy_extensions import mypyc_attr

from transforms.indicators import (
    NO_MATCH,
    IndicatorMatch,
    catalogue,
    match_header,
    whole_named_by_parts,
)
from transforms.model import Sheet, column_letter
from transforms.numbers import number_and_unit, number_convention, parse_number
from transforms.periods import Period, parse_period
from transforms.reading.identity import resolve_province_label
from transforms.reading.labels import is_total_label, names_region
from transforms.reading.values import NUMBERING, YEAR, parse_row_unit, text_of, year_word
from transforms.text import clean
from transforms.units import Unit, find_money_unit
from transforms.words import (
    column_role,
    has_phrase,
    phrase_list,
    starts_with_phrase_group,
    words_of,
)

if TYPE_CHECKING:  # a table is made of columns: the columns module never builds one
    from transforms.reading.tables import Table


@mypyc_attr(native_class=False)  # a cached_property: see transforms.compiled
@dataclass(frozen=True)
class Column:
    """One column of a table, as its header describes it."""

    index: int
    levels: tuple[str, ...]  # header texts from the top header row down, repeats removed
    kind: str  # "sequence" | "label" | "unit" | "province" | "note" | "code" | "value"
    role: str | None  # value columns: "actual" | "plan" | "cumulative" | "comparison" | None
    year: int | None  # a year the header names ("Năm 2010"), if any
    indicator: IndicatorMatch
    money_unit: Unit | None

    @cached_property
    def label(self) -> str:
        """Kept once made: a long list asks it for every cell it accounts for."""
        return " / ".join(self.levels)


@lru_cache(maxsize=1 << 12)
def describe_column(index: int, levels: tuple[str, ...]) -> Column:
    """Classify one column from its header levels (remembered: the reports of a run repeat
    their headers). A software export's "NoiDungChiTieu" is read as "Noi Dung Chi Tieu"."""
    return replace(_described(tuple(map(_uncamelled, levels))), index=index)


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _uncamelled(level: str) -> str:
    """A header written as one ASCII word in camel case, its words apart ("DonViBaoCao")."""
    return _CAMEL.sub(" ", level) if _ONE_WORD.fullmatch(level) else level


_ONE_WORD = re.compile(r"[A-Za-z0-9_]+")


@lru_cache(maxsize=1 << 12)
def _described(levels: tuple[str, ...]) -> Column:
    """``describe_column`` of a column at no index (-1): its header alone decides, and the
    reports of a run put the same header at other places ("Năm 2010" in C or in D), each
    classified once."""
    index = -1
    words = words_of(" ".join(levels))
    leaf_words = words_of(levels[-1]) if levels else ()
    kind = starts_with_phrase_group(leaf_words, "columns") or starts_with_phrase_group(
        words, "columns"
    )
    if has_phrase(leaf_words, "other_funds"):
        kind = "note"  # "Kinh phí đối ứng", "Khác (đối ứng)": never the programme's money
    if kind == "unit" and find_money_unit(" ".join(levels)) is not None:
        kind = None  # "Kinh phí KCĐP / (ĐVT: Tr.đồng)" states its column's unit, it is no ĐVT
    indicator = NO_MATCH
    # A column word under a group header may be part of an indicator's name: "Địa phương"
    # under "Kinh phí (triệu đồng)" is local funding, not a column of province names.
    if kind is None or (kind in ("label", "province") and len(levels) > 1):
        indicator = match_header(levels)
    if indicator.indicator is not None or indicator.ambiguous:
        kind = None
    if kind is not None:
        return Column(index, levels, kind, None, None, NO_MATCH, None)
    years = [int(y) for level in levels for y in YEAR.findall(level)]
    return Column(
        index=index,
        levels=levels,
        kind="value",
        role=column_role(words) or ("actual" if not years else None),
        year=years[-1] if len(set(years)) == 1 else None,
        indicator=indicator,
        money_unit=next(
            (unit for level in reversed(levels) if (unit := find_money_unit(level))), None
        ),
    )


def whole_before_parts(columns: tuple[Column, ...]) -> tuple[Column, ...]:
    """Name a column by the indicator whose parts the columns right beside it are.

    "Kinh phí | Trong đó: KCQG | KCĐP" or "KCQG | KCĐP | Cộng": the clerk's "Kinh phí" or
    "Cộng" is the sum of the two columns beside it, which name the parts of total funding, so
    it is total funding
    (``transforms.indicators.whole_named_by_parts``); the checks still prove the sum per row.
    """
    named = list(columns)
    for at, column in enumerate(columns):
        plain = column.kind == "value" and column.indicator.indicator is None
        if plain and not column.indicator.ambiguous and column.levels:
            after = [c.indicator.indicator for c in columns[at + 1 :]]
            before = [c.indicator.indicator for c in reversed(columns[:at])]
            whole = whole_named_by_parts(column.levels[0], after) or whole_named_by_parts(
                column.levels[0], before
            )
            if whole is not None and not any(i and i.code == whole for i in after + before):
                named[at] = replace(column, indicator=IndicatorMatch(catalogue()[whole]))
    return tuple(named)


def parts_in_unit_of_whole(columns: tuple[Column, ...]) -> tuple[Column, ...]:
    """Give an indicator's whole and its parts the money unit the clerk stated once for them.

    "Tổng kinh phí (triệu đồng) | Trong đó KCQG | Trong đó KCĐP": the parts are in the unit of
    their whole; "KCQG (tr.đ) | KCĐP (tr.đ) | Cộng": the whole is in the unit its parts share.
    """
    named = list(columns)
    for at, column in enumerate(columns):
        whole = column.indicator.indicator
        if whole is None or not whole.parts:
            continue
        parts = [
            (index, c)
            for index, c in enumerate(columns)
            if c.indicator.indicator is not None and c.indicator.indicator.code in whole.parts
        ]
        if column.money_unit is not None:
            for index, part in parts:
                if part.money_unit is None:
                    named[index] = replace(part, money_unit=column.money_unit)
            continue
        shared = {part.money_unit for _, part in parts}
        if len(parts) == len(whole.parts) and len(shared) == 1 and None not in shared:
            named[at] = replace(column, money_unit=shared.pop())
    return tuple(named)


def total_of_all_sources(
    sheet: Sheet, columns: tuple[Column, ...], rows: list[int]
) -> tuple[Column, ...]:
    """Unname a "Tổng" that adds counterpart funds to its parts.

    "Kinh phí | Tổng | KCQG | KCĐP | Đối ứng": when every row's "Tổng" is KCQG + KCĐP + Đối
    ứng (and some counterpart is not nil), it is the cost of the projects from all sources,
    not the programme's funding, which is KCQG + KCĐP alone. Read as that funding it would be
    a false mismatch with its parts; it is a column of the group that no indicator takes.
    """
    counterpart = [c for c in columns if _names_counterpart(c)]
    named = list(columns)
    for at, column in enumerate(columns):
        whole = column.indicator.indicator
        if whole is None or not whole.parts or len(counterpart) != 1:
            continue
        parts = [
            c
            for c in columns
            if c.indicator.indicator and c.indicator.indicator.code in whole.parts
        ]
        if len(parts) == len(whole.parts) and _adds_up(sheet, rows, column, [*parts, *counterpart]):
            named[at] = replace(column, indicator=NO_MATCH)
    return tuple(named)


def _names_counterpart(column: Column) -> bool:
    words = words_of(column.levels[-1]) if column.levels else ()
    return has_phrase(words, "counterpart_columns")


def _adds_up(sheet: Sheet, rows: list[int], whole: Column, parts: list[Column]) -> bool:
    """Whether ``whole`` is the sum of ``parts`` on every row it has a figure on, the last of
    them (the counterpart) not nil on at least one."""
    checked = counted = 0
    for row in rows:
        total = parse_number(sheet.value(row, whole.index)).value
        amounts = [parse_number(sheet.value(row, part.index)).value for part in parts]
        if total is None:
            continue
        if sum(a or 0 for a in amounts) != total:
            return False
        checked += 1
        counted += bool(amounts[-1])
    return checked > 0 and counted > 0


def names_money(column: Column, titled: bool = True) -> bool:
    """A column stating a money unit ("Kinh phí (trđ)"), or whose own header names money
    ("Kinh phí": ``layout.yaml`` ``money_columns``) when a title line states the unit
    (``titled``: "ĐVT kinh phí: triệu đồng")."""
    return column.money_unit is not None or bool(
        titled and column.levels and has_phrase(words_of(column.levels[-1]), "money_columns")
    )


def money_beside_counts(columns: tuple[Column, ...], titled: bool) -> tuple[Column, ...]:
    """Take the actuals role from money columns that stand beside a plain actuals column.

    In "Số lượng | Kinh phí (trđ)" both headers read as actuals, but a column that names money
    (``names_money``; ``titled``: the table's title states a money unit) holds each row's
    funding, and the rows' counts ("Đào tạo nghề | người") are in the other column. A money
    column that names a catalogue indicator ("Kinh phí KCQG (tr.đ)") is read as that
    indicator and is not touched here. Money with no unit anywhere stays an actuals column,
    which the table cannot read beside the counts (the clerk is told).
    """
    plain = [
        c
        for c in columns
        if c.kind == "value"
        and c.role == "actual"
        and c.indicator.indicator is None
        and not c.indicator.ambiguous
    ]
    money = {c.index for c in plain if names_money(c, titled)}
    if not money or len(money) == len(plain):
        return columns
    return tuple(replace(c, role=None) if c.index in money else c for c in columns)


def with_label_column(
    sheet: Sheet, columns: tuple[Column, ...], rows: list[int]
) -> tuple[Column, ...]:
    """Make sure a table has a column of row labels when its body has one.

    Clerks leave the label column's header empty or write something unforeseen over it
    ("Nội dung công việc", a merged title). When no column is known as labels or provinces, the
    first column whose body is mostly text (not numbering) becomes the label column.
    """
    if any(c.kind in ("label", "province") for c in columns):
        return columns
    by_index = {c.index: c for c in columns}
    for index in range(sheet.width):
        texts = [text_of(sheet.value(r, index)) for r in rows]
        labels = [t for t in texts if t and not NUMBERING.match(t)]
        filled = [r for r in rows if sheet.value(r, index) not in (None, "")]
        current = by_index.get(index)
        if current is not None and current.indicator.indicator is not None:
            continue
        if filled and len(labels) >= 0.6 * len(filled) and len(labels) >= 2:
            levels = current.levels if current else ()
            by_index[index] = Column(index, levels, "label", None, None, NO_MATCH, None)
            return tuple(by_index[i] for i in sorted(by_index))
    return columns


ANY_TIME = date(2100, 1, 1)  # resolved on a far date, a name any province ever bore resolves


PROVINCE_COLUMN_SHARE = 0.6  # of the body's names (totals and regions aside) that are provinces


def settle_province_column(sheet: Sheet, table: Table) -> Table:
    """The table with the column naming a province per row decided by its names, not its header.

    "Địa phương" heads one province's districts as readily as provinces ("Huyện Đại Từ" is no
    province: the column is labels, the province is the title's), and "Đơn vị" heads provinces
    as readily as units of measure (Quảng Nam, Đà Nẵng...: a regional compilation).
    """
    headed = table.first_of("province")
    if headed is not None:
        provinces, names = _province_names(_texts_in(sheet, table, headed.index))
        if provinces >= PROVINCE_COLUMN_SHARE * names:
            return table
        return _with_kind(table, headed.index, "label")
    for column in table.columns:  # only a column of names or units may be one of provinces
        if column.kind in ("unit", "label") and _names_provinces(
            _texts_in(sheet, table, column.index)
        ):
            return _with_kind(table, column.index, "province")
    return table


def _texts_in(sheet: Sheet, table: Table, index: int) -> list[str]:
    """The texts of a column's body (``text_of`` inlined: a call per cell of every table)."""
    return [
        text
        for row in table.data_rows
        if isinstance(value := sheet.value(row, index), str) and (text := clean(value))
    ]


def _names_provinces(texts: list[str]) -> bool:
    """Whether a column's names are provinces (``PROVINCE_COLUMN_SHARE`` of them, totals and
    regions aside). The names are resolved only until the ones left could no longer make the
    share: a project list's 20,000 distinct names need not all be looked up to tell that
    none is a province."""
    names = [n for n in texts if not is_total_label(n) and not names_region(n)]
    needed = PROVINCE_COLUMN_SHARE * len(names)
    provinces = 0
    for at, name in enumerate(names):
        if provinces + len(names) - at < needed:
            return False
        provinces += resolve_province_label(name, ANY_TIME) is not None
    return bool(names) and provinces >= needed


def _province_names(texts: list[str]) -> tuple[int, int]:
    """How many of a column's names are provinces, of how many (totals and regions aside)."""
    names = [n for n in texts if not is_total_label(n) and not names_region(n)]
    return sum(resolve_province_label(n, ANY_TIME) is not None for n in names), len(names)


def _with_kind(table: Table, index: int, kind: str) -> Table:
    columns = tuple(replace(c, kind=kind) if c.index == index else c for c in table.columns)
    return replace(table, columns=columns)


def column_conventions(sheet: Sheet, table: Table) -> dict[int, str | None]:
    """``SheetContext.conventions`` for every value column of a table.

    A column whose own cells settle nothing ("980", "1.080") takes the convention of the
    table's other value columns ("115,3" in its comparison column says Vietnamese): one clerk
    typed the table. When those disagree, nothing is settled and "1.080" stays ambiguous. When
    no value column settles anything, the rest of the sheet may: "1.485.000" in the counterpart
    funds beside "495.000", or in the next table of a csv, if nothing on it says otherwise.
    """
    values = table.columns_of("value")
    counted = _count_rows(sheet, table)
    texts = {c.index: _texts(sheet, c.index, table.data_rows) for c in values}
    # a column counting people, classes or projects ("Lao động được đào tạo (người)" beside the
    # provinces of a compilation) holds counts in every row, as a row whose ĐVT is a count
    # (its texts are the ones just read: not read a second time)
    counts = {
        c.index: texts[c.index] if _counts(c) else _texts(sheet, c.index, counted) for c in values
    }
    whole_table = number_convention(chain(*texts.values()), chain(*counts.values()))
    if whole_table is not None:
        # every cell that decides says the same, so each column's own cells say it or nothing:
        # all columns take it, without a second look at their cells
        return dict.fromkeys(texts, whole_table)
    own = {index: number_convention(texts[index], counts[index]) for index in texts}
    if any(own.values()) or not any(texts.values()):
        return own
    return dict.fromkeys(texts, _sheet_convention(sheet))


# a group of three digits between two separators ("1.485.000", "2.850,5", "12,345.6"): a
# figure grouped into thousands beyond doubt, never an item's number ("5.1", "1.2.3")
_GROUPED = re.compile(r"\d[.,]\d{3}[.,]\d")


def _sheet_convention(sheet: Sheet) -> str | None:
    """The digit convention every figure of the sheet grouped into thousands agrees on."""
    return number_convention(
        number_and_unit(value)[0]
        for row in sheet.rows
        for value in row
        if isinstance(value, str) and _GROUPED.search(value)
    )


def _texts(sheet: Sheet, col: int, rows: Iterable[int]) -> list[str]:
    """The text cells of a column in ``rows``: only a number typed as text shows a digit
    convention, and a table's columns are asked together and one by one. A unit typed after
    the number is no part of it ("6.073,5 triệu đồng" says Vietnamese as "6.073,5" does)."""
    return [
        number_and_unit(value)[0] for row in rows if isinstance(value := sheet.value(row, col), str)
    ]


def _counts(column: Column) -> bool:
    indicator = column.indicator.indicator
    return indicator is not None and indicator.measure == "count"


def _count_rows(sheet: Sheet, table: Table) -> list[int]:
    """The body rows whose ĐVT is a count (người, lớp, đề án): their figures are whole."""
    unit_column = table.first_of("unit")
    if unit_column is None:
        return []
    units = {r: parse_row_unit(text_of(sheet.value(r, unit_column.index))) for r in table.data_rows}
    return [r for r, unit in units.items() if unit is not None and unit.dimension == "count"]


def is_current(column: Column, period: Period) -> bool:
    """A value column holding the period's actuals (not plan, previous year, cumulative, %).

    The column of one year is never the figure of a multi-year report: "Năm 2010" in a
    2006-2010 summary is that year's, not the period's.
    """
    if period.kind == "multi_year" and column.year is not None:
        return False
    if column.role == "actual":
        current = column.year in (None, period.year)
    else:
        current = column.role is None and column.year == period.year
    if not current:
        return False  # told by its role and year: the span its header names need not be read
    span = _column_span(column, period)
    # "6 tháng đầu" or "Quý I" in an annual report, "Cả năm" in a half-year's
    return span is None or (span.start, span.end) == (period.start, period.end)


# the parts of a year a column beside the year's actuals may hold as facts of their own
_PART_KINDS = frozenset({"half", "quarter", "nine_months"})


def part_of_period(column: Column, period: Period) -> Period | None:
    """The part of the report's period an actuals column holds, or None.

    "Quý I | Quý II | Quý III | Quý IV" beside "Cả năm 2022" in an annual report (or "Quý I |
    Quý II" beside "6 tháng" in a half-year's) are the province's actuals of each quarter, as
    the clerk states them: facts of that quarter. A column of another year ("Quý I/2021"),
    of a plan, a cumulative figure or a comparison, or of a single month holds none.
    """
    if period.kind not in ("year", "half") or column.role not in (None, "actual"):
        return None
    if column.year not in (None, period.year):
        return None  # "Năm 2021 / Quý I": the quarter of another year
    span = _column_span(column, period)
    if span is None or span.kind not in _PART_KINDS:
        return None
    inside = period.start <= span.start and span.end <= period.end
    return span if inside and (span.start, span.end) != (period.start, period.end) else None


def tilings(
    parts: Iterable[tuple[Column, Period]], period: Period
) -> tuple[tuple[Column, ...], ...]:
    """The columns of each kind of part that together are exactly the period, in order
    ("Quý I" to "Quý IV" of a year, "Quý I | Quý II" of a half): what the period's own column
    must add up to in a row of a flow, once for each kind."""
    by_kind: dict[str, list[tuple[Column, Period]]] = {}
    for column, span in sorted(parts, key=lambda part: part[1].start):
        by_kind.setdefault(span.kind, []).append((column, span))
    return tuple(
        tuple(column for column, _ in spans)
        for spans in by_kind.values()
        if spans[0][1].start == period.start
        and spans[-1][1].end == period.end
        and all(
            (later.start - earlier.end).days == 1 for (_, earlier), (_, later) in pairwise(spans)
        )
    )


def _month_named(leaf: str) -> int | None:
    """The month a header names by its number ("Tháng 12"), never a count of months ("6
    tháng" is half a year): a month word of ``schemas/layout.yaml`` followed by 1 to 12."""
    words = words_of(leaf)
    for position, word in enumerate(words[:-1]):
        number = words[position + 1]
        if (word,) in phrase_list("month_columns") and len(number) <= 2 and number.isdecimal():
            return int(number) if 1 <= int(number) <= 12 else None
    return None


def _column_span(column: Column, period: Period) -> Period | None:
    """The part of the report's year a column's own header names, or None if it names none."""
    return span_named(column.levels[-1] if column.levels else "", period)


@lru_cache(maxsize=1 << 12)  # every column of a table, asked by its reading and its accounting
def span_named(leaf: str, period: Period) -> Period | None:
    """The part of the report's year a header (or a row's label) names, or None if none.

    "6 tháng đầu", "Quý I", "9 tháng" name part of a year, "Tháng 12" a month, "Cả năm" all of
    it; the year is the report's unless the text states one. A plain "Thực hiện năm 2010"
    names no part.
    """
    if (number := _month_named(leaf)) is not None:
        last_day = calendar.monthrange(period.year, number)[1]
        start, end = date(period.year, number, 1), date(period.year, number, last_day)
        return Period("month", start, end, f"{period.year}-{number:02d}")
    readings = (
        (leaf, f"{leaf} {period.year}", f"{leaf} {year_word()} {period.year}") if leaf else ()
    )
    stated = next((p for text in readings if (p := parse_period(text)) is not None), None)
    whole_year = has_phrase(words_of(leaf), "whole_year_columns")
    if stated is None or (stated.kind == "year" and not whole_year):
        return None
    return stated


def in_indicator_group(column: Column, columns: tuple[Column, ...]) -> bool:
    """True for an unmatched column under a group header whose other columns are indicators.

    "Đối ứng" under "Kinh phí (triệu đồng)" beside "Tổng số | KCQG | KCĐP" is money of the
    same group that the catalogue does not track; it is not the rows' actuals column. A group
    that says what its columns are of the period ("Thực hiện" over "Số lượng | KCQG | KCĐP")
    is no indicator's: its count column is the rows' actuals.
    """
    if len(column.levels) < 2 or column_role(words_of(column.levels[0])) is not None:
        return False
    return any(
        other.indicator.indicator is not None and other.levels[:1] == column.levels[:1]
        for other in columns
        if other.index != column.index
    )


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


def names_projects(column: Column | None) -> bool:
    """Whether a label column lists projects ("Tên đề án"): its rows are projects, whatever
    their names share with indicators ("Đào tạo nghề mây tre đan xuất khẩu")."""
    words = words_of(" ".join(column.levels)) if column is not None else ()
    return has_phrase(words, "project_name_columns")
