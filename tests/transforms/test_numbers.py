"""Reading cells as numbers: Vietnamese and English digit conventions, qualifiers, blanks."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transforms.numbers import ENGLISH, VIETNAMESE, number_convention, parse_number


def value_of(raw: object, **options: object) -> Decimal | None:
    reading = parse_number(raw, **options)  # type: ignore[arg-type]
    assert reading.error is None, reading.error
    return reading.value


def error_of(raw: object, **options: object) -> str | None:
    return parse_number(raw, **options).error  # type: ignore[arg-type]


def test_it_reads_vietnamese_grouping() -> None:
    assert value_of("1.300.000") == 1_300_000
    assert value_of("329.620", whole=True) == 329_620


def test_it_reads_a_vietnamese_decimal_comma() -> None:
    assert value_of("36,8") == Decimal("36.8")
    assert value_of("1.234,5") == Decimal("1234.5")
    assert value_of("1.234.567,89") == Decimal("1234567.89")


def test_it_reads_english_grouping_and_decimal_point() -> None:
    assert value_of("1,234.5") == Decimal("1234.5")
    assert value_of("12,345,678") == 12_345_678
    assert value_of("1.5") == Decimal("1.5")


def test_a_lone_separator_before_three_digits_is_ambiguous_unless_the_column_holds_counts() -> None:
    assert error_of("1,013") == "ambiguous digit grouping"
    assert error_of("329.620") == "ambiguous digit grouping"
    assert value_of("1,013", whole=True) == 1013
    assert value_of("1.013", whole=True) == 1013


def test_a_lone_separator_that_cannot_be_grouping_is_a_decimal() -> None:
    assert value_of("0,125") == Decimal("0.125")  # a group never starts with 0
    assert value_of("1234,567") == Decimal("1234.567")  # a first group has at most 3 digits
    assert value_of("1,25") == Decimal("1.25")


def test_a_known_sheet_convention_settles_the_ambiguous_case() -> None:
    assert value_of("1.300", convention=VIETNAMESE) == 1300
    assert value_of("1,013", convention=VIETNAMESE) == Decimal("1.013")
    assert value_of("1,013", convention=ENGLISH) == 1013
    assert value_of("1.013", convention=ENGLISH) == Decimal("1.013")


def test_a_count_column_reads_grouping_even_against_the_sheet_convention() -> None:
    assert value_of("1,013", whole=True, convention=VIETNAMESE) == 1013


def test_the_sheet_convention_is_read_from_cells_whose_shape_decides() -> None:
    assert number_convention(["1.100", "1.300", "118,2"]) == VIETNAMESE
    assert number_convention(["1.300.000", None, 5]) == VIETNAMESE
    assert number_convention(["12,345,678", "x"]) == ENGLISH
    assert number_convention(["36.8"]) == ENGLISH


def test_no_sheet_convention_is_guessed_from_undecided_or_disagreeing_cells() -> None:
    assert number_convention(["1.300", 1.5, "-"]) is None
    assert number_convention(["36,8", "36.8"]) is None
    assert number_convention([]) is None


def test_invalid_grouping_is_an_error() -> None:
    assert error_of("1.30.000") == "invalid digit grouping"
    assert error_of("1,2,3") == "invalid digit grouping"
    assert error_of("1.234.5") == "invalid digit grouping"


def test_spaces_and_nbsp_are_read_as_grouping() -> None:
    assert value_of("1 300 000") == 1_300_000
    assert value_of("1\u00a0300\u00a0000") == 1_300_000
    assert value_of(" 1 234,5 ") == Decimal("1234.5")
    assert error_of("12 15") == "not a number"


@pytest.mark.parametrize("raw", [None, "", "  ", "-", "–", "—", "x", "X", "...", "…"])
def test_dashes_crosses_and_ellipses_are_blank_not_errors(raw: object) -> None:
    reading = parse_number(raw)
    assert reading.is_blank
    assert (reading.value, reading.error) == (None, None)


@pytest.mark.parametrize(
    "raw", ["#REF!", "#DIV/0!", "#VALUE!", "#N/A", "#NAME?", "#NUM!", "#NULL!"]
)
def test_excel_error_values_are_errors_naming_the_error(raw: str) -> None:
    reading = parse_number(raw)
    assert reading.error == f"excel error {raw}"
    assert not reading.is_blank


@pytest.mark.parametrize(
    ("raw", "qualifier", "value"),
    [
        ("trên 200", "over", 200),
        ("Trên 200", "over", 200),
        ("hơn 1.000.000", "over", 1_000_000),
        ("> 5", "over", 5),
        ("khoảng 20", "about", 20),
        ("gần 30", "about", 30),
        ("xấp xỉ 7", "about", 7),
        ("~3", "about", 3),
        ("dưới 10", "under", 10),
        ("<10", "under", 10),
        ("tren 200", "over", 200),
    ],
)
def test_qualifiers_are_kept_beside_the_value(raw: str, qualifier: str, value: int) -> None:
    reading = parse_number(raw)
    assert (reading.value, reading.qualifier, reading.error) == (value, qualifier, None)


def test_a_percent_sign_is_reported_and_removed() -> None:
    reading = parse_number("36,8%")
    assert (reading.value, reading.percent) == (Decimal("36.8"), True)
    assert parse_number("36,8 %").percent
    assert not parse_number("36,8").percent


def test_negative_numbers_parse_and_are_left_to_validation() -> None:
    assert value_of("-5") == -5
    assert value_of("(5)") == -5
    assert value_of("−7") == -7
    assert value_of("(1.234,5)") == Decimal("-1234.5")


@pytest.mark.parametrize("raw", ["150 người", "20 tỷ", "abc", "trên", "1.2.3,4", "12a"])
def test_text_with_words_or_stray_characters_is_an_error(raw: str) -> None:
    reading = parse_number(raw)
    assert reading.value is None
    assert reading.error is not None


def test_a_number_with_a_unit_word_is_not_read_here() -> None:
    assert error_of("150 người") == "not a number"
    assert error_of("20 tỷ") == "not a number"


def test_floats_become_the_exact_decimal_of_their_shortest_repr() -> None:
    assert value_of(0.1) == Decimal("0.1")
    assert str(value_of(0.1)) == "0.1"
    assert str(value_of(1300000.0)) == "1300000"
    assert str(value_of(36.8)) == "36.8"


def test_ints_are_read_as_they_are() -> None:
    assert value_of(329620) == 329620


def test_booleans_and_non_finite_floats_are_not_numbers() -> None:
    assert error_of(True) == "true/false, not a number"
    assert error_of(float("nan")) == "not a number"
    assert error_of(float("inf")) == "not a number"


@pytest.mark.parametrize(
    "raw", [date(2012, 1, 15), datetime(2012, 1, 15, 8, 0), time(3, 4), timedelta(days=2)]
)
def test_dates_and_times_are_not_numbers(raw: object) -> None:
    assert error_of(raw) == "date, not a number"


def test_a_count_column_rejects_a_fraction() -> None:
    assert error_of("12,5", whole=True) == "not a whole number"
    assert error_of(12.5, whole=True) == "not a whole number"
    assert value_of(12.0, whole=True) == 12


def test_nfd_text_is_read_like_nfc() -> None:
    assert parse_number("tre\u0302n 200").qualifier == "over"


def _vietnamese(number: int) -> str:
    return f"{number:,}".replace(",", ".")


@given(st.integers(min_value=0, max_value=10**15))
def test_any_integer_with_vietnamese_grouping_parses_back_in_a_count_column(number: int) -> None:
    assert parse_number(_vietnamese(number), whole=True).value == number


@given(st.integers(min_value=0, max_value=10**15))
def test_any_integer_with_english_grouping_parses_back_in_a_count_column(number: int) -> None:
    assert parse_number(f"{number:,}", whole=True).value == number


@given(st.integers(min_value=1_000_000, max_value=10**15), st.sampled_from([".", ","]))
def test_two_or_more_group_separators_parse_back_anywhere(number: int, separator: str) -> None:
    text = f"{number:,}".replace(",", separator)
    assert parse_number(text).value == number


def _vietnamese_decimal(value: Decimal) -> str:
    integral, _, fraction = f"{abs(value):f}".partition(".")
    sign = "-" if value < 0 else ""
    return sign + _vietnamese(int(integral)) + ("," + fraction if fraction else "")


def _shape_left_open(text: str) -> bool:
    """One separator in all, before exactly three digits, after a group that could be one."""
    digits = text.lstrip("-")
    separators = [ch for ch in digits if ch in ".,"]
    if len(separators) != 1:
        return False
    head, tail = digits.split(separators[0])
    return len(tail) == 3 and not head.startswith("0")


decimals = st.builds(
    lambda units, places: Decimal(units).scaleb(-places),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.integers(min_value=0, max_value=3),
)


@given(decimals)
def test_any_decimal_written_vietnamese_style_parses_back_on_a_vietnamese_sheet(
    value: Decimal,
) -> None:
    assert parse_number(_vietnamese_decimal(value), convention=VIETNAMESE).value == value


@given(decimals)
def test_a_vietnamese_decimal_parses_back_alone_unless_its_shape_is_left_open(
    value: Decimal,
) -> None:
    text = _vietnamese_decimal(value)
    reading = parse_number(text)
    if _shape_left_open(text):
        assert reading.error == "ambiguous digit grouping"
    else:
        assert reading.value == value


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=999))
def test_a_lone_separator_before_three_digits_is_never_guessed(head: int, tail: int) -> None:
    for separator in ".,":
        assert parse_number(f"{head}{separator}{tail:03d}").error == "ambiguous digit grouping"


def test_a_float_is_the_number_excel_shows_to_fifteen_digits() -> None:
    assert parse_number(1250.0000000000002, whole=True).value == 1250  # a formula's artefact
    assert parse_number(0.1 + 0.2).value == Decimal("0.3")
    assert parse_number(1249.9999999, whole=True).error == "not a whole number"  # typed so
