"""ftfy's ``fix_encoding_and_explain``, without importing ftfy for a line it must leave alone.

Importing ftfy (with its dependency wcwidth) costs more than cleaning a page, and the
lines that most need our own repair search (a CJK text read with a Latin code page)
are often lines ftfy cannot touch. :func:`leaves_unchanged` proves that from ftfy's
own steps (ftfy 6, ``_fix_encoding_one_step_and_explain``): a line that no
single-byte code page of ftfy's list can encode, with no C1 control and no
UTF-8-looking sequence for ``decode_inconsistent_utf8``, goes through every step
unchanged. The test is conservative: its character sets are supersets of ftfy's
(``tests/test_startup.py`` checks them against the installed ftfy), so any doubt
ends in ftfy.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

#: ftfy's ``chardata.CHARMAP_ENCODINGS``, as Python codecs; ``sloppy`` ones read the
#: bytes their code page leaves undefined as Latin-1 (and 0x1A as U+FFFD).
CHARMAP_ENCODINGS = (
    ("latin-1", False),
    ("cp1252", True),
    ("cp1251", True),
    ("cp1250", True),
    ("cp1253", True),
    ("cp1254", True),
    ("cp1257", True),
    ("iso-8859-2", False),
    ("mac-roman", False),
    ("cp437", False),
)


class Explained(NamedTuple):
    """Same fields as ftfy's ``ExplainedText``."""

    text: str
    explanation: list


@functools.cache
def _readings(codec: str, sloppy: bool) -> tuple[str, ...]:
    """What each byte 0-255 reads as in *codec* ("" where it reads as nothing)."""
    # one decode for all the bytes (these code pages read each byte as one character);
    # only the bytes it replaced are tried one by one
    table = bytes(range(256)).decode(codec, "replace")
    out = []
    for b, ch in enumerate(table):
        if ch == "\ufffd":
            try:
                ch = bytes([b]).decode(codec)
            except UnicodeDecodeError:
                ch = chr(b) if sloppy else ""
        out.append(ch)
    return tuple(out)


def decoded_chars(lo: int, hi: int) -> str:
    """Every character a byte in ``lo..hi`` reads as in any of the code pages."""
    chars: set[str] = set()
    for codec, sloppy in CHARMAP_ENCODINGS:
        chars.update(_readings(codec, sloppy)[lo : hi + 1])
    chars.discard("")
    return "".join(sorted(chars))


@functools.lru_cache(maxsize=1)
def gate_tables() -> tuple[frozenset[str], re.Pattern[str]]:
    """What some code page of ftfy's list encodes above ASCII, and a pattern that finds
    all that ftfy's UTF-8 detector finds (and more)."""
    # what some code page of the list can encode above ASCII (0x1A is U+FFFD in the sloppy ones)
    encodable = frozenset(decoded_chars(0x80, 0xFF) + "\ufffd")
    cont = re.escape(decoded_chars(0x80, 0xBF) + " ")  # ftfy lets a space stand for a lost 0xA0
    # where ftfy's UTF8_DETECTOR_RE can match: a lead character (of a 2-, 3- or 4-byte
    # sequence) then a continuation, not after a character every reading of a
    # continuation byte includes. Wider classes, a shorter match and a narrower
    # look-behind than ftfy's: it finds all that ftfy's finds, and more
    detector = re.compile(f"(?<![\x80-\xbf])[{re.escape(decoded_chars(0xC2, 0xF4))}][{cont}]")
    return encodable, detector


def leaves_unchanged(text: str) -> bool:
    """True when ftfy's ``fix_encoding`` is sure to return *text* as it is (False: ask ftfy).

    >>> leaves_unchanged("Media: Â鶹´«Ã½Ó³»"), leaves_unchanged("CafÃ© au lait")
    (True, False)
    """
    if not text or text.isascii():
        return True
    encodable, detector = gate_tables()
    # 1. some character no code page of the list encodes: no "encode, decode UTF-8" plan,
    #    and no Latin-1 / cp1252 plan
    if all(ch < "\x80" or ch in encodable for ch in text):
        return False
    # 2. no C1 control for fix_c1_controls, 3. nothing for decode_inconsistent_utf8
    return re.search("[\x80-\x9f]", text) is None and detector.search(text) is None


def fix_encoding_and_explain(text: str) -> Explained:
    """``ftfy.fix_encoding_and_explain(text)``; ftfy is imported only when it may change *text*."""
    if leaves_unchanged(text):
        return Explained(text, [])
    import ftfy

    fixed = ftfy.fix_encoding_and_explain(text)
    return Explained(fixed.text, fixed.explanation or [])
