"""Title, byline and date from plain-text dumps (rules only, so the line model cannot mask them)."""

from __future__ import annotations

from conftest import PROSE, clean_rules


def test_by_name_date_line_gives_byline_and_date():
    document = clean_rules(
        ["Storm hits the coast - The Daily", "", "Storm hits the coast",
         "By JEFFREY GETTLEMAN JAN. 13, 2017", "", *PROSE]
    )  # fmt: skip
    assert document.title == "Storm hits the coast"
    assert document.byline == "JEFFREY GETTLEMAN"
    assert document.date == "2017-01-13"
    assert "By JEFFREY GETTLEMAN JAN. 13, 2017" not in document.paragraphs


def test_byline_with_published_words_after_the_name():
    document = clean_rules(
        ["Storm hits the coast | The Daily", "", "Storm hits the coast", "",
         "By Rebecca Norris Published: Jun 25, 2025", "", *PROSE]
    )  # fmt: skip
    assert document.byline == "Rebecca Norris"
    assert document.date == "2025-06-25"


def test_a_name_alone_that_the_page_repeats_is_the_byline():
    document = clean_rules(
        ["Storm hits the coast | The Daily", "", "Storm hits the coast", "Alban Brooke", "",
         *PROSE, "", "About the author", "Alban Brooke", "Share on Facebook"]
    )  # fmt: skip
    assert document.byline == "Alban Brooke"


def test_a_published_date_beats_an_updated_one():
    document = clean_rules(
        ["Storm hits the coast | The Daily", "", "Storm hits the coast",
         "Updated: October 22, 2025", "Published: July 28, 2025", "", *PROSE]
    )  # fmt: skip
    assert document.date == "2025-07-28"


def test_the_headline_far_above_the_body_repeats_the_page_title():
    menu = [f"Section {k}" for k in range(40)]
    document = clean_rules(
        ["Storm hits the coast and leaves the town in the dark | The Daily", "",
         "Storm hits the coast and leaves the town in the dark", "", *menu, "", *PROSE]
    )  # fmt: skip
    assert document.title == "Storm hits the coast and leaves the town in the dark"


def test_a_category_and_date_line_is_no_headline():
    document = clean_rules(["Sides, Sourdough · December 9, 2021", "", *PROSE])
    assert document.title != "Sides, Sourdough · December 9, 2021"


def test_site_name_from_the_page_title_or_the_copyright_line():
    document = clean_rules(
        ["Storm hits the coast - The Daily", "", "Storm hits the coast", "", *PROSE]
    )
    assert document.site_name == "The Daily"
    document = clean_rules(
        ["Storm hits the coast", "", *PROSE, "", "© 2005-2019 Coast Media, All Rights Reserved."]
    )
    assert document.site_name == "Coast Media"
    assert clean_rules(PROSE).site_name is None


def test_a_chart_credit_is_no_headline():
    chart = [f"Day {k}" for k in range(30)]
    document = clean_rules(
        ["Storm hits the coast - The Daily", "", "Storm hits the coast", "", *chart,
         "Chart: The Daily", "", *PROSE]
    )  # fmt: skip
    assert document.title == "Storm hits the coast"
    assert "Chart: The Daily" not in document.paragraphs


MENU = ["* Home", "* News", "* Sport", "* Weather", "Search"]


def test_without_a_page_title_the_headline_is_the_line_above_the_byline():
    # A converter's dump (inscriptis, html2text) starts with the menu, not the <title>:
    # the headline is the line the byline and the date stand under, past a standfirst.
    document = clean_rules(
        [*MENU, "Why the town keeps its harbour",
         "The council voted to repair it, whatever the cost.",
         "By Jane Doe", "April 29, 2014", "Share", "Save", "Print", "Email", *PROSE]
    )  # fmt: skip
    assert document.title == "Why the town keeps its harbour"
    assert document.byline == "Jane Doe"
    assert document.date == "2014-04-29"


def test_the_headline_above_a_by_name_date_line():
    document = clean_rules(
        [*MENU, "Home » Harbour", "Ten ways to keep a harbour open",
         "By Sarah Miller | September 07, 2023", "Category: Towns", *PROSE]
    )  # fmt: skip
    assert document.title == "Ten ways to keep a harbour open"
    assert document.byline == "Sarah Miller"
    assert document.date == "2023-09-07"


def test_list_marked_byline_and_date_lines_are_metadata_not_the_headline():
    document = clean_rules(
        [*MENU, "A guide to the harbour repairs", "* by Jane Doe", "* on February 11, 2025",
         "* at 12:16 pm", *PROSE]
    )  # fmt: skip
    assert document.title == "A guide to the harbour repairs"
    assert document.byline == "Jane Doe"
    assert document.date == "2025-02-11"
    assert not any(p.startswith("* ") for p in document.paragraphs)


def test_a_bare_written_by_line_is_a_byline():
    from newsclean.extract.metadata import is_byline, is_date_line

    assert is_byline("Written by:")
    assert is_byline("* by BBK Web")
    assert not is_byline("* by the time the vote closed")
    assert is_date_line("* December 19, 2025")
    assert not is_date_line("* Ten things to do in December 2025")


def test_the_headline_that_says_the_whole_page_title_beats_a_shorter_line():
    # Both lines are made of the page title's words; the one that says most of it wins.
    document = clean_rules(
        ["Storm leaves the coastal town without power for days | The Daily", "", *MENU,
         "Storm leaves the coastal town without power for days", "The coastal town", *PROSE]
    )  # fmt: skip
    assert document.title == "Storm leaves the coastal town without power for days"


def test_a_question_headline_that_opens_the_region_repeats_the_page_title():
    document = clean_rules(
        ["Why did the town lose its power? | The Daily", "", *MENU, "Download our app today",
         "Why did the town lose its power?", *PROSE]
    )  # fmt: skip
    assert document.title == "Why did the town lose its power?"
    assert document.paragraphs[0] == PROSE[0]


def test_a_name_alone_above_the_date_is_the_byline():
    document = clean_rules(
        ["Storm hits the coast | The Daily", "", "Storm hits the coast", "LEONARDO GARCIA",
         "Sep 26, 2022", "2 min read", *PROSE]
    )  # fmt: skip
    assert document.byline == "LEONARDO GARCIA"
    assert document.date == "2022-09-26"


def test_the_date_of_the_byline_beats_an_earlier_date_on_the_page():
    document = clean_rules(
        ["Storm hits the coast | The Daily", "", "Most read: prices rise again 2024-05-02",
         "Storm hits the coast", "", "By Randy Thompson • 20 Dec 2025", "", *PROSE]
    )  # fmt: skip
    assert document.byline == "Randy Thompson"
    assert document.date == "2025-12-20"


def test_a_markdown_top_heading_is_the_headline():
    # html2text writes the page's <h1> as "# Headline"; the marks stay in a dump with
    # too few of them to be taken off.
    document = clean_rules(
        [*MENU, "Apply Now", "# Kickstart your harbour education: degree or certificate",
         "Jennifer Newmann", "FAQ # Harbours, Boats", *PROSE]
    )  # fmt: skip
    assert document.title == "Kickstart your harbour education: degree or certificate"


def test_the_line_a_breadcrumb_ends_with_is_the_headline():
    document = clean_rules(
        [*MENU, "Car Talk / Car Reviews / Best boats of the year", "Best boats of the year",
         "Share on Facebook", "View Full Profile", *PROSE]
    )  # fmt: skip
    assert document.title == "Best boats of the year"


def test_the_first_line_is_not_its_own_repeat():
    # The page title is the first line: it cannot also be the headline that repeats it.
    document = clean_rules(PROSE)
    assert document.title == ""
    assert document.paragraphs == PROSE


def test_the_site_name_is_no_headline_when_a_line_says_the_page_title():
    site = "BlueCross BlueShield of South Carolina"
    document = clean_rules(
        [f"Keep your teeth healthy | {site}", "", site, "", "Members Employers Providers", "",
         "Keep your teeth healthy", "", "Share this page", "", *PROSE]
    )  # fmt: skip
    assert document.title == "Keep your teeth healthy"


def test_the_originally_published_date_beats_the_updated_one_on_the_same_line():
    document = clean_rules(
        ["Storm hits the coast | The Daily", "", "Storm hits the coast",
         "Updated November 11, 2022 8:23 PM ET Originally published November 9, 2022 11:01 AM ET",
         "", *PROSE]
    )  # fmt: skip
    assert document.date == "2022-11-09"


def test_a_date_far_from_the_text_is_the_date_when_nothing_nearer_gives_one():
    document = clean_rules(
        ["Storm hits the coast | The Daily", "", "Storm hits the coast", "", *PROSE, "",
         *[f"Related story number {n} about the weather" for n in range(40)], "",
         "Posted July 10, 2004"]
    )  # fmt: skip
    assert document.date == "2004-07-10"
    # an update alone is no publication date
    updated = clean_rules(
        ["Storm hits the coast | The Daily", "", "Storm hits the coast", "", *PROSE, "",
         *[f"Related story number {n} about the weather" for n in range(40)], "",
         "Updated July 10, 2004"]
    )  # fmt: skip
    assert updated.date is None


def test_dates_written_with_dots_or_year_first_are_read():
    # A journal's citation line ("2023 Jan 7;15(1)"), a day and month with full stops.
    for line, day in (
        ("Cureus. 2023 Jan 7;15(1):e33475. doi: 10.7759/cureus.33475", "2023-01-07"),
        ("📅Jul. 11. 2025", "2025-07-11"),
        ("Published on 25.Jun.2019 in Vol 7, No 6 (2019)", "2019-06-25"),
    ):
        document = clean_rules(
            ["Storm hits the coast | The Daily", "", "Storm hits the coast", "", line, "", *PROSE]
        )
        assert document.date == day, line


def test_the_site_name_gives_way_to_the_page_title_when_no_line_says_it():
    site = "Coastal Weather and Harbour Trust"
    document = clean_rules([f"Storm closes the town harbour | {site}", "", site, "", *PROSE])
    assert document.title == "Storm closes the town harbour"


def test_a_headline_sharing_one_word_of_a_long_page_title_gives_way_to_it():
    # A box over the text shares a word ("the") with the page title, not its sense; the
    # body says the page title's words.
    page_title = "Storm leaves the town harbour without power for most of the day | The Daily"
    document = clean_rules([page_title, "", "Meet The Team", "", *PROSE])
    assert document.title == "Storm leaves the town harbour without power for most of the day"
    # a headline that says part of it stands
    document = clean_rules([page_title, "", "Storm leaves the town without power", "", *PROSE])
    assert document.title == "Storm leaves the town without power"


def test_an_update_beside_the_byline_gives_way_to_the_date_under_the_headline():
    document = clean_rules(
        ["Storm hits the coast | The Daily", "", "Storm hits the coast", "", "November 26, 2025",
         "", "Eli Manikan Contributing Writer | Weather and harbours",
         "Fact checked by: Vita Stevens", "Updated: March 12, 2026", "", "Image credit: Amazon",
         "", *PROSE]
    )  # fmt: skip
    assert document.date == "2025-11-26"
