"""The same flows on other engines and stores give the same warehouse.

One reference run (Prefect's thread runner, local folders) over a small generated corpus; the
Dask task runner and an inbox, archive and lake in S3-compatible object storage (moto's S3
server, started by the tests on a free local port) must each build marts identical to it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from devtools.sample import generate_sample
from khuyencong import storage
from tests.marts import marts_snapshot

PROVINCES = {"19", "06", "28"}
BUCKET = "khuyencong-test"


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory, prefect_harness: None) -> Path:
    """The home of a nightly run on the thread runner, with local inbox, archive and lake."""
    from flows.runs import nightly

    root = tmp_path_factory.mktemp("reference")
    generate_sample(root / "inbox", provinces=PROVINCES)
    summary = nightly(inbox=root / "inbox", home=root / "home", settle_seconds=0)
    assert summary.statuses.get("quarantined") is None
    return root / "home"


def test_the_dask_task_runner_builds_the_same_marts(reference: Path, tmp_path: Path) -> None:
    """The same flow on a local two-process Dask cluster gives the same warehouse."""
    from flows.runs import nightly, with_task_runner

    generate_sample(tmp_path / "inbox", provinces=PROVINCES)
    flow = with_task_runner(nightly, "dask")
    assert type(flow.task_runner).__name__ == "DaskTaskRunner"
    flow(inbox=tmp_path / "inbox", home=tmp_path / "home", settle_seconds=0)
    assert marts_snapshot(tmp_path / "home") == marts_snapshot(reference)


@pytest.fixture(scope="module")
def s3_bucket() -> Iterator[str]:
    """An empty bucket on a local S3 server, with the environment an S3 client reads."""
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    settings = {
        "AWS_ENDPOINT_URL": f"http://{host}:{port}",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    saved = {name: os.environ.get(name) for name in settings}
    os.environ.update(settings)
    fs, _ = storage.filesystem(f"s3://{BUCKET}")
    fs.mkdir(BUCKET)
    try:
        yield f"s3://{BUCKET}"
    finally:
        server.stop()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def upload(folder: Path, target: str) -> list[str]:
    """Copy every file of ``folder`` (recursively) under the URL ``target``; their URLs."""
    urls = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        url = storage.join(target, *path.relative_to(folder).parts)
        storage.copy(path, url)
        urls.append(url)
    return urls


def test_inbox_archive_and_lake_in_object_storage_build_the_same_marts(
    reference: Path, s3_bucket: str, tmp_path: Path
) -> None:
    from flows.runs import backfill, nightly

    generate_sample(tmp_path / "sample", provinces=PROVINCES)
    inbox = f"{s3_bucket}/inbox"
    uploaded = upload(tmp_path / "sample", inbox)
    places = {"archive": f"{s3_bucket}/archive", "lake": f"{s3_bucket}/lake"}
    home = tmp_path / "home"

    summary = nightly(inbox=inbox, home=home, settle_seconds=0, **places)

    submissions = [u for u in uploaded if "/.truth/" not in u]
    assert summary.statuses == {"loaded": len(submissions)}
    assert marts_snapshot(home) == marts_snapshot(reference)
    # the originals moved to the archive in the bucket, the lake is there, not in the home
    assert [f.relative for f in storage.listing(inbox)] == [".truth/facts.csv"]
    archived = storage.listing(places["archive"])
    assert sorted(f.relative.split("/")[-1] for f in archived) == sorted(
        storage.name_of(u) for u in submissions
    )
    assert any(f.relative.startswith("facts/year=") for f in storage.listing(places["lake"]))
    assert not (home / "lake").exists() and not (home / "archive").exists()

    again = nightly(inbox=inbox, home=home, settle_seconds=0, **places)
    assert again.files == 0
    rerun = backfill(home=home, years=[2005, 2006, 2007, 2008, 2009], **places)
    assert rerun.statuses.get("loaded")
    assert marts_snapshot(home) == marts_snapshot(reference)
