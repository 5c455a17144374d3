# Set-up and everyday commands.  Each target creates its own virtual environment
# (.venv) from the project's own files, so a fresh machine with Python 3.11 needs
# nothing else.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out

.PHONY: demo test lint bench clean

$(BIN)/catalogtool: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $@

## demo: install, then validate, diff and export the shipped examples into out/
demo: $(BIN)/catalogtool
	$(BIN)/catalogtool validate examples/
	$(BIN)/catalogtool diff examples/2024 examples/2025
	@mkdir -p $(OUT)
	$(BIN)/catalogtool diff examples/2024 examples/2025 --format markdown -o $(OUT)/changes.md
	$(BIN)/catalogtool export examples/2025 --since examples/2024 -o $(OUT)/guide-2025.xlsx
	$(BIN)/catalogtool export examples/2025 --townships examples/townships.yaml -o $(OUT)/townships
	@echo "Wrote $(OUT)/changes.md, $(OUT)/guide-2025.xlsx and $(OUT)/townships/"

## test: install with test dependencies, then lint and run the whole test suite
test: $(BIN)/catalogtool
	$(BIN)/ruff check catalogtool tests benchmarks
	$(BIN)/mypy
	$(BIN)/catalogtool validate examples/
	$(BIN)/python -m pytest

lint: $(BIN)/catalogtool
	$(BIN)/ruff check catalogtool tests benchmarks
	$(BIN)/mypy

## bench: generate a large synthetic repository and time validate on it
bench: $(BIN)/catalogtool
	$(BIN)/python benchmarks/bench_validate.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache .hypothesis
