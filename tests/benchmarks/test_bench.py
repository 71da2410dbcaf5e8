"""``make bench``'s harness, on a tiny corpus and one run: every contender and every row.

No timing is asserted (the machine may be busy): only that the table is whole.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.bench import CONTENDERS, Bench, reader_rates, render, run_all, slopes
from benchmarks.contenders import ORCHESTRATION, OTHER_TASKS, STAGES
from benchmarks.workload import enlarge_project_list, into_inbox, sha256
from devtools.sample import generate_sample

THAI_NGUYEN_2009 = "Báo cáo KC năm 2009 - Thái Nguyên.xlsx"  # has a project list


def test_the_table_has_every_contender_stage_and_large_workbook(
    tmp_path: Path, cli_environment: dict[str, str]
) -> None:
    inbox = tmp_path / "corpus"
    generate_sample(inbox, seed=1, years=range(2008, 2011), provinces={"19", "01"})
    corpus = sorted(p for p in inbox.iterdir() if p.is_file())
    assert len({sha256(p) for p in corpus}) == len(corpus) >= 5
    large = tmp_path / "large" / THAI_NGUYEN_2009
    rows = enlarge_project_list(inbox / THAI_NGUYEN_2009, large, rows=100)
    assert rows >= 90  # 31 projects, three times
    scratch = tmp_path / "scratch"
    scratch.mkdir()

    runs = run_all(Bench(corpus, scratch, cli_environment), [2], 1, lambda _: None)
    table = render(runs, [2], reader_rates({large: rows}, 1, scratch), "machine: test", 1)

    lines = table.splitlines()
    for contender in CONTENDERS:
        assert any(line.startswith(contender) and " 2 " in line for line in lines), contender
    for stage in [*STAGES.values(), OTHER_TASKS, ORCHESTRATION, "start-up"]:
        assert any(line.startswith(stage) for line in lines), stage
    assert "nothing new" in table and "Prefect's own start-up" in table
    assert any(line.startswith("one new file: `khuyencong run` ") for line in lines)
    assert any(line.startswith("peak memory under 1.5 GB") for line in lines)
    assert any(
        line.startswith("peak memory flat with N (N=2 within 25 % of N=2)") for line in lines
    )
    assert any(line.startswith("per-file cost at N=2, 2 within 25 % (marginal)") for line in lines)
    assert any(line.startswith("  literal: warm run / N") for line in lines)
    assert any(line.startswith("marginal per-file cost: ") and "N=2 " in line for line in lines)
    assert any(line.startswith(THAI_NGUYEN_2009) for line in lines)


def test_the_slope_between_sizes_leaves_the_fixed_costs_out() -> None:
    # 1.4 s of fixed costs, then 3 ms a file up to 1,000 and 2.5 ms beyond
    assert slopes({5000: 14.4, 200: 2.0, 1000: 4.4}) == "N=200-1000 3.0 ms, N=1000-5000 2.5 ms"
    assert slopes({200: 2.0}) == ""


def test_workbooks_of_one_name_from_two_seeds_all_reach_the_inbox(tmp_path: Path) -> None:
    for seed, content in (("seed-1", b"first"), ("seed-2", b"second")):
        (tmp_path / seed).mkdir()
        (tmp_path / seed / "BC_KhuyenCong_CanTho_2010.xlsx").write_bytes(content)
    inbox = tmp_path / "inbox"

    into_inbox(sorted(tmp_path.glob("seed-*/*.xlsx")), inbox)

    copied = sorted(str(p.relative_to(inbox)) for p in inbox.rglob("*") if p.is_file())
    assert copied == [
        "seed-1/BC_KhuyenCong_CanTho_2010.xlsx",
        "seed-2/BC_KhuyenCong_CanTho_2010.xlsx",
    ]
    assert (inbox / "seed-2" / "BC_KhuyenCong_CanTho_2010.xlsx").read_bytes() == b"second"
