"""The inbox and the archive: which files arrived, what their content is, where originals go.

A file's identity is its content (sha256) and its name. Originals are copied into a
content-addressed archive (``<home>/archive/<sha[:2]>/<sha>/<name>``) and removed from the inbox
only after the run that read them has committed its results, so a crash mid-run leaves the
inbox as it was and the next run simply starts again. Nothing is ever deleted from the archive.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from transforms.tidy import submission_id

IGNORED_PREFIXES = (".", "~$")  # hidden files, Excel's lock files of open workbooks


@dataclass(frozen=True)
class Arrival:
    """A file found in the inbox (or the archive, for a backfill)."""

    path: Path
    file_name: str
    sha256: str
    size_bytes: int
    received_at: datetime

    @property
    def submission_id(self) -> str:
        return submission_id(self.sha256, self.file_name)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def discover(inbox: Path) -> list[Path]:
    """Every file of the inbox (recursively), in a stable order, except hidden and lock files."""
    if not inbox.exists():
        return []
    return sorted(
        path
        for path in inbox.rglob("*")
        if path.is_file()
        and not any(part.startswith(IGNORED_PREFIXES) for part in path.relative_to(inbox).parts)
    )


def fingerprint(
    path: Path, file_name: str | None = None, received_at: datetime | None = None
) -> Arrival:
    stat = path.stat()
    return Arrival(
        path=path,
        file_name=file_name or path.name,
        sha256=sha256_of(path),
        size_bytes=stat.st_size,
        received_at=received_at or datetime.fromtimestamp(stat.st_mtime, tz=UTC),
    )


def settled_fingerprint(path: Path, settle_seconds: float, now: datetime) -> Arrival | None:
    """The file's fingerprint, or None while it may still be being written.

    A file copied into the inbox over a network share arrives piece by piece; reading it half
    written would quarantine a good report. A file is taken only when it was last modified at
    least ``settle_seconds`` ago and its size and modification time did not change while it was
    hashed; otherwise it waits for the next run.
    """
    before = path.stat()
    if now.timestamp() - before.st_mtime < settle_seconds:
        return None
    arrival = fingerprint(path)
    after = path.stat()
    if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns):
        return None
    return arrival


def archive_path(home: Path, arrival: Arrival) -> Path:
    return home / "archive" / arrival.sha256[:2] / arrival.sha256 / arrival.file_name


def archive(home: Path, arrival: Arrival) -> Path:
    """Copy the original into the archive (once per content and name) and return its path."""
    target = archive_path(home, arrival)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        shutil.copy2(arrival.path, temporary)
        temporary.replace(target)
    return target


def remove_from_inbox(arrival: Arrival, inbox: Path, home: Path) -> None:
    """Remove an original from the inbox once its archive copy exists (it is the original now)."""
    archived = archive_path(home, arrival)
    kept = archived.exists() and archived.stat().st_size == arrival.size_bytes
    if kept and arrival.path.is_relative_to(inbox):
        arrival.path.unlink(missing_ok=True)
