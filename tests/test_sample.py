"""The bundled sample is the golden test: exact text, metadata and the masthead repair."""

from __future__ import annotations

import json

from conftest import SAMPLES

SAMPLE = SAMPLES / "000_327f9b9f446e87e2.txt"
EXPECTED = SAMPLES / "000_327f9b9f446e87e2.expected.txt"


def test_text_output_is_exactly_the_expected_article(run):
    proc = run("clean", SAMPLE)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8") == EXPECTED.read_text(encoding="utf-8")
    assert proc.stderr == ""


def test_json_has_the_metadata_and_the_decisions(run, validate):
    proc = run("clean", "--format", "json", SAMPLE)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    validate(doc, "document")
    assert doc["title"] == EXPECTED.read_text(encoding="utf-8").split("\n", 1)[0]
    assert doc["byline"] == "The Canadian Press"
    assert doc["dateline"] == "OTTAWA"
    assert doc["date"] == "2023-03-22"
    assert len(doc["captions"]) == 1 and doc["captions"][0].endswith(
        "THE CANADIAN PRESS/Nathan Denette"
    )
    assert doc["encoding"]["name"] == "utf-8" and doc["encoding"]["method"] == "utf-8"
    assert [r["after"] for r in doc["repairs"]] == ["麻豆传媒映画", "麻豆传媒映画"]
    assert doc["repairs"][0]["before"] == "Â鶹´«Ã½Ó³»"
    reasons = {r["text"].strip()[:20]: r["reason"] for r in doc["removed"]}
    assert reasons["麻豆传媒映画"] == "masthead"
    assert reasons["Skip to content"] == "nav"
    assert reasons["Join our Newsletter"] == "newsletter"
    assert reasons["20230322220332-2abea"] == "image-id"
    assert reasons["Provincial Liberal c"] in ("caption", "credit")
    assert reasons["The Canadian Press"] == "byline"
    assert sum(r["reason"] == "duplicate" for r in doc["removed"]) == 1
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    for removal in doc["removed"]:
        assert removal["reason"], removal
        assert lines[removal["line"] - 1].strip()  # line numbers point at real input lines
    assert doc["body"] == "\n\n".join(doc["paragraphs"])
    assert not doc["body"].startswith(doc["title"])


def test_library_gives_the_same_document():
    import newsclean

    doc = newsclean.clean(SAMPLE.read_bytes(), source=str(SAMPLE))
    assert doc.text + "\n" == EXPECTED.read_text(encoding="utf-8")
    assert doc.to_dict()["stats"]["lines_removed"] == len(doc.removed) >= 7
