"""Metadata read from HTML pages: the author, date and title a reader of the page would give."""

from __future__ import annotations

from newsclean import clean
from newsclean.document import Decision, Document
from newsclean.extract.html.blocks import parse
from newsclean.extract.html.meta import page_meta, settle_metadata

BODY = "".join(
    f"<p>The council voted on the new bridge plan for the {n} time this week, and the residents "
    f"who came to the meeting said they had waited years for a decision on the crossing.</p>"
    for n in ("first", "second", "third", "fourth", "fifth")
)


class _Typed:
    """A page-type model that gives every page one type."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def predict(self, row: list[float]) -> tuple[str, float]:
        return self.kind, 0.9


#: The small test page read as an article (the shipped model may take a page this short
#: for something else).
ARTICLE = _Typed("article")


def page(
    head: str = "", top: str = "", after: str = "", title: str = "Council approves the bridge plan"
) -> bytes:
    """A small article page: *head* in its ``<head>``, *top* between the headline and the text,
    *after* after the article."""
    return (
        f"<html><head><title>{title} | The Town Paper</title>{head}</head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>{title}</h1>"
        f"{top}{BODY}</article>{after}<footer>© The Town Paper</footer></body></html>"
    ).encode()


def test_author_from_a_visible_byline_element_when_the_markup_names_nobody() -> None:
    after = (
        '<aside class="author-box"><a href="/u/ann">Ann Lee</a><p>Ann covers transport.</p></aside>'
    )
    assert clean(page(after=after), input="html", page_type_model=ARTICLE).byline == "Ann Lee"


def test_a_job_title_next_to_the_visible_name_is_left_out() -> None:
    after = (
        '<aside class="author-box"><span>Sam Roe</span><span>Senior Transport Writer</span></aside>'
    )
    assert page_meta(parse(page(after=after).decode())).visible_author == "Sam Roe"


def test_no_author_from_menus_or_shouted_labels() -> None:
    after = '<form class="author-search"><label>Search Authors</label></form><div class="authors">HOME</div>'
    assert clean(page(after=after), input="html").byline is None


def test_a_login_name_in_the_meta_tag_gives_way_to_the_visible_name() -> None:
    after = '<aside class="author-box"><a rel="author" href="/u/kim">David Kim</a></aside>'
    for login in ("administrator", "david.kim"):
        head = f'<meta name="author" content="{login}">'
        document = clean(page(head=head, after=after), input="html", page_type_model=ARTICLE)
        assert document.byline == "David Kim"


def test_a_long_list_of_authors_is_kept() -> None:
    names = "Ann Lee, Bo Kim, Cy Tan, Di Wu, Ed Roe, Flo Ray, Gus Poe, Hal Dee, Ida Fox"
    head = f'<meta name="author" content="{names}">'
    assert clean(page(head=head), input="html").byline == names


def test_publication_date_from_a_meta_field_of_another_name() -> None:
    for key, value in (
        ("itemprop", "datePublished"),
        ("name", "parsely-pub-date"),
        ("name", "published-date"),
    ):
        date = "January 7, 2023" if value == "published-date" else "2023-01-07T10:00:00Z"
        head = f'<meta {key}="{value}" content="{date}"><meta name="publisher" content="The Paper">'
        assert clean(page(head=head), input="html").date == "2023-01-07"


def test_a_modified_date_is_not_taken_for_the_publication_date() -> None:
    head = '<meta itemprop="dateModified" content="2024-05-01">'
    assert clean(page(head=head), input="html").date is None


def test_a_time_without_a_year_gives_way_to_the_next_date() -> None:
    top = '<p><time datetime="Dec 23">Dec 23</time></p>'
    head = '<meta itemprop="datePublished" content="2020-12-23T11:48:54-0800">'
    assert clean(page(head=head, top=top), input="html").date == "2020-12-23"


def test_the_date_of_another_post_in_an_aside_is_not_the_page_date() -> None:
    after = '<aside><h3>Previous post</h3><a href="/old"><time datetime="2019-03-02">Old news</time></a></aside>'
    assert clean(page(after=after), input="html").date is None
    top = '<p class="meta"><time datetime="2021-06-05T09:00:00Z">June 5, 2021</time></p>'
    assert clean(page(top=top, after=after), input="html").date == "2021-06-05"


def settled_title(found: str, head: str, body: str = "") -> str:
    """The title settled between a headline the text gave (*found*) and the page's markup."""
    html = f"<html><head>{head}</head><body>{body}{BODY}</body></html>"
    document = Document(title=found, paragraphs=["The council voted on the bridge plan."])
    settle_metadata(document, page_meta(parse(html)))
    return document.title


def test_a_headline_that_is_none_of_the_page_titles_gives_way_to_the_declared_one() -> None:
    head = (
        "<title>Council approves the bridge plan | The Town Paper</title>"
        '<meta property="og:title" content="Council approves the bridge plan">'
    )
    for stray in ("What are you looking for?", "Table of contents", "Log In Start a free trial"):
        assert settled_title(stray, head) == "Council approves the bridge plan"


def test_a_headline_the_page_titles_agree_with_is_kept() -> None:
    head = (
        "<title>Bridge plan approved | Council backs crossing after ten years | The Town Paper"
        "</title>"
    )
    # a part of the <title>, and a rewording of it, are both the page's own headline
    found = "Council backs crossing after ten years"
    assert settled_title(found, head) == found
    assert settled_title("The bridge plan is approved", head) == "The bridge plan is approved"


def test_a_headline_stays_when_the_page_declares_no_title() -> None:
    assert settled_title("Table of contents", "") == "Table of contents"


def test_invisible_characters_are_taken_out_of_the_title() -> None:
    html = b"<html><head><title>The 10 B\xef\xbb\xbfest bridges</title></head><body>"
    title = clean(html + BODY.encode() + b"</body></html>", input="html").title
    assert title == "The 10 Best bridges"


def test_every_author_of_a_tag_repeated_per_author() -> None:
    head = "".join(
        f'<meta name="citation_author" content="{name}">'
        for name in ("Ann Lee", "Bo Kim", "Cy Tan")
    )
    assert clean(page(head=head), input="html").byline == "Ann Lee, Bo Kim, Cy Tan"
    head = '<meta name="dc.creator" content="Lee, Ann"><meta name="dc.creator" content="Kim, Bo">'
    assert clean(page(head=head), input="html").byline == "Lee, Ann; Kim, Bo"


def test_a_name_in_a_byline_element_is_not_the_author_of_a_page_of_many() -> None:
    after = '<aside class="author-box"><a href="/u/dale">Dale Jackson</a><p>Dale posts.</p></aside>'
    typed = {
        kind: clean(
            page(after=after), input="html", page_type_model=_Typed(kind), follow_type=False
        )
        for kind in ("article", "forum", "product", "listing")
    }
    assert typed["article"].byline == "Dale Jackson"
    assert [typed[kind].byline for kind in ("forum", "product", "listing")] == [None] * 3


def test_author_from_the_card_field_labelled_written_by() -> None:
    head = (
        '<meta name="twitter:label1" content="Est. reading time"><meta name="twitter:data1" content="4 min">'
        '<meta name="twitter:label2" content="Written by"><meta name="twitter:data2" content="Ann Lee">'
    )
    assert clean(page(head=head), input="html").byline == "Ann Lee"
    admin = head.replace("Ann Lee", "admin")
    assert clean(page(head=admin), input="html").byline is None


def test_the_byline_element_beats_a_line_the_text_took_for_a_byline() -> None:
    # The text reads "By Ann Lee - Product marketer" as the byline; the element marked as
    # the author names her alone.
    top = '<p class="meta">By Ann Lee - Product marketer</p>'
    after = '<aside class="author-box"><a rel="author" href="/u/ann">Ann Lee</a></aside>'
    document = clean(page(top=top, after=after), input="html", page_type_model=ARTICLE)
    assert document.byline == "Ann Lee"


def test_author_from_a_labelled_line_when_nothing_else_names_one() -> None:
    for after, name in (
        (
            "<div><h3>Written by Cassidy Horn</h3><p>Cassidy writes on money.</p></div>",
            "Cassidy Horn",
        ),
        ("<div><h3>Author</h3><p>Lisa D. Ellis</p></div>", "Lisa D. Ellis"),
        ("<p>Authors: Ann Lee and Bo Kim, extension educators</p>", "Ann Lee and Bo Kim"),
    ):
        document = clean(page(after=after), input="html", page_type_model=ARTICLE)
        assert document.byline == name, after


def test_no_author_from_a_menu_of_filters() -> None:
    after = "<nav><p>Browse stories</p><ul><li>By State</li><li>By Topic</li></ul></nav>"
    assert clean(page(after=after), input="html", page_type_model=ARTICLE).byline is None


def test_a_list_of_authors_is_written_as_the_page_shows_it() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": ['
        '{"@type": "Person", "name": "Ann Lee"}, {"@type": "Person", "name": "Bo Kim"},'
        '{"@type": "Person", "name": "Cy Tan"}]}</script>'
    )
    top = '<p class="meta">By Ann Lee, Bo Kim, and Cy Tan</p>'
    assert clean(page(head=head, top=top), input="html").byline == "Ann Lee, Bo Kim, and Cy Tan"
    assert clean(page(head=head), input="html").byline == "Ann Lee, Bo Kim, Cy Tan"


def test_the_visible_headline_wins_over_a_declared_title_it_disagrees_with() -> None:
    head = (
        "<title>Bridge plan: what you need to know | The Town Paper</title>"
        '<meta property="og:title" content="Bridge plan: what you need to know">'
    )
    body = "<h1>The Town Paper</h1><h1>Ten years on, the council backs a new crossing</h1>"
    # the text found no headline of its own: the <h1> a reader sees, not the site's name
    assert settled_title("", head, body) == "Ten years on, the council backs a new crossing"
    # a one- to three-word <h1> is a section's label: the declared title stays
    assert settled_title("", head, "<h1>Town news</h1>") == "Bridge plan: what you need to know"


HEADLINE = "Ten years on, the council backs a new crossing"


def test_the_visible_headline_above_the_text_wins_over_a_heading_further_down() -> None:
    head = (
        "<title>Bridge plan: what you need to know | The Town Paper</title>"
        '<meta property="og:title" content="Bridge plan: what you need to know">'
    )
    meta = page_meta(parse(f"<html><head>{head}</head><body><h1>{HEADLINE}</h1></body></html>"))

    def title_of(found: str, lines: list[tuple[str, bool, str]]) -> str:
        decisions = [Decision(n, text, keep, role) for n, (text, keep, role) in enumerate(lines, 1)]
        document = Document(title=found, paragraphs=["The council voted."], decisions=decisions)
        settle_metadata(document, meta)
        return document.title

    section = "What the bridge plan means for you"
    lines = [
        ("Contents", False, "boilerplate"),
        (HEADLINE, False, "boilerplate"),
        ("June 5, 2021", False, "date"),
        ("The council voted.", True, "body"),
        (section, True, "title"),
    ]
    # the text took a section's heading: the <h1> right above the first paragraph wins
    assert title_of(section, lines) == HEADLINE
    # not when a kept line stands between them, nor when the <h1> comes after the text starts
    kept_between = [*lines[:2], ("A standfirst.", True, "title"), *lines[2:]]
    assert title_of(section, kept_between) == section
    assert title_of(section, [lines[0], lines[3], lines[1], lines[4]]) == section
    # a stray heading (none of the declared titles) gives way to the declared headline
    assert title_of("Trusted by 4M+ businesses", lines) == "Bridge plan: what you need to know"
    # a heading that says the declared title word for word is the headline shown again
    declared = "Bridge plan: what you need to know"
    assert title_of(declared, [*lines[:4], (declared, True, "title")]) == declared


def test_another_heading_gives_way_to_the_headline_the_declared_titles_agree_with() -> None:
    head = (
        "<title>Council approves the bridge plan after ten years | The Town Paper</title>"
        '<meta property="og:title" content="Council approves the bridge plan after ten years">'
    )
    body = "<h1>Council approves the bridge plan after ten years</h1>"
    found = "Why the council finally approved a bridge plan"
    assert settled_title(found, head, body) == "Council approves the bridge plan after ten years"
    # the same headline as the text gave it stays as it is
    same = "Council approves the bridge plan after ten years!"
    assert settled_title(same, head, body) == same


def test_a_title_that_is_the_site_name_gives_way_to_the_page_title() -> None:
    head = (
        "<title>Council approves the bridge plan | The Town Paper</title>"
        '<meta property="og:site_name" content="The Town Paper">'
    )
    assert settled_title("The Town Paper", head) == "Council approves the bridge plan"


def test_a_blog_masthead_in_the_h1_gives_way_to_the_page_title() -> None:
    head = "<title>Progress report on the bridge works</title>"
    body = "<h1>Ann's Blog</h1>"
    assert settled_title("", head, body) == "Progress report on the bridge works"
    # a short headline the page title says stays, and so does one under an empty <title>
    assert settled_title("", "<title>Bridge works | Town</title>", "<h1>Bridge works</h1>") == (
        "Bridge works"
    )
    assert settled_title("", "<title>| Town Paper</title>", "<h1>Bridge works</h1>") == (
        "Bridge works"
    )


def page_date(head: str = "", top: str = "") -> str | None:
    return clean(page(head=head, top=top), input="html").date


def test_the_day_in_the_page_address_is_its_date() -> None:
    head = (
        '<link rel="canonical" href="https://town.example/news/2016/02/09/bridge-plan/">'
        '<meta property="article:published_time" content="2016-02-10T02:41:00+00:00">'
    )
    assert page_date(head) == "2016-02-09"
    # a year and a month are no day
    assert page_date('<link rel="canonical" href="https://town.example/2016/02/bridge/">') is None


def test_the_publication_date_wins_over_a_later_modified_date() -> None:
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"dateModified": "2024-05-01T10:00:00Z", "datePublished": "2023-01-07T10:00:00Z"}</script>'
    )
    top = '<p class="meta">Updated May 1, 2024</p>'
    assert page_date(ld, top) == "2023-01-07"


def test_a_generation_stamp_gives_way_to_the_date_the_page_shows() -> None:
    stamp = "2025-12-01T05:10:15Z"
    ld = (
        '<script type="application/ld+json">{"@type": "Article", '
        f'"datePublished": "{stamp}", "dateModified": "{stamp}"}}</script>'
    )
    top = '<p class="meta">April 24, 2000</p>'
    assert page_date(ld, top) == "2000-04-24"
    # with no date shown, the stamp is all there is
    assert page_date(ld) == "2025-12-01"


def test_a_publication_field_written_as_the_page_writes_dates() -> None:
    # A CMS that fills the field with the day as it prints it, not an ISO timestamp: the
    # field's day, not a date the article's text mentions.
    top = "<p>As of July 31, 2025, the agency had received more than 400 reports.</p>"
    for field in (
        '<meta property="article:published_time" content="Thu, 09/25/2025 - 11:38">',
        '<script type="application/ld+json">{"@type": "BlogPosting", '
        '"datePublished": "Sep 25, 2025"}</script>',
    ):
        assert page_date(field, top) == "2025-09-25"
    # a field that holds no date gives way to the next one
    head = (
        '<meta property="article:published_time" content="recently">'
        '<meta name="date" content="September 25, 2025">'
    )
    assert page_date(head, top) == "2025-09-25"


def test_a_day_shown_under_the_headline_before_the_markup_stamp_is_the_date() -> None:
    # The markup stamps the day the page entered the site's system (a move, a republication);
    # the day the page shows under its headline is earlier: that is the article's.
    stamp = '<meta property="article:published_time" content="2025-08-21T09:12:00+00:00">'
    assert page_date(stamp, '<p class="meta">Published April 26, 2023</p>') == "2023-04-26"
    # a later day shown is an update's or another post's, and an update line, however
    # early, is no publication date
    assert page_date(stamp, '<p class="meta">December 2, 2025</p>') == "2025-08-21"
    assert page_date(stamp, '<p class="meta">Updated Jun 16, 2025</p>') == "2025-08-21"
    # nor is a day a sentence of the article mentions
    top = "<p>As of July 31, 2025, the agency had received more than 400 reports.</p>"
    assert page_date(stamp, top) == "2025-08-21"
    # nor a day many lines show (members' or posts' days), nor one below the text's start
    joined = "".join('<p class="meta">Joined April 26, 2023</p>' for _ in range(3))
    assert page_date(stamp, joined) == "2025-08-21"
    below = '<div class="card"><p>Published April 26, 2023</p></div>'
    assert clean(page(head=stamp, after=below), input="html").date == "2025-08-21"
