"""Crashes the fuzzer finds that are still open, by the mutation that provokes them.

The bounded run in the test suite does not draw these mutations, so it stays green
while the fixes are under way; the long run (`make fuzz`) draws everything unless
given --skip-known.  When a fix lands, its replay test in tests/test_fuzz_corpus.py
turns XPASS (and, being strict, fails): remove the case's `unfixed` line from
fuzz/corpus/cases.toml, and the mutation's entry here once no case of it is unfixed.
"""

from __future__ import annotations

# mutation name (fuzz/documents.py TEXT_MUTATIONS, fuzz/workbooks.py MUTATIONS) -> issue point
UNFIXED_MUTATIONS: dict[str, str] = {
    "tagged-value": "issue 7 point 21 (`!!bool 2`, `!!int` with no value: KeyError, IndexError in the loader)",
    "huge-int": "issue 7 point 22 (a 4,000-digit integer: ValueError when a message prints it)",
    "meta-format": 'issue 7 point 25 ("format": null, "2", [1] on the export sheet: TypeError)',
    "zip-header": 'issue 7 point 25 ("version needed" of a zip entry: NotImplementedError)',
    "far-cell": "issue 7 point 25 (a cell at row 1,048,576: minutes and gigabytes)",
    "lose-meta": "issue 7 point 26 (export sheet renamed or deleted: exit 0, documents dropped)",
    "meta-cell": "issue 7 point 26 (the export sheet's mark in A1 retyped or its row deleted: as lose-meta)",
}
