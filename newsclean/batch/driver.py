"""The driver: :func:`run_batch` plans, hands chunks to a backend, writes records in input order, and reports."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from typing import IO, Any

from newsclean.batch.cluster import DaskBackend
from newsclean.batch.config import (
    REPORT_HTML_FAILURES,
    BatchConfig,
    BatchError,
    BatchSummary,
    Task,
    site_depth,
)
from newsclean.batch.plan import (
    OutputState,
    WalkProblem,
    check_locations,
    fingerprint,
    printable_path,
    site_of,
    walk,
)
from newsclean.batch.pool import LocalPool, base_record, drive
from newsclean.io.files import (
    archive_kind,
    atomic_writer,
    os_message,
)


def _open_backend(config: BatchConfig):
    if config.scheduler:
        return DaskBackend(config)
    return LocalPool(config, config.workers)


def _plan(
    config: BatchConfig, out_identity, state: OutputState | None, depth: int
) -> Iterator[Task | dict]:
    """Tasks, and ready records for inputs that need no work (problems, up-to-date outputs)."""
    index = 0
    archive_outputs: set[str] = set()
    for item in walk(config, out_identity):
        if isinstance(item, WalkProblem):
            yield {
                "index": index,
                "path": printable_path(item.path),
                "id": item.id,
                "status": item.status,
                "reason": item.reason,
                "output": None,
            }
        else:
            path, parts, name, out_name = item
            rel = "/".join((*parts, name))
            if archive_kind(name):
                from newsclean.batch.pages import archive_output_name, plan_archive

                out = (
                    os.path.join(config.output, *parts, archive_output_name(name))
                    if config.fmt != "jsonl"
                    else None
                )
                if (
                    out is not None and out in archive_outputs
                ):  # a.jsonl after a.warc.gz: keep the whole name
                    out = os.path.join(config.output, *parts, name + ".jsonl")
                archive_outputs.add(out or "")
                for entry in plan_archive(
                    config, state, path, printable_path(rel), out, site_of(parts, depth), index
                ):
                    yield entry
                    index += 1
                continue
            out = os.path.join(config.output, *parts, out_name) if out_name else None
            task = Task(index, path, printable_path(rel), out, site_of(parts, depth))
            if (
                out is not None
                and state is not None
                and not config.force
                and state.up_to_date(path, out)
            ):
                yield {
                    **base_record(task, config.output),
                    "status": "skipped",
                    "reason": "output is up to date",
                }
            else:
                yield task
        index += 1


def _chunk_size(config: BatchConfig) -> int:
    if config.chunk_size > 0:
        return config.chunk_size
    return 64 if config.scheduler else 8


class _Recorder:
    """Where each record goes, in input order: the summary, the report, the JSON-lines
    sink, the HTML report's entries, the archive outputs, and the caller's *notify*."""

    def __init__(self, config: BatchConfig, summary: BatchSummary, notify: Callable) -> None:
        from newsclean.batch.pages import ArchiveOutputs

        self.config = config
        self.summary = summary
        self.notify = notify
        self.report: IO[str] | None = None
        #: The JSON-lines output, once it is open (``None`` for a directory of files).
        self.sink: IO[str] | None = None
        self.archives = ArchiveOutputs()
        self.html_entries: list[tuple[str, Any]] = []
        self.html_failures = 0

    def __call__(self, task: Task | None, record: dict) -> None:
        if "records" in record:  # an archive done on a Dask worker: its records, in order
            for each in record["records"]:
                self(None, each)
            return
        config = self.config
        if task is not None:
            record = {**base_record(task, config.output), **record}
        if record["status"] == "failed":
            record["output"] = None
        document = record.pop("document", None)
        if document is not None:
            self.html_entries.append((record["id"], document))
        elif (
            config.report_html
            and record["status"] == "failed"
            and self.html_failures < REPORT_HTML_FAILURES
        ):
            self.html_failures += 1
            self.html_entries.append((record.get("id") or record["path"], record["reason"]))
        record.pop("index", None)
        self.archives.handle(task, record)
        jsonl = record.pop("jsonl", None)
        if jsonl is not None and self.sink is not None:
            self.sink.write(jsonl)
        self.summary.add(record)
        if self.report is not None:
            self.report.write(json.dumps(record, ensure_ascii=False) + "\n")
            self.report.flush()
        self.notify("record", record)


def run_batch(
    config: BatchConfig,
    on_event: Callable[[str, Any], None] | None = None,
    stdout: IO[str] | None = None,
) -> BatchSummary:
    """Run a batch; return the summary (``interrupted`` is set after Ctrl-C).

    *on_event* is called with ``("phase", (name, total_or_None))`` when a pass
    starts and ``("record", record)`` for every input, in input order.
    Raises :class:`BatchUsageError` or :class:`BatchError` before any work when
    the batch cannot run.
    """
    notify = on_event or (lambda kind, payload: None)
    check_locations(config)
    if next(walk(config), None) is None:
        return BatchSummary()  # no input at all: nothing is written (the command says so)
    note = _JsonlNote(config) if config.fmt == "jsonl" and config.output != "-" else None
    if note is not None:
        if not config.force and note.up_to_date():
            return _all_up_to_date(config, notify)
        note.forget()
    summary = BatchSummary()
    started = time.monotonic()
    state = OutputState(config) if config.fmt != "jsonl" else None
    recorder = _Recorder(config, summary, notify)
    backend = None
    try:
        recorder.report = _open_report(config)
        backend = _open_backend(config)
        try:
            _passes(config, backend, state, recorder, stdout)
        except KeyboardInterrupt:
            summary.interrupted = True
            backend.close(kill=True)
    finally:
        recorder.archives.abort()
        if backend is not None and not summary.interrupted:
            backend.close()
        if state is not None:
            state.finish(clean=not getattr(backend, "unclean", False))
            state.close()
        if recorder.report is not None and recorder.report is not sys.stdout:
            recorder.report.close()
        summary.seconds = time.monotonic() - started
    if config.report_html:
        _write_html_report(config.report_html, recorder.html_entries)
    if note is not None and not summary.failed and not summary.interrupted:
        note.remember()
    return summary


def _passes(
    config: BatchConfig,
    backend,
    state: OutputState | None,
    recorder: _Recorder,
    stdout: IO[str] | None,
) -> None:
    """The learning pass (with ``learn_boilerplate``), then the cleaning pass."""
    depth = site_depth(config.site_key)
    out_identity = state.identity if state else None
    chunk_size = _chunk_size(config)
    table = None
    files = None
    if config.learn_boilerplate:
        table, documents, files = _learn(
            config, backend, out_identity, depth, chunk_size, recorder.notify
        )
        recorder.summary.learned = {
            "sites": len(table.sites),
            "lines": table.line_count,
            "documents": documents,
        }
    fp, settings = fingerprint(config, table.digest() if table is not None else None)
    if state:
        state.begin(fp, settings)

    def table_for(tasks: list[Task]):
        if table is not None and any(t.page is not None for t in tasks):
            return table  # the sites of an archive's pages (URL hosts) are known once read
        return table.subset(t.site for t in tasks) if table is not None else None

    recorder.notify("phase", ("cleaning", files))
    items = _plan(config, out_identity, state, depth)
    if config.fmt != "jsonl":
        drive(backend, items, "clean", chunk_size, recorder, table_for)
    elif config.output == "-":
        recorder.sink = stdout or sys.stdout
        drive(backend, items, "clean", chunk_size, recorder, table_for)
    else:
        try:
            with _jsonl_writer(config.output) as sink:
                recorder.sink = sink
                drive(backend, items, "clean", chunk_size, recorder, table_for)
        except OSError as error:
            raise BatchError(
                f"cannot write {printable_path(config.output)}: {os_message(error)}"
            ) from None


@contextlib.contextmanager
def _jsonl_writer(path: str) -> Iterator[IO[str]]:
    """The JSON-lines output, written atomically; compressed when its name ends in .gz, .bz2 or .xz.

    A gzip file carries no time stamp or name, so the same records give the same bytes.
    """
    lower = path.lower()
    if not lower.endswith((".gz", ".bz2", ".xz")):
        with atomic_writer(path) as handle:
            yield handle
        return
    import io

    with atomic_writer(path, "wb") as raw:
        if lower.endswith(".gz"):
            import gzip

            packed: IO[bytes] = gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0)  # type: ignore[assignment]
        elif lower.endswith(".bz2"):
            import bz2

            packed = bz2.BZ2File(raw, "wb")
        else:
            import lzma

            packed = lzma.LZMAFile(raw, "wb")
        with io.TextIOWrapper(packed, encoding="utf-8", newline="\n") as handle:
            yield handle


class _JsonlNote:
    """What the last complete run to a JSON-lines file was made from, kept beside it
    (``.NAME.newsclean-batch.json``): the options, the inputs (path, size, time) and the
    output's size and time. A rerun with all of them unchanged has nothing to do.

    The note is removed when a run starts and written only when a run ends with no
    failure, so a failed or interrupted run is redone in full next time.
    """

    def __init__(self, config: BatchConfig) -> None:
        self.config = config
        directory, name = os.path.split(config.output)
        self.path = os.path.join(directory, f".{name}.newsclean-batch.json")
        self.state = self._state()

    def _state(self) -> dict:
        digest = hashlib.sha256()
        for item in walk(self.config):
            if isinstance(item, WalkProblem):
                digest.update(
                    repr(("problem", item.id, item.reason)).encode("utf-8", "backslashreplace")
                )
                continue
            path = item[0]
            try:
                info = os.stat(path)
                seen: tuple = (info.st_size, info.st_mtime_ns)
            except OSError:
                seen = ("unreadable",)
            digest.update(repr((os.fsencode(path), *seen)).encode())
        return {
            "newsclean_batch_jsonl": 1,
            "fingerprint": fingerprint(self.config)[0],
            "inputs_sha256": digest.hexdigest(),
        }

    def _output_stat(self) -> list[int] | None:
        try:
            info = os.stat(self.config.output)
            return [info.st_size, info.st_mtime_ns]
        except OSError:
            return None

    def up_to_date(self) -> bool:
        try:
            with open(self.path, encoding="utf-8") as handle:
                previous = json.load(handle)
        except (OSError, ValueError):
            return False
        output = self._output_stat()
        return output is not None and previous == {**self.state, "output": output}

    def forget(self) -> None:
        with contextlib.suppress(OSError):
            os.unlink(self.path)

    def remember(self) -> None:
        output = self._output_stat()
        if output is None:
            return
        with contextlib.suppress(OSError), atomic_writer(self.path) as handle:
            json.dump({**self.state, "output": output}, handle, indent=2, sort_keys=True)
            handle.write("\n")


def _open_report(config: BatchConfig) -> IO[str] | None:
    """The JSON-lines report named by ``--report`` (standard output for ``-``), or None."""
    if not config.report:
        return None
    try:
        return sys.stdout if config.report == "-" else open(config.report, "w", encoding="utf-8")
    except OSError as error:
        raise BatchError(
            f"cannot write report {printable_path(config.report)}: {os_message(error)}"
        ) from None


def _all_up_to_date(config: BatchConfig, notify: Callable[[str, Any], None]) -> BatchSummary:
    """A JSON-lines rerun with nothing changed: every input is skipped, the file left as it is."""
    summary = BatchSummary()
    started = time.monotonic()
    report = _open_report(config)
    try:
        notify("phase", ("checking", None))
        for item in _plan(config, None, None, site_depth(config.site_key)):
            if isinstance(item, Task):
                item = {
                    **base_record(item, config.output),
                    "status": "skipped",
                    "reason": "output is up to date",
                }
            item.pop("index", None)
            summary.add(item)
            if report is not None:
                report.write(json.dumps(item, ensure_ascii=False) + "\n")
            notify("record", item)
    finally:
        if report is not None and report is not sys.stdout:
            report.close()
    summary.seconds = time.monotonic() - started
    if config.report_html:
        _write_html_report(config.report_html, [])  # as for the skipped files of a directory
    return summary


def _write_html_report(path: str, entries: list[tuple[str, Any]]) -> None:
    from newsclean.output.report import write_report

    try:
        write_report(entries, path, title="newsclean batch report")
    except OSError as error:
        raise BatchError(
            f"cannot write HTML report {printable_path(path)}: {os_message(error)}"
        ) from None


def _learn(
    config: BatchConfig,
    backend,
    out_identity,
    depth: int,
    chunk_size: int,
    notify: Callable[[str, Any], None],
):
    """First pass: count every site's lines; return the frozen :class:`SiteTable`."""
    from newsclean.batch.learn import SiteCounter, SiteTable

    notify("phase", ("learning", None))
    counter = SiteCounter()
    table = SiteTable(min_share=config.min_share, min_docs=config.min_docs)
    outstanding: Counter[str] = Counter()
    sites: dict[int, str] = {}
    closed: set[str] = set()
    last_site: list[str | None] = [None]
    documents = 0

    def finalise(site: str) -> None:
        entry = counter.pop_site(site, config.min_share, config.min_docs)
        if entry is not None:
            table.sites[site] = entry

    def planned(task: Task) -> None:
        # Sites come one after another; a site is final once planned past and all counted.
        if task.page is not None:
            return  # pages of archives: their sites (URL hosts) interleave; final at the end
        sites[task.index] = task.site
        outstanding[task.site] += 1
        if last_site[0] is not None and task.site != last_site[0]:
            closed.add(last_site[0])
            if not outstanding[last_site[0]]:
                finalise(last_site[0])
        last_site[0] = task.site

    def counted(task: Task | None, record: dict) -> None:
        nonlocal documents
        if task is None:
            return
        if task.page is not None:  # a page, or an archive counted on a Dask worker
            for each in record.get("records", [record]):
                if each.get("status") == "counted":
                    documents += 1
                    counter.add(each["site"], each["keys"])
                notify("counted", each)
            return
        site = sites.pop(task.index, None)
        if site is None:
            return
        if record.get("status") == "counted":
            documents += 1
            counter.add(site, record["keys"])
        outstanding[site] -= 1
        if not outstanding[site]:
            del outstanding[site]
            if site in closed:
                closed.discard(site)
                finalise(site)
        notify("counted", record)

    files = 0

    def plan() -> Iterator[Task]:
        nonlocal files
        index = 0
        for item in _plan(config, out_identity, None, depth):
            files += 1
            if isinstance(item, Task):
                yield item._replace(index=index)
                index += 1

    drive(backend, plan(), "count", chunk_size, counted, lambda tasks: None, planned)
    for site in sorted(set(counter.docs)):
        finalise(site)
    table.sites = dict(sorted(table.sites.items()))
    return table, documents, files
