"""Notes written inside a table and older offices' column names: a note is no figure and no
end of the figures, "năm trước" is another year's column."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from tests.sheets import merged, sheet, workbook
from tests.transforms.readings import actuals, read, rules_of
from tests.transforms.reports import titled
from transforms.indicators import match_label
from transforms.reading.workbook import understand_workbook

NOTE = "(Trong năm có 2 lớp do doanh nghiệp tự tổ chức, không tính vào số liệu trên)"


def older_report(columns: list[str], merge_note: str = "") -> list[list[object]]:
    return [
        *titled("LÀO CAI", "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2006"),
        ["STT", "Chỉ tiêu", "ĐVT", *columns],
        ["I", "Đào tạo nghề, truyền nghề", None, None, None],
        [1, "Số lao động nông thôn được đào tạo nghề", "người", 300, 349],
        [None, NOTE, None, None, None],
        ["II", "Kinh phí thực hiện", None, None, None],
        [1, "Tổng kinh phí khuyến công", "triệu đồng", 7000, 7635],
        [None, "Ghi chú: vốn đối ứng của các cơ sở thụ hưởng không tổng hợp vào bảng này"],
        ["III", "Các hoạt động và thông tin khác", None, None, None],
        [1, "Số làng có nghề", "làng", 120, 141],
        [None, "Người lập biểu", None, "GIÁM ĐỐC"],
        [2, "Số làng nghề được công nhận", "làng", 5, 7],  # under the signature: no row of it
    ]


def test_a_note_merged_across_the_figures_is_no_figure_and_a_note_between_sections_no_end() -> None:
    rows = older_report(["Thực hiện năm trước", "Thực hiện năm nay"])
    reading = read("LaoCai_2006.xlsx", rows, "B10:E10")
    assert actuals(reading) == {
        ("10", "2006", "trained_workers"): Decimal(349),
        ("10", "2006", "extension_funding"): Decimal(7635),
        ("10", "2006", "craft_villages"): Decimal(141),
    }
    assert rules_of(reading) == []


def test_a_figure_merged_across_two_columns_is_still_reported() -> None:
    rows = older_report(["Thực hiện năm trước", "Thực hiện năm nay"])
    rows[8] = [1, "Số lao động nông thôn được đào tạo nghề", "người", 349, None]
    reading = read("LaoCai_2006.xlsx", rows, "D9:E9")
    assert ("merged-value", "E9") in rules_of(reading)


def test_a_note_under_the_last_section_ends_the_table() -> None:
    rows = older_report(["Thực hiện năm trước", "Thực hiện năm nay"])
    rows[13] = ["IV", "Các hoạt động khác", None, None, None]  # not the section after II
    reading = read("LaoCai_2006.xlsx", rows)
    assert ("10", "2006", "craft_villages") not in actuals(reading)


def test_a_compilations_note_row_between_provinces_names_no_province() -> None:
    rows = [
        ["BỘ CÔNG NGHIỆP"],
        ["TỔNG HỢP KẾT QUẢ KHUYẾN CÔNG NĂM 2007 CÁC TỈNH PHÍA BẮC"],
        ["STT", "Tỉnh, thành phố", "Số đề án", "Lao động được đào tạo (người)"],
        [1, "Cao Bằng", 10, 2383],
        [None, "(Số liệu Cao Bằng là số ước, tỉnh chưa gửi báo cáo chính thức)", None, None],
        [2, "Bắc Giang", 27, 2431],
        [None, "Tổng cộng", 37, 4814],
    ]
    reading = read("TongHop_2007.xlsx", rows)
    assert actuals(reading) == {
        ("04", "2007", "extension_projects"): Decimal(10),
        ("04", "2007", "trained_workers"): Decimal(2383),
        ("24", "2007", "extension_projects"): Decimal(27),
        ("24", "2007", "trained_workers"): Decimal(2431),
    }
    assert rules_of(reading) == []


def test_a_hidden_column_under_its_group_leaves_one_actuals_column() -> None:
    rows = [
        *titled("PHÚ THỌ", "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2012"),
        ["STT", "Chỉ tiêu", "ĐVT", "Số liệu", None, None],
        [None, None, None, "Kế hoạch năm 2012", "TH năm 2011", "Thực hiện năm 2012"],
        [1, "Số lao động được đào tạo nghề", "người", 783, 856, 952],
    ]
    hidden = replace(sheet("BC", rows, merged("D6:F6")), hidden_cols=(4,))  # "TH năm 2011"
    reading = understand_workbook(workbook("PhuTho_2012.xlsx", hidden))
    assert actuals(reading) == {("25", "2012", "trained_workers"): Decimal(952)}
    assert rules_of(reading) == [("hidden-cells-ignored", "E7")]


def test_the_second_part_listed_after_an_of_which_row_is_a_part_too() -> None:
    rows = [
        *titled("PHÚ YÊN", "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG 6 THÁNG ĐẦU NĂM 2021"),
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện 6 tháng"],
        ["I", "HỘI CHỢ TRIỂN LÃM", "hội chợ", 1],
        ["II", "KINH PHÍ KHUYẾN CÔNG", "triệu đồng", 2840],
        [None, "Trong đó: KCQG", "triệu đồng", 1240],
        [None, "KCĐP", "triệu đồng", 1600],
    ]
    reading = read("PhuYen_6T_2021.xlsx", rows)
    assert actuals(reading) == {
        ("54", "2021-H1", "trade_fairs"): Decimal(1),
        ("54", "2021-H1", "extension_funding"): Decimal(2840),
        ("54", "2021-H1", "extension_funding_national"): Decimal(1240),
        ("54", "2021-H1", "extension_funding_local"): Decimal(1600),
    }
    rows[-1] = [None, "KCĐP", "triệu đồng", 1700]
    assert [rule for rule, _ in rules_of(read("PhuYen_6T_2021.xlsx", rows))] == [
        "funding-split-mismatch"
    ]


def test_a_stock_counted_to_date_is_the_periods_count_a_flows_running_total_is_not() -> None:
    rows = [
        *titled("HẢI DƯƠNG", "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2017"),
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        [1, "Số đề án khuyến công thực hiện", "đề án", 12],
        [2, "Số đề án lũy kế 2011-2017", "đề án", 80],
        [3, "Làng nghề được công nhận (lũy kế đến 31/12/2017)", "làng nghề", 42],
    ]
    assert actuals(read("HaiDuong_2017.xlsx", rows)) == {
        ("30", "2017", "extension_projects"): Decimal(12),
        ("30", "2017", "recognised_craft_villages"): Decimal(42),
    }


def quarters_as_rows(total_label: str = "Cả năm") -> list[list[object]]:
    return [
        *titled("THÁI BÌNH", "KẾT QUẢ HOẠT ĐỘNG KHUYẾN CÔNG THEO QUÝ NĂM 2019"),
        ["TT", "Kỳ", "Số LĐ được đào tạo (người)", "KP KCĐP (triệu đồng)"],
        ["1", "Quý I", 538, 310.5],
        ["2", "Quý II", 748, 800],
        ["3", "Quý III", 590, 340.5],
        ["4", "Quý IV", 633, 890],
        [None, total_label, 2509, 2341],
    ]


def test_rows_naming_the_quarters_are_each_quarters_never_added_into_the_year() -> None:
    reading = read("ThaiBinh_2019.xlsx", quarters_as_rows())
    assert rules_of(reading) == []  # the year's row is their sum
    assert actuals(reading) == {
        ("34", "2019", "trained_workers"): Decimal(2509),
        ("34", "2019", "extension_funding_local"): Decimal(2341),
        ("34", "2019-Q1", "trained_workers"): Decimal(538),
        ("34", "2019-Q1", "extension_funding_local"): Decimal("310.5"),
        ("34", "2019-Q2", "trained_workers"): Decimal(748),
        ("34", "2019-Q2", "extension_funding_local"): Decimal(800),
        ("34", "2019-Q3", "trained_workers"): Decimal(590),
        ("34", "2019-Q3", "extension_funding_local"): Decimal("340.5"),
        ("34", "2019-Q4", "trained_workers"): Decimal(633),
        ("34", "2019-Q4", "extension_funding_local"): Decimal(890),
    }


def test_a_total_row_naming_its_province_and_year_is_a_total_not_a_place() -> None:
    reading = read("ThaiBinh_2019.xlsx", quarters_as_rows("Tổng cộng tỉnh Thái Bình năm 2019"))
    assert actuals(reading)[("34", "2019", "trained_workers")] == Decimal(2509)  # not 5018
    assert rules_of(reading) == []


def test_quarter_rows_that_do_not_add_up_to_the_years_row_are_a_total_mismatch() -> None:
    rows = quarters_as_rows()
    rows[-1] = [None, "Cả năm", 2609, 2341]  # the quarters add up to 2509
    reading = read("ThaiBinh_2019.xlsx", rows)
    assert rules_of(reading) == [("total-mismatch", "C11")]


def test_a_clerks_abbreviation_is_spelled_out_before_any_typo_is_guessed() -> None:
    assert match_label("CSCN được HT MMTB").indicator.code == "tech_support_facilities"  # type: ignore[union-attr]


def test_month_rows_give_no_fact_and_their_total_is_the_half_years() -> None:
    rows = [
        *titled("HÀ NAM", "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG 6 THÁNG ĐẦU NĂM 2020"),
        ["TT", "Kỳ", "Số LĐ được đào tạo (người)"],
        *[[str(m), f"Tháng {m}", 100 * m] for m in range(1, 7)],
        [None, "Cộng 6 tháng", 2100],
        [None, "ngày 05 tháng 01"],  # a date under the figures, no month's row
    ]
    reading = read("HaNam_6T_2020.xlsx", rows)
    assert actuals(reading) == {("35", "2020-H1", "trained_workers"): Decimal(2100)}
    assert rules_of(reading) == []


def test_a_province_merged_into_one_that_kept_its_code_cannot_report_after_the_merger() -> None:
    rows = [
        *titled("KIÊN GIANG", "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG 6 THÁNG CUỐI NĂM 2025"),
        ["STT", "Chỉ tiêu", "ĐVT", "Kết quả thực hiện"],
        [1, "Số lao động được đào tạo nghề", "người", 714],
    ]
    # 91 is the new An Giang's code: Kiên Giang's figures alone are not the new province's
    assert [rule for rule, _ in rules_of(read("KienGiang_KC_2025.xlsx", rows))] == [
        "merged-province"
    ]
    rows[3] = ["BÁO CÁO KẾT QUẢ KHUYẾN CÔNG QUÝ II NĂM 2025"]  # before the merger: its own
    assert rules_of(read("KienGiang_KC_2025.xlsx", rows)) == []


def narrative(result: str) -> list[list[object]]:
    return [
        *titled("THÁI NGUYÊN", "BÁO CÁO KẾT QUẢ THỰC HIỆN CÔNG TÁC KHUYẾN CÔNG NĂM 2012"),
        ["STT", "Nội dung", "Kết quả", "Ghi chú"],
        [1, "Đào tạo nghề, truyền nghề cho lao động nông thôn", result, "Mây tre đan"],
        [2, "Xây dựng mô hình trình diễn kỹ thuật", "7 mô hình", None],
        [3, "Kinh phí thực hiện", "6.073,5 triệu đồng", None],
        [None, "- Kinh phí khuyến công quốc gia", "3.162 triệu đồng", None],
        [None, "- Kinh phí khuyến công địa phương", "2.911,5 triệu đồng", None],
    ]


def test_figures_stated_together_with_their_units_are_each_their_indicators() -> None:
    reading = read("TN_2012.xlsx", narrative("26 lớp, 780 học viên"))
    assert actuals(reading) == {
        ("19", "2012", "training_classes"): Decimal(26),
        ("19", "2012", "trained_workers"): Decimal(780),
        ("19", "2012", "demo_models"): Decimal(7),
        ("19", "2012", "extension_funding"): Decimal("6073.5"),
        ("19", "2012", "extension_funding_national"): Decimal(3162),  # "6.073,5" settles it
        ("19", "2012", "extension_funding_local"): Decimal("2911.5"),
    }
    assert rules_of(reading) == []


def test_figures_together_whose_units_do_not_each_settle_one_indicator_are_reported() -> None:
    reading = read("TN_2012.xlsx", narrative("26 lớp, 780 lớp"))
    assert rules_of(reading) == [("unparseable-number", "C7")]


def test_a_figure_on_a_line_of_its_own_under_its_row_is_the_indicator_its_unit_settles() -> None:
    rows = narrative("25 lớp")
    rows.insert(7, [None, None, "850 học viên", None])
    reading = read("TN_2012.xlsx", rows)
    assert actuals(reading)[("19", "2012", "training_classes")] == Decimal(25)
    assert actuals(reading)[("19", "2012", "trained_workers")] == Decimal(850)
    assert rules_of(reading) == []


def test_a_figure_typed_with_its_unit_in_a_row_left_unread_is_warned_about() -> None:
    rows = narrative("25 lớp")
    rows.insert(7, [None, None, "850 lớp", None])  # the row's own unit again: no second figure
    reading = read("TN_2012.xlsx", rows)
    assert ("cell-not-read", "C8") in rules_of(reading)


def test_a_count_column_of_a_compilation_settles_its_digit_grouping() -> None:
    rows = [
        ["TỔNG HỢP KẾT QUẢ KHUYẾN CÔNG 6 THÁNG ĐẦU NĂM 2024 - VÙNG TÂY NGUYÊN"],
        ["Kinh phí: triệu đồng"],
        ["STT", "Tỉnh", "Lao động được đào tạo (người)", "Tổng kinh phí khuyến công"],
        ["1", "Kon Tum", "410", "1.320"],
        ["2", "Gia Lai", "1.250", "2.860"],
        [None, "Tổng cộng", "1.660", "4.180"],
    ]
    # no count has three decimals: "1.250" people groups its digits, and so does "1.320" beside it
    assert actuals(read("TayNguyen_6T2024.csv", rows)) == {
        ("62", "2024-H1", "trained_workers"): Decimal(410),
        ("62", "2024-H1", "extension_funding"): Decimal(1320),
        ("64", "2024-H1", "trained_workers"): Decimal(1250),
        ("64", "2024-H1", "extension_funding"): Decimal(2860),
    }
