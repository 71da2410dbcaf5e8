"""The reader's checks, one module per rule code, run by level in the order listed here.

A check compares what a file states with what its own figures give (a printed total with its
details, a total funding with its parts, a summary with its project list) or reports what the
reader could not take (a row or a column of figures no indicator claims). Each module beside
this one has ``RULE`` (its ``RuleCode``) and ``check(context) -> list[Finding]``: a table's
checks take a ``TableReading``, a workbook's a ``WorkbookFacts``
(``transforms.reading.readings``), and the numbers a table's reading left take a ``TableAccount``
(``transforms.reading.accounting``). The run-level rules over all facts of a run are the
expectation suite's, in ``transforms.checks.suite``.

Adding a rule: its entry in ``schemas/rules.yaml``, its ``RuleCode`` member, a module here,
and its line below.
"""

from __future__ import annotations

from transforms.checks import (
    ambiguous_actual_column,
    ambiguous_indicator,
    cell_not_read,
    column_total_mismatch,
    duplicate_indicator,
    funding_split_mismatch,
    money_column_not_read,
    no_actual_column,
    percent_mismatch,
    project_list_mismatch,
    row_in_unproven_sum,
    row_not_read,
    total_mismatch,
)
from transforms.checks.context import AccountCheck, TableCheck, WorkbookCheck
from transforms.model import Finding
from transforms.reading.accounting import TableAccount
from transforms.reading.readings import TableReading, WorkbookFacts

# each table, once its shape has read it
TABLE_CHECKS: tuple[TableCheck, ...] = (
    money_column_not_read.check,
    ambiguous_indicator.check,
    row_in_unproven_sum.check,
    ambiguous_actual_column.check,
    no_actual_column.check,
    total_mismatch.check,
    column_total_mismatch.check,
    percent_mismatch.check,
)

# each table's numbers, once its facts and its checks' findings account for them
ACCOUNT_CHECKS: tuple[AccountCheck, ...] = (
    row_not_read.check,
    cell_not_read.check,
)

# the workbook, once every table is read and repeats are kept once
WORKBOOK_CHECKS: tuple[WorkbookCheck, ...] = (
    duplicate_indicator.check,
    funding_split_mismatch.check,
    project_list_mismatch.check,
)


def check_table(reading: TableReading) -> list[Finding]:
    return [found for check in TABLE_CHECKS for found in check(reading)]


def check_account(account: TableAccount) -> list[Finding]:
    return [found for check in ACCOUNT_CHECKS for found in check(account)]


def check_workbook(workbook: WorkbookFacts) -> list[Finding]:
    return [found for check in WORKBOOK_CHECKS for found in check(workbook)]
