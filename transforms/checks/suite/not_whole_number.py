"""not-whole-number: a count (people, classes, villages) with a fraction."""

from __future__ import annotations

import pandas as pd

from transforms.checks.suite.spec import References, SuiteRule, values_true
from transforms.indicators import catalogue
from transforms.rules import RuleCode


def whole_if_count(facts: pd.DataFrame, references: References) -> dict[str, pd.Series]:
    """``is_whole_if_count``: the value is whole, or the indicator is not a count."""
    indicators = catalogue()
    is_count = facts["indicator"].map(
        lambda code: code in indicators and indicators[code].measure == "count"
    )
    return {"is_whole_if_count": ~is_count.astype(bool) | (facts["value"] % 1 == 0)}


RULE = SuiteRule(
    RuleCode.NOT_WHOLE_NUMBER,
    values_true("is_whole_if_count"),
    features=whole_if_count,
)
