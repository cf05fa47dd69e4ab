# licensegate developer tasks. `make help` lists them.
.DEFAULT_GOAL := help
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
TESTS ?=
EXAMPLE ?= examples/llama3.1/support-assistant.licensegate.yaml
# The real OPA library, a test-time oracle only (DESIGN.md §1). It declares Python >= 3.14 but is
# a ctypes wrapper that works on 3.10+, hence --no-deps --ignore-requires-python.
OPA_ORACLE := opa-golib-python-bindings==0.4.4

help: ## Show this help
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-12s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	@# Byte-compile the editable sources once: where PYTHONDONTWRITEBYTECODE is set, every run
	@# would otherwise recompile them (~20 ms of a cold start).
	$(BIN)/python -m compileall -q src
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/pip install --quiet --no-deps --ignore-requires-python $(OPA_ORACLE)
	touch $@

install: $(VENV)/.installed ## Create the virtualenv and install licensegate

demo: install ## Install, then check an example manifest (EXAMPLE=path to choose)
	$(BIN)/licensegate check $(EXAMPLE)

test: $(VENV)/.installed-test ## Run every test: unit, CLI, examples, Rego suites, parity with real OPA
	$(BIN)/python -m pytest $(if $(TESTS),-k '$(TESTS)',)

test-fast: $(VENV)/.installed-test ## Every test but the slow end-to-end ones (pre-commit, Action; marker `slow`)
	$(BIN)/python -m pytest -m 'not slow' $(if $(TESTS),-k '$(TESTS)',)

test-rego: install ## Run only the Rego unit tests, on the embedded engine
	$(BIN)/licensegate test

parity: $(VENV)/.installed-test ## Only the regorus-versus-real-OPA comparison
	$(BIN)/python -m pytest -m parity

fuzz: $(VENV)/.installed-test ## The long fuzz run (thousands of generated manifests; make test runs a small one)
	LICENSEGATE_FUZZ=fuzz $(BIN)/python -m pytest tests/test_fuzz.py -p no:cacheprovider

golden: $(VENV)/.installed-test ## Rewrite the format and review golden files, then review `git diff tests`
	$(BIN)/python -m pytest tests/formats tests/test_review.py --update-golden -q

generate: install ## Regenerate the license dispatch module and schemas/input.schema.json
	$(BIN)/python -m licensegate.dispatch > policies/licensegate/dispatch/dispatch.rego.new
	mv policies/licensegate/dispatch/dispatch.rego.new policies/licensegate/dispatch/dispatch.rego
	$(BIN)/python -m licensegate.inputschema > schemas/input.schema.json.new
	mv schemas/input.schema.json.new schemas/input.schema.json

docs: install ## Regenerate docs/manifest.md, policies/README.md and README.md's license table from their sources
	$(BIN)/python -m licensegate.schemadoc > docs/manifest.md
	$(BIN)/licensegate licenses --format markdown > policies/README.md
	$(BIN)/python -m licensegate.library_docs README.md

bench: $(VENV)/.installed-test ## Benchmarks (cold start, 10,000-manifest batch, regorus vs OPA); writes BENCHMARKS.md
	$(BIN)/python bench/run.py

lint: $(VENV)/.installed-test ## ruff and mypy
	$(BIN)/pip install --quiet ruff mypy types-PyYAML types-jsonschema
	$(BIN)/ruff check src tests
	$(BIN)/mypy src

clean: ## Remove the virtualenv and caches
	rm -rf $(VENV) .pytest_cache build dist src/*.egg-info

.PHONY: help install demo test test-fast test-rego parity golden generate docs bench lint clean
