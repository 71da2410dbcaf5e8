"""percent-mismatch: a stated percentage its row's values do not give."""

from __future__ import annotations

from tests.sheets import sheet, workbook
from tests.transforms.readings import facts_by, rules_of
from tests.transforms.reports import transposed_rows
from transforms.reading.workbook import understand_workbook


def test_a_stated_percentage_that_its_values_do_not_give_is_reported() -> None:
    rows = transposed_rows()
    rows[4][5] = "136,8"  # 1,3 / 1,1 is 118.2 %, not 136.8 %
    reading = understand_workbook(workbook("chi_tieu.xls", sheet("Chỉ tiêu", rows)))
    assert rules_of(reading) == [("percent-mismatch", "F5")]
    assert dict(reading.findings[0].params)["expected"] == "118.2"
    assert facts_by(reading)[("19", "rural_industry_output")] == 1_300  # still loaded
