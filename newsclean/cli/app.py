"""The ``newsclean`` command group and its entry point, :func:`main`."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys

import click

from newsclean import __version__
from newsclean.cli import batch, clean, detect, diff, repair
from newsclean.cli.common import DEBUG_VARIABLE, report_bug, write_problem


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


for _module in (clean, repair, detect, batch, diff):
    cli.add_command(getattr(_module, _module.__name__.rsplit(".", 1)[1]))


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
        line_buffering=bool(stdout.line_buffering),
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
        click.echo(f"newsclean: cannot write standard output: {write_problem(error)}", err=True)
        raise SystemExit(1) from None
    except Exception as error:  # a bug outside any one input's work: one line, never a traceback
        report_bug(None, error)
        raise SystemExit(1) from None


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that the final flush at exit cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    with contextlib.suppress(OSError, ValueError):
        os.dup2(devnull, sys.stdout.fileno())
