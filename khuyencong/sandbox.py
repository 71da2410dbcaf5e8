"""Reading untrusted files in worker processes that may die: one hostile file costs only itself.

A parser given a zip bomb aborts the whole process (python-calamine: ``memory allocation of
10737418240 bytes failed``, SIGABRT), one given a pathological file may loop for minutes: no
``try`` in the run survives either. So each file is read, and understood, in a worker process
with an address-space limit (``memory_per_reader``) and a wall-clock limit
(``seconds_per_file``). A worker that dies or overruns is killed and replaced; its file becomes
``UnreadableFile`` naming the limit, the others go on. Two workers use both cores, and a run
keeps them for all its files (``readers_kept``): starting one costs as much as reading 50 files.

A worker is a fresh interpreter running ``serve``, not a fork of the run: it
holds the reader alone (about 30 MB), so its address-space limit bounds what the file costs
rather than what the run had loaded (Prefect, DuckDB, pyarrow), and nothing of the run's
state leaks in. It speaks pickles over its stdin and stdout; its own stdout goes to stderr.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import resource
import signal
import subprocess
import threading
import time
import traceback
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path

from khuyencong.child import exit_at_once, pipes, start_child, stop_child
from khuyencong.formats.budgets import Budgets, amount, default_budgets, over_budget
from khuyencong.gc_pace import fewer_collections
from khuyencong.workbook_files import UnreadableFile, read_workbook_file
from transforms.model import Reading
from transforms.reading.workbook import understand_workbook

log = logging.getLogger("khuyencong")


@dataclass(frozen=True)
class ReaderFailed:
    """A reader bug (an exception other than ``UnreadableFile``), told across the process
    boundary as text: the run logs it and quarantines the file."""

    kind: str
    message: str
    details: str
    io_error: bool  # the file could not be fetched: no fault of the file, the caller retries


Outcome = Reading | UnreadableFile
# files made ready for each worker ahead of it (``Readers.read``): enough that a slow moment of
# whatever makes them (archiving a file on a busy disk) does not leave a worker waiting
FILES_AHEAD = 4
# files in a worker's hands at once: the one it reads and the next, waiting in its pipe, so
# that it goes on at once rather than when the run, busy with the other worker's answer, hands
# it one (with the reader compiled, a file costs a worker about as long as the run takes for
# it: one at a time, both workers waited a third of the time)
FILES_GIVEN = 2


def read_and_understand(path: Path, budgets: Budgets) -> Outcome | ReaderFailed:
    """What the reader understands of ``path``, or why it cannot; never raises."""
    try:
        with fewer_collections():  # a large list's cells live until it is understood
            return understand_workbook(read_workbook_file(path, budgets))
    except UnreadableFile as error:
        return error
    except MemoryError:
        limit = budgets.memory_per_reader
        return over_budget("memory_per_reader", limit, f"at least {amount(limit)}")
    except Exception as error:  # a reader bug must cost one file, never the run
        details = traceback.format_exc()
        return ReaderFailed(type(error).__name__, str(error), details, isinstance(error, OSError))


def serve() -> None:
    """A worker: read each path it is sent until it is sent None, within its memory limit.

    Ctrl-C reaches the worker with the run (one process group): the run stops its workers
    itself, so the worker ignores it, and exits without a word when the run is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(EOFError, BrokenPipeError):
        _serve()
    exit_at_once()  # every answer is sent


def _serve() -> None:
    requests, answers = pipes()
    budgets: Budgets = requests.recv()
    limit = budgets.memory_per_reader
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    while (path := requests.recv()) is not None:
        answers.send(read_and_understand(path, budgets))


class _Worker:
    """One worker process and its pipes; the files it was given, in order (it reads the first),
    and until when it may read that one."""

    def __init__(self, budgets: Budgets) -> None:
        # a ReaderFailed must unpickle in the run (a reader bug stops its file, not the run);
        # a parser's abort is reported once, by the run, without a Rust backtrace
        self.child = start_child(
            "from khuyencong.sandbox import serve; serve()", {"RUST_BACKTRACE": "0"}
        )
        child = self.child
        self.process, self.requests, self.answers = child.process, child.requests, child.answers
        self.requests.send(budgets)
        self.tasks: deque[int] = deque()
        self.deadline = 0.0
        self.files_read = 0

    def give(self, number: int, path: Path, seconds: float) -> None:
        if not self.tasks:
            self.deadline = time.monotonic() + seconds
        self.tasks.append(number)
        self.requests.send(path)

    def answered(self, seconds: float) -> int:
        """The file it just answered for; the next one's time runs from now."""
        self.files_read += 1
        self.deadline = time.monotonic() + seconds
        return self.tasks.popleft()

    def finish(self) -> None:
        """Ask the worker to exit once it has answered (``stop`` waits for it)."""
        with contextlib.suppress(OSError):
            self.requests.send(None)

    def stop(self) -> None:
        """Ask the worker to finish; kill it if it does not at once (it may be mid-file)."""
        stop_child(self.child)


def _death(process: subprocess.Popen[bytes], budgets: Budgets) -> UnreadableFile:
    """Why a worker died: a signal (an abort on a failed allocation, the kernel's OOM kill)
    means its file needed more memory than it may have."""
    code = process.wait()
    how = signal.Signals(-code).name if code is not None and code < 0 else f"exit code {code}"
    limit = budgets.memory_per_reader
    return over_budget(
        "memory_per_reader", limit, f"more than {amount(limit)} (the reader was stopped: {how})"
    )


def _timed_out(budgets: Budgets) -> UnreadableFile:
    seconds = budgets.seconds_per_file
    return over_budget("seconds_per_file", seconds, f"more than {seconds}")


def _reported(path: Path, outcome: Outcome | ReaderFailed) -> Outcome:
    if not isinstance(outcome, ReaderFailed):
        return outcome
    if outcome.io_error:
        raise OSError(f"{path}: {outcome.kind}: {outcome.message}")
    log.error("reader failed on %s:\n%s", path.name, outcome.details)
    reason = f"the reader failed: {outcome.kind}: {outcome.message}"
    return UnreadableFile("unreadable-file", reason)


def read_in_process(path: Path, budgets: Budgets | None = None) -> Outcome:
    """What ``read_isolated`` gives for ``path``, read in this process: no time or memory
    limit (tests and benchmarks of the reader itself)."""
    return _reported(path, read_and_understand(path, budgets or default_budgets()))


def _over_memory(outcome: Outcome | ReaderFailed) -> bool:
    budget = outcome.params.get("budget") if isinstance(outcome, UnreadableFile) else None
    return budget == "memory_per_reader"


class Readers:
    """Worker processes that read files until ``close``, each one file at a time, with the next
    one waiting in its pipe (``FILES_GIVEN``).

    A worker that dies or overruns is killed and replaced, and its file gets the limit it
    broke. A worker lives on from file to file (a fresh interpreter costs about 0.4 s of CPU
    to start and more to warm the reader's caches, as much as reading 50 files), so what one
    file left behind in it could make the next one cross the memory limit: a file over the
    memory limit in a worker that read others before is read again by a fresh one, and judged
    by that alone. One ``read`` at a time.
    """

    def __init__(self, budgets: Budgets, size: int) -> None:
        self.budgets = budgets
        self.size = size
        self.pool: list[_Worker] = []

    def start(self, files: int | None = None) -> None:
        """Start the workers that ``files`` files need (all of them by default), without
        waiting for them: a worker's start-up runs on its own core while the caller works."""
        while len(self.pool) < min(self.size, self.size if files is None else files):
            self.pool.append(_Worker(self.budgets))

    def read(self, paths: Iterable[Path]) -> Iterator[tuple[Path, Outcome]]:
        """Each of ``paths`` with what the reader understands of it, in order (see
        ``read_isolated``); workers are started as the files need them.

        ``paths`` is taken lazily, a few files ready for each worker ahead of them: whatever
        makes a path (a nightly archives each original just before it is read) runs while the
        workers read the files before it, instead of before all of them with both workers idle.
        A worker that answers is given its next file before its answer is handed on."""
        coming = iter(paths)
        files: list[Path] = []
        todo: list[int] = []  # files to give, the next one last (a file read again goes first)

        def take(count: int) -> None:
            for path in itertools.islice(coming, max(0, count)):
                files.append(path)
                todo.insert(0, len(files) - 1)

        take(self.size)
        self.start(len(files))
        done: dict[int, Outcome | ReaderFailed] = {}
        retried: set[int] = set()
        following = 0
        try:
            while following < len(files):
                self._give(files, todo)
                take(self.size * FILES_AHEAD - len(todo))  # while the workers read
                if following not in done:
                    self._collect(todo, done, retried)
                    continue
                yield files[following], _reported(files[following], done.pop(following))
                following += 1
        finally:  # left early (an error, or an iterator dropped): no answer may reach the next
            for worker in [w for w in self.pool if w.tasks]:
                worker.stop()
                self.pool.remove(worker)

    def _give(self, files: list[Path], todo: list[int]) -> None:
        """Give each worker the next files, up to ``FILES_GIVEN`` (a worker that died waiting is
        replaced first)."""
        for place, worker in enumerate(self.pool):
            if not worker.tasks and todo and worker.process.poll() is not None:
                # died waiting (started ahead, or kept between batches): no file's fault, none
                # is judged by it
                worker.stop()
                self.pool[place] = _Worker(self.budgets)
        for _ in range(FILES_GIVEN):  # a file to each in turn: two files go to two workers
            for worker in self.pool:
                if len(worker.tasks) < FILES_GIVEN and todo:
                    number = todo.pop()
                    worker.give(number, files[number], self.budgets.seconds_per_file)

    def _collect(
        self, todo: list[int], done: dict[int, Outcome | ReaderFailed], retried: set[int]
    ) -> None:
        """Wait for the first result or deadline, and replace a worker that died or overran (the
        file it was reading gets the limit it broke, or goes back to be read by a fresh worker;
        the file given after it goes back to be read, not judged)."""
        budgets = self.budgets
        busy = [w for w in self.pool if w.tasks]
        timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
        ready = wait([w.answers for w in busy], timeout=timeout)
        for place, worker in enumerate(self.pool):
            if not worker.tasks:
                continue
            number = worker.tasks[0]
            if worker.answers in ready:
                try:
                    outcome = worker.answers.recv()
                except (EOFError, ConnectionError):
                    outcome = _death(worker.process, budgets)
                else:
                    if not _over_memory(outcome):
                        done[worker.answered(budgets.seconds_per_file)] = outcome
                        continue
            elif time.monotonic() >= worker.deadline:
                worker.process.kill()
                outcome = _timed_out(budgets)
            else:
                continue
            todo.extend(reversed(list(worker.tasks)[1:]))  # given after it: read elsewhere
            if _over_memory(outcome) and worker.files_read > 0 and number not in retried:
                retried.add(number)
                todo.append(number)  # next, to a fresh worker
            else:
                done[number] = outcome
            worker.stop()
            self.pool[place] = _Worker(budgets)

    def close(self) -> None:
        for worker in self.pool:  # all asked first: they exit side by side
            worker.finish()
        for worker in self.pool:
            worker.stop()
        self.pool.clear()


_kept: Readers | None = None  # the workers of ``readers_kept``, shared by its read_isolated
_kept_lock = threading.Lock()  # held by the read_isolated using them


@contextlib.contextmanager
def readers_kept(budgets: Budgets | None = None, start: int = 0) -> Iterator[None]:
    """Within this block, ``read_isolated`` reads through the same workers, started once.

    A run reads its files in batches (a Prefect task each, for progress in the UI); each batch
    starting its own two workers cost a 5,000-file run 50 interpreters, about 25 s of CPU. A
    call from another thread while the workers are busy, or with other budgets, starts its own.

    With ``start`` the workers that many files need start at once rather than with the first
    file: their start-up (an interpreter and the reader's imports, about a second each) then
    runs on the core the run leaves idle while Prefect starts or the inbox is scanned; a
    nightly taking one file starts one. A block inside another with the same budgets keeps the
    outer one's workers, started or not.
    """
    global _kept
    chosen = budgets or default_budgets()
    if _kept is not None and _kept.budgets == chosen:
        yield
        return
    readers = Readers(chosen, os.cpu_count() or 1)
    if start:
        readers.start(start)
    previous, _kept = _kept, readers
    try:
        yield
    finally:
        _kept = previous
        readers.close()


def retire_readers() -> None:
    """Stop the workers of ``readers_kept`` now: the run's files are read, and two idle
    interpreters with the reader loaded (50 MB each) need not stay while the warehouse is built,
    the run's peak of memory. A read after this starts workers again."""
    if _kept is not None:
        _kept.close()


def read_isolated(
    paths: Iterable[Path], budgets: Budgets | None = None, workers: int | None = None
) -> Iterator[tuple[Path, Outcome]]:
    """Each of ``paths`` with what the reader understands of it or why it cannot, in order.

    Read by ``workers`` processes (one per core by default, never more than files), each
    bounded by ``budgets``: those of ``readers_kept`` if the call is inside one and they are
    free, else workers of its own. Raises ``OSError`` only for a file that could not be
    fetched (the caller may retry: no fault of the file); a reader bug costs its file alone.
    """
    kept = _kept
    if (
        kept is not None
        and workers is None
        and budgets in (None, kept.budgets)
        and _kept_lock.acquire(blocking=False)
    ):
        try:
            yield from kept.read(paths)
        finally:
            _kept_lock.release()
        return
    readers = Readers(budgets or default_budgets(), workers or os.cpu_count() or 1)
    try:
        yield from readers.read(paths)
    finally:
        readers.close()
