#!/usr/bin/env python3
"""newsclean's benchmark: quality and speed next to the tools a user would pick instead.

Runs every tool in one process, on the dev data in ``../shared/bench`` (or --shared),
scores with the benchmark's own scorers, and prints Markdown tables. With
``--update BENCHMARKS.md`` the tables replace the part of that file between
``<!-- bench:start -->`` and ``<!-- bench:end -->`` (the own suites: between
``<!-- bench-suites:start -->`` and ``<!-- bench-suites:end -->``).

    python bench/run.py                      # everything available
    python bench/run.py --only extraction    # one section: extraction, html, mojibake, files,
                                             # realtext, filesuite, mojisuite (the own suites)
    python bench/run.py --update BENCHMARKS.md

Baselines that are not installed are skipped with a note (``pip install -e '.[bench]'``).
Speed is measured in-process on one core, inputs already in memory, after one
warm-up call, as the best of --repeat runs.
"""

from __future__ import annotations

import argparse
import base64
import datetime
import json
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from mdtables import table, update_section  # noqa: E402  (bench/mdtables.py)


# ----------------------------------------------------------------- helpers
def best_time(
    func: Callable[[], object], repeat: int, clock: Callable[[], float] = time.perf_counter
) -> float:
    func()  # warm-up: imports and tables load outside the timing
    times = []
    for _ in range(repeat):
        started = clock()
        func()
        times.append(clock() - started)
    return min(times)


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f} %" if b else "–"


def optional(name: str, loader: Callable[[], Callable]) -> Callable | None:
    try:
        return loader()
    except ImportError as error:
        print(f"  skipped {name}: {error}", file=sys.stderr)
        return None


# ----------------------------------------------------------------- extraction
def extraction_tools(bench: Path) -> dict[str, tuple[str, Callable[[str], str]]]:
    import newsclean

    sys.path.insert(0, str(bench / "extraction"))
    import baselines  # the benchmark's own C4 rules and HTML adapters

    def newsclean_body(favor: str) -> Callable[[str], str]:
        return lambda text: newsclean.clean(text, favor=favor).body

    tools = {
        "newsclean": ("scraped", newsclean_body("balanced")),
        "newsclean --favor precision": ("scraped", newsclean_body("precision")),
        "newsclean --favor recall": ("scraped", newsclean_body("recall")),
        "keep everything": ("scraped", lambda text: text),
        "C4 line rules": ("scraped", baselines.c4_line_filter),
    }
    justext_lines = optional(
        "jusText",
        lambda: (
            __import__("justext"),
            lambda t: baselines.justext_text(baselines.lines_to_html(t)),
        )[1],
    )
    if justext_lines:
        tools["jusText on the lines"] = ("scraped", justext_lines)
    return tools


def run_extraction(bench: Path, repeat: int) -> str:
    data_dir = bench / "extraction" / "dev"
    pages = sorted(p for p in data_dir.iterdir() if (p / "gold.txt").exists())
    inputs = {
        p.name: {
            "scraped": (p / "scraped.txt").read_text(encoding="utf-8"),
            "html": (p / "page.html").read_text(encoding="utf-8"),
        }
        for p in pages
    }
    rows = []
    for name, (kind, func) in extraction_tools(bench).items():
        with tempfile.TemporaryDirectory() as pred_dir:
            outputs = {pid: func(page[kind]) for pid, page in inputs.items()}
            for pid, text in outputs.items():
                Path(pred_dir, f"{pid}.txt").write_text(text, encoding="utf-8")
            summary = score_extraction(bench, data_dir, pred_dir)
        seconds = best_time(
            lambda: [func(page[kind]) for page in inputs.values()],
            repeat if name.startswith("newsclean") or kind == "scraped" else 1,
        )
        rows.append(
            [
                name,
                kind,
                f"{summary['precision']:.3f}",
                f"{summary['recall']:.3f}",
                f"**{summary['f1']:.3f}**",
                f"{summary['accuracy']:.3f}",
                f"{len(inputs) / seconds:,.0f}",
            ]
        )
        print(f"  {name}: F1 {summary['f1']:.3f}", file=sys.stderr)
    return (
        f"### Article body from scraped text ({len(inputs)} dev pages)\n\n"
        "newsclean uses its shipped line model, which was trained on these pages among "
        "others, so its figure here overstates: the cross-validated one is in the text "
        "section (`bench/text_cv.py`).\n\n"
        + table(["tool", "input", "precision", "recall", "F1", "exact", "pages/s"], rows)
    )


# ----------------------------------------------------------------- html
def html_tools(bench: Path) -> dict[str, tuple[str, Callable]]:
    """Article extractors that read a page's HTML: (input kind, function)."""
    import newsclean

    sys.path.insert(0, str(bench / "extraction"))
    import baselines  # the benchmark's own adapters

    tools: dict[str, tuple[str, Callable]] = {
        # The whole of newsclean.clean on the page's bytes: decoding, repair, extraction.
        "newsclean": ("bytes", lambda data: newsclean.clean(data).body),
        "newsclean --favor precision": (
            "bytes",
            lambda data: newsclean.clean(data, favor="precision").body,
        ),
    }
    for name, module, func in (
        ("trafilatura", "trafilatura", baselines.trafilatura_text),
        (
            "trafilatura favor_precision",
            "trafilatura",
            lambda page: baselines.trafilatura_text(page, favor_precision=True),
        ),
        ("readability-lxml", "readability", baselines.readability_text),
        ("jusText", "justext", baselines.justext_text),
    ):
        if optional(name, lambda: __import__(module)):
            tools[name] = ("html", func)
    return tools


def run_html(bench: Path, repeat: int) -> str:
    data_dir = bench / "extraction" / "dev"
    pages = sorted(p for p in data_dir.iterdir() if (p / "gold.txt").exists())
    inputs = {
        p.name: {
            "bytes": (p / "page.html").read_bytes(),
            "html": (p / "page.html").read_text(encoding="utf-8"),
        }
        for p in pages
    }
    rows = []
    speeds: dict[str, float] = {}
    for name, (kind, func) in html_tools(bench).items():
        with tempfile.TemporaryDirectory() as pred_dir:
            for pid, page in inputs.items():
                Path(pred_dir, f"{pid}.txt").write_text(func(page[kind]), encoding="utf-8")
            summary = score_extraction(bench, data_dir, pred_dir)
        # CPU time of this process: other jobs on a shared machine slow every tool alike.
        seconds = best_time(
            lambda: [func(page[kind]) for page in inputs.values()], repeat, time.process_time
        )
        speeds[name] = len(inputs) / seconds
        rows.append(
            [
                name,
                f"{summary['precision']:.3f}",
                f"{summary['recall']:.3f}",
                f"**{summary['f1']:.3f}**",
                f"{summary['page_f1']:.3f}",
                f"{summary['accuracy']:.3f}",
                f"{speeds[name]:,.0f}",
            ]
        )
        print(f"  {name}: F1 {summary['f1']:.3f}, {speeds[name]:,.0f} pages/s", file=sys.stderr)
    if "trafilatura" in speeds:
        for row in rows:
            row.append(f"{speeds[row[0]] / speeds['trafilatura']:.1f}×")
    header = ["tool", "precision", "recall", "F1", "page F1", "exact", "pages/s"]
    header += ["vs trafilatura"] if "trafilatura" in speeds else []
    return (
        f"### Article body from the page's HTML ({len(inputs)} dev pages)\n\n"
        "newsclean reads the page's bytes (decoding and repair included); the others read the "
        "decoded HTML. Speed: CPU time of one process, best of the timing runs after a warm-up "
        "pass (caches warm, as in a batch of pages).\n\n" + table(header, rows)
    )


def score_extraction(bench: Path, data_dir: Path, pred_dir: str) -> dict:
    proc = subprocess.run(
        [
            sys.executable,
            str(bench / "extraction" / "score.py"),
            str(data_dir),
            "--pred",
            pred_dir,
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proc.stdout)["summary"]


# ----------------------------------------------------------------- mojibake cases
CATEGORY_ORDER = [
    "utf8-as-cp1252",
    "utf8-as-latin1",
    "utf8-double",
    "legacy-as-latin1",
    "legacy-as-cp1252",
    "legacy-double",
    "legacy-utf8fallback",
    "utf8-as-legacy",
    "lossy",
    "embedded",
    "ftfy-in-the-wild",
    "ftfy-synthetic",
    "ftfy-language-names",
    "ftfy-negative",
    "ftfy-known-failures",
    "clean",
]


def repair_tools() -> dict[str, Callable[[str], str]]:
    import ftfy

    import newsclean

    return {
        "newsclean": lambda text: newsclean.repair(text).text,
        "ftfy.fix_encoding": ftfy.fix_encoding,
        "ftfy.fix_text": ftfy.fix_text,
    }


def run_mojibake(bench: Path, repeat: int) -> str:
    cases = [
        json.loads(line) for line in (bench / "mojibake" / "cases-dev.jsonl").open(encoding="utf-8")
    ]
    tools = repair_tools()
    stats: dict[str, dict[str, list[int]]] = {}
    speed_rows = []
    clean_inputs = [c["input"] for c in cases if c["input"] == c["expected"]]
    clean_category = [c["input"] for c in cases if c["category"] == "clean"]
    broken_inputs = [c["input"] for c in cases if c["input"] != c["expected"]]
    for name, func in tools.items():
        per = stats[name] = {}
        for case in cases:
            out = func(case["input"])
            broken = case["input"] != case["expected"]
            kind = "broken" if broken else "clean"
            groups = {f"{case['category']} ({kind})", f"all ({kind})"}
            if not case["category"].startswith("ftfy"):
                groups.add(f"all (generated, {kind})")
            for group in groups:
                good, total = per.get(group, [0, 0])
                ok = (out == case["expected"]) if broken else (out != case["input"])
                per[group] = [good + ok, total + 1]
        category_s = best_time(lambda: [func(t) for t in clean_category], repeat)
        clean_s = best_time(lambda: [func(t) for t in clean_inputs], repeat)
        broken_s = best_time(lambda: [func(t) for t in broken_inputs], repeat)
        speed_rows.append(
            [
                name,
                f"{len(clean_category) / category_s:,.0f}",
                f"{len(clean_inputs) / clean_s:,.0f}",
                f"{len(broken_inputs) / broken_s:,.0f}",
            ]
        )
        print(f"  {name}: {pct(*per['all (broken)'])} repaired", file=sys.stderr)
    names = list(tools)
    order = ["all (broken)", "all (generated, broken)", "all (clean)", "all (generated, clean)"] + [
        f"{c} ({kind})" for c in CATEGORY_ORDER for kind in ("broken", "clean")
    ]
    rows = []
    for group in order:
        if group not in stats[names[0]]:
            continue
        n = stats[names[0]][group][1]
        what = "repaired" if "broken" in group else "changed (false positive)"
        rows.append([group, n, what] + [pct(*stats[name][group]) for name in names])
    return (
        f"### Mojibake repair ({len(cases):,} dev cases)\n\n"
        "A broken case counts when the output equals the expected text exactly; a clean case "
        "counts as a false positive when the output differs from the input.\n\n"
        + table(["category", "cases", "measure"] + names, rows)
        + "\n\nSpeed (cases/s, one core, best of the timing runs; the 49 clean lines of ftfy's own tests are unusual text "
        "that reaches the full search):\n\n"
        + table(
            [
                "tool",
                f"`clean` category ({len(clean_category)}) cases/s",
                f"all clean ({len(clean_inputs)}) cases/s",
                f"broken ({len(broken_inputs)}) cases/s",
            ],
            speed_rows,
        )
    )


# ----------------------------------------------------------------- files
def decode_tools() -> dict[str, Callable[[bytes], str]]:
    import newsclean

    tools: dict[str, Callable[[bytes], str]] = {
        "newsclean": lambda data: newsclean.decode(data).text
    }

    def chardet_decode(data: bytes) -> str:
        import chardet

        name = chardet.detect(data)["encoding"] or "utf-8"
        try:
            return data.decode(name, errors="replace")
        except LookupError:
            return data.decode("utf-8", errors="replace")

    tools["chardet"] = chardet_decode
    normalizer = optional("charset-normalizer", lambda: __import__("charset_normalizer").from_bytes)
    if normalizer:

        def normalizer_decode(data: bytes) -> str:
            best = normalizer(data).best()
            return str(best) if best is not None else data.decode("utf-8", errors="replace")

        tools["charset-normalizer"] = normalizer_decode
    return tools


def run_files(bench: Path, repeat: int) -> str:
    records = [
        json.loads(line) for line in (bench / "mojibake" / "files-dev.jsonl").open(encoding="utf-8")
    ]
    blobs = [base64.b64decode(r["bytes_b64"]) for r in records]
    megabytes = sum(map(len, blobs)) / 1e6
    tools = decode_tools()
    tiers = sorted({r["tier"] for r in records})
    rows = []
    for name, func in tools.items():
        good: dict[str, list[int]] = {}
        for record, data in zip(records, blobs):
            out = func(data).replace("\r\n", "\n").replace("\r", "\n")
            expected = record["expected_text"].replace("\r\n", "\n").replace("\r", "\n")
            for group in (record["tier"], "all"):
                ok, total = good.get(group, [0, 0])
                good[group] = [ok + (out == expected), total + 1]
        seconds = best_time(lambda: [func(b) for b in blobs], repeat)
        rows.append(
            [name] + [pct(*good[t]) for t in ["all"] + tiers] + [f"{megabytes / seconds:.2f}"]
        )
        print(f"  {name}: {pct(*good['all'])} exact", file=sys.stderr)
    return (
        f"### Decoding raw files ({len(records)} dev files, {len(set(r['encoding'] for r in records))} "
        "encodings)\n\nShare of files decoded to exactly the expected text (line ends normalised).\n\n"
        + table(["tool", "all"] + tiers + ["MB/s"], rows)
    )


# ----------------------------------------------------------------- own suites (issue 12)
def run_realtext(bench: Path, repeat: int) -> str:
    import real_text  # bench/real_text.py

    return real_text.markdown(bench.parent)


def run_filesuite(bench: Path, repeat: int) -> str:
    import file_suite  # bench/file_suite.py; builds bench/out/file-suite.jsonl if missing

    return file_suite.markdown(bench.parent)


def run_mojisuite(bench: Path, repeat: int) -> str:
    import mojibake_suite  # bench/mojibake_suite.py; builds bench/out/mojibake-cases.jsonl if missing

    return mojibake_suite.markdown(bench.parent)


# ----------------------------------------------------------------- main
SECTIONS = {
    "extraction": run_extraction,
    "html": run_html,
    "mojibake": run_mojibake,
    "files": run_files,
    "realtext": run_realtext,
    "filesuite": run_filesuite,
    "mojisuite": run_mojisuite,
}
# These go to their own part of BENCHMARKS.md, between <!-- bench-suites:start --> and :end.
SUITES = {"realtext", "filesuite", "mojisuite"}


def versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for dist in (
        "newsclean",
        "ftfy",
        "chardet",
        "charset-normalizer",
        "justext",
        "trafilatura",
        "readability-lxml",
        "selectolax",
    ):
        try:
            found.append(f"{dist} {version(dist)}")
        except PackageNotFoundError:
            pass
    return ", ".join(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--shared",
        type=Path,
        default=ROOT.parent / "shared",
        help="the shared folder holding bench/ (default: ../shared)",
    )
    parser.add_argument(
        "--only", choices=list(SECTIONS), action="append", help="run only this section"
    )
    parser.add_argument("--repeat", type=int, default=3, help="timing runs; the best counts")
    parser.add_argument(
        "--update",
        type=Path,
        metavar="FILE",
        help="replace the text between <!-- bench:start --> and <!-- bench:end --> in FILE",
    )
    args = parser.parse_args()
    bench = args.shared / "bench"
    if not bench.is_dir():
        sys.exit(f"bench: no benchmark data at {bench} (pass --shared DIR)")
    parts: dict[str, list[str]] = {"bench": [], "bench-suites": []}
    for name in args.only or list(SECTIONS):
        print(f"{name}:", file=sys.stderr)
        parts["bench-suites" if name in SUITES else "bench"].append(
            SECTIONS[name](bench, args.repeat)
        )
    command = "python bench/run.py" + "".join(f" --only {o}" for o in args.only or [])
    header = (
        f"Generated {datetime.date.today().isoformat()} by `{command}` on {platform.machine()} "
        f"Python {platform.python_version()} ({versions()})."
    )
    for marker, texts in parts.items():
        if not texts:
            continue
        report = header + "\n\n" + "\n\n".join(texts) + "\n"
        print(report)
        if args.update:
            update_section(args.update, marker, report)


if __name__ == "__main__":
    main()
