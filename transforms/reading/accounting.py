"""Every numeric cell of a read table, accounted for: what became of it, and why.

A number a clerk typed into a value column either reaches the lake (a fact), proves the
reading (a printed total the checks compared), is a part of a figure that does (an of-which
row, a section's breakdown, an activity's funding by source), is something the schemas know is
no contract indicator (workshops, growth rates), belongs to another period (a plan, last
year, a cumulative or a comparison column or row), is named by a finding (an unreadable cell,
an ambiguous row), or is warned about as not read (``row-not-read``, ``cell-not-read``). None
vanishes without a trace.

The stage reads what the reader did rather than redoing it: a fact says which cell it came
from, a shape says which columns' totals it checked and which columns total others, a finding
says which cell, column or table it is about. Only the parts, which give no fact of their own,
are found from the rows as the shapes see them (``transforms.reading.rows``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from transforms.findings import is_error
from transforms.model import (
    CellOutcome,
    Fact,
    Finding,
    Sheet,
    cell_address,
    cell_position,
    column_letter,
)
from transforms.numbers import AMBIGUOUS_GROUPING, WHOLE_SHOWN, number_and_unit, parse_number
from transforms.reading.cells import SheetContext
from transforms.reading.columns import Column, is_current
from transforms.reading.readings import TableReading
from transforms.reading.rows import Row, enclosing_sections, row_indicator, section_heads
from transforms.rules import RuleCode
from transforms.words import has_phrase, words_of

# rows that close the details above them ("Cộng mục I", "Tổng cộng")
_TOTAL_KINDS = frozenset({"total", "subtotal"})


def account(
    reading: TableReading,
    facts: Sequence[Fact],
    findings: Sequence[Finding],
    *,
    annex: bool = False,
) -> tuple[CellOutcome, ...]:
    """The outcome of every numeric cell of the table's value columns, row by row
    (``facts`` and ``findings``: the table's, its checks' findings included). In an
    ``annex`` (a project list, see ``workbook.read_project_list``) a cell a fact was read
    from is a part of the summary's figures, said so here rather than rebuilt after."""
    ctx = reading.ctx
    columns = _value_columns(reading, _columns_of(f for f in facts if f.sheet == ctx.sheet.name))
    said = _Said(
        reading,
        from_facts={fact.cell: fact.indicator for fact in facts if fact.sheet == ctx.sheet.name},
        of_period=_of_period(
            reading, columns, _columns_of(f for f in facts if f.basis == "actual")
        ),
        totals=_checked_totals(reading),
        named=_named_by_findings(reading, findings, columns),
        parents=_parents(reading.rows),
        heads=section_heads(reading.rows),
        sections=enclosing_sections(reading.rows),
        closing=_closing_totals(reading.rows),
        annex=annex,
    )
    outcomes: list[CellOutcome] = []
    # each column's label, letters and convention once, not once for each of a long list's rows
    described = [
        (c, c.index, c.label, column_letter(c.index), ctx.conventions.get(c.index)) for c in columns
    ]
    lines = reading.annex_lines
    # an annex line's reason, once for each indicator, not once for each of its cells
    line_why = {code: f"annex line: {code}" for code in set(lines.values())}
    grid = ctx.sheet.rows
    for row in reading.rows:
        number = row.index + 1
        cells = grid[row.index] if row.index < len(grid) else ()
        for column, index, label, letters, convention in described:
            raw = cells[index] if index < len(cells) else None  # Sheet.value, without a call
            if raw is None:
                continue
            if not (
                (type(raw) is int or type(raw) is float) and -WHOLE_SHOWN < raw < WHOLE_SHOWN
            ) and not _is_number(raw, convention):  # most cells are blank or plain numbers
                continue
            address = f"{letters}{number}"  # cell_address, without a call for every cell
            line = lines.get((row.index, index))
            if line is not None:  # as a fact's cell of an annex: most cells of a long list
                outcome, why = "part", line_why[line]
            else:
                outcome, why = said.outcome(row, column, address)
            outcomes.append(_cell_outcome(address, row.label, label, str(raw), outcome, str(why)))
    return tuple(outcomes)


def _cell_outcome(
    cell: str, label: str, column: str, value: str, outcome: str, why: str
) -> CellOutcome:
    """``CellOutcome(cell, label, column, value, outcome, why)``, the same object made without
    the frozen dataclass's ``__init__``, which sets each of its six fields through
    ``object.__setattr__``: a long list makes one for each of its cells, and this takes a third
    of the time. Equal, hashed, printed and pickled as the one ``__init__`` makes."""
    made = _new(CellOutcome)
    made.__dict__.update(
        cell=cell, label=label, column=column, value=value, outcome=outcome, why=why
    )
    return made


_new = object.__new__


@dataclass(frozen=True)
class _Said:
    """What the reading of one table says of its cells, looked up once for all of them."""

    reading: TableReading
    from_facts: dict[str, str]  # cell -> the indicator of the fact read from it
    of_period: frozenset[int]  # the value columns of the period's figures
    totals: dict[tuple[int, int], str]  # (row, column) of a checked total -> its kind
    named: dict[str, str]  # cell, "row N", "column X" or "" (the table) -> a finding's rule
    parents: dict[int, Row]  # a part row -> the row above it
    heads: dict[int, Row]  # a row -> the section row carrying its section's figures
    sections: dict[int, Row]  # a row -> its section row
    closing: dict[int, int | None]  # a row -> the total closing its details
    annex: bool  # a project list's: its facts' cells are parts of the summary's figures

    def outcome(self, row: Row, column: Column, address: str) -> tuple[str, str]:
        """The first of the outcomes, in order, that the reading gives the cell."""
        reading = self.reading
        if address in self.from_facts:
            if self.annex:
                return "part", f"annex line: {self.from_facts[address]}"
            return "fact", self.from_facts[address]
        if (row.index, column.index) in self.totals:
            return "total", self.totals[(row.index, column.index)]
        if address in self.named:
            return "finding", self.named[address]
        if column.index not in self.of_period:
            return "not_period", _other_period(column)
        whole = _whole_of(reading.ctx.sheet, row, column, self.parents, self.heads)
        if whole or (whole := self.part_of_a_fact(row, column)):
            return "part", whole
        if row.aside is not None:
            return "not_period", row.aside
        if row.kind in _TOTAL_KINDS:
            # a printed total no check compares: a stock's "Cộng" (its last year, never a
            # sum), a "Tổng cộng" of rows counting several things; never a fact either
            return "total", "not compared"
        if _not_an_indicator(row):
            return "not_indicator", "layout.yaml not_indicator_rows"
        if (found := _named_broadly(self.named, row, column)) is not None:
            return "finding", found
        return "not_read", _unread_rule(reading, row)

    def part_of_a_fact(self, row: Row, column: Column) -> str:
        """The fact the row's figure is a part of, if any: its section row's own figure ("I.
        Kinh phí KCQG | 800" over its projects), or the total closing its details ("Cộng I",
        a "Tổng cộng" of activities' funding read as total funding), which the checks
        compare with the details."""
        section = self.sections.get(row.index)
        lines = self.reading.annex_lines
        for index in (section.index if section else None, self.closing.get(row.index)):
            if index is None:
                continue
            if cell_address(index, column.index) in self.from_facts or (
                (index, column.index) in lines
            ):
                return f"of the fact in row {index + 1}"
        return ""


def reported_as(cells: tuple[CellOutcome, ...], rule: str) -> tuple[CellOutcome, ...]:
    """The cells with those left unread named by ``rule`` instead: a finding about the whole
    workbook ("this is not a khuyến công report") that says all there is to say of them."""
    return tuple(
        replace(cell, outcome="finding", why=str(rule)) if cell.outcome == "not_read" else cell
        for cell in cells
    )


# the rules that warn about a number left unread
NOT_READ_RULES = frozenset({RuleCode.ROW_NOT_READ, RuleCode.CELL_NOT_READ})


@dataclass(frozen=True)
class TableAccount:
    """A table's numeric cells with what became of each: what the accounting checks see."""

    sheet: str
    cells: tuple[CellOutcome, ...]

    def not_read(self, rule: RuleCode) -> tuple[CellOutcome, ...]:
        """The cells left unread that ``rule`` warns about."""
        return tuple(c for c in self.cells if c.outcome == "not_read" and c.why == rule)


def _is_number(raw: object, convention: str | None) -> bool:
    """A cell holding a number, or one whose digit grouping alone is open ("1.520"), also
    with its unit typed after it ("850 học viên" on a line of its own): a figure all the same."""
    if (type(raw) is int or type(raw) is float) and -WHOLE_SHOWN < raw < WHOLE_SHOWN:
        # most cells: a finite number this small is one whatever its digits, told without
        # building its exact value (a long list asks for each of its cells)
        return True
    if raw in (None, ""):
        return False
    reading = parse_number(raw, convention=convention)
    if reading.value is None and reading.error != AMBIGUOUS_GROUPING and isinstance(raw, str):
        number, unit = number_and_unit(raw)
        reading = parse_number(number, convention=convention) if unit else reading
    return reading.value is not None or reading.error == AMBIGUOUS_GROUPING


def _value_columns(reading: TableReading, read: set[int]) -> tuple[Column, ...]:
    """The table's value columns, and any other column a fact of its sheet was read from
    (``read``: a province's column of a table of provinces side by side), but the column of
    the rows' years."""
    return tuple(
        c
        for c in reading.ctx.table.columns
        if (c.kind == "value" or c.index in read) and c.index not in reading.label_columns
    )


def _checked_totals(reading: TableReading) -> dict[tuple[int, int], str]:
    """The cells of printed totals the shape asked the checks to compare: totals, subtotals
    and section rows in the columns it named, and a total column in each data row."""
    cells: dict[tuple[int, int], str] = {}
    for totals in reading.totals:
        for row in reading.rows:
            kind = "section" if row.heads_section or row.kind == "section" else row.kind
            if kind in totals.kinds:
                cells.update({(row.index, c.index): kind for c in totals.columns})
    for total, _, rows in reading.column_totals:
        cells.update({(row.index, total.index): "column total" for row in rows})
    return cells


def _columns_of(facts: Iterable[Fact]) -> set[int]:
    """The columns the facts were read from (a fact derived from others has no one cell).

    A fact's cell is an address ``cell_address`` wrote ("D14"), or a range of them for a
    count of rows ("B5:B20"): its column is told by its letters alone, and a long list's
    tens of thousands of facts have only a few distinct ones to parse ("B5:B" is none)."""
    letters = {fact.cell.rstrip(_DIGITS) for fact in facts}
    return {position[1] for head in letters if (position := cell_position(f"{head}1")) is not None}


_DIGITS = "0123456789"


def _named_by_findings(
    reading: TableReading, findings: Sequence[Finding], columns: tuple[Column, ...]
) -> dict[str, str]:
    """What the table's findings name, by key: a cell ("D12"), a row ("row 12"), a column
    ("column D"), or the table (""), each with the rule that names it."""
    ctx = reading.ctx
    value_columns = {c.index for c in columns}
    named: dict[str, str] = {}
    for found in findings:
        if found.sheet not in (None, ctx.sheet.name):
            continue
        column = dict(found.params).get("column")
        position = cell_position(found.cell) if found.cell else None
        if position is not None:
            row, col = position
            if row in ctx.table.header_rows:
                named.setdefault(f"column {column_letter(col)}", found.rule)
            elif col in value_columns:
                named.setdefault(cell_address(row, col), found.rule)
            else:
                named.setdefault(f"row {row}", found.rule)  # at the row's label: the whole row
        elif column:
            named.setdefault(f"column {column}", found.rule)
        elif is_error(found):
            named.setdefault("", found.rule)  # no actuals column, or several: the whole table
    return named


def _named_broadly(named: dict[str, str], row: Row, column: Column) -> str | None:
    """The rule of a finding about the cell's row, its column or its whole table."""
    for key in (f"row {row.index}", f"column {column_letter(column.index)}", ""):
        if key in named:
            return named[key]
    return None


def _parents(rows: tuple[Row, ...]) -> dict[int, Row]:
    """The row each part row ("Trong đó: lao động nữ", "- Nguồn KCQG", "1.1") is a part of:
    the nearest row above it that is not a part itself."""
    parents: dict[int, Row] = {}
    above: Row | None = None
    for row in rows:
        if row.kind != "part":
            above = row
        elif above is not None:
            parents[row.index] = above
    return parents


def _closing_totals(rows: tuple[Row, ...]) -> dict[int, int | None]:
    """For each row, the first total or subtotal row below it before the next section: the
    "Cộng I" that closes its section, the "Tổng cộng" that closes the table."""
    closing: dict[int, int | None] = {}
    pending: list[int] = []
    for row in rows:
        if row.kind in _TOTAL_KINDS:
            closing.update(dict.fromkeys(pending, row.index))
            pending = []
        elif row.kind == "section" or row.heads_section:
            closing.update(dict.fromkeys(pending, None))
            pending = []
        else:
            pending.append(row.index)
    closing.update(dict.fromkeys(pending, None))
    return closing


def _whole_of(
    sheet: Sheet, row: Row, column: Column, parents: dict[int, Row], heads: dict[int, Row]
) -> str:
    """What the cell is a part of ("" when nothing): the row above a part row, or a section
    row carrying its section's figures, when that row has a figure in the same column. The
    reader counts such a part in its whole, never again on its own (``counted_by_parent``)."""
    for whole, what in ((parents.get(row.index), "row above"), (heads.get(row.index), "section")):
        if whole is not None and sheet.value(whole.index, column.index) not in (None, ""):
            return f"of the {what}, row {whole.index + 1}"
    return ""


def _of_period(
    reading: TableReading, columns: tuple[Column, ...], actuals_read: set[int]
) -> frozenset[int]:
    """The value columns that hold the period's figures: those the shape read (actuals, a
    column naming an indicator, a province's, a year's of a range) or whose header says so."""
    ctx = reading.ctx
    taken = {
        c.index
        for c in (*reading.actual_columns, *reading.indicator_columns, *reading.read_columns)
    }
    taken |= {c.index for _, parts, _ in reading.column_totals for c in parts} | actuals_read
    return frozenset(c.index for c in columns if c.index in taken or _names_the_period(c, ctx))


def _names_the_period(column: Column, ctx: SheetContext) -> bool:
    """A year's column of a range's report is of the range ("Năm 2008" in 2006-2010); any
    other column is the period's when ``is_current`` says so."""
    if ctx.period.kind == "multi_year" and column.year is not None:
        return column.role in (None, "actual") and (
            ctx.period.start.year <= column.year <= ctx.period.end.year
        )
    return is_current(column, ctx.period)


def _other_period(column: Column) -> str:
    """Which other period a column holds: a plan, a cumulative figure, a comparison, a year."""
    if column.role in ("plan", "cumulative", "comparison", "previous"):
        return column.role
    return f"year {column.year}" if column.year is not None else "part of the period"


def _not_an_indicator(row: Row) -> bool:
    """A row the programme reports beside its indicators (workshops, study tours, the number
    of CNNT establishments, growth rates): ``layout.yaml`` ``not_indicator_rows``."""
    words = words_of(row.label)
    return row_indicator(row).indicator is None and has_phrase(words, "not_indicator_rows")


def _unread_rule(reading: TableReading, row: Row) -> RuleCode:
    """``row-not-read`` for a row its shape could place under no indicator (``TableReading.
    unread_rows``: "Số làng nghề | làng | 25"); ``cell-not-read`` for any other number the
    reading left (a column naming no indicator beside the years or the provinces, a part with
    no row above it)."""
    if any(unread.index == row.index for unread in reading.unread_rows):
        return RuleCode.ROW_NOT_READ
    return RuleCode.CELL_NOT_READ
