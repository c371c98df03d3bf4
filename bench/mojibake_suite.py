#!/usr/bin/env python3
"""Mojibake on our own sentences: newsclean and ftfy.fix_encoding, per category, in one run.

Scores bench/out/mojibake-cases.jsonl (built by bench/make_mojibake_cases.py, and built here
if missing) with the mojibake benchmark's own scorer, ../shared/bench/mojibake/score.py,
imported and called the way its ``--module-func`` option calls a tool: newsclean as
``newsclean.text.repair:repair_text``, ftfy as ``ftfy:fix_encoding``.

    python bench/mojibake_suite.py
    python bench/mojibake_suite.py --show-failures 5     # newsclean's failures per category
    python bench/mojibake_suite.py --cases OTHER.jsonl
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from mdtables import table  # noqa: E402  (bench/mdtables.py)

DEFAULT_CASES = ROOT / "bench" / "out" / "mojibake-cases.jsonl"
TOOLS = {"newsclean": "newsclean.text.repair:repair_text", "ftfy.fix_encoding": "ftfy:fix_encoding"}


def load_scorer(shared: Path):
    """The benchmark's score.py as a module."""
    path = shared / "bench" / "mojibake" / "score.py"
    if not path.exists():
        raise SystemExit(f"mojibake_suite: no scorer at {path} (pass --shared DIR)")
    spec = importlib.util.spec_from_file_location("mojibench_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def score(scorer, records: list[dict]) -> dict[str, dict]:
    """{tool: {"groups": score.py's groups by category, "fails": ..., "seconds": ...}}."""
    results = {}
    for name, spec in TOOLS.items():
        func = scorer.resolve_func(spec, None)
        func(records[0]["input"])  # warm-up outside the timing
        outs, errs, seconds = scorer.run_module(records, func, False)
        groups, fails = scorer.score_cases(records, outs, errs, "category")
        results[name] = {"groups": groups, "fails": fails, "seconds": seconds, "errors": errs}
        g = groups["ALL"]
        print(
            f"  {name}: {g['repaired']}/{g['moji']} repaired, {g['fp']}/{g['clean']} clean changed, "
            f"{len(records) / seconds:,.0f} cases/s",
            file=sys.stderr,
        )
    return results


def _pct(good: int, total: int) -> str:
    return f"{100 * good / total:.1f} %" if total else "–"


def report(records: list[dict], results: dict[str, dict], title: str) -> str:
    import make_mojibake_cases

    names = list(results)
    first = results[names[0]]["groups"]
    order = [c for c in make_mojibake_cases.CATEGORIES if c in first]
    order += sorted(k for k in first if k not in order and k != "ALL")
    rows = []
    for category in order + ["ALL"]:
        g = first[category]
        label = "**all**" if category == "ALL" else category
        if g["moji"]:
            rows.append(
                [label, g["moji"], "repaired"]
                + [_pct(results[n]["groups"][category]["repaired"], g["moji"]) for n in names]
            )
            rows.append(
                ["", "", "damaged (changed, still wrong)"]
                + [_pct(results[n]["groups"][category]["damaged"], g["moji"]) for n in names]
            )
        if g["clean"]:
            rows.append(
                [label, g["clean"], "false positive (clean text changed)"]
                + [_pct(results[n]["groups"][category]["fp"], g["clean"]) for n in names]
            )
    speed = ", ".join(f"{n} {len(records) / results[n]['seconds']:,.0f} cases/s" for n in names)
    languages = len({r["lang"] for r in records})
    return f"{title}: {len(records):,} cases, {languages} languages. Speed: {speed}.\n\n" + table(
        ["category", "cases", "measure"] + names, rows
    )


def failures(results: dict[str, dict], limit: int, tool: str = "newsclean") -> str:
    lines = [f"{tool} failures (up to {limit} per category):"]
    for category, fails in sorted(results[tool]["fails"].items()):
        for record, out in fails[:limit]:
            lines.append(
                f"  [{category}] {record['id']} {record['chain']}\n    in : {record['input'][:110]!r}\n"
                f"    out: {(out or '')[:110]!r}\n    exp: {record['expected'][:110]!r}"
            )
    return "\n".join(lines)


def markdown(shared: Path, cases: Path = DEFAULT_CASES) -> str:
    """The BENCHMARKS.md section."""
    scorer = load_scorer(shared)
    if not cases.exists():
        import make_mojibake_cases

        make_mojibake_cases.write_cases(shared, cases, 200)
    records = scorer.load_jsonl(str(cases))
    results = score(scorer, records)
    return (
        "### Mojibake on own sentences\n\n`python bench/make_mojibake_cases.py && python bench/mojibake_suite.py`: "
        "the dev benchmark's categories and chains applied to sentences it does not hold (Debian translation "
        "catalogs in 26 languages, English lines of the WCXB dev references), 200 cases per category, scored by "
        "the benchmark's score.py. Repaired = output equals the expected text; damaged = changed but still wrong."
        "\n\n" + report(records, results, "Own cases")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--cases",
        type=Path,
        default=DEFAULT_CASES,
        help="cases JSONL (default: bench/out/mojibake-cases.jsonl, built if missing)",
    )
    parser.add_argument(
        "--shared",
        type=Path,
        default=ROOT.parent / "shared",
        help="the shared folder holding bench/ (default: ../shared)",
    )
    parser.add_argument("--show-failures", type=int, default=0, metavar="N")
    args = parser.parse_args()
    scorer = load_scorer(args.shared)
    if not args.cases.exists():
        if args.cases != DEFAULT_CASES:
            sys.exit(f"mojibake_suite: {args.cases} does not exist")
        import make_mojibake_cases

        print(f"building {args.cases.relative_to(ROOT)} ...", file=sys.stderr)
        make_mojibake_cases.write_cases(args.shared, args.cases, 200)
    records = scorer.load_jsonl(str(args.cases))
    results = score(scorer, records)
    print(report(records, results, f"Mojibake on own sentences ({args.cases.name})"))
    if args.show_failures:
        print("\n" + failures(results, args.show_failures))


if __name__ == "__main__":
    main()
