"""duplicate-indicator: one report giving one indicator twice with different figures."""

from __future__ import annotations

from tests.transforms.checks.reports import loaded, read, report
from transforms.model import Reading, finding


def villages(first: int, second: int) -> Reading:
    """Craft villages (a stock) on rows 4 and 5, under two of its names."""
    return read(
        report([1, "Số làng có nghề", "làng", first], [2, "Làng có nghề hiện có", "làng", second])
    )


def test_a_stock_given_twice_differently_is_reported_at_the_second() -> None:
    reading = villages(158, 160)
    assert reading.findings == (
        finding(
            "duplicate-indicator",
            sheet="BC",
            cell="D5",
            value="160",
            indicator="craft_villages",
            province="Thái Nguyên",
            period="2010",
            other_cell="BC!D4",
        ),
    )
    assert loaded(reading) == [("craft_villages", "D4")]


def test_a_stock_given_twice_alike_is_kept_once_without_a_word() -> None:
    reading = villages(158, 158)
    assert reading.findings == ()
    assert loaded(reading) == [("craft_villages", "D4")]


def test_rows_of_one_flow_add_up_and_are_no_duplicate() -> None:
    reading = read(
        report(
            [1, "Đào tạo nghề mây tre đan", "người", 300],
            [2, "Đào tạo nghề thêu ren", "người", 200],
        )
    )
    assert reading.findings == ()
    assert [(f.indicator, f.value) for f in reading.facts] == [
        ("trained_workers", 300),
        ("trained_workers", 200),
    ]
