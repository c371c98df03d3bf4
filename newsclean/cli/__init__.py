"""The ``newsclean`` command: parses options, walks inputs, calls the library.

stdout carries data only; errors go to stderr as one line naming the input and what
to do. Exit status: 0 all inputs done, 1 at least one input failed, 2 usage error.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import io
import os
import signal
import sys
from collections.abc import Callable, Iterator
from typing import IO

import click

from newsclean import __version__
from newsclean.errors import NewscleanError
from newsclean.options import DEFAULT_MAX_BYTES

FORMATS = ("text", "json", "jsonl")

#: Set (to 1) by ``newsclean --debug``: internal errors show their traceback. Worker
#: processes inherit it.
DEBUG_VARIABLE = "NEWSCLEAN_DEBUG"


def _error(source: str, error: Exception) -> None:
    click.echo(f"newsclean: {_printable(source)}: {_printable(str(error))}", err=True)


def _debug() -> bool:
    return os.environ.get(DEBUG_VARIABLE, "") not in ("", "0")


def _bug(source: str | None, error: BaseException) -> None:
    """Report an exception newsclean did not expect: one line, the traceback only with --debug."""
    from newsclean.errors import bug_message

    if _debug():
        import traceback

        traceback.print_exception(type(error), error, error.__traceback__, file=sys.stderr)
    where = f"{_printable(source)}: " if source is not None else ""
    click.echo(f"newsclean: {where}{_printable(bug_message(error))}", err=True)


def _shown(source: str) -> str:
    return "<stdin>" if source == "-" else source


def _printable(text: str) -> str:
    """Escape control characters (terminal escapes included) before they reach a terminal."""
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def input_options(func: Callable) -> Callable:
    """Options shared by the commands that read pages."""
    return with_options(
        [
            click.option(
                "--encoding",
                metavar="NAME",
                help="Force the input encoding (e.g. gbk, cp1252) instead of detecting it.",
            ),
            click.option(
                "--max-bytes",
                type=click.IntRange(min=0),
                default=DEFAULT_MAX_BYTES,
                show_default=True,
                help="Refuse inputs larger than this many bytes (0: no limit).",
            ),
        ]
    )(func)


#: Options of every command that cleans pages (besides :func:`input_options`).
CLEANING_OPTIONS = [
    click.option(
        "--favor",
        type=click.Choice(["balanced", "precision", "recall"]),
        default="balanced",
        show_default=True,
        help="Drop doubtful lines (precision) or keep them (recall).",
    ),
    click.option(
        "--rules",
        "rules_file",
        type=click.Path(dir_okay=False),
        metavar="FILE",
        help="Extra drop/keep rules (format in the README).",
    ),
    click.option(
        "--input",
        "input_kind",
        type=click.Choice(["auto", "text", "html"]),
        default="auto",
        show_default=True,
        help="Read inputs as text dumps or HTML (auto: recognise HTML).",
    ),
    click.option("--no-repair", is_flag=True, help="Do not undo mojibake."),
]
#: ``clean`` and ``diff`` only (batch workers take their options from a BatchConfig).
BLOCK_MODEL_OPTION = click.option(
    "--block-model",
    is_flag=True,
    help="HTML: let the learned block model judge the blocks after the rules.",
)
LINE_MODEL_OPTION = click.option(
    "--no-line-model",
    is_flag=True,
    help="Text dumps: judge the lines by the rules alone, without the learned line model.",
)


#: Help of ``--record`` (clean, diff).
RECORD_HELP = (
    "Clean the one record of a WARC/ARC archive or JSONL file (FILE) with this id "
    "(WARC-Record-ID, the JSONL id) or URL."
)


def page_cleaner(options) -> Callable[[object, str], object]:
    """``convert`` for :func:`_documents`: clean a file's bytes, or a page of an archive."""
    from newsclean.pipeline import clean as clean_document

    def convert(data, source: str):
        if isinstance(data, bytes):
            return clean_document(data, options, source=source)
        from newsclean.io.sources import clean_page  # a Page of an archive (not loaded for files)

        return clean_page(data, options)

    return convert


def with_options(options: list[Callable]) -> Callable[[Callable], Callable]:
    """Apply a list of click options to a command, in the order listed."""

    def decorate(func: Callable) -> Callable:
        for option in reversed(options):
            func = option(func)
        return func

    return decorate


def cleaning_options(func: Callable) -> Callable:
    """The cleaning and input options, handed to the command as one ``options`` object."""

    @functools.wraps(func)
    def wrapper(
        *args,
        favor,
        rules_file,
        no_repair,
        input_kind,
        encoding,
        max_bytes,
        block_model,
        no_line_model,
        **kwargs,
    ):
        return func(
            *args,
            options=build_options(
                favor=favor,
                rules_file=rules_file,
                no_repair=no_repair,
                input_kind=input_kind,
                encoding=encoding,
                max_bytes=max_bytes,
                block_model=block_model,
                line_model=not no_line_model,
            ),
            **kwargs,
        )

    return input_options(
        with_options(CLEANING_OPTIONS + [BLOCK_MODEL_OPTION, LINE_MODEL_OPTION])(wrapper)
    )


def build_options(
    *,
    favor: str = "balanced",
    rules_file: str | None = None,
    no_repair: bool = False,
    input_kind: str = "auto",
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    block_model: bool = False,
    line_model: bool = True,
):
    """The library's :class:`~newsclean.options.Options` from command-line values (usage errors raised)."""
    from newsclean.options import Options

    encoding = _check_encoding(None, None, encoding)
    rules = None
    if rules_file:
        from newsclean.extract.userrules import load_rules

        try:
            rules = load_rules(rules_file)
        except NewscleanError as error:
            raise click.UsageError(_printable(f"{rules_file}: {error}")) from None
    return Options(
        favor=favor,
        encoding=encoding,
        repair=not no_repair,
        rules=rules,
        max_bytes=max_bytes,
        input=input_kind,
        block_model=True if block_model else None,
        line_model=None if line_model else False,
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsclean")
@click.option(
    "--debug",
    is_flag=True,
    help=f"Show the traceback of an internal error (a bug), as {DEBUG_VARIABLE}=1 does.",
)
def cli(debug: bool) -> None:
    """Turn scraped news pages into clean article text.

    Reads files (or standard input with no FILE or '-'), repairs broken
    encodings, removes boilerplate and prints the article. Run
    'newsclean COMMAND --help' for each command.
    """
    if debug:
        os.environ[DEBUG_VARIABLE] = "1"


def _check_encoding(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    import codecs

    try:
        return codecs.lookup(value).name
    except LookupError:
        raise click.BadParameter(
            f"unknown encoding {value!r}; try utf-8, cp1252, gbk, shift_jis"
        ) from None


def _validate_output(output: str | None, files: tuple[str, ...]) -> None:
    from newsclean.io.files import same_file

    if output and output != "-" and any(same_file(output, f) for f in files if f != "-"):
        raise click.UsageError(
            f"output {_printable(output)} is also an input; newsclean never overwrites its input"
        )


@contextlib.contextmanager
def _output_stream(output: str | None) -> Iterator[IO[str]]:
    """stdout, or a file written atomically (the old file survives a failure)."""
    if not output or output == "-":
        yield sys.stdout
        return
    from newsclean.io.files import atomic_writer

    try:
        with atomic_writer(output) as handle:
            yield handle
    except OSError as error:
        raise Failure(
            f"cannot write {_printable(output)}: {_write_problem(error)}; "
            f"any previous {_printable(output)} is unchanged"
        ) from None


class Failure(click.ClickException):
    """A run that failed (exit status 1), said in one line as the other errors are."""

    def show(self, file: IO[str] | None = None) -> None:
        click.echo(f"newsclean: {self.format_message()}", err=True)


def _write_problem(error: OSError) -> str:
    """What went wrong writing an output, and what to do about it, in a few words."""
    remedies = {
        errno.ENOSPC: "free some space or write elsewhere",
        errno.EDQUOT: "free some space or write elsewhere",
        errno.EFBIG: "the file size limit was reached: raise ulimit -f or write elsewhere",
        errno.EACCES: "check the directory's write permission",
        errno.EPERM: "check the directory's write permission",
        errno.EROFS: "write to another file system",
        errno.ENOENT: "create the directory first",
        errno.ENOTDIR: "a part of the path is a file, not a directory",
        errno.EISDIR: "name a file, not a directory",
    }
    what = (os.strerror(error.errno) if error.errno else str(error)).lower()
    remedy = remedies.get(error.errno)
    return f"{what} ({remedy})" if remedy else what


def _documents(
    files: tuple[str, ...],
    max_bytes: int,
    convert: Callable[[bytes, str], object],
    record: str | None = None,
):
    """Yield (source, result) per input that succeeded (see :func:`_results`); at the end,
    exit with status 1 if any failed."""
    failed = False
    for source, result, error in _results(files, max_bytes, convert, record):
        if error is not None:
            failed = True
            continue
        yield source, result
    if failed:
        raise SystemExit(1)


def _results(
    files: tuple[str, ...],
    max_bytes: int,
    convert: Callable[[bytes, str], object],
    record: str | None = None,
):
    """Yield (source, result, None) or (source, None, error) per input, in order.

    An archive or JSONL file gives the one page named by *record* (``--record``):
    *convert* then gets a :class:`newsclean.io.sources.Page` instead of bytes.

    A failure is reported on stderr as it happens: a :class:`NewscleanError` as its
    one-line message, any other exception as an internal error (a bug) — one bad
    input never stops the others.
    """
    from newsclean.io.files import archive_kind, read_input
    from newsclean.io.sniff import check_input

    for source in files or ("-",):
        try:
            if record is not None or archive_kind(source):
                from newsclean.io.sources import load_record  # only for archives: it is not light

                data: object = load_record(source, record, max_bytes)
            else:
                data = read_input(source, max_bytes)
                check_input(data, max_bytes)
            result = convert(data, source)
        except NewscleanError as error:
            _error(_shown(source), error)
            yield source, None, error
            continue
        except Exception as error:  # a bug: said as one, and the other inputs go on
            _bug(_shown(source), error)
            yield source, None, error
            continue
        yield source, result, None


@cli.command()
@click.argument("files", nargs=-1, metavar="[FILE]...")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text: title and paragraphs; json: everything found and done; jsonl: one record per line.",
)
@click.option("-o", "--output", metavar="PATH", help="Write here instead of standard output.")
@click.option(
    "--explain",
    is_flag=True,
    help="Show every line with its decision, rule and evidence (as JSON with -f json or jsonl).",
)
@click.option("--record", metavar="ID|URL", help=RECORD_HELP)
@cleaning_options
def clean(files, fmt, output, explain, record, options):
    """Print the article of each FILE: title, blank line, paragraphs.

    FILE may be a text dump of a page or its HTML. With no FILE, or '-',
    reads standard input.

    \b
    Examples:
      newsclean clean page.txt
      curl -s URL | newsclean clean --format json
      newsclean clean --explain page.txt | grep ' drop '
      newsclean clean crawl.warc.gz --record https://example.com/story
    """
    from newsclean.output import render

    _validate_output(output, files)
    inputs = files or ("-",)
    many = len(inputs) > 1
    results = _results(files, options.max_bytes, page_cleaner(options), record)
    with _output_stream(output) as out:
        if fmt == "json":
            # One input, one object; several, always an array in input order, a failed
            # input as its error object.
            items = [
                _json_item(source, document, error, explain) for source, document, error in results
            ]
            failures = sum("error" in item for item in items)
            if failures == len(items) and output and output != "-":
                raise SystemExit(1)  # nothing cleaned: the previous output file stays
            out.write(render.dumps(items if many else items[0]))
            if failures:
                raise SystemExit(1)
            return
        failures = 0
        for source, document, error in results:
            if error is not None:
                failures += 1
                continue
            if explain and fmt == "jsonl":
                out.writelines(render.render_explain_jsonl(document))
            elif explain:
                if many:
                    out.write(f"==> {source} <==\n")
                out.write(render.render_explain(document))
            elif fmt == "jsonl":
                out.write(render.render_jsonl(document))
            else:
                if many:
                    out.write(f"==> {source} <==\n")
                out.write(render.render_text(document))
                if many:
                    out.write("\n")
            out.flush()
        if failures == len(inputs):
            raise SystemExit(1)  # an -o file keeps its previous content
    if failures:
        raise SystemExit(1)


def _json_item(source: str, document, error: BaseException | None, explain: bool) -> dict:
    """The JSON of one input: the document (or its decisions, with --explain), or the error."""
    from newsclean.output import render

    if error is not None:
        return render.error_object(source, error)
    return render.explain_object(document) if explain else document.to_dict()


@cli.command()
@click.argument("files", nargs=-1, metavar="[FILE]...")
@click.option("-o", "--output", metavar="PATH", help="Write here instead of standard output.")
@click.option(
    "--jsonl",
    is_flag=True,
    help='Read JSON lines with a "text" field; write them back with the text repaired and '
    "the repairs under metadata.repairs (also for any FILE ending in .jsonl).",
)
@input_options
def repair(files, output, jsonl, encoding, max_bytes):
    """Repair the encoding of each FILE, keeping every line: any encoding in, UTF-8 out.

    An HTML page's <meta charset> is believed when the bytes decode with it.
    JSON lines (--jsonl, or a FILE named *.jsonl) are corpus records such as
    {"id": ..., "text": ..., "metadata": {...}}: every field is kept as it is,
    "text" is repaired and the repairs are listed in metadata.repairs. A line
    that is not such a record is reported with its number and skipped.
    """
    from newsclean.pipeline import decode_input
    from newsclean.text.repair import repair as repair_text

    options = build_options(encoding=encoding, max_bytes=max_bytes)
    _validate_output(output, files)
    failed = 0
    with _output_stream(output) as out:
        for source in files or ("-",):
            if jsonl or _is_jsonl(source):
                failed += _repair_jsonl(source, out, repair_text)
                continue
            for _, text, error in _results(
                (source,),
                max_bytes,
                lambda data, _src: repair_text(decode_input(data, options)[0].text).text,
            ):
                if error is not None:
                    failed += 1
                    continue
                out.write(text)
                out.flush()
    if failed:
        raise SystemExit(1)


def _is_jsonl(source: str) -> bool:
    return source.lower().endswith(".jsonl")


def _repair_jsonl(source: str, out: IO[str], repair_text: Callable) -> int:
    """Repair the "text" of every JSON record of *source*; return how many lines failed.

    Records stream through (a corpus file can be larger than memory); each output
    line is the input record, its fields in their order, with "text" repaired and
    ``metadata.repairs`` added.
    """
    import json

    shown = _shown(source)
    try:
        stream = sys.stdin.buffer if source == "-" else open(source, "rb")
    except OSError as error:
        from newsclean.io.files import read_input

        try:
            read_input(source)  # the same one-line message as for any input
        except NewscleanError as reported:
            _error(shown, reported)
        else:  # pragma: no cover - the file appeared meanwhile
            _error(shown, error)
        return 1
    failed = 0
    with contextlib.ExitStack() as stack:
        if stream is not sys.stdin.buffer:
            stack.enter_context(stream)
        for number, raw in enumerate(stream, start=1):
            line = raw.decode("utf-8", "replace")
            if not line.strip():
                continue
            problem = None
            try:
                record = json.loads(line)
            except ValueError as error:
                problem = f"not JSON ({error.msg} at column {error.colno})"
            else:
                if not isinstance(record, dict):
                    problem = "not a JSON object"
                elif not isinstance(record.get("text"), str):
                    problem = 'no string "text" field'
                elif record.get("metadata") is not None and not isinstance(
                    record["metadata"], dict
                ):
                    problem = '"metadata" is not an object'
            if problem is None:
                try:
                    repaired = repair_text(record["text"])
                except Exception as error:  # a bug: this record fails, the others go on
                    _bug(f"{shown} line {number}", error)
                    failed += 1
                    continue
                record["text"] = repaired.text
                if record.get("metadata") is None:
                    record["metadata"] = {}
                metadata = record["metadata"]
                metadata["repairs"] = [r.to_dict() for r in repaired.repairs]
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                out.flush()
                continue
            failed += 1
            click.echo(
                f"newsclean: {_printable(shown)} line {number}: {problem}; skipped "
                '(expected a JSON object with a string "text" field)',
                err=True,
            )
    return failed


@cli.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line instead of text.")
@input_options
def detect(files, as_json, encoding, max_bytes):
    """Say how each FILE is encoded and whether it holds mojibake.

    One line per file: path, encoding, confidence, the rung of the decoding
    ladder that decided (forced, bom, nul-pattern, utf-8, utf-8-replaced,
    declared, detector, model, segments, fallback) and the repairs mojibake needs.
    An HTML page's <meta charset> is believed when the bytes decode with it.
    """
    import json

    from newsclean.pipeline import decode_input
    from newsclean.text.repair import repair as repair_text

    options = build_options(encoding=encoding, max_bytes=max_bytes)

    def inspect(data: bytes, _source: str):
        decoded = decode_input(data, options)[0]
        return decoded, repair_text(decoded.text)

    for source, (decoded, repaired) in _documents(files, max_bytes, inspect):
        name = "<stdin>" if source == "-" else source
        if as_json:
            click.echo(
                json.dumps(
                    {
                        "file": name,
                        "encoding": decoded.to_dict(),
                        "repairs": [r.to_dict() for r in repaired.repairs],
                    },
                    ensure_ascii=False,
                )
            )
            continue
        found = len(repaired.repairs)
        mojibake = (
            f"mojibake repaired in {found} span{'s' * (found != 1)}" if found else "no mojibake"
        )
        click.echo(
            f"{_printable(name)}\t{decoded.encoding}\tconfidence {decoded.confidence:.2f}\t"
            f"method {decoded.method}\t{mojibake}"
        )


# Commands defined in modules of their own register themselves on `cli` when imported here:
import newsclean.cli.batch  # noqa: E402
import newsclean.cli.diff  # noqa: E402,F401


class _WholeWrites(io.RawIOBase):
    """A file descriptor whose writes return only when all the bytes are written.

    A pipe whose reader goes away in the middle of a large write takes part of it;
    Python's buffered and text layers then drop the rest without a word. Writing
    the rest here gives the error (``BrokenPipeError``) instead.
    """

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return os.isatty(self._fd)

    def write(self, data) -> int:
        view = memoryview(data).cast("B")
        total = len(view)
        while view:
            view = view[os.write(self._fd, view) :]
        return total

    def close(self) -> None:  # the descriptor belongs to the process, not to this object
        with contextlib.suppress(ValueError, OSError):
            self.flush()
        super().close()


def _whole_stdout() -> None:
    """Make standard output report a reader that went away, whatever the size of the write."""
    stdout = sys.stdout
    try:
        fd = stdout.fileno()
    except (AttributeError, ValueError, io.UnsupportedOperation):
        return  # not a real file (a test runner's capture): nothing to do
    stdout.flush()
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(_WholeWrites(fd)),
        encoding=stdout.encoding,
        errors=stdout.errors,
        line_buffering=stdout.line_buffering,
    )


def main(prog_name: str | None = None) -> None:
    """Entry point: run the CLI, ending quietly when the reader of stdout goes away.

    A closed pipe ends the run with status 1 and nothing on stderr; a write to
    stdout that fails otherwise (disk full, file size limit) is one line on stderr
    and status 1. A file size limit gives that error rather than a fatal signal.
    """
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails with EFBIG instead
    _whole_stdout()
    try:
        cli.main(prog_name=prog_name or "newsclean")
    except BrokenPipeError:
        _quiet_stdout()
        raise SystemExit(1) from None
    except KeyboardInterrupt:
        click.echo("newsclean: interrupted", err=True)
        raise SystemExit(130) from None
    except OSError as error:
        # Only writes to standard output get here: inputs and -o outputs have their own messages.
        _quiet_stdout()
        click.echo(f"newsclean: cannot write standard output: {_write_problem(error)}", err=True)
        raise SystemExit(1) from None
    except Exception as error:  # a bug outside any one input's work: one line, never a traceback
        _bug(None, error)
        raise SystemExit(1) from None


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that the final flush at exit cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    with contextlib.suppress(OSError, ValueError):
        os.dup2(devnull, sys.stdout.fileno())
