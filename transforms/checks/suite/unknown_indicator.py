"""unknown-indicator: a fact whose indicator is not in the catalogue (``$indicators``)."""

from __future__ import annotations

from transforms.checks.suite.spec import SuiteRule, values_in_set

RULE = SuiteRule(
    "unknown-indicator", values_in_set("indicator", "$indicators"), value_column="indicator"
)
