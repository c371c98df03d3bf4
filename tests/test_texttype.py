"""The page type of a text dump: its features, the shipped model, and what the document says."""

from __future__ import annotations

import random

import pytest
from conftest import ROOT, RowCollector, random_pagetype_model

import newsclean
from newsclean.extract import texttype
from newsclean.extract.html import pagetype
from newsclean.extract.html.pagetype import TYPES, PageTypeModel
from newsclean.extract.texttype import FEATURES, text_row

DUMPS = ROOT / "tests" / "fixtures" / "dumps"
PAGES = ROOT / "tests" / "fixtures" / "pages"
INDEX = {name: i for i, name in enumerate(FEATURES)}


def _row(path) -> list[float]:
    seen = RowCollector()
    newsclean.clean(path.read_bytes(), input="text", page_type_model=seen)
    assert len(seen.rows) == 1 and len(seen.rows[0]) == len(FEATURES)
    return seen.rows[0]


def test_rows_describe_the_dump():
    forum, product, wire = (
        _row(DUMPS / "forum.txt"),
        _row(DUMPS / "product.txt"),
        _row(PAGES / "en_wire.txt"),
    )
    assert forum[INDEX["marker forum"]] > product[INDEX["marker forum"]]
    assert forum[INDEX["title forum"]] == 1.0 and wire[INDEX["title forum"]] == 0.0
    assert product[INDEX["prices"]] > 0 and product[INDEX["price lines"]] > 0
    assert product[INDEX["marker product"]] > wire[INDEX["marker product"]]
    assert wire[INDEX["prices"]] == 0.0
    # An article is prose: long sentence lines, kept by the rules, with a byline.
    assert wire[INDEX["prose words"]] > product[INDEX["prose words"]]
    assert wire[INDEX["kept share"]] > product[INDEX["kept share"]]
    assert wire[INDEX["said"]] > 0


def test_cjk_lines_count_two_characters_as_a_word():
    row = text_row(["東京都の人口は増え続けている。", ""], [], False, False, False)
    assert row[INDEX["words"]] > 1.0  # log1p of about 7 words, not of 1


def test_the_rules_before_the_line_model_are_read():
    """The row reads what the line rules kept, so it is the same with and without the line model."""
    with_model, without = RowCollector(), RowCollector()
    data = (PAGES / "en_wire.txt").read_bytes()
    newsclean.clean(data, input="text", page_type_model=with_model)
    newsclean.clean(data, input="text", page_type_model=without, line_model=False)
    assert with_model.rows == without.rows


def test_a_model_reads_only_the_input_it_was_made_for(validate):
    model = random_pagetype_model(random.Random(5), FEATURES)
    data = (DUMPS / "forum.txt").read_bytes()
    document = newsclean.clean(data, input="text", page_type_model=model)
    assert document.page_type in TYPES and 0 < document.page_type_confidence <= 1
    validate(document.to_dict())
    off = newsclean.clean(data, input="text", page_type_model=False)
    assert off.page_type is None and off.body == document.body
    with pytest.raises(ValueError, match="reads text dumps, not HTML"):
        pagetype.resolve(model)
    with pytest.raises(ValueError, match="features or types"):
        PageTypeModel(model.data)  # the text model's features are not the HTML model's


@pytest.mark.skipif(
    not texttype.DEFAULT_PATH.exists(), reason="no text page-type model in the package"
)
def test_the_shipped_model_types_dumps():
    assert texttype.DEFAULT_PATH.stat().st_size < 500_000
    types = {
        path.stem: newsclean.clean(path.read_bytes()).page_type for path in DUMPS.glob("*.txt")
    }
    assert types == {
        "forum": "forum",
        "product": "product",
        "news_pl": "article",
        "news_tr": "article",
        "news_lt": "article",
        "news_ar": "article",
        "news_hi": "article",
        "news_bn": "article",
        "news_ur": "article",
        "news_ta": "article",
        "news_th": "article",
    }
    news = [newsclean.clean(path.read_bytes()) for path in sorted(PAGES.glob("*.txt"))]
    assert [d.page_type for d in news] == ["article"] * len(news)


class _Typed:
    """A text page-type model that gives every dump one type."""

    features = FEATURES

    def __init__(self, kind: str, confidence: float = 0.9) -> None:
        self.kind, self.confidence = kind, confidence

    def predict(self, row: list[float]) -> tuple[str, float]:
        return self.kind, self.confidence


def test_a_dump_that_is_no_article_is_read_whole():
    text = (ROOT / "tests" / "fixtures" / "service_sections.txt").read_bytes()
    after_the_list = "We run your payroll every week or every month and file the returns on time."
    for line_model in (False, None):
        article = newsclean.clean(
            text, input="text", page_type_model=_Typed("article"), line_model=line_model
        )
        service = newsclean.clean(
            text, input="text", page_type_model=_Typed("service"), line_model=line_model
        )
        unsure = newsclean.clean(
            text, input="text", page_type_model=_Typed("service", 0.3), line_model=line_model
        )
        not_followed = newsclean.clean(
            text,
            input="text",
            page_type_model=_Typed("service"),
            line_model=line_model,
            follow_type=False,
        )
        # Read as an article, the region is the first run of prose: the list and the
        # section after it fall outside.
        assert after_the_list not in article.paragraphs
        assert unsure.paragraphs == article.paragraphs == not_followed.paragraphs
        assert "Roofers in York" in service.paragraphs
        if line_model is False:
            # The rules keep the section after the list; the line model judges the last
            # lines of a page by their place too, so it may drop them.
            assert after_the_list in service.paragraphs
        assert service.page_type == "service" and service.page_type_confidence == 0.9
        for menu in ("Home", "Pricing", "© 2025 Harbour Accounting"):
            assert menu not in service.paragraphs


def test_a_dump_with_a_byline_is_read_whole_only_when_the_type_is_surer():
    text = (ROOT / "tests" / "fixtures" / "service_sections.txt").read_text(encoding="utf-8")
    news = text.replace(
        "Bookkeeping for small firms\n", "Bookkeeping for small firms\nBy Jane Doe\n", 1
    )
    assert news != text

    def read(data: str, confidence: float) -> newsclean.Document:
        return newsclean.clean(
            data, input="text", page_type_model=_Typed("service", confidence), line_model=False
        )

    article = newsclean.clean(
        news, input="text", page_type_model=_Typed("article"), line_model=False
    )
    assert article.byline == "Jane Doe"
    # Typed a service page at 0.5: a dump without a byline is read whole, one with it as
    # an article, unless the type is surer.
    assert "Roofers in York" in read(text, 0.5).paragraphs
    unsure = read(news, 0.5)
    assert unsure.paragraphs == article.paragraphs and "Roofers in York" not in unsure.paragraphs
    assert unsure.page_type == "service" and unsure.page_type_confidence == 0.5
    assert "Roofers in York" in read(news, 0.9).paragraphs


def test_a_dump_read_whole_again_takes_the_lines_of_its_first_reading():
    from newsclean.extract.judge import Reading, extract_lines, finish, read_lines
    from newsclean.extract.linemodel import resolve
    from newsclean.options import Options

    fixture = (ROOT / "tests" / "fixtures" / "service_sections.txt").read_text(encoding="utf-8")
    # (and a list after a colon, whose items the region step takes in as prose)
    dates = "\n".join(f"June {day} - a workshop on payroll in Leeds" for day in range(1, 6))
    prose = (
        "Our advisers meet new clients in Leeds and York every month, and they explain "
        "how the monthly service works before anything is signed.\n"
    )
    listed = prose + "The dates of the next workshops are:\n" + dates + "\n\nHome\nContact\n"
    for text in (fixture, listed):
        lines = text.split("\n")
        for model in (None, resolve(None)):
            options = Options()
            first = read_lines(lines, options)
            assert isinstance(first, Reading)
            finish(first, line_model=model)  # the verdicts and the model's evidence
            again = read_lines(lines, options, previous=first, whole_page=True)
            assert isinstance(again, Reading) and again.lines is first.lines
            fresh = extract_lines(lines, options, line_model=model, whole_page=True)
            assert finish(again, line_model=model).to_dict() == fresh.to_dict()


def test_training_reads_each_layout_of_a_dump_under_its_own_key():
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    sys.path.insert(0, str(ROOT / "bench"))
    import train_pagetype
    from devdata import Page

    wire, product = (PAGES / "en_wire.txt").read_text(), (DUMPS / "product.txt").read_text()
    page = Page("wcxb", "x", "", wire, "article", "example.org")
    plain = train_pagetype.page_features(page, "text")
    same = train_pagetype.text_features((page, "html_text", wire))
    other = train_pagetype.text_features((page, "inscriptis", product))
    assert same == plain and plain[0] == "wcxb/x"
    # Another layout's dump: its own row, keyed by its layout, in the page's fold with its label.
    assert other[:3] == ("inscriptis:wcxb/x", "article", page.fold)
    assert other[3] == _row(DUMPS / "product.txt") != plain[3]
