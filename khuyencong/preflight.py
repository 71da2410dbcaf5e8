"""Checks of a command's arguments before any work starts.

A mistake in a path or an argument must cost the user one plain line at once, not a Prefect
server start, minutes of work and a traceback; and a typo in a deployment's inbox must never
give green nightlies that process nothing for ever. Each check raises ``UsageError`` with a
message naming the argument and what is wrong with it.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from khuyencong import storage
from khuyencong.lake import read_submissions
from khuyencong.places import Places
from transforms.backfill import select_for_backfill
from transforms.provinces import province_units


class UsageError(ValueError):
    """An argument that cannot work: the message says which and why."""


def check_inbox(inbox: str) -> None:
    """The inbox must be an existing folder (or a reachable object-storage prefix)."""
    if storage.is_remote(inbox):
        if not storage.exists(inbox):
            raise UsageError(f"--inbox {inbox}: nothing is there (check the bucket and prefix)")
        return
    path = Path(inbox)
    if not path.exists():
        raise UsageError(f"--inbox {inbox}: no such folder")
    if not path.is_dir():
        raise UsageError(f"--inbox {inbox}: is a file; give the folder that receives submissions")


def check_home(home: Path) -> None:
    """The data home must be a folder this process can create and write in."""
    try:
        if home.exists() and not home.is_dir():
            raise UsageError(f"--home {home}: is a file, not a folder")
        home.mkdir(parents=True, exist_ok=True)
        # os.access does not see read-only mounts or ACLs: writing is the only true test
        with tempfile.NamedTemporaryFile(dir=home, prefix=".write-test-"):
            pass
    except OSError as error:
        raise UsageError(f"--home {home}: cannot write there ({error.strerror})") from error


def parse_years(text: str) -> list[int]:
    """``2005-2009`` or ``2007`` as a list of years, in order."""
    first, dash, last = (part.strip() for part in text.partition("-"))
    if not first.isdecimal() or (dash and not last.isdecimal()):
        raise UsageError(f"--years {text}: not a year or a range of years such as 2005-2009")
    start, end = int(first), int(last or first)
    if end < start:
        raise UsageError(f"--years {text}: the range ends before it starts (write {end}-{start})")
    return list(range(start, end + 1))


def check_provinces(codes: list[str]) -> None:
    """Every code must be a GSO province code of some period."""
    known = {unit.code for unit in province_units()}
    if unknown := [code for code in codes if code not in known]:
        raise UsageError(
            f"--province {', '.join(unknown)}: not a GSO province code "
            "(two digits, e.g. 01 Hà Nội, 19 Thái Nguyên; see marts.provinces)"
        )


def check_backfill_matches(places: Places, years: list[int], provinces: list[str]) -> None:
    """Something archived must be a report of ``years`` (and ``provinces``)."""
    rows = read_submissions(places.lake).to_pylist()
    if select_for_backfill(rows, years, provinces or None):
        return
    span = f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
    where = f" of province {', '.join(provinces)}" if provinces else ""
    raise UsageError(
        f"nothing to backfill: no archived submission{where} reports {span} "
        f"({len(rows)} submissions in {places.lake})"
    )
