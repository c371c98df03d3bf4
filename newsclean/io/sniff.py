"""Refuse what is not a text page before any work is done on it."""

from __future__ import annotations

from newsclean.errors import BinaryInput, EmptyInput, InputTooLarge
from newsclean.io.files import compression_of, decompress

#: Leading bytes of common binary formats a crawler may save by mistake.
SIGNATURES = {
    b"%PDF-": "a PDF document",
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF87a": "a GIF image",
    b"GIF89a": "a GIF image",
    b"PK\x03\x04": "a ZIP archive",
    b"\x7fELF": "an ELF executable",
    b"RIFF": "a RIFF media file",
    b"OggS": "an Ogg media file",
    b"\x00\x00\x01\x00": "an icon",
    b"wOFF": "a web font",
    b"wOF2": "a web font",
}


def check_input(data: bytes, max_bytes: int = 0) -> None:
    """Raise an :class:`~newsclean.errors.InputError` if *data* is not a text page.

    Compressed data (gzip, bzip2, xz, zstd) is judged by what it holds.

    >>> check_input(b"Hello")
    >>> check_input(b"%PDF-1.7 ...")
    Traceback (most recent call last):
    ...
    newsclean.errors.BinaryInput: input is a PDF document, not text (newsclean reads text and HTML; convert the file to text first)
    """
    if max_bytes and len(data) > max_bytes:
        raise InputTooLarge(f"input is {len(data):,} bytes, over the limit of {max_bytes:,}")
    if compression_of(data[:10]):  # what is inside counts (read_input has decompressed it already)
        data = decompress(data, max_bytes)
    if not data.strip():
        raise EmptyInput("input is empty" if not data else "input is only white space")
    for signature, what in SIGNATURES.items():
        if data.startswith(signature):
            raise BinaryInput(f"input is {what}, not text")
    if data[257:262] == b"ustar":
        raise BinaryInput("input is a tar archive, not text")
    head = data[:65536]
    if b"\x00" in head and not _wide_text(data) and not _stray_nuls(head):
        raise BinaryInput("input contains NUL bytes, so it is binary, not text")


#: Control bytes that text does not contain (tab, newlines, form feed and escape do occur).
_BINARY_CONTROLS = bytes(b for b in range(32) if b not in b"\t\n\v\f\r\x1b")


def _stray_nuls(head: bytes) -> bool:
    r"""True when the NUL bytes in *head* are a few strays in text (a C string's terminator
    left in a dump): at most one in a thousand bytes (or four), with no other control bytes
    about. Cleaning drops them (and says so in its warnings).

    >>> _stray_nuls(b"A long line of article text, cut by a stray NUL\x00 byte." * 3)
    True
    >>> _stray_nuls(b"text\x00\x01\x02binary\x00\x00\xff")
    False
    """
    nuls = head.count(0)
    others = len(head) - len(head.translate(None, _BINARY_CONTROLS)) - nuls
    return nuls <= max(4, len(head) // 1000) and others == 0


def _wide_text(data: bytes) -> bool:
    r"""Is *data* UTF-16 or UTF-32 text: with a byte-order mark, or without one as the
    decoding ladder's own ``nul-pattern`` rung recognises it?

    >>> _wide_text("plain text".encode("utf-16-le")), _wide_text(b"text\x00\x01\x02")
    (True, False)
    """
    from newsclean.text.decode import BOMS, nul_pattern

    return any(data.startswith(bom) for bom, name in BOMS if name != "utf-8") or (
        nul_pattern(data) is not None
    )
