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


def test_a_unit_line_may_name_what_it_measures_after_its_colon() -> None:
    from transforms.units import find_money_unit

    found = find_money_unit("Đơn vị: kinh phí triệu đồng")
    assert found is not None and found.label == "triệu đồng"
    assert find_money_unit("ĐVT: kinh phí") is None


def activities(workshop: str = "Lớp chế biến bánh tráng") -> list[list[CellValue]]:
    return [
        ["UBND TỈNH CÀ MAU"],
        ["TỔNG HỢP KINH PHÍ THỰC HIỆN CÁC HOẠT ĐỘNG KHUYẾN CÔNG NĂM 2020"],
        ["ĐVT kinh phí: triệu đồng"],
        ["STT", "Nội dung hoạt động", "ĐVT", "Số lượng", "Kinh phí"],
        ["I", "HỖ TRỢ ỨNG DỤNG MÁY MÓC THIẾT BỊ", None, None, None],
        ["1", "Hỗ trợ máy xay xát gạo", "cơ sở", 3, 155],
        ["2", "Hỗ trợ máy ép viên nén", "cơ sở", 2, 160],
        [None, "Cộng mục I", "cơ sở", 5, 315],
        ["II", "ĐÀO TẠO NGHỀ, TRUYỀN NGHỀ, NÂNG CAO TAY NGHỀ", None, None, None],
        ["1", "Lớp đan đát lục bình", "người", 35, 240],
        ["2", workshop, "người", 40, 140],
        [None, "Cộng mục II", "người", 75, 380],
        [None, "Tổng cộng", None, None, 695],
    ]


def test_an_activitys_items_count_what_their_section_names_in_their_own_unit() -> None:
    reading = read("CaMau_KP_KC_2020.xlsx", activities())
    assert actuals(reading) == {
        ("96", "2020", "tech_support_facilities"): Decimal(5),
        ("96", "2020", "trained_workers"): Decimal(75),
    }
    # "Kinh phí" beside the counts, in the title line's unit: each activity's money, which may
    # hold counterpart funds, so its total is no total funding without KCQG and KCĐP beside it
    assert rules_of(reading) == [("money-column-not-read", None)]


def test_a_workshop_under_the_training_section_trains_no_rural_workers() -> None:
    reading = read("CaMau_KP_KC_2020.xlsx", activities("Tập huấn nâng cao năng lực quản lý"))
    assert actuals(reading)[("96", "2020", "trained_workers")] == Decimal(35)


def test_money_beside_counts_with_no_unit_anywhere_is_never_read_in_silence() -> None:
    rows = activities()
    rows[2] = [None]  # no "ĐVT kinh phí" line: the money's unit is nowhere
    reading = read("CaMau_KP_KC_2020.xlsx", rows)
    assert reading.facts == ()
    assert ("ambiguous-actual-column", None) in rules_of(reading)
