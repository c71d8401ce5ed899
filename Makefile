# Quick start: `make demo`, then `make test`. Everything installs into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint format bench eval fixtures clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/marker batch fixtures/portfolios -o out/grid.xlsx
	$(BIN)/marker check fixtures/portfolios/mixed_plan_in_prose.docx --format html -o out/feedback.html --annotate out/mixed_plan_in_prose.commented.docx
	@echo "Assessor grid: out/grid.xlsx; learner feedback: out/feedback.html; commented copy: out/mixed_plan_in_prose.commented.docx"

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install
	$(BIN)/python benchmarks/bench.py

eval: install
	$(BIN)/python eval/run.py

fixtures: install
	$(BIN)/python fixtures/generate.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
