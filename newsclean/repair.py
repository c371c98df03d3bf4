"""Undo mojibake: text that was decoded with the wrong encoding somewhere upstream.

Repairs are local (only a broken run of characters changes, the rest of the line is
left alone), recorded (every change says what was undone) and conservative: a new
reading replaces the old one only when the character model in
:mod:`newsclean.plausibility` finds it clearly more plausible.

How a line is repaired:

1. pure ASCII, and text with none of the marks mojibake leaves, is returned as is
   (the fast path; see :func:`looks_suspicious`);
2. each *suspicious run* (non-ASCII characters, with the ASCII bytes that can be the
   second half of a double-byte character, and single spaces between them) is turned
   back into the bytes it came from and decoded with candidate codecs
   (:func:`newsclean.recode.readings`), restoring bytes commonly lost on the way;
3. the most plausible candidate wins if it beats the run as it is by a clear margin;
4. the line is passed again, for text that was broken twice.
"""

from __future__ import annotations

import functools
import re
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
    #: Things a reader should know, e.g. a repaired span in another script than the text.
    warnings: tuple[str, ...] = field(default_factory=tuple)


#: A candidate must be cheaper than the run by this much plus a share of the run's cost.
MARGIN = 2.0
MARGIN_SHARE = 0.2
#: Passes over a line (text broken twice needs two).
PASSES = 3
#: Rounds of whole-line repair until a fixed point is reached.
ROUNDS = 4
#: Our own reading overrides ftfy's only when this much more plausible.
FTFY_MARGIN = 2.0
FTFY_SHARE = 0.1


def repair(text: str) -> Repaired:
    """Repair mojibake in *text*; correct text comes back unchanged.

    >>> repair("CafÃ© au lait").text
    'Café au lait'
    >>> repair("Café au lait").repairs
    ()
    >>> r = repair("Media: Â鶹´«Ã½Ó³»")
    >>> r.text, r.repairs[0].undone
    ('Media: 麻豆传媒映画', 'GBK read as Latin-1 by a UTF-8-first decoder; lost 0xAD restored')
    """
    if text.isascii() or not looks_suspicious(text):
        return Repaired(text)
    repairs: list[Repair] = []
    out: list[str] = []
    offset = 0
    for line in _LINES.findall(text):
        if line.isascii() or not looks_suspicious(line):
            out.append(line)
        else:
            fixed, found = _repair_line(line, offset)
            # repeat until nothing changes, so that repair(repair(x)) == repair(x)
            for _ in range(ROUNDS):
                if fixed == line or not looks_suspicious(fixed):
                    break
                again, more = _repair_line(fixed, 0)
                if again == fixed:
                    break
                undone = ", then ".join(dict.fromkeys([r.undone for r in found] + [r.undone for r in more]))
                fixed, found = again, [_whole_change(line, again, offset, undone)]
            out.append(fixed)
            repairs.extend(found)
        offset += len(line)
    result = "".join(out)
    if not repairs:
        return Repaired(text)
    return Repaired(result, tuple(repairs), _warnings(text, repairs))


def repair_text(text: str) -> str:
    """``repair(text).text``, for scripts and scorers that want a plain function."""
    return repair(text).text


# ---------------------------------------------------------------- fast path

@functools.lru_cache(maxsize=1)
def _suspect_re() -> re.Pattern[str]:
    cp1252 = "".join(bytes([b]).decode("cp1252") for b in range(0x80, 0xA0)
                     if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D))
    parts = [
        "[\u0080-\u009f\ufffd\ue000-\uf8ff]",       # C1 controls, replacement, private use
        f"[\u00c2-\u00f4][\u0080-\u00bf{re.escape(cp1252)}]",  # UTF-8 lead + continuation
        "[\u00a1-\u00ff]{3}",                        # three high Latin-1 characters in a row
        "[\u00c0-\u00ff][\u0100-\u1fff\u2190-\uffff]",  # Latin-1 letter glued to a far one
        "[\u2500-\u257f]",                           # box drawing (cp437/cp866/koi8 readings)
    ]
    for reader in ("cp1251", "cp1250", "cp1253", "cp1255", "cp1256", "cp874", "koi8-r",
                   "mac-roman", "iso8859-2", "cp1257"):
        # UTF-8 read as a single-byte code page: a lead character then continuation
        # characters. In the reader's own script both can be ordinary letters, so a
        # single pair counts only when the continuation is not a letter; otherwise a
        # whole two-byte character twice in a row, or a three-byte character, is needed.
        lead2 = re.escape("".join(_decode1(b, reader) for b in range(0xC2, 0xE0)).replace("\u00a0", ""))
        lead3 = re.escape("".join(_decode1(b, reader) for b in range(0xE0, 0xF0)))
        conts = [_decode1(b, reader) for b in range(0x80, 0xC0)]
        cont = re.escape("".join(conts))
        odd = re.escape("".join(c for c in conts if c and not c.isalpha() and c not in _COMMON_AFTER_LETTER))
        if reader == "cp874":  # Thai in UTF-8 is E0 B8/B9 xx: "เธ", "เน" every character
            parts.append("(?:\u0e40[\u0e18\u0e19][^\\s]){2}")
            continue
        parts.append(f"[{lead2}{lead3}][{odd}]")
        # a lead character inside an ASCII word, or a lead that is not a letter at all
        parts.append(f"[a-z][{lead2}][{cont}]")
        symbols = "".join(_decode1(b, reader) for b in range(0xC2, 0xF0))
        symbols = re.escape("".join(c for c in symbols if c and not c.isalpha() and c != "\u00a0"))
        if symbols:
            parts.append(f"[{symbols}][{cont}]")
        parts.append(f"[{lead2}][{cont}][{lead2}][{cont}]")
        parts.append(f"[{lead3}][{cont}][{cont}]")
    return re.compile("|".join(parts))


#: Characters that often follow a letter in clean text.
_COMMON_AFTER_LETTER = "\u2026\u2019\u201d\u00bb\u00a0\u00b7\u2014\u2013\u00ad\u200c\u200d\u200e\u200f"


def _decode1(b: int, codec: str) -> str:
    try:
        return bytes([b]).decode(codec)
    except UnicodeDecodeError:
        return ""


_CJK_READERS = ("gbk", "big5", "shift_jis", "euc-kr")


def looks_suspicious(text: str) -> bool:
    """Cheap test: could *text* hold mojibake at all?

    >>> looks_suspicious("Crème brûlée, déjà vu"), looks_suspicious("CafÃ© au lait")
    (False, True)
    >>> looks_suspicious("中文已經根據"), looks_suspicious("浣犲ソ涓栫晫")
    (False, True)
    """
    if _suspect_re().search(text):
        return True
    if max(text) >= "\u3000":
        for reader in _CJK_READERS:
            try:
                text.encode(reader).decode("utf-8")
            except UnicodeError:
                continue
            return True
    return False


# ---------------------------------------------------------------- per line

#: Lines end at LF only: U+0085 and friends are often mojibake themselves.
_LINES = re.compile(r"[^\n]*\n|[^\n]+")
_HIGH = "\u0080-\U0010ffff"
_RUN = re.compile(f"[{_HIGH}](?:[{_HIGH}]|(?<=[{_HIGH}])[\\x40-\\x7e]| (?=[{_HIGH}]))*")


def _repair_line(line: str, offset: int) -> tuple[str, list[Repair]]:
    """Repair one line; returns the new line and its repairs (offsets in *line* + offset)."""
    import ftfy

    from newsclean.plausibility import cost

    explained = ftfy.fix_encoding_and_explain(line)
    own, own_repairs = _search_line(line, offset, ftfy_refused=explained.text == line)
    if explained.text == line:
        return own, own_repairs
    steps = ", ".join(f"{a} {b}" for a, b in explained.explanation or () if a in ("encode", "decode"))
    via_ftfy, more = _search_line(explained.text, 0, ftfy_refused=False)
    whole = any(a == "decode" for a, _ in explained.explanation or ())
    if own != line and (cost(own) < cost(via_ftfy) * (1 - FTFY_SHARE) - FTFY_MARGIN
                        or not whole and cost(own) < cost(via_ftfy)):
        return own, own_repairs
    undone = "ftfy: " + (steps or "encoding fix")
    if more:
        undone += ", then " + ", then ".join(dict.fromkeys(r.undone for r in more))
    return via_ftfy, [_whole_change(line, via_ftfy, offset, undone)]


def _whole_change(line: str, final: str, offset: int, undone: str) -> Repair:
    p = 0
    while p < min(len(line), len(final)) and line[p] == final[p]:
        p += 1
    q = 0
    while q < min(len(line), len(final)) - p and line[-1 - q] == final[-1 - q]:
        q += 1
    return Repair(offset + p, offset + len(line) - q, line[p:len(line) - q],
                  final[p:len(final) - q], undone)


def _search_line(line: str, offset: int, ftfy_refused: bool) -> tuple[str, list[Repair]]:
    current = line
    # repairs are first kept relative to the current text, then mapped to the input
    history: list[list[tuple[int, int, str, str]]] = []
    for _ in range(PASSES):
        edits = _line_edits(current, ftfy_refused)
        if not edits:
            break
        history.append(edits)
        pieces, last = [], 0
        for start, end, after, _how in edits:
            pieces.append(current[last:start])
            pieces.append(after)
            last = end
        pieces.append(current[last:])
        current = "".join(pieces)
    if not history:
        return line, []
    return current, _map_repairs(line, current, history, offset)


#: A reading that brings a script the rest of the line does not use pays this.
SCRIPT_INTRO = 4.0


def _scripts_outside(line: str) -> set[str]:
    from newsclean.plausibility import script

    outside = _RUN.sub(" ", line)
    return {script(ch) for ch in outside if ch.isalpha()} - {""}


def _main_script(text: str) -> str:
    from newsclean.plausibility import script

    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            sc = script(ch)
            counts[sc] = counts.get(sc, 0) + 1
    return max(counts, key=counts.get) if counts else ""


def _line_edits(line: str, ftfy_refused: bool) -> list[tuple[int, int, str, str]]:
    """Edits for one pass over *line*: one explanation for all runs if one fits,
    then run by run for what is left."""
    from newsclean.plausibility import cost

    scripts = _scripts_outside(line)
    runs = []  # (start, {end: (base, {key: (cost_with_prior, text, how, prior)})})
    for m in _RUN.finditer(line):
        runs.append((m.start(), _run_options(line, m.start(), m.end(), cost, scripts, ftfy_refused)))
    if not runs:
        return []
    # 1. one path for the whole line
    keys: dict[str, list] = {}
    for idx, (start, options) in enumerate(runs):
        for end, (base, cands) in options.items():
            for key, (c, text, how, prior) in cands.items():
                keys.setdefault(key, []).append((idx, end, base, c, text, how, prior))
    best_key, best_gain, best_plan = None, 0.0, None
    total_base = sum(max(o[0] for o in opts.values()) for _, opts in runs)
    for key, items in keys.items():
        per_run: dict[int, tuple] = {}
        for idx, end, base, c, text, how, prior in items:
            gain = base - (c - prior)  # prior is paid once per line, below
            if gain > 0 and (idx not in per_run or gain > per_run[idx][0]):
                per_run[idx] = (gain, end, text, how)
        if not per_run:
            continue
        prior = min(it[6] for it in items)
        gain = sum(g for g, *_ in per_run.values()) - prior
        if gain > best_gain:
            best_key, best_gain, best_plan = key, gain, per_run
    edits: dict[int, tuple[int, int, str, str]] = {}
    if best_plan is not None and best_gain > MARGIN + MARGIN_SHARE * total_base:
        for idx, (gain, end, text, how) in best_plan.items():
            edits[idx] = (runs[idx][0], end, text, how)
    # 2. run by run, for runs the line-wide path did not cover
    for idx, (start, options) in enumerate(runs):
        if idx in edits:
            continue
        best = None
        for end, (base, cands) in options.items():
            for key, (c, text, how, prior) in cands.items():
                if c < base - MARGIN - MARGIN_SHARE * base and (best is None or c - base < best[0]):
                    best = (c - base, end, text, how)
        if best is not None:
            edits[idx] = (start, best[1], best[2], best[3])
    return [edits[i] for i in sorted(edits)]


def _run_options(text: str, start: int, end: int, cost, scripts: set[str], ftfy_refused: bool):
    from newsclean.recode import readings

    ends = [end]
    while ends[-1] - 1 > start and text[ends[-1] - 1].isascii():
        ends.append(ends[-1] - 1)
        if len(ends) > 2:
            break
    options = {}
    for e in ends:
        run = text[start:e]
        left, right = text[start - 1:start], text[e:e + 1]
        base = cost(run, left, right)
        run_has_letters = any(ch.isalpha() for ch in run)
        cands: dict[str, tuple] = {}
        for cand, how, prior, key in readings(run):
            if ftfy_refused and key == "L>utf-8" and "restored" not in how:
                continue  # ftfy knows UTF-8 mojibake best; it said no
            c = cost(cand, left, right) + prior
            sc = _main_script(cand)
            if sc and ((scripts and sc not in scripts) or not run_has_letters):
                c += SCRIPT_INTRO
            if key not in cands or c < cands[key][0]:
                cands[key] = (c, cand, how, prior)
        options[e] = (base, cands)
    return options


def _map_repairs(line: str, final: str, history, offset: int) -> list[Repair]:
    if len(history) == 1 and offset >= 0:
        return [Repair(offset + s, offset + e, line[s:e], after, how)
                for s, e, after, how in history[0]]
    # several passes: report the changed region of the line as one repair
    p = 0
    while p < min(len(line), len(final)) and line[p] == final[p]:
        p += 1
    q = 0
    while q < min(len(line), len(final)) - p and line[-1 - q] == final[-1 - q]:
        q += 1
    hows = []
    for edits in history:
        for *_, how in edits:
            if how not in hows:
                hows.append(how)
    return [Repair(offset + p, offset + len(line) - q, line[p:len(line) - q],
                   final[p:len(final) - q], ", then ".join(hows))]


def _warnings(text: str, repairs: list[Repair]) -> tuple[str, ...]:
    from newsclean.plausibility import script

    def main_script(s: str) -> str:
        counts: dict[str, int] = {}
        for ch in s:
            sc = script(ch)
            if sc:
                counts[sc] = counts.get(sc, 0) + 1
        return max(counts, key=counts.get) if counts else ""

    rest, last = [], 0
    for r in repairs:
        rest.append(text[last:r.start])
        last = r.end
    rest.append(text[last:])
    around = main_script("".join(rest))
    out = []
    for r in repairs:
        sc = main_script(r.after)
        if around and sc and sc != around:
            out.append(f"repaired span in {sc.title()} script inside {around.title()} text at "
                       f"{r.start}: often text injected into the page")
    return tuple(out)
