"""Province names to GSO units by date: spellings, mergers, renames and ambiguity."""

from __future__ import annotations

from datetime import date

import pytest

import schemas
from transforms.provinces import (
    ProvinceMatch,
    find_province,
    province_units,
    resolve_province,
)
from transforms.text import clean

Y2007 = date(2007, 12, 31)
Y2009 = date(2009, 12, 31)
Y2024 = date(2024, 12, 31)
Y2026 = date(2026, 1, 1)


def unit_of(name: str, on: date) -> tuple[str, date, bool]:
    match = resolve_province(name, on)
    assert match is not None, name
    return match.unit.code, match.unit.valid_from, match.former


def codes(matches: list[ProvinceMatch]) -> list[str]:
    return [m.unit.code for m in matches]


def test_every_row_of_the_reference_is_a_unit() -> None:
    units = province_units()
    assert len(units) == len(schemas.read_csv("provinces.csv")) == 89
    assert len({(u.code, u.valid_from) for u in units}) == 89
    hue = next(u for u in units if u.name == "Huế")
    assert (hue.code, hue.valid_from, hue.valid_to) == ("46", date(2025, 1, 1), None)


@pytest.mark.parametrize(
    ("name", "on", "code", "valid_from"),
    [
        ("Tây Ninh", Y2024, "72", date(2004, 1, 1)),
        ("Tây Ninh", Y2026, "80", date(2025, 7, 1)),
        ("Lào Cai", Y2024, "10", date(2004, 1, 1)),
        ("Lào Cai", Y2026, "15", date(2025, 7, 1)),
        ("Bắc Ninh", Y2024, "27", date(2004, 1, 1)),
        ("Bắc Ninh", Y2026, "24", date(2025, 7, 1)),
        ("Thái Nguyên", Y2024, "19", date(2004, 1, 1)),
        ("Thái Nguyên", Y2026, "19", date(2025, 7, 1)),
        ("Hà Nội", Y2007, "01", date(2004, 1, 1)),
        ("Hà Nội", Y2009, "01", date(2008, 8, 1)),
        ("Tây Ninh", date(2025, 6, 30), "72", date(2004, 1, 1)),
        ("Tây Ninh", date(2025, 7, 1), "80", date(2025, 7, 1)),
    ],
)
def test_a_name_resolves_to_the_unit_of_the_date(
    name: str, on: date, code: str, valid_from: date
) -> None:
    assert unit_of(name, on) == (code, valid_from, False)


def test_a_merged_away_unit_resolves_as_it_was_and_is_flagged_former() -> None:
    assert unit_of("Hà Tây", Y2009) == ("28", date(2004, 1, 1), True)
    assert unit_of("Hà Tây", Y2007) == ("28", date(2004, 1, 1), False)
    assert unit_of("Yên Bái", Y2026) == ("15", date(2004, 1, 1), True)  # code 15 is Lào Cai now
    assert unit_of("Bắc Kạn", Y2026) == ("06", date(2004, 1, 1), True)
    assert unit_of("Vũng Tàu", Y2026) == ("77", date(2004, 1, 1), True)
    former = resolve_province("Hà Tây", Y2009)
    assert former is not None and former.unit.successor_code_2025 == "01"


def test_a_renamed_unit_with_the_same_code_is_not_former() -> None:
    assert unit_of("Thừa Thiên Huế", date(2025, 8, 1)) == ("46", date(2025, 1, 1), False)
    assert unit_of("Huế", Y2026) == ("46", date(2025, 1, 1), False)
    assert unit_of("Huế", Y2009) == ("46", date(2004, 1, 1), False)
    assert unit_of("TTH", Y2009) == ("46", date(2004, 1, 1), False)


def test_a_name_before_any_unit_existed_is_unknown() -> None:
    assert resolve_province("Hà Nội", date(2003, 12, 31)) is None


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("TP. Hồ Chí Minh", "79"),
        ("TP Hồ Chí Minh", "79"),
        ("Tp. Hồ Chí Minh", "79"),
        ("TP.HCM", "79"),
        ("TP. HCM", "79"),
        ("TP HCM", "79"),
        ("Tp.HCM", "79"),
        ("TPHCM", "79"),
        ("HCM", "79"),
        ("Thành phố HCM", "79"),
        ("Sài Gòn", "79"),
        ("HCMC", "79"),
        ("Thừa Thiên - Huế", "46"),
        ("Thừa Thiên-Huế", "46"),
        ("Thừa Thiên – Huế", "46"),
        ("TT Huế", "46"),
        ("TT-Huế", "46"),
        ("Đắk Lắk", "66"),
        ("Đắc Lắc", "66"),
        ("Đăk Lăk", "66"),
        ("Đắk Lăk", "66"),
        ("Đắc Lắk", "66"),
        ("Đắklắk", "66"),
        ("Dak Lak", "66"),
        ("Daklak", "66"),
        ("Đaklak", "66"),
        ("Đăk Nông", "67"),
        ("Đắc Nông", "67"),
        ("Dak Nong", "67"),
        ("Bà Rịa-Vũng Tàu", "77"),
        ("Bà Rịa Vũng Tàu", "77"),
        ("Bà Rịa – Vũng Tàu", "77"),
        ("BR-VT", "77"),
        ("BRVT", "77"),
        ("BR - VT", "77"),
        ("Vũng Tàu", "77"),
        ("Hoà Bình", "17"),
        ("Thanh Hoá", "38"),
        ("Khánh Hoà", "56"),
        ("Bắc Cạn", "06"),
        ("Kontum", "62"),
        ("Quảng Ngải", "51"),
        ("Hà Tỉnh", "42"),
        ("Lạng sơn", "20"),
        ("Thai Nguyen", "19"),
        ("ThaiNguyen", "19"),
        ("THÁI NGUYÊN", "19"),
        ("Tha\u0301i Nguye\u0302n", "19"),  # NFD
        ("Tỉnh Thái Nguyên", "19"),
        ("UBND tỉnh Thái Nguyên", "19"),
        ("Thành phố Cần Thơ", "92"),
        ("T.P Đà Nẵng", "48"),
    ],
)
def test_it_resolves_clerks_spellings(name: str, code: str) -> None:
    match = resolve_province(name, Y2009)
    assert match is not None, name
    assert match.unit.code == code
    assert match.matched_text == clean(name)


@pytest.mark.parametrize("abbreviation", ["TN", "BD", "HT", "QN", "ĐN", "BT", "HG", "HN"])
def test_ambiguous_abbreviations_are_not_resolved(abbreviation: str) -> None:
    assert resolve_province(abbreviation, Y2009) is None
    assert find_province(f"BC_{abbreviation}_2010.xlsx", Y2009) == []


@pytest.mark.parametrize("name", ["Tỉnh Mới", "Tổng cộng", "Tỉnh", "", "Huệ", "Nguyễn Thị Huệ"])
def test_unknown_names_are_none(name: str) -> None:
    assert resolve_province(name, Y2009) is None


@pytest.mark.parametrize(
    ("text", "code", "matched"),
    [
        ("SỞ CÔNG THƯƠNG TỈNH THÁI NGUYÊN", "19", "THÁI NGUYÊN"),
        ("UBND tỉnh Thái Nguyên", "19", "Thái Nguyên"),
        ("TRUNG TÂM KHUYẾN CÔNG TP. HỒ CHÍ MINH", "79", "HỒ CHÍ MINH"),
        ("BC_KhuyenCong_ThaiNguyen_2010.xlsx", "19", "ThaiNguyen"),
        ("BC_KC_ThaiNguyen_2010.xlsx", "19", "ThaiNguyen"),
        ("bao-cao-dak-lak-2009.xls", "66", "dak-lak"),
        ("BC_DakLak_2010.xlsx", "66", "DakLak"),
        ("TPHCM_2009.xls", "79", "TPHCM"),
        ("bc_brvt_2009.xls", "77", "brvt"),
        ("thai-nguyen-nam-2009.xls", "19", "thai-nguyen"),
        ("Sở Công Thương tỉnh Ninh Bình", "37", "Ninh Bình"),
        ("UBND TỈNH HÀ NAM", "35", "HÀ NAM"),
        ("UBND TỈNH NAM ĐỊNH", "36", "NAM ĐỊNH"),
        ("Sở Công Thương Thừa Thiên - Huế", "46", "Thừa Thiên - Huế"),
    ],
)
def test_it_finds_the_province_inside_a_title_or_file_name(
    text: str, code: str, matched: str
) -> None:
    found = find_province(text, Y2009)
    assert [(m.unit.code, m.matched_text) for m in found] == [(code, matched)]


def test_the_longest_name_wins_and_its_parts_are_dropped() -> None:
    assert codes(find_province("Sở Công Thương Bà Rịa - Vũng Tàu", Y2009)) == ["77"]
    assert codes(find_province("tỉnh Thừa Thiên Huế", Y2009)) == ["46"]
    assert codes(find_province("TP HCM", Y2009)) == ["79"]


def test_the_national_motto_and_agency_lines_name_no_province() -> None:
    for line in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "SỞ CÔNG THƯƠNG",
        "BÁO CÁO KẾT QUẢ THỰC HIỆN CÔNG TÁC KHUYẾN CÔNG NĂM 2010",
        "Người lập biểu Nguyễn Thị Huệ",
    ]:
        assert find_province(line, Y2009) == [], line


def test_two_provinces_are_both_returned_in_order_so_a_conflict_shows() -> None:
    found = find_province("Sở Công Thương Đắk Lắk gửi UBND tỉnh Thái Nguyên", Y2009)
    assert codes(found) == ["66", "19"]


def test_the_same_province_named_twice_is_returned_once() -> None:
    assert codes(find_province("UBND tỉnh Thái Nguyên - Sở Công Thương Thai Nguyen", Y2009)) == [
        "19"
    ]


def test_a_former_unit_inside_a_title_is_returned_flagged() -> None:
    (match,) = find_province("UBND TỈNH HÀ TÂY", Y2009)
    assert (match.unit.code, match.former) == ("28", True)


def test_find_province_resolves_by_date_too() -> None:
    assert [(m.unit.code, m.unit.valid_from) for m in find_province("BC_TayNinh.xls", Y2026)] == [
        ("80", date(2025, 7, 1))
    ]
    assert [m.unit.code for m in find_province("BC_TayNinh.xls", Y2024)] == ["72"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Tỉnh Bắc Giang", "24"),
        ("ThaiNguyen", "19"),
        ("Thái Nguyên 中", "19"),  # a last word that folds to nothing: the words before decide
        ("Cơ sở mộc Đồng Tâm 00001", None),  # a project's doer, numbered: ends no name
        ("Huyện Đại Từ", None),
    ],
)
def test_a_cell_names_a_province_by_its_last_words(text: str, code: str | None) -> None:
    match = resolve_province(text, Y2024)
    assert (match.unit.code if match else None) == code
