"""Column documentation of the marts, kept as data in ``warehouse/columns.yaml``.

A column is documented once under ``columns`` for every mart that has it, unless a mart gives
it its own meaning under ``models`` (``province_code`` is the 2025 unit's code in
``province_indicator_year_current``). Every doc is bilingual, ``vi`` and ``en``; ``header`` is an
optional short Vietnamese column header for spreadsheets (default: ``vi``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

DOCS_FILE = "columns.yaml"


@dataclass(frozen=True)
class Doc:
    vi: str
    en: str
    header: str = ""

    @property
    def header_vi(self) -> str:
        """The Vietnamese column header of a spreadsheet export."""
        return self.header or self.vi

    @property
    def comment(self) -> str:
        """The bilingual text of a COMMENT: "Mã tỉnh (GSO) / Province GSO code"."""
        return f"{self.vi} / {self.en}"


@dataclass(frozen=True)
class ColumnDocs:
    shared: dict[str, Doc]
    by_model: dict[str, dict[str, Doc]]

    def get(self, model: str, column: str) -> Doc | None:
        """The doc of ``column`` in the mart ``model``: its own if it has one, else the shared."""
        return self.by_model.get(model, {}).get(column) or self.shared.get(column)


def _doc(where: str, entry: object) -> Doc:
    if not isinstance(entry, dict) or not entry.get("vi") or not entry.get("en"):
        raise ValueError(f"{DOCS_FILE}: {where} needs both a 'vi' and an 'en' text")
    return Doc(
        vi=str(entry["vi"]).strip(),
        en=str(entry["en"]).strip(),
        header=str(entry.get("header") or "").strip(),
    )


@cache
def column_docs() -> ColumnDocs:
    """The column docs of ``warehouse/columns.yaml``; raises on an entry without both languages."""
    text = resources.files("warehouse").joinpath(DOCS_FILE).read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    shared = {name: _doc(f"columns.{name}", entry) for name, entry in data["columns"].items()}
    by_model = {
        model: {name: _doc(f"models.{model}.{name}", entry) for name, entry in columns.items()}
        for model, columns in (data.get("models") or {}).items()
    }
    return ColumnDocs(shared, by_model)
