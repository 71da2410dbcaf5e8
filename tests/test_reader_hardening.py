"""Workbooks a probe of hand-made submissions found misread: who, when, and which table.

Each case is a layout real clerks send that the sample generator does not make: a table
starting in A1, a summary with its detail below it on one sheet, no title at all, a sheet
typed in a legacy font whose short header cells syllable scoring cannot judge.
"""

from __future__ import annotations

from decimal import Decimal

from tests.sheets import sheet, workbook
from transforms.findings import is_error
from transforms.legacy_text import repair_text
from transforms.model import Reading, Sheet
from transforms.reading.sheets import is_plan_title
from transforms.reading.workbook import understand_workbook


def actuals(reading: Reading) -> dict[tuple[str, str, str], Decimal]:
    """Loaded figures by (province code, period, indicator), summed as the marts would."""
    totals: dict[tuple[str, str, str], Decimal] = {}
    for fact in reading.facts:
        if fact.basis == "actual":
            key = (fact.identity.province_code, fact.identity.period.label, fact.indicator)
            totals[key] = totals.get(key, Decimal(0)) + fact.value
    return totals


def read(file_name: str, rows: list[list[object]]) -> Reading:
    return understand_workbook(workbook(file_name, sheet("BC", rows)))


def errors(reading: Reading) -> list[str]:
    return [f.rule for f in reading.findings if is_error(f)]


TWO_YEARS = [
    ["STT", "Chỉ tiêu", "ĐVT", "Năm 2008", "Năm 2009"],
    [1, "Số lao động được đào tạo nghề", "người", 1100, 1234],
    [2, "Số mô hình trình diễn kỹ thuật", "mô hình", 3, 4],
]


def test_a_table_starting_in_a1_takes_its_period_from_the_file_name_not_its_header() -> None:
    reading = understand_workbook(
        workbook("Bao cao KC 2009 - Ben Tre.xlsx", sheet("BC", TWO_YEARS))
    )
    assert errors(reading) == []
    assert actuals(reading) == {
        ("83", "2009", "trained_workers"): Decimal(1234),
        ("83", "2009", "demo_models"): Decimal(4),
    }


def test_years_in_the_header_are_not_the_period_of_a_report_that_names_none() -> None:
    reading = read("Bao cao khuyen cong - Soc Trang.xlsx", TWO_YEARS)
    assert reading.facts == ()
    assert "period-missing" in errors(reading)


def test_a_place_named_in_the_body_is_not_the_province_of_the_report() -> None:
    rows = [
        ["BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG NĂM 2010"],
        [None],
        ["STT", "Nội dung", "ĐVT", "Thực hiện"],
        [1, "Tham gia hội chợ hàng công nghiệp nông thôn tại Hà Nội", "cuộc", 2],
        [2, "Số lao động được đào tạo nghề", "người", 300],
    ]
    reading = read("BaoCao_TTKC_2010.xlsx", rows)
    assert reading.facts == ()
    assert "province-missing" in errors(reading)


def test_a_detail_table_below_its_summary_is_a_repeat_not_more_of_the_same() -> None:
    rows = [
        ["BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG TỈNH NAM ĐỊNH NĂM 2010"],
        [None],
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        [1, "Số lao động được đào tạo nghề", "người", 270],
        [2, "Số lớp đào tạo nghề", "lớp", 9],
        [None],
        ["CHI TIẾT CÁC LỚP ĐÀO TẠO NGHỀ"],
        ["STT", "Nội dung", "Địa điểm", "Số lao động được đào tạo nghề"],
        [1, "Lớp mây tre đan", "Ý Yên", 30],
        [2, "Lớp thêu ren", "Hải Hậu", 35],
        [3, "Lớp sơn mài", "Nam Trực", 205],
    ]
    reading = understand_workbook(
        workbook("BaoCao_KhuyenCong_NamDinh_2010.xlsx", sheet("BC", rows))
    )
    assert actuals(reading)[("36", "2010", "trained_workers")] == Decimal(270)
    assert "duplicate-indicator" not in errors(reading)

    rows[10][3] = 305  # the detail no longer adds up to the summary: never added, an error
    reading = understand_workbook(
        workbook("BaoCao_KhuyenCong_NamDinh_2010.xlsx", sheet("BC", rows))
    )
    assert "duplicate-indicator" in errors(reading)


def test_short_cells_in_a_legacy_font_are_decoded_by_their_font() -> None:
    assert repair_text("ÑVT", "VNI-Times").text == "ĐVT"
    assert repair_text("§VT", ".VnTime").text == "ĐVT"
    assert repair_text("ĐVT", ".VnTime").text == "ĐVT"  # typed in Unicode: left alone


def test_a_numbered_plan_heading_is_a_plan_title() -> None:
    assert is_plan_title("II. KẾ HOẠCH NĂM 2012")
    assert is_plan_title("Kế hoạch khuyến công năm 2012")
    assert not is_plan_title("I. KẾT QUẢ THỰC HIỆN NĂM 2011")
    assert not is_plan_title("Theo kế hoạch năm 2011, tỉnh đã thực hiện")


def report_2010(*body: list[object]) -> list[list[object]]:
    return [
        ["BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG TỈNH LẠNG SƠN NĂM 2010"],
        [None],
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        *body,
    ]


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


def test_a_file_named_by_year_may_hold_a_half_year_report_of_that_year() -> None:
    rows = [
        ["BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG 6 THÁNG ĐẦU NĂM 2010"],
        [None],
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        [1, "Số lao động được đào tạo nghề", "người", 230],
    ]
    reading = read("BC_KhuyenCong_BacKan_2010.xlsx", rows)
    assert actuals(reading) == {("06", "2010-H1", "trained_workers"): Decimal(230)}
    rows[0][0] = "BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG 6 THÁNG ĐẦU NĂM 2011"
    assert "period-conflict" in errors(read("BC_KhuyenCong_BacKan_2010.xlsx", rows))


def test_a_legacy_unit_too_short_to_repair_still_says_what_a_row_counts() -> None:
    from transforms.indicators import match_indicator

    assert match_indicator("Đào tạo nghề", "líp").indicator.code == "training_classes"  # lớp
    assert match_indicator("Đào tạo nghề", "ng­êi").indicator.code == "trained_workers"  # người


def test_a_column_of_provinces_headed_don_vi_makes_a_regional_compilation() -> None:
    rows = [
        ["TỔNG HỢP KẾT QUẢ KHUYẾN CÔNG CÁC TỈNH MIỀN TRUNG NĂM 2009"],
        [None],
        ["STT", "Đơn vị", "Số lao động được đào tạo nghề", "Số mô hình trình diễn"],
        [1, "Đà Nẵng", 300, 2],
        [2, "Quảng Nam", 400, 3],
        [3, "Quảng Ngãi", 250, 1],
        [None, "Tổng cộng", 950, 6],
    ]
    reading = read("TongHop_KC_MienTrung_2009.xlsx", rows)
    assert errors(reading) == []
    assert actuals(reading) == {
        ("48", "2009", "trained_workers"): Decimal(300),
        ("48", "2009", "demo_models"): Decimal(2),
        ("49", "2009", "trained_workers"): Decimal(400),
        ("49", "2009", "demo_models"): Decimal(3),
        ("51", "2009", "trained_workers"): Decimal(250),
        ("51", "2009", "demo_models"): Decimal(1),
    }


def test_districts_under_dia_phuong_are_one_provinces_breakdown() -> None:
    rows = [
        ["UBND TỈNH THÁI NGUYÊN"],
        ["KẾT QUẢ ĐÀO TẠO NGHỀ NĂM 2010"],
        [None],
        ["STT", "Địa phương", "Số lao động được đào tạo nghề", "Số lớp đào tạo nghề"],
        [1, "Huyện Đại Từ", 90, 3],
        [2, "Huyện Phú Lương", 100, 3],
        [3, "TP. Thái Nguyên", 80, 3],
        [None, "Cộng", 270, 9],
    ]
    reading = read("KQ dao tao nghe 2010 - Thai Nguyen.xlsx", rows)
    assert errors(reading) == []
    assert actuals(reading) == {
        ("19", "2010", "trained_workers"): Decimal(270),
        ("19", "2010", "training_classes"): Decimal(9),
    }


def test_a_year_stated_just_above_a_table_narrows_the_workbooks_range() -> None:
    def year_sheet(name: str, year: int, trained: int) -> Sheet:
        return sheet(
            name,
            [
                [f"Năm {year}"],
                ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
                [1, "Số lao động được đào tạo nghề", "người", trained],
            ],
        )

    first = sheet(
        "2008",
        [
            ["UBND TỈNH HÀ TĨNH"],
            ["BÁO CÁO KẾT QUẢ KHUYẾN CÔNG GIAI ĐOẠN 2008-2010"],
            ["Năm 2008"],
            ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
            [1, "Số lao động được đào tạo nghề", "người", 100],
        ],
    )
    reading = understand_workbook(
        workbook(
            "BC_KC_HaTinh_tonghop.xlsx",
            first,
            year_sheet("Nam 2009", 2009, 200),
            year_sheet("Nam 2010", 2010, 300),
        )
    )
    assert errors(reading) == []
    assert actuals(reading) == {
        ("42", "2008", "trained_workers"): Decimal(100),
        ("42", "2009", "trained_workers"): Decimal(200),
        ("42", "2010", "trained_workers"): Decimal(300),
    }


def test_a_file_named_by_a_range_holds_reports_of_years_inside_it() -> None:
    rows = [
        ["SỞ CÔNG THƯƠNG TỈNH QUẢNG BÌNH"],
        ["BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2009"],
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        [1, "Số lao động được đào tạo nghề", "người", 200],
    ]
    reading = read("BC_KC_QuangBinh_2008-2010.xlsx", rows)
    assert actuals(reading) == {("44", "2009", "trained_workers"): Decimal(200)}
    rows[1][0] = "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2011"
    assert "period-conflict" in errors(read("BC_KC_QuangBinh_2008-2010.xlsx", rows))


def test_a_sheet_named_for_its_province_reports_for_that_province() -> None:
    def province_sheet(name: str, trained: int, title: tuple[str, ...] = ()) -> Sheet:
        body = [
            ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
            [1, "Số lao động được đào tạo nghề", "người", trained],
        ]
        return sheet(name, [[line] for line in title] + body)

    reading = understand_workbook(
        workbook(
            "TH_KC_2010_TayBac.xlsx",
            province_sheet("Lai Chau", 210, ("UBND TỈNH LAI CHÂU", "BÁO CÁO KHUYẾN CÔNG NĂM 2010")),
            province_sheet("Dien Bien", 330),
        )
    )
    assert errors(reading) == []
    assert actuals(reading) == {
        ("12", "2010", "trained_workers"): Decimal(210),
        ("11", "2010", "trained_workers"): Decimal(330),
    }


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


def test_the_clusters_a_province_has_are_not_clusters_supported() -> None:
    from transforms.indicators import match_indicator

    assert match_indicator("Số cụm công nghiệp", "cụm").indicator is None
    assert match_indicator("Số cụm công nghiệp hiện có", "CCN").indicator is None
    supported = match_indicator("Cụm công nghiệp được hỗ trợ quy hoạch", "cụm").indicator
    assert supported is not None and supported.code == "industrial_clusters_supported"
