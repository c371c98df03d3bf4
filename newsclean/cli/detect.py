"""The ``newsclean detect`` command: the encoding of each input and the repairs it would need."""

from __future__ import annotations

import click

from newsclean.cli.common import (
    build_options,
    documents,
    input_options,
    printable,
)


@click.command()
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

    for source, (decoded, repaired) in documents(files, max_bytes, inspect):
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
            f"{printable(name)}\t{decoded.encoding}\tconfidence {decoded.confidence:.2f}\t"
            f"method {decoded.method}\t{mojibake}"
        )
