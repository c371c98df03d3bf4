"""Candidate readings of a suspicious run: every way it may have been misread, undone.

For a run of non-ASCII text, :func:`readings` lists what it becomes when each likely
accident is undone: the run read as Latin-1 / cp1252 while it was UTF-8, GBK, cp1251 ...
(:data:`newsclean.text.rebuild.LATIN_TARGETS`, with the double-byte lattice of
:mod:`newsclean.text.lattice` and the gaps of :mod:`newsclean.text.gaps`), two such
layers, and UTF-8 read with a legacy codec (:data:`newsclean.text.rebuild.UTF8_READERS`).
Each reading carries its prior (:mod:`newsclean.text.priors`), the steps it undid, and
its :class:`Route`, so that the runs of one line can be checked for a common
explanation. Which reading wins is decided by :mod:`newsclean.text.search`.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from newsclean.text.gaps import decode_gaps, decode_lost_utf8
from newsclean.text.lattice import decode_lattice
from newsclean.text.priors import reading_prior
from newsclean.text.rebuild import (
    C1_AS_BYTES,
    DOUBLE_BYTE,
    LATIN_TARGETS,
    UTF8_READERS,
    codec_name,
    cp1252_bytes,
    decode_restoring,
    latin_bytes,
)
from newsclean.text.record import UNDER_UTF8, UTF8_FIRST, Step, restored

#: The reader of a run read as Latin-1 / cp1252 (by a Latin-1, cp1252 or UTF-8-first decoder).
LATIN = "L"
#: A complete UTF-8 sequence of two or more bytes: evidence that a run is UTF-8 at all.
_UTF8_COMPLETE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
#: Restored bytes at most in the inner layer of a two-layer reading.
_INNER_MAX_FIXES = 4
#: Restored bytes at least allowed when UTF-8 read with a legacy codec lost bytes.
_LOST_MIN_FIXES = 12
#: The byte standing in for a byte the reader replaced by U+FFFD, until it is guessed.
_WILD = 0x80


class Route(NamedTuple):
    """The misreading a reading undoes: the codec the run was wrongly read with
    (:data:`LATIN` for Latin-1 / cp1252), the codec it was really in, and for two layers
    the codec under that one.

    >>> Route(LATIN, "utf-8", "gbk")
    Route(reader='L', codec='utf-8', under='gbk')
    """

    reader: str
    codec: str
    under: str = ""


class Reading(NamedTuple):
    """One candidate reading of a run."""

    text: str
    #: The steps undone to get it.
    undone: tuple[Step, ...]
    #: Its prior cost (:func:`newsclean.text.priors.reading_prior`, plus the lattice's).
    prior: float
    route: Route


@functools.lru_cache(maxsize=4096)
def readings(run: str) -> tuple[Reading, ...]:
    """Candidate readings of *run*, unsorted.

    Results are cached (runs repeat on a page).

    >>> [r.text for r in readings("CafÃ©") if r.route == Route(LATIN, "utf-8")]
    ['Café']
    """
    data, mixed = latin_bytes(run)
    out = _latin_readings(run, data, mixed)
    if not run.isascii():
        out += _utf8_readings(run, data)
    return tuple(out)


def _latin_step(codec: str, run: str, mixed: bool, fixes: list[str]) -> Step:
    """The step of *run*, in *codec*, read as Latin-1 / cp1252 (by a UTF-8-first decoder
    if *mixed*)."""
    if mixed:
        return Step(codec, "Latin-1", UTF8_FIRST, restored(fixes))
    return Step(codec, latin_label(run), "", restored(fixes))


def _latin_readings(run: str, data: bytes, mixed: bool) -> list[Reading]:
    """Readings of *run* (whose Latin-1 / cp1252 bytes are *data*) in each codec of
    :data:`LATIN_TARGETS`, and under a UTF-8 layer."""
    out: list[Reading] = []
    for target in LATIN_TARGETS:
        got = decode_restoring(data, target)
        route = Route(LATIN, target)
        name = codec_name(target)
        if target in DOUBLE_BYTE:
            lat = decode_lattice(run, target)
            if lat is not None and lat.text != run and (got is None or lat.text != got[0]):
                step = _latin_step(name, run, mixed, lat.fixes)
                prior = reading_prior(target, lat.fixes) + lat.prior
                out.append(Reading(lat.text, (step,), prior, route))
        if target == "utf-8" and got is None and _UTF8_COMPLETE.search(data):
            gaps = decode_gaps(data)
            if gaps is not None:
                fixes = ["C1 byte (gap)"] * gaps[1]
                step = _latin_step("UTF-8", run, mixed, fixes)
                out.append(Reading(gaps[0], (step,), reading_prior(target, fixes), route))
        if got is None:
            continue
        text, fixes = got
        if text == run:
            continue
        step = _latin_step(name, run, mixed, fixes)
        out.append(Reading(text, (step,), reading_prior(target, fixes), route))
        if target == "utf-8" and not text.isascii():
            out += _under_utf8(text, fixes)
    return out


def _under_utf8(text: str, fixes: list[str]) -> list[Reading]:
    """Two layers: UTF-8 read as cp1252 (giving *text*, with *fixes*), whose own bytes
    were a legacy reading."""
    inner, inner_mixed = latin_bytes(text)
    if inner_mixed:
        return []
    out = []
    for t2 in LATIN_TARGETS:
        got2 = decode_restoring(inner, t2, max_fixes=_INNER_MAX_FIXES)
        if got2 is None or got2[0] == text:
            continue
        both = got2[1] + fixes
        step = Step(codec_name(t2), "Latin-1", UNDER_UTF8, restored(both))
        out.append(Reading(got2[0], (step,), reading_prior(t2, both, 2), Route(LATIN, "utf-8", t2)))
    return out


def _utf8_readings(run: str, data: bytes) -> list[Reading]:
    """Readings of *run* as UTF-8 read with each codec of :data:`UTF8_READERS` (its
    U+FFFD the bytes the reader replaced, guessed back)."""
    out = []
    pieces = run.split("\ufffd")
    for reader in UTF8_READERS:
        try:
            parts = [p.encode(reader, C1_AS_BYTES) for p in pieces]
        except UnicodeEncodeError:
            continue
        wild = set()
        buf = bytearray()
        for i, part in enumerate(parts):
            if i:
                wild.add(len(buf))
                buf.append(_WILD)
            buf += part
        raw, lost = bytes(buf), frozenset(wild)
        if not lost and data == raw:
            continue
        got = None
        if lost:
            text = decode_lost_utf8(raw, lost, reader)
            if text is not None:
                got = (text, ["lost byte guessed"] * len(lost))
        if got is None:
            got = decode_restoring(
                raw, "utf-8", lost, max_fixes=max(_LOST_MIN_FIXES, len(lost) + 4)
            )
        if got is None or got[0] == run:
            continue
        step = Step("UTF-8", codec_name(reader), "", restored(got[1]))
        out.append(
            Reading(
                got[0], (step,), reading_prior(reader, got[1], reader=True), Route(reader, "utf-8")
            )
        )
    return out


def latin_label(run: str) -> str:
    """The codec that read *run* as Latin-1 text: cp1252 if it holds a cp1252 sign.

    >>> latin_label("Ã©"), latin_label("â€™")
    ('Latin-1', 'cp1252')
    """
    cp = cp1252_bytes()
    if any(ch in cp for ch in run):
        return "cp1252"
    return "Latin-1"
