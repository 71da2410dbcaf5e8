"""Report periods from titles and file names, and the years that are not the period."""

from __future__ import annotations

from datetime import date

import pytest

from transforms.periods import Period, parse_filename_period, parse_period, periods_in_text


def label(text: str) -> str | None:
    period = parse_period(text)
    return period.label if period else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BÁO CÁO KẾT QUẢ THỰC HIỆN CÔNG TÁC KHUYẾN CÔNG NĂM 2011", "2011"),
        ("NAM 2011", "2011"),
        ("Năm: 2011", "2011"),
        ("6 THÁNG ĐẦU NĂM 2011", "2011-H1"),
        ("6 tháng cuối năm 2011", "2011-H2"),
        ("Sáu tháng đầu năm 2011", "2011-H1"),
        ("6 tháng năm 2011", "2011-H1"),
        ("6 THANG DAU NAM 2011", "2011-H1"),
        ("6T/2011", "2011-H1"),
        ("QUÝ III/2011", "2011-Q3"),
        ("Quý 3 năm 2011", "2011-Q3"),
        ("QUY III/2011", "2011-Q3"),
        ("Quý IV - 2011", "2011-Q4"),
        ("quý I năm 2012", "2012-Q1"),
        ("9 THÁNG NĂM 2011", "2011-9M"),
        ("9 tháng đầu năm 2011", "2011-9M"),
        ("GIAI ĐOẠN 2006-2010", "2006-2010"),
        ("giai đoạn 2006 - 2010", "2006-2010"),
        ("giai đoạn 2006 – 2010", "2006-2010"),
        ("Từ năm 2006 đến năm 2010", "2006-2010"),
        ("KẾ HOẠCH NĂM 2012", "2012"),
        ("BÁO CÁO KHUYẾN CÔNG 2011", "2011"),
        # the quarter's report, with the months to date beside it
        ("BÁO CÁO KẾT QUẢ KHUYẾN CÔNG QUÝ III VÀ 9 THÁNG ĐẦU NĂM 2016", "2016-Q3"),
        ("Quý II và 6 tháng đầu năm 2015", "2015-Q2"),
    ],
)
def test_it_reads_the_period_phrases_of_titles(text: str, expected: str) -> None:
    assert label(text) == expected


def test_periods_carry_their_kind_dates_and_year() -> None:
    assert parse_period("6 tháng cuối năm 2011") == Period(
        "half", date(2011, 7, 1), date(2011, 12, 31), "2011-H2"
    )
    quarter = parse_period("QUÝ III/2011")
    assert quarter == Period("quarter", date(2011, 7, 1), date(2011, 9, 30), "2011-Q3")
    nine = parse_period("9 tháng năm 2011")
    assert nine == Period("nine_months", date(2011, 1, 1), date(2011, 9, 30), "2011-9M")
    several = parse_period("giai đoạn 2006-2010")
    assert several == Period("multi_year", date(2006, 1, 1), date(2010, 12, 31), "2006-2010")
    assert several.year == 2010
    assert parse_period("năm 2011").year == 2011  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    [
        "Thái Nguyên, ngày 15 tháng 01 năm 2012",
        "Hà Nội, ngày    tháng    năm 2012",
        "Thái Nguyên, ngày ... tháng ... năm 2012",
        "ngày 15/01/2012",
        "15-01-2012",
        "tháng 12 năm 2011",
        "Thái Nguyên, tháng 12/2011",
        "Căn cứ Nghị định số 45/2012/NĐ-CP",
        "Quyết định số 2011/QĐ-UBND",
    ],
)
def test_dates_and_legal_references_are_not_periods(text: str) -> None:
    assert parse_period(text) is None
    assert periods_in_text(text) == []


def test_a_title_with_its_signing_date_gives_the_report_period() -> None:
    title = "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2011 Thái Nguyên, ngày 15 tháng 01 năm 2012"
    assert label(title) == "2011"
    assert [p.label for p in periods_in_text(title)] == ["2011"]


def test_a_cumulative_period_gives_way_to_the_report_period() -> None:
    assert label("BÁO CÁO NĂM 2011 (LŨY KẾ 2006-2011)") == "2011"
    assert [p.label for p in periods_in_text("Lũy kế 2006-2011; năm 2011")] == ["2011"]
    assert label("Thực hiện năm 2011 so với năm 2010") == "2011"


def test_a_cumulative_period_alone_is_still_read() -> None:
    assert label("Lũy kế 2006-2011") == "2006-2011"
    assert label("Lũy kế đến hết năm 2011") == "2011"


def test_every_distinct_period_is_listed_so_disagreement_shows() -> None:
    assert [p.label for p in periods_in_text("Năm 2009 | Năm 2010 | So sánh (%)")] == [
        "2009",
        "2010",
    ]
    stated = periods_in_text("BÁO CÁO 6 THÁNG ĐẦU NĂM 2011 - NĂM 2010")
    assert [p.label for p in stated] == ["2011-H1", "2010"]
    assert [p.label for p in periods_in_text("năm 2011, NĂM 2011")] == ["2011"]


def test_the_sub_period_phrase_is_not_also_read_as_its_year() -> None:
    assert [p.label for p in periods_in_text("6 THÁNG ĐẦU NĂM 2011")] == ["2011-H1"]
    assert [p.label for p in periods_in_text("QUÝ III/2011")] == ["2011-Q3"]
    assert [p.label for p in periods_in_text("giai đoạn 2006-2010")] == ["2006-2010"]


@pytest.mark.parametrize("text", ["năm 1985", "năm 2101", "năm 1989", "2010-2006", ""])
def test_years_outside_the_range_or_backward_ranges_are_not_periods(text: str) -> None:
    assert parse_period(text) is None


def test_the_bounds_of_the_year_range_are_years() -> None:
    assert label("năm 1990") == "1990"
    assert label("năm 2100") == "2100"


def test_an_unrepresentable_phrase_is_not_read_as_its_year() -> None:
    assert parse_period("9 tháng cuối năm 2011") is None


def test_nfd_text_reads_like_nfc() -> None:
    assert label("Qu\u0079\u0301 III/2011") == "2011-Q3"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("BC_KC_ThaiNguyen_2010.xlsx", "2010"),
        ("thai-nguyen-nam-2009.xls", "2009"),
        ("2011_6T_HaNoi.xlsx", "2011-H1"),
        ("BC_6T_2011.xls", "2011-H1"),
        ("bc6t2011.xls", "2011-H1"),
        ("Q3-2011", "2011-Q3"),
        ("BC_Q3-2011.xlsx", "2011-Q3"),
        ("2011_Q3.xls", "2011-Q3"),
        ("2011-H2.xlsx", "2011-H2"),
        ("bao_cao_9T_2011.xlsx", "2011-9M"),
        ("BC_KC_2006-2010.xls", "2006-2010"),
        ("BC_2006_2010.xls", "2006-2010"),
        ("inbox/2024/BC_DakLak_2010.xlsx", "2010"),
    ],
)
def test_it_reads_the_period_of_a_file_name(name: str, expected: str) -> None:
    period = parse_filename_period(name)
    assert period is not None
    assert period.label == expected


@pytest.mark.parametrize("name", ["khuyencong.xlsx", "BC 15-01-2012.xls", "bao_cao.xls"])
def test_a_file_name_without_a_period_gives_none(name: str) -> None:
    assert parse_filename_period(name) is None


@pytest.mark.parametrize(
    "text",
    ["Giá trị sản xuất CNNT (giá CĐ 1994)", "GTSX theo giá so sánh năm 2010", "giá cố định 1994"],
)
def test_a_price_base_year_is_no_period(text: str) -> None:
    assert periods_in_text(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đề án số 00123", []),  # five digits: a number of a list, never a year
        ("Hợp đồng 12345/2012", []),  # a reference, however long its number
        ("Kế hoạch năm 2012", ["2012"]),
    ],
)
def test_only_four_digits_standing_alone_can_be_a_year(text: str, expected: list[str]) -> None:
    assert [period.label for period in periods_in_text(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KẾT QUẢ KHUYẾN CÔNG NĂM 2013 VÀ NĂM 2014", ["2013-2014"]),
        ("Kết quả khuyến công năm 2021, 2022", ["2021-2022"]),
        ("Các năm 2006, 2008, 2010", ["2006-2010"]),
        # out of order, or a plan named between them: each year on its own
        ("năm 2011, 2010", ["2011", "2010"]),
        ("BÁO CÁO NĂM 2011, KẾ HOẠCH NĂM 2012", ["2011", "2012"]),
    ],
)
def test_years_listed_in_order_are_the_range_they_make(text: str, expected: list[str]) -> None:
    assert [p.label for p in periods_in_text(text)] == expected
