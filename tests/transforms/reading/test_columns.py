"""Columns: which column holds the period's actuals, which labels, units or provinces."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from khuyencong.workbook_files import read_workbook_file
from tests.sheets import merged, save_xlsx, sheet, workbook
from tests.transforms.readings import (
    actuals,
    cell_facts,
    errors,
    facts_by,
    facts_by_period,
    read,
    rules_of,
)
from tests.transforms.reports import (
    part_year_rows,
    provincial_title,
    title,
    titled,
    transposed_rows,
)
from transforms.model import CellValue
from transforms.reading.columns import describe_column
from transforms.reading.workbook import understand_workbook


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


def test_a_label_column_without_a_known_header_is_found_from_its_text() -> None:
    rows = [
        *title(),
        ["TT", "Công việc đã làm", "ĐVT", "Thực hiện"],
        [1, "Số lao động được đào tạo nghề", "người", 1250],
        [2, "Xây dựng mô hình trình diễn kỹ thuật", "mô hình", 3],
    ]
    reading = understand_workbook(workbook("bc.xlsx", sheet("BC", rows)))
    assert facts_by(reading) == {("19", "trained_workers"): 1250, ("19", "demo_models"): 3}


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


def test_each_year_of_a_multi_year_report_is_that_years_figure_never_the_periods() -> None:
    rows = [
        *titled("QUẢNG NAM", "BÁO CÁO TỔNG KẾT CÔNG TÁC KHUYẾN CÔNG GIAI ĐOẠN 2006-2010"),
        ["STT", "Chỉ tiêu", "ĐVT", "Năm 2006", "Năm 2007", "Năm 2008", "Năm 2009", "Năm 2010"],
        [1, "Số lao động được đào tạo nghề", "người", 100, 200, 300, 400, 500],
    ]
    by_year = [
        ("trained_workers", Decimal(100 * (n + 1)), str(2006 + n), "actual") for n in range(5)
    ]
    reading = read("TongKet_KC_QuangNam_2006-2010.xlsx", rows)
    assert cell_facts(reading) == by_year
    assert rules_of(reading) == []

    rows[5] += ["Cả giai đoạn"]  # the period's total: a check of the years, never a fact
    rows[6] += [1500]
    assert cell_facts(read("TongKet_KC_QuangNam_2006-2010.xlsx", rows)) == by_year
    rows[6][-1] = 1600
    assert rules_of(read("TongKet_KC_QuangNam_2006-2010.xlsx", rows)) == [
        ("column-total-mismatch", "I7")
    ]


def test_counterpart_funds_are_never_read_as_the_rows_figures() -> None:
    rows = [
        *titled("PHÚ YÊN", "KINH PHÍ KHUYẾN CÔNG NĂM 2010"),
        ["Đơn vị tính: triệu đồng"],
        ["STT", "Nội dung", "KCQG", "KCĐP", "Vốn đối ứng"],
        [1, "Mô hình trình diễn kỹ thuật sấy nông sản", 500, 200, 300],
        [2, "Đào tạo nghề mây tre đan", 300, 200, 150],
    ]
    totals: dict[str, Decimal] = {}
    for indicator, value, _, _ in cell_facts(read("BC_KC_2010_PhuYen.xlsx", rows)):
        totals[indicator] = totals.get(indicator, Decimal(0)) + value
    assert totals == {
        "extension_funding_national": Decimal(800),
        "extension_funding_local": Decimal(400),
        "extension_funding": Decimal(1200),  # KCQG + KCĐP, never the đối ứng
    }


def test_half_year_columns_of_an_annual_report_are_facts_of_each_half() -> None:
    rows = part_year_rows(
        "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2010",
        ["6 tháng đầu năm", "6 tháng cuối năm", "Cả năm 2010"],
        [200, 310, 510],
    )
    reading = read("BC_KC_2010_HaiPhong.xlsx", rows)
    assert cell_facts(reading) == [
        ("trained_workers", Decimal(200), "2010-H1", "actual"),
        ("trained_workers", Decimal(310), "2010-H2", "actual"),
        ("trained_workers", Decimal(510), "2010", "actual"),
    ]
    assert rules_of(reading) == []


def quarterly_annual(workers: list[int], villages: list[int], headers: list[str]) -> list[list]:
    """An annual report with its year's actuals beside four other columns: a flow and a stock."""
    return [
        *titled("HÀ TĨNH", "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2022"),
        ["STT", "Chỉ tiêu", "ĐVT", "Cả năm 2022", *headers],
        [1, "Số người được đào tạo nghề", "người", *workers],
        [2, "Số làng nghề được công nhận", "làng", *villages],
    ]


QUARTERS = ["Quý I", "Quý II", "Quý III", "Quý IV"]


def test_quarter_columns_of_an_annual_report_are_facts_of_each_quarter() -> None:
    rows = quarterly_annual([1000, 100, 200, 300, 400], [12, 10, 10, 11, 12], QUARTERS)
    reading = read("HaTinh_KC_2022.xlsx", rows)
    assert actuals(reading) == {
        ("42", "2022", "trained_workers"): Decimal(1000),
        ("42", "2022-Q1", "trained_workers"): Decimal(100),
        ("42", "2022-Q2", "trained_workers"): Decimal(200),
        ("42", "2022-Q3", "trained_workers"): Decimal(300),
        ("42", "2022-Q4", "trained_workers"): Decimal(400),
        # a stock is counted at each quarter's end: the year's is no sum of them
        ("42", "2022", "recognised_craft_villages"): Decimal(12),
        ("42", "2022-Q1", "recognised_craft_villages"): Decimal(10),
        ("42", "2022-Q2", "recognised_craft_villages"): Decimal(10),
        ("42", "2022-Q3", "recognised_craft_villages"): Decimal(11),
        ("42", "2022-Q4", "recognised_craft_villages"): Decimal(12),
    }
    assert rules_of(reading) == []


def test_a_year_its_quarters_do_not_add_up_to_is_a_column_total_mismatch() -> None:
    rows = quarterly_annual([1000, 100, 200, 300, 300], [12, 10, 10, 11, 12], QUARTERS)
    reading = read("HaTinh_KC_2022.xlsx", rows)
    assert rules_of(reading) == [("column-total-mismatch", "D7")]
    assert errors(reading) == ["column-total-mismatch"]
    assert dict(reading.findings[0].params)["columns"] == (
        "E (Quý I), F (Quý II), G (Quý III), H (Quý IV)"
    )


def test_quarters_of_another_year_or_a_plan_are_no_facts_of_the_report() -> None:
    headers = ["Quý I/2021", "Quý II/2021", "Kế hoạch quý I", "Kế hoạch quý II"]
    rows = quarterly_annual([1000, 100, 200, 300, 400], [12, 10, 10, 11, 12], headers)
    assert sorted(actuals(read("HaTinh_KC_2022.xlsx", rows))) == [
        ("42", "2022", "recognised_craft_villages"),
        ("42", "2022", "trained_workers"),
    ]


def test_a_whole_year_estimate_is_not_a_half_years_actuals() -> None:
    rows = part_year_rows(
        "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG 6 THÁNG ĐẦU NĂM 2010",
        ["Thực hiện 6 tháng", "Ước thực hiện cả năm 2010"],
        [210, 450],
    )
    assert cell_facts(read("BC_KC_6T_2010_HaiPhong.xlsx", rows)) == [
        ("trained_workers", Decimal(210), "2010-H1", "actual")
    ]


def test_a_month_or_year_to_date_column_is_not_the_periods_actuals() -> None:
    annual = part_year_rows(
        "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2010", ["Tháng 12", "Cả năm 2010"], [120, 500]
    )
    assert cell_facts(read("BC_KC_2010_HaiPhong.xlsx", annual)) == [
        ("trained_workers", Decimal(500), "2010", "actual")
    ]
    quarter = part_year_rows(
        "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG QUÝ III NĂM 2010", ["Từ đầu năm đến nay"], [380]
    )
    reading = read("BC_KC_Quy3_2010_HaiPhong.xlsx", quarter)
    assert cell_facts(reading) == []
    assert [rule for rule, _ in rules_of(reading)] == ["no-actual-column"]


def test_local_funding_under_a_money_group_is_a_funding_column_not_provinces() -> None:
    rows = [
        *provincial_title("HƯNG YÊN", 2010),
        ["STT", "Nội dung", "Kinh phí (triệu đồng)", None, None],
        [None, None, "Tổng số", "Trung ương", "Địa phương"],
        [1, "Đào tạo nghề", 300, 200, 100],
        [2, "Mô hình trình diễn", 400, 300, 100],
        [None, "Cộng", 700, 500, 200],
    ]
    merges = merged("A6:A7", "B6:B7", "C6:E6")
    reading = understand_workbook(workbook("BaoCao_KC_2010_HungYen.xlsx", sheet("S", rows, merges)))
    assert rules_of(reading) == []
    assert facts_by_period(reading) == {
        ("extension_funding", "2010"): 700,
        ("extension_funding_national", "2010"): 500,
        ("extension_funding_local", "2010"): 200,
    }
    assert {f.identity.province_code for f in reading.facts} == {"33"}


def test_a_regional_table_headed_dia_phuong_still_reads_one_report_per_province() -> None:
    rows = [
        ["TỔNG HỢP KẾT QUẢ KHUYẾN CÔNG CÁC TỈNH NĂM 2009"],
        [None],
        ["STT", "Địa phương", "Số lao động được đào tạo", "Số mô hình trình diễn"],
        [None, None, "(người)", "(mô hình)"],
        [1, "Thái Nguyên", 400, 2],
        [2, "Bắc Giang", 300, 1],
        [None, "Tổng cộng", 700, 3],
    ]
    reading = understand_workbook(
        workbook("TongHop_KC_2009.xlsx", sheet("TH", rows, merged("A3:A4", "B3:B4")))
    )
    assert rules_of(reading) == []
    assert {
        (f.identity.province_code, f.indicator, f.identity.period.label): f.value
        for f in reading.facts
    } == {
        ("19", "trained_workers", "2009"): 400,
        ("19", "demo_models", "2009"): 2,
        ("24", "trained_workers", "2009"): 300,
        ("24", "demo_models", "2009"): 1,
    }


@pytest.mark.parametrize(
    ("names", "provinces"),
    [
        (["Thái Nguyên", "Bắc Giang", "Lạng Sơn", "Huyện Đại Từ", "Huyện Phú Lương"], True),
        (["Thái Nguyên", "Bắc Giang", "Huyện Võ Nhai", "Huyện Đại Từ", "Huyện Phú Lương"], False),
    ],
)
def test_a_column_names_provinces_when_three_names_in_five_are_provinces(
    names: list[str], provinces: bool
) -> None:
    # the names are looked up only until the share can no longer be reached: the decision
    # at the threshold is the same both ways
    rows: list[list[CellValue]] = [
        ["TỔNG HỢP KẾT QUẢ KHUYẾN CÔNG NĂM 2009"],
        [None],
        ["STT", "Đơn vị", "Số lao động được đào tạo"],
        *[[n, name, 100 * n] for n, name in enumerate(names, start=1)],
    ]
    reading = understand_workbook(workbook("TongHop_KC_2009.xlsx", sheet("TH", rows)))
    layouts = {outcome.layout for outcome in reading.sheets}
    assert layouts == ({"by_province"} if provinces else {"by_indicator"})


def test_counts_are_read_in_the_count_column_beside_a_money_column() -> None:
    rows = [
        *provincial_title("VĨNH PHÚC", 2010),
        ["STT", "Nội dung", "ĐVT", "Số lượng", "Kinh phí (trđ)"],
        [1, "Đào tạo nghề", "người", 350, 500],
        [2, "Xây dựng mô hình trình diễn kỹ thuật", "mô hình", 2, 400],
        [None, "Tổng cộng", None, None, 900],
    ]
    reading = understand_workbook(workbook("KC_VinhPhuc_2010.xlsx", sheet("S", rows)))
    assert rules_of(reading) == [("money-column-not-read", None)]  # the clerk is told
    assert facts_by_period(reading) == {
        ("trained_workers", "2010"): 350,
        ("demo_models", "2010"): 2,
    }
    assert {f.cell for f in reading.facts} == {"D7", "D8"}
    assert {f.identity.province_code for f in reading.facts} == {"26"}


def test_a_notes_column_is_not_a_column_of_actuals() -> None:
    rows = [
        *provincial_title("TUYÊN QUANG", 2009),
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện", "Ghi chú"],
        [1, "Số lao động được đào tạo nghề", "người", 420, "Nghề mây tre đan, chế biến chè"],
        [2, "Số mô hình trình diễn", "mô hình", 2, None],
        [3, "Tổng kinh phí khuyến công", "Tr.đồng", "1.350,5", "KCQG 800"],
    ]
    reading = understand_workbook(workbook("BC_KhuyenCong_TuyenQuang_2009.xlsx", sheet("S", rows)))
    assert rules_of(reading) == []
    assert facts_by_period(reading) == {
        ("trained_workers", "2009"): 420,
        ("demo_models", "2009"): 2,
        ("extension_funding", "2009"): Decimal("1350.5"),
    }
    assert {f.identity.province_code for f in reading.facts} == {"08"}


def test_same_period_last_year_and_difference_columns_are_comparisons() -> None:
    rows = [
        *provincial_title("TUYÊN QUANG", 2009),
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện", "Cùng kỳ năm trước", "Chênh lệch", "Chú thích"],
        [1, "Số lao động được đào tạo nghề", "người", 420, 400, 20, "Nghề mây tre đan"],
        [2, "Số mô hình trình diễn", "mô hình", 2, 3, -1, None],
    ]
    reading = understand_workbook(workbook("BC_KhuyenCong_TuyenQuang_2009.xlsx", sheet("S", rows)))
    assert rules_of(reading) == []
    assert facts_by_period(reading) == {
        ("trained_workers", "2009"): 420,
        ("demo_models", "2009"): 2,
    }


def test_counts_typed_with_comma_groups_settle_the_money_beside_them() -> None:
    # "1,404 lao động" can only be 1404: this clerk groups with ",", so "2,140 triệu đồng" in
    # the same column is 2140 (and KCQG + KCĐP = 860 + 1,280 agrees), not 2.14
    rows = [
        *provincial_title("TÂY NINH", 2023),
        ["STT", "Chỉ tiêu", "ĐVT", "Năm 2023"],
        [1, "Tổng kinh phí thực hiện", "triệu đồng", "2,140"],
        [None, "- Trong đó: KCQG", "triệu đồng", "860"],
        [None, "- KCĐP", "triệu đồng", "1,280"],
        [2, "Đào tạo nghề, truyền nghề cho lao động nông thôn", "lao động", "1,404"],
    ]
    reading = understand_workbook(workbook("TayNinh_KC_2023.xlsx", sheet("Sheet1", rows)))
    assert [f.rule for f in reading.findings] == []
    assert facts_by_period(reading) == {
        ("extension_funding", "2023"): 2140,
        ("extension_funding_national", "2023"): 860,
        ("extension_funding_local", "2023"): 1280,
        ("trained_workers", "2023"): 1404,
    }


def test_a_code_column_beside_the_figures_is_no_column_of_values(tmp_path: Path) -> None:
    """ "Mã số" holds the line's code ("01"), not a figure: beside "Số tiền" it left two columns
    of actuals and the table ambiguous."""
    rows: list[list[CellValue]] = [
        *provincial_title("THÁI NGUYÊN", 2010),
        ["STT", "Chỉ tiêu", "Mã số", "ĐVT", "Số tiền"],
        [1, "Kinh phí khuyến công", "01", "triệu đồng", 1381],
        [2, "Số lao động được đào tạo nghề", "02", "người", 1250],
        [3, "Số lớp đào tạo nghề", 3, "lớp", 12],
    ]
    path = save_xlsx(tmp_path / "BC_KhuyenCong_ThaiNguyen_2010.xlsx", "BC", rows)
    reading = understand_workbook(read_workbook_file(path))
    assert rules_of(reading) == []
    assert facts_by(reading) == {
        ("19", "extension_funding"): 1381,
        ("19", "trained_workers"): 1250,
        ("19", "training_classes"): 12,
    }


@pytest.mark.parametrize("header", ["Mã số", "Mã tỉnh", "Mã vùng", "Mã xã", "Mã"])
def test_code_columns_are_identifiers(header: str) -> None:
    column = describe_column(2, (header,))
    assert (column.kind, column.role) == ("code", None)
