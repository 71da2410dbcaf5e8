"""year-out-of-range: the programme began in 2005, and no report is of a year yet to come."""

from __future__ import annotations

from transforms.checks.suite.spec import SuiteRule

RULE = SuiteRule(
    code="year-out-of-range",
    expectation="expect_column_values_to_be_between",
    kwargs={"column": "year", "min_value": 2005, "max_value": "$current_year"},
    value_column="year",
)
