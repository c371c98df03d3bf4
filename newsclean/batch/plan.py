"""Planning a run: walking the sources, naming outputs, and the output directory (manifest, lock, fingerprint)."""

from __future__ import annotations

import contextlib
import fnmatch
import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any, NamedTuple

from newsclean.batch.config import (
    FORMAT_EXTENSIONS,
    LOCK_NAME,
    MANIFEST_NAME,
    TEMP_FILE,
    BatchConfig,
    BatchError,
    BatchUsageError,
)
from newsclean.io.files import (
    archive_kind,
    atomic_writer,
    os_message,
    strip_compression_suffix,
)


def printable_path(path: str) -> str:
    """A path as text that always encodes: undecodable bytes of file names become ``\\xNN``."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")


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
            raise BatchUsageError(f"{printable_path(source)}: {os_message(error)}") from None
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


class WalkProblem(NamedTuple):
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


def _entry_kind(entry: os.DirEntry, matches: Callable[[str], bool]) -> str | None:
    """``"dir"``, ``"file"`` (a regular file the globs take), ``None`` (hidden or not
    taken), or why a matching name cannot be read (a broken link, not a regular file)."""
    if entry.name.startswith("."):
        return None
    try:
        if entry.is_dir():
            return "dir"
        regular = entry.is_file()
    except OSError:
        regular = False
    if not matches(entry.name):
        return None
    if regular:
        return "file"
    if entry.is_symlink() and not os.path.exists(entry.path):
        return "broken symbolic link"
    return "not a regular file"


def walk(
    config: BatchConfig, out_dir_identity: tuple[int, int] | None = None
) -> Iterator[tuple[str, tuple[str, ...], str, str | None] | WalkProblem]:
    """Yield ``(path, parts, name, output_name)`` per input file, or a :class:`WalkProblem`.

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
                yield WalkProblem(directory, shown, f"cannot read directory: {os_message(error)}")
                continue
            identity = (info.st_dev, info.st_ino)
            if identity == out_dir_identity:
                continue
            if identity in ancestors:
                yield WalkProblem(
                    directory,
                    shown,
                    "symbolic link loop (leads back to a directory above it); skipped",
                )
                continue
            if identity in seen:
                yield WalkProblem(
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
                yield WalkProblem(directory, shown, f"cannot read directory: {os_message(error)}")
                continue
            files, subdirs = [], []
            for entry in listing:
                kind = _entry_kind(entry, matches)
                if kind == "dir":
                    subdirs.append(entry)
                elif kind == "file":
                    files.append(entry.name)
                elif kind is not None:
                    child = printable_path("/".join((*parts, entry.name)))
                    yield WalkProblem(entry.path, child, kind)
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
        if not isinstance(item, WalkProblem):
            if archive_kind(item[2]):
                return None
            count += 1
    return count


# ---------------------------------------------------------------------------- output directory


class OutputState:
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
                f"cannot create output directory {shown}: {os_message(error)}"
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
                f"cannot write to output directory {shown}: {os_message(error)}"
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
        manifest: dict[str, Any] = {
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
                f"{os_message(error)}"
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
                if TEMP_FILE.match(name):
                    with contextlib.suppress(OSError):
                        os.unlink(os.path.join(directory, name))


def fingerprint(config: BatchConfig, table_digest: str | None = None) -> tuple[str, dict]:
    """A digest of everything that changes an output, and the settings it was made from."""
    from newsclean import __version__

    options = config.options
    settings: dict[str, Any] = {
        "newsclean": __version__,
        "format": config.fmt,
        "favor": options.favor,
        "encoding": options.encoding,
        "repair": options.repair,
        "max_bytes": options.max_bytes,
        "input": options.input,
        "rules_sha256": options.rules.sha256 if options.rules is not None else None,
        "cleaner": config.cleaner,
        "learn_boilerplate": None,
    }
    if config.page_types:  # only when set: older outputs keep their fingerprint
        settings["page_types"] = sorted(config.page_types)
    if options.block_model is not None:  # only when set: older outputs keep their fingerprint
        settings["block_model"] = str(options.block_model)
    if config.learn_boilerplate:
        settings["learn_boilerplate"] = {
            "site_key": config.site_key,
            "min_share": config.min_share,
            "min_docs": config.min_docs,
            "table": table_digest,
        }
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:20]
    return digest, settings
