"""The suite's rules, one module each, agree with the rules, the messages and the GX file."""

from __future__ import annotations

import pkgutil
from datetime import date
from importlib import resources

import transforms.checks.suite as suite
from tests.transforms.checks.suite.frames import facts, references
from transforms.checks.suite import ORDER, RULES, expectations, suite_json
from transforms.findings import rules


def test_the_checked_in_suite_is_the_one_the_rules_generate() -> None:
    """Regenerate it with `python -m transforms.checks.suite > schemas/expectations/facts.json`."""
    checked_in = resources.files("schemas").joinpath("expectations/facts.json")
    assert checked_in.read_text(encoding="utf-8") == suite_json()


def test_every_module_of_the_suite_is_a_registered_rule() -> None:
    modules = {m.name for m in pkgutil.iter_modules(suite.__path__)} - {"spec", "__main__"}
    assert sorted(ORDER) == sorted(modules)


def test_every_rule_is_a_rule_of_rules_yaml() -> None:
    assert {rule.code for rule in RULES} <= set(rules())


def test_every_rule_checks_and_shows_columns_of_the_facts_or_of_its_own_features() -> None:
    """What a rule's messages show (``{peer_ratio}``) is a column too: a misspelt one fails here."""
    frame = facts({})
    made: list[str] = []
    for rule in RULES:
        own = rule.columns(frame, references())
        made += own
        columns = {*frame.columns, *own}
        assert {rule.expectation.kwargs["column"], rule.value_column, *rule.params} <= columns, (
            rule.code
        )
    assert len(made) == len(set(made)), "two rules make a column of the same name"


def test_the_placeholders_are_filled_with_the_catalogue_and_this_year() -> None:
    kwargs = {e["meta"]["rule"]: e["kwargs"] for e in expectations(date(2026, 11, 24))}
    assert kwargs["year-out-of-range"] == {"column": "year", "min_value": 2005, "max_value": 2026}
    assert "trained_workers" in kwargs["unknown-indicator"]["value_set"]
