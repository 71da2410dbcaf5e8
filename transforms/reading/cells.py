"""Read one cell of a table into a number, and a number into a fact in its canonical unit.

A cell that holds no number when it should (text, an Excel error, a figure merged from the
column beside it), or a money figure whose unit is not stated, is a finding at that cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import NamedTuple

from mypy_extensions import mypyc_attr

from transforms.indicators import Indicator, match_label
from transforms.model import (
    CellValue,
    Fact,
    Finding,
    ReportIdentity,
    Sheet,
    cell_address,
    finding,
)
from transforms.numbers import (
    LARGEST,
    NOT_A_NUMBER,
    TOO_LARGE_IN_MILLIONS,
    number_and_unit,
    parse_number,
    plain_number,
)
from transforms.periods import Period
from transforms.provinces import ProvinceMatch, ProvinceUnit
from transforms.reading.columns import Column
from transforms.reading.rows import Row, unit_in_cells
from transforms.reading.tables import Table
from transforms.reading.values import parse_row_unit, text_of
from transforms.rules import RuleCode
from transforms.text import LABELS_REMEMBERED
from transforms.units import Unit, find_money_unit, money_units_in


class Cell(NamedTuple):
    """A number read from one cell, before it becomes a fact.

    A named tuple: one is made for every figure read (a long list holds tens of thousands),
    and a tuple is as small as a slotted dataclass and built in a third of the time."""

    row: int
    col: int
    raw: str
    value: Decimal
    qualifier: str | None


@mypyc_attr(native_class=False)  # a cached_property: see transforms.compiled
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
    # units the title states for one indicator ("Đơn vị: triệu đồng (GTSX: tỷ đồng)"), by code
    indicator_money_units: dict[str, Unit] = field(default_factory=dict)
    # a project list's table: its money lines are added up, never loaded (``annex_lines``)
    annex: bool = False
    # what each cell read so far gave, by (row, column, whole): a table's shape reads its
    # figures and its checks read them again (a total's details); a context of other
    # conventions (``dataclasses.replace``) starts with none
    cells_read: dict[tuple[int, int, bool], Cell | Finding | None] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @cached_property
    def identity(self) -> ReportIdentity | None:
        """The report of the sheet's province, made once: every fact of its rows has it, and
        looking it up for each would hash the province unit and the period every time."""
        return _identity(self.province.unit, self.period) if self.province else None


def read_cell(ctx: SheetContext, row: int, col: int, whole: bool) -> Cell | Finding | None:
    """The number in a cell (``whole``: a count), the finding that it holds none, or None when
    it is blank; read once per context."""
    key = (row, col, whole)
    read = ctx.cells_read.get(key, _UNREAD)
    if read is _UNREAD:
        read = ctx.cells_read[key] = _read_cell(ctx, row, col, whole)
    return read


_UNREAD = Cell(-1, -1, "", Decimal(0), None)  # no cell's reading: one lookup per cell asked


def _read_cell(ctx: SheetContext, row: int, col: int, whole: bool) -> Cell | Finding | None:
    sheet = ctx.sheet
    raw = sheet.value(row, col)
    if (plain := plain_number(raw, whole=whole)) is not None:  # most cells: no text to read
        return Cell(row, col, str(raw), plain, None)
    text = (
        _without_row_unit(ctx, row, _without_remark(ctx, row, raw)) if isinstance(raw, str) else raw
    )
    reading = parse_number(text, whole=whole, convention=ctx.conventions.get(col))
    if reading.error:
        return finding(
            RuleCode.EXCEL_ERROR if str(raw).startswith("#") else RuleCode.UNPARSEABLE_NUMBER,
            sheet=sheet.name,
            cell=cell_address(row, col),
            value=raw,
            reason=reading.error,
        )
    if reading.value is None:
        return _merged_from_another_column(sheet, row, col)
    return Cell(row, col, str(raw), reading.value, reading.qualifier)


def _without_row_unit(ctx: SheetContext, row: int, raw: CellValue) -> CellValue:
    """ "15 lớp" in a table with no ĐVT column: the number, when "lớp" is the unit its row was
    given (``rows.unit_in_cells``); "26.014,5 tr.đ" on a row whose ĐVT is "tr.đ" or "triệu
    đồng": the number. A cell in another unit than its row's stays text, and so an error ("2
    tỷ" beside "150 triệu đồng" is never read in the row's unit)."""
    if not isinstance(raw, str):
        return raw
    number, unit = number_and_unit(raw)
    if unit is None:
        return raw
    unit_col = ctx.table.first_of("unit")
    if unit_col is None:
        same = unit == unit_in_cells(ctx.sheet, row, ctx.table.columns_of("value"))
    else:
        stated = parse_row_unit(text_of(ctx.sheet.value(row, unit_col.index)))
        same = stated is not None and stated == parse_row_unit(unit)
    return number if same else raw


# "704 (22 lớp)": a figure, then in brackets another figure with its own unit
_REMARK = re.compile(r"^([^()]*\d[^()]*?)\s*\(([^()]*\d[^()]*)\)$")


def _without_remark(ctx: SheetContext, row: int, raw: str) -> str:
    """ "704 (22 lớp)" on a row of người: the figure, when the bracket holds a figure in
    another unit than the row's ĐVT (the classes the workers were trained in, said again). A
    bracket in the row's own unit, in no unit, or on a row whose unit is not stated could be
    the figure itself: the text stays as it is, and unreadable."""
    unit_col = ctx.table.first_of("unit")
    found = _REMARK.match(raw.strip())
    if found is None or unit_col is None:
        return raw
    row_unit = parse_row_unit(text_of(ctx.sheet.value(row, unit_col.index)))
    remark_unit = number_and_unit(found.group(2).strip())[1]
    said = parse_row_unit(remark_unit) if remark_unit else None
    if row_unit is None or said is None or said.label == row_unit.label:
        return raw
    return found.group(1).strip()


def _merged_from_another_column(sheet: Sheet, row: int, col: int) -> Finding | None:
    """An empty cell under a number merged from the column beside it ("45" across Năm 2009 |
    Năm 2010): whose figure it is cannot be told, so it is reported, never dropped. Text that
    is no figure merged across the row ("(Trong năm có 2 lớp do doanh nghiệp tự tổ chức ...)",
    a section's name over the whole width) leaves the cell blank."""
    for block in sheet.merged:
        inside = block.first_row <= row <= block.last_row and block.first_col < col
        origin = sheet.value(block.first_row, block.first_col)
        if inside and col <= block.last_col and _is_figure(origin):
            return finding(
                RuleCode.MERGED_VALUE,
                sheet=sheet.name,
                cell=cell_address(row, col),
                value=origin,
                origin=cell_address(block.first_row, block.first_col),
            )
    return None


def _is_figure(value: CellValue) -> bool:
    """A number, or text that tries to be one ("1.520", "#REF!"), not words or a dash."""
    if value in (None, ""):
        return False
    reading = parse_number(value)
    return reading.value is not None or reading.error not in (None, NOT_A_NUMBER)


@lru_cache(maxsize=LABELS_REMEMBERED)
def _row_money_unit(label: str, unit: Unit | None) -> Unit | str | None:
    """The money unit a row states itself: its ĐVT's (``unit``), else its label's ("Giá trị
    sản xuất CNNT (tỷ đồng)"); the units it states, joined, when they are two (a conflict);
    None when it states none. Remembered: every money cell of a row asks, and a long project
    list repeats its labels."""
    stated = set(money_units_in(label)) if label else set()
    if unit is not None and unit.dimension == "money":
        stated.add(unit.label)
    if len(stated) > 1:
        return ", ".join(sorted(stated))
    return unit if unit and unit.dimension == "money" else find_money_unit(label)


def _money_unit(
    ctx: SheetContext,
    indicator: Indicator,
    cells: tuple[Column, Row, Unit | None],
    cell: Cell,
) -> Unit | Finding:
    """The unit of a money cell: the row's own (its ĐVT, or its label: "Giá trị sản xuất CNNT
    (tỷ đồng)"), else its column's, else the one the title states for its indicator, else the
    sheet's. The row is the most specific statement: a sheet in triệu đồng often holds a row in
    tỷ đồng. A row stating two units is a conflict."""
    column, row, row_unit = cells
    own = _row_money_unit(row.label, row_unit)
    if isinstance(own, str):
        address = cell_address(cell.row, cell.col)
        return finding(RuleCode.MONEY_UNIT_CONFLICT, sheet=ctx.sheet.name, cell=address, units=own)
    unit = (
        own
        or column.money_unit
        or ctx.indicator_money_units.get(indicator.code)
        or ctx.sheet_money_unit
    )
    if unit is None:
        address = cell_address(cell.row, cell.col)
        return finding(RuleCode.MONEY_UNIT_MISSING, sheet=ctx.sheet.name, cell=address)
    return unit


@lru_cache(maxsize=1 << 8)
def _identity(unit: ProvinceUnit, period: Period) -> ReportIdentity:
    """One identity for all facts of a report: the checks group facts by it, and the same
    object is the same report at once."""
    return ReportIdentity(
        province_code=unit.code,
        province_valid_from=unit.valid_from,
        province_name=unit.name,
        period=period,
    )


def _in_canonical_money(
    ctx: SheetContext, indicator: Indicator, cell: Cell, cells: tuple[Column, Row, Unit | None]
) -> Decimal | Finding:
    """A money cell's number in the canonical unit (triệu đồng), or why it cannot be."""
    unit = _money_unit(ctx, indicator, cells, cell)
    if isinstance(unit, Finding):
        return unit
    value = cell.value * unit.to_canonical
    if abs(value) >= LARGEST:  # 9e17 tỷ đồng: under the limit as typed, not in millions
        return finding(
            RuleCode.UNPARSEABLE_NUMBER,
            sheet=ctx.sheet.name,
            cell=cell_address(cell.row, cell.col),
            value=cell.raw,
            reason=TOO_LARGE_IN_MILLIONS,
        )
    return value


def _plain(value: Decimal) -> Decimal:
    """A fact's value: a whole number without decimal places ("1250", not "1250.0")."""
    integral = value.to_integral_value()
    return integral if value == integral else value


def make_fact(
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
        money = _in_canonical_money(ctx, indicator, cell, (column, row, row_unit))
        if isinstance(money, Finding):
            return money
        value = money
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
    identity = ctx.identity if province is ctx.province else None
    return Fact(
        identity=identity or _identity(province.unit, ctx.period),
        indicator=indicator.code,
        value=_plain(value),
        unit=indicator.unit,
        sheet=ctx.sheet.name,
        cell=address,
        raw_value=cell.raw,
        row_label=row.label or None,
        column_label=column.label,
        qualifier=cell.qualifier,
        basis="plan" if column.role == "plan" else "actual",
    )


def cell_fact(
    ctx: SheetContext, province: ProvinceMatch, indicator: Indicator, row: Row, column: Column
) -> Fact | Finding | None:
    cell = read_cell(ctx, row.index, column.index, whole=indicator.measure == "count")
    if cell is None or isinstance(cell, Finding):
        return cell
    return make_fact(ctx, province, indicator, cell, column, row)


def money_value(
    ctx: SheetContext, indicator: Indicator, row: Row, column: Column
) -> Decimal | Finding | None:
    """The value ``cell_fact`` would give a fact of a money ``indicator`` at ``row`` and
    ``column``, or its finding, or None for a blank, without making the fact (see
    ``annex_lines``: a project list's lines are only added up)."""
    cell = read_cell(ctx, row.index, column.index, whole=False)
    if cell is None or isinstance(cell, Finding):
        return cell
    row_unit = parse_row_unit(row.unit_text) if row.unit_text else None
    money = _in_canonical_money(ctx, indicator, cell, (column, row, row_unit))
    return money if isinstance(money, Finding) else _plain(money)


def row_money_unit(row: Row) -> Unit | str | None:
    """The money unit ``row`` states itself (its ĐVT's, else its label's), the units joined
    when it states two (a conflict), None when it states none: what ``_money_unit`` asks
    first, told once for all of a row's money cells (see ``annex_lines``)."""
    row_unit = parse_row_unit(row.unit_text) if row.unit_text else None
    return _row_money_unit(row.label, row_unit)


def column_money_unit(ctx: SheetContext, indicator: Indicator, column: Column) -> Unit | None:
    """The unit of a money cell of ``column`` whose row states none (``_money_unit``)."""
    return (
        column.money_unit or ctx.indicator_money_units.get(indicator.code) or ctx.sheet_money_unit
    )


def money_line(ctx: SheetContext, row: int, col: int, unit: Unit) -> Decimal | None:
    """``money_value`` of a cell in ``unit`` (the one ``_money_unit`` gives it) when the cell
    holds a plain number (``plain_number``) within the limit once in that unit; None for any
    other cell, which only ``money_value`` reads. A project list's lines are such cells: they
    are read here without the calls ``money_value`` makes to find what it already knows, and
    the cell's reading is remembered as ``read_cell`` would (the checks sum it again)."""
    cells_read = ctx.cells_read
    key = (row, col, False)
    if key in cells_read:
        return None  # read already (a text, a finding): as it was read
    raw = ctx.sheet.value(row, col)
    plain = plain_number(raw)
    if plain is None:
        return None
    value = plain * unit.to_canonical
    if abs(value) >= LARGEST:
        return None
    # Cell(row, col, str(raw), plain, None), without the named tuple's own __new__ (a
    # Python function: a call for each line)
    cells_read[key] = _new_tuple(Cell, (row, col, str(raw), plain, None))
    integral = value.to_integral_value()  # _plain, without a call for every line
    return integral if value == integral else value


_new_tuple = tuple.__new__


def collect(outcome: Fact | Finding | None, facts: list[Fact], findings: list[Finding]) -> None:
    if isinstance(outcome, Fact):
        facts.append(outcome)
    elif isinstance(outcome, Finding):
        findings.append(outcome)


def sheet_money_unit(title_lines: tuple[str, ...]) -> tuple[Unit | None, list[Finding]]:
    """The money unit stated once for the whole sheet ("Đơn vị tính: triệu đồng"), leaving
    out the units stated for one indicator (``indicator_money_units``)."""
    lines = tuple(_OWN_UNIT.sub(_unless_an_indicators, line) for line in title_lines)
    stated = {label for line in lines for label in money_units_in(line)}
    if len(stated) > 1:
        return None, [finding(RuleCode.MONEY_UNIT_CONFLICT, units=", ".join(sorted(stated)))]
    for line in lines:
        if (unit := find_money_unit(line)) is not None:
            return unit, []
    return None, []


# "(GTSX: tỷ đồng)", "(riêng GTSX CNNT: tỷ đồng)": a unit in parentheses after a name
_OWN_UNIT = re.compile(r"\(([^():]+):([^()]+)\)")


def _indicator_unit(match: re.Match[str]) -> tuple[str, Unit] | None:
    """The indicator and money unit of one "(name: unit)" of a title, if it is one."""
    indicator = match_label(match.group(1)).indicator
    unit = find_money_unit(match.group(2))
    if indicator is None or unit is None or indicator.measure != "money":
        return None
    return indicator.code, unit


def _unless_an_indicators(match: re.Match[str]) -> str:
    return "" if _indicator_unit(match) else match.group(0)


def indicator_money_units(title_lines: tuple[str, ...]) -> dict[str, Unit]:
    """The money units a title states for one indicator: "Đơn vị tiền: triệu đồng (GTSX: tỷ
    đồng)" puts production value in tỷ đồng and every other amount in triệu đồng."""
    return dict(
        found
        for line in title_lines
        for match in _OWN_UNIT.finditer(line)
        if (found := _indicator_unit(match)) is not None
    )
