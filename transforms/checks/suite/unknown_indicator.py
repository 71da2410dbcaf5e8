"""unknown-indicator: a fact whose indicator is not in the catalogue (``$indicators``)."""

from __future__ import annotations

from transforms.checks.suite.spec import SuiteRule

RULE = SuiteRule(
    code="unknown-indicator",
    expectation="expect_column_values_to_be_in_set",
    kwargs={"column": "indicator", "value_set": "$indicators"},
    value_column="indicator",
)
