"""The report as one self-contained HTML page, rendered from ``templates/report.html.j2``.

Self-contained means it opens from a disk or an e-mail attachment with no network: the styles,
the one script (the language toggle) and every chart (inline SVG) are inside the file, and the
page refers to no other file or URL. Every text is in the page twice, Vietnamese and English,
and the toggle only shows one or the other, so the page reads the same without scripts.
Autoescaping is on: province names and rule names come from files the provinces send.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from khuyencong.report import charts
from khuyencong.report.figures import Figures, labels
from warehouse.docs import column_docs

TEMPLATE = "report.html.j2"


def number(value: Any) -> Markup:
    """A number written the Vietnamese way (329.620; 12,5) and the English way (329,620; 12.5);
    a dash for no value."""
    if value is None:
        return Markup('<span class="none">–</span>')
    english = f"{value:,}"
    vietnamese = english.translate(str.maketrans(",.", ".,"))
    return Markup(
        '<span class="vi" lang="vi">{}</span><span class="en" lang="en">{}</span>'
    ).format(vietnamese, english)


def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("khuyencong.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["number"] = number
    return environment


def _chart(svg: str) -> Markup:
    """An SVG drawn by ``charts``: markup of our own drawing, so not escaped."""
    return Markup(svg)  # matplotlib escapes every text it writes into the SVG


def render(figures: Figures, generated_at: datetime) -> str:
    """The HTML page of ``figures``."""
    quality_rows = sorted(
        figures.quality,
        key=lambda row: (-(row["errors"] + row["warnings"]), row["province_code"] or "~"),
    )
    docs = column_docs()
    quality_headers = {
        column: doc if (doc := docs.get("quality_by_province", column)) else None
        for column in figures.quality_columns
    }
    return (
        _environment()
        .get_template(TEMPLATE)
        .render(
            figures=figures,
            statuses=labels().statuses,
            generated_at=generated_at,
            trend_charts={
                national.indicator.code: _chart(charts.trend(national, figures.years))
                for national in figures.national
            },
            rankings={
                indicator.code: (
                    ranked := figures.ranking(indicator.code),
                    _chart(charts.ranking(indicator.code, ranked)),
                )
                for indicator in figures.indicators
            },
            leaders=charts.LEADERS,
            gap_map=_chart(
                charts.gap_map(figures.provinces, figures.gap_years, figures.completeness)
            ),
            gap_map_current=_chart(
                charts.gap_map(
                    figures.current_provinces,
                    figures.gap_years,
                    figures.current_completeness,
                    "gap-current",
                )
            ),
            quality_rows=quality_rows,
            quality_headers=quality_headers,
            quality_chart=_chart(
                charts.quality([row for row in quality_rows if row["errors"] + row["warnings"]])
            ),
        )
    )
