"""Writing the Excel guide `export` makes (see catalogtool.excel for the whole package)."""
