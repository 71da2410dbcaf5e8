"""khuyencong: provincial khuyến công reports in, trustworthy national figures out."""

PARSER_VERSION = "1"
