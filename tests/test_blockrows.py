"""The block model reads the page as its type asks: the reading is a feature of each row, and a
page read whole has its items dropped only when the model is sure."""

from __future__ import annotations

import math
from pathlib import Path

from newsclean.document import Document
from newsclean.extract.blockmodel import FEATURES, BlockModel, candidates, expand
from newsclean.extract.blockrows import READINGS
from newsclean.extract.html.blocks import blocks, parse, title_text
from newsclean.extract.html.bytype import PROFILES, Profile
from newsclean.extract.html.dom import structure_lines
from newsclean.extract.judge import extract_lines
from newsclean.options import Options

FIXTURES = Path(__file__).parent / "fixtures" / "html"
TITLES = (
    "Wind farm off the north coast gets final approval",
    "Power bills to fall by 6 per cent in spring",
    "Town votes to keep its hydro plant public",
)


class _Rows:
    """Stands in for a block model: keeps the expanded rows of the judged lines."""

    def __init__(self) -> None:
        self.rows: list[list[float]] = []

    def apply(self, content, start, end, dom, language=None) -> None:
        self.rows = [expand(row) for _, row in candidates(content, start, end, dom, language)]


def _scoring(probability: float) -> BlockModel:
    """A model of one leaf: every line scores *probability* (drops under 0.5, keeps a line
    the rules dropped for its place from 0.8)."""
    value = math.log(probability / (1.0 - probability))
    tree = [[], [], [], [], [value], []]
    return BlockModel(
        {"features": list(FEATURES), "threshold": 0.5, "keep_threshold": 0.8, "trees": [tree]}
    )


def read(profile: Profile | None, model, name: str = "listing.html") -> Document:
    """The fixture *name* read with *profile* (None: as an article), judged by *model*."""
    tree = parse((FIXTURES / name).read_text(encoding="utf-8"))
    lines, structure = structure_lines(title_text(tree), blocks(tree))
    structure.profile, structure.model = profile, model
    return extract_lines(lines, Options(), dom=structure)


def test_each_row_tells_the_reading_of_its_page():
    columns = {kind: FEATURES.index(f"read as {kind}") for kind in READINGS}
    for kind in ("listing", "collection", "forum"):
        seen = _Rows()
        read(PROFILES[kind], seen)
        assert seen.rows
        for row in seen.rows:
            assert [row[columns[k]] for k in READINGS] == [float(k == kind) for k in READINGS]
    seen = _Rows()
    read(None, seen)
    assert seen.rows and all(row[columns[k]] == 0.0 for row in seen.rows for k in READINGS)


def test_a_page_read_whole_loses_its_items_only_to_a_sure_model():
    collection, listing = PROFILES["collection"], PROFILES["listing"]
    assert collection.model_drop is not None and listing.model_drop is not None
    # An unsure score (0.2: under the model's own threshold, over the collection's bar)
    # leaves a collection's items as the rules kept them, and drops a listing's.
    unsure = _scoring(0.2)
    kept = read(collection, unsure)
    assert all(title in kept.paragraphs for title in TITLES)
    assert not any(title in read(listing, unsure).paragraphs for title in TITLES)
    # A sure one drops them on both readings.
    sure = _scoring(0.1)
    for profile in (collection, listing):
        document = read(profile, sure)
        assert not any(title in document.paragraphs for title in TITLES)
        assert {r.reason for r in document.removed if r.text in TITLES} == {"model"}


def test_a_page_read_as_its_type_has_no_surer_boilerplate_outside_the_article():
    # The rules read the results page's standfirst as outside the article on both readings.
    standfirst = "Who won, who lost, and what comes next for the teams"
    for profile in (None, PROFILES["listing"]):
        rules = read(profile, None, "results.html")
        assert any(
            r.reason == "outside-article" and r.text.startswith(standfirst) for r in rules.removed
        )
    # A model at 0.6 brings it back only where the page is read as its type asks.
    assert standfirst not in read(None, _scoring(0.6), "results.html").body
    assert standfirst in read(PROFILES["listing"], _scoring(0.6), "results.html").body
