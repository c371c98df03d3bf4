#!/usr/bin/env python3
"""Train the HTML block model (``newsclean/data/blockmodel.json``) on the dev pages.

    pip install -e '.[train]'
    python scripts/train_blocks.py                 # train on all dev pages, write the model
    python scripts/train_blocks.py --out FILE      # elsewhere

The pages are the WCXB dev split and the Zyte dev pages in ``../shared/bench``
(``bench/devdata.py``). Each page is cleaned by newsclean as usual, with a
*collector* in place of the block model: it keeps the feature row of every line
the model would judge (:func:`newsclean.extract.blockmodel.candidates`), so
training and running read exactly the same features.

**Labels.** The reference text of each page (its ``main_content``) is projected
onto the lines (:func:`label`): a line of three words or more is content when at
least half of its word trigrams occur in the reference; a shorter one when its
words occur there in a row.

**Weights.** Each line weighs its share of the page's words, so every page
counts the same, as in the benchmarks' per-page means, and within a page a line
counts by its size, as in a word-bag F1. The Zyte pages (news articles, whose
references leave out more than WCXB's) weigh :data:`ZYTE_WEIGHT` times as much.

**Model.** LightGBM gradient-boosted trees (:data:`PARAMS`, :data:`ROUNDS`), fixed
seeds, one thread order, sorted inputs: the same data gives the same file. The
rate is 0.1 over 80 rounds rather than 0.2 over 40: a fold's model then moves less
when a few training pages are typed otherwise, and ``bench/wcxb.py --cv`` was
higher under two seeds (WCXB all 0.8504 and 0.8492 -> 0.8508 and 0.8504, articles
0.9441 and 0.9448 -> 0.9455 and 0.9452). The trees are
exported to compact arrays (:func:`export`) that
:class:`newsclean.extract.blockmodel.BlockModel` evaluates without LightGBM.

``bench/wcxb.py --cv`` uses :func:`collect` and :func:`train` to train one model
per fold, grouped by domain, and scores each on the pages it did not see.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))
from layouts import nice  # noqa: E402

TOKEN = re.compile(r"\w+")
#: Share of a line's word trigrams found in the reference for it to count as content.
LABEL_SHARE = 0.5

PARAMS = {
    "objective": "binary",
    "learning_rate": 0.1,
    "num_leaves": 15,
    "max_depth": 6,
    "min_child_samples": 40,
    "min_sum_hessian_in_leaf": 1e-4,
    "feature_fraction": 0.7,
    "lambda_l2": 1.0,
    "max_bin": 63,
    "seed": 13,
    "deterministic": True,
    "force_row_wise": True,
    "num_threads": 2,
    "verbosity": -1,
}
ROUNDS = 80
ZYTE_WEIGHT = 3.0
#: Thresholds written into the model: a line the rules kept is dropped below THRESHOLD;
#: a line they dropped is kept from KEEP_THRESHOLD on.
THRESHOLD = 0.5
KEEP_THRESHOLD = 0.8


@dataclass
class PageRows:
    key: str
    fold: int
    page_type: str
    rows: object  # numpy array, one row per judged line
    labels: object
    weights: object


# ----------------------------------------------------------------------------- labels
def label(texts: list[str], reference: str) -> list[int]:
    """1 for each line whose words are in the reference text, else 0.

    >>> label(["The cat sat on the mat today.", "Share this story", "Summary"],
    ...       "Summary\\n\\nThe cat sat on the mat today, said Bob.")
    [1, 0, 1]
    """
    ref = TOKEN.findall(reference.lower())
    trigrams = {tuple(ref[i : i + 3]) for i in range(len(ref) - 2)}
    joined = " " + " ".join(ref) + " "
    out = []
    for text in texts:
        tokens = TOKEN.findall(text.lower())
        if len(tokens) >= 3:
            grams = [tuple(tokens[i : i + 3]) for i in range(len(tokens) - 2)]
            out.append(int(sum(g in trigrams for g in grams) >= LABEL_SHARE * len(grams)))
        elif tokens:
            out.append(int(" " + " ".join(tokens) + " " in joined))
        else:
            out.append(0)
    return out


# ----------------------------------------------------------------------------- features
class Collector:
    """Stands in for a block model during cleaning: keeps the rows, changes nothing."""

    def __init__(self) -> None:
        self.rows: list[list[float]] = []
        self.texts: list[str] = []

    def apply(self, content, start, end, dom, language=None) -> None:
        from newsclean.extract.blockmodel import candidates, expand

        # One reading per page (the one its type asks for), collected once.
        self.rows.clear()
        self.texts.clear()
        for position, row in candidates(content, start, end, dom, language):
            self.rows.append(expand(row))
            self.texts.append(content[position].text)


#: Page-type models by fold, for :func:`typed_rows` (set before :func:`collect` forks).
TYPERS: dict = {}


def page_rows(page, typer=None) -> PageRows:
    """*page*'s rows, read as the page-type model *typer* (default: the shipped one) types it."""
    import newsclean
    from newsclean.extract.blockmodel import FEATURES

    collector = Collector()
    options = {} if typer is None else {"page_type_model": typer}
    newsclean.clean(page.html.encode("utf-8"), input="html", block_model=collector, **options)
    return labelled(page, collector, len(FEATURES))


def typed_rows(page) -> PageRows:
    """*page*'s rows with the page typed by the model of its fold (:data:`TYPERS`): for
    cross-validation, no page is read by a type its own domain taught."""
    return page_rows(page, TYPERS[page.fold])


def labelled(page, collector, features: int) -> PageRows:
    """*page*'s collected rows with their labels (:func:`label`) and weights: each line by
    its share of the page's words, so that each page counts the same."""
    import numpy as np

    labels = label(collector.texts, page.gold["main_content"])
    sizes = [len(TOKEN.findall(t)) for t in collector.texts]
    total = sum(sizes) or 1
    rows = np.asarray(collector.rows, dtype=np.float64).reshape(-1, features)
    return PageRows(
        page.key,
        page.fold,
        page.page_type,
        rows,
        np.asarray(labels, dtype=np.int8),
        np.asarray([s / total for s in sizes], dtype=np.float64),
    )


def collect(pages, jobs: int = 2, rows_of=None) -> list:
    """``rows_of(page)`` (default :func:`page_rows`) for every page, in the pages' order."""
    rows_of = rows_of or page_rows
    if jobs <= 1:
        return [rows_of(p) for p in pages]
    with Pool(jobs, initializer=nice) as pool:
        return pool.map(rows_of, pages, chunksize=8)


# ----------------------------------------------------------------------------- training
def train(pages: list[PageRows], rounds: int = ROUNDS) -> dict:
    """A LightGBM model on the rows of *pages*, exported as the model file's dictionary."""
    from newsclean.extract.blockmodel import FEATURES

    return export(fit(pages, len(FEATURES), rounds))


def fit(
    pages: list[PageRows],
    features: int,
    rounds: int,
    zyte_weight: float = ZYTE_WEIGHT,
    params: dict | None = None,
):
    """The LightGBM booster on the rows of *pages* (in key order, a Zyte page's lines
    weighing *zyte_weight* times), with *params* (default :data:`PARAMS`)."""
    import lightgbm
    import numpy as np

    pages = sorted((p for p in pages if len(p.rows)), key=lambda p: p.key)
    x = np.vstack([p.rows for p in pages])
    y = np.concatenate([p.labels for p in pages])
    w = np.concatenate(
        [p.weights * (zyte_weight if p.key.startswith("zyte/") else 1.0) for p in pages]
    )
    w = w * (len(w) / w.sum())  # mean weight 1, so LightGBM's leaf-size limits read as usual
    names = [f"f{i}" for i in range(features)]
    data = lightgbm.Dataset(x, y, weight=w, feature_name=names, free_raw_data=True)
    return lightgbm.train(params or PARAMS, data, num_boost_round=rounds)


def _round(value: float) -> float:
    return float(f"{value:.7g}")


def export(booster) -> dict:
    """The model file's dictionary: the trees (:func:`export_trees`), features and thresholds."""
    from newsclean.extract.blockmodel import FEATURES

    return {
        "format": "newsclean-blockmodel-1",
        "features": list(FEATURES),
        "threshold": THRESHOLD,
        "keep_threshold": KEEP_THRESHOLD,
        "trees": export_trees(booster),
    }


def export_trees(booster) -> list[list[list]]:
    """The trees as arrays: split feature, threshold, children (``~k``: leaf *k*), leaf and node values.

    LightGBM's numerical splits send a value ``<=`` the threshold left; the
    features never miss a value, so its missing-value rules do not arise.
    """
    dump = booster.dump_model()
    trees = []
    for info in dump["tree_info"]:
        feature, threshold, left, right, leaves, values = [], [], [], [], [], []

        def walk(node: dict) -> int:
            if "leaf_value" in node:
                leaves.append(_round(node["leaf_value"]))
                return ~(len(leaves) - 1)
            index = len(feature)
            if node.get("decision_type", "<=") != "<=":
                raise ValueError(f"unsupported split {node.get('decision_type')}")
            feature.append(node["split_feature"])
            threshold.append(_round(node["threshold"]))
            values.append(_round(node.get("internal_value", 0.0)))
            left.append(0)
            right.append(0)
            left[index] = walk(node["left_child"])
            right[index] = walk(node["right_child"])
            return index

        walk(info["tree_structure"])
        trees.append([feature, threshold, left, right, leaves, values])
    return trees


def train_and_write(name: str, model_file: str, collect_rows, train_rows, doc: str) -> None:
    """The command line of a line or block model's training script *name*: collect the dev
    pages' rows, train, write the model (default ``newsclean/data/`` *model_file*)."""
    from devdata import all_pages

    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "newsclean" / "data" / model_file)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    bench = args.shared / "bench"
    if not (bench / "wcxb" / "dev").is_dir():
        sys.exit(f"{name}: no WCXB dev pages at {bench / 'wcxb' / 'dev'} (pass --shared DIR)")
    try:
        import lightgbm  # noqa: F401
    except ImportError as error:
        sys.exit(f"{name}: needs the train extra (pip install -e '.[train]'): {error}")
    rows = collect_rows(all_pages(bench), args.jobs)
    model = train_rows(rows)
    args.out.write_text(json.dumps(model, separators=(",", ":")), encoding="utf-8")
    lines = sum(len(p.labels) for p in rows)
    content = sum(int(p.labels.sum()) for p in rows)
    print(
        f"{len(rows)} documents, {lines:,} lines ({content:,} content), {len(model['trees'])} trees "
        f"-> {args.out} ({args.out.stat().st_size / 1024:.0f} KB)"
    )


def main() -> None:
    train_and_write("train_blocks", "blockmodel.json", collect, train, __doc__ or "")


if __name__ == "__main__":
    main()
