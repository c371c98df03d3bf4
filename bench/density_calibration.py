#!/usr/bin/env python3
"""Stopword density thresholds for a language, calibrated on translated text against English.

A line is prose when enough of its words are function words of the page's language
(``newsclean/extract/languages.py``: ``DENSITY``, the (low, high) thresholds). Languages
differ in how many separate function words they write: Finnish and Turkish glue them to
words, Russian has no articles. English has thresholds (0.22, 0.30), tuned on the dev
pages; another language's are English's times the ratio of the two languages' mean density
over the same sentences, each measured with its own list.

The sentences are the messages of the translation catalogs Debian installs
(``bench/text_sources.py``): an English message of eight words or more that ends with a
full stop, and its translation. Everything is read in a fixed order: the same installed
catalogs give the same table. The ratios of the languages tuned by hand before (pt, fr, it,
de, nl) come out within 0.1 of their hand-set thresholds' ratio; ru comes out lower.

    python bench/density_calibration.py            # the table
    python bench/density_calibration.py pl tr      # some languages only
    python bench/density_calibration.py --detect   # how often each list is detected
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import text_sources  # noqa: E402  (bench/text_sources.py)

from newsclean.extract.languages import (  # noqa: E402
    CJK_LANGUAGES,
    DENSITY,
    WORD,
    density,
    detect_language,
    stopwords,
)

#: The English thresholds the others are scaled from.
ENGLISH = DENSITY["en"]
#: An English message counts when it has this many words and ends with a full stop.
MIN_WORDS = 8


def calibrate(language: str) -> tuple[int, float, float] | None:
    """(sentences, mean English density, mean density of the translations), or None."""
    english, translated = [], []
    for _domain, msgid, msgstr in text_sources.catalog_messages(language):
        source, target = WORD.findall(msgid.lower()), WORD.findall(msgstr.lower())
        if len(source) >= MIN_WORDS and msgid.rstrip().endswith(".") and len(target) >= 5:
            english.append(density(source, msgid, "en"))
            translated.append(density(target, msgstr, language))
    if not english:
        return None
    return len(english), statistics.mean(english), statistics.mean(translated)


def scaled(english: float, translated: float) -> tuple[float, float]:
    """English's thresholds times the ratio of the mean densities, to two places (as
    ``languages.DENSITY`` ships them).

    >>> scaled(0.4, 0.2)
    (0.11, 0.15)
    """
    ratio = translated / english
    return round(ENGLISH[0] * ratio, 2), round(ENGLISH[1] * ratio, 2)


#: Sentences read together for one language guess (a page gives many more).
DETECT_CHUNK = 5
#: At most this many guesses per language.
DETECT_CHUNKS = 80


def detection(language: str) -> Counter:
    """The language detect_language guesses for the catalog's translated sentences of eight
    words or more, :data:`DETECT_CHUNK` at a time (``en``: their English originals)."""
    source = "fr" if language == "en" else language
    messages = text_sources.catalog_messages(source)
    texts = [msgid if language == "en" else msgstr for _domain, msgid, msgstr in messages]
    texts = [text for text in texts if len(text.split()) >= MIN_WORDS]
    chunks = [texts[i : i + DETECT_CHUNK] for i in range(0, len(texts), DETECT_CHUNK)]
    return Counter(detect_language(chunk) for chunk in chunks[:DETECT_CHUNKS])


def detection_table(languages: list[str]) -> None:
    print("| language | guesses | right | other guesses |")
    print("|---|---|---|---|")
    for language in languages:
        found = detection(language)
        total = sum(found.values())
        others = ", ".join(
            f"{code or 'none'} {n}" for code, n in found.most_common() if code != language
        )
        right = f"{found[language] / total:.2f}" if total else ""
        print(f"| {language} | {total} | {right} | {others} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("languages", nargs="*", help="language codes (default: every list)")
    parser.add_argument(
        "--detect", action="store_true", help="how often each language is detected instead"
    )
    args = parser.parse_args()
    spaced = [code for code in stopwords() if code not in CJK_LANGUAGES | {"en", "ko"}]
    if args.detect:
        detection_table(args.languages or ["en", *spaced])
        return 0
    print("| language | sentences | English | translated | ratio | calibrated | shipped |")
    print("|---|---|---|---|---|---|---|")
    for language in args.languages or spaced:
        found = calibrate(language)
        if found is None:
            print(f"| {language} | 0 | | | | | {DENSITY.get(language)} |")
            continue
        count, english, translated = found
        print(
            f"| {language} | {count} | {english:.3f} | {translated:.3f} | {translated / english:.2f} "
            f"| {scaled(english, translated)} | {DENSITY.get(language)} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
