"""The coordinator's report: national figures, rankings, the reporting gap map and data quality
of a range of years, as one offline HTML page and a ministry workbook.

``figures`` reads the marts (read-only), ``charts`` draws them, ``page`` renders the HTML,
``workbook`` writes the XLSX and ``build`` writes both files.
"""

from khuyencong.report.build import (
    REPORTS_FOLDER,
    ReportFiles,
    default_report_files,
    write_report,
)

__all__ = ["REPORTS_FOLDER", "ReportFiles", "default_report_files", "write_report"]
