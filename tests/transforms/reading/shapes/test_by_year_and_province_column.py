"""Provinces as columns, and a range's report with one row or one column per year: read from
real .xlsx and .xls files, each figure a fact of its own province and year, and the printed
totals checks (``total-mismatch``, ``column-total-mismatch`` when they do not add up), never
facts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.sheets import save_xls, save_xlsx
from transforms.model import CellValue, Reading

FORMATS = pytest.mark.parametrize(("save", "suffix"), [(save_xlsx, "xlsx"), (save_xls, "xls")])
Save = Callable[..., Path]


def read(save: Save, path: Path, rows: list[list[CellValue]]) -> Reading:
    from khuyencong.workbook_files import read_workbook_file
    from transforms.reading.workbook import understand_workbook

    return understand_workbook(read_workbook_file(save(path, "BC", rows)))


def facts(reading: Reading) -> list[tuple[str, str, str, int]]:
    return sorted(
        (f.identity.province_code, f.identity.period.label, f.indicator, int(f.value))
        for f in reading.facts
    )


def mismatches(reading: Reading) -> list[tuple[str | None, str]]:
    return [(f.cell, dict(f.params)["expected"]) for f in reading.findings]


def province_columns(region_total: int = 600) -> list[list[CellValue]]:
    return [
        ["SỞ CÔNG THƯƠNG - VĂN PHÒNG VÙNG ĐÔNG BẮC"],
        ["BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2010 CÁC TỈNH VÙNG ĐÔNG BẮC"],
        ["STT", "Chỉ tiêu", "ĐVT", "Hà Giang", "Cao Bằng", "Lào Cai", "Cộng vùng"],
        [1, "Số lao động được đào tạo nghề", "người", 100, 200, 300, region_total],
        [2, "Số đề án khuyến công", "đề án", 5, 6, 7, 18],
    ]


@FORMATS
def test_each_province_column_is_that_provinces_report(
    save: Save, suffix: str, tmp_path: Path
) -> None:
    reading = read(save, tmp_path / f"vung_dong_bac.{suffix}", province_columns())
    assert [s.layout for s in reading.sheets] == ["by_province_column"]
    assert facts(reading) == [
        ("02", "2010", "extension_projects", 5),
        ("02", "2010", "trained_workers", 100),
        ("04", "2010", "extension_projects", 6),
        ("04", "2010", "trained_workers", 200),
        ("10", "2010", "extension_projects", 7),
        ("10", "2010", "trained_workers", 300),
    ]
    assert reading.findings == ()


def test_a_region_total_that_its_provinces_do_not_add_up_to_is_an_error(tmp_path: Path) -> None:
    reading = read(save_xlsx, tmp_path / "vung.xlsx", province_columns(region_total=650))
    assert [f.rule for f in reading.findings] == ["column-total-mismatch"]
    assert mismatches(reading) == [("G4", "600")]
    # the clerk is told which columns of the row add up to what
    assert dict(reading.findings[0].params)["columns"] == "D (Hà Giang), E (Cao Bằng), F (Lào Cai)"


def year_rows(total: int = 600) -> list[list[CellValue]]:
    return [
        ["SỞ CÔNG THƯƠNG TỈNH THÁI NGUYÊN"],
        ["KẾT QUẢ KHUYẾN CÔNG GIAI ĐOẠN 2006-2010"],
        ["Năm", "Số lao động được đào tạo (người)", "Số làng nghề được công nhận (làng)"],
        [2006, 100, 20],
        ["Năm 2007", 110, 21],
        [2008, 120, 22],
        [2009, 130, 23],
        [2010, 140, 24],
        ["Cộng", total, 24],
    ]


@FORMATS
def test_each_year_row_is_that_years_report(save: Save, suffix: str, tmp_path: Path) -> None:
    reading = read(save, tmp_path / f"TN_2006_2010.{suffix}", year_rows())
    assert [s.layout for s in reading.sheets] == ["by_year_row"]
    by_year = {(period, i): v for _, period, i, v in facts(reading)}
    assert by_year == {
        **{(str(2006 + n), "trained_workers"): 100 + 10 * n for n in range(5)},
        **{(str(2006 + n), "recognised_craft_villages"): 20 + n for n in range(5)},
    }
    assert reading.findings == ()  # the stock's "Cộng" (24) is its last year, never a sum


def test_a_range_total_row_that_the_years_do_not_add_up_to_is_an_error(tmp_path: Path) -> None:
    reading = read(save_xlsx, tmp_path / "TN_2006_2010.xlsx", year_rows(total=6000))
    assert [f.rule for f in reading.findings] == ["total-mismatch"]
    assert mismatches(reading) == [("B9", "600")]


def year_columns(total: int = 600) -> list[list[CellValue]]:
    return [
        ["SỞ CÔNG THƯƠNG TỈNH THÁI NGUYÊN"],
        ["KẾT QUẢ KHUYẾN CÔNG GIAI ĐOẠN 2006-2010"],
        ["STT", "Chỉ tiêu", "ĐVT", "2006", "2007", "2008", "2009", "2010", "Tổng giai đoạn"],
        [1, "Số lao động được đào tạo", "người", 100, 110, 120, 130, 140, total],
        [2, "Số đề án khuyến công", "đề án", 5, 6, 7, 8, 9, 35],
    ]


@FORMATS
def test_each_year_column_is_that_years_report(save: Save, suffix: str, tmp_path: Path) -> None:
    reading = read(save, tmp_path / f"TN_gd.{suffix}", year_columns())
    assert [s.layout for s in reading.sheets] == ["by_year_column"]
    by_year = {(period, i): v for _, period, i, v in facts(reading)}
    assert by_year == {
        **{(str(2006 + n), "trained_workers"): 100 + 10 * n for n in range(5)},
        **{(str(2006 + n), "extension_projects"): 5 + n for n in range(5)},
    }
    assert not any(f.identity.period.kind == "multi_year" for f in reading.facts)
    assert reading.findings == ()


def test_a_range_total_column_that_the_years_do_not_add_up_to_is_an_error(
    tmp_path: Path,
) -> None:
    reading = read(save_xlsx, tmp_path / "TN_gd.xlsx", year_columns(total=601))
    assert [f.rule for f in reading.findings] == ["column-total-mismatch"]
    assert mismatches(reading) == [("I4", "600")]


def two_years(
    title: str, kcqg: tuple[int, int] = (490, 1020), percent: str = "So sánh 2014/2013 (%)"
) -> list[list[CellValue]]:
    """Two years side by side under a title listing both, with headings over numbered rows,
    total funding over its two sources, and a comparison column."""
    return [
        ["UBND TỈNH ĐIỆN BIÊN"],
        [title],
        ["STT", "Chỉ tiêu", "ĐVT", "Năm 2013", "Năm 2014", percent],
        ["1", "Đào tạo nghề, truyền nghề", None, None, None, None],
        ["1.1", "Số lao động được đào tạo nghề", "người", 1574, 233, 14.8],
        ["1.2", "Số lớp đào tạo nghề", "lớp", 52, 7, 13.5],
        ["2", "Đề án, làng nghề, giá trị sản xuất", None, None, None, None],
        ["2.1", "Số đề án khuyến công đã thực hiện", "đề án", 40, 21, 52.5],
        [None, "Tổng kinh phí khuyến công", "triệu đồng", 2360, 3390, 143.6],
        [None, "Trong đó:", None, None, None, None],
        [None, "- Kinh phí khuyến công quốc gia (KCQG)", "triệu đồng", *kcqg, 208.2],
        [None, "- Kinh phí khuyến công địa phương (KCĐP)", "triệu đồng", 1870, 2370, 126.7],
    ]


@pytest.mark.parametrize(
    "title",
    [
        "KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH KHUYẾN CÔNG NĂM 2013 VÀ NĂM 2014",
        "Báo cáo: Kết quả khuyến công năm 2013, 2014",
    ],
)
def test_a_title_listing_two_years_reports_each_years_column(title: str, tmp_path: Path) -> None:
    # named by its latest year, as an office names its export: no period conflict
    reading = read(save_xlsx, tmp_path / "DienBien_KC_2014.xlsx", two_years(title))
    assert [s.layout for s in reading.sheets] == ["by_year_column"]
    assert facts(reading) == [
        ("11", "2013", "extension_funding", 2360),
        ("11", "2013", "extension_funding_local", 1870),
        ("11", "2013", "extension_funding_national", 490),
        ("11", "2013", "extension_projects", 40),
        ("11", "2013", "trained_workers", 1574),
        ("11", "2013", "training_classes", 52),
        ("11", "2014", "extension_funding", 3390),
        ("11", "2014", "extension_funding_local", 2370),
        ("11", "2014", "extension_funding_national", 1020),
        ("11", "2014", "extension_projects", 21),
        ("11", "2014", "trained_workers", 233),
        ("11", "2014", "training_classes", 7),
    ]
    assert reading.findings == ()  # the heading naming three indicators has no figure to tell


def test_each_years_funding_must_be_the_sum_of_its_sources(tmp_path: Path) -> None:
    rows = two_years("KẾT QUẢ KHUYẾN CÔNG NĂM 2013 VÀ NĂM 2014", kcqg=(490, 1000))
    reading = read(save_xlsx, tmp_path / "DienBien_KC_2013_2014.xlsx", rows)
    assert [(f.rule, f.cell) for f in reading.findings] == [
        ("percent-mismatch", "F11"),  # 1000 / 490 is no 208.2 % either
        ("funding-split-mismatch", "E9"),
    ]


def test_a_comparison_of_a_ranges_years_compares_its_last_year_with_the_one_before(
    tmp_path: Path,
) -> None:
    right = two_years("KẾT QUẢ KHUYẾN CÔNG NĂM 2013 VÀ NĂM 2014", percent="So sánh (%)")
    assert read(save_xlsx, tmp_path / "a_2013_2014.xlsx", right).findings == ()
    wrong = [*right[:4], ["1.1", "Số lao động được đào tạo nghề", "người", 1574, 233, 129.3]]
    reading = read(save_xlsx, tmp_path / "b_2013_2014.xlsx", [*wrong, *right[5:]])
    assert [(f.rule, f.cell, dict(f.params)["expected"]) for f in reading.findings] == [
        ("percent-mismatch", "F5", "14.8")
    ]
