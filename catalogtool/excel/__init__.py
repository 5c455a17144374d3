"""Excel workbooks: the printable guide that `export` writes, and reading workbooks back for `import`.

Most modules here pull in openpyxl, so commands import them only when they run;
inputs.py and model.py do not.  Writing: inputs.py (what a guide is made from) ->
export.py (puts it together) from sheets.py and rows.py (the data sheets),
cover.py (说明), stats.py (统计), compare_sheet.py (新旧对照表), clean.py and limits.py
(text no cell can hold), on top of columns.py (the contract import reads back by),
model.py, headings.py, layout.py, styles.py and cells.py.  Reading: census.py (which
cells hold data, absurd files refused before openpyxl sees them) and reading.py
(opening a workbook safely, reading cells, what an import yields) under importer.py
(workbooks export wrote) and published.py (published catalog tables), then
yamlout.py; validation.py places validate's problems of the written YAML back at
the sheet and cell they came from.
"""
