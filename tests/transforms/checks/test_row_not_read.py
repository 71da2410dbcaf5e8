"""row-not-read: a row with a figure of the period that names no indicator."""

from __future__ import annotations

from tests.transforms.checks.reports import read, report
from transforms.model import finding


def test_a_row_no_indicator_claims_is_reported_at_its_figure() -> None:
    reading = read(
        report(
            [1, "Số lao động được đào tạo nghề", "người", 1250],
            [2, "Sửa chữa đường giao thông", "km", 4],
        )
    )
    assert [(f.indicator, f.cell) for f in reading.facts] == [("trained_workers", "D4")]
    assert reading.findings == (
        finding("row-not-read", sheet="BC", cell="D5", value=4, label="Sửa chữa đường giao thông"),
    )


def test_a_row_the_schemas_know_is_no_indicator_is_accounted_for_without_a_word() -> None:
    reading = read(
        report(
            [1, "Số lao động được đào tạo nghề", "người", 1250],
            [2, "Tổ chức hội thảo chuyên đề", "cuộc", 2],
        )
    )
    assert reading.findings == ()


def test_a_row_without_a_figure_is_no_finding() -> None:
    reading = read(
        report(
            [1, "Số lao động được đào tạo nghề", "người", 1250],
            [2, "Sửa chữa đường giao thông", "km", None],
        )
    )
    assert reading.findings == ()
