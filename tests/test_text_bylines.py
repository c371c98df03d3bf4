"""Bylines of text dumps that carry no "By NAME" pattern: a name with its date, a name
alone beside a date or a reading time, a short "By ..." line (rules only)."""

from __future__ import annotations

import pytest
from conftest import PROSE, clean_rules

from newsclean.extract.features import Limits, line_features
from newsclean.extract.textmeta import (
    dated_name,
    handle_byline,
    job_title,
    name_alone,
    reading_time,
    short_by_line,
)


def _line(text: str):
    return line_features(1, text, None, Limits())


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Tom Talbot October 14, 2025", "Tom Talbot"),
        ("Faith Katunga • Oct 20, 2025", "Faith Katunga"),
        ("David Hartshorne • Updated on Jul 4, 2024 • 28 min read", "David Hartshorne"),
        ("Dec 26, 2025 • Mahua Das in Project Management", "Mahua Das"),
        ("Aaron Ricadela | Senior Writer | July 2, 2025", "Aaron Ricadela"),
        ("Kristian Larsen July 13, 2025 — 7 minutes read", "Kristian Larsen"),
        ("March 20, 2023 | Wellness Prevention", None),
        ("Last Updated Dec 17, 2025", None),
        ("Published on Oct 31, 2025", None),
        ("The vote took place on March 3, 2020 in the capital.", None),
    ],
)
def test_the_name_of_a_dated_byline(text, name):
    assert dated_name(text) == name


@pytest.mark.parametrize(
    ("text", "expected"),
    [("5 min read", True), ("8 min", True), ("Reading time: 4 minutes", True),
     ("12 minute read", True), ("21 Minutes to Read", True), ("5 minutes to midnight", False),
     ("2025", False)],
)  # fmt: skip
def test_reading_time(text, expected):
    assert reading_time(text) is expected


def test_a_name_alone_is_no_button_or_section():
    assert name_alone(_line("Kelia Losa Reinoso"))
    assert not name_alone(_line("Get Started"))
    assert not name_alone(_line("Key Takeaways"))
    assert not name_alone(_line("the storm"))


def test_a_short_by_line():
    assert short_by_line(_line("By The Currency editors"))
    assert not short_by_line(_line("By the time the vote closed, most had gone home."))
    assert not short_by_line(_line("Bylines and credits"))


def test_name_and_date_on_one_line_give_byline_and_date():
    document = clean_rules(
        ["Storm hits the coast | The Daily", "", "Storm hits the coast",
         "Tom Talbot October 14, 2025", "", *PROSE]
    )  # fmt: skip
    assert document.title == "Storm hits the coast"
    assert document.byline == "Tom Talbot"
    assert document.date == "2025-10-14"


def test_a_name_above_the_headline_beside_the_date_is_the_byline():
    document = clean_rules(
        ["Storm hits the coast | The Daily", "", "Order Now", "Andrew King", "September 4, 2025",
         "5:50 am", "Storm hits the coast", *PROSE]
    )  # fmt: skip
    assert document.byline == "Andrew King"
    assert document.date == "2025-09-04"


def test_a_button_beside_the_date_is_no_byline():
    document = clean_rules(
        ["Storm hits the coast | The Daily", "", "Get Started", "December 17, 2025 • 8 minutes",
         "Storm hits the coast", *PROSE]
    )  # fmt: skip
    assert document.byline is None


def test_a_repeated_name_near_the_date_beats_a_title_beside_it():
    document = clean_rules(
        ["Storm hits the coast", "Insights from", "Liza Burke", "Marketing Director",
         "May 14, 2025", "", *PROSE, "Insights from", "Liza Burke", "Marketing Director"]
    )  # fmt: skip
    assert document.byline == "Liza Burke"


def test_a_short_by_line_is_the_byline_and_not_the_headline():
    document = clean_rules(
        ["1. Home", "2. News", "Storm hits the coast", "December 7, 2020",
         "By Ask the Doctors", "3 min read", *PROSE]
    )  # fmt: skip
    assert document.title == "Storm hits the coast"
    assert document.byline == "Ask the Doctors"
    assert document.date == "2020-12-07"


def test_a_name_with_its_job_title_above_the_date_is_the_byline():
    document = clean_rules(
        ["* Our Services", "* Case Studies", "Get in touch", "16 min read",
         "Top Agencies", "Storm hits the coast of the northern bay", "Jack Shepherd",
         "Co-Founder & Marketing Director", "Updated on 23 Oct 2025", "Contents", *PROSE]
    )  # fmt: skip
    assert document.byline == "Jack Shepherd"
    assert document.date == "2025-10-23"


MENU = [f"Section {k}" for k in range(20)]


def test_a_byline_far_above_the_body_is_still_the_byline():
    document = clean_rules(
        ["Storm hits the coast | The Daily", "", "Written by", "Jane Doe", *MENU,
         "Storm hits the coast", *PROSE]
    )  # fmt: skip
    assert document.byline == "Jane Doe"


def test_a_name_under_an_author_label_far_above_the_body():
    document = clean_rules(
        ["Storm hits the coast | The Daily", "", "Author:", "Jane Doe", *MENU,
         "Storm hits the coast", *PROSE]
    )  # fmt: skip
    assert document.byline == "Jane Doe"


def test_no_byline_from_a_name_without_a_label_far_above_the_body():
    document = clean_rules(
        ["Storm hits the coast | The Daily", "", "Jane Doe", *MENU, "Storm hits the coast", *PROSE]
    )
    assert document.byline is None


def test_a_credit_under_a_caption_is_not_the_headline_above_the_byline():
    document = clean_rules(
        ["Quanta Magazine", "Physics", "Biology", "Storm hits the coast of the northern bay",
         "By Carrie Arnold", "November 15, 2019", "Read Later",
         "Boats lie on their sides in the harbour after the storm passed over the town at night.",
         "Photo Agency for The Daily", "Carrie Arnold", "Contributing Writer", "November 15, 2019",
         "View PDF/Print Mode", *PROSE]
    )  # fmt: skip
    assert document.title == "Storm hits the coast of the northern bay"


def test_a_menu_entry_with_by_is_no_byline():
    document = clean_rules(
        ["Storm hits the coast | The Daily", "", "Desks by Brand One, Brand Two, Brand Three",
         *MENU, "Storm hits the coast", *PROSE]
    )  # fmt: skip
    assert document.byline is None


def test_the_date_beside_the_byline_beats_a_date_near_another_headline():
    document = clean_rules(
        ["Storm hits the coast | The Daily", "", "Storm hits the coast", "By Jane Doe",
         "May 2, 2025", *MENU, "Storm hits the coast", "December 1, 2025", *PROSE]
    )  # fmt: skip
    assert document.byline == "Jane Doe"
    assert document.date == "2025-05-02"


def test_the_date_on_the_byline_line():
    document = clean_rules(
        ["Storm hits the coast | The Daily", "", "Updated December 1, 2025", *MENU,
         "Storm hits the coast", "by Daniel Gibson | Mar 11, 2023 | Storms", *PROSE]
    )  # fmt: skip
    assert document.byline == "Daniel Gibson"
    assert document.date == "2023-03-11"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("By: ShawnHymel | December 16, 2025 | Categories: Uncategorized", "ShawnHymel"),
        ("by ibby", "ibby"),
        ("Posted on July 1, 2024 by infuy", "infuy"),
        ("by Amanda · Dec 20, 2025 at 3:00 am · One comment so far", "Amanda"),
        ("By the Lavazza Team 2–3 minutes", "the Lavazza Team"),
        ("Sort by Date", None),
        ("Filter by Topic | News", None),
        ("By State", None),
        ("By the way, the storm is over", None),
    ],
)
def test_a_byline_that_names_a_handle(text, name):
    assert handle_byline(text) == name


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Tech Writer", True), ("Former McKinsey Consultant", True), ("Founder & CEO", True),
     ("Research & Development", False), ("Our writers tested forty laptops.", False)],
)  # fmt: skip
def test_a_job_title(text, expected):
    assert job_title(text) is expected


def test_a_name_right_under_the_headline_is_the_byline():
    document = clean_rules(["Storm hits the coast", "", "Andrei Zakharov", "", *PROSE])
    assert document.byline == "Andrei Zakharov"


def test_a_section_heading_under_the_headline_is_no_byline():
    # The page writes "power" and "coaching" in lower case: common words, not a name.
    document = clean_rules(
        ["Storm hits the coast", "", "Power Coaching", "",
         "The storm cut the power to the town, and the coaching staff of the school stayed home.",
         *PROSE]
    )  # fmt: skip
    assert document.byline is None


def test_a_name_over_its_job_title_is_the_byline():
    document = clean_rules(
        ["Storm hits the coast | The Daily", "", "Storm hits the coast", "Juliette Carreiro", "",
         "Tech Writer", "", *PROSE]
    )  # fmt: skip
    assert document.byline == "Juliette Carreiro"


def test_a_name_with_its_job_on_one_line_is_the_byline():
    document = clean_rules(
        ["Storm hits the coast | The Daily", "", "Storm hits the coast",
         "Mateusz Haberny Founder at Oakwood", "", *PROSE]
    )  # fmt: skip
    assert document.byline == "Mateusz Haberny"


def test_a_handle_over_the_date_is_the_byline():
    document = clean_rules(
        ["Storm hits the coast | The Daily", "", "Storm hits the coast", "Gabo", "Jan 23, 2025",
         "11 min read", *PROSE]
    )  # fmt: skip
    assert document.byline == "Gabo"
    assert document.date == "2025-01-23"


def test_a_name_beside_the_date_beats_a_photo_credit():
    document = clean_rules(
        ["Storm hits the coast | The Daily", "", "Storm hits the coast", "Shrijith Venkat",
         "Dec 18, 2025", "", "Photo by Jaideep Bhoosreddy on Unsplash", *PROSE]
    )  # fmt: skip
    assert document.byline == "Shrijith Venkat"


@pytest.mark.parametrize(
    ("line", "name"),
    [("By Alyssa Morgan on January 21, 2023", "Alyssa Morgan"),
     ("Written by: Colin Gray Colin Gray", "Colin Gray"),
     ("By MixmasterFred in Workshop Woodworking", "MixmasterFred")],
)  # fmt: skip
def test_the_byline_keeps_the_name_only(line, name):
    document = clean_rules(
        ["Storm hits the coast | The Daily", "", "Storm hits the coast", line, "", *PROSE]
    )
    assert document.byline == name


def test_a_headline_that_shares_no_word_with_the_page_title_gives_way_to_it():
    document = clean_rules(
        ["Storm hits the northern coast | The Daily", "", "Weekend Reading Picks", "", *PROSE]
    )
    assert document.title == "Storm hits the northern coast"


def test_the_page_title_must_name_the_site_and_be_what_the_body_is_about():
    # No site's name after the first line: it may be any line a converter wrote first.
    alone = clean_rules(["Storm hits the northern coast", "", "Weekend Reading Picks", *PROSE])
    assert alone.title != "Storm hits the northern coast"
    # The body says nothing of the first line's words: an advertisement, not the page title.
    advert = clean_rules(
        ["Final call: save forty dollars on tickets | Events", "", "Weekend Reading Picks", "",
         *PROSE]
    )  # fmt: skip
    assert advert.title != "Final call: save forty dollars on tickets"


def test_a_by_line_with_its_time_of_day_gives_the_byline_and_the_date() -> None:
    # "… at 11:04 a.m." ends with a full stop, as a sentence does, but it is a time of day.
    byline = "By Jane Doe on Monday, November 18th, 2019 at 11:04 a.m."
    document = clean_rules(["Storm closes the coast road", byline, *PROSE])
    assert (document.byline, document.date) == ("Jane Doe", "2019-11-18")
    assert byline not in document.paragraphs


def test_a_listed_name_by_the_date_is_the_byline_and_a_listed_menu_entry_is_not():
    # A converter that marks list entries writes a page's "author · date" list as
    # "* Jane Doe" / "* June 9, 2025"; a menu's entries are listed too, away from a date.
    document = clean_rules(
        ["* Pop Culture", "* Home Garden", "", "Storm damage on the coast and the roads", "",
         "* Jane Doe", "* June 9, 2025", "* 2 min read", "", *PROSE]
    )  # fmt: skip
    assert document.byline == "Jane Doe"
    menu = clean_rules(
        ["* Pop Culture", "* Home Garden", "", "Storm damage on the coast and the roads", "",
         "June 9, 2025", "", *PROSE]
    )  # fmt: skip
    assert menu.byline is None
