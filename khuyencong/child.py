"""A child interpreter that speaks pickles over its stdin and stdout: the sandbox's readers and
the validator are such children.

A child is a fresh interpreter running ``-c code``, not a fork of the run: it imports only what
it serves (a fork would inherit Prefect's threads, DuckDB and whatever the run had loaded, and
the reader's address-space limit would bound those instead of the file), and it inherits no
state of the run's but its environment (so the run's orphan guard stops it with the run). Its
own stdout goes to stderr, so a library that prints cannot garble an answer.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import NoReturn


@dataclass(frozen=True)
class Child:
    """A started child and the two ends of its pipes (``requests`` to it, ``answers`` back)."""

    process: subprocess.Popen[bytes]
    requests: Connection
    answers: Connection


def start_child(code: str, environment: dict[str, str] | None = None) -> Child:
    """Start ``python -c code`` with pipes to and from it; it reads them with ``pipes``.

    ``code`` imports its module by name rather than running it with ``-m``: what a ``-m`` child
    pickles would be of ``__main__``, which the run cannot unpickle.
    """
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env={**os.environ, **(environment or {})},
    )
    assert process.stdin and process.stdout
    requests = Connection(os.dup(process.stdin.fileno()))
    answers = Connection(os.dup(process.stdout.fileno()))
    process.stdin.close()
    process.stdout.close()
    return Child(process, requests, answers)


def pipes() -> tuple[Connection, Connection]:
    """In a child: where its requests come from and where its answers go; its stdout, from now
    on, is its stderr."""
    requests = Connection(os.dup(sys.stdin.fileno()))
    answers = Connection(os.dup(sys.stdout.fileno()))
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    return requests, answers


def exit_at_once(status: int = 0) -> NoReturn:
    """End a process that has done all it had to, without tearing its interpreter down.

    Freeing every module and object one by one (the reader's, or GX's thousands with their
    threads) costs a worker half a second and a niced validator seconds on a busy machine,
    while the run waits for it (and kills one that has not exited within two seconds); the
    command line's own process, after a run of 5,000 files, 0.5-0.8 s."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def stop_child(child: Child) -> None:
    """Ask ``child`` to exit (it is sent None), kill it if it does not within two seconds (it
    may be mid-file, or mid-import), and close its pipes."""
    with contextlib.suppress(OSError):
        child.requests.send(None)
    try:
        child.process.wait(timeout=2)
    except subprocess.TimeoutExpired:
        child.process.kill()
        child.process.wait()
    child.requests.close()
    child.answers.close()
