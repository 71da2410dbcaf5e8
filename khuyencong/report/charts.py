"""The report's charts, drawn by matplotlib as SVG text to put inside the HTML page.

Charts carry no words of either language: titles, units and legends are HTML around them, so
one drawing serves the Vietnamese and the English page. Text stays text (``svg.fonttype
none``), and each chart hashes its SVG ids with its own salt, so that the many SVGs inlined in
one page never share a clip-path id. No pyplot: a ``Figure`` is drawn and dropped, with no
global state, which keeps the report safe to write from a worker thread.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from khuyencong.report.figures import NationalFigure, Province, RankedProvince, labels

INK = "#1f4e79"
LEADERS = 15
STYLE: dict[Any, Any] = {  # rcParams keys are Literal-typed in matplotlib's stubs
    "svg.fonttype": "none",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#888888",
    "xtick.color": "#444444",
    "ytick.color": "#444444",
}


def _grouped(value: float, _position: Any = None) -> str:
    """A tick label grouped by thin spaces (1 234 567), read alike in Vietnamese and English."""
    return f"{value:,.0f}".replace(",", "\u202f")


def _svg(figure: Figure, name: str) -> str:
    """The figure as an ``<svg>`` element (no XML declaration), ids salted with ``name``."""
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": name}):
        figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def trend(figure: NationalFigure, years: Sequence[int]) -> str:
    """The national series of one indicator over the years, a point per year with a value."""
    with matplotlib.rc_context(STYLE):
        chart = Figure(figsize=(4.2, 2.1))
        axes = chart.add_subplot()
        points = [(y.year, float(y.value)) for y in figure.by_year if y.value is not None]
        axes.plot([x for x, _ in points], [v for _, v in points], marker="o", color=INK)
        axes.set_xticks(list(years))
        axes.set_xlim(years[0] - 0.4, years[-1] + 0.4)
        axes.set_ylim(0, max((v for _, v in points), default=1) * 1.15 or 1)
        axes.yaxis.set_major_locator(MaxNLocator(4))
        axes.yaxis.set_major_formatter(FuncFormatter(_grouped))
        axes.grid(axis="y", color="#e0e0e0")
        return _svg(chart, f"trend-{figure.indicator.code}")


def ranking(indicator: str, ranked: Sequence[RankedProvince]) -> str:
    """The ``LEADERS`` provinces of the largest figures of the period, the largest on top.

    Only the leaders: sixty bars of fifteen indicators made the page slow to write and no
    easier to read; the table beside the chart ranks every province.
    """
    ranked = ranked[:LEADERS]
    with matplotlib.rc_context(STYLE):
        chart = Figure(figsize=(5.0, 0.5 + 0.16 * max(len(ranked), 1)))
        axes = chart.add_subplot()
        positions = range(len(ranked))
        axes.barh(positions, [float(r.value) for r in ranked], color=INK, height=0.7)
        axes.set_yticks(list(positions), [r.province.name for r in ranked], fontsize=7)
        axes.set_ylim(len(ranked) - 0.5, -0.5)
        axes.xaxis.set_major_locator(MaxNLocator(4))
        axes.xaxis.set_major_formatter(FuncFormatter(_grouped))
        axes.grid(axis="x", color="#e0e0e0")
        return _svg(chart, f"ranking-{indicator}")


def gap_map(
    provinces: Sequence[Province],
    years: Sequence[int],
    completeness: Mapping[tuple[str, int], str],
    name: str = "gap",
) -> str:
    """Province x year heat map of reporting status: one rectangle per province and year.

    Each rectangle's SVG id is ``<name>-<province code>-<year>``, so a page (and a test) can
    find every cell; its colour is the status's colour of ``labels.yaml``.
    """
    words = labels()
    with matplotlib.rc_context(STYLE):
        chart = Figure(figsize=(1.6 + 0.5 * len(years), 0.6 + 0.16 * len(provinces)))
        axes = chart.add_subplot()
        for column, year in enumerate(years):
            statuses = [completeness[p.code, year] for p in provinces]
            bars = axes.bar(
                [column] * len(provinces),
                1,
                bottom=[row - 0.5 for row in range(len(provinces))],
                width=1,
                color=[words.status(status).colour for status in statuses],
                edgecolor="white",
                linewidth=0.6,
            )
            for province, bar in zip(provinces, bars, strict=True):
                bar.set_gid(f"{name}-{province.code}-{year}")
        axes.set_xticks(range(len(years)), [str(year) for year in years])
        axes.xaxis.tick_top()
        axes.set_yticks(range(len(provinces)), [f"{p.code} {p.name}" for p in provinces])
        axes.tick_params(axis="y", labelsize=7, length=0)
        axes.tick_params(axis="x", length=0)
        axes.set_xlim(-0.5, len(years) - 0.5)
        axes.set_ylim(len(provinces) - 0.5, -0.5)
        for side in ("left", "bottom", "top", "right"):
            axes.spines[side].set_visible(False)
        return _svg(chart, f"{name}-map")


def quality(rows: Sequence[dict[str, Any]]) -> str:
    """Errors and warnings found in each province's files, stacked, most findings on top."""
    with matplotlib.rc_context(STYLE):
        chart = Figure(figsize=(5.0, 0.5 + 0.16 * max(len(rows), 1)))
        axes = chart.add_subplot()
        positions = range(len(rows))
        errors = [float(row["errors"]) for row in rows]
        warnings = [float(row["warnings"]) for row in rows]
        axes.barh(positions, errors, color="#c62828", height=0.7)
        axes.barh(positions, warnings, left=errors, color="#f9a825", height=0.7)
        names = [row["province_name"] or "?" for row in rows]
        axes.set_yticks(list(positions), names, fontsize=7)
        axes.set_ylim(len(rows) - 0.5, -0.5)
        axes.xaxis.set_major_locator(MaxNLocator(4, integer=True))
        axes.grid(axis="x", color="#e0e0e0")
        return _svg(chart, "quality")
