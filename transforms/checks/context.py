"""What every check shares: its signature at each level, and how near a sum must come."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from transforms.model import Finding
from transforms.reading.accounting import TableAccount
from transforms.reading.readings import TableReading, WorkbookFacts

TOTAL_TOLERANCE = Decimal("0.5")  # sources round to whole units: half of one is no mistake


def differs(stated: Decimal, added: Decimal) -> bool:
    """Whether a printed figure and the sum it should be differ by more than rounding: half a
    unit of the last digit both are written to, and never more than ``TOTAL_TOLERANCE`` (a
    total in whole triệu beside parts with decimals). Held to the figures' own digits, a
    reading that makes every figure small ("3.450" read as 3.45, with 1.200 and 2.150) cannot
    make a total hold that its digits contradict (3.450 is not 3.350)."""
    exponent = max(stated.as_tuple().exponent, added.as_tuple().exponent)
    assert isinstance(exponent, int)  # finite figures only: a cell never reads as NaN
    return abs(stated - added) > min(TOTAL_TOLERANCE, Decimal(5).scaleb(exponent - 1))


TableCheck = Callable[[TableReading], list[Finding]]
WorkbookCheck = Callable[[WorkbookFacts], list[Finding]]
AccountCheck = Callable[[TableAccount], list[Finding]]
