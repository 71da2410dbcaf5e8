"""No process a run starts outlives it: a SIGKILLed `khuyencong run` leaves no Prefect server."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil

from devtools.sample import generate_sample

KHUYENCONG = str(Path(sys.executable).parent / "khuyencong")


def _session(leader: int) -> list[psutil.Process]:
    """The live processes of the session ``leader`` started (zombies have ended already)."""
    found = []
    for process in psutil.process_iter():
        with contextlib.suppress(psutil.Error, ProcessLookupError):
            if os.getsid(process.pid) == leader and process.status() != psutil.STATUS_ZOMBIE:
                found.append(process)
    return found


def _listening_server(processes: list[psutil.Process]) -> psutil.Process | None:
    for process in processes:
        with contextlib.suppress(psutil.Error):
            if "uvicorn" in process.cmdline() and any(
                c.status == psutil.CONN_LISTEN for c in process.net_connections("inet")
            ):
                return process
    return None


def _until(condition: object, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:  # type: ignore[operator]
        time.sleep(0.1)


@contextlib.contextmanager
def _run_in_its_own_session(inbox: Path, home: Path) -> Iterator[subprocess.Popen[bytes]]:
    """`khuyencong run` with a temporary Prefect server of its own; whatever the test's
    outcome, nothing of its session is left running."""
    environment = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    command = [KHUYENCONG, "run", "--inbox", str(inbox), "--home", str(home)]
    run = subprocess.Popen(
        [*command, "--settle-seconds", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=environment,
        start_new_session=True,
    )
    try:
        yield run
    finally:
        for process in _session(run.pid):
            with contextlib.suppress(psutil.Error):
                process.kill()
        with contextlib.suppress(ProcessLookupError):
            run.kill()
        run.wait()


COMPLETED, HEARTBEAT = "prefect.flow-run.Completed", "prefect.flow-run.heartbeat"


def _events() -> dict[str, int]:
    """How many events of each kind the database of the tests' own Prefect home holds (the one
    a run's temporary server writes, as ``tests/conftest.py`` sets ``PREFECT_HOME``)."""
    database = Path(os.environ["PREFECT_HOME"]) / "prefect.db"
    if not database.exists():
        return {}
    with contextlib.closing(sqlite3.connect(database)) as db:
        try:
            return dict(db.execute("SELECT event, count(*) FROM events GROUP BY event"))
        except sqlite3.OperationalError:  # not made yet
            return {}


def test_a_killed_run_leaves_no_prefect_server_nor_any_process(tmp_path: Path) -> None:
    """SIGKILL runs no handler of the run's own: its guard stops what the run had started."""
    generate_sample(tmp_path / "inbox", provinces={"19"})
    with _run_in_its_own_session(tmp_path / "inbox", tmp_path / "home") as run:
        _until(lambda: run.poll() is not None or _listening_server(_session(run.pid)), 300)
        server = _listening_server(_session(run.pid))
        assert server is not None, "the run ended before its Prefect server was up"
        os.kill(run.pid, signal.SIGKILL)
        run.wait()
        _until(lambda: not _session(run.pid), 60)
        left = [(p.pid, " ".join(p.cmdline())[:120]) for p in _session(run.pid)]
        assert left == []
        assert not server.is_running() or server.status() == psutil.STATUS_ZOMBIE


def test_a_run_that_ends_stops_the_server_it_started_itself(tmp_path: Path) -> None:
    """The run starts Prefect's temporary server first thing (``khuyencong.prefect_server``),
    and nothing of it outlives the run."""
    (tmp_path / "inbox").mkdir()
    before = _events()
    with _run_in_its_own_session(tmp_path / "inbox", tmp_path / "home") as run:
        _until(lambda: run.poll() is not None or _listening_server(_session(run.pid)), 300)
        assert _listening_server(_session(run.pid)) is not None, "no server while it ran"
        assert run.wait(timeout=300) == 0
        _until(lambda: not _session(run.pid), 10)
        assert [" ".join(p.cmdline())[:120] for p in _session(run.pid)] == []
    # its flow run sent no heartbeat to a server that dies with it (their thread held its end up)
    after = _events()
    assert after.get(COMPLETED, 0) == before.get(COMPLETED, 0) + 1
    assert after.get(HEARTBEAT, 0) == before.get(HEARTBEAT, 0)


def test_a_server_that_does_not_answer_in_time_is_one_line_and_nothing_is_left(
    tmp_path: Path,
) -> None:
    inbox = tmp_path / "inbox"
    generate_sample(inbox, provinces={"19"}, years=range(2010, 2011))
    sent = sorted(p.name for p in inbox.iterdir())
    environment = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    environment["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "0"
    command = [KHUYENCONG, "run", "--inbox", str(inbox), "--home", str(tmp_path / "home")]
    run = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=300)
    assert run.returncode == 1
    assert run.stderr.splitlines() == [
        "error: Prefect's temporary server did not answer within 0 s"
        " (PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS); nothing was read, run it again"
    ]
    assert sorted(p.name for p in inbox.iterdir()) == sent  # they wait for the next run
    # the server's own output (a traceback when it is stopped mid-start-up) is kept apart
    assert (Path(environment["PREFECT_HOME"]) / "temporary-server.log").is_file()
    assert not (tmp_path / "home" / "lake").exists()
