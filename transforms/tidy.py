"""The facts as the expectation suite checks them: derived columns beside the lake's own.

The lake's row shapes and lineage are in ``transforms.contracts``.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from transforms.indicators import catalogue


def validation_frame(
    facts: pa.Table, province_spans: pd.DataFrame, reference: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The facts with the derived columns the expectation suite checks.

    GX checks columns, so each rule that needs context becomes a boolean column here: whether a
    count is whole, whether the province unit existed during the period, whether the value is
    within what one province can plausibly report (a thousandfold unit error is not).
    ``province_spans`` has code, valid_from, valid_to (NaT when still valid).
    """
    frame = facts.select(
        [
            "sha256",
            "sheet",
            "cell",
            "province_code",
            "period_start",
            "period_end",
            "year",
            "indicator",
            "value",
            "raw_value",
            "basis",
        ]
    ).to_pandas()
    frame["value"] = frame["value"].astype(float)
    indicators = catalogue()
    is_count = frame["indicator"].map(
        lambda code: code in indicators and indicators[code].measure == "count"
    )
    frame["is_whole_if_count"] = ~is_count.astype(bool) | (frame["value"] % 1 == 0)
    maxima = frame["indicator"].map(
        lambda code: float(indicators[code].max_per_report) if code in indicators else float("inf")
    )
    frame["within_plausible_range"] = frame["value"] <= maxima
    spans = province_spans.rename(columns={"code": "province_code"})
    joined = frame.reset_index().merge(spans, on="province_code", how="left")
    period_start = pd.to_datetime(joined["period_start"])
    period_end = pd.to_datetime(joined["period_end"])
    overlaps = (pd.to_datetime(joined["valid_from"]) <= period_end) & (
        joined["valid_to"].isna() | (pd.to_datetime(joined["valid_to"]) >= period_start)
    )
    valid = overlaps.groupby(joined["index"]).any()
    frame["province_valid_for_period"] = valid.reindex(frame.index, fill_value=False).astype(bool)
    frame["peer_ratio"] = peer_ratios(frame, reference)
    frame["scale_like_peers"] = ~frame["peer_ratio"].map(looks_like_unit_error)
    frame["previous_year_value"] = previous_year_stock(frame, reference)
    frame["stock_change_plausible"] = ~stock_jumps(frame["value"], frame["previous_year_value"])
    return frame


PEER_MINIMUM = 5
UNIT_ERROR_RATIO = 300.0


def peer_ratios(frame: pd.DataFrame, reference: pd.DataFrame | None = None) -> pd.Series:
    """Each money fact's report total divided by the median report of its peers.

    Peers are the other reports of the same indicator and year: those of the run, and those
    already in the warehouse (``reference``: province_code, indicator, year, value), so that a
    backfill of a single province is still compared with the rest of the country. A province's
    money a thousand times its peers' (or a thousandth) is the classic đồng / triệu đồng
    mix-up; a count cannot be checked this way, since provinces differ in size by a factor of
    a hundred. Returns 1.0 where there are too few peers or the fact is not money.
    """
    money = frame["indicator"].map(
        lambda code: code in catalogue() and catalogue()[code].measure == "money"
    ) & (frame["basis"] == "actual")
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


STOCK_JUMP_RATIO = 5.0
STOCK_JUMP_MINIMUM = 20.0


def previous_year_stock(frame: pd.DataFrame, reference: pd.DataFrame | None) -> pd.Series:
    """The warehouse's value of the same stock, province and previous year (NaN if none)."""
    if reference is None or reference.empty:
        return pd.Series(float("nan"), index=frame.index)
    stocks = {code for code, indicator in catalogue().items() if indicator.kind == "stock"}
    history = reference[reference["indicator"].isin(stocks)].assign(year=lambda r: r["year"] + 1)
    history = history.groupby(["province_code", "indicator", "year"], as_index=False)["value"].sum()
    lookup = frame[["province_code", "indicator", "year"]].merge(
        history, on=["province_code", "indicator", "year"], how="left"
    )
    return lookup["value"].astype(float).set_axis(frame.index)


def stock_jumps(values: pd.Series, previous: pd.Series) -> pd.Series:
    """A stock (craft villages) that grew or shrank fivefold, and by 20 or more, in a year.

    Villages are recognised a few at a time; such a jump is usually a typing or scope error
    (all craft villages written where recognised ones were meant), or a merger of provinces.
    """
    change = (values - previous).abs()
    ratio = values / previous
    jumped = (ratio >= STOCK_JUMP_RATIO) | (ratio <= 1 / STOCK_JUMP_RATIO)
    return (jumped & (change >= STOCK_JUMP_MINIMUM) & previous.notna()).fillna(False).astype(bool)


def looks_like_unit_error(ratio: float) -> bool:
    return ratio >= UNIT_ERROR_RATIO or ratio <= 1 / UNIT_ERROR_RATIO
