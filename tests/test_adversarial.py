"""Hostile lines: every rule, date and byline pattern runs in linear time.

The budgets are generous (seconds for inputs that take milliseconds): they catch
catastrophic regex backtracking, not slowness.
"""

from __future__ import annotations

import time

import pytest

import newsclean
from newsclean.extract.judge import extract
from newsclean.extract.metadata import is_date_line, parse_date, parse_dateline
from newsclean.options import Options

HOSTILE = {
    "separators": "Share | " * 20_000,
    "spaces": " " * 200_000 + "x",
    "dashes": "-" * 200_000,
    "digits": "1" * 200_000,
    "by": "By " * 50_000,
    "dates": "March 22, " * 20_000,
    "credits": "Photo: " * 30_000,
    "punctuation": "a.b.c-d_e/f:g " * 20_000,
    "url": "http://" + "a." * 100_000,
    "hex": "ab12" * 50_000,
    "datelines": "WASHINGTON (AP) — " * 10_000,
    "parentheses": "(" * 100_000 + ")" * 100_000,
    "cjk": "。" * 200_000,
    "one word": "a" * 500_000,
    "html-like": "<p>" * 100_000,
}
BUDGET = 5.0


def _timed(func, *args) -> float:
    """The processor time *func* takes: a quadratic path blows the budget many times over,
    and other work on a busy machine does not count."""
    started = time.process_time()
    func(*args)
    return time.process_time() - started


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_line_rules_are_linear(name):
    line = HOSTILE[name]
    assert _timed(extract, line, Options()) < BUDGET
    assert _timed(extract, (line[:300] + "\n") * 2_000, Options()) < BUDGET
    assert _timed(parse_date, line, True) < BUDGET
    assert _timed(is_date_line, line) < BUDGET
    assert _timed(parse_dateline, line) < BUDGET


@pytest.mark.parametrize("name", ["separators", "credits", "html-like", "cjk"])
def test_whole_pipeline_on_hostile_bytes(name):
    data = HOSTILE[name].encode("utf-8")
    assert _timed(newsclean.clean, data) < BUDGET
