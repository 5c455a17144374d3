# Set-up and everyday commands.  Each target creates its own virtual environment
# (.venv) from the project's own files, so a fresh machine with Python 3.11 needs
# nothing else.
#
# .venv holds exactly the versions in requirements/test.lock (every runtime and test
# dependency, transitive ones and the build backend included, each with its hashes);
# pyproject.toml keeps the version ranges users install with.  `make lock` refreshes
# the lock; `make test-latest` runs the same checks on the newest releases instead.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out
LOCK := requirements/test.lock
# The drift check's environment: the newest releases pyproject.toml allows, no lock.
LATEST := .venv-latest
# The resolver `make lock` runs (in its own .venv-lock, never in .venv).
UV_VERSION := 0.13.8
LOCK_FLAGS ?= --upgrade
# What ruff checks.
SOURCES := catalogtool tests benchmarks fuzz scripts

.PHONY: demo test test-latest lint lock fuzz bench bench-national clean

# The lock is installed in hash-checking mode (pip refuses anything unpinned, unhashed
# or missing from it); catalogtool itself is then installed without dependencies and
# built by the locked hatchling (--no-build-isolation), so nothing unpinned is fetched.
$(BIN)/catalogtool: pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $@

## demo: install, then validate, diff, export and publish the shipped examples into out/
demo: $(BIN)/catalogtool
	$(BIN)/catalogtool validate examples/
	$(BIN)/catalogtool diff examples/2024 examples/2025
	$(BIN)/catalogtool diff examples/2024/plans examples/2025/plans
	@mkdir -p $(OUT)
	$(BIN)/catalogtool diff examples/2024 examples/2025 --format markdown -o $(OUT)/changes.md
	$(BIN)/catalogtool export examples/2025 --since examples/2024 -o $(OUT)/guide-2025.xlsx
	$(BIN)/catalogtool export examples/2025 --townships examples/townships.yaml -o $(OUT)/townships
	$(BIN)/catalogtool site examples -o $(OUT)/site
	@echo "Wrote $(OUT)/changes.md, $(OUT)/guide-2025.xlsx, $(OUT)/townships/ and $(OUT)/site/ (open $(OUT)/site/index.html)"

# The checks `test` and `test-latest` run, given the environment's bin folder.
define checks
	$(1)/ruff check $(SOURCES)
	$(1)/mypy
	$(1)/lint-imports --no-cache
	$(1)/catalogtool validate examples/
	$(1)/python -m pytest
endef

## test: install the locked test dependencies, then lint and run the whole test suite
test: $(BIN)/catalogtool
	$(call checks,$(BIN))

## test-latest: the same checks in a fresh .venv-latest holding the newest releases
## that pyproject.toml allows (the lock is ignored): shows drift before `make lock` does
test-latest:
	rm -rf $(LATEST)
	$(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/python -m pip install --quiet --upgrade pip
	$(LATEST)/bin/python -m pip install --quiet --upgrade -e ".[test]"
	$(call checks,$(LATEST)/bin)

lint: $(BIN)/catalogtool
	$(BIN)/ruff check $(SOURCES)
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

## lock: re-resolve requirements/test.lock to the newest releases that pyproject.toml and
## requirements/constraints.txt allow, with hashes (`make lock LOCK_FLAGS=` keeps the
## current pins and only adds what is missing)
lock:
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet uv==$(UV_VERSION)
	.venv-lock/bin/uv pip compile pyproject.toml requirements/build.in --extra test --universal --python-version 3.11 \
	    --generate-hashes --constraint requirements/constraints.txt $(LOCK_FLAGS) \
	    --custom-compile-command "make lock" --quiet -o $(LOCK)

## fuzz: a long fuzzing campaign of the loader, validate and import (docs/fuzzing.md);
## e.g. make fuzz FUZZ_ARGS="--documents 1000 --workbooks 100 --jobs 2"
FUZZ_ARGS ?= --documents 100000 --workbooks 5000
fuzz: $(BIN)/catalogtool
	$(BIN)/python -m fuzz.run $(FUZZ_ARGS)

## bench: generate large synthetic repositories and time validate, and the site and its search
bench: $(BIN)/catalogtool
	$(BIN)/python benchmarks/bench_validate.py
	$(BIN)/python benchmarks/bench_site.py
	$(BIN)/python benchmarks/bench_scale.py
	$(BIN)/python benchmarks/bench_excel.py

## bench-national: validate at the national scale (3.6 million items) and at 1/100 and 1/10 of it, to
## show how time grows; generates up to 1.4 GB in the temp folder (BENCH_WORKDIR=...), then deletes it
BENCH_WORKDIR ?= $(or $(TMPDIR),/tmp)
bench-national: $(BIN)/catalogtool
	$(BIN)/python benchmarks/bench_validate.py --skip-repository --workdir $(BENCH_WORKDIR) \
	    --national 0.01 --national 0.1 --national 1

clean:
	rm -rf $(VENV) $(LATEST) .venv-lock $(OUT) .pytest_cache .mypy_cache .ruff_cache .hypothesis fuzz/out
