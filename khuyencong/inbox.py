"""The inbox and the archive: which files arrived, what their content is, where originals go.

A file's identity is its content (sha256) and its name. Originals are copied into a
content-addressed archive (``<archive>/<sha[:2]>/<sha>/<name>``, by default under the data
home) and removed from the inbox only after the run that read them has committed its results,
so a crash mid-run leaves the inbox as it was and the next run simply starts again. Nothing is
ever deleted from the archive. Inbox and archive may be local folders or fsspec URLs
(``s3://bucket/inbox``): see ``khuyencong.storage``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import datetime
from typing import IO

from khuyencong import storage
from khuyencong.storage import Location, StoredFile
from transforms.contracts import submission_id

IGNORED_PREFIXES = (".", "~$")  # hidden files, Excel's lock files of open workbooks


@dataclass(frozen=True)
class Arrival:
    """A file found in the inbox (or the archive, for a backfill)."""

    location: str  # a local path or a URL
    file_name: str
    sha256: str
    size_bytes: int
    received_at: datetime

    @property
    def submission_id(self) -> str:
        return submission_id(self.sha256, self.file_name)


def sha256_of(location: Location) -> str:
    digest = hashlib.sha256()
    with storage.open_binary(location) as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def discover(inbox: Location) -> list[StoredFile]:
    """Every file of the inbox (recursively), in a stable order, except hidden and lock files."""
    return [
        found
        for found in storage.listing(inbox)
        if not any(part.startswith(IGNORED_PREFIXES) for part in found.relative.split("/"))
    ]


def fingerprint(
    location: Location, file_name: str | None = None, received_at: datetime | None = None
) -> Arrival:
    found = storage.stat(location)
    return Arrival(
        location=found.location,
        file_name=file_name or storage.name_of(location),
        sha256=sha256_of(location),
        size_bytes=found.size,
        received_at=received_at or found.modified,
    )


def settled_fingerprint(found: StoredFile, settle_seconds: float, now: datetime) -> Arrival | None:
    """The file's fingerprint, or None while it may still be being written.

    A file copied into the inbox over a network share arrives piece by piece; reading it half
    written would quarantine a good report. A file is taken only when it was last modified at
    least ``settle_seconds`` ago and it did not change while it was hashed; otherwise it waits
    for the next run.
    """
    if (now - found.modified).total_seconds() < settle_seconds:
        return None
    arrival = fingerprint(found.location)
    after = storage.stat(found.location)
    if (after.size, after.version) != (found.size, found.version):
        return None
    return arrival


def archive_path(archive_root: Location, arrival: Arrival) -> str:
    return storage.join(archive_root, arrival.sha256[:2], arrival.sha256, arrival.file_name)


class ContentChanged(Exception):
    """The file no longer has the content it was fingerprinted with."""


def archive(archive_root: Location, arrival: Arrival) -> Arrival | None:
    """Copy the original into the archive (once per content and name); the archived arrival.

    The copy is hashed as it is written and kept only if it still has the fingerprinted
    content, so the archive never holds other bytes under a sha256. A file rewritten since it
    was hashed gives None: it waits in the inbox for the next run.
    """
    target = archive_path(archive_root, arrival)
    if not storage.exists(target):

        def copy_verified(out: IO[bytes]) -> None:
            digest = hashlib.sha256()
            with storage.open_binary(arrival.location) as stream:
                for block in iter(lambda: stream.read(1 << 20), b""):
                    digest.update(block)
                    out.write(block)
            if digest.hexdigest() != arrival.sha256:
                raise ContentChanged(arrival.location)

        try:
            storage.write_atomically(target, copy_verified)
        except ContentChanged:
            return None
    return replace(arrival, location=target)


def remove_from_inbox(arrival: Arrival, inbox: Location, archive_root: Location) -> None:
    """Remove an original from the inbox once archived (the archive copy is the original now).

    A file rewritten in the inbox since it was fingerprinted (another size or modification
    time) is new content: it stays for the next run.
    """
    if not storage.is_inside(arrival.location, inbox) or not storage.exists(arrival.location):
        return
    now = storage.stat(arrival.location)
    unchanged = (now.size, now.modified) == (arrival.size_bytes, arrival.received_at)
    if unchanged and storage.exists(archive_path(archive_root, arrival)):
        storage.remove(arrival.location)
