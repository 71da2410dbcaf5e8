"""The facts as the expectation suite checks them: derived columns beside the lake's own.

The lake's row shapes and lineage are in ``transforms.contracts``.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from transforms.checks.suite import feature_columns


def validation_frame(
    facts: pa.Table, province_spans: pd.DataFrame, reference: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The facts with the feature columns of every rule of the expectation suite.

    GX checks columns, so each rule that needs context adds its columns here (see
    ``transforms.checks.suite``). ``province_spans`` has code, valid_from, valid_to (NaT when
    still valid); ``reference`` the warehouse's values by province_code, indicator, year.
    """
    taken = facts.select(
        [
            "sha256",
            "sheet",
            "cell",
            "province_code",
            "period_start",
            "period_end",
            "year",
            "indicator",
            "value",
            "raw_value",
            "basis",
        ]
    )
    frame = taken.combine_chunks().to_pandas()  # a run's facts come a chunk a file
    frame["value"] = frame["value"].astype(float)
    return frame.assign(**feature_columns(frame, province_spans, reference))
