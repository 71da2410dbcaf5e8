"""Layouts that once loaded a wrong number without a word: each is read exactly, or reported.

Every test builds its workbook in memory and asserts the exact facts loaded, so that a value
counted twice, a plan or a previous year read as the period's actuals, or a unit ignored shows
up as a difference, not as a plausible number.
"""

from __future__ import annotations

from decimal import Decimal

from tests.sheets import merged, sheet, workbook
from transforms.model import CellValue, Reading
from transforms.reading.workbook import understand_workbook

Fact = tuple[str, Decimal, str, str]  # indicator, value, period, basis


def facts_of(reading: Reading) -> list[Fact]:
    """Every fact loaded, one per cell, sorted: the exact content of a reading."""
    return sorted((f.indicator, f.value, f.identity.period.label, f.basis) for f in reading.facts)


def rules_of(reading: Reading) -> list[tuple[str, str | None]]:
    return [(f.rule, f.cell) for f in reading.findings]


def title(province: str, line: str) -> list[list[CellValue]]:
    return [[f"UBND TỈNH {province}"], ["SỞ CÔNG THƯƠNG"], [None], [line], [None]]


def read(file_name: str, rows: list[list[CellValue]], merges: str = "") -> Reading:
    blocks = merged(*merges.split()) if merges else ()
    return understand_workbook(workbook(file_name, sheet("BC", rows, blocks)))


# --- A3: detail rows numbered 1.1, 1.2 are parts of the row numbered 1 ---------------------


def numbered_rows(first: CellValue = "1.1", second: CellValue = "1.2") -> list[list[CellValue]]:
    return [
        *title("BẮC GIANG", "BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG NĂM 2008"),
        ["TT", "Nội dung hoạt động", "ĐVT", "Số lượng", "Kinh phí (triệu đồng)", None, None],
        [None, None, None, None, "Tổng", "KCQG", "KCĐP"],
        [1, "Đào tạo nghề, truyền nghề", "người", 500, 600, 400, 200],
        [first, "Đào tạo nghề mây tre đan", "người", 300, 350, 250, 100],
        [second, "Đào tạo nghề thêu ren", "người", 200, 250, 150, 100],
        [2, "Hỗ trợ ứng dụng máy móc thiết bị", "cơ sở", 6, 900, 600, 300],
        [None, "Cộng", None, None, 1500, 1000, 500],
    ]


NUMBERED_MERGES = "A6:A7 B6:B7 C6:C7 D6:D7 E6:G6"
NUMBERED_FACTS = [
    ("extension_funding", Decimal(600), "2008", "actual"),
    ("extension_funding", Decimal(900), "2008", "actual"),
    ("extension_funding_local", Decimal(200), "2008", "actual"),
    ("extension_funding_local", Decimal(300), "2008", "actual"),
    ("extension_funding_national", Decimal(400), "2008", "actual"),
    ("extension_funding_national", Decimal(600), "2008", "actual"),
    ("tech_support_facilities", Decimal(6), "2008", "actual"),
    ("trained_workers", Decimal(500), "2008", "actual"),
]


def test_rows_numbered_1_1_and_1_2_are_parts_of_row_1_never_added_to_it() -> None:
    reading = read("BC_KhuyenCong_BacGiang_2008.xlsx", numbered_rows(), NUMBERED_MERGES)
    assert facts_of(reading) == NUMBERED_FACTS
    assert rules_of(reading) == []


def test_a_sub_number_typed_into_excel_as_a_number_is_still_a_sub_number() -> None:
    reading = read("BC_KhuyenCong_BacGiang_2008.xlsx", numbered_rows(1.1, 1.2), NUMBERED_MERGES)
    assert facts_of(reading) == NUMBERED_FACTS


def test_rows_numbered_1_2_3_stay_separate_items() -> None:
    rows = numbered_rows(2, 3)
    rows[10][0] = 4
    reading = read("BC_KhuyenCong_BacGiang_2008.xlsx", rows, NUMBERED_MERGES)
    trained = [f for f in facts_of(reading) if f[0] == "trained_workers"]
    assert [f[1] for f in trained] == [200, 300, 500]


# --- A11: a unit stated in the row label ----------------------------------------------------


def test_a_money_unit_in_the_row_label_beats_the_sheets_unit() -> None:
    rows = [
        *title("PHÚ THỌ", "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2009"),
        [None, None, "Đơn vị tính: triệu đồng"],
        ["STT", "Chỉ tiêu", "Thực hiện"],
        [1, "Tổng kinh phí khuyến công", "1.500"],
        [2, "Giá trị sản xuất CNNT (tỷ đồng)", "1.250,5"],
        [3, "Số lao động được đào tạo (người)", 420],
    ]
    reading = read("Bao cao KC 2009 - Phu Tho.xlsx", rows)
    assert facts_of(reading) == [
        ("extension_funding", Decimal(1500), "2009", "actual"),
        ("rural_industry_output", Decimal(1_250_500), "2009", "actual"),
        ("trained_workers", Decimal(420), "2009", "actual"),
    ]
    assert rules_of(reading) == []


def test_a_label_and_a_dvt_naming_two_money_units_is_a_conflict() -> None:
    rows = [
        *title("PHÚ THỌ", "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2009"),
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        [1, "Giá trị sản xuất CNNT (tỷ đồng)", "triệu đồng", "1.250,5"],
    ]
    reading = read("Bao cao KC 2009 - Phu Tho.xlsx", rows)
    assert ("money-unit-conflict", "D7") in rules_of(reading)


# --- A2: a percentage row is never a count or money fact ------------------------------------


def test_a_percentage_row_is_not_added_to_the_indicator_its_label_names() -> None:
    rows = [
        *title("NGHỆ AN", "BÁO CÁO KẾT QUẢ THỰC HIỆN CÔNG TÁC KHUYẾN CÔNG NĂM 2010"),
        ["STT", "Nội dung", "ĐVT", "Năm 2010", None],
        [None, None, None, "Kế hoạch", "Thực hiện"],
        [1, "Số lao động được đào tạo nghề", "người", 500, 450],
        [2, "Tỷ lệ lao động được đào tạo có việc làm", "%", 80, 85],
        [3, "Số lớp đào tạo nghề", "lớp", 16, 15],
        [4, "Lao động được đào tạo có việc làm", "%", 70, 75],
    ]
    reading = read("Bao cao KC nam 2010 - Nghe An.xls", rows, "A6:A7 B6:B7 C6:C7 D6:E6")
    assert facts_of(reading) == [
        ("trained_workers", Decimal(450), "2010", "actual"),
        ("trained_workers", Decimal(500), "2010", "plan"),
        ("training_classes", Decimal(15), "2010", "actual"),
        ("training_classes", Decimal(16), "2010", "plan"),
    ]
    assert rules_of(reading) == []


def test_a_percentage_of_money_is_neither_money_nor_a_missing_unit() -> None:
    rows = [
        *title("NGHỆ AN", "BÁO CÁO KẾT QUẢ THỰC HIỆN CÔNG TÁC KHUYẾN CÔNG NĂM 2010"),
        ["STT", "Nội dung", "Thực hiện"],
        [1, "Số lao động được đào tạo nghề (người)", 450],
        [2, "Kinh phí khuyến công (triệu đồng)", 1200],
        [3, "Tỷ lệ giải ngân kinh phí khuyến công", 95],
    ]
    reading = read("Bao cao KC nam 2010 - Nghe An.xls", rows)
    assert facts_of(reading) == [
        ("extension_funding", Decimal(1200), "2010", "actual"),
        ("trained_workers", Decimal(450), "2010", "actual"),
    ]
    assert rules_of(reading) == []


def test_a_percentage_row_gives_no_fact_in_the_funding_columns_either() -> None:
    rows = numbered_rows()
    rows[8:10] = [[None, "Tỷ lệ kinh phí so với kế hoạch", "%", None, 95, 90, 100]]
    rows[-1][4:] = [1500, 1000, 500]
    reading = read("BC_KhuyenCong_BacGiang_2008.xlsx", rows, NUMBERED_MERGES)
    assert facts_of(reading) == NUMBERED_FACTS
    assert rules_of(reading) == []


# --- A1 and A7: a row label naming another year, or a plan or cumulative figure -------------


def test_row_labels_naming_other_years_plans_or_cumulative_figures_are_not_actuals() -> None:
    rows = [
        [None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        *title("THÁI NGUYÊN", "BÁO CÁO MỘT SỐ CHỈ TIÊU PHÁT TRIỂN CNNT NĂM 2011"),
        ["STT", "Chỉ tiêu", "ĐVT", "Số liệu"],
        [1, "Giá trị sản xuất CNNT năm 2006", "Tr.đồng", "462.000"],
        [2, "Giá trị sản xuất CNNT năm 2010", "Tr.đồng", "1.300.000"],
        [3, "Số làng có nghề", "làng", 160],
        [4, "Số đề án khuyến công thực hiện năm 2011", "đề án", 18],
        [5, "Số đề án khuyến công lũy kế 2006-2011", "đề án", 135],
        [6, "Kinh phí khuyến công lũy kế 2006-2011", "Tỷ đ", 10],
        [7, "Số đề án kế hoạch đến hết năm 2012", "đề án", 150],
        [8, "Tổng kinh phí kế hoạch đến hết năm 2012", "Tỷ đ", "khoảng 20"],
        [9, "Đào tạo nghề theo Nghị định 134/2004/NĐ-CP", "người", 90],
    ]
    reading = read("BC_KhuyenCong_ThaiNguyen_2011.xlsx", rows)
    assert facts_of(reading) == [
        ("craft_villages", Decimal(160), "2011", "actual"),
        ("extension_projects", Decimal(18), "2011", "actual"),
        ("trained_workers", Decimal(90), "2011", "actual"),  # a decree's year is no period
    ]
    assert rules_of(reading) == []


def test_years_as_rows_give_only_the_periods_row() -> None:
    rows = [
        ["SỞ CÔNG THƯƠNG TỈNH BẮC NINH"],
        [None],
        ["KẾT QUẢ KHUYẾN CÔNG NĂM 2011 SO VỚI CÁC NĂM TRƯỚC"],
        [None],
        ["Năm", "Số LĐ được đào tạo (người)", "Số mô hình trình diễn", "Kinh phí KCĐP (tr.đ)"],
        ["Năm 2009", 400, 2, 800],
        ["Năm 2010", 450, 3, 900],
        ["Năm 2011", 500, 4, 1000],
        ["Cộng", 1350, 9, 2700],
    ]
    reading = read("TH_KC_2011_BacNinh.xlsx", rows)
    assert facts_of(reading) == [
        ("demo_models", Decimal(4), "2011", "actual"),
        ("extension_funding_local", Decimal(1000), "2011", "actual"),
        ("trained_workers", Decimal(500), "2011", "actual"),
    ]
    assert rules_of(reading) == []  # the total adds up the years it is written under


def test_details_under_a_section_naming_next_years_plan_are_not_actuals() -> None:
    rows = [
        *title("THÁI NGUYÊN", "BÁO CÁO KẾT QUẢ THỰC HIỆN CÔNG TÁC KHUYẾN CÔNG NĂM 2011"),
        ["STT", "Nội dung", "ĐVT", "Số lượng"],
        ["I", "Kết quả thực hiện kế hoạch năm 2011", None, None],
        [1, "Số lao động được đào tạo nghề", "người", 500],
        [2, "Số đề án khuyến công", "đề án", 12],
        ["II", "Kế hoạch năm 2012", None, None],
        [1, "Số lao động được đào tạo nghề", "người", 600],
        [2, "Số đề án khuyến công", "đề án", 15],
    ]
    reading = read("BC_KC_ThaiNguyen_2011.xlsx", rows)
    assert facts_of(reading) == [
        ("extension_projects", Decimal(12), "2011", "actual"),
        ("trained_workers", Decimal(500), "2011", "actual"),
    ]


# --- A4: "Tổng số <indicator>" under detail rows of that indicator is their total -----------


def hai_duong_rows(total: CellValue = 500) -> list[list[CellValue]]:
    return [
        ["SỞ CÔNG THƯƠNG HẢI DƯƠNG"],
        ["TRUNG TÂM KHUYẾN CÔNG"],
        [None],
        ["KẾT QUẢ ĐÀO TẠO NGHỀ NĂM 2009"],
        [None],
        ["STT", "Nội dung", "ĐVT", "Thực hiện"],
        [1, "Đào tạo nghề gốm sứ", "người", 150],
        [2, "Đào tạo nghề mây tre đan", "người", 200],
        [3, "Đào tạo nghề thêu ren", "người", 150],
        [None, "Tổng số lao động được đào tạo", "người", total],
        [None, "Số lớp đào tạo nghề", "lớp", 15],
    ]


def test_a_total_naming_the_indicator_of_its_details_is_their_total_not_a_detail() -> None:
    reading = read("KC_HaiDuong_2009.xlsx", hai_duong_rows())
    assert facts_of(reading) == [
        ("trained_workers", Decimal(150), "2009", "actual"),
        ("trained_workers", Decimal(150), "2009", "actual"),
        ("trained_workers", Decimal(200), "2009", "actual"),
        ("training_classes", Decimal(15), "2009", "actual"),
    ]
    assert rules_of(reading) == []


def test_such_a_total_that_disagrees_with_its_details_is_reported() -> None:
    reading = read("KC_HaiDuong_2009.xlsx", hai_duong_rows(total=520))
    assert rules_of(reading) == [("total-mismatch", "D10")]
    assert sum(f[1] for f in facts_of(reading) if f[0] == "trained_workers") == 500


def test_a_total_of_one_indicator_under_rows_of_another_is_an_item() -> None:
    rows = [
        *title("HẢI DƯƠNG", "KẾT QUẢ KHUYẾN CÔNG NĂM 2009"),
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        [1, "Kinh phí KCQG", "triệu đồng", 700],
        [2, "Kinh phí KCĐP", "triệu đồng", 300],
        [3, "Tổng kinh phí khuyến công", "triệu đồng", 1000],
        [4, "Tổng số lao động được đào tạo", "người", 450],
    ]
    reading = read("KC_HaiDuong_2009.xlsx", rows)
    assert facts_of(reading) == [
        ("extension_funding", Decimal(1000), "2009", "actual"),
        ("extension_funding_local", Decimal(300), "2009", "actual"),
        ("extension_funding_national", Decimal(700), "2009", "actual"),
        ("trained_workers", Decimal(450), "2009", "actual"),
    ]
    assert rules_of(reading) == []


# --- total checks: how a disagreement reads, and a total written above its details ----------


def funding_rows(total: CellValue, *, on_top: bool = False) -> list[list[CellValue]]:
    details: list[list[CellValue]] = [
        [1, "Đào tạo nghề", "người", 500, 1200, 800, 400],
        [2, "Hỗ trợ ứng dụng máy móc thiết bị", "cơ sở", 6, 900, 600, 300],
    ]
    total_row: list[CellValue] = [None, "Tổng cộng", None, None, total, 1400, 700]
    body = [total_row, *details] if on_top else [*details, total_row]
    return [
        *title("BẮC GIANG", "BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG NĂM 2008"),
        ["TT", "Nội dung hoạt động", "ĐVT", "Số lượng", "Kinh phí (triệu đồng)", None, None],
        [None, None, None, None, "Tổng", "KCQG", "KCĐP"],
        *body,
    ]


def test_a_total_mismatch_states_the_details_sum_as_people_write_it() -> None:
    reading = read("BC_KC_BacGiang_2008.xlsx", funding_rows(2000), NUMBERED_MERGES)
    (mismatch,) = reading.findings
    assert (mismatch.rule, mismatch.cell, dict(mismatch.params)) == (
        "total-mismatch",
        "E10",
        {"expected": "2100"},
    )


def test_a_total_above_its_details_is_compared_with_them_not_with_nothing() -> None:
    agreeing = read("BC_KC_BacGiang_2008.xlsx", funding_rows(2100, on_top=True), NUMBERED_MERGES)
    assert rules_of(agreeing) == []
    assert len(agreeing.facts) == 8
    wrong = read("BC_KC_BacGiang_2008.xlsx", funding_rows(2000, on_top=True), NUMBERED_MERGES)
    assert rules_of(wrong) == [("total-mismatch", "E8")]


# --- A10: a multi-year report with a column per year and no column for the period ----------


def test_one_year_of_a_multi_year_report_is_not_its_figure_for_the_period() -> None:
    rows = [
        *title("QUẢNG NAM", "BÁO CÁO TỔNG KẾT CÔNG TÁC KHUYẾN CÔNG GIAI ĐOẠN 2006-2010"),
        ["STT", "Chỉ tiêu", "ĐVT", "Năm 2006", "Năm 2007", "Năm 2008", "Năm 2009", "Năm 2010"],
        [1, "Số lao động được đào tạo nghề", "người", 100, 200, 300, 400, 500],
    ]
    reading = read("TongKet_KC_QuangNam_2006-2010.xlsx", rows)
    assert facts_of(reading) == []
    assert [rule for rule, _ in rules_of(reading)] == ["no-actual-column"]

    rows[5] += ["Cả giai đoạn"]
    rows[6] += [1500]
    assert facts_of(read("TongKet_KC_QuangNam_2006-2010.xlsx", rows)) == [
        ("trained_workers", Decimal(1500), "2006-2010", "actual")
    ]


# --- B4: a section broken down by craft, not by indicator, carries the figure itself -------


def test_a_section_whose_details_name_no_indicator_is_the_figure() -> None:
    rows = [
        *title("QUẢNG NINH", "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2009"),
        ["STT", "Nội dung", "ĐVT", "Thực hiện"],
        ["I", "Đào tạo nghề", "người", 500],
        [1, "Nghề mây tre đan", "người", 300],
        [2, "Nghề thêu ren", "người", 200],
        ["II", "Mô hình trình diễn kỹ thuật", "mô hình", 3],
    ]
    assert facts_of(read("KC_QuangNinh_2009.xlsx", rows)) == [
        ("demo_models", Decimal(3), "2009", "actual"),
        ("trained_workers", Decimal(500), "2009", "actual"),
    ]


# --- money columns never give counts --------------------------------------------------------


def test_counterpart_funds_are_never_read_as_the_rows_figures() -> None:
    rows = [
        *title("PHÚ YÊN", "KINH PHÍ KHUYẾN CÔNG NĂM 2010"),
        ["Đơn vị tính: triệu đồng"],
        ["STT", "Nội dung", "KCQG", "KCĐP", "Vốn đối ứng"],
        [1, "Mô hình trình diễn kỹ thuật sấy nông sản", 500, 200, 300],
        [2, "Đào tạo nghề mây tre đan", 300, 200, 150],
    ]
    totals: dict[str, Decimal] = {}
    for indicator, value, _, _ in facts_of(read("BC_KC_2010_PhuYen.xlsx", rows)):
        totals[indicator] = totals.get(indicator, Decimal(0)) + value
    assert totals == {
        "extension_funding_national": Decimal(800),
        "extension_funding_local": Decimal(400),
    }


def test_a_count_is_never_read_from_a_column_headed_in_money() -> None:
    rows = [
        *title("NAM ĐỊNH", "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2010"),
        ["STT", "Nội dung", "Kinh phí (triệu đồng)"],
        [1, "Đào tạo nghề, truyền nghề", 480],
        [2, "Xây dựng mô hình trình diễn kỹ thuật", 600],
    ]
    reading = read("BC_KC_2010_NamDinh.xlsx", rows)
    assert [f for f in facts_of(reading) if f[0] in ("trained_workers", "demo_models")] == []
    assert ("unit-mismatch", "C7") in rules_of(reading)


# --- a label merged over two rows labels both -----------------------------------------------


def test_a_label_merged_over_rows_in_two_units_labels_each_row() -> None:
    rows = [
        *title("THANH HÓA", "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2010"),
        ["STT", "Nội dung", "ĐVT", "Thực hiện"],
        [1, "Đào tạo nghề", "người", 640],
        [None, None, "lớp", 21],
        [2, "Mô hình trình diễn kỹ thuật", "mô hình", 5],
    ]
    assert facts_of(read("BC_KC_2010_ThanhHoa.xlsx", rows, "A7:A8 B7:B8")) == [
        ("demo_models", Decimal(5), "2010", "actual"),
        ("trained_workers", Decimal(640), "2010", "actual"),
        ("training_classes", Decimal(21), "2010", "actual"),
    ]


# --- part-year columns are not a whole year's actuals, nor the year a half-year's -----------


def part_year_rows(period_title: str, headers: list[str], values: list[int]) -> list[list]:
    return [
        *title("HẢI PHÒNG", period_title),
        ["STT", "Chỉ tiêu", "ĐVT", *headers],
        [1, "Số lao động được đào tạo nghề", "người", *values],
    ]


def test_half_year_columns_of_an_annual_report_are_not_its_actuals() -> None:
    rows = part_year_rows(
        "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2010",
        ["6 tháng đầu năm", "6 tháng cuối năm", "Cả năm 2010"],
        [200, 310, 510],
    )
    assert facts_of(read("BC_KC_2010_HaiPhong.xlsx", rows)) == [
        ("trained_workers", Decimal(510), "2010", "actual")
    ]


def test_a_whole_year_estimate_is_not_a_half_years_actuals() -> None:
    rows = part_year_rows(
        "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG 6 THÁNG ĐẦU NĂM 2010",
        ["Thực hiện 6 tháng", "Ước thực hiện cả năm 2010"],
        [210, 450],
    )
    assert facts_of(read("BC_KC_6T_2010_HaiPhong.xlsx", rows)) == [
        ("trained_workers", Decimal(210), "2010-H1", "actual")
    ]


# --- a number merged across two value columns belongs to neither on a guess -----------------


def test_a_value_merged_across_year_columns_is_reported_not_dropped() -> None:
    rows = [
        *title("BẮC GIANG", "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2010"),
        ["STT", "Chỉ tiêu", "ĐVT", "Năm 2009", "Năm 2010"],
        [1, "Số lao động được đào tạo nghề", "người", 480, 520],
        [2, "Số làng nghề được công nhận", "làng", 45, None],
    ]
    reading = read("BC_KC_2010_BacGiang_langnghe.xlsx", rows, "D8:E8")
    assert ("merged-value", "E8") in rules_of(reading)
    assert not [f for f in facts_of(reading) if f[0] == "recognised_craft_villages"]


def test_a_month_or_year_to_date_column_is_not_the_periods_actuals() -> None:
    annual = part_year_rows(
        "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2010", ["Tháng 12", "Cả năm 2010"], [120, 500]
    )
    assert facts_of(read("BC_KC_2010_HaiPhong.xlsx", annual)) == [
        ("trained_workers", Decimal(500), "2010", "actual")
    ]
    quarter = part_year_rows(
        "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG QUÝ III NĂM 2010", ["Từ đầu năm đến nay"], [380]
    )
    reading = read("BC_KC_Quy3_2010_HaiPhong.xlsx", quarter)
    assert facts_of(reading) == []
    assert [rule for rule, _ in rules_of(reading)] == ["no-actual-column"]
