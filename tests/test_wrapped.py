"""Dumps in other layouts: paragraphs a converter hard-wrapped, and Markdown marks."""

from __future__ import annotations

import textwrap

import pytest
from conftest import ROOT

import newsclean
from newsclean.extract.layout import (
    is_markdown,
    normalize,
    unblock,
    unlink,
    unmark,
    unmark_paragraphs,
    unwrap,
    wrap_width,
)

PAGES = sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.txt"))
#: German capitalises nouns, so fewer of its wrapped lines go on in lower case: its four
#: short paragraphs are too few at some widths (see newsclean.extract.layout).
CASED = [page for page in PAGES if not page.stem.startswith("de_")]


def _html2text(*paragraphs: str) -> list[str]:
    """*paragraphs* as html2text writes them: wrapped at 78 columns."""
    return [textwrap.fill(paragraph, 78) for paragraph in paragraphs]


def _wrap(text: str, width: int) -> str:
    return "\n".join(
        textwrap.fill(line, width) if line.strip() else line for line in text.split("\n")
    )


@pytest.mark.parametrize("width", [60, 72, 78, 80])
@pytest.mark.parametrize("page", CASED, ids=lambda p: p.stem)
def test_a_wrapped_dump_cleans_as_the_unwrapped_one(page, width):
    text = page.read_text(encoding="utf-8")
    wrapped = _wrap(text, width)
    plain, joined = newsclean.clean(text, input="text"), newsclean.clean(wrapped, input="text")
    assert joined.paragraphs == plain.paragraphs
    assert (joined.title, joined.byline, joined.date) == (plain.title, plain.byline, plain.date)


def test_dumps_that_are_not_wrapped_are_left_alone():
    for page in PAGES:
        lines = page.read_text(encoding="utf-8").split("\n")
        assert wrap_width(lines) == 0 and unwrap(lines) == (lines, None)
    # A menu of short items that happen to reach the same width is not prose going on.
    menu = ["Home", "News and features from our newsroom and the region", "World", "Sport"] * 20
    assert wrap_width(menu) == 0


def test_every_input_line_keeps_its_own_decision():
    text = (ROOT / "tests" / "fixtures" / "pages" / "en_wire.txt").read_text(encoding="utf-8")
    wrapped = _wrap(text, 72)
    inputs = wrapped.split("\n")
    assert unwrap(inputs)[1] is not None  # it was joined
    document = newsclean.clean(wrapped, input="text")
    assert [d.line for d in document.decisions] == list(range(1, len(inputs) + 1))
    assert [d.text for d in document.decisions] == inputs
    for removal in document.removed:
        assert removal.text == inputs[removal.line - 1].strip()
    # A kept paragraph's input lines are all kept, with the paragraph's role.
    plain = newsclean.clean(text, input="text")
    kept = [d.text.strip() for d in document.decisions if d.keep and d.role == "body"]
    assert " ".join(kept).split() == " ".join(plain.paragraphs).split()


def test_a_word_broken_at_its_hyphen_is_whole_again():
    lines = _wrap(
        "The plant-based menu was a success with the guests, the owner said on Friday "
        "evening after the last of the tables had been cleared away by the staff. "
        "Her well-known restaurant has served the town for thirty years and was full. "
        "Next year the owners plan to open a second restaurant in the old harbour-side "
        "warehouse, which has stood empty since the shipping company moved away.",
        40,
    ).split("\n")
    joined, numbers = unwrap(lines)
    assert numbers == [1] and "plant-based" in joined[0] and "harbour-side" in joined[0]
    assert "  " not in joined[0]


def test_markdown_marks_are_taken_off_but_not_from_code():
    lines = [
        "# Council approves the new bridge",
        "**By Ann Lee** | _March 3, 2025_",
        "The **council** approved the plans on Monday.",
        "Exponentiation (**) and x ** 2 stay as they are, as do __init__ and snake_case.",
        "# max_connections = 200",
    ]
    out = unmark(lines)
    assert out[:3] == [
        "# Council approves the new bridge",  # the <h1> mark stays for the headline search
        "By Ann Lee | March 3, 2025",
        "The council approved the plans on Monday.",
    ]
    assert out[3:] == lines[3:]
    # Without headings and bold both, nothing is Markdown.
    assert unmark(["# a comment", "x = 1", "# Another Heading"]) == [
        "# a comment",
        "x = 1",
        "# Another Heading",
    ]
    assert normalize(lines) == (out, None)
    # The headline loses its mark, and so does a top-level heading in the body.
    plain_text = (ROOT / "tests" / "fixtures" / "pages" / "en_wire.txt").read_text(encoding="utf-8")
    plain = newsclean.clean(plain_text, input="text")
    marked = [
        f"# {line}" if line.strip() == plain.title else line for line in plain_text.split("\n")
    ]
    marked += ["", "**Share** this story", "", "**Follow** us"]
    document = newsclean.clean("\n".join(marked), input="text")
    assert document.title == plain.title and document.paragraphs == plain.paragraphs
    body = plain.paragraphs[0]
    assert unmark_paragraphs(["# Works start in May", "#hashtag", body]) == [
        "Works start in May",
        "#hashtag",
        body,
    ]


#: A page as html2text writes it: Markdown headings and bold, a table with the rule under its
#: header, an embedded post as a quote wrapped at 78 columns, an escaped list number.
MARKDOWN_DUMP = """# Storm hits the coast

**The storm reached the coast on Tuesday night, and the town was left without power.**

## What the council will pay

Officials said the damage was worse than they had expected, and that the roads would stay
closed until the end of the week while crews cleared the fallen trees from them.

{table}

> The water came up to the second step of the town hall this morning, higher than
> anyone here has seen it since the flood of 1998.
>
> — Jane Doe (@janedoe) March 3, 2025

### 1\\. What happens next

The mayor said the town would ask the government for help with the cost of the repairs.
""".replace(
    # (html2text ends each table row with two spaces, a Markdown line break)
    "{table}",
    "\n".join(
        f"{row}  "
        for row in (
            "Repair | Cost | Paid by",
            "---|---|---",
            "Harbour wall | $1.2m | State",
            "School roof | $340,000 | Council",
        )
    ),
)


def test_a_markdown_dump_gives_its_tables_and_quotes_as_text():
    inputs = MARKDOWN_DUMP.split("\n")
    lines, numbers = unblock(inputs)
    assert "Harbour wall $1.2m State" in lines and "School roof $340,000 Council" in lines
    assert "Repair Cost Paid by" in lines and not any(
        set(line) <= set("-| ") and line for line in lines
    )
    assert (
        "The water came up to the second step of the town hall this morning, higher than" in lines
    )
    assert "### 1. What happens next" in lines
    # The rule under the table's header is the one line taken out; the others keep their numbers.
    assert numbers is not None and len(numbers) == len(inputs) - 1
    rule = next(i for i, line in enumerate(inputs, start=1) if line.startswith("---|"))
    assert rule not in numbers and sorted(set(numbers) | {rule}) == list(range(1, len(inputs) + 1))
    # Cleaned: the rows and the quote are text, and every input line has its decision.
    document = newsclean.clean(MARKDOWN_DUMP, input="text")
    assert "Harbour wall $1.2m State" in document.paragraphs
    assert any(p.startswith("The water came up") for p in document.paragraphs)
    assert not any(p.startswith(">") or "|" in p for p in document.paragraphs)
    assert [d.line for d in document.decisions] == list(range(1, len(inputs) + 1))


def test_a_dump_that_is_not_markdown_keeps_its_bars_and_quote_marks():
    lines = ["Home | News | Sport", "---|---", "> quoted reply", "Total | 3"]
    assert unblock(lines) == (lines, None)


def test_headings_alone_make_a_converters_dump_markdown():
    # html2text's bold around a wrapped lead spans lines: only the headings say Markdown.
    lines = [
        "# Stadia port does not run at a stable 60fps",
        "**The promise of the service: high quality visuals and rock-solid performance",
        "streamed to your browser.**",
        "## What the testers found",
        "> Interesting to see the capture out there running at an unstable 60fps.",
        "## How it compares",
        "### Deal of the day",
        "### Another deal",
        "## More on this story",
        "## Most read",
    ]
    out, numbers = unblock(lines)
    assert numbers is None and out[4] == lines[4][2:]
    assert unmark(lines)[3] == "What the testers found"
    # A few headings and no bold are not enough, nor are top-level ones alone (code comments).
    assert unblock(lines[:5]) == (lines[:5], None)
    comments = [f"# Step {n}: run the installer" for n in range(8)] + ["> not a quote"]
    assert unblock(comments) == (comments, None)


#: A story as html2text dumps it: paragraphs wrapped at 78 columns, the list of dates under a
#: bold-italic intro (``<b><i>…</i></b>`` is written "** _…_**"), each date ending with the two
#: spaces of a Markdown line break.
TOUR_DUMP = "\n\n".join(
    [
        "# The Harbour Band sets a 40th anniversary tour",
        "  * Music\n  * Tours",
        "By Ann Lee | March 3, 2025",
        *_html2text(
            "The Harbour Band will mark forty years since its first show with a tour of "
            "thirty cities next summer, the group's founding members said on Monday at a "
            "concert in the town where they first played together as teenagers.",
            "Kicking off in June, the run will be the first time the four of them have "
            "toured together in nearly twenty years, and tickets go on sale at the end of "
            "the month through the band's own website and the usual outlets.",
            '"We are truly excited about this tour," the singer said in a statement, "as it '
            "is a celebration of everything the band has done. We will be playing songs from "
            'the whole catalogue, as well as some new music we have been working on."',
            "**The band** has also been in the studio with a new producer, writing five songs "
            "for a record it plans to release next year, and says more dates may follow.",
        ),
        "** _The Harbour Band 40th Anniversary Tour dates:_**  \n"
        + "\n".join(
            f"{date} -- {place}  "
            for date, place in (
                ("June 9", "Coral Park Amphitheatre, Westport"),
                ("June 10", "Riverside Arena, Tampa"),
                ("June 14", "Harbour Pavilion, Alpharetta"),
                ("June 17", "Bridge Street Arena, Nashville"),
                ("June 19", "Music Pavilion, Charlotte"),
                ("June 20", "Union Music Park, Raleigh"),
            )
        ),
        "## More from Music",
        "  * Share\n  * Tweet",
        "Privacy Policy | Terms of Use | Contact Us",
    ]
)


def test_html2text_bold_italics_are_unmarked_and_the_list_they_introduce_stays():
    assert (
        unmark(TOUR_DUMP.split("\n"))[
            TOUR_DUMP.split("\n").index("** _The Harbour Band 40th Anniversary Tour dates:_**  ")
        ].rstrip()
        == "The Harbour Band 40th Anniversary Tour dates:"
    )
    # A bold mark with a space inside and no italics after it is no mark.
    assert unmark(["# A", "## B", "**c** d", "x ** 2 and y ** 3"])[3] == "x ** 2 and y ** 3"
    # The intro ends with its colon: the rules read the dates under it as its list.
    document = newsclean.clean(TOUR_DUMP, input="text", line_model=False)
    body = "\n".join(document.paragraphs)
    assert "The Harbour Band 40th Anniversary Tour dates:" in document.paragraphs
    assert "June 9 -- Coral Park Amphitheatre, Westport" in body
    assert "June 20 -- Union Music Park, Raleigh" in body
    assert "Privacy Policy" not in body and "**" not in body


#: A company blog post as html2text dumps it: a few headings, a bold invitation that
#: spans a wrapped line (so no line holds a whole bold span), and the author's bio under
#: a heading whose name is bold.
BLOG_DUMP = "\n\n".join(
    [
        "  * Blog\n  * Events",
        "# Meet us at the trade fair in Cologne",
        "#### A new motto",
        *_html2text(
            "This year our team travels to the trade fair in Cologne with a new motto, "
            "and we will show how our customers build their shops and portals on the "
            "platform that we have been developing with our partners since last spring.",
            "At the stand we will present the new version of the platform, with faster "
            "publishing, better search and a simpler way to manage the content of many "
            "sites at once, and our developers will answer the questions of visitors.",
        ),
        "**We warmly invite you to visit us at the stand. Book a meeting with us in\n"
        "advance, so that we do not miss each other.**",
        "#### Our partner",
        *_html2text(
            "Our partner is a global content platform vendor, founded in 1999 in Norway, "
            "with more than twenty years of experience in open source and more than five "
            "hundred customers in over twenty-five countries around the world."
        ),
        "### About **Jane Doe**",
        *_html2text(
            "As a sales manager, Jane Doe links the marketing team and the sales team of the "
            "company. She studied business in Mannheim and has been part of the team since "
            "2017, where she is responsible for the sales processes and the content offers."
        ),
        "### More posts on this topic",
        "  * What is new in version 2.5\n  * Three years of extended support",
    ]
)


def test_a_headings_bold_makes_a_dump_markdown_and_the_bio_under_it_goes():
    lines = BLOG_DUMP.split("\n")
    assert is_markdown(lines)
    assert "About Jane Doe" in unmark(lines)
    document = newsclean.clean(BLOG_DUMP, input="text")
    body = " ".join(document.paragraphs)
    assert "new version of the platform" in body and "Our partner is a global" in body
    assert "We warmly invite you" in body and "**" not in body
    assert "studied business in Mannheim" not in body
    assert any(r.reason == "bio" for r in document.removed)


#: Teasers of other stories as html2text lists them: a list item with a link is not wrapped.
TEASERS = [
    "  * Toxic algae, climate change and bad policy: scientists say the harbour is under threat",
    "  * The story behind the first batch of cookies baked on the harbour's floating oven",
    "  * The council is shaking up its committees, several members getting new portfolios",
    "  * A man who could barely walk or breathe learns his new feather duvet is to blame",
]


def test_list_items_past_the_width_leave_a_wrapped_dump_wrapped():
    text = (ROOT / "tests" / "fixtures" / "pages" / "en_wire.txt").read_text(encoding="utf-8")
    wrapped = _wrap(text, 78).split("\n") + ["", "## More stories", ""] + TEASERS * 5
    assert wrap_width(wrapped) == 78
    joined, _ = unwrap(wrapped)
    plain = newsclean.clean(text, input="text")
    assert all(paragraph in joined for paragraph in plain.paragraphs)
    # (the same teasers with no wrapped prose above them make no width)
    assert wrap_width(text.split("\n") + TEASERS * 5) == 0


def test_html2text_icon_marks_are_taken_off_and_the_share_line_is_named():
    """html2text writes an icon's empty ``<i></i>`` as ``__``, glued to the label after it;
    without the marks a share bar reads as the rules know it. A name between underscores
    (``__init__``) and a rule of underscores (a wire story's ``___``) stay."""
    lines = ["# A", "## B", "**c** d", "__Facebook __Twitter __Pinterest __Email", "  * __Share"]
    lines += ["Call __init__ first.", "___"]
    out = unmark(lines)
    assert out[3:] == ["Facebook Twitter Pinterest Email", "  * Share", *lines[5:]]
    dump = "\n\n".join([*MARKDOWN_DUMP.split("\n\n")[:4], lines[3], "___", "The end of the story."])
    document = newsclean.clean(dump, input="text", line_model=False)
    shares = [r for r in document.removed if "Pinterest" in r.text]
    assert [(r.text, r.reason) for r in shares] == [(out[3], "share")]


BROWSERS = ROOT / "tests" / "fixtures" / "browsers"
#: The fixture story with links inside its paragraphs, at a web address: the page the
#: browsers' dumps in BROWSERS were made from.
LINKED = {
    "<head>": '<head>\n<base href="https://coastal-courier.example/">',
    "officials said.": 'officials <a href="/council">said</a>.',
    "Engineers replaced the corroded steel cables": (
        '<a href="/engineering">Engineers</a> replaced the corroded <a href="/steel">steel cables</a>'
    ),
    "said Ellen Park,": 'said <a href="/people/ellen-park">Ellen Park</a>,',
}


def _linked_story() -> str:
    html = (ROOT / "tests" / "fixtures" / "html" / "story.html").read_text(encoding="utf-8")
    for plain, linked in LINKED.items():
        assert plain in html
        html = html.replace(plain, linked, 1)
    return html


@pytest.mark.parametrize("browser", ["lynx", "w3m"])
def test_a_terminal_browsers_dump_cleans_as_the_page(browser):
    """``lynx -dump`` and ``w3m -dump`` of a story (80 columns; made by lynx 2.9.0 and w3m
    0.5.3 from :func:`_linked_story` on standard input; lynx's addresses of links into the
    page, which name its temporary file, are the page's): the same title, paragraphs, byline and date as the
    page's HTML. lynx numbers each link ("officials [10]said.") and lists their addresses
    at the end; the numbers go and the addresses are bare links. Its paragraphs are
    indented and wrapped three columns short of its headings: each is joined at its own width."""
    page = newsclean.clean(_linked_story(), input="html")
    dump = (BROWSERS / f"story_links.{browser}.txt").read_text(encoding="utf-8")
    document = newsclean.clean(dump, input="text")
    assert document.title == page.title
    assert document.paragraphs == page.paragraphs
    assert (document.byline, document.date) == (page.byline, page.date)
    assert "[1" not in document.text
    if browser == "lynx":
        addresses = [r for r in document.removed if "courier.example/" in r.text]
        assert len(addresses) == 18 and {r.rule for r in addresses} == {"bare-url"}


def test_a_terminal_browsers_placeholders_for_images_are_not_the_article():
    """w3m and lynx write an image without ``alt`` text as its file's name in brackets, on a
    line of its own (w3m cuts it at ten characters), and w3m an empty ad slot as
    "[INS::INS]": between two paragraphs such a line read as one more line of the story."""
    dump = (BROWSERS / "story_links.w3m.txt").read_text(encoding="utf-8")
    plain = newsclean.clean(dump, input="text")
    marks = ["[6998ec4f0b]", "  [svg]", "[INS::INS]", "[IMG_20240514.jpg]"]
    blocks = dump.split("\n\n")
    with_marks = "\n\n".join(
        block + (f"\n\n{marks[i % len(marks)]}" if i >= 4 else "") for i, block in enumerate(blocks)
    )
    assert with_marks.count("[INS::INS]") >= 2
    document = newsclean.clean(with_marks, input="text")
    assert document.paragraphs == plain.paragraphs
    assert document.title == plain.title


def test_only_a_lynx_dump_loses_its_link_numbers():
    """The numbers go only when the first five count 1, 2, 3 … as lynx numbers links: a
    story's footnote marks and a list of addresses stay as they are elsewhere."""
    lynx = [
        "[1]Home [2]News [3]Sport",
        "The [4]mayor said[5]Read more",
        "   4. https://a.example/x",
    ]
    assert unlink(lynx) == ["Home News Sport", "The mayor said Read more", "   https://a.example/x"]
    notes = ["The study [3] found [4] that the rate fell [12].", "  1. https://a.example/study"]
    assert unlink(notes) == notes
