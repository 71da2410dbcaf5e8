"""year-out-of-range: the programme began in 2005, and no report is of a year yet to come."""

from __future__ import annotations

from transforms.checks.suite.spec import SuiteRule, values_between
from transforms.rules import RuleCode

RULE = SuiteRule(
    RuleCode.YEAR_OUT_OF_RANGE,
    values_between("year", min_value=2005, max_value="$current_year"),
    value_column="year",
)
