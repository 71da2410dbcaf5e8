"""row-in-unproven-sum: a row naming no indicator, in the unit of one the table adds up.

"Hỗ trợ máy ép viên nén | 2 | cơ sở" under "Hỗ trợ máy móc chế biến gỗ | 3 | cơ sở": if the
first row is a facility supported with machinery, the table's figure is 5, not the 3 its
named rows give. Loading 3 would be a wrong number that no total in the file contradicts, so
the table's sum of that indicator is unproven: the clerk names the row, and the file waits.
An indicator stated once per report (a stock, production value) is never a sum of rows, and a
row the schemas know as no indicator (``layout.yaml`` ``not_indicator_rows``) is never in
doubt. Its finding at the cell is what the accounting then says of it (no ``row-not-read``).
"""

from __future__ import annotations

from transforms.indicators import Indicator
from transforms.model import Finding, cell_address, finding
from transforms.reading.cells import read_cell
from transforms.reading.readings import TableReading
from transforms.reading.rows import Row, row_indicator
from transforms.rules import RuleCode
from transforms.text import fold
from transforms.words import has_phrase, words_of

RULE = RuleCode.ROW_IN_UNPROVEN_SUM


def check(reading: TableReading) -> list[Finding]:
    if not reading.actual_columns:
        return []
    column = reading.actual_columns[0]
    summed = _summed_indicators(reading)
    findings = []
    for row in reading.unread_rows:
        unit = fold(row.unit_text) if row.unit_text else ""
        same_unit = [i for i in summed if unit and unit in i.unit_words]
        value = reading.ctx.sheet.value(row.index, column.index)
        if same_unit and _a_figure(reading, row, column.index) and not _known_other(row):
            findings.append(
                finding(
                    RULE,
                    sheet=reading.ctx.sheet.name,
                    cell=cell_address(row.index, column.index),
                    value=value,
                    label=row.label,
                    unit=row.unit_text,
                    indicator=same_unit[0].name_vi,
                )
            )
    return findings


def _a_figure(reading: TableReading, row: Row, col: int) -> bool:
    if reading.ctx.sheet.value(row.index, col) in (None, ""):
        return False
    return not isinstance(read_cell(reading.ctx, row.index, col, False), Finding)


def _known_other(row: Row) -> bool:
    words = words_of(row.label)
    return has_phrase(words, "not_indicator_rows")


def _summed_indicators(reading: TableReading) -> list[Indicator]:
    """The indicators the table's rows name and add up (several rows of one kind)."""
    found: dict[str, Indicator] = {}
    for row in reading.data_rows:
        indicator = row_indicator(row).indicator
        if indicator is not None and not indicator.one_row:
            found.setdefault(indicator.code, indicator)
    return list(found.values())
