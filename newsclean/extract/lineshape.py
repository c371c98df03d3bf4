"""The shape of a text line, as the line model reads it: punctuation, digits, capitals,
title case, all capitals, a bullet, a closing colon, a link left as text, separators.

A line's head (its first :data:`~newsclean.extract.blockrows.RATIO_CHARS` characters)
gives the shares; a head of ASCII characters alone (most lines of English prose) has its
punctuation, digits and capitals counted by deleting them from its bytes, in C, instead
of by a pattern's list of matches.
"""

from __future__ import annotations

import re

from newsclean.extract.blockrows import PUNCT, PUNCT_ASCII, RATIO_CHARS

_DIGITS = re.compile(r"\d")
#: The first character of each word: at the start or after white space. A capital is one
#: that ``str.isupper`` says is (Ł, Š, Ş, Є as well as A), counted in C.
_WORD_STARTS = re.compile(r"(?<!\S)\w")
#: The ASCII digits and capitals, as bytes to delete (the punctuation's: the block
#: model's, :data:`~newsclean.extract.blockrows.PUNCT_ASCII`).
_ASCII_DIGITS = b"0123456789"
_ASCII_CAPITALS = bytes(range(ord("A"), ord("Z") + 1))
BULLETS = ("•", "-", "*", "–", "—", "·", "►", "▶", "»", "›", "✓", "●", "○", "■", "□")


def text_shape(text: str, tokens: int) -> tuple[float, ...]:
    """Punctuation, digits, capitals, title case, all capitals, a bullet, a closing colon,
    a link left as text, separators: the shape of a line's text (*tokens*: its white-space
    words). Short lines (menus, widgets), which repeat across a site's pages, are measured
    once.

    >>> text_shape("Read: The Plan (2024)", 4)[:4]
    (0.14285714285714285, 0.19047619047619047, 0.14285714285714285, 0.75)
    """
    if len(text) > _SHAPE_CACHE_CHARS:
        return _measure_shape(text, tokens)
    shape = _SHAPE_CACHE.get(text)
    if shape is None:
        if len(_SHAPE_CACHE) >= 50_000:
            _SHAPE_CACHE.clear()
        shape = _SHAPE_CACHE[text] = _measure_shape(text, tokens)
    return shape


#: The shapes of lines up to this long, by text.
_SHAPE_CACHE_CHARS = 60
_SHAPE_CACHE: dict[str, tuple[float, ...]] = {}


def _measure_shape(text: str, tokens: int) -> tuple[float, ...]:
    head = text[:RATIO_CHARS]
    m = len(head)
    if head.isascii():
        raw = head.encode()
        punct = m - len(raw.translate(None, PUNCT_ASCII))
        digits = m - len(raw.translate(None, _ASCII_DIGITS))
        capitals = m - len(raw.translate(None, _ASCII_CAPITALS))
    else:
        punct, digits = len(PUNCT.findall(head)), len(_DIGITS.findall(head))
        capitals = sum(map(str.isupper, head))
    return (
        punct / m,
        digits / m,
        capitals / m,
        sum(map(str.isupper, _WORD_STARTS.findall(head))) / (min(tokens, 30) or 1),
        1.0 if text.isupper() else 0.0,
        1.0 if text.startswith(BULLETS) or text[:3].rstrip(".)").isdigit() else 0.0,
        1.0 if text.endswith((":", "：")) else 0.0,
        1.0 if "http" in text or "www." in text or "@" in text else 0.0,
        float(text.count("|") + text.count("·") + text.count("•")),
    )
