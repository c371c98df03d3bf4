"""Rebuild the pictures in docs/: the HTML report (report.png) and the terminal diff (diff.svg).

    python docs/screenshots.py

Needs headless Chromium for report.png (``apt-get install -y chromium``).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from rich.console import Console

from newsclean import clean
from newsclean.output.diff import build_view, render_rich
from newsclean.output.report import write_report

DOCS = Path(__file__).resolve().parent

DEMO = """Skip to content
Home | World | Business | Sport | Opinion
Share | Tweet | Email

CafÃ© owners protest new parking rules on Main Street

By Ana Lima

The cafÃ© owners on Main Street met on Monday to protest the new parking rules, which the council approved last week without a public hearing.

Owners said the rules would cut the number of customers who can stop by during the morning rush, and asked the council to reconsider before the rules start in March.

"We were never asked," said one owner, whose crÃ¨me brÃ»lÃ©e draws a queue every weekend. "Half of our customers drive in from the villages."

The council said it would hold a hearing next month and publish the results of its traffic survey before then.

Sign up for our daily newsletter
Related: Council approves new bus lanes
Copyright 2024 Example News. All rights reserved.
"""

HOSTILE = """Breaking: <script>document.title='pwned'</script>
<img src=x onerror="document.body.setAttribute('data-pwned','1')">

Markup and scripts in a scraped page are shown as text in the report and never run, because every piece of text is escaped and the page's policy only allows its own script.

Advertisement
"""


def main() -> None:
    docs = [
        ("pages/cafe-parking.txt", clean(DEMO.encode("utf-8"), source="pages/cafe-parking.txt")),
        ("pages/hostile.txt", clean(HOSTILE.encode("utf-8"), source="pages/hostile.txt")),
        (
            "pages/scan.pdf",
            "input is a PDF document (newsclean reads text and HTML; convert the file to text first)",
        ),
    ]

    console = Console(record=True, width=110, force_terminal=True, file=io.StringIO())
    console.print("$ newsclean diff --context 1 pages/cafe-parking.txt", style="bold")
    for line in render_rich(build_view(docs[0][1]), context=1, summary=True):
        console.print(line)
    (DOCS / "diff.svg").write_text(console.export_svg(title="newsclean diff"), encoding="utf-8")

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("chromium not found: report.png not rebuilt")
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.html"
        write_report(docs, report, title="newsclean report: 3 pages")
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={tmp}/profile",
                "--hide-scrollbars",
                "--window-size=1280,900",
                f"--screenshot={DOCS / 'report.png'}",
                report.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


if __name__ == "__main__":
    main()
