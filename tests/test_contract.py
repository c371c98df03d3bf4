"""The interface scripts rely on: one JSON shape per case (checked against the shipped
schema), stable error and warning codes, corpus-shaped JSON lines for ``repair``, and
no traceback ever — an unexpected error is one line naming the input, and the other
inputs are still processed."""

from __future__ import annotations

import gzip
import json
import textwrap
from pathlib import Path

import pytest
from conftest import SAMPLES

import newsclean
from newsclean.document import Decision, Document
from newsclean.pipeline import THIN_WORDS, flag_thin

SAMPLE = SAMPLES / "000_327f9b9f446e87e2.txt"
ARTICLE = (
    "Storm closes schools\n\n"
    + (
        "Schools across the region were closed on Monday after the storm brought "
        "down power lines, officials said in a statement. "
    )
    * 4
    + "\n"
)
HTML_PAGE = (
    "<html><head><title>Storm closes schools</title></head><body><article><h1>Storm closes schools</h1>"
    + "".join(
        f"<p>Schools across the region were closed on {day} after the storm brought down power "
        "lines, officials said in a statement on the council's website.</p>"
        for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
    )
    + "</article></body></html>"
)
INDEX_PAGE = (
    "Latest news\n\nHome\nWorld\nSport\nStorm closes schools\nFlood warning for the valley\n"
)


def write(path: Path, text: str | bytes) -> Path:
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


# ----------------------------------------------------------------------------- JSON shapes


def test_one_input_is_one_object_and_several_are_always_an_array(run, tmp_path, validate):
    good = write(tmp_path / "good.txt", ARTICLE)
    missing = tmp_path / "missing.txt"
    one = run("clean", "-f", "json", good)
    assert one.returncode == 0, one.stderr
    doc = json.loads(one.stdout)
    validate(doc, "document")
    assert doc["schema_version"] == "1" and doc["source"] == str(good)

    mixed = run("clean", "-f", "json", good, missing, good)
    assert mixed.returncode == 1
    items = json.loads(mixed.stdout)
    validate(items)
    assert [item["source"] for item in items] == [str(good), str(missing), str(good)]
    validate(items[1], "error")
    assert items[1]["error"]["code"] == "not-found"
    assert items[0]["title"] == items[2]["title"] == "Storm closes schools"
    assert mixed.stderr.splitlines() == [f"newsclean: {missing}: no such file (check the path)"]

    # the same two-element shape when both fail, and when both succeed
    for files in ((missing, missing), (good, good)):
        proc = run("clean", "-f", "json", *files)
        value = json.loads(proc.stdout)
        validate(value)
        assert isinstance(value, list) and len(value) == 2


@pytest.mark.parametrize(
    "name, content, code",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n", "empty"),
        ("image.png", b"\x89PNG\r\n\x1a\n" + bytes(100), "binary"),
        ("big.txt", b"word " * 300, "too-large"),
        ("missing.txt", None, "not-found"),
        ("folder", "dir", "directory"),
        ("page.txt.gz", gzip.compress(b"word " * 100)[:-6], "corrupt"),
        ("bomb.txt.gz", gzip.compress(b"word " * 100_000), "too-large"),
    ],
)
def test_a_failed_input_is_an_error_object_with_a_stable_code(
    run, tmp_path, validate, name, content, code
):
    path = tmp_path / name
    if content == "dir":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    proc = run("clean", "-f", "json", "--max-bytes", "1000", path)
    assert proc.returncode == 1
    item = json.loads(proc.stdout)
    validate(item, "error")
    assert item == {
        "schema_version": "1",
        "source": str(path),
        "error": {"code": code, "message": item["error"]["message"]},
    }
    # the message is the one-line error of stderr
    assert proc.stderr == f"newsclean: {path}: {item['error']['message']}\n"


def test_an_unreadable_file_has_the_permission_code(run, tmp_path, validate):
    import os

    path = write(tmp_path / "secret.txt", ARTICLE)
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user who reads any file (root)")
        item = json.loads(run("clean", "-f", "json", path).stdout)
    finally:
        path.chmod(0o644)
    validate(item, "error")
    assert item["error"]["code"] == "permission"


def test_explain_as_json_and_json_lines(run, tmp_path, validate):
    page = write(tmp_path / "page.txt", SAMPLE.read_bytes())
    table = run("clean", "--explain", page).stdout.decode("utf-8").splitlines()
    proc = run("clean", "--explain", "-f", "json", page)
    assert proc.returncode == 0, proc.stderr
    explained = json.loads(proc.stdout)
    validate(explained, "explain")
    rows = explained["lines"]
    assert len(rows) == len(table)
    for row, text_row in zip(rows, table):
        assert text_row.split()[:2] == [str(row["line"]), row["decision"]]
        assert (row["reason"] is None) == (row["decision"] == "keep")
    document = newsclean.clean(SAMPLE.read_bytes())
    assert {row["line"] for row in rows if row["decision"] == "drop"} == {
        r.line for r in document.removed
    }

    lines = run("clean", "--explain", "-f", "jsonl", page, page).stdout.decode("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    for record in records:
        validate(record, "explain_line_record")
        validate(record)
    assert len(records) == 2 * len(rows)
    assert [
        {k: v for k, v in r.items() if k not in ("source", "schema_version")}
        for r in records[: len(rows)]
    ] == rows

    several = json.loads(
        run("clean", "--explain", "-f", "json", page, tmp_path / "none.txt").stdout
    )
    validate(several)
    assert [set(item) for item in several] == [
        {"schema_version", "source", "lines"},
        {"schema_version", "source", "error"},
    ]


def test_json_lines_and_html_pages_match_the_schema(run, tmp_path, validate):
    text = write(tmp_path / "a.txt", ARTICLE)
    html = write(tmp_path / "b.html", HTML_PAGE)
    lines = run("clean", "-f", "jsonl", text, html, SAMPLE).stdout.decode("utf-8").splitlines()
    assert len(lines) == 3
    for line in lines:
        record = json.loads(line)
        validate(record, "jsonl_record")
        assert record["metadata"]["schema_version"] == "1"
    documents = json.loads(run("clean", "-f", "json", text, html, SAMPLE).stdout)
    validate(documents)
    for document in documents:
        validate(document, "document")


# ----------------------------------------------------------------------------- warnings


def test_warnings_are_code_and_message(run, tmp_path, validate):
    nul = write(tmp_path / "nul.txt", ARTICLE.replace("Monday", "Mon\x00day", 1))
    doc = json.loads(run("clean", "-f", "json", nul).stdout)
    validate(doc, "document")
    assert {"code": "nul-removed", "message": "1 NUL character removed from the input"} in doc[
        "warnings"
    ]
    sample = json.loads(run("clean", "-f", "json", SAMPLE).stdout)
    validate(sample, "document")
    assert {w["code"] for w in sample["warnings"]} == {"foreign-script-repair"}


def test_a_page_with_almost_nothing_kept_is_thin(run, tmp_path, validate):
    index = write(tmp_path / "index.txt", INDEX_PAGE)
    doc = json.loads(run("clean", "-f", "json", index).stdout)
    validate(doc, "document")
    thin = [w for w in doc["warnings"] if w["code"] == "thin"]
    assert len(thin) == 1 and f"fewer than {THIN_WORDS}" in thin[0]["message"]
    article = json.loads(
        run("clean", "-f", "json", write(tmp_path / "article.txt", SAMPLE.read_bytes())).stdout
    )
    assert "thin" not in {w["code"] for w in article["warnings"]}
    html = newsclean.clean(HTML_PAGE.encode())
    assert not html.thin and len(html.body.split()) >= THIN_WORDS


def test_thin_by_share_of_the_prose_in_the_input():
    sentence = "The council said on Monday that the bridge would close for repairs next year."
    kept = " ".join([sentence] * 5)  # 70 words: enough on its own
    decisions = [Decision(1, kept, True, "body")]
    decisions += [
        Decision(n, sentence, False, "boilerplate", "outside-article") for n in range(2, 2 + 120)
    ]
    decisions += [Decision(200, "Home", False, "boilerplate", "nav")] * 500  # menus are not prose
    document = Document(paragraphs=[kept], decisions=decisions)
    flag_thin(document)
    assert document.thin  # 70 of 1,750 prose words: 4 %
    document.decisions = decisions[:60]  # 70 of 70 + 826 prose words
    flag_thin(document)
    assert not document.thin and [w.code for w in document.warnings] == []


# ----------------------------------------------------------------------------- repair --jsonl


def test_repair_jsonl_keeps_records_and_lists_repairs_under_metadata(run, tmp_path):
    records = [
        {
            "id": "a",
            "text": "CafÃ© au lait",
            "source": "crawl",
            "metadata": {"url": "https://example.com/a"},
        },
        {"text": "plain text", "id": 2},
        {"id": "c", "text": "Media: Â鶹´«Ã½Ó³»", "added": None},
    ]
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    proc = run("repair", "--jsonl", input="\n".join(lines).encode("utf-8"))
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert [list(r) for r in out] == [
        ["id", "text", "source", "metadata"],
        ["text", "id", "metadata"],
        ["id", "text", "added", "metadata"],
    ]
    assert out[0]["text"] == "Café au lait" and out[0]["source"] == "crawl"
    assert out[0]["metadata"]["url"] == "https://example.com/a"
    assert [(r["before"], r["after"]) for r in out[0]["metadata"]["repairs"]] == [("Ã©", "é")]
    assert out[1] == {"text": "plain text", "id": 2, "metadata": {"repairs": []}}
    assert out[2]["text"] == "Media: 麻豆传媒映画" and out[2]["metadata"]["repairs"]


def test_repair_jsonl_skips_malformed_records_with_their_line_numbers(run, tmp_path):
    corpus = write(
        tmp_path / "corpus.jsonl",
        "\n".join(
            [
                json.dumps({"id": 1, "text": "CafÃ©"}),
                "{not json",
                "[1, 2]",
                json.dumps({"id": 4, "input": "old shape"}),
                "",
                json.dumps({"id": 6, "text": "fine", "metadata": "not an object"}),
                json.dumps({"id": 7, "text": "last"}),
            ]
        )
        + "\n",
    )
    # a FILE named *.jsonl is read as JSON lines without --jsonl
    proc = run("repair", corpus)
    assert proc.returncode == 1
    assert [json.loads(line)["id"] for line in proc.stdout.decode().splitlines()] == [1, 7]
    errors = proc.stderr.splitlines()
    assert [line.split(": ")[1] for line in errors] == [f"{corpus} line {n}" for n in (2, 3, 4, 6)]
    assert all("skipped" in line for line in errors) and "Traceback" not in proc.stderr
    # the records of the other inputs are still written, and a missing file is one line
    missing = tmp_path / "missing.jsonl"
    both = run("repair", "--jsonl", missing, corpus)
    assert both.returncode == 1
    assert both.stderr.splitlines()[0] == f"newsclean: {missing}: no such file (check the path)"
    assert both.stdout == proc.stdout


# ----------------------------------------------------------------------------- no traceback, ever

SITECUSTOMIZE = """
import importlib

html_blocks = importlib.import_module("newsclean.extract.html.blocks")
repair = importlib.import_module("newsclean.text.repair")  # (newsclean.text.repair is also a function)

def _broken_parse(html):
    raise RuntimeError("injected parser failure")

_repair = repair.repair

def _broken_repair(text):
    if "BOOM" in text:
        raise KeyError("injected repair failure")
    return _repair(text)

html_blocks.parse = _broken_parse
repair.repair = _broken_repair
"""


@pytest.fixture
def broken(tmp_path):
    """An environment in which the HTML parser always raises, and repair raises on 'BOOM'."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(textwrap.dedent(SITECUSTOMIZE))
    import os

    paths = [str(site), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {"PYTHONPATH": os.pathsep.join(paths)}


def _bug_line(line: str, source: Path) -> None:
    assert line.startswith(f"newsclean: {source}: internal error: "), line
    assert "bug" in line and "--debug" in line and "NEWSCLEAN_DEBUG=1" in line


def test_an_unexpected_error_is_one_line_and_the_other_inputs_go_on(
    run_process, tmp_path, broken, validate
):
    run = run_process  # the failure is injected into a new process by sitecustomize
    page = write(tmp_path / "page.html", HTML_PAGE)
    text = write(tmp_path / "story.txt", ARTICLE)
    proc = run("clean", page, text, env=broken)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    [line] = proc.stderr.splitlines()
    _bug_line(line, page)
    assert "RuntimeError: injected parser failure" in line
    assert "Schools across the region" in proc.stdout.decode()

    as_json = run("clean", "-f", "json", page, text, env=broken)
    items = json.loads(as_json.stdout)
    validate(items)
    assert (
        items[0]["error"]["code"] == "internal"
        and "injected parser failure" in items[0]["error"]["message"]
    )
    assert items[1]["title"] == "Storm closes schools"

    for debug in ({"NEWSCLEAN_DEBUG": "1"}, None):
        args = ("clean", page) if debug else ("--debug", "clean", page)
        shown = run(*args, env={**broken, **(debug or {})})
        assert shown.returncode == 1
        assert (
            "Traceback (most recent call last)" in shown.stderr and "_broken_parse" in shown.stderr
        )
        _bug_line(shown.stderr.splitlines()[-1], page)


def test_every_command_contains_an_unexpected_error(run_process, tmp_path, broken):
    run = run_process  # the failure is injected into a new process by sitecustomize
    page = write(tmp_path / "page.html", HTML_PAGE)
    text = write(tmp_path / "story.txt", ARTICLE)
    boom = write(tmp_path / "boom.txt", "BOOM café\n")
    fine = write(tmp_path / "fine.txt", "CafÃ© au lait\n")

    diff = run("diff", page, text, env=broken)
    assert diff.returncode == 1 and "Traceback" not in diff.stderr
    _bug_line(diff.stderr.splitlines()[0], page)
    assert "Schools across the region" in diff.stdout.decode()

    report = tmp_path / "report.html"
    html = run("diff", "--html", report, page, text, env=broken)
    assert html.returncode == 1 and "Traceback" not in html.stderr
    _bug_line(html.stderr.splitlines()[0], page)
    assert "injected parser failure" in report.read_text(encoding="utf-8")

    repair = run("repair", boom, fine, env=broken)
    assert repair.returncode == 1 and "Traceback" not in repair.stderr
    _bug_line(repair.stderr.splitlines()[0], boom)
    assert repair.stdout.decode() == "Café au lait\n"

    detect = run("detect", boom, fine, env=broken)
    assert detect.returncode == 1 and "Traceback" not in detect.stderr
    _bug_line(detect.stderr.splitlines()[0], boom)
    assert detect.stdout.decode().startswith(f"{fine}\t")

    records = "\n".join(json.dumps({"id": n, "text": t}) for n, t in enumerate(["BOOM é", "CafÃ©"]))
    jsonl = run("repair", "--jsonl", input=records.encode(), env=broken)
    assert jsonl.returncode == 1 and "Traceback" not in jsonl.stderr
    assert jsonl.stderr.startswith("newsclean: <stdin> line 1: internal error: KeyError")
    assert [json.loads(line)["text"] for line in jsonl.stdout.decode().splitlines()] == ["Café"]


def test_batch_records_an_unexpected_error_as_a_failure_and_goes_on(run, tmp_path, broken):
    src = tmp_path / "src"
    src.mkdir()
    write(src / "page.html", HTML_PAGE)
    write(src / "story.txt", ARTICLE)
    out, report = tmp_path / "out", tmp_path / "report.jsonl"
    proc = run("batch", src, "-o", out, "--report", report, "-j", "1", env=broken)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    records = {r["id"]: r for r in map(json.loads, report.read_text().splitlines())}
    failed = records["page.html"]
    assert failed["status"] == "failed" and failed["code"] == "internal"
    assert failed["reason"].startswith("internal error: RuntimeError: injected parser failure")
    assert "bug" in failed["reason"] and "NEWSCLEAN_DEBUG=1" in failed["reason"]
    assert records["story.txt"]["status"] == "cleaned"
    assert (out / "story.txt").read_text().startswith("Storm closes schools")


def test_batch_counts_thin_results_and_flags_them_in_its_reports(run, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    write(src / "index.txt", INDEX_PAGE)
    write(src / "story.txt", SAMPLE.read_bytes())
    report, html = tmp_path / "report.jsonl", tmp_path / "report.html"
    proc = run(
        "batch", src, "-o", tmp_path / "out", "--report", report, "--report-html", html, "-j", "1"
    )
    assert proc.returncode == 0, proc.stderr
    assert "2 cleaned, 0 skipped, 0 failed; 1 thin (little text kept)" in proc.stderr
    records = {r["id"]: r for r in map(json.loads, report.read_text().splitlines())}
    assert records["index.txt"]["thin"] is True and "thin" in records["index.txt"]["warnings"]
    assert records["story.txt"]["thin"] is False
    page = html.read_text(encoding="utf-8")
    assert page.count('<tr class="thin"') == 1 and "thin result:" in page


def test_the_schema_rejects_other_shapes(validate):
    from jsonschema import ValidationError

    document = newsclean.clean(ARTICLE).to_dict()
    validate(document, "document")
    for broken in (
        {**document, "warnings": ["a warning as a bare string"]},
        {k: v for k, v in document.items() if k != "schema_version"},
        {**document, "schema_version": "2"},
        {**document, "unknown": 1},
        {"source": "a.txt", "error": {"code": "not-found"}},
    ):
        with pytest.raises(ValidationError):
            validate(broken)
