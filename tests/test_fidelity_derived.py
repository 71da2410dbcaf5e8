"""What a report states without printing it in one cell, and words that look like something
else: total funding given only as KCQG and KCĐP, a production value "at 1994 prices", "Số làng
nghề" beside the recognised ones.

Each workbook is a real file in the formats offices send, read the way the nightly reads it;
what a careful analyst reads in it is stated literally.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from khuyencong.inbox import fingerprint
from khuyencong.process import read_submission
from tests.sheets import save_xlsx
from tests.test_fidelity import FORMATS, Writer, errors, totals
from transforms.decide import SubmissionReading
from transforms.model import CellValue

TITLE: list[list[CellValue]] = [
    ["UBND TỈNH VĨNH PHÚC", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    ["SỞ CÔNG THƯƠNG", None, None, "Độc lập - Tự do - Hạnh phúc"],
    [None],
    ["BÁO CÁO TÌNH HÌNH PHÁT TRIỂN CNNT VÀ KẾT QUẢ KHUYẾN CÔNG NĂM 2008"],
    [None],
    ["STT", "Chỉ tiêu", "ĐVT", "Năm 2007", "Năm 2008"],
]


def _read(writer: Writer, path: Path, rows: list[list[CellValue]]) -> SubmissionReading:
    return read_submission(fingerprint(writer(path, "CNNT 2008", TITLE + rows, ())))


@FORMATS
def test_funding_given_only_by_its_two_sources_is_their_sum(
    tmp_path: Path, writer: Writer, suffix: str
) -> None:
    """No "Tổng kinh phí" row: KCQG 760 and KCĐP 1,650 are total funding of 2,410 by the
    catalogue's definition, traced to the two cells it adds."""
    reading = _read(
        writer,
        tmp_path / f"VinhPhuc_KC_2008{suffix}",
        [
            ["1", "Đào tạo nghề cho lao động nông thôn", "người", 700, 880],
            ["2", "Kinh phí khuyến công quốc gia", "triệu đồng", 690, 760],
            ["3", "Kinh phí khuyến công địa phương", "triệu đồng", 1500, 1650],
        ],
    )
    assert errors(reading) == []
    assert totals(reading) == {
        "trained_workers": 880,
        "extension_funding_national": 760,
        "extension_funding_local": 1650,
        "extension_funding": 2410,
    }
    (total,) = [f for f in reading.facts if f.indicator == "extension_funding"]
    assert (total.cell, total.raw_value) == ("E8", "=E8+E9")  # HTML sheets are "Bảng 1"


def test_no_total_is_made_under_a_figure_the_reader_left_unread(tmp_path: Path) -> None:
    """A row "Vốn đã giải ngân | 9.610" names no indicator the reader knows, nor a whole; its
    parts below add up to 9,410. Made from the parts, total funding would be a figure the file
    contradicts: the parts are loaded, the unread figure is told, and no whole is made."""
    path = save_xlsx(
        tmp_path / "VinhPhuc_KC_2008.xlsx",
        "Biểu 01",
        [
            *TITLE,
            ["1", "Đào tạo nghề cho lao động nông thôn", "người", 700, 880],
            ["2", "Vốn đã giải ngân", "trđ", 9980, 9610],
            [None, "Trong đó:"],
            [None, "- Nguồn KCQG", "trđ", 1860, 2325],
            [None, "- Kinh phí khuyến công địa phương", "trđ", 8120, 7085],
        ],
    )
    reading = read_submission(fingerprint(path))
    assert totals(reading) == {
        "trained_workers": 880,
        "extension_funding_national": 2325,
        "extension_funding_local": 7085,
    }
    assert [(f.rule, f.cell) for f in reading.findings if f.cell == "E8"] == [
        ("row-not-read", "E8")
    ]


def test_a_printed_total_is_not_doubled_by_its_sum(tmp_path: Path) -> None:
    """The printed total stays the figure (checked against its parts), no second one is made."""
    reading = _read(
        save_xlsx,
        tmp_path / "VinhPhuc_KC_2008.xlsx",
        [
            ["1", "Kinh phí khuyến công", "triệu đồng", 2190, 2410],
            [None, "- KCQG", "triệu đồng", 690, 760],
            [None, "- KCĐP", "triệu đồng", 1500, 1650],
        ],
    )
    assert errors(reading) == []
    assert [(f.indicator, f.cell, f.value) for f in reading.facts] == [
        ("extension_funding", "E7", Decimal(2410)),
        ("extension_funding_national", "E8", Decimal(760)),
        ("extension_funding_local", "E9", Decimal(1650)),
    ]


def test_one_source_alone_makes_no_total(tmp_path: Path) -> None:
    reading = _read(
        save_xlsx,
        tmp_path / "VinhPhuc_KC_2008.xlsx",
        [["1", "Kinh phí khuyến công địa phương", "triệu đồng", 1500, 1650]],
    )
    assert totals(reading) == {"extension_funding_local": 1650}


def test_a_qualified_source_makes_no_total(tmp_path: Path) -> None:
    """ "khoảng 760" is an estimate: a total built on it would pass for an exact figure."""
    reading = _read(
        save_xlsx,
        tmp_path / "VinhPhuc_KC_2008.xlsx",
        [
            ["1", "Kinh phí KCQG", "triệu đồng", 690, "khoảng 760"],
            ["2", "Kinh phí KCĐP", "triệu đồng", 1500, 1650],
        ],
    )
    assert "extension_funding" not in totals(reading)


@FORMATS
def test_a_price_base_year_in_a_label_is_not_another_period(
    tmp_path: Path, writer: Writer, suffix: str
) -> None:
    """ "(giá CĐ 1994)" values the 2008 output at 1994 prices; the row is 2008's, in tỷ đồng."""
    reading = _read(
        writer,
        tmp_path / f"VinhPhuc_KC_2008{suffix}",
        [
            ["1", "Giá trị sản xuất CNNT (giá CĐ 1994)", "tỷ đồng", 9850, 11240],
            ["2", "Lao động được đào tạo nghề", "người", 3120, 3450],
        ],
    )
    assert errors(reading) == []
    assert totals(reading) == {"rural_industry_output": 11240000, "trained_workers": 3450}


def test_production_at_two_price_bases_is_one_figure_stated_twice(tmp_path: Path) -> None:
    """At 2010 prices and at current prices: two valuations of one output, never a sum of
    two parts; which one the ministry wants is the clerk's to say."""
    reading = _read(
        save_xlsx,
        tmp_path / "VinhPhuc_KC_2008.xlsx",
        [
            ["1", "GTSX CNNT theo giá so sánh năm 2010", "tỷ đồng", 12100, 13400],
            ["2", "GTSX CNNT theo giá hiện hành", "tỷ đồng", 15800, 17650],
        ],
    )
    assert errors(reading) == [("duplicate-indicator", "E8", "17650")]


@FORMATS
def test_craft_villages_beside_the_recognised_ones(
    tmp_path: Path, writer: Writer, suffix: str
) -> None:
    """ "Số làng nghề" counts every craft village; the recognised ones are their own row; the
    traditional ones are a title some hold, which no indicator counts: a warning, no figure."""
    reading = _read(
        writer,
        tmp_path / f"VinhPhuc_KC_2008{suffix}",
        [
            ["1", "Số làng nghề", "làng", 55, 56],
            ["2", "Làng nghề được UBND tỉnh công nhận", "làng nghề", 30, 31],
            ["3", "Số làng nghề truyền thống", "làng", 12, 12],
        ],
    )
    assert errors(reading) == []
    assert totals(reading) == {"craft_villages": 56, "recognised_craft_villages": 31}
    assert [(f.rule, f.cell, f.value) for f in reading.findings if f.rule == "row-not-read"] == [
        ("row-not-read", "E9", "12")
    ]


def _summary_and_annex(path: Path, summary_rows: list[list[CellValue]]) -> SubmissionReading:
    from openpyxl import Workbook as XlsxWorkbook

    book = XlsxWorkbook()
    summary = book.active
    summary.title = "Biểu 01"
    for row in TITLE + summary_rows:
        summary.append(row)
    annex = book.create_sheet("Phụ lục")
    for row in [
        ["DANH MỤC CÁC ĐỀ ÁN KHUYẾN CÔNG NĂM 2008"],
        ["STT", "Tên đề án", "Kinh phí (triệu đồng)", None, None, "Số LĐ được đào tạo"],
        [None, None, "Tổng số", "KCQG", "KCĐP", None],
        ["A", "ĐỀ ÁN KHUYẾN CÔNG QUỐC GIA", None, None, None, None],
        [1, "Đào tạo nghề dệt thổ cẩm xã Tân Sơn", 230, 230, None, 60],
        [2, "Hỗ trợ máy móc chế biến chè", 245, 245, None, None],
        [None, "Cộng A", 475, 475, None, 60],
        ["B", "ĐỀ ÁN KHUYẾN CÔNG ĐỊA PHƯƠNG", None, None, None, None],
        [1, "Đào tạo nghề rèn xã Yên Lập", 145, None, 145, 35],
        [None, "Cộng B", 145, None, 145, 35],
        [None, "Tổng cộng (3 đề án)", 620, 475, 145, 95],
    ]:
        annex.append(row)
    annex.merge_cells("C2:E2")
    book.save(path)
    return read_submission(fingerprint(path))


def test_an_annex_states_the_number_of_projects_the_summary_leaves_out(tmp_path: Path) -> None:
    """ "Tổng cộng (3 đề án)" is the clerk's own count, in the same report: the report's
    figure when its summary gives none; the annex's money stays a check of the summary's."""
    reading = _summary_and_annex(
        tmp_path / "VinhPhuc_KC_2008.xlsx",
        [
            ["1", "Số lao động nông thôn được đào tạo nghề", "người", 80, 95],
            ["2", "Tổng kinh phí khuyến công", "triệu đồng", 500, 620],
            [None, "- Kinh phí KCQG", "triệu đồng", 300, 475],
            [None, "- Kinh phí KCĐP", "triệu đồng", 200, 145],
        ],
    )
    assert errors(reading) == []
    assert totals(reading) == {
        "trained_workers": 95,
        "extension_funding": 620,
        "extension_funding_national": 475,
        "extension_funding_local": 145,
        "extension_projects": 3,
    }
    (count,) = [f for f in reading.facts if f.indicator == "extension_projects"]
    assert (count.sheet, count.cell, count.raw_value) == ("Phụ lục", "B11", "Tổng cộng (3 đề án)")


def test_a_summary_count_the_annex_contradicts_is_an_error(tmp_path: Path) -> None:
    reading = _summary_and_annex(
        tmp_path / "VinhPhuc_KC_2008.xlsx",
        [
            ["1", "Số đề án khuyến công", "đề án", 2, 4],
            ["2", "Số lao động nông thôn được đào tạo nghề", "người", 80, 95],
        ],
    )
    assert [rule for rule, _, _ in errors(reading)] == ["project-list-mismatch"]


def _activities(last: list[CellValue]) -> list[list[CellValue]]:
    return [
        ["TT", "Tên đề án", "Số lượng", "ĐVT"],
        [1, "Đào tạo nghề chế biến hải sản", 70, "lao động"],
        [2, "Hỗ trợ máy móc chế biến gỗ rừng trồng", 3, "cơ sở"],
        last,
    ]


@FORMATS
def test_a_row_in_the_unit_of_a_summed_indicator_leaves_its_sum_unproven(
    tmp_path: Path, writer: Writer, suffix: str
) -> None:
    """Is "Lắp đặt dây chuyền ép viên nén | 2 | cơ sở" a facility supported with equipment?
    If so the figure is 5, not 3: nothing in the file says, so nothing is loaded."""
    rows = [*TITLE[:5], *_activities([3, "Lắp đặt dây chuyền ép viên nén", 2, "cơ sở"])]
    path = writer(tmp_path / f"VinhPhuc_KC_2008{suffix}", "KQ 2008", rows, ())
    reading = read_submission(fingerprint(path))
    assert errors(reading) == [("row-in-unproven-sum", "C9", "2")]


def test_a_row_in_another_unit_is_only_a_warning(tmp_path: Path) -> None:
    rows = [*TITLE[:5], *_activities([3, "Phát hành ấn bản đặc biệt", 2, "cuốn"])]
    reading = read_submission(
        fingerprint(save_xlsx(tmp_path / "VinhPhuc_KC_2008.xlsx", "KQ 2008", rows))
    )
    assert errors(reading) == []
    assert totals(reading) == {"trained_workers": 70, "tech_support_facilities": 3}
    assert [(f.rule, f.cell) for f in reading.findings] == [("row-not-read", "C9")]


@FORMATS
def test_a_unit_the_title_states_for_one_indicator_is_that_indicators(
    tmp_path: Path, writer: Writer, suffix: str
) -> None:
    """ "Đơn vị tiền: triệu đồng (GTSX: tỷ đồng)": production value in tỷ đồng, the funding
    in triệu đồng (before: two units in the title, and every amount quarantined)."""
    rows: list[list[CellValue]] = [
        ["UBND TỈNH THÁI NGUYÊN"],
        ["SỞ CÔNG THƯƠNG"],
        ["KẾT QUẢ KHUYẾN CÔNG NĂM 2010"],
        ["Đơn vị tiền: triệu đồng (GTSX: tỷ đồng)"],
        ["STT", "Chỉ tiêu", "Năm 2009", "Năm 2010"],
        [1, "Kinh phí khuyến công quốc gia", 1390, 1100],
        [2, "Kinh phí khuyến công địa phương", 620, 780],
        [3, "Giá trị sản xuất CNNT", 1050, 1300],
    ]
    reading = read_submission(
        fingerprint(writer(tmp_path / f"ThaiNguyen_KC_2010{suffix}", "BC", rows, ()))
    )
    assert errors(reading) == []
    assert totals(reading) == {
        "extension_funding_national": 1100,
        "extension_funding_local": 780,
        "extension_funding": 1880,
        "rural_industry_output": 1300000,
    }


def test_workers_the_annex_lists_are_checked_against_the_summary(tmp_path: Path) -> None:
    """The summary says 100 workers trained, its annex's projects 95: one of them is wrong."""
    reading = _summary_and_annex(
        tmp_path / "VinhPhuc_KC_2008.xlsx",
        [["1", "Số lao động nông thôn được đào tạo nghề", "người", 80, 100]],
    )
    mismatches = [f for f in reading.findings if f.rule == "project-list-mismatch"]
    assert [dict(f.params) for f in mismatches] == [
        {"indicator": "trained_workers", "listed": "95", "summary": "100"}
    ]


@FORMATS
def test_a_list_by_funding_source_under_a_total_funding_column(
    tmp_path: Path, writer: Writer, suffix: str
) -> None:
    """ "Kinh phí khuyến công" names total funding, yet under "A | ĐỀ ÁN SỬ DỤNG KINH PHÍ
    KHUYẾN CÔNG QUỐC GIA" its cells are KCQG: each section gives its source, the "Tổng cộng"
    the total (before: only the total, the split lost)."""
    rows: list[list[CellValue]] = [
        ["TRUNG TÂM KHUYẾN CÔNG TỈNH VĨNH PHÚC"],
        ["DANH MỤC ĐỀ ÁN KHUYẾN CÔNG ĐÃ THỰC HIỆN NĂM 2008"],
        ["STT", "Tên đề án", "Đơn vị thụ hưởng", "Kinh phí khuyến công (triệu đồng)"],
        ["A", "ĐỀ ÁN SỬ DỤNG KINH PHÍ KHUYẾN CÔNG QUỐC GIA", None, None],
        [1, "Hỗ trợ hệ thống lò hơi", "Công ty TNHH Bảo Ngọc", 570.5],
        [2, "Hỗ trợ máy nghiền đá", "Công ty TNHH Bảo Ngọc", 439.5],
        [None, "Cộng mục A", None, 1010],
        ["B", "ĐỀ ÁN SỬ DỤNG KINH PHÍ KHUYẾN CÔNG ĐỊA PHƯƠNG", None, None],
        [1, "Hỗ trợ lò sấy nông sản", "Cơ sở Hà My", 196.5],
        [None, "Cộng mục B", None, 196.5],
        [None, "Tổng cộng (3 đề án)", None, 1206.5],
    ]
    path = writer(tmp_path / f"VinhPhuc_DanhMucDeAn_2008{suffix}", "Danh muc", rows, ())
    reading = read_submission(fingerprint(path))
    assert errors(reading) == []
    assert totals(reading) == {
        "extension_funding_national": 1010,
        "extension_funding_local": Decimal("196.5"),
        "extension_funding": Decimal("1206.5"),
        "extension_projects": 3,
    }


def test_a_section_naming_projects_of_a_source_gives_that_source(tmp_path: Path) -> None:
    """ "A | ĐỀ ÁN KHUYẾN CÔNG QUỐC GIA" could name projects or KCQG; over a column of money,
    of the two only the source is money."""
    rows: list[list[CellValue]] = [
        ["SỞ CÔNG THƯƠNG VĨNH PHÚC"],
        ["DANH MỤC ĐỀ ÁN KHUYẾN CÔNG THỰC HIỆN NĂM 2008"],
        ["Đơn vị tính: triệu đồng"],
        ["STT", "Tên đề án", "Số LĐ đào tạo (người)", "Kinh phí hỗ trợ"],
        ["A", "ĐỀ ÁN KHUYẾN CÔNG QUỐC GIA", None, None],
        [1, "Đào tạo nghề đan lục bình", 150, 210],
        [None, "Cộng phần A", 150, 210],
        ["B", "ĐỀ ÁN KHUYẾN CÔNG ĐỊA PHƯƠNG", None, None],
        [2, "Đào tạo nghề may công nghiệp", 120, 160],
        [3, "Hỗ trợ máy ép gạch không nung", None, 180],
        [None, "Cộng phần B", 120, 340],
        [None, "TỔNG CỘNG (A+B)", 270, 550],
    ]
    path = save_xlsx(tmp_path / "VinhPhuc_DanhMucDeAn_2008.xlsx", "Danh muc", rows)
    reading = read_submission(fingerprint(path))
    assert errors(reading) == []
    assert totals(reading) == {
        "trained_workers": 270,
        "extension_funding_national": 210,
        "extension_funding_local": 340,
        "extension_funding": 550,
    }


def test_workers_only_the_annex_lists_are_the_reports(tmp_path: Path) -> None:
    """The summary gives funding only; "Số LĐ được đào tạo" of its annex, whose sections'
    totals hold, is the report's number of workers trained (95 = 60 + 35)."""
    reading = _summary_and_annex(
        tmp_path / "VinhPhuc_KC_2008.xlsx",
        [
            ["1", "Tổng kinh phí khuyến công", "triệu đồng", 500, 620],
            [None, "- Kinh phí KCQG", "triệu đồng", 300, 475],
            [None, "- Kinh phí KCĐP", "triệu đồng", 200, 145],
        ],
    )
    assert errors(reading) == []
    assert totals(reading)["trained_workers"] == 95
