"""What every check shares: its signature at each level (how near a sum must come is
``transforms.numbers.differs``)."""

from __future__ import annotations

from collections.abc import Callable

from transforms.model import Finding
from transforms.reading.accounting import TableAccount
from transforms.reading.readings import TableReading, WorkbookFacts

TableCheck = Callable[[TableReading], list[Finding]]
WorkbookCheck = Callable[[WorkbookFacts], list[Finding]]
AccountCheck = Callable[[TableAccount], list[Finding]]
