"""Row labels: which name a total, whatever a total says of itself."""

from __future__ import annotations

import pytest

from transforms.reading.labels import is_total_label


@pytest.mark.parametrize(
    ("label", "total"),
    [
        ("Tổng cộng", True),
        ("TỔNG CỘNG (I+II)", True),
        ("TỔNG CỘNG (17 đề án)", True),  # the count in parentheses names no indicator row
        ("Cộng mục II", True),
        ("Tổng số đề án", False),  # names an indicator: an item of its own
        ("Tổng kinh phí khuyến công", False),
    ],
)
def test_a_total_label_is_told_from_an_indicator_named_after_a_total(
    label: str, total: bool
) -> None:
    assert is_total_label(label) is total
