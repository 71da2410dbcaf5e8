"""Labels as clerks write them: abbreviations spelled out only when nothing matches as
written, bulleted items under a heading, and the other words of activity lists.

Each workbook is a real file in the formats offices send, read the way the nightly reads it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from khuyencong.inbox import fingerprint
from khuyencong.process import read_submission
from tests.sheets import save_xlsx
from tests.test_fidelity import FORMATS, Writer, errors, totals
from transforms.indicators import match_label, spell_out
from transforms.model import CellValue

TITLE: list[list[CellValue]] = [
    ["SỞ CÔNG THƯƠNG TỈNH ĐẮK LẮK"],
    ["TRUNG TÂM KHUYẾN CÔNG"],
    [None],
    ["BÁO CÁO KẾT QUẢ THỰC HIỆN CÔNG TÁC KHUYẾN CÔNG 6 THÁNG ĐẦU NĂM 2014"],
    [None],
]


@pytest.mark.parametrize(
    ("label", "unit", "code"),
    [
        ("Số mô hình TDKT", "mô hình", "demo_models"),
        ("So mo hinh TDKT", "mo hinh", "demo_models"),
        ("Số lớp ĐTN", "lớp", "training_classes"),
        ("Nguồn KC quốc gia", "Tỷ đồng", "extension_funding_national"),
        ("Hỗ trợ QH chi tiết cụm CN", None, "industrial_clusters_supported"),
        ("Lớp dạy nghề, truyền nghề", "lớp", "training_classes"),
        ("Hỗ trợ lò sấy nông sản cho DNTN Phú Cường", "cơ sở", "tech_support_facilities"),
    ],
)
def test_labels_with_abbreviations_and_activity_words(
    label: str, unit: str | None, code: str
) -> None:
    match = match_label(label, unit)
    assert match.indicator is not None
    assert match.indicator.code == code


def test_an_abbreviation_is_spelled_out_only_with_its_own_diacritics() -> None:
    """ "ĐA" is đề án, "đã" (already) is not: a whole word, its diacritics exactly."""
    assert spell_out("Số ĐA đã thực hiện") == "Số đề án đã thực hiện"
    assert spell_out("KCQG và KC địa phương") == "KCQG và khuyến công địa phương"


@FORMATS
def test_bulleted_items_under_a_heading_are_its_details(
    tmp_path: Path, writer: Writer, suffix: str
) -> None:
    """ "I | Đào tạo nghề" with no figure over "- | Đào tạo nghề thêu ren | lớp | 1 | 35":
    the items the subtotal "Cộng I" adds up (before: parts of nothing, and every total of the
    file a mismatch)."""
    rows: list[list[CellValue]] = [
        *TITLE,
        ["TT", "Nội dung hoạt động", "ĐVT", "Số lượng", "Số học viên", "KCĐP (triệu đồng)"],
        ["I", "Đào tạo nghề, truyền nghề", None, None, None, None],
        ["-", "Đào tạo nghề thêu ren tại xã Đồng Tâm", "lớp", 1, 35, 43.5],
        ["-", "Đào tạo nghề mây tre đan tại xã An Khánh", "lớp", 1, 27, 79.5],
        [None, "Cộng I", "lớp", 2, 62, 123],
        ["II", "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến", None, None, None, None],
        ["-", "Hỗ trợ máy xay xát gạo cho Công ty Thành Đạt", "cơ sở", 1, None, 186],
        [None, "Cộng II", "cơ sở", 1, None, 186],
        [None, "TỔNG CỘNG", None, None, 62, 309],
    ]
    reading = read_submission(
        fingerprint(writer(tmp_path / f"DakLak_KC_6T2014{suffix}", "KQ", rows, ()))
    )
    assert errors(reading) == []
    assert totals(reading) == {
        "training_classes": 2,
        "trained_workers": 62,
        "tech_support_facilities": 1,
        "extension_funding_local": 309,
    }


def test_a_bulleted_row_under_a_section_with_figures_is_its_part(tmp_path: Path) -> None:
    """ "I | Đào tạo nghề | lao động | 321" over "- | Số lớp học nghề | lớp | 8": the classes
    of that training, a figure of its own, not a second item of the section."""
    rows: list[list[CellValue]] = [
        *TITLE,
        ["STT", "Nội dung hoạt động", "ĐVT", "Số lượng"],
        ["I", "Đào tạo, truyền nghề cho LĐ nông thôn", "lao động", 321],
        ["-", "Số lớp học nghề", "lớp", 8],
        ["II", "Hỗ trợ xây dựng mô hình trình diễn kỹ thuật", "mô hình", 4],
    ]
    reading = read_submission(
        fingerprint(save_xlsx(tmp_path / "DakLak_KC_6T2014.xlsx", "BC", rows))
    )
    assert errors(reading) == []
    assert totals(reading) == {
        "trained_workers": 321,
        "training_classes": 8,
        "demo_models": 4,
    }


SUMMARY_IN_WORDS: list[list[CellValue]] = [
    ["SỞ CÔNG THƯƠNG TỈNH BÀ RỊA - VŨNG TÀU"],
    [None],
    ["TÓM TẮT KẾT QUẢ KHUYẾN CÔNG NĂM 2012"],
    [None],
    ["Nội dung", "Kết quả"],
    ["1. Đào tạo nghề", None],
    ["   - Số lớp", "15 lớp"],
    ["   - Số lao động", "520 người"],
    ["2. Mô hình trình diễn kỹ thuật", "1 mô hình"],
    ["3. Kinh phí khuyến công", "2.150 triệu đồng"],
    ["   Trong đó:  KCQG", "600 triệu đồng"],
    ["                    KCĐP", "1.550 triệu đồng"],
]


@FORMATS
def test_figures_typed_with_their_unit_in_a_table_without_dvt(
    tmp_path: Path, writer: Writer, suffix: str
) -> None:
    """ "15 lớp", "2.150 triệu đồng": the unit typed after the figure is the row's ĐVT (and
    the funding's parts settle "2.150" as two thousand one hundred and fifty)."""
    path = writer(tmp_path / f"KC_BR-VT_2012{suffix}", "Tong hop", SUMMARY_IN_WORDS, ())
    reading = read_submission(fingerprint(path))
    assert errors(reading) == []
    assert totals(reading) == {
        "training_classes": 15,
        "trained_workers": 520,
        "demo_models": 1,
        "extension_funding": 2150,
        "extension_funding_national": 600,
        "extension_funding_local": 1550,
    }


def test_a_figure_in_another_unit_than_its_rows_is_never_read_in_it(tmp_path: Path) -> None:
    rows = [list(row) for row in SUMMARY_IN_WORDS[:5]]
    rows[4] = ["Nội dung", "Năm 2011", "Năm 2012"]
    rows.append(["Số lao động được đào tạo", 400, 520])
    rows.append(["Kinh phí khuyến công", "2 tỷ đồng", "150 triệu đồng"])
    reading = read_submission(
        fingerprint(save_xlsx(tmp_path / "KC_BR-VT_2012.xlsx", "Tong hop", rows))
    )
    assert [(rule, cell) for rule, cell, _ in errors(reading)] == [("unparseable-number", "C7")]


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("Số lao động trong các cơ sở CNNT", None),  # the workforce, a row that is no indicator
        ("Lao động làm việc trong các cơ sở CNNT", None),
        ("Số lao động", "trained_workers"),  # a project list's column, as it always was
        ("Đào tạo nghề cho lao động trong các cơ sở CNNT", "trained_workers"),
    ],
)
def test_a_label_saying_more_of_a_row_that_is_no_indicator_names_none(
    label: str, code: str | None
) -> None:
    match = match_label(label, "người")
    assert (match.indicator.code if match.indicator else None) == code


UNIT_ROW: list[list[CellValue]] = [
    ["SỞ CÔNG THƯƠNG KHÁNH HÒA"],
    ["BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2012"],
    ["Nội dung", "Số lượng", "Kinh phí KCQG", "Kinh phí KCĐP", "Tổng kinh phí"],
    [None, None, "(triệu đồng)", "(triệu đồng)", "(triệu đồng)"],
    ["Đào tạo nghề (người)", 210, 150, 90, 240],
    ["Hỗ trợ máy móc thiết bị (cơ sở)", 7, 420, 260, 680],
    ["Cộng", None, 570, 350, 920],
]


@FORMATS
def test_a_row_of_units_under_the_header_and_a_unit_in_the_label(
    tmp_path: Path, writer: Writer, suffix: str
) -> None:
    """ "(triệu đồng)" under each money column is the header's, and "Đào tạo nghề (người)"
    counts workers, not classes (before: every amount without a unit, the row ambiguous)."""
    path = writer(tmp_path / f"KhanhHoa_KC_2012{suffix}", "Sheet1", UNIT_ROW, ())
    reading = read_submission(fingerprint(path))
    assert errors(reading) == []
    assert totals(reading) == {
        "trained_workers": 210,
        "tech_support_facilities": 7,
        "extension_funding_national": 570,
        "extension_funding_local": 350,
        "extension_funding": 920,
    }


def test_a_title_line_saying_what_it_measures_and_a_de_an_column(tmp_path: Path) -> None:
    """ "Kinh phí: triệu đồng" states the money unit; "Đề án" over project names is the label
    column, not a number of projects."""
    rows: list[list[CellValue]] = [
        ["UBND TỈNH SƠN LA"],
        ["BÁO CÁO THỰC HIỆN KINH PHÍ KHUYẾN CÔNG NĂM 2010"],
        ["Kinh phí: triệu đồng"],
        ["TT", "Đề án", "Kinh phí KCQG", "Kinh phí KCĐP", "Cộng"],
        [1, "Đào tạo nghề chế biến chè", 185, None, 185],
        [2, "Hỗ trợ máy sấy cà phê", 240, 75, 315],
        [None, "Tổng cộng", 425, 75, 500],
    ]
    reading = read_submission(fingerprint(save_xlsx(tmp_path / "SonLa_KC_2010.xlsx", "B1", rows)))
    assert errors(reading) == []
    assert totals(reading) == {
        "extension_funding_national": 425,
        "extension_funding_local": 75,
        "extension_funding": 500,
    }


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("Kinh phí khuyến công (KCĐP)", "extension_funding_local"),  # was loaded as the total
        ("Kinh phí khuyến công", "extension_funding"),
        ("Kinh phí khuyến công địa phương", "extension_funding_local"),
    ],
)
def test_a_label_naming_a_whole_and_one_of_its_parts_is_the_part(label: str, code: str) -> None:
    match = match_label(label, "triệu đồng")
    assert match.indicator is not None
    assert match.indicator.code == code


def test_a_header_stating_its_columns_unit_after_dvt_is_no_dvt_column(tmp_path: Path) -> None:
    """ "Kinh phí KCĐP" over "(ĐVT: Tr.đồng)" is local funding in triệu đồng, not a column of
    units (before: the funding unread, the row's unit in its label unseen)."""
    rows: list[list[CellValue]] = [
        ["SỞ CÔNG THƯƠNG TUYÊN QUANG"],
        ["BÁO CÁO KHUYẾN CÔNG QUÝ II NĂM 2008"],
        ["STT", "Nội dung", "Số lượng", "Kinh phí KCĐP", "Ghi chú"],
        [None, None, None, "(ĐVT: Tr.đồng)", None],
        [1, "Đào tạo nghề (người)", 95, 85, None],
        [2, "Hỗ trợ thiết bị (cơ sở)", 3, 210, None],
        [None, "Cộng", None, 295, None],
    ]
    path = save_xlsx(tmp_path / "TuyenQuang_KC_QuyII_2008.xlsx", "Quy II", rows)
    reading = read_submission(fingerprint(path))
    assert errors(reading) == []
    assert totals(reading) == {
        "trained_workers": 95,
        "tech_support_facilities": 3,
        "extension_funding_local": 295,
    }


def test_a_second_table_of_funding_by_source(tmp_path: Path) -> None:
    """ "Bảng 2. Kinh phí thực hiện (nghìn đồng)" over "STT | Nguồn vốn | Số tiền": a table of
    its own, its sources funding in its heading's unit, counterpart funds outside the total."""
    rows: list[list[CellValue]] = [
        ["Tỉnh: Nam Định", None, None, "Kỳ báo cáo: 6 tháng đầu năm 2016"],
        [None],
        ["Bảng 1. Kết quả hoạt động"],
        ["STT", "Hoạt động", "Đơn vị", "Số lượng"],
        [1, "Số lao động nông thôn được đào tạo nghề", "người", 1925],
        [2, "Mô hình trình diễn kỹ thuật", "mô hình", 8],
        [None],
        [None],
        ["Bảng 2. Kinh phí thực hiện (nghìn đồng)"],
        ["STT", "Nguồn vốn", "Số tiền"],
        [1, "Khuyến công quốc gia", 76000],
        [2, "Khuyến công địa phương", 65000],
        [3, "Vốn đối ứng của cơ sở", 787000],
        [None, "Cộng kinh phí khuyến công (1+2)", 141000],
    ]
    reading = read_submission(fingerprint(save_xlsx(tmp_path / "NamDinh_6T_2016.xlsx", "BC", rows)))
    assert errors(reading) == []
    assert totals(reading) == {
        "trained_workers": 1925,
        "demo_models": 8,
        "extension_funding_national": 76,
        "extension_funding_local": 65,
        "extension_funding": 141,
    }
