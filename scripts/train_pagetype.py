#!/usr/bin/env python3
"""Train the page-type model (``newsclean/data/pagetype.json``) on the WCXB dev pages.

    pip install -e '.[train]'
    python scripts/train_pagetype.py               # train on all dev pages, write the model
    python scripts/train_pagetype.py --out FILE    # elsewhere
    python scripts/train_pagetype.py --input text  # from the text dumps: pagetype-text.json

Each WCXB dev page (``bench/devdata.py``) is cleaned by newsclean as usual and
its page-level feature row read (:func:`newsclean.extract.html.pagetype.page_row`,
through the same call the pipeline makes), so training and running read the
same figures. The row reads what the rules kept before the block model, so the
page type's cross-validation needs no block model per fold. The label is WCXB's ``page_type``; the Zyte dev pages, all news
articles, join as articles. The text model (``--input text``) reads each page's
dump in each of ``bench/layouts.py``'s three layouts (html_text, the benchmarks'
``scraped``; inscriptis; html2text, the ``train`` extra's tools), a page's dumps in
its fold: trained on one scraper's dumps, it typed the others' about 0.04 worse.

**Weights.** WCXB has 793 articles and 91 documentation pages: a page weighs
the square root of the inverse of its type's share, halfway between counting
every page the same (the rare types are lost) and every type the same (articles
are mistaken for the rest).

**Model.** LightGBM multiclass gradient-boosted trees (:data:`HTML_PARAMS`, with
random split thresholds, and :data:`ROUNDS`: the rate and rounds chosen by ``bench/pagetype.py``'s
cross-validation, grouped by domain; the text dumps' model keeps its own), fixed
seeds, one thread order, inputs sorted by page: the same data gives the same
file. The trees are exported as arrays (one list of trees per type) that
:class:`newsclean.extract.html.pagetype.PageTypeModel` evaluates without LightGBM.

``bench/pagetype.py`` uses :func:`collect` and :func:`train` to cross-validate
by domain (5 folds).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

PARAMS = {
    "objective": "multiclass",
    "learning_rate": 0.05,
    "num_leaves": 7,
    "max_depth": 4,
    "min_child_samples": 10,
    "feature_fraction": 0.7,
    "lambda_l2": 1.0,
    "max_bin": 63,
    "seed": 13,
    "deterministic": True,
    "force_row_wise": True,
    "num_threads": 2,
    "verbosity": -1,
}
#: The HTML model's trees split at random thresholds (LightGBM's ``extra_trees``): with
#: about 160 figures and few pages of each type, the best split of each figure fits the
#: training pages' noise (bench/pagetype.py's folds, three seeds, before the "by lines"
#: figure: accuracy 0.858 -> 0.864, article-vs-other F1 0.930 -> 0.933). Each tree learns
#: less, so the rate is faster: 120 rounds at 0.08 keep the file's size (200 at 0.05 gain
#: a little more for a file 1.7 times the size).
HTML_PARAMS = dict(PARAMS, extra_trees=True, learning_rate=0.08)
ROUNDS = 120
#: The text dumps' model: its own rate and rounds (chosen by ``bench/pagetype.py --input text``
#: and ``bench/text_cv.py --layout all``, trained on the three layouts' dumps).
TEXT_PARAMS, TEXT_ROUNDS = dict(PARAMS, learning_rate=0.05), 120


class Collector:
    """Stands in for the page-type model during cleaning: keeps the row, says "article"."""

    def __init__(self, rows: list) -> None:
        self.rows = rows

    def predict(self, row: list[float]) -> tuple[str, float]:
        self.rows.append(row)
        return "article", 0.0


def page_features(
    page, input: str = "html", dump: str | None = None
) -> tuple[str, str, int, list[float]]:
    """(key, label, fold, feature row) of one dev page, from its HTML or a text dump
    (*dump*, default its ``scraped`` one).

    The row reads what the rules kept before the block or line model: it is the same
    without them, and cross-validation reads no model that saw the page."""
    import newsclean

    collected: list[list[float]] = []
    text, model = (page.html, "block_model")
    if input == "text":
        text, model = (page.scraped if dump is None else dump), "line_model"
    newsclean.clean(
        text.encode("utf-8"), input=input, page_type_model=Collector(collected), **{model: False}
    )
    label = "article" if page.set == "zyte" else page.page_type
    return page.key, label, page.fold, collected[0]


def text_features(item) -> tuple[str, str, int, list[float]]:
    """:func:`page_features` of one text dump, *item* ``(page, layout, text)`` (for the
    pool); a layout other than html_text is keyed ``LAYOUT:SET/ID``."""
    page, layout, text = item
    key, label, fold, row = page_features(page, "text", text)
    return (key if layout == "html_text" else f"{layout}:{key}"), label, fold, row


def collect(pages, jobs: int = 2, input: str = "html") -> list[tuple[str, str, int, list[float]]]:
    """The feature rows of every page, in the pages' order: from its HTML, or from its
    text dump in each of ``bench/layouts.py``'s layouts (html_text, inscriptis,
    html2text: a page's dumps share its fold, so no fold trains on another layout of
    its own pages)."""
    from train_blocks import collect as collect_rows

    if input == "text":
        from layouts import all_layouts

        return collect_rows(all_layouts(pages, jobs), jobs, text_features)
    return collect_rows(pages, jobs, page_features)


def features_of(input: str) -> tuple[str, ...]:
    """The feature names of the model for *input* ("html" or "text")."""
    if input == "text":
        from newsclean.extract.texttype import FEATURES
    else:
        from newsclean.extract.html.pagetype import FEATURES
    return FEATURES


def train(rows, rounds: int | None = None, input: str = "html") -> dict:
    """A LightGBM multiclass model on *rows*, exported as the model file's dictionary."""
    import lightgbm
    import numpy as np

    from newsclean.extract.html.pagetype import TYPES

    features = features_of(input)
    rows = sorted(rows, key=lambda r: r[0])
    counts = Counter(r[1] for r in rows)
    x = np.asarray([r[3] for r in rows], dtype=np.float64)
    y = np.asarray([TYPES.index(r[1]) for r in rows])
    w = np.asarray([(len(rows) / (len(counts) * counts[r[1]])) ** 0.5 for r in rows])
    params = dict(TEXT_PARAMS if input == "text" else HTML_PARAMS, num_class=len(TYPES))
    rounds = rounds or (TEXT_ROUNDS if input == "text" else ROUNDS)
    data = lightgbm.Dataset(x, y, weight=w, feature_name=[f"f{i}" for i in range(len(features))])
    return export(lightgbm.train(params, data, num_boost_round=rounds), features)


def export(booster, features: tuple[str, ...]) -> dict:
    """The model file's dictionary: for each page type, its trees as arrays (``train_blocks.export_trees``)."""
    from train_blocks import export_trees

    from newsclean.extract.html.pagetype import TYPES

    trees = export_trees(booster)
    # LightGBM orders a multiclass model's trees round by round, one per class.
    return {
        "format": "newsclean-pagetype-1",
        "features": list(features),
        "types": list(TYPES),
        "trees": [trees[k :: len(TYPES)] for k in range(len(TYPES))],
    }


def main() -> None:
    from devdata import all_pages

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument(
        "--input",
        choices=("html", "text"),
        default="html",
        help="train on the pages' HTML (pagetype.json) or their text dumps (pagetype-text.json)",
    )
    parser.add_argument(
        "--out", type=Path, help="where to write the model (default: the package's)"
    )
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    name = "pagetype-text.json" if args.input == "text" else "pagetype.json"
    args.out = args.out or ROOT / "newsclean" / "data" / name
    bench = args.shared / "bench"
    if not (bench / "wcxb" / "dev").is_dir():
        sys.exit(
            f"train_pagetype: no WCXB dev pages at {bench / 'wcxb' / 'dev'} (pass --shared DIR)"
        )
    if args.input == "text":
        from layouts import LAYOUTS, require

        require(LAYOUTS, "train_pagetype")
    rows = collect(all_pages(bench), args.jobs, args.input)
    model = train(rows, input=args.input)
    args.out.write_text(json.dumps(model, separators=(",", ":")), encoding="utf-8")
    print(
        f"{len(rows)} {'dumps' if args.input == 'text' else 'pages'} ({', '.join(f'{t} {n}' for t, n in Counter(r[1] for r in rows).most_common())}), "
        f"{sum(len(t) for t in model['trees'])} trees -> {args.out} ({args.out.stat().st_size / 1024:.0f} KB)"
    )


if __name__ == "__main__":
    main()
