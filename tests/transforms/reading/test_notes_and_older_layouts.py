"""Notes written inside a table and older offices' column names: a note is no figure and no
end of the figures, "năm trước" is another year's column."""

from __future__ import annotations

from decimal import Decimal

from tests.transforms.readings import actuals, read, rules_of
from tests.transforms.reports import titled

NOTE = "(Trong năm có 2 lớp do doanh nghiệp tự tổ chức, không tính vào số liệu trên)"


def older_report(columns: list[str], merge_note: str = "") -> list[list[object]]:
    return [
        *titled("LÀO CAI", "BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2006"),
        ["STT", "Chỉ tiêu", "ĐVT", *columns],
        ["I", "Đào tạo nghề, truyền nghề", None, None, None],
        [1, "Số lao động nông thôn được đào tạo nghề", "người", 300, 349],
        [None, NOTE, None, None, None],
        ["II", "Kinh phí thực hiện", None, None, None],
        [1, "Tổng kinh phí khuyến công", "triệu đồng", 7000, 7635],
        [None, "Ghi chú: vốn đối ứng của các cơ sở thụ hưởng không tổng hợp vào bảng này"],
        ["III", "Các hoạt động và thông tin khác", None, None, None],
        [1, "Số làng có nghề", "làng", 120, 141],
        [None, "Người lập biểu", None, "GIÁM ĐỐC"],
        [2, "Số làng nghề được công nhận", "làng", 5, 7],  # under the signature: no row of it
    ]


def test_a_note_merged_across_the_figures_is_no_figure_and_a_note_between_sections_no_end() -> None:
    rows = older_report(["Thực hiện năm trước", "Thực hiện năm nay"])
    reading = read("LaoCai_2006.xlsx", rows, "B10:E10")
    assert actuals(reading) == {
        ("10", "2006", "trained_workers"): Decimal(349),
        ("10", "2006", "extension_funding"): Decimal(7635),
        ("10", "2006", "craft_villages"): Decimal(141),
    }
    assert rules_of(reading) == []


def test_a_figure_merged_across_two_columns_is_still_reported() -> None:
    rows = older_report(["Thực hiện năm trước", "Thực hiện năm nay"])
    rows[8] = [1, "Số lao động nông thôn được đào tạo nghề", "người", 349, None]
    reading = read("LaoCai_2006.xlsx", rows, "D9:E9")
    assert ("merged-value", "E9") in rules_of(reading)


def test_a_note_under_the_last_section_ends_the_table() -> None:
    rows = older_report(["Thực hiện năm trước", "Thực hiện năm nay"])
    rows[13] = ["IV", "Các hoạt động khác", None, None, None]  # not the section after II
    reading = read("LaoCai_2006.xlsx", rows)
    assert ("10", "2006", "craft_villages") not in actuals(reading)


def test_a_compilations_note_row_between_provinces_names_no_province() -> None:
    rows = [
        ["BỘ CÔNG NGHIỆP"],
        ["TỔNG HỢP KẾT QUẢ KHUYẾN CÔNG NĂM 2007 CÁC TỈNH PHÍA BẮC"],
        ["STT", "Tỉnh, thành phố", "Số đề án", "Lao động được đào tạo (người)"],
        [1, "Cao Bằng", 10, 2383],
        [None, "(Số liệu Cao Bằng là số ước, tỉnh chưa gửi báo cáo chính thức)", None, None],
        [2, "Bắc Giang", 27, 2431],
        [None, "Tổng cộng", 37, 4814],
    ]
    reading = read("TongHop_2007.xlsx", rows)
    assert actuals(reading) == {
        ("04", "2007", "extension_projects"): Decimal(10),
        ("04", "2007", "trained_workers"): Decimal(2383),
        ("24", "2007", "extension_projects"): Decimal(27),
        ("24", "2007", "trained_workers"): Decimal(2431),
    }
    assert rules_of(reading) == []
