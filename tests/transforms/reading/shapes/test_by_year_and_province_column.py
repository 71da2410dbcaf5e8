"""Provinces as columns, and a range's report with one row or one column per year: read from
real .xlsx and .xls files, each figure a fact of its own province and year, and the printed
totals checks (``total-mismatch`` when they do not add up), never facts."""

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
    assert [f.rule for f in reading.findings] == ["total-mismatch"]
    assert mismatches(reading) == [("G4", "600")]


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
    assert [f.rule for f in reading.findings] == ["total-mismatch"]
    assert mismatches(reading) == [("I4", "600")]
