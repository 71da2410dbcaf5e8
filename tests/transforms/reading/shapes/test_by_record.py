"""Data exports, one row a figure: "Mã tỉnh | Tên tỉnh | Chỉ tiêu | ĐVT | Kỳ | Giá trị"."""

from __future__ import annotations

from decimal import Decimal

from tests.transforms.readings import actuals, read, rules_of
from transforms.model import CellValue

HEADER: list[CellValue] = ["Mã tỉnh", "Tên tỉnh", "Chỉ tiêu", "ĐVT", "Kỳ báo cáo", "Giá trị"]


def record(
    code: str, name: str, label: str, unit: str, period: CellValue, value: CellValue
) -> list[CellValue]:
    return [code, name, label, unit, period, value]


def test_each_record_is_a_fact_of_its_own_province_period_and_indicator() -> None:
    rows: list[list[CellValue]] = [
        HEADER,
        record(
            "66",
            "Đắk Lắk",
            "Số lao động nông thôn được đào tạo nghề",
            "người",
            "6 tháng đầu năm 2016",
            1129,
        ),
        record(
            "66", "Đắk Lắk", "Tổng kinh phí khuyến công", "triệu đồng", "6 tháng đầu năm 2016", 6572
        ),
        record(
            "66",
            "Đắk Lắk",
            "Số lao động nông thôn được đào tạo nghề",
            "người",
            "6 tháng cuối năm 2016",
            1861,
        ),
        record(
            "67", "Đắk Nông", "Mô hình trình diễn kỹ thuật", "mô hình", "6 tháng đầu năm 2016", 4
        ),
    ]
    reading = read("TayNguyen_KC_2016_theo_ky.xls", rows)
    assert actuals(reading) == {
        ("66", "2016-H1", "trained_workers"): Decimal(1129),
        ("66", "2016-H1", "extension_funding"): Decimal(6572),
        ("66", "2016-H2", "trained_workers"): Decimal(1861),
        ("67", "2016-H1", "demo_models"): Decimal(4),
    }
    assert rules_of(reading) == []


def test_years_typed_as_numbers_under_a_year_header_are_the_records_periods() -> None:
    rows: list[list[CellValue]] = [
        ["SỞ CÔNG THƯƠNG TỈNH QUẢNG NINH"],
        ["Số liệu khuyến công giai đoạn 2017-2019 (kết xuất từ phần mềm)"],
        ["Mã tỉnh", "Tên tỉnh", "Năm", "Chỉ tiêu", "Đơn vị tính", "Giá trị thực hiện"],
        ["22", "Quảng Ninh", 2017, "Số lao động nông thôn được đào tạo nghề", "người", 654],
        ["22", "Quảng Ninh", 2018, "Số lao động nông thôn được đào tạo nghề", "người", 702],
    ]
    reading = read("QuangNinh_KC_2017-2019_ketxuat.ods", rows)
    assert actuals(reading) == {
        ("22", "2017", "trained_workers"): Decimal(654),
        ("22", "2018", "trained_workers"): Decimal(702),
    }
    assert rules_of(reading) == []


def test_a_record_outside_the_period_its_title_states_is_a_conflict() -> None:
    rows: list[list[CellValue]] = [
        ["KẾT XUẤT DỮ LIỆU BÁO CÁO KHUYẾN CÔNG"],
        ["Kỳ báo cáo: Năm 2015"],
        HEADER,
        record(
            "30", "Hải Dương", "Số lao động nông thôn được đào tạo nghề", "người", "Năm 2015", 2500
        ),
        record("30", "Hải Dương", "Mô hình trình diễn kỹ thuật", "mô hình", "Năm 2016", 9),
    ]
    reading = read("KetXuat_KC_2015.xlsx", rows)
    assert ("period-conflict", "E5") in rules_of(reading)
    assert actuals(reading) == {("30", "2015", "trained_workers"): Decimal(2500)}


def test_without_a_period_column_the_title_states_every_records_period() -> None:
    rows: list[list[CellValue]] = [
        ["CỔNG BÁO CÁO KHUYẾN CÔNG - KẾT XUẤT"],
        ["Kỳ: Quý IV/2025"],
        ["Mã tỉnh", "Tên tỉnh", "Chỉ tiêu", "ĐVT", "Giá trị"],
        ["15", "Tỉnh Lào Cai", "Số lao động nông thôn được đào tạo nghề", "người", "228"],
        ["15", "Tỉnh Lào Cai", "Số lớp đào tạo nghề, truyền nghề", "lớp", "5"],
    ]
    reading = read("ketxuat_QIV_2025.xls", rows)
    assert actuals(reading) == {
        ("15", "2025-Q4", "trained_workers"): Decimal(228),
        ("15", "2025-Q4", "training_classes"): Decimal(5),
    }


def test_a_web_systems_column_names_the_administrative_unit() -> None:
    rows: list[list[CellValue]] = [
        ["stt", "ma_dvhc", "ten_dvhc", "ky_bao_cao", "ten_chi_tieu", "don_vi_tinh", "gia_tri"],
        ["1", "25", "Tỉnh Phú Thọ", "Năm 2023", "Số lớp đào tạo nghề", "lớp", "54"],
        ["2", "25", "Tỉnh Phú Thọ", "Năm 2023", "Mô hình trình diễn kỹ thuật", "mô hình", "11"],
    ]
    reading = read("dulieu_khuyencong_25_2023.csv", rows)
    assert actuals(reading) == {
        ("25", "2023", "training_classes"): Decimal(54),
        ("25", "2023", "demo_models"): Decimal(11),
    }


def test_a_software_exports_camel_case_headers_and_senders_name_the_columns_and_provinces() -> None:
    rows: list[list[CellValue]] = [
        ["DonViBaoCao", "KyBaoCao", "NoiDungChiTieu", "DVT", "SoLieu_KH", "SoLieu_TH"],
        ["Sở Công Thương Quảng Bình", "Năm 2023", "Số lớp đào tạo nghề", "lớp", "60", "54"],
        [
            "Sở Công Thương Quảng Bình",
            "Năm 2023",
            "Dự án đầu tư được hỗ trợ tư vấn",
            "dự án",
            "10",
            "9",
        ],
    ]
    reading = read("export_bckc_20240115_093012.csv", rows)
    assert actuals(reading) == {
        ("44", "2023", "training_classes"): Decimal(54),
        ("44", "2023", "investment_projects_consulted"): Decimal(9),
    }
