"""What a suite rule is: a GX expectation, the feature columns it checks, and its rule code.

GX checks columns one row at a time, so a rule that needs context (the catalogue, the province
list, the other provinces' reports, last year's figures) computes that context into columns of
the facts frame first: its ``features``. A rule's features read only the facts and the
references, never another rule's columns, so each rule can be read (and tested) alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

import pandas as pd

from transforms.findings import LOCATION_FIELDS, rules
from transforms.indicators import Indicator, catalogue
from transforms.rules import RuleCode


@dataclass(frozen=True)
class References:
    """What the facts of a run are checked against, besides themselves.

    ``province_spans`` has code, valid_from, valid_to (NaT or None when still valid);
    ``reports`` the warehouse's values by province_code, indicator, year (None: nothing yet).
    """

    province_spans: pd.DataFrame
    reports: pd.DataFrame | None = None


# the facts frame and the references -> the rule's columns, by name, on the facts' index
Features = Callable[[pd.DataFrame, References], dict[str, pd.Series]]
T = TypeVar("T")


def of_indicator(facts: pd.DataFrame, value_of: Callable[[Indicator], T], unknown: T) -> pd.Series:
    """``value_of`` each fact's indicator in the catalogue (``unknown`` for a code it lacks).

    Asked once per indicator and mapped onto the facts: a run holds a few dozen indicators
    and 90,000 facts, and a call per fact cost the suite's columns a tenth of a second."""
    indicators = catalogue()
    answers = {
        code: value_of(indicators[code]) if code in indicators else unknown
        for code in facts["indicator"].unique()
    }
    return facts["indicator"].map(answers)


@dataclass(frozen=True)
class Expectation:
    """A GX Core expectation: its type and kwargs ("$name" values are filled in at run time)."""

    type: str
    kwargs: Mapping[str, object]


def values_in_set(column: str, value_set: object) -> Expectation:
    return Expectation(
        "expect_column_values_to_be_in_set", {"column": column, "value_set": value_set}
    )


def values_true(column: str) -> Expectation:
    """A feature column of booleans that holds for every fact."""
    return values_in_set(column, [True])


def values_between(column: str, **bounds: object) -> Expectation:
    return Expectation("expect_column_values_to_be_between", {"column": column, **bounds})


@dataclass(frozen=True)
class SuiteRule:
    """One expectation of the facts suite and the rule of ``schemas/rules.yaml`` it reports."""

    code: RuleCode  # a rule of schemas/rules.yaml: its severity and messages
    expectation: Expectation
    value_column: str = "raw_value"  # shown as the finding's {value}
    features: Features | None = None

    @property
    def params(self) -> tuple[str, ...]:
        """The columns the rule's messages show besides the finding's cell, sheet and value.

        They are the messages' own placeholders, so a message that names another column
        (``{peer_ratio}``) is all it takes to show it.
        """
        return tuple(sorted(rules()[self.code].placeholders - LOCATION_FIELDS))

    def columns(self, facts: pd.DataFrame, references: References) -> dict[str, pd.Series]:
        """The feature columns this rule's expectation checks (none for a plain fact column)."""
        return {} if self.features is None else self.features(facts, references)

    def configuration(self) -> dict[str, object]:
        """The expectation as GX configures it, the rule and its message columns as its meta."""
        return {
            "type": self.expectation.type,
            "kwargs": dict(self.expectation.kwargs),
            "meta": {
                "rule": self.code,
                "value_column": self.value_column,
                "params": list(self.params),
            },
        }
