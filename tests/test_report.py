"""The HTML report: self-contained, escaped everywhere, an index, failures, reasons inline and as filters."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import Counter
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from newsclean.cli import cli
from newsclean.document import Decision, Document, Notice, Removal
from newsclean.output.report import (
    content_security_policy,
    render_report,
    script_json,
    write_report,
)
from newsclean.text.record import Step
from newsclean.text.repair import Repair

UTF8_AS_CP1252 = (Step("UTF-8", "cp1252"),)

HOSTILE_SCRIPT = "<script>document.title='pwned'</script>"
HOSTILE_IMG = """<img src=x onerror="document.body.setAttribute('data-pwned','1')">"""
ENDS_SCRIPT = "</script><script>alert(1)</script>\u2028<!--"


def hostile_document() -> Document:
    lines = [HOSTILE_SCRIPT, HOSTILE_IMG, "Quote \" and ' & ampersand <b>bold</b>", "Menu"]
    decisions = [
        Decision(1, lines[0], False, "boilerplate", "nav", HOSTILE_IMG, ENDS_SCRIPT),
        Decision(2, lines[1], True, "title", rule="headline"),
        Decision(3, lines[2], True, "body"),
        Decision(
            4, lines[3], False, "boilerplate", '"><script>x()</script>', "r", '" onmouseover="x()'
        ),
    ]
    removed = [
        Removal(d.line, d.text, d.reason, d.rule, d.evidence) for d in decisions if not d.keep
    ]
    return Document(
        title=lines[1],
        paragraphs=[lines[2]],
        decisions=decisions,
        removed=removed,
        source=HOSTILE_IMG,
        warnings=[Notice("injected", HOSTILE_SCRIPT)],
    )


def plain_document(removed_share: int = 1, repairs: int = 0) -> Document:
    """A page with *removed_share* nav lines among 4 lines of text, and *repairs* repaired spans."""
    texts = (
        [f"Nav item {i}" for i in range(removed_share)]
        + ["Storm closes schools"]
        + [f"Schools were closed on day {i} after the storm, officials said." for i in range(3)]
    )
    decisions, removed, offset, fixes = [], [], 0, []
    for number, text in enumerate(texts, start=1):
        if text.startswith("Nav"):
            decisions.append(
                Decision(number, text, False, "boilerplate", "nav", "nav-word", "matched 'Nav'")
            )
            removed.append(Removal(number, text, "nav", "nav-word", "matched 'Nav'"))
        elif text.startswith("Storm"):
            decisions.append(Decision(number, text, True, "title", rule="headline"))
        else:
            decisions.append(Decision(number, text, True, "body"))
            if len(fixes) < repairs:
                fixes.append(Repair(offset, offset + 8, "SchoolsÂ", "Schools", UTF8_AS_CP1252))
        offset += (
            len(text)
            + 1
            + (len("SchoolsÂ") - len("Schools") if fixes and fixes[-1].start == offset else 0)
        )
    return Document(
        title="Storm closes schools", decisions=decisions, removed=removed, repairs=fixes
    )


class Collector(HTMLParser):
    """Every start tag with its attributes, the text, and the contents of <script> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.scripts: list[tuple[dict, str]] = []
        self._in_script: dict | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script is not None:
            attrs, body = self.scripts[-1]
            self.scripts[-1] = (attrs, body + data)
        else:
            self.text.append(data)


def parse(page: str) -> Collector:
    collector = Collector()
    collector.feed(page)
    collector.close()
    return collector


ALLOWED_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "h1",
    "h2",
    "p",
    "nav",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "button",
    "a",
    "section",
    "ul",
    "li",
    "fieldset",
    "legend",
    "label",
    "input",
    "span",
    "main",
    "div",
    "script",
    "del",
    "ins",
    "details",
    "summary",
}


def test_hostile_text_is_escaped_everywhere():
    page = render_report(
        [(HOSTILE_SCRIPT, hostile_document()), (HOSTILE_IMG, f"failed on {HOSTILE_IMG}")]
    )
    parsed = parse(page)
    assert {tag for tag, _ in parsed.tags} <= ALLOWED_TAGS
    assert not [tag for tag, _ in parsed.tags if tag == "img"]
    for tag, attrs in parsed.tags:
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        assert not any(str(value).lower().startswith("javascript:") for value in attrs.values())
    # exactly two scripts: the data block (not executable) and the report's own code
    assert [attrs.get("type") for attrs, _ in parsed.scripts] == ["application/json", None]
    assert "pwned" not in parsed.scripts[1][1] and "alert" not in parsed.scripts[1][1]
    text = "".join(parsed.text)
    assert HOSTILE_SCRIPT in text and HOSTILE_IMG in text
    assert "Quote \" and ' & ampersand <b>bold</b>" in text
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in page
    titles = [attrs["title"] for _, attrs in parsed.tags if "title" in attrs]
    assert any(ENDS_SCRIPT in t for t in titles)
    assert any('" onmouseover="x()' in t for t in titles)


def test_embedded_json_cannot_end_its_script():
    page = render_report([(ENDS_SCRIPT, hostile_document())])
    block = re.search(
        r'<script type="application/json" id="newsclean-data">(.*?)</script>', page, re.S
    ).group(1)
    assert "<" not in block and ">" not in block and "&" not in block and "\u2028" not in block
    records = json.loads(block)
    assert records[0]["source"] == ENDS_SCRIPT
    assert records[0]["warnings"] == [{"code": "injected", "message": HOSTILE_SCRIPT}]
    assert json.loads(script_json({"a": "<&>\u2029"})) == {"a": "<&>\u2029"}


def test_page_is_self_contained_with_a_strict_policy():
    page = render_report([("a.txt", plain_document(2, 1)), ("b.txt", "no such file")])
    assert not re.search(r"""(?:src|href)\s*=\s*(?!["']?#)""", page)
    assert (
        "url(" not in page
        and "@import" not in page
        and "http://" not in page
        and "https://" not in page
    )
    parsed = parse(page)
    policy = next(
        attrs["content"]
        for tag, attrs in parsed.tags
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"
    )
    assert policy == content_security_policy()
    assert "default-src 'none'" in policy and "unsafe-eval" not in policy
    script = parsed.scripts[1][1]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]


def test_index_rows_failures_and_sort_values():
    docs = [
        ("few.txt", plain_document(1, 0)),
        ("many.txt", plain_document(6, 2)),
        ("bad.bin", "a PDF document"),
    ]
    parsed = parse(render_report(docs))
    rows = [attrs for tag, attrs in parsed.tags if tag == "tr" and "data-order" in attrs]
    assert [r["data-order"] for r in rows] == ["1", "2", "3"]
    assert rows[2]["class"] == "failed" and rows[2]["title"] == "a PDF document"
    cells = [attrs for tag, attrs in parsed.tags if tag == "td"]
    values = [c["data-value"] for c in cells]
    # columns: order, source, status, lines, removed, share, repairs, encoding
    assert values[:8] == [
        "1",
        "few.txt",
        "0",
        "5",
        "1",
        str(round(len("Nav item 0") / sum(len(d.text) for d in plain_document(1, 0).decisions), 6)),
        "0",
        "0",
    ]
    assert values[8 + 4] == "6" and values[8 + 6] == "2"
    assert values[16 + 2] == "1"
    text = "".join(parsed.text)
    assert "Failures (1)" in text and "bad.bin: a PDF document" in text
    assert "Could not be cleaned: a PDF document" in text
    assert "2 documents cleaned (0 thin), 1 failed" in text


def test_removed_lines_carry_reasons_inline_on_hover_and_as_filters():
    doc = plain_document(3, 1)
    doc.decisions.append(
        Decision(99, "© Example", False, "boilerplate", "legal", "copyright", "starts with ©")
    )
    doc.removed.append(Removal(99, "© Example", "legal", "copyright", "starts with ©"))
    parsed = parse(render_report([("x.txt", doc)]))
    lines = [
        attrs for tag, attrs in parsed.tags if tag == "div" and "line" in attrs.get("class", "")
    ]
    removed = [a for a in lines if a["class"] == "line removed"]
    assert Counter(a["data-reason"] for a in removed) == Counter(r.reason for r in doc.removed)
    assert all(a["data-filter"] == "reason:" + a["data-reason"] for a in removed)
    legal = next(a for a in removed if a["data-reason"] == "legal")
    assert legal["title"] == "removed: legal\nrule: copyright\nevidence: starts with ©"
    assert "legal: copyright" in "".join(parsed.text)
    boxes = {a["data-filter"] for tag, a in parsed.tags if tag == "input"}
    assert boxes == {"status:kept", "metadata:title", "reason:nav", "reason:legal"}
    assert all("checked" in a for tag, a in parsed.tags if tag == "input")
    assert [a["class"] for a in lines].count("line repaired") == 1
    assert "<del>SchoolsÂ</del><ins>Schools</ins>" in render_report([("x.txt", doc)])


def test_exceptions_and_empty_entries():
    page = render_report([("x", ValueError("broken <input>")), ("y", Document())])
    assert "broken &lt;input&gt;" in page and "<input>" not in page
    assert "0 lines removed" in page
    assert render_report([]).count("<tr") == 1


def test_write_report_and_the_command(tmp_path):
    out = tmp_path / "r.html"
    write_report([("a", plain_document(2))], out)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    page = tmp_path / "page.txt"
    page.write_text(
        "Skip to content\n\nStorm closes schools\n\n" + "Schools were closed on Monday after the "
        "storm brought down power lines, officials said in a statement.\n" * 3,
        encoding="utf-8",
    )
    report = tmp_path / "report.html"
    result = CliRunner().invoke(
        cli, ["diff", "--html", str(report), str(page), str(tmp_path / "gone.txt")]
    )
    assert result.exit_code == 1
    assert "gone.txt: no such file" in result.output
    html = report.read_text(encoding="utf-8")
    assert "page.txt" in html and "gone.txt" in html and "no such file" in html
    same = CliRunner().invoke(cli, ["diff", "--html", str(page), str(page)])
    assert same.exit_code == 2 and "never overwrites its input" in same.output


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x85", "\ud800"])
def test_odd_characters_do_not_break_the_page(char):
    doc = Document(decisions=[Decision(1, f"a{char}b", True, "body")])
    page = render_report([(f"s{char}", doc)])
    page.encode("utf-8")
    assert char not in page


def test_long_runs_of_removed_lines_are_folded_and_thin_results_marked():
    doc = plain_document(9, 0)  # nine navigation lines in a row, then the article
    doc.warnings.append(Notice("thin", "thin result: 12 words kept (fewer than 50)"))
    page = render_report([("menu.txt", doc), ("short.txt", plain_document(3, 0))])
    parsed = parse(page)
    folds = re.findall(r'<details class="fold"><summary>(.*?)</summary>(.*?)</details>', page, re.S)
    # the first and last line of the run stay in view; the seven between are folded
    assert [summary for summary, _ in folds] == ["7 removed lines (nav ×7)"]
    assert folds[0][1].count('class="line removed"') == 7
    removed = [a for tag, a in parsed.tags if tag == "div" and a.get("class") == "line removed"]
    assert len(removed) == 9 + 3  # folded lines are still there, with their reasons and filters
    rows = [a for tag, a in parsed.tags if tag == "tr" and "data-order" in a]
    assert [r.get("class") for r in rows] == ["thin", None]
    text = "".join(parsed.text)
    assert "thin result: 12 words kept (fewer than 50)" in text
    assert "2 documents cleaned (1 thin), 0 failed" in text
    records = json.loads(re.search(r'id="newsclean-data">(.*?)</script>', page, re.S).group(1))
    assert [r["thin"] for r in records] == [True, False]
