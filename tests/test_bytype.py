"""Extraction that follows the page type: a forum's replies, a listing's items, a page in <noscript>."""

from __future__ import annotations

from pathlib import Path

import newsclean
from newsclean.document import Document
from newsclean.extract.html.blocks import blocks, parse, title_text
from newsclean.extract.html.bytype import CONFIDENCE, PROFILES, Profile, profile_for
from newsclean.extract.html.dom import structure_lines
from newsclean.extract.html.pagetype import TYPES
from newsclean.extract.judge import extract_lines
from newsclean.options import Options

FIXTURES = Path(__file__).parent / "fixtures" / "html"


def read(name: str, profile: Profile | None) -> Document:
    """The page read by the rules (no block model), as an article or with *profile*."""
    tree = parse((FIXTURES / name).read_text(encoding="utf-8"))
    lines, structure = structure_lines(title_text(tree), blocks(tree))
    structure.profile = profile
    return extract_lines(lines, Options(block_model=False), dom=structure)


def test_a_forum_keeps_every_post_not_only_the_first():
    article = read("forum_thread.html", None)
    forum = read("forum_thread.html", PROFILES["forum"])
    replies = ("Four minute cycles", "Opened every valve", "anti-cycling timer")
    assert article.body.startswith("Our air-to-water heat pump")
    assert not all(reply in article.body for reply in replies)  # the later ones read as comments
    assert all(reply in forum.body for reply in replies)
    assert forum.body.index("Our air-to-water heat pump") < forum.body.index(replies[0])
    for boilerplate in ("Log in", "Related topics", "Buffer tank or no", "Terms of Service"):
        assert boilerplate not in forum.body
    assert {r.reason for r in forum.removed if r.text == "Related topics"} == {"related"}


def test_a_listing_keeps_its_items_titles_and_teasers():
    article = read("listing.html", None)
    listing = read("listing.html", PROFILES["listing"])
    titles = [
        "Wind farm off the north coast gets final approval",
        "Power bills to fall by 6 per cent in spring",
        "Town votes to keep its hydro plant public",
    ]
    assert sum(title in article.body for title in titles) < len(titles)
    for title in titles:
        assert title in listing.paragraphs
    assert "Residents rejected a sale of the century-old plant" in listing.body
    for boilerplate in ("Sport", "Weather", "About us", "Privacy policy"):
        assert boilerplate not in listing.paragraphs


def test_the_type_is_followed_only_when_the_model_is_sure():
    assert profile_for("forum", CONFIDENCE) is PROFILES["forum"]
    assert profile_for("forum", CONFIDENCE - 0.01) is None
    assert profile_for("article", 0.99) is None
    assert profile_for(None, None) is None
    assert set(PROFILES) == {
        "forum",
        "listing",
        "collection",
        "product",
        "service",
        "documentation",
    }


def test_follow_type_off_gives_the_article_reading():
    data = (FIXTURES / "forum_thread.html").read_bytes()
    plain = newsclean.clean(data, follow_type=False, block_model=False)
    assert plain.body == read("forum_thread.html", None).body
    followed = newsclean.clean(data, block_model=False)
    assert followed.page_type is not None and followed.page_type_confidence is not None
    profile = profile_for(followed.page_type, followed.page_type_confidence)
    if profile is None:
        assert followed.body == plain.body
    else:
        assert "Opened every valve" in followed.body or profile.kind != "forum"


POST = (
    "<p>The council approved the new library on Tuesday after two years of debate about "
    "its cost, its site by the river and the number of parking spaces it would need.</p>"
    "<p>Building work starts in March and the library should open in the autumn of next "
    "year, with a children's floor, a café and rooms that local groups can book.</p>"
    "<p>The mayor said the old library on Station Road would be sold and the money used "
    "to pay back part of the loan that the council took out for the new building.</p>"
    "<p>Opponents had argued for repairing the old building instead, but a survey found "
    "that its roof and wiring would cost almost as much as a new library to replace.</p>"
)


def test_a_page_served_inside_noscript_is_read():
    html = (
        "<html><head><title>Library approved</title></head><body>"
        "<div id='app'></div><noscript><main><h1>Library approved</h1>"
        + POST
        + "</main></noscript></body></html>"
    )
    document = newsclean.clean(html, input="html", block_model=False)
    assert "The council approved the new library" in document.body


def test_a_noscript_notice_is_not_read():
    html = (
        "<html><head><title>Library approved</title></head><body><main>"
        + POST
        + "</main><noscript>Please enable JavaScript to use this site.</noscript></body></html>"
    )
    document = newsclean.clean(html, input="html", block_model=False)
    assert "enable JavaScript" not in document.body
    assert "enable JavaScript" not in " ".join(d.text for d in document.decisions)


def test_a_product_page_keeps_the_sections_beside_its_description():
    article = read("product_sections.html", None)
    product = read("product_sections.html", PROFILES["product"])
    sections = (
        "Shell: recycled nylon with a waterproof membrane",
        "Trim fit, room for a light fleece",
    )
    assert "The Trail Runner 2 is a light, packable rain jacket" in article.body
    assert not all(
        section in article.body for section in sections
    )  # the container is the description
    assert "The Trail Runner 2 is a light, packable rain jacket" in product.body
    for section in sections:
        assert section in product.body
    for boilerplate in ("Women", "Sign up for our newsletter", "All rights reserved"):
        assert boilerplate not in product.body


def test_a_product_page_drops_its_customer_reviews_and_small_print():
    product = read("product_reviews.html", PROFILES["product"])
    for kept in (
        "The Harbour brews up to twelve cups",
        "Its borosilicate glass carafe",
        "Material: borosilicate glass, oiled walnut collar",
    ):
        assert kept in product.body
    # The reviews hold more of the page's prose than the description: only their name
    # tells them from it.
    reasons = {r.text[:30]: r.reason for r in product.removed}
    assert reasons["I have used mine every morning"] == "comment"
    assert reasons["Better than my old machine"] == "comment"
    assert reasons["Prices and availability are su"] == "footer"
    assert "chipped the spout" not in product.body
    # Read without the page's type, the same names mark no widget.
    service = read("product_reviews.html", PROFILES["service"])
    assert "I have used mine every morning" in service.body
    assert "Prices and availability" not in service.body


def test_a_review_article_keeps_a_body_named_review():
    html = (
        "<html><head><title>Harbour coffee maker review</title></head><body><main>"
        "<h1>Harbour coffee maker review</h1><div class='review-body'>"
        + POST
        + "</div></main></body></html>"
    )
    tree = parse(html)
    lines, structure = structure_lines(title_text(tree), blocks(tree))
    document = extract_lines(lines, Options(block_model=False), dom=structure)
    assert "The council approved the new library" in document.body
    assert "Building work starts in March" in document.body


class _Unsure:
    """A page-type model that takes every page for *kind* with probability *confidence*
    (an article with a quarter, the other types with what is left)."""

    def __init__(self, kind: str, confidence: float) -> None:
        self.kind, self.confidence = kind, confidence

    def predict(self, row: list[float]) -> tuple[str, float]:
        return self.kind, self.confidence

    def probabilities(self, row: list[float]) -> list[float]:
        rest = (1.0 - self.confidence - 0.25) / (len(TYPES) - 2)
        return [
            self.confidence if kind == self.kind else 0.25 if kind == "article" else rest
            for kind in TYPES
        ]


def test_a_type_ahead_of_the_others_is_followed_though_under_even_odds():
    # Seven types share the probability: a forum at 0.4, an article at 0.25, is a forum.
    data = (FIXTURES / "forum_thread.html").read_bytes()
    document = newsclean.clean(data, block_model=False, page_type_model=_Unsure("forum", 0.4))
    assert document.page_type == "forum" and document.page_type_confidence == 0.4
    for reply in ("Four minute cycles", "Opened every valve", "anti-cycling timer"):
        assert reply in document.body
    assert profile_for("forum", 0.4) is PROFILES["forum"]
    assert profile_for("forum", 0.3) is None


def test_a_text_dump_needs_a_surer_type_to_be_read_whole():
    # A dump is typed from its lines alone: at 0.4 it is still read as an article.
    data = (Path(__file__).parent / "fixtures" / "service_sections.txt").read_bytes()
    plain = newsclean.clean(data, input="text", follow_type=False)
    unsure = newsclean.clean(data, input="text", page_type_model=_Unsure("service", 0.4))
    sure = newsclean.clean(data, input="text", page_type_model=_Unsure("service", 0.5))
    assert unsure.page_type == "service" and unsure.body == plain.body
    assert sure.body != plain.body
