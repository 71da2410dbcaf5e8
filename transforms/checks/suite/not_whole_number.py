"""not-whole-number: a count (people, classes, villages) with a fraction."""

from __future__ import annotations

import pandas as pd

from transforms.checks.suite.spec import References, SuiteRule, of_indicator, values_true
from transforms.rules import RuleCode


def whole_if_count(facts: pd.DataFrame, references: References) -> dict[str, pd.Series]:
    """``is_whole_if_count``: the value is whole, or the indicator is not a count."""
    is_count = of_indicator(facts, lambda indicator: indicator.measure == "count", False)
    return {"is_whole_if_count": ~is_count.astype(bool) | (facts["value"] % 1 == 0)}


RULE = SuiteRule(
    RuleCode.NOT_WHOLE_NUMBER,
    values_true("is_whole_if_count"),
    features=whole_if_count,
)
