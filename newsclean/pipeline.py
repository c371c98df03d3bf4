"""One document, one way: bytes → decode → repair → extract → :class:`Document`."""

from __future__ import annotations

from typing import Any

from newsclean.decode import Decoded, decode
from newsclean.document import Document
from newsclean.options import Options
from newsclean.repair import Repaired, repair


def clean(data: bytes | str, options: Options | None = None, *, source: str | None = None,
          **kwargs: Any) -> Document:
    """Clean one scraped page and return the article with its metadata.

    *data* is the raw bytes of a file (the encoding is detected) or text that is
    already decoded. Options are an :class:`Options` object, keyword overrides, or
    both (``clean(data, favor="precision")``). ``clean`` never refuses input:
    empty or binary data gives an empty document (the command line checks input
    first with :func:`newsclean.sniff.check_input`).
    """
    from newsclean.boilerplate import extract

    opts = Options.from_kwargs(options, **kwargs)
    decoded: Decoded | None = None
    if isinstance(data, (bytes, bytearray, memoryview)):
        decoded = decode(bytes(data), opts.encoding)
        text = decoded.text
    else:
        text = data
    text = normalize_newlines(text)
    fixed = repair(text) if opts.repair else Repaired(text)
    document = extract(fixed.text, opts)
    document.decoded = decoded
    document.repairs = list(fixed.repairs)
    document.source = source
    return document


def normalize_newlines(text: str) -> str:
    r"""Turn CRLF and lone CR into LF and drop NUL characters.

    >>> normalize_newlines("a\r\nb\rc\x00")
    'a\nb\nc'
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\x00", "")
