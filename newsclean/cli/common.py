"""What the commands share: option decorators, input walking, output streams, errors said in one line.

stdout carries data only; errors go to stderr as one line naming the input and what
to do. Exit status: 0 all inputs done, 1 at least one input failed, 2 usage error.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import sys
from collections.abc import Callable, Iterator
from typing import IO, Any

import click

from newsclean.errors import NewscleanError
from newsclean.options import DEFAULT_MAX_BYTES

#: Set (to 1) by ``newsclean --debug``: internal errors show their traceback. Worker
#: processes inherit it.
DEBUG_VARIABLE = "NEWSCLEAN_DEBUG"


def report_error(source: str, error: Exception) -> None:
    click.echo(f"newsclean: {printable(source)}: {printable(str(error))}", err=True)


def debug_enabled() -> bool:
    return os.environ.get(DEBUG_VARIABLE, "") not in ("", "0")


def report_bug(source: str | None, error: BaseException) -> None:
    """Report an exception newsclean did not expect: one line, the traceback only with --debug."""
    from newsclean.errors import bug_message

    if debug_enabled():
        import traceback

        traceback.print_exception(type(error), error, error.__traceback__, file=sys.stderr)
    where = f"{printable(source)}: " if source is not None else ""
    click.echo(f"newsclean: {where}{printable(bug_message(error))}", err=True)


def shown(source: str) -> str:
    return "<stdin>" if source == "-" else source


def printable(text: str) -> str:
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
#: For HTML pages: the learned block model on demand.
BLOCK_MODEL_OPTION = click.option(
    "--block-model/--no-block-model",
    default=None,
    help="HTML: let the learned block model judge the blocks after the rules (default: on).",
)
#: For text dumps: the learned line model (on by default).
LINE_MODEL_OPTION = click.option(
    "--line-model/--no-line-model",
    default=None,
    help="Text dumps: let the learned line model judge the lines after the rules (default: on).",
)


#: Help of ``--record`` (clean, diff).
RECORD_HELP = (
    "Clean the one record of a WARC/ARC archive or JSONL file (FILE) with this id "
    "(WARC-Record-ID, the JSONL id) or URL."
)


def page_cleaner(options) -> Callable[[object, str], object]:
    """``convert`` for :func:`documents`: clean a file's bytes, or a page of an archive."""
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
        line_model,
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
                line_model=line_model,
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
    block_model: bool | None = None,
    line_model: bool | None = None,
):
    """The library's :class:`~newsclean.options.Options` from command-line values (usage errors raised)."""
    from newsclean.options import Options

    encoding = check_encoding(None, None, encoding)
    rules = None
    if rules_file:
        from newsclean.extract.userrules import load_rules

        try:
            rules = load_rules(rules_file)
        except NewscleanError as error:
            raise click.UsageError(printable(f"{rules_file}: {error}")) from None
    return Options(
        favor=favor,
        encoding=encoding,
        repair=not no_repair,
        rules=rules,
        max_bytes=max_bytes,
        input=input_kind,
        block_model=block_model,
        line_model=line_model,
    )


def check_encoding(
    ctx: click.Context | None, param: click.Parameter | None, value: str | None
) -> str | None:
    if value is None:
        return None
    import codecs

    try:
        return codecs.lookup(value).name
    except LookupError:
        raise click.BadParameter(
            f"unknown encoding {value!r}; try utf-8, cp1252, gbk, shift_jis"
        ) from None


def validate_output(output: str | None, files: tuple[str, ...]) -> None:
    from newsclean.io.files import same_file

    if output and output != "-" and any(same_file(output, f) for f in files if f != "-"):
        raise click.UsageError(
            f"output {printable(output)} is also an input; newsclean never overwrites its input"
        )


@contextlib.contextmanager
def output_stream(output: str | None) -> Iterator[IO[str]]:
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
            f"cannot write {printable(output)}: {write_problem(error)}; "
            f"any previous {printable(output)} is unchanged"
        ) from None


class Failure(click.ClickException):
    """A run that failed (exit status 1), said in one line as the other errors are."""

    def show(self, file: IO[str] | None = None) -> None:
        click.echo(f"newsclean: {self.format_message()}", err=True)


def write_problem(error: OSError) -> str:
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
    remedy = remedies.get(error.errno) if error.errno is not None else None
    return f"{what} ({remedy})" if remedy else what


def documents(
    files: tuple[str, ...],
    max_bytes: int,
    convert: Callable[[Any, str], object],
    record: str | None = None,
):
    """Yield (source, result) per input that succeeded (see :func:`results`); at the end,
    exit with status 1 if any failed."""
    failed = False
    for source, result, error in results(files, max_bytes, convert, record):
        if error is not None:
            failed = True
            continue
        yield source, result
    if failed:
        raise SystemExit(1)


def results(
    files: tuple[str, ...],
    max_bytes: int,
    convert: Callable[[Any, str], object],
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

                data: Any = load_record(source, record, max_bytes)
            else:
                data = read_input(source, max_bytes)
                check_input(data, max_bytes)
            result = convert(data, source)
        except NewscleanError as error:
            report_error(shown(source), error)
            yield source, None, error
            continue
        except Exception as error:  # a bug: said as one, and the other inputs go on
            report_bug(shown(source), error)
            yield source, None, error
            continue
        yield source, result, None
