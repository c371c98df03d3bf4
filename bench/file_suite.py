#!/usr/bin/env python3
"""Decode the file suite with newsclean, chardet and charset-normalizer, in one run.

Prints, per encoding, the share of files each tool decodes to exactly the expected text
(line ends normalised, as the benchmark's score.py does) and its speed in MB/s, then the
totals by size and tier; then the same for ../shared/bench/mojibake/files-dev.jsonl.

    python bench/make_file_suite.py            # once: writes bench/out/file-suite.jsonl
    python bench/file_suite.py                 # the tables
    python bench/file_suite.py --errors        # and the failures, by kind (chosen encoding)
    python bench/file_suite.py --suite tests/fixtures/file_suite/sample.jsonl --no-dev

chardet is used as a user would: ``chardet.detect(data)`` then ``data.decode(name,
errors="replace")``; charset-normalizer as ``str(from_bytes(data).best())``.
"""

from __future__ import annotations

import argparse
import base64
import codecs
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from mdtables import table  # noqa: E402  (bench/mdtables.py)

DEFAULT_SUITE = ROOT / "bench" / "out" / "file-suite.jsonl"

# A tool reads bytes and returns (text, the encoding it chose).
Tool = Callable[[bytes], "tuple[str, str]"]


def tools() -> dict[str, Tool]:
    import chardet

    import newsclean

    def newsclean_decode(data: bytes) -> tuple[str, str]:
        decoded = newsclean.decode(data)
        return decoded.text, decoded.encoding

    def chardet_decode(data: bytes) -> tuple[str, str]:
        name = chardet.detect(data)["encoding"] or "utf-8"
        try:
            return data.decode(name, errors="replace"), name
        except LookupError:
            return data.decode("utf-8", errors="replace"), f"{name} (unknown, read as utf-8)"

    found: dict[str, Tool] = {"newsclean": newsclean_decode, "chardet": chardet_decode}
    try:
        from charset_normalizer import from_bytes
    except ImportError as error:
        print(f"  skipped charset-normalizer: {error}", file=sys.stderr)
    else:

        def normalizer_decode(data: bytes) -> tuple[str, str]:
            best = from_bytes(data).best()
            if best is None:
                return data.decode("utf-8", errors="replace"), "none (read as utf-8)"
            return str(best), best.encoding

        found["charset-normalizer"] = normalizer_decode
    return found


def load(path: Path) -> list[dict]:
    """The file records of a suite; one clear line and exit status 1 if it is not one."""
    try:
        with path.open(encoding="utf-8") as handle:
            records = [json.loads(line) for line in handle if line.strip()]
        for record in records:
            missing = {"id", "encoding", "bytes_b64", "expected_text"} - set(record)
            if missing:
                raise KeyError(", ".join(sorted(missing)))
            base64.b64decode(record["bytes_b64"], validate=True)
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as error:
        raise SystemExit(
            f"file_suite: {path} is not a file suite (JSONL of id, encoding, bytes_b64, "
            f"expected_text): {type(error).__name__}: {error}"
        ) from None
    return records


def norm_nl(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


_FAMILY = {
    "utf-8-sig": "utf-8",
    "utf-16le-bom": "utf-16-le",
    "utf-16be-bom": "utf-16-be",
    "utf-16le": "utf-16-le",
    "utf-16be": "utf-16-be",
    "utf-16": "utf-16",
    "ascii": "ascii",
}


def canonical(name: str) -> str:
    """A codec name for comparing what a tool chose with the truth."""
    key = name.lower().split(" ")[0]
    if key in _FAMILY:
        return _FAMILY[key]
    try:
        return codecs.lookup(key).name
    except LookupError:
        return key


def evaluate(records: list[dict], suite_tools: dict[str, Tool]) -> dict:
    """Every tool on every file: {tool: [(ok, chosen, seconds), ...]} in record order."""
    blobs = [base64.b64decode(r["bytes_b64"]) for r in records]
    expected = [norm_nl(r["expected_text"]) for r in records]
    results = {}
    for name, func in suite_tools.items():
        for blob in blobs[:5]:
            func(blob)  # warm-up: imports and tables load outside the timing
        rows = []
        for blob, want in zip(blobs, expected):
            started = (
                time.process_time()
            )  # CPU time: other jobs on the machine slow every tool alike
            text, chosen = func(blob)
            seconds = time.process_time() - started
            rows.append((norm_nl(text) == want, chosen, seconds))
        results[name] = rows
        good = sum(ok for ok, _, _ in rows)
        print(f"  {name}: {good}/{len(rows)} exact", file=sys.stderr)
    return {"records": records, "sizes": [len(b) for b in blobs], "results": results}


def _pct(good: int, total: int) -> str:
    return f"{100 * good / total:.1f} %" if total else "–"


def _group_rows(
    evaluation: dict, key: Callable[[dict], str], order: list[str], speed: bool
) -> list[list]:
    records, sizes, results = evaluation["records"], evaluation["sizes"], evaluation["results"]
    names = list(results)
    groups: dict[str, list[int]] = defaultdict(list)
    for i, record in enumerate(records):
        groups[key(record)].append(i)
        groups["all"].append(i)
    rows = []
    for group in order + ["all"]:
        index = groups.get(group)
        if not index:
            continue
        good = {n: sum(results[n][i][0] for i in index) for n in names}
        row = [f"**{group}**" if group == "all" else group, len(index)]
        row += [_pct(good[n], len(index)) for n in names]
        if "chardet" in good:
            diff = good["newsclean"] - good["chardet"]
            row.append(f"{diff:+d}" if diff else "0")
        if speed:
            megabytes = sum(sizes[i] for i in index) / 1e6
            row += [
                f"{megabytes / max(sum(results[n][i][2] for i in index), 1e-9):.2f}" for n in names
            ]
        rows.append(row)
    return rows


def tables(evaluation: dict, title: str, by_size: bool = True) -> str:
    records = evaluation["records"]
    names = list(evaluation["results"])
    encodings = sorted({r["encoding"] for r in records}, key=lambda e: (e.startswith("utf"), e))
    header = ["encoding", "files"] + [f"{n} exact" for n in names]
    header += ["newsclean − chardet (files)"] if "chardet" in names else []
    header += [f"{n} MB/s" for n in names]
    megabytes = sum(evaluation["sizes"]) / 1e6
    parts = [
        f"{title}: {len(records)} files, {megabytes:.1f} MB, "
        f"{len({r['lang'] for r in records})} languages, {len(encodings)} encodings.\n",
        table(header, _group_rows(evaluation, lambda r: r["encoding"], encodings, True)),
    ]
    if by_size:
        kinds = sorted({_kind(r) for r in records}, key=_kind_order)
        header = ["size, tier", "files"] + [f"{n} exact" for n in names]
        header += ["newsclean − chardet (files)"] if "chardet" in names else []
        parts += ["", table(header, _group_rows(evaluation, _kind, kinds, False))]
    return "\n".join(parts)


def _kind(record: dict) -> str:
    size = record.get("size")
    return f"{size}, {record['tier']}" if size else record["tier"]


def _kind_order(kind: str) -> tuple:
    size = kind.split(",")[0]
    return ({"200B": 0, "2KB": 1, "20KB": 2}.get(size, 3), kind)


def failures(evaluation: dict, limit: int = 0) -> str:
    """Failures per tool, counted by kind: the encoding expected → the one chosen."""
    lines = []
    records = evaluation["records"]
    for name, rows in evaluation["results"].items():
        kinds: dict[str, list[str]] = defaultdict(list)
        for record, (ok, chosen, _) in zip(records, rows):
            if ok:
                continue
            truth = record["encoding"]
            same = canonical(chosen) == canonical(truth)
            if same or (canonical(truth) == "latin-1" and canonical(chosen) == "cp1252"):
                kind = f"{truth}: right encoding ({chosen}), text differs"
            else:
                kind = f"{truth} → {chosen}"
            kinds[kind].append(record["id"])
        total = sum(len(v) for v in kinds.values())
        lines.append(f"{name}: {total} of {len(rows)} files wrong")
        for kind, ids in sorted(kinds.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            shown = ids if not limit else ids[:limit]
            more = f" (+{len(ids) - len(shown)})" if len(ids) > len(shown) else ""
            lines.append(f"  {len(ids):4d}  {kind}: {', '.join(shown)}{more}")
    return "\n".join(lines)


def markdown(shared: Path, suite: Path = DEFAULT_SUITE) -> str:
    """The BENCHMARKS.md section: the suite per encoding and by size and tier, then files-dev
    per encoding, all tools measured in the same run."""
    if not suite.exists():
        import make_file_suite

        make_file_suite.write_suite(shared, suite)
    suite_tools = tools()
    own = evaluate(load(suite), suite_tools)
    text = (
        f"### File suite (own, {len(own['records'])} files)\n\n"
        "`python bench/make_file_suite.py && python bench/file_suite.py --errors`: real text (Debian "
        "translation catalogs, WCXB dev references) in its legacy encodings, UTF-8 and UTF-16, about 200 bytes, "
        "2 KB and 20 KB, plain and ascii-heavy, LF and CRLF. Exact = decoded to exactly the expected text (line "
        'ends normalised). chardet: `detect` then `decode(errors="replace")`. MB/s: CPU time of each call, '
        "summed, one core.\n\n" + tables(own, "Own file suite")
    )
    dev_path = shared / "bench" / "mojibake" / "files-dev.jsonl"
    if dev_path.exists():
        dev = evaluate(load(dev_path), suite_tools)
        text += "\n\nfiles-dev per encoding, same run:\n\n" + tables(
            dev, "files-dev.jsonl", by_size=False
        )
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--suite",
        type=Path,
        default=DEFAULT_SUITE,
        help="the suite's JSONL (default: bench/out/file-suite.jsonl, built if missing)",
    )
    parser.add_argument(
        "--shared",
        type=Path,
        default=ROOT.parent / "shared",
        help="the shared folder holding bench/ (default: ../shared)",
    )
    parser.add_argument("--no-dev", action="store_true", help="leave out files-dev.jsonl")
    parser.add_argument("--errors", action="store_true", help="list the failures by kind")
    parser.add_argument(
        "--limit", type=int, default=8, help="ids shown per kind of failure (0: all)"
    )
    args = parser.parse_args()
    if not args.suite.exists():
        if args.suite != DEFAULT_SUITE:
            sys.exit(f"file_suite: {args.suite} does not exist")
        import make_file_suite

        print(f"building {args.suite.relative_to(ROOT)} ...", file=sys.stderr)
        make_file_suite.write_suite(args.shared, args.suite)
    suite_tools = tools()
    print(f"{args.suite.name}:", file=sys.stderr)
    own = evaluate(load(args.suite), suite_tools)
    print(tables(own, f"Own file suite ({args.suite.name})"))
    if args.errors:
        print("\n" + failures(own, args.limit))
    dev_path = args.shared / "bench" / "mojibake" / "files-dev.jsonl"
    if args.no_dev:
        return
    if not dev_path.exists():
        print(f"\n(no files-dev.jsonl under {args.shared}: skipped)")
        return
    print("files-dev.jsonl:", file=sys.stderr)
    dev = evaluate(load(dev_path), suite_tools)
    print("\n" + tables(dev, "files-dev.jsonl", by_size=True))
    if args.errors:
        print("\n" + failures(dev, args.limit))


if __name__ == "__main__":
    main()
