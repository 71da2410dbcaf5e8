"""The reader's tests live in ``tests/transforms/`` beside the code they test (``reading/``,
``checks/``); the report rows they share are ``tests.transforms.reports``.

Re-exported here for the pipeline's tests that import them from this module (test_cli.py,
test_pipeline.py, nightly.py).
"""

from tests.transforms.reports import activity_rows, regional_rows, title, transposed_rows

__all__ = ["activity_rows", "regional_rows", "title", "transposed_rows"]
