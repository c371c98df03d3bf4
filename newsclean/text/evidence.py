"""Priors and evidence: how common an encoding is, and how strongly the bytes favour one
reading over another.

Decoding weighs how common an encoding is on the web (:data:`ENCODING_PRIOR`) against
the evidence its reading of the bytes holds: the plausibility cost of the non-ASCII
runs (:func:`runs_cost`, :func:`text_cost`, on a :func:`sample` of a large file), and,
where two readings disagree, a clear margin over characters enough
(:func:`clearly_better`). docs/encoding.md states the rule.
"""

from __future__ import annotations

import functools
import re

#: How common each legacy encoding is on the web, as a prior cost in bits
#: (``-log2`` of its rough share of pages not in UTF-8, from public crawl statistics:
#: Latin-1 / cp1252 about 40 %, cp1251 10 %, the CJK encodings a few % each, the
#: Central European, Turkish, Greek, Baltic, Hebrew, Arabic and Thai pages 0.2–2 %,
#: DOS and Mac code pages a trace). Codecs not listed cost :data:`PRIOR_UNLISTED`.
ENCODING_PRIOR = {
    "cp1252": 1.3,
    "iso8859-1": 1.3,
    "iso8859-15": 3.0,
    "cp1251": 3.3,
    "cp932": 4.3,
    "shift_jis": 4.3,
    "euc_jp": 4.6,
    "gbk": 4.6,
    "gb2312": 4.6,
    "gb18030": 5.0,
    "euc_kr": 5.0,
    "cp949": 5.0,
    "big5": 6.0,
    "big5hkscs": 6.5,
    "cp1250": 5.6,
    "iso8859-2": 6.6,
    "cp1254": 6.6,
    "iso8859-9": 6.6,
    "cp1256": 6.6,
    "cp1253": 7.6,
    "iso8859-7": 7.6,
    "cp1255": 7.6,
    "iso8859-8": 8.0,
    "cp874": 7.6,
    "tis-620": 7.6,
    "koi8-r": 8.4,
    "cp1257": 9.0,
    "iso8859-13": 9.0,
    "koi8-u": 10.0,
    "cp866": 11.0,
    "iso8859-5": 10.0,
    "iso8859-4": 12.0,
    "iso8859-3": 13.0,
    "iso8859-16": 12.0,
    "mac-cyrillic": 13.0,
    "mac-roman": 13.0,
    "cp437": 13.0,
    "cp850": 13.0,
    "cp858": 13.0,
    "hp-roman8": 15.0,
}
PRIOR_UNLISTED = 14.0
#: Plausibility cost of one bit (the character model's levels are 0.7 per halving).
BIT = 0.7
#: The detector's first choice, when it decodes the bytes, is replaced by the model's
#: only if the model finds it this much (in bits) less plausible, after the priors,
#: with every character in which the two readings differ counting for at most
#: :data:`BITS_PER_CHAR`: a few characters are never strong evidence.
DISAGREE_BITS = 6.0
#: Characters of the differing lines the word model compares.
LANGUAGE_CHARS = 2000
#: At most this many bits of evidence per character in which two readings differ, or
#: FOREIGN_BITS where the first reading has a letter foreign to the language of its word
#: and the other a letter (one such letter, with a clear gain, is enough).
BITS_PER_CHAR = 2.0
FOREIGN_BITS = 7.0
#: A reading that glues letters of another alphabet to ASCII letters (``modalitа``) more
#: often than this share of its differing characters is no better.
MIXED_SHARE = 0.2


def encoding_prior(name: str) -> float:
    """Prior cost (in plausibility units) of *name*, a Python codec name."""
    return BIT * ENCODING_PRIOR.get(name, PRIOR_UNLISTED)


def clearly_better(
    theirs: tuple[float, str], ours: tuple[float, str], prior_gap: float = 0.0
) -> bool:
    """Is reading *ours* (cost with prior, text) better than *theirs* by
    :data:`DISAGREE_BITS`, counting each differing character for at most
    :data:`BITS_PER_CHAR` (:data:`FOREIGN_BITS`)? Between two Latin-script readings
    the per-language word model judges, after *prior_gap* (our prior less theirs, in
    plausibility units)."""
    gain = (theirs[0] - ours[0]) / BIT
    if len(theirs[1]) == len(ours[1]):
        differ = sum(1 for a, b in zip(theirs[1], ours[1]) if a != b)
        evidence = BITS_PER_CHAR * differ
        if evidence <= DISAGREE_BITS:
            evidence += (FOREIGN_BITS - BITS_PER_CHAR) * _foreign_letters(theirs[1], ours[1])
    else:  # a double-byte reading against a single-byte one: count the shorter text
        differ = min(len(theirs[1]), len(ours[1]))
        evidence = BITS_PER_CHAR * differ
    if evidence <= DISAGREE_BITS:
        return False
    a, b = _changed_lines(theirs[1], ours[1])
    # two Latin-script readings (cp1252 against mac-roman or cp1250): the word model,
    # which knows each language's letter pairs, is the judge
    if _latin_only(a) and _latin_only(b):
        from newsclean.text.plausibility import language_cost

        words = language_cost(a[:LANGUAGE_CHARS])[0] - language_cost(b[:LANGUAGE_CHARS])[0]
        return gain > 0 and words - prior_gap / BIT > DISAGREE_BITS
    if gain <= DISAGREE_BITS:
        return False
    # letters of another alphabet glued to ASCII letters ("modalitа" for "modalità"):
    # words are written in one script, so such a reading is no better
    return _mixed_words(b) - _mixed_words(a) <= MIXED_SHARE * differ


def _foreign_letters(theirs: str, ours: str) -> int:
    """How many letters of *theirs*, where *ours* (as long) reads another letter, are
    foreign to the language that best explains their word ("è" in "proraèunske" for
    the "č" of "proračunske"; not "è" in "Genève")?"""
    from newsclean.text.plausibility import WORD, foreign_letter

    n = 0
    # lower() may lengthen a letter ("İ" -> "i̇"): keep those as they are, so indices agree
    low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in theirs)
    for m in WORD.finditer(low):
        a, b = m.span()
        if theirs[a:b] == ours[a:b]:
            continue
        n += sum(
            1
            for i in range(a, b)
            if theirs[i] != ours[i]
            and theirs[i].isalpha()
            and ours[i].isalpha()
            and foreign_letter(m.group(), low[i])
        )
    return n


def _changed_lines(a: str, b: str) -> tuple[str, str]:
    """The lines in which two readings of the same bytes differ (all of both if their
    lines do not pair up)."""
    la, lb = a.splitlines(), b.splitlines()
    if len(la) != len(lb):
        return a, b
    pairs = [(x, y) for x, y in zip(la, lb) if x != y]
    return "\n".join(x for x, _ in pairs), "\n".join(y for _, y in pairs)


_MIXED = re.compile(r"[A-Za-z][^\W\d_\x00-\x7f]|[^\W\d_\x00-\x7f][A-Za-z]")
_WORDS = re.compile(r"[^\W\d_]+")


def _mixed_words(text: str) -> int:
    """Signs of letters of another alphabet (Cyrillic, Greek, Arabic...) put among Latin
    words: an ASCII letter touching one, or one standing alone between two Latin words.
    (Ideographs may touch Latin letters.)"""
    from newsclean.text.plausibility import script

    def alphabet(ch: str) -> bool:
        return script(ch) not in ("LATIN", "HAN", "KANA", "HANGUL", "WIDTH", "")

    n = 0
    for m in _MIXED.finditer(text):
        pair = m.group()
        if alphabet(pair[1] if pair[0].isascii() else pair[0]):
            n += 1
    words = _WORDS.findall(text)
    latin = [w.isascii() or not alphabet(w[0]) for w in words]
    for i in range(1, len(words) - 1):
        if latin[i - 1] and latin[i + 1] and not latin[i] and len(words[i]) == 1:
            n += 1
    return n


def _latin_only(text: str) -> bool:
    """Are all the letters of *text* outside ASCII Latin letters?"""
    from newsclean.text.plausibility import script

    return all(script(ch) in ("LATIN", "") for ch in set(text) if not ch.isascii())


#: Files larger than this are judged on a sample of this many bytes: a few stretches of
#: whole lines spread over the file.
SAMPLE_BYTES = 64_000
_SAMPLE_PARTS = 8

#: A run of non-ASCII characters, with the ASCII bytes that can be the second half of a
#: double-byte character, and single spaces between (``[^\x00-\x7f]`` is every character
#: from U+0080 up, and compiles in a fraction of the time the range written out takes,
#: which the regex compiler walks character by character).
_RUN = re.compile(r"[^\x00-\x7f](?:[^\x00-\x7f]|(?<=[^\x00-\x7f])[\x40-\x7e]| (?=[^\x00-\x7f]))*")


def sample(data: bytes) -> bytes:
    """*data* itself if small, else stretches of whole lines from all over it."""
    n = len(data)
    if n <= SAMPLE_BYTES:
        return data
    size = SAMPLE_BYTES // _SAMPLE_PARTS
    parts = []
    for k in range(_SAMPLE_PARTS):
        start = k * (n - size) // (_SAMPLE_PARTS - 1)
        if start:
            nl = data.find(b"\n", start, start + size // 2)
            start = nl + 1 if nl >= 0 else start
        end = min(n, start + size)
        nl = data.rfind(b"\n", start + size // 2, end)
        end = nl + 1 if nl >= 0 and end < n else end
        parts.append(data[start:end])
    return b"".join(parts)


@functools.lru_cache(maxsize=1 << 16)
def _run_cost(run: str, left: str, right: str) -> float:
    from newsclean.text.plausibility import cost

    return cost(run, left, right)


_BYTE_RUN = re.compile(rb"[\x80-\xff](?:[\x80-\xff]|(?<=[\x80-\xff])[\x40-\x7e]| (?=[\x80-\xff]))*")


def byte_runs(data: bytes) -> dict[tuple[bytes, bytes, bytes], int]:
    """The runs of bytes outside ASCII (with the ASCII bytes that can be the second half
    of a double-byte character, and single spaces between), each with the byte before
    and after it, counted: what :func:`text_cost` reads, found once for every codec."""
    runs: dict[tuple[bytes, bytes, bytes], int] = {}
    for m in _BYTE_RUN.finditer(data):
        a, b = m.span()
        key = (data[a - 1 : a] if a else b"", m.group(), data[b : b + 1])
        runs[key] = runs.get(key, 0) + 1
    return runs


def runs_cost(
    runs: dict[tuple[bytes, bytes, bytes], int], codec: str, bound: float | None = None
) -> float | None:
    """Plausibility cost of the runs read with *codec*; None as soon as it exceeds *bound*."""
    total = 0.0
    for (left, run, right), n in runs.items():
        total += n * _run_cost(
            run.decode(codec, "replace"), left.decode("latin-1"), right.decode("latin-1")
        )
        if bound is not None and total > bound:
            return None
    return total


def text_cost(text: str, limit: int | None = None, bound: float | None = None) -> float | None:
    """Plausibility cost of the non-ASCII parts of *text* (ASCII is the same whatever the
    codec), of its first *limit* characters if given; None as soon as it exceeds *bound*."""
    if limit is not None and len(text) > limit:
        text = text[:limit]
    total = 0.0
    for m in _RUN.finditer(text):
        # runs repeat within a file and between code pages that agree on them
        total += _run_cost(m.group(), text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1])
        if bound is not None and total > bound:
            return None
    return total
