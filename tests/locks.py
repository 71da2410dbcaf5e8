"""Another process holding a data home's run lock, as a second run would meet it."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HOLDER = (
    "import sys, time; from pathlib import Path; "
    "from khuyencong.run_lock import exclusive_run\n"
    "with exclusive_run(Path(sys.argv[1])):\n"
    "    print('held', flush=True); time.sleep(60)"
)


@contextmanager
def lock_held_elsewhere(home: Path) -> Iterator[int]:
    """Hold ``home``'s lock in another process (its pid is given) until the block ends, then
    kill that process (a killed holder must leave no stale lock)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(home)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield holder.pid
    finally:
        holder.kill()
        holder.wait()
