"""What an exported workbook promises `import` beyond its columns: the hidden sheet and the defined names.

The columns themselves are the kinds' (catalogtool.kinds.columns, each kind's
tables); change anything here and workbooks exported before no longer import.
"""

from __future__ import annotations

FORMAT_VERSION = 1
META_SHEET = "_catalogtool"
META_MARK = "catalogtool-export"
# Each data sheet's defined name: catalogtool_doc<number>_<section key>, pointing at its header row.
DEFINED_NAME_PREFIX = "catalogtool_doc"
