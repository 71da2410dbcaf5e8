"""A deterministic corpus of realistic provincial submissions, with its ground truth.

``generate_sample(out_dir)`` writes one annual report per province and year (2005-2012 by
default: 64 units until 2007, 63 from 2008) as .xlsx and .xls workbooks in three layout
families, and the ground truth (which cell holds which value) to ``out_dir/.truth/facts.csv``.
The numbers reproduce the real national figures of 2005-2009 and Thái Nguyên's figures exactly.

Modules, one job each: ``truth`` (the numbers), ``plan`` (which files), ``vocabulary`` (what
clerks write), ``layouts`` (numbers -> sheet models + truth addresses), ``sheets`` (the sheet
model), ``writers`` (sheet models -> files).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Iterable
from decimal import Decimal
from pathlib import Path

from devtools.sample.layouts import lay_out
from devtools.sample.plan import FAMILIES, plan_documents, select_documents
from devtools.sample.receipts import received_at, set_received, write_rejected
from devtools.sample.truth import TRUTH_COLUMNS, TruthFact, build_reports
from devtools.sample.writers import write_workbook

__all__ = ["FAMILIES", "TruthFact", "generate_sample", "read_truth"]

TRUTH_FILE = Path(".truth") / "facts.csv"


def generate_sample(
    out_dir: Path,
    *,
    seed: int = 2009,
    years: range = range(2005, 2013),
    provinces: Collection[str] | None = None,
    rejected: bool = False,
) -> list[TruthFact]:
    """Write the sample workbooks into ``out_dir`` (flat) and return their ground truth.

    ``provinces`` (GSO codes) keeps only those provinces' reports, for small test corpora; a
    province-year's numbers and single-province files are the same as in the full corpus.
    The same arguments give byte-identical files, each with its receipt date as modification
    time (``receipts``). ``rejected`` adds the one file the pipeline must quarantine (Điện
    Biên 2013; outside the truth), as ``khuyencong sample`` does for the full corpus.
    """
    reports = build_reports(seed, years)
    documents = select_documents(plan_documents(reports, seed), set(years), provinces)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    truth: list[TruthFact] = []
    for document in documents:
        workbook, facts = lay_out(document, reports, seed)
        path = write_workbook(workbook, out_dir)
        set_received(path, received_at(document.file_name, document.year, seed))
        truth += facts
    if rejected:
        write_rejected(out_dir, seed)
    _write_truth(truth, out_dir / TRUTH_FILE)
    return truth


def _decimal_text(fact: TruthFact) -> str:
    return format(fact.value.normalize(), "f")


def _write_truth(truth: Iterable[TruthFact], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(TRUTH_COLUMNS)
    for fact in truth:
        row = [getattr(fact, column) for column in TRUTH_COLUMNS]
        row[TRUTH_COLUMNS.index("value")] = _decimal_text(fact)
        writer.writerow(row)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def read_truth(out_dir: Path) -> list[TruthFact]:
    """The ground truth written by ``generate_sample`` into ``out_dir``."""
    with (Path(out_dir) / TRUTH_FILE).open(encoding="utf-8", newline="") as handle:
        return [
            TruthFact(**{**row, "year": int(row["year"]), "value": Decimal(row["value"])})
            for row in csv.DictReader(handle)
        ]
