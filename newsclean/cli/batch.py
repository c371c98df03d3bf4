"""The ``newsclean batch`` command: a whole corpus, in parallel, resumable, with a report.

The work is done by :mod:`newsclean.batch`; this module parses options and shows
progress and the summary on stderr (stdout carries data only: JSON lines to ``-``).
"""

from __future__ import annotations

import os
import threading
import time
from typing import Any

import click

from newsclean.cli.common import cleaning_options, printable
from newsclean.options import FORMATS

_GLOBS = (
    "*.txt *.text *.html *.htm *.xhtml *.shtml *.md "
    "*.warc *.warc.gz *.arc *.arc.gz *.jsonl *.jsonl.gz *.ndjson *.ndjson.gz"
)
#: Failures printed one per line on stderr before the rest only go to the report.
_MAX_FAILURE_LINES = 20


def _site_key(ctx: click.Context, param: click.Parameter, value: str) -> str:
    from newsclean.batch import BatchUsageError, site_depth

    try:
        site_depth(value)
    except BatchUsageError as error:
        raise click.BadParameter(str(error)) from None
    return value


@click.command()
@click.argument("sources", nargs=-1, required=True, metavar="SRC...")
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="OUT",
    help="Output directory (text, json), or a file or '-' for JSON lines (a name ending "
    "in .jsonl or .jsonl.gz, or '-', means --format jsonl; .gz is written compressed).",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text: OUT/PATH.txt per input; json: OUT/PATH.json; jsonl: one record per input in OUT.",
)
@click.option(
    "--glob",
    "globs",
    multiple=True,
    metavar="PATTERN",
    help=f"Which files of the source directories to read (repeatable; case-insensitive; "
    f"a pattern also takes the file compressed: .gz, .bz2, .xz, .zst). Default: {_GLOBS}.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    help="Worker processes [default: one per CPU].",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=60.0,
    show_default=True,
    help="Seconds one file may take before it is failed and its worker stopped (0: no limit).",
)
@click.option(
    "--force", is_flag=True, help="Redo every input, even those whose output is up to date."
)
@click.option(
    "--report",
    metavar="FILE",
    help="Write one JSON line per input: status (cleaned, skipped, failed), reason, stats.",
)
@click.option(
    "--report-html",
    metavar="REPORT.html",
    help="Write a self-contained HTML report: every failure and the first 200 documents, "
    "each line annotated with its fate and reason.",
)
@click.option(
    "--learn-boilerplate",
    is_flag=True,
    help="First learn each site's repeated lines across its files, then drop them.",
)
@click.option(
    "--site-key",
    default="parent",
    show_default=True,
    callback=_site_key,
    metavar="KEY",
    help="What a site is: parent (the file's directory), top (the first directory under SRC) "
    "or depth:N (the first N directories).",
)
@click.option(
    "--min-share",
    type=click.FloatRange(min=0, max=1, min_open=True),
    default=0.5,
    show_default=True,
    help="Drop a line found in at least this share of its site's files.",
)
@click.option(
    "--min-docs",
    type=click.IntRange(min=2),
    default=5,
    show_default=True,
    help="Learn only from sites with at least this many files.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Run on a Dask cluster (tcp://host:8786); needs 'pip install newsclean[dask]'.",
)
@click.option(
    "--chunk-size",
    type=click.IntRange(min=0),
    default=0,
    help="Files handed to a worker at a time [default: 8, or 64 with --scheduler].",
)
@click.option(
    "--page-types",
    callback=lambda ctx, param, value: tuple(
        t.strip() for t in (value or "").split(",") if t.strip()
    ),
    metavar="TYPE[,TYPE]",
    help="Write only documents of these page types (article, forum, product, collection, "
    "listing, documentation, service; HTML pages); the others are counted, not written.",
)
@click.option(
    "-q", "--quiet", is_flag=True, help="No progress, no summary, no per-file error lines."
)
@cleaning_options
def batch(sources, output, fmt, globs, quiet, options, **settings):
    """Clean every page under each SRC (directories, walked recursively, or files).

    Each input gets an output at the same relative path under OUT with the
    format's extension (.txt, .json); with --format jsonl, OUT is one file (or
    '-' for stdout) holding a record {id, text, metadata} per input. With
    several SRCs, each goes to OUT/NAME. Hidden files and directories are
    skipped; directory links are followed (loops are reported).

    A rerun skips inputs whose output is newer than the input and than the
    options (kept in OUT/.newsclean-batch.json); --force redoes all. Outputs are
    written atomically, so an interrupted run (Ctrl-C) can simply be rerun.

    Exit status: 0 all inputs done, 1 some failed, 2 usage error, 130 interrupted.

    \b
    Examples:
      newsclean batch crawl/ -o clean/
      newsclean batch crawl/ -o corpus.jsonl --format jsonl --report report.jsonl
      newsclean batch crawl/ -o clean/ --learn-boilerplate --site-key top
      newsclean batch crawl/ -o clean/ --scheduler tcp://scheduler:8786
    """
    from newsclean.batch import DEFAULT_GLOBS, BatchConfig, BatchError, BatchUsageError, run_batch

    fmt = _output_format(output, fmt, settings["report"])
    try:
        config = BatchConfig(
            sources=tuple(sources),
            output=output,
            fmt=fmt,
            globs=tuple(globs) or DEFAULT_GLOBS,
            options=options,
            **settings,  # the other options are named as BatchConfig's fields
        )
    except BatchUsageError as error:
        raise click.UsageError(str(error)) from None
    view = _View(config, quiet)
    try:
        with view:
            summary = run_batch(config, on_event=view.event)
    except BatchUsageError as error:
        raise click.UsageError(str(error)) from None
    except BatchError as error:
        raise click.ClickException(str(error)) from None
    if not summary.total and not summary.interrupted:
        where = " ".join(printable(source) for source in sources)
        click.echo(
            f"newsclean batch: no input files: nothing in {where} matches {' '.join(config.globs)} "
            "(nor those names with .gz, .bz2, .xz or .zst); choose files with --glob",
            err=True,
        )
        raise SystemExit(1)
    view.summary(summary)
    if summary.interrupted:
        raise SystemExit(130)
    if summary.failed:
        raise SystemExit(1)


def _output_format(output: str, fmt: str, report: str | None) -> str:
    """The output format (``-o X.jsonl`` implies jsonl); usage errors for impossible pairs."""
    ctx = click.get_current_context()
    fmt = _format_for_output(
        output, fmt, ctx.get_parameter_source("fmt") is not click.core.ParameterSource.DEFAULT
    )
    if fmt == "jsonl" and output != "-" and os.path.isdir(output):
        raise click.UsageError(
            f"with --format jsonl, -o names a file (or '-'), and {printable(output)} is a directory"
        )
    if fmt != "jsonl" and output == "-":
        raise click.UsageError("'-o -' (standard output) needs --format jsonl")
    if report == "-" and fmt == "jsonl" and output == "-":
        raise click.UsageError("the report and the JSON lines cannot both go to standard output")
    return fmt


#: Output names that mean one JSON-lines file (compressed as the suffix says).
_JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.bz2", ".jsonl.xz")


def _format_for_output(output: str, fmt: str, explicit: bool) -> str:
    """The format: ``-o X.jsonl`` (or ``.jsonl.gz``) or ``-o -`` without ``--format`` mean jsonl;
    a ``--format`` that disagrees with a ``.jsonl`` name is a usage error."""
    jsonl_name = output.lower().endswith(_JSONL_SUFFIXES)
    if not explicit:
        return "jsonl" if jsonl_name or output == "-" else fmt
    if jsonl_name and fmt != "jsonl":
        raise click.UsageError(
            f"-o {printable(output)} names a JSON-lines file, but --format is {fmt}; "
            "drop --format (or use --format jsonl), or name an output directory"
        )
    return fmt


class _View:
    """Progress while running and the summary at the end, on stderr."""

    def __init__(self, config: Any, quiet: bool) -> None:
        from rich.console import Console

        self.config = config
        self.quiet = quiet
        self.console = Console(stderr=True, highlight=False)
        self.live = not quiet and self.console.is_terminal
        self.progress: Any = None  # a rich Progress, on a terminal only
        self.task: Any = None
        self.done = 0
        self.failed = 0
        self.failure_lines = 0
        self.started = time.monotonic()

    def __enter__(self) -> _View:
        if self.live:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.fields[failed]}"),
                console=self.console,
                transient=True,
            )
            self.progress.start()
            self.task = self.progress.add_task("planning", total=None, rate="", failed="")
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.progress is not None:
            self.progress.stop()

    def event(self, kind: str, payload: Any) -> None:
        if kind == "phase":
            name, total = payload
            self.done = 0
            self.started = time.monotonic()
            if self.progress is not None:
                self.progress.reset(self.task, total=total, description=name, rate="", failed="")
                if total is None:
                    self._count_in_background()
        elif kind in ("record", "counted"):
            self.done += 1
            if kind == "record" and payload["status"] == "failed":
                self.failed += 1
                self._failure_line(payload)
            if self.progress is not None:
                elapsed = max(time.monotonic() - self.started, 1e-6)
                self.progress.update(
                    self.task,
                    advance=1,
                    rate=f"{self.done / elapsed:,.0f} files/s",
                    failed=f"{self.failed} failed" if self.failed else "",
                )

    def _count_in_background(self) -> None:
        from newsclean.batch import count_inputs

        progress, task, config = self.progress, self.task, self.config

        def count() -> None:
            try:
                total = count_inputs(config)
            except Exception:
                return
            progress.update(task, total=total)

        threading.Thread(target=count, daemon=True).start()

    def _failure_line(self, record: dict) -> None:
        """Plain mode: one line per failure as it happens (live mode lists them at the end)."""
        if self.quiet or self.progress is not None:
            return
        self.failure_lines += 1
        if self.failure_lines <= _MAX_FAILURE_LINES:
            message = f"newsclean: {printable(record['path'])}: {record['reason']}"
        elif self.failure_lines == _MAX_FAILURE_LINES + 1:
            message = "newsclean: more files failed; see the summary" + (
                " and the report" if self.config.report else " (or use --report for every one)"
            )
        else:
            return
        click.echo(message, err=True)

    def summary(self, summary: Any) -> None:
        if self.quiet:
            return
        if self.live:
            self._rich_summary(summary)
        else:
            for line in plain_summary(summary):
                click.echo(f"newsclean batch: {line}", err=True)

    def _rich_summary(self, summary: Any) -> None:
        from rich.table import Table

        table = Table(
            title="newsclean batch" + (" (interrupted)" if summary.interrupted else ""),
            show_header=False,
            title_justify="left",
        )
        table.add_column(style="bold")
        table.add_column()
        table.add_row("files cleaned", f"{summary.cleaned:,}")
        table.add_row("files skipped", f"{summary.skipped:,} (output up to date)")
        table.add_row(
            "files failed", f"{summary.failed:,}", style="red" if summary.failed else None
        )
        table.add_row(
            "thin results",
            f"{summary.thin:,} (under 50 words or 5 % of the page's prose; "
            '"thin": true in the report)'
            if summary.thin
            else "0",
        )
        table.add_row("page types", _counts(summary.page_types) or "–")
        if summary.excluded:
            table.add_row("not written", f"{summary.excluded:,} (page type not in --page-types)")
        table.add_row("encodings seen", _counts(summary.encodings) or "–")
        table.add_row("repairs", f"{summary.repairs:,}")
        table.add_row("lines removed", _counts(summary.removed_by_reason) or "–")
        if summary.learned is not None:
            table.add_row("learned", _learned(summary.learned))
        if summary.records_skipped:
            table.add_row("records skipped", _counts(summary.records_skipped))
        table.add_row("throughput", _throughput(summary))
        self.console.print(table)
        for path, reason in summary.failures[:10]:
            self.console.print(
                f"  failed: {printable(path)}: {reason}", markup=False, highlight=False
            )
        if summary.failed > 10:
            self.console.print(
                f"  … and {summary.failed - 10:,} more"
                + (f" (all in {self.config.report})" if self.config.report else ""),
                markup=False,
                highlight=False,
            )


def _counts(counter: Any) -> str:
    return ", ".join(f"{key} {value:,}" for key, value in counter.most_common())


def _learned(learned: dict) -> str:
    return (
        f"{learned['lines']:,} repeated lines in {learned['sites']:,} sites "
        f"(from {learned.get('documents', 0):,} files)"
    )


def _throughput(summary: Any) -> str:
    seconds = max(summary.seconds, 1e-6)
    return (
        f"{summary.total / seconds:,.1f} files/s, {summary.bytes_in / seconds / 1e6:,.2f} MB/s "
        f"({summary.seconds:,.1f} s)"
    )


def plain_summary(summary: Any) -> list[str]:
    """A few lines for a log (the failures were printed as they happened)."""
    head = "interrupted after " if summary.interrupted else ""
    thin = f"; {summary.thin:,} thin (little text kept)" if summary.thin else ""
    lines = [
        f"{head}{summary.total:,} files: {summary.cleaned:,} cleaned, {summary.skipped:,} skipped, "
        f"{summary.failed:,} failed{thin}; {_throughput(summary)}"
    ]
    if summary.page_types:
        excluded = f" ({summary.excluded:,} not written)" if summary.excluded else ""
        lines.append(f"page types: {_counts(summary.page_types)}{excluded}")
    if summary.encodings:
        lines.append(f"encodings: {_counts(summary.encodings)}; repairs: {summary.repairs:,}")
    if summary.removed_by_reason:
        lines.append(f"lines removed: {_counts(summary.removed_by_reason)}")
    if summary.learned is not None:
        lines.append(f"learned: {_learned(summary.learned)}")
    if summary.records_skipped:
        lines.append(f"archive records skipped: {_counts(summary.records_skipped)}")
    return lines
