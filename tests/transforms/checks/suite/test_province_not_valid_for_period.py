from __future__ import annotations

from datetime import date

from tests.transforms.checks.suite.frames import facts, spans
from transforms.checks.suite.province_not_valid_for_period import RULE
from transforms.checks.suite.spec import References

HA_NOI = [("01", "2004-01-01", "2008-07-31"), ("01", "2008-08-01", None)]
HA_TAY = ("28", "2004-01-01", "2008-07-31")


def year(code: str, year: int) -> dict[str, object]:
    return {
        "province_code": code,
        "period_start": date(year, 1, 1),
        "period_end": date(year, 12, 31),
        "year": year,
    }


def test_a_province_is_valid_for_a_period_one_of_its_spans_overlaps() -> None:
    frame = facts(year("28", 2007), year("28", 2008), year("28", 2010), year("01", 2010))
    columns = RULE.columns(frame, References(spans(*HA_NOI, HA_TAY)))
    assert columns["province_valid_for_period"].tolist() == [True, True, False, True]


def test_a_code_the_province_list_does_not_hold_is_valid_for_no_period() -> None:
    columns = RULE.columns(facts(year("99", 2010)), References(spans(HA_TAY)))
    assert columns["province_valid_for_period"].tolist() == [False]
