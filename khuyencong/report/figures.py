"""The figures of the coordinator's report, gathered from the marts of the warehouse.

Everything is read through ``run_query``, the locked-down read-only connection of
``khuyencong query``: the report adds no mart and writes nothing to the warehouse. Values are
the marts' own; this module only picks the years, adds flows up over them and keeps the latest
year of stocks, as ``khuyencong run`` prints the national table:

* the national figure of the period is the sum of ``marts.national_indicator_year`` over the
  years for a flow, its value in the last year for a stock (stocks never add up over years);
* a province's figure of the period is made the same way from
  ``marts.province_indicator_year``, so the provinces' figures add up to the national one (the
  workbook's totals row says so);
* provinces are the units of the report's own geography (Hà Tây 28 until 2008), named as they
  were named in the last year of the period they existed in;
* a province's annual report was received on the day its live version arrived, in the time
  zone deadlines are judged in (``schemas/deadlines.yaml``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

import schemas
from khuyencong.places import Places
from khuyencong.preflight import UsageError
from khuyencong.query import plain, run_query

NOT_EXPECTED = "not_expected"
RECEIVED = ("received", "late")  # the statuses of a province whose annual report arrived
LABELS_FILE = "labels.yaml"


@dataclass(frozen=True)
class Status:
    """A reporting status as the report shows it."""

    code: str
    vi: str
    en: str
    colour: str


@dataclass(frozen=True)
class Labels:
    """The report's words of ``labels.yaml``: statuses in legend order, units in Vietnamese."""

    statuses: tuple[Status, ...]
    units: dict[str, str]
    indicator_units: dict[str, str]

    def status(self, code: str) -> Status:
        return next(status for status in self.statuses if status.code == code)

    def unit_vi(self, indicator: str, unit: str) -> str:
        return self.indicator_units.get(indicator) or self.units.get(unit, unit)


@cache
def labels() -> Labels:
    text = resources.files(__package__).joinpath(LABELS_FILE).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    ordered = sorted(data["status"].items(), key=lambda item: item[1]["order"])
    return Labels(
        statuses=tuple(Status(code, s["vi"], s["en"], s["colour"]) for code, s in ordered),
        units=dict(data["units"]),
        indicator_units=dict(data.get("indicator_units") or {}),
    )


@dataclass(frozen=True)
class Indicator:
    code: str
    name_vi: str
    name_en: str
    unit: str
    unit_vi: str
    kind: str


@dataclass(frozen=True)
class YearFigure:
    """One year of a national series, with the provinces behind it."""

    year: int
    value: Any
    provinces: int
    partial_provinces: int


@dataclass(frozen=True)
class NationalFigure:
    """An indicator's national figure of the period, its yearly series and its provinces.

    ``provinces`` counts those behind the period's figure (with a value in any of its years
    for a flow, in its last year for a stock).
    """

    indicator: Indicator
    value: Any
    provinces: int
    by_year: tuple[YearFigure, ...]


@dataclass(frozen=True)
class Province:
    """A unit of the report's geography: GSO code, and its name in the period."""

    code: str
    name: str


@dataclass(frozen=True)
class RankedProvince:
    """A province's place among those with a figure for an indicator (1 is the largest)."""

    rank: int
    province: Province
    value: Any


@dataclass(frozen=True)
class Figures:
    """What the report shows, for the years it covers."""

    years: tuple[int, ...]  # consecutive, in order
    # the years of the gap map: ``years``, and the years after the newest figures whose reports
    # are still arriving (or were all rejected) when ``years`` reach the newest figures
    gap_years: tuple[int, ...]
    indicators: tuple[Indicator, ...]
    national: tuple[NationalFigure, ...]
    provinces: tuple[Province, ...]
    # (province code, indicator) -> the province's figure of the period
    province_values: dict[tuple[str, str], Any]
    # (province code, year) -> status code of labels.yaml
    completeness: dict[tuple[str, int], str]
    # the units existing since 1 July 2025, and their status each year: the worst status (the
    # last in legend order) of the units of the year that belong to them and were expected
    current_provinces: tuple[Province, ...]
    current_completeness: dict[tuple[str, int], str]
    # (province code, year) -> the day its live annual report arrived (Vietnam's time)
    received_on: dict[tuple[str, int], date]
    # year -> the day its annual reports were due
    deadlines: dict[int, date]
    # rows of marts.quality_by_province, column name -> value
    quality_columns: tuple[str, ...]
    quality: tuple[dict[str, Any], ...]

    @property
    def span(self) -> str:
        return figures_span(self.years)

    @property
    def gap_span(self) -> str:
        return figures_span(self.gap_years)

    def ranking(self, indicator: str) -> list[RankedProvince]:
        """The provinces with a figure for ``indicator``, largest first (ties by code)."""
        valued = [
            (value, province)
            for province in self.provinces
            if (value := self.province_values.get((province.code, indicator))) is not None
        ]
        valued.sort(key=lambda item: (-item[0], item[1].code))
        return [RankedProvince(rank, p, v) for rank, (v, p) in enumerate(valued, start=1)]

    def annual_reports_received(self, year: int) -> int:
        """How many provinces sent their annual report for ``year``, on time or late."""
        counts = self.status_counts(year)
        return sum(counts[code] for code in RECEIVED)

    def status_counts(self, year: int) -> dict[str, int]:
        """How many provinces have each status in ``year``."""
        counts = {status.code: 0 for status in labels().statuses}
        for province in self.provinces:
            counts[self.completeness[province.code, year]] += 1
        return counts


def figures_span(years: Sequence[int]) -> str:
    """``years`` as the report names them: 2005-2009, or 2009 alone."""
    return f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])


def _deadline_timezone() -> str:
    return str(schemas.read_yaml("deadlines.yaml")["timezone"])


def _text_sql(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _span_sql(years: Sequence[int]) -> str:
    return f"year between {int(years[0])} and {int(years[-1])}"


def available_years(home: Path) -> tuple[int, ...]:
    """The years of ``marts.national_indicator_year``; raises ``UsageError`` without a warehouse."""
    warehouse = Places.of(home).warehouse
    if not warehouse.exists():
        raise UsageError(
            f"--home {home}: no warehouse there ({warehouse.name}); run `khuyencong run` first"
        )
    rows = run_query(home, "select distinct year from marts.national_indicator_year order by 1")
    return tuple(year for (year,) in rows[0].rows)


def choose_years(home: Path, years: Sequence[int] | None) -> tuple[int, ...]:
    """``years`` (default: every year with national figures), checked against the warehouse."""
    known = available_years(home)
    if not known:
        raise UsageError(f"--home {home}: the warehouse holds no national figures yet")
    if years is None:
        return tuple(range(known[0], known[-1] + 1))
    if not set(years) & set(known):
        raise UsageError(
            f"--years {figures_span(years)}: no national figures for those years "
            f"(the warehouse has {known[0]}-{known[-1]})"
        )
    return tuple(years)


def _gap_years(home: Path, years: Sequence[int]) -> tuple[int, ...]:
    """``years``, and the years after them that the completeness mart follows, when ``years``
    end with the newest national figures: the coordinator also sees the year whose reports are
    arriving, though none is loaded yet."""
    figures_end, followed_end = run_query(
        home,
        "select max(year) from marts.national_indicator_year;\n"
        "select max(year) from marts.reporting_completeness",
    )
    (newest,), (followed,) = figures_end.rows[0], followed_end.rows[0]
    if years[-1] != newest or followed is None or followed <= newest:
        return tuple(years)
    return (*years, *range(newest + 1, followed + 1))


def gather(home: Path, years: Sequence[int]) -> Figures:
    """The report's figures for ``years`` (consecutive, in order) from the warehouse of ``home``."""
    span, last = _span_sql(years), int(years[-1])
    gap_years = _gap_years(home, years)
    gap_span = _span_sql(gap_years)
    statements = {
        "indicators": "select indicator, name_vi, name_en, unit, kind from marts.indicators "
        "order by indicator",
        "national": "select indicator, year, value, provinces_reporting, partial_provinces "
        f"from marts.national_indicator_year where {span} order by indicator, year",
        "provinces": "select province_code, arg_max(province_name, year) "
        f"from marts.reporting_completeness where {gap_span} group by 1 order by 1",
        "completeness": "select province_code, year, expected, status, "
        f"cast(timezone({_text_sql(_deadline_timezone())}, received_at) as date) "
        f"from marts.reporting_completeness where {gap_span}",
        "deadlines": "select distinct year, deadline "
        f"from marts.reporting_completeness where {gap_span}",
        # a flow's figure is the sum over the years, a stock's its value in the last year
        "province_values": f"""
            select p.province_code, p.indicator,
                   case when i.kind = 'stock' then sum(p.value) filter (where p.year = {last})
                        else sum(p.value) end
            from marts.province_indicator_year p
            inner join marts.indicators i on i.indicator = p.indicator
            where p.{span}
            group by p.province_code, p.indicator, i.kind""",
        "quality": "select * from marts.quality_by_province",
        "current_provinces": "select province_code, province_name from marts.provinces "
        "where valid_to is null order by province_code",
        "successors": "select distinct province_code, successor_code_2025 from marts.provinces",
    }
    results = dict(zip(statements, run_query(home, ";\n".join(statements.values())), strict=True))
    words = labels()
    indicators = tuple(
        Indicator(code, name_vi, name_en, unit, words.unit_vi(code, unit), kind)
        for code, name_vi, name_en, unit, kind in results["indicators"].rows
    )
    provinces = tuple(Province(code, name) for code, name in results["provinces"].rows)
    province_values = {
        (code, indicator): plain(value)
        for code, indicator, value in results["province_values"].rows
        if value is not None
    }
    quality_columns = tuple(results["quality"].columns)
    quality = tuple(
        dict(zip(quality_columns, map(plain, values), strict=True))
        for values in results["quality"].rows
    )
    completeness = _completeness(provinces, gap_years, results["completeness"].rows)
    current_provinces = tuple(Province(c, n) for c, n in results["current_provinces"].rows)
    return Figures(
        years=tuple(years),
        gap_years=gap_years,
        indicators=indicators,
        national=_national(indicators, results["national"].rows, province_values, years),
        provinces=provinces,
        province_values=province_values,
        completeness=completeness,
        current_provinces=current_provinces,
        current_completeness=_in_current_geography(
            completeness, dict(results["successors"].rows), current_provinces, gap_years
        ),
        received_on={
            (code, year): received_on
            for code, year, _, _, received_on in results["completeness"].rows
            if received_on is not None
        },
        deadlines=dict(results["deadlines"].rows),
        quality_columns=quality_columns,
        quality=quality,
    )


def _national(
    indicators: Sequence[Indicator],
    rows: Sequence[tuple[Any, ...]],
    province_values: dict[tuple[str, str], Any],
    years: Sequence[int],
) -> tuple[NationalFigure, ...]:
    exact: dict[str, dict[int, Any]] = {}  # the mart's decimals, added up before rounding
    series: dict[str, list[YearFigure]] = {}
    for indicator, year, value, provinces, partial in rows:
        exact.setdefault(indicator, {})[year] = value
        series.setdefault(indicator, []).append(YearFigure(year, plain(value), provinces, partial))
    figures = []
    for indicator in indicators:
        values = exact.get(indicator.code, {})
        if indicator.kind == "stock":
            value = values.get(years[-1])
        else:
            value = sum(values.values()) if values else None
        behind = sum(1 for (_, code) in province_values if code == indicator.code)
        by_year = tuple(series.get(indicator.code, []))
        figures.append(NationalFigure(indicator, plain(value), behind, by_year))
    return tuple(figures)


def _completeness(
    provinces: Sequence[Province], years: Sequence[int], rows: Sequence[tuple[Any, ...]]
) -> dict[tuple[str, int], str]:
    """Every province and year: the mart's status where the unit was expected to report,
    ``not_expected`` where it was not (merged away during the year, or no unit that year)."""
    statuses = {
        (code, year): status if expected else NOT_EXPECTED
        for code, year, expected, status, _ in rows
    }
    return {
        (province.code, year): statuses.get((province.code, year), NOT_EXPECTED)
        for province in provinces
        for year in years
    }


def _in_current_geography(
    completeness: dict[tuple[str, int], str],
    successors: dict[str, str],
    current: Sequence[Province],
    years: Sequence[int],
) -> dict[tuple[str, int], str]:
    """Every current unit and year: the worst status (the last in the legend's order) of the
    units of that year that belong to it and were expected to report; ``not_expected`` when
    none was."""
    rank = {status.code: place for place, status in enumerate(labels().statuses)}
    worst: dict[tuple[str, int], str] = {}
    for (code, year), status in completeness.items():
        key = (successors[code], year)
        if status != NOT_EXPECTED and rank[status] > rank.get(worst.get(key, ""), -1):
            worst[key] = status
    return {
        (province.code, year): worst.get((province.code, year), NOT_EXPECTED)
        for province in current
        for year in years
    }
