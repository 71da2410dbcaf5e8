"""Fuzzing the parsers of cell text: numbers, units, periods, legacy encodings.

Whatever a cell holds, each parser answers (a value, a reason, or nothing) and never raises;
an answer it gives is one the lake can hold. `make test` tries a hundred inputs of each,
`make fuzz` ten thousand.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from transforms.legacy_text import legacy_readings, reads_as_unicode, repair_text
from transforms.numbers import (
    ENGLISH,
    LARGEST,
    VIETNAMESE,
    format_plain,
    number_convention,
    parse_number,
)
from transforms.periods import parse_filename_period, parse_period, periods_in_text
from transforms.units import find_money_unit, money_units_in, parse_unit

# Pieces of what clerks type, hostile senders too: digits and both conventions' separators,
# signs and formula starts, footnote marks, units, period words, TCVN3 bytes
PIECES = [
    *"0123456789.,;:-+−–=@()%*/ \t\n\xa0'\"|!#¹²",
    "1.300.000",
    "36,8",
    "1,013",
    "1e308",
    "9" * 19,
    "NaN",
    "inf",
    "khoảng",
    "trên",
    "đồng",
    "nghìn đồng",
    "triệu đồng",
    "tỷ đồng",
    "tr.đ",
    "người",
    "Năm",
    "năm 2010",
    "2006-2010",
    "6 tháng",
    "Quý",
    "III",
    "9 tháng đầu năm",
    "Lũy kế",
    "BC_KC_",
    ".xlsx",
    "=HYPERLINK(",
    "+cmd|' /C calc'!A0",
    "@SUM(",
    "#REF!",
    "Kinh phÝ",
    "®ång",
    "Ñoàng",
    "\u0301",
    "\u0323",
]
texts = st.one_of(st.text(), st.lists(st.sampled_from(PIECES), max_size=8).map("".join))
cells = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.decimals(),
    st.dates(),
    st.datetimes(),
    st.timedeltas(),
    texts,
)


@given(cells, st.booleans(), st.sampled_from([None, VIETNAMESE, ENGLISH]))
def test_a_number_is_read_or_has_a_reason_and_always_fits_the_lake(
    raw: object, whole: bool, convention: str | None
) -> None:
    reading = parse_number(raw, whole=whole, convention=convention)
    assert reading.value is None or reading.error is None
    if reading.value is not None:
        assert reading.value.is_finite() and abs(reading.value) < LARGEST
        assert not whole or reading.value == reading.value.to_integral_value()
        assert format_plain(reading.value)


@given(st.lists(cells, max_size=6), st.lists(cells, max_size=3))
def test_a_digit_convention_is_told_or_not(values: list[object], counts: list[object]) -> None:
    assert number_convention(values, counts) in (None, VIETNAMESE, ENGLISH)


@given(texts)
def test_a_unit_is_found_or_not(text: str) -> None:
    unit = parse_unit(text)
    assert unit is None or unit.to_canonical > 0
    money = find_money_unit(text)
    assert money is None or money.dimension == "money"
    assert money_units_in(text) <= {"đồng", "nghìn đồng", "triệu đồng", "tỷ đồng"}


@given(texts)
def test_a_period_is_found_or_not_and_never_ends_before_it_starts(text: str) -> None:
    found = [*periods_in_text(text), parse_period(text), parse_filename_period(text)]
    assert all(period.start <= period.end for period in found if period is not None)


@given(texts, st.one_of(st.none(), st.sampled_from([".VnTime", ".VnTimeH", "VNI-Times"]), texts))
def test_legacy_text_is_repaired_into_nfc_or_left_alone(text: str, font: str | None) -> None:
    repair = repair_text(text, font)
    assert unicodedata.is_normalized("NFC", repair.text)
    assert repair.encoding in (None, "tcvn3", "vni")
    assert len(legacy_readings(text)) == 2
    assert reads_as_unicode(text) in (True, False)


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_a_plain_number_is_written_without_an_exponent(value: Decimal) -> None:
    assert "E" not in format_plain(value).upper()
