"""Excel workbooks: the printable guide that `export` writes, and reading workbooks back for `import`.

Most modules here pull in openpyxl, so commands import them only when they run;
inputs.py and model.py do not.  Writing: inputs.py (what a guide is made from) ->
export.py (puts it together) from sheets.py and rows.py (the data sheets),
cover.py (说明), stats.py (统计), compare_sheet.py (新旧对照表), clean.py, on top of
columns.py (the contract import reads back by), model.py, headings.py, layout.py,
styles.py and cells.py.  Reading: importer.py, then yamlout.py.
"""
