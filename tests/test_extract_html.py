"""HTML input: recognised, parsed into blocks with DOM evidence, cleaned by the same pipeline."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

import newsclean
from newsclean.extract.html.blocks import blocks, parse
from newsclean.extract.html.meta import page_meta
from newsclean.extract.html.titles import strip_site_name
from newsclean.io.html_sniff import declared_charset, looks_like_html

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
    for boilerplate in (
        "Skip to content",
        "Facebook",
        "Ferry timetable",
        "newsletter",
        "All rights reserved",
        "do not show this",
        "color: red",
        "enable JavaScript",
    ):
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
    # and input="html" reads markup that does not announce itself as a page
    fragment = "Note: <p>The ferry runs again from Monday, the harbour office said today.</p><p>Tickets</p>"
    assert "<p>" in newsclean.clean(fragment).text  # auto: a line of text that mentions markup
    as_html = newsclean.clean(fragment, input="html")
    assert "<p>" not in as_html.text and "The ferry runs again from Monday" in as_html.text


def test_meta_charset_decides_legacy_bytes():
    page = (
        '<html><head><meta charset="windows-1251"><title>Новости</title></head><body>'
        "<p>Городской совет утвердил новый бюджет на следующий год после долгого обсуждения.</p>"
        "<p>Депутаты согласились выделить больше средств на ремонт дорог и школ в этом районе.</p>"
        "</body></html>"
    )
    doc = newsclean.clean(page.encode("cp1251"))
    assert doc.decoded.encoding == "cp1251" and doc.decoded.method == "declared"
    assert "Городской совет утвердил" in doc.body


def test_wrong_meta_charset_is_not_believed():
    page = (
        '<html><head><meta charset="utf-8"><title>x</title></head><body>'
        "<p>Die Stadt hat am Montag über die Änderungen für die Straßenbahn und die Busse gesprochen.</p>"
        "</body></html>"
    )
    doc = newsclean.clean(page.encode("cp1252"))
    assert doc.decoded.method != "declared"
    assert "Änderungen für die Straßenbahn" in doc.body


def test_deeply_nested_markup_does_not_crash_or_hang():
    depth = 100_000
    page = (
        "<html><body>"
        + "<div>" * depth
        + "<p>Deep text that is still read by the parser as one block.</p>"
        + "</div>" * depth
        + "</body></html>"
    )
    started = time.perf_counter()
    doc = newsclean.clean(page)
    assert time.perf_counter() - started < 30
    assert isinstance(doc.body, str)


def test_broken_markup_comments_and_scripts():
    page = (
        "<html><body><p>First paragraph of the story is here, and it is long enough to count as prose."
        "<!-- a comment <p>not text</p> --><script>document.write('<p>injected</p>')</script>"
        "<p>Second paragraph follows without closing tags, as real pages often do, and it is read too"
        "<div><span>unclosed"
    )
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
    _landmarks, hints = found["Twitter"].below(-1)
    assert "share" in hints


def test_page_meta_and_helpers():
    meta = page_meta(parse(STORY.read_text(encoding="utf-8")))
    assert (meta.headline, meta.author, meta.site_name, meta.language) == (
        "Harbour bridge reopens after repairs",
        "Maria Jensen",
        "The Coastal Courier",
        "en",
    )
    assert strip_site_name("A story | The Coastal Courier", "The Coastal Courier") == "A story"
    assert (
        declared_charset(b"<meta http-equiv='Content-Type' content='text/html; charset=gbk'>")
        == "gbk"
    )
    assert looks_like_html(STORY.read_text(encoding="utf-8"))
    assert not looks_like_html("Plain text that mentions <html> once.")


def test_cli_reads_html_and_reports_json(run, validate):
    proc = run("clean", "--format", "json", STORY)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    validate(doc, "document")
    assert doc["title"] == "Harbour bridge reopens after repairs" and doc["date"] == "2024-05-14"
    text = run("clean", STORY).stdout.decode()
    assert text.startswith("Harbour bridge reopens after repairs\n\nThe harbour bridge reopened")


# --------------------------------------------------------------------------- the article's element
RESULTS = Path(__file__).parent / "fixtures" / "html" / "results.html"


@pytest.fixture(scope="module")
def results():
    return newsclean.clean(RESULTS.read_bytes())


def test_table_rows_lists_and_embedded_posts_stay_in_the_article(results):
    body = results.body
    assert "1 Maria Lind 412 9" in results.paragraphs  # a table row is one line, cells in order
    assert "Pos. Driver Points Wins" in results.paragraphs
    assert (
        "February 21 to 23 in Barcelona" in results.paragraphs
    )  # list items after the last paragraph
    assert "What comes next" in results.paragraphs  # subhead
    assert "What a season it has been" in body  # a tweet inside a "social-embed" box
    assert results.paragraphs[0].startswith("The season ended on Sunday")
    assert results.paragraphs[-1] == "February 21 to 23 in Barcelona"


def test_widgets_inside_the_article_and_its_header_are_removed(results):
    reasons = {r.text: r.reason for r in results.removed}
    assert reasons["Facebook Twitter"] == "share"
    assert reasons["Team confirms line-up for next year"] == "related"
    assert reasons["Both drivers stay for two more seasons."] == "related"
    assert reasons["Who won, who lost, and what comes next for the teams."] == "outside-article"
    assert reasons["By Ana Costa and Jon Berg - 20 Nov 2023"] == "byline"
    assert (
        reasons[
            "Why the championship was decided by one race, and how the teams reacted to the result "
            "over the weekend."
        ]
        == "related"
    )  # the sidebar, though it reads as prose
    assert "Motor Weekly" not in results.body


def test_metadata_from_json_ld_graph_and_language_of_the_text(results):
    assert results.title == "Final standings after the last race of the season"
    assert results.byline == "Ana Costa and Jon Berg"  # the JSON-LD names, as the byline shows them
    assert results.date == "2023-11-20"
    assert results.site_name == "Motor Weekly"
    assert results.language == "en"  # the text is English although <html lang="de">


def test_hidden_elements_and_custom_elements():
    page = (
        "<html><body><article>"
        "<p>The first paragraph of the story is long enough to count as prose in any language model.</p>"
        '<div style="display: none"><p>A hidden copy of the whole story that readers never see.</p></div>'
        "<p hidden>Also hidden from every reader of the page, so it is not part of the text.</p>"
        '<p aria-hidden="true">Decorative text that screen readers skip and the page hides.</p>'
        "<promo-box><p>Subscribe today and save half on the first year of your digital subscription!</p></promo-box>"
        "<p>The second paragraph continues the story with more details about what happened next.</p>"
        + "<p>More paragraphs follow, as in any real story, with quotes from the people who were there.</p>"
        * 4
        + "</article></body></html>"
    )
    doc = newsclean.clean(page)
    text = "\n".join(d.text for d in doc.decisions)
    assert "hidden copy" not in text and "Also hidden" not in text and "Decorative" not in text
    assert "The second paragraph continues" in doc.body
    assert "Subscribe today" not in doc.body


# --------------------------------------------------------------------------- robustness
def test_huge_page_is_linear():
    menu = "<ul>" + "".join(f"<li><a href='/{i}'>Section {i}</a></li>" for i in range(40)) + "</ul>"
    story = "".join(
        f"<p>Paragraph {i} of a very long report says what the council decided about the roads.</p>"
        for i in range(4000)
    )
    page = f"<html><body><nav>{menu}</nav><article>{story}</article><footer>{menu}</footer></body></html>"
    assert len(page) > 350_000
    started = time.perf_counter()
    doc = newsclean.clean(page.encode("utf-8"))
    assert time.perf_counter() - started < 20
    assert len(doc.paragraphs) == 4000
    assert "Section 3" not in doc.body


def test_deep_nesting_in_bytes_and_in_inline_tags():
    depth = 50_000
    page = (
        "<html><body>"
        + "<div><span>" * depth
        + "<p>Deep text that is still read as a block of the page.</p>"
        + "</span></div>" * depth
        + "</body></html>"
    ).encode("utf-8")
    started = time.perf_counter()
    doc = newsclean.clean(page)
    assert time.perf_counter() - started < 30
    assert isinstance(doc.body, str)
    unclosed = (
        "<html><body>"
        + "<b>" * 20_000
        + "Bold forever and ever, as some broken pages are.</body></html>"
    )
    assert isinstance(newsclean.clean(unclosed).body, str)


@pytest.mark.parametrize(
    "page",
    [
        "",
        "   ",
        "<html></html>",
        "<html><head><title>Only a title</title></head></html>",
        "<!DOCTYPE html><html><body></body></html>",
        "<body><p>",
        "</div></p></body>",
        "<html><body><table><tr><td>cell<td>cell<tr><p>stray</table></body></html>",
        "<html><body><svg><text>not text</text></svg><math><mi>x</mi></math></body></html>",
        "<html><body><template><p>template</p></template><iframe>frame</iframe></body></html>",
        "<html><body>" + "<a href='#'>x</a>" * 5000 + "</body></html>",
        "<html><body><p>&amp;&lt;&gt;&quot;&#39;&#x2603;&nbsp;&bogus; &#0; &#xD800; &#99999999;</p></body></html>",
        "<html><body><p>nul \x00 and controls \x01\x02 and a lone \ud800 surrogate</p></body></html>",
        "<html><body><div class='a' class='b' id='' style='display:'>attributes</div></body></html>",
    ],
)
def test_odd_markup_never_crashes(page):
    for data in (page, page.encode("utf-8", errors="surrogatepass")):
        doc = newsclean.clean(data, input="html")
        assert isinstance(doc.body, str)
        assert all(r.reason for r in doc.removed)


def test_scripts_styles_noscript_and_comments_are_not_text():
    page = (
        "<html><head><style>p { color: red }</style></head><body>"
        "<p>The story begins here and it is long enough to be taken for a paragraph of prose.</p>"
        "<script>var s = '<p>injected paragraph</p>';</script><noscript>Enable JavaScript now</noscript>"
        "<!-- <p>commented out</p> --><style>.x{}</style>"
        "<p>The story ends here, after the script, with another sentence long enough to count.</p>"
        "</body></html>"
    )
    doc = newsclean.clean(page)
    text = "\n".join(d.text for d in doc.decisions)
    for junk in ("injected", "Enable JavaScript", "commented out", "color: red", ".x{}"):
        assert junk not in text
    assert len(doc.paragraphs) == 2


def test_legacy_bytes_without_a_declared_charset():
    page = (
        "<html><head><title>Notícias</title></head><body>"
        "<p>O governo anunciou na segunda-feira um novo plano para reduzir os custos da energia elétrica.</p>"
        "<p>Segundo o ministério, as tarifas vão cair até o fim do ano para as famílias de baixa renda.</p>"
        "</body></html>"
    )
    doc = newsclean.clean(page.encode("cp1252"))
    assert "energia elétrica" in doc.body
    assert doc.decoded.encoding != "utf-8"


def test_shift_jis_with_a_declared_charset():
    page = (
        '<html><head><meta charset="Shift_JIS"><title>ニュース</title></head><body>'
        "<p>政府は月曜日、電気料金を引き下げるための新しい計画を発表しました。年末までに料金が下がる見込みです。</p>"
        "</body></html>"
    )
    doc = newsclean.clean(page.encode("shift_jis"))
    assert "電気料金を引き下げる" in doc.body


# --------------------------------------------------------------------------- metadata helpers
def test_metadata_text_is_cleaned():
    from newsclean.extract.html.meta import clean_byline, clean_text
    from newsclean.extract.html.titles import site_from_title

    assert (
        clean_text("Lynn: &#8220;We needed to win this&nbsp;game&#8221;")
        == "Lynn: “We needed to win this game”"
    )
    assert clean_byline("Posted by Jane Doe on Nov 19, 2019, 6:21 AM") == "Jane Doe"
    assert clean_byline("Chris Davies - Nov 19, 2019, 8:00am CST") == "Chris Davies"
    assert clean_byline("Natasha Turak@NatashaTurak") == "Natasha Turak"
    assert clean_byline("Carlos Nadalim 27/09/2018") == "Carlos Nadalim"
    assert clean_byline("https://example.com/authors/jane") is None
    assert site_from_title("Storm closes schools - The Daily Planet") == "The Daily Planet"
    # A headline that starts with the site's name keeps it.
    assert (
        strip_site_name("The Daily Planet view on taxes | Editorial", "The Daily Planet")
        == "The Daily Planet view on taxes"
    )


def test_headline_with_site_name_and_escaped_entities():
    page = (
        '<html><head><meta property="og:site_name" content="Daily Planet">'
        '<meta property="og:title" content="Storm &amp;amp; floods close schools | Daily Planet">'
        "<title>Storm &amp; floods close schools | Daily Planet</title></head><body><article>"
        "<h1>Storm &amp; floods close schools</h1>"
        "<p>Schools across the county were closed on Monday after a storm flooded roads and cut power lines.</p>"
        "<p>The council said the schools would open again on Wednesday if the water level keeps falling.</p>"
        "</article></body></html>"
    )
    doc = newsclean.clean(page)
    assert doc.title == "Storm & floods close schools"
    assert doc.paragraphs[0].startswith("Schools across the county")


def test_a_menu_link_is_never_the_headline_nor_the_headline_the_body():
    page = (
        "<html><head><title></title></head><body><nav><ul><li><a href='/a'>Skip to content</a></li>"
        "<li><a href='/b'>Sport</a></li></ul></nav><article><header><h1>Old bridge to close for repairs</h1>"
        "<p class='byline'>By Jane Doe</p></header></article><footer><p>Terms of Use</p></footer></body></html>"
    )
    doc = newsclean.clean(page.encode())
    assert doc.title == "Old bridge to close for repairs"
    assert doc.text == doc.title  # said once
    assert {r.text: r.reason for r in doc.removed}["Old bridge to close for repairs"] == "duplicate"
    assert newsclean.clean(doc.text).text == doc.text


PAGES = sorted((Path(__file__).parent / "fixtures" / "html").glob("*.html"))
#: What may stand before the markup of a saved page, and how a page may be re-encoded.
PREFIXES = {
    "utf-8 BOM": lambda raw: b"\xef\xbb\xbf" + raw,
    "white space": lambda raw: b"\r\n \t\n" + raw,
    "comment": lambda raw: b"<!-- saved from url=(0014)about:internet -->\n" + raw,
    "XML declaration": lambda raw: b'<?xml version="1.0" encoding="utf-8"?>\n' + raw,
    "BOM, blank line, comment": lambda raw: b"\xef\xbb\xbf\r\n<!-- x -->\r\n" + raw,
    "UTF-16 with BOM": lambda raw: raw.decode("utf-8").encode("utf-16"),
    "UTF-16-LE without BOM": lambda raw: raw.decode("utf-8").encode("utf-16-le"),
    "UTF-16-BE without BOM": lambda raw: raw.decode("utf-8").encode("utf-16-be"),
}


def _outcome(doc):
    return (
        doc.title,
        doc.paragraphs,
        doc.byline,
        doc.date,
        doc.dateline,
        doc.captions,
        doc.site_name,
        doc.language,
        [r.to_dict() for r in doc.repairs],
    )


@pytest.mark.parametrize("prefix", sorted(PREFIXES))
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_a_bom_or_prologue_before_the_markup_changes_nothing(page, prefix):
    raw = page.read_bytes()
    plain = newsclean.clean(raw)
    assert plain.paragraphs and "<p" not in plain.body
    assert _outcome(newsclean.clean(PREFIXES[prefix](raw))) == _outcome(plain)


PROCESSING_INSTRUCTIONS = (
    Path(__file__).parent / "fixtures" / "html" / "processing-instruction.html"
)


def test_processing_instructions_in_the_body_are_skipped(run):
    # The parser gives a node without a tag name for <?php ... ?> in the body (found on
    # archived pages); it is neither text nor an element.
    tree = parse(PROCESSING_INSTRUCTIONS.read_text(encoding="utf-8"))
    assert any(node.tag is None for node in tree.body.traverse(include_text=True))
    texts = [b.text for b in blocks(tree)]
    assert "Harbour ferry returns after winter repairs" in texts
    assert not any("include" in t or "echo" in t or "xm-replace" in t for t in texts)
    proc = run("clean", PROCESSING_INSTRUCTIONS)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    out = proc.stdout.decode("utf-8")
    assert out.startswith("Harbour ferry returns after winter repairs\n\n")
    assert "never run more smoothly" in out and "end of October." in out


# --------------------------------------------------------------------------- headline and author
_PROSE = "".join(
    f"<p>Paragraph {i} of the story says what the council decided about the roads and the bridges.</p>"
    for i in range(6)
)


def test_the_headline_is_the_visible_h1_that_agrees_with_a_declared_title():
    page = (
        "<html><head><title>Bridge vote 2025: what to know | The Daily</title>"
        '<meta property="og:title" content="Council approves the new bridge after a long debate">'
        '</head><body><header><h1 class="logo">The Daily</h1></header><article>'
        "<h1>Council approves the new bridge after long debate</h1>"
        + _PROSE
        + "</article></body></html>"
    )
    doc = newsclean.clean(page)
    # Not the logo, not the search-engine title: the headline the reader sees.
    assert doc.title == "Council approves the new bridge after long debate"
    # No <h1> agrees with any title: the declared one wins over the logo.
    alone = page.replace("<h1>Council", "<p>Council").replace("debate</h1>", "debate</p>")
    assert page_meta(parse(alone)).headline == "Council approves the new bridge after a long debate"


def test_the_author_is_a_person_and_never_a_login_slug():
    graph = (
        '<script type="application/ld+json">{"@graph": ['
        '{"@type": "NewsArticle", "headline": "Council approves the new bridge",'
        ' "author": [{"@id": "#ann"}, {"@type": "Organization", "name": "The Daily"}]},'
        '{"@type": "Person", "@id": "#ann", "name": "Ann Lee"}]}</script>'
    )
    page = "<html><head>{head}</head><body><article><h1>Council approves the new bridge</h1>{byline}{prose}</article></body></html>"
    doc = newsclean.clean(page.format(head=graph, byline="", prose=_PROSE))
    assert doc.byline == "Ann Lee"  # the Person the article points to by @id, not the Organization
    slug = '<meta name="author" content="annlee">'
    doc = newsclean.clean(
        page.format(head=slug, byline='<p class="byline">By Ann Lee</p>', prose=_PROSE)
    )
    assert doc.byline == "Ann Lee"
    # With no visible byline, the author field is all there is.
    doc = newsclean.clean(page.format(head=slug, byline="", prose=_PROSE))
    assert doc.byline == "annlee"


def test_a_print_note_after_the_article_is_removed_with_its_reason():
    note = (
        "A version of this article appears in print on March 18, 2019, Section A, Page 6 of the "
        "New York edition with the headline: Council Approves Bridge."
    )
    page = f"<html><body><article><h1>Council approves the new bridge</h1>{_PROSE}<p>{note}</p></article></body></html>"
    doc = newsclean.clean(page)
    assert "appears in print" not in doc.body and "Paragraph 5 of the story" in doc.body
    assert [r.reason for r in doc.removed if r.text == note] == ["print-note"]
    # The words alone, inside a sentence of the story, are no note.
    story = page.replace(
        note, "The print edition of the council's minutes was published on Monday, a week late."
    )
    assert "The print edition" in newsclean.clean(story).body


def test_a_byline_label_alone_is_no_author():
    page = (
        "<html><body><article><h1>Council approves the new bridge</h1>"
        '<p class="byline">Written by:</p>' + _PROSE + "</article></body></html>"
    )
    assert newsclean.clean(page).byline is None
    named = page.replace("Written by:", "Written by: Ann Lee")
    assert newsclean.clean(named).byline == "Ann Lee"


def test_a_page_of_captions_keeps_its_headline_once_and_cleans_the_same_again():
    # Found by the property test: with no prose but captions, the fallback body was the
    # page's <title> line, which repeats the headline; cleaned again, it was not the same.
    caption = (
        "<figure><img src='x.jpg'><figcaption>The city council voted on Monday to close the old "
        "bridge for repairs that are expected to last until the end of the year.</figcaption></figure>"
    )
    page = (
        "<html><head><title>City council votes to close the old bridge</title></head><body><article>"
        "<header><h1>City council votes to close the old bridge</h1><p class='byline'>By Jane Doe</p>"
        "</header>" + caption * 4 + "</article></body></html>"
    )
    once = newsclean.clean(page.encode("utf-8"))
    assert once.title == "City council votes to close the old bridge" and once.paragraphs == []
    assert newsclean.clean(once.text).text == once.text


HIDDEN_PAGE = (
    "<html><head><title>Almond thins | The Pantry</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/shop'>Shop</a></nav>"
    "<div class='deferred' style='display: none'><article><h1>Toasted almond thins</h1>"
    + "".join(
        f"<p>Our family bakes these {kind} crisps in small batches from a recipe that goes back "
        f"three generations, with almonds, a little honey and nothing else that a kitchen would "
        f"not hold.</p>"
        for kind in ("cranberry", "cocoa", "sesame", "orange")
    )
    + "</article></div><footer>© The Pantry</footer></body></html>"
)


def test_a_page_that_hides_its_text_until_a_script_shows_it_is_read():
    document = newsclean.clean(HIDDEN_PAGE.encode(), input="html")
    assert "Our family bakes these cocoa crisps" in document.body
    assert "hidden-text" in [w.code for w in document.warnings]
    # A page whose text is visible never reads its hidden elements (a closed cookie box).
    visible = HIDDEN_PAGE.replace("style='display: none'", "").replace(
        "</article>", "</article><div hidden><p>We use cookies to improve your visit.</p></div>"
    )
    document = newsclean.clean(visible.encode(), input="html")
    assert "Our family bakes these cocoa crisps" in document.body
    assert "cookies" not in document.body
    assert "hidden-text" not in [w.code for w in document.warnings]


def test_a_table_wrapped_in_a_figure_is_text_and_a_photo_caption_is_not():
    # Page builders wrap a data table in <figure class="wp-block-table">: its rows and its
    # caption are the article's figures, not a photo caption.
    rows = "".join(
        f"<tr><td>{rank}. {city}</td><td>{score}</td></tr>"
        for rank, (city, score) in enumerate(
            [("Sunnyvale, CA", "96.2"), ("Fremont, CA", "91.4"), ("Rochester, NY", "87.4")], 1
        )
    )
    page = (
        "<html><body><article><h1>Where the parks are best</h1>"
        + _PROSE
        + "<figure class='wp-block-table'><table><thead><tr><th>Top midsize cities</th>"
        f"<th>Score</th></tr></thead><tbody>{rows}</tbody></table>"
        "<figcaption>Table 2: scores of the midsize cities</figcaption></figure>"
        "<figure><img src='park.jpg'><figcaption>Children play in a park in Fremont on a "
        "summer afternoon.</figcaption></figure>" + _PROSE + "</article></body></html>"
    )
    document = newsclean.clean(page.encode("utf-8"))
    assert "2. Fremont, CA 91.4" in document.paragraphs
    assert "Table 2: scores of the midsize cities" in document.paragraphs
    assert not any("Children play" in p for p in document.paragraphs)
