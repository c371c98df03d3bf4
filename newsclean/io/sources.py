"""Where documents come from: one file, the records of a WARC or ARC archive, the lines of a JSONL file.

Every source gives the same thing, a :class:`Page`: one document's bytes (or text),
with where it was found and what the source says about it (URL, crawl date, HTTP
status, the charset of the HTTP ``Content-Type``, whether it is HTML or text).
The batch plans, cleans, reports and resumes pages the same way whatever their
source (:mod:`newsclean.batch.pages`).

Readers stream: :func:`read_pages` yields one item at a time, so memory does not
grow with the size of an archive. Besides pages it yields :class:`Skipped` (a
record that is not a page: a request, a revisit, an image; counted, not cleaned)
and :class:`Broken` (a truncated or corrupt record, a malformed JSON line:
reported with the archive and offset, the rest of the archive is still read).

WARC files are read with FastWARC (gzip-compressed or not); ARC files, which
FastWARC does not read, with warcio. The HTTP message is parsed here, so that both
give the same bytes: transfer and content encodings (chunked, gzip, deflate,
brotli) are undone, and a record whose length or block digest does not match its
header is reported as broken rather than cleaned.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any, NamedTuple

from newsclean.errors import InputError
from newsclean.io.files import archive_kind

#: JSONL fields holding the document, in order of preference, with the kind of content they hold
#: (``None``: recognise HTML by its markup).
CONTENT_FIELDS = (("html", "html"), ("text", "text"), ("raw_content", None), ("content", None))
#: HTTP ``Content-Type`` media types whose payload is a page; other types are skipped.
PAGE_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
#: How much of a record is read before deciding whether it is a page.
_HEAD_BYTES = 65536


@dataclass(frozen=True)
class Page:
    """One document, from whatever source: the unit that is cleaned, reported and learned from."""

    #: The record's own id (WARC-Record-ID, the JSONL ``id``), else ``FILE:POSITION``.
    id: str
    #: The file it was read from (a page file, an archive, a JSONL file).
    source: str
    #: Byte offset of the record in the archive (WARC, ARC), line number (JSONL), or None (a file).
    position: int | None
    #: The document: raw bytes (files, archives) or text (JSONL).
    data: bytes | str
    url: str | None = None
    #: When it was crawled (WARC-Date, ISO 8601).
    date: str | None = None
    #: HTTP status code of the response.
    status: int | None = None
    #: ``"html"`` or ``"text"`` when the source says which; None: recognised by its markup.
    kind: str | None = None
    #: The charset of the HTTP ``Content-Type``: a hint for decoding (see :func:`newsclean.text.decode.decode`).
    charset: str | None = None
    #: Other fields of a JSONL record, kept as they are.
    extra: dict | None = None


class Skipped(NamedTuple):
    """A record that is not a page (a request, a revisit, an image): counted, not cleaned."""

    source: str
    position: int | None
    reason: str


class Broken(NamedTuple):
    """A record that cannot be read (truncated, corrupt, malformed): reported, then skipped."""

    source: str
    position: int | None
    reason: str


Item = Page | Skipped | Broken


def read_pages(path: str, name: str | None = None, max_bytes: int = 0) -> Iterator[Item]:
    """Every item of an archive or JSONL file, in file order.

    *name* is how the file is named in ids made up for records without one
    (default: *path*). Records over *max_bytes* (0: no limit) are broken, not read.
    Raises :class:`~newsclean.errors.InputError` if the file cannot be opened.
    """
    kind = archive_kind(path)
    name = name or path
    if kind == "warc":
        return _read_warc(path, name, max_bytes)
    if kind == "arc":
        return _read_arc(path, name, max_bytes)
    if kind == "jsonl":
        return _read_jsonl(path, name, max_bytes)
    raise InputError("not an archive or JSONL file", "name it .warc[.gz], .arc[.gz] or .jsonl[.gz]")


def find_page(path: str, key: str, max_bytes: int = 0) -> Page:
    """The page of an archive or JSONL file whose id or URL is *key* (the first, if several)."""
    for item in read_pages(path, max_bytes=max_bytes):
        if isinstance(item, Page) and key in (item.id, item.url):
            return item
    raise InputError(
        f"no page with id or URL {key!r}",
        "list the ids with 'newsclean batch FILE -o - --format jsonl | jq -r .id'",
    )


def _open(path: str) -> IO[bytes]:
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise InputError("no such file", "check the path") from None
    except PermissionError:
        raise InputError("permission denied", "check the file's read permission") from None
    except OSError as error:
        raise InputError(
            os.strerror(error.errno).lower() if error.errno else str(error), "check the path"
        ) from None


# ---------------------------------------------------------------------------- HTTP


class Response(NamedTuple):
    status: int | None
    media_type: str | None
    charset: str | None
    body: bytes
    #: What could not be undone (an encoding that failed), for the record's warnings.
    problem: str | None = None


_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9._:+-]+)""", re.I)


def parse_response(block: bytes, max_bytes: int = 0, decode_body: bool = True) -> Response:
    r"""Split an HTTP response into status, media type, charset and the body as sent by the server.

    Transfer-Encoding ``chunked`` and Content-Encoding ``gzip``, ``deflate`` and ``br``
    are undone (unless *decode_body* is false: only the header is wanted); a body that
    is not in the encoding its header says (crawlers often store it decoded already)
    is kept as it is.

    >>> r = parse_response(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n\r\n<p>caf\xe9")
    >>> r.status, r.media_type, r.charset, r.body
    (200, 'text/html', 'ISO-8859-1', b'<p>caf\xe9')
    >>> parse_response(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n").body
    b'abcde'
    """
    end = block.find(b"\r\n\r\n")
    skip = 4
    if end < 0:
        end, skip = block.find(b"\n\n"), 2
    if end < 0:
        end, skip = len(block), 0
    head = block[:end].decode("latin-1").splitlines()
    body = block[end + skip :]
    status = None
    if head and head[0].startswith("HTTP/"):
        parts = head[0].split(None, 2)
        if len(parts) > 1 and parts[1].isdigit():
            status = int(parts[1])
    headers: dict[str, str] = {}
    for line in head[1:]:
        name, colon, value = line.partition(":")
        if colon:
            headers[name.strip().lower()] = value.strip()
    content_type = headers.get("content-type", "")
    media_type = content_type.split(";")[0].strip().lower() or None
    match = _CHARSET.search(content_type.encode("latin-1"))
    charset = match.group(1).decode("ascii") if match else None
    problem = None
    if not decode_body:
        return Response(status, media_type, charset, body)
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = _unchunk(body)
    for coding in reversed(
        [c.strip().lower() for c in headers.get("content-encoding", "").split(",")]
    ):
        if coding in ("", "identity"):
            continue
        try:
            body = _decompress(body, coding, max_bytes)
        except _NotEncoded:
            continue
        except (ValueError, zlib.error, OSError) as error:
            problem = (
                f"Content-Encoding {coding} could not be undone ({error}); the body is read as sent"
            )
            break
    return Response(status, media_type, charset, body, problem)


def _unchunk(body: bytes) -> bytes:
    """The body of a chunked message; *body* itself if it is not chunked after all."""
    out: list[bytes] = []
    pos = 0
    while True:
        eol = body.find(b"\r\n", pos)
        size_text = body[pos:eol].split(b";")[0].strip() if eol >= 0 else b""
        try:
            size = int(size_text, 16)
        except ValueError:
            return body if not out else b"".join(out) + body[pos:]
        if size == 0:
            return b"".join(out)
        out.append(body[eol + 2 : eol + 2 + size])
        pos = eol + 2 + size + 2


class _NotEncoded(Exception):
    """The body does not start as its Content-Encoding says: it was stored decoded."""


def _decompress(body: bytes, coding: str, max_bytes: int) -> bytes:
    limit = max_bytes or 0
    if coding in ("gzip", "x-gzip"):
        if not body.startswith(b"\x1f\x8b"):
            raise _NotEncoded
        return _inflate(body, 16 + zlib.MAX_WBITS, limit)
    if coding == "deflate":
        try:
            return _inflate(body, zlib.MAX_WBITS, limit)  # zlib-wrapped, as the standard says
        except zlib.error:
            return _inflate(body, -zlib.MAX_WBITS, limit)  # raw deflate, as some servers send
    if coding == "br":
        import brotli

        try:
            return brotli.decompress(body)
        except brotli.error as error:
            raise ValueError(str(error)) from None
    raise ValueError(f"unknown encoding {coding!r}")


def _inflate(body: bytes, wbits: int, limit: int) -> bytes:
    inflater = zlib.decompressobj(wbits)
    data = inflater.decompress(body, limit + 1 if limit else 0)
    if limit and len(data) > limit:
        raise ValueError(f"it holds more than {limit:,} bytes")
    return data


def _binary(body: bytes) -> str | None:
    """What a binary payload is (a PNG image, a PDF document …) whatever its Content-Type said."""
    from newsclean.io.sniff import SIGNATURES

    for signature, what in SIGNATURES.items():
        if body.startswith(signature):
            return what
    return None


def _page_kind(response: Response) -> str | None:
    """``html``/``text`` for a page; None when the media type is not a page's (or unknown)."""
    return PAGE_TYPES.get(response.media_type or "")


# ---------------------------------------------------------------------------- WARC


def _record_id(raw: str | None, name: str, position: int) -> str:
    return raw.strip() if raw and raw.strip() else f"{name}:{position}"


def _digest_matches(expected: str | None, block: bytes) -> bool:
    """False only when a ``sha1:`` block digest is given and differs (other algorithms are not checked)."""
    if not expected or not expected.lower().startswith("sha1:"):
        return True
    value = expected[5:].strip()
    digest = hashlib.sha1(block).digest()
    return value.upper() == base64.b32encode(digest).decode() or value.lower() == digest.hex()


def _stream_errors() -> tuple[type[BaseException], ...]:
    """What FastWARC raises on corrupt data: OSError (2.x), StreamError (0.14)."""
    try:
        from fastwarc.stream_io import StreamError  # type: ignore[attr-defined]
    except ImportError:
        return (OSError,)
    return (OSError, StreamError)


def _read_warc(path: str, name: str, max_bytes: int) -> Iterator[Item]:
    from fastwarc.warc import ArchiveIterator

    errors = _stream_errors()
    handle = _open(path)
    with handle:
        start = 0
        seen = False
        while True:
            handle.seek(start)
            done = current = base = None
            try:
                for record in ArchiveIterator(handle, parse_http=False):
                    if (
                        base is None
                    ):  # offsets are from the start of the file, or of where reading began
                        base = start if record.stream_pos < start else 0
                    current = base + record.stream_pos
                    seen = True
                    item = _warc_item(record, current, path, name, max_bytes)
                    done, current = current, None
                    yield item
                if not seen:
                    yield Broken(
                        path, 0, "no WARC record found: the file is empty or not a WARC file"
                    )
                return
            except errors as error:
                handle.seek(0)
                if not seen and not handle.read(5).startswith((b"\x1f\x8b", b"WARC/")):
                    yield Broken(path, 0, f"not a WARC file ({error})")
                    return
                # Corrupt data stops the iterator: report the record it was in (the one being
                # read, or the next member after the last one read) and go on at the member after it.
                bad = (
                    current
                    if current is not None
                    else (start if done is None else _next_member(handle, done + 1))
                )
                if bad is None:
                    return
                yield Broken(path, bad, f"corrupt data ({error}); the record is skipped")
                following = _next_member(handle, bad + 1)
                if following is None:
                    return
                start = following


def _next_member(handle: IO[bytes], offset: int) -> int | None:
    """Offset of the next gzip member (or uncompressed WARC record) at or after *offset*."""
    handle.seek(offset)
    carry = b""
    base = offset
    while True:
        chunk = handle.read(1 << 20)
        if not chunk:
            return None
        data = carry + chunk
        found = [i for i in (data.find(b"\x1f\x8b\x08"), data.find(b"WARC/1.")) if i >= 0]
        if found:
            return base + min(found)
        carry = data[-8:]
        base += len(data) - len(carry)


def _warc_item(record: Any, position: int, path: str, name: str, max_bytes: int) -> Item:
    headers = record.headers
    kind = (headers.get("WARC-Type") or "").strip().lower()
    if kind != "response":
        return Skipped(path, position, f"{kind or 'untyped'} record")
    declared = headers.get("Content-Length")
    if declared is None or not declared.strip().isdigit():
        return Broken(path, position, "truncated record: no Content-Length in its header")
    length = int(declared)
    head = record.reader.read(min(length, _HEAD_BYTES))
    response = parse_response(head, decode_body=False) if len(head) < length else None
    if response is not None:
        # Only the head is read yet: decide from the HTTP header whether the rest is worth reading.
        if response.media_type and _page_kind(response) is None:
            return Skipped(path, position, f"{response.media_type} payload")
        if max_bytes and length > max_bytes:
            return Broken(
                path,
                position,
                f"record is {length:,} bytes, over the limit of {max_bytes:,} (--max-bytes)",
            )
        head += record.reader.read(length - len(head))
    if len(head) < length:
        return Broken(path, position, f"truncated record: {len(head):,} of {length:,} bytes")
    if not _digest_matches(headers.get("WARC-Block-Digest"), head):
        return Broken(path, position, "corrupt record: its block digest does not match")
    return _http_page(
        parse_response(head, max_bytes),
        path,
        position,
        _record_id(headers.get("WARC-Record-ID"), name, position),
        headers.get("WARC-Target-URI"),
        headers.get("WARC-Date"),
    )


def _http_page(
    response: Response, path: str, position: int, id: str, url: str | None, date: str | None
) -> Item:
    if response.problem and "more than" in response.problem:
        return Broken(path, position, response.problem)
    kind = _page_kind(response)
    if response.media_type and kind is None:
        return Skipped(path, position, f"{response.media_type} payload")
    binary = _binary(response.body)
    if binary:
        return Skipped(path, position, f"{binary} payload")
    if response.status is not None and (
        response.status < 200 or 300 <= response.status < 400 or response.status == 204
    ):
        return Skipped(path, position, f"HTTP {response.status} (no page)")
    if not response.body.strip():
        return Skipped(path, position, "empty payload")
    return Page(
        id,
        path,
        position,
        response.body,
        url=url,
        date=date,
        status=response.status,
        kind=None,
        charset=response.charset,
    )


# ---------------------------------------------------------------------------- ARC


def _read_arc(path: str, name: str, max_bytes: int) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    handle = _open(path)
    with handle:
        iterator = ArchiveIterator(handle, arc2warc=True)
        position = 0
        try:
            for record in iterator:
                if record.rec_type != "response":
                    yield Skipped(path, iterator.get_record_offset(), f"{record.rec_type} record")
                    continue
                # warcio parses the HTTP header of an ARC record and undoes its encodings itself
                http = record.http_headers
                status = http.get_statuscode() if http is not None else None
                content_type = (http.get_header("Content-Type") if http is not None else None) or ""
                media_type = content_type.split(";")[0].strip().lower() or None
                if media_type and media_type not in PAGE_TYPES:
                    yield Skipped(path, iterator.get_record_offset(), f"{media_type} payload")
                    continue
                length = record.length or 0
                if max_bytes and length > max_bytes:
                    yield Broken(
                        path,
                        iterator.get_record_offset(),
                        f"record is {length:,} bytes, over the limit of {max_bytes:,} (--max-bytes)",
                    )
                    continue
                match = _CHARSET.search(content_type.encode("latin-1", "replace"))
                response = Response(
                    int(status) if status and status.isdigit() else None,
                    media_type,
                    match.group(1).decode("ascii") if match else None,
                    record.content_stream().read(),
                )
                headers = record.rec_headers
                position = (
                    iterator.get_record_offset()
                )  # (warcio reads the record to find it: only now)
                yield _http_page(
                    response,
                    path,
                    position,
                    f"{name}:{position}",
                    headers.get_header("WARC-Target-URI"),
                    headers.get_header("WARC-Date"),
                )
        except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as error:
            # warcio cannot resynchronise inside an ARC file: the rest of the file is lost.
            yield Broken(
                path,
                position,
                f"corrupt data ({' '.join(str(error).split())[:200]}); "
                "the rest of the archive is skipped",
            )


# ---------------------------------------------------------------------------- JSONL


def _read_jsonl(path: str, name: str, max_bytes: int) -> Iterator[Item]:
    handle = _open(path)
    stream: IO[bytes] = gzip.GzipFile(fileobj=handle) if path.lower().endswith(".gz") else handle  # type: ignore[assignment]
    with handle, stream:
        number = 0
        try:
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                yield _jsonl_item(line, path, name, number, max_bytes)
        except (OSError, EOFError, zlib.error) as error:
            yield Broken(path, number + 1, f"cannot read past line {number}: {error}")


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _jsonl_item(line: bytes, path: str, name: str, number: int, max_bytes: int) -> Item:
    if max_bytes and len(line) > max_bytes:
        return Broken(
            path, number, f"line {number} is {len(line):,} bytes, over the limit of {max_bytes:,}"
        )
    try:
        record = json.loads(line)
    except ValueError as error:
        return Broken(path, number, f"line {number} is not valid JSON ({error})")
    if not isinstance(record, dict):
        return Broken(path, number, f"line {number} is not a JSON object")
    found = next(
        ((field, kind) for field, kind in CONTENT_FIELDS if isinstance(record.get(field), str)),
        None,
    )
    if found is None:
        return Broken(
            path,
            number,
            f"line {number} has no text: expected a string field "
            + ", ".join(f for f, _ in CONTENT_FIELDS),
        )
    field, kind = found
    value = record[field]
    extra = {k: v for k, v in record.items() if k != field}
    raw_id = record.get("id")
    id = str(raw_id) if raw_id not in (None, "") else f"{name}:{number}"
    # JSON may escape a lone surrogate ("\ud800"), which no UTF-8 output can hold
    value = _LONE_SURROGATE.sub("\ufffd", value)
    url = record.get("url") if isinstance(record.get("url"), str) else None
    return Page(id, path, number, value, url=url, kind=kind, extra=extra)


# ---------------------------------------------------------------------------- one record, for clean and diff


def load_record(path: str, key: str | None, max_bytes: int = 0) -> Page:
    """The page ``newsclean clean FILE --record KEY`` cleans; one-line errors for the rest.

    An archive or JSONL file without *key* is refused (it holds many pages), and so is
    *key* with a file that is not one.
    """
    if archive_kind(path) is None:
        raise InputError(
            "--record reads one record of an archive or JSONL file, and this is neither",
            "name it .warc[.gz], .arc[.gz] or .jsonl[.gz]",
        )
    if key is None:
        raise InputError(
            "is an archive of many pages",
            "clean one with 'newsclean clean FILE --record ID|URL', or all with "
            "'newsclean batch FILE -o OUT'",
        )
    page = find_page(path, key, max_bytes)
    if isinstance(page.data, bytes):
        from newsclean.io.sniff import check_input

        check_input(page.data, max_bytes)
    return page


def clean_page(page: Page, options: Any = None):
    """Clean one page as the batch does: its HTTP charset as a hint, its kind when the source says."""
    from dataclasses import replace

    from newsclean.options import Options
    from newsclean.pipeline import clean

    options = options or Options()
    if page.kind and options.input == "auto":
        options = replace(options, input=page.kind)
    return clean(page.data, options, source=page.id, hint=page.charset)
