"""The end of an article: author bios, print notes, newsletter prompts and teasers are dropped with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsclean
from newsclean.extract.tail import tail_hit

STORY_END = Path(__file__).parent / "fixtures" / "html" / "story_end.html"


@pytest.fixture(scope="module", params=[True, False], ids=["block-model", "rules"])
def story(request):
    return newsclean.clean(STORY_END.read_bytes(), block_model=None if request.param else False)


def test_the_end_matter_goes_each_with_its_reason(story):
    reasons = {r.text[:25]: (r.reason, r.rule) for r in story.removed}
    assert reasons["Paula Mendes is a staff r"] == ("bio", "author-bio")
    assert reasons["A version of this article"][0] == "print-note"
    assert reasons["Sign up for our free morni"[:25]][0] == "newsletter"
    assert reasons["Read more: Council approv"][0] == "related"


def test_the_article_itself_stays_whole(story):
    assert story.paragraphs[0].startswith("The passenger ferry between Eastbank")
    assert story.paragraphs[-1].startswith("A second boat is due to join the route")
    # A sentence that reads like a bio inside the story is the story's.
    assert any(p.startswith("Lena Ortiz is a reporter at heart") for p in story.paragraphs)
    assert len(story.paragraphs) == 5


def test_text_dumps_lose_their_end_matter_too():
    text = "\n".join(
        [
            "Home | Local | Business | Sport",
            "River ferry returns after two-year pause",
            "The passenger ferry between Eastbank and the old town started running again on "
            "Monday, two years after its only boat was taken out of service for engine repairs.",
            "About 400 people made the crossing on the first day, the operator said, many of "
            "them commuters who had been driving the long way round through the ring road.",
            "The city has agreed to fund the service for three more years. Fares stay at two "
            "dollars, and children under twelve travel free.",
            "Paula Mendes is a staff reporter covering transport and city hall for The Harbour Herald.",
            "Privacy policy",
        ]
    )
    document = newsclean.clean(text, input="text", line_model=False)
    assert not any(p.startswith("Paula Mendes") for p in document.paragraphs)
    assert any(r.reason == "bio" for r in document.removed)


@pytest.mark.parametrize(
    "line",
    [
        "The council is a partner of the writers' guild, the mayor said.",
        "The Journeyman's Prep Course is a 40-hour course for editors.",
        "Smith said the plan would be published in print next week.",
    ],
)
def test_story_sentences_are_not_end_matter(line):
    assert tail_hit(line) is None


STORY = [
    "Home | Local | Business | Sport",
    "River ferry returns after two-year pause",
    "",
    "The passenger ferry between Eastbank and the old town started running again on Monday, "
    "two years after its only boat was taken out of service for engine repairs.",
    "",
    "About 400 people made the crossing on the first day, the operator said, many of them "
    "commuters who had been driving the long way round through the ring road.",
    "",
    "The city has agreed to fund the service for three more years. Fares stay at two dollars, "
    "and children under twelve travel free.",
    "",
]


def test_a_dump_loses_the_about_section_under_its_story():
    bio = (
        "Marta Quintela writes about the harbour, the river and the people who work on them, "
        "and has lived in Eastbank for twenty years."
    )
    text = "\n".join([*STORY, "Sobre Marta Quintela", "", bio, "", "Privacy policy"])
    document = newsclean.clean(text, input="text", line_model=False)
    assert document.paragraphs[-1].startswith("The city has agreed")
    removed = {r.text: (r.reason, r.rule) for r in document.removed}
    assert removed[bio] == ("bio", "about-heading")
    # The story's own "About 400 people ..." is no heading.
    assert any(p.startswith("About 400 people") for p in document.paragraphs)


def test_an_about_heading_over_a_long_section_is_no_bio():
    more = [
        f"Paragraph {k} of the guide tells the reader how the ferry, the bridge and the buses "
        "work together, and what a ticket for each of them costs."
        for k in range(5)
    ]
    text = "\n".join([*STORY, "About Eastbank", "", *[p + "\n" for p in more]])
    document = newsclean.clean(text, input="text", line_model=False)
    assert not any(r.rule == "about-heading" for r in document.removed)
    assert document.paragraphs[-1] == more[-1]


def test_a_dump_loses_the_published_note_under_its_story():
    note = "First published on November 19, 2019 / 8:16 AM"
    document = newsclean.clean("\n".join([*STORY, note]), input="text", line_model=False)
    assert note not in document.paragraphs
    # (a date note is no closing note of the story: the region ends before it, or the tail drops it)
    assert {r.text: r.reason for r in document.removed}[note] in ("outside-article", "date")


@pytest.mark.parametrize(
    "line",
    [
        "Published in 1998, the report is still quoted by both sides of the debate.",
        "Updated timetables for the ferry and the buses are posted at the pier.",
    ],
)
def test_story_sentences_are_no_published_note(line):
    document = newsclean.clean("\n".join([*STORY, line]), input="text", line_model=False)
    assert line in document.paragraphs


FERRY = [
    "The passenger ferry between Eastbank and the old town started running again on Monday, "
    "two years after its only boat was taken out of service for engine repairs.",
    "About 400 people made the crossing on the first day, the operator said, many of them "
    "commuters who had been driving the long way round through the ring road.",
    "The city has agreed to fund the service for three more years. Fares stay at two dollars, "
    "and children under twelve travel free, as they did before the boat broke down.",
    "A second boat is due to join the route in the spring, when the timetable will add an "
    "early crossing for the workers of the harbour and the market.",
    "The operator said it would publish the new timetable on its website in March, and that "
    "the first boat of the day would leave Eastbank at six.",
]


@pytest.mark.parametrize("line_model", [None, False], ids=["line-model", "rules"])
def test_a_dump_loses_the_copy_of_its_article_in_one_block(line_model):
    # Under the story, the page's data for search engines gives the article again as one
    # block (a scraper that keeps hidden text dumps it). The copy rule belongs to the
    # article reading, so the page-type model is off: a toy story this short can be typed
    # documentation by some model, and such a page is read whole.
    text = "\n\n".join(
        [
            "Home | Local | Business | Sport",
            "River ferry returns after two-year pause",
            *FERRY,
            "Privacy policy",
            "River ferry returns after two-year pause",
            " ".join(FERRY),
        ]
    )
    document = newsclean.clean(text, input="text", line_model=line_model, page_type_model=False)
    assert document.paragraphs == FERRY
    copy = next(r for r in document.removed if len(r.text) > len(FERRY[0]) + len(FERRY[1]))
    # (the line model may drop it first: it stands after the footer's "Privacy policy")
    assert (copy.reason, copy.rule) in (
        [("duplicate", "copy")]
        if line_model is False
        else [("duplicate", "copy"), ("model", "model")]
    )


def test_a_long_paragraph_that_quotes_a_few_words_is_no_copy():
    quote = FERRY[1].split(", the operator")[0]
    long = (
        f'"{quote}," the mayor told the council, reading from the operator\'s report before the '
        "vote on the budget, which will also pay for new lights on the piers, a shelter for the "
        "passengers at the old town, a ramp for wheelchairs and bicycles, and a study of a third "
        "crossing further up the river that the neighbourhood groups of the north bank have asked "
        "for since the bridge closed, which they say would take cars off the ring road and "
        "shorten the trip to the hospital for everyone on that side of the river."
    )
    text = "\n\n".join(["River ferry returns after two-year pause", *FERRY, long, "Privacy policy"])
    document = newsclean.clean(text, input="text", line_model=False)
    assert long in document.paragraphs and not any(r.rule == "copy" for r in document.removed)


def test_a_page_read_whole_keeps_its_repeats():
    # A manual or a shop says its text again for a reason (each example, each tab): a page
    # read whole, as its type asks, keeps the long block that repeats its paragraphs.
    from newsclean.extract.judge import finish, read_lines
    from newsclean.options import Options

    lines = "\n\n".join(
        [
            "Home | Local | Business | Sport",
            "River ferry returns after two-year pause",
            *FERRY,
            " ".join(FERRY),
            "Privacy policy",
        ]
    )
    kept = {}
    for whole in (False, True):
        reading = read_lines(lines.split("\n"), Options(), whole_page=whole)
        assert not isinstance(reading, newsclean.Document)
        kept[whole] = finish(reading).paragraphs
    assert " ".join(FERRY) not in kept[False] and " ".join(FERRY) in kept[True]
