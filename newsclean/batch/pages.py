"""Archives and JSONL files in a batch: their records become tasks like files do.

:mod:`newsclean.batch` plans one task per input file. An archive (WARC, ARC) or a
JSONL file is planned here instead, as one task per page it holds
(:class:`newsclean.io.sources.Page`), so its pages go through the same chunks,
workers, time limits, ordering, report and site learning as files:

* the planner (in the supervisor) reads the archive as a stream and hands each page
  to a worker with its bytes; records that are not pages are counted, broken ones
  become failed records naming the archive and the offset (or line);
* the worker cleans a page with :func:`clean_page` and returns its JSON line;
* the supervisor writes the lines in input order: into the JSONL output, or, with
  an output directory, into ``OUT/PATH/NAME.jsonl`` for archive ``NAME.warc.gz``,
  written atomically once the archive is done (:class:`ArchiveOutputs`);
* after its last page, each archive gets one record of its own (``status``
  ``archive``) with its counts; an archive whose output is up to date is skipped as
  a whole (the unit of resume for an archive is the archive).

With ``--learn-boilerplate`` the site of a page is the host of its URL.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections import Counter
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import urlsplit

from newsclean.errors import NewscleanError
from newsclean.io.files import archive_stem
from newsclean.io.sources import Broken, Page, read_pages

if TYPE_CHECKING:
    from newsclean.batch.config import BatchConfig, Task

#: The ``status`` of the record that closes an archive in the report.
ARCHIVE_STATUS = "archive"
#: ``Task.page`` of a whole archive, read and cleaned on a Dask worker (:func:`dask_archive`).
ARCHIVE = "archive"


def archive_output_name(name: str) -> str:
    """The output file of an archive in an output directory: its name without suffix, ``.jsonl``.

    >>> archive_output_name("CC-MAIN-0001.warc.gz"), archive_output_name("docs.jsonl.gz")
    ('CC-MAIN-0001.jsonl', 'docs.jsonl')
    """
    return archive_stem(name) + ".jsonl"


def page_site(page: Page, fallback: str) -> str:
    """The site of a page for boilerplate learning: the host of its URL, else *fallback*.

    >>> page_site(Page("x", "a.warc", 0, b"", url="https://www.Example.com/a/b"), "."), page_site(Page("x", "a.jsonl", 1, ""), "news")
    ('www.example.com', 'news')
    """
    if page.url:
        with contextlib.suppress(ValueError):
            host = urlsplit(page.url).hostname
            if host:
                return host
    return fallback


def plan_archive(
    config: BatchConfig, state: Any, path: str, rel: str, out: str | None, site: str, index: int
) -> Iterator[Task | dict]:
    """Tasks for the pages of one archive, failed records for its broken records, then its own record.

    *rel* is the archive's printable relative path, *out* its output file (None for a
    JSONL output), *site* the site of pages without a URL. Indices start at *index*.
    """
    from newsclean.batch.config import Task
    from newsclean.batch.plan import printable_path

    shown_out = printable_path(os.path.relpath(out, config.output)) if out is not None else None
    base = {"path": printable_path(path), "output": shown_out}
    if out is not None and state is not None and not config.force and state.up_to_date(path, out):
        yield {
            "index": index,
            **base,
            "id": rel,
            "status": "skipped",
            "reason": "output is up to date",
        }
        return
    if config.scheduler:
        yield Task(
            index, path, rel, out, site, ARCHIVE
        )  # read where it is cleaned: on a Dask worker
        return
    skipped: Counter[str] = Counter()
    pages = failed = 0
    try:
        for item in read_pages(path, rel, config.max_bytes):
            if isinstance(item, Page):
                pages += 1
                yield Task(index, path, item.id, out, page_site(item, site), item)
            elif isinstance(item, Broken):
                failed += 1
                where = "" if item.reason.startswith("line ") else f"offset {item.position}: "
                yield {
                    "index": index,
                    **base,
                    "id": f"{rel}:{item.position}",
                    "status": "failed",
                    "reason": where + item.reason,
                }
            else:
                skipped[item.reason] += 1
                continue
            index += 1
    except NewscleanError as error:
        yield {
            "index": index,
            **base,
            "id": rel,
            "status": "failed",
            "reason": str(error),
            "output": None,
        }
        return
    yield {
        "index": index,
        **base,
        "id": rel,
        "status": ARCHIVE_STATUS,
        "pages": pages,
        "failed_records": failed,
        "skipped_records": dict(sorted(skipped.items())),
        "_out": out,
    }


class ArchiveOutputs:
    """The output files of archives, in an output directory: one JSONL file each, written atomically."""

    def __init__(self) -> None:
        self.open: dict[str, tuple[contextlib.ExitStack, IO[str]]] = {}

    def handle(self, task: Task | None, record: dict) -> None:
        """Route a page's JSON line to its archive's file; finish the file at the archive's record."""
        if task is not None and task.page is not None and task.out is not None:
            line = record.pop("jsonl", None)
            if line is not None:
                self._handle(task.out).write(line)
        elif record.get("status") == ARCHIVE_STATUS:
            out = record.pop("_out", None)
            if out is not None:
                self._handle(out)  # an archive without pages still gets its (empty) output
                stack, _ = self.open.pop(out)
                stack.close()

    def _handle(self, out: str) -> IO[str]:
        entry = self.open.get(out)
        if entry is None:
            from newsclean.io.files import atomic_writer

            stack = contextlib.ExitStack()
            os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
            entry = self.open[out] = (stack, stack.enter_context(atomic_writer(out)))
        return entry[1]

    def abort(self) -> None:
        """Drop the unfinished outputs (an interrupted run): no half-written archive output is left."""
        while self.open:
            _, (stack, _) = self.open.popitem()
            with contextlib.suppress(Exception):
                stack.__exit__(KeyboardInterrupt, KeyboardInterrupt(), None)



def page_record(document: Any, page: Page) -> dict:
    """The output record of a page.

    From an archive: ``id`` (WARC-Record-ID), ``url``, ``date`` (of the crawl), ``status``
    (HTTP), ``text`` and ``metadata`` (what ``--format jsonl`` gives for a file). From a
    JSONL record: the record's own fields, its content field replaced by ``text``; its
    ``metadata`` object, if any, gets newsclean's fields added (a field both have keeps
    newsclean's value unless newsclean found none).
    """
    from newsclean.output.render import jsonl_record

    ours = jsonl_record(document, page.id)
    if page.extra is None:
        return {
            "id": page.id,
            "url": page.url,
            "date": page.date,
            "status": page.status,
            "text": ours["text"],
            "metadata": ours["metadata"],
        }
    record = dict(page.extra)
    theirs = record.get("metadata")
    metadata = ours["metadata"]
    if isinstance(theirs, dict):
        metadata = {
            **theirs,
            **{k: v for k, v in metadata.items() if v is not None or k not in theirs},
        }
    record.setdefault("id", page.id)  # an id of its own is kept as it is (a number stays a number)
    record.update(text=ours["text"], metadata=metadata)
    return record


def page_jsonl(document: Any, page: Page) -> str:
    """The output line of a page; fields that no UTF-8 can hold (lone surrogates) come escaped."""
    record = page_record(document, page)
    line = json.dumps(record, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(record)
    return line + "\n"
