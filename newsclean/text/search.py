"""Choosing among the readings of a line's suspicious runs: one path for the line, or
run by run.

A line is cut into *suspicious runs* (non-ASCII characters, with the ASCII bytes that
can be the second half of a double-byte character, and single spaces between them).
Each run gets its candidate readings (:func:`newsclean.text.readings.readings`), scored
by the character model plus their priors, as :class:`RunOptions`. Then:

1. one :class:`~newsclean.text.readings.Route` for the whole line, if one explains its
   runs together clearly better than the text as it is (its prior is paid once);
2. run by run, for the runs it did not cover, each candidate beating its run by
   :data:`MARGIN` plus :data:`MARGIN_SHARE` of the run's cost.

The line is passed again (:data:`PASSES`), for text that was broken twice.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from newsclean.text.readings import LATIN, Route
from newsclean.text.record import Repair, Step, chain, whole_change
from newsclean.text.suspect import lead_chars

#: A candidate must be cheaper than the run by this much plus a share of the run's cost.
MARGIN = 2.0
MARGIN_SHARE = 0.2
#: Passes over a line (text broken twice needs two).
PASSES = 3
#: A reading that brings a script the rest of the line does not use pays this.
SCRIPT_INTRO = 4.0
#: A suspicious run longer than this is searched in windows of at most this many
#: characters (cut at a space where one is near, else before a character that reads
#: as a UTF-8 lead byte): the search time per run is bounded.
RUN_WINDOW = 512
#: Runs up to this long are also read without their last one or two ASCII characters.
_SHORT_RUN = 96
#: A suspicious run: the same runs of non-ASCII characters as :mod:`newsclean.text.decode`
#: finds (``[^\x00-\x7f]`` is U+0080 and up, and compiles far faster than the range
#: written out).
RUN = re.compile(r"[^\x00-\x7f](?:[^\x00-\x7f]|(?<=[^\x00-\x7f])[\x40-\x7e]| (?=[^\x00-\x7f]))*")
#: UTF-8 read as a Latin code page other than cp1252: ftfy's domain when it said no.
_LATIN_UTF8_ROUTES = frozenset(
    Route(reader, "utf-8") for reader in ("mac-roman", "cp437", "cp1250", "cp1257", "iso8859-2")
)
#: U+2000-U+203F in UTF-8 (E2 80 xx) read as cp1252 / Latin-1.
_UTF8_PUNCT = re.compile(
    "\u00e2[\u20ac\u0080][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]"
)
#: A small letter, then the lead byte of a Latin letter (C3-C5: Ã, Ä, Å) and a
#: continuation byte that cp1252 reads as a sign (``liczbÄ™``, ``caÅ‚``, ``ChropynÄ›``):
#: a word never holds that, yet ftfy's badness check lets some through, so its refusal
#: is no answer there (after a capital it may be a name: ``AHÅ™``).
_SIGN_TRAIL = re.compile(
    "(?<=[a-z\u00df-\u00f6\u00f8-\u00ff])[\u00c3-\u00c5][\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160"
    "\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a"
    "\u0153\u017e\u0178]"
)


@functools.cache
def _lead_in_word(reader: str) -> re.Pattern[str]:
    """A small letter, then what *reader* makes of the lead byte of a Latin letter (C3-C5)
    when that is a capital or a sign, then what it makes of a continuation byte
    (``MetĂłdy``, cp1250; ``v√°lido``, mac-roman): no word of its text holds that, so
    ftfy's refusal is no answer there."""
    leads = "".join(
        ch for ch in bytes(range(0xC3, 0xC6)).decode(reader, "replace") if not ch.islower()
    )
    conts = bytes(range(0x80, 0xC0)).decode(reader, "replace").replace("\ufffd", "")
    return re.compile(
        f"(?<=[a-z\u00df-\u00f6\u00f8-\u00ff])[{re.escape(leads)}][{re.escape(conts)}]"
    )


#: An ideograph, kana or hangul syllable (or CJK punctuation, or a full-width form).
_CJK = "[\u2e80-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff00-\uffef]"
#: CJK text: two such characters side by side (a word, a name, a sentence).
_CJK_TEXT = re.compile(_CJK + _CJK)
#: Typographic quotation marks, opening and closing: a run that starts and ends with a
#: pair is read without them too (Latin-1's guillemets are left out: as bytes they are
#: common in mojibake, ``Ó³»``).
_QUOTE_PAIRS = frozenset(
    {
        ("\u201c", "\u201d"),
        ("\u2018", "\u2019"),
        ("\u201e", "\u201c"),
        ("\u201e", "\u201d"),
        ("\u201a", "\u2018"),
    }
)
#: A run inside quotes is read on its own from this many characters.
_INNER_MIN = 2
#: Characters a reading must not bring in: C1 controls, private use, unassigned.
_UNWANTED = re.compile("[\u0080-\u009f\ue000-\uf8ff\ufdd0-\ufdef\ufffe\uffff]")
#: Characters that show nothing: controls, format characters, the soft hyphen.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


class Candidate(NamedTuple):
    """A reading of a run, scored: its cost (with its prior and :data:`SCRIPT_INTRO`),
    text, steps undone and prior."""

    cost: float
    text: str
    undone: tuple[Step, ...]
    prior: float


class RunOptions(NamedTuple):
    """A run read over one span: the cost of the text as it is, and the best candidate
    of each route."""

    base: float
    candidates: dict[Route, Candidate]
    #: The span is the run inside the quotation marks around it.
    inner: bool = False


class Span(NamedTuple):
    """Where a reading of a run starts and ends in its line."""

    start: int
    end: int


class Run(NamedTuple):
    """A suspicious run: where it starts, and its options by span."""

    start: int
    options: dict[Span, RunOptions]


class Edit(NamedTuple):
    """A change to a line: ``line[start:end]`` becomes *after*."""

    start: int
    end: int
    after: str
    undone: tuple[Step, ...]


class _Gain(NamedTuple):
    """What a route gains on one run: how much, over which span, with what."""

    gain: float
    span: Span
    candidate: Candidate


def search_line(line: str, ftfy_refused: bool) -> tuple[str, list[Repair]]:
    """Repair *line* by the readings of its runs; the new line and its repairs.

    *ftfy_refused*: ftfy left the line as it is (so readings that are ftfy's domain,
    UTF-8 read as cp1252 without lost bytes, are not tried).
    """
    current = line
    # repairs are first kept relative to the current text, then mapped to the input
    history: list[list[Edit]] = []
    for _ in range(PASSES):
        edits = line_edits(current, ftfy_refused)
        if not edits:
            break
        history.append(edits)
        pieces, last = [], 0
        for edit in edits:
            pieces.append(current[last : edit.start])
            pieces.append(edit.after)
            last = edit.end
        pieces.append(current[last:])
        current = "".join(pieces)
    if not history:
        return line, []
    return current, _map_repairs(line, current, history)


def line_edits(line: str, ftfy_refused: bool) -> list[Edit]:
    """Edits for one pass over *line*: one explanation for all runs if one fits,
    then run by run for what is left."""
    from newsclean.text.plausibility import cost

    scripts = _scripts_outside(line)
    runs = [
        Run(a, run_options(line, a, b, cost, scripts, ftfy_refused)) for a, b in run_spans(line)
    ]
    if not runs:
        return []
    edits = _line_path(runs)
    # 2. run by run, for runs the line-wide path did not cover
    for idx, run in enumerate(runs):
        if idx in edits:
            continue
        best = None
        for span, (base, cands, _) in run.options.items():
            for cand in cands.values():
                c = cand.cost
                if c < base - MARGIN - MARGIN_SHARE * base and (best is None or c - base < best[0]):
                    best = (c - base, span, cand)
        if best is not None:
            edits[idx] = Edit(best[1].start, best[1].end, best[2].text, best[2].undone)
    return [edits[i] for i in sorted(edits)]


def _line_path(runs: list[Run]) -> dict[int, Edit]:
    """1. One route for the whole line: the edits (by run) of the route that gains most
    over all runs together, its prior paid once, if it gains enough."""
    by_route: dict[Route, list[tuple[int, Span, float, Candidate]]] = {}
    for idx, run in enumerate(runs):
        for span, (base, cands, _) in run.options.items():
            for route, cand in cands.items():
                by_route.setdefault(route, []).append((idx, span, base, cand))
    best_gain, best_plan = 0.0, None
    total_base = sum(max(o.base for o in run.options.values() if not o.inner) for run in runs)
    for items in by_route.values():
        per_run: dict[int, _Gain] = {}
        for idx, span, base, cand in items:
            gain = base - (cand.cost - cand.prior)  # prior is paid once per line, below
            if gain > 0 and (idx not in per_run or gain > per_run[idx].gain):
                per_run[idx] = _Gain(gain, span, cand)
        if not per_run:
            continue
        prior = min(cand.prior for *_, cand in items)
        gain = sum(g.gain for g in per_run.values()) - prior
        if gain > best_gain:
            best_gain, best_plan = gain, per_run
    edits: dict[int, Edit] = {}
    if best_plan is not None and best_gain > MARGIN + MARGIN_SHARE * total_base:
        for idx, g in best_plan.items():
            edits[idx] = Edit(g.span.start, g.span.end, g.candidate.text, g.candidate.undone)
    return edits


def _scripts_outside(line: str) -> set[str]:
    from newsclean.text.plausibility import script

    outside = RUN.sub(" ", line)
    return {script(ch) for ch in outside if ch.isalpha()} - {""}


def _main_script(text: str) -> str:
    from newsclean.text.plausibility import script

    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            sc = script(ch)
            counts[sc] = counts.get(sc, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else ""


def run_spans(line: str) -> Iterator[tuple[int, int]]:
    """Start and end of each suspicious run of *line*, long runs cut into windows."""
    for m in RUN.finditer(line):
        start, end = m.span()
        while end - start > RUN_WINDOW:
            lo, hi = start + RUN_WINDOW // 2, start + RUN_WINDOW
            cut = line.rfind(" ", lo, hi)
            if cut > start:
                yield start, cut
                start = cut + 1  # the space between two windows stays as it is
                continue
            leads = lead_chars()  # characters a reader makes of a UTF-8 lead byte
            cut = next((i for i in range(hi, lo, -1) if line[i] in leads), hi)
            yield start, cut
            start = cut
        yield start, end


def run_options(
    text: str,
    start: int,
    end: int,
    cost: Callable[[str, str, str], float],
    scripts: set[str],
    ftfy_refused: bool,
) -> dict[Span, RunOptions]:
    """The options of the run ``text[start:end]``, of it without its last one or two
    ASCII characters if it is short, and of it inside the quotation marks that open or
    close it (an embedded name in quotes: ``“ÕÔ½ð·ï”``), by span."""
    ends = [end]
    # the ASCII bytes at the end of a run may be its own or the text's after it (a long
    # run is not read again without them: one reading explains it or none does)
    while end - start <= _SHORT_RUN and ends[-1] - 1 > start and text[ends[-1] - 1].isascii():
        ends.append(ends[-1] - 1)
        if len(ends) > 2:
            break
    options = {}
    # an ideograph alone in a Latin word may be UTF-8 read with a CJK codec only where
    # the line holds no CJK text (two such characters side by side)
    lone = _CJK_TEXT.search(text) is None
    for e in ends:
        left, right = text[start - 1 : start], text[e : e + 1]
        options[Span(start, e)] = _options(
            text[start:e], left, right, cost, scripts, ftfy_refused, lone
        )
    if end - start - 2 >= _INNER_MIN and (text[start], text[end - 1]) in _QUOTE_PAIRS:
        a, b = start + 1, end - 1
        inner = _options(text[a:b], text[start], text[b], cost, scripts, ftfy_refused)
        options[Span(a, b)] = inner._replace(inner=True)
    return options


def _options(
    run: str,
    left: str,
    right: str,
    cost: Callable[[str, str, str], float],
    scripts: set[str],
    ftfy_refused: bool,
    lone: bool = False,
) -> RunOptions:
    """*run* (between *left* and *right*) as it is, and its candidates by route; with
    *lone* (no CJK text in the line), one ideograph in a Latin word is read too
    (:func:`_cjk_in_latin_word`)."""
    from newsclean.text.readings import readings

    base = cost(run, left, right)
    run_has_letters = any(ch.isalpha() for ch in run)
    cands: dict[Route, Candidate] = {}
    # UTF-8 punctuation ("â€™", "â€œ") marks the run as UTF-8 mojibake; if ftfy would
    # not undo it, a legacy reading of the same bytes is no better an explanation
    utf8_marks = ftfy_refused and _UTF8_PUNCT.search(run) is not None
    for cand, undone, prior, route in readings(run):
        if utf8_marks and route.reader == LATIN:
            continue
        if (
            ftfy_refused
            and route == Route(LATIN, "utf-8")
            and not any(step.restored for step in undone)
            and not _SIGN_TRAIL.search(left[-1:] + run)
        ):
            continue  # ftfy knows UTF-8 mojibake best; it said no (but see _SIGN_TRAIL)
        if (
            ftfy_refused
            and route in _LATIN_UTF8_ROUTES
            and not _lead_in_word(route.reader).search(left[-1:] + run)
        ):
            continue  # the same, for code pages whose text looks like Latin-1 (but see
            # _lead_in_word)
        if (len(set(run)) < 2 and not (lone and _cjk_in_latin_word(run, left, right, cand))) or (
            _UNWANTED.search(cand) and not _UNWANTED.search(run)
        ):
            continue  # one character (however often) is no evidence, unless it is an
            # ideograph inside a Latin word; never bring in controls or private use
        if _INVISIBLE.sub("", cand) == _INVISIBLE.sub("", run):
            continue  # a control read as another invisible character repairs nothing
        c = cost(cand, left, right) + prior
        sc = _main_script(cand)
        if sc and ((scripts and sc not in scripts) or not run_has_letters):
            c += SCRIPT_INTRO
        if route not in cands or c < cands[route].cost:
            cands[route] = Candidate(c, cand, undone, prior)
    return RunOptions(base, cands)


def _cjk_in_latin_word(run: str, left: str, right: str, cand: str) -> bool:
    """Is *run* one ideograph, hangul or kana (however often) glued to a Latin letter on
    either side, and *cand* letters of Latin-1 or Latin Extended-A (``Gro脽``: UTF-8
    ``ß`` read as GBK)? No word is written so."""
    from newsclean.text.plausibility import script

    return (
        script(run[0]) in ("HAN", "HANGUL", "KANA")
        and any(ch.isalpha() and script(ch) == "LATIN" for ch in left[-1:] + right[:1])
        and cand.isalpha()
        and all("\u00c0" <= ch <= "\u017f" for ch in cand)
    )


def _map_repairs(line: str, final: str, history: list[list[Edit]]) -> list[Repair]:
    if len(history) == 1:
        return [Repair(s, e, line[s:e], after, undone) for s, e, after, undone in history[0]]
    # several passes: report the changed region of the line as one repair
    groups: list[tuple[Step, ...]] = []
    for edits in history:
        for edit in edits:
            if edit.undone not in groups:
                groups.append(edit.undone)
    return [whole_change(line, final, chain(*groups))]
