"""The reader on hand-built sheets, one per layout family and per pathology it must catch."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from decimal import Decimal

from tests.sheets import merged, sheet, workbook
from transforms.model import Reading
from transforms.reading.workbook import understand_workbook


def title(rows: int = 4) -> list[list[object]]:
    """A fresh copy of the title block (tests change cells of it)."""
    return [list(row) for row in TITLE[:rows]]


TITLE = [
    ["UBND TỈNH THÁI NGUYÊN", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    ["SỞ CÔNG THƯƠNG", None, None, "Độc lập - Tự do - Hạnh phúc"],
    [None],
    ["BÁO CÁO KẾT QUẢ THỰC HIỆN CÔNG TÁC KHUYẾN CÔNG NĂM 2010"],
]


def activity_rows() -> list[list[object]]:
    return [
        *title(),
        [None],
        ["STT", "Nội dung hoạt động", "ĐVT", "Số lượng", "Kinh phí (triệu đồng)", None, None, None],
        [None, None, None, None, "Tổng số", "KCQG", "KCĐP", "Đối ứng"],
        [1, 2, 3, 4, 5, 6, 7, 8],
        ["I", "Đào tạo nghề", None, None, 300, 200, 100, 50],
        [1, "Đào tạo nghề cho lao động nông thôn", "người", "1.250", 250, 150, 100, 40],
        [2, "Số lớp đào tạo nghề", "lớp", 12, 50, 50, 0, 10],
        ["II", "Hỗ trợ ứng dụng máy móc thiết bị", None, None, 700, 500, 200, 900],
        [1, "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến", "cơ sở", 7, 700, 500, 200, 900],
        [None, "Số đề án khuyến công thực hiện", "đề án", 9],
        [None, "Tổng cộng", None, None, 1000, 700, 300, 950],
        [None],
        [None, "Người lập biểu", None, None, "GIÁM ĐỐC"],
        [None, "Thái Nguyên, ngày 15 tháng 01 năm 2011"],
    ]


ACTIVITY_MERGES = merged("A6:A7", "B6:B7", "C6:C7", "D6:D7", "E6:H6")


def facts_by(reading: Reading) -> dict[tuple[str, str], Decimal]:
    totals: dict[tuple[str, str], Decimal] = {}
    for fact in reading.facts:
        key = (fact.identity.province_code, fact.indicator)
        totals[key] = totals.get(key, Decimal(0)) + fact.value
    return totals


def rules_of(reading: Reading) -> list[tuple[str, str | None]]:
    return [(f.rule, f.cell) for f in reading.findings]


def test_it_reads_an_activity_table_with_a_merged_two_row_header() -> None:
    reading = understand_workbook(
        workbook("bc.xlsx", sheet("BC", activity_rows(), ACTIVITY_MERGES))
    )
    assert rules_of(reading) == []
    facts = facts_by(reading)
    assert facts[("19", "trained_workers")] == 1250
    assert facts[("19", "training_classes")] == 12
    assert facts[("19", "tech_support_facilities")] == 7
    assert facts[("19", "extension_projects")] == 9
    # funding comes from the detail rows only: section subtotals and the total are checks
    assert facts[("19", "extension_funding")] == 1000
    assert facts[("19", "extension_funding_national")] == 700
    assert facts[("19", "extension_funding_local")] == 300
    assert {f.identity.period.label for f in reading.facts} == {"2010"}


def test_every_fact_carries_the_cell_it_came_from() -> None:
    reading = understand_workbook(
        workbook("bc.xlsx", sheet("BC", activity_rows(), ACTIVITY_MERGES))
    )
    trained = next(f for f in reading.facts if f.indicator == "trained_workers")
    assert (trained.sheet, trained.cell, trained.raw_value) == ("BC", "D10", "1.250")


def test_a_total_that_disagrees_with_its_details_is_reported_at_its_cell() -> None:
    rows = activity_rows()
    rows[14][4] = 1100  # Tổng cộng / Tổng số
    reading = understand_workbook(workbook("bc.xlsx", sheet("BC", rows, ACTIVITY_MERGES)))
    assert ("total-mismatch", "E15") in rules_of(reading)
    assert facts_by(reading)[("19", "extension_funding")] == 1000


def test_a_file_name_naming_another_province_is_a_conflict_not_a_pick() -> None:
    reading = understand_workbook(
        workbook("BC_DakLak_2010.xlsx", sheet("BC", activity_rows(), ACTIVITY_MERGES))
    )
    assert [f.rule for f in reading.findings] == ["province-conflict"]
    assert reading.facts == ()


def test_a_file_name_naming_another_year_is_a_period_conflict() -> None:
    reading = understand_workbook(
        workbook("BC_ThaiNguyen_2009.xlsx", sheet("BC", activity_rows(), ACTIVITY_MERGES))
    )
    conflict = next(f for f in reading.findings if f.rule == "period-conflict")
    assert {"2010", "2009"} <= set(dict(conflict.params).values())


def transposed_rows(unit: str = "tỷ đồng") -> list[list[object]]:
    return [
        *title(2),
        ["BÁO CÁO MỘT SỐ CHỈ TIÊU CÔNG NGHIỆP NÔNG THÔN NĂM 2010"],
        ["STT", "Chỉ tiêu", "ĐVT", "Năm 2009", "Năm 2010", "So sánh (%)"],
        [1, "Giá trị sản xuất CNNT", unit, "1,1", "1,3", "118,2"],
        [2, "Số làng có nghề", "làng", 150, 158, "105,3"],
        [3, "Làng nghề được công nhận", "làng", 55, 59, "107,3"],
    ]


def test_a_transposed_table_reads_only_the_report_years_column_and_converts_units() -> None:
    reading = understand_workbook(workbook("chi_tieu.xls", sheet("Chỉ tiêu", transposed_rows())))
    assert rules_of(reading) == []
    facts = facts_by(reading)
    assert facts[("19", "rural_industry_output")] == 1_300  # 1,3 tỷ đồng in million VND
    assert facts[("19", "craft_villages")] == 158
    assert facts[("19", "recognised_craft_villages")] == 59
    assert len(reading.facts) == 3


def test_a_count_measured_in_money_is_a_unit_mismatch() -> None:
    rows = transposed_rows()
    rows[5][2] = "triệu đồng"
    reading = understand_workbook(workbook("chi_tieu.xls", sheet("Chỉ tiêu", rows)))
    assert ("unit-mismatch", "E6") in rules_of(reading)


def test_money_without_any_stated_unit_is_quarantined_not_guessed() -> None:
    rows = transposed_rows(unit="")
    reading = understand_workbook(workbook("chi_tieu.xls", sheet("Chỉ tiêu", rows)))
    assert ("money-unit-missing", "E5") in rules_of(reading)


def regional_rows() -> list[list[object]]:
    return [
        ["TRUNG TÂM KHUYẾN CÔNG VÀ TƯ VẤN PHÁT TRIỂN CÔNG NGHIỆP I"],
        ["TỔNG HỢP KẾT QUẢ HOẠT ĐỘNG KHUYẾN CÔNG CÁC TỈNH MIỀN NÚI PHÍA BẮC NĂM 2007"],
        ["Đơn vị tính: triệu đồng"],
        [
            "STT",
            "Tỉnh, thành phố",
            "Đào tạo nghề",
            None,
            "Mô hình trình diễn",
            "Kinh phí khuyến công",
            None,
            None,
        ],
        [None, None, "Số lớp", "Số LĐ (người)", None, "Tổng", "KCQG", "KCĐP"],
        [1, "Thái Nguyên", 10, "1.200", 3, "1.500,5", 1000, "500,5"],
        [2, "Hà Tây", 8, 900, 2, 800, 600, 200],
        [3, "Đắc Lắc", 5, 450, 1, 400, 300, 100],
        [None, "Tổng cộng", 23, 2550, 6, "2.700,5", 1900, "800,5"],
    ]


REGIONAL_MERGES = merged("A4:A5", "B4:B5", "C4:D4", "E4:E5", "F4:H4")


def test_a_regional_compilation_gives_each_province_its_own_report() -> None:
    reading = understand_workbook(
        workbook("tong_hop_2007.xlsx", sheet("TH", regional_rows(), REGIONAL_MERGES))
    )
    assert rules_of(reading) == []
    facts = facts_by(reading)
    assert facts[("19", "trained_workers")] == 1200
    assert facts[("28", "trained_workers")] == 900  # Hà Tây still existed in 2007
    assert facts[("66", "training_classes")] == 5
    assert facts[("19", "extension_funding")] == Decimal("1500.5")
    assert facts[("66", "extension_funding_local")] == 100
    assert sum(v for (_, i), v in facts.items() if i == "demo_models") == 6


def test_a_province_that_cannot_be_recognised_is_an_error_at_its_cell() -> None:
    rows = regional_rows()
    rows[7][1] = "Tỉnh Mới"
    reading = understand_workbook(
        workbook("tong_hop_2007.xlsx", sheet("TH", rows, REGIONAL_MERGES))
    )
    assert ("unknown-province", "B8") in rules_of(reading)


def test_plan_and_previous_year_columns_are_never_actuals() -> None:
    rows = [
        *title(2),
        ["BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2010"],
        ["Chỉ tiêu", "ĐVT", "Kế hoạch 2010", "Thực hiện 2010", "TH/KH (%)", "Lũy kế 2006-2010"],
        ["Số lao động được đào tạo nghề", "người", 1000, 1100, 110, 5000],
    ]
    reading = understand_workbook(workbook("bc.xlsx", sheet("BC", rows)))
    assert [(f.basis, f.indicator, f.value, f.cell) for f in reading.facts] == [
        ("actual", "trained_workers", 1100, "D5"),
        ("plan", "trained_workers", 1000, "C5"),  # kept apart, for marts.plan_vs_actual
    ]


def test_a_label_that_could_be_two_indicators_is_quarantined() -> None:
    rows = [
        *title(),
        ["STT", "Chỉ tiêu", "Số lượng"],
        [1, "Đào tạo nghề", 40],
    ]
    reading = understand_workbook(workbook("bc.xlsx", sheet("BC", rows)))
    assert ("ambiguous-indicator", "B6") in rules_of(reading)


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


def test_the_same_figures_on_two_sheets_count_once() -> None:
    first = sheet("BC", activity_rows(), ACTIVITY_MERGES)
    copy = sheet("BC (2)", activity_rows(), ACTIVITY_MERGES)
    reading = understand_workbook(workbook("bc.xlsx", first, copy))
    assert facts_by(reading)[("19", "trained_workers")] == 1250
    assert rules_of(reading) == []


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


def test_legacy_encoded_and_decomposed_text_is_understood() -> None:
    from transforms.legacy_text import encode_tcvn3, encode_vni

    rows = [
        [encode_vni("SỞ CÔNG THƯƠNG TỈNH THÁI NGUYÊN")],
        [encode_tcvn3("báo cáo kết quả công tác khuyến công năm 2010")],
        ["STT", encode_tcvn3("Chỉ tiêu"), "DVT", unicodedata.normalize("NFD", "Thực hiện")],
        [1, encode_tcvn3("Số lao động được đào tạo nghề"), encode_tcvn3("người"), 1250],
        [2, unicodedata.normalize("NFD", "Số làng có nghề"), "lang", 158],
        [3, "Gia tri san xuat CNNT", "Trieu dong", "1.300.000"],
    ]
    reading = understand_workbook(workbook("bc.xlsx", sheet("BC", rows)))
    assert [f.rule for f in reading.findings] == ["legacy-encoding-repaired"]
    assert facts_by(reading) == {
        ("19", "trained_workers"): 1250,
        ("19", "craft_villages"): 158,
        ("19", "rural_industry_output"): 1_300_000,
    }


def test_a_money_unit_on_its_own_header_row_is_used() -> None:
    rows = [
        *title(),
        ["STT", "Chỉ tiêu", "Thực hiện năm 2010"],
        [None, None, "Triệu đồng"],
        [1, "Giá trị sản xuất CNNT", "1.300.000"],
    ]
    merges = merged("A5:A6", "B5:B6")
    reading = understand_workbook(workbook("bc.xlsx", sheet("BC", rows, merges)))
    assert facts_by(reading) == {("19", "rural_industry_output"): 1_300_000}


def test_a_label_column_without_a_known_header_is_found_from_its_text() -> None:
    rows = [
        *title(),
        ["TT", "Công việc đã làm", "ĐVT", "Thực hiện"],
        [1, "Số lao động được đào tạo nghề", "người", 1250],
        [2, "Xây dựng mô hình trình diễn kỹ thuật", "mô hình", 3],
    ]
    reading = understand_workbook(workbook("bc.xlsx", sheet("BC", rows)))
    assert facts_by(reading) == {("19", "trained_workers"): 1250, ("19", "demo_models"): 3}


def test_two_tables_on_one_sheet_are_both_read() -> None:
    rows = [
        *activity_rows()[:15],
        [None],
        ["II. MỘT SỐ CHỈ TIÊU CHUNG"],
        ["STT", "Chỉ tiêu", "ĐVT", "Năm 2009", "Năm 2010"],
        [1, "Số làng có nghề", "làng", 150, 158],
        [2, "Giá trị sản xuất CNNT", "triệu đồng", 1_100_000, 1_300_000],
    ]
    reading = understand_workbook(workbook("bc.xlsx", sheet("BC", rows, ACTIVITY_MERGES)))
    assert rules_of(reading) == []
    facts = facts_by(reading)
    assert facts[("19", "trained_workers")] == 1250
    assert facts[("19", "extension_funding")] == 1000
    assert facts[("19", "craft_villages")] == 158
    assert facts[("19", "rural_industry_output")] == 1_300_000


def test_a_plan_document_is_never_read_as_actuals() -> None:
    rows = activity_rows()
    rows[3][0] = "KẾ HOẠCH KHUYẾN CÔNG NĂM 2012"
    reading = understand_workbook(
        workbook("ke_hoach_2012.xlsx", sheet("KH", rows, ACTIVITY_MERGES))
    )
    assert reading.facts == ()
    assert [f.rule for f in reading.findings] == ["plan-not-loaded"]
    report = activity_rows()
    report[3][0] = "BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH KHUYẾN CÔNG NĂM 2010"
    reading = understand_workbook(workbook("bc.xlsx", sheet("BC", report, ACTIVITY_MERGES)))
    assert facts_by(reading)[("19", "trained_workers")] == 1250


def test_total_funding_must_be_national_plus_local() -> None:
    rows = activity_rows()
    rows[9][4] = 290  # Tổng số of the first activity now includes 40 of counterpart money
    rows[8][4], rows[14][4] = 340, 1040  # its section subtotal and the grand total agree with it
    reading = understand_workbook(workbook("bc.xlsx", sheet("BC", rows, ACTIVITY_MERGES)))
    assert rules_of(reading) == [("funding-split-mismatch", "E10")]
    [mismatch] = reading.findings
    assert ("total", "1040") in mismatch.params  # written as people write it, not 1.04E+3


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


def test_region_subtotal_rows_of_a_compilation_are_not_provinces() -> None:
    rows = regional_rows()
    rows.insert(
        5, ["I", "Vùng Trung du và miền núi phía Bắc", 18, 2100, 5, "2.300,5", 1600, "700,5"]
    )
    merges = REGIONAL_MERGES
    reading = understand_workbook(workbook("tong_hop_2007.xlsx", sheet("TH", rows, merges)))
    assert [f.rule for f in reading.findings if f.rule == "unknown-province"] == []
    assert facts_by(reading)[("19", "trained_workers")] == 1200


def test_a_stated_percentage_that_its_values_do_not_give_is_reported() -> None:
    rows = transposed_rows()
    rows[4][5] = "136,8"  # 1,3 / 1,1 is 118.2 %, not 136.8 %
    reading = understand_workbook(workbook("chi_tieu.xls", sheet("Chỉ tiêu", rows)))
    assert rules_of(reading) == [("percent-mismatch", "F5")]
    assert dict(reading.findings[0].params)["expected"] == "118.2"
    assert facts_by(reading)[("19", "rural_industry_output")] == 1_300  # still loaded


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


def test_a_legacy_encoded_unit_abbreviation_is_recognised() -> None:
    rows = transposed_rows(unit="tr®")  # TCVN3 for "trđ": too short for the per-cell repair
    reading = understand_workbook(workbook("chi_tieu.xls", sheet("Chỉ tiêu", rows)))
    assert facts_by(reading)[("19", "rural_industry_output")] == Decimal("1.3")


def test_short_cells_follow_the_legacy_encoding_of_their_sheet() -> None:
    from transforms.legacy_text import encode_vni

    rows = [
        [encode_vni("SỞ CÔNG THƯƠNG TỈNH THÁI NGUYÊN")],
        [encode_vni("BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG NĂM 2010")],
        ["STT", encode_vni("Chỉ tiêu"), encode_vni("ĐVT"), encode_vni("Thực hiện")],
        [1, encode_vni("Số lớp đào tạo nghề"), encode_vni("lớp"), 12],
        [2, encode_vni("Kinh phí khuyến công"), "tr.ñ", 1381],  # VNI "tr.đ", TCVN3 "tr.ủ"
    ]
    reading = understand_workbook(workbook("bc.xlsx", sheet("BC", rows)))
    assert [f.rule for f in reading.findings] == ["legacy-encoding-repaired"]
    assert facts_by(reading) == {("19", "training_classes"): 12, ("19", "extension_funding"): 1381}


def test_a_small_typo_in_a_label_is_tolerated_but_never_guessed_between_two_words() -> None:
    from transforms.indicators import match_indicator

    assert match_indicator("Kinh phí khyến công quốc gia").indicator.code == (  # type: ignore[union-attr]
        "extension_funding_national"
    )
    assert match_indicator("Xây dựng mô hình trìn diễn").indicator is None  # trình or triển?


def test_an_ambiguous_amount_follows_the_digit_convention_of_its_column() -> None:
    rows = transposed_rows(unit="triệu đồng")
    rows[4][3:6] = [1100, "1.300", None]  # "1.300" alone could be 1.3 ...
    rows.append([4, "Kinh phí khuyến công", "triệu đồng", 900, "1.234,5", None])  # ... not here
    reading = understand_workbook(workbook("chi_tieu.xls", sheet("Chỉ tiêu", rows)))
    assert facts_by(reading)[("19", "rural_industry_output")] == 1300
    rows[-1][4] = 1234.5  # nothing in the column settles it any more, but the table does:
    reading = understand_workbook(workbook("chi_tieu.xls", sheet("Chỉ tiêu", rows)))
    assert facts_by(reading)[("19", "rural_industry_output")] == 1300  # "105,3" beside it
    for row in rows[5:7]:
        row[5] = float(str(row[5]).replace(",", "."))  # nothing in the table settles it
    reading = understand_workbook(workbook("chi_tieu.xls", sheet("Chỉ tiêu", rows)))
    assert ("unparseable-number", "E5") in rules_of(reading)
