"""How a repair is recorded: the span it changed, and what it undid, as data.

A :class:`Repair` holds the span before and after, and the steps undone: one
:class:`Step` per misreading, as ftfy's explanations record one step per codec
operation.

A step says which encoding the text really was in, which codec it was wrongly read with,
how it got there (:data:`HOW`), and which lost bytes were restored on the way back.
:func:`describe` turns steps into the line shown to people (and written to JSON as
``undone``):

>>> describe((Step("GBK", "Latin-1", UTF8_FIRST, (Restored("0xAD", 1),)),))
'GBK read as Latin-1 by a UTF-8-first decoder; lost 0xAD restored'
>>> describe((ftfy_step((("encode", "latin-1"), ("decode", "utf-8"))), Step("cp1251", "Latin-1")))
'ftfy: encode latin-1, decode utf-8, then cp1251 read as Latin-1'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from newsclean.notice import Notice

#: How a misreading came about, beyond "read as": the key of a step's ``how``, and the
#: words it adds.
UTF8_FIRST = "utf8-first"
UNDER_UTF8 = "under-utf8"
C1_REMOVED = "c1-removed"
SHY_REMOVED = "shy-removed"
FTFY = "ftfy"
HOW = {
    "": "",
    UTF8_FIRST: " by a UTF-8-first decoder",
    UNDER_UTF8: ", then as UTF-8 read as cp1252",
    C1_REMOVED: ", C1 controls removed",
    SHY_REMOVED: ", soft hyphens removed",
}
#: Steps whose lost bytes were removed on the way (not lost in passing) state the count
#: of restored bytes even when it is one.
_COUNTED = frozenset({C1_REMOVED, SHY_REMOVED})


class Restored(NamedTuple):
    """Bytes lost on the way and put back: what they were (``"0xAD"``, ``"0xA0"``,
    ``"C1 byte"``, ``"lost byte guessed"``) and how many."""

    what: str
    times: int


class Step(NamedTuple):
    """One misreading undone: text in *encoding* that was read as *read_as*.

    Encodings go by their human names (``"UTF-8"``, ``"GBK"``, ``"cp1250"``,
    ``"Latin-1"``). For a repair ftfy made, *encoding* and *read_as* are empty,
    *how* is :data:`FTFY` and *ftfy* holds ftfy's own ``(action, codec)`` steps.
    """

    encoding: str
    read_as: str
    how: str = ""
    restored: tuple[Restored, ...] = ()
    ftfy: tuple[tuple[str, str], ...] = ()


def ftfy_step(explanation: Iterable[tuple[str, str]] | None) -> Step:
    """The step for a repair ftfy made: its encode and decode steps."""
    steps = tuple((a, b) for a, b in explanation or () if a in ("encode", "decode"))
    return Step("", "", FTFY, (), steps)


def restored(fixes: Iterable[str]) -> tuple[Restored, ...]:
    """The lost bytes of *fixes* (one label per restored byte), counted in order of
    first appearance; bytes restored in a gap (``"C1 byte (gap)"``) are named as others.

    >>> restored(["0xAD", "0xA0", "0xAD"])
    (Restored(what='0xAD', times=2), Restored(what='0xA0', times=1))
    """
    counts: dict[str, int] = {}
    for fix in fixes:
        counts[fix] = counts.get(fix, 0) + 1
    return tuple(Restored(what.replace(" (gap)", ""), n) for what, n in counts.items())


def describe_step(step: Step) -> str:
    """One step in words."""
    if step.how == FTFY:
        return "ftfy: " + (", ".join(f"{a} {b}" for a, b in step.ftfy) or "encoding fix")
    text = f"{step.encoding} read as {step.read_as}{HOW[step.how]}"
    if step.restored:
        counted = step.how in _COUNTED
        text += "; " + ", ".join(
            f"lost {r.what} restored" + (f" ×{r.times}" if r.times > 1 or counted else "")
            for r in step.restored
        )
    return text


def describe(steps: Iterable[Step]) -> str:
    """Steps in words, in the order they were undone."""
    return ", then ".join(describe_step(s) for s in steps)


def chain(*groups: tuple[Step, ...]) -> tuple[Step, ...]:
    """The steps of several repairs of one span, one after the other, each distinct
    group once.

    >>> a, b = Step("UTF-8", "cp1252"), Step("cp1250", "Latin-1")
    >>> chain((a,), (b,), (a,)) == (a, b)
    True
    """
    return tuple(step for group in dict.fromkeys(groups) for step in group)


@dataclass(frozen=True)
class Repair:
    """One repaired span of text."""

    #: Offsets of the span in the text *before* the repair (``text[start:end] == before``).
    start: int
    end: int
    before: str
    after: str
    #: What was undone, in the order it was undone, e.g. ``(Step("UTF-8", "cp1252"),)``.
    undone: tuple[Step, ...]

    @property
    def description(self) -> str:
        """What was undone, in words, e.g. ``"UTF-8 read as cp1252"``."""
        return describe(self.undone)

    def to_dict(self) -> dict:
        return {
            "span": [self.start, self.end],
            "before": self.before,
            "after": self.after,
            "undone": self.description,
        }


@dataclass(frozen=True)
class Repaired:
    """Repaired text and the list of repairs made to get it."""

    text: str
    repairs: tuple[Repair, ...] = field(default_factory=tuple)
    #: Things a reader should know, e.g. a repaired span in another script than the text.
    warnings: tuple[Notice, ...] = field(default_factory=tuple)


def whole_change(line: str, final: str, undone: tuple[Step, ...]) -> Repair:
    """One repair covering the part of *line* that differs from *final*.

    >>> r = whole_change("a CafÃ© b", "a Café b", (Step("UTF-8", "Latin-1"),))
    >>> r.start, r.end, r.before, r.after, r.description
    (5, 7, 'Ã©', 'é', 'UTF-8 read as Latin-1')
    """
    p = 0
    while p < min(len(line), len(final)) and line[p] == final[p]:
        p += 1
    q = 0
    while q < min(len(line), len(final)) - p and line[-1 - q] == final[-1 - q]:
        q += 1
    return Repair(p, len(line) - q, line[p : len(line) - q], final[p : len(final) - q], undone)
