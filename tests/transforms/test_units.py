"""Units: ĐVT cells, units stated in headers and titles, and text that only looks like one."""

from __future__ import annotations

from decimal import Decimal

import pytest

import schemas
from transforms.units import Unit, find_money_unit, money_units_in, parse_unit

MILLION = Unit("money", Decimal(1), "triệu đồng")
BILLION = Unit("money", Decimal(1000), "tỷ đồng")
THOUSAND = Unit("money", Decimal("0.001"), "nghìn đồng")
DONG = Unit("money", Decimal("0.000001"), "đồng")


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("tr.đ", MILLION),
        ("Trđ", MILLION),
        ("TRĐ", MILLION),
        ("Tr.đồng", MILLION),
        ("triệu đồng", MILLION),
        ("Triệu đồng", MILLION),
        ("Triệu", MILLION),
        ("trieu dong", MILLION),
        ("tỷ đồng", BILLION),
        ("Tỷ", BILLION),
        ("tỉ đồng", BILLION),
        ("Tỷ đ", BILLION),
        ("1000đ", THOUSAND),
        ("1.000đ", THOUSAND),
        ("nghìn đồng", THOUSAND),
        ("ngàn đồng", THOUSAND),
        ("đồng", DONG),
        ("Đồng", DONG),
        ("VNĐ", DONG),
        ("đ", DONG),
    ],
)
def test_it_reads_money_units_in_every_spelling(text: str, unit: Unit) -> None:
    assert parse_unit(text) == unit


def test_money_converts_to_million_vnd() -> None:
    assert parse_unit("tỷ đồng").to_canonical * 1300 == 1_300_000  # type: ignore[union-attr]
    assert parse_unit("đồng").to_canonical * 20_000_000 == 20  # type: ignore[union-attr]


@pytest.mark.parametrize("text", ["%", "(%)", " % ", "Tỷ lệ %", "phần trăm"])
def test_percent_is_its_own_dimension(text: str) -> None:
    assert parse_unit(text) == Unit("percent", Decimal(1), "%")


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("người", "người"),
        ("Người", "người"),
        ("lớp", "lớp"),
        ("mô hình", "mô hình"),
        ("Mô hình", "mô hình"),
        ("LĐ", "lao động"),
        ("DN", "doanh nghiệp"),
        ("cơ sở", "cơ sở"),
        ("đề án", "đề án"),
        ("làng", "làng"),
        ("CCN", "cụm công nghiệp"),
    ],
)
def test_count_words_are_counts_labelled_by_their_word(text: str, label: str) -> None:
    assert parse_unit(text) == Unit("count", Decimal(1), label)


@pytest.mark.parametrize(
    "text", ["kg", "m2", "tấn", "con", "Đồng Nai", "đồng bộ", "hợp đồng", "Tr", "", "  "]
)
def test_unknown_or_non_unit_words_are_not_guessed(text: str) -> None:
    assert parse_unit(text) is None


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Kinh phí (triệu đồng)", MILLION),
        ("Đơn vị tính: tỷ đồng", BILLION),
        ("Đơn vị tính: Triệu đồng.", MILLION),
        ("ĐVT: Tr.đ", MILLION),
        ("ĐVT : 1000đ", THOUSAND),
        ("Đ.V.T: tr.đồng", MILLION),
        ("Giá trị SX (tỷ đ)", BILLION),
        ("Kinh phí khuyến công (Tr.đ) Tổng số", MILLION),
        ("(ĐVT: Tr.đồng)", MILLION),
        ("Triệu đồng", MILLION),
        ("Don vi tinh: trieu dong", MILLION),
        ("Đơn vị tính: triệu đồng Biểu số 01", MILLION),
        ("Đơn vị: đồng", DONG),
        ("(Kinh phí: triệu đồng)", MILLION),  # what the parentheses say after a colon
    ],
)
def test_it_finds_a_money_unit_stated_inside_longer_text(text: str, unit: Unit) -> None:
    assert find_money_unit(text) == unit
    assert money_units_in(text) == {unit.label}


@pytest.mark.parametrize(
    "text",
    [
        "Sở Công Thương Đồng Nai",
        "UBND tỉnh Đồng Tháp",
        "Hỗ trợ đồng bộ thiết bị",
        "Số hợp đồng đã ký",
        "Cần sự đồng thuận của chính quyền",
        "Kinh phí triệu đồng",  # a unit inside running text is not a statement
        "Đơn vị thực hiện",
        "Đơn vị tính: tỷ lệ %",
        "Đơn vị: Đồng Nai",
        "Đơn vị: đồng bộ",
        "Số lao động (người)",
        "Tỷ lệ (%)",
        "(Ghi chú: Đồng Nai, Đồng Tháp)",
        "",
    ],
)
def test_dong_inside_words_and_non_money_units_are_not_money_units(text: str) -> None:
    assert find_money_unit(text) is None
    assert money_units_in(text) == set()


def test_two_different_money_units_are_reported_not_picked() -> None:
    text = "Kinh phí (triệu đồng) / Giá trị sản xuất (tỷ đồng)"
    assert find_money_unit(text) is None
    assert money_units_in(text) == {"triệu đồng", "tỷ đồng"}


def test_the_same_unit_stated_twice_is_one_unit() -> None:
    text = "Đơn vị tính: triệu đồng; Kinh phí (Tr.đ)"
    assert find_money_unit(text) == MILLION


def test_no_two_units_share_a_spelling() -> None:
    """Every spelling of units.yaml, as listed, reads as the unit it is listed under: one that
    two units shared would read as one of them (or stop the vocabulary from loading)."""
    data = schemas.read_yaml("units.yaml")
    listed = [
        *((label, s) for label, entry in data["money"].items() for s in entry["spellings"]),
        *(
            (label, s)
            for group in ("percent", "count")
            for label, ss in data[group].items()
            for s in ss
        ),
    ]
    assert len(listed) > 40
    for label, spelling in listed:
        unit = parse_unit(spelling)
        assert unit is not None and unit.label == label, spelling
    assert parse_unit("Tr.đ") == parse_unit("tr đ") == parse_unit("TRĐ") == MILLION  # one key


def test_every_spelling_of_thousand_dong_is_a_thousandth_of_a_million() -> None:
    for text in ("1.000 đồng", "1000 đồng", "1.000đ", "nghìn đồng", "ngàn đồng", "Ng.đồng"):
        unit = parse_unit(text)
        assert unit is not None and unit.to_canonical == Decimal("0.001"), text
    for text in ("Kinh phí (1.000 đồng)", "Đơn vị tính: 1.000 đồng"):
        unit = find_money_unit(text)
        assert unit is not None and unit.label == "nghìn đồng", text
    million = find_money_unit("Đơn vị tính: 1.000.000 đồng")
    assert million is not None and million.label == "triệu đồng"


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("(Kinh phí tính bằng tỷ đồng)", "tỷ đồng"),
        ("Kinh phí: triệu đồng", "triệu đồng"),
        ("Đơn vị tính: Lao động: người; Kinh phí: triệu đồng", "triệu đồng"),
    ],
)
def test_a_title_saying_what_its_money_is_measured_in(text: str, unit: str) -> None:
    assert money_units_in(text) == {unit}
