"""The sample's files arrive as uploads would: most before their deadline, some after it, and
one file the pipeline must reject."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from devtools.sample import generate_sample, read_truth
from devtools.sample.receipts import REJECTED_FILE, VIETNAM, annual_deadline, received_at


def arrivals(folder: Path) -> dict[str, datetime]:
    return {
        path.name: datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
        for path in folder.iterdir()
        if path.is_file()
    }


def test_the_annual_deadline_is_the_schemas() -> None:
    assert annual_deadline(2011) == date(2012, 1, 15)


def test_most_files_arrive_before_their_deadline_and_some_after(tmp_path: Path) -> None:
    truth = generate_sample(tmp_path, provinces={"19", "06", "28", "01", "66", "11", "44"})
    years = {fact.file_name: fact.year for fact in truth}
    arrived = arrivals(tmp_path)
    assert set(arrived) == set(years)
    late = [
        name
        for name, when in arrived.items()
        if when.astimezone(VIETNAM).date() > annual_deadline(years[name])
    ]
    assert 0 < len(late) < len(arrived) / 4
    assert all(when.year == years[name] + 1 or when.month == 12 for name, when in arrived.items())


def test_a_file_arrives_at_the_same_time_in_any_subset(tmp_path: Path) -> None:
    truth = generate_sample(tmp_path / "one", provinces={"19"})
    generate_sample(tmp_path / "two", provinces={"19", "06"})
    one, two = arrivals(tmp_path / "one"), arrivals(tmp_path / "two")
    assert one == {name: two[name] for name in one}
    assert one == {fact.file_name: received_at(fact.file_name, fact.year, 2009) for fact in truth}


def test_the_rejected_file_is_written_only_when_asked_and_holds_no_truth(tmp_path: Path) -> None:
    generate_sample(tmp_path, provinces={"11"}, rejected=True)
    assert (tmp_path / REJECTED_FILE).exists()
    assert REJECTED_FILE not in {fact.file_name for fact in read_truth(tmp_path)}
    assert arrivals(tmp_path)[REJECTED_FILE].astimezone(VIETNAM).date() <= date(2014, 1, 15)
