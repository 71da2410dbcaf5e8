"""Find the table on a sheet and resolve its header into typed columns.

Real reports put a title block of any height above the table, headers of one to three rows
with merged cells (a group such as "Kinh phí (triệu đồng)" over "Tổng | KCQG | KCĐP"), often a
row of column numbers, then the data. This module only describes the table; what its cells
mean is decided in ``transforms.extract``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TypeGuard

from transforms.indicators import NO_MATCH, IndicatorMatch, match_header, match_indicator
from transforms.model import CellValue, Sheet
from transforms.numbers import AMBIGUOUS_GROUPING, INVALID_GROUPING, parse_number
from transforms.text import clean
from transforms.units import Unit, find_money_unit
from transforms.words import (
    contains_phrase,
    first_phrase_group,
    phrase_list,
    starts_with_phrase_group,
    words_of,
)

HEADER_SEARCH_ROWS = 60
MAX_HEADER_ROWS = 3
_YEAR = re.compile(r"\b(19[9]\d|20\d\d)\b")
_GROUPING_ERRORS = (AMBIGUOUS_GROUPING, INVALID_GROUPING)


@dataclass(frozen=True)
class Column:
    """One column of a table, as its header describes it."""

    index: int
    levels: tuple[str, ...]  # header texts from the top header row down, repeats removed
    kind: str  # "sequence" | "label" | "unit" | "province" | "value"
    role: str | None  # value columns: "actual" | "plan" | "cumulative" | "comparison" | None
    year: int | None  # a year the header names ("Năm 2010"), if any
    indicator: IndicatorMatch
    money_unit: Unit | None

    @property
    def label(self) -> str:
        return " / ".join(self.levels)


@dataclass(frozen=True)
class Table:
    """A table found on a sheet: its header rows, columns and the rows that hold its data."""

    header_rows: tuple[int, ...]
    data_rows: tuple[int, ...]
    columns: tuple[Column, ...]
    title_lines: tuple[str, ...]  # the text above the header (title block), one line per row
    end_row: int  # the first row after the table: where the next table may start

    def columns_of(self, kind: str) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.kind == kind)


def text_of(value: CellValue) -> str:
    return clean(value) if isinstance(value, str) else ""


def is_number_cell(value: CellValue) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def holds_number(value: CellValue) -> bool:
    """A number, also one stored as text ("1.234", "2.345,5"): every cell of a csv is text.

    Digits whose grouping is ambiguous ("1.234") or wrong are still a number by their shape.
    """
    if is_number_cell(value):
        return True
    if not isinstance(value, str):
        return False
    reading = parse_number(value)
    return reading.value is not None or reading.error in _GROUPING_ERRORS


@lru_cache(maxsize=1 << 16)
def _is_structural_header_cell(text: str) -> bool:
    """A column name that only a header has: STT, Chỉ tiêu, ĐVT, Thực hiện, Năm 2010..."""
    words = words_of(text)
    return bool(
        words
        and (
            starts_with_phrase_group(words, "columns")
            or first_phrase_group(words, "column_roles")
            or (_YEAR.search(text) and len(words) <= 3)
        )
    )


@lru_cache(maxsize=1 << 16)
def _is_header_cell(text: str) -> bool:
    return _is_structural_header_cell(text) or match_indicator(text).indicator is not None


def find_header_row(sheet: Sheet, start: int = 0) -> int | None:
    """The first row (from ``start``) that reads as a table header.

    A header row has at least two cells that are column names a clerk uses (STT, Chỉ tiêu,
    ĐVT, a role such as Thực hiện, an indicator name, a year); a title is a single cell and a
    data row is mostly numbers, so neither qualifies.
    """
    for row in range(start, min(sheet.height, start + HEADER_SEARCH_ROWS)):
        if is_header_row(sheet.rows[row]):
            return row
    return None


def is_header_row(values: tuple[CellValue, ...], *, structural: bool = False) -> bool:
    """A row of column names.

    ``structural`` ignores indicator names: inside a table body a row such as
    "Số đề án | đề án | 9" names an indicator twice and is still data. There a row holding a
    number is never the next table's header either: "- Tỷ lệ có việc làm | % | 85" has two
    header words ("tỷ lệ", "%") and is a row of the table.
    """
    is_header = _is_structural_header_cell if structural else _is_header_cell
    if structural:
        # a year typed as a number may head the next table ("STT | Chỉ tiêu | 2011 | 2012"),
        # but only its text cells can make the row a header: "Số lượng LĐ | người | 2009 |
        # 2010" holds counts that merely look like years
        texts = [text_of(v) for v in values]
        header_cells = sum(1 for t in texts if t and is_header(t))
        has_number = any(holds_number(v) and not _year_heading(v) for v in values)
        return header_cells >= 2 and not has_number
    texts = header_texts(values)
    header_cells = sum(1 for t in texts if t and is_header(t))
    numbers = sum(1 for v, t in zip(values, texts, strict=True) if is_number_cell(v) and not t)
    return header_cells >= 2 and numbers <= header_cells // 2


def _year_heading(value: CellValue) -> str:
    """A year typed as a number over a column (2010, or "2010" in a csv) as "Năm 2010"."""
    if isinstance(value, str):
        value = value.strip()
        if not value.isdigit():
            return ""
    elif not is_number_cell(value) or not float(value).is_integer():
        return ""
    year = str(int(value))
    return f"Năm {year}" if _YEAR.fullmatch(year) else ""


def header_texts(values: tuple[CellValue, ...]) -> list[str]:
    """The texts of a candidate header row, a year typed as a number read as "Năm 2010".

    Clerks type "2010 | 2011" over year columns as numbers. Only a row whose text already names
    a column (STT, Chỉ tiêu, ĐVT...) and which holds no other number has its years read so: a
    data row ("1 | Số lượng lao động | người | 2010") keeps its numbers as numbers.
    """
    texts = [text_of(v) for v in values]
    years = [_year_heading(v) for v in values]
    other_numbers = any(is_number_cell(v) and not y for v, y in zip(values, years, strict=True))
    if other_numbers or not any(t and _is_structural_header_cell(t) for t in texts):
        return texts
    return [t or y for t, y in zip(texts, years, strict=True)]


def fill_merged(sheet: Sheet, rows: range) -> dict[tuple[int, int], CellValue]:
    """Values of ``rows`` with every merged block's value copied into all of its cells."""
    grid = {(r, c): sheet.value(r, c) for r in rows for c in range(sheet.width)}
    for block in sheet.merged:
        top_left = sheet.value(block.first_row, block.first_col)
        for r in range(max(block.first_row, rows.start), min(block.last_row + 1, rows.stop)):
            for c in range(block.first_col, block.last_col + 1):
                grid[(r, c)] = top_left
    return grid


def _header_height(sheet: Sheet, first: int) -> int:
    """How many rows the header starting at ``first`` spans.

    Merged blocks that start on the first header row say it exactly (a vertically merged "STT"
    over two rows). Without merges (csv, some .xls writers) further rows are header rows while
    they hold text and no numbers and do not start with a row number. A number stored as text
    counts as a number: every cell of a csv is text, and "1.234" under "Năm 2009" is data.
    """
    merged_bottom = max(
        (b.last_row for b in sheet.merged if b.first_row == first and b.last_row > first),
        default=first,
    )
    if merged_bottom > first:
        return min(merged_bottom - first + 1, MAX_HEADER_ROWS)
    height = 1
    while height < MAX_HEADER_ROWS and first + height < sheet.height:
        row = sheet.rows[first + height]
        texts = [text_of(v) for v in row if text_of(v)]
        starts_numbered = bool(texts) and _NUMBERING.match(texts[0]) is not None
        if not texts or any(holds_number(v) for v in row) or starts_numbered:
            break
        if not any(_is_header_cell(t) for t in texts):
            break
        height += 1
    return height


_NUMBERING = re.compile(r"^\(?([ivxlc]+|[a-z]|\d+)[.)]?$", re.IGNORECASE)


_COLUMN_RELATION = re.compile(r"^\s*\(?(\d{1,2})\)?\s*=\s*[\d\s()+\-*/x.:]+$")


def is_column_number_row(values: tuple[CellValue, ...]) -> bool:
    """A row such as ``1 | 2 | 3 | 4`` or ``(1) | (2) | A | B`` under the header, also when
    it says how columns relate (``5=6+7``: the total is KCQG plus KCĐP; ``7=6/4``)."""
    cells = [v for v in values if v not in (None, "")]
    if len(cells) < 3:
        return False
    texts = []
    for cell in cells:
        text = str(int(cell)) if is_number_cell(cell) and float(cell).is_integer() else str(cell)
        relation = _COLUMN_RELATION.match(text)
        texts.append((relation.group(1) if relation else text).strip().strip("() "))
    numbers = []
    for digits in texts:
        if not digits.isdigit():
            return all(isinstance(c, str) for c in cells) and all(len(t) <= 2 for t in texts)
        numbers.append(int(digits))
    return numbers == sorted(numbers) and len(set(numbers)) == len(numbers) and numbers[0] <= 2


def _levels(grid: dict[tuple[int, int], CellValue], rows: range, col: int) -> tuple[str, ...]:
    levels: list[str] = []
    for row in rows:
        # header rows only: a year typed as a number there names the column's year
        value = grid.get((row, col))
        text = text_of(value) or _year_heading(value)
        if text and (not levels or levels[-1] != text):
            levels.append(text)
    return tuple(levels)


def describe_column(index: int, levels: tuple[str, ...]) -> Column:
    """Classify one column from its header levels."""
    words = words_of(" ".join(levels))
    leaf_words = words_of(levels[-1]) if levels else ()
    kind = starts_with_phrase_group(leaf_words, "columns") or starts_with_phrase_group(
        words, "columns"
    )
    indicator = NO_MATCH
    # A column word under a group header may be part of an indicator's name: "Địa phương"
    # under "Kinh phí (triệu đồng)" is local funding, not a column of province names.
    if kind is None or (kind in ("label", "province") and len(levels) > 1):
        indicator = match_header(levels)
    if indicator.indicator is not None or indicator.ambiguous:
        kind = None
    if kind is not None:
        return Column(index, levels, kind, None, None, NO_MATCH, None)
    years = [int(y) for level in levels for y in _YEAR.findall(level)]
    return Column(
        index=index,
        levels=levels,
        kind="value",
        role=first_phrase_group(words, "column_roles") or ("actual" if not years else None),
        year=years[-1] if len(set(years)) == 1 else None,
        indicator=indicator,
        money_unit=next(
            (unit for level in reversed(levels) if (unit := find_money_unit(level))), None
        ),
    )


def _ends_table(values: tuple[CellValue, ...]) -> bool:
    """Notes and the signature block: a short cell naming one ("Người lập biểu"), or a row
    opening with one and a colon, however long ("Ghi chú: Tổng kinh phí ... là 1.690 triệu")."""
    texts = [text_of(v) for v in values if text_of(v)][:3]
    if texts and ":" in texts[0]:
        opening = words_of(texts[0].split(":", 1)[0])
        if any(opening == phrase for phrase in phrase_list("table_end")):
            return True
    return any(
        contains_phrase(words_of(t), phrase) and len(words_of(t)) <= len(phrase) + 4
        for t in texts
        for phrase in phrase_list("table_end")
    )


def _is_heading_line(values: tuple[CellValue, ...]) -> bool:
    """A row of a single text cell, such as a section title above a table."""
    cells = [v for v in values if v not in (None, "")]
    return len(cells) == 1 and bool(text_of(cells[0])) and not holds_number(cells[0])


def find_table(sheet: Sheet, start: int = 0) -> Table | None:
    """The first table on ``sheet`` at or below row ``start``, or None."""
    first = find_header_row(sheet, start)
    if first is None:
        return None
    header = range(first, first + _header_height(sheet, first))
    grid = fill_merged(sheet, header)
    columns = tuple(
        describe_column(col, levels)
        for col in range(sheet.width)
        if (levels := _levels(grid, header, col))
    )
    body_start = header.stop
    if body_start < sheet.height and is_column_number_row(sheet.rows[body_start]):
        body_start += 1
    data_rows: list[int] = []
    end = sheet.height
    for row in range(body_start, sheet.height):
        next_header = data_rows and is_header_row(sheet.rows[row], structural=True)
        if _ends_table(sheet.rows[row]) or next_header:
            end = row
            # a heading line just above the next table's header ("II. KẾ HOẠCH NĂM 2012") is
            # that table's title, which says what it holds, and no row of this table
            while next_header and data_rows and _is_heading_line(sheet.rows[data_rows[-1]]):
                end = data_rows.pop()
            break
        if any(v not in (None, "") for v in sheet.rows[row]):
            data_rows.append(row)
    title_lines = tuple(
        line
        for row in range(start, first)
        if (line := " ".join(text_of(v) for v in sheet.rows[row] if text_of(v)))
    )
    columns = with_label_column(sheet, _money_beside_counts(columns), data_rows)
    return Table(tuple(header), tuple(data_rows), columns, title_lines, end)


def _money_beside_counts(columns: tuple[Column, ...]) -> tuple[Column, ...]:
    """Take the actuals role from money columns that stand beside a plain actuals column.

    In "Số lượng | Kinh phí (trđ)" both headers read as actuals, but a column whose header
    states a money unit holds each row's funding: the rows' counts ("Đào tạo nghề | người")
    are in the other column. A money column that names a catalogue indicator ("Kinh phí
    KCQG (tr.đ)") is read as that indicator and is not touched here.
    """
    plain = [
        c
        for c in columns
        if c.kind == "value"
        and c.role == "actual"
        and c.indicator.indicator is None
        and not c.indicator.ambiguous
    ]
    money = {c.index for c in plain if c.money_unit is not None}
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
        labels = [t for t in texts if t and not _NUMBERING.match(t)]
        filled = [r for r in rows if sheet.value(r, index) not in (None, "")]
        current = by_index.get(index)
        if current is not None and current.indicator.indicator is not None:
            continue
        if filled and len(labels) >= 0.6 * len(filled) and len(labels) >= 2:
            levels = current.levels if current else ()
            by_index[index] = Column(index, levels, "label", None, None, NO_MATCH, None)
            return tuple(by_index[i] for i in sorted(by_index))
    return columns
