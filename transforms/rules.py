"""The stable codes of every finding, as a type: a typo in a rule code fails at import.

``schemas/rules.yaml`` holds each rule's severity and messages; this enum names the same codes
in code. The two must list the same codes, and they are compared when this module is imported,
so a rule added to one and forgotten in the other stops every run and every test at once.
"""

from __future__ import annotations

from enum import StrEnum

import schemas


class RuleCode(StrEnum):
    """A rule of ``schemas/rules.yaml``, by its kebab-case code (never renamed)."""

    UNREADABLE_FILE = "unreadable-file"
    PASSWORD_PROTECTED = "password-protected"
    NOT_A_SPREADSHEET = "not-a-spreadsheet"
    EMPTY_WORKBOOK = "empty-workbook"
    NO_TABLE_FOUND = "no-table-found"
    NO_INDICATOR_RECOGNISED = "no-indicator-recognised"
    NOT_A_KHUYEN_CONG_REPORT = "not-a-khuyen-cong-report"
    ROW_NOT_READ = "row-not-read"
    ROW_IN_UNPROVEN_SUM = "row-in-unproven-sum"
    CELL_NOT_READ = "cell-not-read"
    PROVINCE_MISSING = "province-missing"
    PROVINCE_CONFLICT = "province-conflict"
    UNKNOWN_PROVINCE = "unknown-province"
    FORMER_PROVINCE = "former-province"
    MERGED_PROVINCE = "merged-province"
    PERIOD_MISSING = "period-missing"
    PERIOD_CONFLICT = "period-conflict"
    UNPARSEABLE_NUMBER = "unparseable-number"
    EXCEL_ERROR = "excel-error"
    AMBIGUOUS_INDICATOR = "ambiguous-indicator"
    MONEY_COLUMN_NOT_READ = "money-column-not-read"
    MERGED_VALUE = "merged-value"
    PROVINCE_LISTED_TWICE = "province-listed-twice"
    HIDDEN_CELLS_IGNORED = "hidden-cells-ignored"
    UNIT_MISMATCH = "unit-mismatch"
    MONEY_UNIT_MISSING = "money-unit-missing"
    MONEY_UNIT_CONFLICT = "money-unit-conflict"
    NO_ACTUAL_COLUMN = "no-actual-column"
    AMBIGUOUS_ACTUAL_COLUMN = "ambiguous-actual-column"
    DUPLICATE_INDICATOR = "duplicate-indicator"
    FUNDING_SPLIT_MISMATCH = "funding-split-mismatch"
    PROJECT_LIST_MISMATCH = "project-list-mismatch"
    PERCENT_MISMATCH = "percent-mismatch"
    TOTAL_MISMATCH = "total-mismatch"
    COLUMN_TOTAL_MISMATCH = "column-total-mismatch"
    ONLY_A_PLAN = "only-a-plan"
    PLAN_NOT_LOADED = "plan-not-loaded"
    ESTIMATE_NOT_LOADED = "estimate-not-loaded"
    LEGACY_ENCODING_REPAIRED = "legacy-encoding-repaired"
    NEGATIVE_VALUE = "negative-value"
    NOT_WHOLE_NUMBER = "not-whole-number"
    YEAR_OUT_OF_RANGE = "year-out-of-range"
    PROVINCE_NOT_VALID_FOR_PERIOD = "province-not-valid-for-period"
    UNKNOWN_INDICATOR = "unknown-indicator"
    VALUE_OUT_OF_RANGE = "value-out-of-range"
    LIKELY_UNIT_ERROR = "likely-unit-error"
    STOCK_JUMP = "stock-jump"
    RESUBMISSION = "resubmission"
    DUPLICATE_FILE = "duplicate-file"
    FILE_TOO_LARGE = "file-too-large"
    UNSAFE_FILE = "unsafe-file"
    COMPILATION_MISMATCH = "compilation-mismatch"


def _check_against_schema() -> None:
    in_schema = set(schemas.read_yaml("rules.yaml"))
    in_code = {code.value for code in RuleCode}
    if in_schema != in_code:
        raise RuntimeError(
            "transforms.rules.RuleCode and schemas/rules.yaml disagree: "
            f"only in rules.yaml: {sorted(in_schema - in_code)}, "
            f"only in RuleCode: {sorted(in_code - in_schema)}"
        )


_check_against_schema()
