# Two commands for a fresh machine:  `make demo`  and  `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: demo test lint typecheck unit quality bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) install .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(PIP) install -e ".[dev]"
	touch $@ $(VENV)/.installed

## demo: create .venv, install the tool, and run it on the bundled sample data
demo: $(VENV)/.installed
	$(BIN)/skills-matcher taxonomy validate
	$(BIN)/skills-matcher extract --format table \
		sample_postings/p001_him_director_riverbend.txt sample_resumes/r02_him_manager_rhia_community.md

## test: create .venv with the dev extras, lint, type-check and run the test suite
test: $(VENV)/.dev-installed lint typecheck unit

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.dev-installed
	$(BIN)/mypy

unit: $(VENV)/.dev-installed
	$(BIN)/python -m pytest -q

## quality: extraction precision/recall on the dev set
quality: $(VENV)/.dev-installed
	$(BIN)/python benchmarks/eval_extraction.py

## bench: throughput and start-up benchmarks (prints measured numbers)
bench: $(VENV)/.dev-installed
	$(BIN)/python benchmarks/bench_extract.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
