"""no-actual-column: rows naming indicators, but no column of the period's actuals."""

from __future__ import annotations

from tests.sheets import sheet, workbook
from tests.transforms.checks.reports import read, report
from tests.transforms.reports import regional_rows
from transforms.model import finding
from transforms.reading.workbook import understand_workbook


def test_a_table_of_plans_only_names_the_columns_it_has() -> None:
    reading = read(
        report([1, "Số lao động được đào tạo nghề", "người", 1250], header=("Kế hoạch 2010",))
    )
    assert reading.facts == ()
    assert reading.findings == (
        finding("no-actual-column", sheet="BC", period="2010", columns="Kế hoạch 2010"),
    )


def test_a_regional_compilation_has_no_such_column_to_miss() -> None:
    reading = understand_workbook(workbook("tong_hop.xlsx", sheet("TH", regional_rows())))
    assert "no-actual-column" not in {f.rule for f in reading.findings}
