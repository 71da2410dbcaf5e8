"""row-not-read: a row with a figure of the period that names no indicator."""

from __future__ import annotations

import pytest

from tests.transforms.checks.reports import loaded, read, report
from transforms.model import Reading, finding


def below_trained_workers(label: str, unit: str, figure: int | None) -> Reading:
    """Trained workers on row 4, then the row given on row 5."""
    return read(
        report([1, "Số lao động được đào tạo nghề", "người", 1250], [2, label, unit, figure])
    )


def test_a_row_no_indicator_claims_is_reported_at_its_figure() -> None:
    reading = below_trained_workers("Sửa chữa đường giao thông", "km", 4)
    assert loaded(reading) == [("trained_workers", "D4")]
    assert reading.findings == (
        finding("row-not-read", sheet="BC", cell="D5", value=4, label="Sửa chữa đường giao thông"),
    )


@pytest.mark.parametrize(
    ("label", "unit", "figure"),
    [
        ("Tổ chức hội thảo chuyên đề", "cuộc", 2),  # a row the schemas know is no indicator
        ("Sửa chữa đường giao thông", "km", None),  # a row without a figure
    ],
)
def test_rows_accounted_for_without_a_word(label: str, unit: str, figure: int | None) -> None:
    reading = below_trained_workers(label, unit, figure)
    assert reading.findings == ()
    assert loaded(reading) == [("trained_workers", "D4")]
