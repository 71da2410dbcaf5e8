"""The run-level rules: the Great Expectations suite over all facts of a run, one file a rule.

Each module here defines one rule as a ``SuiteRule`` named ``RULE``: its GX expectation, the
feature columns that expectation checks (computed beside it), and the code of
``schemas/rules.yaml`` its findings carry (whose messages' placeholders name the columns they
show). ``ORDER`` lists them as the suite checks them, which is the order of a file's findings.
Adding a rule: a module here, its entry in ``schemas/rules.yaml``, its name in ``ORDER``, then
the suite regenerated as GX sees it (a test fails until the file matches)::

    .venv/bin/python -m transforms.checks.suite > schemas/expectations/facts.json
"""

from __future__ import annotations

import json
from datetime import date
from importlib import import_module

import pandas as pd

from transforms.checks.suite.spec import References, SuiteRule
from transforms.indicators import catalogue

ORDER = (
    "unknown_indicator",
    "negative_value",
    "not_whole_number",
    "year_out_of_range",
    "province_not_valid_for_period",
    "value_out_of_range",
    "likely_unit_error",
    "stock_jump",
)


def _rule(module: str) -> SuiteRule:
    rule = import_module(f"{__name__}.{module}").RULE
    if not isinstance(rule, SuiteRule):
        raise TypeError(f"{__name__}.{module}.RULE is not a SuiteRule")
    return rule


RULES: tuple[SuiteRule, ...] = tuple(_rule(module) for module in ORDER)
BY_CODE: dict[str, SuiteRule] = {rule.code: rule for rule in RULES}


def feature_columns(
    facts: pd.DataFrame, province_spans: pd.DataFrame, reports: pd.DataFrame | None
) -> dict[str, pd.Series]:
    """Every rule's feature columns over the facts frame, by name, in the suite's order.

    ``province_spans`` and ``reports`` are the ``References`` the rules check the facts against.
    """
    references = References(province_spans, reports)
    return {
        name: column for rule in RULES for name, column in rule.columns(facts, references).items()
    }


NAME = "facts"
NOTES = (
    "Generated from transforms/checks/suite/ (one module a rule, with the feature columns it"
    " checks): python -m transforms.checks.suite > schemas/expectations/facts.json. Checks every"
    " fact of a run in one bulk validation. Each expectation's meta.rule is a code of"
    ' schemas/rules.yaml, which gives its severity and messages. Values written "$name" are'
    " filled in at run time from the other schemas (the indicator catalogue, this year)."
)


def suite_document() -> dict[str, object]:
    """The suite with its ``$placeholders``, as ``schemas/expectations/facts.json`` holds it."""
    return {
        "name": NAME,
        "notes": NOTES,
        "expectations": [rule.configuration() for rule in RULES],
    }


def suite_json() -> str:
    return json.dumps(suite_document(), ensure_ascii=False, indent=2) + "\n"


def resolve(value: object, today: date) -> object:
    """A ``$placeholder`` of the suite filled in: the catalogue's codes, or this year."""
    placeholders: dict[str, object] = {
        "$indicators": sorted(catalogue()),
        "$current_year": today.year,
    }
    return placeholders.get(value, value) if isinstance(value, str) else value


def expectations(today: date) -> list[dict[str, object]]:
    """The suite's expectation configurations with their placeholders filled in."""
    return [
        {
            **rule.configuration(),
            "kwargs": {k: resolve(v, today) for k, v in rule.expectation.kwargs.items()},
        }
        for rule in RULES
    ]
