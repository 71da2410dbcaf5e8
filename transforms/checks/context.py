"""What every check shares: its signature at each level, and how near a sum must come."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from transforms.model import Finding
from transforms.reading.accounting import TableAccount
from transforms.reading.readings import TableReading, WorkbookFacts

TOTAL_TOLERANCE = Decimal("0.5")  # sources round to whole units: half of one is no mistake

TableCheck = Callable[[TableReading], list[Finding]]
WorkbookCheck = Callable[[WorkbookFacts], list[Finding]]
AccountCheck = Callable[[TableAccount], list[Finding]]
