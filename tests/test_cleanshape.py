"""Texts that are an article already: an extractor's output is taken as it is."""

from __future__ import annotations

from conftest import ROOT

import newsclean

STORY = ROOT / "tests" / "fixtures" / "html" / "story.html"
#: What a recipe or a guide holds besides prose, kept by an extractor: subheads, a list's
#: short items, a line of figures.
EXTRAS = [
    "What the repairs cost",
    "Steel cables: £5.1 million",
    "Deck surface: £3.4 million",
    "Supports and bearings: £2.9 million",
    "Design and supervision: £0.8 million",
    "What comes next",
]


def _extracted() -> tuple[str, list[str]]:
    """The fixture story as an extractor writes it: its headline, then a paragraph or an
    item per line, no blank lines, with a cost breakdown and a subhead among the paragraphs."""
    page = newsclean.clean(STORY.read_bytes(), input="html")
    paragraphs = [*page.paragraphs[:2], *EXTRAS, *page.paragraphs[2:]]
    return "\n".join([page.title, *paragraphs]) + "\n", paragraphs


def test_an_extractors_output_is_kept_whole():
    """No line of it is a page's furniture (no menu, share button, legal link, byline or
    date line): the subheads and the list's items an extractor kept stay, which the region
    and context steps would drop from a page's dump for being short and not prose."""
    text, paragraphs = _extracted()
    document = newsclean.clean(text, input="text")
    assert document.paragraphs == paragraphs
    assert document.title == text.split("\n")[0]
    assert not document.removed
    kept = [d for d in document.decisions if d.keep and d.role == "body"]
    assert all("furniture" in d.evidence for d in kept)


def test_a_dump_with_a_pages_furniture_is_read_as_a_page():
    """One menu line, one share line or a byline makes it a page's dump again: the rules and
    the model judge each line, and the furniture goes."""
    text, _ = _extracted()
    title, rest = text.split("\n", 1)
    for furniture in ("Home | News | Sport | Weather", "Share on Facebook | Tweet | Email"):
        document = newsclean.clean(f"{furniture}\n{title}\n{rest}", input="text")
        assert furniture in [r.text for r in document.removed]
        assert not any("furniture" in d.evidence for d in document.decisions)


def test_cleaning_an_extractors_output_twice_changes_nothing():
    text, _ = _extracted()
    once = newsclean.clean(text, input="text")
    again = newsclean.clean(once.text, input="text")
    assert (again.title, again.paragraphs) == (once.title, once.paragraphs)
