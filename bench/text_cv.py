#!/usr/bin/env python3
"""Text dumps, cross-validated by domain: WCXB dev ``scraped`` (1,497 pages) and Zyte dev ``scraped.txt`` (91).

One run scores newsclean on the text a scraper left of each page, with each
benchmark's own scorer (WCXB: word-bag precision, recall and F1 per page, averaged
per page type; Zyte: the shingle metric of ``extraction/score.py`` on the body):

* **rules**: the line rules and the prose region alone (``line_model=False``);
* **line model, CV**: the pages are split into 5 folds grouped by domain
  (``bench/devdata.py``); for each fold a text page-type model and a line model are
  trained on the other four folds' dumps in all three layouts (``scripts/train_pagetype.py
  --input text``, ``scripts/train_lines.py``; a page's three dumps are in its fold) and
  read only the pages of this one, in every layout, so no page is typed or judged by a
  model that saw its site in any layout (the rules-only run uses the same fold
  page-type models; with ``--no-cv``, the shipped one);
* metadata hit rates on the WCXB articles (title, author, date, as ``bench/wcxb.py``
  counts them) and how many Zyte news pages get a site name.

``--layout`` scores the same pages as another tool dumps them, made from the page's
HTML (``bench/layouts.py``, cached under ``bench/out/cache/layout-TOOL-VERSION/``):
``inscriptis`` (``get_text``: blocks apart, list items as ``* item``), ``html2text``
(Markdown-like, paragraphs wrapped at 78 columns), ``resiliparse`` (the whole page's
``extract_plain_text``), ``lynx`` or ``w3m`` (the terminal browsers' ``-dump``, where the
programs are installed), ``trafilatura`` (its text output: the article an extractor found),
or ``all`` for all of them. Whichever layouts are scored, the fold models learn from the
first three only (as the shipped ones do), so the CV needs inscriptis and html2text
installed, and the resiliparse, lynx, w3m and trafilatura figures are those of scrapers
the models have not seen.

    python bench/text_cv.py                          # rules and CV line model, html_text dumps
    python bench/text_cv.py --layout all             # also inscriptis, html2text and the unseen ones
    python bench/text_cv.py --limit 300 --jobs 2     # a quick look on every n-th page
    python bench/text_cv.py --update BENCHMARKS.md   # replace the bench-text section
"""

from __future__ import annotations

import argparse
import datetime
import json
import platform
import sys
from collections import defaultdict
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))
from devdata import FOLDS, Page, all_pages  # noqa: E402
from layouts import LAYOUTS, UNSEEN, layout_texts, nice, require, unseen_layouts, version  # noqa: E402
from mdtables import table, update_section  # noqa: E402
from wcxb import TYPES, Scorers, meta_rates  # noqa: E402

OUT = ROOT / "bench" / "out"


# ----------------------------------------------------------------- runs
_MODELS: dict = {}


def _clean(args: tuple[str, str, str | bool, str | None]) -> tuple[str, dict]:
    import newsclean

    key, text, model, typer = args
    if isinstance(model, str):
        if model not in _MODELS:
            from newsclean.extract.linemodel import LineModel

            _MODELS[model] = LineModel.load(model)
        model = _MODELS[model]
    options = {}
    if typer is not None:
        if typer not in _MODELS:
            from newsclean.extract.html.pagetype import PageTypeModel
            from newsclean.extract.texttype import FEATURES

            _MODELS[typer] = PageTypeModel.load(typer, FEATURES)
        options["page_type_model"] = _MODELS[typer]
    doc = newsclean.clean(text, input="text", line_model=model, **options)
    return key, {
        "text": doc.text,
        "body": doc.body,
        "title": doc.title,
        "author": doc.byline,
        "date": doc.date,
        "site_name": doc.site_name,
    }


def run(
    pages: list[Page],
    texts: dict[str, str],
    models: dict[int, str] | None,
    jobs: int,
    typers: dict[int, str] | None = None,
) -> dict:
    """newsclean's output on every page: rules only (*models* None) or each page's fold
    model, the page typed by its fold's text page-type model (*typers*; default the shipped one)."""
    tasks = [
        (
            p.key,
            texts[p.key],
            models[p.fold] if models else False,
            typers[p.fold] if typers else None,
        )
        for p in pages
    ]
    with Pool(jobs, initializer=nice) as pool:
        return dict(pool.imap_unordered(_clean, tasks, chunksize=8))


def cv_typers(pages: list[Page], jobs: int) -> dict[int, str]:
    """Train one text page-type model per fold on the other folds' dumps in every layout;
    {fold: model file}. Extraction follows the type, so the type of a page is never taught
    by its domain."""
    import train_pagetype

    rows = train_pagetype.collect(pages, jobs, "text")
    typers = {}
    for fold in range(FOLDS):
        path = OUT / "cv-lines" / f"pagetype-text-fold-{fold}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        model = train_pagetype.train([r for r in rows if r[2] != fold], input="text")
        path.write_text(json.dumps(model), encoding="utf-8")
        typers[fold] = str(path)
    return typers


def cv_models(pages: list[Page], jobs: int, typers: dict[int, str]) -> dict[int, str]:
    """Train one line model per fold on the other folds' dumps in every layout, each dump
    read as its page's fold's text page-type model types it; {fold: model file}."""
    import train_lines

    from newsclean.extract.html.pagetype import PageTypeModel
    from newsclean.extract.texttype import FEATURES

    for fold, path in typers.items():
        train_lines.TYPERS[fold] = PageTypeModel.load(path, FEATURES)
    rows = train_lines.collect(pages, jobs, train_lines.typed_rows)
    models = {}
    for fold in range(FOLDS):
        path = OUT / "cv-lines" / f"fold-{fold}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        train = [r for r in rows if r.fold != fold]
        path.write_text(json.dumps(train_lines.train(train)), encoding="utf-8")
        models[fold] = str(path)
        print(f"  fold {fold}: trained on {len(train)} dumps", file=sys.stderr)
    return models


# ----------------------------------------------------------------- report
GROUPS = [*TYPES, "all", "zyte"]


def prf_table(runs: dict[str, dict[str, dict]]) -> str:
    """Precision, recall and F1 per page type (rows) for each run (column groups)."""
    names = list(runs)
    header = ["page type", "pages"] + [f"{name} {m}" for name in names for m in ("P", "R", "F1")]
    rows = []
    for group in GROUPS:
        first = runs[names[0]].get(group)
        if not first:
            continue
        best = max(runs[n][group]["f1"] for n in names if group in runs[n])
        cells = []
        for name in names:
            s = runs[name].get(group)
            if s is None:
                cells += ["–"] * 3
                continue
            f1 = f"{s['f1']:.3f}"
            cells += [
                f"{s['precision']:.3f}",
                f"{s['recall']:.3f}",
                f"**{f1}**" if s["f1"] == best else f1,
            ]
        label = {"all": "WCXB all", "zyte": "Zyte dev (shingles)"}.get(group, group)
        rows.append([label, f"{first['n']:,}", *cells])
    return table(header, rows)


def meta_table(metas: dict[str, dict], sites: dict[str, tuple[int, int]]) -> str:
    rows = []
    for name, rates in metas.items():
        cells = [f"{100 * h / n:.1f} % ({h}/{n})" if n else "–" for h, n in rates.values()]
        hits, total = sites[name]
        rows.append([name, *cells, f"{hits}/{total}"])
    return table(["run", "title", "author", "date", "Zyte site name"], rows)


#: The layouts that are an extractor's output (the page's article), not the page's text.
EXTRACTED = ("trafilatura",)


def as_is(texts: dict[str, str]) -> dict[str, dict]:
    """Outputs that keep each dump whole (no title: its first line is in the body)."""
    return {key: {"text": text, "body": text, "title": ""} for key, text in texts.items()}


def site_names(pages: list[Page], outputs: dict[str, dict]) -> tuple[int, int]:
    zyte = [p for p in pages if p.set == "zyte"]
    return sum(bool(outputs[p.key].get("site_name")) for p in zyte), len(zyte)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--jobs", type=int, default=2, help="processes (default 2)")
    parser.add_argument("--limit", type=int, default=0, help="every n-th page, about this many")
    parser.add_argument("--layout", default="html_text", choices=[*LAYOUTS, *UNSEEN, "all"])
    parser.add_argument("--no-cv", action="store_true", help="rules only: no model trained")
    parser.add_argument("--save", type=Path, help="write the summaries as JSON here")
    parser.add_argument(
        "--update", type=Path, metavar="FILE",
        help="replace the text between <!-- bench-text:start --> and <!-- bench-text:end -->",
    )  # fmt: skip
    args = parser.parse_args()
    bench = args.shared / "bench"
    if not (bench / "wcxb" / "dev").is_dir():
        sys.exit(f"text_cv: no WCXB dev pages at {bench / 'wcxb' / 'dev'} (pass --shared DIR)")
    # (the unseen layouts are scored, never learned from, where their tools are installed)
    layouts = [*LAYOUTS, *unseen_layouts()] if args.layout == "all" else [args.layout]
    # The models learn from the three learned layouts' dumps, whichever layouts are scored.
    require(layouts if args.no_cv else [*LAYOUTS, *layouts], "text_cv")
    if not args.no_cv:
        try:
            import lightgbm  # noqa: F401
        except ImportError as error:
            sys.exit(
                f"text_cv: the CV trains models and needs the train extra (pip install -e '.[train]'): {error}"
            )
    nice()
    pages = all_pages(bench, limit=args.limit)
    print(f"{len(pages)} pages", file=sys.stderr)
    typers = None if args.no_cv else cv_typers(pages, args.jobs)
    models = None if typers is None else cv_models(pages, args.jobs, typers)
    scorers = Scorers(bench)
    summaries: dict[str, dict] = {}
    metas: dict[str, dict] = {}
    sites: dict[str, tuple[int, int]] = {}
    for layout in layouts:
        texts = layout_texts(pages, layout, args.jobs)
        if layout in EXTRACTED:
            # An extractor's output is its article already: what newsclean should keep of it
            # is measured against the whole of it (the extractor's own figure).
            summaries[f"{layout}: the dump as it is"] = scorers.summary(pages, as_is(texts))
        for name, fold_models in (("rules", None), ("line model (CV)", models)):
            if name != "rules" and fold_models is None:
                continue
            label = name if len(layouts) == 1 else f"{layout}: {name}"
            outputs = run(pages, texts, fold_models, args.jobs, typers)
            summaries[label] = scorers.summary(pages, outputs)
            metas[label] = meta_rates(pages, outputs)
            sites[label] = site_names(pages, outputs)
            s = summaries[label]
            print(
                f"  {label}: "
                + ", ".join(f"{g} {s[g]['f1']:.3f}" for g in ("article", "all", "zyte") if g in s),
                file=sys.stderr,
            )
    command = "python bench/text_cv.py" + (
        f" --layout {args.layout}" if args.layout != "html_text" else ""
    )
    command += (" --no-cv" if args.no_cv else "") + (f" --limit {args.limit}" if args.limit else "")
    versions = ", ".join(
        f"{d} {version(d)}"
        for d in ("newsclean", "lightgbm", "inscriptis", "html2text", *UNSEEN)
        if (d not in UNSEEN or d in layouts) and version(d)
    )
    parts = [
        f"Generated {datetime.date.today().isoformat()} by `{command}` on {platform.machine()} Python "
        f"{platform.python_version()} ({versions}).",
        "### Text dumps: precision, recall and F1 per page type\n\n"
        "WCXB: mean word-bag precision, recall and F1 per page (`wcxb/score.py`), newsclean's title "
        "and body. Zyte: the benchmark's shingle precision, recall and F1 (`extraction/score.py`), "
        "the body only. The line model's figures are cross-validated: 5 folds grouped by domain, "
        "each page judged by a model trained on the other four folds' dumps in all three "
        "layouts (a page's dumps in every layout are in its own fold). The models never learn "
        "from resiliparse's, lynx's, w3m's and trafilatura's dumps: their figures are those of "
        "scrapers the models have not seen. trafilatura's dump is its text output, the article "
        'it extracted; "the dump as it is" is trafilatura\'s own figure.\n\n'
        + _split_tables(summaries),
        "### Metadata from text dumps\n\nShare of the WCXB articles with a reference value where "
        "newsclean's value matches it (as in `bench/wcxb.py`), and the Zyte pages given a site name.\n\n"
        + meta_table(metas, sites),
    ]
    text = "\n\n".join(parts) + "\n"
    print(text)
    if args.save:
        args.save.write_text(
            json.dumps({"scores": summaries, "meta": metas, "sites": sites}, indent=1)
        )
    if args.update:
        update_section(args.update, "bench-text", text)


def _split_tables(summaries: dict[str, dict]) -> str:
    """One table per pair of runs (rules and model of a layout): readable widths."""
    names = list(summaries)
    groups: dict[str, dict] = defaultdict(dict)
    for name in names:
        layout = name.split(": ")[0] if ": " in name else ""
        groups[layout][name.split(": ")[-1]] = summaries[name]
    return "\n\n".join(
        (f"**{layout}**\n\n" if layout else "") + prf_table(runs) for layout, runs in groups.items()
    )


if __name__ == "__main__":
    main()
