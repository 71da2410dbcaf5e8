from __future__ import annotations

from tests.transforms.checks.suite.frames import facts, references
from transforms.checks.suite.not_whole_number import RULE


def test_a_count_with_a_fraction_is_not_whole_and_money_may_have_one() -> None:
    frame = facts(
        {"indicator": "trained_workers", "value": 12.0},
        {"indicator": "trained_workers", "value": 12.5},
        {"indicator": "extension_funding", "value": 12.5},
        {"indicator": "not_in_the_catalogue", "value": 12.5},
    )
    columns = RULE.columns(frame, references())
    assert list(columns) == ["is_whole_if_count"]
    assert columns["is_whole_if_count"].tolist() == [True, False, True, True]
