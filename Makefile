# Two commands for a fresh machine:  `make demo`  and  `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: demo test lint typecheck unit quality bench fixtures clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) install .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(PIP) install -e ".[dev]"
	touch $@ $(VENV)/.installed

## demo: create .venv, install the tool, and score a bundled sample resume against the bundled postings
demo: $(VENV)/.installed
	$(BIN)/skills-matcher score sample_resumes/r02_him_manager_rhia_community.md --format table --top 5

## test: create .venv with the dev extras, lint, type-check and run the test suite
test: $(VENV)/.dev-installed lint typecheck unit

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.dev-installed
	$(BIN)/mypy

unit: $(VENV)/.dev-installed
	$(BIN)/python -m pytest -q

## quality: the quality report on the dev set (extraction and fit scores, each next to its baseline)
quality: $(VENV)/.dev-installed
	$(BIN)/python benchmarks/eval_extraction.py
	$(BIN)/python benchmarks/eval_fit.py

## bench: throughput and start-up benchmarks (prints measured numbers)
bench: $(VENV)/.dev-installed
	$(BIN)/python benchmarks/bench_extract.py
	$(BIN)/python benchmarks/bench_score.py
	$(BIN)/python benchmarks/bench_batch.py --postings 50000

## fixtures: regenerate the PDF and DOCX sample resumes from their text sources (byte-reproducible)
fixtures: $(VENV)/.dev-installed
	$(BIN)/python scripts/make_resume_files.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
