"""Who reported and for which period, from the title block and the file name.

Both can name the province and the period, and they can disagree; a disagreement is reported
with both values, never settled by picking one. A province name resolves to a GSO code only
together with the period, since names and codes changed in 2008 and 2025.
"""

from __future__ import annotations

from dataclasses import dataclass

from transforms.model import Finding, finding
from transforms.periods import Period, parse_filename_period, parse_period
from transforms.provinces import ProvinceMatch, find_province
from transforms.rules import RuleCode

# a title and a file name that disagree: no later source may settle it by naming one of them
CONFLICTS = frozenset({RuleCode.PERIOD_CONFLICT, RuleCode.PROVINCE_CONFLICT})


@dataclass(frozen=True)
class Identity:
    period: Period | None
    province: ProvinceMatch | None
    findings: tuple[Finding, ...]


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
    one sheet a year); the title says which part of it the report covers.
    """
    return (
        named.kind in ("year", "multi_year")
        and named.start <= stated.start <= stated.end <= named.end
    )


def identify_period(
    title_lines: tuple[str, ...], file_name: str
) -> tuple[Period | None, list[Finding]]:
    """The report period stated by the title block and the file name, or a finding why not."""
    from_title = _title_period(title_lines)
    from_name = parse_filename_period(file_name)
    if from_title and from_name and _within_named_year(from_title, from_name):
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
        named += [(match, "tiêu đề / title") for match in find_province(line, period.end)]
    named += [
        (match, f"tên tệp / file name {file_name}")
        for match in find_province(file_name, period.end)
    ]
    distinct: dict[tuple[str, object], tuple[ProvinceMatch, str]] = {}
    for match, source in named:
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


def former_province_findings(
    match: ProvinceMatch, period: Period, cell: str | None = None
) -> list[Finding]:
    """A warning when the named unit no longer existed in the report period."""
    if not match.former:
        return []
    return [
        finding(
            RuleCode.FORMER_PROVINCE,
            cell=cell,
            value=match.matched_text,
            name=match.matched_text,
            period=period.label,
            successor=match.unit.successor_code_2025,
        )
    ]
