from __future__ import annotations

from tests.transforms.checks.suite.frames import facts, references
from transforms.checks.suite.value_out_of_range import RULE


def test_a_value_above_its_indicators_maximum_per_report_is_out_of_range() -> None:
    frame = facts(
        {"indicator": "training_classes", "value": 5000.0},
        {"indicator": "training_classes", "value": 5001.0},
        {"indicator": "not_in_the_catalogue", "value": 1e15},
    )
    columns = RULE.columns(frame, references())
    assert columns["within_plausible_range"].tolist() == [True, False, True]
