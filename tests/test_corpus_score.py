"""The reader scored against the sample corpus's ground truth, overall, by pathology and by family.

The score is taken from what the session's nightly run over the default corpus published (the
corpus is generated and read once per test session): the facts of loaded files in the lake,
and the error findings of quarantined ones. A fact counts when the lake holds its true value
at its true cell. ``pytest -s`` prints the share of true facts loaded by pathology and by
layout family.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

import pytest

from devtools.sample import TruthFact
from khuyencong.lake import read_facts, read_findings
from tests.nightly import Run

Key = tuple[str, str, str, str]  # file name, sheet, cell, indicator


@dataclass(frozen=True)
class Score:
    truth: dict[Key, TruthFact]
    loaded: dict[Key, Decimal]
    errors: dict[str, list[str]]  # file name -> its error findings (rule sheet!cell value)
    files: set[str]


@pytest.fixture(scope="module")
def score(nightly_run: Run) -> Score:
    files = {fact.file_name for fact in nightly_run.truth}
    lake = nightly_run.home / "lake"
    loaded = {
        (row["file_name"], row["sheet"], row["cell"], row["indicator"]): row["value"]
        for row in read_facts(lake).to_pylist()
        if row["file_name"] in files and row["basis"] == "actual"
    }
    errors: dict[str, list[str]] = defaultdict(list)
    for row in read_findings(lake).to_pylist():
        if row["file_name"] in files and row["severity"] == "error":
            errors[row["file_name"]].append(
                f"{row['rule']} {row['sheet']}!{row['cell']} {row['value']!r}"
            )
    by_key = {(f.file_name, f.sheet, f.cell, f.indicator): f for f in nightly_run.truth}
    return Score(by_key, loaded, dict(errors), files)


def _groups(fact: TruthFact) -> list[str]:
    pathologies = fact.pathologies.split(";") if fact.pathologies else ["(none)"]
    return [f"pathology {p}" for p in pathologies] + [f"family {fact.layout}"]


def _table(score: Score) -> str:
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # facts, loaded, files
    files: dict[str, set[str]] = defaultdict(set)
    for key, fact in score.truth.items():
        right = score.loaded.get(key) == fact.value
        for group in [*_groups(fact), "all"]:
            totals[group][0] += 1
            totals[group][1] += right
            files[group].add(fact.file_name)
    lines = [f"{'group':36} {'files':>6} {'facts':>7} {'loaded':>7} {'share':>8}"]
    for group in sorted(totals, key=lambda g: (g == "all", g)):
        facts, right, _ = totals[group]
        lines.append(f"{group:36} {len(files[group]):6} {facts:7} {right:7} {right / facts:8.2%}")
    return "\n".join(lines)


def test_print_the_score_by_pathology_and_family(score: Score) -> None:
    print()
    print(_table(score))
    for name, problems in sorted(score.errors.items()):
        print(f"quarantined {name}: {'; '.join(problems[:3])}")
    assert score.truth


def test_no_loaded_value_is_wrong(score: Score) -> None:
    wrong = {
        key: (value, score.truth[key].value)
        for key, value in score.loaded.items()
        if key in score.truth and score.truth[key].value != value
    }
    assert not wrong, sorted(wrong.items())[:10]


def test_no_fact_is_loaded_that_the_truth_does_not_hold(score: Score) -> None:
    extra = sorted(key for key in score.loaded if key not in score.truth)
    assert not extra, extra[:10]


def test_every_true_fact_is_loaded(score: Score) -> None:
    """The generator's corpus is read completely: a fact lost is a figure missing from a mart."""
    missing = sorted(key for key in score.truth if key not in score.loaded)
    share = 1 - len(missing) / len(score.truth)
    by_file: dict[str, int] = defaultdict(int)
    for key in missing:
        by_file[key[0]] += 1
    worst = sorted(by_file.items(), key=lambda item: -item[1])[:10]
    assert not missing, (f"{share:.2%} loaded", worst, missing[:10])


def test_every_workbook_not_loaded_says_why(score: Score) -> None:
    with_facts = {key[0] for key in score.loaded}
    silent = sorted(score.files - with_facts - set(score.errors))
    assert not silent, silent
