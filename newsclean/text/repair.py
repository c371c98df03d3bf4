"""Undo mojibake: text that was decoded with the wrong encoding somewhere upstream.

Repairs are local (only a broken run of characters changes, the rest of the line is
left alone), recorded (every change says what was undone, as steps:
:mod:`newsclean.text.record`) and conservative: a new reading replaces the old one only
when the character model in :mod:`newsclean.text.plausibility` finds it clearly more
plausible.

How a line is repaired:

1. pure ASCII, and text with none of the marks mojibake leaves, is returned as is
   (the fast path; see :mod:`newsclean.text.suspect`);
2. a line in another Latin code page (cp1250 read as cp1252) is relabelled as a whole
   (:mod:`newsclean.text.relabel`);
3. ftfy goes first on the rest (:mod:`newsclean.text.ftfy_gate`); UTF-8 that lost C1
   bytes has its gaps restored (:func:`newsclean.text.gaps.decode_gaps`);
4. each *suspicious run* is turned back into the bytes it came from and decoded with
   candidate codecs (:func:`newsclean.text.readings.readings`), and the most plausible
   candidate wins if it beats the run as it is by a clear margin
   (:mod:`newsclean.text.search`);
5. the line is passed again, for text that was broken twice.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import accumulate, compress
from operator import not_

from newsclean.notice import Notice
from newsclean.text.record import (
    C1_REMOVED,
    SHY_REMOVED,
    Repair,
    Repaired,
    Restored,
    Step,
    chain,
    ftfy_step,
    whole_change,
)
from newsclean.text.suspect import latin_suspect, looks_recodable, looks_suspicious, plain

__all__ = ["Repair", "Repaired", "looks_suspicious", "repair", "repair_text"]

#: Rounds of whole-line repair until a fixed point is reached.
ROUNDS = 4
#: Where ftfy's result still looks odd to ftfy, our own reading replaces it only when
#: this much more plausible.
FTFY_MARGIN = 2.0
FTFY_SHARE = 0.1
#: Where ftfy only patched pieces (no whole-line decode) and still finds the result odd,
#: our reading of the original line wins unless it is this much less plausible than
#: ftfy's patch repaired further: the patch may have consumed bytes of another code page.
FTFY_PARTIAL_SLACK = 3.0
#: Characters of suspicious lines that get the full candidate search in one call; lines
#: past it get ftfy alone, for this many more characters; lines past both are left as
#: they are (with a warning). This keeps any input's repair time bounded and linear.
SEARCH_BUDGET = 10_000
FTFY_BUDGET = 300_000
#: Lines longer than this are repaired piece by piece, cut at a space where one is near.
LINE_PIECE = 2_000
#: Distinct lines remembered per call.
_SEEN_MAX = 20_000
#: Lines end at LF only: U+0085 and friends are often mojibake themselves.
_LINES = re.compile(r"[^\n]*\n|[^\n]+")
#: A line read as UTF-8 with lost bytes restored must beat the line as it is by this
#: much plus a share of the line's cost, after a prior per restored byte.
GAP_MARGIN = 2.0
GAP_SHARE = 0.2
#: A line read as cp1252 needs at least this many complete sequences per lost soft hyphen.
GAP_SHY_RATIO = 1
#: A Latin-script line read with its lost bytes restored is also taken when it is no
#: less plausible character by character and the per-language word model prefers it by
#: this much (``contactâ`` for ``contact”``: the lone ``â`` is a cheap letter, but not
#: at the end of a word).
GAP_WORD_MARGIN = 16.0


def repair(text: str) -> Repaired:
    """Repair mojibake in *text*; correct text comes back unchanged.

    >>> repair("CafÃ© au lait").text
    'Café au lait'
    >>> repair("Café au lait").repairs
    ()
    >>> r = repair("Media: Â鶹´«Ã½Ó³»")
    >>> r.text, r.repairs[0].description
    ('Media: 麻豆传媒映画', 'GBK read as Latin-1 by a UTF-8-first decoder; lost 0xAD restored')
    """
    if text.isascii():
        return Repaired(text)
    # judged line by line: a document of several scripts can make every code page fail
    # on the whole text, and so hide a broken line
    repairs: list[Repair] = []
    pieces = _pieces(text)
    # Only the pieces that are not ASCII are looked at (in order: the budgets are spent
    # along the text); a piece starts where the lengths of those before it add up to.
    starts = list(accumulate(map(len, pieces), initial=0))
    search_left, ftfy_left = SEARCH_BUDGET, FTFY_BUDGET
    skipped = 0
    # lines repeat on a page (menus, bylines): each distinct one is repaired once
    seen: dict[str, tuple[str, tuple[Repair, ...]]] = {}
    for index in compress(range(len(pieces)), map(not_, map(str.isascii, pieces))):
        line = pieces[index]
        known = seen.get(line)
        if known is None and search_left <= 0 and ftfy_left <= 0:
            skipped += 1  # both budgets spent: the rest is not even examined
            known = (line, ())
        elif known is None:
            if plain(line) or not (latin_suspect(line) or looks_recodable(line)):
                known = (line, ())
            elif search_left > 0:
                search_left -= len(line)
                line_fixed, line_repairs = _repair_one(line)
                known = (line_fixed, tuple(line_repairs))
            else:
                # over the search budget: ftfy alone (it is fast and never guesses bytes)
                ftfy_left -= len(line)
                known = _ftfy_only(line)
            if len(seen) < _SEEN_MAX:
                seen[line] = known
        fixed, found = known
        pieces[index] = fixed
        repairs.extend(_shifted(r, starts[index]) for r in found)
    warnings: tuple[Notice, ...] = ()
    if skipped:
        note = f"repair budget spent: the last {skipped} line(s) with non-ASCII text were left as they are"
        warnings = (Notice("repair-budget", note),)
    if not repairs:
        return Repaired(text, (), warnings)
    return Repaired("".join(pieces), tuple(repairs), _warnings(text, repairs) + warnings)


def repair_text(text: str) -> str:
    """``repair(text).text``, for scripts and scorers that want a plain function."""
    return repair(text).text


def _pieces(text: str) -> list[str]:
    """The lines of *text* (ending at LF), long ones cut into pieces of at most
    :data:`LINE_PIECE` characters."""
    lines = _LINES.findall(text)
    if max(map(len, lines), default=0) <= LINE_PIECE:
        return lines
    pieces = []
    for line in lines:
        if len(line) <= LINE_PIECE:
            pieces.append(line)
            continue
        start, n = 0, len(line)
        while n - start > LINE_PIECE:
            cut = line.rfind(" ", start + LINE_PIECE // 2, start + LINE_PIECE)
            cut = cut + 1 if cut > start else start + LINE_PIECE
            pieces.append(line[start:cut])
            start = cut
        pieces.append(line[start:])
    return pieces


def _shifted(r: Repair, offset: int) -> Repair:
    """*r* (offsets in its line) with offsets in the text, its line starting at *offset*."""
    if not offset:
        return r
    return Repair(r.start + offset, r.end + offset, r.before, r.after, r.undone)


def _ftfy_only(line: str) -> tuple[str, tuple[Repair, ...]]:
    from newsclean.text.ftfy_gate import fix_encoding_and_explain

    explained = fix_encoding_and_explain(line)
    if explained.text == line:
        return line, ()
    return explained.text, (
        whole_change(line, explained.text, (ftfy_step(explained.explanation),)),
    )


def _repair_one(line: str) -> tuple[str, list[Repair]]:
    """Repair one suspicious line (offsets relative to the line)."""
    from newsclean.text.relabel import relabel_line, word_changes

    fixed, found = line, []
    # a whole line in another Latin code page is one explanation for all its words
    relabeled = relabel_line(line) if latin_suspect(line) else None
    if relabeled is not None:
        fixed, step = relabeled
        found = word_changes(line, fixed, (step,))
    if looks_recodable(fixed):
        start = fixed
        fixed, more = _repair_line(start)
        # repeat until nothing changes, so that repair(repair(x)) == repair(x)
        for _ in range(ROUNDS):
            if fixed == start or not looks_recodable(fixed):
                break
            again, extra = _repair_line(fixed)
            if again == fixed:
                break
            undone = chain(*[r.undone for r in more], *[r.undone for r in extra])
            more = [whole_change(start, again, undone)]
            fixed = again
        if fixed != start:
            if start == line:
                found = more
            else:
                undone = chain(*[r.undone for r in found], *[r.undone for r in more])
                found = [whole_change(line, fixed, undone)]
        # a Latin layer under what was just undone (cp1250 read as Latin-1, then as UTF-8)
        if fixed != start and latin_suspect(fixed):
            again_relabeled = relabel_line(fixed)
            if again_relabeled is not None:
                undone = chain(*[r.undone for r in found], (again_relabeled[1],))
                fixed, found = again_relabeled[0], [whole_change(line, again_relabeled[0], undone)]
    return fixed, found


def _repair_line(line: str) -> tuple[str, list[Repair]]:
    """Repair one line; returns the new line and its repairs (offsets in *line*).

    ftfy goes first: it knows UTF-8 mojibake best, and a change it makes is kept. Our own
    search then looks at what ftfy left (a legacy layer under a UTF-8 one); when ftfy
    changes nothing, our search works on the line itself, more cautiously where ftfy's
    badness check finds the line fine.
    """
    from newsclean.text.ftfy_gate import fix_encoding_and_explain
    from newsclean.text.search import search_line

    gapped = _gap_line(line)
    explained = fix_encoding_and_explain(line)  # imports ftfy only if it may change the line
    if gapped is not None:
        from newsclean.text.plausibility import cost

        # ftfy restores lost bytes too (a soft hyphen, a no-break space); where its
        # reading is as plausible it is the one kept, and in a cp1252 line (where only
        # soft hyphens can be lost) also where it read a space as a no-break space
        cp1252 = any(ord(ch) > 0xFF for ch in line)
        if explained.text == line or (
            (
                cost(gapped[0]) + GAP_MARGIN < cost(explained.text)
                or _words_prefer(gapped[0], explained.text, cost(explained.text))
            )
            and not (cp1252 and gapped[0].count(" ") > explained.text.count(" "))
        ):
            return gapped
    if explained.text == line:
        return search_line(line, ftfy_refused=True)
    if all(b == "fix_c1_controls" for _, b in explained.explanation or ()):
        # ftfy only read C1 controls as cp1252; they may be bytes of another code page
        own, own_repairs = search_line(line, ftfy_refused=True)
        if own != line:
            return own, own_repairs
    from ftfy.badness import is_bad

    from newsclean.text.plausibility import cost

    fixed, more = explained.text, list[Repair]()
    if looks_recodable(fixed) and fixed.count("\ufffd") <= line.count("\ufffd"):
        fixed, more = search_line(fixed, ftfy_refused=False)
    if is_bad(explained.text):
        # ftfy's own check still finds its result odd: our reading of the line may win
        own, own_repairs = search_line(line, ftfy_refused=False)
        whole = any(a == "decode" for a, _ in explained.explanation or ())
        if own != line and (
            cost(own) < cost(fixed) * (1 - FTFY_SHARE) - FTFY_MARGIN
            or (not whole and cost(own) < cost(fixed) + FTFY_PARTIAL_SLACK)
        ):
            return own, own_repairs
    undone = (ftfy_step(explained.explanation), *chain(*[r.undone for r in more]))
    return fixed, [whole_change(line, fixed, undone)]


def _gap_line(line: str) -> tuple[str, list[Repair]] | None:
    """UTF-8 read as Latin-1, then its C1 controls removed: the whole line, every gap
    restored together (ftfy can only undo complete sequences)."""
    from newsclean.text.gaps import GAP_FILL, decode_gaps
    from newsclean.text.rebuild import latin_bytes

    if any(ord(ch) > 0xFF for ch in line):
        # read as cp1252: its C1 bytes are signs, not controls, and stay; only soft
        # hyphens (dropped as invisible) can be lost
        data, mixed = latin_bytes(line)
        if mixed:
            return None
        fill: tuple[int, ...] = (0xAD,)
    else:
        data, fill = line.encode("latin-1"), GAP_FILL
    try:
        data.decode("utf-8")
        return None  # nothing lost: ftfy's case
    except UnicodeDecodeError:
        pass
    from newsclean.text.plausibility import cost
    from newsclean.text.priors import PRIOR_FIX
    from newsclean.text.suspect import UTF8_SEQ

    got = decode_gaps(data, fill)
    if got is None:
        return None
    text, restored = got
    if fill != GAP_FILL and restored * GAP_SHY_RATIO > len(UTF8_SEQ.findall(data)):
        return None  # a soft hyphen is one continuation byte in 64: most sequences stay whole
    base = cost(line)
    own = cost(text) + PRIOR_FIX["C1 byte (gap)"] * restored
    if (
        own >= base - GAP_MARGIN - GAP_SHARE * base
        and not _words_prefer(text, line, base - own)
        and not _joins_lone_leads(line, text, restored)
    ):
        return None
    if fill == GAP_FILL:
        step = Step("UTF-8", "Latin-1", C1_REMOVED, (Restored("C1 byte", restored),))
    else:
        step = Step("UTF-8", "cp1252", SHY_REMOVED, (Restored("0xAD", restored),))
    return text, [whole_change(line, text, (step,))]


#: A UTF-8 lead byte read as Latin-1 standing alone before a word, its no-break space
#: turned into a space (``Å ablono``: ``Šablono``).
_LONE_LEAD = re.compile(r"(?<![^\W\d_])[\u00c3-\u00df] (?=[^\W\d_])")
#: The word model must prefer the lone leads joined to their words by this much.
LONE_LEAD_MARGIN = 4.0


def _joins_lone_leads(line: str, new: str, restored: int) -> bool:
    """Are the bytes restored in *new* just the no-break spaces of the lone lead bytes of
    *line* (each joined to the word after it), and does the per-language word model
    prefer *new* by :data:`LONE_LEAD_MARGIN`? A capital letter alone before a small
    word is rare, and ``Å`` before a word the model reads better as ``Š`` is evidence
    (``Å være``, Norwegian, stays)."""
    from newsclean.text.plausibility import language_cost

    joins = len(_LONE_LEAD.findall(line))
    if not joins or restored != joins or line.count(" ") - new.count(" ") != joins:
        return False
    return language_cost(new)[0] + LONE_LEAD_MARGIN <= language_cost(line)[0]


def _words_prefer(new: str, old: str, slack: float) -> bool:
    """Does the per-language word model prefer *new* to *old* by :data:`GAP_WORD_MARGIN`,
    and by as much again as *new* is less plausible character by character (*slack*,
    the character model's cost of *old* less that of *new*, when negative: a lone ``â``
    is a cheap letter, the ``’`` it lost its bytes from a dearer sign), *new* being cut
    into no more words (a restored sign that splits a word, ``Gro߀enhain``, is no
    evidence; an apostrophe, ``it’s``, splits none)?"""
    from newsclean.text.plausibility import WORD, language_cost

    if len(WORD.findall(new.lower().replace("\u2019", ""))) > len(WORD.findall(old.lower())):
        return False
    if slack < 0 and not (
        _gone_letters_foreign(new.lower(), old.lower()) and _apostrophes_usual(new)
    ):
        return False
    return language_cost(new)[0] + GAP_WORD_MARGIN + max(0.0, -slack) <= language_cost(old)[0]


#: An apostrophe between two letters: an elision (before a vowel or h: ``d’effacement``,
#: ``l’uomo``) or an English clitic ending the word (``it’s``, ``don’t``, ``they’ll``).
_APOSTROPHE_IN_WORD = re.compile(r"(?<=[^\W\d_])\u2019(?=[^\W\d_])")
_APOSTROPHE_USUAL = re.compile(
    r"\u2019(?:[aeiouyhàâäéèêëîïôöùûüœæ]|(?:s|t|d|m|ll|re|ve)(?![^\W\d_]))", re.IGNORECASE
)


def _apostrophes_usual(text: str) -> bool:
    """Does every apostrophe between two letters of *text* stand where apostrophes do
    (not ``c’ble`` or ``Si’n``, where a word kept its ``â``)?"""
    return all(_APOSTROPHE_USUAL.match(text, m.start()) for m in _APOSTROPHE_IN_WORD.finditer(text))


def _gone_letters_foreign(new: str, old: str) -> bool:
    """Is every Latin-1 letter that *new* has fewer of than *old* foreign, in each word of
    *old* that holds it, to the language that best explains that word (``â`` in
    ``itâs``, not in Romanian ``mâine``)?"""
    from newsclean.text.plausibility import WORD, foreign_letter

    gone = {ch for ch in set(old) if "\u00c0" <= ch <= "\u00ff" and new.count(ch) < old.count(ch)}
    return all(foreign_letter(word, ch) for word in WORD.findall(old) for ch in gone if ch in word)


def _warnings(text: str, repairs: list[Repair]) -> tuple[Notice, ...]:
    from newsclean.text.plausibility import script

    def main_script(s: str) -> str:
        # Each distinct character once, weighted by its count: the scripts come in the
        # order of their first character in *s*, as a walk over its characters meets them.
        counts: dict[str, int] = {}
        for ch, number in Counter(s).items():
            sc = script(ch)
            if sc:
                counts[sc] = counts.get(sc, 0) + number
        return max(counts, key=counts.__getitem__) if counts else ""

    rest, last = [], 0
    for r in repairs:
        rest.append(text[last : r.start])
        last = r.end
    rest.append(text[last:])
    around = main_script("".join(rest))
    out = []
    for r in repairs:
        sc = main_script(r.after)
        if around and sc and sc != around:
            out.append(
                Notice(
                    "foreign-script-repair",
                    f"repaired span in {sc.title()} script inside {around.title()} text at "
                    f"{r.start}: often text injected into the page",
                )
            )
    return tuple(out)
