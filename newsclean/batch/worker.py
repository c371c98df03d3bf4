"""The worker side: a process (``python -m newsclean.batch --worker``) that reads, cleans and writes each file of its chunks."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from newsclean.batch.config import REPORT_HTML_DOCUMENTS, BatchConfig, BatchUsageError, Task
from newsclean.errors import EmptyInput, NewscleanError, bug_message
from newsclean.io.files import (
    atomic_writer,
    os_message,
    read_input,
    same_file,
)

if TYPE_CHECKING:
    from newsclean.io.sources import Page


class FileTimedOut(BaseException):
    """Raised inside a worker when one file is over its time limit.

    A :class:`BaseException`, so that a broad ``except Exception`` in the cleaning
    code cannot swallow it.
    """


class WorkerContext:
    """What a worker process holds between files: options, rules, the cleaner function."""

    def __init__(self, config: BatchConfig) -> None:
        self.config = config
        self.options = config.options
        self.cleaner = _resolve(config.cleaner)
        self.table = None
        # Import the cleaning code now, so that the first file's time limit is not spent on it.
        import newsclean.batch.learn
        import newsclean.extract.judge
        import newsclean.output.render
        import newsclean.pipeline  # noqa: F401

    def run(self, task: Task, mode: str) -> dict:
        """Process one task; never raises (except on shutdown): failures become records."""
        started = time.perf_counter()
        timeout = self.config.timeout
        try:
            if timeout:
                signal.setitimer(signal.ITIMER_REAL, timeout)
            try:
                record = count_file(task, self) if mode == "count" else self.cleaner(task, self)
            finally:
                if timeout:
                    signal.setitimer(signal.ITIMER_REAL, 0)
        except FileTimedOut:
            record = failure_record(
                f"timed out after {format_seconds(timeout)} (limit: --timeout)", "timeout"
            )
        except NewscleanError as error:
            record = failure_record(str(error), error.code)
        except OSError as error:
            output = getattr(error, "newsclean_output", False)
            what = "cannot write output" if output else "cannot read input"
            record = failure_record(
                f"{what}: {os_message(error)}", "write" if output else "unreadable"
            )
        except RecursionError as error:
            record = failure_record(bug_message(RecursionError("recursion too deep")), "internal")
            _show_traceback(error)
        except MemoryError:
            record = failure_record("out of memory", "memory")
        except Exception as error:  # a bug must not stop the batch: record it
            record = failure_record(bug_message(error), "internal")
            _show_traceback(error)
        record["seconds"] = round(time.perf_counter() - started, 4)
        return record


def failure_record(reason: str, code: str | None = None) -> dict:
    record = {"status": "failed", "reason": reason}
    if code:
        record["code"] = code
    return record


def _show_traceback(error: BaseException) -> None:
    """With NEWSCLEAN_DEBUG=1 (``newsclean --debug``), print a bug's traceback on stderr."""
    if os.environ.get("NEWSCLEAN_DEBUG", "") not in ("", "0"):
        import traceback

        traceback.print_exception(type(error), error, error.__traceback__, file=sys.stderr)


def format_seconds(value: float) -> str:
    return f"{value:g} s"


def _resolve(spec: str) -> Callable:
    import importlib

    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def _read(task: Task, context: WorkerContext) -> bytes:
    from newsclean.io.sniff import check_input

    data = read_input(task.path, context.config.max_bytes)
    check_input(data, context.config.max_bytes)
    return data


def count_file(task: Task, context: WorkerContext) -> dict:
    """First pass of site learning: the digests of the file's normalised lines."""
    if task.page is not None:
        return count_page(task, context)
    from newsclean.batch.learn import line_keys
    from newsclean.pipeline import normalize_newlines
    from newsclean.text.decode import decode
    from newsclean.text.repair import repair

    data = _read(task, context)
    text = normalize_newlines(decode(data, context.options.encoding).text)
    if context.options.repair:
        text = repair(text).text
    return {"status": "counted", "keys": sorted(line_keys(text))}


def clean_file(task: Task, context: WorkerContext) -> dict:
    """Clean one file and write its output (or return its JSON line); the default cleaner."""
    if task.page is not None:
        return clean_page(task, context)
    from newsclean.output import render
    from newsclean.pipeline import clean

    data = _read(task, context)
    document = clean(data, context.options, source=task.id)
    if context.table is not None:
        from newsclean.batch.learn import apply_site_boilerplate

        apply_site_boilerplate(document, context.table, task.site)
    record = document_record(document, len(data))
    if context.config.report_html and task.index < REPORT_HTML_DOCUMENTS:
        record["document"] = document
    if excluded(document, context.config):
        record["excluded"] = True
    elif task.out is None:
        record["jsonl"] = render.render_jsonl(document, task.id)
    else:
        write_output(
            task,
            render.render_json(document)
            if context.config.fmt == "json"
            else render.render_text(document),
        )
    return record


def document_record(document: Any, size: int) -> dict:
    """The per-file statistics of a cleaned document, for the report."""
    stats = document.stats
    decoded = document.decoded
    return {
        "status": "cleaned",
        "encoding": decoded.encoding if decoded else None,
        "repairs": stats["repairs"],
        "lines": stats["lines"],
        "lines_removed": stats["lines_removed"],
        "removed_by_reason": stats["removed_by_reason"],
        "bytes": size,
        "characters_out": stats["characters_out"],
        "thin": document.thin,
        "warnings": [w.code for w in document.warnings],
        "page_type": document.page_type,
    }


def excluded(document: Any, config: BatchConfig) -> bool:
    """Whether ``--page-types`` leaves *document* without an output."""
    return bool(config.page_types) and document.page_type not in config.page_types


def write_output(task: Task, text: str) -> None:
    """Write *text* to the task's output atomically, creating directories as needed."""
    assert task.out is not None
    if same_file(task.out, task.path):
        raise BatchUsageError("output would overwrite the input; skipped")
    try:
        os.makedirs(os.path.dirname(task.out), exist_ok=True)
        with atomic_writer(task.out) as handle:
            handle.write(text)
    except OSError as error:
        error.newsclean_output = True  # type: ignore[attr-defined]
        raise


def worker_main() -> None:
    """A worker process: messages on stdin, records on stdout (pickled, length-prefixed)."""
    from multiprocessing.connection import Connection

    receive = Connection(os.dup(0), writable=False)
    send = Connection(os.dup(1), readable=False)
    # Keep the protocol channels private: stray prints go to stderr, nothing reads stdin.
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(2, 1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the supervisor decides what Ctrl-C does
    busy = [False]
    stopping = [False]

    def stop(signum, frame):
        # Between files: leave now. During a file: finish it (its time limit still holds),
        # so that no write is cut short, then leave.
        if not busy[0]:
            os._exit(128 + signum)
        stopping[0] = True

    def timed_out(signum, frame):
        raise FileTimedOut()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGALRM, timed_out)
    if "--die-with-parent" in sys.argv:
        _die_with_parent()
    code = 0
    try:
        _kind, config = receive.recv()
        try:
            context = WorkerContext(config)
        except Exception as error:
            send.send(("error", f"{type(error).__name__}: {error}"))
            raise SystemExit(1) from None
        send.send(("ready", os.getpid()))
        while True:
            message = receive.recv()
            if message[0] != "chunk":
                break
            _, mode, tasks, table = message
            context.table = table
            for task in tasks:
                busy[0] = True
                try:
                    record = context.run(task, mode)
                finally:
                    busy[0] = False
                send.send(("done", task.index, record))
                if stopping[0]:
                    raise SystemExit(128 + signal.SIGTERM)
    except (EOFError, BrokenPipeError, KeyboardInterrupt):
        pass
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else 1
    finally:
        # Leave without the interpreter's teardown: nothing to clean up, and no late signal
        # can interrupt a destructor and print noise.
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def _die_with_parent() -> None:
    """Ask Linux to send SIGTERM when the supervisor dies (even by SIGKILL)."""
    parent = os.getppid()
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:
        raise SystemExit(0)


def _check(page: Page, max_bytes: int) -> int:
    """The page's size in bytes; raise for an empty or binary page, as for a file."""
    from newsclean.io.sniff import check_input

    if isinstance(page.data, str):
        if not page.data.strip():
            raise EmptyInput(
                "the record's text is empty"
                if not page.data
                else "the record's text is only white space"
            )
        return len(page.data.encode("utf-8", "surrogatepass"))
    check_input(page.data, max_bytes)
    return len(page.data)


def clean_page(task: Task, context: WorkerContext) -> dict:
    """Clean one page of an archive or JSONL file; return its report record with its JSON line."""
    from newsclean.batch.config import REPORT_HTML_DOCUMENTS
    from newsclean.batch.pages import page_jsonl
    from newsclean.batch.worker import document_record
    from newsclean.io.sources import clean_page as clean_one

    page = task.page
    size = _check(page, context.config.max_bytes)
    document = clean_one(page, context.options)
    if context.table is not None:
        from newsclean.batch.learn import apply_site_boilerplate

        apply_site_boilerplate(document, context.table, task.site)
    record = document_record(document, size)
    if context.config.report_html and task.index < REPORT_HTML_DOCUMENTS:
        record["document"] = document
    if excluded(document, context.config):
        record["excluded"] = True
    else:
        record["jsonl"] = page_jsonl(document, page)
    return record


def count_page(task: Task, context: WorkerContext) -> dict:
    """First pass of site learning for one page: the digests of its normalised lines."""
    from newsclean.batch.learn import line_keys
    from newsclean.pipeline import normalize_newlines
    from newsclean.text.decode import decode
    from newsclean.text.repair import repair

    page = task.page
    _check(page, context.config.max_bytes)
    text = (
        page.data
        if isinstance(page.data, str)
        else decode(page.data, context.options.encoding, hint=page.charset).text
    )
    text = normalize_newlines(text)
    if context.options.repair:
        text = repair(text).text
    return {"status": "counted", "keys": sorted(line_keys(text)), "site": task.site}
