"""Bytes to text: find the encoding a page was written in, and say how it was found.

The ladder, first rung that holds wins:

1. ``forced``   – the caller named the encoding (``--encoding``);
2. ``bom``      – a byte-order mark (UTF-8, UTF-16, UTF-32);
3. ``nul-pattern`` – UTF-16/32 without a BOM, recognised by where the NUL bytes fall;
4. ``utf-8``    – the bytes are valid UTF-8 (pure ASCII included);
   ``utf-8-replaced`` – nearly valid UTF-8: at least 90% of the bytes outside ASCII
   form valid UTF-8 sequences, and there are a few of them; the stray bytes (a
   truncated character, a byte of junk) become U+FFFD and are counted;
   ``http``    – the charset of the HTTP ``Content-Type`` (a *hint*, given for a page
   read from a web archive), if it decodes the bytes without error, unless the page's
   ``<meta charset>`` names another encoding that also decodes them and reads more
   plausibly (see :func:`_http_hint`);
5. ``declared`` – the encoding the page declares (``<meta charset>``), if it decodes
   the bytes without error;
6. ``detector`` – the statistical detector (chardet) is confident enough and its
   answer decodes the bytes without error;
7. ``model``    – the detector is unsure: of its candidates and the common legacy
   code pages, the one whose text the character model finds most plausible;
8. ``segments`` – no single encoding decodes everything (e.g. mostly English with a
   few sentences pasted in from another page): each line is decoded on its own;
9. ``fallback`` – cp1252, every undecodable byte replaced by U+FFFD and counted.
"""

from __future__ import annotations

import codecs
import functools
import re
from dataclasses import dataclass

#: The detector's answer is used as is only above this confidence.
DETECTOR_FLOOR = 0.5

#: Legacy encodings tried when the detector is unsure, besides its own candidates.
CANDIDATES = (
    "cp1252",
    "cp1250",
    "cp1251",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "iso8859-2",
    "koi8-r",
    "koi8-u",
    "cp866",
    "mac-cyrillic",
    "cp874",
    "gbk",
    "gb18030",
    "big5",
    "cp932",
    "euc-jp",
    "euc-kr",
)

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
#: Of the detector's equally confident answers, those whose priors are this close (in
#: bits) are decided by the character model alone.
PRIOR_CLOSE_BITS = 2.0
#: Detector answers within this share of its best confidence count as equally confident.
DETECTOR_TIE = 0.98
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


#: Byte-order marks and the codec each one names (UTF-32 before UTF-16: they share a prefix).
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class Decoded:
    """The text of a document and how its bytes were read."""

    text: str
    #: Python codec name of the encoding used, e.g. ``"utf-8"``, ``"gbk"``.
    encoding: str
    #: How sure the rung was, from 0 to 1 (1 for BOM, forced and valid UTF-8).
    confidence: float
    #: The rung of the ladder that decided: forced, bom, nul-pattern, utf-8,
    #: utf-8-replaced, declared, detector, model, segments, fallback.
    method: str
    #: How many bytes could not be decoded and became U+FFFD.
    replacements: int = 0

    def to_dict(self) -> dict:
        return {
            "name": self.encoding,
            "confidence": round(self.confidence, 3),
            "method": self.method,
            "replacements": self.replacements,
        }


def decode(
    data: bytes, encoding: str | None = None, declared: str | None = None, hint: str | None = None
) -> Decoded:
    """Decode *data*, choosing the encoding by the ladder above.

    *declared* is the page's own ``<meta charset>``; *hint* the charset the HTTP
    ``Content-Type`` gave (rung ``http``).

    >>> decode("café".encode("utf-8")).method
    'utf-8'
    >>> d = decode(codecs.BOM_UTF16_LE + "hé".encode("utf-16-le"))
    >>> d.text, d.encoding, d.method
    ('hé', 'utf-16-le', 'bom')
    >>> decode("Grüße aus Köln".encode("cp1252"), declared="windows-1252").method
    'declared'
    """
    if encoding:
        text, bad = _decode_counting(data, encoding)
        return Decoded(text, codecs.lookup(encoding).name, 1.0, "forced", bad)
    for bom, name in BOMS:
        if data.startswith(bom):
            text, bad = _decode_counting(data[len(bom) :], name)
            return Decoded(text, name, 1.0, "bom", bad)
    wide = nul_pattern(data)
    if wide is not None:
        text, bad = _decode_counting(data, wide)
        return Decoded(text, wide, 0.9, "nul-pattern", bad)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", 1.0, "utf-8")
    except UnicodeDecodeError:
        pass
    share = _utf8_share(data)
    if share is not None:
        text, bad = _decode_counting(data, "utf-8")
        return Decoded(text, "utf-8", round(0.9 * share, 3), "utf-8-replaced", bad)
    if hint:
        hinted = _http_hint(data, hint, declared)
        if hinted is not None:
            return hinted
    if declared:
        try:
            name = codecs.lookup(declared).name
            return Decoded(data.decode(name), name, 0.9, "declared")
        except (LookupError, UnicodeDecodeError):
            pass
    guess = _detect(data)
    if guess is not None:
        return guess
    text, bad = _decode_counting(data, "cp1252")
    return Decoded(text, "cp1252", 0.0, "fallback", bad)


def decode_text(data: bytes) -> str:
    """``decode(data).text``, for scripts and scorers that want a plain function."""
    return decode(data).text


#: Share of the non-ASCII bytes that must form valid UTF-8 sequences, and how many
#: such sequences there must be, for bytes that are not valid UTF-8 to be read as
#: UTF-8 with a few bad bytes.
UTF8_SHARE = 0.9
UTF8_MIN_SEQUENCES = 3
_ASCII = bytes(range(0x80))


def _utf8_share(data: bytes) -> float | None:
    """Share of the non-ASCII bytes of *data* that form valid UTF-8 sequences, if it is
    high enough (and there are enough sequences) to read *data* as UTF-8 with a few bad
    bytes; else None.

    >>> text = "El niño comió en el café de la esquina. ".encode() * 3
    >>> _utf8_share(text[:50] + b"\\xff\\xfe" + text[50:])
    0.9
    >>> _utf8_share("El niño comió".encode("cp1252")) is None
    True
    """
    ascii_count = len(data) - len(data.translate(None, _ASCII))
    text = data.decode("utf-8", "ignore")
    valid_high = len(text.encode("utf-8", "surrogatepass")) - ascii_count
    invalid = len(data) - ascii_count - valid_high
    sequences = len(text) - ascii_count
    if sequences < UTF8_MIN_SEQUENCES or valid_high < UTF8_SHARE * (valid_high + invalid):
        return None
    return round(valid_high / (valid_high + invalid), 3)


def nul_pattern(data: bytes) -> str | None:
    """UTF-16 / UTF-32 without BOM: most text has NULs in fixed byte positions.

    >>> nul_pattern("plain text".encode("utf-16-le")), nul_pattern(b"plain text")
    ('utf-16-le', None)
    """
    n = len(data)
    if n < 4 or n % 2 or data.count(0) < max(1, n // 64):
        return None
    sample = data[:4000]
    counts = [sample[i::4].count(0) for i in range(4)]
    quarter = max(1, len(sample) // 4)
    full = [c > 0.7 * quarter for c in counts]
    if n % 4 == 0 and full[1] and full[2] and full[3] and not full[0]:
        name = "utf-32-le"
    elif n % 4 == 0 and full[0] and full[1] and full[2] and not full[3]:
        name = "utf-32-be"
    else:
        name = _utf16_by_high_bytes(sample)
        if name is None:
            return None
    try:
        data.decode(name)
    except UnicodeDecodeError:
        return None
    return name


def _utf16_by_high_bytes(sample: bytes) -> str | None:
    """In UTF-16 text of one script, the high byte of each unit takes very few values."""
    from collections import Counter

    for name, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        top = Counter(high).most_common(2)
        if high.count(0) and sum(c for _, c in top) > 0.85 * len(high):
            low = sample[0::2] if name == "utf-16-le" else sample[1::2]
            if len(set(low)) > 2 * len(set(high)):
                return name
    return None


@functools.lru_cache(maxsize=1)
def _detector_options() -> dict:
    """The detector looks only among the encodings web pages use (chardet's modern web
    and ISO eras): that is the prior, and it makes the detector several times faster.
    DOS and Mac code pages (cp866, mac-cyrillic) are left to the model rung's own
    candidates."""
    from chardet import EncodingEra

    return {"encoding_era": EncodingEra.MODERN_WEB | EncodingEra.LEGACY_ISO}


#: Code pages the detector no longer looks at that share a script with one it does:
#: its answer is checked against them (a Mac Cyrillic file reads as cp1251 with wrong
#: capitals).
OUTSIDE_DETECTOR = {"cp1251": ("mac-cyrillic", "cp866"), "koi8-r": ("cp866",)}


@functools.cache
def _single_byte(codec: str) -> bool:
    """Does *codec* read every byte as one character of its own?"""
    try:
        return (
            len(bytes(range(256)).decode(codec, "replace")) == 256
            and len(b"\xc3\xa9\xe4\xb8\xad".decode(codec, "replace")) == 5
        )
    except LookupError:
        return False


def _unigram_cost(counts: list[int], codec: str) -> float:
    """Character costs of the non-ASCII bytes counted in *counts*, read with *codec*,
    plus its prior."""
    from newsclean.text.plausibility import char_cost

    total = encoding_prior(codec)
    for b in range(0x80, 0x100):
        if counts[b]:
            total += counts[b] * char_cost(bytes([b]).decode(codec, "replace"))
    return total


def _sibling(data: bytes, name: str) -> str:
    """*name*, or a code page outside the detector's eras that reads *data* clearly
    better (after the priors)."""
    siblings = [n for n in OUTSIDE_DETECTOR.get(name, ()) if _decodes(data, n)]
    if not siblings:
        return name
    sample = _sample(data)
    # a cheap look first: the characters alone, each byte value once with its count
    counts = [0] * 256
    for b in sample.translate(None, _ASCII):
        counts[b] += 1
    mine = _unigram_cost(counts, name)
    siblings = [n for n in siblings if _unigram_cost(counts, n) < mine]
    if not siblings:
        return name
    runs = _byte_runs(sample)
    ours = (_runs_cost(runs, name) + encoding_prior(name), sample.decode(name))
    for other in siblings:
        theirs = (_runs_cost(runs, other) + encoding_prior(other), sample.decode(other, "replace"))
        if theirs[0] < ours[0] and _clearly_better(
            ours, theirs, encoding_prior(other) - encoding_prior(name)
        ):
            name, ours = other, theirs
    return name


def _detect(data: bytes) -> Decoded | None:
    import chardet

    ascii_heavy = _ascii_heavy(data)
    if not ascii_heavy:
        # the normal path: one detector call, as cheap as the detector alone (it looks at
        # the first 200 KB at most)
        first = chardet.detect(data, **_detector_options())
        try:
            name = codecs.lookup(first.get("encoding") or "").name
        except LookupError:
            name = ""
        if name and (first.get("confidence") or 0.0) >= DETECTOR_FLOOR:
            try:
                text = data.decode(name)
                other = _sibling(data, name)
                if other != name:
                    text, name = data.decode(other), other
                return Decoded(text, name, first["confidence"], "detector")
            except UnicodeDecodeError:
                pass
    # mostly ASCII: the detector sees only the lines that hold other bytes (the English
    # around them says nothing of their encoding, and costs time)
    probe = _high_lines(data) if ascii_heavy else data
    results = chardet.detect_all(probe, **_detector_options())
    names: list[tuple[str, float]] = []
    for result in results:
        name, confidence = result.get("encoding"), result.get("confidence") or 0.0
        try:
            names.append((codecs.lookup(name).name, confidence))
        except (LookupError, TypeError):
            continue
    if names and names[0][1] >= DETECTOR_FLOOR and not ascii_heavy:
        name, confidence = names[0]
        try:
            return Decoded(data.decode(name), name, confidence, "detector")
        except UnicodeDecodeError:
            pass
    detector_conf = dict(names)
    # the detector's choice: of its answers that decode the bytes, the most confident
    # (all within DETECTOR_TIE of it count as equally confident); they are scored in
    # full, to be compared below
    decodable = [(n, c) for n, c in names if _decodes(data, n)]
    top = max((c for _, c in decodable), default=0.0)
    favoured = [n for n, c in decodable if c >= DETECTOR_TIE * top]
    favoured.sort(key=encoding_prior)
    tried: list[str] = []
    for name in favoured + [n for n, _ in names[:6]] + [codecs.lookup(c).name for c in CANDIDATES]:
        if name not in tried:
            tried.append(name)
    # each candidate that decodes every byte is scored on a sample of the file (the whole
    # of a small one), plus its prior; the cheapest wins (of equals, the commonest).
    # Costs only add up, so a candidate is dropped as soon as it is dearer than the best
    # so far; the others are tried commonest first, and none whose prior alone is dearer.
    sample = _sample(data)
    runs = _byte_runs(sample)
    best: tuple[float, str] | None = None
    scored: dict[str, float] = {}
    # a single-byte reading costs at least its characters alone (pairs only add), so
    # the rest are tried by that lower bound, and none whose bound is dearer than the
    # best reading so far
    counts = [0] * 256
    for b in sample.translate(None, _ASCII):
        counts[b] += 1
    floor = {n: _unigram_cost(counts, n) if _single_byte(n) else encoding_prior(n) for n in tried}
    rest = sorted((n for n in tried if n not in favoured), key=floor.__getitem__)
    for name in favoured + rest:
        prior = encoding_prior(name)
        whole = name in favoured
        if not whole and best is not None and floor[name] >= best[0]:
            break
        if not whole and not _decodes(data, name):
            continue
        if best is None or (favoured and name == favoured[0]):
            bound = None
        elif whole:  # a favoured answer matters if cheaper than the best or the commonest
            bound = max(best[0], scored[favoured[0]]) - prior
        else:
            bound = best[0] - prior
        c = _runs_cost(runs, name, bound=bound)
        if c is None:
            continue
        c += prior
        scored[name] = c
        if best is None or c < best[0] or (c == best[0] and prior < encoding_prior(best[1])):
            best = (c, name)
    if best is not None:
        name = best[1]
        texts: dict[str, str] = {}

        def reading(n: str) -> tuple[float, str]:
            if n not in texts:
                texts[n] = sample.decode(n, "replace")
            return scored[n], texts[n]

        # of the favoured answers, the commonest, unless one about as common reads
        # better or a rarer one is clearly better
        first = favoured[0] if favoured else None
        for n in favoured[1:]:
            close = encoding_prior(n) - encoding_prior(favoured[0]) <= BIT * PRIOR_CLOSE_BITS
            if (
                n in scored
                and scored[n] < scored[first]
                and (
                    close
                    or _clearly_better(
                        reading(first), reading(n), encoding_prior(n) - encoding_prior(first)
                    )
                )
            ):
                first = n
        if (
            first is not None
            and first != name
            and not _clearly_better(
                reading(first), reading(name), encoding_prior(name) - encoding_prior(first)
            )
        ):
            name = first  # the detector's choice stands unless the evidence is strong
        return Decoded(data.decode(name), name, detector_conf.get(name, 0.3), "model")
    return _segments(data, tried)


def _decodes(data: bytes, name: str) -> bool:
    try:
        data.decode(name)
    except UnicodeDecodeError:
        return False
    return True


def _clearly_better(
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
    low = theirs.lower()
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


def _sample(data: bytes) -> bytes:
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


#: (``[^\x00-\x7f]`` is every character from U+0080 up, and compiles in a fraction of the
#: time the range written out takes, which the regex compiler walks character by character.)
_RUN = re.compile(r"[^\x00-\x7f](?:[^\x00-\x7f]|(?<=[^\x00-\x7f])[\x40-\x7e]| (?=[^\x00-\x7f]))*")


def _ascii_heavy(data: bytes) -> bool:
    return len(data.translate(None, _ASCII)) < len(data) // 10


def _high_lines(data: bytes) -> bytes:
    """The lines of *data* that hold a byte outside ASCII."""
    return b"\n".join(line for line in data.splitlines() if not line.isascii())


@functools.lru_cache(maxsize=1 << 16)
def _run_cost(run: str, left: str, right: str) -> float:
    from newsclean.text.plausibility import cost

    return cost(run, left, right)


_BYTE_RUN = re.compile(rb"[\x80-\xff](?:[\x80-\xff]|(?<=[\x80-\xff])[\x40-\x7e]| (?=[\x80-\xff]))*")


def _byte_runs(data: bytes) -> dict[tuple[bytes, bytes, bytes], int]:
    """The runs of bytes outside ASCII (with the ASCII bytes that can be the second half
    of a double-byte character, and single spaces between), each with the byte before
    and after it, counted: what :func:`_text_cost` reads, found once for every codec."""
    runs: dict[tuple[bytes, bytes, bytes], int] = {}
    for m in _BYTE_RUN.finditer(data):
        a, b = m.span()
        key = (data[a - 1 : a] if a else b"", m.group(), data[b : b + 1])
        runs[key] = runs.get(key, 0) + 1
    return runs


def _runs_cost(
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


def _text_cost(text: str, limit: int | None = None, bound: float | None = None) -> float | None:
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


#: Bytes of non-ASCII lines judged one by one with every codec; past it, a line takes the
#: first of the codecs chosen so far (most used first) that decodes it.
SEGMENT_BUDGET = 256_000
#: Characters of a line the character model looks at.
_LINE_COST_LIMIT = 4_000


def _segments(data: bytes, names: list[str]) -> Decoded | None:
    """Decode line by line, each non-ASCII line with its most plausible codec."""
    out: list[str] = []
    used: dict[str, int] = {}
    bad = 0
    budget = SEGMENT_BUDGET
    judged: dict[bytes, tuple[float, str, str]] = {}  # lines repeat: each is judged once
    for line in data.splitlines(keepends=True):
        if line.isascii():
            out.append(line.decode("ascii"))
            continue
        best: tuple[float, str, str] | None = judged.get(line)
        if best is None and budget > 0:
            budget -= len(line)
            for name in names:
                try:
                    text = line.decode(name)
                except UnicodeDecodeError:
                    continue
                c = _text_cost(text, _LINE_COST_LIMIT)
                if best is None or c < best[0]:
                    best = (c, name, text)
            if best is not None and len(judged) < 10_000:
                judged[line] = best
        elif best is None:
            for name in sorted(used, key=used.get, reverse=True):
                try:
                    best = (0.0, name, line.decode(name))
                    break
                except UnicodeDecodeError:
                    continue
        if best is None:
            text, n = _decode_counting(line, "cp1252")
            bad += n
            out.append(text)
            used["cp1252"] = used.get("cp1252", 0) + 1
        else:
            out.append(best[2])
            used[best[1]] = used.get(best[1], 0) + 1
    if not used:
        return None
    main = max(used, key=used.get)
    return Decoded("".join(out), main, 0.3, "segments", bad)


def _decode_counting(data: bytes, encoding: str) -> tuple[str, int]:
    """Decode with replacement and count the replaced bytes."""
    text = data.decode(encoding, errors="replace")
    return text, text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")


# ---------------------------------------------------------------------------- the HTTP charset hint

#: Labels that mean windows-1252 on the web: browsers read ISO-8859-1 and ASCII labels as
#: windows-1252 (the WHATWG Encoding Standard), and servers send them for cp1252 pages.
_WEB_LATIN = {"latin-1", "iso8859-1", "ascii"}


def _http_hint(data: bytes, hint: str, declared: str | None) -> Decoded | None:
    """The ``http`` rung: the HTTP charset, believed when the bytes decode with it.

    The bytes have had their say already (a BOM, UTF-16/32 by its NULs, valid UTF-8
    all come first). A ``<meta charset>`` that names another encoding which also
    decodes the bytes overrules the header when its text is more plausible (by the
    character model); otherwise the header holds. None when the bytes do not decode
    with the hint (the ladder goes on).

    >>> _http_hint("Grüße".encode("cp1252"), "ISO-8859-1", None).encoding
    'cp1252'
    >>> _http_hint("Grüße".encode("cp1252"), "utf-8", None) is None
    True
    >>> _http_hint("Привет, мир".encode("cp1251"), "iso-8859-1", "windows-1251").method
    'declared'
    """
    name = _codec(hint)
    if name is None:
        return None
    names = ["cp1252", name] if name in _WEB_LATIN else [name]
    for candidate in names:
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        other = _codec(declared) if declared else None
        other = "cp1252" if other in _WEB_LATIN else other
        if other and other != candidate:
            try:
                rival = data.decode(other)
            except UnicodeDecodeError:
                rival = None
            sample = _sample(data)
            if rival is not None and _text_cost(sample.decode(other, "replace")) < _text_cost(
                sample.decode(candidate, "replace")
            ):
                return Decoded(rival, other, 0.9, "declared")
        return Decoded(text, candidate, 0.9, "http")
    return None


def _codec(label: str | None) -> str | None:
    try:
        return codecs.lookup(label or "").name
    except LookupError:
        return None
