"""The ``newsclean repair`` command: decoding and mojibake repair only, the text kept whole."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from typing import IO

import click

from newsclean.cli.common import (
    build_options,
    input_options,
    output_stream,
    printable,
    report_bug,
    report_error,
    results,
    shown,
    validate_output,
)
from newsclean.errors import NewscleanError


@click.command()
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
    validate_output(output, files)
    failed = 0
    with output_stream(output) as out:
        for source in files or ("-",):
            if jsonl or _is_jsonl(source):
                failed += _repair_jsonl(source, out, repair_text)
                continue
            for _, text, error in results(
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

    name = shown(source)
    try:
        stream = sys.stdin.buffer if source == "-" else open(source, "rb")
    except OSError as error:
        from newsclean.io.files import read_input

        try:
            read_input(source)  # the same one-line message as for any input
        except NewscleanError as reported:
            report_error(name, reported)
        else:  # pragma: no cover - the file appeared meanwhile
            report_error(name, error)
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
            except json.JSONDecodeError as error:
                problem = f"not JSON ({error.msg} at column {error.colno})"
            except ValueError as error:  # not UTF-8 JSON at all
                problem = f"not JSON ({error})"
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
                    report_bug(f"{name} line {number}", error)
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
                f"newsclean: {printable(name)} line {number}: {problem}; skipped "
                '(expected a JSON object with a string "text" field)',
                err=True,
            )
    return failed
