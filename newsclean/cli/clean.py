"""The ``newsclean clean`` command: the article of each input, as text, JSON or JSON lines."""

from __future__ import annotations

import click

from newsclean.cli.common import (
    RECORD_HELP,
    cleaning_options,
    output_stream,
    page_cleaner,
    results,
    validate_output,
)
from newsclean.options import FORMATS


@click.command()
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

    validate_output(output, files)
    inputs = files or ("-",)
    many = len(inputs) > 1
    outcomes = results(files, options.max_bytes, page_cleaner(options), record)
    with output_stream(output) as out:
        if fmt == "json":
            # One input, one object; several, always an array in input order, a failed
            # input as its error object.
            items = [
                _json_item(source, document, error, explain) for source, document, error in outcomes
            ]
            failures = sum("error" in item for item in items)
            if failures == len(items) and output and output != "-":
                raise SystemExit(1)  # nothing cleaned: the previous output file stays
            out.write(render.dumps(items if many else items[0]))
            if failures:
                raise SystemExit(1)
            return
        failures = 0
        for source, document, error in outcomes:
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
