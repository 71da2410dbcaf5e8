"""project-list-mismatch: a project list is checked against the summary, never added."""

from __future__ import annotations

from tests.sheets import merged, sheet, workbook
from tests.transforms.readings import facts_by
from tests.transforms.reports import ACTIVITY_MERGES, activity_rows
from transforms.reading.workbook import understand_workbook


def test_a_project_list_is_checked_against_the_summary_and_never_added() -> None:
    projects = [
        ["DANH MỤC ĐỀ ÁN KHUYẾN CÔNG THỰC HIỆN NĂM 2010"],
        ["STT", "Tên đề án", "Đơn vị thực hiện", "Kinh phí (triệu đồng)", None, None],
        [None, None, None, "Tổng số", "KCQG", "KCĐP"],
        [1, "Đào tạo nghề mây tre đan", "HTX Tân Tiến", 600, 400, 200],
        [2, "Hỗ trợ máy chế biến chè", "Công ty Hàn Việt", 300, 200, 100],
        [None, "Tổng cộng", None, 900, 600, 300],
    ]
    project_sheet = sheet("Danh mục đề án", projects, merged("A2:A3", "B2:B3", "C2:C3", "D2:F2"))
    summary = sheet("BC", activity_rows(), ACTIVITY_MERGES)
    reading = understand_workbook(workbook("bc.xlsx", summary, project_sheet))
    assert facts_by(reading)[("19", "extension_funding")] == 1000  # the summary's, not 1000 + 900
    mismatches = {dict(f.params)["indicator"]: f for f in reading.findings}
    assert set(mismatches) == {
        "extension_funding",
        "extension_funding_national",  # (local funding agrees: 300 in both)
        "extension_projects",  # 2 projects listed, 9 in the summary
    }
    assert dict(mismatches["extension_funding"].params)["listed"] == "900"
