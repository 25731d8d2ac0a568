# Everyday commands; CI runs `.ci/run`: lint (ruff, mypy), then the README's test command.
PYTHON ?= python3

.PHONY: install test test-fast lint bench check
install:
	$(PYTHON) -m pip install -e '.[test,dev]'

test:
	$(PYTHON) -m pytest

# Everything but tests/faults/ (kills, full disks, damaged indexes): a minute or two.
test-fast:
	$(PYTHON) -m pytest --ignore=tests/faults

lint:
	$(PYTHON) -m ruff check src tests bench
	$(PYTHON) -m mypy

bench:
	$(PYTHON) bench/run_all.py

check: lint test
