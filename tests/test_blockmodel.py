"""The HTML block model: its features, its evaluator, how it changes verdicts, and its training helpers."""

from __future__ import annotations

import json
import math
import random
import subprocess
import sys

import pytest
from conftest import ROOT

import newsclean
from newsclean.extract import blockmodel
from newsclean.extract.blockmodel import FEATURES, ROW_SIZE, BlockModel, candidates, expand, resolve

sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "bench"))
import train_blocks
from devdata import fold_of, host

PAGE = """<html><head><title>Storm hits the coast - The Daily</title></head><body>
<nav class="site-menu"><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div class="visually-hidden">Photos of the flooded streets in the old town</div>
<article class="story-body">
<h1>Storm hits the coast</h1>
<p>The storm reached the coast on Tuesday night, and the town was left without power for most of the day.</p>
<p>Officials said that the damage was worse than they had expected, and that the roads would stay closed.</p>
<p>Residents were told to stay at home until the water has gone down and the power lines are safe again.</p>
<div class="share-tools"><a href="/s">Share on Facebook</a></div>
</article>
<footer class="page-footer"><p>Copyright 2025 The Daily. All rights reserved.</p></footer>
</body></html>"""

INDEX = {name: i for i, name in enumerate(FEATURES)}


def _constant_model(value: float) -> BlockModel:
    """A model of one leaf: every line scores the logistic of *value*."""
    return BlockModel(
        {"features": list(FEATURES), "threshold": 0.5, "trees": [[[], [], [], [], [value], []]]}
    )


def _stump(feature: str, threshold: float, low: float, high: float) -> BlockModel:
    """One split on *feature*: *low* at or below the threshold, *high* above."""
    tree = [[INDEX[feature]], [threshold], [~0], [~1], [low, high], [0.0]]
    return BlockModel({"features": list(FEATURES), "threshold": 0.5, "trees": [tree]})


class _Collect:
    def __init__(self):
        self.rows, self.lines = [], []

    def apply(self, content, start, end, dom, language=None):
        self.page = (content, start, end, dom, language)
        for position, row in candidates(content, start, end, dom, language):
            assert len(row) == ROW_SIZE
            self.rows.append(expand(row))
            self.lines.append(content[position])


def test_rows_describe_the_blocks():
    seen = _Collect()
    newsclean.clean(PAGE, input="html", block_model=seen)
    assert seen.rows and all(len(row) == len(FEATURES) for row in seen.rows)
    by_text = {line.text: row for line, row in zip(seen.lines, seen.rows)}
    prose = by_text[
        "The storm reached the coast on Tuesday night, and the town was left without power for most "
        "of the day."
    ]
    assert prose[INDEX["in <article>"]] == 1.0 and prose[INDEX["tag=p"]] == 1.0
    assert prose[INDEX["inside"]] == 1.0 and prose[INDEX["rules_keep"]] == 1.0
    assert prose[INDEX["cls_good"]] == 1.0 and prose[INDEX["ends_sentence"]] == 1.0
    # The menu the rules dropped inside <nav> is not judged; its row, asked for, says so.
    assert not any(line.text.startswith("Home") for line in seen.lines)
    menu = next(
        expand(row)
        for position, row in blockmodel.page_rows(*seen.page)
        if seen.page[0][position].text.startswith("Home")
    )
    assert (
        menu[INDEX["in <nav>"]] == 1.0
        and menu[INDEX["link"]] > 0.5
        and menu[INDEX["rules_keep"]] == 0.0
    )
    hidden = by_text["Photos of the flooded streets in the old town"]
    assert hidden[INDEX["hiding"]] == 1.0 and prose[INDEX["hiding"]] == 0.0
    # The neighbours' figures: the first prose line's next block is the second prose line.
    first = seen.rows[
        seen.lines.index(next(line for line in seen.lines if line.text.startswith("The storm")))
    ]
    assert first[INDEX["same_parent[+1]"]] == 1.0 and first[INDEX["good[+1]"]] == 1.0


def test_rows_see_the_prose_above_and_below_and_above_the_last_comments_header():
    comment = (
        "I was out on the harbour wall on Tuesday and had never seen the water come up so fast "
        "in all the years I have lived in the town."
    )
    page = PAGE.replace(
        "</article>",
        f'</article><section class="comments"><h2>12 Comments</h2><p>{comment}</p></section>',
    )
    seen = _Collect()
    newsclean.clean(page, input="html", block_model=seen)
    rows = {
        seen.page[0][position].text: expand(row)
        for position, row in blockmodel.page_rows(*seen.page)
    }
    story = [
        rows[text] for text in rows if text.startswith(("The storm", "Officials", "Residents"))
    ]
    assert len(story) == 3
    # Down the story, the prose above grows and the prose below shrinks; no header is above it.
    assert [row[INDEX["prose_before"]] for row in story] == sorted(
        row[INDEX["prose_before"]] for row in story
    )
    assert story[0][INDEX["prose_before"]] == 0.0 and story[-1][INDEX["prose_after"]] < 0.5
    assert all(row[INDEX["prose_before_stop"]] == 0.0 for row in story)
    # The reader's comment stands under the comments' header, below all of the story's prose.
    assert rows[comment][INDEX["prose_before_stop"]] > 0.5


def test_compiled_evaluator_matches_the_array_walk():
    rng = random.Random(5)

    def tree(depth):
        feature, threshold, left, right, leaves, values = [], [], [], [], [], []

        def node(level):
            if level == depth or (level and rng.random() < 0.3):
                leaves.append(round(rng.uniform(-1, 1), 4))
                return ~(len(leaves) - 1)
            index = len(feature)
            feature.append(rng.randrange(len(FEATURES)))
            threshold.append(rng.choice([round(rng.uniform(0, 1), 3), 1e-35, -0.5, 1.5]))
            values.append(0.0)
            left.append(0)
            right.append(0)
            left[index] = node(level + 1)
            right[index] = node(level + 1)
            return index

        node(0)
        return [feature, threshold, left, right, leaves, values]

    data = {"features": list(FEATURES), "threshold": 0.5, "trees": [tree(5) for _ in range(20)]}
    model = BlockModel(data)
    rows = [_random_row(rng) for _ in range(300)]
    for row in rows:
        assert model.raw(row) == pytest.approx(model.raw_slow(row), abs=1e-12)
    # The strongest features: of the leaves walked at first, and of the compiled leaves.
    walked = [model.strongest(row) for row in rows]
    compiled = BlockModel(data)
    compiled._walks_left = 0
    assert [compiled.strongest(row) for row in rows] == walked


def _random_row(rng) -> list:
    """A compact row of random values: numbers, a reason and a tag index, bit masks."""
    row = [rng.choice([0.0, 1.0, rng.random()]) for _ in range(ROW_SIZE)]
    numeric = FEATURES.index("rules said nav")
    row[numeric : numeric + 4] = [
        rng.randrange(-1, 16),
        rng.randrange(12),
        rng.getrandbits(27),
        rng.getrandbits(65),
    ]
    return row


def test_a_low_score_drops_kept_lines_with_the_model_reason():
    document = newsclean.clean(PAGE, input="html", block_model=_stump("inside", 0.5, 2.0, -2.0))
    dropped = [d for d in document.decisions if d.reason == "model"]
    assert dropped and all(not d.keep and d.rule == "model" for d in dropped)
    assert all(
        d.evidence.startswith("block model score 0.12; strongest: inside −") for d in dropped
    )
    assert "The storm reached the coast" not in document.body
    assert {r.reason for r in document.removed} >= {"model"}
    assert all(r.reason for r in document.removed)


def test_a_high_score_keeps_lines_the_rules_dropped_for_their_place():
    rules = newsclean.clean(PAGE, input="html", block_model=False)
    model = newsclean.clean(PAGE, input="html", block_model=_constant_model(3.0))
    hidden = "Photos of the flooded streets in the old town"
    assert hidden not in rules.body
    assert hidden in model.body
    kept = next(d for d in model.decisions if d.text == hidden)
    assert kept.keep and kept.evidence.endswith("the rules said outside-article")
    # A menu the rules dropped inside <nav>, and the share widget, stay dropped.
    assert "Home World Sport" not in model.body and "Share on Facebook" not in model.body
    # A line a named rule rejected keeps that verdict: the model does not read words.
    assert "Copyright 2025" not in model.body
    # The headline stays the title.
    assert model.title == rules.title == "Storm hits the coast"


PICKS = "".join(
    f'<li><a href="/pick/{i}"><h3>{name}</h3></a><p>{text}</p></li>'
    for i, (name, text) in enumerate(
        [
            ("The river path", "A flat walk along the water, with benches and a cafe at the end."),
            ("The hill fort", "A steep climb rewarded by the best view of the bay on a clear day."),
            ("The old harbour", "Boats, fish stalls and the lifeboat station, open on Sundays."),
        ]
    )
)


SPECS = (
    "Weight 12 kg, height 80 cm, width 45 cm, depth 40 cm, colour black, frame steel, seat oak, "
    "warranty 2 years, power 1200 W, voltage 230 V, plug type G, cable 1.5 m"
)


def test_a_line_dropped_for_its_markup_is_kept_at_even_odds_one_dropped_for_its_place_is_not():
    # Three linked headings with a summary each: the rules read a list of teasers; in a
    # listicle they are the article. At a score of 0.65 the model keeps them (even odds
    # overrule a markup reason), not the hidden line outside the article (keep threshold 0.8).
    page = PAGE.replace(
        '<div class="share-tools">',
        f'<ul class="picks">{PICKS}</ul><div><div><div><div>{SPECS}</div></div></div></div>'
        '<div class="share-tools">',
    )
    odds = math.log(0.65 / 0.35)
    model = BlockModel(
        {
            "features": list(FEATURES),
            "threshold": 0.5,
            "keep_threshold": 0.8,
            "trees": [[[], [], [], [], [odds], []]],
        }
    )
    # (Read as an article: the page type, near even odds for a listing here, is not tested.)
    rules = newsclean.clean(page, input="html", block_model=False, page_type_model=False)
    judged = newsclean.clean(page, input="html", block_model=model, page_type_model=False)
    assert {r.reason for r in rules.removed if "hill fort" in r.text} == {"related"}
    assert "The hill fort" in judged.paragraphs
    assert "Boats, fish stalls and the lifeboat station, open on Sundays." in judged.paragraphs
    kept = next(d for d in judged.decisions if d.text == "The hill fort")
    assert kept.evidence == "block model score 0.65; the rules said related"
    # A long line of few function words out of the prose's flow: its shape, not its place.
    assert [(r.reason, r.rule) for r in rules.removed if r.text == SPECS] == [
        ("outside-article", "context")
    ]
    assert SPECS in judged.paragraphs
    hidden = "Photos of the flooded streets in the old town"
    assert hidden not in judged.body
    assert [r.reason for r in judged.removed if r.text == hidden] == ["outside-article"]


def test_the_model_is_on_by_default_and_can_be_switched_off(monkeypatch):
    assert resolve(False) is None
    monkeypatch.setattr(blockmodel, "_DEFAULT", _stump("inside", 0.5, 2.0, -2.0))
    assert blockmodel.DEFAULT_ON and resolve(None) is blockmodel._DEFAULT
    default = newsclean.clean(PAGE, input="html")
    off = newsclean.clean(PAGE, input="html", block_model=False)
    assert "The storm reached the coast" in off.body
    assert "The storm reached the coast" not in default.body
    monkeypatch.setattr(blockmodel, "DEFAULT_ON", False)
    assert resolve(None) is None


@pytest.mark.skipif(
    not blockmodel.DEFAULT_PATH.exists(), reason="no block model file in the package"
)
def test_the_shipped_model_reads_this_version_s_features():
    model = BlockModel.load(blockmodel.DEFAULT_PATH)
    assert model.data["features"] == list(FEATURES)
    assert blockmodel.DEFAULT_PATH.stat().st_size < 1_000_000
    document = newsclean.clean(PAGE, input="html", block_model=model)
    assert "The storm reached the coast" in document.body
    assert all(r.reason for r in document.removed)


def test_text_input_and_help_do_not_load_the_model():
    # (The text line model shares the block model's tree evaluator: text by the rules alone.)
    code = (
        "import sys, newsclean; from click.testing import CliRunner; from newsclean.cli import cli;"
        "CliRunner().invoke(cli, ['--help']);"
        "newsclean.clean('Just a line of text.\\n\\nAnother one.', line_model=False);"
        "sys.exit('newsclean.extract.blockmodel' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


# ----------------------------------------------------------------------------- training helpers
def test_labels_project_the_reference_onto_lines():
    reference = "Storm hits the coast\n\nThe storm reached the coast on Tuesday night.\n\nOfficials said more."
    lines = [
        "Storm hits the coast",
        "The storm reached the coast on Tuesday night.",
        "Share on Facebook",
        "Home",
        "Officials said more rain was coming soon to the coast",
        "",
    ]
    assert train_blocks.label(lines, reference) == [1, 1, 0, 0, 0, 0]


def test_folds_follow_the_domain_and_are_stable():
    assert host("https://www.Example.com/a") == host("http://example.com/b") == "example.com"
    assert fold_of("example.com") == fold_of("example.com")
    assert len({fold_of(f"site{i}.com") for i in range(100)}) == 5


def test_export_matches_lightgbm():
    lightgbm = pytest.importorskip("lightgbm")
    np = pytest.importorskip("numpy")
    rng = random.Random(0)
    rows = [_random_row(rng) for _ in range(2000)]
    x = np.asarray([expand(row) for row in rows])
    # The label reads numbers, a one-hot reason, a landmark bit and a class-word bit.
    reason, nav, word = (
        FEATURES.index(name) for name in ("rules said share", "in <nav>", "class word #7")
    )
    y = (x[:, 0] + x[:, 5] * 0.5 - x[:, reason] - x[:, nav] + x[:, word] > 0.6).astype(int)
    booster = lightgbm.train(
        {**train_blocks.PARAMS, "num_threads": 1}, lightgbm.Dataset(x, y), num_boost_round=20
    )
    model = BlockModel(json.loads(json.dumps(train_blocks.export(booster))))
    used = {feature for tree in model.trees for feature in tree[0]}
    assert {reason, nav, word} <= used
    expected = booster.predict(x[:300], raw_score=True)
    for row, want in zip(rows[:300], expected):
        assert model.raw(row) == pytest.approx(want, abs=1e-4)


def test_strongest_features_sum_the_changes_along_the_path():
    # Two splits on one path: "inside" then "link"; the root's value is 0.
    tree = [
        [INDEX["inside"], INDEX["link"]],
        [0.5, 0.5],
        [~0, ~1],
        [1, ~2],
        [-1.0, 2.0, 0.5],
        [0.0, 1.0],
    ]
    model = BlockModel({"features": list(FEATURES), "threshold": 0.5, "trees": [tree, tree]})
    row = [0.0] * ROW_SIZE
    row[INDEX["inside"]], row[INDEX["link"]] = 1.0, 0.9
    assert model.raw(row) == model.raw_slow(row) == 1.0
    # inside: 0 -> 1 (+1) per tree; link: 1 -> 0.5 (-0.5) per tree.
    assert model.strongest(row) == [("inside", 2.0), ("link", -1.0)]
    row[INDEX["link"]] = 0.1
    assert sorted(model.strongest(row)) == [("inside", 2.0), ("link", 2.0)]


def test_the_command_line_turns_the_model_on(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from newsclean.cli import cli

    # The package's model is, for this test, one that drops every line inside the article.
    model_file = tmp_path / "model.json"
    model_file.write_text(json.dumps(_stump("inside", 0.5, 2.0, -2.0).data), encoding="utf-8")
    monkeypatch.setattr(blockmodel, "DEFAULT_PATH", model_file)
    monkeypatch.setattr(blockmodel, "_DEFAULT", None)
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    plain = CliRunner().invoke(cli, ["clean", "--no-block-model", "--explain", str(page)])
    default = CliRunner().invoke(cli, ["clean", "--explain", str(page)])
    with_model = CliRunner().invoke(cli, ["clean", "--block-model", "--explain", str(page)])
    assert plain.exit_code == default.exit_code == with_model.exit_code == 0
    assert "block model score" not in plain.output
    assert default.output == with_model.output
    dropped = [row for row in with_model.output.splitlines() if "The storm reached" in row]
    assert (
        len(dropped) == 1
        and " drop  model " in dropped[0]
        and "block model score 0.12" in dropped[0]
    )


def test_a_longer_page_reads_the_same():
    # The page's figures are shares, never sizes: the first paragraph of a story of 40
    # paragraphs and of one of 4,000 get the same row, but for the paragraph's own share.
    def first_row(paragraphs: int) -> list:
        story = "".join(
            f"<p>Paragraph {i} of the report says what the council decided about the roads.</p>"
            for i in range(paragraphs)
        )
        seen = _Collect()
        # (Read as an article: the page type of this page of one repeated line is a toss-up.)
        newsclean.clean(
            f"<html><body><article>{story}</article></body></html>",
            input="html",
            block_model=seen,
            page_type_model=False,
        )
        return next(
            row for line, row in zip(seen.lines, seen.rows) if line.text.startswith("Paragraph 0 ")
        )

    short, long = first_row(40), first_row(4000)
    # (the prose below it differs by the paragraph's own share of the story: 1/40 against 1/4000)
    after = INDEX["prose_after"]
    assert short[:after] + short[after + 1 :] == long[:after] + long[after + 1 :]
    assert short[after] == pytest.approx(long[after], abs=1 / 40)
