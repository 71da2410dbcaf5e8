"""What a suite rule is: a GX expectation, the feature columns it checks, and its rule code.

GX checks columns one row at a time, so a rule that needs context (the catalogue, the province
list, the other provinces' reports, last year's figures) computes that context into columns of
the facts frame first: its ``features``. A rule's features read only the facts and the
references, never another rule's columns, so each rule can be read (and tested) alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd


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


@dataclass(frozen=True)
class SuiteRule:
    """One expectation of the facts suite and the rule of ``schemas/rules.yaml`` it reports."""

    code: str  # a rule of schemas/rules.yaml: its severity and messages
    expectation: str  # a GX Core expectation type
    kwargs: Mapping[str, object]  # "$name" values are filled in at run time (see ``resolve``)
    value_column: str  # shown as the finding's {value}
    params: tuple[str, ...] = ("indicator",)  # columns that fill the message's other placeholders
    features: Features | None = None

    def columns(self, facts: pd.DataFrame, references: References) -> dict[str, pd.Series]:
        """The feature columns this rule's expectation checks (none for a plain fact column)."""
        return {} if self.features is None else self.features(facts, references)

    def configuration(self) -> dict[str, object]:
        """The expectation as GX configures it, the rule and its message columns as its meta."""
        return {
            "type": self.expectation,
            "kwargs": dict(self.kwargs),
            "meta": {
                "rule": self.code,
                "value_column": self.value_column,
                "params": list(self.params),
            },
        }
