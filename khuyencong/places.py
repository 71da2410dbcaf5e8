"""Where a data home keeps each thing.

The home is a local folder: the DuckDB warehouse, the quarantine, Data Docs, the run lock and
Prefect's database need a real disk. The archive of originals and the Parquet lake are by
default folders of the home, but either may be an fsspec URL instead (``s3://bucket/lake``),
so that many machines can share them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from khuyencong import storage
from khuyencong.storage import Location


@dataclass(frozen=True)
class Places:
    home: Path
    archive: str
    lake: str

    @classmethod
    def of(
        cls, home: Path | str, archive: Location | None = None, lake: Location | None = None
    ) -> Places:
        """The places of ``home``: its own ``archive`` and ``lake`` folders unless given."""
        home = Path(home)
        return cls(
            home=home,
            archive=storage.absolute(archive or home / "archive"),
            lake=storage.absolute(lake or home / "lake"),
        )

    @property
    def warehouse(self) -> Path:
        return self.home / "warehouse.duckdb"

    @property
    def quarantine(self) -> Path:
        return self.home / "quarantine"

    @property
    def data_docs(self) -> Path:
        return self.home / "data_docs"
