"""The ``newsclean diff`` command: what cleaning removed, repaired and moved, line by line."""

from __future__ import annotations

import os
import sys

import click

from newsclean.cli.common import (
    RECORD_HELP,
    cleaning_options,
    documents,
    output_stream,
    page_cleaner,
    printable,
    results,
    shown,
    validate_output,
)
from newsclean.errors import NewscleanError

MARKER_HELP = """\b
Markers (first two characters of each line):
  '  '  kept in the article
  '~ '  kept, repaired; each repair follows on a line
        '    BEFORE → AFTER  (WHAT WAS UNDONE)'
  '- '  removed, ends with '  [REASON: RULE]'
  '> '  moved to metadata, ends with '  [ROLE: RULE]'
        (title, byline, dateline, caption, date)
  '@@'  folded run: '@@ 37 removed lines (nav ×30, share ×7) @@'
  '# '  summary: lines by fate, removals by reason, repairs,
        encoding, share of characters removed
"""


def _use_colour(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _terminal_width() -> int:
    import shutil

    return shutil.get_terminal_size((80, 24)).columns


@click.command(epilog=MARKER_HELP)
@click.argument("files", nargs=-1, metavar="[FILE]...")
@click.option(
    "--html",
    "html_path",
    metavar="REPORT.html",
    help="Write one self-contained HTML report of all FILEs here instead of the terminal diff.",
)
@click.option(
    "-C",
    "--context",
    type=click.IntRange(min=0),
    metavar="N",
    help="Fold runs of kept or removed lines, showing N lines at each end.",
)
@click.option(
    "--side-by-side",
    "-y",
    is_flag=True,
    help="Input (as read) and cleaned text in two columns; needs 100 columns or --width.",
)
@click.option(
    "--width",
    type=click.IntRange(min=40),
    metavar="COLUMNS",
    help="Line width for --side-by-side (default: the terminal's).",
)
@click.option(
    "-n", "--line-numbers", is_flag=True, help="Show input line numbers after the marker."
)
@click.option(
    "--summary/--no-summary",
    default=True,
    show_default=True,
    help="Print the summary under the diff.",
)
@click.option(
    "--color/--no-color",
    "colour",
    default=None,
    help="Colour the diff (default: when stdout is a terminal and NO_COLOR is unset).",
)
@click.option("--record", metavar="ID|URL", help=RECORD_HELP)
@cleaning_options
def diff(
    files, html_path, context, side_by_side, width, line_numbers, summary, colour, record, options
):
    """Show each FILE against its cleaned text: what was removed and why.

    Removed lines carry their reason code and rule, repairs show what they
    undid, and lines moved to metadata are labelled. Plain markers in a pipe
    (grep '^- ' lists removed lines), colour in a terminal.

    \b
    Examples:
      newsclean diff page.txt
      newsclean diff --context 2 page.txt | less -R
      newsclean diff page.txt | grep '\\[nav'
      newsclean diff --side-by-side --width 160 page.txt
      newsclean diff --html report.html pages/*.txt
      newsclean diff crawl.warc.gz --record '<urn:uuid:…>'
    """
    max_bytes = options.max_bytes
    convert = page_cleaner(options)

    def convert_to_view(data: bytes, source: str):
        from newsclean.output.diff import build_view

        return build_view(convert(data, source))  # type: ignore[arg-type]

    if html_path:
        validate_output(html_path, files)
        _write_html(html_path, files, max_bytes, convert, record)
        return

    use_colour = _use_colour(colour)
    line_width = width or _terminal_width()
    if side_by_side and line_width < _min_width():
        click.echo(
            f"newsclean: side-by-side needs {_min_width()} columns and the terminal has "
            f"{line_width}; showing the inline diff (force with --width)",
            err=True,
        )
        side_by_side = False
    many = len(files) > 1
    console = _console(use_colour, line_width) if use_colour else None
    first = True
    for source, view in documents(files, max_bytes, convert_to_view, record=record):
        out = _render(view, context, side_by_side, line_width, line_numbers, summary, console)
        if many:
            header = ("" if first else "\n") + f"==> {printable(source)} <=="
            if console:
                from rich.text import Text

                console.print(Text(header, style="bold"))
            else:
                click.echo(header)
        first = False
        if console is None:
            sys.stdout.write(out)
        sys.stdout.flush()


def _min_width() -> int:
    from newsclean.output.side_by_side import MIN_SIDE_BY_SIDE_WIDTH

    return MIN_SIDE_BY_SIDE_WIDTH


def _console(use_colour: bool, width: int):
    from rich.console import Console

    return Console(
        file=sys.stdout,
        force_terminal=use_colour,
        no_color=not use_colour,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=True,
        width=width,
    )


def _render(view, context, side_by_side, width, line_numbers, summary, console) -> str:
    """The plain text of one document's diff view, or "" after printing it in colour to *console*."""
    from newsclean.output import side_by_side as columns
    from newsclean.output.diff import render_plain, render_rich

    if console is None:
        if side_by_side:
            return columns.render_side_by_side(view, width, context, summary)
        return render_plain(view, context, line_numbers, summary)
    if side_by_side:
        lines = columns.render_side_by_side_rich(view, width, context, summary)
    else:
        lines = render_rich(view, context, line_numbers, summary)
    for line in lines:
        console.print(line)
    return ""


def _write_html(
    path: str, files: tuple[str, ...], max_bytes: int, convert, record: str | None = None
) -> None:
    """Clean every input and write one report; failed inputs are listed in it with their message."""
    from newsclean.errors import bug_message
    from newsclean.output.report import render_report

    entries = []
    failures = 0
    for source, document, error in results(files, max_bytes, convert, record):
        name = shown(source)
        if error is None:
            entries.append((name, document))
            continue
        failures += 1
        entries.append(
            (name, str(error) if isinstance(error, NewscleanError) else bug_message(error))
        )
    with output_stream(path) as out:
        out.write(render_report(entries))
    if path != "-":
        done = len(entries) - failures
        click.echo(
            f"newsclean: wrote {printable(path)} ({done} document{'s' * (done != 1)}"
            f"{f', {failures} failed' if failures else ''})",
            err=True,
        )
    if failures:
        raise SystemExit(1)
