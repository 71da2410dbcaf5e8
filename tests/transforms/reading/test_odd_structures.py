"""Small offices' structures: figures typed with their units under "Chỉ tiêu | Kết quả", a
row of units under a transposed table, a second table to the right of the first."""

from __future__ import annotations

from decimal import Decimal

from tests.transforms.readings import actuals, read, rules_of
from transforms.indicators import match_label
from transforms.model import CellValue


def test_figures_typed_with_their_units_are_the_tables_rows_not_its_header() -> None:
    rows: list[list[CellValue]] = [
        ["TRUNG TÂM KHUYẾN CÔNG VÀ TƯ VẤN PHÁT TRIỂN CÔNG NGHIỆP"],
        ["Tỉnh Quảng Ninh"],
        ["BÁO CÁO NHANH KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG 6 THÁNG ĐẦU NĂM 2017"],
        ["Chỉ tiêu", "Kết quả", "Ghi chú"],
        ["Số lớp đào tạo nghề, truyền nghề", "6 lớp", None],
        ["Số lao động nông thôn được đào tạo", "1.237 người", "nghề mây tre đan"],
        ["Tổng kinh phí khuyến công", "3,45 tỷ đồng", None],
        ["- Kinh phí KCQG", "2,35 tỷ", None],
        ["- Kinh phí KCĐP", "1.100 triệu đồng", None],
    ]
    reading = read("QuangNinh_KC_6T_2017.xlsx", rows)
    assert actuals(reading) == {
        ("22", "2017-H1", "training_classes"): Decimal(6),
        ("22", "2017-H1", "trained_workers"): Decimal(1237),
        ("22", "2017-H1", "extension_funding"): Decimal(3450),
        ("22", "2017-H1", "extension_funding_national"): Decimal(2350),
        ("22", "2017-H1", "extension_funding_local"): Decimal(1100),
    }
    assert rules_of(reading) == []


def test_a_row_of_units_under_a_transposed_table_gives_its_money_a_unit() -> None:
    rows: list[list[CellValue]] = [
        ["SỞ CÔNG THƯƠNG TỈNH THÁI NGUYÊN"],
        ["TỔNG HỢP KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH KHUYẾN CÔNG NĂM 2014"],
        ["STT", "Đơn vị", "Đào tạo nghề", None, "Hội chợ, triển lãm", "Kinh phí khuyến công"],
        [None, None, "Số lớp", "Số lao động", None, "Tổng số", "KCQG", "KCĐP"],
        [None, None, "(lớp)", "(người)", "(lần)", "(nghìn đồng)", "(nghìn đồng)", "(nghìn đồng)"],
        [1, "Tỉnh Thái Nguyên", 22, 616, 4, 3250000, 2300000, 950000],
    ]
    reading = read("ThaiNguyen_KC_2014.xlsx", rows, "C3:D3 F3:H3 A3:A4 B3:B4 E3:E4")
    assert actuals(reading) == {
        ("19", "2014", "training_classes"): Decimal(22),
        ("19", "2014", "trained_workers"): Decimal(616),
        ("19", "2014", "trade_fairs"): Decimal(4),
        ("19", "2014", "extension_funding"): Decimal(3250),
        ("19", "2014", "extension_funding_national"): Decimal(2300),
        ("19", "2014", "extension_funding_local"): Decimal(950),
    }


def test_a_table_to_the_right_of_the_report_is_read_as_a_table_of_its_own() -> None:
    rows: list[list[CellValue]] = [
        ["SỞ CÔNG THƯƠNG VĨNH PHÚC"],
        ["BÁO CÁO KẾT QUẢ KHUYẾN CÔNG VÀ PHÁT TRIỂN CNNT NĂM 2015"],
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện", None, "Làng nghề (đến 31/12)", "ĐVT", "Số lượng"],
        ["1", "Số lớp đào tạo nghề", "lớp", 10, None, "Làng có nghề", "làng", 64],
        [
            "2",
            "Lao động được đào tạo nghề",
            "người",
            350,
            None,
            "Làng nghề được công nhận",
            "làng",
            20,
        ],
        [
            "3",
            "Mô hình trình diễn kỹ thuật",
            "mô hình",
            5,
            None,
            "Làng nghề truyền thống",
            "làng",
            12,
        ],
        ["4", "Kinh phí khuyến công", "triệu đồng", 2200, None, None, None, None],
    ]
    reading = read("VinhPhuc_KC_2015.xlsx", rows)
    assert actuals(reading) == {
        ("26", "2015", "training_classes"): Decimal(10),
        ("26", "2015", "trained_workers"): Decimal(350),
        ("26", "2015", "demo_models"): Decimal(5),
        ("26", "2015", "extension_funding"): Decimal(2200),
        ("26", "2015", "craft_villages"): Decimal(64),
        ("26", "2015", "recognised_craft_villages"): Decimal(20),
    }
    # traditional craft villages: a title some hold, which no indicator counts
    assert rules_of(reading) == [("row-not-read", "H6")]


def test_a_total_naming_both_sources_and_itself_is_the_total() -> None:
    found = match_label("Tổng kinh phí (KCQG + KCĐP)", "tr.đồng").indicator
    assert found is not None and found.code == "extension_funding"
