"""Reading WARC, ARC and JSONL files into pages (:mod:`newsclean.io.sources`)."""

from __future__ import annotations

import gzip
import io
import json
import zlib

import pytest
from archive_helpers import ENGLISH, GERMAN, PNG, write_arc, write_jsonl, write_warc
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsclean.batch.pages import page_jsonl
from newsclean.errors import InputError
from newsclean.io.files import archive_kind
from newsclean.io.sources import (
    Broken,
    Page,
    Skipped,
    clean_page,
    find_page,
    parse_response,
    read_pages,
)


def _split(items):
    pages = [i for i in items if isinstance(i, Page)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    broken = [i for i in items if isinstance(i, Broken)]
    return pages, skipped, broken


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_warc_pages_skips_and_a_truncated_record(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    urls = write_warc(path, gz=gz, truncate=True)
    pages, skipped, broken = _split(list(read_pages(str(path))))
    assert [p.url for p in pages] == [urls["utf8"], urls["cp1252"], urls["gzip"], urls["chunked"]]
    assert all(p.id.startswith("<urn:uuid:") and p.status == 200 and p.date for p in pages)
    assert sorted(s.reason for s in skipped) == [
        "HTTP 301 (no page)",
        "image/png payload",
        "request record",
        "revisit record",
    ]
    # the cp1252 page carries its HTTP charset; gzip and chunked bodies come out undone
    assert pages[1].charset == "windows-1252" and GERMAN.encode("cp1252") in pages[1].data
    assert b"Rain floods roads" in pages[2].data and b"Wind topples trees</h1>" in pages[3].data
    assert b"\r\n0\r\n" not in pages[3].data
    # the truncated last record is reported with its offset, after the pages before it
    assert len(broken) == 1 and broken[0].reason.startswith("truncated record")
    assert broken[0].position > pages[-1].position
    # offsets are where the records start: reading again from there finds the same record
    with open(path, "rb") as handle:
        handle.seek(pages[1].position)
        assert handle.read(2) == (b"\x1f\x8b" if gz else b"WA")


def test_a_corrupt_gzip_member_is_reported_and_reading_goes_on(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path)
    good = [i for i in read_pages(str(path)) if isinstance(i, Page)]
    data = bytearray(path.read_bytes())
    middle = good[1].position + 40  # inside the compressed data of the second page's member
    data[middle : middle + 30] = b"\x00" * 30
    path.write_bytes(bytes(data))
    pages, _, broken = _split(list(read_pages(str(path))))
    assert [b.position for b in broken] == [good[1].position] and "corrupt" in broken[0].reason
    assert [p.url for p in pages] == [good[0].url, *[p.url for p in good[2:]]]


def test_arc_files_are_read_with_their_pages(tmp_path):
    path = tmp_path / "old.arc"
    write_arc(path)
    pages, skipped, broken = _split(list(read_pages(str(path))))
    assert [p.url for p in pages] == ["https://arc.example.net/story"] and not broken
    assert pages[0].id == f"{path}:{pages[0].position}" and pages[0].status == 200
    assert b"Flood warning" in pages[0].data and pages[0].date.startswith("2024-01-02")
    assert "image/png payload" in [s.reason for s in skipped]


@pytest.mark.parametrize("name", ["docs.jsonl", "docs.jsonl.gz"])
def test_jsonl_records_of_both_kinds_and_a_malformed_line(tmp_path, name):
    path = tmp_path / name
    write_jsonl(path)
    pages, _, broken = _split(list(read_pages(str(path), name="docs")))
    assert [(p.id, p.kind, p.position) for p in pages] == [
        ("doc-1", "text", 1),
        ("docs:3", "html", 3),
    ]
    assert pages[0].extra == {
        "id": "doc-1",
        "source": "crawl-7",
        "metadata": {"dump": "CC-MAIN-2024-10", "date": "2024-03-01"},
    }
    assert pages[1].url == "https://news.example.com/koeln" and GERMAN in pages[1].data
    assert [b.position for b in broken] == [2] and "not valid JSON" in broken[0].reason


def test_jsonl_synonyms_and_records_without_text(tmp_path):
    path = tmp_path / "rp.jsonl"
    path.write_text(
        '{"raw_content": "A dump"}\n{"content": "<p>x</p>"}\n{"title": "no body"}\n[1, 2]\n'
    )
    pages, _, broken = _split(list(read_pages(str(path))))
    assert [(p.data, p.kind) for p in pages] == [("A dump", None), ("<p>x</p>", None)]
    assert ["has no text" in broken[0].reason, "not a JSON object" in broken[1].reason] == [
        True,
        True,
    ]


def test_http_bodies_are_undone_and_the_charset_read():
    body = ("<p>" + ENGLISH + "</p>").encode()
    for coding, encoded in (
        ("gzip", gzip.compress(body)),
        ("deflate", zlib.compress(body)),
        ("deflate", zlib.compress(body)[2:-4]),
    ):
        block = b"HTTP/1.1 200 OK\r\nContent-Encoding: %s\r\n\r\n%s" % (coding.encode(), encoded)
        assert parse_response(block).body == body, coding
    # a body stored already decoded (as Common Crawl does) is kept as it is
    assert parse_response(b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + body).body == body
    broken = parse_response(b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n\x1f\x8bnot gzip")
    assert broken.problem and "gzip" in broken.problem
    brotli = pytest.importorskip("brotli")
    assert (
        parse_response(
            b"HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\n" + brotli.compress(body)
        ).body
        == body
    )
    # a decompression bomb stops at the size limit
    bomb = parse_response(
        b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + gzip.compress(bytes(10**6)), 1000
    )
    assert "more than 1,000 bytes" in bomb.problem


def test_find_page_by_id_or_url(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    urls = write_warc(path)
    by_url = find_page(str(path), urls["cp1252"])
    assert find_page(str(path), by_url.id) == by_url
    with pytest.raises(InputError, match="no page with id or URL"):
        find_page(str(path), "https://nowhere.example/")
    assert archive_kind("A.WARC.GZ") == "warc" and archive_kind("x.arc.gz") == "arc"


def test_binary_payloads_and_files_that_are_not_warc(tmp_path):
    path = tmp_path / "mixed.warc.gz"
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for media, body in ((None, PNG), ("text/html", b"%PDF-1.7 mislabelled")):
            headers = [("Content-Type", media)] if media else []
            http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    "https://x.example/", "response", payload=io.BytesIO(body), http_headers=http
                )
            )
    assert [(type(i).__name__, i.reason) for i in read_pages(str(path))] == [
        ("Skipped", "a PNG image payload"),
        ("Skipped", "a PDF document payload"),
    ]
    fake = tmp_path / "page.warc"
    fake.write_text("<html><body>not an archive</body></html>")
    (item,) = read_pages(str(fake))
    assert isinstance(item, Broken) and "not a WARC file" in item.reason
    fake.write_bytes(b"")
    (item,) = read_pages(str(fake))
    assert isinstance(item, Broken) and "not a WARC file" in item.reason


def test_jsonl_ids_of_any_type_and_lone_surrogates(tmp_path):
    path = tmp_path / "odd.jsonl"
    path.write_text(
        '{"id": 7, "text": "A line \\ud800 of text that goes on for a while.", "note": "\\udfff"}\n'
    )
    (page,) = read_pages(str(path))
    assert page.id == "7" and "\ud800" not in page.data and "\ufffd" in page.data
    line = page_jsonl(clean_page(page), page)
    line.encode("utf-8")  # every output line is UTF-8
    record = json.loads(line)
    assert record["id"] == 7 and record["note"] == "\udfff"
