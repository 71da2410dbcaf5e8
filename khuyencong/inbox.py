"""The inbox and the archive: which files arrived, what their content is, where originals go.

A file's identity is its content (sha256) and its name. Originals are copied into a
content-addressed archive (``<archive>/<sha[:2]>/<sha>/<name>``, by default under the data
home) and removed from the inbox only after the run that read them has committed its results,
so a crash mid-run leaves the inbox as it was and the next run simply starts again. Nothing is
ever deleted from the archive. Inbox and archive may be local folders or fsspec URLs
(``s3://bucket/inbox``): see ``khuyencong.storage``.

Every entry of the inbox is accounted for (``survey``): a submission, or a line of the run's
summary saying why not (``Unread``): a lock file or the system's is ignored, a link or a named
pipe refused (a link is never followed, so nothing outside the inbox is ever read), an upload
or a file still changing waits for a later run. What is not a submission is data, in
``schemas/inbox.yaml``.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from functools import cache
from typing import IO, Any

import schemas
from khuyencong import storage
from khuyencong.storage import Location, NotARegularFile, OddEntry, StoredFile
from transforms.contracts import submission_id


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


def sha256_of(location: Location, follow_links: bool = True) -> str:
    digest = hashlib.sha256()
    with storage.open_binary(location, follow_links) as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Verdict(StrEnum):
    """Why a file of the inbox was not processed by a run."""

    ignored = "ignored"  # not a submission (a lock file, the system's, a hidden folder's)
    refused = "refused"  # never read: a link, a pipe, a device
    waiting = "waiting"  # a submission not complete yet: a later run reads it


@dataclass(frozen=True)
class Unread:
    """A file of the inbox that a run did not process: where it is, and why in plain words
    (what it is, what to do about it), for the run's summary."""

    file: str  # its path in the inbox
    verdict: Verdict
    reason: str


@dataclass(frozen=True)
class NamePattern:
    """Names of one kind of file (or folder), from ``schemas/inbox.yaml``, without case."""

    what: str
    names: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()

    @classmethod
    def of(cls, entry: dict[str, Any]) -> NamePattern:
        lowered = {
            key: tuple(v.lower() for v in entry.get(key, ()))
            for key in ("names", "prefixes", "suffixes")
        }
        return cls(
            entry["what"], frozenset(lowered["names"]), lowered["prefixes"], lowered["suffixes"]
        )

    def matches(self, name: str) -> bool:
        name = name.lower()
        return name in self.names or name.startswith(self.prefixes) or name.endswith(self.suffixes)


@dataclass(frozen=True)
class InboxVocabulary:
    """What the inbox may hold besides submissions (``schemas/inbox.yaml``)."""

    ignored: tuple[NamePattern, ...]
    ignored_folders: tuple[NamePattern, ...]
    unfinished_uploads: NamePattern


@cache
def vocabulary() -> InboxVocabulary:
    data = schemas.read_yaml("inbox.yaml")
    return InboxVocabulary(
        ignored=tuple(map(NamePattern.of, data["ignored"])),
        ignored_folders=tuple(map(NamePattern.of, data["ignored_folders"])),
        unfinished_uploads=NamePattern.of(data["unfinished_uploads"]),
    )


@dataclass(frozen=True)
class Survey:
    """The inbox sorted out: files to take as submissions, and every other entry with why."""

    submissions: list[StoredFile]
    unread: list[Unread]


def survey(entries: list[StoredFile | OddEntry], words: InboxVocabulary) -> Survey:
    """Which entries of the inbox's listing are submissions; a line for each of the others.

    Nothing is left out in silence: an ignored folder is one line with how many files it holds,
    every other entry that is no submission a line of its own.
    """
    submissions: list[StoredFile] = []
    unread: list[Unread] = []
    in_folders: Counter[tuple[str, str]] = Counter()
    for entry in entries:
        *folders, name = entry.relative.split("/")
        if skipped := _ignored_folder(folders, words):
            in_folders[skipped] += 1
        elif isinstance(entry, OddEntry):
            unread.append(_odd_entry(entry))
        elif kind := next((p for p in words.ignored if p.matches(name)), None):
            unread.append(Unread(entry.relative, Verdict.ignored, kind.what))
        elif words.unfinished_uploads.matches(name):
            unread.append(Unread(entry.relative, Verdict.waiting, words.unfinished_uploads.what))
        else:
            submissions.append(entry)
    for (path, what), files in in_folders.items():
        held = f"{files} file{'s' if files > 1 else ''} in it, not read"
        unread.append(Unread(f"{path}/", Verdict.ignored, f"{what}: {held}"))
    return Survey(submissions, sorted(unread, key=lambda line: line.file))


def _ignored_folder(folders: list[str], words: InboxVocabulary) -> tuple[str, str] | None:
    """The first folder of a path that is not walked, and what it is."""
    for depth, folder in enumerate(folders):
        if kind := next((p for p in words.ignored_folders if p.matches(folder)), None):
            return "/".join(folders[: depth + 1]), kind.what
    return None


def _odd_entry(entry: OddEntry) -> Unread:
    """A link is never followed: what it points to is taken where it is, inside the inbox, and
    never read outside it; a named pipe or a device is never opened."""
    if entry.kind == "special":
        reason = "not a regular file (a named pipe, a socket or a device): never read; delete it"
    elif not entry.target:
        reason = "a link leading nowhere: delete it"
    elif entry.target_inside:
        reason = (
            f"a link to {entry.target} in the inbox, which is taken where it is; the link "
            "itself is not followed: delete it"
        )
        return Unread(entry.relative, Verdict.ignored, reason)
    else:
        reason = (
            f"a link to {entry.target}, outside the inbox: never followed; copy what it points "
            "to into the inbox"
        )
    return Unread(entry.relative, Verdict.refused, reason)


def still_changing(relative: str, settle_seconds: float) -> Unread:
    """The line of a file that changed too recently to be taken (see ``settled_fingerprint``)."""
    reason = (
        "still being written, or changed while it was read: the next run takes it once it has "
        f"not changed for {settle_seconds:g} s"
    )
    return Unread(relative, Verdict.waiting, reason)


def discover(inbox: Location) -> list[StoredFile]:
    """The submissions of the inbox (recursively), in a stable order (``survey`` says why the
    other entries are not)."""
    return survey(storage.entries(inbox), vocabulary()).submissions


def fingerprint(
    location: Location,
    file_name: str | None = None,
    received_at: datetime | None = None,
    follow_links: bool = True,
) -> Arrival:
    found = storage.stat(location)
    return Arrival(
        location=found.location,
        file_name=file_name or storage.name_of(location),
        sha256=sha256_of(location, follow_links),
        size_bytes=found.size,
        received_at=received_at or found.modified,
    )


def settled_fingerprint(found: StoredFile, settle_seconds: float, now: datetime) -> Arrival | None:
    """The file's fingerprint, or None while it may still be being written.

    A file copied into the inbox over a network share arrives piece by piece; reading it half
    written would quarantine a good report. A file is taken only when it was last modified at
    least ``settle_seconds`` ago and it did not change while it was hashed; otherwise it waits
    for the next run. It is read without following links: one swapped in since the listing
    also waits, and the next run refuses it.
    """
    if (now - found.modified).total_seconds() < settle_seconds:
        return None
    try:
        arrival = fingerprint(found.location, follow_links=False)
    except NotARegularFile:  # swapped for a link or a pipe since listed: the next run says so
        return None
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
            with storage.open_binary(arrival.location, follow_links=False) as stream:
                for block in iter(lambda: stream.read(1 << 20), b""):
                    digest.update(block)
                    out.write(block)
            if digest.hexdigest() != arrival.sha256:
                raise ContentChanged(arrival.location)

        try:
            storage.write_atomically(target, copy_verified)
        except (ContentChanged, NotARegularFile):
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
