"""Small WARC, ARC and JSONL files for the tests, written with warcio's writer (or by hand for ARC)."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

GERMAN = (
    "Die Bürgerinnen und Bürger der Stadt Köln haben am Sonntag über die Zukunft der Straßenbahn "
    "abgestimmt, und die Mehrheit war größer als erwartet."
)
ENGLISH = (
    "Schools across the region were closed on Monday after the storm brought down power lines, "
    "officials said in a statement to reporters at the town hall."
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40)


def page(title: str, body: str, meta: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head>{meta}<title>{title}</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{title}</h1><p>{body}</p><p>{body}</p></article></body></html>"
    )


def _response(
    writer: WARCWriter,
    url: str,
    body: bytes,
    headers: list[tuple[str, str]],
    status: str = "200 OK",
):
    http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
    )


def chunked(body: bytes, size: int = 50) -> bytes:
    parts = [
        b"%x\r\n%s\r\n" % (len(body[i : i + size]), body[i : i + size])
        for i in range(0, len(body), size)
    ]
    return b"".join(parts) + b"0\r\n\r\n"


def write_warc(path: Path, gz: bool = True, truncate: bool = False) -> dict[str, str]:
    """A WARC of every kind of record; returns the URL of each page by name."""
    urls = {
        "utf8": "https://news.example.com/utf8",
        "cp1252": "https://news.example.com/koeln",
        "gzip": "https://other.example.org/gzip",
        "chunked": "https://other.example.org/chunked",
    }
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gz)
        _response(
            writer,
            urls["utf8"],
            page("Storm closes schools", ENGLISH).encode(),
            [("Content-Type", "text/html; charset=utf-8")],
        )
        request = writer.create_warc_record(
            urls["utf8"],
            "request",
            payload=io.BytesIO(b"GET /utf8 HTTP/1.1\r\nHost: news.example.com\r\n\r\n"),
        )
        writer.write_record(request)
        # the charset is only in the HTTP header, not in the page
        _response(
            writer,
            urls["cp1252"],
            page("Abstimmung in Köln", GERMAN).encode("cp1252"),
            [("Content-Type", "text/html; charset=windows-1252")],
        )
        _response(writer, "https://news.example.com/logo.png", PNG, [("Content-Type", "image/png")])
        _response(
            writer,
            urls["gzip"],
            gzip.compress(page("Rain floods roads", ENGLISH).encode()),
            [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
        )
        _response(
            writer,
            urls["chunked"],
            chunked(page("Wind topples trees", ENGLISH).encode()),
            [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")],
        )
        _response(
            writer,
            "https://news.example.com/moved",
            b"",
            [("Location", "/utf8")],
            "301 Moved Permanently",
        )
        revisit = writer.create_revisit_record(
            urls["utf8"],
            "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            urls["utf8"],
            "2024-01-01T00:00:00Z",
        )
        writer.write_record(revisit)
    if truncate:
        last = io.BytesIO()
        _response(
            WARCWriter(last, gzip=gz),
            "https://news.example.com/cut",
            page("Cut short", ENGLISH).encode(),
            [("Content-Type", "text/html")],
        )
        with open(path, "ab") as handle:
            handle.write(last.getvalue()[: len(last.getvalue()) // 2 if not gz else -20])
    return urls


def write_arc(path: Path) -> None:
    """An uncompressed ARC (version 1) file: one HTML page and one image."""
    head = b"1 0 newsclean-tests\nURL IP-address Archive-date Content-type Archive-length\n"
    out = [b"filedesc://test.arc 0.0.0.0 20240102030405 text/plain %d\n%s\n" % (len(head), head)]
    for url, media, body in (
        ("https://arc.example.net/story", "text/html", page("Flood warning", ENGLISH).encode()),
        ("https://arc.example.net/logo.png", "image/png", PNG),
    ):
        block = b"HTTP/1.0 200 OK\r\nContent-Type: %s\r\n\r\n%s" % (media.encode(), body)
        out.append(
            b"%s 10.0.0.1 20240102030405 %s %d\n%s\n"
            % (url.encode(), media.encode(), len(block), block)
        )
    path.write_bytes(b"".join(out))


def write_jsonl(path: Path, malformed: bool = True) -> None:
    """Records with ``text`` (a scraped dump) and ``html``, other fields, and a malformed line."""
    records = [
        {
            "id": "doc-1",
            "text": f"Storm closes schools\n\nSkip to content\n\n{ENGLISH}\n",
            "source": "crawl-7",
            "metadata": {"dump": "CC-MAIN-2024-10", "date": "2024-03-01"},
        },
        {"html": page("Abstimmung in Köln", GERMAN), "url": "https://news.example.com/koeln"},
    ]
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    if malformed:
        lines.insert(1, '{"id": "broken", "text": ')
    data = ("\n".join(lines) + "\n").encode()
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
