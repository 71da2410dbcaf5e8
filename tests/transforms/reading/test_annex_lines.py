"""A project list's money lines are added up, not made facts one by one: the summary is
compared with their sums, and each line's cell is still accounted for as a part of it, also
where a line holds text, an error or nothing, and where a shape drops the column's facts."""

from __future__ import annotations

from tests.sheets import merged, sheet, workbook
from tests.transforms.reading.shapes.test_by_funding_section import project_list, summary
from transforms.model import CellValue, Reading
from transforms.reading.workbook import understand_workbook

TITLE: list[list[CellValue]] = [
    ["SỞ CÔNG THƯƠNG TỈNH THÁI NGUYÊN"],
    ["BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG NĂM 2010"],
]


def cells(reading: Reading) -> list[tuple[str, str, str, str]]:
    """(cell, value, outcome, why) of every number of the annex."""
    return [(c.cell, c.value, c.outcome, c.why) for c in reading.sheets[1].cells]


def test_the_summary_is_compared_with_the_sum_of_every_line_whatever_its_cell_holds() -> None:
    summary_rows: list[list[CellValue]] = [
        *TITLE,
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        [1, "Tổng kinh phí khuyến công", "triệu đồng", 1000.6],
        [2, "Kinh phí khuyến công quốc gia", "triệu đồng", 700.6],
        [3, "Kinh phí khuyến công địa phương", "triệu đồng", 300],
    ]
    projects: list[list[CellValue]] = [
        ["DANH MỤC ĐỀ ÁN KHUYẾN CÔNG THỰC HIỆN NĂM 2010"],
        ["STT", "Tên đề án", "Đơn vị thực hiện", "Kinh phí (triệu đồng)", None, None],
        [None, None, None, "Tổng số", "KCQG", "KCĐP"],
        [1, "Đào tạo nghề mây tre đan", "HTX Tân Tiến", 600, 400, 200],
        [2, "Hỗ trợ máy chế biến chè", "Công ty Hàn Việt", "300,5", "200,5", 100],
        [3, "Mô hình trình diễn kỹ thuật", "HTX Đồng Hỷ", "#VALUE!", None, None],
        [4, "Hỗ trợ lò sấy nông sản", "Cơ sở Hoàng Nông", 0.1, 0.1, None],
        [5, "Tham gia hội chợ", "HTX Phú Thịnh", None, None, None],
        [None, "Tổng cộng", None, 900.6, 600.6, 300],
    ]
    annex = sheet("Danh mục đề án", projects, merged("A2:A3", "B2:B3", "C2:C3", "D2:F2"))
    reading = understand_workbook(workbook("bc.xlsx", sheet("BC", summary_rows), annex))
    assert [(f.indicator, f.cell, str(f.value)) for f in reading.facts] == [
        ("extension_funding", "D4", "1000.6"),
        ("extension_funding_national", "D5", "700.6"),
        ("extension_funding_local", "D6", "300"),
    ]
    # 600 + 300,5 + 0.1 listed: the text line is read, the error and the blank add nothing
    assert [(f.rule, dict(f.params)) for f in reading.findings] == [
        (
            "project-list-mismatch",
            {"indicator": "extension_funding", "listed": "900.6", "summary": "1000.6"},
        ),
        (
            "project-list-mismatch",
            {"indicator": "extension_funding_national", "listed": "600.6", "summary": "700.6"},
        ),
    ]
    assert cells(reading) == [
        ("D4", "600", "part", "annex line: extension_funding"),
        ("E4", "400", "part", "annex line: extension_funding_national"),
        ("F4", "200", "part", "annex line: extension_funding_local"),
        ("D5", "300,5", "part", "annex line: extension_funding"),
        ("E5", "200,5", "part", "annex line: extension_funding_national"),
        ("F5", "100", "part", "annex line: extension_funding_local"),
        ("D7", "0.1", "part", "annex line: extension_funding"),
        ("E7", "0.1", "part", "annex line: extension_funding_national"),
        ("D9", "900.6", "total", "total"),
        ("E9", "600.6", "total", "total"),
        ("F9", "300", "total", "total"),
    ]


def test_lines_of_a_column_its_funding_sections_take_are_parts_of_their_sections() -> None:
    """ "Kinh phí khuyến công" names total funding, but under sections "I. Kinh phí khuyến
    công quốc gia" its lines are each section's: none of them is a line of total funding."""
    rows = project_list()
    rows[3][4] = "Kinh phí khuyến công"
    annex = sheet("Danh mục đề án", rows)
    reading = understand_workbook(workbook("bc.xlsx", sheet("BC", summary()), annex))
    assert reading.findings == ()
    assert cells(reading) == [
        ("E5", "400", "part", "annex line: extension_funding_national"),
        ("D6", "35", "part", "annex line: trained_workers"),
        ("E6", "100", "part", "of the fact in row 5"),
        ("E7", "300", "part", "of the fact in row 5"),
        ("D9", "40", "part", "annex line: trained_workers"),
        ("E9", "80", "part", "annex line: extension_funding_local"),
        ("E10", "120", "part", "annex line: extension_funding_local"),
        ("D11", "75", "total", "total"),
        ("E11", "600", "part", "annex line: extension_funding"),
    ]
