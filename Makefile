# The README's quick start: `make run` starts the bot, `make test` runs lint, types and tests.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-test
RUN_STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck pytest clean

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "councilbot needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

# The development install also puts the checkout's own bench/ and testing/ (benchmarks and the
# loopback fakes, which the installed package does not carry) on the venv's path.
$(STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -c 'import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()["purelib"], "councilbot-checkout.pth").write_text(str(pathlib.Path.cwd()) + "\n")'
	@touch $@ $(RUN_STAMP)

run: $(RUN_STAMP)
	$(BIN)/councilbot run

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

# Two workers: most tests wait on loopback servers, so two share the cores well (about a third of
# the serial time). A single test or folder runs serially: `.venv/bin/pytest tests/...`.
pytest: $(STAMP)
	$(BIN)/pytest -n 2

test: lint typecheck pytest

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
