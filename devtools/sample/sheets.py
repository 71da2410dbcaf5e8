"""The sheet model both writers share: cells with values, merges, a font, column widths.

A layout fills a ``SheetDraft`` (put a value, span a merged block, note which cell holds a true
fact) and freezes it into a ``SheetModel``; the writers only translate a ``WorkbookModel`` into
.xlsx or .xls. Rows and columns are 0-based here, A1 addresses only in the truth.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal

from transforms.model import cell_address

CellValue = str | int | float


@dataclass(frozen=True)
class Merge:
    first_row: int
    first_col: int
    last_row: int
    last_col: int


@dataclass(frozen=True)
class Cell:
    row: int
    col: int
    value: CellValue
    bold: bool = False


@dataclass(frozen=True)
class SheetModel:
    name: str
    cells: tuple[Cell, ...]
    merges: tuple[Merge, ...]
    font: str = "Times New Roman"
    column_widths: tuple[tuple[int, float], ...] = ()
    hidden: bool = False


@dataclass(frozen=True)
class WorkbookModel:
    file_name: str
    sheets: tuple[SheetModel, ...]
    timestamp: datetime


@dataclass(frozen=True)
class PendingFact:
    """A true fact located on a sheet, before the file it belongs to is named."""

    row: int
    col: int
    province_code: str
    year: int
    indicator: str
    value: Decimal


def plain(value: Decimal | int | float | str) -> CellValue:
    """What a writer stores: whole numbers as int, other Decimals as float, text as is."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


@dataclass
class SheetDraft:
    """A sheet being laid out; refuses to write twice into a cell or inside a merge.

    ``zone`` (title, header, body, footer) is noted for every cell put while it is set, so a
    clerk's way with text (a legacy encoding, no diacritics) can be applied zone by zone.
    """

    name: str
    font: str = "Times New Roman"
    hidden: bool = False
    zone: str = "body"
    zones: dict[tuple[int, int], str] = field(default_factory=dict)
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    merges: list[Merge] = field(default_factory=list)
    widths: dict[int, float] = field(default_factory=dict)
    facts: list[PendingFact] = field(default_factory=list)
    _covered: set[tuple[int, int]] = field(default_factory=set)

    def put(
        self, row: int, col: int, value: Decimal | int | float | str | None, *, bold: bool = False
    ) -> None:
        if value is None or value == "":
            return
        if (row, col) in self.cells or (row, col) in self._covered:
            raise ValueError(f"{self.name}!{cell_address(row, col)} written twice")
        self.cells[(row, col)] = Cell(row, col, plain(value), bold)
        self.zones[(row, col)] = self.zone

    def span(
        self,
        row: int,
        col: int,
        last_row: int,
        last_col: int,
        value: str | None,
        *,
        bold: bool = False,
    ) -> None:
        """A merged block with its value in the top-left cell (no merge for a single cell)."""
        self.put(row, col, value, bold=bold)
        if (last_row, last_col) == (row, col):
            return
        self.merges.append(Merge(row, col, last_row, last_col))
        self._covered |= {
            (r, c)
            for r in range(row, last_row + 1)
            for c in range(col, last_col + 1)
            if (r, c) != (row, col)
        }

    def record(
        self, row: int, col: int, province_code: str, year: int, indicator: str, value: Decimal
    ) -> None:
        """The cell at (row, col) holds ``value`` of ``indicator``, in the canonical unit."""
        self.facts.append(PendingFact(row, col, province_code, year, indicator, value))

    def width(self, col: int, chars: float) -> None:
        self.widths[col] = chars

    def retext(self, change: Callable[[str, str], str]) -> None:
        """Rewrite every text cell with ``change(text, zone)``."""
        for key, cell in self.cells.items():
            if isinstance(cell.value, str):
                self.cells[key] = replace(cell, value=change(cell.value, self.zones[key]))

    def model(self) -> SheetModel:
        if self._covered & self.cells.keys():
            raise ValueError(f"{self.name}: a value inside a merged block")
        return SheetModel(
            name=self.name,
            cells=tuple(self.cells[key] for key in sorted(self.cells)),
            merges=tuple(self.merges),
            font=self.font,
            column_widths=tuple(sorted(self.widths.items())),
            hidden=self.hidden,
        )
