"""One GX validation of a run's facts: each suite rule at its cell, with its message's values."""

from __future__ import annotations

from datetime import date

import pyarrow as pa

from khuyencong.validation import validate_facts
from tests.transforms.checks.suite.frames import facts, reports, spans
from transforms.tidy import validation_frame


def test_each_rule_of_the_suite_fires_on_its_mistake_at_its_cell() -> None:
    mistakes = facts(
        {"cell": "D4", "value": 12.0, "raw_value": "12"},
        {"cell": "D5", "indicator": "made_up_indicator"},
        {"cell": "D6", "value": -3.0, "raw_value": "-3"},
        {"cell": "D7", "value": 12.5, "raw_value": "12,5"},
        {
            "cell": "D8",
            "year": 2031,
            "period_start": date(2031, 1, 1),
            "period_end": date(2031, 12, 31),
        },
        {"cell": "D9", "province_code": "28"},
        {"cell": "D10", "indicator": "training_classes", "value": 6000.0, "raw_value": "6000"},
        {"cell": "D11", "indicator": "extension_funding", "value": 1e5, "raw_value": "100000"},
        {"cell": "D12", "indicator": "craft_villages", "value": 60.0, "raw_value": "60"},
    )
    warehouse = reports(
        *((p, "extension_funding", 2010, 100.0) for p in ["01", "02", "04", "06"]),
        ("19", "craft_villages", 2009, 10.0),
    )
    provinces = spans(("19", "2004-01-01", None), ("28", "2004-01-01", "2008-07-31"))
    frame = validation_frame(pa.Table.from_pandas(mistakes), provinces, warehouse)

    found = validate_facts(frame, date(2026, 11, 24))

    assert list(found) == ["a"]
    assert {item.sheet for item in found["a"]} == {"BC"}
    workers = {"indicator": "trained_workers"}
    assert [(item.rule, item.cell, item.value, dict(item.params)) for item in found["a"]] == [
        ("unknown-indicator", "D5", "made_up_indicator", {}),
        ("negative-value", "D6", "-3", workers),
        ("not-whole-number", "D7", "12,5", workers),
        ("year-out-of-range", "D8", "2031", {}),
        ("province-not-valid-for-period", "D9", "28", {}),
        ("value-out-of-range", "D10", "6000", {"indicator": "training_classes"}),
        (
            "likely-unit-error",
            "D11",
            "100000",
            {"indicator": "extension_funding", "peer_ratio": "1,000"},
        ),
        (
            "stock-jump",
            "D12",
            "60",
            {"indicator": "craft_villages", "previous_year_value": "10"},
        ),
    ]
