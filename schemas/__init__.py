"""Domain knowledge kept as data: indicators, provinces, units, rules and expectation suites.

Code elsewhere asks this package for parsed data and never opens these files itself, so a
change of the reference data is a change of a data file, reviewed as such.
"""

from __future__ import annotations

import csv
import json
from functools import cache
from importlib import resources
from typing import Any

import yaml


def _text(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


@cache
def read_yaml(name: str) -> Any:
    """The parsed content of ``schemas/<name>`` (YAML)."""
    return yaml.safe_load(_text(name))


@cache
def read_json(name: str) -> Any:
    """The parsed content of ``schemas/<name>`` (JSON)."""
    return json.loads(_text(name))


@cache
def read_csv(name: str) -> tuple[dict[str, str], ...]:
    """The rows of ``schemas/<name>`` (CSV with a header) as dicts of strings."""
    return tuple(csv.DictReader(_text(name).splitlines()))
