"""Excel workbooks: the printable guide that `export` writes, and reading workbooks back for `import`.

Importing this package pulls in openpyxl, so only the commands that need it do.
"""
