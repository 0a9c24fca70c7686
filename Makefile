# One command to set up and run, one to test (README).  Everything lives in .venv.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	# an editable install leaves the project's own modules uncompiled, and where
	# PYTHONDONTWRITEBYTECODE is set nothing writes them later: every command would compile
	# them again at start (~0.07 s of a 0.5 s report); write them once here
	$(BIN)/python -m compileall -q tracker
	touch $(STAMP)

setup: $(STAMP)

# Opens the app on the sample office (its own demo store, loaded on first use).
run: $(STAMP)
	$(BIN)/tracker demo

test: $(STAMP)
	$(BIN)/ruff check --select F,E9 --quiet tracker tests bench migrations sample_data
	$(BIN)/pytest -q -n 2 -p no:cacheprovider

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache
