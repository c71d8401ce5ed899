# Quick start: `make demo`, then `make test`. Everything installs into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo audit-demo test lint format bench eval fixtures corpus clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev,serve,ray]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/marker batch fixtures/portfolios -o out/grid.xlsx --feedback out/feedback
	$(BIN)/marker check fixtures/portfolios/mixed_plan_in_prose.docx --format html -o out/feedback.html --annotate out/mixed_plan_in_prose.commented.docx
	@echo "Assessor grid: out/grid.xlsx (each learner's page and commented copy in out/feedback/); learner feedback: out/feedback.html; commented copy: out/mixed_plan_in_prose.commented.docx"
	@echo "Web app: $(BIN)/marker serve --db out/audit.db   then open http://127.0.0.1:8000/ (learners) and /review (assessors)"

# A centre's consistency audit: the engine marks the fixtures into a database, a term's
# assessor decisions (fixtures/decisions/, made by fixtures/generate_decisions.py) go in,
# and the report says which assessors and marking points to sample first.
audit-demo: install
	rm -f out/audit.db
	$(BIN)/marker batch fixtures/portfolios -o out/audit-grid.jsonl --db out/audit.db
	$(BIN)/marker audit record fixtures/decisions/2025.csv --portfolios fixtures/portfolios --db out/audit.db
	$(BIN)/marker audit report --db out/audit.db --as-of 2025-12-01 -o out/audit.html
	@echo "Audit report: out/audit.html"

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# BASELINE=DIR: a checkout of another commit (git worktree add DIR main), for the cold start
bench: install
	$(BIN)/python benchmarks/bench.py $(if $(BASELINE),--baseline $(BASELINE))

eval: install
	$(BIN)/python eval/run.py

# Every eval/<set>/ written as data (src/ + expectations/, docgen/FORMAT.md): src/ -> portfolios/.
corpus: install
	$(BIN)/python -m docgen corpus

fixtures: install
	$(BIN)/python fixtures/generate.py
	$(BIN)/python fixtures/generate_decisions.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
