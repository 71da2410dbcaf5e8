"""What one submitted file may cost before it is refused: budgets, as configured data.

The nightly takes whatever 63 offices send and must finish every night: a zip bomb, a merged
range over the whole grid or a csv line of millions of fields must cost its own file and
nothing else. The limits live in ``schemas/budgets.yaml`` with their defaults and reasons;
``Budgets`` holds them for one run (a test or a backfill may pass others). The format modules
check the cheap ones before any parser opens the file (``Format.preflight``), the reader checks
the grid it got (``check_workbook``), the sandbox the time and memory of each reader.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from functools import cache
from typing import Any

import schemas
from khuyencong.formats.unreadable import UnreadableFile
from transforms.model import Workbook

# After these, nothing opens the file again (the rejection report lists its findings alone)
REFUSING_RULES = frozenset({"file-too-large", "unsafe-file"})


@dataclass(frozen=True)
class Budgets:
    """The limits of ``schemas/budgets.yaml``, by name (see there for what each one bounds)."""

    file_bytes: int
    unzipped_bytes: int
    member_bytes: int
    inflate_ratio: int
    inflate_ratio_from_bytes: int
    xml_declarations: int
    sheets: int
    cells_per_sheet: int
    cells_per_workbook: int
    max_row: int
    max_column: int
    seconds_per_file: int
    memory_per_reader: int

    def check(self, name: str, measured: int | float, sheet: str | None = None) -> None:
        """Raise ``UnreadableFile`` when ``measured`` is over the budget ``name``."""
        if measured > getattr(self, name):
            raise over_budget(name, getattr(self, name), measured, sheet)


@cache
def _specs() -> dict[str, dict[str, Any]]:
    specs: dict[str, dict[str, Any]] = schemas.read_yaml("budgets.yaml")
    return specs


@cache
def _configured() -> Budgets:
    return Budgets(**{f.name: int(_specs()[f.name]["limit"]) for f in fields(Budgets)})


def default_budgets(**overrides: int) -> Budgets:
    """The configured budgets, with ``overrides`` (by name) in their place (built once: the
    reader asks for them for every file)."""
    return replace(_configured(), **overrides) if overrides else _configured()


def amount(value: int | float) -> str:
    """A number both languages read: digits grouped by spaces (17 179 869 184)."""
    return format(round(value), ",").replace(",", " ")


def over_budget(
    name: str, limit: int, measured: int | float | str, sheet: str | None = None
) -> UnreadableFile:
    """The refusal of a file over the budget ``name``: its rule, and a reason naming the limit
    and the measured value, in Vietnamese and English (``schemas/rules.yaml``)."""
    spec = _specs()[name]
    shown = measured if isinstance(measured, str) else amount(measured)
    place = f" on sheet {sheet!r}" if sheet else ""
    return UnreadableFile(
        spec["rule"],
        f"{spec['en']}{place} is {shown}, over the limit of {amount(limit)} ({name})",
        sheet=sheet,
        budget=name,
        limit=amount(limit),
        measured=shown,
        what_vi=spec["vi"],
        what_en=spec["en"],
    )


def check_workbook(workbook: Workbook, budgets: Budgets) -> Workbook:
    """``workbook`` if the grid a reader built is within ``budgets``; raises otherwise.

    The formats without a cheap look inside (.xls, .xlsb, the markup formats) are bounded
    here, once read, and by the sandbox's time and memory while they read.
    """
    budgets.check("sheets", len(workbook.sheets))
    total = 0
    for sheet in workbook.sheets:
        width = max(map(len, sheet.rows), default=0)
        cells = len(sheet.rows) * width
        budgets.check("cells_per_sheet", cells, sheet.name)
        for merged in sheet.merged:
            budgets.check("max_row", merged.last_row + 1, sheet.name)
            budgets.check("max_column", merged.last_col + 1, sheet.name)
            rows, columns = merged.last_row - merged.first_row, merged.last_col - merged.first_col
            budgets.check("cells_per_sheet", (rows + 1) * (columns + 1), sheet.name)
        total += cells
    budgets.check("cells_per_workbook", total)
    return workbook
