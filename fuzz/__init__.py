"""Fuzzing catalogtool: hostile YAML documents and workbooks against the loader,
`validate` and `import`, judged by the contract's promises (docs/fuzzing.md)."""
