"""Wholes and their parts, as clerks write them: a total that settles its digits, a "Kinh phí"
that is the sum of the KCQG and KCĐP under or beside it, projects counted under sections.

Each workbook is a real file in the formats offices send, read the way the nightly reads it;
what a careful analyst reads in it is stated literally.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from khuyencong.inbox import fingerprint
from khuyencong.process import read_submission
from tests.ods import save_ods
from tests.sheets import save_xls, save_xlsx
from tests.test_fidelity import FORMATS, Writer, errors, totals
from transforms.decide import SubmissionReading
from transforms.model import CellValue

TITLE: list[list[CellValue]] = [
    ["UBND TỈNH NINH BÌNH", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    ["SỞ CÔNG THƯƠNG", None, None, "Độc lập - Tự do - Hạnh phúc"],
    [None],
    ["BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2008"],
    [None],
]


def _read(
    writer: Writer, path: Path, rows: list[list[CellValue]], merges: tuple[str, ...] = ()
) -> SubmissionReading:
    return read_submission(fingerprint(writer(path, "BC 2008", rows, merges)))


def _csv(path: Path, text: str) -> SubmissionReading:
    path.write_bytes(text.encode("utf-8-sig"))
    return read_submission(fingerprint(path))


SETTLED_BY_ITS_PARTS = """UBND TỈNH NINH BÌNH - SỞ CÔNG THƯƠNG
BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2008
Chỉ tiêu;ĐVT;Năm 2007;Năm 2008
Số đề án;đề án;9;11
Lao động được đào tạo nghề;người;410;455
Tổng kinh phí;tr.đ;1.210;1.520
  - Kinh phí KCQG;tr.đ;480;600
  - Kinh phí KCĐP;tr.đ;730;920
"""


def test_a_total_whose_parts_are_in_the_file_settles_its_digit_grouping(tmp_path: Path) -> None:
    """ "1.520" could be 1520 or 1.52; only 1520 is 600 + 920, the file's own parts."""
    reading = _csv(tmp_path / "NinhBinh_KC_2008.csv", SETTLED_BY_ITS_PARTS)
    assert errors(reading) == []
    assert totals(reading) == {
        "extension_projects": 11,
        "trained_workers": 455,
        "extension_funding": 1520,
        "extension_funding_national": 600,
        "extension_funding_local": 920,
    }


def test_a_grouping_no_total_settles_stays_ambiguous(tmp_path: Path) -> None:
    """Without its parts, "1.520" proves nothing: both readings hold, none is taken."""
    text = SETTLED_BY_ITS_PARTS.replace("  - Kinh phí KCQG;tr.đ;480;600\n", "").replace(
        "  - Kinh phí KCĐP;tr.đ;730;920\n", ""
    )
    reading = _csv(tmp_path / "NinhBinh_KC_2008.csv", text)
    assert [(rule, cell) for rule, cell, _ in errors(reading)] == [("unparseable-number", "D6")]


def test_parts_that_contradict_both_readings_leave_the_grouping_open(tmp_path: Path) -> None:
    """630 + 920 is neither 1520 nor 1.52: nothing settles, and nothing is taken."""
    reading = _csv(
        tmp_path / "NinhBinh_KC_2008.csv", SETTLED_BY_ITS_PARTS.replace(";600\n", ";630\n")
    )
    assert errors(reading) == [("unparseable-number", "D6", "1.520")]


def _funding_rows(national: int) -> list[list[CellValue]]:
    return [
        *TITLE,
        ["STT", "Nội dung", "ĐVT", "Thực hiện 2008"],
        [1, "Số lao động được đào tạo nghề", "người", 395],
        [2, "Kinh phí (triệu đồng)", None, 2240],
        [None, "Trong đó: KCQG", None, national],
        [None, "KCĐP", None, 1260],
    ]


@FORMATS
def test_a_funding_row_states_its_unit_once_for_its_parts(
    tmp_path: Path, writer: Writer, suffix: str
) -> None:
    """ "Kinh phí (triệu đồng)" over "Trong đó: KCQG" and "KCĐP": one unit for the three rows,
    and "Kinh phí" is the total funding its parts add up to."""
    reading = _read(writer, tmp_path / f"NinhBinh_2008{suffix}", _funding_rows(980))
    assert errors(reading) == []
    assert totals(reading) == {
        "trained_workers": 395,
        "extension_funding": 2240,
        "extension_funding_national": 980,
        "extension_funding_local": 1260,
    }


def test_a_funding_row_its_parts_contradict_is_an_error(tmp_path: Path) -> None:
    reading = _read(save_xlsx, tmp_path / "NinhBinh_2008.xlsx", _funding_rows(990))
    assert errors(reading) == [("funding-split-mismatch", "D8", "2240")]


def _activities(kcdp_total: int) -> list[list[CellValue]]:
    return [
        *TITLE,
        ["Đơn vị tính: triệu đồng"],
        ["STT", "Nội dung", "Số lượng", "ĐVT", "Kinh phí", "Trong đó", None],
        [None, None, None, None, None, "KCQG", "KCĐP"],
        [1, "Đào tạo nghề, truyền nghề", 280, "lao động", 420, 180, 240],
        [2, "Mô hình trình diễn kỹ thuật", 1, "mô hình", 350, 250, 100],
        [3, "Ứng dụng máy móc thiết bị tiên tiến", 5, "cơ sở", 600, 200, 400],
        [4, "Tập huấn, hội thảo", 2, "lớp", 40, 0, 40],
        [None, "Cộng", None, None, 1410, 630, kcdp_total],
    ]


@pytest.mark.parametrize(
    ("writer", "suffix"), [(save_xlsx, ".xlsx"), (save_xls, ".xls"), (save_ods, ".ods")]
)
def test_counts_beside_a_funding_column_split_into_its_sources(
    tmp_path: Path, writer: Writer, suffix: str
) -> None:
    """ "Số lượng | ĐVT | Kinh phí | Trong đó: KCQG | KCĐP": the counts are the activities',
    "Kinh phí" is total funding (KCQG + KCĐP beside it), workshops cost money but count nothing."""
    merges = ("F7:G7",)
    reading = _read(writer, tmp_path / f"NinhBinh_2008{suffix}", _activities(780), merges)
    assert errors(reading) == []
    assert totals(reading) == {
        "trained_workers": 280,
        "demo_models": 1,
        "tech_support_facilities": 5,
        "extension_funding": 1410,
        "extension_funding_national": 630,
        "extension_funding_local": 780,
    }


def test_a_funding_column_whose_total_its_rows_contradict_is_an_error(tmp_path: Path) -> None:
    reading = _read(save_xlsx, tmp_path / "NinhBinh_2008.xlsx", _activities(800), ("F7:G7",))
    assert errors(reading) == [("total-mismatch", "G13", "800")]


@FORMATS
def test_a_one_row_compilation_under_don_vi_is_that_provinces_report(
    tmp_path: Path, writer: Writer, suffix: str
) -> None:
    """ "Đơn vị" heads the reporting unit here, not a unit of measure: its one row is a
    province."""
    rows: list[list[CellValue]] = [
        ["UBND TỈNH BÌNH ĐỊNH"],
        ["BIỂU TỔNG HỢP KẾT QUẢ KHUYẾN CÔNG NĂM 2012"],
        [None],
        ["Đơn vị", "Số đề án", "Đào tạo nghề", None, "Kinh phí (triệu đồng)", None, None],
        [None, None, "Số lớp", "Số LĐ", "Tổng", "KCQG", "KCĐP"],
        ["Tỉnh Bình Định", 17, 15, 460, 2870, 1270, 1600],
    ]
    path = tmp_path / f"BinhDinh_2012{suffix}"
    reading = read_submission(fingerprint(writer(path, "Bieu 01", rows, ("C4:D4", "E4:G4"))))
    assert errors(reading) == []
    assert totals(reading) == {
        "extension_projects": 17,
        "training_classes": 15,
        "trained_workers": 460,
        "extension_funding": 2870,
        "extension_funding_national": 1270,
        "extension_funding_local": 1600,
    }
    assert {f.identity.province_code for f in reading.facts} == {"52"}


@pytest.mark.parametrize("projects_said", [6, 7])
def test_an_annex_counts_its_projects_under_lettered_parts_and_sections(
    tmp_path: Path, projects_said: int
) -> None:
    """Parts A and B (national, local) and sections carrying their subtotals are no projects:
    the annex lists six, which the summary's "Số đề án" must say."""
    from openpyxl import Workbook as XlsxWorkbook

    book = XlsxWorkbook()
    summary = book.active
    summary.title = "Biểu 01"
    for row in [
        *TITLE,
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        [1, "Số đề án khuyến công", "đề án", projects_said],
        [2, "Số lao động được đào tạo", "người", 310],
    ]:
        summary.append(row)
    annex = book.create_sheet("Biểu 02")
    for row in [
        ["DANH MỤC CÁC ĐỀ ÁN KHUYẾN CÔNG NĂM 2008"],
        ["STT", "Tên đề án", "Số lao động"],
        ["A", "ĐỀ ÁN KHUYẾN CÔNG QUỐC GIA", None],
        ["I", "ĐÀO TẠO NGHỀ", 190],
        [1, "Đào tạo nghề đan lục bình", 120],
        [2, "Đào tạo nghề mây tre", 70],
        [3, "Mô hình chế biến muối sạch", None],
        [None, "Cộng phần A", 190],
        ["B", "ĐỀ ÁN KHUYẾN CÔNG ĐỊA PHƯƠNG", None],
        [4, "Đào tạo nghề may công nghiệp", 120],
        [5, "Hỗ trợ máy ép gạch", None],
        [6, "Tham gia hội chợ khu vực", None],
        [None, "Cộng phần B", 120],
        [None, "TỔNG CỘNG", 310],
    ]:
        annex.append(row)
    book.save(tmp_path / "NinhBinh_2008.xlsx")
    reading = read_submission(fingerprint(tmp_path / "NinhBinh_2008.xlsx"))
    if projects_said == 6:
        assert errors(reading) == []
        assert totals(reading) == {"extension_projects": 6, "trained_workers": 310}
    else:
        assert [rule for rule, _, _ in errors(reading)] == ["project-list-mismatch"]


@pytest.mark.parametrize(("writer", "suffix"), [(save_xlsx, ".xlsx"), (save_xls, ".xls")])
def test_a_trade_promotion_report_is_not_a_khuyen_cong_report(
    tmp_path: Path, writer: Writer, suffix: str
) -> None:
    """Its rows share our words (hội chợ, đào tạo), never our indicators."""
    rows: list[list[CellValue]] = [
        ["UBND TỈNH BÌNH PHƯỚC"],
        ["TRUNG TÂM XÚC TIẾN THƯƠNG MẠI"],
        ["BÁO CÁO KẾT QUẢ CHƯƠNG TRÌNH XÚC TIẾN THƯƠNG MẠI NĂM 2011"],
        ["STT", "Nội dung", "ĐVT", "Số lượng"],
        [1, "Tổ chức hội chợ thương mại", "hội chợ", 2],
        [2, "Đào tạo kỹ năng xúc tiến thương mại", "người", 120],
    ]
    reading = _read(writer, tmp_path / f"XTTM_2011{suffix}", rows)
    assert [rule for rule, _, _ in errors(reading)] == ["not-a-khuyen-cong-report"]


@pytest.mark.parametrize(
    "total_label", ["Tổng cộng (3 đề án)", "TỔNG CỘNG (A+B): 3 đề án", "Tổng cộng"]
)
def test_a_list_read_as_the_report_gives_the_number_of_projects_it_states(
    tmp_path: Path, total_label: str
) -> None:
    """Its rows are not counted into a figure (a line may be no project); its total row may
    say how many there are, and is a total whatever it says of itself (its workers were
    counted twice when ": 3 đề án" made it a row naming projects)."""
    rows: list[list[CellValue]] = [
        ["UBND TỈNH NINH BÌNH"],
        ["DANH MỤC CÁC ĐỀ ÁN KHUYẾN CÔNG THỰC HIỆN NĂM 2008"],
        ["STT", "Tên đề án", "Số lao động", "KCQG (triệu đồng)", "KCĐP (triệu đồng)"],
        [1, "Đào tạo nghề thêu ren", 60, 100, 50],
        [2, "Đào tạo nghề cói", 40, 80, 20],
        [3, "Chi phí quản lý, giám sát đề án", None, 10, None],
        [None, total_label, 100, 190, 70],
    ]
    reading = _read(save_xlsx, tmp_path / "NinhBinh_DanhMuc_2008.xlsx", rows)
    assert errors(reading) == []
    stated = {"extension_projects": 3} if "3" in total_label else {}
    assert totals(reading) == {
        **stated,
        "trained_workers": 100,
        "extension_funding_national": 190,
        "extension_funding_local": 70,
        "extension_funding": 260,
    }


def _activities_with_funding(national: int) -> list[list[CellValue]]:
    return [
        *TITLE,
        ["TT", "Nội dung", "ĐVT", "Kết quả thực hiện", None, "Ghi chú"],
        [None, None, None, "Số lượng", "Kinh phí (triệu đồng)", None],
        [1, "Đào tạo nghề, truyền nghề", "người", 1120, 1460, None],
        [2, "Mô hình trình diễn kỹ thuật", "mô hình", 2, 780, None],
        [3, "Tập huấn, hội thảo", "cuộc", 4, 120, None],
        [None, "Tổng cộng", None, None, 2360, None],
        [None, "Trong đó: KCQG", None, None, national, None],
        [None, "KCĐP", None, None, 1260, None],
    ]


@pytest.mark.parametrize(
    ("writer", "suffix"), [(save_xlsx, ".xlsx"), (save_xls, ".xls"), (save_ods, ".ods")]
)
def test_the_funding_column_beside_counts_gives_its_total_with_its_parts(
    tmp_path: Path, writer: Writer, suffix: str
) -> None:
    """The grand total of "Kinh phí" beside "Số lượng" is total funding when KCQG and KCĐP
    under it add up to it (then it holds no counterpart funds)."""
    rows = _activities_with_funding(1100)
    reading = _read(writer, tmp_path / f"NinhBinh_2008{suffix}", rows, ("D6:E6",))
    assert errors(reading) == []
    assert totals(reading) == {
        "trained_workers": 1120,
        "demo_models": 2,
        "extension_funding": 2360,
        "extension_funding_national": 1100,
        "extension_funding_local": 1260,
    }


def test_a_funding_total_its_parts_contradict_is_an_error(tmp_path: Path) -> None:
    rows = _activities_with_funding(1000)
    reading = _read(save_xlsx, tmp_path / "NinhBinh_2008.xlsx", rows, ("D6:E6",))
    assert errors(reading) == [("funding-split-mismatch", "E11", "2360")]


def test_a_funding_total_without_its_parts_is_not_taken(tmp_path: Path) -> None:
    """It may hold counterpart funds: the clerk is told the column was not read."""
    rows = _activities_with_funding(1100)[:-2]
    reading = _read(save_xlsx, tmp_path / "NinhBinh_2008.xlsx", rows, ("D6:E6",))
    assert errors(reading) == []
    assert totals(reading) == {"trained_workers": 1120, "demo_models": 2}
    assert [f.rule for f in reading.findings] == ["money-column-not-read"]


@pytest.mark.parametrize(("writer", "suffix"), [(save_xlsx, ".xlsx"), (save_xls, ".xls")])
def test_projects_under_activity_sections_count_what_their_section_names(
    tmp_path: Path, writer: Writer, suffix: str
) -> None:
    """ "I | ĐÀO TẠO NGHỀ" over its projects in "người": their "Số lượng" are trained
    workers; the section's subtotal proves them."""
    rows: list[list[CellValue]] = [
        *TITLE,
        ["STT", "Tên đề án", "ĐVT", "Số lượng", "KCQG (tr.đ)", "KCĐP (tr.đ)"],
        ["I", "ĐÀO TẠO NGHỀ", None, None, None, None],
        [1, "Đào tạo nghề mây tre đan Phù Ủng", "người", 150, None, 120],
        [2, "Đào tạo nghề may Văn Lâm", "người", 200, 150, 90],
        [None, "Cộng mục I", "người", 350, 150, 210],
        ["II", "HỖ TRỢ ỨNG DỤNG MÁY MÓC THIẾT BỊ", None, None, None, None],
        [1, "Hỗ trợ máy chế biến long nhãn", "cơ sở", 4, 200, 100],
        [None, "Cộng mục II", "cơ sở", 4, 200, 100],
        [None, "TỔNG CỘNG", None, None, 350, 310],
    ]
    reading = _read(writer, tmp_path / f"NinhBinh_2008{suffix}", rows)
    assert errors(reading) == []
    assert totals(reading) == {
        "trained_workers": 350,
        "tech_support_facilities": 4,
        "extension_funding_national": 350,
        "extension_funding_local": 310,
        "extension_funding": 660,
    }
    rows[8][3] = 360  # the second project: its section's subtotal no longer holds
    wrong = _read(writer, tmp_path / f"NinhBinh_wrong_2008{suffix}", rows)
    assert errors(wrong) == [("total-mismatch", "D10", "350")]


def test_a_web_systems_key_value_lines_are_its_title_not_its_header(tmp_path: Path) -> None:
    """ "Đơn vị báo cáo: | Tỉnh Cao Bằng (04)" names the province; the table is below; a
    grouping "1.812" its parts settle is 1812; "Nguồn:" under the table ends it."""
    rows: list[list[CellValue]] = [
        ["HỆ THỐNG BÁO CÁO TRỰC TUYẾN NGÀNH CÔNG THƯƠNG"],
        ["Đơn vị báo cáo:", "Tỉnh Cao Bằng (04)"],
        ["Kỳ báo cáo:", "Năm 2012"],
        [None],
        ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện"],
        [1, "Số lao động được đào tạo nghề", "người", 300, 325],
        [2, "Tổng kinh phí khuyến công", "triệu đồng", "1.850", "1.812"],
        ["2.1", "Kinh phí khuyến công quốc gia", "triệu đồng", "1.000", "1.000"],
        ["2.2", "Kinh phí khuyến công địa phương", "triệu đồng", "850", "812"],
        [None, "Nguồn: Sở Công Thương Cao Bằng", None, None, None],
    ]
    reading = _read(save_xlsx, tmp_path / "Bao cao KC nam 2012.xlsx", rows)
    assert errors(reading) == []
    assert totals(reading) == {
        "trained_workers": 325,
        "extension_funding": 1812,
        "extension_funding_national": 1000,
        "extension_funding_local": 812,
    }
    assert {f.identity.province_code for f in reading.facts} == {"04"}


COMPILATION = """TRUNG TÂM KHUYẾN CÔNG VÀ TƯ VẤN PHÁT TRIỂN CÔNG NGHIỆP III
BẢNG TỔNG HỢP KẾT QUẢ KHUYẾN CÔNG NĂM 2011
STT;Tỉnh, thành phố;Đào tạo nghề;;Tổng kinh phí (triệu đồng);Trong đó KCQG;Trong đó KCĐP
;;Số lớp;Số LĐ;;;
1;Tiền Giang;30;1.845;2.850,5;1.100,0;1.750,5
2;Bến Tre;25;1.620;2.480,0;1.050,0;1.430,0
;Cộng toàn vùng;55;3.465;5.330,5;2.150,0;3.180,5

Nguồn: số liệu do các Sở Công Thương cung cấp
"""


def test_a_compilations_parts_take_the_unit_of_their_whole_and_its_source_line_ends_it(
    tmp_path: Path,
) -> None:
    """KCQG and KCĐP beside "Tổng kinh phí (triệu đồng)" are in its unit; "Nguồn: ..." is no
    province."""
    reading = _csv(tmp_path / "Vung3_KC_2011.csv", COMPILATION)
    assert errors(reading) == []
    by_province = {(f.identity.province_code, f.indicator): f.value for f in reading.facts}
    assert by_province == {
        ("82", "training_classes"): 30,
        ("82", "trained_workers"): 1845,
        ("82", "extension_funding"): Decimal("2850.5"),
        ("82", "extension_funding_national"): 1100,
        ("82", "extension_funding_local"): Decimal("1750.5"),
        ("83", "training_classes"): 25,
        ("83", "trained_workers"): 1620,
        ("83", "extension_funding"): 2480,
        ("83", "extension_funding_national"): 1050,
        ("83", "extension_funding_local"): 1430,
    }


@pytest.mark.parametrize(("writer", "suffix"), [(save_xlsx, ".xlsx"), (save_xls, ".xls")])
def test_a_plan_sent_instead_of_the_report_is_sent_back(
    tmp_path: Path, writer: Writer, suffix: str
) -> None:
    """A plan is never loaded as actuals; a file holding nothing else is no report at all,
    and the clerk is asked for the report rather than told it was taken."""
    rows: list[list[CellValue]] = [
        ["UBND TỈNH BÌNH PHƯỚC"],
        ["KẾ HOẠCH KHUYẾN CÔNG NĂM 2013"],
        ["STT", "Nội dung", "ĐVT", "Kế hoạch 2013", "Kinh phí dự kiến (tr.đ)"],
        [1, "Đào tạo nghề", "người", 450, 540],
        [2, "Mô hình trình diễn kỹ thuật", "mô hình", 1, 500],
    ]
    reading = _read(writer, tmp_path / f"BinhPhuoc_KH_2013{suffix}", rows)
    assert [(rule, value) for rule, _, value in errors(reading)] == [("only-a-plan", None)]
    assert [f.rule for f in reading.findings] == ["plan-not-loaded", "only-a-plan"]


@pytest.mark.parametrize(("writer", "suffix"), [(save_xlsx, ".xlsx"), (save_ods, ".ods")])
def test_a_total_of_all_sources_with_counterpart_funds_is_no_extension_funding(
    tmp_path: Path, writer: Writer, suffix: str
) -> None:
    """ "Tổng | KCQG | KCĐP | Đối ứng" where each Tổng adds the beneficiaries' own money: the
    programme's funding is KCQG and KCĐP; the Tổng is neither it nor a mismatch with them."""
    rows: list[list[CellValue]] = [
        *TITLE,
        ["STT", "Nội dung", "Số lượng", "ĐVT", "Kinh phí (triệu đồng)", None, None, None],
        [None, None, None, None, "Tổng", "KCQG", "KCĐP", "Đối ứng"],
        [1, "Đào tạo nghề", 260, "lao động", 335, "-", 310, 25],
        [2, "Mô hình trình diễn kỹ thuật", 1, "mô hình", 2050, 450, "-", 1600],
        [None, "Tổng cộng", None, None, 2385, 450, 310, 1625],
    ]
    reading = _read(writer, tmp_path / f"NinhBinh_2008{suffix}", rows, ("E6:H6",))
    assert errors(reading) == []
    assert totals(reading) == {
        "trained_workers": 260,
        "demo_models": 1,
        "extension_funding_national": 450,
        "extension_funding_local": 310,
        "extension_funding": 760,  # KCQG + KCĐP; the "Tổng" adds đối ứng
    }


# 860: the annex's KCQG, and so its total, disagree with the summary's KCQG and KCQG + KCĐP
MISLISTED = ["project-list-mismatch", "project-list-mismatch"]


@pytest.mark.parametrize(("kcqg_listed", "rules"), [(880, []), (860, MISLISTED)])
def test_an_annex_stating_no_unit_is_compared_in_the_summarys(
    tmp_path: Path, kcqg_listed: int, rules: list[str]
) -> None:
    """ "PHỤ LỤC: DANH MỤC ĐỀ ÁN" (or "Tên đề án" over its rows) is the summary's annex, whose
    money states no unit: it is checked against the summary, never read as a second report."""
    from openpyxl import Workbook as XlsxWorkbook

    book = XlsxWorkbook()
    summary = book.active
    summary.title = "Biểu 01"
    for row in [
        *TITLE,
        ["TT", "Chỉ tiêu", "Đơn vị tính", "Thực hiện"],
        [1, "Số lao động được đào tạo", "người", 65],
        [2, "Doanh nghiệp được hỗ trợ đăng ký nhãn hiệu", "doanh nghiệp", 1],
        [3, "Kinh phí khuyến công quốc gia", "triệu đồng", 880],
        [4, "Kinh phí khuyến công địa phương", "triệu đồng", 155],
    ]:
        summary.append(row)
    annex = book.create_sheet("Phu luc")
    for row in [
        ["PHỤ LỤC: DANH MỤC ĐỀ ÁN KHUYẾN CÔNG THỰC HIỆN NĂM 2008"],
        ["TT", "Tên đề án", "Số LĐ", "KCQG", "KCĐP", "Cộng"],
        [1, "Đào tạo nghề mộc dân dụng", 35, None, 55, 55],
        [2, "Đào tạo nghề chế biến hải sản", 30, kcqg_listed, None, kcqg_listed],
        [3, "Hỗ trợ đăng ký nhãn hiệu", None, None, 100, 100],
        [None, "Tổng cộng", 65, kcqg_listed, 155, kcqg_listed + 155],
    ]:
        annex.append(row)
    book.save(tmp_path / "NinhBinh_2008.xlsx")
    reading = read_submission(fingerprint(tmp_path / "NinhBinh_2008.xlsx"))
    assert [rule for rule, _, _ in errors(reading)] == rules
    assert totals(reading) == {
        "trained_workers": 65,
        "brand_support_enterprises": 1,
        "extension_funding_national": 880,
        "extension_funding_local": 155,
        "extension_funding": 1035,
    }


@pytest.mark.parametrize(("writer", "suffix"), [(save_xlsx, ".xlsx"), (save_xls, ".xls")])
def test_a_total_column_after_its_parts_takes_their_unit(
    tmp_path: Path, writer: Writer, suffix: str
) -> None:
    """ "KCQG (triệu đồng) | KCĐP (triệu đồng) | Cộng": "Cộng" is total funding, in their unit."""
    rows: list[list[CellValue]] = [
        *TITLE,
        ["TT", "Nội dung", "ĐVT", "Khối lượng", "KCQG (triệu đồng)", "KCĐP (triệu đồng)", "Cộng"],
        [1, "Đào tạo nghề cho lao động nông thôn", "người", 380, 150, 210, 360],
        [2, "Hỗ trợ ứng dụng máy móc thiết bị", "cơ sở", 7, 280, 420, 700],
        [None, "Tổng cộng", None, None, 430, 630, 1060],
    ]
    reading = _read(writer, tmp_path / f"NinhBinh_2008{suffix}", rows)
    assert errors(reading) == []
    assert totals(reading) == {
        "trained_workers": 380,
        "tech_support_facilities": 7,
        "extension_funding_national": 430,
        "extension_funding_local": 630,
        "extension_funding": 1060,
    }


def test_an_activitys_funding_by_source_is_its_breakdown_not_more_funding(tmp_path: Path) -> None:
    """ "- Nguồn KCQG" under each activity breaks its funding down; the sources of the whole
    are under "Tổng cộng" (counting both gave KCQG twice)."""
    rows = _activities_with_funding(1100)
    rows[8:8] = [  # under "1 | Đào tạo nghề, truyền nghề | người | 1120 | 1460"
        [None, "- Nguồn KCQG", None, None, 700, None],
        [None, "- Nguồn KCĐP", None, None, 760, None],
    ]
    reading = _read(save_xlsx, tmp_path / "NinhBinh_2008.xlsx", rows, ("D6:E6",))
    assert errors(reading) == []
    assert totals(reading)["extension_funding_national"] == 1100
    assert totals(reading)["extension_funding"] == 2360
