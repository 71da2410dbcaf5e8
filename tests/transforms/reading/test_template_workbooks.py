"""The ministry's Biểu 01 / Biểu 02 as a Trung tâm Khuyến công fills them in: abbreviated row
labels, a funding group whose last column is the counterpart funds, "Tổng (KCQG+KCĐP)", figures
typed with their unit beside a ĐVT column; and totals held to the digits they are written to."""

from __future__ import annotations

from decimal import Decimal

from tests.sheets import merged, sheet, workbook
from tests.transforms.readings import actuals, read, rules_of
from tests.transforms.reports import titled
from transforms.indicators import match_label
from transforms.model import CellValue
from transforms.numbers import differs
from transforms.reading.columns import describe_column
from transforms.reading.workbook import understand_workbook


def test_abbreviated_labels_of_the_template_name_their_indicators() -> None:
    named = {
        "Số cơ sở được HT ƯDMMTB": "tech_support_facilities",
        "So co so duoc HT UDMMTB": "tech_support_facilities",
        "Số HCTL tổ chức/tham gia": "trade_fairs",
        "Số DN/cơ sở được HT XD thương hiệu": "brand_support_enterprises",
        "Số DA được tư vấn đầu tư": "investment_projects_consulted",
    }
    for label, code in named.items():
        indicator = match_label(label).indicator
        assert indicator is not None and indicator.code == code, label


def test_a_label_naming_both_sources_is_their_total() -> None:
    for label in ("Kinh phí KC (KCQG+KCĐP)", "Tổng (KCQG+KCĐP)"):
        indicator = match_label(label).indicator
        assert indicator is not None and indicator.code == "extension_funding", label


def test_counterpart_and_other_funds_beside_the_programmes_are_notes() -> None:
    for levels in [
        ("Kinh phí thực hiện (triệu đồng)", "Khác (đối ứng)"),
        ("Kinh phí đối ứng",),
        ("Kinh phí", "Nguồn khác"),
        ("Kinh phí", "DN đóng góp"),
    ]:
        assert describe_column(6, levels).kind == "note", levels
    assert describe_column(4, ("Kinh phí", "KCQG")).kind == "value"


BIEU_02: list[list[CellValue]] = [
    *titled("THÁI NGUYÊN", "KINH PHÍ THỰC HIỆN CÁC HOẠT ĐỘNG KHUYẾN CÔNG NĂM 2011"),
    ["TT", "Nội dung hoạt động", "Số đề án", "Kinh phí thực hiện (triệu đồng)", None, None, None],
    [None, None, None, "Tổng (KCQG+KCĐP)", "KCQG", "KCĐP", "Khác (đối ứng)"],
    ["1", "2", "3", "4=5+6", "5", "6", "7"],
    ["1", "ĐT nghề, truyền nghề", 17, 3138, 1476, 1662, 4466],
    ["2", "HT ƯDMMTB", 15, 2517, 679, 1838, 4911],
    ["3", "HCTL", 3, 242, "-", 242, 1354],
    [None, "Tổng cộng", 35, 5897, 2155, 3742, 10731],
]


def test_the_funding_by_activity_table_reads_its_totals_and_never_the_counterpart_funds() -> None:
    reading = read("TTKC_ThaiNguyen_2011.xlsx", BIEU_02, "A6:A7 B6:B7 C6:C7 D6:G6")
    assert actuals(reading) == {
        ("19", "2011", "extension_projects"): Decimal(35),
        ("19", "2011", "extension_funding"): Decimal(5897),
        ("19", "2011", "extension_funding_national"): Decimal(2155),
        ("19", "2011", "extension_funding_local"): Decimal(3742),
    }
    assert rules_of(reading) == []


def summary(total: CellValue, national: CellValue, local: CellValue) -> list[list[CellValue]]:
    return [
        *titled("THANH HÓA", "BÁO CÁO KẾT QUẢ HOẠT ĐỘNG KHUYẾN CÔNG NĂM 2020"),
        ["TT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm", "Thực hiện năm 2020"],
        ["1", "Số lao động được đào tạo nghề (người)", "người", 2173, 2100],
        ["2", "Tổng kinh phí thực hiện", "tr.đ", None, total],
        [None, "- KCQG", "tr.đ", None, national],
        [None, "- KCĐP", "triệu đồng", None, local],
    ]


def test_a_figure_typed_with_the_unit_its_row_states_is_the_figure() -> None:
    reading = read("TTKC_ThanhHoa_2020.xlsx", summary("26.014,5 tr.đ", "10.872 tr.đ", "15.142,5"))
    assert actuals(reading) == {
        ("38", "2020", "trained_workers"): Decimal(2100),
        ("38", "2020", "extension_funding"): Decimal("26014.5"),
        ("38", "2020", "extension_funding_national"): Decimal(10872),
        ("38", "2020", "extension_funding_local"): Decimal("15142.5"),
    }


def test_a_figure_typed_in_another_unit_than_its_rows_stays_unread() -> None:
    reading = read("TTKC_ThanhHoa_2020.xlsx", summary("26 tỷ", "10.872 tr.đ", "15.142,5"))
    assert ("unparseable-number", "E8") in rules_of(reading)


def test_a_total_is_held_to_the_digits_it_is_written_to() -> None:
    assert differs(Decimal("3.450"), Decimal("3.350"))  # "3.450" read as 3.45: 0.1 is no rounding
    assert not differs(Decimal("3001"), Decimal("3000.8"))  # a whole total over decimal parts
    assert differs(Decimal("3002"), Decimal("3000.8"))
    assert not differs(Decimal("0.000001"), Decimal("0.0000014"))  # half a đồng, in triệu


def test_a_funding_total_its_parts_contradict_in_both_readings_loads_nothing() -> None:
    rows: list[list[CellValue]] = [
        ["Sở Công Thương tỉnh Quảng Ngãi"],
        ["Kỳ báo cáo: Năm 2021"],
        ["ĐVT: triệu đồng"],
        ["Chỉ tiêu", "Thực hiện"],
        ["Tổng kinh phí khuyến công", "3.450"],
        ["Trong đó: KCQG", "1.200"],
        ["KCĐP", "2.150"],
    ]
    reading = understand_workbook(workbook("QuangNgai_KC_2021.xls", sheet("Bảng 1", rows)))
    assert reading.facts == ()
    assert {rule for rule, _ in rules_of(reading)} == {"unparseable-number"}
    # parts that add up in both readings settle nothing either
    rows[4] = ["Tổng kinh phí khuyến công", "3.350"]
    reading = understand_workbook(workbook("QuangNgai_KC_2021.xls", sheet("Bảng 1", rows)))
    assert reading.facts == ()
    # a part written without a separator leaves one reading in which the sum holds
    rows[5:7] = [["Trong đó: KCQG", "900"], ["KCĐP", "2.450"]]
    reading = understand_workbook(workbook("QuangNgai_KC_2021.xls", sheet("Bảng 1", rows)))
    assert actuals(reading)[("51", "2021", "extension_funding")] == Decimal(3350)


def test_the_sheet_names_of_the_template_do_not_matter() -> None:
    reading = understand_workbook(
        workbook(
            "TTKC_ThaiNguyen_2011.xlsx",
            sheet("Biểu 02", BIEU_02, merged("A6:A7", "B6:B7", "C6:C7", "D6:G6")),
        )
    )
    assert actuals(reading)[("19", "2011", "extension_funding")] == Decimal(5897)


def test_a_sheet_named_for_actuals_against_the_plan_is_read() -> None:
    rows: list[list[CellValue]] = [
        *titled("ĐÀ NẴNG", "BÁO CÁO THỰC HIỆN KẾ HOẠCH KHUYẾN CÔNG NĂM 2012"),
        ["STT", "Chỉ tiêu", "ĐVT", "KH 2012", "TH 2012", "TH/KH"],
        [1, "Đào tạo nghề", "người", "2 000", "1 845", "92,3%"],
    ]
    for name in ("TH-KH", "Thực hiện KH 2012", "KQ so KH"):
        reading = understand_workbook(workbook("DaNang_2012.xlsx", sheet(name, rows)))
        assert actuals(reading) == {("48", "2012", "trained_workers"): Decimal(1845)}, name
    reading = understand_workbook(workbook("DaNang_2012.xlsx", sheet("KH 2013", rows)))
    assert reading.facts == ()


def test_workers_taught_a_trade_are_trained_workers_beside_their_classes() -> None:
    def code(label: str, unit: str | None) -> str | None:
        found = match_label(label, unit)
        return found.indicator.code if found.indicator else None

    assert code("Lao động được truyền nghề", "người") == "trained_workers"
    assert code("Truyền nghề cho lao động nông thôn", "người") == "trained_workers"
    assert code("Số lớp ĐT nghề, truyền nghề", "lớp") == "training_classes"
    assert code("Đào tạo nghề, truyền nghề", None) == "trained_workers"


def test_a_correction_reads_the_adjusted_figures_not_those_reported_before() -> None:
    rows: list[list[CellValue]] = [
        ["SỞ CÔNG THƯƠNG BÌNH ĐỊNH"],
        ["BÁO CÁO BỔ SUNG SỐ LIỆU KHUYẾN CÔNG QUÝ II NĂM 2022"],
        ["STT", "Nội dung", "ĐVT", "Số liệu đã báo cáo", "Số liệu điều chỉnh", "Lý do"],
        ["1", "Số lao động được đào tạo", "người", "320", "350", "Bổ sung 1 lớp"],
        ["2", "Số cơ sở được hỗ trợ ứng dụng máy móc thiết bị", "cơ sở", "7", "8", "Sót 1 cơ sở"],
    ]
    reading = read("BinhDinh_QII_2022_bosung.xls", rows)
    assert actuals(reading) == {
        ("52", "2022-Q2", "trained_workers"): Decimal(350),
        ("52", "2022-Q2", "tech_support_facilities"): Decimal(8),
    }
    assert rules_of(reading) == []
