"""year-out-of-range: the programme began in 2005, and no report is of a year yet to come."""

from __future__ import annotations

from transforms.checks.suite.spec import SuiteRule, values_between

RULE = SuiteRule(
    "year-out-of-range",
    values_between("year", min_value=2005, max_value="$current_year"),
    value_column="year",
)
