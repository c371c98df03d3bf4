"""Markdown output shared by the benchmark scripts."""

from __future__ import annotations

from pathlib import Path


def table(header: list[str], rows: list[list]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def update_section(path: Path, name: str, text: str) -> None:
    """Replace the text between ``<!-- NAME:start -->`` and ``<!-- NAME:end -->`` in *path*."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    content = path.read_text(encoding="utf-8")
    if start not in content or end not in content:
        raise SystemExit(f"{path} has no {start} ... {end} section to update")
    before, _, rest = content.partition(start)
    _, _, after = rest.partition(end)
    path.write_text(f"{before}{start}\n{text.rstrip()}\n{end}{after}", encoding="utf-8")
