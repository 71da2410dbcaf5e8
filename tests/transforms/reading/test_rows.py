"""Rows: parts, sections, totals and rows that are not the period's actuals are never added."""

from __future__ import annotations

from decimal import Decimal

from tests.sheets import sheet, workbook
from tests.transforms.readings import actuals, cell_facts, errors, facts_by, read, rules_of
from tests.transforms.reports import (
    NUMBERED_FACTS,
    NUMBERED_MERGES,
    hai_duong_rows,
    numbered_rows,
    provincial_title,
    title,
    titled,
)
from transforms.model import Reading
from transforms.reading.workbook import understand_workbook


def test_parts_of_a_row_are_never_added_to_it() -> None:
    rows = [
        *title(),
        ["STT", "Nội dung hoạt động", "ĐVT", "Số lượng", "Kinh phí khuyến công (triệu đồng)"],
        [1, "Đào tạo nghề cho lao động nông thôn", "người", 500, 300],
        ["-", "Đào tạo nghề mây tre đan", "người", 300, 180],
        ["-", "Đào tạo nghề mộc", "người", 200, 120],
        [None, "Trong đó: lao động nữ được đào tạo", "người", 350],
        [2, "Tổng kinh phí khuyến công", "triệu đồng", None],
        [None, "Trong đó: kinh phí KCQG", "triệu đồng", 200],
        [None, "- Kinh phí KCĐP", "triệu đồng", 100],
    ]
    reading = understand_workbook(workbook("bc.xlsx", sheet("BC", rows)))
    assert facts_by(reading) == {
        ("19", "trained_workers"): 500,  # not 500 + 300 + 200 + 350
        ("19", "extension_funding"): 300,  # the parent's funding only, not its parts' again
        ("19", "extension_funding_national"): 200,  # "Trong đó" names another indicator: read
        ("19", "extension_funding_local"): 100,
    }


def test_rows_numbered_1_1_and_1_2_are_parts_of_row_1_never_added_to_it() -> None:
    reading = read("BC_KhuyenCong_BacGiang_2008.xlsx", numbered_rows(), NUMBERED_MERGES)
    assert cell_facts(reading) == NUMBERED_FACTS
    assert rules_of(reading) == []


def test_a_sub_number_typed_into_excel_as_a_number_is_still_a_sub_number() -> None:
    reading = read("BC_KhuyenCong_BacGiang_2008.xlsx", numbered_rows(1.1, 1.2), NUMBERED_MERGES)
    assert cell_facts(reading) == NUMBERED_FACTS


def test_rows_numbered_1_2_3_stay_separate_items() -> None:
    rows = numbered_rows(2, 3)
    rows[10][0] = 4
    reading = read("BC_KhuyenCong_BacGiang_2008.xlsx", rows, NUMBERED_MERGES)
    trained = [f for f in cell_facts(reading) if f[0] == "trained_workers"]
    assert [f[1] for f in trained] == [200, 300, 500]


def test_a_percentage_row_is_not_added_to_the_indicator_its_label_names() -> None:
    rows = [
        *titled("NGHỆ AN", "BÁO CÁO KẾT QUẢ THỰC HIỆN CÔNG TÁC KHUYẾN CÔNG NĂM 2010"),
        ["STT", "Nội dung", "ĐVT", "Năm 2010", None],
        [None, None, None, "Kế hoạch", "Thực hiện"],
        [1, "Số lao động được đào tạo nghề", "người", 500, 450],
        [2, "Tỷ lệ lao động được đào tạo có việc làm", "%", 80, 85],
        [3, "Số lớp đào tạo nghề", "lớp", 16, 15],
        [4, "Lao động được đào tạo có việc làm", "%", 70, 75],
    ]
    reading = read("Bao cao KC nam 2010 - Nghe An.xls", rows, "A6:A7 B6:B7 C6:C7 D6:E6")
    assert cell_facts(reading) == [
        ("trained_workers", Decimal(450), "2010", "actual"),
        ("trained_workers", Decimal(500), "2010", "plan"),
        ("training_classes", Decimal(15), "2010", "actual"),
        ("training_classes", Decimal(16), "2010", "plan"),
    ]
    assert rules_of(reading) == []


def test_a_percentage_of_money_is_neither_money_nor_a_missing_unit() -> None:
    rows = [
        *titled("NGHỆ AN", "BÁO CÁO KẾT QUẢ THỰC HIỆN CÔNG TÁC KHUYẾN CÔNG NĂM 2010"),
        ["STT", "Nội dung", "Thực hiện"],
        [1, "Số lao động được đào tạo nghề (người)", 450],
        [2, "Kinh phí khuyến công (triệu đồng)", 1200],
        [3, "Tỷ lệ giải ngân kinh phí khuyến công", 95],
    ]
    reading = read("Bao cao KC nam 2010 - Nghe An.xls", rows)
    assert cell_facts(reading) == [
        ("extension_funding", Decimal(1200), "2010", "actual"),
        ("trained_workers", Decimal(450), "2010", "actual"),
    ]
    assert rules_of(reading) == []


def test_a_percentage_row_gives_no_fact_in_the_funding_columns_either() -> None:
    rows = numbered_rows()
    rows[8:10] = [[None, "Tỷ lệ kinh phí so với kế hoạch", "%", None, 95, 90, 100]]
    rows[-1][4:] = [1500, 1000, 500]
    reading = read("BC_KhuyenCong_BacGiang_2008.xlsx", rows, NUMBERED_MERGES)
    assert cell_facts(reading) == NUMBERED_FACTS
    assert rules_of(reading) == []


def test_row_labels_naming_other_years_plans_or_cumulative_figures_are_not_actuals() -> None:
    rows = [
        [None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        *titled("THÁI NGUYÊN", "BÁO CÁO MỘT SỐ CHỈ TIÊU PHÁT TRIỂN CNNT NĂM 2011"),
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
    assert cell_facts(reading) == [
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
    assert cell_facts(reading) == [
        ("demo_models", Decimal(4), "2011", "actual"),
        ("extension_funding_local", Decimal(1000), "2011", "actual"),
        ("trained_workers", Decimal(500), "2011", "actual"),
    ]
    assert rules_of(reading) == []  # the total adds up the years it is written under


def test_details_under_a_section_naming_next_years_plan_are_not_actuals() -> None:
    rows = [
        *titled("THÁI NGUYÊN", "BÁO CÁO KẾT QUẢ THỰC HIỆN CÔNG TÁC KHUYẾN CÔNG NĂM 2011"),
        ["STT", "Nội dung", "ĐVT", "Số lượng"],
        ["I", "Kết quả thực hiện kế hoạch năm 2011", None, None],
        [1, "Số lao động được đào tạo nghề", "người", 500],
        [2, "Số đề án khuyến công", "đề án", 12],
        ["II", "Kế hoạch năm 2012", None, None],
        [1, "Số lao động được đào tạo nghề", "người", 600],
        [2, "Số đề án khuyến công", "đề án", 15],
    ]
    reading = read("BC_KC_ThaiNguyen_2011.xlsx", rows)
    assert cell_facts(reading) == [
        ("extension_projects", Decimal(12), "2011", "actual"),
        ("trained_workers", Decimal(500), "2011", "actual"),
    ]


def test_a_total_naming_the_indicator_of_its_details_is_their_total_not_a_detail() -> None:
    reading = read("KC_HaiDuong_2009.xlsx", hai_duong_rows())
    assert cell_facts(reading) == [
        ("trained_workers", Decimal(150), "2009", "actual"),
        ("trained_workers", Decimal(150), "2009", "actual"),
        ("trained_workers", Decimal(200), "2009", "actual"),
        ("training_classes", Decimal(15), "2009", "actual"),
    ]
    assert rules_of(reading) == []


def test_a_total_of_one_indicator_under_rows_of_another_is_an_item() -> None:
    rows = [
        *titled("HẢI DƯƠNG", "KẾT QUẢ KHUYẾN CÔNG NĂM 2009"),
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        [1, "Kinh phí KCQG", "triệu đồng", 700],
        [2, "Kinh phí KCĐP", "triệu đồng", 300],
        [3, "Tổng kinh phí khuyến công", "triệu đồng", 1000],
        [4, "Tổng số lao động được đào tạo", "người", 450],
    ]
    reading = read("KC_HaiDuong_2009.xlsx", rows)
    assert cell_facts(reading) == [
        ("extension_funding", Decimal(1000), "2009", "actual"),
        ("extension_funding_local", Decimal(300), "2009", "actual"),
        ("extension_funding_national", Decimal(700), "2009", "actual"),
        ("trained_workers", Decimal(450), "2009", "actual"),
    ]
    assert rules_of(reading) == []


def test_a_section_whose_details_name_no_indicator_is_the_figure() -> None:
    rows = [
        *titled("QUẢNG NINH", "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2009"),
        ["STT", "Nội dung", "ĐVT", "Thực hiện"],
        ["I", "Đào tạo nghề", "người", 500],
        [1, "Nghề mây tre đan", "người", 300],
        [2, "Nghề thêu ren", "người", 200],
        ["II", "Mô hình trình diễn kỹ thuật", "mô hình", 3],
    ]
    assert cell_facts(read("KC_QuangNinh_2009.xlsx", rows)) == [
        ("demo_models", Decimal(3), "2009", "actual"),
        ("trained_workers", Decimal(500), "2009", "actual"),
    ]


def test_a_label_merged_over_rows_in_two_units_labels_each_row() -> None:
    rows = [
        *titled("THANH HÓA", "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2010"),
        ["STT", "Nội dung", "ĐVT", "Thực hiện"],
        [1, "Đào tạo nghề", "người", 640],
        [None, None, "lớp", 21],
        [2, "Mô hình trình diễn kỹ thuật", "mô hình", 5],
    ]
    assert cell_facts(read("BC_KC_2010_ThanhHoa.xlsx", rows, "A7:A8 B7:B8")) == [
        ("demo_models", Decimal(5), "2010", "actual"),
        ("trained_workers", Decimal(640), "2010", "actual"),
        ("training_classes", Decimal(21), "2010", "actual"),
    ]


def _money_over_bare_of_which(actual: int) -> list[list[object]]:
    return [
        *provincial_title("BẾN TRE", 2020),
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        [1, "Số lao động được đào tạo nghề", "người", 310],
        [2, "Kinh phí thực hiện", "triệu đồng", actual],
        [None, "Trong đó:", None, None],
        [None, "- Nguồn KCQG", "triệu đồng", 2_325],
        [None, "- Kinh phí KCĐP", "triệu đồng", 7_085],
    ]


def test_a_money_row_over_a_bare_of_which_line_and_the_parts_is_their_whole() -> None:
    # "Kinh phí thực hiện" names no indicator, but over "Trong đó:" alone on its line, then
    # KCQG and KCĐP, it is total funding
    reading = read("BenTre_BC_2020.xlsx", _money_over_bare_of_which(9_410))
    assert rules_of(reading) == []
    assert actuals(reading) == {
        ("83", "2020", "trained_workers"): 310,
        ("83", "2020", "extension_funding"): 9_410,
        ("83", "2020", "extension_funding_national"): 2_325,
        ("83", "2020", "extension_funding_local"): 7_085,
    }


def test_such_a_whole_the_parts_contradict_is_a_funding_split_mismatch() -> None:
    reading = read("BenTre_BC_2020.xlsx", _money_over_bare_of_which(9_610))
    assert errors(reading) == ["funding-split-mismatch"]


def _parts_then(total: int, total_label: str = "Cộng kinh phí") -> list[list[object]]:
    return [
        *provincial_title("CẦN THƠ", 2012),
        ["Chỉ tiêu", "ĐVT", "Thực hiện"],
        ["Lao động được đào tạo", "người", 310],
        ["Kinh phí KCQG", "triệu đồng", 250],
        ["Kinh phí KCĐP", "triệu đồng", 430],
        [total_label, "triệu đồng", total],
    ]


def _funding(reading: Reading) -> list[tuple[str, str, Decimal]]:
    found = [f for f in reading.facts if f.indicator == "extension_funding"]
    return [(f.cell, f.raw_value, f.value) for f in found]


def test_a_money_total_right_after_the_parts_is_their_whole() -> None:
    reading = read("CanTho_2012.xlsx", _parts_then(680))
    assert rules_of(reading) == []
    assert _funding(reading) == [("C10", "680", Decimal(680))]  # the printed total, checked


def test_a_money_total_after_the_parts_that_contradicts_them_is_a_mismatch() -> None:
    # before, the parts' sum (680) was loaded as total funding, which the file says is 780
    reading = read("CanTho_2012.xlsx", _parts_then(780))
    assert errors(reading) == ["funding-split-mismatch"]


def test_a_bare_total_after_the_parts_is_no_figure_of_total_funding() -> None:
    # "Tổng cộng" says only that it sums something: total funding is the parts' sum
    reading = read("CanTho_2012.xlsx", _parts_then(680, "Tổng cộng"))
    assert _funding(reading) == [("C8", "=C8+C9", Decimal(680))]


def restarted_list(kcqg_section: int = 710) -> list[list[object]]:
    """Sections by funding source and their projects, all numbered in Arabic numerals."""
    return [
        ["SỞ CÔNG THƯƠNG TỈNH BẾN TRE"],
        ["DANH SÁCH ĐỀ ÁN KHUYẾN CÔNG NĂM 2021"],
        ["STT", "Tên đề án", "Kinh phí (triệu đồng)", None, None],
        [None, None, "Tổng", "KCQG", "KCĐP"],
        ["1", "Khuyến công quốc gia", kcqg_section, 650, 60],
        ["1", "Đào tạo nghề may công nghiệp", 300, 300, None],
        ["2", "Hỗ trợ lò sấy cà phê", 410, 350, 60],
        ["2", "Khuyến công địa phương", 575, None, 575],
        ["1", "Đào tạo nghề may công nghiệp", 125, None, 125],
        ["2", "Mô hình sản xuất nước mắm truyền thống", 450, None, 450],
        [None, "Tổng cộng (4 đề án)", 1285, 650, 635],
    ]


def test_a_row_whose_numbering_starts_again_under_it_is_a_section_not_an_item() -> None:
    reading = read("BenTre_DA_2021.xlsx", restarted_list(), "C3:E3")
    assert actuals(reading) == {
        ("83", "2021", "extension_funding"): Decimal(1285),
        ("83", "2021", "extension_funding_national"): Decimal(650),
        ("83", "2021", "extension_funding_local"): Decimal(635),
        ("83", "2021", "extension_projects"): Decimal(4),
    }
    assert rules_of(reading) == []


def test_such_a_sections_figure_must_be_its_items_sum() -> None:
    reading = read("BenTre_DA_2021.xlsx", restarted_list(kcqg_section=720), "C3:E3")
    assert rules_of(reading) == [("total-mismatch", "C5")]
