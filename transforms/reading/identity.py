"""Who reported and for which period: from the title block, the sheet's name and the file name.

Both can name the province and the period, and they can disagree; a disagreement is reported
with both values, never settled by picking one. A province name resolves to a GSO code only
together with the period, since names and codes changed in 2008 and 2025.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import TypeVar

from transforms.legacy_text import legacy_readings
from transforms.model import Fact, Finding, finding
from transforms.periods import Period, parse_filename_period, parse_period
from transforms.provinces import (
    ProvinceMatch,
    find_province,
    merged_with_others,
    resolve_province,
)
from transforms.rules import RuleCode
from transforms.text import LABELS_REMEMBERED
from transforms.words import phrase_list, words_of

Stated = TypeVar("Stated")


# a title and a file name that disagree: no later source may settle it by naming one of them
CONFLICTS = frozenset({RuleCode.PERIOD_CONFLICT, RuleCode.PROVINCE_CONFLICT})


def _title_period(lines: tuple[str, ...]) -> Period | None:
    """The period the title lines state: the first, unless the one nearest the table (the
    last) lies inside every other one ("GIAI ĐOẠN 2008-2010" above a sheet's "Năm 2008")."""
    periods = [period for line in lines if (period := parse_period(line)) is not None]
    if not periods:
        return None
    nearest = periods[-1]
    if all(p.start <= nearest.start and nearest.end <= p.end for p in periods):
        return nearest
    return periods[0]


def _within_named_year(stated: Period, named: Period) -> bool:
    """A file name giving a year or a range, and a title stating a period inside it.

    Clerks name files by year ("..._2010") or by the years a workbook spans ("..._2008-2010",
    one sheet a year), or by the months to date a quarter's report also gives ("9T"); the
    title says which part of it the report covers.
    """
    inside = named.start <= stated.start <= stated.end <= named.end
    # "..._QIII_9T_2016.xls" titled "QUÝ III VÀ 9 THÁNG ĐẦU NĂM 2016": the quarter's report,
    # with the months to its end
    to_date = named.kind != "quarter" and stated.end == named.end
    return inside and (named.kind in ("year", "multi_year") or to_date)


def _agree(stated: Period, named: Period) -> bool:
    """The title's period inside the file name's (``_within_named_year``), or years up to the
    one the file name gives: "năm 2021, 2022" in "..._2022.xls", "GIAI ĐOẠN 2006-2010" in
    "..._2010.xlsx", named by the year of its latest figures."""
    ends_in_named = stated.kind == "multi_year" and named.kind == "year" and stated.end == named.end
    return ends_in_named or _within_named_year(stated, named)


def identify_period(
    title_lines: tuple[str, ...], file_name: str
) -> tuple[Period | None, list[Finding]]:
    """The report period stated by the title block and the file name, or a finding why not."""
    from_title = _title_period(title_lines)
    from_name = parse_filename_period(file_name)
    if from_title and from_name and _agree(from_title, from_name):
        from_name = from_title  # "..._2010.xlsx" titled "6 THÁNG ĐẦU NĂM 2010": no conflict
    if from_title and from_name and from_title.label != from_name.label:
        return None, [
            finding(
                RuleCode.PERIOD_CONFLICT,
                first=from_title.label,
                first_source="tiêu đề / title",
                second=from_name.label,
                second_source=f"tên tệp / file name {file_name}",
            )
        ]
    period = from_title or from_name
    return period, [] if period else [finding(RuleCode.PERIOD_MISSING)]


def identify_province(
    title_lines: tuple[str, ...], file_name: str, period: Period
) -> tuple[ProvinceMatch | None, list[Finding]]:
    """The reporting province named by the title block and/or the file name."""
    named: list[tuple[ProvinceMatch, str]] = []
    for line in title_lines:
        named += [(match, "tiêu đề / title") for match in _provinces_in(line, period.end)]
    named += [
        (match, f"tên tệp / file name {file_name}")
        for match in _provinces_in(file_name, period.end)
    ]
    # "Tỉnh Lào Cai (hợp nhất tỉnh Lào Cai và tỉnh Yên Bái)" in 2025-Q3: a unit merged into a
    # province the title names is part of it, not a second province
    merged_into = {match.unit.code for match, _ in named if not match.former}
    distinct: dict[tuple[str, object], tuple[ProvinceMatch, str]] = {}
    for match, source in named:
        if not (match.former and match.unit.successor_code_2025 in merged_into):
            distinct.setdefault((match.unit.code, match.unit.valid_from), (match, source))
    if not distinct:
        return None, [finding(RuleCode.PROVINCE_MISSING)]
    choices = list(distinct.values())
    if len(choices) > 1:
        (first, first_source), (second, second_source) = choices[:2]
        return None, [
            finding(
                RuleCode.PROVINCE_CONFLICT,
                first=first.matched_text,
                first_source=first_source,
                second=second.matched_text,
                second_source=second_source,
            )
        ]
    match = choices[0][0]
    return match, former_province_findings(match, period)


@lru_cache(maxsize=1 << 10)
def _provinces_in(text: str, on: date) -> tuple[ProvinceMatch, ...]:
    """``find_province``, remembered: every table of a workbook asks of its title and its
    file name."""
    return tuple(find_province(text, on))


def _after_authority(label: str, on: date) -> ProvinceMatch | None:
    """The province an office's name ends with: "Sở Công Thương Quảng Bình", "UBND tỉnh Hòa
    Bình" (``layout.yaml`` ``authorities``), the name after the office resolved as a label."""
    words = words_of(label)
    for phrase in phrase_list("authorities"):
        if words[: len(phrase)] == phrase and len(words) > len(phrase):
            return resolve_province(" ".join(words[len(phrase) :]), on)
    return None


def unknown_province(sheet: str, cell: str, written: str) -> Finding:
    """A row or record naming no province the reference knows, at its cell."""
    return finding(RuleCode.UNKNOWN_PROVINCE, sheet=sheet, cell=cell, value=written, name=written)


def listed_twice(sheet: str, cell: str, written: str, match: ProvinceMatch, first: str) -> Finding:
    """A compilation naming a province a second time: each row or column is a whole
    province's report, and a second one is never added to the first."""
    return finding(
        RuleCode.PROVINCE_LISTED_TWICE,
        sheet=sheet,
        cell=cell,
        value=written,
        name=match.unit.name,
        first_cell=first,
    )


def letter_of_another_province(
    letter: str, lines: tuple[str, ...], facts: list[Fact]
) -> list[Finding]:
    """A cover letter (a sheet with no table, ``lines`` its text) naming one province, over
    figures all of another one: "UBND TỈNH HOÀ BÌNH ... Sở Công Thương Hoà Bình báo cáo" over a
    table titled "SỞ CÔNG THƯƠNG SƠN LA". Whose figures they are cannot be told; a letter naming
    no province, several, or the figures' own says nothing against them."""
    provinces = {fact.identity for fact in facts}
    codes = {identity.province_code for identity in provinces}
    if len(codes) != 1:
        return []  # no figures, or a compilation's: a letter names its sender, not each row
    figures = facts[0]
    match, _ = identify_province(lines, "", figures.identity.period)
    if match is None or match.unit.code in codes:
        return []
    return [
        finding(
            RuleCode.PROVINCE_CONFLICT,
            first=match.matched_text,
            first_source=f"trang / sheet {letter}",
            second=figures.identity.province_name,
            second_source=f"trang / sheet {figures.sheet}",
        )
    ]


def former_province_findings(
    match: ProvinceMatch, period: Period, cell: str | None = None
) -> list[Finding]:
    """A warning when the named unit no longer existed in the report period; an error when it
    had merged with others into a unit that kept its code (Kiên Giang's 91 is the new An
    Giang's from July 2025): its figures would be loaded as the whole new province's. A code
    the merger retired (Hà Tây's 28) is the expectation suite's to refuse
    (``province-not-valid-for-period``)."""
    if not match.former:
        return []
    unit = match.unit
    kept_code = unit.code == unit.successor_code_2025 and merged_with_others(unit)
    return [
        finding(
            RuleCode.MERGED_PROVINCE if kept_code else RuleCode.FORMER_PROVINCE,
            cell=cell,
            value=match.matched_text,
            name=match.matched_text,
            period=period.label,
            successor=match.unit.successor_code_2025,
        )
    ]


def identify_sheet(
    title_lines: tuple[str, ...],
    fallback_title: tuple[str, ...],
    file_name: str,
    rows_are_provinces: bool,
    sheet_name: str = "",
) -> tuple[Period | None, ProvinceMatch | None, list[Finding]]:
    """Period and province of a table's report (``title_lines``: the lines above it); a
    regional table (its rows are provinces) needs only the period.

    The lines above the table come first, then the sheet's name ("Nam 2009", "Bac Ninh": one
    sheet a year or a province), then the workbook's title block (``fallback_title``), which
    fills in what they do not say, e.g. for a second sheet or a second table on a sheet.
    """
    candidates = (title_lines, (sheet_name,), fallback_title)
    sources = [lines for lines in candidates if any(lines)] or [()]
    period, findings = _first_stated(lambda lines: identify_period(lines, file_name), sources)
    if period is None or rows_are_provinces:
        return period, None, findings
    province, more = _first_stated(
        lambda lines: identify_province(lines, file_name, period), sources
    )
    return period, province, findings + more


def _first_stated(
    identify: Callable[[tuple[str, ...]], tuple[Stated | None, list[Finding]]],
    sources: list[tuple[str, ...]],
) -> tuple[Stated | None, list[Finding]]:
    """The first source that states the thing (or contradicts the file name)."""
    found: Stated | None = None
    findings: list[Finding] = []
    for lines in sources:
        found, findings = identify(lines)
        if found is not None or any(f.rule in CONFLICTS for f in findings):
            break
    return found, findings


@lru_cache(maxsize=LABELS_REMEMBERED)
def resolve_province_label(label: str, on: date) -> ProvinceMatch | None:
    """A province named in a row, also through the label's TCVN3 or VNI reading ("BÕn Tre" is
    Bến Tre typed in .VnTime): only a reading that names a province is accepted.

    Remembered: a column of a regional compilation or a long project list repeats its names,
    and resolving one is most of the cost of deciding whether a column names provinces."""
    match = resolve_province(label, on) or _after_authority(label, on)
    if match is None and not label.isascii():
        readings = (resolve_province(reading, on) for reading in legacy_readings(label))
        match = next((found for found in readings if found is not None), None)
    return match
