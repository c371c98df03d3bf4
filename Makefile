# Developer shortcuts. The benchmark data lives in ../shared (not shipped with the package).
PYTHON ?= python
SHARED ?= ../shared

.PHONY: test bench bench-quick

test:
	$(PYTHON) -m pytest

bench:
	$(PYTHON) bench/run.py --shared $(SHARED) --update BENCHMARKS.md
	$(PYTHON) bench/batch.py --shared $(SHARED) --update BENCHMARKS.md
	$(PYTHON) bench/warc.py --shared $(SHARED) --update BENCHMARKS.md

bench-quick:
	$(PYTHON) bench/run.py --shared $(SHARED) --repeat 1
