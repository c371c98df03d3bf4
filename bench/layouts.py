"""The dev pages as three text scrapers dump them: ``html_text``, inscriptis and html2text.

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
"""

from __future__ import annotations

import os
import sys
from multiprocessing import Pool
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
LAYOUTS = ("html_text", "inscriptis", "html2text")


def version(dist: str) -> str | None:
    """The installed version of *dist*, or None."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed(dist)
    except PackageNotFoundError:
        return None


def require(layouts, who: str) -> None:
    """Stop with one clear line when a layout's tool is not installed."""
    for layout in layouts:
        if layout != "html_text" and version(layout) is None:
            sys.exit(f"{who}: the {layout} layout needs {layout} (pip install {layout})")


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
