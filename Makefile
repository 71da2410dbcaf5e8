# The two commands a new user needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOME_DIR ?= data

.DEFAULT_GOAL := help
.PHONY: help setup run test lint bench fuzz clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-8s %s\n", $$1, $$2}'

# The lock decides, not the day: every package, with its hash, comes from requirements.lock
# and installs with --no-deps, so the pip that `python3 -m venv` ships never resolves anything
# against what the registry serves today (pip 23 rejects the lock's own httpx once a newer one
# appears); `pip check` then proves the lock complete. The build backend is pinned the same way.
PIP := $(BIN)/pip --disable-pip-version-check --quiet
$(STAMP): requirements.lock build-requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --no-deps --require-hashes -r build-requirements.lock
	$(PIP) install --no-deps --require-hashes -r requirements.lock
	$(PIP) install --no-deps --no-build-isolation -e .
	$(BIN)/pip check
	touch $(STAMP)

# The reader compiled with mypyc (devtools/compile_reader.py), again whenever a module of it
# changes; without a C compiler it stays pure Python, and says so. Until it is built again, an
# edited module runs from its source (transforms/compiled.py), never a stale build.
COMPILED := transforms/compiled.json
$(COMPILED): $(STAMP) $(shell find transforms -name '*.py') devtools/compile_reader.py
	$(BIN)/python -m devtools.compile_reader

setup: $(STAMP) $(COMPILED) ## create .venv, install the pinned dependencies, compile the reader

run: $(STAMP) $(COMPILED) ## generate the sample inbox, run the nightly job on it, write the report
	$(BIN)/khuyencong sample --out $(HOME_DIR)/sample_inbox
	$(BIN)/khuyencong run --inbox $(HOME_DIR)/sample_inbox --home $(HOME_DIR)
	$(BIN)/khuyencong report --home $(HOME_DIR)

test: lint $(COMPILED) ## run the linters and the test suite
	$(BIN)/pytest -q

fuzz: $(STAMP) $(COMPILED) ## the fuzz tests (tests/fuzz) with 10,000 examples each: minutes, not run by CI
	$(BIN)/pytest -q -p no:cacheprovider --hypothesis-profile=fuzz tests/fuzz

BENCH_ARGS ?= --sizes 200,1000 --runs 3
bench: $(STAMP) $(COMPILED) ## khuyencong vs the naive way and the floor: one table (BENCH_ARGS="--sizes 200,1000,5000")
	$(BIN)/python -m benchmarks.bench $(BENCH_ARGS)

lint: $(STAMP) ## ruff check, ruff format check, mypy --strict on transforms/ and khuyencong/formats/, import layers
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

clean: ## remove the virtualenv, the compiled reader and the data home
	rm -rf $(VENV) $(HOME_DIR) $(COMPILED)
	find transforms -name '*.so' -delete
