from __future__ import annotations

import math

from tests.transforms.checks.suite.frames import facts, references, reports
from transforms.checks.suite.stock_jump import RULE


def villages(value: float, indicator: str = "craft_villages") -> dict[str, object]:
    return {"indicator": indicator, "value": value, "year": 2010}


def test_a_stock_fivefold_and_twenty_more_than_last_year_has_jumped() -> None:
    warehouse = reports(
        ("19", "craft_villages", 2009, 10.0),
        ("19", "recognised_craft_villages", 2009, 2.0),
        ("19", "trained_workers", 2009, 10.0),
    )
    frame = facts(
        villages(60.0),  # sixfold, 50 more
        villages(40.0),  # fourfold
        villages(15.0, "recognised_craft_villages"),  # 7.5-fold, but only 13 more
        villages(100.0, "trained_workers"),  # a flow, not a stock
    )
    columns = RULE.columns(frame, references(warehouse))
    assert columns["previous_year_value"].tolist()[:3] == [10.0, 10.0, 2.0]
    assert math.isnan(columns["previous_year_value"].tolist()[3])
    assert columns["stock_change_plausible"].tolist() == [False, True, True, True]


def test_a_shrinking_stock_jumps_too() -> None:
    warehouse = reports(("19", "craft_villages", 2009, 200.0))
    columns = RULE.columns(facts(villages(30.0)), references(warehouse))
    assert columns["stock_change_plausible"].tolist() == [False]


def test_without_last_year_nothing_has_jumped() -> None:
    columns = RULE.columns(facts(villages(5000.0)), references())
    assert math.isnan(columns["previous_year_value"].tolist()[0])
    assert columns["stock_change_plausible"].tolist() == [True]
