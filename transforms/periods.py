"""The period a report covers, from its title or its file name.

Titles state the period in a handful of phrases ("NĂM 2011", "6 THÁNG ĐẦU NĂM 2011", "QUÝ
III/2011", "9 THÁNG NĂM 2011", "GIAI ĐOẠN 2006-2010"), with or without diacritics. The same text
often holds years that are not the period: the signing date ("Thái Nguyên, ngày 15 tháng 01 năm
2012"), legal references ("Nghị định 45/2012/NĐ-CP") and cumulative or comparison columns
("Lũy kế 2006-2011", "so với năm 2010"). Dates and legal references are never periods here;
cumulative and comparison periods count only when the text states no other. Whether a period
is a plan or an actual ("KẾ HOẠCH NĂM 2012") is for the caller to decide: this module only
reads what period is named.

Words come from ``schemas/periods.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from mypy_extensions import mypyc_attr

import schemas
from transforms.text import clean, strip_diacritics

FIRST_YEAR, LAST_YEAR = 1990, 2100

_QUARTER_MONTHS = {1: (1, 3), 2: (4, 6), 3: (7, 9), 4: (10, 12)}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_MONTH_END = {3: 31, 6: 30, 9: 30, 12: 31}
_DASHES = str.maketrans({"–": "-", "—": "-", "−": "-", "‐": "-", "…": "."})


@mypyc_attr(native_class=False)  # pickled from the readers to the run: transforms.compiled
@dataclass(frozen=True)
class Period:
    """A reporting period: a year, half, quarter, first nine months, or several years."""

    kind: str  # "year" | "half" | "quarter" | "nine_months" | "multi_year"
    start: date
    end: date
    label: str  # "2011", "2011-H1", "2011-H2", "2011-Q3", "2011-9M", "2006-2010"

    @property
    def year(self) -> int:
        """The year the period ends in: the year its figures are reported under."""
        return self.end.year


def year_period(year: int) -> Period:
    """The calendar year ``year``."""
    return Period("year", date(year, 1, 1), date(year, 12, 31), str(year))


def half_period(year: int, half: int) -> Period:
    """The first (1) or second (2) half of ``year``."""
    if half == 1:
        return Period("half", date(year, 1, 1), date(year, 6, 30), f"{year}-H1")
    return Period("half", date(year, 7, 1), date(year, 12, 31), f"{year}-H2")


def quarter_period(year: int, quarter: int) -> Period:
    """Quarter 1-4 of ``year``."""
    first, last = _QUARTER_MONTHS[quarter]
    return Period(
        "quarter", date(year, first, 1), date(year, last, _MONTH_END[last]), f"{year}-Q{quarter}"
    )


def nine_months_period(year: int) -> Period:
    """January to September of ``year``: the usual nine-month report."""
    return Period("nine_months", date(year, 1, 1), date(year, 9, 30), f"{year}-9M")


def multi_year_period(first: int, last: int) -> Period:
    """The whole years ``first`` to ``last`` ("giai đoạn 2006-2010")."""
    return Period("multi_year", date(first, 1, 1), date(last, 12, 31), f"{first}-{last}")


def _plain(text: str) -> str:
    """Lower case without diacritics, punctuation kept: "QUÝ III/2011" -> "quy iii/2011"."""
    return strip_diacritics(clean(text)).lower().translate(_DASHES)


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first; letters may not touch other letters."""
    spelled = []
    for word in sorted({_plain(w) for w in words}, key=len, reverse=True):
        body = r"\s*".join(re.escape(part) for part in word.split())
        before = r"(?<![a-z])" if word[0].isalpha() else ""
        after = r"(?![a-z])" if word[-1].isalpha() else ""
        spelled.append(before + body + after)
    return "(?:" + "|".join(spelled) + ")"


_Y = r"(?<!\d)(?P<{}>\d{{4}})(?!\d)"
_SEP = r"\s*[/\-.,:]?\s*"


@dataclass(frozen=True)
class _Patterns:
    excluded: tuple[re.Pattern[str], ...]  # dates and legal references
    periods: tuple[re.Pattern[str], ...]  # in any text
    file_name_only: tuple[re.Pattern[str], ...]  # year first, or two years without a dash
    # the patterns of ``periods`` and ``file_name_only`` that name two years ("2006-2010",
    # "năm 2013 và năm 2014"): no text with fewer than two can match them
    two_years: frozenset[re.Pattern[str]]
    # patterns that cannot match a text holding none of some words ("/" of a reference,
    # "q" of a quarter, "gia" of a price base): not run over one (most titles and headers)
    needs: dict[re.Pattern[str], tuple[str, ...]]
    context: re.Pattern[str]  # cumulative / comparison words right before a period
    nine_counts: frozenset[str]  # "9", "chín": a count of months that means nine_months
    last_words: frozenset[str]  # "cuối": the second half


@cache
def _patterns() -> _Patterns:
    words = schemas.read_yaml("periods.yaml")
    price_bases = schemas.read_yaml("layout.yaml")["price_bases"]
    year_word, month = _alt(words["year"]), _alt(words["month"])
    month_full = _alt(w for w in words["month"] if len(_plain(w)) > 1)
    quarter, half_word = _alt(words["quarter"]), _alt(words["half"])
    which = _alt(words["half_first"] + words["half_last"])
    count = _alt(words["months"]["half"] + words["months"]["nine_months"])
    until, since = _alt(words["until"]), _alt(words["since"])
    until_end, range_word = _alt(words["until_end"]), _alt(words["range"])
    listed = _alt(words["listed"])
    fill = r"[\s.,_/-]*"
    y, y1, y2 = _Y.format("y"), _Y.format("y1"), _Y.format("y2")
    any_year = r"(?<!\d)\d{4}(?!\d)"
    roman_or_digit = r"(?P<q>iv|iii|ii|i|[1-4])(?![a-z0-9])"
    count_group = rf"(?<![\d.,])(?P<n>{count})"
    excluded = (
        # "ngày 15 tháng 01 năm 2012", "ngày ... tháng ... năm 2012" (a template left blank)
        re.compile(
            rf"{_alt(words['day'])}{fill}(?:\d{{1,2}})?{fill}{month_full}{fill}(?:\d{{1,2}})?"
            rf"{fill}(?:{year_word})?{fill}{any_year}"
        ),
        # "tháng 12 năm 2011", "tháng 12/2011": a month, not "6 tháng năm 2011"
        re.compile(rf"{month_full}\s*\d{{1,2}}\s*(?:[/.-]|{year_word})\s*{any_year}"),
        # "15/01/2012", "15-01-2012", "15.01.2012"
        re.compile(rf"(?<!\d)\d{{1,2}}\s*[/.-]\s*\d{{1,2}}\s*[/.-]\s*{any_year}"),
        # "Nghị định 45/2012/NĐ-CP", "Quyết định số 2011/QĐ-UBND"
        re.compile(rf"(?<![\d/])\d+\s*/\s*{any_year}\s*/|{any_year}\s*/\s*[a-z]"),
        # "giá CĐ 1994", "giá so sánh năm 2010": the prices a value is stated at
        re.compile(rf"{_alt(price_bases)}{fill}(?:{year_word})?{fill}{any_year}"),
    )
    periods = (
        re.compile(rf"{quarter}\s*\.?\s*{roman_or_digit}{_SEP}(?:{year_word}\s*)?{y}"),
        # "Quý III và 9 tháng đầu năm 2016": the quarter's report, with the months to date
        re.compile(
            rf"{quarter}\s*\.?\s*{roman_or_digit}\s*(?:va|,|&|\+)?\s*(?<![\d.,]){count}\s*"
            rf"{month}(?:\s*{which})?{_SEP}(?:{year_word}\s*)?{y}"
        ),
        re.compile(
            rf"{count_group}\s*{month}(?:\s*(?P<which>{which}))?{_SEP}(?:{year_word}\s*)?{y}"
        ),
        re.compile(rf"{half_word}\s*(?P<h>[12])(?!\d){_SEP}(?:{year_word}\s*)?{y}"),
        re.compile(
            rf"(?:{range_word}\s*:?\s*)?(?:{since}\s*)?(?:{year_word}\s*)?{y1}\s*{until}\s*"
            rf"(?:{until_end}\s*)?(?:{year_word}\s*)?{y2}"
        ),
        # "năm 2013 và năm 2014", "các năm 2006, 2008, 2010"
        re.compile(
            rf"{year_word}\s*{_Y.format('l1')}(?:\s*{listed}\s*(?:{year_word}\s*)?{any_year})*"
            rf"\s*{listed}\s*(?:{year_word}\s*)?{_Y.format('l2')}"
        ),
        re.compile(rf"{year_word}\s*:?\s*{y}"),
        re.compile(rf"(?<!/){y}(?!\s*/)"),
    )
    file_name_only = (
        re.compile(rf"{y}{_SEP}{quarter}\s*{roman_or_digit}"),
        re.compile(rf"{y}{_SEP}{count_group}\s*{month}(?:\s*(?P<which>{which}))?(?![a-z])"),
        re.compile(rf"{y}{_SEP}{half_word}\s*(?P<h>[12])(?!\d)"),
        re.compile(rf"{y1}[\s_]+{y2}"),
    )
    # the literal each of these patterns opens with (or holds, "/"): see ``_Patterns.needs``
    quarters = _first_words(words["quarter"])
    needs = {
        excluded[3]: ("/",),
        excluded[4]: _first_words(price_bases),
        periods[0]: quarters,
        periods[1]: quarters,
        file_name_only[0]: quarters,
    }
    context = re.compile(
        rf"{_alt(words['context_not_report'])}[\s:,(]*(?:(?:{since}|{until}|{until_end}|"
        rf"{year_word})[\s:,]*)*$"
    )
    return _Patterns(
        excluded=excluded,
        periods=periods,
        file_name_only=file_name_only,
        two_years=frozenset({periods[4], periods[5], file_name_only[3]}),
        needs=needs,
        context=context,
        nine_counts=frozenset(_plain(w) for w in words["months"]["nine_months"]),
        last_words=frozenset(_plain(w) for w in words["half_last"]),
    )


def _valid_year(text: str | None) -> int | None:
    if text is None:
        return None
    year = int(text)
    return year if FIRST_YEAR <= year <= LAST_YEAR else None


def _period_of(match: re.Match[str]) -> Period | None:
    """The period one pattern match names, or None when its years are not years."""
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    patterns = _patterns()
    if "y1" in groups:
        first, last = _valid_year(groups["y1"]), _valid_year(groups["y2"])
        if first is None or last is None or first >= last:
            return None
        return multi_year_period(first, last)
    if "l1" in groups:  # years listed in order: the range from the first to the last
        listed = _FOUR_DIGITS.findall(match.group(0))
        years = [year for text in listed if (year := _valid_year(text)) is not None]
        if len(years) != len(listed) or years != sorted(set(years)):
            return None
        return multi_year_period(years[0], years[-1])
    year = _valid_year(groups.get("y"))
    if year is None:
        return None
    if "q" in groups:
        quarter = groups["q"]
        return quarter_period(year, _ROMAN.get(quarter) or int(quarter))
    if "h" in groups:
        return half_period(year, int(groups["h"]))
    if "n" in groups:
        which = re.sub(r"\s+", " ", groups.get("which", ""))
        if re.sub(r"\s+", " ", groups["n"]) in patterns.nine_counts:
            return None if which in patterns.last_words else nine_months_period(year)
        return half_period(year, 2 if which in patterns.last_words else 1)
    return year_period(year)


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    period: Period
    in_context: bool  # follows "Lũy kế", "so với" ...: not the report's own period


def _blank_out(text: str, patterns: Iterable[re.Pattern[str]]) -> str:
    """``text`` with every match of ``patterns`` turned into spaces (a pattern that cannot
    match it, see ``_Patterns.needs``, is not run)."""
    for pattern in patterns:
        if _may_match(pattern, text):
            text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return text


def _may_match(pattern: re.Pattern[str], text: str) -> bool:
    needed = _patterns().needs.get(pattern)
    return needed is None or any(word in text for word in needed)


def _first_words(phrases: Iterable[str]) -> tuple[str, ...]:
    """The first word of each phrase as ``_alt`` spells it: a match of the alternation holds
    one of them as it is written."""
    return tuple(sorted({_plain(phrase).split()[0] for phrase in phrases}))


# four digits standing alone, as every period pattern's year stands (``_Y``); blanking out
# dates and references (``_blank_out``) never makes a run of digits stand alone, so a text
# without one names no period ("Đề án 00123" of a numbered list, an amount "15000")
_FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")


def _find(plain: str, extra: tuple[re.Pattern[str], ...] = ()) -> list[_Found]:
    """Non-overlapping periods in ``plain``, in order; a longer phrase beats a part of it."""
    if _FOUR_DIGITS.search(plain) is None:
        return []  # every period names a year (most labels and headers name none)
    patterns = _patterns()
    text = _blank_out(plain, patterns.excluded)
    # a pattern of two years is not run over a text with one (most titles and headers): a
    # scan of each that cannot match (the range pattern is the costliest of all)
    one_year = len(_FOUR_DIGITS.findall(text)) < 2
    patterns_run = [
        pattern
        for pattern in (*extra, *patterns.periods)
        if not (one_year and pattern in patterns.two_years) and _may_match(pattern, text)
    ]
    # Every match takes its span, even one naming no usable period ("9 tháng cuối năm 2011",
    # "2010-2006"), so that a part of it ("năm 2011") is not read as the period instead.
    # Years listed out of order ("năm 2011, 2010") make no range: each is found on its own.
    candidates: list[tuple[int, int, Period | None]] = [
        (match.start(), match.end(), period)
        for pattern in patterns_run
        for match in pattern.finditer(text)
        if (period := _period_of(match)) is not None or "l1" not in match.re.groupindex
    ]
    chosen: list[tuple[int, int, Period | None]] = []
    for start, end, period in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, period))
    return [
        _Found(start, end, period, bool(patterns.context.search(text[:start])))
        for start, end, period in sorted(chosen, key=lambda c: c[0])
        if period is not None
    ]


def _distinct(found: Iterable[_Found]) -> list[Period]:
    periods: dict[str, Period] = {}
    for item in found:
        periods.setdefault(item.period.label, item.period)
    return list(periods.values())


def _stated(found: list[_Found]) -> list[Period]:
    own = [f for f in found if not f.in_context]
    return _distinct(own or found)


def periods_in_text(text: str) -> list[Period]:
    """Every distinct period ``text`` states as its own, in order of appearance.

    Cumulative and comparison periods ("Lũy kế 2006-2011") are left out unless they are all
    the text states. More than one period means the text disagrees with itself, or is a
    header over several years ("Năm 2009 | Năm 2010"): the caller decides which.
    """
    return _stated(_find(_plain(text)))


@lru_cache(maxsize=1 << 12)  # asked of titles, headers and labels by several stages
def parse_period(text: str) -> Period | None:
    """The period a title (or any text) states first, or None if it states none."""
    stated = periods_in_text(text)
    return stated[0] if stated else None


@lru_cache(maxsize=1 << 10)  # asked by every table of a workbook
def parse_filename_period(file_name: str) -> Period | None:
    """The period a file name states: "BC_KC_ThaiNguyen_2010.xlsx", "2011_6T_HaNoi.xlsx".

    File names also put the year first ("2011_6T", "2011-Q3") and write a range with an
    underscore ("2006_2010"); "6T" is "6 tháng".
    """
    name = re.split(r"[/\\]", file_name)[-1]
    name = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", name)
    plain = _plain(name).replace("_", " ")
    plain = re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", " ", plain)
    plain = re.sub(r"(?<=[a-z])[-.]|[-.](?=[a-z])", " ", plain)
    stated = _stated(_find(plain, _patterns().file_name_only))
    return stated[0] if stated else None
