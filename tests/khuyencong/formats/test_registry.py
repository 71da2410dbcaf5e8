"""The registry of formats: every format module is in it once, and no two claim a suffix."""

from __future__ import annotations

import importlib
import pkgutil

import khuyencong.formats
from khuyencong.formats import FORMATS
from khuyencong.formats.base import Format


def test_every_format_module_is_registered_once() -> None:
    defined = []
    for module in pkgutil.iter_modules(khuyencong.formats.__path__):
        found = getattr(
            importlib.import_module(f"khuyencong.formats.{module.name}"), "FORMAT", None
        )
        if isinstance(found, Format):
            defined.append(found.name)
    assert sorted(defined) == sorted(f.name for f in FORMATS)
    assert len({f.name for f in FORMATS}) == len(FORMATS)


def test_a_suffix_names_one_format_at_most() -> None:
    suffixes = [suffix for f in FORMATS for suffix in f.suffixes]
    assert len(suffixes) == len(set(suffixes))
    assert all(suffix == suffix.lower() for suffix in suffixes)


def test_only_the_formats_openpyxl_edits_are_editable() -> None:
    assert {f.name for f in FORMATS if f.editable} == {"xlsx"}
