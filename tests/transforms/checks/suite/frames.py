"""Small facts frames, as ``validation_frame`` hands them to the suite's rules."""

from __future__ import annotations

from datetime import date

import pandas as pd

from transforms.checks.suite.spec import References

FACT: dict[str, object] = {
    "sha256": "a",
    "sheet": "BC",
    "cell": "D4",
    "province_code": "19",
    "period_start": date(2010, 1, 1),
    "period_end": date(2010, 12, 31),
    "year": 2010,
    "indicator": "trained_workers",
    "value": 1.0,
    "raw_value": "1",
    "basis": "actual",
}


def facts(*rows: dict[str, object]) -> pd.DataFrame:
    """One fact a row: each dict's columns over those of a clean fact of Thái Nguyên, 2010."""
    return pd.DataFrame([FACT | row for row in rows])


def spans(*rows: tuple[str, str, str | None]) -> pd.DataFrame:
    """Province spans: code, valid_from, valid_to (None while still valid)."""
    return pd.DataFrame(rows, columns=["code", "valid_from", "valid_to"])


THAI_NGUYEN = ("19", "2004-01-01", "2025-06-30")


def references(reports: pd.DataFrame | None = None) -> References:
    return References(spans(THAI_NGUYEN), reports)


def reports(*rows: tuple[str, str, int, float]) -> pd.DataFrame:
    """The warehouse's values: province_code, indicator, year, value."""
    return pd.DataFrame(rows, columns=["province_code", "indicator", "year", "value"])
