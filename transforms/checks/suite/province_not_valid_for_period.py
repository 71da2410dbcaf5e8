"""province-not-valid-for-period: the province unit did not exist in the report's period.

Provinces merge and split (Hà Tây joined Hà Nội in 2008): a report of Hà Tây for 2010 names
a unit that no longer existed, whatever its letterhead says.
"""

from __future__ import annotations

import pandas as pd

from transforms.checks.suite.spec import References, SuiteRule, values_true
from transforms.rules import RuleCode


def valid_for_period(facts: pd.DataFrame, references: References) -> dict[str, pd.Series]:
    """``province_valid_for_period``: one of the province code's spans overlaps the period.

    Decided once per report (province and period: a few hundred in a run of 90,000 facts), then
    spread onto its facts."""
    keys = ["province_code", "period_start", "period_end"]
    reports = facts[keys].drop_duplicates().reset_index(drop=True)
    spans = references.province_spans.rename(columns={"code": "province_code"})
    joined = reports.reset_index().merge(spans, on="province_code", how="left")
    period_start = pd.to_datetime(joined["period_start"])
    period_end = pd.to_datetime(joined["period_end"])
    overlaps = (pd.to_datetime(joined["valid_from"]) <= period_end) & (
        joined["valid_to"].isna() | (pd.to_datetime(joined["valid_to"]) >= period_start)
    )
    valid = overlaps.groupby(joined["index"]).any().reindex(range(len(reports)), fill_value=False)
    decided = reports.assign(valid=valid.astype(bool))
    spread = facts[keys].merge(decided, on=keys, how="left")["valid"]
    return {"province_valid_for_period": spread.fillna(False).astype(bool).set_axis(facts.index)}


RULE = SuiteRule(
    RuleCode.PROVINCE_NOT_VALID_FOR_PERIOD,
    values_true("province_valid_for_period"),
    value_column="province_code",
    features=valid_for_period,
)
