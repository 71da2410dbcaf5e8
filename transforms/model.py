"""The shapes that flow through the reader: a workbook as plain cells in, facts and findings out.

These are plain frozen dataclasses so that transforms stay pure functions over values, and so
that a test can build a sheet by hand without any file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache

from transforms.periods import Period
from transforms.rules import RuleCode

CellValue = str | int | float | bool | date | None


@lru_cache(maxsize=1 << 14)  # the columns of Excel's widest sheet: asked for every cell address
def column_letter(index: int) -> str:
    """Excel column letters for a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def cell_address(row: int, col: int) -> str:
    """A1-style address of a 0-based (row, col) position: (13, 3) -> D14."""
    return f"{column_letter(col)}{row + 1}"


_A1 = re.compile(r"^([A-Z]+)([1-9]\d*)$")


@lru_cache(maxsize=1 << 14)  # the stages after reading ask it of every fact's and finding's cell
def cell_position(address: str) -> tuple[int, int] | None:
    """The 0-based (row, col) of an A1 address, D14 -> (13, 3); None for anything else."""
    matched = _A1.match(address)
    if matched is None:
        return None
    letters, number = matched.groups()
    col = 0
    for letter in letters:
        col = col * 26 + ord(letter) - 64
    return int(number) - 1, col - 1


@dataclass(frozen=True)
class MergedRange:
    """A merged block in absolute 0-based sheet coordinates, both ends inclusive."""

    first_row: int
    first_col: int
    last_row: int
    last_col: int


@dataclass(frozen=True)
class Sheet:
    """One worksheet as a dense grid of cell values in absolute sheet coordinates.

    ``rows[r][c]`` is the value at 0-based row ``r`` and column ``c`` of the real sheet, so that
    ``cell_address(r, c)`` names the cell a clerk sees in Excel.
    """

    name: str
    rows: tuple[tuple[CellValue, ...], ...]
    merged: tuple[MergedRange, ...] = ()
    visible: bool = True
    # (row, col, font name) of text cells in a legacy Vietnamese font (.VnTime, VNI-Times...):
    # the surest sign of TCVN3/VNI text, and the only one for capitals of a .VnTimeH font
    fonts: tuple[tuple[int, int, str], ...] = ()
    # rows and columns the clerk hid (last year's figures, an old column): not part of the report
    hidden_rows: tuple[int, ...] = ()
    hidden_cols: tuple[int, ...] = ()

    @property
    def height(self) -> int:
        return len(self.rows)

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)

    def value(self, row: int, col: int) -> CellValue:
        """The value at (row, col), None past the end of the grid (rows are ragged). Asked
        of every cell a table reads, so it indexes first and checks only when that fails."""
        try:
            return self.rows[row][col]
        except IndexError:
            return None


@dataclass(frozen=True)
class Workbook:
    file_name: str
    sheets: tuple[Sheet, ...]


@dataclass(frozen=True)
class Finding:
    """Something wrong or noteworthy in a submission, located as precisely as possible.

    ``rule`` is a stable slug from ``schemas/rules.yaml``, which also holds the severity and
    the message templates (Vietnamese for the province, English for the data team) that
    ``params`` fill in.
    """

    rule: str
    sheet: str | None = None
    cell: str | None = None
    value: str | None = None
    params: tuple[tuple[str, str], ...] = ()


def finding(
    rule: RuleCode | str,
    *,
    sheet: str | None = None,
    cell: str | None = None,
    value: object = None,
    **params: object,
) -> Finding:
    """Build a Finding; ``params`` fill the rule's message templates.

    A code that ``schemas/rules.yaml`` does not list fails here, where it is raised, rather
    than when its message is rendered (a code may come as text: a suite's meta, a file error).
    """
    return Finding(
        rule=RuleCode(rule).value,
        sheet=sheet,
        cell=cell,
        value=None if value is None else str(value),
        params=tuple(sorted((key, str(val)) for key, val in params.items())),
    )


@dataclass(frozen=True)
class ReportIdentity:
    """Who reported and for when: a province unit and a period."""

    province_code: str
    province_valid_from: date
    province_name: str
    period: Period

    def __hash__(self) -> int:
        """The province and the period's label alone: equal identities share both, and the
        checks hash one per fact (grouping a 20,000-row list by report), where the generated
        hash would hash the unit's date and the whole period every time."""
        return hash((self.province_code, self.period.label))


@dataclass(frozen=True)
class Fact:
    """One number read from one cell, in its indicator's canonical unit, with its lineage."""

    identity: ReportIdentity
    indicator: str
    value: Decimal
    unit: str
    sheet: str
    cell: str
    raw_value: str
    row_label: str | None = None
    column_label: str | None = None
    qualifier: str | None = None
    basis: str = "actual"  # "actual", or "plan" for a plan column (Kế hoạch) beside the actuals
    table: int = 0  # which table of its sheet, top to bottom: tables are compared, not added


@dataclass(frozen=True)
class CellOutcome:
    """What became of one numeric cell of a read table (``transforms.reading.accounting``).

    ``outcome`` is one of ``CELL_OUTCOMES``; ``why`` says which: the fact's indicator, the kind
    of total, the role of a column or row of another period, the rule of a finding about it.
    """

    cell: str  # "D12"
    label: str  # its row's label
    column: str  # its column's header
    value: str  # as the clerk typed it
    outcome: str
    why: str = ""


# every numeric cell of a read table ends as exactly one of these
CELL_OUTCOMES = (
    "fact",  # a fact's own cell
    "total",  # a printed total or subtotal the checks compared with its details
    "part",  # a part of a fact: an of-which row, a breakdown, an annex line
    "not_indicator",  # a row the schemas know is no contract indicator (layout.yaml)
    "not_period",  # a column or row of another period: plan, last year, cumulative, %
    "finding",  # a finding names the cell, its row, its column or its table
    "not_read",  # warned about: row-not-read or cell-not-read
)


@dataclass(frozen=True)
class SheetOutcome:
    """What the reader did with one sheet: every sheet is accounted for."""

    sheet: str
    status: str  # "read" | "skipped"
    reason: str
    layout: str | None = None
    header_rows: tuple[int, ...] = ()
    title: tuple[str, ...] = ()  # the title block the identity was read from
    columns: tuple[str, ...] = ()  # how each column was understood, for `khuyencong inspect`
    period: str | None = None
    province: str | None = None
    money_unit: str | None = None
    cells: tuple[CellOutcome, ...] = ()  # every numeric cell of its read tables, accounted for


@dataclass(frozen=True)
class Reading:
    """Everything the reader understood from one workbook."""

    facts: tuple[Fact, ...] = ()
    findings: tuple[Finding, ...] = ()
    sheets: tuple[SheetOutcome, ...] = field(default_factory=tuple)
