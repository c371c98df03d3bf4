#!/usr/bin/env python3
"""The page-type classifier, cross-validated by domain on the WCXB dev pages (and the Zyte dev articles).

The pages are split into 5 folds by domain (``bench/devdata.py``); for each fold
a model is trained on the other four (``scripts/train_pagetype.py``) and
predicts the types of the fold's pages, so no page is typed by a model that saw
its site. Reported: accuracy over WCXB's seven types, the F1 of "article"
against the other six, each type's precision and recall, and the confusion
matrix (WCXB pages only; the Zyte pages, all articles, are in the training data
and in a separate line).

    python bench/pagetype.py                         # from the HTML and the text dumps
    python bench/pagetype.py --input text            # from the text dumps only
    python bench/pagetype.py --update BENCHMARKS.md  # replace the bench-pagetype section
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))
from devdata import FOLDS, all_pages  # noqa: E402
from mdtables import table, update_section  # noqa: E402


def cross_validate(rows, input: str = "html") -> dict[str, tuple[str, float]]:
    """{page key: (predicted type, confidence)}, each from the model of the other folds."""
    import train_pagetype

    from newsclean.extract.html.pagetype import PageTypeModel

    predicted = {}
    for fold in range(FOLDS):
        model = PageTypeModel(
            train_pagetype.train([r for r in rows if r[2] != fold], input=input),
            train_pagetype.features_of(input),
        )
        for key, _, page_fold, row in rows:
            if page_fold == fold:
                predicted[key] = model.predict(row)
        print(f"  fold {fold} done", file=sys.stderr)
    return predicted


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def report(rows, predicted, command: str) -> tuple[str, dict]:
    from newsclean.extract.html.pagetype import TYPES

    wcxb = [(key, label) for key, label, _, _ in rows if key.startswith("wcxb/")]
    zyte = [(key, label) for key, label, _, _ in rows if key.startswith("zyte/")]
    right = sum(predicted[key][0] == label for key, label in wcxb)
    pairs = Counter((label, predicted[key][0]) for key, label in wcxb)
    tp = pairs[("article", "article")]
    fp = sum(n for (label, guess), n in pairs.items() if guess == "article" and label != "article")
    fn = sum(n for (label, guess), n in pairs.items() if label == "article" and guess != "article")
    figures = {
        "accuracy": right / len(wcxb),
        "article_f1": f1(tp, fp, fn),
        "zyte_article": sum(predicted[k][0] == "article" for k, _ in zyte) / max(1, len(zyte)),
    }
    per_type = []
    for kind in TYPES:
        hit = pairs[(kind, kind)]
        labelled = sum(n for (label, _), n in pairs.items() if label == kind)
        guessed = sum(n for (_, guess), n in pairs.items() if guess == kind)
        per_type.append(
            [
                kind,
                f"{labelled}",
                f"{hit / guessed:.3f}" if guessed else "–",
                f"{hit / labelled:.3f}" if labelled else "–",
                f"{f1(hit, guessed - hit, labelled - hit):.3f}",
            ]
        )
    confusion = [[kind] + [str(pairs[(kind, guess)]) for guess in TYPES] for kind in TYPES]
    text = "\n\n".join(
        [
            f"Generated {datetime.date.today().isoformat()} by `{command}`: 5 folds grouped by domain, each page typed "
            "by a model trained on the other four folds only (WCXB dev and the Zyte dev articles).",
            table(
                ["figure", "value"],
                [
                    ["type accuracy (WCXB dev, 7 types)", f"{figures['accuracy']:.3f}"],
                    ["article-vs-other F1 (WCXB dev)", f"{figures['article_f1']:.3f}"],
                    ["Zyte dev pages typed article", f"{figures['zyte_article']:.3f}"],
                ],
            ),
            "Per type (WCXB dev):\n\n"
            + table(["type", "pages", "precision", "recall", "F1"], per_type),
            "Confusion (rows: WCXB's label, columns: predicted):\n\n"
            + table(["label"] + list(TYPES), confusion),
        ]
    )
    return text + "\n", figures


def main() -> None:
    import train_pagetype

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--input",
        choices=("html", "text", "all"),
        default="all",
        help="type the pages from their HTML, their text dumps, or both (default)",
    )
    parser.add_argument("--save", type=Path, help="write the figures as JSON here")
    parser.add_argument(
        "--update",
        type=Path,
        metavar="FILE",
        help="replace the text between <!-- bench-pagetype:start --> and <!-- bench-pagetype:end -->",
    )
    args = parser.parse_args()
    bench = args.shared / "bench"
    if not (bench / "wcxb" / "dev").is_dir():
        sys.exit(f"pagetype: no WCXB dev pages at {bench / 'wcxb' / 'dev'} (pass --shared DIR)")
    try:
        import lightgbm  # noqa: F401
    except ImportError as error:
        sys.exit(f"pagetype: training needs the train extra (pip install -e '.[train]'): {error}")
    pages = all_pages(bench)
    inputs = ("html", "text") if args.input == "all" else (args.input,)
    command = "python bench/pagetype.py" + ("" if args.input == "all" else f" --input {args.input}")
    parts, saved = [], {}
    for input in inputs:
        rows = train_pagetype.collect(pages, args.jobs, input)
        predicted = cross_validate(rows, input)
        text, figures = report(rows, predicted, command)
        heading = (
            "From the page's HTML" if input == "html" else "From the page's text dump (`scraped`)"
        )
        parts.append(f"#### {heading}\n\n{text}")
        saved[input] = figures
    text = "\n".join(parts)
    print(text)
    if args.save:
        args.save.write_text(json.dumps(saved, indent=1))
    if args.update:
        update_section(args.update, "bench-pagetype", text)


if __name__ == "__main__":
    main()
