"""Where the pipeline keeps its data, and how Prefect is set up to run offline and quietly.

Configuration is by environment, so the nightly schedule, a data engineer's shell and CI
behave alike:

* ``KHUYENCONG_HOME``: the data home (default ``./data``); ``--home`` overrides it.
* Prefect gets its own home under the data home (``<home>/.prefect``) with a temporary local
  server, no telemetry, and a startup timeout that tolerates a slow machine. Any ``PREFECT_*``
  variable already set in the environment wins, so pointing ``PREFECT_API_URL`` at a real
  Prefect server just works.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_HOME = Path("data")


def resolve_home(home: Path | None) -> Path:
    """The data home: the argument, else ``$KHUYENCONG_HOME``, else ``./data``."""
    chosen = home or Path(os.environ.get("KHUYENCONG_HOME") or DEFAULT_HOME)
    return chosen.expanduser().resolve()


def prefect_environment(home: Path) -> dict[str, str]:
    """The Prefect settings this pipeline runs with, unless the environment says otherwise."""
    return {
        "PREFECT_HOME": str(home / ".prefect"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        # the client's own usage data, and the notice about it a terminal run would print
        "DO_NOT_TRACK": "1",
        "PREFECT_CLOUD_ENABLE_ORCHESTRATION_TELEMETRY": "false",
        "PREFECT_TELEMETRY_ENABLE_RESOURCE_METRICS": "false",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
        "PREFECT_LOGGING_LEVEL": "WARNING",
        "PREFECT_LOGGING_TO_API_ENABLED": "false",
    }


def configure_prefect(home: Path) -> None:
    """Apply ``prefect_environment`` before Prefect is imported (it reads settings at import)."""
    (home / ".prefect").mkdir(parents=True, exist_ok=True)
    for name, value in prefect_environment(home).items():
        os.environ.setdefault(name, value)
