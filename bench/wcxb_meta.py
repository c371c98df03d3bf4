#!/usr/bin/env python3
"""Metadata hit rates on the WCXB dev articles only, in under a minute (no cross-validation).

Runs ``newsclean.clean(html, input="html")`` with the shipped models on the 793 article
pages and scores title, author and date with ``bench/wcxb.py``'s own matching
(:func:`wcxb.meta_hit`), the figures of its metadata table. With ``--out``, one JSON line
per page (values found, references, hits) to list the misses by kind.

    python bench/wcxb_meta.py
    python bench/wcxb_meta.py --out bench/out/meta.jsonl
    python bench/wcxb_meta.py --text    # the html_text dumps (``scraped``), shipped line model
    python bench/wcxb_meta.py --layout inscriptis   # another tool's dumps (``bench/text_cv.py``'s)
"""

from __future__ import annotations

import argparse
import json
import sys
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from devdata import all_pages  # noqa: E402
from layouts import LAYOUTS, layout_texts, nice  # noqa: E402
from wcxb import META_FIELDS, meta_hit, meta_rates  # noqa: E402


def _one(job: tuple) -> tuple[str, dict]:
    import newsclean

    page, text = job
    if text is not None:
        doc = newsclean.clean(text, input="text")
    else:
        doc = newsclean.clean(page.html.encode("utf-8"), input="html")
    return page.key, {"title": doc.title, "author": doc.byline, "date": doc.date}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", type=Path, help="write one JSON line per page here")
    parser.add_argument("--text", action="store_true", help="read the text dumps, not the HTML")
    parser.add_argument(
        "--layout", choices=LAYOUTS, help="read the dumps of this tool (implies --text)"
    )
    args = parser.parse_args()
    if not (args.shared / "bench" / "wcxb").is_dir():
        parser.error(f"no WCXB data in {args.shared}/bench; pass --shared")
    pages = [
        p for p in all_pages(args.shared / "bench", sets=("wcxb",)) if p.page_type == "article"
    ]
    layout = args.layout or ("html_text" if args.text else None)
    texts = layout_texts(pages, layout, args.jobs) if layout else {}
    jobs = [(p, texts[p.key] if layout else None) for p in pages]
    with Pool(args.jobs, initializer=nice) as pool:
        outputs = dict(pool.map(_one, jobs, chunksize=8))
    for field, (hits, total) in meta_rates(pages, outputs).items():
        print(f"{field}: {100 * hits / total:.1f} % ({hits}/{total})")
    if args.out:
        with args.out.open("w", encoding="utf-8") as out:
            for page in pages:
                found = outputs[page.key]
                refs = {f: page.gold.get(key) for f, key in META_FIELDS.items()}
                hits = {f: meta_hit(f, found[f], r) if r else None for f, r in refs.items()}
                record = {"key": page.key, "found": found, "reference": refs, "hit": hits}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
