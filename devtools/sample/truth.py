"""The numbers behind the sample corpus: one ``Report`` per province and year, and the truth rows.

Pure: a seed and a list of years in, numbers out; no files. The national figures of 2005-2009
and Thái Nguyên's figures are those of the real source document (``/work/shared/domain.md``):
each target is spread over province-years with random weights and largest-remainder rounding,
so the integer parts add up exactly. Everything else is plausible, not real.

The numbers are always built for the whole country and for at least 2005-2012, whatever subset
is written, so that a province-year has the same figures in a small test corpus and in the
full one.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

import schemas

ACTIVITIES = (
    "trained_workers",
    "training_classes",
    "demo_models",
    "tech_support_facilities",
    "trade_fairs",
    "brand_support_enterprises",
    "investment_projects_consulted",
    "industrial_clusters_supported",
)
"""The activity counts every report states, in the order of an activity table."""

FUNDED_ACTIVITIES = tuple(a for a in ACTIVITIES if a != "training_classes")
"""Activities with a funding line (the classes share the trainees' money)."""

FUNDING = ("extension_funding", "extension_funding_national", "extension_funding_local")
GENERAL = ("rural_industry_output", "craft_villages", "recognised_craft_villages")
"""Output and stocks: in most reports, not all."""

BASE_YEARS = range(2005, 2013)
TARGET_YEARS = range(2005, 2010)
NATIONAL_TARGETS = {
    "trained_workers": 329_620,
    "demo_models": 786,
    "tech_support_facilities": 1_013,
    "brand_support_enterprises": 228,
    "investment_projects_consulted": 156,
    "industrial_clusters_supported": 214,  # the source says "over 200"
}
"""National sums over 2005-2009 (all provinces, five years together)."""

THAI_NGUYEN = "19"
THAI_NGUYEN_OUTPUT = {
    2005: 391_500,
    2006: 462_000,  # real
    2007: 640_800,
    2008: 854_000,  # real
    2009: 1_046_700,
    2010: 1_300_000,  # real
    2011: 1_582_300,
    2012: 1_797_600,
}
THAI_NGUYEN_CRAFT_VILLAGES = {
    2005: 8,
    2006: 21,
    2007: 47,
    2008: 79,
    2009: 112,
    2010: 139,
    2011: 160,
}
THAI_NGUYEN_RECOGNISED = {2005: 3, 2006: 7, 2007: 15, 2008: 26, 2009: 38, 2010: 50, 2011: 61}
THAI_NGUYEN_SPAN = range(2005, 2012)
THAI_NGUYEN_PROJECTS = 135  # summed over 2005-2011
THAI_NGUYEN_FUNDING = 10_000  # million VND, summed over 2005-2011

_TENTH = Decimal("0.1")
_COST_PER_UNIT = {  # rough million VND of support per unit of each activity
    "trained_workers": 0.9,
    "demo_models": 180,
    "tech_support_facilities": 90,
    "trade_fairs": 70,
    "brand_support_enterprises": 25,
    "investment_projects_consulted": 20,
    "industrial_clusters_supported": 150,
}


@dataclass(frozen=True)
class TruthFact:
    """One value a correct reader must find: where it is, whose it is, what it is."""

    file_name: str
    sheet: str
    cell: str
    province_code: str
    year: int
    indicator: str
    value: Decimal
    layout: str
    pathologies: str = ""  # the file's mess, e.g. "tcvn3;dash_cells" (``plan.PATHOLOGIES``)


TRUTH_COLUMNS = tuple(TruthFact.__dataclass_fields__)


@dataclass(frozen=True)
class FundingLine:
    """The khuyến công money of one activity row: national + local, and counterpart funds."""

    activity: str
    national: Decimal
    local: Decimal
    counterpart: Decimal

    @property
    def total(self) -> Decimal:
        return self.national + self.local


@dataclass(frozen=True)
class Province:
    code: str
    name: str
    name_ascii: str
    is_city: bool


@dataclass(frozen=True)
class Report:
    """One province's annual numbers; ``reported`` says which indicators its report states."""

    province: Province
    year: int
    values: Mapping[str, Decimal]
    reported: frozenset[str]
    funding_lines: tuple[FundingLine, ...]

    @property
    def code(self) -> str:
        return self.province.code


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` into integers proportional to ``weights`` (largest remainder, ties by order).

    >>> apportion(10, [1, 1, 1])
    [4, 3, 3]
    """
    weight_sum = sum(weights)
    if total == 0 or weight_sum <= 0:
        return [0] * len(weights)
    quotas = [total * w / weight_sum for w in weights]
    shares = [int(q) for q in quotas]
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - shares[i]), i))
    for i in by_remainder[: total - sum(shares)]:
        shares[i] += 1
    return shares


def units_on(day: date) -> list[Province]:
    """The provincial units valid on ``day``, sorted by GSO code."""
    units = {}
    for row in schemas.read_csv("provinces.csv"):
        ends = date.fromisoformat(row["valid_to"]) if row["valid_to"] else date.max
        if date.fromisoformat(row["valid_from"]) <= day <= ends:
            is_city = row["type"].startswith("thanh pho")
            units[row["code"]] = Province(row["code"], row["name_vi"], row["name_ascii"], is_city)
    return [units[code] for code in sorted(units)]


def reporting_units(year: int) -> list[Province]:
    """Every unit that exists on 31 December of ``year`` files one annual report."""
    return units_on(date(year, 12, 31))


@cache
def _absorbed(year: int) -> dict[str, list[str]]:
    """Codes merged into another unit by the end of ``year`` (Hà Tây into Hà Nội from 2008)."""
    absorbed: dict[str, list[str]] = {}
    for row in schemas.read_csv("provinces.csv"):
        ended = row["valid_to"] and date.fromisoformat(row["valid_to"]) < date(year, 12, 31)
        if ended and row["successor_code_2025"] != row["code"] and row["valid_to"] < "2025":
            absorbed.setdefault(row["successor_code_2025"], []).append(row["code"])
    return absorbed


def _tenths(value: Decimal | int) -> int:
    return int(Decimal(value) / _TENTH)


def _money(tenths: int) -> Decimal:
    return (Decimal(tenths) * _TENTH).normalize() if tenths else Decimal(0)


class _Builder:
    """Draws the numbers in a fixed order from one ``random.Random``."""

    def __init__(self, seed: int, years: Iterable[int]) -> None:
        self.rng = random.Random(seed)
        self.years = sorted(set(years) | set(BASE_YEARS))
        self.units = {year: reporting_units(year) for year in self.years}
        codes = sorted({p.code for units in self.units.values() for p in units} | {"28"})
        self.size = {code: self._size(code) for code in codes}
        self.growth = {code: self.rng.uniform(1.04, 1.14) for code in codes}
        self.keys = [(p.code, year) for year in self.years for p in self.units[year]]
        self.values: dict[tuple[str, int], dict[str, Decimal]] = {k: {} for k in self.keys}

    def _size(self, code: str) -> float:
        big = {"01": 2.2, "79": 2.5, "28": 1.6, "38": 1.5, "40": 1.5, "31": 1.3}
        return big.get(code, 1.0) * self.rng.lognormvariate(0, 0.35)

    def weight(self, code: str, year: int) -> float:
        """A unit's size in ``year``, including units merged into it by then."""
        codes = [code, *_absorbed(year).get(code, [])]
        return sum(self.size[c] * self.growth[c] ** (year - 2005) for c in codes)

    def build(self) -> dict[tuple[str, int], Report]:
        for indicator in ACTIVITIES:
            self._activity(indicator)
        self._projects()
        self._funding()
        self._output()
        self._stocks()
        lines = {key: self._funding_lines(key) for key in self.keys}
        return {
            (p.code, year): Report(
                province=p,
                year=year,
                values=self.values[(p.code, year)],
                reported=self._reported(p.code, year),
                funding_lines=lines[(p.code, year)],
            )
            for year in self.years
            for p in self.units[year]
        }

    def _set(self, indicator: str, key: tuple[str, int], value: Decimal | int) -> None:
        self.values[key][indicator] = Decimal(value)

    def _activity(self, indicator: str) -> None:
        if indicator == "training_classes":
            for key in self.keys:
                workers = int(self.values[key]["trained_workers"])
                size = self.rng.uniform(24, 42)
                self._set(indicator, key, max(1, round(workers / size)) if workers else 0)
            return
        if indicator == "trade_fairs":
            for key in self.keys:
                self._set(indicator, key, round(self.weight(*key) * self.rng.uniform(0, 3.2)))
            return
        target = NATIONAL_TARGETS[indicator]
        target_keys = [k for k in self.keys if k[1] in TARGET_YEARS]
        weights = [self.weight(*k) * self.rng.uniform(0.4, 1.6) for k in target_keys]
        rate = target / sum(self.weight(*k) for k in target_keys)
        for key, share in zip(target_keys, apportion(target, weights), strict=True):
            self._set(indicator, key, share)
        for key in self.keys:
            if key[1] not in TARGET_YEARS:
                mean = rate * self.weight(*key) * self.rng.uniform(0.4, 1.6)
                self._set(indicator, key, int(mean + self.rng.random()))

    def _projects(self) -> None:
        def effort(key: tuple[str, int]) -> float:
            v = self.values[key]
            counted = sum(float(v[a]) for a in ACTIVITIES if a != "trained_workers")
            return max(
                1.0, (counted - float(v["training_classes"]) / 2) * self.rng.uniform(0.5, 0.8)
            )

        span = [(THAI_NGUYEN, y) for y in THAI_NGUYEN_SPAN if (THAI_NGUYEN, y) in self.values]
        for key in self.keys:
            if key not in span:
                self._set("extension_projects", key, round(effort(key)))
        weights = [effort(k) for k in span]
        for key, share in zip(span, apportion(THAI_NGUYEN_PROJECTS, weights), strict=True):
            self._set("extension_projects", key, share)

    def _funding(self) -> None:
        span = [(THAI_NGUYEN, y) for y in THAI_NGUYEN_SPAN if (THAI_NGUYEN, y) in self.values]
        weights = [1.1 ** (y - 2005) * self.rng.uniform(0.8, 1.2) for _, y in span]
        thai_nguyen = dict(zip(span, apportion(THAI_NGUYEN_FUNDING * 10, weights), strict=True))
        for key in self.keys:
            if key in thai_nguyen:
                tenths = thai_nguyen[key]
            else:
                million = self.weight(*key) * self.rng.uniform(350, 1500)
                tenths = round(million * 10) if self.rng.random() < 0.3 else round(million) * 10
            share = self.rng.uniform(0.25, 0.6)
            national = round(tenths * share) if tenths % 10 else round(tenths * share / 10) * 10
            self._set("extension_funding", key, _money(tenths))
            self._set("extension_funding_national", key, _money(national))
            self._set("extension_funding_local", key, _money(tenths - national))

    def _funding_lines(self, key: tuple[str, int]) -> tuple[FundingLine, ...]:
        v = self.values[key]
        weights = [
            float(v[a]) * _COST_PER_UNIT[a] * self.rng.uniform(0.6, 1.4) for a in FUNDED_ACTIVITIES
        ]
        if not any(weights):
            weights[0] = 1.0  # nothing counted: the money still went somewhere (training)
        step = 1 if _tenths(v["extension_funding"]) % 10 else 10
        national = apportion(_tenths(v["extension_funding_national"]) // step, weights)
        local = apportion(_tenths(v["extension_funding_local"]) // step, weights)
        lines = []
        for activity, n, loc in zip(FUNDED_ACTIVITIES, national, local, strict=True):
            hardware = activity in ("demo_models", "tech_support_facilities")
            factor = self.rng.uniform(0.8, 2.5) if hardware else self.rng.uniform(0, 0.3)
            counterpart = round((n + loc) * step / 10 * factor) if v[activity] else 0
            lines.append(
                FundingLine(activity, _money(n * step), _money(loc * step), Decimal(counterpart))
            )
        return tuple(lines)

    def _series(self, start: float, growth: float, *, integer_steps: bool) -> dict[int, float]:
        """A yearly series from ``start``, growing by about ``growth`` a year."""
        values, current = {}, start
        for year in self.years:
            values[year] = current
            step = growth * self.rng.uniform(0.95, 1.05)
            current = (
                current + max(0, round(current * (step - 1))) if integer_steps else current * step
            )
        return values

    def _output(self) -> None:
        own = {
            code: self._series(
                size * self.rng.uniform(120_000, 450_000),
                self.rng.uniform(1.08, 1.22),
                integer_steps=False,
            )
            for code, size in self.size.items()
        }
        for code, year in self.keys:
            codes = [code, *_absorbed(year).get(code, [])]
            value = round(sum(own[c][year] for c in codes))
            if code == THAI_NGUYEN and year in THAI_NGUYEN_OUTPUT:
                value = THAI_NGUYEN_OUTPUT[year]
            self._set("rural_industry_output", (code, year), value)

    def _stocks(self) -> None:
        craft, recognised = {}, {}
        for code, size in self.size.items():
            first = max(4, round(size * self.rng.uniform(15, 160)))
            craft[code] = self._series(first, self.rng.uniform(1.01, 1.07), integer_steps=True)
            ratio, values, last = self.rng.uniform(0.2, 0.45), {}, 0
            for year in self.years:
                last = min(craft[code][year], max(last, round(craft[code][year] * ratio)))
                values[year] = last
                ratio = min(0.9, ratio + self.rng.uniform(0, 0.02))
            recognised[code] = values
        for code, year in self.keys:
            codes = [code, *_absorbed(year).get(code, [])]
            villages = sum(craft[c][year] for c in codes)
            recognised_villages = sum(recognised[c][year] for c in codes)
            if code == THAI_NGUYEN:
                villages, recognised_villages = self._thai_nguyen_stocks(year)
            self._set("craft_villages", (code, year), villages)
            self._set("recognised_craft_villages", (code, year), recognised_villages)

    @staticmethod
    def _thai_nguyen_stocks(year: int) -> tuple[int, int]:
        if year in THAI_NGUYEN_CRAFT_VILLAGES:
            return THAI_NGUYEN_CRAFT_VILLAGES[year], THAI_NGUYEN_RECOGNISED[year]
        if year < 2005:
            return 8, 3
        return 160 + 4 * (year - 2011), 61 + 2 * (year - 2011)

    def _reported(self, code: str, year: int) -> frozenset[str]:
        reported = set(ACTIVITIES) | set(FUNDING) | {"extension_projects"}
        has_output = self.rng.random() < 0.85
        has_stocks = self.rng.random() < 0.8
        if code == THAI_NGUYEN or has_output:
            reported.add("rural_industry_output")
        if code == THAI_NGUYEN or has_stocks:
            reported |= {"craft_villages", "recognised_craft_villages"}
        return frozenset(reported)


def build_reports(seed: int, years: Iterable[int]) -> dict[tuple[str, int], Report]:
    """Every province-year's numbers, keyed by (GSO code, year), for ``years`` and 2005-2012."""
    return _Builder(seed, years).build()
