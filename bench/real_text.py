#!/usr/bin/env python3
"""Real text left unchanged: does repair touch correct lines written by people?

Reads every non-ASCII line of the WCXB dev references and the Zyte dev gold bodies
(../shared, or --shared) plus the committed fixture tests/fixtures/real_text/lines.jsonl,
runs newsclean.text.repair and ftfy.fix_encoding on each, and prints how many lines each changed.
A few references hold real mojibake; tests/fixtures/real_text/reference_mojibake.json lists
them (by line hash) with the expected repair, so a change there is counted against that.

    python bench/real_text.py                 # the counts
    python bench/real_text.py --show          # and every changed line, by kind
    python bench/real_text.py --make-fixture  # rewrite the committed fixture (Debian catalogs)
    python bench/real_text.py --list-mojibake # candidate entries for reference_mojibake.json
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import text_sources  # noqa: E402  (bench/text_sources.py)

FIXTURE_DIR = ROOT / "tests" / "fixtures" / "real_text"
LINES = FIXTURE_DIR / "lines.jsonl"
MOJIBAKE = FIXTURE_DIR / "reference_mojibake.json"


# ----------------------------------------------------------------- the listed mojibake
def load_listed(path: Path = MOJIBAKE) -> tuple[dict[str, dict], dict[str, dict]]:
    """(repairs, unrepairable): entries of reference_mojibake.json by line hash."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return ({e["hash"]: e for e in data["repairs"]}, {e["hash"]: e for e in data["unrepairable"]})


def apply_fixes(line: str, fixes: list[list[str]]) -> str:
    for wrong, right in fixes:
        line = line.replace(wrong, right)
    return line


def expected_for(line: str, repairs: dict[str, dict]) -> str:
    """The correct text of a reference line: itself, or its listed repair."""
    entry = repairs.get(text_sources.line_hash(line))
    return apply_fixes(line, entry["fixes"]) if entry else line


def fixes_between(line: str, fixed: str) -> list[list[str]] | None:
    """The replacements (wrong, right) that turn *line* into *fixed*, or None if replacing every
    occurrence of them does not give exactly *fixed*."""
    pairs: list[list[str]] = []
    matcher = difflib.SequenceMatcher(None, line, fixed, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal" and [line[i1:i2], fixed[j1:j2]] not in pairs:
            pairs.append([line[i1:i2], fixed[j1:j2]])
    pairs.sort(key=lambda p: -len(p[0]))
    return pairs if all(p[0] for p in pairs) and apply_fixes(line, pairs) == fixed else None


# ----------------------------------------------------------------- the committed fixture
FIXTURE_LANGS = [*text_sources.LANGS, *text_sources.MORE_LANGS]
PER_LANG = (7, 4)  # sentences, short messages (titles, names, labels)
SYMBOLS = "®©™«»€£¥°§±×"


def make_fixture(shared: Path | None) -> list[dict]:
    text_sources.require_catalogs(FIXTURE_LANGS)
    rows = []
    for lang in FIXTURE_LANGS:
        messages = text_sources.catalog_messages(lang)
        by_text = {text: domain for domain, _, text in messages}
        picked = (
            text_sources.stable_order(
                [t for t in by_text if text_sources.is_sentence(t) and len(t) <= 160],
                f"fixture:{lang}",
            )[: PER_LANG[0]]
            + text_sources.stable_order(
                [t for t in by_text if not text_sources.is_sentence(t)], f"fixture-short:{lang}"
            )[: PER_LANG[1]]
        )
        for text in picked:
            domain = by_text[text]
            package, licence = text_sources.CATALOGS[domain]
            rows.append(
                {
                    "lang": lang,
                    "text": text,
                    "source": f"debian:{package}/{domain}.mo",
                    "licence": licence,
                }
            )
    if shared is not None and (shared / "bench" / "wcxb" / "dev").is_dir():
        # English typography from the WCXB dev references: curly quotes, dashes, ®, ©, accents.
        repairs, unrepairable = load_listed()
        candidates = {}
        for source, line in text_sources.reference_lines(shared):
            key = text_sources.line_hash(line)
            if (
                source.startswith("wcxb/")
                and 20 <= len(line) <= 160
                and key not in repairs
                and key not in unrepairable
            ):
                candidates.setdefault(line, source)
        picked = text_sources.stable_order(list(candidates), "fixture:en")[:30]
        # and two lines for each symbol a code-page relabel would turn into a letter
        for symbol in SYMBOLS:
            with_symbol = [line for line in candidates if symbol in line and line not in picked]
            picked += text_sources.stable_order(with_symbol, f"fixture:{symbol}")[:2]
        for line in picked:
            rows.append(
                {
                    "lang": "en",
                    "text": line,
                    "source": f"wcxb-dev:{candidates[line]}",
                    "licence": "CC-BY-4.0",
                }
            )
    return rows


def fixture_lines() -> list[dict]:
    return [
        json.loads(line) for line in LINES.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


# ----------------------------------------------------------------- measuring
def diff_pieces(before: str, after: str, limit: int = 3) -> str:
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    pieces = [
        f"{before[i1:i2]!r}→{after[j1:j2]!r}"
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]
    return ", ".join(pieces[:limit]) + (f" (+{len(pieces) - limit})" if len(pieces) > limit else "")


def measure(rows: list[tuple[str, str]], repairs: dict[str, dict]) -> dict:
    """Run both tools over (source, line) rows; count and classify the changes."""
    import ftfy

    import newsclean

    tools = {
        "newsclean.repair": lambda s: newsclean.repair(s).text,
        "ftfy.fix_encoding": ftfy.fix_encoding,
    }
    result: dict = {"lines": len(rows), "listed": 0, "tools": {}}
    result["listed"] = sum(text_sources.line_hash(line) in repairs for _, line in rows)
    for name, func in tools.items():
        started = time.process_time()
        outs = [func(line) for _, line in rows]
        seconds = time.process_time() - started
        changed, kinds = (
            0,
            {
                "false change (correct line altered)": [],
                "listed mojibake left or mis-repaired": [],
                "listed mojibake repaired as expected": [],
            },
        )
        for (source, line), out in zip(rows, outs):
            expected = expected_for(line, repairs)
            changed += out != line
            if expected != line:
                kind = (
                    "listed mojibake repaired as expected"
                    if out == expected
                    else "listed mojibake left or mis-repaired"
                )
            elif out != line:
                kind = "false change (correct line altered)"
            else:
                continue
            kinds[kind].append((source, line, out))
        wrong = sum(len(v) for k, v in kinds.items() if not k.endswith("as expected"))
        result["tools"][name] = {
            "changed": changed,
            "wrong": wrong,
            "kinds": kinds,
            "seconds": seconds,
        }
    return result


def report(title: str, result: dict, show: bool) -> str:
    lines = [f"{title}: {result['lines']:,} lines, {result['listed']} listed as real mojibake"]
    for name, figures in result["tools"].items():
        counts = ", ".join(f"{kind}: {len(rows)}" for kind, rows in figures["kinds"].items())
        lines.append(
            f"  {name:18s} changed {figures['changed']:4d}; wrong {figures['wrong']:4d} ({counts}); "
            f"{result['lines'] / max(figures['seconds'], 1e-9):,.0f} lines/s"
        )
        if show:
            for kind, rows in figures["kinds"].items():
                if kind.endswith("as expected") or not rows:
                    continue
                lines.append(f"    {kind}:")
                lines += [
                    f"      {source}: {diff_pieces(line, out)}  | {line[:90]!r}"
                    for source, line, out in rows
                ]
    return "\n".join(lines)


def markdown(shared: Path) -> str:
    """The BENCHMARKS.md section: counts for the fixture and the references, and the wrong
    changes grouped by what they did."""
    from collections import Counter

    from mdtables import table

    repairs, _ = load_listed()
    sets = [
        (
            "own fixture (tests/fixtures/real_text, 27 languages)",
            "own fixture",
            measure([(f"fixture:{r['lang']}", r["text"]) for r in fixture_lines()], {}),
        )
    ]
    if (shared / "bench" / "wcxb" / "dev").is_dir():
        sets.append(
            (
                "WCXB + Zyte dev references, every non-ASCII line",
                "WCXB + Zyte dev references",
                measure(text_sources.reference_lines(shared), repairs),
            )
        )
    names = list(sets[0][2]["tools"])
    rows = []
    for title, _, result in sets:
        row = [title, f"{result['lines']:,}", result["listed"]]
        for name in names:
            figures = result["tools"][name]
            row += [figures["changed"], f"**{figures['wrong']}**"]
        rows.append(row)
    header = ["lines", "count", "real mojibake (listed)"]
    for name in names:
        header += [f"{name}: changed", f"{name}: wrong"]
    text = (
        "### Real text left unchanged\n\n`python bench/real_text.py --show`: correct non-ASCII lines written by "
        "people, run through each tool. *Wrong* = a correct line changed, or a listed mojibake line (UTF-8 or "
        "cp1252 read as Latin-1, found with ftfy and checked by eye: "
        "tests/fixtures/real_text/reference_mojibake.json) not given its expected repair.\n\n"
        + table(header, rows)
    )
    for _, short, result in sets:
        for name in names:
            wrong = [
                (src, line, out)
                for kind, found in result["tools"][name]["kinds"].items()
                if not kind.endswith("as expected")
                for src, line, out in found
            ]
            if not wrong:
                continue
            pieces = Counter(
                diff_pieces(line, out, limit=1).split(" (+")[0] for _, line, out in wrong
            )
            text += (
                f"\n\n{name} on the {short}: "
                + "; ".join(
                    f"{piece} ×{count}" if count > 1 else piece
                    for piece, count in pieces.most_common()
                )
                + "."
            )
    return text


def list_mojibake(shared: Path) -> dict:
    """Candidate entries for reference_mojibake.json: the reference lines ftfy.fix_encoding changes
    (to be checked by eye), and lines with C1 controls nobody repairs."""
    import re

    import ftfy

    repairs, unrepairable = [], []
    for source, line in text_sources.reference_lines(shared):
        fixed = ftfy.fix_encoding(line)
        entry = {"source": source, "hash": text_sources.line_hash(line)}
        if fixed != line:
            fixes = fixes_between(line, fixed)
            repairs.append({**entry, "fixes": fixes} if fixes else {**entry, "expected": fixed})
        elif re.search(r"[\x80-\x9f]", line):
            unrepairable.append({**entry, "text": line[:120]})
    unique = {e["hash"]: e for e in repairs}
    return {
        "repairs": list(unique.values()),
        "unrepairable": list({e["hash"]: e for e in unrepairable}.values()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--shared",
        type=Path,
        default=ROOT.parent / "shared",
        help="the shared folder holding bench/ (default: ../shared)",
    )
    parser.add_argument("--show", action="store_true", help="list the changed lines by kind")
    parser.add_argument(
        "--make-fixture", action="store_true", help=f"rewrite {LINES.relative_to(ROOT)}"
    )
    parser.add_argument(
        "--list-mojibake", action="store_true", help="print candidate mojibake entries as JSON"
    )
    args = parser.parse_args()
    have_shared = (args.shared / "bench" / "wcxb" / "dev").is_dir()
    if args.make_fixture:
        rows = make_fixture(args.shared if have_shared else None)
        LINES.parent.mkdir(parents=True, exist_ok=True)
        LINES.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
        )
        print(
            f"wrote {len(rows)} lines in {len({r['lang'] for r in rows})} languages to {LINES.relative_to(ROOT)}"
        )
        return
    if args.list_mojibake:
        if not have_shared:
            sys.exit(f"real_text: no WCXB dev data under {args.shared} (pass --shared DIR)")
        print(json.dumps(list_mojibake(args.shared), ensure_ascii=False, indent=1))
        return
    repairs, _ = load_listed()
    own = [(f"fixture:{r['lang']}", r["text"]) for r in fixture_lines()]
    print(
        report(f"own fixture ({len({s for s, _ in own})} languages)", measure(own, {}), args.show)
    )
    if not have_shared:
        print(f"(no benchmark data at {args.shared}: WCXB and Zyte references skipped)")
        return
    print(
        report(
            "WCXB + Zyte dev references",
            measure(text_sources.reference_lines(args.shared), repairs),
            args.show,
        )
    )


if __name__ == "__main__":
    main()
