"""The whole pipeline under Prefect, on the full generated corpus plus broken files.

One nightly run over every sample submission (shared by the tests of this module) must
reproduce the real figures of the source document, account for every file, and load every
true fact of the generator's ground truth exactly.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

from devtools.sample import TruthFact, generate_sample
from tests.marts import marts_snapshot, query
from tests.nightly import ACTIVITY_MERGES, BROKEN, Run
from tests.sheets import save_xlsx
from tests.transforms.reports import activity_rows


def test_it_reproduces_the_national_figures_of_2005_2009(nightly_run: Run) -> None:
    rows = query(
        nightly_run.home,
        "select indicator, sum(value) from marts.national_indicator_year "
        "where year between 2005 and 2009 group by indicator",
    )
    totals = dict(rows)
    assert totals["trained_workers"] == 329_620
    assert totals["demo_models"] == 786
    assert totals["tech_support_facilities"] == 1_013
    assert totals["brand_support_enterprises"] == 228
    assert totals["investment_projects_consulted"] == 156
    assert totals["industrial_clusters_supported"] > 200


def test_it_reproduces_thai_nguyen(nightly_run: Run) -> None:
    values = {
        (indicator, year): value
        for indicator, year, value in query(
            nightly_run.home,
            "select indicator, year, value from marts.province_indicator_year "
            "where province_code = '19'",
        )
    }
    assert values[("rural_industry_output", 2006)] == 462_000
    assert values[("rural_industry_output", 2008)] == 854_000
    assert values[("rural_industry_output", 2010)] == 1_300_000
    assert sum(v for (i, y), v in values.items() if i == "extension_projects" and y <= 2011) == 135
    assert (
        sum(v for (i, y), v in values.items() if i == "extension_funding" and y <= 2011) == 10_000
    )
    assert values[("craft_villages", 2011)] == 160
    assert values[("recognised_craft_villages", 2011)] == 61


def test_every_province_reports_every_year(nightly_run: Run) -> None:
    counts = dict(
        query(
            nightly_run.home,
            "select year, provinces_reporting from marts.national_indicator_year "
            "where indicator = 'trained_workers'",
        )
    )
    assert counts == {year: 64 if year < 2008 else 63 for year in range(2005, 2013)}


def test_every_file_is_accounted_for(nightly_run: Run) -> None:
    statuses = dict(query(nightly_run.home, "select file_name, status from marts.submissions"))
    sample_files = {fact.file_name for fact in nightly_run.truth}
    assert {name for name, status in statuses.items() if status == "loaded"} == sample_files
    assert {name: statuses[name] for name in BROKEN} == dict.fromkeys(BROKEN, "quarantined")
    copies = [name for name in statuses if name.startswith("copy of ")]
    assert [statuses[name] for name in copies] == ["duplicate"]
    assert {name: statuses[name] for name in nightly_run.mistakes} == dict.fromkeys(
        nightly_run.mistakes, "quarantined"
    )
    assert len(statuses) == len(sample_files) + len(BROKEN) + len(nightly_run.mistakes) + 1


def test_the_expectation_suite_finds_each_mistake_at_its_cell(nightly_run: Run) -> None:
    for name, (rule, cell) in nightly_run.mistakes.items():
        found = query(
            nightly_run.home,
            f"select rule, cell, severity from marts.findings where file_name = '{name}'",
        )
        assert (rule, cell, "error") in found, (name, found)


def test_the_run_builds_great_expectations_data_docs(nightly_run: Run) -> None:
    docs = nightly_run.home / "data_docs"
    assert (docs / "index.html").exists()
    pages = list((docs / "validations").rglob("*.html"))
    suite_page = (docs / "expectations" / "facts.html").read_text(encoding="utf-8")
    assert pages and "province_valid_for_period" in suite_page


def test_plans_reported_beside_actuals_are_kept_apart(nightly_run: Run) -> None:
    rows = query(
        nightly_run.home,
        "select plan_value, actual_value, achievement_pct from marts.plan_vs_actual "
        "where actual_value is not null",
    )
    assert len(rows) > 100
    assert any(plan != actual for plan, actual, _ in rows)
    for plan, actual, achievement in rows:
        if plan:
            assert abs(float(achievement) - float(100 * actual / plan)) <= 0.05


def test_the_coordinator_sees_quality_by_province(nightly_run: Run) -> None:
    rows = query(
        nightly_run.home,
        "select province_code, quarantined, errors, most_common_rules "
        "from marts.quality_by_province where quarantined > 0 order by province_code nulls last",
    )
    by_code = {code: (quarantined, errors, rules) for code, quarantined, errors, rules in rows}
    assert by_code["19"][0] == len(
        nightly_run.mistakes
    )  # all the seeded mistakes are Thái Nguyên's
    assert "negative-value" in by_code["19"][2]
    assert by_code[None][0] == len(BROKEN)  # unreadable files have no known province


def test_a_quarantined_submission_leaves_nothing_in_the_marts(nightly_run: Run) -> None:
    assert query(
        nightly_run.home, "select count(*) from marts.province_indicator_year where year = 2013"
    ) == [(0,)]
    facts = query(
        nightly_run.home,
        "select count(*) from staging.stg_facts where file_name like 'BC_ThaiNguyen_2010_%'",
    )
    assert facts == [(0,)]


def test_quarantined_files_say_why_in_words(nightly_run: Run) -> None:
    reasons = dict(
        query(
            nightly_run.home,
            "select file_name, reason from marts.submissions where status = 'quarantined'",
        )
    )
    assert reasons["scan_bao_cao.pdf"].startswith("not-a-spreadsheet")
    assert "empty" in reasons["rong.xls"]
    assert reasons["bao_cao_hong.xlsx"].startswith("unreadable-file")
    for name in [*BROKEN, *nightly_run.mistakes]:
        folder = next((nightly_run.home / "quarantine").glob(f"*/{name}.findings.json")).parent
        report = (folder / f"{name}.findings.json").read_text(encoding="utf-8")
        assert report.count('"severity": "error"') >= 1
        assert (folder / f"{Path(name).stem}.loi.xlsx").exists()  # the clerk's annotated copy


def test_the_inbox_is_emptied_into_the_archive(nightly_run: Run) -> None:
    assert [p for p in nightly_run.inbox.iterdir() if not p.name.startswith(".")] == []
    archived = list((nightly_run.home / "archive").glob("*/*/*"))
    expected = (
        len({f.file_name for f in nightly_run.truth}) + len(BROKEN) + len(nightly_run.mistakes)
    )
    assert len(archived) == expected + 1


def test_every_true_fact_is_loaded_exactly_with_its_lineage(nightly_run: Run) -> None:
    loaded = {
        (file_name, sheet, cell, indicator): value
        for file_name, sheet, cell, indicator, value in query(
            nightly_run.home,
            "select file_name, sheet, cell, indicator, value from intermediate.int_actual_facts",
        )
    }
    truth = {
        (f.file_name, f.sheet, f.cell, f.indicator): Decimal(f.value) for f in nightly_run.truth
    }
    wrong = {
        key: (loaded[key], value)
        for key, value in truth.items()
        if key in loaded and loaded[key] != value
    }
    missing = [key for key in truth if key not in loaded]
    extra = [key for key in loaded if key not in truth]
    assert wrong == {}
    assert extra == []
    assert missing == [], missing[:10]


def test_a_second_nightly_over_the_same_files_loads_nothing_new(
    nightly_run: Run, sample_corpus: tuple[Path, list[TruthFact]], tmp_path: Path
) -> None:
    from flows.runs import nightly

    before = marts_snapshot(nightly_run.home)
    shutil.copytree(sample_corpus[0], tmp_path / "again")
    summary = nightly(inbox=tmp_path / "again", home=nightly_run.home, settle_seconds=0)
    assert summary.files == 0
    assert marts_snapshot(nightly_run.home) == before


def test_a_backfill_replaces_exactly_what_it_rereads(nightly_run: Run) -> None:
    from flows.runs import backfill

    before = marts_snapshot(nightly_run.home)
    first = backfill(home=nightly_run.home, years=[2005, 2006])  # a quarter of the corpus
    assert first.statuses == {
        "loaded": len({f.file_name for f in nightly_run.truth if f.year in (2005, 2006)})
    }
    assert marts_snapshot(nightly_run.home) == before
    backfill(home=nightly_run.home, years=[2010], provinces=["19"])
    assert marts_snapshot(nightly_run.home) == before


def test_a_run_killed_midway_ends_like_an_uninterrupted_one(
    nightly_run: Run, tmp_path: Path, cli_environment: dict[str, str]
) -> None:
    """Kill `khuyencong run` (a real process) as soon as it has archived, then run it again."""
    inbox, home = tmp_path / "inbox", tmp_path / "home"
    generate_sample(inbox, provinces={"19", "06"})
    command = [str(Path(sys.executable).parent / "khuyencong"), "run", "--inbox", str(inbox)]
    command += ["--home", str(home), "--settle-seconds", "0"]
    victim = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=cli_environment
    )
    deadline = time.monotonic() + 120
    while not (home / "archive").exists() and victim.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    victim.kill()
    victim.wait()
    assert any(p.is_file() for p in inbox.iterdir()), "killed too late to test anything"
    finished = subprocess.run(
        command, capture_output=True, text=True, timeout=300, env=cli_environment
    )
    assert finished.returncode == 0, finished.stderr[-2000:]
    reference = tmp_path / "reference"
    generate_sample(reference / "inbox", provinces={"19", "06"})
    from flows.runs import nightly

    nightly(inbox=reference / "inbox", home=reference / "home", settle_seconds=0)
    assert marts_snapshot(home) == marts_snapshot(reference / "home")
    assert [p for p in inbox.iterdir() if p.is_file()] == []


SOME_PROVINCES = ["01", "02", "04", "06", "08", "10", "11", "12", "14", "15", "17", "19"]


def test_an_interrupted_backfill_resumes_after_the_years_it_finished(
    nightly_run: Run, tmp_path: Path, cli_environment: dict[str, str]
) -> None:
    """Kill `khuyencong backfill` (a real process) after its first year, then run it again."""
    from flows.runs import backfill
    from khuyencong.checkpoint import read_checkpoint
    from khuyencong.lake import read_submissions

    home = tmp_path / "home"
    shutil.copytree(nightly_run.home, home, ignore=shutil.ignore_patterns(".prefect", ".run.lock"))
    before = marts_snapshot(home)
    command = [str(Path(sys.executable).parent / "khuyencong"), "backfill", "--years"]
    command += ["2005-2007", "--home", str(home)]
    for code in SOME_PROVINCES:
        command += ["--province", code]
    victim = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=cli_environment
    )
    deadline = time.monotonic() + 180
    checkpoint = None
    while victim.poll() is None and time.monotonic() < deadline:
        checkpoint = read_checkpoint(home)
        if checkpoint is not None and checkpoint.done:
            break
        time.sleep(0.02)
    victim.kill()
    victim.wait()
    assert checkpoint is not None and 0 < len(checkpoint.done) < checkpoint.total_files
    processed = {
        row["submission_id"]: row["processed_at"]
        for row in read_submissions(home / "lake").to_pylist()
    }

    resumed = backfill(home=home, years=[2005, 2006, 2007], provinces=SOME_PROVINCES)

    assert resumed.resumed == len(checkpoint.done)
    assert resumed.files == checkpoint.total_files - len(checkpoint.done)
    after = {r["submission_id"]: r for r in read_submissions(home / "lake").to_pylist()}
    assert all(after[sid]["processed_at"] == processed[sid] for sid in checkpoint.done)
    assert read_checkpoint(home) is None
    assert marts_snapshot(home) == before
    again = backfill(home=home, years=[2005, 2006, 2007], provinces=SOME_PROVINCES)
    assert again.resumed == 0 and again.files == checkpoint.total_files


def test_a_resubmission_replaces_the_figures_and_says_what_changed(
    nightly_run: Run, tmp_path: Path
) -> None:
    from flows.runs import nightly

    def trained_2010() -> list[tuple]:
        return query(
            nightly_run.home,
            "select value from marts.province_indicator_year "
            "where province_code = '19' and year = 2010 and indicator = 'trained_workers'",
        )

    [(before,)] = trained_2010()
    assert before != 1250
    save_xlsx(tmp_path / "BC_ThaiNguyen_2010_ban_sua.xlsx", "BC", activity_rows(), ACTIVITY_MERGES)
    summary = nightly(inbox=tmp_path, home=nightly_run.home, settle_seconds=0)
    assert summary.statuses == {"loaded": 1}
    assert trained_2010() == [(1250,)]
    [(message,)] = query(
        nightly_run.home,
        "select message_en from marts.findings "
        "where file_name = 'BC_ThaiNguyen_2010_ban_sua.xlsx' and rule = 'resubmission'",
    )
    assert f"trained_workers: {int(before)} -> 1250" in message


def test_a_stock_that_jumps_is_loaded_with_a_warning(nightly_run: Run, tmp_path: Path) -> None:
    from flows.runs import nightly

    [(before,)] = query(
        nightly_run.home,
        "select value from marts.province_indicator_year "
        "where province_code = '19' and year = 2010 and indicator = 'craft_villages'",
    )
    rows = [
        ["SỞ CÔNG THƯƠNG TỈNH THÁI NGUYÊN"],
        ["BÁO CÁO MỘT SỐ CHỈ TIÊU CÔNG NGHIỆP NÔNG THÔN NĂM 2011"],
        ["STT", "Chỉ tiêu", "ĐVT", "Năm 2011"],
        [1, "Số làng có nghề", "làng", int(before) * 10],
    ]
    save_xlsx(tmp_path / "TN_chi_tieu_2011.xlsx", "CT", rows)
    summary = nightly(inbox=tmp_path, home=nightly_run.home, settle_seconds=0)
    assert summary.statuses == {"loaded": 1}
    found = query(
        nightly_run.home,
        "select rule, cell, severity from marts.findings where file_name = 'TN_chi_tieu_2011.xlsx'",
    )
    assert ("stock-jump", "D4", "warning") in found


def test_a_rejected_file_sent_again_under_a_new_name_is_read_again(
    nightly_run: Run, tmp_path: Path
) -> None:
    """The name can carry the province or period: the same bytes renamed are a new reading."""
    from flows.runs import nightly

    rejected = nightly_run.home / "archive"
    name = "BC_ThaiNguyen_2010_le.xlsx"  # quarantined by the first run (a fractional count)
    original = next(rejected.glob(f"*/*/{name}"))
    shutil.copy(original, tmp_path / "BC_ThaiNguyen_2010_le_sua_ten.xlsx")
    summary = nightly(inbox=tmp_path, home=nightly_run.home, settle_seconds=0)
    assert summary.statuses == {"quarantined": 1}

    loaded = next(f.file_name for f in nightly_run.truth)
    shutil.copy(next(rejected.glob(f"*/*/{loaded}")), tmp_path / f"copy 2 of {loaded}")
    summary = nightly(inbox=tmp_path, home=nightly_run.home, settle_seconds=0)
    assert summary.statuses == {"duplicate": 1}  # loaded content under a new name is a copy
