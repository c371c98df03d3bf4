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
