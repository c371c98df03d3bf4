"""Clean a whole corpus: plan, hand the work to worker processes, account for every file.

:func:`run_batch` walks the sources lazily, mirrors each input to an output file
(or to one JSON-lines stream), and returns a :class:`BatchSummary`. Every input
gets one report record: ``cleaned``, ``skipped`` (its output is up to date) or
``failed`` with a one-line reason.

How the work is done:

* Workers are separate processes (``python -m newsclean.batch``) that read their
  inputs and write their outputs themselves; the supervisor sends them chunks of
  paths and gets back small per-file records. The number of chunks in flight and
  the distance between the oldest unreported file and the newest planned one are
  bounded, so memory does not grow with the corpus.
* A file over its time limit is stopped inside the worker by ``SIGALRM``; if the
  worker does not answer shortly after, the supervisor kills it, records the file
  as failed and starts a new worker for the rest of the chunk.
* Outputs are written atomically; ``OUT_DIR/.newsclean-batch.json`` remembers a
  fingerprint of the options, so a rerun skips outputs that are newer than their
  input and than the options, and redoes everything when the options change.
* With ``learn_boilerplate`` a first pass counts normalised lines per site
  (:mod:`newsclean.batch.learn`) and the second pass drops the site's repeated lines.
* With ``scheduler`` the same chunks run on a Dask distributed cluster
  (each Dask task drives one worker process of its own, so time limits still hold).

Records come out in input order whatever the number of workers, so reports and
JSON-lines output are identical from run to run.
"""

from __future__ import annotations

import contextlib
import fnmatch
import hashlib
import json
import os
import re
import signal
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, NamedTuple

from newsclean.errors import NewscleanError, bug_message
from newsclean.io.files import (
    ARCHIVE_GLOBS,
    _os_message,
    archive_kind,
    atomic_writer,
    read_input,
    same_file,
    strip_compression_suffix,
)
from newsclean.options import DEFAULT_MAX_BYTES

#: Files a batch picks up when no ``--glob`` is given (matched case-insensitively, and
#: compressed too: a glob also matches the name without ``.gz``, ``.bz2``, ``.xz``, ``.zst``):
#: pages, and archives and JSONL files, whose pages are planned by :mod:`newsclean.batch.pages`.
DEFAULT_GLOBS = ("*.txt", "*.text", "*.html", "*.htm", "*.xhtml", "*.shtml", "*.md") + ARCHIVE_GLOBS
#: Extension of the output file of each per-file format.
FORMAT_EXTENSIONS = {"text": ".txt", "json": ".json"}
FORMATS = ("text", "json", "jsonl")
MANIFEST_NAME = ".newsclean-batch.json"
LOCK_NAME = ".newsclean-batch.lock"
#: The worker function: ``module:function`` taking ``(task, context)``, returning a record.
DEFAULT_CLEANER = "newsclean.batch:clean_file"
#: Extra seconds a worker gets to report a timed-out file before it is killed.
KILL_GRACE = 2.0
_TEMP_FILE = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")


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
    favor: str = "balanced"
    encoding: str | None = None
    repair: bool = True
    rules_path: str | None = None
    #: ``auto``, ``text`` or ``html`` (see :class:`newsclean.options.Options`).
    input: str = "auto"
    max_bytes: int = DEFAULT_MAX_BYTES
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

    def __post_init__(self) -> None:
        if self.fmt not in FORMATS:
            raise BatchUsageError(f"format must be one of {', '.join(FORMATS)}, not {self.fmt!r}")
        site_depth(self.site_key)
        if not 0 < self.min_share <= 1:
            raise BatchUsageError("min-share must be above 0 and at most 1")

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

    index: int
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
        }


# ---------------------------------------------------------------------------- planning


def printable_path(path: str) -> str:
    """A path as text that always encodes: undecodable bytes of file names become ``\\xNN``."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")


def site_depth(site_key: str) -> int:
    """``parent`` → -1, ``top`` → 1, ``depth:N`` → N."""
    if site_key == "parent":
        return -1
    if site_key == "top":
        return 1
    if site_key.startswith("depth:") and site_key[6:].isdigit() and int(site_key[6:]) > 0:
        return int(site_key[6:])
    raise BatchUsageError(f"site key must be parent, top or depth:N (N ≥ 1), not {site_key!r}")


def site_of(parts: tuple[str, ...], depth: int) -> str:
    """The site of a file from the directories above it (relative to its source).

    >>> site_of(("example.com", "2024", "05"), -1), site_of(("example.com", "2024"), 1)
    ('example.com/2024/05', 'example.com')
    >>> site_of((), -1), site_of(("a", "b", "c"), 2)
    ('.', 'a/b')
    """
    chosen = parts if depth < 0 else parts[:depth]
    return printable_path("/".join(chosen)) if chosen else "."


@dataclass(frozen=True)
class _Root:
    path: str
    #: Path components the root's files get in front of their relative path.
    prefix: tuple[str, ...]
    is_dir: bool


def _roots(config: BatchConfig) -> list[_Root]:
    if not config.sources:
        raise BatchUsageError("no source given")
    roots = []
    names: dict[str, str] = {}
    for source in config.sources:
        try:
            is_dir = os.path.isdir(source)
            os.stat(source)
        except OSError as error:
            raise BatchUsageError(f"{printable_path(source)}: {_os_message(error)}") from None
        name = os.path.basename(os.path.normpath(os.path.abspath(source))) or "root"
        if len(config.sources) > 1:
            if name in names:
                raise BatchUsageError(
                    f"sources {printable_path(names[name])} and {printable_path(source)} have the same "
                    "name; with several sources each goes to OUT_DIR/NAME, so give them distinct names"
                )
            names[name] = source
            prefix: tuple[str, ...] = (name,) if is_dir else ()
        else:
            prefix = ()
        roots.append(_Root(source, prefix, is_dir))
    return roots


def _inside(path: str, directory: str) -> bool:
    """True when real path *path* is *directory* or below it."""
    return path == directory or path.startswith(directory.rstrip(os.sep) + os.sep)


def check_locations(config: BatchConfig) -> None:
    """Refuse outputs (and reports) inside a source, and sources inside the output."""
    roots = _roots(config)
    targets = []
    if config.fmt != "jsonl" or config.output != "-":
        targets.append(("output", config.output, config.fmt != "jsonl"))
    if config.report and config.report != "-":
        targets.append(("report", config.report, False))
    if config.report_html:
        targets.append(("HTML report", config.report_html, False))
    for what, target, is_dir in targets:
        real = os.path.realpath(target)
        for root in roots:
            source = os.path.realpath(root.path)
            shown = f"{what} {printable_path(target)}"
            if root.is_dir and _inside(real, source):
                same = (
                    "is the source"
                    if real == source
                    else f"is inside the source {printable_path(root.path)}"
                )
                raise BatchUsageError(f"{shown} {same}; newsclean never writes into its sources")
            if not root.is_dir and real == source:
                raise BatchUsageError(
                    f"{shown} is also an input; newsclean never overwrites its input"
                )
            if is_dir and _inside(source, real):
                raise BatchUsageError(
                    f"source {printable_path(root.path)} is inside the {shown}; "
                    "choose an output directory outside the sources"
                )


class _Problem(NamedTuple):
    path: str
    id: str
    reason: str
    status: str = "failed"


def _matcher(globs: tuple[str, ...]) -> Callable[[str], bool]:
    """Match a file name, or the name without a compression suffix (``*.html`` takes ``a.html.gz``)."""
    pattern = re.compile("|".join(fnmatch.translate(g.lower()) for g in globs) or "(?!)")

    def matches(name: str) -> bool:
        name = name.lower()
        return (
            pattern.match(name) is not None
            or pattern.match(strip_compression_suffix(name)) is not None
        )

    return matches


def _output_names(names: list[str], fmt: str) -> dict[str, str | None]:
    """Output file name per input name: the extension is replaced by the format's.

    A compression suffix goes first (``a.html.gz`` → ``a.txt``). Two inputs that
    would share an output (``a.txt`` and ``a.html``) keep their whole name instead
    (``a.txt.txt``, ``a.html.txt``), and the compression suffix too when that is
    all that tells them apart.

    >>> _output_names(["a.html", "b.htm", "b.txt", "c"], "text")
    {'a.html': 'a.txt', 'b.htm': 'b.htm.txt', 'b.txt': 'b.txt.txt', 'c': 'c.txt'}
    >>> _output_names(["a.html.gz", "b.html", "b.html.xz"], "text")
    {'a.html.gz': 'a.txt', 'b.html': 'b.html.txt', 'b.html.xz': 'b.html.xz.txt'}
    """
    ext = FORMAT_EXTENSIONS.get(fmt)
    if ext is None:
        return {name: None for name in names}
    bases = {name: strip_compression_suffix(name) for name in names}
    stems = {name: os.path.splitext(base)[0] or base for name, base in bases.items()}
    seen_stems = Counter(stems.values())
    seen_bases = Counter(bases.values())

    def output(name: str) -> str:
        if seen_stems[stems[name]] == 1:
            return stems[name]
        return bases[name] if seen_bases[bases[name]] == 1 else name

    return {name: output(name) + ext for name in names}


def walk(
    config: BatchConfig, out_dir_identity: tuple[int, int] | None = None
) -> Iterator[tuple[str, tuple[str, ...], str, str | None] | _Problem]:
    """Yield ``(path, parts, name, output_name)`` per input file, or a :class:`_Problem`.

    Depth first, names sorted, a directory's files before its subdirectories, so
    the files of one site come one after another. Directory symbolic links are
    followed; a link back to a directory being walked (a loop) or to one already
    walked is reported and skipped. Hidden files and directories are skipped.
    """
    matches = _matcher(config.globs)
    seen: set[tuple[int, int]] = set()
    for root in _roots(config):
        if not root.is_dir:
            name = os.path.basename(root.path)
            outs = _output_names([name], config.fmt)
            yield root.path, root.prefix, name, outs[name]
            continue
        stack: list[tuple[str, tuple[str, ...], tuple[tuple[int, int], ...]]] = [
            (root.path, root.prefix, ())
        ]
        while stack:
            directory, parts, ancestors = stack.pop()
            shown = printable_path("/".join(parts)) or "."
            try:
                info = os.stat(directory)
            except OSError as error:
                yield _Problem(directory, shown, f"cannot read directory: {_os_message(error)}")
                continue
            identity = (info.st_dev, info.st_ino)
            if identity == out_dir_identity:
                continue
            if identity in ancestors:
                yield _Problem(
                    directory,
                    shown,
                    "symbolic link loop (leads back to a directory above it); skipped",
                )
                continue
            if identity in seen:
                yield _Problem(
                    directory,
                    shown,
                    "directory already walked (reached again through a link "
                    "or another source); skipped",
                    "skipped",
                )
                continue
            seen.add(identity)
            try:
                with os.scandir(directory) as entries:
                    listing = sorted(entries, key=lambda e: e.name)
            except OSError as error:
                yield _Problem(directory, shown, f"cannot read directory: {_os_message(error)}")
                continue
            files, subdirs = [], []
            for entry in listing:
                if entry.name.startswith("."):
                    continue
                try:
                    if entry.is_dir():
                        subdirs.append(entry)
                        continue
                    regular = entry.is_file()
                except OSError:
                    regular = False
                if not matches(entry.name):
                    continue
                if regular:
                    files.append(entry.name)
                else:
                    child = "/".join((*parts, entry.name))
                    reason = (
                        "broken symbolic link"
                        if entry.is_symlink() and not os.path.exists(entry.path)
                        else "not a regular file"
                    )
                    yield _Problem(entry.path, printable_path(child), reason)
            outs = _output_names(files, config.fmt)
            for name in files:
                yield os.path.join(directory, name), parts, name, outs[name]
            for entry in reversed(subdirs):
                stack.append((entry.path, (*parts, entry.name), (*ancestors, identity)))


def count_inputs(config: BatchConfig) -> int | None:
    """How many input files a batch would see (a quick walk, for progress bars); None with archives,
    whose records are only known once read."""
    count = 0
    for item in walk(config):
        if not isinstance(item, _Problem):
            if archive_kind(item[2]):
                return None
            count += 1
    return count


# ---------------------------------------------------------------------------- output directory


class _OutputState:
    """The output directory: created, locked, with its manifest."""

    def __init__(self, config: BatchConfig) -> None:
        self.config = config
        self.directory = config.output
        self.manifest_path = os.path.join(self.directory, MANIFEST_NAME)
        self._lock: IO | None = None
        self.since_ns = 0
        self.identity: tuple[int, int] | None = None
        shown = printable_path(self.directory)
        try:
            os.makedirs(self.directory, exist_ok=True)
            info = os.stat(self.directory)
            self.identity = (info.st_dev, info.st_ino)
        except FileExistsError:
            raise BatchError(
                f"cannot create output directory {shown}: a file of that name exists"
            ) from None
        except OSError as error:
            raise BatchError(
                f"cannot create output directory {shown}: {_os_message(error)}"
            ) from None
        try:
            import fcntl

            self._lock = open(os.path.join(self.directory, LOCK_NAME), "a")
            try:
                fcntl.flock(self._lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise BatchError(
                    f"another newsclean batch is writing to {shown}; wait for it to finish"
                ) from None
        except OSError as error:
            raise BatchError(
                f"cannot write to output directory {shown}: {_os_message(error)}"
            ) from None
        self.previous = self._read_manifest()

    def _read_manifest(self) -> dict:
        try:
            with open(self.manifest_path, encoding="utf-8") as handle:
                data = json.load(handle)
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def begin(self, fingerprint: str, settings: dict) -> None:
        """Record the run's options; outputs older than a change of options are stale."""
        if self.previous.get("running"):
            self.sweep_temporary_files()
        same = (
            not self.config.force
            and self.previous.get("fingerprint") == fingerprint
            and isinstance(self.previous.get("since_ns"), int)
        )
        manifest = {
            "newsclean_batch": 1,
            "fingerprint": fingerprint,
            "settings": settings,
            "since_ns": self.previous["since_ns"] if same else 0,
            "running": True,
        }
        self._write(manifest)
        if not same:
            manifest["since_ns"] = os.stat(self.manifest_path).st_mtime_ns
            self._write(manifest)
        self.since_ns = manifest["since_ns"]
        self.manifest = manifest

    def finish(self, clean: bool = True) -> None:
        """Mark the run as ended; an unclean end makes the next run sweep temporary files."""
        with contextlib.suppress(OSError, AttributeError, BatchError):
            self.manifest["running"] = not clean
            self._write(self.manifest)

    def close(self) -> None:
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def _write(self, manifest: dict) -> None:
        try:
            with atomic_writer(self.manifest_path) as handle:
                json.dump(manifest, handle, indent=2, sort_keys=True)
                handle.write("\n")
        except OSError as error:
            raise BatchError(
                f"cannot write to output directory {printable_path(self.directory)}: "
                f"{_os_message(error)}"
            ) from None

    def up_to_date(self, source: str, output: str) -> bool:
        """The output exists, is newer than its input and was written with these options."""
        try:
            out = os.stat(output).st_mtime_ns
            return out >= self.since_ns and out > os.stat(source).st_mtime_ns
        except OSError:
            return False

    def sweep_temporary_files(self) -> None:
        """Remove the temporary files an interrupted run may have left behind."""
        for directory, _, filenames in os.walk(self.directory):
            for name in filenames:
                if _TEMP_FILE.match(name):
                    with contextlib.suppress(OSError):
                        os.unlink(os.path.join(directory, name))


def _file_digest(path: str | None) -> str | None:
    if not path:
        return None
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None


def fingerprint(config: BatchConfig, table_digest: str | None = None) -> tuple[str, dict]:
    """A digest of everything that changes an output, and the settings it was made from."""
    from newsclean import __version__

    settings = {
        "newsclean": __version__,
        "format": config.fmt,
        "favor": config.favor,
        "encoding": config.encoding,
        "repair": config.repair,
        "max_bytes": config.max_bytes,
        "input": config.input,
        "rules_sha256": _file_digest(config.rules_path),
        "cleaner": config.cleaner,
        "learn_boilerplate": None,
    }
    if config.learn_boilerplate:
        settings["learn_boilerplate"] = {
            "site_key": config.site_key,
            "min_share": config.min_share,
            "min_docs": config.min_docs,
            "table": table_digest,
        }
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:20]
    return digest, settings


# ---------------------------------------------------------------------------- the worker side


class FileTimedOut(BaseException):
    """Raised inside a worker when one file is over its time limit.

    A :class:`BaseException`, so that a broad ``except Exception`` in the cleaning
    code cannot swallow it.
    """


class WorkerContext:
    """What a worker process holds between files: options, rules, the cleaner function."""

    def __init__(self, config: BatchConfig) -> None:
        from newsclean.options import Options

        self.config = config
        rules = None
        if config.rules_path:
            from newsclean.extract.userrules import load_rules

            rules = load_rules(config.rules_path)
        self.options = Options(
            favor=config.favor,
            encoding=config.encoding,
            repair=config.repair,
            rules=rules,
            max_bytes=config.max_bytes,
            input=config.input,
        )
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
            record = _failed(f"timed out after {_seconds(timeout)} (limit: --timeout)", "timeout")
        except NewscleanError as error:
            record = _failed(str(error), error.code)
        except OSError as error:
            output = getattr(error, "newsclean_output", False)
            what = "cannot write output" if output else "cannot read input"
            record = _failed(f"{what}: {_os_message(error)}", "write" if output else "unreadable")
        except RecursionError as error:
            record = _failed(bug_message(RecursionError("recursion too deep")), "internal")
            _show_traceback(error)
        except MemoryError:
            record = _failed("out of memory", "memory")
        except Exception as error:  # a bug must not stop the batch: record it
            record = _failed(bug_message(error), "internal")
            _show_traceback(error)
        record["seconds"] = round(time.perf_counter() - started, 4)
        return record


def _failed(reason: str, code: str | None = None) -> dict:
    record = {"status": "failed", "reason": reason}
    if code:
        record["code"] = code
    return record


def _show_traceback(error: BaseException) -> None:
    """With NEWSCLEAN_DEBUG=1 (``newsclean --debug``), print a bug's traceback on stderr."""
    if os.environ.get("NEWSCLEAN_DEBUG", "") not in ("", "0"):
        import traceback

        traceback.print_exception(type(error), error, error.__traceback__, file=sys.stderr)


def _seconds(value: float) -> str:
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
        from newsclean.batch.pages import count_page

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
        from newsclean.batch.pages import clean_page

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
    if task.out is None:
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
    }


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


def _worker_main() -> None:
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


# ---------------------------------------------------------------------------- the local pool


class _Worker:
    def __init__(self, config: BatchConfig, die_with_parent: bool) -> None:
        import subprocess
        from multiprocessing.connection import Connection

        args = [sys.executable, "-m", "newsclean.batch", "--worker"]
        if die_with_parent:
            args.append("--die-with-parent")
        self.proc = subprocess.Popen(
            args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, close_fds=True
        )
        assert self.proc.stdin and self.proc.stdout
        self.send_conn = Connection(os.dup(self.proc.stdin.fileno()), readable=False)
        self.recv_conn = Connection(os.dup(self.proc.stdout.fileno()), writable=False)
        self.proc.stdin.close()
        self.proc.stdout.close()
        self.ready = False
        self.queue: deque[Task] = deque()
        self.mode = "clean"
        self.table: Any = None
        self.started = time.monotonic()
        self.send_conn.send(("config", config))

    @property
    def busy(self) -> bool:
        return bool(self.queue)

    def give(self, mode: str, tasks: list[Task], table: Any) -> None:
        self.mode = mode
        self.table = table
        self.queue = deque(tasks)
        self.started = time.monotonic()
        self.send_conn.send(("chunk", mode, tasks, table))

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.proc.kill()
        self.proc.wait()
        self.close()

    def close(self) -> None:
        for conn in (self.send_conn, self.recv_conn):
            with contextlib.suppress(OSError):
                conn.close()


class LocalPool:
    """Worker processes of our own, fed chunk by chunk, each file under a time limit.

    ``concurrent.futures`` cannot stop one stuck task; here a stuck worker is
    killed, its file recorded as failed and a fresh worker takes the rest.
    """

    def __init__(self, config: BatchConfig, jobs: int, die_with_parent: bool = True) -> None:
        self.config = config
        self.jobs = max(1, jobs)
        self.die_with_parent = die_with_parent
        self.workers: list[_Worker] = []
        self.pending: deque[tuple[str, list[Task], Any]] = deque()
        self.results: list[tuple[int, dict]] = []
        self._start_failures = 0
        #: A worker was killed mid-file: a temporary output file may be left behind.
        self.unclean = False
        for _ in range(self.jobs):
            self._spawn()

    @property
    def capacity(self) -> int:
        return 2 * self.jobs

    def inflight(self) -> int:
        return len(self.pending) + sum(w.busy for w in self.workers)

    def submit(self, mode: str, tasks: list[Task], table: Any = None) -> None:
        self.pending.append((mode, tasks, table))
        self._dispatch()

    def _spawn(self) -> _Worker:
        try:
            worker = _Worker(self.config, self.die_with_parent)
        except OSError as error:
            raise BatchError(f"cannot start a worker process: {_os_message(error)}") from None
        self.workers.append(worker)
        return worker

    def _dispatch(self) -> None:
        for worker in self.workers:
            if not self.pending:
                return
            if worker.ready and not worker.busy:
                mode, tasks, table = self.pending.popleft()
                try:
                    worker.give(mode, tasks, table)
                except OSError:
                    worker.queue.clear()
                    self.pending.appendleft((mode, tasks, table))

    def poll(self, timeout: float) -> list[tuple[int, dict]]:
        """Wait up to *timeout* seconds; return the records of the files finished meanwhile."""
        from multiprocessing.connection import wait

        limit = self.config.timeout + KILL_GRACE if self.config.timeout else None
        if limit:
            now = time.monotonic()
            for worker in self.workers:
                if worker.busy:
                    timeout = min(timeout, max(0.0, worker.started + limit - now))
        conns = {worker.recv_conn: worker for worker in self.workers}
        for conn in wait(list(conns), timeout) if conns else ():
            worker = conns[conn]
            try:
                message = conn.recv()
            except (EOFError, OSError):
                self._lost(worker, "worker process died")
                continue
            if message[0] == "ready":
                worker.ready = True
                self._start_failures = 0
            elif message[0] == "error":
                raise BatchError(f"a worker process cannot start: {message[1]}")
            elif message[0] == "done":
                _, index, record = message
                if worker.queue and worker.queue[0].index == index:
                    worker.queue.popleft()
                worker.started = time.monotonic()
                self.results.append((index, record))
        if limit:
            now = time.monotonic()
            for worker in list(self.workers):
                if worker.busy and now - worker.started > limit:
                    self._lost(
                        worker,
                        f"timed out after {_seconds(self.config.timeout)} "
                        "(limit: --timeout; worker stopped)",
                        kill=True,
                    )
        self._dispatch()
        results, self.results = self.results, []
        return results

    def _lost(self, worker: _Worker, reason: str, kill: bool = False) -> None:
        """A worker died or hung: fail its current file, requeue the rest, replace it."""
        if kill:
            worker.kill()
            self.unclean = True
        else:
            worker.proc.wait()
            worker.close()
            code = worker.proc.returncode
            if code is not None and code < 0:
                reason += f" (signal {-code})"
        self.workers.remove(worker)
        if not worker.ready:
            self._start_failures += 1
            if self._start_failures >= 3:
                raise BatchError(
                    "worker processes fail to start; try 'python -m newsclean.batch --worker' "
                    "to see why"
                )
        if worker.queue:
            current = worker.queue.popleft()
            self.results.append((current.index, {**_failed(reason), "seconds": None}))
            if worker.queue:
                self.pending.appendleft((worker.mode, list(worker.queue), worker.table))
        self._spawn()

    def close(self, kill: bool = False) -> None:
        """Stop the workers: when idle, or soon (*kill*: a busy worker finishes its file, then stops).

        A worker still busy after the file time limit is killed; then a temporary
        file may be left behind, and :attr:`unclean` tells the next run to sweep.
        """
        for worker in self.workers:
            with contextlib.suppress(OSError):
                worker.send_conn.send(("stop",))
            if kill and worker.busy:
                with contextlib.suppress(OSError):
                    worker.proc.terminate()
        patience = self.config.timeout + KILL_GRACE if self.config.timeout else 10.0
        deadline = time.monotonic() + (min(patience, 10.0) if kill else max(5.0, patience))
        for worker in self.workers:
            try:
                worker.proc.wait(max(0.1, deadline - time.monotonic()))
            except Exception:
                with contextlib.suppress(OSError):
                    worker.proc.kill()
                worker.proc.wait()
                self.unclean = True
            worker.close()
        self.workers = []


# ---------------------------------------------------------------------------- the Dask backend


class DaskBackend:
    """Chunks as Dask tasks: each runs a worker process on the Dask worker that takes it."""

    def __init__(self, config: BatchConfig) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise BatchUsageError("--scheduler needs Dask: pip install 'newsclean[dask]'") from None
        self.config = config
        try:
            self.client = Client(config.scheduler, timeout="20s")
        except (OSError, TimeoutError) as error:
            raise BatchError(
                f"cannot reach the Dask scheduler at {config.scheduler}: {error}"
            ) from None
        workers = len(self.client.scheduler_info().get("workers", {})) or 1
        threads = sum(self.client.nthreads().values()) or workers
        self.capacity = 2 * threads
        self.futures: dict[Any, list[Task]] = {}

    def inflight(self) -> int:
        return len(self.futures)

    def submit(self, mode: str, tasks: list[Task], table: Any = None) -> None:
        from newsclean.batch.pages import ARCHIVE, dask_archive

        for task in [t for t in tasks if t.page is ARCHIVE]:  # an archive is read on the worker
            self.futures[
                self.client.submit(dask_archive, self.config, mode, task, table, pure=False)
            ] = [task]
        tasks = [t for t in tasks if t.page is not ARCHIVE]
        if tasks:
            future = self.client.submit(dask_chunk, self.config, mode, tasks, table, pure=False)
            self.futures[future] = tasks

    def poll(self, timeout: float) -> list[tuple[int, dict]]:
        from distributed import wait

        if not self.futures:
            time.sleep(min(timeout, 0.05))
            return []
        with contextlib.suppress(TimeoutError):
            wait(list(self.futures), timeout=timeout, return_when="FIRST_COMPLETED")
        results = []
        for future in [f for f in self.futures if f.done()]:
            tasks = self.futures.pop(future)
            try:
                results.extend(future.result())
            except Exception as error:
                reason = f"Dask task failed: {type(error).__name__}: {' '.join(str(error).split())[:200]}"
                results.extend((task.index, _failed(reason)) for task in tasks)
        return results

    def close(self, kill: bool = False) -> None:
        with contextlib.suppress(Exception):
            if kill:
                self.client.cancel(list(self.futures))
            self.client.run(dask_shutdown)
        with contextlib.suppress(Exception):
            self.client.close()


_DASK_POOLS: dict[int, tuple[BatchConfig, LocalPool]] = {}


def dask_chunk(
    config: BatchConfig, mode: str, tasks: list[Task], table: Any
) -> list[tuple[int, dict]]:
    """Run one chunk on a Dask worker, through a worker process kept per thread."""
    pool = dask_pool(config)
    pool.submit(mode, tasks, table)
    results: list[tuple[int, dict]] = []
    while len(results) < len(tasks):
        results.extend(pool.poll(1.0))
    return results


def dask_pool(config: BatchConfig) -> LocalPool:
    """The worker process this Dask worker thread keeps for batch chunks."""
    import threading

    key = threading.get_ident()
    cached = _DASK_POOLS.get(key)
    if cached is None or cached[0] != config:
        if cached:
            cached[1].close()
        cached = (config, LocalPool(config, 1, die_with_parent=False))
        _DASK_POOLS[key] = cached
    return cached[1]


def dask_shutdown() -> None:
    """Stop the worker processes a Dask worker keeps for batch chunks."""
    while _DASK_POOLS:
        _, (_, pool) = _DASK_POOLS.popitem()
        pool.close()


# ---------------------------------------------------------------------------- the driver


def _open_backend(config: BatchConfig):
    if config.scheduler:
        return DaskBackend(config)
    return LocalPool(config, config.workers)


def _plan(
    config: BatchConfig, out_identity, state: _OutputState | None, depth: int
) -> Iterator[Task | dict]:
    """Tasks, and ready records for inputs that need no work (problems, up-to-date outputs)."""
    index = 0
    archive_outputs: set[str] = set()
    for item in walk(config, out_identity):
        if isinstance(item, _Problem):
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
                    **_base(task, config.output),
                    "status": "skipped",
                    "reason": "output is up to date",
                }
            else:
                yield task
        index += 1


def _base(task: Task, output_root: str) -> dict:
    out = printable_path(os.path.relpath(task.out, output_root)) if task.out is not None else None
    return {"index": task.index, "path": printable_path(task.path), "id": task.id, "output": out}


def _chunk_size(config: BatchConfig) -> int:
    if config.chunk_size > 0:
        return config.chunk_size
    return 64 if config.scheduler else 8


def _drive(
    backend,
    items: Iterator[Task | dict],
    mode: str,
    chunk_size: int,
    emit: Callable[[Task | None, dict], None],
    table_for: Callable[[list[Task]], Any],
    on_planned: Callable[[Task], None] | None = None,
) -> None:
    """Feed *items* to *backend* in chunks; call *emit* with each record, in input order."""
    ahead = max(256, 4 * chunk_size * backend.capacity)
    done: dict[int, dict] = {}
    tasks: dict[int, Task] = {}
    next_emit = 0
    planned = 0
    exhausted = False
    chunk: list[Task] = []

    def flush() -> None:
        nonlocal chunk
        if chunk:
            backend.submit(mode, chunk, table_for(chunk))
            chunk = []

    while True:
        while (
            not exhausted and backend.inflight() < backend.capacity and planned - next_emit < ahead
        ):
            item = next(items, None)
            if item is None:
                exhausted = True
                break
            planned += 1
            if isinstance(item, dict):
                done[item["index"]] = item
                continue
            tasks[item.index] = item
            if on_planned:
                on_planned(item)
            chunk.append(item)
            if len(chunk) >= chunk_size:
                flush()
        if chunk and backend.inflight() < backend.capacity:
            flush()  # a partial chunk: the planner is done or far enough ahead
        while next_emit in done:
            emit(tasks.pop(next_emit, None), done.pop(next_emit))
            next_emit += 1
        if exhausted and not chunk and not backend.inflight() and not done:
            return
        for index, record in backend.poll(0.25):
            done[index] = record


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
    if config.rules_path:
        from newsclean.extract.userrules import load_rules

        load_rules(config.rules_path)  # a broken rules file is a usage error, found before any work
    if next(walk(config), None) is None:
        return BatchSummary()  # no input at all: nothing is written (the command says so)
    note = _JsonlNote(config) if config.fmt == "jsonl" and config.output != "-" else None
    if note is not None:
        if not config.force and note.up_to_date():
            return _all_up_to_date(config, notify)
        note.forget()
    summary = BatchSummary()
    started = time.monotonic()
    state = _OutputState(config) if config.fmt != "jsonl" else None
    depth = site_depth(config.site_key)
    backend = None
    report: IO[str] | None = None
    html_entries: list[tuple[str, Any]] = []
    html_failures = 0
    from newsclean.batch.pages import ArchiveOutputs

    archives = ArchiveOutputs()
    try:
        report = _open_report(config)
        backend = _open_backend(config)
        out_identity = state.identity if state else None
        chunk_size = _chunk_size(config)
        table = None
        try:
            if config.learn_boilerplate:
                table, documents, files = _learn(
                    config, backend, out_identity, depth, chunk_size, notify
                )
                summary.learned = {
                    "sites": len(table.sites),
                    "lines": table.line_count,
                    "documents": documents,
                }
            fp, settings = fingerprint(config, table.digest() if table is not None else None)
            if state:
                state.begin(fp, settings)

            def write_record(task: Task | None, record: dict) -> None:
                nonlocal html_failures
                if "records" in record:  # an archive done on a Dask worker: its records, in order
                    for each in record["records"]:
                        write_record(None, each)
                    return
                if task is not None:
                    record = {**_base(task, config.output), **record}
                if record["status"] == "failed":
                    record["output"] = None
                document = record.pop("document", None)
                if document is not None:
                    html_entries.append((record["id"], document))
                elif (
                    config.report_html
                    and record["status"] == "failed"
                    and html_failures < REPORT_HTML_FAILURES
                ):
                    html_failures += 1
                    html_entries.append((record.get("id") or record["path"], record["reason"]))
                record.pop("index", None)
                archives.handle(task, record)
                jsonl = record.pop("jsonl", None)
                if jsonl is not None and sink is not None:
                    sink.write(jsonl)
                summary.add(record)
                if report is not None:
                    report.write(json.dumps(record, ensure_ascii=False) + "\n")
                    report.flush()
                notify("record", record)

            def table_for(tasks: list[Task]):
                if table is not None and any(t.page is not None for t in tasks):
                    return table  # the sites of an archive's pages (URL hosts) are known once read
                return table.subset(t.site for t in tasks) if table is not None else None

            notify("phase", ("cleaning", files if config.learn_boilerplate else None))
            items = _plan(config, out_identity, state, depth)
            if config.fmt == "jsonl":
                if config.output == "-":
                    sink = stdout or sys.stdout
                    _drive(backend, items, "clean", chunk_size, write_record, table_for)
                else:
                    try:
                        with _jsonl_writer(config.output) as sink:
                            _drive(backend, items, "clean", chunk_size, write_record, table_for)
                    except OSError as error:
                        raise BatchError(
                            f"cannot write {printable_path(config.output)}: {_os_message(error)}"
                        ) from None
            else:
                sink = None
                _drive(backend, items, "clean", chunk_size, write_record, table_for)
        except KeyboardInterrupt:
            summary.interrupted = True
            backend.close(kill=True)
    finally:
        archives.abort()
        if backend is not None and not summary.interrupted:
            backend.close()
        if state is not None:
            state.finish(clean=not getattr(backend, "unclean", False))
            state.close()
        if report is not None and report is not sys.stdout:
            report.close()
        summary.seconds = time.monotonic() - started
    if config.report_html:
        _write_html_report(config.report_html, html_entries)
    if note is not None and not summary.failed and not summary.interrupted:
        note.remember()
    return summary


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

            packed: IO[bytes] = gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0)
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
            if isinstance(item, _Problem):
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
            f"cannot write report {printable_path(config.report)}: {_os_message(error)}"
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
                    **_base(item, config.output),
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
            f"cannot write HTML report {printable_path(path)}: {_os_message(error)}"
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

    _drive(backend, plan(), "count", chunk_size, counted, lambda tasks: None, planned)
    for site in sorted(set(counter.docs)):
        finalise(site)
    table.sites = dict(sorted(table.sites.items()))
    return table, documents, files
