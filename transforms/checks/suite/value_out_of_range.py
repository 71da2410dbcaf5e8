"""value-out-of-range: more than one province can plausibly report (a thousandfold unit error)."""

from __future__ import annotations

import pandas as pd

from transforms.checks.suite.spec import References, SuiteRule, of_indicator, values_true
from transforms.rules import RuleCode


def within_plausible_range(facts: pd.DataFrame, references: References) -> dict[str, pd.Series]:
    """``within_plausible_range``: the value is at most its indicator's ``max_per_report``."""
    maxima = of_indicator(
        facts, lambda indicator: float(indicator.max_per_report), float("inf")
    ).astype(float)
    return {"within_plausible_range": facts["value"] <= maxima}


RULE = SuiteRule(
    RuleCode.VALUE_OUT_OF_RANGE,
    values_true("within_plausible_range"),
    features=within_plausible_range,
)
