"""Reading cells: numbers and money units into facts, and a finding at the cell when not."""

from __future__ import annotations

from decimal import Decimal

from tests.sheets import merged, sheet, workbook
from tests.transforms.readings import cell_facts, facts_by, facts_by_period, read, rules_of
from tests.transforms.reports import (
    ACTIVITY_MERGES,
    activity_rows,
    provincial_title,
    title,
    titled,
    transposed_rows,
)
from transforms.reading.workbook import understand_workbook


def test_every_fact_carries_the_cell_it_came_from() -> None:
    reading = understand_workbook(
        workbook("bc.xlsx", sheet("BC", activity_rows(), ACTIVITY_MERGES))
    )
    trained = next(f for f in reading.facts if f.indicator == "trained_workers")
    assert (trained.sheet, trained.cell, trained.raw_value) == ("BC", "D10", "1.250")


def test_a_count_measured_in_money_is_a_unit_mismatch() -> None:
    rows = transposed_rows()
    rows[5][2] = "triệu đồng"
    reading = understand_workbook(workbook("chi_tieu.xls", sheet("Chỉ tiêu", rows)))
    assert ("unit-mismatch", "E6") in rules_of(reading)


def test_money_without_any_stated_unit_is_quarantined_not_guessed() -> None:
    rows = transposed_rows(unit="")
    reading = understand_workbook(workbook("chi_tieu.xls", sheet("Chỉ tiêu", rows)))
    assert ("money-unit-missing", "E5") in rules_of(reading)


def test_a_money_unit_on_its_own_header_row_is_used() -> None:
    rows = [
        *title(),
        ["STT", "Chỉ tiêu", "Thực hiện năm 2010"],
        [None, None, "Triệu đồng"],
        [1, "Giá trị sản xuất CNNT", "1.300.000"],
    ]
    merges = merged("A5:A6", "B5:B6")
    reading = understand_workbook(workbook("bc.xlsx", sheet("BC", rows, merges)))
    assert facts_by(reading) == {("19", "rural_industry_output"): 1_300_000}


def test_a_money_unit_in_the_row_label_beats_the_sheets_unit() -> None:
    rows = [
        *titled("PHÚ THỌ", "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2009"),
        [None, None, "Đơn vị tính: triệu đồng"],
        ["STT", "Chỉ tiêu", "Thực hiện"],
        [1, "Tổng kinh phí khuyến công", "1.500"],
        [2, "Giá trị sản xuất CNNT (tỷ đồng)", "1.250,5"],
        [3, "Số lao động được đào tạo (người)", 420],
    ]
    reading = read("Bao cao KC 2009 - Phu Tho.xlsx", rows)
    assert cell_facts(reading) == [
        ("extension_funding", Decimal(1500), "2009", "actual"),
        ("rural_industry_output", Decimal(1_250_500), "2009", "actual"),
        ("trained_workers", Decimal(420), "2009", "actual"),
    ]
    assert rules_of(reading) == []


def test_a_label_and_a_dvt_naming_two_money_units_is_a_conflict() -> None:
    rows = [
        *titled("PHÚ THỌ", "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2009"),
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        [1, "Giá trị sản xuất CNNT (tỷ đồng)", "triệu đồng", "1.250,5"],
    ]
    reading = read("Bao cao KC 2009 - Phu Tho.xlsx", rows)
    assert ("money-unit-conflict", "D7") in rules_of(reading)


def test_a_count_is_never_read_from_a_column_headed_in_money() -> None:
    rows = [
        *titled("NAM ĐỊNH", "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2010"),
        ["STT", "Nội dung", "Kinh phí (triệu đồng)"],
        [1, "Đào tạo nghề, truyền nghề", 480],
        [2, "Xây dựng mô hình trình diễn kỹ thuật", 600],
    ]
    reading = read("BC_KC_2010_NamDinh.xlsx", rows)
    assert [f for f in cell_facts(reading) if f[0] in ("trained_workers", "demo_models")] == []
    assert ("unit-mismatch", "C7") in rules_of(reading)


def test_a_value_merged_across_year_columns_is_reported_not_dropped() -> None:
    rows = [
        *titled("BẮC GIANG", "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2010"),
        ["STT", "Chỉ tiêu", "ĐVT", "Năm 2009", "Năm 2010"],
        [1, "Số lao động được đào tạo nghề", "người", 480, 520],
        [2, "Số làng nghề được công nhận", "làng", 45, None],
    ]
    reading = read("BC_KC_2010_BacGiang_langnghe.xlsx", rows, "D8:E8")
    assert ("merged-value", "E8") in rules_of(reading)
    assert not [f for f in cell_facts(reading) if f[0] == "recognised_craft_villages"]


def test_money_in_thousands_of_dong_is_converted_to_million_vnd() -> None:
    rows = [
        *provincial_title("LONG AN", 2010),
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        [1, "Kinh phí khuyến công", "1.000 đồng", "1.500.000"],
        [2, "Số lao động được đào tạo nghề", "người", 500],
    ]
    reading = understand_workbook(workbook("KC_LongAn_2010.xlsx", sheet("S", rows)))
    assert rules_of(reading) == []
    assert facts_by_period(reading) == {
        ("extension_funding", "2010"): 1500,
        ("trained_workers", "2010"): 500,
    }
    assert {f.identity.province_code for f in reading.facts} == {"80"}


def test_money_beyond_the_lakes_decimal_once_in_million_vnd_is_a_finding_not_a_fact() -> None:
    """9e17 tỷ đồng is under the 19 digits a typed number may have, but 9e20 million VND is
    beyond the lake's decimal(24, 6): a finding at its cell, never a crash of the run."""
    rows = [
        *provincial_title("LONG AN", 2010),
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        [1, "Kinh phí khuyến công", "tỷ đồng", "900000000000000000"],
        [2, "Số lao động được đào tạo nghề", "người", 500],
    ]
    reading = understand_workbook(workbook("KC_LongAn_2010.xlsx", sheet("S", rows)))
    assert rules_of(reading) == [("unparseable-number", "D7")]
    assert facts_by_period(reading) == {("trained_workers", "2010"): 500}
