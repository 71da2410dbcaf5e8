"""Cell values: a ĐVT in a legacy encoding still names its unit."""

from __future__ import annotations

from decimal import Decimal

from tests.sheets import sheet, workbook
from tests.transforms.readings import facts_by
from tests.transforms.reports import transposed_rows
from transforms.indicators import match_indicator
from transforms.reading.values import year_heading
from transforms.reading.workbook import understand_workbook


def test_a_legacy_encoded_unit_abbreviation_is_recognised() -> None:
    rows = transposed_rows(unit="tr®")  # TCVN3 for "trđ": too short for the per-cell repair
    reading = understand_workbook(workbook("chi_tieu.xls", sheet("Chỉ tiêu", rows)))
    assert facts_by(reading)[("19", "rural_industry_output")] == Decimal("1.3")


def test_a_legacy_unit_too_short_to_repair_still_says_what_a_row_counts() -> None:

    assert match_indicator("Đào tạo nghề", "líp").indicator.code == "training_classes"  # lớp
    assert match_indicator("Đào tạo nghề", "ng­êi").indicator.code == "trained_workers"  # người


def test_a_superscript_digit_is_no_year_and_no_crash() -> None:
    """ "²" is a digit to str.isdigit but no number to int(): a csv holding the byte 0xB2 (a
    "²" in Windows-1252) once made the reader fail (found by the fuzz, tests/fuzz)."""
    assert (year_heading("²"), year_heading("2010"), year_heading(" 2010 ")) == (
        "",
        "Năm 2010",
        "Năm 2010",
    )
    reading = understand_workbook(workbook("bc.csv", sheet("bc", [["²", "³"], ["¹", 2010]])))
    assert reading.facts == ()
