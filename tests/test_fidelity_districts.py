"""Tables of a province by district ("theo huyện, thành phố"): one row per district, the
indicators as columns, the province's total on a "Toàn tỉnh" / "Tổng cộng" row. Stocks add up
over districts as they do over provinces; a group header typed once over its sub-headers, with
no merge (a csv, a sheet whose clerk never merged), covers its group.

Each workbook is a real file in the formats offices send, read the way the nightly reads it.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from khuyencong.inbox import fingerprint
from khuyencong.process import read_submission
from tests.sheets import save_xls, save_xlsx
from tests.test_fidelity import errors, totals
from transforms.model import CellValue

TITLE: list[list[CellValue]] = [
    ["UBND TỈNH LAI CHÂU", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    ["SỞ CÔNG THƯƠNG", None, None, "Độc lập - Tự do - Hạnh phúc"],
    [None],
    ["KẾT QUẢ THỰC HIỆN KHUYẾN CÔNG THEO HUYỆN, THÀNH PHỐ NĂM 2010"],
    [None],
]

BY_DISTRICT: list[list[CellValue]] = [
    ["STT", "Huyện, thành phố", "Số LĐ được đào tạo (người)", "Làng có nghề (làng)",
     "Làng nghề được công nhận (làng nghề)", "Cơ sở được hỗ trợ máy móc (cơ sở)"],
    [1, "Huyện Tam Đường", 224, 16, 1, 3],
    [2, "Huyện Phong Thổ", 87, 14, "-", 2],
    [3, "Thị xã Lai Châu", 44, 5, 1, "-"],
    [None, "Tổng cộng", 355, 35, 2, 5],
]  # fmt: skip


def test_stocks_of_districts_add_up_to_the_provinces(tmp_path: Path) -> None:
    path = save_xls(tmp_path / "LaiChau_KC_2010_theo huyen.xls", "Theo huyen", TITLE + BY_DISTRICT)
    reading = read_submission(fingerprint(path))
    assert errors(reading) == []
    assert totals(reading) == {
        "trained_workers": 355,
        "craft_villages": 35,
        "recognised_craft_villages": 2,
        "tech_support_facilities": 5,
    }


def test_a_stock_whose_districts_contradict_its_total_is_an_error(tmp_path: Path) -> None:
    rows = [list(row) for row in BY_DISTRICT]
    rows[-1][3] = 36
    path = save_xlsx(tmp_path / "LaiChau_KC_2010.xlsx", "Theo huyen", TITLE + rows)
    reading = read_submission(fingerprint(path))
    assert [(rule, cell) for rule, cell, _ in errors(reading)] == [("total-mismatch", "D10")]


def test_a_stock_named_by_two_rows_is_stated_twice_not_added(tmp_path: Path) -> None:
    rows: list[list[CellValue]] = [
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        [1, "Số làng có nghề", "làng", 63],
        [2, "Làng có nghề đến 31/12", "làng", 65],
    ]
    path = save_xlsx(tmp_path / "LaiChau_KC_2010.xlsx", "BC", TITLE + rows)
    reading = read_submission(fingerprint(path))
    assert [rule for rule, _, _ in errors(reading)] == ["duplicate-indicator"]


COMPILATION_CSV = """BỘ CÔNG THƯƠNG;;;;;;
TỔNG HỢP KẾT QUẢ KHUYẾN CÔNG VÙNG TRUNG DU VÀ MIỀN NÚI PHÍA BẮC NĂM 2010;;;;;;
STT;Tỉnh, thành phố;Kết quả thực hiện;;Kinh phí (triệu đồng);;
;;Đào tạo nghề (người);Mô hình trình diễn;KCQG;KCĐP;Tổng số
1;Hà Giang;816;2;3.350;2.210;5.560
2;Cao Bằng;2.383;5;3.540;2.830,5;6.370,5
;Cộng;3.199;7;6.890;5.040,5;11.930,5
"""


def test_a_group_header_typed_once_covers_its_group_in_a_csv(tmp_path: Path) -> None:
    """ "Kinh phí (triệu đồng)" over "KCQG | KCĐP | Tổng số" with no merge: all three are
    money in triệu đồng (before: the last two had no unit, and the file was quarantined)."""
    path = tmp_path / "TongHop_MienNuiPhiaBac_2010.csv"
    path.write_bytes(COMPILATION_CSV.encode("utf-8-sig"))
    reading = read_submission(fingerprint(path))
    assert errors(reading) == []
    by_province = {(f.identity.province_code, f.indicator): f.value for f in reading.facts}
    assert by_province == {
        ("02", "trained_workers"): 816,
        ("02", "demo_models"): 2,
        ("02", "extension_funding_national"): 3350,
        ("02", "extension_funding_local"): 2210,
        ("02", "extension_funding"): 5560,
        ("04", "trained_workers"): 2383,
        ("04", "demo_models"): 5,
        ("04", "extension_funding_national"): 3540,
        ("04", "extension_funding_local"): Decimal("2830.5"),
        ("04", "extension_funding"): Decimal("6370.5"),
    }


def test_a_single_level_header_does_not_spread_over_a_blank_neighbour(tmp_path: Path) -> None:
    """ "Ghi chú" spans its two header rows; the blank cell right of it heads nothing."""
    rows: list[list[CellValue]] = [
        ["STT", "Chỉ tiêu", "ĐVT", "Năm 2010", None, "Ghi chú", None],
        [None, None, None, "Kế hoạch", "Thực hiện", None, None],
        [1, "Lao động được đào tạo nghề", "người", 300, 355, "Nghề mây tre", None],
    ]
    path = save_xlsx(tmp_path / "LaiChau_KC_2010.xlsx", "BC", TITLE + rows)
    reading = read_submission(fingerprint(path))
    assert errors(reading) == []
    assert totals(reading) == {"trained_workers": 355}


QUANG_NINH: list[list[CellValue]] = [
    ["UBND TỈNH QUẢNG NINH"],
    ["SỞ CÔNG THƯƠNG"],
    ["KẾT QUẢ THỰC HIỆN CÁC ĐỀ ÁN KHUYẾN CÔNG NĂM 2012"],
    [None],
    ["STT", "Tên đề án / nội dung", "Số lớp / mô hình / cơ sở", "Số lao động",
     "Kinh phí (triệu đồng)", None],
    [None, None, None, None, "KCQG", "KCĐP"],
    ["I", "ĐÀO TẠO NGHỀ", 5, 150, 0, 225],
    [1, "Đào tạo nghề chế biến hải sản - huyện Vân Đồn", 3, 90, 0, 135],
    [2, "Đào tạo nghề gốm sứ - huyện Đông Triều", 2, 60, 0, 90],
    ["II", "MÔ HÌNH TRÌNH DIỄN KỸ THUẬT", 1, None, 350, 50],
    [1, "Mô hình sản xuất gạch không nung", 1, None, 350, 50],
    ["III", "HỖ TRỢ ỨNG DỤNG MÁY MÓC THIẾT BỊ", 2, None, 100, 120],
    [1, "Hỗ trợ máy cắt đá mỹ nghệ - Cơ sở Phạm Văn Nam", 1, None, 50, 60],
    [2, "Hỗ trợ lò sấy hải sản - Cơ sở Vũ Thị Hoa", 1, None, 50, 60],
    [None, "TỔNG CỘNG", None, 150, 450, 395],
]  # fmt: skip


def test_a_column_counting_several_things_counts_what_each_section_names(
    tmp_path: Path,
) -> None:
    """ "Số lớp / mô hình / cơ sở" over projects under "I | ĐÀO TẠO NGHỀ", "II | MÔ HÌNH...":
    classes in the first section (not workers: the column names no workers), models in the
    second, facilities in the third; each section's own figure is its subtotal, checked."""
    path = save_xlsx(tmp_path / "QuangNinh_KC_2012.xlsx", "Bieu KQ", QUANG_NINH, ("E5:F5",))
    reading = read_submission(fingerprint(path))
    assert errors(reading) == []
    assert totals(reading) == {
        "training_classes": 5,
        "trained_workers": 150,
        "demo_models": 1,
        "tech_support_facilities": 2,
        "extension_funding_national": 450,
        "extension_funding_local": 395,
        "extension_funding": 845,
    }
    rows = [list(row) for row in QUANG_NINH]
    rows[6][2] = 6  # section I says 6 classes, its projects 5
    path = save_xls(tmp_path / "QuangNinh_KC_2012.xls", "Bieu KQ", rows, ("E5:F5",))
    assert [(rule, cell) for rule, cell, _ in errors(read_submission(fingerprint(path)))] == [
        ("total-mismatch", "C7")
    ]


def test_a_figure_of_such_a_column_under_a_section_naming_none_of_them_is_ambiguous(
    tmp_path: Path,
) -> None:
    rows = [list(row) for row in QUANG_NINH]
    rows.insert(-1, [None, "Tổ chức hội chợ hàng CNNT tỉnh", 1, None, 0, 0])
    rows.insert(-2, ["IV", "HOẠT ĐỘNG KHÁC", None, None, None, None])
    path = save_xlsx(tmp_path / "QuangNinh_KC_2012.xlsx", "Bieu KQ", rows, ("E5:F5",))
    reading = read_submission(fingerprint(path))
    assert [(rule, cell) for rule, cell, _ in errors(reading)] == [("ambiguous-indicator", "C16")]


def test_a_heading_naming_two_indicators_without_a_figure_is_no_ambiguity(
    tmp_path: Path,
) -> None:
    """ "1 | Đào tạo nghề | | " over "- Số lớp" and "- Số lao động": nothing to tell apart."""
    rows: list[list[CellValue]] = [
        *TITLE,
        ["STT", "Nội dung", "ĐVT", "Năm 2009", "Năm 2010"],
        [1, "Đào tạo nghề", None, None, None],
        [None, "- Số lớp", "lớp", 21, 24],
        [None, "- Số lao động", "người", 645, 712],
        [2, "Mô hình trình diễn kỹ thuật", "mô hình", 1, 2],
    ]
    path = save_xlsx(tmp_path / "LaiChau_KC_2010.xlsx", "BC", rows)
    reading = read_submission(fingerprint(path))
    assert errors(reading) == []
    assert totals(reading) == {"training_classes": 24, "trained_workers": 712, "demo_models": 2}


def test_a_count_under_thuc_hien_beside_its_funding_is_the_rows_actuals(tmp_path: Path) -> None:
    """ "Thực hiện" over "Số lượng | KCQG (tr.đ) | KCĐP (tr.đ)": the count is the row's
    figure of the period (it was dropped as if it were a third kind of funding)."""
    rows: list[list[CellValue]] = [
        ["UBND THÀNH PHỐ ĐÀ NẴNG"],
        ["BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH KHUYẾN CÔNG NĂM 2021"],
        ["TT", "Nội dung", "Đơn vị tính", "Kế hoạch", None, None, "Thực hiện", None, None],
        [None, None, None, "Số lượng", "KCQG (tr.đ)", "KCĐP (tr.đ)", "Số lượng", "KCQG (tr.đ)",
         "KCĐP (tr.đ)"],
        [1, "Đào tạo nghề", "người", 200, 0, 300, 185, 0, 276.5],
        [2, "Hỗ trợ ứng dụng máy móc thiết bị", "cơ sở", 10, 800, 1200, 11, 760, 1315],
    ]  # fmt: skip
    path = save_xlsx(tmp_path / "DaNang_KC_2021.xlsx", "BC", rows, ("D3:F3", "G3:I3"))
    reading = read_submission(fingerprint(path))
    assert errors(reading) == []
    assert totals(reading) == {
        "trained_workers": 185,
        "tech_support_facilities": 11,
        "extension_funding_national": 760,
        "extension_funding_local": Decimal("1591.5"),
        "extension_funding": Decimal("2351.5"),
    }


def test_provinces_as_columns_give_the_funding_split_of_each(tmp_path: Path) -> None:
    rows: list[list[CellValue]] = [
        ["TỔNG HỢP KẾT QUẢ KHUYẾN CÔNG NĂM 2014 - CÁC TỈNH NAM TRUNG BỘ"],
        [None],
        ["Chỉ tiêu", "ĐVT", "Phú Yên", "Khánh Hòa", "Cộng"],
        ["Lao động được đào tạo nghề", "người", 420, 655, 1075],
        ["Tổng kinh phí", "triệu đồng", 2000, 3550.5, 5550.5],
        ["  - Kinh phí KCQG", "triệu đồng", 860, 1200, 2060],
        ["  - Kinh phí KCĐP", "triệu đồng", 1140, 2350.5, 3490.5],
    ]
    path = save_xls(tmp_path / "NamTrungBo_TongHop_KC_2014.xls", "2014", rows)
    reading = read_submission(fingerprint(path))
    assert errors(reading) == []
    by_province = {(f.identity.province_code, f.indicator): f.value for f in reading.facts}
    assert by_province == {
        ("54", "trained_workers"): 420,
        ("54", "extension_funding"): 2000,
        ("54", "extension_funding_national"): 860,
        ("54", "extension_funding_local"): 1140,
        ("56", "trained_workers"): 655,
        ("56", "extension_funding"): Decimal("3550.5"),
        ("56", "extension_funding_national"): 1200,
        ("56", "extension_funding_local"): Decimal("2350.5"),
    }


def test_a_section_naming_workers_and_classes_settles_a_column_of_classes(
    tmp_path: Path,
) -> None:
    """ "ĐÀO TẠO NGHỀ, TRUYỀN NGHỀ" names workers as well as classes; of the things "Số lớp /
    mô hình / cơ sở" counts, only classes."""
    rows = [list(row) for row in QUANG_NINH]
    rows[6][1:3] = ["ĐÀO TẠO NGHỀ, TRUYỀN NGHỀ", None]
    path = save_xlsx(tmp_path / "QuangNinh_KC_2012.xlsx", "Bieu KQ", rows, ("E5:F5",))
    reading = read_submission(fingerprint(path))
    assert errors(reading) == []
    assert totals(reading)["training_classes"] == 5


QUANG_TRI: list[list[CellValue]] = [
    ["UBND TỈNH QUẢNG TRỊ"],
    ["BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG NĂM 2014"],
    ["STT", "Nội dung", "ĐVT", "Số lượng", "KCQG (trđ)", "KCĐP (trđ)", "Cộng (trđ)"],
    ["I", "Đào tạo nghề", None, None, None, None, None],
    [1, "Lớp đan lát mây tre - xã Triệu Long", "người", 35, 125, 65, 190],
    [2, "Lớp may công nghiệp - huyện Hải Lăng", "người", 60, 115, 180, 295],
    [None, "Cộng mục I", "người", 95, 240, 245, 485],
    ["II", "Hỗ trợ ứng dụng máy móc thiết bị", None, None, None, None, None],
    [1, "HTX Cơ khí Đông Hà", "cơ sở", 1, 320, 0, 320],
    [None, "Cộng mục II", "cơ sở", 1, 320, 0, 320],
    [None, "TỔNG CỘNG", None, None, 560, 245, 805],
]


def test_headings_naming_indicators_over_projects_count_what_they_name(tmp_path: Path) -> None:
    """ "II | Hỗ trợ ứng dụng máy móc thiết bị" with no figure over "HTX Cơ khí Đông Hà": a
    heading of projects, not a row of indicators; its "Cộng mục" proves the count (before: the
    counts unread, a wrong "Cộng mục I" unseen)."""
    path = save_xlsx(tmp_path / "QuangTri_KC_2014.xlsx", "BC2014", QUANG_TRI)
    reading = read_submission(fingerprint(path))
    assert errors(reading) == []
    assert totals(reading) == {
        "trained_workers": 95,
        "tech_support_facilities": 1,
        "extension_funding_national": 560,
        "extension_funding_local": 245,
        "extension_funding": 805,
    }
    rows = [list(row) for row in QUANG_TRI]
    rows[6][3] = 105  # "Cộng mục I" says 105 workers, its classes 95
    reading = read_submission(fingerprint(save_xls(tmp_path / "QuangTri_KC_2014.xls", "B", rows)))
    assert [(rule, cell) for rule, cell, _ in errors(reading)] == [("total-mismatch", "D7")]


def test_a_group_header_states_the_unit_of_its_plan_and_actual_columns(tmp_path: Path) -> None:
    """ "Đào tạo nghề (người)" over "KH năm | TH 6 tháng": workers, not classes."""
    rows: list[list[CellValue]] = [
        ["TỔNG HỢP TÌNH HÌNH THỰC HIỆN KẾ HOẠCH KHUYẾN CÔNG 6 THÁNG ĐẦU NĂM 2017"],
        [None],
        ["STT", "Tỉnh", "Đào tạo nghề (người)", None, "Kinh phí KCĐP (triệu đồng)", None],
        [None, None, "KH năm", "TH 6 tháng", "KH năm", "TH 6 tháng"],
        [1, "Thanh Hóa", 752, 366, 2256, 955.5],
        [2, "Nghệ An", 328, 146, 1626, 730.5],
    ]
    path = save_xlsx(tmp_path / "BTB_TH_6thang_2017.xlsx", "6T2017", rows, ("C3:D3", "E3:F3"))
    reading = read_submission(fingerprint(path))
    assert errors(reading) == []
    by_province = {(f.identity.province_code, f.indicator): f.value for f in reading.facts}
    assert by_province == {
        ("38", "trained_workers"): 366,
        ("38", "extension_funding_local"): Decimal("955.5"),
        ("40", "trained_workers"): 146,
        ("40", "extension_funding_local"): Decimal("730.5"),
    }
