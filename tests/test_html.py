"""HTML input: recognised, parsed into blocks with DOM evidence, cleaned by the same pipeline."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

import newsclean
from newsclean.html_blocks import blocks, parse
from newsclean.html_meta import declared_charset, looks_like_html, page_meta, strip_site_name

STORY = Path(__file__).parent / "fixtures" / "html" / "story.html"


@pytest.fixture(scope="module")
def story():
    return newsclean.clean(STORY.read_bytes(), source=str(STORY))


def test_body_is_the_article_paragraphs_in_order(story):
    assert story.paragraphs[0].startswith("The harbour bridge reopened")
    assert story.paragraphs[-1].startswith("Safe <b>text</b>")
    assert "Traffic returns" in story.paragraphs  # a subhead inside the article flow
    assert len(story.paragraphs) == 7
    body = story.body
    for boilerplate in ("Skip to content", "Facebook", "Ferry timetable", "newsletter", "All rights reserved",
                        "do not show this", "color: red", "enable JavaScript"):
        assert boilerplate not in body


def test_metadata_from_the_page(story):
    assert story.title == "Harbour bridge reopens after repairs"
    assert story.byline == "Maria Jensen"
    assert story.date == "2024-05-14"
    assert story.site_name == "The Coastal Courier"
    assert story.language == "en"
    assert story.captions == ["The bridge at dawn on Tuesday. Photo: Lars Holm/Coastal Courier"]


def test_every_removed_block_has_a_reason(story):
    reasons = {r.text: r.reason for r in story.removed}
    assert reasons["Skip to content"] == "nav"
    assert reasons["Sport"] == "nav"
    assert reasons["Twitter"] == "share"
    assert reasons["New cycle lane opens along the waterfront promenade"] == "related"
    assert reasons["Privacy policy Terms of use"] == "footer"
    assert all(r.reason and r.rule for r in story.removed)
    kept = [d for d in story.decisions if d.keep]
    assert {d.role for d in kept} == {"title", "body"}


def test_entities_are_decoded_and_markup_in_text_stays_text(story):
    assert "£12 million" in story.body
    assert "“It is good to have our bridge back,”" in story.body
    assert "the page wrote <script> as text" in story.body


def test_input_option_forces_text_reading():
    doc = newsclean.clean(STORY.read_bytes(), input="text")
    assert any(d.text.strip().startswith("<p>The harbour bridge") for d in doc.decisions)
    assert newsclean.clean(STORY.read_text(encoding="utf-8")[:40], input="html").decoded is None


def test_meta_charset_decides_legacy_bytes():
    page = ("<html><head><meta charset=\"windows-1251\"><title>Новости</title></head><body>"
            "<p>Городской совет утвердил новый бюджет на следующий год после долгого обсуждения.</p>"
            "<p>Депутаты согласились выделить больше средств на ремонт дорог и школ в этом районе.</p>"
            "</body></html>")
    doc = newsclean.clean(page.encode("cp1251"))
    assert doc.decoded.encoding == "cp1251" and doc.decoded.method == "declared"
    assert "Городской совет утвердил" in doc.body


def test_wrong_meta_charset_is_not_believed():
    page = ("<html><head><meta charset=\"utf-8\"><title>x</title></head><body>"
            "<p>Die Stadt hat am Montag über die Änderungen für die Straßenbahn und die Busse gesprochen.</p>"
            "</body></html>")
    doc = newsclean.clean(page.encode("cp1252"))
    assert doc.decoded.method != "declared"
    assert "Änderungen für die Straßenbahn" in doc.body


def test_deeply_nested_markup_does_not_crash_or_hang():
    depth = 100_000
    page = "<html><body>" + "<div>" * depth + "<p>Deep text that is still read by the parser as one block.</p>" \
        + "</div>" * depth + "</body></html>"
    started = time.perf_counter()
    doc = newsclean.clean(page)
    assert time.perf_counter() - started < 30
    assert isinstance(doc.body, str)


def test_broken_markup_comments_and_scripts():
    page = ("<html><body><p>First paragraph of the story is here, and it is long enough to count as prose."
            "<!-- a comment <p>not text</p> --><script>document.write('<p>injected</p>')</script>"
            "<p>Second paragraph follows without closing tags, as real pages often do, and it is read too"
            "<div><span>unclosed")
    doc = newsclean.clean(page)
    text = "\n".join(d.text for d in doc.decisions)
    assert "not text" not in text and "injected" not in text
    assert "Second paragraph follows" in text


def test_blocks_carry_dom_evidence():
    tree = parse(STORY.read_text(encoding="utf-8"))
    found = {b.text: b for b in blocks(tree)}
    sport = found["Sport"]
    assert sport.tag == "li" and "nav" in sport.tags and sport.link_density == 1.0
    lead = next(b for text, b in found.items() if text.startswith("The harbour bridge reopened"))
    assert lead.tag == "p" and lead.link_density == 0.0 and "article" in lead.tags
    landmarks, hints = found["Twitter"].below(-1)
    assert "share" in hints


def test_page_meta_and_helpers():
    meta = page_meta(parse(STORY.read_text(encoding="utf-8")))
    assert (meta.headline, meta.author, meta.site_name, meta.language) == (
        "Harbour bridge reopens after repairs", "Maria Jensen", "The Coastal Courier", "en")
    assert strip_site_name("A story | The Coastal Courier", "The Coastal Courier") == "A story"
    assert declared_charset(b"<meta http-equiv='Content-Type' content='text/html; charset=gbk'>") == "gbk"
    assert looks_like_html(STORY.read_text(encoding="utf-8"))
    assert not looks_like_html("Plain text that mentions <html> once.")


def test_cli_reads_html_and_reports_json(run):
    proc = run("clean", "--format", "json", STORY)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["title"] == "Harbour bridge reopens after repairs" and doc["date"] == "2024-05-14"
    text = run("clean", STORY).stdout.decode()
    assert text.startswith("Harbour bridge reopens after repairs\n\nThe harbour bridge reopened")
