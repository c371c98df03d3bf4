#!/usr/bin/env python3
"""Build mojibake cases from sentences the repairer was not tuned on.

Writes records in the shape of ../shared/bench/mojibake/cases-dev.jsonl —
``{"id", "category", "lang", "chain", "input", "expected", "lossless", "source"}`` — with the
same categories and chain notation (see that folder's SOURCE.md), so the benchmark's score.py
scores them as it scores the dev cases. The sentences are translated messages from the Debian
catalogs (bench/text_sources.py: 26 languages) and English lines from the WCXB dev references;
any text that is also an expected text of cases-dev.jsonl is left out.

Every category gets the same number of cases (--per-category, default 200), made with a
fixed pseudo-random generator, so the same catalogs and shared data give the same file.

    python bench/make_mojibake_cases.py                  # bench/out/mojibake-cases.jsonl
    python bench/make_mojibake_cases.py --per-category 300 --out DIR/cases.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import text_sources  # noqa: E402  (bench/text_sources.py)

CATEGORIES = [
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
    "clean",
]

# The legacy encodings each language was written in.
LEGACY = {
    "pl": ["cp1250", "iso-8859-2"],
    "cs": ["cp1250", "iso-8859-2"],
    "hu": ["cp1250", "iso-8859-2"],
    "hr": ["cp1250"],
    "ro": ["cp1250"],
    "ru": ["cp1251", "koi8-r", "cp866"],
    "uk": ["cp1251", "koi8-u"],
    "bg": ["cp1251"],
    "el": ["cp1253", "iso-8859-7"],
    "tr": ["cp1254", "iso-8859-9"],
    "he": ["cp1255", "iso-8859-8"],
    "ar": ["cp1256"],
    "fa": ["cp1256"],
    "th": ["cp874"],
    "zh-Hans": ["gbk", "gb2312", "gb18030"],
    "zh-Hant": ["big5"],
    "ja": ["shift_jis", "euc-jp", "cp932"],
    "ko": ["euc-kr"],
    "vi": ["cp1258"],
}
CJK = ["zh-Hans", "zh-Hant", "ja", "ko"]
DOUBLE_UTF8 = [
    "utf-8>cp1252>utf-8>latin-1",
    "utf-8>cp1252>utf-8>cp1252",
    "utf-8>latin-1>utf-8>cp1252",
    "utf-8>cp1252>utf-8>cp1252>utf-8>cp1252",
    "utf-8>cp1250>utf-8>cp1252",
    "utf-8>cp1251>utf-8>cp1252",
]
AS_LEGACY = [
    "gbk:replace",
    "shift_jis:replace",
    "mac_roman",
    "euc-kr:replace",
    "cp1251",
    "koi8-r",
    "cp1250",
    "big5:replace",
    "cp932:replace",
    "cp874",
    "cp1255",
    "cp437",
    "cp1253",
    "cp866",
    "iso-8859-2",
    "cp1256",
]
LOSSY = [
    "utf-8>latin-1|drop-c1",
    "utf-8>cp1252|drop-shy",
    "utf-8>cp1252|nbsp-space",
    "LEG>cp1252|drop-shy|nbsp-space",
    "LEG>latin-1|drop-c1",
    "LEG>latin-1|drop-shy",
    "LEG>cp1252:replace",
]
EMBEDDED = [
    "utf-8>cp1252",
    "utf-8>latin-1",
    "utf-8>cp1251",
    "utf-8>gbk:replace",
    "LEG>cp1252",
    "LEG>latin-1",
    "LEG>u8fb3|drop-shy",
]


# ----------------------------------------------------------------- the chain notation
@cache
def _table(codepage: str) -> tuple[str, ...]:
    """A single-byte code page read WHATWG-style: undefined bytes become the Latin-1 code point."""
    chars = []
    for byte in range(256):
        try:
            chars.append(bytes([byte]).decode(codepage))
        except UnicodeDecodeError:
            chars.append(chr(byte))
    return tuple(chars)


def _single_byte(name: str) -> bool:
    try:
        return (
            all(len(bytes([b]).decode(name, errors="replace")) == 1 for b in range(256))
            and len(bytes(range(0x80, 0x100)).decode(name, errors="replace")) == 128
        )
    except LookupError:
        return False


def _u8fb(data: bytes, min_len: int) -> str:
    """UTF-8 per sequence, else Latin-1 per byte; sequences shorter than *min_len* bytes are
    not accepted (``u8fb3``: only 3- and 4-byte sequences)."""
    out, i = [], 0
    while i < len(data):
        byte = data[i]
        size = (
            2
            if 0xC2 <= byte <= 0xDF
            else 3
            if 0xE0 <= byte <= 0xEF
            else 4
            if 0xF0 <= byte <= 0xF4
            else 0
        )
        if size >= max(min_len, 2):
            try:
                out.append(data[i : i + size].decode("utf-8"))
                i += size
                continue
            except UnicodeDecodeError:
                pass
        out.append(chr(byte))
        i += 1
    return "".join(out)


def decode_step(data: bytes, name: str) -> tuple[str, bool]:
    """(text, lossless) of one DEC step."""
    if name == "u8fb":
        return _u8fb(data, 2), True
    if name == "u8fb3":
        return _u8fb(data, 3), True
    if name.endswith(":replace"):
        text = data.decode(name.removesuffix(":replace"), errors="replace")
        return text, "\ufffd" not in text
    if name in ("latin-1", "iso-8859-1"):
        return data.decode("latin-1"), True
    if _single_byte(name):
        table = _table(name)
        return "".join(table[b] for b in data), True
    return data.decode(name), True


POST = {
    "drop-shy": lambda s: s.replace("\u00ad", ""),
    "nbsp-space": lambda s: s.replace("\u00a0", " "),
    "drop-c1": lambda s: re.sub("[\u0080-\u009f]", "", s),
}


def apply_chain(text: str, chain: str) -> tuple[str, bool]:
    """The chain's output for *text* and whether nothing was dropped or replaced.
    Raises UnicodeError when a step cannot encode."""
    steps, *post = chain.split("|")
    parts = steps.split(">")
    lossless = True
    for enc, dec in zip(parts[0::2], parts[1::2]):
        text, ok = decode_step(text.encode(enc), dec)
        lossless &= ok
    for step in post:
        after = POST[step](text)
        lossless &= after == text
        text = after
    return text, lossless


# ----------------------------------------------------------------- pools of real text
class Sources:
    def __init__(self, shared: Path):
        dev = shared / "bench" / "mojibake" / "cases-dev.jsonl"
        self.dev_texts = set()
        if dev.exists():
            for line in dev.open(encoding="utf-8"):
                self.dev_texts.add(json.loads(line)["expected"])
        english = text_sources.english_lines(shared, text_sources.listed_broken())
        if not english:
            raise SystemExit(
                f"make_mojibake_cases: no WCXB dev references under {shared} (pass --shared DIR)"
            )
        self.hosts = [t for t in english if t.isascii() and len(t) <= 160]
        self.english_typography = [
            t for t in english if not t.isascii() and len(t) <= 200 and t not in self.dev_texts
        ]
        self.langs = list(text_sources.LANGS)
        self._cache: dict = {}

    def sentences(self, lang: str) -> tuple[tuple[str, str], ...]:
        """(source, sentence) in *lang*; for English, the WCXB lines with typography."""
        if ("sentences", lang) not in self._cache:
            self._cache["sentences", lang] = (
                tuple(("wcxb-dev", t) for t in self.english_typography)
                if lang == "en"
                else tuple(
                    (f"debian:{d}", t)
                    for d, _, t in text_sources.catalog_messages(lang)
                    if text_sources.is_sentence(t) and len(t) <= 200 and t not in self.dev_texts
                )
            )
        return self._cache["sentences", lang]

    def spans(self, lang: str) -> tuple[tuple[str, str], ...]:
        """(source, short message) in *lang*: names, titles, labels."""
        if ("spans", lang) not in self._cache:
            self._cache["spans", lang] = tuple(
                (f"debian:{d}", t)
                for d, _, t in text_sources.catalog_messages(lang)
                if not text_sources.is_sentence(t) and 3 <= len(t) <= 40 and t not in self.dev_texts
            )
        return self._cache["spans", lang]


def _embed(host: str, span: str, at: float) -> str:
    """*span* put between two words of the English *host* sentence, at fraction *at* of it."""
    words = host.split(" ")
    cut = 1 + int(at * max(1, len(words) - 1))
    return " ".join(words[:cut] + [span] + words[cut:])


# ----------------------------------------------------------------- one case per category
def _pick(rng: random.Random, pool):
    return pool[rng.randrange(len(pool))] if pool else None


def make_case(category: str, rng: random.Random, src: Sources) -> dict | None:
    """One attempt at a case; None when the draw does not make one (not encodable, no change)."""
    latin_or_any = src.langs + ["en"] * 4
    if category in ("utf8-as-cp1252", "utf8-as-latin1", "utf8-double", "utf8-as-legacy"):
        lang = rng.choice(latin_or_any)
        chain = {
            "utf8-as-cp1252": "utf-8>cp1252",
            "utf8-as-latin1": "utf-8>latin-1",
            "utf8-double": rng.choice(DOUBLE_UTF8),
            "utf8-as-legacy": f"utf-8>{rng.choice(AS_LEGACY)}",
        }[category]
        picked = _pick(rng, src.sentences(lang))
    elif category in (
        "legacy-as-latin1",
        "legacy-as-cp1252",
        "legacy-double",
        "legacy-utf8fallback",
    ):
        lang = (
            rng.choice(CJK * 2 + list(LEGACY))
            if category == "legacy-utf8fallback"
            else rng.choice(list(LEGACY))
        )
        if category == "legacy-utf8fallback" and lang not in CJK and rng.random() < 0.5:
            lang = rng.choice(CJK)
        leg = rng.choice(LEGACY[lang])
        chain = {
            "legacy-as-latin1": f"{leg}>latin-1",
            "legacy-as-cp1252": f"{leg}>cp1252",
            "legacy-double": f"{leg}>{rng.choice(['latin-1', 'cp1252'])}>utf-8>cp1252",
            "legacy-utf8fallback": f"{leg}>{rng.choice(['u8fb', 'u8fb3'])}",
        }[category]
        if category == "legacy-utf8fallback" and rng.random() < 0.3:
            chain += "|drop-shy"
        picked = _pick(rng, src.sentences(lang))
    elif category == "lossy":
        chain = rng.choice(LOSSY)
        lang = rng.choice(list(LEGACY)) if chain.startswith("LEG") else rng.choice(latin_or_any)
        chain = chain.replace("LEG", rng.choice(LEGACY.get(lang, ["cp1252"])))
        picked = _pick(rng, src.sentences(lang))
    elif category == "embedded":
        chain = rng.choice(EMBEDDED)
        lang = rng.choice(list(LEGACY)) if chain.startswith("LEG") else rng.choice(src.langs)
        chain = chain.replace("LEG", rng.choice(LEGACY.get(lang, ["cp1252"])))
        span = _pick(rng, src.spans(lang))
        host = _pick(rng, src.hosts)
        if span is None or host is None:
            return None
        try:
            broken, lossless = apply_chain(span[1], chain)
        except UnicodeError:
            return None
        if broken == span[1]:
            return None
        at = rng.random()
        return {
            "category": category,
            "lang": lang,
            "chain": f"span:{chain}",
            "input": _embed(host, broken, at),
            "expected": _embed(host, span[1], at),
            "lossless": lossless,
            "source": f"{span[0]}+wcxb-dev:host",
        }
    else:  # clean
        kind = rng.choice(["sentence", "sentence", "english", "mixed", "short"])
        if kind == "english":
            lang, picked = "en", _pick(rng, src.sentences("en"))
        elif kind == "mixed":
            lang = rng.choice(src.langs)
            span, host = _pick(rng, src.spans(lang)), _pick(rng, src.hosts)
            if span is None or host is None:
                return None
            text = _embed(host, span[1], rng.random())
            return {
                "category": "clean",
                "lang": lang,
                "chain": "clean:mixed",
                "input": text,
                "expected": text,
                "lossless": True,
                "source": f"{span[0]}+wcxb-dev:host",
            }
        else:
            lang = rng.choice(src.langs)
            picked = _pick(rng, src.sentences(lang) if kind == "sentence" else src.spans(lang))
        if picked is None:
            return None
        return {
            "category": "clean",
            "lang": lang,
            "chain": f"clean:{kind}",
            "input": picked[1],
            "expected": picked[1],
            "lossless": True,
            "source": picked[0],
        }
    if picked is None:
        return None
    source, text = picked
    try:
        broken, lossless = apply_chain(text, chain)
    except UnicodeError:
        return None
    if broken == text or (category == "lossy" and lossless):
        return None
    if category != "lossy" and category != "utf8-as-legacy" and not lossless:
        return None
    return {
        "category": category,
        "lang": lang,
        "chain": chain,
        "input": broken,
        "expected": text,
        "lossless": lossless,
        "source": source,
    }


def build_cases(shared: Path, per_category: int) -> list[dict]:
    src = Sources(shared)
    text_sources.require_catalogs(src.langs)
    records = []
    for category in CATEGORIES:
        rng = random.Random(f"newsclean-mojibake-suite-v1:{category}")
        seen: set[str] = set()
        made = 0
        for _ in range(per_category * 200):
            if made == per_category:
                break
            case = make_case(category, rng, src)
            if case is None or case["input"] in seen:
                continue
            seen.add(case["input"])
            records.append({"id": f"own-{category}-{made:04d}", **case})
            made += 1
        if made < per_category:
            print(f"  {category}: only {made} cases", file=sys.stderr)
    return records


def write_cases(shared: Path, out: Path, per_category: int) -> list[dict]:
    records = build_cases(shared, per_category)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    counts = Counter(r["category"] for r in records)
    print(
        f"wrote {len(records)} cases ({len({r['lang'] for r in records})} languages; "
        + ", ".join(f"{c} {counts[c]}" for c in CATEGORIES)
        + f") to {out}",
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
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "mojibake-cases.jsonl")
    parser.add_argument("--per-category", type=int, default=200)
    args = parser.parse_args()
    write_cases(args.shared, args.out, args.per_category)


if __name__ == "__main__":
    main()
