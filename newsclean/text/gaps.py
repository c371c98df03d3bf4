"""UTF-8 that lost bytes on the way: find each gap, and guess what filled it.

Two accidents leave UTF-8 with holes whose place is known:

- :func:`decode_gaps`: UTF-8 read as Latin-1 whose C1 controls (or soft hyphens, or
  no-break spaces) were then removed: every lead byte says how long its character was,
  so each gap is known and only its bytes are guessed;
- :func:`decode_lost_utf8`: UTF-8 read with a legacy codec that replaced bytes it could
  not decode with U+FFFD: the positions are known, the values guessed among those the
  codec's replace rule allows there.

In both, all the gaps of a run are chosen together, each candidate scored with its
neighbours (a joint best path over the characters), with costs of their own for what a
restored character may be (:func:`gap_char_cost`, :func:`gap_pair_cost`).
"""

from __future__ import annotations

import codecs
import functools
import itertools
import unicodedata
from collections.abc import Callable

from newsclean.text.plausibility import (
    PAIR_BONUS_MAX,
    bigram_level,
    char_cost,
    cost,
    end_cost,
    known,
    known_chars,
    language_cost,
    pair_cost,
    script,
)
from newsclean.text.rebuild import utf8_len

#: Candidates kept per gap (by the character's own cost) before the joint search.
_GAP_KEEP = 48
#: At most this many bytes lost in one character.
_GAP_MAX_MISSING = 2
#: Extra cost of a restored character the model has never seen.
_GAP_UNKNOWN = 4.0
#: The most a pair can cost in :func:`_gap_pair_cost`.
_GAP_PAIR_MAX = 7.0
#: Consonants a small tsu (ッ / っ) doubles; after it nothing else comes in a word.
_GEMINATE = frozenset("KGSZTDHBPJC")
#: Cost of two kana that cannot touch (see :func:`_kana_misfit`).
_KANA_MISFIT = 6.0
#: Cost of a restored sign (``№``, ``™``) touching a Latin, Cyrillic or Greek letter, on
#: each side; of a restored dash touching one (an apostrophe is commoner there).
_SIGN_BY_LETTER = 1.5
_DASH_BY_LETTER = 1.0
#: Cost of a restored ideographic comma at the end of a run.
_END_COMMA = 3.0
#: Cost of a letter restored alone as a one-letter word where the space after it may
#: have been the no-break space that completed it (``Ŝ ablono`` for ``Šablono``).
_ALONE_BEFORE_WORD = 3.0
#: Lines up to this long are judged whole when gaps are re-chosen; longer ones in a
#: window of this many characters on each side of the gap.
_REFINE_WHOLE = 600
_REFINE_SIDE = 120


@functools.lru_cache(maxsize=4096)
def _gap_candidates(lead: int, present: bytes, fill: tuple[int, ...]) -> tuple[str, ...]:
    """Characters a UTF-8 sequence can be whose lead byte *lead* kept only the
    continuation bytes *present*, the lost ones being among *fill*; most plausible on
    their own first."""
    need = utf8_len(lead) - 1
    missing = need - len(present)
    if missing <= 0 or missing > _GAP_MAX_MISSING:
        return ()
    out: dict[str, float] = {}
    for slots in itertools.combinations(range(need), missing):
        for combo in itertools.product(fill, repeat=missing):
            seq = bytearray([lead])
            it_p, it_c = iter(present), iter(combo)
            for k in range(need):
                seq.append(next(it_c) if k in slots else next(it_p))
            try:
                ch = bytes(seq).decode("utf-8")
            except UnicodeDecodeError:
                continue
            if unicodedata.category(ch) in ("Cn", "Co", "Cs", "Cc"):
                continue
            out[ch] = _gap_char_cost(ch)
    return tuple(sorted(out, key=out.__getitem__)[:_GAP_KEEP])


@functools.lru_cache(maxsize=65536)
def _gap_char_cost(ch: str) -> float:
    """A restored character's own cost: characters the model has never seen are unlikely
    among the dozens a gap can be."""
    if len(ch) > 1:  # a restored character and the space after it
        return _gap_char_cost(ch[0]) + cost(ch[1:])
    if ch == "\xad":
        return char_cost(ch) + _GAP_UNKNOWN  # a soft hyphen as text, rarely
    return char_cost(ch) + (0.0 if ch.isascii() or known(ch) else _GAP_UNKNOWN)


@functools.lru_cache(maxsize=65536)
def _gap_pair_cost(a: str, b: str) -> float:
    return min(_GAP_PAIR_MAX, _gap_pair_cost_raw(a, b))


def _gap_pair_cost_raw(a: str, b: str) -> float:
    if "\u3041" <= a <= "\u30ff" or "\u3041" <= b <= "\u30ff":
        bad = _kana_misfit(a, b)
        if bad:
            return bad

    if a.isalpha() and b.isalpha() and not (a.isascii() and b.isascii()):
        level = bigram_level(a, b)
        if level is not None:
            return max(0.0, 8 - level) * 0.7
        if script(a) == script(b) and script(a) not in ("HAN", "HANGUL", "KANA"):
            return 7.0
    if (
        (b == "\u201c" and a.isalnum())
        or (a == "\u201c" and b.isspace())
        or (a == "\u201d" and b.isalnum())
    ):
        return 2.0  # an opening quote after a word, a closing one before a word
    if (unicodedata.category(a) == "Cf" and not b.isalpha()) or (
        unicodedata.category(b) == "Cf" and not a.isalpha()
    ):
        return 4.0  # joiners and marks of direction sit between letters
    if a.isalpha() != b.isalpha() and _no_joiners(a if a.isalpha() else b):
        mark = b if a.isalpha() else a
        if unicodedata.category(mark) == "Cf":
            return 4.0  # ... but not between Latin, Cyrillic or Greek ones
        if unicodedata.category(mark)[0] in "SN" and unicodedata.category(mark) != "Nd":
            return _SIGN_BY_LETTER  # a sign touching a letter (quotes do, outside a word)
        if unicodedata.category(mark) == "Pd":
            return _DASH_BY_LETTER  # a dash touching a letter: an apostrophe is commoner
    return pair_cost(a, b)


def _no_joiners(letter: str) -> bool:
    """Is *letter* of a script that does not use zero-width joiners (Latin, Cyrillic,
    Greek)?"""
    return script(letter) in ("LATIN", "CYRILLIC", "GREEK")


@functools.lru_cache(maxsize=1024)
def _kana(ch: str) -> tuple[bool, bool, str]:
    """Is *ch* a kana, is it a small one, and its sound (``"KA"``, ``"TU"``, ``"N"``)."""
    if not "\u3041" <= ch <= "\u30ff":
        return False, False, ""
    name = unicodedata.name(ch, "")
    if "LETTER" not in name:
        return name.endswith("PROLONGED SOUND MARK"), False, "-" if "PROLONGED" in name else ""
    return True, "SMALL" in name, name.rsplit(" ", 1)[-1]


def _kana_misfit(a: str, b: str) -> float:
    """Cost of two characters that cannot touch in Japanese spelling (restored text only):
    a small tsu before a vowel, nasal, ``ン`` or ``ー`` or after a non-kana; a small
    ya / yu / yo not after an i-sound; a prolonged-sound mark after a non-kana."""
    ka, small_a, sa = _kana(a)
    kb, small_b, sb = _kana(b)
    if small_b and sb == "TU" and (not ka or sa in ("N", "-") or small_a):
        return _KANA_MISFIT
    if small_a and sa == "TU" and kb and (small_b or sb in ("N", "-") or sb[:1] not in _GEMINATE):
        return _KANA_MISFIT
    if (
        small_b
        and sb in ("YA", "YU", "YO")
        and not (ka and (sa.endswith("I") or sa in ("TE", "DE", "HU")))
    ):
        return _KANA_MISFIT
    if sb == "-" and not ka and not a.isspace():
        return _KANA_MISFIT
    return 0.0


#: Bytes lost from UTF-8 read as Latin-1: C1 controls (removed), a no-break space
#: (0xA0, dropped or turned into a space), a soft hyphen (0xAD, dropped as invisible).
GAP_FILL = (*range(0x80, 0xA0), 0xA0, 0xAD)


def decode_gaps(
    data: bytes, fill: tuple[int, ...] = GAP_FILL, left: str = "", right: str = ""
) -> tuple[str, int] | None:
    """Decode UTF-8 *data* from which continuation bytes among *fill* were dropped (C1
    controls removed after a Latin-1 reading, soft hyphens dropped): every lead byte
    says how many bytes its character had, so each gap is known; all the characters it
    can be are tried together, each scored with its neighbours (a joint best path). A
    space after a gap may have been a no-break space (0xA0) that completed it.

    Returns the text and the number of bytes restored, or None if *data* is not UTF-8
    with such gaps.

    >>> decode_gaps("yeni b\u00c3\u00bct\u00c3\u00a7eyi a\u00c3\u00a7\u00c4\u00b1klad\u00c4\u00b1, ba\u00c5kan".encode("latin-1"))
    ('yeni bütçeyi açıkladı, başkan', 1)
    """
    found = _gap_slots(data, fill)
    if found is None:
        return None
    slots, restored, alone = found
    extra = _alone_costs(slots, alone)
    chosen = _best_path(slots, left, right, extra)
    _refine_latin(chosen, slots, left, right, extra)
    return "".join(chosen), restored


def _gap_slots(
    data: bytes, fill: tuple[int, ...]
) -> tuple[list[tuple[str, ...]], int, frozenset[int]] | None:
    """The options of each character of *data* (one for a complete one, the candidates
    of :func:`_gap_candidates` for one with a gap), the number of bytes lost, and the
    gaps at a word start before a space that may have been their no-break space; None
    if *data* is not UTF-8 with gaps."""
    slots: list[tuple[str, ...]] = []
    restored = 0
    alone: set[int] = set()
    i, n = 0, len(data)
    pending = bytearray()
    while i < n:
        b = data[i]
        need = utf8_len(b)
        if b < 0x80 or need == 0:
            if b >= 0x80:
                return None  # a stray continuation byte: not this story
            pending.append(b)
            i += 1
            continue
        j = i + 1
        while j < n and j - i < need and 0x80 <= data[j] < 0xC0:
            j += 1
        if j - i == need:
            pending += data[i:j]
            i = j
            continue
        if j < n and 0x80 <= data[j] < 0xC0:
            return None
        if not _flush_pending(pending, slots):
            return None
        cands = _gap_candidates(b, bytes(data[i + 1 : j]), fill)
        restored += need - (j - i)
        if need - (j - i) == 1 and j < n and data[j] == 0x20:
            # "Ã " for "à": the no-break space was turned into a space
            try:
                nbsp = (data[i:j] + b"\xa0").decode("utf-8")
            except UnicodeDecodeError:
                nbsp = ""
            if nbsp:
                cands = (nbsp, *(c + " " for c in cands))
                if b > 0xC3 and (not slots or not slots[-1][0][-1:].isalpha()):
                    # at a word start, a letter past Latin-1 ("Å ablono"; "à la" is a word)
                    alone.add(len(slots))
                j += 1
        if not cands:
            return None
        slots.append(cands)
        i = j
    if not restored or not _flush_pending(pending, slots):
        return None
    return slots, restored, frozenset(alone)


def _alone_costs(
    slots: list[tuple[str, ...]], alone: frozenset[int]
) -> dict[int, dict[str, float]]:
    """By gap, the cost of each option that makes a one-letter word of a letter past
    Latin-1 where the space after it may have been its no-break space, before a small
    letter (:data:`_ALONE_BEFORE_WORD`)."""
    out: dict[int, dict[str, float]] = {}
    for k in alone:
        nxt = slots[k + 1][0][:1] if k + 1 < len(slots) and len(slots[k + 1]) == 1 else ""
        if nxt.isalpha() and nxt.islower():
            out[k] = {
                opt: _ALONE_BEFORE_WORD for opt in slots[k] if len(opt) == 2 and opt[0].isalpha()
            }
    return out


def _best_path(
    slots: list[tuple[str, ...]],
    left: str,
    right: str,
    extra: dict[int, dict[str, float]] | None = None,
) -> list[str]:
    """The option of each slot on the cheapest path, each option scored with its
    neighbours (*left* and *right* are the text around)."""
    # joint best path: state = the option chosen in the last slot, with back-pointers
    # (a state dearer than the cheapest by more than any pair can cost is never used)
    prev_states: list[tuple[float, str]] = [(0.0, left[-1:])]
    backs: list[list[int]] = []
    extra = extra or {}
    for at, options in enumerate(slots):
        floor = min(c for c, _ in prev_states) + _GAP_PAIR_MAX
        here = extra.get(at, {})
        live = [(c, last, k) for k, (c, last) in enumerate(prev_states) if c <= floor]
        states: list[tuple[float, str]] = []
        back: list[int] = []
        live.sort()
        for opt in options:
            own = _gap_char_cost(opt) if len(options) > 1 else cost(opt)
            own += here.get(opt, 0.0)
            first = opt[0]
            slack = PAIR_BONUS_MAX if first >= "\u3000" else 0.0
            best_t, best_k = 0.0, -1
            for c, last, k in live:  # cheapest first: pair costs only add (but CJK pairs)
                if best_k >= 0 and c + own - slack > best_t:
                    break
                t = c + own + (_gap_pair_cost(last, first) if last else 0.0)
                if best_k < 0 or t < best_t or (t == best_t and k < best_k):
                    best_t, best_k = t, k
            states.append((best_t, opt[-1]))
            back.append(best_k)
        backs.append(back)
        prev_states = states
    if right:
        prev_states = [(c + _gap_pair_cost(last, right[0]), last) for c, last in prev_states]
    k = min(range(len(prev_states)), key=lambda i: prev_states[i][0])
    chosen = [""] * len(slots)
    for idx in range(len(slots) - 1, -1, -1):
        chosen[idx] = slots[idx][k]
        k = backs[idx][k]
    return chosen


def _flush_pending(pending: bytearray, slots: list[tuple[str, ...]]) -> bool:
    """Add the complete UTF-8 *pending* (if any) to *slots* as one fixed slot and empty
    it; False if it does not decode."""
    if pending:
        try:
            slots.append((pending.decode("utf-8"),))
        except UnicodeDecodeError:
            return False
        pending.clear()
    return True


def _refine_latin(
    chosen: list[str],
    slots: list[tuple[str, ...]],
    left: str,
    right: str,
    extra: dict[int, dict[str, float]] | None = None,
) -> None:
    """Re-choose the gaps inside Latin words with the per-language word model: which of
    ``ő`` / ``ş`` / ``ř`` a gap is depends on the language of the line."""
    extra = extra or {}
    gaps = [
        k
        for k, opts in enumerate(slots)
        if len(opts) > 1
        and any(script(o[0]) == "LATIN" for o in opts)
        and any(script(ch) == "LATIN" for ch in _neighbours(chosen, k))
    ]
    if not gaps:
        return

    n = len(slots)
    # a long line is judged in a window of text around each gap (linear time)
    whole = len(left) + sum(map(len, chosen)) + len(right) <= _REFINE_WHOLE
    is_gap = set(gaps)

    def bounds(k: int) -> tuple[int, int]:
        if whole:
            return 0, n
        lo, size = k, 0
        while lo > 0 and size < _REFINE_SIDE:
            lo -= 1
            size += len(chosen[lo])
        hi, size = k + 1, 0
        while hi < n and size < _REFINE_SIDE:
            size += len(chosen[hi])
            hi += 1
        return lo, hi

    def total(lo: int, hi: int) -> float:
        text = (left if lo == 0 else "") + "".join(chosen[lo:hi]) + (right if hi == n else "")
        return language_cost(text)[0] + sum(
            0.3 * _gap_char_cost(chosen[g]) + extra.get(g, {}).get(chosen[g], 0.0)
            for g in range(lo, hi)
            if g in is_gap
        )

    current = total(0, n) if whole else 0.0
    for _ in range(2):
        changed = False
        for k in gaps:
            lo, hi = bounds(k)
            if not whole:
                current = total(lo, hi)
            keep = chosen[k]
            for opt in slots[k]:
                if opt == keep or not opt.rstrip(" ").isalpha():
                    continue
                if opt[0].isupper() and _inside_small_word(chosen, k):
                    continue  # a capital inside a small-letter word (the model is lower-cased)
                chosen[k] = opt
                c = total(lo, hi)
                if c < current - 1e-9:
                    current, keep, changed = c, opt, True
            chosen[k] = keep
        if whole and _refine_together(chosen, slots, gaps, total, current):
            current, changed = total(0, n), True
        if not changed:
            break


def _refine_together(
    chosen: list[str],
    slots: list[tuple[str, ...]],
    gaps: list[int],
    total: Callable[[int, int], float],
    current: float,
) -> bool:
    """Set every gap that can be a letter to that letter at once, and keep the cheapest:
    a letter lost the same way twice in a line is often the same letter (``fārā`` for
    ``fără``), and one changed alone leaves a word the model likes less than either.
    True if anything changed."""
    letters = sorted({o.rstrip(" ") for k in gaps for o in slots[k] if o.rstrip(" ").isalpha()})
    n = len(slots)
    changed = False
    for letter in letters:
        trial = {}
        for k in gaps:
            spaced = chosen[k].endswith(" ")
            for opt in (letter + " ", letter) if spaced else (letter, letter + " "):
                if opt in slots[k]:
                    trial[k] = opt
                    break
        if len(trial) < 2 or all(chosen[k] == opt for k, opt in trial.items()):
            continue
        keep = {k: chosen[k] for k in trial}
        for k, opt in trial.items():
            chosen[k] = opt
        if not any(opt[0].isupper() and _inside_small_word(chosen, k) for k, opt in trial.items()):
            c = total(0, n)
            if c < current - 1e-9:
                current, changed = c, True
                continue
        for k, opt in keep.items():
            chosen[k] = opt
    return changed


def _inside_small_word(parts: list[str], k: int) -> bool:
    """Does part *k* follow a letter, in a word that is not all capitals?"""
    before = parts[k - 1][-1:] if k > 0 else ""
    after = parts[k + 1][:1] if k + 1 < len(parts) else ""
    return before.isalpha() and (before.islower() or after.islower())


def _neighbours(parts: list[str], k: int) -> str:
    before = parts[k - 1][-1:] if k > 0 else ""
    after = parts[k + 1][:1] if k + 1 < len(parts) else ""
    return before + after


# ---------------------------------------------------------------- UTF-8 read with replacement

#: Candidates kept per character start in :func:`decode_lost_utf8`, and the most byte
#: combinations tried for one character.
_LOST_KEEP = 48
_LOST_PRODUCT = 4096
#: At most this share of the bytes may be lost.
_LOST_SHARE = 0.15


class _FirstError(Exception):
    pass


def _raise_first(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeDecodeError):
        raise err
    raise _FirstError(err.start, err.end)


_FIRST_ERROR = "newsclean-first-error"
codecs.register_error(_FIRST_ERROR, _raise_first)


@functools.lru_cache(maxsize=65536)
def _replaced_alone(reader: str, b: int, after: bytes) -> bool:
    """Does *reader*'s decoder replace byte *b*, followed by *after*, by one U+FFFD of its own?"""
    try:
        (bytes([b]) + after).decode(reader, _FIRST_ERROR)
    except _FirstError as err:
        return err.args == (0, 1)
    except UnicodeDecodeError:
        return False
    return False


def lost_byte_values(buf: bytes, pos: int, reader: str, wild: frozenset[int]) -> tuple[int, ...]:
    """The bytes that can have stood at *pos*: those *reader*'s replace rule turns into a
    U+FFFD on their own (one byte each, as Python's decoders do), given the known bytes
    after them.

    >>> [hex(b) for b in lost_byte_values(b"\\x80\\xe3\\x81", 0, "gbk", frozenset({0}))][:4]
    ['0x80', '0xa2', '0xaa', '0xab']
    >>> 0xB1 in lost_byte_values(b"\\x80\\xb1", 0, "shift_jis", frozenset({0}))  # a katakana
    False
    """
    end = pos + 1
    while end < len(buf) and end < pos + 3 and end not in wild:
        end += 1
    after = bytes(buf[pos + 1 : end])
    return tuple(b for b in range(0x80, 0x100) if _replaced_alone(reader, b, after))


@functools.lru_cache(maxsize=16384)
def _chars_from(options: tuple[tuple[int, ...], ...]) -> tuple[tuple[str, int, bool], ...]:
    """Characters a UTF-8 sequence can start with, given the possible values of the bytes
    from here on (one value for a known byte): ``(char, length, guessed)``."""
    out: dict[str, tuple[float, int, bool]] = {}
    for v in options[0]:
        if v < 0x80:
            out[chr(v)] = (char_cost(chr(v)), 1, len(options[0]) > 1)
            continue
        length = utf8_len(v)
        if not length or length > len(options):
            continue
        rest = [tuple(b for b in opts if 0x80 <= b < 0xC0) for opts in options[1:length]]
        size = 1
        for r in rest:
            size *= len(r)
        guessed = len(options[0]) > 1 or any(len(r) > 1 for r in rest)
        if size > _LOST_PRODUCT:
            # too many combinations: the characters the model knows, most common first
            allowed = [frozenset(r) for r in rest]
            taken = 0
            for c, ch, seq in _known_by_lead().get(v, ()):
                if all(b in allowed[k] for k, b in enumerate(seq[1:])):
                    if ch not in out or c < out[ch][0]:
                        out[ch] = (c, length, guessed)
                    taken += 1
                    if taken >= _LOST_KEEP:
                        break
            continue
        for combo in itertools.product(*rest):
            try:
                ch = bytes((v, *combo)).decode("utf-8")
            except UnicodeDecodeError:
                continue
            if unicodedata.category(ch) in ("Cn", "Co", "Cs", "Cc"):
                continue
            c = _gap_char_cost(ch) if guessed else char_cost(ch)
            if ch not in out or c < out[ch][0]:
                out[ch] = (c, length, guessed)
    # the cheapest of each length (a path must go on from where the character ends)
    ranked = sorted(out.items(), key=lambda kv: kv[1][0])
    kept: list[tuple[str, int, bool]] = []
    per_length: dict[int, int] = {}
    for ch, (_, length, guessed) in ranked:
        if per_length.get(length, 0) < _LOST_KEEP:
            per_length[length] = per_length.get(length, 0) + 1
            kept.append((ch, length, guessed))
    return tuple(kept)


@functools.lru_cache(maxsize=1)
def _known_by_lead() -> dict[int, list[tuple[float, str, bytes]]]:
    """The characters of the model's table by UTF-8 lead byte, cheapest first."""
    table: dict[int, list[tuple[float, str, bytes]]] = {}
    for ch in known_chars():
        seq = ch.encode("utf-8", "surrogatepass")
        if len(seq) > 1:
            table.setdefault(seq[0], []).append((_gap_char_cost(ch), ch, seq))
    for lst in table.values():
        lst.sort()
    return table


def decode_lost_utf8(buf: bytes, wild: frozenset[int], reader: str) -> str | None:
    """UTF-8 *buf* read with *reader*, each byte at a position in *wild* replaced by
    U+FFFD on the way: the lost bytes are guessed together, each among the values the
    reader's replace rule allows there, by a joint best path over the characters.

    >>> data = "東京都は新しい計画を発表しました。".encode("utf-8")
    >>> broken = data.decode("gbk", "replace")
    >>> pieces = [p.encode("gbk") for p in broken.split("\ufffd")]
    >>> buf, wild = bytearray(pieces[0]), set()
    >>> for p in pieces[1:]:
    ...     wild.add(len(buf)); buf += b"\\x80" + p
    >>> decode_lost_utf8(bytes(buf), frozenset(wild), "gbk")
    '東京都は新しい計画を発表しました。'
    """
    n = len(buf)
    if len(wild) > _LOST_SHARE * n:
        return None  # too much is lost to tell: the text is left as it is
    values = [
        (b,) if i not in wild else lost_byte_values(buf, i, reader, wild) for i, b in enumerate(buf)
    ]
    if any(not v for v in values):
        return None
    # states[i]: last char -> (cost, previous position, previous last char, char)
    states: list[dict[str, tuple[float, int, str, str]] | None] = [None] * (n + 1)
    states[0] = {"": (0.0, -1, "", "")}
    for i in range(n):
        here = states[i]
        if not here:
            continue
        floor = min(v[0] for v in here.values()) + _GAP_PAIR_MAX
        live = sorted((v[0], last) for last, v in here.items() if v[0] <= floor)
        for ch, length, _guessed in _chars_from(tuple(values[i : i + 4])):
            j = i + length
            own = _gap_char_cost(ch) if _guessed else char_cost(ch)
            best = None
            slack = PAIR_BONUS_MAX if ch >= "\u3000" else 0.0
            for c, last in live:
                if best is not None and c + own - slack > best[0]:
                    break
                t = c + own + (_gap_pair_cost(last, ch) if last else 0.0)
                if best is None or t < best[0]:
                    best = (t, last)
            if best is None:
                continue
            nxt = states[j]
            if nxt is None:
                nxt = states[j] = {}
            old = nxt.get(ch)
            if old is None or best[0] < old[0]:
                nxt[ch] = (best[0], i, best[1], ch)
    final = states[n]
    if not final:
        return None
    # a run (and a sentence) rarely ends on a comma, and often on a full stop
    last = min(
        final,
        key=lambda k: final[k][0] + end_cost(k) + (_END_COMMA if k in "\u3001\uff0c" else 0.0),
    )
    out: list[str] = []
    i = n
    while i > 0:
        state = states[i]
        assert state is not None  # every position on the path was reached
        c, prev_i, prev_last, ch = state[last]
        out.append(ch)
        i, last = prev_i, prev_last
    return "".join(reversed(out))
