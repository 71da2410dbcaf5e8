"""The whole workbook: what is said of a file with no khuyến công table at all."""

from __future__ import annotations

from decimal import Decimal

from tests.sheets import sheet, workbook
from tests.transforms.readings import actuals, errors
from transforms.reading.workbook import understand_workbook


def test_a_workbook_naming_no_indicator_is_not_a_khuyen_cong_report() -> None:
    """Whatever else is missing from it (a table, a province, a period): telling the sender
    to add those would not help."""
    reading = understand_workbook(
        workbook("notes.xlsx", sheet("Ghi chú", [["Báo cáo sẽ gửi sau"]]))
    )
    assert [(f.rule, f.params) for f in reading.findings] == [
        ("not-a-khuyen-cong-report", (("found", "Báo cáo sẽ gửi sau"),))
    ]


def test_a_table_naming_indicators_but_no_header_is_no_table_found() -> None:
    reading = understand_workbook(
        workbook("notes.xlsx", sheet("BC", [["Đào tạo nghề cho lao động nông thôn: 1.250 người"]]))
    )
    assert [f.rule for f in reading.findings] == ["no-table-found"]


def _report_of(office: str, title: str) -> list[list[object]]:
    return [
        ["UBND TỈNH NAM ĐỊNH"],
        [office],
        [title],
        ["TT", "Nội dung", "ĐVT", "Số lượng"],
        [1, "Xây dựng mô hình trình diễn", "mô hình", 14],
        [2, "Tổ chức hội chợ", "hội chợ", 2],
        [3, "Số lao động được đào tạo", "người", 1380],
    ]


def test_another_programmes_report_sharing_our_words_is_not_a_khuyen_cong_report() -> None:
    rows = _report_of("TRUNG TÂM KHUYẾN NÔNG", "BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN NÔNG NĂM 2010")
    reading = understand_workbook(workbook("KN_NamDinh_2010.xls", sheet("KN", rows)))
    assert [(f.rule, f.params) for f in reading.findings] == [
        ("not-a-khuyen-cong-report", (("found", "UBND TỈNH NAM ĐỊNH"),))
    ]


def test_a_report_naming_khuyen_cong_beside_another_programme_is_read() -> None:
    title = "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2010 (phối hợp với Trung tâm Khuyến nông)"
    rows = _report_of("SỞ CÔNG THƯƠNG", title)
    reading = understand_workbook(workbook("KC_NamDinh_2010.xls", sheet("KC", rows)))
    assert [f.rule for f in reading.findings] == []
    assert len(reading.facts) == 3


def test_a_unit_stated_above_a_sheets_first_table_holds_for_the_tables_under_it() -> None:
    rows = [
        ["SỞ CÔNG THƯƠNG TỈNH PHÚ THỌ"],
        ["DANH MỤC ĐỀ ÁN KHUYẾN CÔNG THỰC HIỆN NĂM 2011"],
        [None, None, None, "Đơn vị: nghìn đồng"],
        ["A. ĐỀ ÁN SỬ DỤNG KINH PHÍ KHUYẾN CÔNG QUỐC GIA"],
        ["STT", "Tên đề án", "Đơn vị thụ hưởng", "Kinh phí (KCQG)"],
        [1, "Hỗ trợ máy may công nghiệp", "HTX Phú Vinh", 220000],
        [None, "Cộng (1 đề án)", None, 220000],
        [None],
        ["B. ĐỀ ÁN SỬ DỤNG KINH PHÍ KHUYẾN CÔNG ĐỊA PHƯƠNG"],
        ["STT", "Tên đề án", "Đơn vị thụ hưởng", "Kinh phí (KCĐP)"],
        [1, "Hỗ trợ máy đan lát", "Công ty Hoàng Long", 335000],
        [2, "Hỗ trợ máy sấy chè", "HTX Tân Cương", 100000],
        [None, "Cộng (2 đề án)", None, 435000],
    ]
    reading = understand_workbook(workbook("PhuTho_DA_2011.xlsx", sheet("DM", rows)))
    assert {k: v for k, v in actuals(reading).items() if k[2] != "extension_projects"} == {
        ("25", "2011", "extension_funding_national"): Decimal(220),
        ("25", "2011", "extension_funding_local"): Decimal(435),
        ("25", "2011", "extension_funding"): Decimal(655),  # KCQG + KCĐP
    }
    # each list states its own count and none states both: 1 of the first is no count of
    # the report's 3 projects, and the file waits for a grand total
    assert errors(reading) == ["duplicate-indicator"]
