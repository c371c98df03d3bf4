"""The HTML report in a real browser: the script runs, filters and sorts, and page text never runs.

Needs headless Chromium (Debian/Ubuntu: ``apt-get install -y chromium``); skipped without it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from test_report import HOSTILE_IMG, HOSTILE_SCRIPT, hostile_document, parse

from newsclean import clean
from newsclean.output.report import write_report

CHROMIUM = (
    shutil.which("chromium")
    or shutil.which("chromium-browser")
    or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium not found (/usr/bin/chromium); install it with "
    "'apt-get install -y chromium' to run the browser checks",
)

PAGE = """Skip to content
Home | World | Business | Sport

Storm closes schools across the region

Schools across the region were closed on Monday after the storm brought down power lines, officials said in a statement.

Officials said the schools would reopen once power was back, and that buses would run on their normal routes.

Share | Tweet | Email
Sign up for our newsletter
"""


def dump_dom(path: Path, fragment: str = "") -> str:
    """The page's DOM after its scripts ran, as Chromium serialises it."""
    profile = path.parent / f"profile-{path.stem}"
    profile.mkdir()
    proc = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            f"--user-data-dir={profile}",
            "--virtual-time-budget=3000",
            "--dump-dom",
            path.resolve().as_uri() + fragment,
        ],
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    dom = proc.stdout.decode("utf-8")
    assert "<html" in dom, proc.stderr.decode(errors="replace")[-2000:]
    return dom


def _title(parsed) -> str:
    # the <title> text is the first text after the <title> tag; Collector keeps text in order
    dom_text = parsed.text
    return next(t for t in dom_text if t.strip())


def test_report_runs_its_script_and_never_page_text(tmp_path):
    page_doc = clean(PAGE.encode("utf-8"), source="storm.txt")
    assert page_doc.removed, "the classifier should drop the navigation of this page"
    hostile = hostile_document()
    report = tmp_path / "report.html"
    write_report(
        [("storm.txt", page_doc), (HOSTILE_SCRIPT, hostile), ("broken.bin", "a PDF document")],
        report,
    )

    parsed = parse(dump_dom(report, "#hide=reason:nav&sort=share"))
    tags = parsed.tags
    html_attrs = next(attrs for tag, attrs in tags if tag == "html")
    # the report's own script ran: the CSP hash lets it, and it marks the page
    assert html_attrs.get("data-ready") == "1"
    # page text never ran
    assert all("data-pwned" not in attrs for _, attrs in tags)
    assert not [tag for tag, _ in tags if tag == "img"]
    assert _title(parsed) == "newsclean report"
    text = "".join(parsed.text)
    assert HOSTILE_SCRIPT in text and HOSTILE_IMG in text

    lines = [
        attrs for tag, attrs in tags if tag == "div" and attrs.get("class", "").startswith("line ")
    ]
    removed = [a for a in lines if a["class"] == "line removed"]
    assert len(removed) == len(page_doc.removed) + len(hostile.removed)
    for attrs in removed:
        assert attrs["title"].startswith("removed: " + attrs["data-reason"])
        # the fragment unticked the nav filter: nav lines are hidden, the others shown
        assert ("hidden" in attrs) == (attrs["data-reason"] == "nav"), attrs
    assert all("hidden" not in a for a in lines if a["class"] != "line removed")
    assert Counter(a["data-reason"] for a in removed) == Counter(
        r.reason for r in [*page_doc.removed, *hostile.removed]
    )
    for removal in page_doc.removed:
        assert f"{removal.reason}: {removal.rule}" in text

    # sorted by share removed, largest first; the failure (no share) last
    rows = [attrs for tag, attrs in tags if tag == "tr" and "data-order" in attrs]
    shares = {"1": page_doc, "2": hostile}
    order = [r["data-order"] for r in rows]
    assert order[-1] == "3"
    from newsclean.output.diff import summarize

    expected = sorted(shares, key=lambda k: -summarize(shares[k]).share_removed)
    assert order[:2] == expected
    share_header = next(a for tag, a in tags if tag == "th" and a.get("data-key") == "share")
    assert share_header.get("aria-sort") == "descending"


def test_the_check_catches_markup_that_runs(tmp_path):
    """The same checks on a page that does not escape: they must see the script run."""
    bad = tmp_path / "unescaped.html"
    bad.write_text(
        f"<!DOCTYPE html><html><head><title>newsclean report</title></head>"
        f"<body><p>{HOSTILE_SCRIPT}</p><p>{HOSTILE_IMG}</p></body></html>",
        encoding="utf-8",
    )
    parsed = parse(dump_dom(bad))
    body = next(attrs for tag, attrs in parsed.tags if tag == "body")
    assert body.get("data-pwned") == "1"
    assert _title(parsed) == "pwned"
