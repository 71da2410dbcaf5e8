from __future__ import annotations

from tests.transforms.checks.suite.frames import facts, references, reports
from transforms.checks.suite.likely_unit_error import RULE, looks_like_unit_error


def funding(province: str, value: float, **more: object) -> dict[str, object]:
    return {
        "sha256": f"report of {province}",
        "province_code": province,
        "indicator": "extension_funding",
        "value": value,
    } | more


FOUR_PEERS = [funding(p, 100.0) for p in ["01", "02", "04", "06"]]


def ratios_beside_four_peers(*rows: dict[str, object]) -> list[float]:
    """The peer ratios of Thái Nguyên's ``rows``, reported with four provinces' 100 each."""
    frame = facts(*FOUR_PEERS, *rows)
    return RULE.columns(frame, references())["peer_ratio"].tolist()[len(FOUR_PEERS) :]


def test_a_report_a_thousand_times_the_median_of_its_peers_looks_like_a_unit_error() -> None:
    columns = RULE.columns(facts(*FOUR_PEERS, funding("19", 100_000.0)), references())
    assert columns["peer_ratio"].tolist() == [1.0, 1.0, 1.0, 1.0, 1000.0]
    assert columns["scale_like_peers"].tolist() == [True, True, True, True, False]


def test_a_report_sums_its_facts_before_it_is_compared() -> None:
    rows = [funding("19", 60_000.0, cell="D4"), funding("19", 40_000.0, cell="D5")]
    assert ratios_beside_four_peers(*rows) == [1000.0, 1000.0]


def test_with_fewer_than_five_peers_nothing_is_compared() -> None:
    frame = facts(*FOUR_PEERS[:3], funding("19", 100_000.0))
    assert RULE.columns(frame, references())["peer_ratio"].tolist() == [1.0] * 4


def test_counts_and_plans_are_not_compared() -> None:
    rows = [
        funding("19", 100_000.0, indicator="trained_workers"),
        funding("19", 100_000.0, basis="plan"),
    ]
    assert ratios_beside_four_peers(*rows) == [1.0, 1.0]


def test_the_warehouse_supplies_the_peers_but_a_report_is_never_its_own_peer() -> None:
    warehouse = reports(
        *((p, "extension_funding", 2010, 100.0) for p in ["01", "02", "04", "06"]),
        ("19", "extension_funding", 2010, 100_000.0),  # the same report, read before
    )
    frame = facts(funding("19", 100_000.0))
    assert RULE.columns(frame, references(warehouse))["peer_ratio"].tolist() == [1000.0]


def test_a_unit_error_is_a_factor_of_three_hundred_either_way() -> None:
    assert [looks_like_unit_error(r) for r in [300.0, 299.0, 1 / 299, 1 / 300]] == [
        True,
        False,
        False,
        True,
    ]
