"""The development pages of the HTML benchmarks, with their domain groups and folds.

Two sets, both from ``../shared/bench``:

* ``wcxb``: the WCXB dev split (1,497 pages, seven page types), read through the
  benchmark's own ``unpack.records``;
* ``zyte``: the Zyte article-extraction dev split (91 news pages, ``extraction/dev``).

Every page belongs to a **group**, the host of its URL (``www.`` dropped), and every
group to one of :data:`FOLDS` folds by a hash of its name: the fold of a domain never
depends on which other pages are loaded, and a model scored on fold *k* was never
trained on a page of a domain in fold *k*. Zyte pages whose URL is unknown are each
their own group.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

FOLDS = 5


@dataclass
class Page:
    set: str  # "wcxb" or "zyte"
    id: str
    html: str
    scraped: str
    page_type: str  # WCXB's label; "zyte" for the Zyte pages
    group: str
    #: WCXB: the reference record (main_content, title, author, publish_date, with, without);
    #: Zyte: {"main_content": gold.txt}.
    gold: dict = field(default_factory=dict)
    #: Zyte: the page's folder (its scorer reads gold.txt from it).
    folder: Path | None = None

    @property
    def key(self) -> str:
        return f"{self.set}/{self.id}"

    @property
    def fold(self) -> int:
        return fold_of(self.group)


def host(url: str | None) -> str | None:
    """The host of *url*, lower-case, without ``www.``.

    >>> host("https://www.Example.com/a/b?c"), host("not a url")
    ('example.com', None)
    """
    if not url:
        return None
    name = (urlsplit(url).hostname or "").lower()
    if not name:
        return None
    return name[4:] if name.startswith("www.") else name


def fold_of(group: str, folds: int = FOLDS) -> int:
    """The fold of a group: a stable hash of its name (not Python's salted ``hash``).

    >>> fold_of("example.com") == fold_of("example.com"), 0 <= fold_of("example.com") < FOLDS
    (True, True)
    """
    return int(hashlib.sha1(group.encode("utf-8")).hexdigest(), 16) % folds


def load_module(path: Path, name: str):
    """Import a benchmark's own script by path (two of them are called ``score.py``)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def wcxb_pages(bench: Path, types: tuple[str, ...] = ()) -> list[Page]:
    unpack = load_module(bench / "wcxb" / "unpack.py", "wcxb_unpack")
    pages = []
    for rec in unpack.records(types):
        html, scraped = rec.pop("html"), rec.pop("scraped")
        pages.append(
            Page(
                "wcxb",
                rec["id"],
                html,
                scraped,
                rec["page_type"],
                host(rec.get("url")) or f"wcxb:{rec['id']}",
                rec,
            )
        )
    return pages


def zyte_pages(bench: Path) -> list[Page]:
    pages = []
    for folder in sorted((bench / "extraction" / "dev").iterdir()):
        if not (folder / "gold.txt").exists():
            continue
        meta_file = folder / "meta.json"
        meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else {}
        pages.append(
            Page(
                "zyte",
                folder.name,
                (folder / "page.html").read_text(encoding="utf-8"),
                (folder / "scraped.txt").read_text(encoding="utf-8"),
                "zyte",
                host(meta.get("url")) or f"zyte:{folder.name}",
                {"main_content": (folder / "gold.txt").read_text(encoding="utf-8")},
                folder,
            )
        )
    return pages


def all_pages(bench: Path, sets: tuple[str, ...] = ("wcxb", "zyte"), limit: int = 0) -> list[Page]:
    """The pages of *sets*, sorted by set and id; with *limit*, every n-th page so that about
    *limit* remain (a quick run that still covers all types)."""
    pages: list[Page] = []
    if "wcxb" in sets:
        pages += wcxb_pages(bench)
    if "zyte" in sets:
        pages += zyte_pages(bench)
    if limit and len(pages) > limit:
        step = len(pages) / limit
        pages = [pages[int(i * step)] for i in range(limit)]
    return pages
