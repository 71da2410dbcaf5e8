"""What each body row of a table is: a detail, a part of the row above, a section, a total,
a subtotal or a note, and whether its figures are the period's actuals at all.

Totals and section subtotals are never data: ``transforms.checks.total_mismatch`` compares
them with their detail rows.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import islice, takewhile

from transforms.indicators import (
    Indicator,
    IndicatorMatch,
    catalogue,
    match_label,
    names_a_whole,
    unit_in_parentheses,
    whole_named_by_parts,
)
from transforms.model import CellValue, Sheet
from transforms.numbers import number_and_unit
from transforms.periods import Period, periods_in_text
from transforms.reading.columns import Column
from transforms.reading.labels import is_total_label, starts_with_any, strip_numbering
from transforms.reading.tables import Table
from transforms.reading.values import parse_row_unit, text_of
from transforms.text import LABELS_REMEMBERED
from transforms.units import find_money_unit
from transforms.words import (
    column_role,
    contains_phrase,
    has_phrase,
    phrase_list,
    vocabulary,
    words_of,
)

_ROMAN = re.compile(r"^(?=[IVXLC]+$)M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
_SECTION_PREFIX = re.compile(r"^\s*([IVXLC]+|[A-H])\s*[.)/-]\s+")
# "A | ĐỀ ÁN KHUYẾN CÔNG QUỐC GIA", "B | ...": parts of a report lettered in capitals, above
# its Roman-numbered sections (lower-case a, b, c are parts of the row above)
_PART_LETTER = re.compile(r"^[A-H][.)]?$")
_BULLET = re.compile(r"^\s*[-+•*–—·]\s*\S")
# text a spreadsheet would compute ("=1+1", "@SUM(A1)", "+cmd|' /C calc'!A0", "-2+3",
# "-HYPERLINK(...)"), unlike a bullet ("- Nghề mộc", "+Kinh phí"): it names nothing, and as a
# part its figure would vanish into the row above without a word; as a detail naming no
# indicator, row-not-read reports it
_FORMULA = re.compile(r"^\s*(?:[=@]|[-+](?:[\d.,]+\s*[-+*/^&]|[A-Za-z_.]+\s*[(|]))")
# a, b, c, a bullet, or a second-level number (1.1, 1.2, 2.1.) in the STT column: a part of the
# row above it (numbered 1, 2 ...), whose figure already holds the parts'
_SUB_NUMBER = re.compile(r"^([a-zđ][.)]?|[-+•*]|\d+(\.\d+)+\.?)$")


@dataclass(frozen=True, slots=True)  # one per body row: a long list holds many
class Row:
    """One body row of a table, with what it is."""

    index: int
    label: str
    unit_text: str
    kind: str  # "detail" | "part" | "section" | "total" | "subtotal" | "note"
    # why a detail or part row is not the period's actuals ("comparison", "plan", "cumulative",
    # "other year"), None when it is: such a row never gives a fact (see ``set_aside``)
    aside: str | None = None
    # a section row that carries its section's figures itself (``_demote_sections_without_
    # indicators``): in a column where it has a figure, the rows under it are its breakdown
    heads_section: bool = False
    number: str = ""  # what the STT column says ("1", "1.2", "a", "II"), as text
    # the indicator a row is, by the rows under it rather than by its label ("Kinh phí" over
    # KCQG and KCĐP is total funding: ``_wholes_before_parts``), "" when its label decides
    whole_of: str = ""


# the last table classified, its sheet and its rows (see ``classify_rows``): the sheet and the
# table by weak reference, and the rows forgotten with the table, so nothing is kept for them
_LAST_CLASSIFIED: list[tuple[weakref.ref[Sheet], weakref.ref[Table], tuple[Row, ...]]] = []


def classify_rows(sheet: Sheet, table: Table) -> tuple[Row, ...]:
    """Label, unit and kind of every body row.

    A row numbered with a Roman numeral (in the STT column or in front of its label) is a
    section; it counts as a subtotal only when detail rows follow it, otherwise it is data.
    A row marked with a bullet ("- Nghề mây tre đan"), numbered a, b, c or 1.1, 1.2, or opening
    with "Trong đó" is a part of the detail row above it (see ``counted_by_parent``); bulleted
    or lettered rows right under a section row with no figures (a heading) are its details.

    The last table's rows are remembered: its shape, its reading (once per digit convention
    tried) and its count of projects ask for them one after the other. Sheets and tables are
    immutable, so the same objects have the same rows; they are compared by identity, since
    comparing two sheets cell by cell would cost as much as classifying them.
    """
    for known_sheet, known_table, known_rows in _LAST_CLASSIFIED[-1:]:
        if known_sheet() is sheet and known_table() is table:
            return known_rows
    rows = _classify_rows(sheet, table)
    _LAST_CLASSIFIED[:] = [(weakref.ref(sheet), weakref.ref(table), rows)]
    weakref.finalize(table, _LAST_CLASSIFIED.clear)
    return rows


def _classify_rows(sheet: Sheet, table: Table) -> tuple[Row, ...]:
    label_col = table.first_of("label") or table.first_of("province")
    unit_col = table.first_of("unit")
    seq_col = table.first_of("sequence")
    rows: list[Row] = []
    values = table.columns_of("value")
    after_section = False  # the rows so far since a heading section are its bulleted items
    for index in table.data_rows:
        label = _label_of(sheet, index, label_col.index) if label_col else ""
        unit_text = (
            text_of(sheet.value(index, unit_col.index))
            if unit_col
            else unit_in_cells(sheet, index, values) or unit_in_parentheses(label) or ""
        )
        seq = sheet.value(index, seq_col.index) if seq_col else None
        seq_text = _sequence_text(seq)
        if not label and not any(v not in (None, "") for v in sheet.rows[index]):
            continue
        if is_total_label(label) or (not label and is_total_label(seq_text)):
            kind = "total"
        elif _FORMULA.match(label):
            kind = "detail"
        elif starts_with_any(label, "of_which_rows"):
            kind = "part"
        elif _BULLET.match(label) or (seq_text and _SUB_NUMBER.match(seq_text)):
            # "I | Đào tạo nghề | | " over "- | Đào tạo nghề thêu ren | 35": a heading's
            # items are its details; under a row with figures, its parts
            kind = "detail" if after_section else "part"
        elif (
            # no STT text (most rows: none, or a whole number) is no Roman numeral nor letter
            seq_text
            and (_ROMAN.match(seq_text.rstrip(".").upper() or "-") or _PART_LETTER.match(seq_text))
        ) or _SECTION_PREFIX.match(label):
            kind = "section"
        elif label:
            kind = "detail"
        else:
            kind = "note"
        rows.append(Row(index, label, unit_text, kind, number=_number_text(seq_text, seq)))
        heading = kind == "section" and not any(
            sheet.value(index, column.index) not in (None, "") for column in values
        )
        after_section = heading or (after_section and kind == "detail")
    rows = list(_inherit_units(list(_wholes_after_parts(list(_wholes_before_parts(rows))))))
    rows = list(_sections_by_restart(list(_parts_listed_on(rows))))
    return tuple(_promote_indicator_totals(list(_demote_sections_without_indicators(rows))))


def unit_in_cells(sheet: Sheet, index: int, values: tuple[Column, ...]) -> str:
    """The unit typed after a row's first figure when the table has no ĐVT column ("15
    lớp", "2.150 triệu đồng"): the row's ĐVT (``cells.read_cell`` reads such a figure only
    in that unit)."""
    for column in values:
        value = sheet.value(index, column.index)
        if isinstance(value, str) and (unit := number_and_unit(value)[1]):
            return unit
    return ""


def _money_unit_stated(row: Row) -> str:
    """The money unit a row states itself, in its ĐVT or its label ("Kinh phí (triệu đồng)");
    "" when it states none."""
    return _stated_money_unit(row.unit_text, row.label)


@lru_cache(maxsize=LABELS_REMEMBERED)
def _stated_money_unit(unit_text: str, label: str) -> str:
    """Remembered: asked of every row and its parent, and a long list repeats its texts."""
    unit = parse_row_unit(unit_text) if unit_text else None
    if unit is not None and unit.dimension == "money":
        return unit.label
    money = find_money_unit(label) if label else None
    return money.label if money is not None else ""


def _inherit_units(rows: list[Row]) -> Iterator[Row]:
    """Rows that are parts of the row above, with its money unit when they state no unit.

    "6 | Kinh phí (triệu đồng) | 2240" over "Trong đó: KCQG | 980" and "KCĐP | 1260": the clerk
    stated the unit once, for the whole and its parts. A part is a row marked as one ("Trong
    đó", a bullet, 1.1) or a row naming a part of the row's indicator in the catalogue (KCQG and
    KCĐP of total funding), in the run of such rows right under it.
    """
    parent: Row | None = None
    unit = ""
    for row in rows:
        part = parent is not None and (row.kind == "part" or _names_part_of(row, parent))
        if part and unit and not row.unit_text and not _money_unit_stated(row):
            row = replace(row, unit_text=unit)
        if not part and row.kind == "detail":
            parent, unit = row, _money_unit_stated(row)
        elif not part:
            parent, unit = None, ""
        yield row


def _wholes_before_parts(rows: list[Row]) -> Iterator[Row]:
    """Name a row by the indicator whose parts the rows right under it are.

    "6 | Kinh phí (triệu đồng) | 2240" over "Trong đó: KCQG | 980" and "KCĐP | 1260": "Kinh
    phí" alone names no indicator (a project's funding, a counterpart's), but over the two
    parts of total funding (the catalogue's ``parts``) it is total funding. Only a label with
    the words of a whole (``layout.yaml`` ``whole_names``) is named so; the funding-split check
    still proves the sum.
    """
    most = max(len(indicator.parts) for indicator in catalogue().values())  # rows to look at
    for at, row in enumerate(rows):
        match = row_indicator(row)
        label = strip_numbering(row.label)
        # the label's words before the rows under it: a long list's projects are no wholes
        if (
            row.kind == "detail"
            and match.indicator is None
            and not match.ambiguous
            and names_a_whole(label)
        ):
            whole = whole_named_by_parts(label, _indicators_under(rows, at, most))
            if whole is not None:
                row = replace(row, whole_of=whole)
        yield row


def _wholes_after_parts(rows: list[Row]) -> Iterator[Row]:
    """Name a total row by the indicator whose parts the rows right above it are.

    "Kinh phí KCQG | 430" and "Kinh phí KCĐP | 820", then "Cộng kinh phí | 1250": the clerk
    wrote the parts first and their sum after. Only a total naming money (``layout.yaml``
    ``money_whole_names``) right after exactly the parts of an indicator in the catalogue is
    named so, and read as that indicator; the funding-split check still proves the sum.
    """
    for at, row in enumerate(rows):
        if row.kind == "total" and has_phrase(words_of(row.label), "money_whole_names"):
            for whole in (i for i in catalogue().values() if i.parts):
                above = rows[max(0, at - len(whole.parts)) : at]
                named = {_indicator_code(r) for r in above if r.kind in ("detail", "part")}
                if len(above) == len(whole.parts) and named == set(whole.parts):
                    row = replace(row, kind="detail", whole_of=whole.code)
                    break
        yield row


def _indicators_under(rows: list[Row], at: int, most: int) -> list[Indicator | None]:
    """The indicators of the ``most`` rows under ``rows[at]``; a "Trong đó:" alone on its line
    opens the parts, and is none of them. A loop, not a generator in ``islice``: compiled, a
    generator expression is made a list first, which would read every row to the table's end."""
    below: list[Indicator | None] = []
    for row in islice(rows, at + 1, None):
        if len(below) == most:
            break
        if not _only_opens_parts(row):
            below.append(row_indicator(row).indicator)
    return below


def _only_opens_parts(row: Row) -> bool:
    return words_of(strip_numbering(row.label)) in phrase_list("of_which_rows")


def _names_part_of(row: Row, parent: Row) -> bool:
    whole = row_indicator(parent).indicator
    own = row_indicator(row).indicator
    return whole is not None and own is not None and own.code in catalogue()[whole.code].parts


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


def _number_text(seq_text: str, seq: CellValue) -> str:
    """The row's number as text, a whole number typed as a number included ("1" over "1.1")."""
    if not seq_text and isinstance(seq, (int, float)) and float(seq).is_integer():
        return str(int(seq))
    return seq_text


def _promote_indicator_totals(rows: list[Row]) -> Iterator[Row]:
    """Make a "Tổng số <indicator>" row under detail rows of that indicator their subtotal.

    ``is_total_label`` keeps a total whose label names an indicator as data, since "Tổng kinh
    phí khuyến công" among other indicators' rows is an item of its own. Under three rows
    "Đào tạo nghề gốm sứ / mây tre đan / thêu ren | người", "Tổng số lao động được đào tạo |
    người" is their sum, and adding it too would count them twice. It is one only when every
    detail row since the previous section or total names the same indicator as it does.
    """
    since: list[Row] = []  # detail rows since the previous section, total or subtotal
    divided = False  # a section, total or subtotal came before: "since" is not every row
    for row in rows:
        if row.kind == "detail" and since and starts_with_any(row.label, "total_rows"):
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
    match = row_indicator(row)
    return match.indicator.code if match.indicator is not None else None


def _parts_listed_on(rows: list[Row]) -> Iterator[Row]:
    """The parts of one whole listed on from an of-which row, without a bullet of their own:
    "Trong đó: KCQG" then "KCĐP" under total funding. The second is a part as the first is,
    not a detail row of its own (which would make the funding above it a section heading)."""
    listed: set[str] = set()  # the parts' codes listed so far, after an of-which row
    for row in rows:
        code = _indicator_code(row)
        if row.kind == "part" and _of_which(row) and code is not None:
            listed = {code}
        elif row.kind == "detail" and listed and code is not None and _siblings(listed | {code}):
            listed.add(code)
            row = replace(row, kind="part")
        elif row.kind != "part":
            listed = set()
        yield row


def _siblings(codes: set[str]) -> bool:
    """Codes that are all parts of one whole (KCQG and KCĐP of total funding)."""
    return len(codes) > 1 and any(codes <= set(i.parts) for i in catalogue().values())


def _sections_by_restart(rows: list[Row]) -> Iterator[Row]:
    """A numbered row whose numbering starts again at 1 right under it heads a section.

    "1 | Khuyến công quốc gia | 710.000.000" over "1 | Đào tạo nghề may | 300.000.000", "2 |
    Hỗ trợ lò sấy | 410.000.000", then "2 | Khuyến công địa phương | 575.000.000" over its
    own "1", "2", "3": a clerk numbering sections and their items alike in Arabic numerals.
    As a section its figures are its items' sum, and the checks prove it; as an item of its
    own it would be counted twice with them.
    """
    for row, below in zip(rows, [*rows[1:], None][: len(rows)], strict=True):
        restarts = below is not None and below.kind == "detail" and below.number == "1"
        if row.kind == "detail" and row.number.isdecimal() and restarts:
            row = replace(row, kind="section")
        yield row


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


def enclosing_sections(rows: tuple[Row, ...]) -> dict[int, Row]:
    """The section row ("I | ĐÀO TẠO NGHỀ", with or without figures of its own) each row
    under it belongs to, by row index, up to the next section or total ("Cộng mục I")."""
    enclosing: dict[int, Row] = {}
    section: Row | None = None
    for row in rows:
        if row.kind == "section" or row.heads_section:
            section = row
        elif row.kind in ("total", "subtotal"):
            section = None
        elif section is not None:
            enclosing[row.index] = section
    return enclosing


@lru_cache(maxsize=LABELS_REMEMBERED)
def _label_role(label: str) -> str | None:
    """What a row label says its figure is, in the words of column headers (``column_roles``):
    "Tỷ lệ ..." a comparison, "... lũy kế 2006-2011" cumulative, "Kế hoạch năm 2012" a plan.

    "Thực hiện kế hoạch" (carrying out the plan) reports actuals, as in a report's title, so
    a plan word beside an actual word does not make the row a plan.
    """
    words = words_of(strip_numbering(label))
    role = column_role(words)
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
        for named in _periods_named(label)
    )


@lru_cache(maxsize=LABELS_REMEMBERED)
def _periods_named(label: str) -> tuple[Period, ...]:
    """Remembered: a long table repeats its labels, and every row's is asked."""
    return tuple(periods_in_text(label))


def _aside_reason(row: Row, period: Period) -> str | None:
    """Why a row is not the period's actuals, from its ĐVT and its label; None when it is."""
    unit = parse_row_unit(row.unit_text) if row.unit_text else None
    role = _label_role(row.label) if row.label else None
    if (unit is not None and unit.dimension == "percent") or role == "comparison":
        return "comparison"  # a percentage, a rate, a difference, the same period last year
    if role == "cumulative" and _stock_to_date(row, period):
        return None
    if role in ("plan", "cumulative"):
        return role
    if role == "previous" or (row.label and _names_another_year(row.label, period)):
        return "other year"
    return None


def _stock_to_date(row: Row, period: Period) -> bool:
    """ "Làng nghề được công nhận (lũy kế đến 31/12/2017)": a stock counted to date is its
    count, the figure of the period; a flow's running total is not ("Lũy kế 2006-2011")."""
    indicator = row_indicator(row).indicator
    stock = indicator is not None and indicator.kind == "stock"
    return stock and not _names_another_year(row.label, period)


def set_aside(rows: tuple[Row, ...], period: Period) -> tuple[Row, ...]:
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


def row_indicator(row: Row) -> IndicatorMatch:
    if row.whole_of:
        return IndicatorMatch(catalogue()[row.whole_of])
    return match_label(strip_numbering(row.label), row.unit_text or None)


_LETTER = re.compile(r"^[a-zđ][.)]?$")


def breakdowns(rows: tuple[Row, ...]) -> Iterator[tuple[Row, tuple[Row, ...]]]:
    """Detail rows broken down into numbered parts right under them ("1" into "1.1", "1.2"...,
    or "a", "b", "c"): a parent with its own figure prints the sum of such parts, so they are
    a total to reconcile. Of-which rows ("Trong đó: lao động nữ") and bullets ("- Nghề mộc")
    are no breakdown: they may name only some parts, or overlapping ones."""
    for at, parent in enumerate(rows):
        if parent.kind != "detail" or parent.aside is not None or not parent.number:
            continue
        end = at + 1
        while end < len(rows) and rows[end].kind == "part":
            end += 1
        parts = rows[at + 1 : end]
        if len(parts) < 2:  # found without copying the rest of the table for every row
            continue
        own = re.compile(rf"^{re.escape(parent.number.rstrip('.'))}\.\d+\.?$")
        numbered = all(own.match(p.number) for p in parts) or all(
            _LETTER.match(p.number.lower()) for p in parts
        )
        if numbered and not any(_of_which(p) for p in parts):
            yield parent, parts


def _of_which(row: Row) -> bool:
    return starts_with_any(row.label, "of_which_rows")


def blank_in(sheet: Sheet, row: Row, columns: Iterable[Column]) -> bool:
    """Whether ``row`` has no figure in any of ``columns`` (a heading, a note line)."""
    return all(sheet.value(row.index, column.index) in (None, "") for column in columns)


def counted_by_parent(sheet: Sheet, row: Row, parent: Row) -> Callable[[Column], bool]:
    """For a part row ("- Nghề mộc" under "1. Đào tạo nghề"): whether a column's figure is
    already in its parent row. A parent with its own value holds the sum of its parts, and
    adding the parts too would count them twice; a parent left blank is only a heading."""

    def counted(column: Column) -> bool:
        return row is not parent and sheet.value(parent.index, column.index) not in (None, "")

    return counted
