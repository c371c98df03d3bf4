"""Properties that hold for any input: nothing raises, nothing is invented, ASCII is never repaired."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsclean
from newsclean.pipeline import normalize_newlines

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LONE_SURROGATE = re.compile("[\ud800-\udfff]")

# Text that looks a little like a page: lines of words, punctuation, blank lines, some non-ASCII.
words = st.sampled_from(["the", "council", "said", "on", "Monday", "Skip", "to", "content", "Share",
                         "Ã©", "café", "麻豆", "Москва", "—", "2023", "By", "Reuters", "Photo:", "©"])
lines = st.lists(words, min_size=0, max_size=25).map(" ".join)
pages = st.lists(lines, min_size=0, max_size=30).map("\n".join)


def _valid(text: str) -> None:
    assert "\x00" not in text
    assert not LONE_SURROGATE.search(text)
    text.encode("utf-8")


@SETTINGS
@given(st.binary(max_size=3000))
def test_decode_never_raises_on_bytes(data):
    decoded = newsclean.decode(data)
    assert not LONE_SURROGATE.search(decoded.text)
    assert decoded.method and 0.0 <= decoded.confidence <= 1.0


@SETTINGS
@given(st.binary(max_size=3000))
def test_clean_never_raises_on_bytes(data):
    doc = newsclean.clean(data)
    for text in [doc.title, *doc.paragraphs]:
        _valid(text)
    doc.to_dict()


@SETTINGS
@given(st.text(max_size=2000))
def test_repair_and_clean_never_raise_on_text(text):
    newsclean.repair(text)
    doc = newsclean.clean(text)
    for part in [doc.title, *doc.paragraphs]:
        assert "\x00" not in part


@SETTINGS
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=2000))
def test_repair_never_changes_ascii(text):
    repaired = newsclean.repair(text)
    assert repaired.text == text and not repaired.repairs


@SETTINGS
@given(pages)
def test_clean_keeps_order_and_invents_nothing(text):
    doc = newsclean.clean(text)
    source = newsclean.repair(normalize_newlines(text)).text.split("\n")
    stripped = [line.strip() for line in source]
    position = -1
    for paragraph in doc.paragraphs:
        assert paragraph in stripped[position + 1:], paragraph
        position = stripped.index(paragraph, position + 1)
    if doc.title:
        assert doc.title in stripped


@SETTINGS
@given(pages)
def test_repair_is_idempotent(text):
    once = newsclean.repair(text).text
    assert newsclean.repair(once).text == once


@SETTINGS
@given(pages)
def test_every_line_has_one_decision(text):
    doc = newsclean.clean(text)
    numbers = [d.line for d in doc.decisions]
    assert numbers == list(range(1, len(numbers) + 1))
    assert all(r.reason for r in doc.removed)
    assert len(doc.removed) == sum(1 for d in doc.decisions if not d.keep and d.role != "blank")
