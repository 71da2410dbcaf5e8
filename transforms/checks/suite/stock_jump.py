"""stock-jump: a stock (craft villages) that grew or shrank fivefold, and by 20 or more, in a year.

Villages are recognised a few at a time; such a jump is usually a typing or scope error (all
craft villages written where recognised ones were meant), or a merger of provinces.
"""

from __future__ import annotations

import pandas as pd

from transforms.checks.suite.spec import References, SuiteRule, values_true
from transforms.indicators import catalogue
from transforms.rules import RuleCode

STOCK_JUMP_RATIO = 5.0
STOCK_JUMP_MINIMUM = 20.0


def previous_year_stock(frame: pd.DataFrame, reference: pd.DataFrame | None) -> pd.Series:
    """The warehouse's value of the same stock, province and previous year (NaN if none)."""
    if reference is None or reference.empty:
        return pd.Series(float("nan"), index=frame.index)
    stocks = {code for code, indicator in catalogue().items() if indicator.kind == "stock"}
    history = reference[reference["indicator"].isin(stocks)].assign(year=lambda r: r["year"] + 1)
    history = history.groupby(["province_code", "indicator", "year"], as_index=False)["value"].sum()
    lookup = frame[["province_code", "indicator", "year"]].merge(
        history, on=["province_code", "indicator", "year"], how="left"
    )
    return lookup["value"].astype(float).set_axis(frame.index)


def stock_jumps(values: pd.Series, previous: pd.Series) -> pd.Series:
    """Whether each value jumped from the previous year's (False where there is none)."""
    change = (values - previous).abs()
    ratio = values / previous
    jumped = (ratio >= STOCK_JUMP_RATIO) | (ratio <= 1 / STOCK_JUMP_RATIO)
    return (jumped & (change >= STOCK_JUMP_MINIMUM) & previous.notna()).fillna(False).astype(bool)


def stock_change_plausible(facts: pd.DataFrame, references: References) -> dict[str, pd.Series]:
    """``previous_year_value`` (for the message) and ``stock_change_plausible``: no jump."""
    previous = previous_year_stock(facts, references.reports)
    return {
        "previous_year_value": previous,
        "stock_change_plausible": ~stock_jumps(facts["value"], previous),
    }


RULE = SuiteRule(
    RuleCode.STOCK_JUMP, values_true("stock_change_plausible"), features=stock_change_plausible
)
