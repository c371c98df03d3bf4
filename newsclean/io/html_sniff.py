"""Is it HTML, and which charset does it declare? The first look at an input.

Kept apart from :mod:`newsclean.extract.html.meta` so that a text input does not import what
only pages need.
"""

from __future__ import annotations

import re

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{1,40})""", re.IGNORECASE
)
#: What may come before the markup: a byte-order mark, white space, an XML declaration
#: or processing instruction, comments, a doctype.
_HTML_START = re.compile(
    r"\A\ufeff?\s*(?:(?:<\?xml\b.{0,500}?\?>|<!--.{0,2000}?-->)\s*)*"
    r"<(?:!doctype\s+html|html|head|meta|title|body|script|link|div)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAGS = re.compile(r"</(?:p|div|span|a|li|td|body|html|head|script)>", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag in its first 4 KB, if any.

    >>> declared_charset(b'<html><head><meta charset="windows-1251"><title>')
    'windows-1251'
    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">')
    'Shift_JIS'
    >>> declared_charset(b"plain text") is None
    True
    """
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def head_text(data: bytes, size: int = 5000) -> str:
    r"""The first *size* bytes of a file as text, for telling HTML from text before the
    encoding is known: a byte-order mark says how to read them (and is kept as U+FEFF),
    UTF-16 without one is recognised by its NUL bytes, anything else is read as Latin-1
    (the markup is ASCII in every encoding that matters here).

    >>> head_text(b"\xef\xbb\xbf<html>"), head_text("<html>".encode("utf-16"))
    ('\ufeff<html>', '\ufeff<html>')
    >>> head_text("<html>".encode("utf-16-be"))
    '<html>'
    """
    from newsclean.text.decode import BOMS, nul_pattern  # the ladder's own first rungs

    head = data[:size]
    for bom, name in BOMS:
        if head.startswith(bom):
            return "\ufeff" + head[len(bom) :].decode(name, "ignore")
    wide = nul_pattern(data) if b"\x00" in head[:200] else None
    if wide:
        return head.decode(wide, "ignore")
    return head.decode("latin-1")


def looks_like_html(text: str) -> bool:
    r"""True when *text* is an HTML document rather than text.

    >>> looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    True
    >>> looks_like_html("Use <b> for bold, she said.")
    False
    >>> looks_like_html('\ufeff<?xml version="1.0"?>\n<!-- saved -->\n<html><body>')
    True
    """
    head = text[:5000]
    if _HTML_START.match(head):
        return True
    return len(_HTML_TAGS.findall(head)) >= 5
