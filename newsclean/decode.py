"""Bytes to text: find the encoding a page was written in, and say how it was found.

The ladder, first rung that holds wins:

1. ``forced``   – the caller named the encoding (``--encoding``);
2. ``bom``      – a byte-order mark (UTF-8, UTF-16, UTF-32);
3. ``utf-8``    – the bytes are valid UTF-8 (pure ASCII included);
4. ``detector`` – the statistical detector (chardet) is confident enough and its
   answer decodes the bytes without error;
5. ``fallback`` – cp1252, every undecodable byte replaced by U+FFFD and counted.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

#: The detector's answer is used only above this confidence.
DETECTOR_FLOOR = 0.5

_BOMS = (
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
    #: The rung of the ladder that decided: forced, bom, utf-8, detector, fallback.
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


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode *data*, choosing the encoding by the ladder above.

    >>> decode("café".encode("utf-8")).method
    'utf-8'
    >>> d = decode(codecs.BOM_UTF16_LE + "hé".encode("utf-16-le"))
    >>> d.text, d.encoding, d.method
    ('hé', 'utf-16-le', 'bom')
    """
    if encoding:
        text, bad = _decode_counting(data, encoding)
        return Decoded(text, codecs.lookup(encoding).name, 1.0, "forced", bad)
    for bom, name in _BOMS:
        if data.startswith(bom):
            text, bad = _decode_counting(data[len(bom):], name)
            return Decoded(text, name, 1.0, "bom", bad)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", 1.0, "utf-8")
    except UnicodeDecodeError:
        pass
    guess = _detect(data)
    if guess is not None:
        return guess
    text, bad = _decode_counting(data, "cp1252")
    return Decoded(text, "cp1252", 0.0, "fallback", bad)


def _detect(data: bytes) -> Decoded | None:
    import chardet

    result = chardet.detect(data)
    name, confidence = result.get("encoding"), result.get("confidence") or 0.0
    if not name or confidence < DETECTOR_FLOOR:
        return None
    try:
        name = codecs.lookup(name).name
        text = data.decode(name)
    except (LookupError, UnicodeDecodeError):
        return None
    return Decoded(text, name, confidence, "detector")


def _decode_counting(data: bytes, encoding: str) -> tuple[str, int]:
    """Decode with replacement and count the replaced bytes."""
    text = data.decode(encoding, errors="replace")
    return text, text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")


def decode_text(data: bytes) -> str:
    """``decode(data).text``, for scripts and scorers that want a plain function."""
    return decode(data).text
