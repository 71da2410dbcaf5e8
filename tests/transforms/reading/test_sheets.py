"""Sheets: hidden sheets, plans and project lists are set aside, each with its reason."""

from __future__ import annotations

from dataclasses import replace

from tests.sheets import sheet, workbook
from tests.transforms.readings import facts_by
from tests.transforms.reports import ACTIVITY_MERGES, activity_rows
from transforms.reading.sheets import is_plan_title
from transforms.reading.workbook import understand_workbook


def test_hidden_and_plan_sheets_are_skipped_with_a_reason() -> None:
    plan = sheet("Kế hoạch 2011", activity_rows(), ACTIVITY_MERGES)
    hidden = replace(sheet("Data", activity_rows(), ACTIVITY_MERGES), visible=False)
    main = sheet("BC", activity_rows(), ACTIVITY_MERGES)
    reading = understand_workbook(workbook("bc.xlsx", main, plan, hidden))
    assert [(s.sheet, s.status) for s in reading.sheets] == [
        ("BC", "read"),
        ("Kế hoạch 2011", "skipped"),
        ("Data", "skipped"),
    ]
    assert facts_by(reading)[("19", "trained_workers")] == 1250


def test_a_plan_document_is_never_read_as_actuals() -> None:
    rows = activity_rows()
    rows[3][0] = "KẾ HOẠCH KHUYẾN CÔNG NĂM 2012"
    reading = understand_workbook(
        workbook("ke_hoach_2012.xlsx", sheet("KH", rows, ACTIVITY_MERGES))
    )
    assert reading.facts == ()
    # nothing but a plan: sent back, the period is still to be reported
    assert [f.rule for f in reading.findings] == ["plan-not-loaded", "only-a-plan"]
    report = activity_rows()
    report[3][0] = "BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH KHUYẾN CÔNG NĂM 2010"
    reading = understand_workbook(workbook("bc.xlsx", sheet("BC", report, ACTIVITY_MERGES)))
    assert facts_by(reading)[("19", "trained_workers")] == 1250


def test_a_numbered_plan_heading_is_a_plan_title() -> None:
    assert is_plan_title("II. KẾ HOẠCH NĂM 2012")
    assert is_plan_title("Kế hoạch khuyến công năm 2012")
    assert not is_plan_title("I. KẾT QUẢ THỰC HIỆN NĂM 2011")
    assert not is_plan_title("Theo kế hoạch năm 2011, tỉnh đã thực hiện")


def test_a_plan_proposal_is_not_loaded_as_actuals() -> None:
    rows = [
        ["UBND TỈNH THANH HÓA"],
        ["SỞ CÔNG THƯƠNG"],
        [None],
        ["ĐỀ XUẤT KẾ HOẠCH KHUYẾN CÔNG QUỐC GIA NĂM 2012"],
        [None],
        ["STT", "Nội dung", "ĐVT", "Số lượng", "Kinh phí KCQG đề nghị hỗ trợ (tr.đ)"],
        [1, "Đào tạo nghề", "người", 600, 900],
        [2, "Xây dựng mô hình trình diễn kỹ thuật", "mô hình", 4, 1200],
    ]
    reading = understand_workbook(
        workbook("DeXuat_KH_KhuyenCong_2012_ThanhHoa.xlsx", sheet("Bieu 1", rows))
    )
    assert reading.facts == ()
    # nothing but a plan: sent back, the period is still to be reported
    assert [f.rule for f in reading.findings] == ["plan-not-loaded", "only-a-plan"]


def test_titles_that_propose_or_register_next_years_work_are_plans() -> None:
    for line in (
        "ĐỀ XUẤT KẾ HOẠCH KHUYẾN CÔNG QUỐC GIA NĂM 2012",
        "Đề nghị kế hoạch kinh phí khuyến công năm 2012",
        "ĐĂNG KÝ ĐỀ ÁN KHUYẾN CÔNG QUỐC GIA NĂM 2012",
        "Đề xuất đề án khuyến công địa phương năm 2012",
        "Đề xuất danh mục đề án khuyến công quốc gia năm 2013",
        "PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2012",
    ):
        assert is_plan_title(line), line
    for line in (
        "BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH KHUYẾN CÔNG NĂM 2011",
        "Đề xuất, kiến nghị",  # a report's closing section, not a plan
        "Đề nghị Bộ Công Thương xem xét",
    ):
        assert not is_plan_title(line), line
