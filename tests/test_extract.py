"""Tests of the text-extraction stage (newsclean.extract.judge)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from newsclean.document import Document
from newsclean.extract.features import CLOSING_NOTE, Limits, line_features, page_lines
from newsclean.extract.judge import extract
from newsclean.extract.languages import density, detect_language, stopwords
from newsclean.extract.region import Weights, densest_run, find_region
from newsclean.extract.rules import RULES, match_rule
from newsclean.options import Options
from newsclean.pipeline import clean

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "fixtures" / "pages"
SAMPLE = ROOT / "samples" / "000_327f9b9f446e87e2.txt"

REASONS = {
    "nav",
    "newsletter",
    "share",
    "caption",
    "credit",
    "image-id",
    "duplicate",
    "related",
    "cookie",
    "ad",
    "footer",
    "masthead",
    "byline",
    "date",
    "title",
    "comment",
    "legal",
    "outside-article",
    "short",
    "user-rule",
    "print-note",
    "bio",
}


def fixture_names() -> list[str]:
    return sorted(path.stem for path in PAGES.glob("*.txt"))


# --------------------------------------------------------------------------- fixture pages
@pytest.mark.parametrize("name", fixture_names())
def test_fixture_page(name: str) -> None:
    expected = json.loads((PAGES / f"{name}.expected.json").read_text(encoding="utf-8"))
    doc = clean((PAGES / f"{name}.txt").read_bytes())
    assert doc.paragraphs == expected["paragraphs"]
    for key in ("title", "byline", "dateline", "date", "captions", "language"):
        if key in expected:
            assert getattr(doc, key) == expected[key], key
    removed = {r.text: r.reason for r in doc.removed}
    for text, reason in expected.get("reasons", {}).items():
        assert removed.get(text) == reason, text


def test_fixture_pages_cover_several_languages() -> None:
    languages = {
        json.loads(p.read_text(encoding="utf-8")).get("language")
        for p in PAGES.glob("*.expected.json")
    }
    assert {"en", "pt", "de", "ja", "ru"} <= languages


@pytest.mark.parametrize("name", fixture_names())
def test_every_line_has_one_decision_and_every_drop_a_reason(name: str) -> None:
    text = (PAGES / f"{name}.txt").read_text(encoding="utf-8")
    doc = extract(text, Options())
    lines = text.split("\n")
    assert [d.line for d in doc.decisions] == list(range(1, len(lines) + 1))
    for decision in doc.decisions:
        if not lines[decision.line - 1].strip():
            assert decision.role == "blank" and not decision.keep
        elif not decision.keep:
            assert decision.reason in REASONS, decision
            assert decision.rule and decision.evidence, decision
    assert {r.line for r in doc.removed} == {
        d.line for d in doc.decisions if not d.keep and d.role != "blank"
    }
    for removal in doc.removed:
        assert removal.reason in REASONS
        assert lines[removal.line - 1].strip() == removal.text


# --------------------------------------------------------------------------- the sample
@pytest.mark.skipif(not SAMPLE.exists(), reason="sample not in this checkout")
def test_sample_metadata_and_reasons() -> None:
    doc = clean(SAMPLE.read_bytes())
    assert (
        doc.title
        == "Toronto MP Han Dong quits Liberal caucus amid Chinese interference allegations"
    )
    assert doc.byline == "The Canadian Press"
    assert doc.dateline == "OTTAWA"
    assert doc.date == "2023-03-22"
    assert len(doc.captions) == 1 and doc.captions[0].endswith("THE CANADIAN PRESS/Nathan Denette")
    reasons = {r.text: r.reason for r in doc.removed}
    assert reasons["Skip to content"] == "nav"
    assert reasons["Join our Newsletter"] == "newsletter"
    assert reasons["The Canadian Press"] == "byline"
    assert "image-id" in reasons.values() and "masthead" in reasons.values()
    assert sorted(r.reason for r in doc.removed).count("duplicate") == 1
    assert doc.paragraphs[0].startswith("OTTAWA — Han Dong")
    assert (
        doc.paragraphs[-1] == "This report by The Canadian Press was first published March 22, 2023"
    )
    assert sum(p.startswith("OTTAWA — Han Dong") for p in doc.paragraphs) == 1


# --------------------------------------------------------------------------- rules, lines that go
@pytest.mark.parametrize(
    "line, reason",
    [
        ("Skip to content", "nav"),
        ("Zum Inhalt springen", "nav"),
        ("Home › World › Europe", "nav"),
        ("Image 3 of 12", "nav"),
        ("Share this article", "share"),
        ("Facebook Twitter WhatsApp Email", "share"),
        ("Sign up for our morning newsletter", "newsletter"),
        ("Enter your email address", "newsletter"),
        (
            "We use cookies to improve your experience on our site. By continuing you accept our use of cookies.",
            "cookie",
        ),
        ("Advertisement", "ad"),
        ("Story continues below advertisement", "ad"),
        ("Publicidade", "ad"),
        ("Related Articles", "related"),
        ("Read more: Storm closes schools across the state", "related"),
        ("Leia também", "related"),
        ("Читайте также", "related"),
        ("관련기사", "related"),
        ("12 Comments", "comment"),
        ("34 responses to “Coach says team needed the win”", "comment"),
        ("© 2024 Example Media. All rights reserved.", "legal"),
        ("Privacy Policy", "legal"),
        ("Contact Us", "footer"),
        ("Photo: Jane Smith/Reuters", "credit"),
        ("Getty Images", "credit"),
        ("A firefighter sprays water on a burning house. (AP Photo/John Doe)", "caption"),
        ("Protesters march in the capital on Sunday. REUTERS/Maria Lopez", "caption"),
        ("2 hours ago", "date"),
        ("Follow the Courier on Instagram, Facebook and YouTube.", "share"),
        ("Chat with us in Facebook Messenger. Find out what's happening as it unfolds.", "share"),
        ("Shares", "share"),
        ("Advert", "ad"),
        ("Please enable JavaScript to view the comments powered by Disqus.", "comment"),
        (
            "Get the latest updates right in your inbox. Subscribe to Courier.com's newsletters.",
            "newsletter",
        ),
        ("Image caption The mayor opens the bridge on Monday", "caption"),
        ("Image copyright Jane Doe", "caption"),
        ("By clicking Submit, you agree to our Terms of Use and Privacy Policy.", "legal"),
        ("Was this article helpful?", "comment"),
        ("Oops! Something went wrong while submitting the form.", "comment"),
        (
            "Widget and the Widget logo are registered trademarks of Widget Inc. in the US and "
            "other countries.",
            "legal",
        ),
        (
            "*These statements have not been evaluated by the Food and Drug Administration. This "
            "product is not intended to diagnose, treat, cure, or prevent any disease.",
            "legal",
        ),
    ],
)
def test_rule_drops(line: str, reason: str) -> None:
    hit = match_rule(line)
    assert hit is not None, line
    assert hit.reason == reason


@pytest.mark.parametrize(
    "line",
    [
        "The council voted to subscribe to the regional water plan next year.",
        "Reuters reported on Tuesday that the talks had stalled over the border issue.",
        "The photographer said the images were taken before the storm reached the coast.",
        "Investors share concerns about the cost of the merger, analysts said.",
        "She said the newsletter she founded in 2010 now has 40,000 readers across the country, "
        "and that most of them read it on their phones every morning before work.",
        "Home prices rose again in March.",
        "Comments from the minister drew criticism from opposition lawmakers on Monday.",
        "Followers of the movement on Twitter called for a boycott of the brand.",
        "The media caption contest drew entries from 40 schools.",
        "By signing up for the program, 40,000 families have cut their bills, the mayor said.",
        "Was this the most helpful decision the council could make? Residents are not sure.",
        "Both names are trademarks of the company, which it licenses to makers in Asia.",
        # a story's sentences in the words of a prompt or of fine print
        "Like many teens on TikTok, she spends hours a day scrolling through videos.",
        "Follow the money in politics on Twitter and you will see it.",
        "Join millions of people on Facebook who share their stories every day.",
        "Is this information useful for voters who are still undecided?",
        "By clicking the button, the pilot agreed to take the risk.",
        "By continuing the talks, both sides consent to a ceasefire of sorts.",
        "The drug is not intended to diagnose any disease, the company said in its filing.",
        "Monopoly is a registered trademark of Hasbro, which sued the maker last year.",
        "Image copyright laws in the EU changed in 2019 after a long fight.",
    ],
)
def test_rule_keeps_prose(line: str) -> None:
    assert match_rule(line) is None


def test_image_id_line() -> None:
    line = line_features(
        1, "20230322220332-2abeaf096ac5e37a943b12e1a696d09e09881310b0715a22", "en", Limits()
    )
    assert line.hit is not None and line.hit.reason == "image-id"
    year = line_features(2, "2023", "en", Limits())
    assert year.hit is None or year.hit.reason != "image-id"


def test_a_link_alone_on_its_line_is_a_bare_link_however_long_its_slug() -> None:
    # (html2text breaks a long link at a hyphen; the dump's lines are joined again)
    slug = "https://www.example-courier.com/news/article/Cat-found-in-New-Mexico-after-going-missing-in-14848175.php"
    for text in (slug, "www.example.org/a", "example.co.uk/news/a-b-c-d-e-f-g-h-i-j-k-l-m"):
        line = line_features(1, text, "en", Limits())
        assert line.hit is not None and line.hit.rule == "bare-url", text
    # A sentence that names a link is no bare link.
    sentence = line_features(2, f"The full report is at {slug} and online.", "en", Limits())
    assert sentence.hit is None


def test_an_iso_time_stamp_alone_on_its_line_is_a_date_line() -> None:
    # (a page's hidden metadata, as some converters dump it)
    for text in ("2019-11-19T08:57:40+01:00", "2025-03-12T10:15:00.000Z", "2019-11-19T08:57Z"):
        line = line_features(1, text, "en", Limits())
        assert line.date_line and line.cls == "bad", text
    assert not line_features(2, "Terminal T2 opened on 2019-11-19.", "en", Limits()).date_line


def test_rule_names_unique_and_reasons_known() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    assert {rule.reason for rule in RULES} <= REASONS


def test_rules_do_not_backtrack_catastrophically() -> None:
    nasty = [
        "a" * 5000,
        "1 " * 3000,
        "Share " * 2000 + "!x",
        "(" * 3000,
        "By " + "Jane " * 2000 + ".",
        "x/" * 3000,
        "» " * 3000 + "a",
        "photo " * 2000,
        "cookie " * 2000 + "x",
        "-" * 5000,
        "A" * 40 + " —" * 2000,
    ]
    start = time.perf_counter()
    for text in nasty:
        extract(text, Options())
        match_rule(text)
    assert time.perf_counter() - start < 3.0


# --------------------------------------------------------------------------- languages and features
def test_stopword_lists_are_compact_and_cover_languages() -> None:
    sets = stopwords()
    for code in ("en", "pt", "ru", "ko", "ja", "id", "de", "it", "es", "fr", "nl", "zh"):
        assert code in sets
        assert 20 <= len(sets[code]) <= 200, code


@pytest.mark.parametrize(
    "text, code",
    [
        (
            "The government said on Monday that it would not change the law before the election.",
            "en",
        ),
        ("O governo disse nesta segunda-feira que não vai mudar a lei antes da eleição.", "pt"),
        (
            "Il governo ha detto che non cambierà la legge prima delle elezioni, secondo il ministro.",
            "it",
        ),
        (
            "Pemerintah mengatakan bahwa mereka tidak akan mengubah undang-undang itu sebelum pemilihan.",
            "id",
        ),
        ("Правительство заявило, что не будет менять закон до выборов, и это было ожидаемо.", "ru"),
        ("정부는 선거 전에 법을 바꾸지 않겠다고 밝혔다. 이번 결정은 많은 논란을 낳았다.", "ko"),
        ("政府は選挙の前に法律を変えないと発表した。これには多くの批判があった。", "ja"),
        ("政府表示在选举之前不会修改这项法律，这一决定引起了很多讨论。", "zh"),
    ],
)
def test_detect_language(text: str, code: str) -> None:
    assert detect_language([text, text]) == code


def test_density_separates_prose_from_menus() -> None:
    prose = "the minister said that it was not the right time for a change in the law".split()
    menu = "world politics business technology science health sports".split()
    assert density(prose, "", "en") > 0.3 > density(menu, "", "en")


def test_page_lines_classes() -> None:
    lines, language = page_lines(
        [
            "Sports",
            "Menu",
            "",
            "The team won its third title in a row on Sunday, beating the visitors by two goals.",
        ],
        Limits(),
    )
    assert language == "en"
    assert [line.cls for line in lines] == ["short", "bad", "blank", "good"]


def test_densest_run_and_region() -> None:
    assert densest_run([-3, 10, -2, 12, -30, 5]) == (1, 3)
    lines, _ = page_lines(
        ["Menu", "News", "Sports"]
        + [
            "The city council voted on Tuesday to approve a new bridge over the river after a long debate."
        ]
        * 3
        + ["Related stories", "Privacy Policy"],
        Limits(),
    )
    content = [line for line in lines if not line.blank]
    assert find_region(content, Weights()) == (3, 5)


# --------------------------------------------------------------------------- behaviour
def test_empty_and_blank_input() -> None:
    for text in ("", "\n\n\n"):
        doc = extract(text, Options())
        assert isinstance(doc, Document) and doc.paragraphs == [] and doc.title == ""


def test_never_empty_body_when_there_is_text() -> None:
    text = "Menu\n\nA short item about the weather today in the valley area\n\nContact"
    doc = extract(text, Options())
    assert doc.paragraphs, doc.decisions


def test_lead_paragraph_kept_after_caption_and_image_id() -> None:
    text = "\n".join(
        [
            "Storm knocks out power across the region",
            "",
            "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4",
            "Crews repair a line on Monday. Photo: Sam Lee/Reuters",
            "",
            "Thousands of homes were without power on Monday after a storm swept across the region overnight.",
            "",
            "Related stories",
            "Police close main road after crash",
            "Schools to reopen next week",
            "",
            "Power companies said that most customers would have electricity again by the end of the week, "
            "although some rural areas could wait longer.",
            "",
            "Officials urged residents to stay away from fallen lines and to report damage to the city.",
        ]
    )
    doc = extract(text, Options())
    assert doc.title == "Storm knocks out power across the region"
    assert doc.paragraphs[0].startswith("Thousands of homes")
    assert doc.captions == ["Crews repair a line on Monday. Photo: Sam Lee/Reuters"]
    assert "Police close main road after crash" not in doc.paragraphs


def test_duplicate_paragraph_dropped_once() -> None:
    para = "The president signed the bill into law on Friday, ending months of negotiations in Congress."
    text = "\n\n".join(
        [
            "Bill becomes law",
            para,
            "Photo: Getty Images",
            para,
            "The law takes effect in January and applies to all companies with more than fifty workers.",
        ]
    )
    doc = extract(text, Options())
    assert doc.paragraphs.count(para) == 1
    assert [r.reason for r in doc.removed].count("duplicate") == 1


def test_comments_section_is_not_article() -> None:
    body = [
        "The mayor said on Monday that the city would hire more teachers next year, "
        "a promise she made during the campaign."
    ] * 1
    body.append(
        "The plan will cost about four million dollars, according to the budget office, and needs a vote."
    )
    comments = []
    for index in range(8):
        comments += [
            f"reader{index} says:",
            "November 19, 2019 at 6:34 am",
            f"I think this is a very good idea and the city should have done it years ago, number {index}.",
        ]
    text = "\n".join(
        ["Mayor promises more teachers", ""] + body + ["", "8 Comments", ""] + comments
    )
    doc = extract(text, Options())
    assert len(doc.paragraphs) == 2
    assert not any("good idea" in p for p in doc.paragraphs)


def test_favor_shifts_how_much_is_kept() -> None:
    text = (PAGES / "en_wire.txt").read_text(encoding="utf-8")
    kept = {
        favor: len(extract(text, Options(favor=favor)).body)
        for favor in ("precision", "balanced", "recall")
    }
    assert kept["precision"] <= kept["balanced"] <= kept["recall"]


def test_user_rules_applied_first() -> None:
    from newsclean.extract.userrules import parse_rules

    text = (PAGES / "en_wire.txt").read_text(encoding="utf-8")
    rules = parse_rules("drop promo: /^The decision came/\nkeep: Related stories")
    doc = extract(text, Options(rules=rules))
    assert not any(p.startswith("The decision came") for p in doc.paragraphs)
    removal = next(r for r in doc.removed if r.text.startswith("The decision came"))
    assert removal.reason == "promo" and removal.rule == "user-rule:1"
    assert "Related stories" in doc.paragraphs


# ----------------------------------------------------------------------------- cleaned text
PROSE = (
    "Schools across the region were closed on Monday after the storm brought down power lines, "
    "officials said in a statement."
)
TAIL = "Officials said the schools would open again on Wednesday if the power was back by then."


def test_a_cleaned_article_is_taken_as_it_is():
    text = "\n\n".join(
        [
            "Storm closes schools",
            "What parents should know",
            PROSE,
            "Bus routes:",
            "Route 4 is cancelled",
            TAIL,
            "Updated at 1:23 p.m.",
        ]
    )
    doc = extract(text, Options())
    assert doc.title == "Storm closes schools"
    assert doc.text == text and not doc.removed  # short lines at the edges and between kept
    assert {d.rule for d in doc.decisions if d.keep} == {"headline", "clean-shape"}


@pytest.mark.parametrize(
    "text, removed",
    [
        # A page's <title> and then its headline: the shape of a dump, not of a cleaned article.
        (
            f"Storm closes schools | The Courier\n\nStorm closes schools\n\n{PROSE}\n\n{TAIL}",
            "Storm closes schools | The Courier",
        ),
        # Boilerplate signals: a share widget, a byline, a date alone, a repeated long paragraph.
        (f"Storm closes schools\n\nShare on Facebook\n\n{PROSE}\n\n{TAIL}", "Share on Facebook"),
        (f"Storm closes schools\n\nBy Jane Doe\n\n{PROSE}\n\n{TAIL}", "By Jane Doe"),
        (f"Storm closes schools\n\nNovember 19, 2019\n\n{PROSE}\n\n{TAIL}", "November 19, 2019"),
        (f"Storm closes schools\n\n{PROSE} {TAIL}\n\n{TAIL}\n\n{PROSE} {TAIL}", f"{PROSE} {TAIL}"),
        # Not one paragraph per line, or indented as a dump is.
        (f"Storm closes schools\n\n{PROSE}\n{TAIL}\nMore news", "More news"),
        (f"  Storm closes schools\n\n  {PROSE}\n\n  {TAIL}\n\n  Sport", "Sport"),
    ],
)
def test_a_dump_is_not_taken_for_a_cleaned_article(text, removed):
    doc = extract(text, Options())
    assert removed in [r.text for r in doc.removed]
    assert not any(d.rule == "clean-shape" for d in doc.decisions)


def test_a_first_published_date_is_no_closing_note() -> None:
    # The story's own note of where it first ran belongs to it; a note of when is a date.
    where = line_features(1, "This story was first published in The Conversation.", "en", Limits())
    assert where.why == CLOSING_NOTE
    for note in (
        "First published on November 19, 2019 / 8:16 AM",
        "First Published on Nov 20, 2019 01:38 pm",
    ):
        assert line_features(2, note, "en", Limits()).why != CLOSING_NOTE
