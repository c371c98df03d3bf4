"""The detector and model rungs of the decoding ladder: bytes that are not UTF-8 and
name no usable encoding.

``detector``: chardet, looking among the encodings web pages use, is confident and its
answer decodes the bytes. ``model``: the detector is unsure; of its answers and the
common legacy code pages (:data:`CANDIDATES`), the reading the character model finds
most plausible after the priors wins, but the detector's choice stands unless the
evidence against it is strong (:mod:`newsclean.text.evidence`). ``segments``
(:func:`decode_lines`): no single candidate decodes every byte, each line is decoded
on its own.
"""

from __future__ import annotations

import codecs
import functools
from collections import Counter
from typing import NamedTuple, cast

from newsclean.text.evidence import (
    BIT,
    byte_runs,
    clearly_better,
    encoding_prior,
    runs_cost,
    sample,
    text_cost,
)

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
#: Of the detector's equally confident answers, those whose priors are this close (in
#: bits) are decided by the character model alone.
PRIOR_CLOSE_BITS = 2.0
#: Detector answers within this share of its best confidence count as equally confident.
DETECTOR_TIE = 0.98

#: The ASCII bytes (``data.translate(None, _ASCII)`` keeps the others).
_ASCII = bytes(range(0x80))
#: Code pages the detector no longer looks at that share a script with one it does:
#: its answer is checked against them (a Mac Cyrillic file reads as cp1251 with wrong
#: capitals).
OUTSIDE_DETECTOR = {"cp1251": ("mac-cyrillic", "cp866"), "koi8-r": ("cp866",)}

#: Bytes of non-ASCII lines judged one by one with every codec; past it, a line takes the
#: first of the codecs chosen so far (most used first) that decodes it.
SEGMENT_BUDGET = 256_000
#: Characters of a line the character model looks at.
_LINE_COST_LIMIT = 4_000


class Detected(NamedTuple):
    """What the detector, model or segments rung made of the bytes (see
    :class:`newsclean.text.decode.Decoded`)."""

    text: str
    encoding: str
    confidence: float
    method: str
    replacements: int = 0


def detect(data: bytes) -> Detected | None:
    """The ``detector`` rung, else the ``model`` rung, else ``segments``.

    >>> d = detect("Привет, как дела? Всё хорошо, спасибо.".encode("cp1251"))
    >>> d.encoding, d.text[:6]
    ('cp1251', 'Привет')
    """
    ascii_heavy = _ascii_heavy(data)
    if not ascii_heavy:
        # the normal path: one detector call, as cheap as the detector alone (it looks at
        # the first 200 KB at most)
        confident = _confident(data)
        if confident is not None:
            return confident
    # mostly ASCII: the detector sees only the lines that hold other bytes (the English
    # around them says nothing of their encoding, and costs time)
    names = _detector_answers(_high_lines(data) if ascii_heavy else data)
    if names and names[0][1] >= DETECTOR_FLOOR and not ascii_heavy:
        name, confidence = names[0]
        try:
            return Detected(data.decode(name), name, confidence, "detector")
        except UnicodeDecodeError:
            pass
    return _model(data, names)


def _confident(data: bytes) -> Detected | None:
    """The detector's one answer, if it is confident and decodes the bytes (or the code
    page outside its eras that reads them clearly better)."""
    import chardet

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
            return Detected(text, name, first["confidence"], "detector")
        except UnicodeDecodeError:
            pass
    return None


def _detector_answers(probe: bytes) -> list[tuple[str, float]]:
    """All the detector's answers for *probe*: ``(codec, confidence)``, most confident first."""
    import chardet

    names: list[tuple[str, float]] = []
    for result in chardet.detect_all(probe, **_detector_options()):
        name, confidence = result.get("encoding"), result.get("confidence") or 0.0
        try:
            names.append((codecs.lookup(name or "").name, confidence))
        except (LookupError, TypeError):
            continue
    return names


def _model(data: bytes, names: list[tuple[str, float]]) -> Detected | None:
    """The ``model`` rung: of the detector's answers and :data:`CANDIDATES`, the reading
    the character model finds most plausible, after the priors; the detector's choice
    stands unless the evidence against it is strong."""
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
    part = sample(data)
    scored, best = _score(data, part, favoured, tried)
    if best is None:
        return decode_lines(data, tried)
    name = _choose(part, favoured, scored, best)
    return Detected(data.decode(name), name, detector_conf.get(name, 0.3), "model")


def _score(
    data: bytes, part: bytes, favoured: list[str], tried: list[str]
) -> tuple[dict[str, float], str | None]:
    """The cost (with its prior) of each candidate worth scoring, and the cheapest.

    Each candidate that decodes every byte is scored on *part*, a sample of the file
    (the whole of a small one), plus its prior; the cheapest wins (of equals, the
    commonest). Costs only add up, so a candidate is dropped as soon as it is dearer
    than the best so far; the others are tried commonest first, and none whose prior
    alone is dearer.
    """
    runs = byte_runs(part)
    best: tuple[float, str] | None = None
    scored: dict[str, float] = {}
    # a single-byte reading costs at least its characters alone (pairs only add), so
    # the rest are tried by that lower bound, and none whose bound is dearer than the
    # best reading so far
    counts = _high_counts(part)
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
        c = runs_cost(runs, name, bound=bound)
        if c is None:
            continue
        c += prior
        scored[name] = c
        if best is None or c < best[0] or (c == best[0] and prior < encoding_prior(best[1])):
            best = (c, name)
    return scored, (best[1] if best is not None else None)


def _choose(part: bytes, favoured: list[str], scored: dict[str, float], name: str) -> str:
    """Of the favoured answers, the commonest, unless one about as common reads better
    or a rarer one is clearly better; and it stands against the cheapest reading *name*
    unless that one is clearly better."""
    texts: dict[str, str] = {}

    def reading(n: str) -> tuple[float, str]:
        if n not in texts:
            texts[n] = part.decode(n, "replace")
        return scored[n], texts[n]

    if not favoured:
        return name
    first = favoured[0]
    for n in favoured[1:]:
        close = encoding_prior(n) - encoding_prior(favoured[0]) <= BIT * PRIOR_CLOSE_BITS
        if (
            n in scored
            and scored[n] < scored[first]
            and (
                close
                or clearly_better(
                    reading(first), reading(n), encoding_prior(n) - encoding_prior(first)
                )
            )
        ):
            first = n
    if first != name and not clearly_better(
        reading(first), reading(name), encoding_prior(name) - encoding_prior(first)
    ):
        name = first  # the detector's choice stands unless the evidence is strong
    return name


def _ascii_heavy(data: bytes) -> bool:
    return len(data.translate(None, _ASCII)) < len(data) // 10


def _high_lines(data: bytes) -> bytes:
    """The lines of *data* that hold a byte outside ASCII."""
    return b"\n".join(line for line in data.splitlines() if not line.isascii())


@functools.lru_cache(maxsize=1)
def _detector_options() -> dict:
    """The detector looks only among the encodings web pages use (chardet's modern web
    and ISO eras): that is the prior, and it makes the detector several times faster.
    DOS and Mac code pages (cp866, mac-cyrillic) are left to the model rung's own
    candidates."""
    from chardet import EncodingEra

    return {"encoding_era": EncodingEra.MODERN_WEB | EncodingEra.LEGACY_ISO}


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


def _high_counts(part: bytes) -> list[tuple[int, int]]:
    """Each byte value over 0x7F in *part* with its count, by value."""
    return sorted(Counter(part.translate(None, _ASCII)).items())


def _unigram_cost(counts: list[tuple[int, int]], codec: str) -> float:
    """Character costs of the non-ASCII bytes counted in *counts* (:func:`_high_counts`),
    read with *codec*, plus its prior."""
    costs = _byte_costs(codec)
    total = encoding_prior(codec)
    for b, n in counts:
        total += n * costs[b - 0x80]
    return total


@functools.cache
def _byte_costs(codec: str) -> tuple[float, ...]:
    """The character cost of each byte 0x80-0xFF read alone with *codec* (worked out once
    per codec: the model rung asks for it on every file)."""
    from newsclean.text.plausibility import char_cost

    return tuple(char_cost(bytes([b]).decode(codec, "replace")) for b in range(0x80, 0x100))


def _sibling(data: bytes, name: str) -> str:
    """*name*, or a code page outside the detector's eras that reads *data* clearly
    better (after the priors)."""
    siblings = [n for n in OUTSIDE_DETECTOR.get(name, ()) if _decodes(data, n)]
    if not siblings:
        return name
    part = sample(data)
    # a cheap look first: the characters alone, each byte value once with its count
    counts = _high_counts(part)
    mine = _unigram_cost(counts, name)
    siblings = [n for n in siblings if _unigram_cost(counts, n) < mine]
    if not siblings:
        return name
    runs = byte_runs(part)
    ours = (_cost(runs, name) + encoding_prior(name), part.decode(name))
    for other in siblings:
        theirs = (_cost(runs, other) + encoding_prior(other), part.decode(other, "replace"))
        if theirs[0] < ours[0] and clearly_better(
            ours, theirs, encoding_prior(other) - encoding_prior(name)
        ):
            name, ours = other, theirs
    return name


def _cost(runs: dict[tuple[bytes, bytes, bytes], int], name: str) -> float:
    """The cost of *runs* read with *name* (no bound: always a number)."""
    return cast(float, runs_cost(runs, name))


def _decodes(data: bytes, name: str) -> bool:
    try:
        data.decode(name)
    except UnicodeDecodeError:
        return False
    return True


def decode_lines(data: bytes, names: list[str]) -> Detected | None:
    """The ``segments`` rung: decode line by line, each non-ASCII line with the most
    plausible of *names* that decodes it (cp1252 with replacement where none does)."""
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
                c = cast(float, text_cost(text, _LINE_COST_LIMIT))
                if best is None or c < best[0]:
                    best = (c, name, text)
            if best is not None and len(judged) < 10_000:
                judged[line] = best
        elif best is None:
            for name in sorted(used, key=used.__getitem__, reverse=True):
                try:
                    best = (0.0, name, line.decode(name))
                    break
                except UnicodeDecodeError:
                    continue
        if best is None:
            text, n = decode_counting(line, "cp1252")
            bad += n
            out.append(text)
            used["cp1252"] = used.get("cp1252", 0) + 1
        else:
            out.append(best[2])
            used[best[1]] = used.get(best[1], 0) + 1
    if not used:
        return None
    main = max(used, key=used.__getitem__)
    return Detected("".join(out), main, 0.3, "segments", bad)


def decode_counting(data: bytes, encoding: str) -> tuple[str, int]:
    """Decode with replacement and count the replaced bytes."""
    text = data.decode(encoding, errors="replace")
    return text, text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")
