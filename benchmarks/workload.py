"""The files every contender reads: distinct generated workbooks, and a few large ones.

The sample generator gives about 512 workbooks a seed; seeds 1, 2, 3 ... give different
numbers, hence different bytes, so a corpus of N distinct workbooks is the first N distinct
files (by sha256) of as many seeds as it takes. The large workbooks are generated reports whose
project list ("Danh mục đề án") is split into about 20,000 rows that add up to the same totals,
so the reader reads them exactly as it reads the originals. Everything is written once into a
cache folder and is the same on every machine.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from devtools.sample import generate_sample
from devtools.sample.truth import apportion

LARGE_ROWS = 20_000
SOURCES = (  # seed-1 reports with a project list on their own sheet
    "BC_KhuyenCong_CanTho_2010.xlsx",
    "Báo cáo KC năm 2009 - Thái Nguyên.xlsx",
    "Báo cáo KC năm 2012 - Bắc Giang.xlsx",
)
PROJECT_LIST = "Danh mục đề án"


def seed_folder(cache: Path, seed: int) -> Path:
    """The sample of ``seed``, generated on first use (a marker file says it is complete)."""
    folder = cache / f"seed-{seed}"
    if not (folder / ".complete").exists():
        generate_sample(folder, seed=seed)
        (folder / ".complete").touch()
    return folder


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def distinct_corpus(cache: Path, count: int) -> list[Path]:
    """``count`` workbooks of distinct content, from seeds 1, 2, ... in file-name order."""
    chosen: list[Path] = []
    seen: set[str] = set()
    seed = 0
    while len(chosen) < count:
        seed += 1
        for path in sorted(p for p in seed_folder(cache, seed).iterdir() if p.is_file()):
            digest = sha256(path)
            if digest not in seen and not path.name.startswith("."):
                seen.add(digest)
                chosen.append(path)
    return chosen[:count]


def into_inbox(paths: Iterable[Path], inbox: Path) -> None:
    """Copy ``paths`` into ``inbox`` with their modification times (they have settled), each in
    a folder named after its own: two seeds write different reports under the same file name,
    and one flat folder would keep the last of each name (5,000 workbooks would be 4,021)."""
    for path in paths:
        target = inbox / path.parent.name / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)


def _split(amount: Decimal, parts: int) -> list[Decimal]:
    """``amount`` (one decimal place) in ``parts`` near-equal pieces that add up exactly."""
    tenths = apportion(int(amount * 10), [1.0] * parts)
    return [Decimal(t) / 10 for t in tenths]


def _numeric(value: object) -> Decimal | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Decimal(str(value))
    return None


def enlarge_project_list(source: Path, target: Path, rows: int = LARGE_ROWS) -> int:
    """Write ``source`` with its project list split into about ``rows`` rows; the row count.

    Every project becomes ``rows // projects`` projects of the same name and doer, whose
    amounts add up to the original's (to the tenth of a million đồng), so the list still
    agrees with the summary sheet and the totals row below it.
    """
    from openpyxl import load_workbook

    book = load_workbook(source)
    sheet = book[PROJECT_LIST]
    table = [list(row) for row in sheet.iter_rows(values_only=True)]
    projects = [
        index
        for index, row in enumerate(table)
        if any(v is not None for v in row)
        and isinstance(row[_first_filled(row)], int)
        and _numeric(row[-1]) is not None
    ]
    copies = max(1, rows // len(projects))
    first, after = projects[0], projects[-1] + 1
    body: list[list[object]] = []
    for index in projects:
        row = table[index]
        stt = _first_filled(row)
        # total, national, local: the parts are split, the total is their sum on every row
        total, *parts = [c for c in range(stt + 1, len(row)) if _numeric(row[c]) is not None]
        pieces = {c: _split(_numeric(row[c]) or Decimal(0), copies) for c in parts}
        for copy in range(copies):
            new = list(row)
            new[stt] = len(body) + 1
            for column in parts:
                new[column] = float(pieces[column][copy])
            new[total] = float(sum(pieces[column][copy] for column in parts))
            body.append(new)
    tail = table[after:]
    sheet.delete_rows(first + 1, sheet.max_row)
    for row in [*body, *tail]:
        sheet.append(row)
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)
    return len(body)


def _first_filled(row: list[object]) -> int:
    return next(index for index, value in enumerate(row) if value is not None)


def large_workbooks(cache: Path, rows: int = LARGE_ROWS) -> dict[Path, int]:
    """The large workbooks and the rows of their project lists, generated on first use."""
    folder = cache / f"large-{rows}"
    marker = folder / ".rows"
    if not marker.exists():
        source = seed_folder(cache, 1)
        counts = {n: enlarge_project_list(source / n, folder / n, rows) for n in SOURCES}
        marker.write_text("".join(f"{n}\t{c}\n" for n, c in counts.items()), encoding="utf-8")
    lines = marker.read_text(encoding="utf-8").splitlines()
    return {folder / name: int(count) for name, count in (line.split("\t") for line in lines)}
