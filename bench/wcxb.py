#!/usr/bin/env python3
"""HTML extraction on the modern web: WCXB dev (1,497 pages, seven page types) and Zyte dev (91).

One run measures, on the same pages and scored with each benchmark's own scorer
(WCXB: word-bag F1 per page, ``wcxb/score.py``'s ``prf`` and ``share``; Zyte: the
shingle metric of ``extraction/score.py``):

* newsclean on the page's HTML (its bytes: decoding and repair included), and on
  the text dump a scraper left of it (``scraped``);
* trafilatura ``extract(html)`` with its defaults, and resiliparse
  ``extract_plain_text(html, main_content=True)``;
* with ``--cv``, newsclean with the learned block model, **cross-validated**: the
  pages are split into 5 folds by domain (``bench/devdata.py``), a model is
  trained on four folds (``scripts/train_blocks.py``) and scores only the pages
  of the fifth, so no page is judged by a model that saw its site;
* metadata hit rates on the WCXB articles (title, author, date; see :func:`meta_hit`);
* speed: pages/s of each tool, in one process, on the same pages (CPU time after
  a warm-up pass).

    python bench/wcxb.py                         # everything, 2 processes
    python bench/wcxb.py --cv                    # plus the cross-validated block model
    python bench/wcxb.py --limit 200             # a quick look on every n-th page
    python bench/wcxb.py --update BENCHMARKS.md  # replace the bench-wcxb section

The baselines' outputs are cached under ``bench/out/cache/TOOL-VERSION/`` (they do
not change between runs); newsclean is always run afresh.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import sys
import time
import unicodedata
from collections import defaultdict
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from devdata import FOLDS, Page, all_pages, load_module  # noqa: E402
from layouts import nice, version  # noqa: E402
from mdtables import table, update_section  # noqa: E402

OUT = ROOT / "bench" / "out"
TYPES = ["article", "documentation", "service", "product", "forum", "collection", "listing"]


# ----------------------------------------------------------------- tools
#: Baselines: name -> (distribution whose version keys the cache, reads).
BASELINES = {"trafilatura": ("trafilatura", "html"), "resiliparse": ("resiliparse", "html")}


def run_tool(tool: str, page_input: str, model_path: str | None = None) -> dict:
    """One tool on one page: its text and metadata (title, author, date)."""
    if tool == "trafilatura":
        import trafilatura

        text = trafilatura.extract(page_input) or ""
        meta = trafilatura.extract_metadata(page_input)
        return {
            "text": text,
            "title": meta.title if meta else None,
            "author": meta.author if meta else None,
            "date": meta.date if meta else None,
        }
    if tool == "resiliparse":
        from resiliparse.extract.html2text import extract_plain_text

        return {"text": extract_plain_text(page_input, main_content=True) or ""}
    import newsclean

    if tool == "newsclean-text":
        doc = newsclean.clean(page_input, input="text")
    else:
        options = {}
        if model_path is not None:
            # Cross-validated: the fold's page-type model too (extraction follows the type).
            options["page_type_model"] = _typer(model_path)
        if tool == "newsclean-rules":
            options["block_model"] = False
        elif model_path is not None:
            options["block_model"] = _model(model_path)
        doc = newsclean.clean(page_input.encode("utf-8"), input="html", **options)
    return {
        "text": doc.text,
        "body": doc.body,
        "title": doc.title,
        "author": doc.byline,
        "date": doc.date,
        "page_type": doc.page_type,
        "page_type_confidence": doc.page_type_confidence,
    }


_MODELS: dict = {}


def _model(path: str):
    if path not in _MODELS:
        from newsclean.extract.blockmodel import BlockModel

        _MODELS[path] = BlockModel.load(path)
    return _MODELS[path]


def typer_path(model_path: str) -> Path:
    """The page-type model trained on the same folds as the block model at *model_path*."""
    path = Path(model_path)
    return path.with_name(f"pagetype-{path.name}")


def _typer(path: str):
    key = ("pagetype", path)
    if key not in _MODELS:
        from newsclean.extract.html.pagetype import PageTypeModel

        _MODELS[key] = PageTypeModel.load(typer_path(path))
    return _MODELS[key]


def _task(args: tuple) -> tuple[str, str, dict]:
    tool, key, page_input, model_path = args
    return tool, key, run_tool(tool, page_input, model_path)


def run_all(
    pages: list[Page], tools: list[str], jobs: int, models: dict[int, str] | None = None
) -> dict:
    """Outputs of every tool on every page: {tool: {page key: output}}."""
    results: dict[str, dict[str, dict]] = {tool: {} for tool in tools}
    tasks = []
    for tool in tools:
        cache = None
        if tool in BASELINES:
            dist, _ = BASELINES[tool]
            cache = OUT / "cache" / f"{tool}-{version(dist)}"
        for page in pages:
            if cache is not None:
                file = cache / page.set / f"{page.id}.json"
                if file.exists():
                    results[tool][page.key] = json.loads(file.read_text(encoding="utf-8"))
                    continue
            cv = models is not None and tool in ("newsclean+model", "newsclean-rules")
            model_path = models[page.fold] if cv else None
            page_input = page.scraped if tool == "newsclean-text" else page.html
            tasks.append((tool, page.key, page_input, model_path))
    if tasks:
        print(f"  running {len(tasks)} tool-page pairs on {jobs} process(es)", file=sys.stderr)
        with Pool(jobs, initializer=nice) as pool:
            for tool, key, output in pool.imap_unordered(_task, tasks, chunksize=4):
                results[tool][key] = output
                if tool in BASELINES:
                    dist, _ = BASELINES[tool]
                    file = OUT / "cache" / f"{tool}-{version(dist)}" / key.replace("/", os.sep)
                    file = file.with_name(file.name + ".json")
                    file.parent.mkdir(parents=True, exist_ok=True)
                    file.write_text(json.dumps(output, ensure_ascii=False), encoding="utf-8")
    return results


# ----------------------------------------------------------------- scoring
class Scorers:
    def __init__(self, bench: Path) -> None:
        self.wcxb = load_module(bench / "wcxb" / "score.py", "wcxb_score")
        self.zyte = load_module(bench / "extraction" / "score.py", "zyte_score")

    def page(self, page: Page, output: dict) -> dict:
        """The benchmark's own figures for one page."""
        if page.set == "zyte":
            # The Zyte gold is the article body, without its headline.
            text = output.get("body", output["text"])
            row = self.zyte.score_page(page.folder, "text", text)
            return row
        text = output["text"]
        P, R, F = self.wcxb.prf(text, page.gold["main_content"])
        return {
            "precision": P,
            "recall": R,
            "f1": F,
            "with": self.wcxb.share(text, page.gold["with"]),
            "without": self.wcxb.share(text, page.gold["without"]),
        }

    def summary(self, pages: list[Page], outputs: dict[str, dict]) -> dict[str, dict]:
        """Per group (page types, ``all`` WCXB pages, ``zyte``): the benchmark's aggregate."""
        rows: dict[str, list[dict]] = defaultdict(list)
        for page in pages:
            output = outputs.get(page.key)
            if output is None:
                continue
            row = self.page(page, output)
            if page.set == "zyte":
                rows["zyte"].append(row)
            else:
                rows["all"].append(row)
                rows[page.page_type].append(row)
        result = {}
        for group, rs in rows.items():
            if group == "zyte":
                agg = self.zyte.aggregate_shingles(rs)
                result[group] = {
                    "n": len(rs),
                    "f1": agg["f1"],
                    "precision": agg["precision"],
                    "recall": agg["recall"],
                }
            else:
                result[group] = {
                    "n": len(rs),
                    **{
                        k: _mean(r[k] for r in rs)
                        for k in ("f1", "precision", "recall", "with", "without")
                    },
                }
        return result


def _mean(values) -> float:
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else 0.0


def write_pages(path: Path, pages: list[Page], scorers: Scorers, outputs: dict, tool: str) -> None:
    """One JSON line per page with *tool*'s figures and page type: failures to sort by kind."""
    with path.open("w", encoding="utf-8") as out:
        for page in pages:
            output = outputs[tool].get(page.key)
            if output is None:
                continue
            row = {"key": page.key, "type": page.page_type, "fold": page.fold}
            row.update({k: output.get(k) for k in ("page_type", "page_type_confidence", "title")})
            row.update(scorers.page(page, output))
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


# ----------------------------------------------------------------- metadata
def normal(value: str | None) -> str:
    """Lower-case NFKC words joined by single spaces: the form metadata is compared in.

    >>> normal("  Devindra  HARDAWAR, ")
    'devindra hardawar'
    """
    if not value:
        return ""
    return " ".join(re.findall(r"\w+", unicodedata.normalize("NFKC", value).casefold()))


_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def meta_hit(field: str, found: str | None, reference: str) -> bool:
    """Whether a tool's metadata value matches the reference's.

    Title and author: after :func:`normal`, one contains the other and the shorter
    is at least half as long as the longer (so "Headline | Site" matches
    "Headline", but a slug "devindra" does not match "Devindra Hardawar"). Date: the
    same calendar day (the first ``YYYY-MM-DD`` in each value).

    >>> meta_hit("title", "Big news | The Daily", "Big News"), meta_hit("author", "devindra", "Devindra Hardawar")
    (True, False)
    >>> meta_hit("date", "2025-09-04T10:00:00Z", "2025-09-04")
    True
    """
    if field == "date":
        a, b = _ISO_DAY.search(found or ""), _ISO_DAY.search(reference or "")
        return bool(a and b and a.groups() == b.groups())
    a, b = normal(found), normal(reference)
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    return short in long and 2 * len(short) >= len(long)


META_FIELDS = {"title": "title", "author": "author", "date": "publish_date"}


def meta_rates(pages: list[Page], outputs: dict[str, dict]) -> dict[str, tuple[int, int]]:
    """On WCXB articles with a reference value: (hits, pages) per field."""
    rates = {}
    for field, ref_key in META_FIELDS.items():
        hits = total = 0
        for page in pages:
            if page.set != "wcxb" or page.page_type != "article" or not page.gold.get(ref_key):
                continue
            output = outputs.get(page.key)
            if output is None:
                continue
            total += 1
            hits += meta_hit(field, output.get(field), page.gold[ref_key])
        rates[field] = (hits, total)
    return rates


# ----------------------------------------------------------------- speed
def speed(
    pages: list[Page], tools: list[str], models: dict[int, str] | None
) -> tuple[dict[str, float], int]:
    """Pages/s of each tool in this process (CPU time), on every 8th WCXB page and all Zyte pages.

    After a warm-up pass, the tools take turns page by page (each on a different
    page in a turn), so a change in the machine's load weighs on all of them alike. trafilatura's figure is
    ``extract`` alone (its metadata is not timed), as newsclean's includes
    decoding, repair and metadata.
    """
    import trafilatura

    sample = [p for i, p in enumerate(pages) if p.set == "zyte" or i % 8 == 0]
    model_path = models[0] if models else None
    calls = {}
    for tool in tools:
        if tool == "trafilatura":
            calls[tool] = trafilatura.extract
        else:
            calls[tool] = (lambda tool: lambda page_input: run_tool(tool, page_input, model_path))(
                tool
            )
    inputs = {
        tool: [p.scraped if tool == "newsclean-text" else p.html for p in sample] for tool in tools
    }
    for tool in tools:
        for page_input in inputs[tool][:20]:
            calls[tool](page_input)
    spent = dict.fromkeys(tools, 0.0)
    clock = time.process_time
    count = len(sample)
    stride = count // max(1, len(tools))
    for index in range(count):
        # Each tool on another page in the same turn: one tool's caches (parsed
        # names, short lines' features) do not warm up the next one's page.
        for k, tool in enumerate(tools):
            page_input = inputs[tool][(index + k * stride) % count]
            started = clock()
            calls[tool](page_input)
            spent[tool] += clock() - started
    result = {tool: len(sample) / max(1e-9, spent[tool]) for tool in tools}
    for tool in tools:
        print(f"  speed {tool}: {result[tool]:.0f} pages/s", file=sys.stderr)
    return result, len(sample)


# ----------------------------------------------------------------- cross-validated model
def cv_models(pages: list[Page], jobs: int) -> dict[int, str]:
    """Train one block model and one page-type model per fold on the other folds' pages;
    {fold: block model file} (the page-type model beside it: :func:`typer_path`)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_blocks
    import train_pagetype

    from newsclean.extract.html.pagetype import PageTypeModel

    # Page types first: extraction follows the type, so the block model's rows of a page
    # are those of the reading its fold's page-type model chooses.
    typed = train_pagetype.collect(pages, jobs)
    for fold in range(FOLDS):
        typer = train_pagetype.train([r for r in typed if r[2] != fold])
        path = OUT / "cv" / f"pagetype-fold-{fold}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(typer), encoding="utf-8")
        train_blocks.TYPERS[fold] = PageTypeModel(typer)
    rows = train_blocks.collect(pages, jobs, train_blocks.typed_rows)
    models = {}
    for fold in range(FOLDS):
        path = OUT / "cv" / f"fold-{fold}.json"
        train = [r for r in rows if r.fold != fold]
        model = train_blocks.train(train)
        path.write_text(json.dumps(model), encoding="utf-8")
        models[fold] = str(path)
        print(f"  fold {fold}: trained on {len(train)} pages", file=sys.stderr)
    return models


# ----------------------------------------------------------------- report
LABELS = {
    "newsclean-html": "newsclean (HTML)",
    "newsclean-rules": "newsclean, rules only (HTML)",
    "newsclean+model": "newsclean + block model (HTML, CV)",
    "newsclean-text": "newsclean (text dump, shipped line model)",
    "trafilatura": "trafilatura",
    "resiliparse": "resiliparse",
}


def report(pages, tools, scores, metas, speeds, sample_size, command, cv_size: int = 0) -> str:
    groups = [
        "article",
        "documentation",
        "service",
        "product",
        "forum",
        "collection",
        "listing",
        "all",
        "zyte",
    ]
    counts = {g: scores[tools[0]].get(g, {}).get("n", 0) for g in groups}
    header = ["page type", "pages"] + [LABELS[t] for t in tools]
    rows = []
    for group in groups:
        if not counts[group]:
            continue
        values = [scores[t].get(group, {}).get("f1") for t in tools]
        best = max((v for v in values if v is not None), default=None)
        cells = [
            ("**%.3f**" if v == best else "%.3f") % v if v is not None else "–" for v in values
        ]
        name = {"all": "WCXB all", "zyte": "Zyte dev (shingle F1)"}.get(group, group)
        rows.append([name, f"{counts[group]:,}"] + cells)
    detail = []
    for tool in tools:
        s = scores[tool].get("all")
        if s:
            detail.append(
                [
                    LABELS[tool],
                    f"{s['precision']:.3f}",
                    f"{s['recall']:.3f}",
                    f"{s['f1']:.3f}",
                    f"{s['with']:.1%}",
                    f"{s['without']:.1%}",
                ]
            )
    meta_rows = []
    for tool in tools:
        if tool not in metas or tool == "resiliparse":
            continue
        cells = [f"{100 * h / n:.1f} % ({h}/{n})" if n else "–" for h, n in metas[tool].values()]
        meta_rows.append([LABELS[tool]] + cells)
    parts = [
        f"Generated {datetime.date.today().isoformat()} by `{command}` on {platform.machine()} Python "
        f"{platform.python_version()} ("
        + ", ".join(
            f"{d} {version(d)}"
            for d in ("newsclean", "trafilatura", "resiliparse", "selectolax")
            if version(d)
        )
        + ").",
        "### Word F1 per page type (WCXB dev; Zyte dev with its shingle metric)\n\n"
        "WCXB: mean word-bag F1 per page (`wcxb/score.py`); newsclean's text is its title and "
        "body. Zyte: the benchmark's F1 of mean precision and recall over 4-word shingles "
        "(`extraction/score.py`), newsclean's body only, as the gold has no headline."
        + (
            " The block model's figures are cross-validated: 5 folds grouped by domain, each page "
            "judged by a model trained on the other four folds only (WCXB and Zyte pages together; "
            f"model files of {cv_size / 1024:.0f} KB)."
            if cv_size
            else ""
        )
        + " The text-dump column uses the shipped line model, which was trained on these "
        "pages: it overstates; its cross-validated figures are in the text section "
        "(`bench/text_cv.py`)." + "\n\n" + table(header, rows),
        "### WCXB all: precision, recall and snippets\n\n`with`: share of must-have snippets found; "
        "`without`: share of boilerplate snippets leaked.\n\n"
        + table(["tool", "precision", "recall", "F1", "with", "without"], detail),
    ]
    if meta_rows:
        parts.append(
            "### Metadata on the WCXB articles\n\nShare of the articles with a reference value where the "
            "tool's value matches it: title and author after lower-casing, NFKC and keeping only word "
            "characters, one containing the other and the shorter at least half the longer; date on "
            "the same day. trafilatura's metadata is `extract_metadata(html)`.\n\n"
            + table(["tool", "title", "author", "date"], meta_rows)
        )
    if speeds:
        base = speeds.get("trafilatura")
        speed_rows = [
            [LABELS[t], f"{v:,.0f}"] + ([f"{v / base:.1f}×"] if base else [])
            for t, v in speeds.items()
        ]
        parts.append(
            f"### Speed ({sample_size} pages: every 8th WCXB page and the Zyte pages)\n\n"
            "CPU time of one process after a warm-up pass, the tools taking turns page by page; "
            "newsclean reads the page's bytes (decoding, repair and metadata included), the others "
            "its text; trafilatura's figure is `extract` alone. The block model's row uses one fold's "
            "model (the same size as the shipped one).\n\n"
            + table(["tool", "pages/s"] + (["vs trafilatura"] if base else []), speed_rows)
        )
    return "\n\n".join(parts) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--jobs", type=int, default=2, help="processes (default 2)")
    parser.add_argument("--limit", type=int, default=0, help="every n-th page, about this many")
    parser.add_argument(
        "--cv", action="store_true", help="add the cross-validated block model (needs .[train])"
    )
    parser.add_argument("--no-speed", action="store_true", help="skip the speed section")
    parser.add_argument("--save", type=Path, help="write the per-tool summaries as JSON here")
    parser.add_argument(
        "--pages", type=Path, help="write newsclean's figures per page as JSON lines here"
    )
    parser.add_argument(
        "--update",
        type=Path,
        metavar="FILE",
        help="replace the text between <!-- bench-wcxb:start --> and <!-- bench-wcxb:end -->",
    )
    args = parser.parse_args()
    bench = args.shared / "bench"
    if not (bench / "wcxb" / "dev").is_dir():
        sys.exit(f"wcxb: no WCXB dev pages at {bench / 'wcxb' / 'dev'} (pass --shared DIR)")
    if args.cv:
        try:
            import lightgbm  # noqa: F401
            import numpy  # noqa: F401
        except ImportError as error:
            sys.exit(
                f"wcxb: --cv trains models and needs the train extra (pip install -e '.[train]'): {error}"
            )
    nice()
    pages = all_pages(bench, limit=args.limit)
    print(f"{len(pages)} pages", file=sys.stderr)
    tools = ["newsclean-html", "newsclean-text"]
    models = None
    if args.cv:
        models = cv_models(pages, args.jobs)
        tools = ["newsclean-rules", "newsclean+model", "newsclean-text"]
    tools += [t for t in BASELINES if version(BASELINES[t][0])]
    outputs = run_all(pages, tools, args.jobs, models)
    scorers = Scorers(args.shared / "bench")
    scores = {tool: scorers.summary(pages, outputs[tool]) for tool in tools}
    metas = {tool: meta_rates(pages, outputs[tool]) for tool in tools if tool != "newsclean-text"}
    for tool in tools:
        print(
            f"  {tool}: "
            + ", ".join(f"{g} {s['f1']:.3f}" for g, s in sorted(scores[tool].items())),
            file=sys.stderr,
        )
    speeds, sample_size = (
        ({}, 0)
        if args.no_speed
        else speed(pages, [t for t in tools if t != "newsclean-text"], models)
    )
    command = (
        "python bench/wcxb.py"
        + (" --cv" if args.cv else "")
        + (f" --limit {args.limit}" if args.limit else "")
    )
    cv_size = Path(models[0]).stat().st_size if models else 0
    text = report(pages, tools, scores, metas, speeds, sample_size, command, cv_size)
    print(text)
    if args.save:
        args.save.write_text(
            json.dumps({"scores": scores, "meta": metas, "speed": speeds}, indent=1)
        )
    if args.pages:
        write_pages(args.pages, pages, scorers, outputs, tools[1] if args.cv else tools[0])
    if args.update:
        update_section(args.update, "bench-wcxb", text)


if __name__ == "__main__":
    main()
