"""Documentation pages: code samples in tabs, section anchors, generated class names."""

from __future__ import annotations

from pathlib import Path

import newsclean
from newsclean.document import Document
from newsclean.extract.html.blocks import blocks, hides_tabs, parse
from newsclean.extract.html.bytype import PROFILES, Profile
from newsclean.extract.html.dom import structure_lines
from newsclean.extract.html.names import heading_anchor, name_words
from newsclean.extract.judge import extract_lines
from newsclean.options import Options

FIXTURES = Path(__file__).parent / "fixtures" / "html"
MANUAL = FIXTURES / "manual_page.html"

GO_SAMPLE = 'c := relay.NewClient("localhost")'
RUBY_SAMPLE = 'client = Relay::Client.new("localhost")'


def read(html: str, profile: Profile | None) -> Document:
    """The page read by the rules (no block model), as an article or with *profile*."""
    tree = parse(html)
    lines, structure = structure_lines(None, blocks(tree))
    structure.profile = profile
    return extract_lines(lines, Options(block_model=False), dom=structure)


def test_a_manual_reads_the_code_of_every_tab():
    document = newsclean.clean(MANUAL.read_bytes(), input="html")
    assert document.page_type == "documentation", "the fixture must read as a manual"
    body = document.body
    assert 'client = Client("localhost")' in body  # the tab shown
    assert GO_SAMPLE in body and RUBY_SAMPLE in body  # the tabs hidden until chosen
    assert "go get" in body and "bundle install" in body
    # A hidden element that is no tab panel stays hidden.
    assert "Careers" not in " ".join(d.text for d in document.decisions)


def test_hidden_tab_panels_are_read_only_when_asked():
    tree = parse(MANUAL.read_text(encoding="utf-8"))
    assert hides_tabs(tree)
    plain = " ".join(block.text for block in blocks(tree))
    tabs = " ".join(block.text for block in blocks(tree, show_tabs=True))
    assert GO_SAMPLE not in plain and RUBY_SAMPLE not in plain
    assert GO_SAMPLE in tabs and RUBY_SAMPLE in tabs
    assert "Careers" not in tabs
    assert not hides_tabs(parse("<div role=tabpanel><p>Shown</p></div><div hidden>Menu</div>"))
    assert PROFILES["documentation"].tabs and not PROFILES["forum"].tabs


def test_section_anchors_are_not_widget_names():
    document = read(MANUAL.read_text(encoding="utf-8"), PROFILES["documentation"])
    # "real-time-…" is no date, "respond-to-…-comments" no comment box, "more-on-…" no teaser.
    for sentence in (
        "Consumers that stay connected receive each message",
        "A message that fails five times in a row",
        "A consumer may attach a short comment to a message it rejects",
    ):
        assert sentence in document.body
    assert {r.reason for r in document.removed} >= {"nav", "ad"}


def test_a_named_widget_with_a_heading_keeps_its_name():
    story = (
        "<article><h1>Library approved</h1>"
        + "<p>The council approved the new library on Tuesday after two years of debate about "
        "its cost, its site by the river and the number of parking spaces it would need.</p>"
        * 3
        + "</article><div id='related-stories'><h2>Related stories</h2>"
        "<p><a href='/a'>Council to sell the old library on Station Road next year</a> and more "
        "about the plans for the building that the town has used for a century.</p></div>"
    )
    tree = parse(story)
    assert not heading_anchor(tree.css_first("#related-stories"), "div", "related-stories")
    document = read(story, None)
    assert "Council to sell the old library" not in document.body
    heading = parse('<h2 id="time-management">Time management</h2>').css_first("h2")
    assert heading_anchor(heading, "h2", "time-management")


def test_generated_class_names_give_no_words():
    assert name_words("css-1d8ad8q") == ["css"]
    assert name_words("ad-slot footer2") == ["ad", "slot", "footer"]
    document = read(MANUAL.read_text(encoding="utf-8"), PROFILES["documentation"])
    assert "relay queue set orders --max-attempts 10" in document.body  # in "css-1d8ad8q"
    assert "Try Relay Cloud free" not in document.body  # in "ad-slot"


def test_a_code_listing_keeps_its_lines_numbers_and_caption():
    from newsclean.extract.rules import match_rule

    comment = "# the client keeps the cookies it is sent and uses them for every call"
    assert match_rule(comment) is not None  # read as prose, a cookie notice
    assert match_rule("2") is not None  # read as prose, a share count
    document = read(MANUAL.read_text(encoding="utf-8"), PROFILES["documentation"])
    assert comment in document.paragraphs
    assert "2" in document.paragraphs and "3" in document.paragraphs
    assert 'session = relay.Session("localhost", keep_cookies=True)' in document.paragraphs
    assert "Listing 2: A session that sends a message with ten attempts" in document.paragraphs


def test_a_manual_keeps_a_description_it_repeats():
    described = (
        "<p>Set of key-value pairs that you can attach to an object. This can be useful for "
        "storing additional information about the object in a structured format, and it is "
        "returned with the object each time.</p>"
    )
    page = (
        "<main><h1>Orders API</h1>"
        "<p>The orders API creates, updates and lists the orders of an account, and each call "
        "returns the order object that it created or changed.</p>"
        f"<h2>Create an order</h2><h3>metadata</h3>{described}"
        f"<h2>Update an order</h2><h3>metadata</h3>{described}</main>"
    )
    manual = read(page, PROFILES["documentation"])
    article = read(page, None)
    sentence = "Set of key-value pairs that you can attach to an object."
    assert manual.body.count(sentence) == 2
    assert article.body.count(sentence) == 1
    assert [r.reason for r in article.removed if r.text.startswith(sentence)] == ["duplicate"]


def test_linked_titles_and_terms_of_a_reference_are_its_text():
    page = (
        "<nav><ul><li><a href='/docs'>Docs</a></li><li><a href='/api'>API</a></li>"
        "<li><a href='/blog'>Blog</a></li></ul></nav><main><h1>Socket</h1>"
        "<p>The Socket object provides the API for creating and managing a connection to a "
        "server, as well as for sending and receiving data on the connection.</p>"
        "<h2 id='instance-methods'><a href='#instance-methods'>Instance methods</a></h2>"
        "<dl><dt><a href='/api/socket/close'>Socket.close()</a></dt>"
        "<dd>Closes the connection, after the data that was queued has been sent to the "
        "server.</dd>"
        "<dt><a href='/api/socket/send'>Socket.send()</a></dt>"
        "<dd>Queues the data to be sent to the server and returns at once, before it is sent."
        "</dd></dl>"
        "<h2><a href='/api/stream'>Stream, the socket's sibling</a></h2></main>"
    )
    tree = parse(page)
    linked = {block.text: block.link_density for block in blocks(tree)}
    assert linked["Instance methods"] == 0.0  # its link is its own anchor
    assert linked["Stream, the socket's sibling"] == 1.0  # a link away
    document = read(page, PROFILES["documentation"])
    for text in ("Instance methods", "Socket.close()", "Socket.send()"):
        assert text in document.paragraphs
    assert "Docs" not in document.paragraphs and "Blog" not in document.paragraphs
