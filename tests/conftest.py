"""Test-wide set-up: Prefect offline and quiet, one Prefect test harness for the whole run."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from khuyencong.settings import prefect_environment

# Prefect reads its settings at import time: set them before anything imports it.
os.environ.update(prefect_environment(Path(tempfile.mkdtemp(prefix="khuyencong-prefect-"))))


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect server for every flow test (it costs about 9 s to start)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield
