"""Reading workbooks back for `import` (see catalogtool.excel for the whole package)."""
