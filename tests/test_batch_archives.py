"""``newsclean batch`` on WARC, ARC and JSONL inputs; ``clean`` and ``diff`` on one record."""

from __future__ import annotations

import io
import json
import os

from archive_helpers import ENGLISH, GERMAN, write_arc, write_jsonl, write_warc
from batch_helpers import SHARED_LINES, story
from test_batch import report
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def _lines(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.decode().splitlines()]


def corpus(root):
    root.mkdir()
    urls = write_warc(root / "crawl.warc.gz", truncate=True)
    write_warc(root / "plain.warc", gz=False)
    write_arc(root / "old.arc")
    write_jsonl(root / "docs.jsonl.gz")
    (root / "page.html").write_text(f"<html><body><h1>Storm</h1><p>{ENGLISH}</p></body></html>")
    return urls


def test_archives_and_jsonl_to_one_jsonl_stream(run, tmp_path):
    urls = corpus(tmp_path / "src")
    proc = run(
        "batch",
        tmp_path / "src",
        "-o",
        "-",
        "-f",
        "jsonl",
        "--report",
        tmp_path / "r.jsonl",
        "-j",
        "2",
    )
    assert proc.returncode == 1  # the truncated WARC record and the malformed JSON line
    assert "crawl.warc.gz: offset " in proc.stderr and "truncated record" in proc.stderr
    assert "docs.jsonl.gz: line 2 is not valid JSON" in proc.stderr
    assert "archive records skipped:" in proc.stderr and "request record 2" in proc.stderr
    records = _lines(proc.stdout)
    by_url = {r.get("url"): r for r in records if r.get("url")}
    koeln = [
        r for r in records if r.get("url") == urls["cp1252"] and r["id"].startswith("<urn:uuid:")
    ]
    assert len(koeln) == 2  # the page of both WARC files
    for record in koeln:
        # the charset was only in the HTTP header
        assert GERMAN in record["text"] and record["metadata"]["encoding"]["method"] == "http"
        assert (
            record["status"] == 200
            and record["date"]
            and record["metadata"]["title"] == "Abstimmung in Köln"
        )
    assert "Rain floods roads" in by_url[urls["gzip"]]["text"]
    assert "Wind topples trees" in by_url[urls["chunked"]]["text"]
    assert "Flood warning" in by_url["https://arc.example.net/story"]["text"]
    # JSONL: other fields kept, their metadata merged with newsclean's, ids kept or made
    doc = next(r for r in records if r["id"] == "doc-1")
    assert doc["source"] == "crawl-7" and "Skip to content" not in doc["text"]
    assert doc["metadata"]["dump"] == "CC-MAIN-2024-10" and doc["metadata"]["date"] == "2024-03-01"
    assert doc["metadata"]["stats"]["lines_removed"] >= 1
    html = next(r for r in records if r["id"] == "docs.jsonl.gz:3")
    assert "html" not in html and GERMAN in html["text"] and html["url"] == urls["cp1252"]
    assert any(r["id"] == "page.html" for r in records)  # files still come as before
    # the report: one record per page, failed records with their place, one record per archive
    rows = report(tmp_path / "r.jsonl")
    crawl = rows["crawl.warc.gz"]
    assert crawl["status"] == "archive" and crawl["pages"] == 4 and crawl["failed_records"] == 1
    assert crawl["skipped_records"] == {
        "HTTP 301 (no page)": 1,
        "image/png payload": 1,
        "request record": 1,
        "revisit record": 1,
    }
    failed = [r for r in rows.values() if r["status"] == "failed"]
    assert sorted(r["path"].rsplit("/", 1)[-1] for r in failed) == [
        "crawl.warc.gz",
        "docs.jsonl.gz",
    ]


def test_output_is_the_same_whatever_the_jobs_and_archives_resume_as_a_whole(run, tmp_path):
    corpus(tmp_path / "src")
    one = run(
        "batch", tmp_path / "src", "-o", "-", "-f", "jsonl", "-j", "1", "-q", "--chunk-size", "1"
    )
    two = run(
        "batch", tmp_path / "src", "-o", "-", "-f", "jsonl", "-j", "2", "-q", "--chunk-size", "3"
    )
    assert one.stdout == two.stdout and one.stdout

    out = tmp_path / "out"
    first = run("batch", tmp_path / "src", "-o", out, "-j", "2")
    assert first.returncode == 1
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert names == ["crawl.jsonl", "docs.jsonl", "old.jsonl", "page.txt", "plain.jsonl"]
    streamed = {r["id"]: r for r in _lines(one.stdout)}
    crawl = _lines((out / "crawl.jsonl").read_bytes())
    assert len(crawl) == 4 and all(streamed[r["id"]] == r for r in crawl)
    before = (out / "crawl.jsonl").stat().st_mtime_ns

    again = run("batch", tmp_path / "src", "-o", out, "--report", tmp_path / "again.jsonl")
    rows = report(tmp_path / "again.jsonl")
    assert again.returncode == 0 and {r["status"] for r in rows.values()} == {"skipped"}
    assert len(rows) == 5  # one record per archive, not per page
    os.utime(tmp_path / "src" / "crawl.warc.gz")  # a newer archive is redone whole
    third = run("batch", tmp_path / "src", "-o", out, "--report", tmp_path / "third.jsonl")
    assert third.returncode == 1 and (out / "crawl.jsonl").stat().st_mtime_ns > before
    assert report(tmp_path / "third.jsonl")["plain.warc"]["status"] == "skipped"


def test_learned_boilerplate_uses_the_url_host_as_the_site(run, tmp_path):
    path = tmp_path / "sites.warc.gz"
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for n in range(6):
            for site in ("alpha", "beta"):
                body = story(site, n).encode()
                http = StatusAndHeaders(
                    "200 OK", [("Content-Type", "text/plain; charset=utf-8")], protocol="HTTP/1.1"
                )
                writer.write_record(
                    writer.create_warc_record(
                        f"https://www.{site}.example/{n}",
                        "response",
                        payload=io.BytesIO(body),
                        http_headers=http,
                    )
                )
    plain = run("batch", path, "-o", "-", "-f", "jsonl", "-q")
    learned = run("batch", path, "-o", "-", "-f", "jsonl", "-q", "--learn-boilerplate", "-j", "2")
    assert plain.returncode == learned.returncode == 0
    assert all(any(line in r["text"] for line in SHARED_LINES) for r in _lines(plain.stdout))
    records = _lines(learned.stdout)
    assert len(records) == 12 and not any(
        line in r["text"] for r in records for line in SHARED_LINES
    )
    evidence = [
        x["evidence"]
        for r in records
        for x in r["metadata"]["removed"]
        if x["reason"] == "repeated-across-files"
    ]
    assert evidence and all("www.alpha.example" in e or "www.beta.example" in e for e in evidence)


def test_clean_and_diff_one_record(run, tmp_path):
    path = tmp_path / "crawl.warc.gz"
    urls = write_warc(path)
    by_url = run("clean", path, "--record", urls["cp1252"])
    assert by_url.returncode == 0 and by_url.stdout.decode().startswith("Abstimmung in Köln\n\n")
    record_id = json.loads(run("clean", path, "--record", urls["cp1252"], "-f", "json").stdout)[
        "source"
    ]
    assert record_id.startswith("<urn:uuid:")
    assert run("clean", path, "--record", record_id).stdout == by_url.stdout
    diff = run("diff", path, "--record", urls["utf8"])
    assert diff.returncode == 0 and "- Home News  [nav: " in diff.stdout.decode()
    html = run("diff", path, "--record", urls["utf8"], "--html", tmp_path / "one.html")
    assert html.returncode == 0 and "Storm closes schools" in (tmp_path / "one.html").read_text()
    missing = run("clean", path, "--record", "https://nowhere.example/")
    assert missing.returncode == 1 and "no page with id or URL" in missing.stderr
    whole = run("clean", path)
    assert (
        whole.returncode == 1 and "--record" in whole.stderr and len(whole.stderr.splitlines()) == 1
    )
    other = run("clean", tmp_path / "nothing.txt", "--record", "x")
    assert other.returncode == 1 and "newsclean:" in other.stderr


def test_archives_sharing_a_name_keep_their_outputs_apart(run, tmp_path):
    (tmp_path / "src").mkdir()
    write_warc(tmp_path / "src" / "a.warc.gz")
    write_jsonl(tmp_path / "src" / "a.jsonl", malformed=False)
    proc = run("batch", tmp_path / "src", "-o", tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    assert (
        len(_lines((tmp_path / "out" / "a.jsonl").read_bytes())) == 2
    )  # the JSONL file comes first
    assert len(_lines((tmp_path / "out" / "a.warc.gz.jsonl").read_bytes())) == 4
