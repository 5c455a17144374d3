"""Excel workbooks: the printable guide `export` writes, and reading workbooks back for `import`.

Only workbooks: validating the documents and comparing editions is the commands'
work (catalogtool.export_inputs, catalogtool.import_check), and writing YAML the
YAML writer's (catalogtool.yaml_writer).  What a sheet's columns are, and how a
cell's text becomes a value, the kinds declare (catalogtool.kinds.columns,
catalogtool.kinds.codecs): both directions ask them.  Most modules pull in
openpyxl, so commands import them only when they run.

write/  workbook.py puts the guide together from sheets.py (each document's
        sheets) over tables.py and rows.py (a list's or a tree's rows),
        cover.py (说明), stats.py (统计) and compare_sheet.py (新旧对照表);
        clean.py and limits.py deal with text no cell can hold first;
        context.py (notices), headings.py, layout.py and styles.py serve them all.
read/   importer.py tells an exported workbook (exported.py, exported_rows.py)
        from a published table (published.py, published_header.py,
        published_tree.py); opening.py and census.py refuse what is not a sane
        .xlsx before openpyxl reads it, and reading.py reads cells honestly.
Shared: cells.py (text that survives Excel, WPS and LibreOffice) and
        contract.py (the hidden sheet and defined names export promises import).
"""
