"""What a batch run is given and what it returns: its configuration, tasks, summary and errors."""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from newsclean.errors import NewscleanError
from newsclean.io.files import (
    ARCHIVE_GLOBS,
)
from newsclean.options import FORMATS, Options

#: Files a batch picks up when no ``--glob`` is given (matched case-insensitively, and
#: compressed too: a glob also matches the name without ``.gz``, ``.bz2``, ``.xz``, ``.zst``):
#: pages, and archives and JSONL files, whose pages are planned by :mod:`newsclean.batch.pages`.
DEFAULT_GLOBS = ("*.txt", "*.text", "*.html", "*.htm", "*.xhtml", "*.shtml", "*.md") + ARCHIVE_GLOBS
#: Extension of the output file of each per-file format.
FORMAT_EXTENSIONS = {"text": ".txt", "json": ".json"}
MANIFEST_NAME = ".newsclean-batch.json"
LOCK_NAME = ".newsclean-batch.lock"
#: The worker function: ``module:function`` taking ``(task, context)``, returning a record.
DEFAULT_CLEANER = "newsclean.batch:clean_file"
#: Extra seconds a worker gets to report a timed-out file before it is killed.
KILL_GRACE = 2.0
TEMP_FILE = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")


class BatchUsageError(NewscleanError):
    """The batch was asked to do something unsafe or impossible (a usage error)."""


class BatchError(NewscleanError):
    """The batch cannot run at all (output not writable, workers cannot start)."""


@dataclass(frozen=True)
class BatchConfig:
    """Everything a batch run needs; picklable, so workers get a copy."""

    sources: tuple[str, ...]
    #: OUT_DIR for ``text`` and ``json``; a file or ``-`` (stdout) for ``jsonl``.
    output: str
    fmt: str = "text"
    globs: tuple[str, ...] = DEFAULT_GLOBS
    #: How each page is cleaned: the library's options, user rules already parsed.
    options: Options = field(default_factory=Options)
    #: Seconds one file may take (0: no limit).
    timeout: float = 60.0
    #: Worker processes (0: one per CPU).
    jobs: int = 0
    #: Files per chunk handed to a worker (0: automatic).
    chunk_size: int = 0
    force: bool = False
    report: str | None = None
    #: A self-contained HTML report of the first :data:`REPORT_HTML_DOCUMENTS` documents and all failures.
    report_html: str | None = None
    learn_boilerplate: bool = False
    site_key: str = "parent"
    min_share: float = 0.5
    min_docs: int = 5
    scheduler: str | None = None
    cleaner: str = DEFAULT_CLEANER
    #: Keep only documents of these page types (``page_type``; empty: all). The others are
    #: cleaned and counted, but get no output.
    page_types: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.fmt not in FORMATS:
            raise BatchUsageError(f"format must be one of {', '.join(FORMATS)}, not {self.fmt!r}")
        site_depth(self.site_key)
        if self.page_types:
            from newsclean.extract.html.pagetype import TYPES

            unknown = sorted(set(self.page_types) - set(TYPES))
            if unknown:
                raise BatchUsageError(
                    f"unknown page type {', '.join(unknown)}; choose from {', '.join(TYPES)}"
                )
        if not 0 < self.min_share <= 1:
            raise BatchUsageError("min-share must be above 0 and at most 1")

    @property
    def max_bytes(self) -> int:
        return self.options.max_bytes

    @property
    def workers(self) -> int:
        if self.jobs > 0:
            return self.jobs
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # pragma: no cover - not Linux
            return max(1, os.cpu_count() or 1)


#: How many documents (the first, in input order) the HTML report shows in full.
REPORT_HTML_DOCUMENTS = 200
#: How many failures the HTML report lists.
REPORT_HTML_FAILURES = 5000


class Task(NamedTuple):
    """One input file to process."""

    index: int  # type: ignore[assignment]  # (shadows tuple.index, which no caller uses)
    path: str
    #: Relative path of the input (the JSON-lines ``id``), printable.
    id: str
    #: Output file, or ``None`` for JSON lines.
    out: str | None
    site: str
    #: A page of an archive or JSONL file (:class:`newsclean.io.sources.Page`); None for a file.
    page: Any = None


@dataclass
class BatchSummary:
    """What a batch run did (also what the command's summary shows)."""

    cleaned: int = 0
    skipped: int = 0
    failed: int = 0
    #: Cleaned files whose result is thin (a ``thin`` warning): listed in the report with ``"thin": true``.
    thin: int = 0
    interrupted: bool = False
    encodings: Counter = field(default_factory=Counter)
    repairs: int = 0
    removed_by_reason: Counter = field(default_factory=Counter)
    bytes_in: int = 0
    seconds: float = 0.0
    #: The first failures, as (path, reason); all of them are in the report.
    failures: list[tuple[str, str]] = field(default_factory=list)
    #: Learned site boilerplate: sites with a table, lines learned, documents counted.
    learned: dict | None = None
    #: Records of archives that are not pages (requests, images …), by reason.
    records_skipped: Counter = field(default_factory=Counter)
    #: Cleaned documents by ``page_type`` (``unknown`` when none was found).
    page_types: Counter = field(default_factory=Counter)
    #: Cleaned documents given no output: their page type is not among ``--page-types``.
    excluded: int = 0

    MAX_FAILURES = 50

    @property
    def total(self) -> int:
        return self.cleaned + self.skipped + self.failed

    def add(self, record: dict) -> None:
        status = record["status"]
        if status == "cleaned":
            self.cleaned += 1
            self.thin += bool(record.get("thin"))
            if record.get("encoding"):
                self.encodings[record["encoding"]] += 1
            self.repairs += record.get("repairs", 0)
            self.removed_by_reason.update(record.get("removed_by_reason", {}))
            self.bytes_in += record.get("bytes", 0)
            self.page_types[record.get("page_type") or "unknown"] += 1
            self.excluded += bool(record.get("excluded"))
        elif status == "skipped":
            self.skipped += 1
        elif status == "archive":
            self.records_skipped.update(record.get("skipped_records", {}))
        else:
            self.failed += 1
            if len(self.failures) < self.MAX_FAILURES:
                self.failures.append((record["path"], record["reason"]))

    def to_dict(self) -> dict:
        return {
            "cleaned": self.cleaned,
            "skipped": self.skipped,
            "failed": self.failed,
            "thin": self.thin,
            "interrupted": self.interrupted,
            "encodings": dict(self.encodings.most_common()),
            "repairs": self.repairs,
            "removed_by_reason": dict(sorted(self.removed_by_reason.items())),
            "bytes_in": self.bytes_in,
            "seconds": round(self.seconds, 3),
            "learned": self.learned,
            "records_skipped": dict(sorted(self.records_skipped.items())),
            "page_types": dict(self.page_types.most_common()),
            "excluded": self.excluded,
        }


def site_depth(site_key: str) -> int:
    """``parent`` → -1, ``top`` → 1, ``depth:N`` → N."""
    if site_key == "parent":
        return -1
    if site_key == "top":
        return 1
    if site_key.startswith("depth:") and site_key[6:].isdigit() and int(site_key[6:]) > 0:
        return int(site_key[6:])
    raise BatchUsageError(f"site key must be parent, top or depth:N (N ≥ 1), not {site_key!r}")
