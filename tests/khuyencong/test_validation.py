"""One GX validation of a run's facts: each suite rule at its cell, with its message's values,
the same in the run's process and in the validator process started ahead of it."""

from __future__ import annotations

import logging
import os
import signal
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from khuyencong import validator
from khuyencong.validation import validate_facts
from tests.transforms.checks.suite.frames import facts, reports, spans
from transforms.model import Finding
from transforms.tidy import validation_frame


def _mistakes() -> pd.DataFrame:
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
    return validation_frame(pa.Table.from_pandas(mistakes), provinces, warehouse)


WORKERS = {"indicator": "trained_workers"}
EACH_RULE_AT_ITS_CELL = [
    ("unknown-indicator", "D5", "made_up_indicator", {}),
    ("negative-value", "D6", "-3", WORKERS),
    ("not-whole-number", "D7", "12,5", WORKERS),
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


def _rules_at_cells(found: dict[str, list[Finding]]) -> list[tuple[str, str, str, dict[str, str]]]:
    assert list(found) == ["a"]
    assert {item.sheet for item in found["a"]} == {"BC"}
    return [(item.rule, item.cell, item.value, dict(item.params)) for item in found["a"]]


def test_each_rule_of_the_suite_fires_on_its_mistake_at_its_cell() -> None:
    found = validate_facts(_mistakes(), date(2026, 11, 24))

    assert _rules_at_cells(found) == EACH_RULE_AT_ITS_CELL


def test_the_validator_process_finds_the_same_and_writes_the_data_docs(tmp_path: Path) -> None:
    with validator.validator_kept():
        kept = validator._kept
        assert kept is not None and kept.child.process.poll() is None
        found = validator.validate(_mistakes(), date(2026, 11, 24), tmp_path / "docs")
        # it yields the cores to Prefect's server and the run's imports
        ours = os.getpriority(os.PRIO_PROCESS, 0)
        assert os.getpriority(os.PRIO_PROCESS, kept.child.process.pid) == min(19, ours + 10)

    assert _rules_at_cells(found) == EACH_RULE_AT_ITS_CELL
    assert (tmp_path / "docs" / "index.html").is_file()
    assert kept.child.process.returncode == 0  # asked to exit when the block ended


def test_a_released_validator_exits_by_itself_once_its_data_docs_are_written(
    tmp_path: Path,
) -> None:
    with validator.validator_kept():
        kept = validator._kept
        assert kept is not None
        found = validator.validate(_mistakes(), date(2026, 11, 24), tmp_path / "docs")
        validator.release_validator()

        assert kept.child.process.wait(timeout=60) == 0  # not stopped: the block goes on
        assert (tmp_path / "docs" / "index.html").is_file()
        again = validator.validate(_mistakes(), date(2026, 11, 24))  # in this process

    assert _rules_at_cells(found) == _rules_at_cells(again) == EACH_RULE_AT_ITS_CELL


def test_a_dead_validator_costs_only_time(caplog: pytest.LogCaptureFixture) -> None:
    with validator.validator_kept():
        kept = validator._kept
        assert kept is not None
        os.kill(kept.child.process.pid, signal.SIGKILL)
        kept.child.process.wait()
        with caplog.at_level(logging.WARNING, logger="khuyencong"):
            found = validator.validate(_mistakes(), date(2026, 11, 24))

    assert _rules_at_cells(found) == EACH_RULE_AT_ITS_CELL  # validated in this process
    assert "the validator process stopped" in caplog.text


def test_data_docs_the_validator_cannot_write_are_an_error_logged_not_lost_findings(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "a file").write_text("not a folder")
    with caplog.at_level(logging.ERROR, logger="khuyencong"), validator.validator_kept():
        found = validator.validate(_mistakes(), date(2026, 11, 24), tmp_path / "a file" / "docs")

    assert _rules_at_cells(found) == EACH_RULE_AT_ITS_CELL
    assert "the run's Data Docs could not be written" in caplog.text
    assert "FileExistsError" in caplog.text  # its folder is a file
