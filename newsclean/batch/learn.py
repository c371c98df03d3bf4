"""Learn a site's boilerplate from many of its pages, and drop it from each page.

A navigation bar or a footer that one page cannot tell from prose gives itself
away across pages: it is on nearly all of them. Learning has two steps:

1. **Count.** For every document, the set of its normalised lines (case folded,
   digits masked, white space collapsed), each counted once per document, is
   added to the counter of the document's site. Counting is a commutative merge
   of per-document sets, so the result depends neither on file order nor on how
   the work is split between processes.
2. **Apply.** The counters are frozen into a :class:`SiteTable` that lists, per
   site, the lines found in at least ``min_share`` of its documents (sites with
   fewer than ``min_docs`` documents learn nothing). :func:`apply_site_boilerplate`
   then drops the body paragraphs whose normalised form is in the table, with the
   reason ``repeated-across-files``.

Lines are kept as 64-bit digests, not as text, so the counters stay small.

>>> normalize_line("  Page 12 of  40 | NEWS ")
'page 00 of 00 | news'
>>> counter = SiteCounter()
>>> for page in ["Title A\\nHome | World\\nBody a", "Title B\\nHome | World\\nBody b"]:
...     counter.add("site", line_keys(page))
>>> table = counter.freeze(min_share=0.5, min_docs=2)
>>> table.lookup("site", "home |  world")
(2, 2)
>>> table.lookup("site", "Body a") is None
True
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from newsclean.document import Document, Removal

#: Reason code of the lines dropped because they repeat across a site's pages.
REASON = "repeated-across-files"
RULE = "site-boilerplate"

_DIGITS = re.compile(r"\d")
_SPACE = re.compile(r"\s+")


def normalize_line(line: str) -> str:
    """Case-fold, mask digits (``0``) and collapse white space."""
    return _SPACE.sub(" ", _DIGITS.sub("0", line.casefold())).strip()


def line_key(line: str) -> int | None:
    """A stable 64-bit digest of the normalised *line*, ``None`` for a blank line."""
    normal = normalize_line(line)
    if not normal:
        return None
    return int.from_bytes(
        hashlib.blake2b(normal.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big"
    )


def line_keys(text: str) -> frozenset[int]:
    """The set of digests of the non-blank lines of *text* (each line once)."""
    keys = {line_key(line) for line in text.split("\n")}
    keys.discard(None)
    return frozenset(keys)  # type: ignore[arg-type]


class SiteCounter:
    """Per site: how many documents, and in how many of them each line occurs."""

    def __init__(self) -> None:
        self.docs: Counter[str] = Counter()
        self.lines: dict[str, Counter[int]] = {}

    def add(self, site: str, keys: Iterable[int]) -> None:
        """Count one document of *site* with the line digests *keys* (a set)."""
        self.docs[site] += 1
        self.lines.setdefault(site, Counter()).update(set(keys))

    def pop_site(self, site: str, min_share: float, min_docs: int) -> SiteEntry | None:
        """Freeze one site and forget its counter (a finished site's memory is freed)."""
        docs = self.docs.pop(site, 0)
        counts = self.lines.pop(site, Counter())
        return _entry(docs, counts, min_share, min_docs)

    def freeze(self, min_share: float = 0.5, min_docs: int = 5) -> SiteTable:
        table = SiteTable(min_share=min_share, min_docs=min_docs)
        for site in sorted(self.docs):
            entry = _entry(self.docs[site], self.lines.get(site, Counter()), min_share, min_docs)
            if entry:
                table.sites[site] = entry
        return table


def _entry(docs: int, counts: Counter, min_share: float, min_docs: int) -> SiteEntry | None:
    if docs < max(min_docs, 2):
        return None
    needed = max(2, math.ceil(min_share * docs - 1e-9))
    lines = {key: count for key, count in counts.items() if count >= needed}
    return SiteEntry(docs, lines) if lines else None


@dataclass
class SiteEntry:
    """The learned lines of one site: digest → number of documents holding it."""

    docs: int
    lines: dict[int, int] = field(default_factory=dict)


@dataclass
class SiteTable:
    """The frozen result of learning: per site, the lines to drop."""

    sites: dict[str, SiteEntry] = field(default_factory=dict)
    min_share: float = 0.5
    min_docs: int = 5

    def lookup(self, site: str, line: str) -> tuple[int, int] | None:
        """``(documents holding the line, documents of the site)``, or ``None``."""
        entry = self.sites.get(site)
        if entry is None:
            return None
        key = line_key(line)
        count = entry.lines.get(key) if key is not None else None
        return (count, entry.docs) if count else None

    def subset(self, sites: Iterable[str]) -> SiteTable:
        """The part of the table that documents of *sites* need."""
        return SiteTable(
            {s: self.sites[s] for s in set(sites) if s in self.sites}, self.min_share, self.min_docs
        )

    def digest(self) -> str:
        """A short fingerprint of the whole table (it changes when any learned line does)."""
        h = hashlib.sha256()
        h.update(json.dumps([self.min_share, self.min_docs]).encode())
        for site in sorted(self.sites):
            entry = self.sites[site]
            h.update(
                json.dumps(
                    [site, entry.docs, sorted(entry.lines.items())], ensure_ascii=True
                ).encode()
            )
        return h.hexdigest()[:16]

    @property
    def line_count(self) -> int:
        return sum(len(e.lines) for e in self.sites.values())


def apply_site_boilerplate(document: Document, table: SiteTable, site: str) -> Document:
    """Drop the body paragraphs of *document* that *table* learned for *site*.

    The title, byline, dateline and captions are left alone. Every dropped
    paragraph gets a :class:`Removal` with the reason ``repeated-across-files``
    and the line's :class:`Decision` becomes a drop. The document is changed in
    place and returned.
    """
    entry = table.sites.get(site)
    if entry is None or not document.paragraphs:
        return document
    hits: dict[int, int] = {}
    kept = []
    for paragraph in document.paragraphs:
        key = line_key(paragraph)
        count = entry.lines.get(key) if key is not None else None
        if count:
            hits[key] = count  # type: ignore[index]
        else:
            kept.append(paragraph)
    if not hits:
        return document

    def evidence(count: int) -> str:
        return f"in {count} of {entry.docs} documents of site {site}"

    decisions = []
    removals = list(document.removed)
    matched = 0
    for decision in document.decisions:
        key = line_key(decision.text) if decision.keep and decision.role == "body" else None
        if key is not None and key in hits:
            matched += 1
            decision = replace(
                decision,
                keep=False,
                role="boilerplate",
                reason=REASON,
                rule=RULE,
                evidence=evidence(hits[key]),
            )
            removals.append(Removal(decision.line, decision.text, REASON, RULE, decision.evidence))
        decisions.append(decision)
    if not matched:
        # Paragraphs the extractor built from several lines: record them without a line number.
        for paragraph in document.paragraphs:
            key = line_key(paragraph)
            if key in hits:
                removals.append(Removal(0, paragraph, REASON, RULE, evidence(hits[key])))
    document.paragraphs = kept
    document.decisions = decisions
    document.removed = sorted(removals, key=lambda r: r.line)
    from newsclean.pipeline import flag_thin

    flag_thin(document)  # less text is kept now
    return document


__all__ = [
    "REASON",
    "RULE",
    "SiteCounter",
    "SiteEntry",
    "SiteTable",
    "apply_site_boilerplate",
    "line_key",
    "line_keys",
    "normalize_line",
]
