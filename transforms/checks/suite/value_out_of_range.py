"""value-out-of-range: more than one province can plausibly report (a thousandfold unit error)."""

from __future__ import annotations

import pandas as pd

from transforms.checks.suite.spec import References, SuiteRule, values_true
from transforms.indicators import catalogue
from transforms.rules import RuleCode


def within_plausible_range(facts: pd.DataFrame, references: References) -> dict[str, pd.Series]:
    """``within_plausible_range``: the value is at most its indicator's ``max_per_report``."""
    indicators = catalogue()
    maxima = facts["indicator"].map(
        lambda code: float(indicators[code].max_per_report) if code in indicators else float("inf")
    )
    return {"within_plausible_range": facts["value"] <= maxima}


RULE = SuiteRule(
    RuleCode.VALUE_OUT_OF_RANGE,
    values_true("within_plausible_range"),
    features=within_plausible_range,
)
