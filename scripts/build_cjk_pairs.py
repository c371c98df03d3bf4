#!/usr/bin/env python3
"""Build ``newsclean/data/cjkpairs.json.gz``: which Han, kana and hangul characters follow
each other in real Chinese, Japanese and Korean text.

The character model (``plausibility.json.gz``) knows how common each ideograph, kana and
hangul syllable is, but not which follow which, so among the characters a lost byte can
complete it picks the commonest (``の`` for ``は``, ``一`` for ``中``). This table adds the
pairs.

Source
    The translated messages (``msgstr``) of the gettext catalogs Debian installs under
    ``/usr/share/locale/{zh_CN,zh_TW,ja,ko}/LC_MESSAGES/`` — every catalog there except the
    domains the project's own test suites draw their sentences from
    (``bench/text_sources.py``: ``CATALOGS``, and the GTK domains that repeat them), and
    except any message that is also a message of those domains (the other ISO-code
    domains, place and language names, stay: their messages are not the suites'). The catalogs are
    the translations of free software packages (GPL, LGPL, MIT, BSD); only counts of
    character pairs are kept. Nothing from newsclean's benchmarks is read.

What is kept
    Pairs of adjacent characters, both ideographic (Han, kana, hangul) or CJK punctuation,
    seen at least ``MIN_COUNT`` times, with their pointwise mutual information
    ``log2(P(ab) / (P(a) P(b)))`` in half bits (levels 1..24; pairs seen no more
    often than chance are not kept): how much more likely the second character is after
    the first than anywhere. A pair whose second character is a line feed says how much
    more likely its first character is to end a run of CJK text (``。``, ``す``, ``語``).

Usage
    python scripts/build_cjk_pairs.py        # writes newsclean/data/cjkpairs.json.gz

The same installed catalogs give the same file.
"""

from __future__ import annotations

import gettext
import gzip
import json
import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "newsclean" / "data" / "cjkpairs.json.gz"
LOCALE_DIR = Path("/usr/share/locale")
DIRECTORIES = ("zh_CN", "zh_TW", "ja", "ko")
#: Domains that hold (or repeat) the messages the own test suites are made from.
SUITE_DOMAIN = re.compile(r"^gtk")
MIN_COUNT = 3
#: A catalog counts as at most this many CJK characters (the database server's messages
#: alone are a fifth of the Japanese text, and would make its terms look common).
DOMAIN_CAP = 20000
MAX_LEVEL = 24
CJK = re.compile(
    r"[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff65]"
)
#: Stands for the end of a run of CJK characters in the pair table.
END = "\n"
_MARKUP = re.compile(r"%[-#0-9.]*[a-zA-Z]|<[^>]*>|_|&")


def _catalog(path: Path) -> dict:
    with path.open("rb") as handle:
        return gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]


def _messages(path: Path) -> list[str]:
    try:
        catalog = _catalog(path)
    except (OSError, UnicodeDecodeError, ValueError):
        return []
    out = []
    for key in sorted(catalog, key=lambda k: k if isinstance(k, str) else k[0]):
        text = catalog[key]
        if isinstance(key, str) and key and isinstance(text, str) and text != key:
            out.append(_MARKUP.sub(" ", text))
    return out


def main() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from text_sources import CATALOGS  # the own suites' domains

    unigrams: defaultdict[str, float] = defaultdict(float)
    pairs: defaultdict[str, float] = defaultdict(float)
    raw_pairs: Counter[str] = Counter()
    for directory in DIRECTORIES:
        folder = LOCALE_DIR / directory / "LC_MESSAGES"
        suite: set[str] = set()
        rest: list[Path] = []
        for path in sorted(folder.glob("*.mo")):
            if path.stem in CATALOGS or SUITE_DOMAIN.match(path.stem):
                suite.update(_messages(path))
            else:
                rest.append(path)
        seen: set[str] = set()
        for path in rest:
            runs = []
            for text in _messages(path):
                if text in suite or text in seen:
                    continue
                seen.add(text)
                runs += re.findall(f"(?:{CJK.pattern})+", text)
            size = sum(map(len, runs))
            weight = min(1.0, DOMAIN_CAP / size) if size else 0.0
            for run in runs:
                run += END  # the run ends (the message, or before a letter, digit or space)
                for ch in run:
                    unigrams[ch] += weight
                for i in range(len(run) - 1):
                    pairs[run[i : i + 2]] += weight
                    raw_pairs[run[i : i + 2]] += 1
    if not pairs:
        raise SystemExit(f"no CJK catalogs under {LOCALE_DIR}")
    n_uni = sum(unigrams.values())
    n_pair = sum(pairs.values())
    levels: dict[int, list[str]] = defaultdict(list)
    for pair, count in pairs.items():
        if raw_pairs[pair] < MIN_COUNT:
            continue
        pmi = math.log2(count / n_pair / (unigrams[pair[0]] / n_uni * unigrams[pair[1]] / n_uni))
        level = min(MAX_LEVEL, round(2 * pmi))
        if level >= 1:
            levels[level].append(pair)
    data = {
        "source": "Debian gettext catalogs (zh_CN, zh_TW, ja, ko) outside the own suites' "
        "domains; built by scripts/build_cjk_pairs.py",
        "pairs": {str(k): "".join(sorted(v)) for k, v in sorted(levels.items())},
    }
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")
    with gzip.GzipFile(OUT, "wb", mtime=0) as fh:
        fh.write(raw)
    kept = sum(len(v) for v in levels.values())
    print(
        f"{OUT.name}: {kept} pairs of {len(pairs)} seen, "
        f"{len(raw)} bytes raw, {OUT.stat().st_size} bytes gzip"
    )


if __name__ == "__main__":
    main()
