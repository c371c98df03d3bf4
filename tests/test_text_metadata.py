"""Title, byline and date from plain-text dumps (rules only, so the line model cannot mask them)."""

from __future__ import annotations

import newsclean

PROSE = [
    "The storm reached the coast on Tuesday night, and the town was left without power for most "
    "of the day while crews worked in the rain.",
    "Officials said that the damage was worse than they had expected, and that the main roads "
    "would stay closed until the end of the week.",
    "Residents were told to stay at home until the water has gone down and the power lines in "
    "their streets are safe again.",
    "The mayor said that the town would ask the government for help with the cost of the repairs "
    "to the harbour and the school.",
]


def _clean(lines: list[str]):
    return newsclean.clean("\n".join(lines), input="text", line_model=False)


def test_by_name_date_line_gives_byline_and_date():
    document = _clean(
        ["Storm hits the coast - The Daily", "", "Storm hits the coast",
         "By JEFFREY GETTLEMAN JAN. 13, 2017", "", *PROSE]
    )  # fmt: skip
    assert document.title == "Storm hits the coast"
    assert document.byline == "JEFFREY GETTLEMAN"
    assert document.date == "2017-01-13"
    assert "By JEFFREY GETTLEMAN JAN. 13, 2017" not in document.paragraphs


def test_byline_with_published_words_after_the_name():
    document = _clean(
        ["Storm hits the coast | The Daily", "", "Storm hits the coast", "",
         "By Rebecca Norris Published: Jun 25, 2025", "", *PROSE]
    )  # fmt: skip
    assert document.byline == "Rebecca Norris"
    assert document.date == "2025-06-25"


def test_a_name_alone_that_the_page_repeats_is_the_byline():
    document = _clean(
        ["Storm hits the coast | The Daily", "", "Storm hits the coast", "Alban Brooke", "",
         *PROSE, "", "About the author", "Alban Brooke", "Share on Facebook"]
    )  # fmt: skip
    assert document.byline == "Alban Brooke"


def test_a_published_date_beats_an_updated_one():
    document = _clean(
        ["Storm hits the coast | The Daily", "", "Storm hits the coast",
         "Updated: October 22, 2025", "Published: July 28, 2025", "", *PROSE]
    )  # fmt: skip
    assert document.date == "2025-07-28"


def test_the_headline_far_above_the_body_repeats_the_page_title():
    menu = [f"Section {k}" for k in range(40)]
    document = _clean(
        ["Storm hits the coast and leaves the town in the dark | The Daily", "",
         "Storm hits the coast and leaves the town in the dark", "", *menu, "", *PROSE]
    )  # fmt: skip
    assert document.title == "Storm hits the coast and leaves the town in the dark"


def test_a_category_and_date_line_is_no_headline():
    document = _clean(["Sides, Sourdough · December 9, 2021", "", *PROSE])
    assert document.title != "Sides, Sourdough · December 9, 2021"


def test_site_name_from_the_page_title_or_the_copyright_line():
    document = _clean(["Storm hits the coast - The Daily", "", "Storm hits the coast", "", *PROSE])
    assert document.site_name == "The Daily"
    document = _clean(
        ["Storm hits the coast", "", *PROSE, "", "© 2005-2019 Coast Media, All Rights Reserved."]
    )
    assert document.site_name == "Coast Media"
    assert _clean(PROSE).site_name is None


def test_a_chart_credit_is_no_headline():
    chart = [f"Day {k}" for k in range(30)]
    document = _clean(
        ["Storm hits the coast - The Daily", "", "Storm hits the coast", "", *chart,
         "Chart: The Daily", "", *PROSE]
    )  # fmt: skip
    assert document.title == "Storm hits the coast"
    assert "Chart: The Daily" not in document.paragraphs
