"""row-in-unproven-sum: a row naming no indicator, in the unit of one the table adds up.

"Hỗ trợ máy ép viên nén | 2 | cơ sở" under "Hỗ trợ máy móc chế biến gỗ | 3 | cơ sở": if the
first row is a facility supported with machinery, the table's figure is 5, not the 3 its
named rows give. Loading 3 would be a wrong number that no total in the file contradicts, so
the table's sum of that indicator is unproven: the clerk names the row, and the file waits.
An indicator stated once per report (a stock, production value) is never a sum of rows, and a
row the schemas know as no indicator is never in doubt (see ``row_not_read``).
"""

from __future__ import annotations

from transforms.checks.row_not_read import unread_figures, unread_finding
from transforms.indicators import Indicator
from transforms.model import Finding
from transforms.reading.readings import TableReading
from transforms.reading.rows import row_indicator
from transforms.rules import RuleCode
from transforms.text import fold

RULE = RuleCode.ROW_IN_UNPROVEN_SUM


def check(reading: TableReading) -> list[Finding]:
    summed = _summed_indicators(reading)
    findings = []
    for row, column in unread_figures(reading):
        unit = fold(row.unit_text) if row.unit_text else ""
        same_unit = [i for i in summed if unit and unit in i.unit_words]
        if same_unit:
            params = {"unit": row.unit_text, "indicator": same_unit[0].name_vi}
            findings.append(unread_finding(reading, row, column, RULE, **params))
    return findings


def _summed_indicators(reading: TableReading) -> list[Indicator]:
    """The indicators the table's rows name and add up (several rows of one kind)."""
    found: dict[str, Indicator] = {}
    for row in reading.data_rows:
        indicator = row_indicator(row).indicator
        if indicator is not None and not indicator.one_row:
            found.setdefault(indicator.code, indicator)
    return list(found.values())
