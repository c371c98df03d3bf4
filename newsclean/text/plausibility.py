"""How plausible is a piece of text as something a person wrote?

A small character model used to choose between readings of the same bytes. Lower cost
means more plausible; costs add up over characters, so two readings of one span can be
compared directly. The tables (character frequency levels and letter bigrams) are built
by ``scripts/build_plausibility.py`` and loaded on first use.

>>> cost("Пропуснете") < cost("Ïðîïóñíåòå")
True
>>> cost("麻豆传媒映画") < cost("Â鶹´«Ã½Ó³»")
True
"""

from __future__ import annotations

import functools
import gzip
import json
import operator
import os
import re
import unicodedata
from collections.abc import Iterator

_DATA = "plausibility.json.gz"
_CJK_DATA = "cjkpairs.json.gz"

#: Cost of a character of each broad kind that the tables do not list.
_C_CONTROL = 12.0
_C_PRIVATE = 12.0
_C_REPLACEMENT = 6.0
_C_RARE_HAN = 8.0
_C_RARE_LATIN = 7.0
_C_OTHER_LETTER = 1.5
_C_SYMBOL = 6.0
_C_PUNCT = 3.0
_C_MARK = 4.0
#: Cost of two adjacent letters of one script that are never seen together.
_C_UNSEEN_BIGRAM = 3.0
#: Cost of two adjacent letters of different alphabetic scripts (Latin next to Cyrillic).
_C_SCRIPT_CLASH = 6.0
#: Cost of a capital letter right after a small one (non-ASCII letters of one script).
_C_CASE_SWITCH = 3.0
#: Cost of a kana touching a hangul syllable (Japanese inside Korean or the reverse).
_C_KANA_HANGUL = 4.0
#: Cost of an ideograph touching a letter of an alphabetic script.
_C_HAN_TOUCH = 2.5
#: A symbol or sign wedged between two letters ("Ã½Ó", "´«").
_C_SYMBOL_IN_WORD = 3.0


@functools.lru_cache(maxsize=2)
def _data(name: str = _DATA) -> dict:
    """The bundled model file, read once.

    Read beside this module when it is there (importlib.resources alone takes longer
    to import than the model takes to load); through importlib.resources otherwise
    (an installation inside a zip file).
    """
    try:
        with open(os.path.join(os.path.dirname(__file__), "data", name), "rb") as handle:
            raw = handle.read()
    except OSError:
        from importlib import resources

        raw = resources.files("newsclean").joinpath("data").joinpath(name).read_bytes()
    return json.loads(gzip.decompress(raw))


def _pairs(pairs: str) -> Iterator[str]:
    """The two-character strings a level's string is made of, cut at C speed.

    >>> list(_pairs("abcdef"))
    ['ab', 'cd', 'ef']
    """
    return map(operator.add, pairs[::2], pairs[1::2])


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, int], dict[str, int]]:
    # dict.fromkeys per level builds the tables in a few milliseconds (a loop per
    # entry took five times longer, most of the model's loading time).
    data = _data()
    uni: dict[str, int] = {}
    for level, chars in data["unigram"].items():
        uni.update(dict.fromkeys(chars, int(level)))
    bi: dict[str, int] = {}
    for level, pairs in data["bigram"].items():
        bi.update(dict.fromkeys(_pairs(pairs), int(level)))
    return uni, bi


@functools.cache
def script(ch: str) -> str:
    """The script of a character, coarsely, from its Unicode name.

    >>> script("a"), script("Ж"), script("中"), script("カ"), script("한"), script("1")
    ('LATIN', 'CYRILLIC', 'HAN', 'KANA', 'HANGUL', '')
    """
    if not ch.isalpha():
        return ""
    name = unicodedata.name(ch, "")
    if name.startswith("CJK") or "IDEOGRAPH" in name:
        return "HAN"
    if name.startswith(("HIRAGANA", "KATAKANA", "HALFWIDTH KATAKANA")):
        return "KANA"
    if name.startswith(("HANGUL", "HALFWIDTH HANGUL")):
        return "HANGUL"
    if name.startswith(("FULLWIDTH", "HALFWIDTH")):
        return "WIDTH"
    return name.split(" ", 1)[0]


_IDEOGRAPHIC = {"HAN", "KANA", "HANGUL"}
_MARKS_OK = frozenset(" .,;:!?'\"()-")


@functools.cache
def _mark_script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    if name.startswith("COMBINING"):
        return ""
    return name.split(" ", 1)[0]


@functools.cache
def char_cost(ch: str) -> float:
    """Cost of one character on its own (0 for the most common ones).

    >>> char_cost("e") < char_cost("é") < char_cost("\\x85")
    True
    """
    uni, _ = _tables()
    level = uni.get(ch)
    if ch.isascii():
        if ch.isalnum() or ch in " \t\n\r":
            return 0.0 if ch.isspace() or ch.isdigit() else max(0.0, (9 - (level or 5)) * 0.4)
        if ch.isprintable():
            return 0.5
        return _C_CONTROL
    if level is not None:
        return (9 - level) * 0.7
    if ch == "\ufffd":
        return _C_REPLACEMENT
    cat = unicodedata.category(ch)
    if cat in ("Cc", "Cs", "Cn"):
        return _C_CONTROL
    if cat == "Co":
        return _C_PRIVATE
    if cat == "Cf":
        return 4.0
    if cat.startswith("L"):
        sc = script(ch)
        if sc in ("HAN", "HANGUL"):
            return _C_RARE_HAN
        if sc == "KANA":
            return 6.0 if "HALFWIDTH" in unicodedata.name(ch, "") else 4.0
        if sc == "WIDTH":
            return 6.0
        if sc == "LATIN":
            return _C_RARE_LATIN
        if sc in ("CYRILLIC", "GREEK", "ARABIC", "HEBREW", "THAI"):
            return 6.0
        return _C_OTHER_LETTER
    if cat.startswith("M"):
        return _C_MARK
    if cat.startswith("N"):
        return 3.0
    if cat.startswith("Z"):
        return 2.0 if ch in "\u00a0\u202f\u2009" else 5.0
    if cat.startswith("P"):
        return _C_PUNCT
    return _C_SYMBOL


def known_chars() -> frozenset[str]:
    """Every character of the character table."""
    return frozenset(_tables()[0])


def known(ch: str) -> bool:
    """Is *ch* in the character table (seen in the model's training text)?"""
    return ch in _tables()[0]


def bigram_level(a: str, b: str) -> int | None:
    """Frequency level (1..8, higher is more common) of letter pair *a* *b*, or None."""
    bi = _tables()[1]
    level = bi.get(a + b)
    return level if level is not None else bi.get((a + b).lower())


@functools.lru_cache(maxsize=1)
def _cjk_pairs() -> dict[str, int]:
    pairs: dict[str, int] = {}
    for level, text in _data(_CJK_DATA)["pairs"].items():
        pairs.update(dict.fromkeys(_pairs(text), int(level)))
    return pairs


#: Bonus per level (half bits of pointwise mutual information) of a listed CJK pair:
#: the unigram levels cost 0.7 a bit, so a listed pair turns the cost of its second
#: character into that of a bigram model.
_CJK_PER_LEVEL = 0.35
_CJK_MAX_LEVEL = 24
#: The most a pair can lower a cost (the only pair costs below 0 are CJK pairs): searches
#: that stop once costs only grow allow this much for a CJK character.
PAIR_BONUS_MAX = _CJK_PER_LEVEL * _CJK_MAX_LEVEL


def _cjk_bonus(a: str, b: str) -> float:
    """How much more plausible ideograph, kana, hangul or CJK sign *b* is after *a*
    than on its own: 0 unless the pair is listed in the CJK pair table."""
    level = _cjk_pairs().get(a + b)
    return 0.0 if level is None else _CJK_PER_LEVEL * level


def end_cost(ch: str) -> float:
    """Cost of a run of CJK text ending on *ch* (below 0 for the characters that often end
    one, ``。`` or ``す``; 0 for the others and for any other character).

    >>> end_cost("す") < end_cost("し") <= 0
    True
    """
    return -_cjk_bonus(ch, "\n") if ch >= "\u3000" else 0.0


@functools.lru_cache(maxsize=1 << 17)
def pair_cost(a: str, b: str) -> float:
    """Cost of letter *b* following letter *a* (0 unless both are letters; below 0 for a
    pair of CJK characters common in real text).

    >>> pair_cost("で", "は") < pair_cost("で", "の") < 0 == pair_cost("寄", "码")
    True
    """
    if b in _MARKS_OK:
        return 0.0
    if a >= "\u3000" and b >= "\u3000":
        bonus = _cjk_bonus(a, b)
        if bonus:
            return _pair_cost(a, b) - bonus
    return _pair_cost(a, b)


def _pair_cost(a: str, b: str) -> float:
    if b in _MARKS_OK:
        return 0.0
    if unicodedata.category(b) == "Mn":
        if not a.isalpha() and unicodedata.category(a) != "Mn":
            return _C_SCRIPT_CLASH
        return 0.0 if _mark_script(b) in ("", script(a) or _mark_script(a)) else _C_SCRIPT_CLASH
    if a.isalpha() and not a.isascii() and unicodedata.category(a) == "Mn" and b.isalpha():
        return 0.0 if _mark_script(a) in ("", script(b)) else _C_SCRIPT_CLASH
    if not (a.isalpha() and b.isalpha()):
        return 0.0
    if a.isascii() and b.isascii():
        return 0.0
    sa, sb = script(a), script(b)
    if sa in _IDEOGRAPHIC or sb in _IDEOGRAPHIC:
        if sa == sb:
            return 0.0
        if sa in _IDEOGRAPHIC and sb in _IDEOGRAPHIC:
            # kana and hangul never touch in real text; either may touch Han
            return _C_KANA_HANGUL if {sa, sb} == {"KANA", "HANGUL"} else 0.0
        return _C_HAN_TOUCH
    if sa != sb:
        return _C_SCRIPT_CLASH
    if a.islower() and b.isupper():
        return _C_CASE_SWITCH  # "уЖтАЩ": a capital inside a lower-case word
    level = bigram_level(a, b)
    if level is None:
        return _C_UNSEEN_BIGRAM
    return max(0.0, (5 - level) * 0.4)


def cost(text: str, left: str = "", right: str = "") -> float:
    """Total cost of *text*, with the characters around it (*left*, *right*) as context."""
    total = 0.0
    prev = left[-1:] if left else ""
    n = len(text)
    for i, ch in enumerate(text):
        total += char_cost(ch)
        if prev:
            total += pair_cost(prev, ch)
        if not ch.isascii() and _odd_inside_word(ch):
            nxt = text[i + 1] if i + 1 < n else right[:1]
            if prev.isalpha() and nxt.isalpha():
                total += _C_SYMBOL_IN_WORD
        prev = ch
    if right and prev:
        total += pair_cost(prev, right[0])
    return total


@functools.cache
def _odd_inside_word(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return (cat[0] in "SN" and cat != "Nd") or (
        cat in ("Pi", "Pf", "Po", "Ps", "Pe") and ch not in "’·"
    )


# ---------------------------------------------------------------- languages

#: Per-language word model (Latin-script languages): a word costs the sum of its letter
#: bigrams (word boundaries included) under one language, ``8 - log2(weight)`` each.
_L_UNSEEN = 13.0
#: Cost per bigram of the "other language" state, for words no table knows well
#: (languages without a table, names): it keeps such words from being pulled towards
#: whichever table happens to know a letter.
_L_OTHER = 4.0
#: Cost of switching language between two words (an embedded foreign name or phrase).
_L_SWITCH = 14.0
#: A pair costing this much in its most likely language (seen once in a while at best)
#: is rare everywhere.
_L_RARE = 8.0


@functools.lru_cache(maxsize=1)
def _language_tables() -> tuple[tuple[str, ...], tuple[dict[str, float], ...]]:
    names, tables = [], []
    for lang, levels in sorted(_data().get("languages", {}).items()):
        table: dict[str, float] = {}
        for level, pairs in levels.items():
            table.update(dict.fromkeys(_pairs(pairs), max(0.0, 8.0 - int(level) / 2)))
        names.append(lang)
        tables.append(table)
    return tuple(names), tuple(tables)


@functools.lru_cache(maxsize=20000)
def _word_costs(word: str) -> tuple[float, ...]:
    """Cost of one lower-cased word under each language table, then the "other" state."""
    rows, unseen = _pair_rows()
    w = f" {word} "
    out = [sum(col) for col in zip(*[rows.get(w[i : i + 2], unseen) for i in range(len(w) - 1)])]
    out.append(_L_OTHER * (len(w) - 1))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _pair_rows() -> tuple[dict[str, tuple[float, ...]], tuple[float, ...]]:
    """Each letter pair's cost under every language table, in one row (one look-up per
    pair instead of one per pair and language)."""
    _, tables = _language_tables()
    pairs = set().union(*tables) if tables else set()
    rows = {p: tuple(t.get(p, _L_UNSEEN) for t in tables) for p in pairs}
    return rows, (_L_UNSEEN,) * len(tables)


@functools.lru_cache(maxsize=1)
def _best_pair_costs() -> dict[str, float]:
    best: dict[str, float] = {}
    for table in _language_tables()[1]:
        for pair, c in table.items():
            if c < best.get(pair, _L_UNSEEN):
                best[pair] = c
    return best


@functools.lru_cache(maxsize=1)
def _alphabets() -> tuple[frozenset[str], ...]:
    """Per language table, the letters it uses (in a pair seen more than rarely)."""
    return tuple(
        frozenset(ch for pair, c in table.items() if c < _L_RARE for ch in pair if ch.isalpha())
        for table in _language_tables()[1]
    )


def foreign_letter(word: str, ch: str, unexplained: bool = True) -> bool:
    """Is letter *ch* foreign to the language that best explains the lower-cased *word*
    on its own (or does no language explain it better than the "other" state: then
    *unexplained*)?

    >>> foreign_letter("planète", "è"), foreign_letter("nepostojeæi", "æ")
    (False, True)
    """
    costs = _word_costs(word)
    best = min(range(len(costs)), key=costs.__getitem__)
    if best == len(costs) - 1:
        return unexplained
    return ch.lower() not in _alphabets()[best]


def rare_in_every_language(pair: str, limit: float | None = None) -> bool:
    """Is the lower-cased letter pair (space for a word boundary) rare in every table?

    *limit* is the cost from which a pair counts as rare (default: seen once in a while
    at best).

    >>> rare_in_every_language("će"), rare_in_every_language("uæ")
    (False, True)
    """
    return _best_pair_costs().get(pair, _L_UNSEEN) >= (_L_RARE if limit is None else limit)


#: Non-ASCII punctuation (Latin-1 and General Punctuation); all of it but dashes and
#: apostrophes may stand inside a word. Opening marks stand before a word, closing
#: marks after it.
_PUNCT_INSIDE = "\u00a1\u00a7\u00ab\u00b6\u00b7\u00bb\u00bf\u2016\u2017\u201a-\u2027\u2030-\u205e"
_PUNCT = _PUNCT_INSIDE + "\u2010-\u2015\u2018\u2019"
_OPENING = "\u00a1\u00ab\u00bf\u201a\u201c\u201e\u2039"
_CLOSING = "\u00bb\u201d\u203a\u2026"
#: Signs written next to a word (currency, ©, ®, ™, °) belong to it only between letters.
_SIGNS = "\u00a2\u00a3\u00a5\u00a9\u00ae\u00b0\u20ac\u2122"
_WORD_CHAR = f"(?:[^\\W\\d_]|[^\\x00-\\x7f\\s\\w{_PUNCT}{_SIGNS}])"
#: A word for the language model: letters, with any non-ASCII symbol between or next
#: to them (a sign inside a word is what a misread code page often leaves), and
#: punctuation and signs only between letters, or on the side of a word where they do
#: not belong ("wzd³u¿", "¿" after a word): quotes and signs where typography puts them
#: are not part of the word (``«Koh``, ``Lanta»``, ``Roomba®``, ``©Viva``), and a dash
#: or an apostrophe ends a word as ASCII ``-`` and ``'`` do.
WORD = re.compile(
    f"[{_CLOSING}]*{_WORD_CHAR}+(?:[{_PUNCT_INSIDE}{_SIGNS}]+{_WORD_CHAR}+)*[{_OPENING}]*"
)


#: Turkish İ, and the letter before it if any.
_CAPITAL_I = re.compile("([^\\W\\d_]?)\u0130")


def _dotted_i(m: re.Match[str]) -> str:
    """Turkish İ lower-cases to i and a combining dot, which no table holds: it is read as
    ``i``, unless it follows a small letter (a capital inside a small word is no Turkish
    İ: ``Center©Zendesk`` read as ISO-8859-3)."""
    before = m.group(1)
    return m.group() if before.islower() else before + "i"


def language_cost(text: str) -> tuple[float, str]:
    """Cost of *text* as words of Latin-script languages, and the language that fits best.

    Each word is scored under every language table (and an "other language" state for
    words none fits); switching language between words costs extra, so a line is
    mostly read as one language, yet a foreign name or phrase inside it can be another.

    >>> language_cost("Temayı değiştir")[0] < language_cost("Temayý deðiþtir")[0]
    True
    >>> language_cost("Nepostojeći tip geometrije.")[1]
    'hr'
    >>> language_cost("İspanyolcası")[0] < language_cost("Ýspanyolcasý")[0]
    True
    """
    if "\u0130" in text:
        text = _CAPITAL_I.sub(_dotted_i, text)
    words = WORD.findall(text.lower())
    names, _ = _language_tables()
    if not words or not names:
        return 0.0, ""
    n = len(names) + 1
    best = list(_word_costs(words[0]))
    for word in words[1:]:
        wc = _word_costs(word)
        low = min(best) + _L_SWITCH
        best = [wc[i] + (best[i] if best[i] < low else low) for i in range(n)]
    i = min(range(n), key=best.__getitem__)
    return best[i], (names[i] if i < len(names) else "other")
