"""money-column-not-read: a column of money that no indicator takes is named, not guessed."""

from __future__ import annotations

from tests.transforms.checks.reports import loaded, read, report
from transforms.model import finding


def test_money_beside_counts_without_saying_which_funding_is_reported() -> None:
    reading = read(
        report(
            [1, "Số lao động được đào tạo nghề", "người", 1250, 500],
            header=("Thực hiện", "Kinh phí (triệu đồng)"),
        )
    )
    assert loaded(reading) == [("trained_workers", "D4")]
    assert reading.findings == (
        finding("money-column-not-read", sheet="BC", column="E", label="Kinh phí (triệu đồng)"),
    )


def test_an_empty_money_column_is_no_finding() -> None:
    reading = read(
        report(
            [1, "Số lao động được đào tạo nghề", "người", 1250, None],
            header=("Thực hiện", "Kinh phí (triệu đồng)"),
        )
    )
    assert reading.findings == ()


def test_a_money_column_naming_its_funding_is_read() -> None:
    reading = read(
        report(
            [1, "Số lao động được đào tạo nghề", "người", 1250, 500],
            header=("Thực hiện", "Kinh phí KCQG (triệu đồng)"),
        )
    )
    assert reading.findings == ()
    assert sorted((f.indicator, f.cell, f.value) for f in reading.facts) == [
        ("extension_funding_national", "E4", 500),
        ("trained_workers", "D4", 1250),
    ]
