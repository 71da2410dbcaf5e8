import gc

import pytest

from khuyencong.gc_pace import fewer_collections


def test_the_collector_runs_less_often_within_the_block_and_as_before_after_it() -> None:
    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold() == (50_000, 20, 100)
    assert gc.get_threshold() == before


def test_the_pace_is_restored_when_the_block_fails() -> None:
    gc.set_threshold(700, 10, 10)
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("a run that fails")
    assert gc.get_threshold() == (700, 10, 10)
