"""funding-split-mismatch: total funding is KCQG plus KCĐP."""

from __future__ import annotations

from tests.sheets import sheet, workbook
from tests.transforms.readings import rules_of
from tests.transforms.reports import ACTIVITY_MERGES, activity_rows
from transforms.reading.workbook import understand_workbook


def test_total_funding_must_be_national_plus_local() -> None:
    rows = activity_rows()
    rows[9][4] = 290  # Tổng số of the first activity now includes 40 of counterpart money
    rows[8][4], rows[14][4] = 340, 1040  # its section subtotal and the grand total agree with it
    reading = understand_workbook(workbook("bc.xlsx", sheet("BC", rows, ACTIVITY_MERGES)))
    assert rules_of(reading) == [("funding-split-mismatch", "E10")]
    [mismatch] = reading.findings
    assert ("total", "1040") in mismatch.params  # written as people write it, not 1.04E+3
