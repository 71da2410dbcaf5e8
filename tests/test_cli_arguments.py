"""A user's mistake costs one plain line and a non-zero exit, at once; a run says what it did.

Each command runs as a real process, as a user or a deployment would run it. Those that get as
far as a flow use the test session's Prefect server (``cli_environment``).
"""

from __future__ import annotations

import os
import pty
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from devtools.sample import generate_sample
from khuyencong.checkpoint import read_checkpoint
from tests.locks import lock_held_elsewhere
from tests.nightly import BROKEN, Run

KHUYENCONG = str(Path(sys.executable).parent / "khuyencong")


def khuyencong(
    *arguments: str | Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [KHUYENCONG, *map(str, arguments)], capture_output=True, text=True, timeout=300, env=env
    )


def assert_one_plain_line(finished: subprocess.CompletedProcess[str], code: int, text: str) -> None:
    assert finished.returncode == code, finished.stderr
    assert finished.stderr.strip().splitlines() == [finished.stderr.strip()], finished.stderr
    assert text in finished.stderr
    assert "Traceback" not in finished.stdout + finished.stderr


def test_an_inbox_that_does_not_exist_is_an_error_not_a_green_run(tmp_path: Path) -> None:
    finished = khuyencong("run", "--inbox", tmp_path / "inbxo", "--home", tmp_path / "home")
    assert_one_plain_line(finished, 2, f"--inbox {tmp_path / 'inbxo'}: no such folder")
    assert not (tmp_path / "home" / ".prefect").exists()  # refused before Prefect started


def test_an_inbox_that_is_a_file_is_refused_and_the_file_kept(tmp_path: Path) -> None:
    report = tmp_path / "BC_ThaiNguyen_2010.xlsx"
    report.write_bytes(b"PK\x03\x04 a report")
    finished = khuyencong("run", "--inbox", report, "--home", tmp_path / "home")
    assert_one_plain_line(finished, 2, "is a file; give the folder that receives submissions")
    assert report.read_bytes() == b"PK\x03\x04 a report"


@pytest.mark.skipif(not shutil.which("setpriv"), reason="needs setpriv to drop root")
def test_a_home_that_cannot_be_written_is_refused_at_once() -> None:
    """Run as an unprivileged user (root writes anywhere) on a folder it may only read."""
    with tempfile.TemporaryDirectory() as folder:  # pytest's own folders are private to root
        tmp_path = Path(folder)
        tmp_path.chmod(0o755)
        _refused_as_nobody(tmp_path)


def _refused_as_nobody(tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    home = tmp_path / "home"
    home.mkdir(mode=0o555)
    home.chmod(0o555)
    unprivileged = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    finished = subprocess.run(
        [*unprivileged, KHUYENCONG, "run", "--inbox", str(tmp_path / "inbox"), "--home", str(home)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert_one_plain_line(finished, 2, f"--home {home}: cannot write there (Permission denied)")


def test_a_second_run_is_refused_before_prefect_starts(tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    home = tmp_path / "home"
    with lock_held_elsewhere(home) as pid:
        finished = khuyencong("run", "--inbox", tmp_path / "inbox", "--home", home)
    assert_one_plain_line(finished, 75, f"is being written by process {pid}")
    assert not (home / ".prefect").exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--years", "2009-2005"], "--years 2009-2005: the range ends before it starts"),
        (["--years", "20o9"], "--years 20o9: not a year or a range of years"),
        (["--years", "2099"], "nothing to backfill: no archived submission reports 2099"),
        (["--years", "2010", "--province", "99"], "--province 99: not a GSO province code"),
        (
            ["--years", "2010", "--province", "19"],
            "nothing to backfill: no archived submission of province 19 reports 2010",
        ),
    ],
)
def test_a_backfill_that_can_do_nothing_says_why(
    tmp_path: Path, arguments: list[str], message: str
) -> None:
    finished = khuyencong("backfill", *arguments, "--home", tmp_path)
    assert_one_plain_line(finished, 2, message)


def test_the_run_summary_names_each_reject_and_shows_the_years_it_touched(
    tmp_path: Path, cli_environment: dict[str, str]
) -> None:
    inbox = tmp_path / "inbox"
    generate_sample(inbox, years=range(2010, 2011), provinces={"19"})
    (inbox / "bao_cao_hong.xlsx").write_bytes(BROKEN["bao_cao_hong.xlsx"])
    home = tmp_path / "home"
    finished = khuyencong(
        "run", "--inbox", inbox, "--home", home, "--settle-seconds", "0", env=cli_environment
    )
    assert finished.returncode == 0, finished.stderr
    out = " ".join(finished.stdout.split())  # the table may wrap
    assert "rejected: bao_cao_hong.xlsx:" in out
    quarantined = next((home / "quarantine").iterdir())
    assert f"report for the province: {quarantined}" in out
    assert "National figures of 2010: flows added up, stocks as of 2010" in out
    assert "2009" not in out.split("National figures")[1]


def test_a_terminal_run_prints_no_telemetry_notice(
    tmp_path: Path, cli_environment: dict[str, str]
) -> None:
    """Prefect prints its usage-data notice only to a terminal: run under a pseudo-terminal,
    with none of the variables that would silence it set by anyone but khuyencong."""
    (tmp_path / "inbox").mkdir()
    env = {k: v for k, v in cli_environment.items() if k not in {"DO_NOT_TRACK", "CI"}}
    env["PREFECT_HOME"] = str(tmp_path / "prefect")
    command = [KHUYENCONG, "run", "--inbox", str(tmp_path / "inbox"), "--home", str(tmp_path / "h")]
    primary, secondary = pty.openpty()
    process = subprocess.Popen(
        command, stdin=secondary, stdout=secondary, stderr=secondary, env=env
    )
    os.close(secondary)
    output = b""
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:  # the terminal closed: the process has ended
            break
        if not chunk:
            break
        output += chunk
    os.close(primary)
    assert process.wait(timeout=120) == 0, output.decode(errors="replace")
    text = output.decode(errors="replace")
    assert "nothing new" in text
    assert "anonymous usage" not in text


def test_ctrl_c_stops_a_backfill_at_once_and_says_how_to_resume(
    nightly_run: Run, tmp_path: Path, cli_environment: dict[str, str]
) -> None:
    home = tmp_path / "home"
    shutil.copytree(nightly_run.home, home, ignore=shutil.ignore_patterns(".prefect", ".run.lock"))
    command = [KHUYENCONG, "backfill", "--years", "2005-2012", "--home", str(home)]
    command += ["--province", "19", "--province", "06", "--province", "01", "--province", "79"]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_environment
    )
    deadline = time.monotonic() + 240
    while process.poll() is None and time.monotonic() < deadline:
        checkpoint = read_checkpoint(home)
        if checkpoint is not None and checkpoint.done:
            break
        time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)  # a bound, not a measure: it stops in a second
    assert process.returncode == 130, err
    assert "Traceback" not in out + err
    text = " ".join(out.split())
    assert "Stopped." in text
    assert "files were re-read and kept" in text
    resume = f"khuyencong backfill --years 2005-2012 --home {home} --province 19 --province 06"
    assert f"run the same command to finish: {resume} --province 01 --province 79" in text


def test_the_duckdb_shell_of_the_lock_opens_the_warehouse(nightly_run: Run) -> None:
    """The README's route for analysts: ``duckdb -readonly data/warehouse.duckdb``."""
    shell = Path(sys.executable).parent / "duckdb"
    finished = subprocess.run(
        [
            str(shell),
            "-readonly",
            "-csv",
            str(nightly_run.home / "warehouse.duckdb"),
            "-c",
            "select sum(value)::bigint from marts.national_indicator_year "
            "where indicator = 'trained_workers' and year between 2005 and 2009",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.splitlines()[-1] == "329620"
