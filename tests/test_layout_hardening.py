"""Layout detection on correct reports that an adversarial probe found quarantined or misread.

Each test builds one such report by hand and asserts the exact facts (indicator, value, period)
and findings the reader must give.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from khuyencong.workbook_files import UnreadableFile, read_workbook_file
from tests.sheets import merged, sheet, workbook
from transforms.model import Reading
from transforms.reading.sheets import is_plan_title
from transforms.reading.tables import find_table
from transforms.reading.workbook import understand_workbook
from transforms.units import find_money_unit, parse_unit


def facts_of(reading: Reading) -> dict[tuple[str, str], Decimal]:
    """Facts by (indicator, period label), summed over cells."""
    totals: dict[tuple[str, str], Decimal] = {}
    for fact in reading.facts:
        key = (fact.indicator, fact.identity.period.label)
        totals[key] = totals.get(key, Decimal(0)) + fact.value
    return totals


def errors_of(reading: Reading) -> list[tuple[str, str | None]]:
    return [(f.rule, f.cell) for f in reading.findings]


def provincial_title(province: str, year: int) -> list[list[object]]:
    return [
        [f"UBND TỈNH {province}"],
        ["SỞ CÔNG THƯƠNG"],
        [None],
        [f"BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM {year}"],
        [None],
    ]


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
    assert errors_of(reading) == []
    assert facts_of(reading) == {
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
    assert errors_of(reading) == []
    assert facts_of(reading) == {
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
    assert errors_of(reading) == []
    assert facts_of(reading) == {
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
    assert errors_of(reading) == []
    assert facts_of(reading) == {
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
    assert errors_of(reading) == []
    assert facts_of(reading) == {
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
    assert errors_of(reading) == []
    assert {
        (f.identity.province_code, f.indicator, f.identity.period.label): f.value
        for f in reading.facts
    } == {
        ("19", "trained_workers", "2009"): 400,
        ("19", "demo_models", "2009"): 2,
        ("24", "trained_workers", "2009"): 300,
        ("24", "demo_models", "2009"): 1,
    }


def test_counts_are_read_in_the_count_column_beside_a_money_column() -> None:
    rows = [
        *provincial_title("VĨNH PHÚC", 2010),
        ["STT", "Nội dung", "ĐVT", "Số lượng", "Kinh phí (trđ)"],
        [1, "Đào tạo nghề", "người", 350, 500],
        [2, "Xây dựng mô hình trình diễn kỹ thuật", "mô hình", 2, 400],
        [None, "Tổng cộng", None, None, 900],
    ]
    reading = understand_workbook(workbook("KC_VinhPhuc_2010.xlsx", sheet("S", rows)))
    assert errors_of(reading) == [("money-column-not-read", None)]  # the clerk is told
    assert facts_of(reading) == {("trained_workers", "2010"): 350, ("demo_models", "2010"): 2}
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
    assert errors_of(reading) == []
    assert facts_of(reading) == {
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
    assert errors_of(reading) == []
    assert facts_of(reading) == {("trained_workers", "2009"): 420, ("demo_models", "2009"): 2}


def test_money_in_thousands_of_dong_is_converted_to_million_vnd() -> None:
    rows = [
        *provincial_title("LONG AN", 2010),
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        [1, "Kinh phí khuyến công", "1.000 đồng", "1.500.000"],
        [2, "Số lao động được đào tạo nghề", "người", 500],
    ]
    reading = understand_workbook(workbook("KC_LongAn_2010.xlsx", sheet("S", rows)))
    assert errors_of(reading) == []
    assert facts_of(reading) == {
        ("extension_funding", "2010"): 1500,
        ("trained_workers", "2010"): 500,
    }
    assert {f.identity.province_code for f in reading.facts} == {"80"}


def test_every_spelling_of_thousand_dong_is_a_thousandth_of_a_million() -> None:
    for text in ("1.000 đồng", "1000 đồng", "1.000đ", "nghìn đồng", "ngàn đồng", "Ng.đồng"):
        unit = parse_unit(text)
        assert unit is not None and unit.to_canonical == Decimal("0.001"), text
    for text in ("Kinh phí (1.000 đồng)", "Đơn vị tính: 1.000 đồng"):
        unit = find_money_unit(text)
        assert unit is not None and unit.label == "nghìn đồng", text
    million = find_money_unit("Đơn vị tính: 1.000.000 đồng")
    assert million is not None and million.label == "triệu đồng"


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
    assert [f.rule for f in reading.findings] == ["plan-not-loaded"]


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
    assert facts_of(reading) == {
        ("trained_workers", "2011"): 500,
        ("demo_models", "2011"): 3,
        ("extension_funding", "2011"): 1500,
    }
    first = find_table(sheet("S", rows))
    assert first is not None and first.data_rows == (7, 8, 9)
