"""Undo mojibake: text that was decoded with the wrong encoding somewhere upstream.

Repairs are local (only a broken run of characters changes, the rest of the line is
left alone), recorded (every change says what was undone) and conservative: a new
reading replaces the old one only when the character model in
:mod:`newsclean.text.plausibility` finds it clearly more plausible.

How a line is repaired:

1. pure ASCII, and text with none of the marks mojibake leaves, is returned as is
   (the fast path; see :func:`looks_suspicious`);
2. each *suspicious run* (non-ASCII characters, with the ASCII bytes that can be the
   second half of a double-byte character, and single spaces between them) is turned
   back into the bytes it came from and decoded with candidate codecs
   (:func:`newsclean.text.recode.readings`), restoring bytes commonly lost on the way;
3. the most plausible candidate wins if it beats the run as it is by a clear margin;
4. the line is passed again, for text that was broken twice.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from newsclean.notice import Notice


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
        return {
            "span": [self.start, self.end],
            "before": self.before,
            "after": self.after,
            "undone": self.undone,
        }


@dataclass(frozen=True)
class Repaired:
    """Repaired text and the list of repairs made to get it."""

    text: str
    repairs: tuple[Repair, ...] = field(default_factory=tuple)
    #: Things a reader should know, e.g. a repaired span in another script than the text.
    warnings: tuple[Notice, ...] = field(default_factory=tuple)


#: A candidate must be cheaper than the run by this much plus a share of the run's cost.
MARGIN = 2.0
MARGIN_SHARE = 0.2
#: Passes over a line (text broken twice needs two).
PASSES = 3
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
    if text.isascii():
        return Repaired(text)
    # judged line by line: a document of several scripts can make every code page fail
    # on the whole text, and so hide a broken line
    repairs: list[Repair] = []
    out: list[str] = []
    offset = 0
    search_left, ftfy_left = SEARCH_BUDGET, FTFY_BUDGET
    skipped = 0
    # lines repeat on a page (menus, bylines): each distinct one is repaired once
    seen: dict[str, tuple[str, tuple[Repair, ...]]] = {}
    for line in _pieces(text):
        if line.isascii():
            out.append(line)
            offset += len(line)
            continue
        known = seen.get(line)
        if known is None and search_left <= 0 and ftfy_left <= 0:
            skipped += 1  # both budgets spent: the rest is not even examined
            known = (line, ())
        elif known is None:
            if not (_latin_suspect(line) or _looks_recodable(line)):
                known = (line, ())
            elif search_left > 0:
                search_left -= len(line)
                fixed, found = _repair_one(line)
                known = (fixed, tuple(found))
            else:
                # over the search budget: ftfy alone (it is fast and never guesses bytes)
                ftfy_left -= len(line)
                known = _ftfy_only(line)
            if len(seen) < _SEEN_MAX:
                seen[line] = known
        fixed, found = known
        out.append(fixed)
        repairs.extend(_shifted(r, offset) for r in found)
        offset += len(line)
    warnings: tuple[Notice, ...] = ()
    if skipped:
        note = f"repair budget spent: the last {skipped} line(s) with non-ASCII text were left as they are"
        warnings = (Notice("repair-budget", note),)
    if not repairs:
        return Repaired(text, (), warnings)
    return Repaired("".join(out), tuple(repairs), _warnings(text, repairs) + warnings)


#: Characters of suspicious lines that get the full candidate search in one call; lines
#: past it get ftfy alone, for this many more characters; lines past both are left as
#: they are (with a warning). This keeps any input's repair time bounded and linear.
SEARCH_BUDGET = 10_000
FTFY_BUDGET = 300_000
#: Lines longer than this are repaired piece by piece, cut at a space where one is near.
LINE_PIECE = 2_000
#: Distinct lines remembered per call.
_SEEN_MAX = 20_000


def _pieces(text: str):
    """The lines of *text* (ending at LF), long ones cut into pieces of at most
    :data:`LINE_PIECE` characters."""
    for line in _LINES.findall(text):
        if len(line) <= LINE_PIECE:
            yield line
            continue
        start, n = 0, len(line)
        while n - start > LINE_PIECE:
            cut = line.rfind(" ", start + LINE_PIECE // 2, start + LINE_PIECE)
            cut = cut + 1 if cut > start else start + LINE_PIECE
            yield line[start:cut]
            start = cut
        yield line[start:]


def _shifted(r: Repair, offset: int) -> Repair:
    if not offset:
        return r
    return Repair(r.start + offset, r.end + offset, r.before, r.after, r.undone)


def _ftfy_only(line: str) -> tuple[str, tuple[Repair, ...]]:
    from newsclean.text.ftfy_gate import fix_encoding_and_explain

    explained = fix_encoding_and_explain(line)
    if explained.text == line:
        return line, ()
    steps = ", ".join(
        f"{a} {b}" for a, b in explained.explanation or () if a in ("encode", "decode")
    )
    return explained.text, (
        _whole_change(line, explained.text, 0, "ftfy: " + (steps or "encoding fix")),
    )


def _repair_one(line: str) -> tuple[str, list[Repair]]:
    """Repair one suspicious line (offsets relative to the line)."""
    fixed, found = line, []
    # a whole line in another Latin code page is one explanation for all its words
    relabeled = _relabel_line(line) if _latin_suspect(line) else None
    if relabeled is not None:
        fixed, how = relabeled
        found = _word_changes(line, fixed, 0, how)
    if _looks_recodable(fixed):
        start = fixed
        fixed, more = _repair_line(start, 0)
        # repeat until nothing changes, so that repair(repair(x)) == repair(x)
        for _ in range(ROUNDS):
            if fixed == start or not _looks_recodable(fixed):
                break
            again, extra = _repair_line(fixed, 0)
            if again == fixed:
                break
            more = [
                _whole_change(
                    start,
                    again,
                    0,
                    ", then ".join(
                        dict.fromkeys([r.undone for r in more] + [r.undone for r in extra])
                    ),
                )
            ]
            fixed = again
        if fixed != start:
            if start == line:
                found = more
            else:
                found = [
                    _whole_change(
                        line,
                        fixed,
                        0,
                        ", then ".join(
                            dict.fromkeys([r.undone for r in found] + [r.undone for r in more])
                        ),
                    )
                ]
        # a Latin layer under what was just undone (cp1250 read as Latin-1, then as UTF-8)
        if fixed != start and _latin_suspect(fixed):
            again = _relabel_line(fixed)
            if again is not None:
                undone = ", then ".join(dict.fromkeys([r.undone for r in found] + [again[1]]))
                fixed, found = again[0], [_whole_change(line, again[0], 0, undone)]
    return fixed, found


def repair_text(text: str) -> str:
    """``repair(text).text``, for scripts and scorers that want a plain function."""
    return repair(text).text


# ---------------------------------------------------------------- fast path


@functools.lru_cache(maxsize=1)
def _suspect_re() -> re.Pattern[str]:
    """Character patterns that mojibake leaves whatever the codecs (one cheap regex)."""
    from newsclean.text.recode import _cp1252_bytes

    high = "\u00a1-\u00ff" + re.escape("".join(_cp1252_bytes()))
    parts = [
        "[\u0080-\u009f\ufffd\ue000-\uf8ff\u2500-\u257f]",  # C1, replacement, private use, box drawing
        f"[{high}]{{4}}",  # four high Latin-1 / cp1252 characters in a row
        # a Latin-1 letter glued to a far character (a combining mark is no sign)
        # ([^…] below is U+0100-U+02FF, U+0370-U+1FFF and U+2190-U+FFFF: quicker to compile)
        "[\u00c0-\u00ff][^\x00-\xff\u0300-\u036f\u2000-\u218f\U00010000-\U0010ffff]",
        "[a-z][\u00c2\u00c3][ \u00a0]",  # "voilÃ le": UTF-8 lead, no-break space lost
    ]
    return re.compile("|".join(parts))


#: Single-byte code pages UTF-8 is often read with, and whether their own script is
#: Latin (then a few UTF-8 sequences in a line are enough; in another script its own
#: letters can form sequences by chance, so nearly all of its high bytes must).
_UTF8_READERS_FAST = (
    ("cp1252", True),
    ("latin-1", True),
    ("cp1250", True),
    ("cp1254", True),
    ("cp1257", True),
    ("iso8859-2", True),
    ("mac-roman", True),
    ("cp437", True),
    ("cp1251", False),
    ("koi8-r", False),
    ("koi8-u", False),
    ("cp866", False),
    ("cp1253", False),
    ("cp1255", False),
    ("cp1256", False),
    ("cp874", False),
)
_UTF8_SEQ = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


@functools.lru_cache(maxsize=1)
def _lead_cont() -> tuple[re.Pattern[str], dict[str, int], dict[str, int]]:
    """A UTF-8 lead byte then a continuation byte, as any of the readers decodes them,
    and for each character the readers (a bit mask) that decode a lead / continuation to it."""
    leads: dict[str, int] = {}
    conts: dict[str, int] = {}
    for i, (reader, _) in enumerate(_UTF8_READERS_FAST):
        for b in range(0xC2, 0xF5):
            ch = _decode1(b, reader)
            if ch:
                leads[ch] = leads.get(ch, 0) | 1 << i
        for b in range(0x80, 0xC0):
            ch = _decode1(b, reader)
            if ch:
                conts[ch] = conts.get(ch, 0) | 1 << i
    pattern = re.compile(
        f"[{re.escape(''.join(sorted(leads)))}][{re.escape(''.join(sorted(conts)))}]"
    )
    return pattern, leads, conts


#: C1 controls read as cp1252 (``\x9a`` -> ``š``): what a second misreading makes of them.
_C1_AS_CP1252 = {b: bytes([b]).decode("cp1252", "ignore") or chr(b) for b in range(0x80, 0xA0)}

#: A UTF-8 reading must beat the characters it replaces by this much.
_UTF8_INSIDE_MARGIN = 3.0


def _one_script_cased(text: str) -> bool:
    """Are all of *text*'s characters letters of one script, all upper or all lower case?"""
    from newsclean.text.plausibility import script

    return (
        text.isalpha()
        and (text.isupper() or text.islower())
        and len({script(ch) for ch in text}) == 1
    )


def _utf8_inside(text: str) -> bool:
    """Does *text*, encoded back with a code page it fits, hold UTF-8 sequences that read
    better than the characters they replace?"""
    pattern, leads, conts = _lead_cont()
    mask = 0
    for m in pattern.finditer(text):
        pair = m.group()
        mask |= leads[pair[0]] & conts[pair[1]]
    if not mask:
        return False
    from newsclean.text.plausibility import cost

    seen = set()
    for i, (reader, latin) in enumerate(_UTF8_READERS_FAST):
        if not mask >> i & 1:
            continue
        try:
            data = text.encode(reader)
        except UnicodeEncodeError:
            continue
        if data in seen:
            continue
        seen.add(data)
        seqs = _UTF8_SEQ.findall(data)
        if not seqs:
            continue
        covered = sum(map(len, seqs))
        # letters outside the sequences (punctuation such as curly quotes does not count)
        stray = sum(
            1 for ch in _UTF8_SEQ.sub(b"", data).decode(reader) if ch.isalpha() and not ch.isascii()
        )
        if stray > covered * (1.0 if latin else 0.15):
            continue
        joined = b"".join(seqs)
        if not latin and _one_script_cased(joined.decode(reader)):
            continue  # "ВІКІ": ordinary capitals of the reader's own script
        decoded = joined.decode("utf-8", "replace").translate(
            _C1_AS_CP1252
        )  # UTF-8 of Latin-1 text
        if cost(decoded) + _UTF8_INSIDE_MARGIN < cost(joined.decode(reader)):
            return True
    return False


def _decode1(b: int, codec: str) -> str:
    try:
        return bytes([b]).decode(codec)
    except UnicodeDecodeError:
        return ""


_CJK_READERS = ("gbk", "big5", "shift_jis", "euc-kr")


def looks_suspicious(text: str) -> bool:
    """Cheap test: could *text* hold mojibake at all?

    >>> looks_suspicious("Crème brûlée au café"), looks_suspicious("CafÃ© au lait")
    (False, True)
    >>> looks_suspicious("中文已經根據"), looks_suspicious("浣犲ソ涓栫晫")
    (False, True)
    >>> looks_suspicious("Nepostojeæi tip geometrije.")
    True
    """
    return _looks_recodable(text) or _latin_suspect(text)


@functools.lru_cache(maxsize=1)
def _from_u3000() -> re.Pattern[str]:
    """Any character from U+3000 up (a negated class: it compiles fast, and searches a line
    far faster than ``max(text)`` walks it)."""
    return re.compile(r"[^\x00-\u2fff]")


def _looks_recodable(text: str) -> bool:
    """Signs of a run decoded with a codec of another family (UTF-8, CJK, Cyrillic...)."""
    if _suspect_re().search(text) or _utf8_inside(text):
        return True
    if not text.isascii() and _from_u3000().search(text):
        for reader in _CJK_READERS:
            try:
                text.encode(reader).decode("utf-8")
            except UnicodeError:
                continue
            return True
    return False


# ---------------------------------------------------------------- Latin read as Latin

#: A Latin code page read as another (cp1250 as cp1252) must beat the text as it is by
#: this much under the per-language model, after the code page's prior and a cost
#: per changed letter.
LATIN_MARGIN = 8.0
LATIN_PER_CHANGE = 2.0
#: What a letter pair may cost at most to count as common for :func:`_latin_suspect`.
_LATIN_COMMON = 6.0


@functools.lru_cache(maxsize=1)
def _latin_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    from newsclean.text.recode import LATIN_RELABELS, _cp1252_bytes

    specials = "".join(_cp1252_bytes())
    changeable = set()
    for b in range(0x80, 0x100):
        here = _decode1(b, "cp1252") or chr(b)
        for codec, _ in LATIN_RELABELS:
            there = _decode1(b, codec)
            if there and there != here and there.isalpha():
                changeable.add(here)
                if b < 0xA0:
                    changeable.add(chr(b))
    # text a cp1252 / Latin-1 decoder can have produced, and characters another Latin
    # code page would read differently
    foreign = re.compile(f"[^\x00-\xff{re.escape(specials)}]")
    change = re.compile(f"[{re.escape(''.join(sorted(changeable)))}]")
    return foreign, change


@functools.cache
def _other_readings(ch: str) -> tuple[str, ...]:
    """Lower-case letters other Latin code pages read the byte of *ch* as."""
    from newsclean.text.recode import LATIN_RELABELS, latin_bytes

    data = latin_bytes(ch)[0]
    out: list[str] = []
    for codec, _ in LATIN_RELABELS:
        try:
            there = data.decode(codec).lower()
        except UnicodeDecodeError:
            continue
        if there != ch and there.isalpha() and there not in out:
            out.append(there)
    return tuple(out)


def _latin_suspect(line: str) -> bool:
    """Could *line* be a Latin code page read as cp1252 / Latin-1? (cheap test)

    Only text a cp1252 / Latin-1 decoder can have produced, with a character another
    Latin code page reads differently, and a sign of trouble: a C1 control, a sign
    glued to a letter (``Va¹e``) or a letter pair that is rare in every language
    (``Nepostojeæi``) that another code page turns into a common one (``ći``).
    """
    if line.isascii():
        return False
    foreign, change = _latin_res()
    if foreign.search(line) is not None:
        return False
    from newsclean.text.plausibility import rare_in_every_language

    low = line.lower()
    n = len(low)
    for m in change.finditer(low):
        i = m.start()
        ch = low[i]
        if "\x80" <= ch <= "\x9f":
            return True
        before = low[i - 1] if i > 0 else " "
        after = low[i + 1] if i + 1 < n else " "
        if not ch.isalpha():
            if ch < "\u00c0" and (before.isalpha() or after.isalpha()):
                return True
            continue
        before = before if before.isalpha() else " "
        after = after if after.isalpha() else " "
        for pair, at in ((before + ch, 1), (ch + after, 0)):
            if rare_in_every_language(pair) and any(
                not rare_in_every_language(pair[:at] + other + pair[at + 1 :], _LATIN_COMMON)
                for other in _other_readings(ch)
            ):
                return True
    return False


def _foreign_change(line: str, new: str) -> bool:
    """Is a same-length rewrite of *line* backed by more than one character? It is when
    it changes two different characters or more; a single one (however often it
    occurs) must be a sign, a control, or a letter foreign to the language that best
    explains its word ("æ" in "Nepostojeæi"; not "è" in "planète" or "Irène", however
    well Czech fits "č")."""
    from newsclean.text.plausibility import _WORD, foreign_letter

    changed = {line[i] for i in range(len(line)) if line[i] != new[i]}
    if len(changed) != 1:
        return len(changed) > 1
    ch = changed.pop()
    if not ch.isalpha():
        return True
    low = line.lower()
    return any(
        ch.lower() in m.group() and foreign_letter(m.group(), ch) for m in _WORD.finditer(low)
    )


def _relabel_line(line: str) -> tuple[str, str] | None:
    """The line read with the Latin code page the language model prefers, if clearly better."""
    from newsclean.text.plausibility import language_cost
    from newsclean.text.recode import _latin_label, latin_relabels

    cands = latin_relabels(line)
    if not cands:
        return None
    base = language_cost(line)[0]
    best = None
    for text, codec, prior in cands:
        changed = sum(1 for a, b in zip(line, text) if a != b)
        if not _foreign_change(line, text):
            continue  # every letter it changes belongs to the language of its word
        c = language_cost(text)[0] + prior + LATIN_PER_CHANGE * changed
        if best is None or c < best[0]:
            best = (c, text, codec)
    if best is None or base - best[0] <= LATIN_MARGIN:
        return None
    return best[1], f"{best[2]} {_latin_label(line)}"


def _word_changes(line: str, new: str, offset: int, how: str) -> list[Repair]:
    """One repair per changed word of a same-length rewrite of *line*."""
    out: list[Repair] = []
    i, n = 0, len(line)
    while i < n:
        if line[i] == new[i]:
            i += 1
            continue
        start = i
        while start > 0 and not line[start - 1].isspace():
            start -= 1
        end = i
        while end < n and not line[end].isspace():
            end += 1
        out.append(Repair(offset + start, offset + end, line[start:end], new[start:end], how))
        i = end
    return out


# ---------------------------------------------------------------- per line

#: Lines end at LF only: U+0085 and friends are often mojibake themselves.
_LINES = re.compile(r"[^\n]*\n|[^\n]+")
#: The same runs of non-ASCII characters as :mod:`newsclean.text.decode` finds (``[^\x00-\x7f]`` is
#: U+0080 and up, and compiles far faster than the range written out).
_RUN = re.compile(r"[^\x00-\x7f](?:[^\x00-\x7f]|(?<=[^\x00-\x7f])[\x40-\x7e]| (?=[^\x00-\x7f]))*")


def _repair_line(line: str, offset: int) -> tuple[str, list[Repair]]:
    """Repair one line; returns the new line and its repairs (offsets in *line* + offset).

    ftfy goes first: it knows UTF-8 mojibake best, and a change it makes is kept. Our own
    search then looks at what ftfy left (a legacy layer under a UTF-8 one); when ftfy
    changes nothing, our search works on the line itself, more cautiously where ftfy's
    badness check finds the line fine.
    """
    from newsclean.text.ftfy_gate import fix_encoding_and_explain

    gapped = _gap_line(line, offset)
    explained = fix_encoding_and_explain(line)  # imports ftfy only if it may change the line
    if gapped is not None:
        from newsclean.text.plausibility import cost

        # ftfy restores lost bytes too (a soft hyphen, a no-break space); where its
        # reading is as plausible it is the one kept, and in a cp1252 line (where only
        # soft hyphens can be lost) also where it read a space as a no-break space
        cp1252 = any(ord(ch) > 0xFF for ch in line)
        if explained.text == line or (
            cost(gapped[0]) + GAP_MARGIN < cost(explained.text)
            and not (cp1252 and gapped[0].count(" ") > explained.text.count(" "))
        ):
            return gapped
    if explained.text == line:
        return _search_line(line, offset, ftfy_refused=True)
    if all(b == "fix_c1_controls" for _, b in explained.explanation or ()):
        # ftfy only read C1 controls as cp1252; they may be bytes of another code page
        own, own_repairs = _search_line(line, offset, ftfy_refused=True)
        if own != line:
            return own, own_repairs
    from ftfy.badness import is_bad

    from newsclean.text.plausibility import cost

    steps = ", ".join(
        f"{a} {b}" for a, b in explained.explanation or () if a in ("encode", "decode")
    )
    fixed, more = explained.text, []
    if _looks_recodable(fixed) and fixed.count("\ufffd") <= line.count("\ufffd"):
        fixed, more = _search_line(fixed, 0, ftfy_refused=False)
    if is_bad(explained.text):
        # ftfy's own check still finds its result odd: our reading of the line may win
        own, own_repairs = _search_line(line, offset, ftfy_refused=False)
        whole = any(a == "decode" for a, _ in explained.explanation or ())
        if own != line and (
            cost(own) < cost(fixed) * (1 - FTFY_SHARE) - FTFY_MARGIN
            or (not whole and cost(own) < cost(fixed) + FTFY_PARTIAL_SLACK)
        ):
            return own, own_repairs
    undone = "ftfy: " + (steps or "encoding fix")
    if more:
        undone += ", then " + ", then ".join(dict.fromkeys(r.undone for r in more))
    return fixed, [_whole_change(line, fixed, offset, undone)]


#: A line read as UTF-8 with lost bytes restored must beat the line as it is by this
#: much plus a share of the line's cost, after a prior per restored byte.
GAP_MARGIN = 2.0
GAP_SHARE = 0.2
#: A line read as cp1252 needs at least this many complete sequences per lost soft hyphen.
GAP_SHY_RATIO = 1


def _gap_line(line: str, offset: int) -> tuple[str, list[Repair]] | None:
    """UTF-8 read as Latin-1, then its C1 controls removed: the whole line, every gap
    restored together (ftfy can only undo complete sequences)."""
    from newsclean.text.recode import GAP_FILL, latin_bytes

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
    from newsclean.text.recode import PRIOR_FIX, decode_gaps

    got = decode_gaps(data, fill)
    if got is None:
        return None
    text, restored = got
    if fill != GAP_FILL and restored * GAP_SHY_RATIO > len(_UTF8_SEQ.findall(data)):
        return None  # a soft hyphen is one continuation byte in 64: most sequences stay whole
    base = cost(line)
    if cost(text) + PRIOR_FIX["C1 byte (gap)"] * restored >= base - GAP_MARGIN - GAP_SHARE * base:
        return None
    if fill == GAP_FILL:
        how = f"UTF-8 read as Latin-1, C1 controls removed; lost C1 byte restored ×{restored}"
    else:
        how = f"UTF-8 read as cp1252, soft hyphens removed; lost 0xAD restored ×{restored}"
    return text, [_whole_change(line, text, offset, how)]


def _whole_change(line: str, final: str, offset: int, undone: str) -> Repair:
    """One repair covering the part of *line* that differs from *final*.

    >>> _whole_change("a CafÃ© b", "a Café b", 10, "x")
    Repair(start=15, end=17, before='Ã©', after='é', undone='x')
    """
    p = 0
    while p < min(len(line), len(final)) and line[p] == final[p]:
        p += 1
    q = 0
    while q < min(len(line), len(final)) - p and line[-1 - q] == final[-1 - q]:
        q += 1
    return Repair(
        offset + p,
        offset + len(line) - q,
        line[p : len(line) - q],
        final[p : len(final) - q],
        undone,
    )


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
    from newsclean.text.plausibility import script

    outside = _RUN.sub(" ", line)
    return {script(ch) for ch in outside if ch.isalpha()} - {""}


def _main_script(text: str) -> str:
    from newsclean.text.plausibility import script

    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            sc = script(ch)
            counts[sc] = counts.get(sc, 0) + 1
    return max(counts, key=counts.get) if counts else ""


#: A suspicious run longer than this is searched in windows of at most this many
#: characters (cut at a space where one is near, else before a character that reads
#: as a UTF-8 lead byte): the search time per run is bounded.
RUN_WINDOW = 512


def _run_spans(line: str):
    """Start and end of each suspicious run of *line*, long runs cut into windows."""
    for m in _RUN.finditer(line):
        start, end = m.span()
        while end - start > RUN_WINDOW:
            lo, hi = start + RUN_WINDOW // 2, start + RUN_WINDOW
            cut = line.rfind(" ", lo, hi)
            if cut > start:
                yield start, cut
                start = cut + 1  # the space between two windows stays as it is
                continue
            leads = _lead_cont()[1]  # characters a reader makes of a UTF-8 lead byte
            cut = next((i for i in range(hi, lo, -1) if line[i] in leads), hi)
            yield start, cut
            start = cut
        yield start, end


def _line_edits(line: str, ftfy_refused: bool) -> list[tuple[int, int, str, str]]:
    """Edits for one pass over *line*: one explanation for all runs if one fits,
    then run by run for what is left."""
    from newsclean.text.plausibility import cost

    scripts = _scripts_outside(line)
    runs = []  # (start, {end: (base, {key: (cost_with_prior, text, how, prior)})})
    for a, b in _run_spans(line):
        runs.append((a, _run_options(line, a, b, cost, scripts, ftfy_refused)))
    if not runs:
        return []
    # 1. one path for the whole line
    keys: dict[str, list] = {}
    for idx, (_, options) in enumerate(runs):
        for end, (base, cands) in options.items():
            for key, (c, text, how, prior) in cands.items():
                keys.setdefault(key, []).append((idx, end, base, c, text, how, prior))
    best_gain, best_plan = 0.0, None
    total_base = sum(max(o[0] for o in opts.values()) for _, opts in runs)
    for items in keys.values():
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
            best_gain, best_plan = gain, per_run
    edits: dict[int, tuple[int, int, str, str]] = {}
    if best_plan is not None and best_gain > MARGIN + MARGIN_SHARE * total_base:
        for idx, (_, end, text, how) in best_plan.items():
            edits[idx] = (runs[idx][0], end, text, how)
    # 2. run by run, for runs the line-wide path did not cover
    for idx, (start, options) in enumerate(runs):
        if idx in edits:
            continue
        best = None
        for end, (base, cands) in options.items():
            for c, text, how, _ in cands.values():
                if c < base - MARGIN - MARGIN_SHARE * base and (best is None or c - base < best[0]):
                    best = (c - base, end, text, how)
        if best is not None:
            edits[idx] = (start, best[1], best[2], best[3])
    return [edits[i] for i in sorted(edits)]


#: UTF-8 read as a Latin code page other than cp1252: ftfy's domain when it said no.
_LATIN_UTF8_KEYS = frozenset(
    {"mac-roman>utf-8", "cp437>utf-8", "cp1250>utf-8", "cp1257>utf-8", "iso8859-2>utf-8"}
)
#: U+2000-U+203F in UTF-8 (E2 80 xx) read as cp1252 / Latin-1.
_UTF8_PUNCT = re.compile(
    "\u00e2[\u20ac\u0080][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]"
)
#: Characters a reading must not bring in: C1 controls, private use, unassigned.
_UNWANTED = re.compile("[\u0080-\u009f\ue000-\uf8ff\ufdd0-\ufdef\ufffe\uffff]")


#: Characters that show nothing: controls, format characters, the soft hyphen.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")

#: Runs up to this long are also read without their last one or two ASCII characters.
_SHORT_RUN = 96


def _run_options(text: str, start: int, end: int, cost, scripts: set[str], ftfy_refused: bool):
    from newsclean.text.recode import readings

    ends = [end]
    # the ASCII bytes at the end of a run may be its own or the text's after it (a long
    # run is not read again without them: one reading explains it or none does)
    while end - start <= _SHORT_RUN and ends[-1] - 1 > start and text[ends[-1] - 1].isascii():
        ends.append(ends[-1] - 1)
        if len(ends) > 2:
            break
    options = {}
    for e in ends:
        run = text[start:e]
        left, right = text[start - 1 : start], text[e : e + 1]
        base = cost(run, left, right)
        run_has_letters = any(ch.isalpha() for ch in run)
        cands: dict[str, tuple] = {}
        # UTF-8 punctuation ("â€™", "â€œ") marks the run as UTF-8 mojibake; if ftfy would
        # not undo it, a legacy reading of the same bytes is no better an explanation
        utf8_marks = ftfy_refused and _UTF8_PUNCT.search(run) is not None
        for cand, how, prior, key in readings(run):
            if utf8_marks and key.startswith("L>"):
                continue
            if ftfy_refused and key == "L>utf-8" and "restored" not in how:
                continue  # ftfy knows UTF-8 mojibake best; it said no
            if ftfy_refused and key in _LATIN_UTF8_KEYS:
                continue  # the same, for code pages whose text looks like Latin-1
            if len(set(run)) < 2 or (_UNWANTED.search(cand) and not _UNWANTED.search(run)):
                continue  # one character (however often) is no evidence; never bring in
                # controls or private use
            if _INVISIBLE.sub("", cand) == _INVISIBLE.sub("", run):
                continue  # a control read as another invisible character repairs nothing
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
        return [
            Repair(offset + s, offset + e, line[s:e], after, how) for s, e, after, how in history[0]
        ]
    # several passes: report the changed region of the line as one repair
    hows = []
    for edits in history:
        for *_, how in edits:
            if how not in hows:
                hows.append(how)
    return [_whole_change(line, final, offset, ", then ".join(hows))]


def _warnings(text: str, repairs: list[Repair]) -> tuple[Notice, ...]:
    from newsclean.text.plausibility import script

    def main_script(s: str) -> str:
        counts: dict[str, int] = {}
        for ch in s:
            sc = script(ch)
            if sc:
                counts[sc] = counts.get(sc, 0) + 1
        return max(counts, key=counts.get) if counts else ""

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
