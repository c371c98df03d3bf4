#!/usr/bin/env python3
"""Where the text reading of the WCXB dev pages loses and adds words, by kind of verdict.

Each page's ``scraped`` dump (or, with ``--layout``, its dump by another tool,
``bench/layouts.py``) is cleaned with its fold's line model and text page-type
model, as the last ``bench/text_cv.py`` run left them in ``bench/out/cv-lines`` (so every
page is read by models that never saw its domain). The reference's words (a bag of
lower-case ``\\w+`` tokens, as WCXB scores) are matched to the kept lines first, in page
order: a kept line's words left unmatched are *extra*, counted under the verdict that kept
it (``kept:body``, ``kept:between-prose``, ``kept:model``, ``kept:title`` …); the
reference's words no kept line has are *lost*, matched to the dropped lines and counted
under the reason that dropped them (``outside:before`` / ``outside:after`` the region,
``short:context``, ``model``, or ``REASON:RULE`` for a named rule).

Each page counts the same, as in WCXB's mean F1: besides the words, the table gives the
summed share of each page's reference lost (recall) and of its kept words extra
(precision), in pages' worth.

    python bench/text_cv.py                       # first: the fold models
    python bench/text_losses.py                   # articles, by kind
    python bench/text_losses.py --types all --save bench/out/losses.json
    python bench/text_losses.py --layout html2text  # the pages as html2text dumps them
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))
from devdata import all_pages  # noqa: E402
from layouts import LAYOUTS, UNSEEN, layout_texts, require  # noqa: E402

TOK = re.compile(r"\w+")
CV = ROOT / "bench" / "out" / "cv-lines"
_SCORE = re.compile(r"line model score (\d\.\d\d)")
_MODELS: dict = {}


def kind(keep: bool, role: str, reason: str, rule: str, evidence: str) -> str:
    """The kind of a verdict, as the table counts it."""
    if keep:
        if role == "title":
            return "kept:title"
        if rule == "model":
            return "kept:model"
        if "between prose" in evidence:
            return "kept:between-prose"
        return f"kept:{rule or role}"
    if reason == "outside-article":
        return "outside:" + ("before" if "before the article region" in evidence else "after")
    if reason == "short":
        return f"short:{rule}"
    if reason == "model":
        return "model"
    return f"{reason}:{rule}"


def _task(args: tuple[str, str, int, str]) -> tuple[str, dict]:
    import newsclean
    from newsclean.extract.html.pagetype import PageTypeModel
    from newsclean.extract.linemodel import LineModel
    from newsclean.extract.texttype import FEATURES

    key, text, fold, reference = args
    if fold not in _MODELS:
        _MODELS[fold] = (
            LineModel.load(str(CV / f"fold-{fold}.json")),
            PageTypeModel.load(str(CV / f"pagetype-text-fold-{fold}.json"), FEATURES),
        )
    model, typer = _MODELS[fold]
    doc = newsclean.clean(text, input="text", line_model=model, page_type_model=typer)
    remaining = Counter(TOK.findall(reference.lower()))
    total = sum(remaining.values())
    decisions = [d for d in doc.decisions if d.role != "blank"]
    kept = [d for d in decisions if d.keep and d.role in ("title", "body")]
    kept_ids = {id(d) for d in kept}
    rows = []
    # (kept lines first: a word the article keeps somewhere is not lost where it is dropped)
    for d in kept + [d for d in decisions if id(d) not in kept_ids]:
        tokens = TOK.findall(d.text.lower())
        matched = 0
        for token in tokens:
            if remaining[token] > 0:
                remaining[token] -= 1
                matched += 1
        score = _SCORE.search(d.evidence)
        rows.append(
            (
                kind(d.keep, d.role, d.reason, d.rule, d.evidence),
                d.line,
                d.text,
                0 if id(d) in kept_ids else matched,
                len(tokens) - matched if id(d) in kept_ids else 0,
                len(tokens),
                float(score.group(1)) if score else -1.0,
            )
        )
    return key, {"rows": rows, "reference": total, "title": doc.title, "type": doc.page_type}


def table(out: dict[str, dict]) -> str:
    lost: Counter = Counter()
    extra: Counter = Counter()
    lines: Counter = Counter()
    recall: Counter = Counter()
    precision: Counter = Counter()
    for page in out.values():
        kept = sum(row[5] for row in page["rows"] if row[0].startswith("kept:")) or 1
        for name, _, _, lo, ex, _, _ in page["rows"]:
            lost[name] += lo
            extra[name] += ex
            lines[name] += 1
            recall[name] += lo / (page["reference"] or 1)
            precision[name] += ex / kept
    rows = [
        f"{len(out)} pages; recall and precision lost in pages' worth",
        f"{'kind':34s} {'lost':>8s} {'R-':>7s} {'extra':>8s} {'P-':>7s} {'lines':>7s}",
    ]
    for name in sorted(lines, key=lambda k: -(recall[k] + precision[k])):
        rows.append(
            f"{name:34s} {lost[name]:8d} {recall[name]:7.2f} {extra[name]:8d} "
            f"{precision[name]:7.2f} {lines[name]:7d}"
        )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--jobs", type=int, default=2, help="processes (default 2)")
    parser.add_argument("--types", default="article", help="page types, comma-separated, or all")
    parser.add_argument("--save", type=Path, help="write every page's rows as JSON here")
    parser.add_argument("--layout", default="html_text", choices=LAYOUTS + UNSEEN)
    args = parser.parse_args()
    require([args.layout], "text_losses")
    if not (CV / "fold-0.json").exists():
        sys.exit(f"text_losses: no fold models in {CV} (run bench/text_cv.py first)")
    types = set(args.types.split(","))
    pages = [
        p
        for p in all_pages(args.shared / "bench", sets=("wcxb",))
        if "all" in types or p.page_type in types
    ]
    texts = layout_texts(pages, args.layout, args.jobs)
    tasks = [(p.key, texts[p.key], p.fold, p.gold["main_content"]) for p in pages]
    with Pool(args.jobs) as pool:
        out = dict(pool.imap_unordered(_task, tasks, chunksize=8))
    if args.save:
        args.save.write_text(json.dumps(out), encoding="utf-8")
    print(table(out))


if __name__ == "__main__":
    main()
