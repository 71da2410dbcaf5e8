"""negative-value: counts and money cannot be negative; a minus sign is a typing slip."""

from __future__ import annotations

from transforms.checks.suite.spec import SuiteRule

RULE = SuiteRule(
    code="negative-value",
    expectation="expect_column_values_to_be_between",
    kwargs={"column": "value", "min_value": 0},
    value_column="raw_value",
)
