"""Correct text written by people is never changed by repair.

The fixture (tests/fixtures/real_text/lines.jsonl, 27 languages) always runs. The second part
reads every non-ASCII line of the WCXB and Zyte dev references in ../shared and skips without
it; the references that hold real mojibake are listed, with their expected repair, in
tests/fixtures/real_text/reference_mojibake.json.
"""

from __future__ import annotations

import sys
from collections import defaultdict

import pytest
from conftest import ROOT, SHARED

sys.path.insert(0, str(ROOT / "bench"))
import real_text
import text_sources

import newsclean

FIXTURE = real_text.fixture_lines()
BY_LANG: dict[str, list[str]] = defaultdict(list)
for _record in FIXTURE:
    BY_LANG[_record["lang"]].append(_record["text"])

# Fixture lines repair is known to change, by line hash, with what it does (strict xfails: a fix
# must take the entry out). None today.
KNOWN_CHANGED: dict[str, str] = {}

needs_references = pytest.mark.skipif(
    not (SHARED / "bench" / "wcxb" / "dev").is_dir()
    or not (SHARED / "bench" / "extraction" / "dev").is_dir(),
    reason="WCXB and Zyte dev references not found at ../shared/bench (benchmark data is not in the repository)",
)


def _changed(lines: list[str], expected: list[str] | None = None) -> list[str]:
    expected = expected or lines
    return [
        f"{line!r} -> {out!r}"
        for line, want in zip(lines, expected)
        if (out := newsclean.repair(line).text) != want
    ]


def test_fixture_is_real_multilingual_text():
    # At least 15 languages besides English, each with sentences and short headlines.
    assert len(BY_LANG) >= 16
    assert set(KNOWN_CHANGED) <= {text_sources.line_hash(r["text"]) for r in FIXTURE}
    for lang, lines in BY_LANG.items():
        assert all(not line.isascii() for line in lines), lang
        if lang != "en":
            assert any(len(line) < 40 for line in lines) and any(
                text_sources.is_sentence(line) for line in lines
            ), lang


def _fixture_params():
    counts: dict[str, int] = defaultdict(int)
    for record in FIXTURE:
        counts[record["lang"]] += 1
        reason = KNOWN_CHANGED.get(text_sources.line_hash(record["text"]))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        yield pytest.param(
            record["text"], id=f"{record['lang']}-{counts[record['lang']]}", marks=marks
        )


@pytest.mark.parametrize("line", list(_fixture_params()))
def test_repair_leaves_correct_lines_alone(line):
    assert newsclean.repair(line).text == line


@pytest.fixture(scope="module")
def references():
    return text_sources.reference_lines(SHARED)


@needs_references
def test_listed_mojibake_is_in_the_references(references):
    """The list of broken references is current: each entry is a line there, and each listed
    repair really changes its line."""
    repairs, unrepairable = real_text.load_listed()
    present = {text_sources.line_hash(line): line for _, line in references}
    missing = sorted(set(repairs) - set(present)) + sorted(set(unrepairable) - set(present))
    assert not missing, f"listed lines not found in the references: {missing}"
    for key, entry in repairs.items():
        assert real_text.apply_fixes(present[key], entry["fixes"]) != present[key], entry


@needs_references
def test_references_unchanged_or_repaired_as_listed(references):
    repairs, _ = real_text.load_listed()
    lines = [line for _, line in references]
    expected = [real_text.expected_for(line, repairs) for line in lines]
    wrong = _changed(lines, expected)
    assert not wrong, f"{len(wrong)} of {len(lines)} reference lines come out wrong:\n" + "\n".join(
        wrong[:40]
    )
