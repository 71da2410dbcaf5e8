"""Precision and recall of the checks on real-looking mistakes seeded into clean workbooks.

Clean sample workbooks get one mistake each, of the kinds clerks make (a unit a thousand
times off, a negative count, text in a number cell, a total that no longer adds up, a file
named for the wrong year), each with the finding it must raise. Every seeded mistake must be
found (recall), and no clean workbook may get an error (precision).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from devtools.sample import generate_sample
from khuyencong.inbox import fingerprint
from khuyencong.process import read_submission, validate_readings
from transforms.findings import is_error

PROVINCES = {"01", "06", "19", "28", "48", "66", "79", "92", "31", "38"}
MONEY = {"extension_funding", "extension_funding_national", "extension_funding_local"}
COUNTS = {"trained_workers", "demo_models", "tech_support_facilities", "training_classes"}


@dataclass(frozen=True)
class Seeded:
    file_name: str
    rules: frozenset[str]  # any of these findings, as an error, proves the mistake was caught
    cell: str | None  # where, when the mistake has one place


def _set(path: Path, sheet: str, cell: str, value: object) -> None:
    book = load_workbook(path)
    book[sheet][cell] = value
    book.save(path)


def thousandfold(path: Path, facts: list) -> Seeded:
    book = load_workbook(path)
    for fact in facts:
        if fact.indicator in MONEY:
            book[fact.sheet][fact.cell] = float(fact.value) * 1000
    book.save(path)
    return Seeded(path.name, frozenset({"likely-unit-error", "value-out-of-range"}), None)


def negative_count(path: Path, facts: list) -> Seeded:
    fact = next(f for f in facts if f.indicator in COUNTS and f.value > 0)
    _set(path, fact.sheet, fact.cell, -int(fact.value))
    return Seeded(path.name, frozenset({"negative-value"}), fact.cell)


def text_in_a_number(path: Path, facts: list) -> Seeded:
    fact = next(f for f in facts if f.indicator in COUNTS)
    _set(path, fact.sheet, fact.cell, "khoảng một trăm")
    return Seeded(path.name, frozenset({"unparseable-number"}), fact.cell)


def funding_split_broken(path: Path, facts: list) -> Seeded:
    fact = next(f for f in facts if f.indicator == "extension_funding" and f.value > 0)
    _set(path, fact.sheet, fact.cell, float(fact.value + Decimal(250)))
    return Seeded(path.name, frozenset({"funding-split-mismatch"}), None)


def wrong_year_in_file_name(path: Path, facts: list) -> Seeded:
    year = facts[0].year
    renamed = path.with_name(path.name.replace(str(year), str(year - 3)))
    path.rename(renamed)
    return Seeded(renamed.name, frozenset({"period-conflict"}), None)


MISTAKES: list[Callable[[Path, list], Seeded]] = [
    thousandfold,
    negative_count,
    text_in_a_number,
    funding_split_broken,
    wrong_year_in_file_name,
]


@pytest.fixture(scope="module")
def seeded_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Seeded]]:
    inbox = tmp_path_factory.mktemp("seeded")
    truth = generate_sample(inbox, provinces=PROVINCES)
    shutil.rmtree(inbox / ".truth")
    by_file: dict[str, list] = {}
    for fact in truth:
        by_file.setdefault(fact.file_name, []).append(fact)
    candidates = [
        name
        for name, facts in sorted(by_file.items())
        if name.endswith(".xlsx")
        and len({f.year for f in facts}) == 1
        and str(facts[0].year) in name
        and {f.indicator for f in facts} >= COUNTS | MONEY
        and len({f.province_code for f in facts}) == 1
    ]
    seeded = []
    for index, mistake in enumerate(MISTAKES * 2):
        name = candidates[index * 3 % len(candidates)]
        if any(s.file_name == name for s in seeded) or not (inbox / name).exists():
            continue
        seeded.append(mistake(inbox / name, by_file[name]))
    return inbox, seeded


def test_every_seeded_mistake_is_found_and_no_clean_workbook_is_rejected(
    seeded_corpus: tuple[Path, list[Seeded]],
) -> None:
    inbox, seeded = seeded_corpus
    readings = [read_submission(fingerprint(p)) for p in sorted(inbox.iterdir()) if p.is_file()]
    suite = validate_readings(readings, date.today())
    errors = {
        r.lineage.file_name: [
            f for f in (*r.findings, *suite.get(r.lineage.sha256, ())) if is_error(f)
        ]
        for r in readings
    }
    expected = {s.file_name: s for s in seeded}
    found = {
        name: any(
            f.rule in mistake.rules and (mistake.cell is None or f.cell == mistake.cell)
            for f in errors[name]
        )
        for name, mistake in expected.items()
    }
    false_alarms = {name: found for name, found in errors.items() if found and name not in expected}
    recall = sum(found.values()) / len(found)
    precision = len(expected) / (len(expected) + len(false_alarms))
    print(f"\nseeded {len(expected)} mistakes in {len(readings)} workbooks:")
    print(f"recall {recall:.0%}, precision {precision:.0%}")
    assert len(expected) >= len(MISTAKES)
    assert {name for name, ok in found.items() if not ok} == set()
    assert false_alarms == {}
