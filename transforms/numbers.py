"""Read one cell as a number, the way a Vietnamese clerk typed it.

A cell reaches us as whatever python-calamine returns: ``None``, ``str``, ``int``, ``float``,
``bool`` or a date/time. Numbers typed as text come in two conventions that share the same
characters: Vietnamese (``1.300.000``, ``36,8``) and English (``1,013``, ``1,234.5``). Most texts
tell which by their shape; one does not: a single separator followed by exactly three digits
(``1,013``, ``329.620``) is either a grouped integer or a decimal with three places. We never
guess that one. Where the column is known to hold whole numbers (``whole=True``: people,
classes, projects) it can only be grouping; where the caller knows the sheet's convention
(``convention=``, e.g. from ``number_convention`` over the sheet's other cells) that decides;
otherwise it is reported as ambiguous, so that a thousand-fold error is a finding instead of a
silent wrong number.

The parser is strict on purpose: a number with a unit word (``150 người``, ``20 tỷ``) is "not a
number" here, since the unit must come from the header or the ĐVT column where it is checked.
Negative numbers are returned as they are; whether they are allowed is validation's decision.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from typing import NamedTuple

import schemas
from transforms.text import clean, fold
from transforms.units import parse_unit

VIETNAMESE = "vi"  # "." groups thousands, "," marks decimals: 1.234,5
ENGLISH = "en"  # "," groups thousands, "." marks decimals: 1,234.5

NOT_A_NUMBER = "not a number"
AMBIGUOUS_GROUPING = "ambiguous digit grouping"
INVALID_GROUPING = "invalid digit grouping"
NOT_WHOLE = "not a whole number"
DATE_NOT_NUMBER = "date, not a number"
BOOLEAN_NOT_NUMBER = "true/false, not a number"
TOO_LARGE = "too large: 19 digits or more before the decimal mark"
TOO_LARGE_IN_MILLIONS = "too large: 19 digits or more before the decimal mark in million VND"
# The lake stores values as decimal(24, 6): 1e308 is a finding at its cell, not a crash there
LARGEST = Decimal(10) ** 18

_MINUS_SIGNS = "-−–"  # hyphen-minus, minus sign, and the en dash clerks type for a minus
_DIGITS_AND_SEPARATORS = re.compile(r"\d[\d.,]*\d|\d")
_SPACE_GROUPED = re.compile(r"([1-9]\d{0,2}(?: \d{3})+)(?:[.,](\d+))?")
_FOOTNOTE = re.compile(r"(?<=[\d%])\s*(?:\*+|\(\*+\)|\(\d{1,2}\)|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)$")
_NUMBER_START = re.compile("[0-9(+" + re.escape(_MINUS_SIGNS) + "]")


class NumberReading(NamedTuple):
    """What a cell says as a number: its value, how exact it is, and why not if it is none.

    A named tuple rather than a frozen dataclass: one is made for every cell a table reads,
    and a tuple is built in a third of the time."""

    value: Decimal | None  # None when blank or error
    qualifier: str | None  # "over" | "about" | "under" | None
    percent: bool  # the text carried a % sign
    error: str | None  # None, or a short English reason

    @property
    def is_blank(self) -> bool:
        """Nothing to report: no value and no error (empty, ``-``, ``x`` ...)."""
        return self.value is None and self.error is None


_BLANK = NumberReading(None, None, False, None)


def _error(reason: str, qualifier: str | None = None, percent: bool = False) -> NumberReading:
    return NumberReading(None, qualifier, percent, reason)


@dataclass(frozen=True)
class _Words:
    blank_markers: frozenset[str]
    excel_errors: frozenset[str]
    qualifier_words: tuple[tuple[tuple[str, ...], str], ...]  # folded words, longest first
    qualifier_symbols: tuple[tuple[str, str], ...]  # symbol, qualifier; longest first


@cache
def _words() -> _Words:
    data = schemas.read_yaml("number_words.yaml")
    words: list[tuple[tuple[str, ...], str]] = []
    symbols: list[tuple[str, str]] = []
    for qualifier, spellings in data["qualifiers"].items():
        for spelling in spellings:
            folded = tuple(fold(spelling).split())
            if folded:
                words.append((folded, qualifier))
            else:
                symbols.append((spelling, qualifier))
    return _Words(
        blank_markers=frozenset(m.casefold() for m in data["blank_markers"]),
        excel_errors=frozenset(e.upper() for e in data["excel_errors"]),
        qualifier_words=tuple(sorted(words, key=lambda w: -len(w[0]))),
        qualifier_symbols=tuple(sorted(symbols, key=lambda s: -len(s[0]))),
    )


EXCEL_DIGITS = 15  # significant digits Excel keeps and shows of a number
WHOLE_SHOWN = 10.0**EXCEL_DIGITS  # whole numbers below it are shown with every digit


def _exact(number: float) -> Decimal:
    """A float as the number Excel shows: 0.1 -> 0.1, 1300000.0 -> 1300000.

    Excel computes in binary floating point but keeps 15 significant digits, so a formula's
    1250.0000000000002 is the 1250 the clerk sees, not a fractional count. A whole number of
    15 digits or fewer (most figures of a report) shows every digit: nothing to round.
    """
    if number.is_integer() and abs(number) < WHOLE_SHOWN:
        return Decimal(int(number))
    value = Decimal(format(number, f".{EXCEL_DIGITS}g"))
    return Decimal(int(value)) if value == value.to_integral_value() else value


def _split_qualifier(text: str) -> tuple[str | None, str]:
    """The qualifier in front of the number (if any) and the rest of the text."""
    vocabulary = _words()
    for symbol, qualifier in vocabulary.qualifier_symbols:
        if text.startswith(symbol):
            return qualifier, text[len(symbol) :].strip()
    # Only words before the first digit or sign can be a qualifier.
    prefix = _NUMBER_START.split(text, maxsplit=1)[0]
    prefix_words = tuple(fold(prefix).split())
    for words, qualifier in vocabulary.qualifier_words:
        if prefix_words == words:
            return qualifier, text[len(prefix) :].strip()
    return None, text


def _grouped(groups: list[str]) -> bool:
    """True when ``groups`` (split at a thousands separator) is a valid grouping.

    The first group has one to three digits and no leading zero (``0,125`` is a decimal),
    every later group exactly three.
    """
    first, rest = groups[0], groups[1:]
    return 1 <= len(first) <= 3 and not first.startswith("0") and all(len(g) == 3 for g in rest)


@dataclass(frozen=True)
class _Text:
    """A number typed as text, split into its parts; ``digits`` still holds the separators."""

    qualifier: str | None
    percent: bool
    negative: bool
    digits: str


# "15 lớp", "2.150 triệu đồng", "520 người": a figure typed with its unit in one cell
_WITH_UNIT = re.compile(r"^([\d.,\s]*\d)\s*([^\W\d][^\d]*)$")


def number_and_unit(text: str) -> tuple[str, str | None]:
    """A cell's number and the unit typed after it, when what follows the digits is a unit
    ``units.yaml`` knows ("15 lớp" -> "15", "lớp"); else the text as it is, and None."""
    found = _WITH_UNIT.match(text.strip())
    if found is None or parse_unit(found.group(2)) is None:
        return text, None
    return found.group(1).strip(), found.group(2).strip()


# distinct texts remembered by ``_split_text`` and ``_parse_text``: a report's text figures are
# read by several stages (a column's digit convention, the table's header and units, its
# cells, the accounting), each asking the same of the same text
TEXTS_REMEMBERED = 1 << 12


@lru_cache(maxsize=TEXTS_REMEMBERED)
def _split_text(raw: str) -> _Text | NumberReading:
    """The parts of a typed number, or the reading when it is blank or an Excel error; a
    pure function of the text, remembered."""
    text = clean(raw)
    vocabulary = _words()
    if text.casefold() in vocabulary.blank_markers:
        return _BLANK
    if text.upper() in vocabulary.excel_errors:
        return _error(f"excel error {text.upper()}")
    qualifier, text = _split_qualifier(text)
    # a footnote mark after the number ("150*", "150 (1)", "150¹") refers to a note: the
    # number is still the number (the raw text, kept in the lineage, still shows the mark)
    text = _FOOTNOTE.sub("", text)
    percent = text.endswith("%")
    if percent:
        text = text[:-1].strip()
    negative = False
    if len(text) > 2 and text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1].strip()
    elif len(text) > 1 and text[0] in _MINUS_SIGNS:
        negative, text = True, text[1:].strip()
    elif text.startswith("+"):
        text = text[1:].strip()
    return _Text(qualifier, percent, negative, text)


def _shape(digits: str) -> tuple[str, str] | str | None:
    """How ``digits`` reads by its shape alone: (group separator, decimal separator) with ""
    for none, None when a lone separator before three digits leaves it open, or the reason it
    is no number.
    """
    if not _DIGITS_AND_SEPARATORS.fullmatch(digits):
        return NOT_A_NUMBER
    dots, commas = digits.count("."), digits.count(",")
    if dots and commas:
        decimal_sep = "." if digits.rfind(".") > digits.rfind(",") else ","
        group_sep = "," if decimal_sep == "." else "."
        integral = digits.rsplit(decimal_sep, 1)[0]
        if digits.count(decimal_sep) != 1 or not _grouped(integral.split(group_sep)):
            return INVALID_GROUPING
        return group_sep, decimal_sep
    if not dots and not commas:
        return "", ""
    separator = "." if dots else ","
    parts = digits.split(separator)
    if len(parts) > 2:
        # Two or more of the same separator: it can only be grouping.
        return (separator, "") if _grouped(parts) else INVALID_GROUPING
    if len(parts[1]) == 3 and _grouped(parts):
        return None  # "1,013" or "329.620": grouping or three decimals
    return "", separator


def _digits(digits: str, whole: bool, convention: str | None) -> Decimal | str:
    """The value of an unsigned string of digits and separators, or the reason it has none."""
    if " " in digits:
        # "1 300 000" or "1 234,5": a space is the grouping, so a separator after it is decimal.
        spaced = _SPACE_GROUPED.fullmatch(digits)
        if spaced is None:
            return NOT_A_NUMBER
        integral, fraction = spaced.groups()
        return Decimal(integral.replace(" ", "") + "." + (fraction or "0"))
    shape = _shape(digits)
    if isinstance(shape, str):
        return shape
    if shape is None:
        separator = "." if "." in digits else ","
        if whole:
            shape = (separator, "")  # a count column holds integers
        elif convention in (VIETNAMESE, ENGLISH):
            grouping = "." if convention == VIETNAMESE else ","
            shape = (separator, "") if separator == grouping else ("", separator)
        else:
            return AMBIGUOUS_GROUPING
    group_sep, decimal_sep = shape
    if group_sep:
        digits = digits.replace(group_sep, "")
    if decimal_sep:
        digits = digits.replace(decimal_sep, ".")
    return Decimal(digits)


@lru_cache(maxsize=TEXTS_REMEMBERED)  # a pure function of its arguments: see ``_split_text``
def _parse_text(raw: str, whole: bool, convention: str | None) -> NumberReading:
    parts = _split_text(raw)
    if isinstance(parts, NumberReading):
        return parts
    value = _digits(parts.digits, whole, convention)
    if isinstance(value, str):
        return _error(value, parts.qualifier, parts.percent)
    return _finish(value, parts.negative, parts.qualifier, parts.percent, whole)


def _finish(
    value: Decimal, negative: bool, qualifier: str | None, percent: bool, whole: bool
) -> NumberReading:
    if negative:
        value = -value
    if value == value.to_integral_value() and value.as_tuple().exponent != 0:
        value = Decimal(int(value))  # "1 300 000.0" reads as 1300000, as 1300000.0 does
    return _checked(value, qualifier, percent, whole)


def _checked(value: Decimal, qualifier: str | None, percent: bool, whole: bool) -> NumberReading:
    """The reading of a value already in its plain form (a whole number without decimal
    places: an int's, or ``_exact``'s of a float), or why it is none."""
    if whole and value != value.to_integral_value():
        return _error(NOT_WHOLE, qualifier, percent)
    if abs(value) >= LARGEST:
        return _error(TOO_LARGE, qualifier, percent)
    return NumberReading(value, qualifier, percent, None)


def number_convention(values: Iterable[object], counts: Iterable[object] = ()) -> str | None:
    """The digit convention that the text cells among ``values`` show, or None.

    Only cells whose shape decides count: ``36,8`` or ``1.300.000`` say Vietnamese, ``36.8``
    or ``12,345,678`` say English; ``1.300`` says nothing, unless it counts people, classes or
    projects (``counts``): no count has three decimals, so there its separator can only group
    (``1,404 lao động`` says English). None when no cell decides, or when cells disagree (a
    sheet pasted together from two sources must not be guessed).
    """
    seen: set[str] = set()
    for value in counts:
        parts = _split_text(value) if isinstance(value, str) else None
        if isinstance(parts, _Text) and " " not in parts.digits and _shape(parts.digits) is None:
            seen.add(ENGLISH if "," in parts.digits else VIETNAMESE)
    for value in values:
        if not isinstance(value, str):
            continue
        parts = _split_text(value)
        if isinstance(parts, NumberReading) or " " in parts.digits:
            continue
        shape = _shape(parts.digits)
        if isinstance(shape, tuple) and shape != ("", ""):
            group_sep, decimal_sep = shape
            seen.add(VIETNAMESE if "." in group_sep or "," in decimal_sep else ENGLISH)
    return seen.pop() if len(seen) == 1 else None


# types as a tuple: ``isinstance`` with ``date | time | timedelta`` builds the union each call
_DATES_AND_TIMES = (date, time, timedelta)


def plain_number(raw: object, *, whole: bool = False) -> Decimal | None:
    """The value of an int or a float cell under 15 digits, as ``parse_number`` reads it,
    when it is one with nothing more to say (no error); None for any other cell, which only
    ``parse_number`` reads. Most figures are such: told by their type, exact as Excel shows
    them (``_exact``), far under ``LARGEST``, so none of ``_checked``'s tests could fail but
    a fraction where a whole number is asked, which is left to ``parse_number``."""
    if type(raw) is not float and type(raw) is not int:  # not a bool, nor text
        return None
    if not -WHOLE_SHOWN < raw < WHOLE_SHOWN:  # also NaN and the infinities
        return None
    if raw == int(raw):  # a file's whole floats come as ints: exact as they are
        return Decimal(int(raw))
    return None if whole else _exact(raw)


def parse_number(
    raw: object, *, whole: bool = False, convention: str | None = None
) -> NumberReading:
    """Read a cell value as an exact number.

    ``whole=True`` says the column holds counts, which resolves ``1,013`` / ``329.620`` as
    grouping and makes a fractional value an error. ``convention`` ("vi" or "en") is the
    sheet's digit convention when the caller knows it; it decides only what the text's shape
    leaves open (a lone separator before three digits), after ``whole``.
    """
    if raw is None:
        return _BLANK
    if (value := plain_number(raw, whole=whole)) is not None:  # most figures
        return NumberReading(value, None, False, None)
    if isinstance(raw, float):  # most other cells of a report, asked first
        if not math.isfinite(raw):
            return _error(NOT_A_NUMBER)
        return _checked(_exact(raw), None, False, whole)
    if isinstance(raw, bool):
        return _error(BOOLEAN_NOT_NUMBER)
    if isinstance(raw, _DATES_AND_TIMES):
        return _error(DATE_NOT_NUMBER)
    if isinstance(raw, int):
        return _checked(Decimal(raw), None, False, whole)
    if isinstance(raw, Decimal):
        if not raw.is_finite():
            return _error(NOT_A_NUMBER)
        return _finish(raw, False, None, False, whole)
    if isinstance(raw, str):
        try:
            return _parse_text(raw, whole, convention)
        except InvalidOperation:  # pragma: no cover - the patterns above admit only digits
            return _error(NOT_A_NUMBER)
    return _error(NOT_A_NUMBER)


def format_plain(value: Decimal | None, *, grouping: bool = False) -> str:
    """A Decimal as people write it: no exponent, no trailing zeros ("329620", "1500.5").

    ``grouping`` adds thousands separators ("329,620"); ``None`` is written "-".
    """
    if value is None:
        return "-"
    exact = value.to_integral_value() if value == value.to_integral_value() else value.normalize()
    return f"{exact:,f}" if grouping else f"{exact:f}"


TOTAL_TOLERANCE = Decimal("0.5")  # sources round to whole units: half of one is no mistake


def differs(stated: Decimal, added: Decimal) -> bool:
    """Whether a printed figure and the sum it should be differ by more than rounding: half a
    unit of the last digit both are written to, and never more than ``TOTAL_TOLERANCE`` (a
    total in whole triệu beside parts with decimals). Held to the figures' own digits, a
    reading that makes every figure small ("3.450" read as 3.45, with 1.200 and 2.150) cannot
    make a total hold that its digits contradict (3.450 is not 3.350)."""
    exponent = max(stated.as_tuple().exponent, added.as_tuple().exponent)
    assert isinstance(exponent, int)  # finite figures only: a cell never reads as NaN
    return abs(stated - added) > min(TOTAL_TOLERANCE, Decimal(5).scaleb(exponent - 1))
