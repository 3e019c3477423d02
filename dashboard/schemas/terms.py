"""The datasets' vocabulary without their schemas: the years they may hold, the trade dataset's measures, reporting
bases, partners, key and level column.

What only names these (figures, statements, the pipeline, the readers) imports them from here and needs no pandera.
"""

YEAR_MIN, YEAR_MAX = 1890, 2100

TURNOVER, EXPORTS, IMPORTS = "turnover", "china_exports_to_russia", "china_imports_from_russia"
MEASURES = (TURNOVER, EXPORTS, IMPORTS)
REPORTING_BASES = ("china_customs", "russia_customs", "official_statement", "article_2002", "unspecified")
PARTNERS = ("russia", "ussr")
KEY = ["year", "measure", "reporting_basis", "source_id"]
VALUE = "value_usd_bn"  # the level column of the trade frame, its preferred series and revisions
