"""khuyencong: provincial khuyến công reports in, trustworthy national figures out."""

# Recorded with every fact and submission. Raise it whenever the reader reads some workbook
# differently: a nightly run then re-reads what a crashed run left in the inbox, and a backfill
# under the new version never resumes an old one's checkpoint.
PARSER_VERSION = "8"
