"""Tables: headers found and kept apart from data, a second table apart from the first."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from khuyencong.workbook_files import UnreadableFile, read_workbook_file
from tests.sheets import merged, sheet, workbook
from tests.transforms.readings import facts_by, facts_by_period, rules_of
from tests.transforms.reports import ACTIVITY_MERGES, activity_rows, provincial_title
from transforms.reading.tables import find_table
from transforms.reading.workbook import understand_workbook


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


def test_a_column_number_row_of_letters_then_numbers_is_no_detail_row() -> None:
    # the template's "A | B | C | 1 | 2 | 3" under the header: its 2 and 3 would otherwise be
    # added to the projects and the funding, and the printed total would not reconcile
    rows = [
        *provincial_title("THỪA THIÊN HUẾ", 2008),
        ["TT", "Nội dung", "ĐVT", "Khối lượng", "Số đề án", "Kinh phí khuyến công (triệu đồng)"],
        ["A", "B", "C", 1, 2, 3],
        [1, "Hỗ trợ đào tạo nghề, truyền nghề", "lao động", 552, 2, 326],
        [2, "Xây dựng mô hình trình diễn kỹ thuật", "mô hình", 1, 1, 384],
        [None, "Tổng cộng", None, None, 3, 710],
    ]
    reading = understand_workbook(workbook("TTHue_KC_2008.xlsx", sheet("BC", rows)))
    assert rules_of(reading) == []
    assert facts_by_period(reading) == {
        ("trained_workers", "2008"): 552,
        ("demo_models", "2008"): 1,
        ("extension_projects", "2008"): 3,
        ("extension_funding", "2008"): 710,
    }


def test_an_unnumbered_percentage_row_mid_table_is_data_not_a_new_header() -> None:
    # "Tỷ lệ" and "%" are both header words, but a row holding a number is data
    rows = [
        *provincial_title("THÁI BÌNH", 2008),
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        [1, "Số lao động được đào tạo nghề", "người", 500],
        [None, "- Tỷ lệ có việc làm sau đào tạo", "%", 85],
        [2, "Số mô hình trình diễn", "mô hình", 3],
        [3, "Hỗ trợ ứng dụng máy móc thiết bị", "cơ sở", 12],
    ]
    reading = understand_workbook(workbook("BC KC nam 2008 - Thai Binh.xlsx", sheet("S", rows)))
    assert rules_of(reading) == []
    assert facts_by_period(reading) == {
        ("trained_workers", "2008"): 500,
        ("demo_models", "2008"): 3,
        ("tech_support_facilities", "2008"): 12,
    }
    assert {f.identity.province_code for f in reading.facts} == {"34"}


def test_years_typed_as_numbers_head_year_columns_and_counts_stay_numbers() -> None:
    rows = [
        *provincial_title("YÊN BÁI", 2011),
        ["STT", "Chỉ tiêu", "ĐVT", 2010, 2011],
        [1, "Số lao động được đào tạo nghề", "người", 400, 520],
        [2, "Số mô hình trình diễn", "mô hình", 2, 3],
        # counts that look like years are still counts, not the header of another table
        [None, "Số lượng cơ sở được hỗ trợ ứng dụng máy móc thiết bị", "cơ sở", 1999, 2010],
    ]
    reading = understand_workbook(workbook("Bao cao KC 2011 - Yen Bai.xlsx", sheet("S", rows)))
    assert rules_of(reading) == []
    assert facts_by_period(reading) == {
        ("trained_workers", "2011"): 520,
        ("demo_models", "2011"): 3,
        ("tech_support_facilities", "2011"): 2010,
    }
    assert {f.identity.province_code for f in reading.facts} == {"15"}


def test_a_semicolon_csv_without_title_or_sequence_column_keeps_its_data_out_of_the_header(
    tmp_path: Path,
) -> None:
    # every csv cell is text: "1.234" is still a number, so the header is one row
    text = (
        "Chỉ tiêu;ĐVT;Năm 2008;Năm 2009\r\n"
        "Số lao động được đào tạo nghề;người;1.100;1.234\r\n"
        "Kinh phí khuyến công;triệu đồng;2.100,5;2.345,5\r\n"
        "Số mô hình trình diễn;mô hình;3;4\r\n"
    )
    path = tmp_path / "KC_DongThap_2009.csv"
    path.write_bytes(text.encode("utf-8"))
    book = read_workbook_file(path)
    table = find_table(book.sheets[0])
    assert table is not None
    assert table.header_rows == (0,)
    assert [c.kind for c in table.columns] == ["label", "unit", "value", "value"]
    reading = understand_workbook(book)
    assert rules_of(reading) == []
    assert facts_by_period(reading) == {
        ("trained_workers", "2009"): 1234,
        ("extension_funding", "2009"): Decimal("2345.5"),
        ("demo_models", "2009"): 4,
    }
    assert {f.identity.province_code for f in reading.facts} == {"87"}


def test_a_comma_csv_as_excel_saves_it_is_read(tmp_path: Path) -> None:
    # CRLF line ends, rows padded with commas, a decimal comma inside quotes
    text = (
        "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2010,,,\r\n"
        "STT,Chỉ tiêu,ĐVT,Thực hiện\r\n"
        "1,Số lao động được đào tạo nghề,người,1.234\r\n"
        '2,Kinh phí khuyến công,triệu đồng,"2.345,5"\r\n'
        "3,Số mô hình trình diễn,mô hình,4"
    )
    path = tmp_path / "BC_KC_2010_CanTho.csv"
    path.write_bytes(text.encode("utf-8-sig"))
    book = read_workbook_file(path)
    assert book.sheets[0].rows[3] == ("2", "Kinh phí khuyến công", "triệu đồng", "2.345,5")
    reading = understand_workbook(book)
    assert rules_of(reading) == []
    assert facts_by_period(reading) == {
        ("trained_workers", "2010"): 1234,
        ("extension_funding", "2010"): Decimal("2345.5"),
        ("demo_models", "2010"): 4,
    }
    assert {f.identity.province_code for f in reading.facts} == {"92"}


def test_a_csv_the_sniffer_cannot_settle_falls_back_to_the_delimiter_that_splits_it(
    tmp_path: Path,
) -> None:
    # a title and a note without any delimiter defeat csv.Sniffer
    text = (
        "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2010\r\n"
        "Chỉ tiêu;ĐVT;Năm 2010\r\n"
        "Số lớp đào tạo nghề;lớp;12\r\n"
        "Số lao động được đào tạo nghề;người;1.234\r\n"
        "Ghi chú: số liệu ước thực hiện\r\n"
    )
    path = tmp_path / "BC_KC_2010_CanTho.csv"
    path.write_bytes(text.encode("utf-8"))
    rows = read_workbook_file(path).sheets[0].rows
    assert rows[2] == ("Số lớp đào tạo nghề", "lớp", "12")


def test_a_csv_that_cannot_be_read_is_unreadable_not_a_crash(tmp_path: Path) -> None:
    undecodable = tmp_path / "a.csv"
    undecodable.write_bytes(b"STT;Ch\x81 ti\x8du\r\n1;\x9d\r\n")
    huge = tmp_path / "b.csv"
    huge.write_bytes(b'Chi tieu;"' + b"x" * 200_000 + b'"\r\n')
    for path in (undecodable, huge):
        with pytest.raises(UnreadableFile) as raised:
            read_workbook_file(path)
        assert raised.value.rule == "unreadable-file"


def test_a_heading_line_above_a_second_table_is_its_title_not_a_row_of_the_first() -> None:
    rows = [
        ["UBND TỈNH HÀ TĨNH"],
        ["SỞ CÔNG THƯƠNG"],
        [None],
        ["BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG NĂM 2011"],
        [None],
        ["I. KẾT QUẢ THỰC HIỆN NĂM 2011"],
        ["STT", "Nội dung", "ĐVT", "Số lượng"],
        [1, "Số lao động được đào tạo nghề", "người", 500],
        [2, "Số mô hình trình diễn", "mô hình", 3],
        [3, "Tổng kinh phí khuyến công", "triệu đồng", 1500],
        [None],
        ["II. KẾ HOẠCH NĂM 2012"],
        ["STT", "Nội dung", "ĐVT", "Số lượng"],
        [1, "Số lao động được đào tạo nghề", "người", 800],
        [2, "Số mô hình trình diễn", "mô hình", 5],
        [3, "Tổng kinh phí khuyến công", "triệu đồng", 2000],
        [None],
        [None, "Người lập biểu", None, "GIÁM ĐỐC"],
    ]
    reading = understand_workbook(workbook("BC KC nam 2011 - Ha Tinh.xlsx", sheet("S", rows)))
    assert [f.rule for f in reading.findings] == ["plan-not-loaded"]
    assert facts_by_period(reading) == {
        ("trained_workers", "2011"): 500,
        ("demo_models", "2011"): 3,
        ("extension_funding", "2011"): 1500,
    }
    first = find_table(sheet("S", rows))
    assert first is not None and first.data_rows == (7, 8, 9)


@pytest.mark.parametrize("numbers_first", [True, False])
def test_a_row_of_units_under_the_column_numbers_belongs_to_the_header(numbers_first: bool) -> None:
    # a district compilation whose units row ("ĐVT | đề án | lớp | người | nghìn đồng") comes
    # after the column numbers, or before them: its units are the columns', never figures
    numbers = ["1", "2", "3", "4", "5", "6=7+8", "7", "8"]
    units = [None, "ĐVT", "đề án", "lớp", "người", "nghìn đồng", "nghìn đồng", "nghìn đồng"]
    rows = [
        *provincial_title("GIA LAI", 2017),
        ["STT", "Huyện, thị xã", "Số đề án", "Đào tạo nghề", None, "Kinh phí", None, None],
        [None, None, None, "Số lớp", "Số lao động", "Tổng", "KCQG", "KCĐP"],
        *([numbers, units] if numbers_first else [units, numbers]),
        [1, "TP. Pleiku", 2, 3, 75, 900_000, 400_000, 500_000],
        [2, "Huyện Chư Sê", 1, 2, 40, 350_000, 0, 350_000],
        [None, "Cộng", 3, 5, 115, 1_250_000, 400_000, 850_000],
    ]
    merges = merged("A6:A7", "B6:B7", "C6:C7", "D6:E6", "F6:H6")
    reading = understand_workbook(workbook("GiaLai_TH_huyen_2017.xls", sheet("TH", rows, merges)))
    assert rules_of(reading) == []
    assert facts_by_period(reading) == {
        ("extension_projects", "2017"): 3,
        ("training_classes", "2017"): 5,
        ("trained_workers", "2017"): 115,
        ("extension_funding", "2017"): 1250,
        ("extension_funding_national", "2017"): 400,
        ("extension_funding_local", "2017"): 850,
    }
