#!/usr/bin/env python3
"""Build the file suite: raw-byte files of real text in many languages and encodings.

Each record has the shape of ../shared/bench/mojibake/files-dev.jsonl —
``{"id", "encoding", "lang", "tier", "size", "newline", "bytes_b64", "expected_text"}`` —
so the benchmark's own score.py reads it too. The text is real: translated messages
from the Debian catalogs installed on the machine (bench/text_sources.py) and English prose
from the WCXB dev references (../shared). Nothing comes from the sources of the mojibake
benchmark (Django, Faker, Babel, CPython's test files).

Cells: every language with each of its legacy encodings, UTF-8 for every language, and
UTF-8 with BOM and UTF-16 (LE/BE, with and without BOM) for a few; each at about 200 bytes
(3 files), 2 KB (2 files) and 20 KB (1 file), as ``normal`` text in the language and as
``ascii-heavy`` text (English with a few sentences in the language); LF or CRLF alternate.
The same installed catalogs and shared data give the same suite, byte for byte; the manifest
written next to the suite records the catalog package versions and the suite's SHA-256.

    python bench/make_file_suite.py                         # bench/out/file-suite.jsonl
    python bench/make_file_suite.py --out DIR/suite.jsonl --shared ../shared
    python bench/make_file_suite.py --sample tests/fixtures/file_suite/sample.jsonl
"""

from __future__ import annotations

import argparse
import base64
import codecs
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import text_sources  # noqa: E402  (bench/text_sources.py)

# Legacy encodings and the languages written in them.
LEGACY = {
    "cp1252": ["en", "fr", "de", "es", "pt", "it", "nl", "sv"],
    "iso-8859-1": ["en", "fr", "de", "es", "pt", "it", "sv"],
    "cp1250": ["pl", "cs", "hu", "hr", "ro"],
    "cp1251": ["ru", "uk", "bg"],
    "koi8-r": ["ru"],
    "cp1253": ["el"],
    "cp1254": ["tr"],
    "cp1255": ["he"],
    "cp1256": ["ar", "fa"],
    "cp874": ["th"],
    "gbk": ["zh-Hans"],
    "big5": ["zh-Hant"],
    "shift_jis": ["ja"],
    "euc-jp": ["ja"],
    "euc-kr": ["ko"],
}
UNICODE = {
    "utf-8": ["en"] + list(text_sources.LANGS),
    "utf-8-sig": ["fr", "ru", "zh-Hans", "ja", "ar", "el"],
    "utf-16le-bom": ["en", "ru", "zh-Hans", "ar"],
    "utf-16be-bom": ["de", "ja", "ko", "he"],
    "utf-16le": ["fr", "uk", "ja", "th"],
    "utf-16be": ["es", "zh-Hant", "el", "fa"],
}
# Unicode cells are many; one file per size and tier each.
SIZES = {"200B": (200, 3), "2KB": (2000, 2), "20KB": (20000, 1)}
TIERS = ("normal", "ascii-heavy")
UNSPACED = {"zh-Hans", "zh-Hant", "ja"}


def encode(text: str, encoding: str) -> bytes:
    """The file's bytes (strict: the text must be encodable)."""
    if encoding == "utf-8-sig":
        return codecs.BOM_UTF8 + text.encode("utf-8")
    if encoding.startswith("utf-16"):
        order = "le" if encoding.startswith("utf-16le") else "be"
        bom = (
            (codecs.BOM_UTF16_LE if order == "le" else codecs.BOM_UTF16_BE)
            if encoding.endswith("-bom")
            else b""
        )
        return bom + text.encode(f"utf-16-{order}")
    return text.encode(encoding)


def codec_of(encoding: str) -> str:
    return "utf-16" if encoding.startswith("utf-16") else encoding.removesuffix("-sig")


def encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(codec_of(encoding))
    except UnicodeEncodeError:
        return False
    return True


class Pools:
    """Sentences and short messages of each language, and English prose, encodable in an encoding."""

    def __init__(self, shared: Path):
        self.english = text_sources.english_lines(shared, text_sources.listed_broken())
        if not self.english:
            raise SystemExit(
                f"make_file_suite: no WCXB dev references under {shared} (pass --shared DIR)"
            )
        self._cache: dict = {}

    def get(self, lang: str, kind: str, encoding: str) -> list[str]:
        """kind: ``sentence`` or ``short`` (in *lang*), or ``english`` (the host text of
        ascii-heavy files). For English, "in the language" means its typography: the lines
        with non-ASCII characters."""
        key = (lang, kind, encoding)
        if key not in self._cache:
            if kind == "english":
                rows = self.english
            elif lang == "en":
                rows = [
                    t
                    for t in self.english
                    if not t.isascii() and (kind == "sentence" or len(t) <= 100)
                ]
            elif kind == "sentence":
                rows = text_sources.sentences(lang)
            else:
                rows = text_sources.headlines(lang)
            rows = [t for t in rows if encodable(t, encoding)]
            self._cache[key] = text_sources.stable_order(rows, f"{lang}:{kind}:{encoding}")
        return self._cache[key]


def build_text(
    pools: Pools, lang: str, encoding: str, tier: str, target: int, seed: int, newline: str
) -> str:
    """A title and paragraphs of real text whose encoded size comes near *target* bytes.

    ``normal``: all in *lang*. ``ascii-heavy``: English with one sentence in *lang* in every
    three (every eight in the 20 KB files), the first unit after the title among them."""
    native = pools.get(lang, "sentence", encoding)
    titles = pools.get(lang, "short", encoding) or native
    english = pools.get(lang, "english", encoding)
    empty = len(encode("", encoding))

    def cost(text: str) -> int:
        return len(encode(text + newline, encoding)) - empty

    title_pool = english if tier == "ascii-heavy" else titles
    fitting = [t for t in title_pool[:400] if cost(t) <= max(80, target // 8)]
    title = fitting[seed % len(fitting)] if fitting else min(title_pool, key=cost)
    size = empty + cost(title)
    every = 3 if target <= 2000 else 8
    taken: list[tuple[str, bool]] = []
    next_native, next_english = seed * 7, seed * 13
    for turn in range(4000):
        if size >= target:
            break
        is_native = tier == "normal" or len(taken) % every == 0
        if is_native:
            unit, next_native = native[next_native % len(native)], next_native + 1
        else:
            unit, next_english = english[next_english % len(english)], next_english + 1
        if size + cost(unit) > target * 1.35 and turn < 3000:
            continue  # too long for what is left: try the next one
        taken.append((unit, is_native))
        size += cost(unit)
    if not any(n for _, n in taken):  # every file holds some of the language
        taken.insert(0, (min(native[:400], key=cost), True))
    lines = [title]
    joiner = "" if lang in UNSPACED else " "
    i = 0
    while i < len(taken):
        width = 1 + (seed + i) % 3
        group = taken[i : i + width]
        glue = joiner if all(n for _, n in group) else " "
        lines.append(glue.join(u for u, _ in group))
        if (seed + i) % 2 and i + width < len(taken):
            lines.append("")
        i += width
    return newline.join(lines) + newline


def cells() -> list[tuple[str, str]]:
    rows = [(enc, lang) for enc, langs in LEGACY.items() for lang in langs]
    return rows + [(enc, lang) for enc, langs in UNICODE.items() for lang in langs]


def build_suite(shared: Path) -> list[dict]:
    pools = Pools(shared)
    text_sources.require_catalogs(sorted({lang for _, lang in cells() if lang != "en"}))
    records = []
    for encoding, lang in cells():
        for size_name, (target, copies) in SIZES.items():
            if encoding in UNICODE:
                copies = 1
            for tier in TIERS:
                for copy in range(copies):
                    rid = f"own-file-{encoding}-{lang}-{tier}-{size_name}-{copy}"
                    seed = int(hashlib.sha256(rid.encode()).hexdigest()[:8], 16)
                    newline = "\r\n" if seed % 2 else "\n"
                    text = build_text(pools, lang, encoding, tier, target, seed, newline)
                    data = encode(text, encoding)
                    records.append(
                        {
                            "id": rid,
                            "encoding": encoding,
                            "lang": lang,
                            "tier": tier,
                            "size": size_name,
                            "newline": "crlf" if newline == "\r\n" else "lf",
                            "bytes_b64": base64.b64encode(data).decode("ascii"),
                            "expected_text": text,
                        }
                    )
    return records


def sample(records: list[dict], per_encoding: int = 4) -> list[dict]:
    """A small, fixed subset for the committed test fixture: 200-byte files, up to
    *per_encoding* per encoding, going round the encoding's languages and alternating tiers."""
    by_id = {r["id"]: r for r in records}
    picked = []
    for encoding, langs in list(LEGACY.items()) + list(UNICODE.items()):
        order = []
        for copy in range(3):
            for i, lang in enumerate(langs):
                tier = TIERS[(i + copy) % 2]
                order.append(f"own-file-{encoding}-{lang}-{tier}-200B-{copy}")
        picked += [by_id[rid] for rid in order if rid in by_id][:per_encoding]
    return picked


def write_suite(shared: Path, out: Path) -> list[dict]:
    """Build the suite, write it to *out* and its manifest beside it; return the records."""
    records = build_suite(shared)
    out.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    out.write_text(body, encoding="utf-8")
    manifest = {
        "files": len(records),
        "sha256": hashlib.sha256(body.encode()).hexdigest(),
        "bytes": sum(len(base64.b64decode(r["bytes_b64"])) for r in records),
        "encodings": sorted({r["encoding"] for r in records}),
        "languages": sorted({r["lang"] for r in records}),
        "catalog_packages": text_sources.catalog_versions(),
    }
    out.with_suffix(".manifest.json").write_text(
        json.dumps(manifest, indent=1) + "\n", encoding="utf-8"
    )
    print(
        f"wrote {len(records)} files ({manifest['bytes'] / 1e6:.1f} MB, {len(manifest['encodings'])} encodings, "
        f"{len(manifest['languages'])} languages) to {out}",
        file=sys.stderr,
    )
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--shared",
        type=Path,
        default=ROOT.parent / "shared",
        help="the shared folder holding bench/ (default: ../shared)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "file-suite.jsonl")
    parser.add_argument("--sample", type=Path, help="also write the small test sample here")
    args = parser.parse_args()
    records = write_suite(args.shared, args.out)
    if args.sample:
        picked = sample(records)
        args.sample.parent.mkdir(parents=True, exist_ok=True)
        args.sample.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in picked), encoding="utf-8"
        )
        print(f"wrote {len(picked)} sample files to {args.sample}", file=sys.stderr)


if __name__ == "__main__":
    main()
