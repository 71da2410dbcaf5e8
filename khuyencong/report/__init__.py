"""The coordinator's report: national figures, rankings, the reporting gap map and data quality
of a range of years, as one offline HTML page and a ministry workbook.

``figures`` reads the marts (read-only), ``charts`` draws them, ``page`` renders the HTML,
``workbook`` writes the XLSX and ``build`` writes both files.
"""

from khuyencong.report.build import ReportFiles, write_report

__all__ = ["ReportFiles", "write_report"]
