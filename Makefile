# Developer shortcuts. The benchmark data lives in ../shared (not shipped with the package).
PYTHON ?= python
SHARED ?= ../shared

.PHONY: test bench bench-quick bench-suites suites bench-wcxb bench-pagetype

test:
	$(PYTHON) -m pytest

bench: suites
	$(PYTHON) bench/run.py --shared $(SHARED) --update BENCHMARKS.md
	$(PYTHON) bench/batch.py --shared $(SHARED) --update BENCHMARKS.md
	$(PYTHON) bench/warc.py --shared $(SHARED) --update BENCHMARKS.md
	$(PYTHON) bench/wcxb.py --shared $(SHARED) --cv --update BENCHMARKS.md
	$(PYTHON) bench/pagetype.py --shared $(SHARED) --update BENCHMARKS.md

bench-quick:
	$(PYTHON) bench/run.py --shared $(SHARED) --repeat 1

# The own suites (bench/out/, not in git): file suite and mojibake cases from real text.
suites:
	$(PYTHON) bench/make_file_suite.py --shared $(SHARED)
	$(PYTHON) bench/make_mojibake_cases.py --shared $(SHARED)

bench-suites: suites
	$(PYTHON) bench/run.py --shared $(SHARED) --only realtext --only filesuite --only mojisuite --update BENCHMARKS.md

bench-wcxb:
	$(PYTHON) bench/wcxb.py --shared $(SHARED) --cv --update BENCHMARKS.md

bench-pagetype:
	$(PYTHON) bench/pagetype.py --shared $(SHARED) --update BENCHMARKS.md
