"""A report's figures made by hand: one province, one indicator, one year, names to choose."""

from __future__ import annotations

from datetime import date

from khuyencong.report.figures import Figures, Indicator, NationalFigure, Province, YearFigure

# A province name that is a formula to a spreadsheet and markup to a browser.
HOSTILE = '=HYPERLINK("http://x","<script>alert(1)</script>")'


def tiny_figures(province_name: str) -> Figures:
    workers = Indicator(
        "trained_workers",
        "Lao động nông thôn được đào tạo nghề",
        "Rural workers trained",
        "persons",
        "người",
        "flow",
    )
    quality = {
        "province_code": "19",
        "province_name": province_name,
        "submissions_received": 2,
        "loaded": 1,
        "quarantined": 1,
        "duplicates": 0,
        "superseded": 0,
        "errors": 3,
        "warnings": 0,
        "most_common_rules": "@SUM(A1:A9) (3)",
    }
    return Figures(
        years=(2010,),
        gap_years=(2010,),
        indicators=(workers,),
        national=(NationalFigure(workers, 1250, 1, (YearFigure(2010, 1250, 1, 0),)),),
        provinces=(Province("19", province_name),),
        province_values={("19", "trained_workers"): 1250},
        completeness={("19", 2010): "missing"},
        current_provinces=(Province("19", province_name),),
        current_completeness={("19", 2010): "missing"},
        received_on={},
        deadlines={2010: date(2011, 1, 15)},
        quality_columns=tuple(quality),
        quality=(quality,),
    )
