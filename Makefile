# Everyday commands; CI runs `.ci/run`, which is `make check` in a fresh venv.
PYTHON ?= python3

.PHONY: install test lint bench check
install:
	$(PYTHON) -m pip install -e '.[test,dev]'

test:
	$(PYTHON) -m pytest

lint:
	$(PYTHON) -m ruff check src tests bench
	$(PYTHON) -m mypy

bench:
	$(PYTHON) bench/run_all.py

check: test
