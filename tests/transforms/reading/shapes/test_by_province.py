"""The by-province shape: a regional compilation gives each province its own report."""

from __future__ import annotations

from decimal import Decimal

from tests.sheets import sheet, workbook
from tests.transforms.readings import errors, facts_by, read, rules_of
from tests.transforms.reports import REGIONAL_MERGES, regional_rows
from transforms.reading.workbook import understand_workbook


def test_a_regional_compilation_gives_each_province_its_own_report() -> None:
    reading = understand_workbook(
        workbook("tong_hop_2007.xlsx", sheet("TH", regional_rows(), REGIONAL_MERGES))
    )
    assert rules_of(reading) == []
    facts = facts_by(reading)
    assert facts[("19", "trained_workers")] == 1200
    assert facts[("28", "trained_workers")] == 900  # Hà Tây still existed in 2007
    assert facts[("66", "training_classes")] == 5
    assert facts[("19", "extension_funding")] == Decimal("1500.5")
    assert facts[("66", "extension_funding_local")] == 100
    assert sum(v for (_, i), v in facts.items() if i == "demo_models") == 6


def test_a_province_that_cannot_be_recognised_is_an_error_at_its_cell() -> None:
    rows = regional_rows()
    rows[7][1] = "Tỉnh Mới"
    reading = understand_workbook(
        workbook("tong_hop_2007.xlsx", sheet("TH", rows, REGIONAL_MERGES))
    )
    assert ("unknown-province", "B8") in rules_of(reading)


def test_region_subtotal_rows_of_a_compilation_are_not_provinces() -> None:
    rows = regional_rows()
    rows.insert(
        5, ["I", "Vùng Trung du và miền núi phía Bắc", 18, 2100, 5, "2.300,5", 1600, "700,5"]
    )
    merges = REGIONAL_MERGES
    reading = understand_workbook(workbook("tong_hop_2007.xlsx", sheet("TH", rows, merges)))
    assert [f.rule for f in reading.findings if f.rule == "unknown-province"] == []
    assert facts_by(reading)[("19", "trained_workers")] == 1200


def test_a_province_listed_twice_in_a_compilation_is_never_added_up() -> None:
    rows = [
        ["TỔNG HỢP KẾT QUẢ KHUYẾN CÔNG VÙNG ĐÔNG NAM BỘ NĂM 2010"],
        ["STT", "Tỉnh, thành phố", "Số lao động được đào tạo nghề"],
        [1, "Đồng Nai", 600],
        [2, "Bình Dương", 500],
        [3, "Tỉnh Đồng Nai", 650],
    ]
    reading = read("TongHop_KC_Vung3_2010.xlsx", rows)
    assert "province-listed-twice" in errors(reading)
