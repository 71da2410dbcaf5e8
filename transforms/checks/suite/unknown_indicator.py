"""unknown-indicator: a fact whose indicator is not in the catalogue (``$indicators``)."""

from __future__ import annotations

from transforms.checks.suite.spec import SuiteRule, values_in_set
from transforms.rules import RuleCode

RULE = SuiteRule(
    RuleCode.UNKNOWN_INDICATOR, values_in_set("indicator", "$indicators"), value_column="indicator"
)
