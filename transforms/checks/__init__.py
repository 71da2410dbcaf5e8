"""Checks: one module per rule code, each ``check(context) -> list[Finding]``.

A check compares what a file states with what its own figures give (a printed total with its
details, a total funding with its parts, a summary with its project list) or reports what the
reader could not take (a row or a column of figures no indicator claims). ``registry`` lists
them by level: a table's checks take a ``TableReading``, a workbook's a ``WorkbookFacts``.
"""
