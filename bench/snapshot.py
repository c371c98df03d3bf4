#!/usr/bin/env python3
"""Save, or compare, newsclean's JSON output for every dev page in ../shared.

A change that should not alter behaviour (a refactor, a faster loader) is checked by
saving a snapshot before it and comparing after:

    python bench/snapshot.py save bench/out/before.jsonl.gz
    ... change the code ...
    python bench/snapshot.py compare bench/out/before.jsonl.gz

Every page is cleaned in process, as HTML (``page.html`` / ``html``) and as a text dump
(``scraped.txt`` / ``scraped``): the Zyte dev pages of ``bench/extraction`` and the WCXB
dev pages of ``bench/wcxb``. ``compare`` lists the documents whose output differs and
the fields that differ, and exits 1 if any does.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def documents(shared: Path) -> Iterator[tuple[str, Path, str]]:
    """``(key, path, field)`` for every dev input, in a fixed order."""
    for page in sorted((shared / "bench" / "extraction" / "dev").iterdir()):
        yield f"zyte/{page.name}/html", page / "page.html", ""
        yield f"zyte/{page.name}/text", page / "scraped.txt", ""
    for path in sorted((shared / "bench" / "wcxb" / "dev").glob("*.json.gz")):
        name = path.name.removesuffix(".json.gz")
        yield f"wcxb/{name}/html", path, "html"
        yield f"wcxb/{name}/text", path, "scraped"


def clean_one(item: tuple[str, Path, str]) -> str:
    import newsclean

    key, path, field = item
    if field:
        data = json.loads(gzip.decompress(path.read_bytes()))[field].encode("utf-8")
    else:
        data = path.read_bytes()
    try:
        output = newsclean.clean(data, source=key).to_dict()
    except Exception as error:  # a snapshot records failures too
        output = {"exception": f"{type(error).__name__}: {error}"}
    return json.dumps({"key": key, "output": output}, ensure_ascii=False, sort_keys=True)


def run(shared: Path, jobs: int) -> Iterator[str]:
    items = list(documents(shared))
    with multiprocessing.Pool(jobs) as pool:
        yield from pool.imap(clean_one, items, chunksize=8)


def save(path: Path, shared: Path, jobs: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for line in run(shared, jobs):
            out.write(line + "\n")
            count += 1
    print(f"saved {count} outputs to {path}")


def compare(path: Path, shared: Path, jobs: int, show: int) -> int:
    with gzip.open(path, "rt", encoding="utf-8") as saved_file:
        saved = {record["key"]: record["output"] for record in map(json.loads, saved_file)}
    differing = 0
    for line in run(shared, jobs):
        record = json.loads(line)
        before = saved.pop(record["key"], None)
        if before == record["output"]:
            continue
        differing += 1
        if differing <= show:
            fields = sorted(
                k
                for k in set(before or {}) | set(record["output"])
                if (before or {}).get(k) != record["output"].get(k)
            )
            print(f"{record['key']}: {', '.join(fields) if before is not None else 'new'}")
    for key in list(saved)[:show]:
        print(f"{key}: missing")
    differing += len(saved)
    print(f"{differing} document(s) differ")
    return 1 if differing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["save", "compare"])
    parser.add_argument("snapshot", type=Path)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--show", type=int, default=20, help="list at most this many differences")
    args = parser.parse_args()
    if not (args.shared / "bench").is_dir():
        parser.error(f"no benchmark data in {args.shared}; pass --shared")
    if args.action == "save":
        save(args.snapshot, args.shared, args.jobs)
        return 0
    return compare(args.snapshot, args.shared, args.jobs, args.show)


if __name__ == "__main__":
    sys.exit(main())
