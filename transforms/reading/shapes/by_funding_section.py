"""The by-funding-section shape: a table whose numbered sections are its funding sources.

"I. Kinh phí khuyến công quốc gia" and "II. Kinh phí khuyến công địa phương", each over its
projects or activities, its "Cộng I" / "Cộng II", and a "Tổng cộng" at the end: the column of
money ("Kinh phí") holds no indicator of its own, but each section says whose money it is. So
a section gives the part it names (its own figure, else its "Cộng", else its rows), and the
"Tổng cộng" of a table whose every section names a part of total funding gives the total
(``extension_funding`` is KCQG + KCĐP, ``schemas/indicators.yaml`` ``parts``). The rows'
counts are read as in any table whose rows name indicators, summed over the sections (the
same activity appears under both). The money column's totals are checked: every "Cộng" must
be its section's sum and the "Tổng cộng" the sum of all (``total-mismatch`` otherwise).
"""

from __future__ import annotations

import re
from dataclasses import replace

from transforms.indicators import Indicator, catalogue, indicators_named
from transforms.model import Fact, Finding, Sheet
from transforms.reading.cells import SheetContext, cell_fact, collect
from transforms.reading.columns import Column, in_indicator_group
from transforms.reading.labels import strip_numbering
from transforms.reading.readings import TableReading, TotalsToCheck
from transforms.reading.rows import Row, classify_rows
from transforms.reading.shapes import by_indicator
from transforms.reading.shapes.shape import Shape
from transforms.reading.tables import Table
from transforms.words import has_phrase, words_of

_SECTION_TOTAL = re.compile(r"\s(?:[IVX]+|[A-D])\W*$")  # "Cộng I", "Cộng mục II", "Cộng phần A"


def read(ctx: SheetContext) -> tuple[list[Fact], list[Finding], TableReading]:
    """The rows' counts as by indicator, and each funding source from its section."""
    facts, findings, reading = by_indicator.read(ctx)
    money = _money_column(ctx.table)
    if ctx.province is None or money is None or money.year not in (None, ctx.period.year):
        return facts, findings, reading  # "Kinh phí năm 2009" in a 2010 report: not its money
    # "Kinh phí khuyến công" names total funding: its projects' cells are the sections'
    # parts here, and the total is the "Tổng cộng" (or KCQG + KCĐP), never their sum again
    named = money.indicator.indicator
    facts = [f for f in facts if named is None or f.indicator != named.code]
    # nor are a project list's lines of it, summed into one of those (``annex_lines``)
    lines = reading.annex_lines.items()
    reading = replace(
        reading, annex_lines={at: code for at, code in lines if named is None or code != named.code}
    )
    rows = reading.rows
    sections = _funding_sections(rows)
    if not sections:
        return facts, findings, reading
    # the "Tổng cộng" after the last section; "Cộng II" there closes that section only
    after = [r for r in rows if r.kind == "total" and r.index > sections[-1][0].index]
    grand = after[-1] if after and not _SECTION_TOTAL.search(after[-1].label) else None
    for position, (section, part) in enumerate(sections):
        end = sections[position + 1][0].index if position + 1 < len(sections) else None
        inside = [r for r in rows if r.index > section.index and (end is None or r.index < end)]
        subtotal = next((r for r in inside if r.kind == "total" and r is not grand), None)
        details = [r for r in inside if r.kind == "detail" and r.aside is None]
        for row in _carriers(ctx, section, subtotal, details, money):
            collect(cell_fact(ctx, ctx.province, part, row, money), facts, findings)
    whole = _whole(sections)
    if grand is not None and whole is not None:
        collect(cell_fact(ctx, ctx.province, whole, grand, money), facts, findings)
    checked = any(money in t.columns and "total" in t.kinds for t in reading.totals)
    reading = replace(
        reading,
        unnamed_columns=tuple(c for c in reading.unnamed_columns if c != money),
        totals=reading.totals if checked else (*reading.totals, TotalsToCheck((money,))),
    )
    return facts, findings, reading


def _carriers(
    ctx: SheetContext, section: Row, subtotal: Row | None, details: list[Row], money: Column
) -> list[Row]:
    """The rows whose money cells give a section's figure: the section row's own, else its
    "Cộng", else its detail rows (each a part of it)."""
    for row in (section, subtotal):
        if row is not None and ctx.sheet.value(row.index, money.index) not in (None, ""):
            return [row]
    return details


def _parts() -> dict[str, Indicator]:
    """Each indicator that is a part of another (KCQG, KCĐP of total funding), by code."""
    indicators = catalogue()
    return {code: indicators[code] for i in indicators.values() for code in i.parts}


def _funding_sections(rows: tuple[Row, ...]) -> list[tuple[Row, Indicator]]:
    """The section rows naming a funding source ("I. Kinh phí khuyến công quốc gia")."""
    parts = _parts()
    found = []
    for row in rows:
        if row.kind == "section" or row.heads_section:
            # "ĐỀ ÁN KHUYẾN CÔNG QUỐC GIA" names projects as well as a source: the source
            sources = sorted(indicators_named(strip_numbering(row.label)) & set(parts))
            if len(sources) == 1:
                found.append((row, parts[sources[0]]))
    return found


def _whole(sections: list[tuple[Row, Indicator]]) -> Indicator | None:
    """The indicator the sections' parts make up, when every section names one of its parts
    (a section of counterpart funds makes the "Tổng cộng" something else)."""
    codes = {part.code for _, part in sections}
    return next(
        (i for i in catalogue().values() if i.parts and codes and codes <= set(i.parts)), None
    )


def _money_column(table: Table) -> Column | None:
    """The one column of money that names no indicator ("Kinh phí", "Kinh phí (triệu đồng)");
    None when there is none or several (which one is the sections' is never guessed)."""
    values = table.columns_of("value")
    money = [
        c
        for c in values
        if (c.indicator.indicator is None or c.indicator.indicator.parts)
        and not c.indicator.ambiguous
        and (c.money_unit is not None or _says_money(c))
        and c.role in (None, "actual")
        and not in_indicator_group(c, values)
    ]
    return money[0] if len(money) == 1 else None


def _says_money(column: Column) -> bool:
    words = words_of(" ".join(column.levels))
    return has_phrase(words, "money_columns")


def _names_a_source(column: Column) -> bool:
    indicator = column.indicator.indicator
    return indicator is not None and indicator.code in _parts()


def _has_funding_sections(sheet: Sheet, table: Table) -> bool:
    """Sections naming a funding source, one column of money naming none of them (or total
    funding, "Kinh phí khuyến công"), and no column naming a source (the split "Tổng | KCQG |
    KCĐP" is read by indicator)."""
    if any(_names_a_source(c) for c in table.columns_of("value")) or _money_column(table) is None:
        return False
    return bool(_funding_sections(classify_rows(sheet, table)))


SHAPE: Shape = Shape(
    name="by_funding_section", matches=_has_funding_sections, rows_are_provinces=False, read=read
)
