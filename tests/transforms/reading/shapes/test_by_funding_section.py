"""A table whose numbered sections are its funding sources ("I. Kinh phí khuyến công quốc
gia", "II. Kinh phí khuyến công địa phương"), read from real .xlsx and .xls files: each
section's money is the part it names, the "Tổng cộng" the total, the counts add up over the
sections, and the money column's totals are checked."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from tests.sheets import save_xls, save_xlsx
from transforms.model import CellValue, Reading

Save = Callable[..., Path]


def read(save: Save, path: Path, rows: list[list[CellValue]]) -> Reading:
    from khuyencong.workbook_files import read_workbook_file
    from transforms.reading.workbook import understand_workbook

    return understand_workbook(read_workbook_file(save(path, "BC", rows)))


def totals(reading: Reading) -> dict[str, Decimal]:
    found: dict[str, Decimal] = {}
    for fact in reading.facts:
        found[fact.indicator] = found.get(fact.indicator, Decimal(0)) + fact.value
    return found


def summary(first: CellValue = 400, grand: CellValue = 600) -> list[list[CellValue]]:
    return [
        ["SỞ CÔNG THƯƠNG TỈNH THÁI NGUYÊN"],
        ["BÁO CÁO KẾT QUẢ THỰC HIỆN CÔNG TÁC KHUYẾN CÔNG NĂM 2010"],
        ["STT", "Nội dung", "ĐVT", "Số lượng", "Kinh phí (triệu đồng)"],
        ["I", "Kinh phí khuyến công quốc gia", None, None, None],
        [1, "Đào tạo nghề", "người", 35, 100],
        [2, "Mô hình trình diễn kỹ thuật", "mô hình", 1, 300],
        [None, "Cộng I", None, None, first],
        ["II", "Kinh phí khuyến công địa phương", None, None, None],
        [1, "Đào tạo nghề", "người", 40, 80],
        [2, "Hỗ trợ ứng dụng máy móc thiết bị", "cơ sở", 2, 120],
        [None, "Cộng II", None, None, 200],
        [None, "Tổng cộng", None, None, grand],
    ]


def project_list() -> list[list[CellValue]]:
    return [
        ["SỞ CÔNG THƯƠNG TỈNH THÁI NGUYÊN"],
        ["DANH MỤC ĐỀ ÁN KHUYẾN CÔNG NĂM 2010"],
        ["Đơn vị tính: triệu đồng"],
        ["STT", "Tên đề án", "Đơn vị thụ hưởng", "Số lao động được đào tạo (người)", "Kinh phí"],
        ["I", "Kinh phí khuyến công quốc gia", None, None, 400],
        [1, "Đào tạo nghề mây tre đan", "HTX Phú Thịnh", 35, 100],
        [2, "Mô hình trình diễn kỹ thuật sản xuất chè", "Công ty Tân Cương", None, 300],
        ["II", "Kinh phí khuyến công địa phương", None, None, None],
        [1, "Đào tạo nghề thêu ren", "HTX Đồng Hỷ", 40, 80],
        [2, "Hỗ trợ ứng dụng máy móc thiết bị chế biến chè", "Cơ sở Hoàng Nông", None, 120],
        [None, "Tổng cộng", None, 75, 600],
    ]


@pytest.mark.parametrize(("save", "suffix"), [(save_xlsx, "xlsx"), (save_xls, "xls")])
@pytest.mark.parametrize("rows", [summary(), project_list()], ids=["summary", "project_list"])
def test_each_section_gives_the_funding_source_it_names(
    save: Save, suffix: str, rows: list[list[CellValue]], tmp_path: Path
) -> None:
    reading = read(save, tmp_path / f"BC_ThaiNguyen_2010.{suffix}", rows)
    assert [s.layout for s in reading.sheets] == ["by_funding_section"]
    found = totals(reading)
    assert {k: found[k] for k in found if k.startswith("extension_funding")} == {
        "extension_funding": 600,
        "extension_funding_national": 400,
        "extension_funding_local": 200,
    }
    assert found["trained_workers"] == 75  # the same activity under both sections, added up
    assert reading.findings == ()


def test_a_section_or_grand_total_its_rows_do_not_add_up_to_is_an_error(tmp_path: Path) -> None:
    wrong_section = read(save_xlsx, tmp_path / "BC_ThaiNguyen_2010.xlsx", summary(first=450))
    assert [(f.rule, f.cell, dict(f.params)) for f in wrong_section.findings] == [
        ("total-mismatch", "E7", {"expected": "400"}),
        ("funding-split-mismatch", "E12", {"local": "200", "national": "450", "total": "600"}),
    ]
    wrong_grand = read(save_xlsx, tmp_path / "BC_ThaiNguyen_2010_b.xlsx", summary(grand=650))
    assert [(f.rule, f.cell) for f in wrong_grand.findings] == [
        ("total-mismatch", "E12"),
        ("funding-split-mismatch", "E12"),
    ]


def test_a_section_without_a_figure_of_its_own_gives_its_rows(tmp_path: Path) -> None:
    rows = project_list()
    rows[4][4] = None  # "I. Kinh phí khuyến công quốc gia" carries no figure, and no "Cộng I"
    reading = read(save_xlsx, tmp_path / "DeAn_ThaiNguyen_2010.xlsx", rows)
    assert sorted((f.indicator, f.cell, int(f.value)) for f in reading.facts) == [
        ("extension_funding", "E11", 600),
        ("extension_funding_local", "E10", 120),
        ("extension_funding_local", "E9", 80),
        ("extension_funding_national", "E6", 100),
        ("extension_funding_national", "E7", 300),
        ("trained_workers", "D6", 35),
        ("trained_workers", "D9", 40),
    ]
    assert reading.findings == ()


def test_without_a_grand_total_no_section_total_is_taken_for_it(tmp_path: Path) -> None:
    rows = summary()[:-1]  # "Cộng II" is the last row
    reading = read(save_xls, tmp_path / "BC_ThaiNguyen_2010.xls", rows)
    found = totals(reading)
    assert (found["extension_funding_national"], found["extension_funding_local"]) == (400, 200)
    # total funding is then only KCQG + KCĐP, made of the two sections' figures
    (whole,) = [f for f in reading.facts if f.indicator == "extension_funding"]
    assert (whole.value, whole.raw_value) == (600, "=E7+E11")
    assert reading.findings == ()
