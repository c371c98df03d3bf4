"""The cleaned article and every decision that produced it.

Renderers (text, JSON, diff, reports) only read a :class:`Document`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from newsclean.notice import Notice
from newsclean.text.decode import Decoded
from newsclean.text.repair import Repair

#: The version of the JSON output's shape (``schema_version``; the JSON Schema is
#: ``newsclean/data/schema.json``). Raised when a field changes meaning or goes away.
SCHEMA_VERSION = "1"


# Removal and Decision are made once per input line, so they are plain slotted
# dataclasses (a frozen dataclass costs five times as much to create); treat them
# as read-only.
@dataclass(slots=True)
class Removal:
    """A line of the input that is not part of the article body, and why."""

    #: 1-based line number in the (decoded, repaired) input.
    line: int
    text: str
    #: Stable reason code, e.g. ``nav``, ``caption``, ``duplicate`` (see README).
    reason: str
    #: Name of the rule that decided.
    rule: str = ""
    #: What the rule saw, in a few words.
    evidence: str = ""

    def to_dict(self) -> dict:
        return {
            "line": self.line,
            "text": self.text,
            "reason": self.reason,
            "rule": self.rule,
            "evidence": self.evidence,
        }


@dataclass(slots=True)
class Decision:
    """The verdict on one input line: the data behind ``--explain`` and ``diff``."""

    line: int
    text: str
    keep: bool
    #: What the line is: title, body, byline, dateline, caption, date, boilerplate, blank.
    role: str
    #: Reason code for a dropped line, ``""`` for a kept one.
    reason: str = ""
    rule: str = ""
    evidence: str = ""


@dataclass
class Document:
    """A cleaned article: text, metadata and the record of what was done."""

    title: str = ""
    #: Body paragraphs, in input order, without the title.
    paragraphs: list[str] = field(default_factory=list)
    byline: str | None = None
    dateline: str | None = None
    #: Publication date as ISO 8601 (``YYYY-MM-DD`` or a full timestamp) when found.
    date: str | None = None
    captions: list[str] = field(default_factory=list)
    site_name: str | None = None
    language: str | None = None
    decoded: Decoded | None = None
    repairs: list[Repair] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    #: Things a reader should know, each with a stable code (``thin``, ``nul-removed`` ...).
    warnings: list[Notice] = field(default_factory=list)
    #: Where the document came from (a path, or ``-`` for stdin), when known.
    source: str | None = None
    #: What kind of page an HTML input is (``article``, ``forum``, ``product``, ``collection``,
    #: ``listing``, ``documentation``, ``service``: WCXB's labels), and the model's probability for it.
    page_type: str | None = None
    page_type_confidence: float | None = None

    @property
    def body(self) -> str:
        """The article body: paragraphs separated by blank lines."""
        return "\n\n".join(self.paragraphs)

    @property
    def text(self) -> str:
        """Title, a blank line, then the body (the default text output)."""
        return "\n\n".join(part for part in (self.title, self.body) if part)

    @property
    def thin(self) -> bool:
        """Whether the kept text is thin (a ``thin`` warning: an index page, a teaser)."""
        return any(w.code == "thin" for w in self.warnings)

    @property
    def stats(self) -> dict:
        lines = [d for d in self.decisions if d.role != "blank"]
        kept_chars = sum(len(p) for p in self.paragraphs) + len(self.title)
        total_chars = sum(len(d.text) for d in lines)
        return {
            "lines": len(lines),
            "lines_kept": sum(d.keep for d in lines),
            "lines_removed": len(self.removed),
            "removed_by_reason": dict(sorted(Counter(r.reason for r in self.removed).items())),
            "paragraphs": len(self.paragraphs),
            "characters_in": total_chars,
            "characters_out": kept_chars,
            "repairs": len(self.repairs),
        }

    def to_dict(self) -> dict:
        """A JSON-ready dictionary (the ``--format json`` output)."""
        return {
            "schema_version": SCHEMA_VERSION,
            "source": self.source,
            "title": self.title,
            "body": self.body,
            "paragraphs": list(self.paragraphs),
            "byline": self.byline,
            "dateline": self.dateline,
            "date": self.date,
            "captions": list(self.captions),
            "site_name": self.site_name,
            "language": self.language,
            "page_type": self.page_type,
            "page_type_confidence": self.page_type_confidence,
            "encoding": self.decoded.to_dict() if self.decoded else None,
            "repairs": [r.to_dict() for r in self.repairs],
            "removed": [r.to_dict() for r in self.removed],
            "warnings": [w.to_dict() for w in self.warnings],
            "stats": self.stats,
        }
