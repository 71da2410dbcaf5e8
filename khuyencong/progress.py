"""The backfill's progress bar in the terminal, drawn from its checkpoint.

The flow records each finished year in the checkpoint (``khuyencong.checkpoint``); a thread of
the CLI reads it a few times a second. Reading the file rather than hooking into the flow
keeps the flow free of terminal concerns, and works the same on the Dask runner.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from khuyencong.checkpoint import read_checkpoint

POLL_SECONDS = 0.25


@contextmanager
def backfill_progress(console: Console, home: Path, title: str) -> Iterator[None]:
    """Show files done out of the backfill's total while the body runs."""
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )
    bar = progress.add_task(title, total=None)
    stop = threading.Event()

    def follow() -> None:
        while not stop.wait(POLL_SECONDS):
            checkpoint = read_checkpoint(home)
            if checkpoint is None:
                continue
            step = f" (year {checkpoint.current})" if checkpoint.current else ""
            progress.update(
                bar,
                description=f"{title}{step}",
                total=checkpoint.total_files,
                completed=len(checkpoint.done),
            )

    with progress:
        follower = threading.Thread(target=follow, name="backfill-progress", daemon=True)
        follower.start()
        try:
            yield
            total = progress.tasks[0].total
            progress.update(bar, description=title, completed=total or 0, total=total or 0)
        finally:
            stop.set()
            follower.join()
