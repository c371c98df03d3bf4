"""Which line or heading becomes the title: breadcrumb trails, page titles said again,
question headlines, site names, widget labels (text dumps by the rules alone, and HTML)."""

from __future__ import annotations

from conftest import PROSE, clean_rules

from newsclean import clean
from newsclean.document import Document
from newsclean.extract.html.blocks import parse
from newsclean.extract.html.meta import page_meta, settle_metadata
from newsclean.extract.html.titles import strip_site_name
from newsclean.extract.metadata import after_trail

MENU = ["Home", "News", "Weather", "Sport", "Contact us"]

BODY = "".join(
    f"<p>The council voted on the new bridge plan for the {n} time this week, and the residents "
    f"who came to the meeting said they had waited years for a decision on the crossing.</p>"
    for n in ("first", "second", "third", "fourth", "fifth")
)


def test_a_breadcrumb_trail_is_no_part_of_the_headline():
    document = clean_rules(
        [*MENU, "", "Home » Guides » The best boats of the year for a family", "",
         "By Ann Lee", "", *PROSE]
    )  # fmt: skip
    assert document.title == "The best boats of the year for a family"
    trail = "Center for Career & Professional Development > How to Negotiate Salary & Benefits"
    assert after_trail(trail) == "How to Negotiate Salary & Benefits"
    # a ">" between numbers, or steps with digits, make no trail
    assert after_trail("Why 2 > 1 in the new voting rules") == "Why 2 > 1 in the new voting rules"
    assert (
        after_trail("Top 10 > the rest: our picks of 2025")
        == "Top 10 > the rest: our picks of 2025"
    )


def test_the_page_title_said_again_above_a_menu_header_is_the_headline():
    # "Top Content" reads as a related-stories header; the headline under it says the page title.
    document = clean_rules(
        ["5 Trends from the Harbour Meeting", "", "Sign in", "Top Content", "People", "Jobs",
         "Join now Sign in", "5 Trends from the Harbour Meeting", "Report this article",
         "Dylan Bailey, MS, RD", "Dylan Bailey, MS, RD", "Published Jun 4, 2025", "+ Follow",
         *PROSE]
    )  # fmt: skip
    assert document.title == "5 Trends from the Harbour Meeting"


def test_the_page_title_said_just_inside_the_region_is_the_headline():
    notice = (
        "We noticed that you are using Internet Explorer 11 or older, which we no longer "
        "support. Please update your browser."
    )
    document = clean_rules(
        ["What is a storm surge?", "", *MENU, "Awards and Scholarships", "Get Help", notice,
         "Dismiss notification", "What is a storm surge?", *PROSE]
    )  # fmt: skip
    assert document.title == "What is a storm surge?"
    assert notice not in document.paragraphs


def test_the_line_that_says_the_page_title_best_is_the_headline():
    title = "Top 39 Harbour Construction Companies in 2025"
    document = clean_rules(
        [title, "", *MENU, title, "By Ann Lee", "Updated May 2, 2025", "Contents",
         "39 Top Harbour Contractors and Construction Companies", "Our list",
         *[f"Company {n}" for n in range(30)], *PROSE]
    )  # fmt: skip
    assert document.title == title


def test_the_first_line_taken_for_the_headline_loses_its_site_name():
    document = clean_rules(["Brief history of the harbour - Charleston Harbour Trust", "", *PROSE])
    assert document.title == "Brief history of the harbour"


def test_a_question_headline_that_opens_the_region_is_the_title():
    document = clean_rules(
        ["Start a project", "Popular projects", "Plumbing tasks",
         "How much does it cost to fix a harbour wall in Ponchatoula?", *PROSE]
    )  # fmt: skip
    assert document.title == "How much does it cost to fix a harbour wall in Ponchatoula?"
    assert document.paragraphs[0] == PROSE[0]
    # a long question is the article's first sentence, not its headline
    question = (
        "Thinking about packing up your current home and your whole way of life and "
        "moving to the harbour town?"
    )
    document = clean_rules(["Start a project", "Popular projects", question, *PROSE])
    assert document.title != question


def test_a_weak_match_with_the_page_title_gives_way_to_the_line_above_the_byline():
    # "Rick Steves' Europe" shares the page title's words of its author, not its headline's.
    document = clean_rules(
        ["Harbour Insurance Coverage Tips by Rick Steves", "", *MENU, "Rick Steves' Europe",
         "Tour Account", "Travel Forum", "Do I Need Harbour Insurance?",
         "When you book a boat, it is good to know what insurance does and does not cover.",
         "By Rick Steves", *PROSE]
    )  # fmt: skip
    assert document.title == "Do I Need Harbour Insurance?"
    # a line that says one part of the page title is no weak match
    document = clean_rules(
        ["The 3 Best Harbour Boats of 2026 | Reviews by Boatcutter", "", *MENU,
         "The Best Harbour Boats", "Updated February 12, 2026", "Photo: Boatcutter",
         "By Lauren Dragan", *PROSE]
    )  # fmt: skip
    assert document.title == "The Best Harbour Boats"


def test_a_headline_that_rewords_the_page_title_wins_over_the_line_above_the_byline():
    # The page title and the headline say the same story in other words; the standfirst
    # or a category line stands between the headline and the byline.
    headline = "To Find the 5 Best Harbour Kettles, I Put 17 Models to the Test"
    for between in ("Our favourites pour slowly and look good on a stove", "Category: Top Picks"):
        document = clean_rules(
            ["The 5 Best Harbour Kettles, Tested & Reviewed", "", *MENU, headline, between,
             "By Ann Lee", "Updated August 27, 2025", *PROSE]
        )  # fmt: skip
        assert document.title == headline
    # A first line of three words or fewer is a menu's, not a page title to reword: the
    # headline is the line over the byline, past a category line of a few words (and it
    # speaks of what the article does).
    kettles = [
        "We tested the best kettles of the year at the harbour cafe, and each of them was "
        "filled and boiled a hundred times.",
        *PROSE,
    ]
    document = clean_rules(
        ["Harbour Kettles Shop", "", *MENU, "The Best Harbour Kettles We Tested This Year",
         "Category: Top Picks", "By Ann Lee", "Updated August 27, 2025", *kettles]
    )  # fmt: skip
    assert document.title == "The Best Harbour Kettles We Tested This Year"


def test_a_short_page_title_said_again_above_the_body_is_the_headline():
    document = clean_rules(
        ["Harbour Backups", "", "Ann Lee", "Posts", "RSS", "Contact", "Harbour Backups",
         "January 22nd, 2019", *PROSE]
    )  # fmt: skip
    assert document.title == "Harbour Backups"
    # a page title of one word said again is a menu's word
    document = clean_rules(
        ["Backups", "", "Ann Lee", "Posts", "Backups", "Contact", "January 22nd, 2019", *PROSE]
    )  # fmt: skip
    assert document.title != "Backups"


def test_a_skip_link_said_twice_is_no_headline():
    # With no page title, the first line of the page is its first link; said again above
    # an article with no paragraphs, it is still the menu's "Skip to content".
    page = (
        "<html><head><title></title></head><body><nav><ul>"
        "<li><a href='/0'>Skip to content</a></li><li><a href='/1'>Skip to content</a></li>"
        "</ul></nav><article><header><h1>City council votes to close the old bridge</h1>"
        "<p class='byline'>By Jane Doe</p></header></article></body></html>"
    )
    for page_type_model in (None, False):
        document = clean(page.encode(), page_type_model=page_type_model)
        assert "Skip to content" not in document.text
        assert document.title == "City council votes to close the old bridge"


def html_title(head: str, body: str, found: str = "") -> str:
    """The title settled between a headline the text gave (*found*) and the page's markup."""
    html = f"<html><head>{head}</head><body>{body}{BODY}</body></html>"
    document = Document(title=found, paragraphs=["The council voted on the bridge plan."])
    settle_metadata(document, page_meta(parse(html)))
    return document.title


def declared(title: str, site: str) -> str:
    """A page head declaring *title* (as ``<title>`` and og:title) and the site's name."""
    return (
        f'<title>{title}</title><meta property="og:title" content="{title}">'
        f'<meta property="og:site_name" content="{site}">'
    )


def test_an_h1_that_is_one_part_of_the_page_title_is_the_headline():
    title = "History of bridges | Origin, Council, Votes, Facts, & Timeline | Britannica"
    head = declared(title, "Encyclopedia Britannica")
    assert html_title(head, "<h1>history of bridges</h1>") == "history of bridges"


def test_a_site_name_shortened_by_a_word_is_taken_off_the_title():
    title = "Website Design Portfolio | Thrive Internet Marketing"
    head = declared(title, "Thrive Internet Marketing Agency")
    assert html_title(head, "<h1>Web Designs</h1>") == "Website Design Portfolio"
    # a site name that is the whole page title again takes nothing off
    site = "How to Design a Website: a Complete Guide | Clay"
    assert strip_site_name(site, site) == "How to Design a Website: a Complete Guide"


def test_a_widget_label_in_an_h1_is_no_headline():
    title = "Webcams - Harbour National Park (U.S. National Park Service)"
    head = f'<title>{title}</title><meta property="og:title" content="{title}">'
    body = "<h1>Open Menu Close Menu</h1><h1>Webcams</h1>"
    page = f"<html><head>{head}</head><body><header>{body}</header>{BODY}</body></html>"
    assert clean(page.encode(), input="html").title != "Open Menu Close Menu"
    assert page_meta(parse(page)).shown is None


def test_a_site_address_in_the_h1_is_the_masthead_and_no_part_of_the_title():
    head = "<title>annlee.net Bridge works resume</title>"
    body = "<header><h1>annlee.net</h1><div>A Dabbler's Weblog</div></header><h2>May 2, 2025</h2>"
    page = f"<html><head>{head}</head><body>{body}<article>{BODY}</article></body></html>"
    document = clean(page.encode(), input="html")
    assert (document.title, document.site_name) == ("Bridge works resume", "annlee.net")
    # an address in a headline is the story's subject, not the site
    assert strip_site_name("Booking.com fined by the council") == (
        "Booking.com fined by the council"
    )


def test_question_marks_for_lost_characters_give_way_to_the_declared_title():
    title = "Bridge Planning: A Beginner’s Guide"
    head = declared(f"{title} | Town Paper", "Town Paper")
    assert html_title(head, "<h1>Bridge Planning? A Beginner? Guide</h1>") == title
    page = f"<html><head>{head}</head><body><h1>Bridge Planning? A Beginner? Guide</h1>{BODY}"
    assert clean(page.encode(), input="html").title == title
    # a headline that asks stays as the page writes it
    question = "Will the bridge open? The council votes"
    head = declared(f"{question} | Town Paper", "Town Paper")
    assert html_title(head, f"<h1>{question}</h1>") == question


def test_a_breadcrumb_mark_before_the_headline_is_no_part_of_it():
    head = declared("Wool Runner shoes | Town Shoes", "Town Shoes")
    assert html_title(head, "<h1>/ Wool Runner shoes</h1>") == "Wool Runner shoes"
    assert html_title(head, "<h1>» Wool Runner shoes</h1>") == "Wool Runner shoes"
    # a headline that starts with a path stays as written
    head = declared("/dev/null for beginners | Town Shoes", "Town Shoes")
    assert html_title(head, "<h1>/dev/null for beginners</h1>") == "/dev/null for beginners"


# A dump that starts with the menu (inscriptis, a browser's "save as text") has no page
# title to match: the headline is found over the rest of the article's head.
BULLETS = [f"* {entry}" for entry in MENU]


def test_the_headline_is_over_the_writer_and_the_reading_time():
    document = clean_rules(
        [*BULLETS, "", "Storm damage on the coast: what the town must repair", "",
         "Jane Doe", "", "Senior Weather Editor", "", "June 9, 2025", "", "4 Minutes to Read",
         "", "What the council decided", "", *PROSE]
    )  # fmt: skip
    assert document.title == "Storm damage on the coast: what the town must repair"


def test_the_headline_is_over_its_standfirst_and_a_photo_credit():
    document = clean_rules(
        [*BULLETS, "", "Storm damage on the coast and the roads to the town",
         "", "The repairs to the harbour and the school will take until spring",
         "", "Photo: Jane Doe / Reuters", "", *PROSE]
    )  # fmt: skip
    assert document.title == "Storm damage on the coast and the roads to the town"


def test_the_climb_passes_no_menu_prose_or_button():
    # The menu's list ends the climb (the headline-like line over the menu is not reached);
    # the line nearest the body stays the headline.
    listed = clean_rules(
        ["Harbour Weekly", "", "Storm damage on the coast and the harbour roads", *BULLETS,
         "* Storm damage on the coast and the roads", "", "Coast storm repairs ahead", "", *PROSE]
    )  # fmt: skip
    assert listed.title == "Coast storm repairs ahead"
    # A button of a few words says nothing the body does: no headline over the real one,
    # though the climb passes the short label between them.
    button = clean_rules(
        [*BULLETS, "", "Get a free quote today", "", "Winter Sale", "",
         "Storm damage on the coast and the roads", "", *PROSE]
    )  # fmt: skip
    assert button.title == "Storm damage on the coast and the roads"
    # A line of the menu's rules ("Contact") ends the climb too.
    nav = clean_rules(
        [*BULLETS, "", "Get a free quote today", "", "Contact", "",
         "Storm damage on the coast and the roads", "", *PROSE]
    )  # fmt: skip
    assert nav.title == "Storm damage on the coast and the roads"


def test_a_breadcrumb_or_a_numbered_entry_holding_the_headline_is_not_it():
    for above in ("Home Guides Storm damage on the coast", "3. Storm damage on the coast"):
        document = clean_rules(
            [*BULLETS, "", above, "", "Storm damage on the coast", "", "June 9, 2025", "", *PROSE]
        )  # fmt: skip
        assert document.title == "Storm damage on the coast"


def test_the_headline_over_the_byline_far_above_a_late_region():
    # A long table of contents between the article's head and its first paragraph.
    contents = [f"* {n}. What the council decided on the harbour, part {n}" for n in range(1, 31)]
    document = clean_rules(
        [*BULLETS, "", "Storm damage on the coast and the council's plan", "", "By Jane Doe",
         "June 9, 2025", "", "Table of contents", *contents, "", *PROSE]
    )  # fmt: skip
    assert document.title == "Storm damage on the coast and the council's plan"
    assert document.byline == "Jane Doe"


def test_a_byline_said_twice_is_no_page_title_said_again():
    page = "\nBy Jane Doe\nBy Jane Doe\n" + PROSE[0]
    document = clean_rules(page.split("\n"))
    assert document.title == ""
    assert document.byline == "Jane Doe"
    assert clean_rules(document.text.split("\n")).text == document.text


def test_the_headline_over_a_standfirst_over_the_byline():
    # A standfirst reads as a sentence; a headline in title case keeps the section over it.
    story = "Why the harbour repairs after the storm will take until spring"
    document = clean_rules(
        [*BULLETS, "", "The Storm That Closed the Harbour", "", story, "", "By Jane Doe", "",
         "The harbour and the storm: the council's plan for the repairs", *PROSE]
    )  # fmt: skip
    assert document.title == "The Storm That Closed the Harbour"
    section = clean_rules(
        [*BULLETS, "", "Weather News and Storm Reports", "", "The Storm That Closed the Harbour",
         "", "By Jane Doe", "", *PROSE]
    )  # fmt: skip
    assert section.title == "The Storm That Closed the Harbour"


# A dump with no page title on its first line (lynx, w3m, resiliparse and inscriptis write
# none): the line nearest the body that reads like a headline is often a picture's alt text.
# (The box's heading between them keeps the rules from climbing to the headline.)
LEAD = "Heavy rain fell across the region overnight, officials said on Wednesday morning."
HARBOUR = [
    "Storm closes harbour road as crews repair power lines",
    "",
    "Subscribe to our weekly letter",
    "",
    "Aerial view of a fishing boat at dawn",
    "",
    LEAD,
    *PROSE,
]


def test_a_headline_that_says_what_the_body_says_beats_an_alt_text_nearer_the_body():
    for model in (False, True):
        document = clean("\n".join([*MENU, "", *HARBOUR]), input="text", line_model=model)
        assert document.title == HARBOUR[0]
        assert "Aerial view of a fishing boat at dawn" not in document.paragraphs


def test_a_headline_with_few_of_the_body_words_stays_when_no_line_says_more():
    # "Quiet night" shares no word with the body, but neither does any line above it.
    document = clean_rules([*MENU, "", "A quiet night on the coast road", "", *PROSE])
    assert document.title == "A quiet night on the coast road"


def test_a_headline_the_page_title_agrees_with_stands_whatever_the_body_says():
    title = "Aerial view of a fishing boat at dawn - The Harbour Times"
    document = clean_rules([title, "", *MENU, "", *HARBOUR])
    assert document.title == "Aerial view of a fishing boat at dawn"
    # (the headline line taken is that one too, not the story's above it)
    taken = [d.text for d in document.decisions if d.role == "title"]
    assert taken == ["Aerial view of a fishing boat at dawn"]


def test_a_headline_that_says_much_more_of_the_body_beats_one_that_says_a_little():
    # "Harbour" is the body's word, but the headline above says most of what the body says.
    headline = "Storm leaves the town without power as crews work in the rain"
    document = clean_rules(
        [*MENU, "", headline, "", "Subscribe to our weekly letter", "",
         "Harbour photos and weather videos", "", LEAD, *PROSE]
    )  # fmt: skip
    assert document.title == headline


def test_a_markdown_heading_stands_whatever_the_body_says():
    # A converter's "# " mark is the page's <h1>: the headline, however it is worded.
    document = clean_rules([*MENU, "", "# Aerial view of a fishing boat at dawn", "", *HARBOUR])
    assert document.title == "Aerial view of a fishing boat at dawn"


def test_the_regions_first_line_is_not_taken_for_a_headline_for_saying_itself():
    from newsclean.extract.features import Limits, page_lines
    from newsclean.extract.headline import echoed_headline

    notice = "This post is sponsored by Harbour Outfitters and all of the opinions in it are mine alone #ad"
    lines, _ = page_lines([HARBOUR[0], "Aerial view of a fishing boat at dawn", notice,
                           LEAD, *PROSE], Limits())  # fmt: skip
    # the region starts at the notice; the rules took the alt text (1) for the headline
    assert echoed_headline(lines, 2, len(lines) - 1, 1, lambda line: True) == 0
