"""Indicators: a row's label and unit name one indicator, or none, never a guess."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.transforms.readings import actuals, errors, read
from tests.transforms.reports import report_2010
from transforms.indicators import match_indicator, match_label


def test_a_small_typo_in_a_label_is_tolerated_but_never_guessed_between_two_words() -> None:

    assert match_indicator("Kinh phí khyến công quốc gia").indicator.code == (  # type: ignore[union-attr]
        "extension_funding_national"
    )
    assert match_indicator("Xây dựng trìn diễn kỹ thuật").indicator is None  # trình or triển?


def test_a_number_in_a_label_is_no_typo_and_leaves_the_label_matched_as_before() -> None:
    # a list of distinct names numbers them: the number is no word of any synonym, its typos
    # are still corrected, and a label names something through its abbreviations or its list
    # of alternatives as it did
    assert match_indicator("Kinh phí khyến công quốc gia 00123").indicator.code == (  # type: ignore[union-attr]
        "extension_funding_national"
    )
    assert match_indicator("Số mô hình TDKT").indicator.code == "demo_models"  # type: ignore[union-attr]
    assert match_indicator("Số lớp / mô hình / cơ sở").candidates == (
        "brand_support_enterprises",
        "demo_models",
        "tech_support_facilities",
        "training_classes",
    )
    assert match_indicator("Nhà văn hóa thôn 00123").indicator is None
    assert match_indicator("Nhà văn hóa thôn 00123").candidates == ()


@pytest.mark.parametrize(
    ("unit", "code"),
    [
        ("cuộc", "trade_fairs"),
        ("triệu đồng", "trade_fairs"),  # a money ĐVT is judged where the value is read
        ("Cơ sở mộc Đồng Tâm", None),  # a doer in the ĐVT column of a project list
    ],
)
def test_a_label_naming_an_activity_is_its_indicator_only_in_a_unit_it_is_counted_in(
    unit: str, code: str | None
) -> None:
    match = match_label("Tổ chức hội chợ hàng công nghiệp nông thôn", unit)
    assert (match.indicator.code if match.indicator else None) == code


def test_a_row_counted_in_another_unit_is_not_the_indicator_its_label_names() -> None:
    rows = report_2010(
        [1, "Tổ chức hội chợ hàng công nghiệp nông thôn", "cuộc", 3],
        [2, "Số gian hàng tham gia hội chợ", "gian hàng", 120],
        [3, "Số cơ sở được hỗ trợ ứng dụng máy móc thiết bị", "cơ sở", 8],
        [4, "Số máy móc thiết bị được hỗ trợ ứng dụng", "máy", 40],
    )
    reading = read("Bao cao KC 2010 - Lang Son.xlsx", rows)
    assert errors(reading) == []
    assert actuals(reading) == {
        ("20", "2010", "trade_fairs"): Decimal(3),
        ("20", "2010", "tech_support_facilities"): Decimal(8),
    }


def test_the_employed_after_training_are_not_more_trained_workers() -> None:
    rows = report_2010(
        [1, "Số học viên tham gia đào tạo nghề", "người", 320],
        [2, "Số học viên có việc làm sau đào tạo", "người", 280],
        [3, "Số lao động làm việc thường xuyên tại các cơ sở CNNT", "người", "12.500"],
    )
    reading = read("Bao cao KC 2010 - Lang Son.xlsx", rows)
    assert actuals(reading) == {("20", "2010", "trained_workers"): Decimal(320)}


def test_the_clusters_a_province_has_are_not_clusters_supported() -> None:

    assert match_indicator("Số cụm công nghiệp", "cụm").indicator is None
    assert match_indicator("Số cụm công nghiệp hiện có", "CCN").indicator is None
    supported = match_indicator("Cụm công nghiệp được hỗ trợ quy hoạch", "cụm").indicator
    assert supported is not None and supported.code == "industrial_clusters_supported"


@pytest.mark.parametrize(
    ("label", "code"),
    [("LĐ đào tạo", "trained_workers"), ("Mô hình", "demo_models"), ("Số mô hình", "demo_models")],
)
def test_a_district_compilations_short_column_names_are_its_indicators(
    label: str, code: str
) -> None:
    assert match_label(label).indicator.code == code  # type: ignore[union-attr]
