"""Decoding real text in many encodings: a sample of the file suite, committed.

tests/fixtures/file_suite/sample.jsonl holds 74 short files (about 200 bytes; 21 encodings,
21 languages, LF and CRLF, normal and ascii-heavy) cut from the suite that
bench/make_file_suite.py builds from Debian translation catalogs and WCXB dev references.
Each must decode to exactly its text (line ends normalised, as the benchmark scores).
"""

from __future__ import annotations

import base64
import json

import pytest
from conftest import ROOT

import newsclean

SAMPLE = ROOT / "tests" / "fixtures" / "file_suite" / "sample.jsonl"
RECORDS = [
    json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()
]

# Files decoded wrongly today, with what goes wrong (chardet gets them wrong too). Strict: a fix
# must take the entry out.
KNOWN_FAILURES = {
    "own-file-big5-zh-Hant-ascii-heavy-200B-1": "big5 read as gbk",
}


def _norm(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _params():
    for record in RECORDS:
        reason = KNOWN_FAILURES.get(record["id"])
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        yield pytest.param(record, id=record["id"].removeprefix("own-file-"), marks=marks)


def test_sample_covers_the_encodings_and_languages():
    assert len({r["encoding"] for r in RECORDS}) >= 20
    assert len({r["lang"] for r in RECORDS}) >= 15
    assert {r["newline"] for r in RECORDS} == {"lf", "crlf"}
    assert set(KNOWN_FAILURES) <= {r["id"] for r in RECORDS}


@pytest.mark.parametrize("record", list(_params()))
def test_decodes_exactly(record):
    decoded = newsclean.decode(base64.b64decode(record["bytes_b64"]))
    assert _norm(decoded.text) == _norm(record["expected_text"]), (
        f"read as {decoded.encoding} ({decoded.method})"
    )
