"""Language evidence: compact stopword lists, script detection, prose density.

Running prose is full of function words ("the", "of", "que", "и", "の"); menus,
link lists and headlines are not. This module loads the bundled lists in
``newsclean/data/stopwords.txt`` (no network access) and measures, for one line,
the share of its words that are function words of the page's language.

Chinese and Japanese are written without spaces: there the measure is the share
of characters that are function characters (particles, auxiliaries, sentence
punctuation). Korean glues particles to words, so a Korean word also counts as
a function word when it ends in a common particle or verb ending.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from itertools import chain, compress
from operator import not_

#: Languages whose text has no spaces between words.
CJK_LANGUAGES = frozenset({"ja", "zh"})

#: The combining marks written inside words, which ``\w`` does not match: accents of
#: decomposed text, Cyrillic titlos, Hebrew and Arabic vowel points, and the vowel signs
#: and viramas of the Indic scripts, Devanagari to Sinhala (all of those blocks but the
#: dandas, which end a sentence). Without them "की" reads as "क" and "தமிழ்" as two words.
#: Thai, Lao, Khmer and Myanmar, which write no spaces between words, are left split at
#: their marks: the pieces stand in for the words the spaces do not show.
_WORD_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
    "\u0900-\u0963\u0966-\u0dff"
)
#: Words: word characters, as the benchmark and most tokenizers count them, with the
#: marks inside them.
WORD = re.compile(f"[\\w{_WORD_MARKS}]+")

#: The first CJK character (kana): text with nothing from here up has none.
_CJK_FIRST = "\u3040"


#: A character class of CJK letters: Han ideographs, kana and Hangul syllables.
CJK_LETTERS = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff66-\uff9f]"


@cache
def _script(which: str) -> re.Pattern[str]:
    """``cjk`` (Han ideographs, kana and Hangul syllables), ``kana``, ``hangul``, ``han``, or
    ``unspaced`` (Thai, Lao, Myanmar and Khmer letters and signs).

    Each compiled on first use: re walks these large ranges character by character
    when it compiles them, most pages have no CJK character to look for, and most
    that have a few never need the three single scripts.
    """
    return re.compile(
        {
            "cjk": CJK_LETTERS,
            "kana": r"[\u3040-\u30ff]",
            "hangul": r"[\uac00-\ud7af]",
            "han": r"[\u4e00-\u9fff]",
            "unspaced": r"[\u0e01-\u0e4e\u0e81-\u0ede\u1000-\u1049\u1780-\u17d3]",
        }[which]
    )


#: Korean particles and verb endings that close a word in running prose.
KOREAN_ENDINGS = frozenset("은는이가을를에의로와과도만서고다며면지요게한된던할했")

#: Stopword density of a typical prose line, per language (below ``low``: not prose).
#: Lists for languages with few, very frequent function words give higher ratios.
DENSITY = {
    "en": (0.22, 0.30),
    "pt": (0.22, 0.30),
    "es": (0.22, 0.30),
    "fr": (0.22, 0.30),
    "it": (0.20, 0.28),
    "de": (0.20, 0.28),
    "nl": (0.22, 0.30),
    "id": (0.18, 0.26),
    "ru": (0.14, 0.22),
    "ko": (0.30, 0.45),
    "ja": (0.16, 0.24),
    "zh": (0.10, 0.16),
    # Calibrated on translated text against English (bench/density_calibration.py).
    "pl": (0.14, 0.19),
    "cs": (0.12, 0.17),
    "sk": (0.11, 0.15),
    "hr": (0.12, 0.17),
    "uk": (0.12, 0.16),
    "el": (0.19, 0.26),
    "ro": (0.19, 0.26),
    "hu": (0.15, 0.21),
    "tr": (0.10, 0.13),
    "sv": (0.18, 0.25),
    "da": (0.21, 0.29),
    "no": (0.19, 0.27),
    "fi": (0.10, 0.14),
    "ca": (0.22, 0.30),
    "vi": (0.14, 0.19),
    "ar": (0.11, 0.16),
    "fa": (0.15, 0.20),
    "he": (0.08, 0.11),
    "bg": (0.20, 0.28),
    "sr": (0.14, 0.19),
    "sl": (0.14, 0.18),
    "lt": (0.08, 0.11),
    "lv": (0.10, 0.14),
    "et": (0.07, 0.09),
    "sq": (0.21, 0.28),
    "hi": (0.20, 0.27),
    "mr": (0.05, 0.07),
    "bn": (0.09, 0.12),
    "ta": (0.07, 0.09),
    # Urdu has no catalog to calibrate on: it is Hindi's grammar, its list Hindi's words.
    "ur": (0.20, 0.27),
    "gu": (0.10, 0.14),
    "pa": (0.14, 0.19),
    "ne": (0.06, 0.08),
    "te": (0.05, 0.06),
    "kn": (0.04, 0.06),
}
#: Used when no list fits the page (an unknown language): density is not evidence.
UNKNOWN_DENSITY = (0.0, 0.0)


@lru_cache(maxsize=1)
def stopwords() -> dict[str, frozenset[str]]:
    """The bundled stopword lists, by language code.

    >>> sets = stopwords()
    >>> "the" in sets["en"] and "que" in sets["pt"] and "の" in sets["ja"]
    True
    """
    path = os.path.join(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "stopwords.txt"
    )
    with open(path, encoding="utf-8") as handle:
        return parse_stopwords(handle.read())


@lru_cache(maxsize=1)
def _all_stopwords() -> frozenset[str]:
    """The words of the stopword lists of the languages written with spaces."""
    return frozenset().union(
        *(
            words
            for code, words in stopwords().items()
            if code not in CJK_LANGUAGES and code != "ko"
        )
    )


def parse_stopwords(text: str) -> dict[str, frozenset[str]]:
    """Parse the ``[code]`` sectioned word list format.

    >>> sets = parse_stopwords("# c\\n[xx]\\nfoo bar # baz\\n[yy]\\nqux")
    >>> sorted(sets), sorted(sets["xx"])
    (['xx', 'yy'], ['bar', 'foo'])
    """
    sections: dict[str, set[str]] = {}
    current: set[str] | None = None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1].strip(), set())
        elif current is not None:
            current.update(word.lower() for word in line.split())
    return {code: frozenset(words) for code, words in sections.items()}


@lru_cache(maxsize=1)
def beyond_kana_start() -> re.Pattern[str]:
    """Any character from U+3040 up: written as a negated class, which compiles in a fraction
    of the time of the range, and searched far faster than ``max(text)`` walks a line."""
    return re.compile(r"[^\x00-\u303f]")


def word_count(text: str) -> int:
    """Words in *text*: separated by white space, or two CJK characters for one word (four
    letters of Thai, Lao, Myanmar or Khmer: :func:`unspaced_words`).

    >>> word_count("The council met on Monday."), word_count("東京都の人口は増えた")
    (5, 5)
    """
    found = len(text.split())
    if (found - 1) * 12 < len(text) and not text.isascii():  # long runs without spaces: CJK?
        found = max(found, cjk_count(text) // 2, unspaced_words(text))
    return found


def word_counts(texts: Sequence[str]) -> list[int]:
    """:func:`word_count` of each of *texts*, the white-space words of all of them counted
    at once and only the lines that are not ASCII looked at one by one.

    >>> word_counts(["The council met.", "東京都の人口は増えた", "«Oui», dit-il"])
    [3, 5, 2]
    """
    counts = list(map(len, map(str.split, texts)))
    for i in compress(range(len(texts)), map(not_, map(str.isascii, texts))):
        found, text = counts[i], texts[i]
        if (found - 1) * 12 < len(text):
            counts[i] = max(found, cjk_count(text) // 2, unspaced_words(text))
    return counts


#: Letters of a word of Thai, Lao, Myanmar or Khmer, on average (they write no spaces
#: between words: :func:`unspaced_words`).
UNSPACED_WORD_LETTERS = 4


def unspaced_words(text: str) -> int:
    """About how many words *text* has in Thai, Lao, Myanmar or Khmer, which write no
    spaces between words (0: none of those scripts).

    >>> unspaced_words("สภาเทศบาลอนุมัติแผน"), unspaced_words("Die Stadt")
    (4, 0)
    """
    if text.isascii() or max(text) < "\u0e01":
        return 0
    return len(_script("unspaced").findall(text)) // UNSPACED_WORD_LETTERS


def cjk_count(text: str) -> int:
    """Number of CJK characters (Han, kana, Hangul) in *text*.

    >>> cjk_count("東京 2024 ソウル")
    5
    """
    if text.isascii() or not beyond_kana_start().search(text):
        return 0
    if len(text) <= _COUNT_BY_LOOP and not _script.cache_info().currsize:
        # a short text, and no pattern compiled yet: counting one by one costs less than
        # compiling the pattern (which a page with a few CJK characters may never need)
        return sum(
            1 for ch in text if ch >= _CJK_FIRST and any(lo <= ch <= hi for lo, hi in _CJK_RANGES)
        )
    return len(_script("cjk").findall(text))


#: The ranges of ``_script("cjk")``, for :func:`cjk_count`'s loop; texts up to this long
#: are counted by the loop until a longer one has compiled the pattern.
_CJK_RANGES = (
    ("\u3040", "\u30ff"),
    ("\u3400", "\u4dbf"),
    ("\u4e00", "\u9fff"),
    ("\uac00", "\ud7af"),
    ("\uff66", "\uff9f"),
)
_COUNT_BY_LOOP = 4000


def detect_language(lines: list[str], token_lists: list[list[str]] | None = None) -> str | None:
    """Guess the page's language from its longer lines; ``None`` when nothing fits.

    Scripts decide first (kana: Japanese, Hangul: Korean, Han alone: Chinese),
    then the stopword list with the most hits among the words of lines of at
    least eight words. *token_lists* (lowercased ``\\w+`` tokens of the lines,
    when already computed) saves tokenizing again.

    >>> detect_language(["Der Bundestag hat am Freitag über das Gesetz und die Folgen für die Bürger beraten."])
    'de'
    >>> detect_language(["東京都は新しい計画を発表した。市民の生活を守るための対策である。"])
    'ja'
    >>> detect_language(["Xyzzy plugh quux frobnicate zorp blarg wibble wobble"]) is None
    True
    """
    sample = [line for line in lines if len(line) >= 25][:400]
    joined = "\n".join(sample)
    cjk = cjk_count(joined)
    if cjk and cjk * 4 > len(joined):
        if len(_script("hangul").findall(joined)) * 2 > cjk:
            return "ko"
        if len(_script("kana").findall(joined)) * 10 > cjk:
            return "ja"
        if _script("han").search(joined):
            return "zh"
    # Only the words of some stopword list are counted (the hits read no other).
    tokens: Iterable[str]
    if token_lists is None:
        tokens = WORD.findall(joined.lower())
        total = len(tokens)
    else:
        lists = token_lists[:400]
        tokens, total = chain.from_iterable(lists), sum(map(len, lists))
    if not total:
        return None
    counts = Counter(filter(_all_stopwords().__contains__, tokens))
    best, best_hits = None, 0
    # (a stopword list intersected with the page's stopwords walks those, fewer than the
    # list's words, which the view of the page's words intersected with the list walks)
    for code, words_of in stopwords().items():
        if code in CJK_LANGUAGES or code == "ko":
            continue
        hits = sum(map(counts.__getitem__, words_of.intersection(counts)))
        if hits > best_hits:
            best, best_hits = code, hits
    if best is None or best_hits < 0.08 * total:
        return None
    return best


def density(words: list[str], text: str, language: str | None) -> float:
    """Share of function words (or function characters for ja/zh) in a line.

    *words* are the lowercased ``\\w+`` tokens of *text*.

    >>> round(density("the cat sat on the mat".split(), "", "en"), 2)
    0.5
    >>> density(["사진", "뉴스"], "", "ko")
    0.0
    >>> round(density([], "東京の計画を発表した。", "ja"), 2)
    0.45
    """
    if language is None:
        return 0.0
    sets = stopwords()
    if language in CJK_LANGUAGES:
        chars = [c for c in text if not c.isspace()]
        if not chars:
            return 0.0
        func = sets[language]
        return sum(1 for c in chars if c in func) / len(chars)
    if not words:
        return 0.0
    func = sets.get(language, frozenset())
    if language == "ko":
        hits = sum(1 for w in words if w in func or (w[-1] in KOREAN_ENDINGS and len(w) > 1))
    else:
        hits = sum(map(func.__contains__, words))
    return hits / len(words)


def english_scale(language: str | None) -> float:
    """The factor that puts *language*'s densities on English's scale (its high threshold
    at English's): what the models, which learn from mostly English pages, read. A
    Turkish prose line, whose function words are mostly suffixes, is as dense as an
    English one on that scale.

    >>> english_scale("en"), english_scale(None), round(english_scale("ru"), 2)
    (1.0, 1.0, 1.36)
    """
    high = thresholds(language)[1]
    return _ENGLISH_HIGH / high if high else 1.0


_ENGLISH_HIGH = DENSITY["en"][1]


def thresholds(language: str | None) -> tuple[float, float]:
    """(low, high) density thresholds for *language*.

    >>> thresholds("en")
    (0.22, 0.3)
    >>> thresholds(None)
    (0.0, 0.0)
    """
    if language is None:
        return UNKNOWN_DENSITY
    return DENSITY.get(language, UNKNOWN_DENSITY)
