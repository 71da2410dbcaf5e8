"""likely-unit-error: a province's money a thousand times its peers' (or a thousandth).

It is the classic đồng / triệu đồng mix-up. A count cannot be checked this way, since
provinces differ in size by a factor of a hundred.
"""

from __future__ import annotations

import pandas as pd

from transforms.checks.suite.spec import References, SuiteRule, of_indicator, values_true
from transforms.rules import RuleCode

PEER_MINIMUM = 5
UNIT_ERROR_RATIO = 300.0


def peer_ratios(frame: pd.DataFrame, reference: pd.DataFrame | None = None) -> pd.Series:
    """Each money fact's report total divided by the median report of its peers.

    Peers are the other reports of the same indicator and year: those of the run, and those
    already in the warehouse (``reference``: province_code, indicator, year, value), so that a
    backfill of a single province is still compared with the rest of the country. Returns 1.0
    where there are too few peers or the fact is not money.
    """
    is_money = of_indicator(frame, lambda indicator: indicator.measure == "money", False)
    money = is_money.astype(bool) & (frame["basis"] == "actual")
    keys = ["sha256", "province_code", "indicator", "year"]
    reports = frame[money].groupby(keys, as_index=False)["value"].sum()
    if reports.empty:
        return pd.Series(1.0, index=frame.index)
    known = reference if reference is not None else pd.DataFrame(columns=[*keys[1:], "value"])
    known = known.assign(sha256="warehouse")[[*keys, "value"]]
    run_keys = set(
        zip(reports["province_code"], reports["indicator"], reports["year"], strict=True)
    )
    # a report re-read by a backfill is in the warehouse too: do not let it be its own peer
    own = zip(known["province_code"], known["indicator"], known["year"], strict=True)
    known = known[pd.Series([key not in run_keys for key in own], index=known.index, dtype=bool)]
    everyone = pd.concat([reports, known], ignore_index=True)
    everyone = everyone[everyone["value"] > 0]
    peers = everyone.groupby(["indicator", "year"])["value"]
    medians = peers.median().rename("median")
    counts = peers.count().rename("peers")
    reports = reports.join(medians, on=["indicator", "year"]).join(counts, on=["indicator", "year"])
    ratio = reports["value"] / reports["median"]
    reports["ratio"] = ratio.where((reports["peers"] >= PEER_MINIMUM) & (reports["value"] > 0), 1.0)
    ratios = frame[keys].merge(reports[[*keys, "ratio"]], on=keys, how="left")["ratio"]
    return ratios.fillna(1.0).set_axis(frame.index)


def looks_like_unit_error(ratio: float) -> bool:
    return ratio >= UNIT_ERROR_RATIO or ratio <= 1 / UNIT_ERROR_RATIO


def scale_like_peers(facts: pd.DataFrame, references: References) -> dict[str, pd.Series]:
    """``peer_ratio`` (for the message) and ``scale_like_peers``: no unit error in sight."""
    ratios = peer_ratios(facts, references.reports)
    return {"peer_ratio": ratios, "scale_like_peers": ~ratios.map(looks_like_unit_error)}


RULE = SuiteRule(
    RuleCode.LIKELY_UNIT_ERROR,
    values_true("scale_like_peers"),
    features=scale_like_peers,
)
