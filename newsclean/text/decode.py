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
   plausibly;
5. ``declared`` – the encoding the page declares (``<meta charset>``), if it decodes
   the bytes without error;
6. ``detector`` – the statistical detector (chardet) is confident enough and its
   answer decodes the bytes without error (this rung and the next two:
   :mod:`newsclean.text.detect`, weighing priors and evidence with
   :mod:`newsclean.text.evidence`);
7. ``model``    – the detector is unsure: of its candidates and the common legacy
   code pages, the one whose text the character model finds most plausible;
8. ``segments`` – no single encoding decodes everything (e.g. mostly English with a
   few sentences pasted in from another page): each line is decoded on its own;
9. ``fallback`` – cp1252, every undecodable byte replaced by U+FFFD and counted.
"""

from __future__ import annotations

import codecs
from collections import Counter
from dataclasses import dataclass
from typing import cast

from newsclean.text.detect import decode_counting
from newsclean.text.evidence import sample, text_cost

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
        text, bad = decode_counting(data, encoding)
        return Decoded(text, codecs.lookup(encoding).name, 1.0, "forced", bad)
    for bom, name in BOMS:
        if data.startswith(bom):
            text, bad = decode_counting(data[len(bom) :], name)
            return Decoded(text, name, 1.0, "bom", bad)
    wide = nul_pattern(data)
    if wide is not None:
        text, bad = decode_counting(data, wide)
        return Decoded(text, wide, 0.9, "nul-pattern", bad)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", 1.0, "utf-8")
    except UnicodeDecodeError:
        pass
    share = _utf8_share(data)
    if share is not None:
        text, bad = decode_counting(data, "utf-8")
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
    from newsclean.text.detect import detect

    guess = detect(data)
    if guess is not None:
        return Decoded(*guess)
    text, bad = decode_counting(data, "cp1252")
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
    # (a search for a NUL stops at the first one; most inputs have none, and are not counted)
    if n < 4 or n % 2 or 0 not in data or data.count(0) < max(1, n // 64):
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
        high = _utf16_by_high_bytes(sample)
        if high is None:
            return None
        name = high
    try:
        data.decode(name)
    except UnicodeDecodeError:
        return None
    return name


def _utf16_by_high_bytes(sample: bytes) -> str | None:
    """In UTF-16 text of one script, the high byte of each unit takes very few values. Korean
    or Chinese takes many (Hangul's run from 0xAC to 0xD7), but the ASCII among it (markup,
    digits, spaces) puts NULs in the high bytes and almost none in the low ones.

    >>> _utf16_by_high_bytes("<p>시의회는 화요일 계획을 승인했다.</p>".encode("utf-16-be"))
    'utf-16-be'
    """
    for name, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        low = sample[0::2] if name == "utf-16-le" else sample[1::2]
        top = Counter(high).most_common(2)
        if high.count(0) and sum(c for _, c in top) > 0.85 * len(high):
            if len(set(low)) > 2 * len(set(high)):
                return name
        elif high.count(0) >= 0.2 * len(high) and low.count(0) <= 0.02 * len(low):
            return name
    return None


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
            part = sample(data)
            theirs = cast(float, text_cost(part.decode(other, "replace")))
            if rival is not None and theirs < cast(
                float, text_cost(part.decode(candidate, "replace"))
            ):
                return Decoded(rival, other, 0.9, "declared")
        return Decoded(text, candidate, 0.9, "http")
    return None


def _codec(label: str | None) -> str | None:
    try:
        return codecs.lookup(label or "").name
    except LookupError:
        return None
