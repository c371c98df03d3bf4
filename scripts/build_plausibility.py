#!/usr/bin/env python3
"""Build ``newsclean/data/plausibility.json.gz``, the character model used by repair.

Source
    The byte-bigram language models that ship with **chardet 7** (``chardet/models/
    models.bin``; PyPI ``chardet>=7,<8``, already a dependency of newsclean). chardet 7 is
    licensed **0BSD** (its ``LICENSE`` file); the models were trained by the chardet
    project on CulturaX / MADLAD-400 / Wikipedia text (see ``training_metadata.yaml``
    next to them). Nothing from newsclean's benchmarks is read.

What is extracted
    * For every single-byte legacy model ``lang/encoding`` (cp125x, koi8, iso8859-x,
      cp874, ...): each byte pair with a non-zero weight is decoded to a pair of
      characters. Letter pairs become *bigrams*; pair weights summed per character
      become *unigram* frequencies (normalised per model).
    * For the double-byte models (zh/gb18030, zh/big5hkscs, ja/cp932, ko/cp949): a
      (lead, trail) byte pair that decodes to one character gives that character's
      frequency directly.
    * Per language, for the Latin-script languages: letter bigrams with word
      boundaries (a space stands for anything that is not a letter), lower-cased and
      merged over all of the language's single-byte models. These tell Czech from
      Turkish from Danish, which the mixed tables above cannot: they are used to
      choose between Latin code pages read as each other (cp1250 read as cp1252).
    Frequencies are quantised to small integer levels (unigrams 1..9, bigrams 1..8,
    per-language bigrams 0..16 in half-bits; higher is more common) and stored as
    strings of characters per level, so the bundled file is small.

Usage
    python scripts/build_plausibility.py            # writes newsclean/data/plausibility.json.gz
"""

from __future__ import annotations

import codecs
import gzip
import json
import math
import unicodedata
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "newsclean" / "data" / "plausibility.json.gz"

DOUBLE_BYTE = {"gb18030", "big5hkscs", "cp932", "cp949"}
SKIP_ENCODINGS = {
    "utf-8",
    "hz",
    "johab",
    "euc_kr",
    "iso2022_kr",
    "iso2022_jp_2",
    "iso2022_jp_2004",
    "iso2022_jp_ext",
    "euc_jis_2004",
    "shift_jis_2004",
}
SKIP_LANGS = {"zxx"}
#: Languages that get their own bigram table (Latin script, single-byte models).
LATIN_LANGS = (
    "br",
    "cs",
    "cy",
    "da",
    "de",
    "en",
    "eo",
    "es",
    "et",
    "fi",
    "fr",
    "ga",
    "gd",
    "hr",
    "hu",
    "id",
    "is",
    "it",
    "lt",
    "lv",
    "ms",
    "mt",
    "nl",
    "no",
    "pl",
    "pt",
    "ro",
    "sk",
    "sl",
    "sv",
    "tr",
)


def _language_bigrams(models: dict) -> dict[str, dict[str, str]]:
    """Per language: lower-cased letter bigrams with word boundaries, by half-bit level."""
    merged: dict[str, dict[str, int]] = defaultdict(dict)
    for key, table in sorted(models.items()):
        lang, enc = key.split("/", 1)
        if lang not in LATIN_LANGS or enc in SKIP_ENCODINGS:
            continue
        try:
            codecs.lookup(enc)
        except LookupError:
            continue
        chars = [
            " " if ch is None or not ch.isalpha() else ch.lower() for ch in _single_byte_table(enc)
        ]
        pairs = merged[lang]
        for idx, w in enumerate(table):
            if not w:
                continue
            pair = chars[idx >> 8] + chars[idx & 0xFF]
            if pair == "  " or len(pair) != 2:
                continue
            pairs[pair] = max(pairs.get(pair, 0), w)
    out: dict[str, dict[str, str]] = {}
    for lang, pairs in sorted(merged.items()):
        levels: dict[int, list[str]] = defaultdict(list)
        for pair, w in pairs.items():
            levels[round(2 * math.log2(w))].append(pair)
        out[lang] = {str(k): "".join(sorted(v)) for k, v in sorted(levels.items())}
    return out


def _single_byte_table(enc: str) -> list[str | None]:
    table: list[str | None] = []
    for b in range(256):
        try:
            ch = bytes([b]).decode(enc)
        except (UnicodeDecodeError, LookupError):
            ch = None
        table.append(unicodedata.normalize("NFC", ch) if ch and len(ch) == 1 else None)
    return table


def main() -> None:
    from chardet.models import load_models

    models = load_models()
    uni: dict[str, float] = defaultdict(float)
    bi: dict[str, int] = defaultdict(int)
    for key, table in sorted(models.items()):
        lang, enc = key.split("/", 1)
        if lang in SKIP_LANGS or enc in SKIP_ENCODINGS:
            continue
        try:
            codecs.lookup(enc)
        except LookupError:
            continue
        if enc in DOUBLE_BYTE:
            counts: dict[str, int] = {}
            for idx, w in enumerate(table):
                if not w or idx >> 8 < 0x81:
                    continue
                try:
                    ch = bytes([idx >> 8, idx & 0xFF]).decode(enc)
                except UnicodeDecodeError:
                    continue
                if len(ch) == 1 and ord(ch) > 0x2000:
                    counts[ch] = max(counts.get(ch, 0), w)
            top = max(counts.values())
            for ch, w in counts.items():
                uni[ch] = max(uni[ch], w / top)
            continue
        chars = _single_byte_table(enc)
        sums: dict[str, int] = defaultdict(int)
        for idx, w in enumerate(table):
            if not w:
                continue
            a, b = chars[idx >> 8], chars[idx & 0xFF]
            if a is None or b is None:
                continue
            if unicodedata.category(b) == "Mn":
                # cp1258 writes Vietnamese tones as combining marks: count the composed letter
                composed = unicodedata.normalize("NFC", a + b)
                if len(composed) == 1:
                    sums[composed] += w
                    continue
            sums[a] += w
            sums[b] += w
            if a.isalpha() and b.isalpha():
                bi[a + b] = max(bi[a + b], w)
        top = max(v for k, v in sums.items() if k.isalpha())
        for ch, s in sums.items():
            uni[ch] = max(uni[ch], s / top)

    uni_levels: dict[int, list[str]] = defaultdict(list)
    for ch, f in uni.items():
        if ch.isspace() or not f:
            continue
        level = max(1, min(9, 9 + math.floor(math.log2(f))))
        uni_levels[level].append(ch)
    bi_levels: dict[int, list[str]] = defaultdict(list)
    for pair, w in bi.items():
        bi_levels[1 + int(math.log2(w))].append(pair)
    data = {
        "source": "chardet 7 models.bin (0BSD); built by scripts/build_plausibility.py",
        "unigram": {str(k): "".join(sorted(v)) for k, v in sorted(uni_levels.items())},
        "bigram": {str(k): "".join(sorted(v)) for k, v in sorted(bi_levels.items())},
        "languages": _language_bigrams(models),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")
    with gzip.GzipFile(OUT, "wb", mtime=0) as fh:
        fh.write(raw)
    print(
        f"{OUT.name}: {len(uni)} characters, {len(bi)} bigrams, "
        f"{len(raw)} bytes raw, {OUT.stat().st_size} bytes gzip"
    )


if __name__ == "__main__":
    main()
