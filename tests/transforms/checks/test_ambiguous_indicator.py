"""ambiguous-indicator: a label naming two indicators is quarantined, never guessed."""

from __future__ import annotations

from tests.sheets import sheet, workbook
from tests.transforms.readings import rules_of
from tests.transforms.reports import title
from transforms.reading.workbook import understand_workbook


def test_a_label_that_could_be_two_indicators_is_quarantined() -> None:
    rows = [
        *title(),
        ["STT", "Chỉ tiêu", "Số lượng"],
        [1, "Đào tạo nghề", 40],
    ]
    reading = understand_workbook(workbook("bc.xlsx", sheet("BC", rows)))
    assert ("ambiguous-indicator", "B6") in rules_of(reading)
