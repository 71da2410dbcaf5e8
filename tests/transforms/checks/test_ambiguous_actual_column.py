"""ambiguous-actual-column: two columns could each be the period's actuals."""

from __future__ import annotations

from tests.transforms.checks.reports import loaded, read, report
from transforms.model import finding


def test_two_actuals_columns_stop_the_table_with_both_named() -> None:
    rows = report(
        [1, "Số lao động được đào tạo nghề", "người", 1250, 1250],
        [2, "Số lớp đào tạo nghề", "lớp", 40, 40],
        header=("Thực hiện", "Số liệu"),
    )
    reading = read(rows)
    assert reading.facts == ()  # no figure is taken from a guessed column
    assert reading.findings == (
        finding("ambiguous-actual-column", sheet="BC", columns="Thực hiện; Số liệu"),
    )


def test_one_actuals_column_is_no_finding() -> None:
    reading = read(report([1, "Số lao động được đào tạo nghề", "người", 1250]))
    assert reading.findings == ()
    assert loaded(reading) == [("trained_workers", "D4")]
