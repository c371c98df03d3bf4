"""Undo mojibake: text that was decoded with the wrong encoding somewhere upstream.

Repairs are local (one line at a time, only the broken span changes) and recorded,
so that every change can be shown and explained.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Repair:
    """One repaired span of text."""

    #: Offsets of the span in the text *before* the repair (``text[start:end] == before``).
    start: int
    end: int
    before: str
    after: str
    #: What was undone, e.g. ``"UTF-8 read as cp1252"``.
    undone: str

    def to_dict(self) -> dict:
        return {"span": [self.start, self.end], "before": self.before,
                "after": self.after, "undone": self.undone}


@dataclass(frozen=True)
class Repaired:
    """Repaired text and the list of repairs made to get it."""

    text: str
    repairs: tuple[Repair, ...] = field(default_factory=tuple)


def repair(text: str) -> Repaired:
    """Repair mojibake in *text*; correct text comes back unchanged.

    >>> repair("CafÃ© au lait").text
    'Café au lait'
    >>> repair("Café au lait").repairs
    ()
    """
    if text.isascii():
        return Repaired(text)
    import ftfy

    repairs: list[Repair] = []
    out: list[str] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        fixed = line
        if not line.isascii():
            explained = ftfy.fix_encoding_and_explain(line)
            if explained.text != line:
                fixed = explained.text
                steps = ", ".join(f"{step[0]} {step[1]}" for step in explained.explanation or ())
                body = line.rstrip("\r\n")
                repairs.append(Repair(offset, offset + len(body), body,
                                      fixed.rstrip("\r\n"), steps or "ftfy"))
        out.append(fixed)
        offset += len(line)
    return Repaired("".join(out), tuple(repairs))
