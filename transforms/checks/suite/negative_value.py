"""negative-value: counts and money cannot be negative; a minus sign is a typing slip."""

from __future__ import annotations

from transforms.checks.suite.spec import SuiteRule, values_between
from transforms.rules import RuleCode

RULE = SuiteRule(RuleCode.NEGATIVE_VALUE, values_between("value", min_value=0))
