"""The dev pages as text scrapers dump them: ``html_text``, inscriptis and html2text, which the
text models learn from, and four they never see.

``html_text`` is the dump the benchmarks ship (WCXB's ``scraped``, Zyte's
``scraped.txt``, made with ``html_text`` and ``guess_layout``); the two others are
made here from the page's HTML and cached under
``bench/out/cache/layout-TOOL-VERSION/SET/ID.txt``, so a tool's new version makes
new dumps:

* ``inscriptis``: ``get_text``, blocks apart, list items as ``* item``;
* ``html2text``: Markdown-like, images and links left out, paragraphs wrapped at 78
  columns as lynx and w3m dump them.

``bench/text_cv.py`` scores newsclean on each layout; ``scripts/train_pagetype.py
--input text`` and ``scripts/train_lines.py`` train the text models on all three
(each page once per layout).

Four more layouts are only scored, never learned from, so they measure how the models
read a scraper they have not seen (each skipped where its tool is not installed):

* ``resiliparse``: ``extract_plain_text`` of the whole page (``main_content=False``), the
  extractor of several web-text pipelines: list items as ``•``, and the ``alt`` text of
  images as lines of their own;
* ``lynx``: ``lynx -dump`` at 80 columns, each link numbered (``[12]mayor``) and their
  addresses listed under "References" at the end, paragraphs indented and wrapped
  (a system program, not a Python package);
* ``w3m``: ``w3m -dump`` at 80 columns, wrapped, no link numbers (a system program);
* ``trafilatura``: trafilatura's text output (``extract``, without comments): the page's
  article as an extractor found it, what a user pipes in who ran one before. newsclean
  should take little more from it than the boilerplate the extractor left.

lynx and w3m show images' ``alt`` text too, which none of the learned layouts does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from functools import cache
from multiprocessing import Pool
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
LAYOUTS = ("html_text", "inscriptis", "html2text")
#: The terminal browsers, which dump a page read from stdin: {layout: the command}.
PROGRAMS = {
    "lynx": [
        "lynx", "-dump", "-stdin", "-force_html", "-width=80",
        "-assume_charset=utf-8", "-display_charset=utf-8",
    ],
    "w3m": ["w3m", "-dump", "-T", "text/html", "-I", "utf-8", "-O", "utf-8", "-cols", "80"],
}  # fmt: skip
#: Layouts that are scored but never learned from.
UNSEEN = ("resiliparse", *PROGRAMS, "trafilatura")


def version(dist: str) -> str | None:
    """The installed version of *dist* (a Python package, or a program of :data:`PROGRAMS`),
    or None."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    if dist in PROGRAMS:
        return _program_version(dist)
    try:
        return installed(dist)
    except PackageNotFoundError:
        return None


@cache
def _program_version(name: str) -> str | None:
    """The version a program of :data:`PROGRAMS` reports (its first line's version word)."""
    if shutil.which(name) is None:
        return None
    first = subprocess.run([name, "-version"], capture_output=True, text=True).stdout.split("\n")[0]
    words = [w for w in first.replace("/", " ").split() if w[:1].isdigit()]
    return words[0].rstrip(",") if words else "unknown"


def unseen_layouts() -> list[str]:
    """The layouts of :data:`UNSEEN` whose tool is installed."""
    return [name for name in UNSEEN if version(name) is not None]


def require(layouts, who: str) -> None:
    """Stop with one clear line when a layout's tool is not installed."""
    for layout in layouts:
        if layout != "html_text" and version(layout) is None:
            how = f"the {layout} program" if layout in PROGRAMS else f"pip install {layout}"
            sys.exit(f"{who}: the {layout} layout needs {layout} ({how})")


def dump(layout: str, html: str) -> str:
    """The text *layout*'s tool makes of a page's HTML."""
    if layout == "inscriptis":
        from inscriptis import get_text

        return get_text(html)
    if layout == "html2text":
        import html2text

        converter = html2text.HTML2Text()
        converter.ignore_images = True
        converter.ignore_links = True
        converter.body_width = 78
        return converter.handle(html)
    if layout == "resiliparse":
        from resiliparse.extract.html2text import extract_plain_text

        return extract_plain_text(html, main_content=False)
    if layout == "trafilatura":
        from trafilatura import extract

        return extract(html, output_format="txt", include_comments=False) or ""
    if layout in PROGRAMS:
        done = subprocess.run(
            PROGRAMS[layout], input=html.encode("utf-8"), capture_output=True, timeout=60
        )
        return done.stdout.decode("utf-8", errors="replace")
    raise ValueError(f"unknown layout {layout!r}")


def _dump_task(args: tuple[str, str, str]) -> tuple[str, str]:
    layout, key, html = args
    try:
        return key, dump(layout, html)
    except Exception as error:  # a tool failing on a page leaves an empty dump
        print(f"  {layout} failed on {key}: {error}", file=sys.stderr)
        return key, ""


def nice() -> None:
    """Run below the machine's other work (a pool's initializer; the benches call it too)."""
    try:
        os.nice(10)
    except OSError:
        pass


def layout_texts(pages, layout: str, jobs: int = 2) -> dict[str, str]:
    """{page key: the page's text in *layout*}; dumps other than html_text are cached."""
    if layout == "html_text":
        return {p.key: p.scraped for p in pages}
    cache = OUT / "cache" / f"layout-{layout}-{version(layout)}"
    texts, todo = {}, []
    for page in pages:
        file = cache / page.set / f"{page.id}.txt"
        if file.exists():
            texts[page.key] = file.read_text(encoding="utf-8")
        else:
            todo.append((layout, page.key, page.html))
    if todo:
        print(f"  dumping {len(todo)} pages with {layout}", file=sys.stderr)
        with Pool(jobs, initializer=nice) as pool:
            for key, text in pool.imap_unordered(_dump_task, todo, chunksize=8):
                texts[key] = text
                file = cache / key.replace("/", os.sep)
                file = file.with_name(file.name + ".txt")
                file.parent.mkdir(parents=True, exist_ok=True)
                file.write_text(text, encoding="utf-8")
    return texts


def all_layouts(pages, jobs: int = 2, layouts=LAYOUTS) -> list[tuple]:
    """``(page, layout, text)`` for every page in every layout, layout by layout."""
    items = []
    for layout in layouts:
        texts = layout_texts(pages, layout, jobs)
        items += [(page, layout, texts[page.key]) for page in pages]
    return items
