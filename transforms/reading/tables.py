"""Find the tables on a sheet: their title block, header rows and body rows.

Real reports put a title block of any height above the table, headers of one to three rows
with merged cells (a group such as "Kinh phí (triệu đồng)" over "Tổng | KCQG | KCĐP"), often a
row of column numbers, then the data. What each column holds is decided in
``transforms.reading.columns``; what each row is, in ``transforms.reading.rows``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

from mypy_extensions import mypyc_attr

from transforms.indicators import NO_MATCH, match_indicator
from transforms.model import CellValue, Sheet
from transforms.reading.columns import (
    Column,
    describe_column,
    money_beside_counts,
    parts_in_unit_of_whole,
    total_of_all_sources,
    whole_before_parts,
    with_label_column,
)
from transforms.reading.labels import is_total_label, starts_with_any
from transforms.reading.values import (
    NUMBERING,
    YEAR,
    holds_number,
    is_number_cell,
    text_of,
    year_heading,
)
from transforms.text import clean
from transforms.units import find_money_unit, parse_unit
from transforms.words import (
    column_role,
    contains_phrase,
    has_phrase,
    phrase_list,
    starts_with_phrase_group,
    words_of,
)

HEADER_SEARCH_ROWS = 60
MAX_HEADER_ROWS = 3


@mypyc_attr(native_class=False)  # a cached_property: see transforms.compiled
@dataclass(frozen=True)
class Table:
    """A table found on a sheet: its header rows, columns and the rows that hold its data."""

    header_rows: tuple[int, ...]
    data_rows: tuple[int, ...]
    columns: tuple[Column, ...]
    title_lines: tuple[str, ...]  # the text above the header (title block), one line per row
    end_row: int  # the first row after the table: where the next table may start
    # a grand total under the last table that adds up all of the sheet's tables, set apart
    # from this table's rows (``_set_apart_sheet_total``, ``transforms.reading.sheet_totals``)
    sheet_total: int | None = None

    def columns_of(self, kind: str) -> tuple[Column, ...]:
        return self._by_kind.get(kind, ())

    @cached_property
    def _by_kind(self) -> dict[str, tuple[Column, ...]]:
        """The columns of each kind, sorted out once: every stage asks for some kind's."""
        by_kind: dict[str, list[Column]] = {}
        for column in self.columns:
            by_kind.setdefault(column.kind, []).append(column)
        return {kind: tuple(columns) for kind, columns in by_kind.items()}

    def first_of(self, kind: str) -> Column | None:
        found = self.columns_of(kind)
        return found[0] if found else None


@lru_cache(maxsize=1 << 16)
def _is_structural_header_cell(text: str) -> bool:
    """A column name that only a header has: STT, Chỉ tiêu, ĐVT, Thực hiện, Năm 2010..."""
    words = words_of(text)
    return bool(
        words
        and (
            starts_with_phrase_group(words, "columns")
            or column_role(words)
            or (YEAR.search(text) and len(words) <= 3)
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
    if _filled(values) < 2:
        return False  # a title line, a blank row: no two names (a cheap test of most rows)
    if structural:
        return _heads_next_table(values)
    if any(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        texts = header_texts(values)
    else:  # no number to read as a year: the texts as they are (``header_texts`` would say so)
        texts = [clean(v) if isinstance(v, str) else "" for v in values]
    if next((t for t in texts if t), "").endswith(":"):
        return False  # "Đơn vị báo cáo: | Tỉnh Cao Bằng": a line of the title block, key: value
    numbers = sum(1 for v, t in zip(values, texts, strict=True) if is_number_cell(v) and not t)
    # at least two names, and at most one number for every two: ``header_cells >= 2 and
    # numbers <= header_cells // 2``, told with as few indicator matches as it takes
    return _names_at_least([t for t in texts if t], max(2, 2 * numbers))


def _names_at_least(texts: list[str], needed: int) -> bool:
    """Whether ``needed`` of ``texts`` are column names (``_is_header_cell``). The structural
    names (STT, ĐVT, a year) are told first, and an indicator name is looked for only while
    the answer is open: the rows a header search passes (a title line in two cells, the
    signature block's names under the last table) mostly hold texts no header holds, and
    matching each against the catalogue, typos and all, is the costly part of the test."""
    if len(texts) < needed:
        return False
    others = [t for t in texts if not _is_structural_header_cell(t)]
    found = len(texts) - len(others)
    for at, text in enumerate(others):
        if found >= needed or found + len(others) - at < needed:
            break
        found += _is_header_cell(text)
    return found >= needed


def _heads_next_table(values: tuple[CellValue, ...]) -> bool:
    """``is_header_row(values, structural=True)`` of a row of two filled cells or more: the
    body's walk has counted them itself."""
    for v in values:  # a plain loop, ``is_number_cell`` inlined: asked of every body row
        if isinstance(v, int | float) and not isinstance(v, bool) and not year_heading(v):
            return False  # a figure makes the row data: told before any of its texts is read
    # a year typed as a number may head the next table ("STT | Chỉ tiêu | 2011 | 2012"),
    # but only its text cells can make the row a header: "Số lượng LĐ | người | 2009 |
    # 2010" holds counts that merely look like years
    texts = [text_of(v) for v in values]
    header_cells = sum(1 for t in texts if t and _is_structural_header_cell(t))
    # asked of every body row: the numbers are read only of the rare row with two names
    return header_cells >= 2 and not any(holds_number(v) and not year_heading(v) for v in values)


def _filled(values: tuple[CellValue, ...]) -> int:
    """How many cells of a row hold something (neither None nor ""): counted in C, as it is
    asked of every row a header search or a table's body passes."""
    return len(values) - values.count(None) - values.count("")


def header_texts(values: tuple[CellValue, ...]) -> list[str]:
    """The texts of a candidate header row, a year typed as a number read as "Năm 2010".

    Clerks type "2010 | 2011" over year columns as numbers. Only a row whose text already names
    a column (STT, Chỉ tiêu, ĐVT...) and which holds no other number has its years read so: a
    data row ("1 | Số lượng lao động | người | 2010") keeps its numbers as numbers.
    """
    texts = [text_of(v) for v in values]
    years = [year_heading(v) for v in values]
    other_numbers = any(is_number_cell(v) and not y for v, y in zip(values, years, strict=True))
    if other_numbers or not any(t and _is_structural_header_cell(t) for t in texts):
        return texts
    return [t or y for t, y in zip(texts, years, strict=True)]


def fill_merged(sheet: Sheet, rows: range) -> dict[tuple[int, int], CellValue]:
    """Values of ``rows`` with every merged block's value copied into all of its cells."""
    width = sheet.width  # a walk over every row of the sheet: once, not once per header row
    grid = {(r, c): sheet.value(r, c) for r in rows for c in range(width)}
    for block in sheet.merged:
        top_left = sheet.value(block.first_row, block.first_col)
        for r in range(max(block.first_row, rows.start), min(block.last_row + 1, rows.stop)):
            for c in range(block.first_col, block.last_col + 1):
                grid[(r, c)] = top_left
    return grid


def fill_groups(
    sheet: Sheet, grid: dict[tuple[int, int], CellValue], rows: range
) -> dict[tuple[int, int], CellValue]:
    """A header's group names carried right over the blank cells of their group, when nothing
    in the header is merged: a csv, or a sheet whose clerk typed "Kinh phí (triệu đồng)" once
    over "KCQG | KCĐP | Tổng số" without merging. A blank cell takes the name on its left when
    both columns have a sub-header below it and the left one is a group (its sub-header is
    another text), so a single-level header ("Ghi chú" over nothing) never spreads."""
    if any(b.first_row < rows.stop and b.last_row >= rows.start for b in sheet.merged):
        return grid
    filled = dict(grid)
    for row in rows[:-1]:
        for col in range(1, sheet.width):
            left = filled.get((row, col - 1))
            if (
                filled.get((row, col)) in (None, "")
                and left not in (None, "")
                and all(_has_sub_header(filled, rows, row, c) for c in (col - 1, col))
            ):
                filled[(row, col)] = left
    return filled


def _has_sub_header(
    grid: dict[tuple[int, int], CellValue], rows: range, row: int, col: int
) -> bool:
    above = text_of(grid.get((row, col)))
    return any(
        (text := text_of(grid.get((below, col)))) and text != above
        for below in range(row + 1, rows.stop)
    )


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
        starts_numbered = bool(texts) and NUMBERING.match(texts[0]) is not None
        if not texts or any(holds_number(v) for v in row) or starts_numbered:
            break
        if not any(_is_header_cell(t) for t in texts) and not all(map(_is_unit_cell, texts)):
            break
        height += 1
    return height


@lru_cache(maxsize=1 << 12)
def _is_unit_cell(text: str) -> bool:
    """ "(triệu đồng)", "người": a row of units under the column names belongs to the header."""
    return parse_unit(text.strip().strip("()[]").strip()) is not None


_COLUMN_RELATION = re.compile(r"^\s*\(?(\d{1,2})\)?\s*=\s*[\d\s()+\-*/x.:]+$")


def is_column_number_row(values: tuple[CellValue, ...]) -> bool:
    """A row such as ``1 | 2 | 3 | 4`` or ``(1) | (2) | A | B`` under the header, also when
    it says how columns relate (``5=6+7``: the total is KCQG plus KCĐP; ``7=6/4``), and the
    template's ``A | B | C | 1 | 2 | 3``: letters over the text columns, numbers over the
    figures (its 1, 2, 3 are no detail row's figures, or a total would count them)."""
    cells = [v for v in values if v not in (None, "")]
    if len(cells) < 3:
        return False
    texts = []
    for cell in cells:
        text = str(int(cell)) if is_number_cell(cell) and float(cell).is_integer() else str(cell)
        relation = _COLUMN_RELATION.match(text)
        texts.append((relation.group(1) if relation else text).strip().strip("() "))
    lead = next((i for i, text in enumerate(texts) if text.isdecimal()), len(texts))
    letters, rest = texts[:lead], texts[lead:]
    if not rest or not all(text.isdecimal() for text in rest):
        return all(isinstance(c, str) for c in cells) and all(len(t) <= 2 for t in texts)
    numbers = [int(text) for text in rest]
    ascending = numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    return ascending and numbers[0] <= 2 and all(len(t) == 1 and t.isalpha() for t in letters)


def _ends_table(values: tuple[CellValue, ...]) -> bool:
    """Notes and the signature block: a short cell naming one ("Người lập biểu"), or a row
    opening with one and a colon, however long ("Ghi chú: Tổng kinh phí ... là 1.690 triệu")."""
    texts: list[str] = []
    for value in values:  # a plain loop: asked of every body row, it stops at the third text
        # ``text_of`` inlined: a call per cell of every body row is most of this test's cost
        if isinstance(value, str) and (text := clean(value)):
            texts.append(text)
            if len(texts) == 3:
                break
    return _ends_table_texts(tuple(texts))


@lru_cache(maxsize=1 << 14)
def _ends_table_texts(texts: tuple[str, ...]) -> bool:
    """``_ends_table`` of a row's first three texts, remembered: the rows of a long list repeat
    theirs."""
    if texts and ":" in texts[0]:
        opening = words_of(texts[0].split(":", 1)[0])
        if opening in phrase_list("table_end") or opening in phrase_list("table_end_lines"):
            return True
    return any(_short_end_text(words_of(t)) for t in texts)


def _short_end_text(words: tuple[str, ...]) -> bool:
    """A text naming a note or signature, at most four words longer than the phrase; most
    texts name none, which one match of the whole list tells."""
    return has_phrase(words, "table_end") and any(
        contains_phrase(words, phrase) and len(words) <= len(phrase) + 4
        for phrase in phrase_list("table_end")
    )


def _is_heading_line(values: tuple[CellValue, ...]) -> bool:
    """A row of a single text cell, such as a section title above a table."""
    cells = [v for v in values if v not in (None, "")]
    return len(cells) == 1 and bool(text_of(cells[0])) and not holds_number(cells[0])


def _levels(
    grid: dict[tuple[int, int], CellValue], rows: tuple[int, ...], col: int
) -> tuple[str, ...]:
    levels: list[str] = []
    for row in rows:
        # header rows only: a year typed as a number there names the column's year
        value = grid.get((row, col))
        text = text_of(value) or year_heading(value)
        if text and (not levels or levels[-1] != text):
            levels.append(text)
    return tuple(levels)


def find_table(sheet: Sheet, start: int = 0) -> Table | None:
    """The first table on ``sheet`` at or below row ``start``, or None."""
    first = find_header_row(sheet, start)
    if first is None:
        return None
    header = range(first, first + _header_height(sheet, first))
    grid = fill_groups(sheet, fill_merged(sheet, header), header)
    body_start, units = _under_header(sheet, header.stop)
    header_rows = (*header, *units)
    for row in units:  # its units, without the cell naming the row
        values = enumerate(sheet.rows[row])
        grid.update({(row, col): value for col, value in values if _is_unit_cell(text_of(value))})
    columns = tuple(
        describe_column(col, levels)
        for col in range(sheet.width)
        if (levels := _levels(grid, header_rows, col))
    )
    data_rows: list[int] = []
    end = sheet.height
    for row in range(body_start, sheet.height):
        cells = sheet.rows[row]
        filled = _filled(cells)  # told once: a blank row is no header and no data row
        next_header = data_rows and filled >= 2 and _heads_next_table(cells)
        if _ends_table(cells) or next_header:
            if not next_header and _note_between_sections(sheet, data_rows, row):
                continue  # the note is no row of the table, the sections go on under it
            end = row
            # a heading line just above the next table's header ("II. KẾ HOẠCH NĂM 2012") is
            # that table's title, which says what it holds, and no row of this table
            while next_header and data_rows and _is_heading_line(sheet.rows[data_rows[-1]]):
                end = data_rows.pop()
            break
        if filled:
            data_rows.append(row)
    title_lines = tuple(
        line for row in range(start, first) if (line := " ".join(texts_of(sheet.rows[row])))
    )
    columns = parts_in_unit_of_whole(whole_before_parts(columns))
    columns = total_of_all_sources(sheet, columns, data_rows)
    # "Kinh phí" with its unit in no header but a title line: each row's money all the same
    titled = any(find_money_unit(line) for line in title_lines)
    columns = with_label_column(sheet, money_beside_counts(columns, titled), data_rows)
    return Table(header_rows, tuple(data_rows), columns, title_lines, end)


def _note_between_sections(sheet: Sheet, data_rows: list[int], row: int) -> bool:
    """A note line ("Ghi chú: vốn đối ứng ... không tổng hợp vào bảng này") under section V of
    a table whose next row is section VI: a note inside the table, not its end. Anything else
    under a note (the signature block, another table, a section out of sequence) ends it."""
    if not starts_with_any(_first_text(sheet.rows[row]), "table_notes"):
        return False
    sections = [n for r in data_rows if (n := _roman(_first_text(sheet.rows[r]))) is not None]
    below = next((r for r in range(row + 1, sheet.height) if _first_text(sheet.rows[r])), None)
    if not sections or below is None or _ends_table(sheet.rows[below]):
        return False
    return _roman(_first_text(sheet.rows[below])) == sections[-1] + 1


def _first_text(values: tuple[CellValue, ...]) -> str:
    for value in values:  # ``text_of`` inlined: asked of the rows under every note line
        if isinstance(value, str) and (text := clean(value)):
            return text
    return ""


def texts_of(values: tuple[CellValue, ...]) -> list[str]:
    """The texts of a row's cells that hold any (``text_of`` of each, the empty ones left
    out), in one comprehension: title lines are made of every cell above a table."""
    return [text for value in values if isinstance(value, str) and (text := clean(value))]


_ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(text: str) -> int | None:
    """The value of a section's Roman numeral ("VI", "IV."), None for any other text."""
    letters = text.strip().rstrip(".").upper()
    if not letters or any(letter not in _ROMAN_DIGITS for letter in letters):
        return None
    total, largest = 0, 0
    for letter in reversed(letters):
        value = _ROMAN_DIGITS[letter]
        total += -value if value < largest else value
        largest = max(largest, value)
    return total


def _under_header(sheet: Sheet, row: int) -> tuple[int, tuple[int, ...]]:
    """Where the body starts below a header ending at ``row``, and the rows of units between.

    Under the column names may come a row of column numbers ("1 | 2 | 6=7+8") and a row of
    units ("ĐVT | đề án | lớp | người | nghìn đồng"), in either order: the numbers belong to no
    column, the units to theirs, as if written in the header.
    """
    units: list[int] = []
    for _ in range(2):
        if row < sheet.height and is_column_number_row(sheet.rows[row]):
            row += 1
        elif row < sheet.height and not units and _is_units_row(sheet.rows[row]):
            units.append(row)
            row += 1
        else:
            break  # the row is neither: asking again of the same row would say the same
    return row, tuple(units)


def _is_units_row(values: tuple[CellValue, ...]) -> bool:
    """A row of units only, at least two, perhaps after a cell naming it ("ĐVT")."""
    if any(holds_number(value) for value in values):
        return False
    texts = [text for value in values if (text := text_of(value))]
    if texts and starts_with_phrase_group(words_of(texts[0]), "columns") == "unit":
        texts = texts[1:]
    return len(texts) >= 2 and all(map(_is_unit_cell, texts))


def find_tables(sheet: Sheet) -> list[Table]:
    """Every table on a sheet, top to bottom (a summary, then a second table below it...)."""
    tables: list[Table] = []
    start = 0
    while start < sheet.height and (table := find_table(sheet, start)) is not None:
        start = max(table.end_row, table.header_rows[-1] + 1)
        if tables and _continues(sheet, tables[-1], table):
            above = tables[-1]
            rows = above.data_rows + table.data_rows
            tables[-1] = replace(above, data_rows=rows, end_row=table.end_row)
        else:
            tables += _side_by_side(sheet, table)
    return _set_apart_sheet_total(sheet, tables)


SIDE_LABELS = 0.6  # of a column's filled body cells that are text, for it to label the rows


def _side_by_side(sheet: Sheet, table: Table) -> list[Table]:
    """The table, or the two tables it is when a second one stands to the right of the first,
    a blank column between: "Làng nghề (đến 31/12) | ĐVT | Số lượng" beside the report's
    "Chỉ tiêu | ĐVT | Thực hiện". The right one's first column labels its rows (its body is
    text). Read as one table, its figures would be a second column of actuals, and its names
    rows of none."""
    by_index = {c.index: c for c in table.columns}
    rows = (*table.header_rows, *table.data_rows)
    for gap in range(1, sheet.width - 1):
        if gap in by_index or any(sheet.value(r, gap) not in (None, "") for r in rows):
            continue
        left = tuple(c for c in table.columns if c.index < gap)
        right = tuple(c for c in table.columns if c.index > gap)
        if len(right) < 2 or not any(c.kind == "value" for c in right):
            continue
        if not any(c.kind == "label" for c in left) or not any(c.kind == "value" for c in left):
            continue
        first = right[0]
        body = [text_of(sheet.value(r, first.index)) for r in table.data_rows]
        filled = [t for t in body if t]
        labels = [t for t in filled if not holds_number(t) and not NUMBERING.match(t)]
        if len(labels) < 2 or len(labels) < SIDE_LABELS * len(filled):
            continue
        named = (replace(first, kind="label", role=None, year=None, indicator=NO_MATCH), *right[1:])
        return [
            replace(
                table, columns=left, data_rows=_rows_filled_in(sheet, table.data_rows, range(gap))
            ),
            replace(
                table,
                columns=named,
                data_rows=_rows_filled_in(sheet, table.data_rows, range(gap + 1, sheet.width)),
            ),
        ]
    return [table]


def _rows_filled_in(sheet: Sheet, rows: tuple[int, ...], columns: range) -> tuple[int, ...]:
    """The rows with something in one of ``columns``: a table's, beside another's."""
    return tuple(r for r in rows if any(sheet.value(r, c) not in (None, "") for c in columns))


def _set_apart_sheet_total(sheet: Sheet, tables: list[Table]) -> list[Table]:
    """The sheet's tables, the last one's closing row set apart when it totals them all: two
    tables or more of the same columns (what each holds may differ: KCQG in one, KCĐP in the
    next), each closed by a total row, and the last by two ("Cộng (6 đề án)", then "TỔNG CỘNG
    CẢ HAI NGUỒN (13 đề án)"). A summary above a list is no such pair: the list's second total
    stays its own."""
    kinds = {tuple((c.index, c.kind) for c in t.columns) for t in tables}
    if len(tables) < 2 or len(kinds) != 1:
        return tables
    last = tables[-1]
    rows = last.data_rows
    closed = all(_closed_by_total(sheet, t, t.data_rows) for t in tables[:-1])
    if not closed or len(rows) < 2 or not _closed_by_total(sheet, last, rows[:-1]):
        return tables
    if not _closed_by_total(sheet, last, rows):
        return tables
    return [*tables[:-1], replace(last, data_rows=rows[:-1], sheet_total=rows[-1])]


def _closed_by_total(sheet: Sheet, table: Table, rows: tuple[int, ...]) -> bool:
    """Whether the last of ``rows`` is a total row ("Cộng", "Tổng cộng (8 đề án)")."""
    label = table.first_of("label")
    return (
        label is not None
        and bool(rows)
        and is_total_label(text_of(sheet.value(rows[-1], label.index)))
    )


def _continues(sheet: Sheet, above: Table, table: Table) -> bool:
    """A table's header printed again at the top of a printed page, under its last rows ("TT |
    Tên đề án | ... | Cộng | KCQG | KCĐP" before the rest of a long list): the same columns,
    nothing written between, and the rows above it not closed by a total. Read apart, the rest
    of a section would be cut from its first items, and its "Cộng mục B" from what it adds up.
    Two tables with a title of their own between them, or with other columns (the KCQG list,
    then the KCĐP list), stay two."""
    closed = _closed_by_total(sheet, above, above.data_rows)
    return not table.title_lines and not closed and _layout(above) == _layout(table)


def _layout(table: Table) -> tuple[tuple[object, ...], ...]:
    """What each column holds, by position: the same for a header printed again."""
    return tuple((c.index, c.kind, c.role, c.year, c.indicator.indicator) for c in table.columns)
