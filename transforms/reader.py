"""The reader's entry point, where code outside ``transforms`` imports it from.

The reader itself is ``transforms.reading`` (its stages) and ``transforms.checks``.
"""

from __future__ import annotations

from transforms.reading.workbook import understand_workbook

__all__ = ["understand_workbook"]
