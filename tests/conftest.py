"""Test-wide set-up: Prefect offline and quiet, one Prefect test harness for the whole run."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from devtools.sample import TruthFact
from khuyencong.settings import prefect_environment
from tests.nightly import BROKEN, Run, write_mistakes

# Property tests assert behaviour, never time: on a loaded machine one example may take longer
# than Hypothesis's default 200 ms deadline, and a deadline would fail a correct test.
settings.register_profile("khuyencong", deadline=None)
# `make fuzz`: the fuzz tests (tests/fuzz) with a hundred times the examples, for minutes
settings.register_profile("fuzz", deadline=None, max_examples=10_000)
settings.load_profile("khuyencong")

# Prefect reads its settings at import time: set them before anything imports it.
# The home goes when the interpreter exits, after Prefect's own exit handlers (registered
# later, run earlier), whether the session ran or stopped on a usage error: a test run leaves
# nothing in /tmp (its database, 1.4 MB).
PREFECT_HOME = Path(tempfile.mkdtemp(prefix="khuyencong-prefect-"))
atexit.register(shutil.rmtree, PREFECT_HOME, ignore_errors=True)
os.environ.update(prefect_environment(PREFECT_HOME))


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect server for every flow test (it costs about 9 s to start)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


@pytest.fixture(scope="session")
def cli_environment(prefect_harness: None) -> dict[str, str]:
    """The environment for ``khuyencong`` run as a subprocess: the test server as its Prefect.

    Each such process would otherwise start a temporary server of its own (about 15 s), which
    a test that kills the process would leave running.
    """
    from prefect.settings import PREFECT_API_URL

    return {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value())}


@pytest.fixture(scope="session")
def sample_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[TruthFact]]:
    """The default sample corpus and its truth, generated once per test session.

    Shared: copy it (``shutil.copytree``) before giving it to anything that moves or changes
    files, such as a nightly run, which empties its inbox.
    """
    from devtools.sample import generate_sample

    folder = tmp_path_factory.mktemp("sample_corpus")
    return folder, generate_sample(folder)


@pytest.fixture(scope="session")
def nightly_run(
    tmp_path_factory: pytest.TempPathFactory,
    prefect_harness: None,
    sample_corpus: tuple[Path, list[TruthFact]],
) -> Run:
    """One nightly run under Prefect over the sample corpus, broken files and seeded mistakes."""
    from flows.runs import nightly

    root = tmp_path_factory.mktemp("pipeline")
    inbox = root / "inbox"
    shutil.copytree(sample_corpus[0], inbox)
    for name, content in BROKEN.items():
        (inbox / name).write_bytes(content)
    some_file = sorted(p for p in inbox.iterdir() if p.suffix == ".xlsx")[0]
    shutil.copy(some_file, inbox / f"copy of {some_file.name}")
    mistakes = write_mistakes(inbox)
    summary = nightly(inbox=inbox, home=root / "home", settle_seconds=0)
    return Run(inbox, root / "home", sample_corpus[1], summary, mistakes)
