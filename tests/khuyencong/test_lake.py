"""The lake's facts: a run rewrites the year files it changes, and only those."""

from __future__ import annotations

import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from khuyencong.lake import replace_facts, year_path
from tests.test_warehouse import fact
from transforms.contracts import FACT_SCHEMA


def _facts(*rows: dict[str, object]) -> pa.Table:
    return pa.Table.from_pylist(list(rows), schema=FACT_SCHEMA)


def _shas(lake: Path, year: int) -> list[str]:
    return sorted(pq.read_table(year_path(lake, year))["sha256"].to_pylist())


def _inode(lake: Path, year: int) -> int:
    """A file written beside its target and moved over it is a new inode: a rewrite shows."""
    return os.stat(year_path(lake, year)).st_ino


def _two_years(lake: Path) -> None:
    """Thái Nguyên's craft villages of 2009 and of 2010, one file each, in their year files."""
    replace_facts(
        lake,
        _facts(
            fact("19", "2009", "craft_villages", 100, "2010-01-20", "tn2009"),
            fact("19", "2010", "craft_villages", 130, "2011-01-15", "tn2010"),
        ),
        set(),
    )


def test_a_year_no_file_of_the_run_touches_keeps_its_file(tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    _two_years(lake)
    kept, rewritten = _inode(lake, 2009), _inode(lake, 2010)

    # a new file of 2010 (the run replaces its own sha, which the lake does not hold yet)
    replace_facts(
        lake, _facts(fact("06", "2010", "demo_models", 5, "2011-01-20", "bk2010")), {"bk2010"}
    )

    assert _inode(lake, 2009) == kept
    assert _inode(lake, 2010) != rewritten
    assert _shas(lake, 2009) == ["tn2009"]
    assert _shas(lake, 2010) == ["bk2010", "tn2010"]


def test_a_year_holding_a_replaced_file_is_rewritten_without_it(tmp_path: Path) -> None:
    """A file read again (a backfill, or a run killed after writing the lake) drops its old
    rows from every year, even one it no longer has facts of."""
    lake = tmp_path / "lake"
    _two_years(lake)

    replace_facts(lake, FACT_SCHEMA.empty_table(), {"tn2009"})

    assert _shas(lake, 2009) == []
    assert _shas(lake, 2010) == ["tn2010"]
