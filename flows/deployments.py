"""The nightly deployment: the ``nightly`` flow on a cron schedule in Vietnam's time zone.

``khuyencong serve`` serves it from this process (no work pool needed); ``prefect.yaml`` at
the repository root declares the same deployments for a Prefect server with work pools and
workers. Runs of the deployment are limited to one at a time, on top of the data home's lock.
"""

from __future__ import annotations

from prefect.deployments.runner import RunnerDeployment
from prefect.schedules import Cron

from flows.runs import nightly
from khuyencong import storage
from khuyencong.places import Places

NIGHTLY_CRON = "0 2 * * *"
TIMEZONE = "Asia/Ho_Chi_Minh"


def nightly_schedule(cron: str = NIGHTLY_CRON, timezone: str = TIMEZONE) -> Cron:
    """Every night at 02:00 in Hà Nội (UTC+7), when no clerk is still uploading."""
    return Cron(cron, timezone=timezone)


def nightly_deployment(
    inbox: storage.Location, places: Places, cron: str = NIGHTLY_CRON, timezone: str = TIMEZONE
) -> RunnerDeployment:
    parameters = {
        "inbox": storage.absolute(inbox),
        "home": str(places.home),
        "archive": places.archive,
        "lake": places.lake,
    }
    return nightly.to_deployment(
        name="nightly",
        schedule=nightly_schedule(cron, timezone),
        parameters=parameters,
        concurrency_limit=1,
        description="Process what arrived in the inbox and refresh the marts.",
        tags=["khuyencong"],
    )
