"""Crashes the fuzzer finds that are still open, by the mutation that provokes them.

The bounded run in the test suite does not draw these mutations, so it stays green
while the fixes are under way; the long run (`make fuzz`) draws everything unless
given --skip-known.  When a fix lands, its replay test in tests/test_fuzz_corpus.py
turns XPASS (and, being strict, fails): remove the case's `unfixed` line from
fuzz/corpus/cases.toml, and the mutation's entry here once no case of it is unfixed.
"""

from __future__ import annotations

# mutation name (fuzz/documents.py TEXT_MUTATIONS, fuzz/workbooks.py MUTATIONS) -> issue point
UNFIXED_MUTATIONS: dict[str, str] = {}
