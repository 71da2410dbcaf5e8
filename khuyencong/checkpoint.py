"""A backfill's checkpoint: which of its files are done, so an interrupted one can resume.

A backfill of many years takes long enough to be interrupted (a deploy, a reboot, Ctrl+C).
After each year it publishes, it records that year's files here
(``<home>/backfill.checkpoint.json``); run again with the same years and provinces, it skips
them. The file is removed when the backfill completes. It doubles as the backfill's progress,
which the terminal's progress bar reads from another thread.

Only one checkpoint is kept: a home runs one backfill at a time (the run lock), and a
different backfill started after an interrupted one replaces its checkpoint.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from khuyencong import storage

FILE_NAME = "backfill.checkpoint.json"


def checkpoint_path(home: Path) -> Path:
    return home / FILE_NAME


@dataclass(frozen=True)
class Checkpoint:
    key: str  # transforms.backfill.backfill_key
    description: str  # "2005-2009, provinces 19, 06", for people
    total_files: int
    done: tuple[str, ...] = ()  # submission ids of the files of finished steps
    current: str = ""  # the step being processed now
    started_at: str = field(default_factory=lambda: datetime.now(tz=UTC).isoformat())

    def working_on(self, step: str) -> Checkpoint:
        return replace(self, current=step)

    def finished(self, submission_ids: list[str]) -> Checkpoint:
        return replace(self, done=(*self.done, *submission_ids), current="")


def read_checkpoint(home: Path) -> Checkpoint | None:
    """The checkpoint of the home, or None (none, or one being replaced at this instant)."""
    try:
        data = json.loads(checkpoint_path(home).read_text(encoding="utf-8"))
        return Checkpoint(**{**data, "done": tuple(data["done"])})
    except (OSError, ValueError, TypeError, KeyError):
        return None


def write_checkpoint(home: Path, checkpoint: Checkpoint) -> None:
    text = json.dumps(asdict(checkpoint), ensure_ascii=False, indent=1).encode()
    storage.write_atomically(checkpoint_path(home), lambda stream: stream.write(text))


def remove_checkpoint(home: Path) -> None:
    checkpoint_path(home).unlink(missing_ok=True)
