"""The by-indicator shape: rows name indicators, one column holds the period's actuals."""

from __future__ import annotations

from tests.sheets import sheet, workbook
from tests.transforms.readings import facts_by, facts_by_period, rules_of
from tests.transforms.reports import (
    ACTIVITY_MERGES,
    activity_rows,
    provincial_title,
    transposed_rows,
)
from transforms.reading.workbook import understand_workbook


def test_it_reads_an_activity_table_with_a_merged_two_row_header() -> None:
    reading = understand_workbook(
        workbook("bc.xlsx", sheet("BC", activity_rows(), ACTIVITY_MERGES))
    )
    assert rules_of(reading) == []
    facts = facts_by(reading)
    assert facts[("19", "trained_workers")] == 1250
    assert facts[("19", "training_classes")] == 12
    assert facts[("19", "tech_support_facilities")] == 7
    assert facts[("19", "extension_projects")] == 9
    # funding comes from the detail rows only: section subtotals and the total are checks
    assert facts[("19", "extension_funding")] == 1000
    assert facts[("19", "extension_funding_national")] == 700
    assert facts[("19", "extension_funding_local")] == 300
    assert {f.identity.period.label for f in reading.facts} == {"2010"}


def test_a_transposed_table_reads_only_the_report_years_column_and_converts_units() -> None:
    reading = understand_workbook(workbook("chi_tieu.xls", sheet("Chỉ tiêu", transposed_rows())))
    assert rules_of(reading) == []
    facts = facts_by(reading)
    assert facts[("19", "rural_industry_output")] == 1_300  # 1,3 tỷ đồng in million VND
    assert facts[("19", "craft_villages")] == 158
    assert facts[("19", "recognised_craft_villages")] == 59
    assert len(reading.facts) == 3


def test_rows_of_a_project_list_are_projects_whatever_their_names() -> None:
    # "Đào tạo nghề mây tre đan" could be workers or classes as a row of indicators; as a
    # project it gives its figures in the columns naming indicators, and "Đơn vị thụ hưởng"
    # (the beneficiary) and "Thời gian thực hiện" are no ĐVT and no actuals
    rows = [
        *provincial_title("VĨNH PHÚC", 2008),
        ["Đơn vị tính: triệu đồng"],
        ["STT", "Tên đề án", "Đơn vị thụ hưởng", "Số LĐ", "KCQG", "KCĐP", "Thời gian thực hiện"],
        [1, "Đào tạo nghề mây tre đan xuất khẩu", "HTX Tiến Thắng", 60, 120, 30, "Quý II"],
        [2, "Hỗ trợ máy móc thiết bị chế biến gỗ", "Công ty Hoàng Long", None, 200, 80, "6-10"],
        [None, "Tổng cộng", None, 60, 320, 110, None],
    ]
    reading = understand_workbook(workbook("VinhPhuc_KC_2008.xlsx", sheet("BC", rows)))
    assert rules_of(reading) == []
    assert facts_by_period(reading) == {
        ("trained_workers", "2008"): 60,
        ("extension_funding_national", "2008"): 320,
        ("extension_funding_local", "2008"): 110,
        ("extension_funding", "2008"): 430,
    }
