"""Great Expectations in a process of its own, started while the run starts.

Importing GX costs 3.5-5 s of CPU here, more than validating the facts of 5,000 workbooks
(about 2 s). Imported when the run reached validation, it sat on the critical path of every
run with files: a nightly taking one file cost 5.6 s more than one with nothing new, almost all
of it this import. So a run that knows it has files starts a validator with its readers
(``pipeline.workers_ahead``): a child interpreter (``khuyencong.child``) that imports GX on a
core that Prefect's start-up and the reading leave idle, then validates the run's facts when
the run gets there, the frame sent over a pipe. It answers with the findings before it writes
the run's Data Docs (rendering them costs more than validating a small run), so the run decides
and publishes meanwhile; it waits for them only before it asks again or ends.

``validate`` uses the validator kept by ``validator_kept`` when there is one, and otherwise
runs the same function in this process: tests and scripts, and ``serve``, whose long-lived
process keeps GX imported after its first run anyway. A validator that failed or died costs
nothing but time: the run validates in its own process, where a real error raises as it would
have, with its own traceback.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import threading
import traceback
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from khuyencong.child import exit_at_once, pipes, start_child, stop_child
from transforms.model import Finding

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger("khuyencong")

Findings = dict[str, list[Finding]]
Checked = tuple[Findings, Callable[[], object]]
DOCS_SECONDS = 120.0  # the most a run waits, at its end, for its Data Docs
# GX's import is needed only once the files are read. At a lower priority it takes the cores
# that Prefect's server and the run's imports leave idle rather than slowing them, and it is
# done before the reading starts: a one-file nightly 13.2 s at the run's priority, 11.0 s so
# (five runs each, alternating); 973 files 10.3-11.0 s -> 9.6 s, 4,021 files 17.1-17.6 s ->
# 15.7-16.4 s (Prefect's server up 0.3-0.5 s sooner, and the reading as fast).
NICENESS = 10


def serve(niceness: int = 0) -> None:
    """The validator: import GX, then validate each frame it is sent until it is sent None.

    Each request is answered twice: its findings, then, once its Data Docs are written, None.
    A failure is answered with its traceback, as text. Ctrl-C reaches it with the run (one
    process group): the run stops it, so it ignores Ctrl-C and exits quietly once the run is
    gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.nice(niceness)  # before any import: pandas' too
    requests, answers = pipes()
    from khuyencong.validation import check_facts, prepare

    prepare()
    with contextlib.suppress(EOFError, BrokenPipeError):
        while (request := requests.recv()) is not None:
            for step in _answers(check_facts, request):
                answers.send(step)
    exit_at_once()  # every answer is sent and the Data Docs are written


def _answers(check: Callable[..., Checked], request: tuple[object, ...]) -> Iterator[object]:
    """The findings of ``request`` (or why not), then None once its Data Docs are written (or
    why not)."""
    try:
        findings, write_docs = check(*request)
    except Exception:
        yield traceback.format_exc()
        yield None
        return
    yield findings
    try:
        write_docs()
    except Exception:
        yield traceback.format_exc()
    else:
        yield None


class Validator:
    """A running validator process (see the module's docstring)."""

    def __init__(self, niceness: int = 0) -> None:
        self.child = start_child(f"from khuyencong.validator import serve; serve({niceness:d})")
        self.writing_docs = False
        self.finishing = False

    def validate(self, frame: pd.DataFrame, today: date, docs_dir: Path | None) -> Findings | None:
        """The findings, or None if the validator could not give them (it failed or died)."""
        try:
            self.docs_written()
            self.child.requests.send((frame, today, docs_dir))
            answer: Findings | str = self.child.answers.recv()
        except (EOFError, OSError) as error:
            log.warning("the validator process stopped (%s); validating in the run's", error)
            return None
        self.writing_docs = True
        if isinstance(answer, str):
            log.warning("the validator process failed; validating in the run's:\n%s", answer)
            return None
        return answer

    def docs_written(self, seconds: float | None = None) -> None:
        """Wait until the Data Docs of the last validation are written (at most ``seconds``)."""
        if not self.writing_docs or not self.child.answers.poll(seconds):
            return
        self.writing_docs = False
        if isinstance(failed := self.child.answers.recv(), str):
            log.error("the run's Data Docs could not be written:\n%s", failed)

    def finish(self) -> None:
        """Ask the validator to exit once its Data Docs are written, without waiting."""
        with contextlib.suppress(OSError):
            self.child.requests.send(None)
        self.finishing = True

    def close(self) -> None:
        """Ask the validator to exit once it has written the Data Docs, and kill it if it does
        not at once (mid-import)."""
        with contextlib.suppress(EOFError, OSError):
            self.docs_written(DOCS_SECONDS)
        stop_child(self.child)


_kept: Validator | None = None
_kept_lock = threading.Lock()  # held by the validate using it


@contextlib.contextmanager
def validator_kept() -> Iterator[None]:
    """Within this block, ``validate`` uses one validator process, started now at a lower
    priority (``NICENESS``)."""
    global _kept
    if _kept is not None:  # an outer block's
        yield
        return
    _kept = Validator(NICENESS)
    try:
        yield
    finally:
        retire_validator()


def retire_validator() -> None:
    """Stop the kept validator now, once its Data Docs are written: the run validates no more,
    and GX (330 MB resident) need not stay while the warehouse is built, the run's peak of
    memory. A ``validate`` after this validates in the run's process."""
    global _kept
    validator, _kept = _kept, None
    if validator is not None:
        validator.close()


def release_validator() -> None:
    """Let the kept validator exit once it has written the Data Docs of its last validation,
    without waiting for it: GX (330 MB resident) would otherwise idle through the decisions and
    the publication, when the run holds every reading. ``retire_validator`` still collects it;
    a ``validate`` after this validates in the run's process."""
    if _kept is not None:
        _kept.finish()


def validate(frame: pd.DataFrame, today: date, docs_dir: Path | None = None) -> Findings:
    """``validation.validate_facts``: in the kept validator if there is one free, else here."""
    kept = _kept
    if (
        kept is not None
        and not kept.finishing
        and not frame.empty
        and _kept_lock.acquire(blocking=False)
    ):
        try:
            found = kept.validate(frame, today, docs_dir)
        finally:
            _kept_lock.release()
        if found is not None:
            return found
    from khuyencong.validation import validate_facts

    return validate_facts(frame, today, docs_dir)
