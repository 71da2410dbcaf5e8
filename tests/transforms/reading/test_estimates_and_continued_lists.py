"""A year's estimate among a range's actuals is no fact; a project list's own totals must hold;
a header printed again at the top of a page continues its table; a table of names with no
indicator in it is no crash; "704 (22 lớp)" on a row of người is 704; a cover letter of
another province than the figures' is a conflict."""

from __future__ import annotations

from decimal import Decimal

from tests.sheets import merged, sheet, workbook
from tests.transforms.readings import actuals, facts_by_period, read, rules_of
from tests.transforms.reports import titled
from transforms.model import CellValue, Reading
from transforms.reading.workbook import understand_workbook


def five_years(total_2025: CellValue = 90) -> list[list[CellValue]]:
    return [
        *titled("THANH HÓA", "BÁO CÁO TỔNG KẾT CÔNG TÁC KHUYẾN CÔNG GIAI ĐOẠN 2021-2025"),
        ["TT", "Chỉ tiêu", "ĐVT", "Kết quả thực hiện", None, None, "Tổng giai đoạn"],
        [None, None, None, "Năm 2023", "Năm 2024", "Ước TH năm 2025", None],
        [1, "Số lao động được đào tạo nghề", "người", 702, 816, 1116, 2634],
        [2, "Số đề án khuyến công", "đề án", 29, 38, 42, total_2025],
    ]


def test_an_estimated_year_beside_the_actuals_of_a_range_gives_no_fact_but_is_still_added_up() -> (
    None
):
    reading = read("ThanhHoa_2021-2025.xlsx", five_years(109), "D6:F6 G6:G7")
    assert facts_by_period(reading) == {
        ("trained_workers", "2023"): Decimal(702),
        ("trained_workers", "2024"): Decimal(816),
        ("extension_projects", "2023"): Decimal(29),
        ("extension_projects", "2024"): Decimal(38),
    }
    assert [(f.rule, f.cell, dict(f.params)) for f in reading.findings] == [
        (
            "estimate-not-loaded",
            "F7",
            {"column": "F", "header": "Ước TH năm 2025", "year": "2025"},
        )
    ]
    outcomes = {c.cell: (c.outcome, c.why) for c in reading.sheets[0].cells}
    assert outcomes["F8"] == ("finding", "estimate-not-loaded")
    assert outcomes["G8"] == ("total", "column total")


def test_the_range_total_still_proves_the_estimated_year() -> None:
    reading = read("ThanhHoa_2021-2025.xlsx", five_years(90), "D6:F6 G6:G7")
    assert ("total-mismatch", "G9") in rules_of(reading) or (
        "column-total-mismatch",
        "G9",
    ) in rules_of(reading)


SUMMARY: list[list[CellValue]] = [
    *titled("NINH THUẬN", "BÁO CÁO TỔNG HỢP KẾT QUẢ KHUYẾN CÔNG NĂM 2019"),
    ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
    [1, "Tổng kinh phí khuyến công", "triệu đồng", 1602],
    [None, "Trong đó: - KCQG", "triệu đồng", 600],
    [None, "- KCĐP", "triệu đồng", 1002],
]


def with_list(lines: list[list[CellValue]], merges: str = "") -> Reading:
    blocks = merged(*merges.split()) if merges else ()
    return understand_workbook(
        workbook("NinhThuan_2019.xlsx", sheet("Bieu 01", SUMMARY), sheet("Phu luc", lines, blocks))
    )


def project_list(grand_total: CellValue) -> list[list[CellValue]]:
    return [
        ["DANH MỤC ĐỀ ÁN KHUYẾN CÔNG THỰC HIỆN NĂM 2019"],
        ["STT", "Tên đề án", "Đơn vị thụ hưởng", "Kinh phí (triệu đồng)", None, None],
        [None, None, None, "Cộng", "KCQG", "KCĐP"],
        ["A", "ĐỀ ÁN KHUYẾN CÔNG QUỐC GIA", None, 700, 600, 100],
        [1, "Hỗ trợ ứng dụng máy sấy nông sản", "Công ty TNHH Minh Phát", 390, 350, 40],
        [2, "Đào tạo nghề mây tre đan", "HTX Tân Tiến", 310, 250, 60],
        ["B", "ĐỀ ÁN KHUYẾN CÔNG ĐỊA PHƯƠNG", None, 902, None, 902],
        [1, "Hỗ trợ dây chuyền chế biến chè", "DNTN Hòa Phú", 402, None, 402],
        [2, "Đào tạo nghề may công nghiệp", "HTX mây tre Phú Vinh", 500, None, 500],
        [None, "Tổng cộng (4 đề án)", None, grand_total, 600, 1002],
    ]


def test_a_project_lists_own_total_that_its_lines_contradict_is_an_error() -> None:
    # the lines and the summary agree (1602); the list's printed "Tổng cộng" says 1652
    reading = with_list(project_list(1652), "A2:A3 B2:B3 C2:C3 D2:F2")
    assert ("total-mismatch", "D10") in rules_of(reading)
    assert ("project-list-mismatch", None) not in rules_of(reading)


def test_a_project_list_whose_totals_hold_loads_the_summary() -> None:
    reading = with_list(project_list(1602), "A2:A3 B2:B3 C2:C3 D2:F2")
    assert rules_of(reading) == []
    assert actuals(reading)[("58", "2019", "extension_funding")] == Decimal(1602)


def test_a_header_printed_again_at_the_top_of_a_page_continues_the_list() -> None:
    header = ["STT", "Tên đề án", "Đơn vị thụ hưởng", "Cộng", "KCQG", "KCĐP"]
    lines: list[list[CellValue]] = [
        ["DANH MỤC ĐỀ ÁN KHUYẾN CÔNG THỰC HIỆN NĂM 2019"],
        header,
        ["A", "ĐỀ ÁN KHUYẾN CÔNG QUỐC GIA", None, None, None, None],
        [1, "Hỗ trợ ứng dụng máy sấy nông sản", "Công ty TNHH Minh Phát", 600, 600, None],
        [None, "Cộng mục A", None, 600, 600, None],
        ["B", "ĐỀ ÁN KHUYẾN CÔNG ĐỊA PHƯƠNG", None, None, None, None],
        [1, "Hỗ trợ dây chuyền chế biến chè", "DNTN Hòa Phú", 402, None, 402],
        header,  # the next printed page
        [2, "Đào tạo nghề may công nghiệp", "HTX mây tre Phú Vinh", 600, None, 600],
        [None, "Cộng mục B", None, 1002, None, 1002],
        [None, "Tổng cộng (3 đề án)", None, 1602, 600, 1002],
    ]
    reading = with_list(lines)
    assert rules_of(reading) == []
    assert actuals(reading)[("58", "2019", "extension_projects")] == Decimal(3)


def test_a_table_of_names_with_no_indicator_is_not_a_report_and_no_crash() -> None:
    rows: list[list[CellValue]] = [
        ["TRUNG TÂM KHUYẾN CÔNG TỈNH SƠN LA"],
        ["BẢNG CHẤM CÔNG THÁNG 10/2023"],
        [None],
        ["STT", "Họ và tên", "Chức vụ", "Số ngày công", "Nghỉ phép", "Ghi chú"],
        [1, "Lò Văn Thành", "Giám đốc", 22, 0, None],
        [2, "Cầm Thị Hương", "Kế toán", 21, 1, None],
    ]
    reading = read("SonLa_ChamCong_T10_2023.xlsx", rows)
    assert rules_of(reading) == [("not-a-khuyen-cong-report", None)]


def remarked(figure: CellValue, unit: str = "người") -> list[list[CellValue]]:
    return [
        *titled("VĨNH PHÚC", "BÁO CÁO TÌNH HÌNH THỰC HIỆN KẾ HOẠCH KHUYẾN CÔNG NĂM 2007"),
        ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện"],
        [1, "Số lớp đào tạo nghề", "lớp", 21, 22],
        [2, "Số lao động được đào tạo", unit, 782, figure],
    ]


def test_a_figure_followed_by_a_bracket_in_another_unit_is_the_figure() -> None:
    reading = read("VinhPhuc_KC_2007.xlsx", remarked("704 (22 lớp)"))
    assert actuals(reading) == {
        ("26", "2007", "training_classes"): Decimal(22),
        ("26", "2007", "trained_workers"): Decimal(704),
    }
    assert rules_of(reading) == []


def test_a_bracket_in_the_rows_own_unit_or_in_none_is_never_guessed_away() -> None:
    for figure in ("704 (22 người)", "704 (và 22 lớp)"):
        reading = read("VinhPhuc_KC_2007.xlsx", remarked(figure))
        assert ("unparseable-number", "E8") in rules_of(reading), figure


def two_lists(
    counterpart: CellValue, numbers: tuple[str, str] = ("1", "2")
) -> list[list[CellValue]]:
    return [
        ["SỞ CÔNG THƯƠNG TỈNH LONG AN"],
        ["DANH MỤC ĐỀ ÁN KHUYẾN CÔNG THỰC HIỆN 6 THÁNG ĐẦU NĂM 2020"],
        [None, None, None, None, "Đơn vị: nghìn đồng"],
        ["STT", "Tên đề án", "Đơn vị thụ hưởng", "Kinh phí (KCQG)", "Vốn đối ứng"],
        [
            numbers[0],
            "Mô hình trình diễn kỹ thuật sấy nông sản",
            "HTX Hương Canh",
            "495.000",
            counterpart,
        ],
        ["2", "Mô hình trình diễn kỹ thuật may công nghiệp", "HTX Đồng Kỵ", "130.000", None],
        [None, "Cộng (2 đề án)", None, "625.000", None],
    ]


def test_a_grouping_no_value_column_settles_is_settled_by_the_rest_of_the_sheet() -> None:
    reading = read("LongAn_DA_6T2020.csv", two_lists("1.485.000"))
    assert actuals(reading) == {
        ("80", "2020-H1", "extension_funding_national"): Decimal(625),
        ("80", "2020-H1", "extension_projects"): Decimal(2),
    }


def test_a_grouping_nothing_on_the_sheet_settles_stays_unread() -> None:
    reading = read("LongAn_DA_6T2020.csv", two_lists("1.485"))
    assert ("unparseable-number", "D5") in rules_of(reading)
    # beyond the table, only a figure grouped into thousands settles it: "12.5" (a decimal
    # point, or an item numbered 12.5) does not
    reading = read("LongAn_DA_6T2020.csv", two_lists("12.5"))
    assert ("unparseable-number", "D5") in rules_of(reading)


def letter(province: str) -> list[list[CellValue]]:
    return [
        [f"UBND TỈNH {province}", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["SỞ CÔNG THƯƠNG"],
        ["V/v báo cáo kết quả công tác khuyến công năm 2014"],
        [f"Sở Công Thương {province.title()} kính báo cáo./."],
    ]


FIGURES: list[list[CellValue]] = [
    ["SỞ CÔNG THƯƠNG SƠN LA"],
    ["BẢNG TỔNG HỢP KẾT QUẢ HOẠT ĐỘNG KHUYẾN CÔNG NĂM 2014"],
    ["STT", "Nội dung hoạt động", "ĐVT", "Số lượng"],
    ["1", "Đào tạo nghề, truyền nghề", "người", 690],
]


def test_a_cover_letter_of_another_province_than_the_figures_is_a_conflict() -> None:
    reading = understand_workbook(
        workbook("CV98_SCT_2014.xlsx", sheet("Cong van", letter("HOÀ BÌNH")), sheet("BC", FIGURES))
    )
    assert [
        (f.rule, dict(f.params)["first"], dict(f.params)["second"]) for f in reading.findings
    ] == [("province-conflict", "HOÀ BÌNH", "Sơn La")]


def test_a_cover_letter_of_the_figures_own_province_says_nothing_against_them() -> None:
    reading = understand_workbook(
        workbook("CV98_SCT_2014.xlsx", sheet("Cong van", letter("SƠN LA")), sheet("BC", FIGURES))
    )
    assert rules_of(reading) == []
    assert actuals(reading) == {("14", "2014", "trained_workers"): Decimal(690)}
