"""A Latin code page read as another: a line in cp1250, ISO-8859-2, cp1254 ... read as
cp1252 / Latin-1 (``Nepostojeæi`` for ``Nepostojeći``).

Such a line changes letter for letter, and both readings look like text: the
per-language word model (:func:`newsclean.text.plausibility.language_cost`) judges, and
a relabelling needs evidence from more than one character (:func:`foreign_change`) and
a clear margin (:data:`LATIN_MARGIN`).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from newsclean.text.readings import latin_label
from newsclean.text.rebuild import latin_bytes
from newsclean.text.record import Repair, Step

#: A Latin code page read as another (cp1250 as cp1252) must beat the text as it is by
#: this much under the per-language model, after the code page's prior and a cost
#: per changed letter.
LATIN_MARGIN = 8.0
LATIN_PER_CHANGE = 2.0

#: Latin code pages a line read as cp1252 / Latin-1 may really be in, with the prior cost
#: of each (the common Central European and Turkish pages first).
LATIN_RELABELS = (
    ("cp1250", 0.0),
    ("iso8859-2", 2.0),
    ("cp1254", 2.0),
    ("iso8859-9", 2.0),
    ("cp1257", 4.0),
    ("iso8859-13", 4.0),
    ("iso8859-16", 8.0),
    ("iso8859-4", 8.0),
    ("iso8859-3", 8.0),
)


class Relabel(NamedTuple):
    """*line* read as *codec*, with the prior of that code page."""

    text: str
    codec: str
    prior: float


def latin_relabels(line: str) -> list[Relabel]:
    """Readings of *line* as another Latin code page: ``(text, codec, prior)``.

    The line is turned back into the bytes a cp1252 / Latin-1 decoder saw and decoded
    with each code page of :data:`LATIN_RELABELS`. A reading is kept only if every
    character it changes becomes a letter, never a capital after a small letter
    (``Data©Initech`` is no ``DataŠInitech``), and every sign it turns into a letter
    touches a letter (``Va¹e`` → ``Vaše``; a lone ``©`` stays); a C1 control, which is
    no text, may also become a sign outside a word (``\x84nag³ówek`` → ``„nagłówek``).
    Lengths never change.

    >>> [(t, c) for t, c, _ in latin_relabels("Nepostojeæi tip")][:2]
    [('Nepostojeći tip', 'cp1250'), ('Nepostojeęi tip', 'cp1257')]
    """
    data, mixed = latin_bytes(line)
    if mixed:
        return []
    out: list[Relabel] = []
    seen = {line}
    in_utf8 = _utf8_positions(line)
    n = len(line)
    for codec, prior in LATIN_RELABELS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if text in seen or len(text) != n:
            continue
        seen.add(text)
        ok = True
        for i, (a, b) in enumerate(zip(line, text)):
            if a == b:
                continue
            if (
                "\x80" <= a <= "\x9f"
                and b.isprintable()
                and not b.isspace()
                and i not in in_utf8
                and not _sign_in_word(line, i)
            ):
                continue  # a C1 control is no text: a sign outside a word (``„``) may be it
            if (
                not b.isalpha()
                or (b.isupper() and i > 0 and line[i - 1].islower())
                or (
                    not a.isalpha()
                    and not "\x80" <= a <= "\x9f"
                    and not (
                        (i > 0 and line[i - 1].isalpha()) or (i + 1 < n and line[i + 1].isalpha())
                    )
                )
            ):
                ok = False
                break
        if ok:
            out.append(Relabel(text, codec, prior))
    return out


def foreign_change(line: str, new: str) -> bool:
    """Is a same-length rewrite of *line* backed by more than one character? It is when
    it changes two different characters or more; a single one (however often it
    occurs) must be a sign, a control, or a letter foreign to the language that best
    explains its word ("æ" in "Nepostojeæi"; not "è" in "planète" or "Irène", however
    well Czech fits "č")."""
    from newsclean.text.plausibility import WORD, foreign_letter

    changed = {line[i] for i in range(len(line)) if line[i] != new[i]}
    if len(changed) != 1:
        return len(changed) > 1
    ch = changed.pop()
    if not ch.isalpha():
        return True
    low = line.lower()
    return any(
        ch.lower() in m.group() and foreign_letter(m.group(), ch) for m in WORD.finditer(low)
    )


#: A UTF-8 lead byte and the continuation bytes after it, complete or not (the last one
#: may have been lost: ``â\x80`` of a ``”`` whose 0x9D a cp1252 reader dropped).
_UTF8_START = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{1,2}|[\xf0-\xf4][\x80-\xbf]{1,3}"
)


def _utf8_positions(line: str) -> set[int]:
    """Positions of *line* (read as Latin-1 / cp1252) that belong to a UTF-8 sequence of
    its bytes, whole or cut short: there a sign between letters is UTF-8's evidence
    (``moÅ¾nost``), and a C1 control a continuation byte, not a code page's sign."""
    data, mixed = latin_bytes(line)
    if mixed:
        return set()
    return {i for m in _UTF8_START.finditer(data) for i in range(m.start(), m.end())}


def _sign_in_word(line: str, i: int) -> bool:
    """Is character *i* of *line* a sign or a control standing between two letters
    (``Zru¹it``)? Reading it as a letter repairs the word and costs no change."""
    ch = line[i]
    return (
        not ch.isalpha()
        and not ch.isspace()
        and 0 < i < len(line) - 1
        and line[i - 1].isalpha()
        and line[i + 1].isalpha()
    )


def relabel_line(line: str) -> tuple[str, Step] | None:
    """The line read with the Latin code page the language model prefers, if clearly
    better, and the step undone.

    >>> relabel_line("Nepostojeæi tip geometrije.")
    ('Nepostojeći tip geometrije.', Step(encoding='cp1250', read_as='Latin-1', how='', restored=(), ftfy=()))
    """
    from newsclean.text.plausibility import language_cost

    cands = latin_relabels(line)
    if not cands:
        return None
    base = language_cost(line)[0]
    in_utf8 = _utf8_positions(line)
    best = None
    for text, codec, prior in cands:
        changed = sum(
            1
            for i, (a, b) in enumerate(zip(line, text))
            if a != b and not (_sign_in_word(line, i) and i not in in_utf8)
        )
        if not foreign_change(line, text):
            continue  # every letter it changes belongs to the language of its word
        c = language_cost(text)[0] + prior + LATIN_PER_CHANGE * changed
        if best is None or c < best[0]:
            best = (c, text, codec)
    if best is None or base - best[0] <= LATIN_MARGIN:
        return None
    return best[1], Step(best[2], latin_label(line))


def word_changes(line: str, new: str, undone: tuple[Step, ...]) -> list[Repair]:
    """One repair per changed word of a same-length rewrite of *line*.

    A changed character that counts as white space (U+0085) is part of its word:

    >>> [r.after for r in word_changes("a\x85b", "a\u2026b", ())]
    ['a…b']
    """
    out: list[Repair] = []
    i, n = 0, len(line)
    while i < n:
        if line[i] == new[i]:
            i += 1
            continue
        start = i
        while start > 0 and not line[start - 1].isspace():
            start -= 1
        end = i + 1  # the changed character belongs to the word even if it is a space (U+0085)
        while end < n and not line[end].isspace():
            end += 1
        out.append(Repair(start, end, line[start:end], new[start:end], undone))
        i = end
    return out
