"""The page type of an HTML page: its features, its evaluator, and what the document says."""

from __future__ import annotations

import json
import sys

import pytest
from conftest import ROOT, RowCollector, random_pagetype_model

import newsclean
from newsclean.extract.html import pagetype
from newsclean.extract.html.pagetype import FEATURES, TYPES, PageTypeModel, resolve

sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "bench"))
import train_pagetype

INDEX = {name: i for i, name in enumerate(FEATURES)}

ARTICLE = """<html><head><title>Council approves the new bridge - The Daily</title>
<meta property="og:type" content="article">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Council approves the new bridge", "author": {"@type": "Person", "name": "Ann Lee"}}</script>
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Council approves the new bridge</h1><p class="byline">By Ann Lee</p>
<p>The council approved the plans for a new bridge over the river on Monday, after a debate that lasted all day.</p>
<p>Work is expected to start next spring, and the bridge should open to traffic two years later, officials said.</p>
<p>Residents who had campaigned for the bridge for a decade said they were pleased with the decision.</p>
</article></body></html>"""

PRODUCT = """<html><head><title>Oak desk 120 cm | Shop</title><meta property="og:type" content="product">
<script type="application/ld+json">{"@type": "Product", "name": "Oak desk",
 "offers": {"@type": "Offer", "price": "249.00", "priceCurrency": "EUR"}}</script></head><body>
<div class="product-page"><h1>Oak desk 120 cm</h1><div class="product-price">€249.00</div>
<div class="add-to-cart"><a href="/cart">Add to cart</a></div>
<ul class="product-specs"><li>Width: 120 cm</li><li>Depth: 60 cm</li><li>Solid oak, oiled finish</li></ul>
<p>A sturdy desk of solid oak with room for two screens.</p></div></body></html>"""

SERVICE = """<html><head><title>Commercial Roofing Services | Apex Roofing</title></head><body>
<header><a href="/">Apex Roofing</a> <a href="/contact">Contact us</a></header>
<h1>Commercial Roofing Services</h1>
<p>Our team of certified experts delivers roofing solutions for clients in every industry.</p>
<h2>Why choose us</h2><p>We are trusted by customers across the state, with a 20-year warranty.</p>
<h2>Our services</h2><ul><li>Roof inspection</li><li>Repairs and maintenance</li><li>New roofs</li></ul>
<h2>Get a free quote</h2><p>Call (555) 201-3344 or fill in the form for a free consultation.</p>
<form><input name="name"><input name="email"><textarea name="message"></textarea>
<button type="submit">Request a quote</button></form></body></html>"""

FORUM = """<html><head><title>Boiler pressure keeps dropping - Home Repair Forum</title></head><body>
<h1>Boiler pressure keeps dropping</h1>
<div class="post" itemscope itemtype="https://schema.org/Comment"><span>Posted by dave_k</span>
<p>The pressure on my combi boiler drops to zero every few days. No visible leaks anywhere.</p>
<a href="#r">Reply</a> <a href="#q">Quote</a></div>
<div class="post" itemscope itemtype="https://schema.org/Comment"><span>Posted by heatingpro</span>
<p>Check the expansion vessel first: a flat vessel makes the pressure swing and the relief valve drip.</p>
<a href="#r">Reply</a> <a href="#q">Quote</a></div>
<div class="post" itemscope itemtype="https://schema.org/Comment"><span>Posted by dave_k</span>
<p>Thanks, the vessel was flat. Pumped it back up and the pressure has held for a week now.</p>
<a href="#r">Reply</a> <a href="#q">Quote</a></div></body></html>"""

LISTING = """<html><head><title>Latest news - City Herald</title></head><body><h1>Latest news</h1>
<h2><a href="/a">Council approves the new bridge</a></h2><p>March 3, 2025</p>
<p>The plans were approved after a day of debate.</p>
<h2><a href="/b">Library reopens after a long renovation</a></h2><p>March 2, 2025</p>
<p>Readers queued before the doors opened.</p>
<h2><a href="/c">Rail strike called off at the last minute</a></h2><p>March 1, 2025</p>
<p>Unions and the operator reached a deal overnight.</p>
<a href="/news?page=2">Older posts</a></body></html>"""


def _row(page: str) -> list[float]:
    seen = RowCollector()
    newsclean.clean(page, input="html", page_type_model=seen)
    assert len(seen.rows) == 1 and len(seen.rows[0]) == len(FEATURES)
    return seen.rows[0]


def test_rows_describe_the_page():
    article, product = _row(ARTICLE), _row(PRODUCT)
    assert article[INDEX["ld article"]] == 1.0 and article[INDEX["og article"]] == 1.0
    assert article[INDEX["ld product"]] == 0.0 and article[INDEX["prices"]] == 0.0
    assert article[INDEX["byline"]] == 1.0 and article[INDEX["said"]] > 0
    assert product[INDEX["ld product"]] == 1.0 and product[INDEX["og product"]] == 1.0
    assert product[INDEX["prices"]] > 0 and product[INDEX["name 'cart'"]] > 0
    assert product[INDEX["ld article"]] == 0.0


def test_rows_tell_services_forums_and_listings_apart():
    article, service, forum, listing = map(_row, (ARTICLE, SERVICE, FORUM, LISTING))
    # A company's page: its words and its title.
    assert service[INDEX["words service"]] > 3 * max(article[INDEX["words service"]], 0.1)
    assert service[INDEX["title service"]] == 1.0 and article[INDEX["title service"]] == 0.0
    # A thread: its words ("reply", "posted", "joined").
    assert forum[INDEX["words forum"]] > article[INDEX["words forum"]]
    # An index of stories: headings that are links; its title.
    assert listing[INDEX["linked heading share"]] == 1.0 and listing[INDEX["linked headings"]] > 0
    assert listing[INDEX["title index"]] == 1.0
    # The article's markup names its author; the title's words are counted.
    assert article[INDEX["markup author"]] == 1.0 and service[INDEX["markup author"]] == 0.0
    assert article[INDEX["title words"]] == len("Council approves the new bridge".split())


def test_rows_read_the_shape_of_the_text_and_the_headline():
    article, service = map(_row, (ARTICLE, SERVICE))
    # The article tells, in paragraphs that end a sentence; the service page's sections
    # are short lines between headings.
    assert article[INDEX["prose share"]] > 0 and service[INDEX["prose share"]] == 0.0
    assert article[INDEX["prose run words"]] > service[INDEX["prose run words"]]
    # "Council approves the new bridge" reads as a sentence, "Commercial Roofing Services"
    # as a name.
    assert article[INDEX["headline function words"]] > 0
    assert service[INDEX["headline function words"]] == 0.0
    assert service[INDEX["headline capitals"]] == 1.0
    # A title that explains is told from one that merely holds "how" inside a word.
    guide = _row(ARTICLE.replace("<title>Council", "<title>How to choose a bridge: the council"))
    show = _row(ARTICLE.replace("<title>Council", "<title>Show: council"))
    assert guide[INDEX["title guide"]] == 1.0 and guide[INDEX["title question"]] == 1.0
    assert show[INDEX["title guide"]] == 0.0 and show[INDEX["title question"]] == 0.0


def test_json_ld_types_are_read_nested_and_in_graphs():
    from newsclean.extract.html.blocks import parse
    from newsclean.extract.html.meta import page_meta

    page = """<html><head><meta property="og:type" content="website"><script type="application/ld+json">
    {"@graph": [{"@type": "WebPage", "mainEntity": {"@type": "QAPage"}}, {"@type": ["Organization"]}]}
    </script></head><body><p>x</p></body></html>"""
    meta = page_meta(parse(page))
    assert meta.types == ("WebPage", "QAPage", "Organization") and meta.og_type == "website"


def test_probabilities_are_a_softmax_of_the_types_sums():
    import random

    model = random_pagetype_model(random.Random(3), FEATURES, rounds=4)
    row = _row(ARTICLE)
    probabilities = model.probabilities(row)
    assert sum(probabilities) == pytest.approx(1.0) and all(0 < p < 1 for p in probabilities)
    kind, confidence = model.predict(row)
    assert confidence == max(probabilities) and kind == TYPES[probabilities.index(confidence)]


def test_export_matches_lightgbm():
    lightgbm = pytest.importorskip("lightgbm")
    np = pytest.importorskip("numpy")
    rng = np.random.default_rng(1)
    x = rng.random((1400, len(FEATURES)))
    y = (x[:, 0] * 3 + x[:, 10] * 4).astype(int) % len(TYPES)
    params = {**train_pagetype.HTML_PARAMS, "num_class": len(TYPES), "num_threads": 1}
    booster = lightgbm.train(params, lightgbm.Dataset(x, y), num_boost_round=15)
    model = PageTypeModel(json.loads(json.dumps(train_pagetype.export(booster, FEATURES))))
    expected = booster.predict(x[:50])
    for row, want in zip(x[:50].tolist(), expected):
        assert model.probabilities(row) == pytest.approx(want.tolist(), abs=1e-4)


def test_the_document_and_its_json_carry_the_type(validate):
    import random

    model = random_pagetype_model(random.Random(8), FEATURES)
    document = newsclean.clean(ARTICLE, input="html", page_type_model=model)
    assert document.page_type in TYPES and 0 < document.page_type_confidence <= 1
    data = document.to_dict()
    assert data["page_type"] == document.page_type
    validate(data)
    off = newsclean.clean(ARTICLE, input="html", page_type_model=False)
    assert off.page_type is None and off.page_type_confidence is None and off.body == document.body
    assert resolve(False) is None and resolve(model) is model


@pytest.mark.skipif(
    not pagetype.DEFAULT_PATH.exists(), reason="no page-type model file in the package"
)
def test_the_shipped_model_types_an_article_and_a_product_page():
    assert pagetype.DEFAULT_PATH.stat().st_size < 500_000
    article = newsclean.clean(ARTICLE, input="html")
    product = newsclean.clean(PRODUCT, input="html")
    assert article.page_type == "article" and product.page_type == "product"
    assert article.page_type_confidence > 0.5


def test_walked_and_compiled_trees_agree(monkeypatch):
    import random

    rng = random.Random(11)
    model = random_pagetype_model(rng, FEATURES, rounds=6)
    rows = [[rng.choice([0.0, 1.0, rng.random()]) for _ in FEATURES] for _ in range(40)]
    monkeypatch.setattr(pagetype, "WALKED_PAGES", 20)
    first = [model.probabilities(row) for row in rows]  # 20 walked, then compiled
    again = [model.probabilities(row) for row in rows]  # all compiled
    assert model._sums is not None and first == again
