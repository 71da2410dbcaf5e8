"""Identity: the province and period of a report, from its title, sheet name and file name."""

from __future__ import annotations

from decimal import Decimal

from tests.sheets import sheet, workbook
from tests.transforms.readings import actuals, errors, read
from tests.transforms.reports import ACTIVITY_MERGES, TWO_YEARS, activity_rows
from transforms.model import Sheet
from transforms.reading.identity import identify_period, identify_province
from transforms.reading.workbook import understand_workbook


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


def test_a_table_starting_in_a1_takes_its_period_from_the_file_name_not_its_header() -> None:
    reading = understand_workbook(
        workbook("Bao cao KC 2009 - Ben Tre.xlsx", sheet("BC", TWO_YEARS))
    )
    assert errors(reading) == []
    assert actuals(reading) == {
        ("83", "2009", "trained_workers"): Decimal(1234),
        ("83", "2009", "demo_models"): Decimal(4),
    }


def test_years_in_the_header_are_not_the_period_of_a_report_that_names_none() -> None:
    reading = read("Bao cao khuyen cong - Soc Trang.xlsx", TWO_YEARS)
    assert reading.facts == ()
    assert "period-missing" in errors(reading)


def test_a_place_named_in_the_body_is_not_the_province_of_the_report() -> None:
    rows = [
        ["BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG NĂM 2010"],
        [None],
        ["STT", "Nội dung", "ĐVT", "Thực hiện"],
        [1, "Tham gia hội chợ hàng công nghiệp nông thôn tại Hà Nội", "cuộc", 2],
        [2, "Số lao động được đào tạo nghề", "người", 300],
    ]
    reading = read("BaoCao_TTKC_2010.xlsx", rows)
    assert reading.facts == ()
    assert "province-missing" in errors(reading)


def test_a_file_named_by_year_may_hold_a_half_year_report_of_that_year() -> None:
    rows = [
        ["BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG 6 THÁNG ĐẦU NĂM 2010"],
        [None],
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        [1, "Số lao động được đào tạo nghề", "người", 230],
    ]
    reading = read("BC_KhuyenCong_BacKan_2010.xlsx", rows)
    assert actuals(reading) == {("06", "2010-H1", "trained_workers"): Decimal(230)}
    rows[0][0] = "BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG 6 THÁNG ĐẦU NĂM 2011"
    assert "period-conflict" in errors(read("BC_KhuyenCong_BacKan_2010.xlsx", rows))


def test_a_year_stated_just_above_a_table_narrows_the_workbooks_range() -> None:
    def year_sheet(name: str, year: int, trained: int) -> Sheet:
        return sheet(
            name,
            [
                [f"Năm {year}"],
                ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
                [1, "Số lao động được đào tạo nghề", "người", trained],
            ],
        )

    first = sheet(
        "2008",
        [
            ["UBND TỈNH HÀ TĨNH"],
            ["BÁO CÁO KẾT QUẢ KHUYẾN CÔNG GIAI ĐOẠN 2008-2010"],
            ["Năm 2008"],
            ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
            [1, "Số lao động được đào tạo nghề", "người", 100],
        ],
    )
    reading = understand_workbook(
        workbook(
            "BC_KC_HaTinh_tonghop.xlsx",
            first,
            year_sheet("Nam 2009", 2009, 200),
            year_sheet("Nam 2010", 2010, 300),
        )
    )
    assert errors(reading) == []
    assert actuals(reading) == {
        ("42", "2008", "trained_workers"): Decimal(100),
        ("42", "2009", "trained_workers"): Decimal(200),
        ("42", "2010", "trained_workers"): Decimal(300),
    }


def test_a_file_named_by_a_range_holds_reports_of_years_inside_it() -> None:
    rows = [
        ["SỞ CÔNG THƯƠNG TỈNH QUẢNG BÌNH"],
        ["BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2009"],
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        [1, "Số lao động được đào tạo nghề", "người", 200],
    ]
    reading = read("BC_KC_QuangBinh_2008-2010.xlsx", rows)
    assert actuals(reading) == {("44", "2009", "trained_workers"): Decimal(200)}
    rows[1][0] = "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2011"
    assert "period-conflict" in errors(read("BC_KC_QuangBinh_2008-2010.xlsx", rows))


def test_a_sheet_named_for_its_province_reports_for_that_province() -> None:
    def province_sheet(name: str, trained: int, title: tuple[str, ...] = ()) -> Sheet:
        body = [
            ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
            [1, "Số lao động được đào tạo nghề", "người", trained],
        ]
        return sheet(name, [[line] for line in title] + body)

    reading = understand_workbook(
        workbook(
            "TH_KC_2010_TayBac.xlsx",
            province_sheet("Lai Chau", 210, ("UBND TỈNH LAI CHÂU", "BÁO CÁO KHUYẾN CÔNG NĂM 2010")),
            province_sheet("Dien Bien", 330),
        )
    )
    assert errors(reading) == []
    assert actuals(reading) == {
        ("12", "2010", "trained_workers"): Decimal(210),
        ("11", "2010", "trained_workers"): Decimal(330),
    }


def test_a_quarter_named_with_its_months_to_date_is_no_period_conflict() -> None:
    """ "..._QIII_9T_2016" titled "QUÝ III VÀ 9 THÁNG ĐẦU NĂM 2016": the quarter's report."""
    title = ("BÁO CÁO KẾT QUẢ KHUYẾN CÔNG QUÝ III VÀ 9 THÁNG ĐẦU NĂM 2016",)
    period, findings = identify_period(title, "NgheAn_QIII_9T_2016.xls")
    assert (period.label if period else None, findings) == ("2016-Q3", [])
    period, findings = identify_period(("BÁO CÁO QUÝ II NĂM 2016",), "NgheAn_9T_2016.xls")
    assert (period, [f.rule for f in findings]) == (None, ["period-conflict"])


MERGED = ("UBND TỈNH LÀO CAI", "(Tỉnh Lào Cai sau sắp xếp, hợp nhất tỉnh Lào Cai và tỉnh Yên Bái)")


def test_a_province_merged_into_the_named_one_is_part_of_it_not_a_second_province() -> None:
    period, _ = identify_period(("BÁO CÁO KHUYẾN CÔNG QUÝ III/2025",), "LaoCai_Quy3_2025.xlsx")
    assert period is not None and period.label == "2025-Q3"

    province, findings = identify_province(MERGED, "LaoCai_Quy3_2025.xlsx", period)

    assert findings == []
    assert province is not None
    assert (province.unit.code, province.unit.name, province.former) == ("15", "Lào Cai", False)


def test_two_provinces_named_before_their_merger_are_still_a_conflict() -> None:
    period, _ = identify_period(("BÁO CÁO KHUYẾN CÔNG QUÝ III/2024",), "BC_Quy3_2024.xlsx")
    assert period is not None

    province, findings = identify_province(MERGED, "BC_Quy3_2024.xlsx", period)

    assert province is None
    assert [f.rule for f in findings] == ["province-conflict"]
