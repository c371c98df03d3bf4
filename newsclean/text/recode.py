"""Readings of a suspicious run of text: rebuild the bytes it came from, decode them again.

A run of mojibake is text that was decoded with the wrong codec. To undo it we turn the
text back into the bytes the wrong decoder saw, then decode those bytes with the right
codec. Which codec is right is decided elsewhere (:mod:`newsclean.text.repair`, with
:mod:`newsclean.text.plausibility`); this module only proposes candidates.

>>> latin_bytes("Ã©")
(b'\\xc3\\xa9', False)
>>> latin_bytes("Â鶹")
(b'\\xc2\\xe9\\xb6\\xb9', True)
>>> decode_restoring(b"\\xc2\\xe9\\xb6\\xb9\\xb4\\xab\\xc3\\xbd\\xd3\\xb3\\xbb", "gbk")
('麻豆传媒映画', ['0xAD'])
"""

from __future__ import annotations

import codecs
import functools
import itertools
import operator
import re
import unicodedata

from newsclean.text.plausibility import (
    bigram_level,
    char_cost,
    cost,
    known,
    known_chars,
    language_cost,
    pair_cost,
    script,
)

#: Codecs a run read as Latin-1 / cp1252 may really be in, most likely first.
LATIN_TARGETS = (
    "utf-8",
    "gbk",
    "gb18030",
    "big5",
    "cp932",
    "euc-jp",
    "cp949",
    "cp1251",
    "cp1250",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "cp874",
    "koi8-r",
    "koi8-u",
    "iso8859-2",
    "iso8859-7",
    "cp866",
    "mac-cyrillic",
)
#: Codecs UTF-8 bytes may have been wrongly read with (utf-8 read as X).
UTF8_READERS = (
    "cp1251",
    "cp1250",
    "cp1253",
    "cp1255",
    "cp1256",
    "cp1257",
    "cp874",
    "koi8-r",
    "koi8-u",
    "mac-roman",
    "cp437",
    "cp866",
    "iso8859-2",
    "gbk",
    "big5",
    "shift_jis",
    "cp932",
    "euc-kr",
    "euc-jp",
)
_DOUBLE_BYTE = {"gbk", "gb18030", "big5", "cp932", "euc-jp", "cp949", "shift_jis", "euc-kr"}

_NAMES = {
    "utf-8": "UTF-8",
    "gbk": "GBK",
    "gb18030": "GB18030",
    "big5": "Big5",
    "cp932": "Shift-JIS",
    "shift_jis": "Shift-JIS",
    "euc-jp": "EUC-JP",
    "cp949": "EUC-KR",
    "euc-kr": "EUC-KR",
    "koi8-r": "KOI8-R",
    "koi8-u": "KOI8-U",
    "iso8859-2": "ISO-8859-2",
    "iso8859-7": "ISO-8859-7",
    "mac-cyrillic": "Mac Cyrillic",
    "mac-roman": "Mac Roman",
}


def codec_name(codec: str) -> str:
    """Human name of a codec.

    >>> codec_name("gbk"), codec_name("cp1251")
    ('GBK', 'cp1251')
    """
    return _NAMES.get(codec, codec)


@functools.lru_cache(maxsize=1)
def _cp1252_bytes() -> dict[str, int]:
    table = {}
    for b in range(0x80, 0xA0):
        try:
            table[bytes([b]).decode("cp1252")] = b
        except UnicodeDecodeError:
            pass
    return table


def latin_bytes(run: str) -> tuple[bytes, bool]:
    """The bytes a Latin-1 / cp1252 reading of *run* came from.

    Characters outside both code pages become their UTF-8 bytes, as a UTF-8-first
    decoder with a Latin-1 fallback would have kept them; the flag says if any did.
    """
    cp = _cp1252_bytes()
    out = bytearray()
    mixed = False
    for ch in run:
        o = ord(ch)
        if o < 256:
            out.append(o)
        elif ch in cp:
            out.append(cp[ch])
        else:
            out += ch.encode("utf-8", "surrogatepass")
            mixed = True
    return bytes(out), mixed


_C1 = bytes(range(0x80, 0xA0))


def _c1_as_bytes(err: UnicodeEncodeError) -> tuple[bytes, int]:
    """Encode error handler: a C1 control stands for the byte of the same value (a byte
    the code page leaves undefined, kept as U+0080-U+009F by a WHATWG-style decoder)."""
    chunk = err.object[err.start : err.end]
    if all("\x80" <= ch <= "\x9f" for ch in chunk):
        return bytes(ord(ch) for ch in chunk), err.end
    raise err


_C1_AS_BYTES = "newsclean-c1-as-bytes"
codecs.register_error(_C1_AS_BYTES, _c1_as_bytes)


def _utf8_len(lead: int) -> int:
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 0


def _first_char(buf: bytes | bytearray, start: int, codec: str) -> str | None:
    """The character decoded at *start*, or None if the bytes there are invalid."""
    chunk = bytes(buf[start : start + 4])
    for n in range(1, len(chunk) + 1):
        try:
            text = chunk[:n].decode(codec)
        except UnicodeDecodeError:
            continue
        return text[:1] if text else None
    return None


def decode_restoring(
    data: bytes, codec: str, wild: frozenset[int] = frozenset(), max_fixes: int = 12
) -> tuple[str, list[str]] | None:
    """Decode *data*, restoring bytes that were commonly lost on the way.

    Where a multi-byte sequence breaks off, a lost byte is assumed: a soft hyphen
    (0xAD, dropped as invisible), a no-break space (0xA0, turned into a space) or, for
    UTF-8, a C1 byte (0x80-0x9F, dropped as a control). The fill that gives the most
    plausible character is kept. Returns the text and the list of fixes, or None.
    Positions in *wild* are bytes known to be lost (U+FFFD in the input) to be guessed.
    """
    buf = bytearray(data)
    fixes: list[str] = []
    wild = set(wild)
    utf8 = codec == "utf-8"
    for _ in range(max_fixes + 1):
        if wild:
            pos = min(wild)
            best = _guess_wild(buf, pos, codec)
            if best is None:
                return None
            buf[pos] = best
            wild.discard(pos)
            fixes.append("lost byte guessed")
            continue
        try:
            return buf.decode(codec), fixes
        except UnicodeDecodeError as err:
            if len(fixes) >= max_fixes:
                return None
            p, q = err.start, err.end
            prev = _prev_char(buf, p, codec)
            options: list[tuple[float, bytearray, str]] = []
            if utf8:
                need = _utf8_len(buf[p]) - (q - p)
                if need <= 0 or need > 2:
                    return None
                got = _best_completion(bytes(buf[p:q]), need, prev)
                if got is not None:
                    score, combo, label = got
                    options.append((score, buf[:q] + combo + buf[q:], label))
                if q < len(buf) and buf[q] == 0x20 and need == 1:
                    trial = buf[:q] + b"\xa0" + buf[q + 1 :]
                    ch = _first_char(trial, p, codec)
                    if ch is not None:
                        options.append((_score(prev, ch) - 0.5, trial, "0xA0"))
            else:
                if codec not in _DOUBLE_BYTE or q - p != 1 or buf[p] < 0x81:
                    return None
                trial = buf[:q] + b"\xad" + buf[q:]
                ch = _first_char(trial, p, codec)
                if ch is not None:
                    options.append((_score(prev, ch), trial, "0xAD"))
                if q < len(buf) and buf[q] == 0x20:
                    trial = buf[:q] + b"\xa0" + buf[q + 1 :]
                    ch = _first_char(trial, p, codec)
                    if ch is not None:
                        options.append((_score(prev, ch), trial, "0xA0"))
            if not options:
                return None
            options.sort(key=lambda o: o[0])
            _, buf, label = options[0]
            fixes.append(label)
    return None


def _score(prev: str, ch: str) -> float:
    return char_cost(ch) + (pair_cost(prev, ch) if prev else 0.0)


#: Bytes a UTF-8 sequence may have lost after its valid start (soft hyphen first, then
#: the C1 controls): the fills :func:`decode_restoring` tries, in order.
_RESTORE_SINGLES = (0xAD, *_C1)


@functools.lru_cache(maxsize=8192)
def _completions(head: bytes, need: int) -> tuple[tuple[float, int, str, bytes, str], ...]:
    """Characters the valid UTF-8 start *head* can end as when *need* bytes were lost
    after it: ``(own cost, order, char, bytes added, label)``, cheapest first."""
    combos = (
        [bytes([b]) for b in _RESTORE_SINGLES]
        if need == 1
        else [bytes([a, b]) for a in _RESTORE_SINGLES for b in _RESTORE_SINGLES]
    )
    out = []
    for k, combo in enumerate(combos):
        ch = _first_char(head + combo, 0, "utf-8")
        if ch is not None:
            out.append((char_cost(ch), k, ch, combo, "0xAD" if combo == b"\xad" else "C1 byte"))
    out.sort(key=lambda o: (o[0], o[1]))
    return tuple(out)


def _best_completion(head: bytes, need: int, prev: str) -> tuple[float, bytes, str] | None:
    """The most plausible completion of *head* after *prev* (lowest cost, earliest fill on
    a tie). Pair costs are never negative, so the search stops at the first character
    whose own cost already exceeds the best total."""
    best: tuple[float, int, bytes, str] | None = None
    for own, k, ch, combo, label in _completions(head, need):
        if best is not None and own > best[0]:
            break
        s = own + (pair_cost(prev, ch) if prev else 0.0)
        if best is None or (s, k) < (best[0], best[1]):
            best = (s, k, combo, label)
    return None if best is None else (best[0], best[2], best[3])


def _prev_char(buf: bytearray, p: int, codec: str) -> str:
    if p == 0:
        return ""
    try:
        return bytes(buf[max(0, p - 4) : p]).decode(codec, "ignore")[-1:]
    except Exception:
        return ""


def _guess_wild(buf: bytearray, pos: int, codec: str) -> int | None:
    """Choose the byte at *pos* (lost, UTF-8 only) that makes the most plausible character."""
    if codec != "utf-8":
        return None
    start = pos
    while start > 0 and pos - start < 3 and 0x80 <= buf[start] < 0xC0:
        start -= 1
    prev = _prev_char(buf, start, codec)
    best: tuple[float, int] | None = None
    fills = range(0x80, 0xC0) if start < pos else (*range(0xE0, 0xF0), *range(0xC2, 0xE0))
    for b in fills:
        buf[pos] = b
        ch = _first_char(buf, start, codec)
        if ch is None or (start == pos and len(ch.encode("utf-8")) < 2):
            continue
        s = _score(prev, ch)
        if best is None or s < best[0]:
            best = (s, b)
    return best[1] if best else None


# ---------------------------------------------------------------- UTF-8 with dropped bytes

#: Candidates kept per gap (by the character's own cost) before the joint search.
_GAP_KEEP = 48
#: At most this many bytes lost in one character.
_GAP_MAX_MISSING = 2


@functools.lru_cache(maxsize=4096)
def _gap_candidates(lead: int, present: bytes, fill: tuple[int, ...]) -> tuple[str, ...]:
    """Characters a UTF-8 sequence can be whose lead byte *lead* kept only the
    continuation bytes *present*, the lost ones being among *fill*; most plausible on
    their own first."""
    need = _utf8_len(lead) - 1
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


#: Extra cost of a restored character the model has never seen.
_GAP_UNKNOWN = 4.0


#: The most a pair can cost in :func:`_gap_pair_cost`.
_GAP_PAIR_MAX = 7.0


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
    return pair_cost(a, b)


#: Consonants a small tsu (ッ / っ) doubles; after it nothing else comes in a word.
_GEMINATE = frozenset("KGSZTDHBPJC")


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


_KANA_MISFIT = 6.0
#: Cost of a restored ideographic comma at the end of a run.
_END_COMMA = 3.0


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
    slots: list[tuple[str, ...]] = []
    restored = 0
    i, n = 0, len(data)
    pending = bytearray()
    while i < n:
        b = data[i]
        need = _utf8_len(b)
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
                j += 1
        if not cands:
            return None
        slots.append(cands)
        i = j
    if not restored or not _flush_pending(pending, slots):
        return None
    # joint best path: state = the option chosen in the last slot, with back-pointers
    # (a state dearer than the cheapest by more than any pair can cost is never used)
    prev_states: list[tuple[float, str]] = [(0.0, left[-1:])]
    backs: list[list[int]] = []
    for options in slots:
        floor = min(c for c, _ in prev_states) + _GAP_PAIR_MAX
        live = [(c, last, k) for k, (c, last) in enumerate(prev_states) if c <= floor]
        states: list[tuple[float, str]] = []
        back: list[int] = []
        live.sort()
        for opt in options:
            own = _gap_char_cost(opt) if len(options) > 1 else cost(opt)
            first = opt[0]
            best_t, best_k = 0.0, -1
            for c, last, k in live:  # cheapest first: pair costs only add
                if best_k >= 0 and c + own > best_t:
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
    _refine_latin(chosen, slots, left, right)
    return "".join(chosen), restored


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


def _refine_latin(chosen: list[str], slots: list[tuple[str, ...]], left: str, right: str) -> None:
    """Re-choose the gaps inside Latin words with the per-language word model: which of
    ``ő`` / ``ş`` / ``ř`` a gap is depends on the language of the line."""
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
            0.3 * _gap_char_cost(chosen[g]) for g in range(lo, hi) if g in is_gap
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
        if not changed:
            break


#: Lines up to this long are judged whole when gaps are re-chosen; longer ones in a
#: window of this many characters on each side of the gap.
_REFINE_WHOLE = 600
_REFINE_SIDE = 120


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


def _raise_first(err: UnicodeDecodeError):
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
        length = _utf8_len(v)
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
            kept = 0
            for c, ch, seq in _known_by_lead().get(v, ()):
                if all(b in allowed[k] for k, b in enumerate(seq[1:])):
                    if ch not in out or c < out[ch][0]:
                        out[ch] = (c, length, guessed)
                    kept += 1
                    if kept >= _LOST_KEEP:
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
            for c, last in live:
                if best is not None and c + own > best[0]:
                    break
                t = c + own + (_gap_pair_cost(last, ch) if last else 0.0)
                if best is None or t < best[0]:
                    best = (t, last)
            nxt = states[j]
            if nxt is None:
                nxt = states[j] = {}
            old = nxt.get(ch)
            if old is None or best[0] < old[0]:
                nxt[ch] = (best[0], i, best[1], ch)
    final = states[n]
    if not final:
        return None
    # a run (and a sentence) rarely ends on a comma
    last = min(final, key=lambda k: final[k][0] + (_END_COMMA if k in "\u3001\uff0c" else 0.0))
    out: list[str] = []
    i = n
    while i > 0:
        c, prev_i, prev_last, ch = states[i][last]
        out.append(ch)
        i, last = prev_i, prev_last
    return "".join(reversed(out))


# ---------------------------------------------------------------- double-byte lattice

#: Prior cost of reading a character in U+0080-U+00FF (or a cp1252 sign) as the UTF-8
#: sequence a UTF-8-first decoder made of it, rather than as the one byte it is in
#: Latin-1 / cp1252 (``û`` from ``C3 BB``, two bytes of a GBK pair).
PRIOR_UTF8_ALT = 0.6
#: Prior cost of a soft hyphen (0xAD) lost after a lead byte where the next byte still
#: made a valid pair (``82 82 BE`` for ``82 AD 82 BE``: nothing signals the loss).
PRIOR_SILENT_SHY = 5.0
#: Prior cost of a soft hyphen (0xAD) lost where it was a lead byte (Big5 row 0xAD holds
#: common characters: "們" AD CC, "個" AD D3, "值" AD C8); the bytes after it then pair
#: up wrongly, which the character model sees.
PRIOR_LOST_LEAD = 5.0
#: Paths kept per lattice state.
_LATTICE_BEAM = 2
_cost_key = operator.itemgetter(0)


@functools.lru_cache(maxsize=16)
def _double_byte_table(codec: str) -> tuple[tuple[str | None, ...], frozenset[int]]:
    """Single-byte characters of a double-byte codec, and its lead bytes."""
    singles: list[str | None] = []
    leads = set()
    for b in range(256):
        try:
            ch = bytes([b]).decode(codec)
        except UnicodeDecodeError:
            ch = None
        singles.append(ch if ch and len(ch) == 1 else None)
        if (
            b >= 0x81
            and ch is None
            and any(_pair(codec, b, t) for t in (0xA1, 0xB0, 0xC0, 0xE0, 0x40, 0x60))
        ):
            leads.add(b)
    return tuple(singles), frozenset(leads)


@functools.lru_cache(maxsize=200_000)
def _pair(codec: str, lead: int, trail: int) -> str | None:
    try:
        ch = bytes([lead, trail]).decode(codec)
    except UnicodeDecodeError:
        return None
    return ch if len(ch) == 1 else None


def _byte_options(run: str) -> list[tuple[tuple[bytes, float], ...]]:
    """For each character of *run*, the byte strings it may stand for, with a prior.

    Only where the run holds characters a Latin-1 / cp1252 decoder cannot have made
    (so a UTF-8-first decoder read it) may a Latin-1 character be a UTF-8 sequence.
    """
    cp = _cp1252_bytes()
    mixed = any(ord(ch) > 0xFF and ch not in cp for ch in run)
    out = []
    for ch in run:
        o = ord(ch)
        if o < 0x80:
            out.append(((bytes([o]), 0.0),))
        elif o <= 0xFF or ch in cp:
            one = bytes([o]) if o <= 0xFF else bytes([cp[ch]])
            if mixed and (o >= 0xA0 or ch in cp):
                out.append(((one, 0.0), (ch.encode("utf-8"), PRIOR_UTF8_ALT)))
            else:
                out.append(((one, 0.0),))
        else:
            out.append(((ch.encode("utf-8", "surrogatepass"), 0.0),))
    return out


def decode_lattice(run: str, codec: str) -> tuple[str, list[str], int] | None:
    """Best reading of *run* in a double-byte *codec*, choosing per character between its
    Latin-1 / cp1252 byte and its UTF-8 bytes, and restoring soft hyphens (0xAD) lost
    after lead bytes, and no-break spaces (0xA0) turned into spaces.

    Returns the text, the list of restored bytes and the extra prior cost of the path
    (UTF-8 choices, soft hyphens restored where nothing signalled them), or None if no
    path decodes. Every character is scored with the character model.

    >>> decode_lattice("\u00b4\u02f6\u00d4\u00cf\u00f3\u00fb\u00d3\u00d0", "gbk")[0]
    '此对象没有'
    >>> decode_lattice("\x82\x82\u00be\x82\u00b3\x82\u00a2", "shift_jis")[:2]
    ('ください', ['0xAD'])
    """
    singles, leads = _double_byte_table(codec)
    shy_lead = 0xAD in leads
    options = _byte_options(run)
    # state: pending lead byte (or -1) -> list of (cost, prev char, out, fixes, alts);
    # out is a chain of (char, fix, parent) nodes, fixes the number of fixes on it
    states: dict[int, list[tuple[float, str, tuple | None, int, int]]] = {
        -1: [(0.0, "", None, 0, 0)]
    }

    def emit(path, ch, extra=0.0, fix=None):
        c, prev, out, fixes, alts = path
        c += char_cost(ch) + (pair_cost(prev, ch) if prev else 0.0) + extra
        return (c, ch, (ch, fix, out), fixes + (1 if fix else 0), alts)

    def add(table, key, path):
        lst = table.get(key)
        if lst is None:
            table[key] = [path]
            return
        if len(lst) < _LATTICE_BEAM:
            lst.append(path)
            return
        # keep the cheapest (a stable sort: the earlier of equals stays)
        if path[0] >= max(lst, key=_cost_key)[0]:
            return
        lst.append(path)
        lst.sort(key=_cost_key)
        del lst[_LATTICE_BEAM:]

    def feed_byte(table_in, b):
        table_out: dict = {}
        for pending, paths in table_in.items():
            for path in paths:
                if pending < 0:
                    ch = singles[b]
                    if ch is not None:
                        add(table_out, -1, emit(path, ch))
                    if b in leads:
                        add(table_out, b, path)
                    if shy_lead and b >= 0x40:
                        # a soft hyphen lost where it was the lead byte (Big5 "們" is AD CC)
                        lost = _pair(codec, 0xAD, b)
                        if lost is not None:
                            add(table_out, -1, emit(path, lost, PRIOR_LOST_LEAD, "0xAD^"))
                    continue
                ch = _pair(codec, pending, b)
                if ch is not None:
                    add(table_out, -1, emit(path, ch))
                shy = _pair(codec, pending, 0xAD)
                if shy is not None:
                    lost = emit(
                        path,
                        shy,
                        0.0 if ch is None else PRIOR_SILENT_SHY,
                        "0xAD" if ch is None else "0xAD!",
                    )
                    if singles[b] is not None:
                        add(table_out, -1, emit(lost, singles[b]))
                    if b in leads:
                        add(table_out, b, lost)
                if b == 0x20:
                    nb = _pair(codec, pending, 0xA0)
                    if nb is not None:
                        add(table_out, -1, emit(path, nb, 0.0, "0xA0"))
        return table_out

    for alts in options:
        nxt: dict = {}
        for data, prior in alts:
            table = {
                k: [(p[0] + prior, p[1], p[2], p[3], p[4] + (prior > 0)) for p in v]
                for k, v in states.items()
            }
            for b in data:
                table = feed_byte(table, b)
                if not table:
                    break
            for k, v in table.items():
                for path in v:
                    add(nxt, k, path)
        states = nxt
        if not states:
            return None
    finals = list(states.get(-1, []))
    for pending, paths in states.items():
        if pending >= 0:
            shy = _pair(codec, pending, 0xAD)
            if shy is not None:
                finals.extend(emit(p, shy, 0.0, "0xAD") for p in paths)
    if not finals:
        return None
    best = min(finals, key=lambda p: p[0] + PRIOR_FIX["0xAD"] * p[3])
    chars: list[str] = []
    marks: list[str] = []
    node = best[2]
    while node is not None:
        chars.append(node[0])
        if node[1]:
            marks.append(node[1])
        node = node[2]
    chars.reverse()
    marks.reverse()
    silent = sum(1 for f in marks if f == "0xAD!")
    leading = sum(1 for f in marks if f == "0xAD^")
    fixes = [f.rstrip("!^") for f in marks]
    return (
        "".join(chars),
        fixes,
        PRIOR_UTF8_ALT * best[4] + PRIOR_SILENT_SHY * silent + PRIOR_LOST_LEAD * leading,
    )


#: Prior cost of a reading, added to the plausibility cost of its text: rarer
#: accidents must earn their place.
PRIOR_CODEC = 0.0
PRIOR_LEGACY = 1.0
PRIOR_TWO_LAYERS = 4.0
PRIOR_FIX = {
    "0xAD": 1.0,
    "0xA0": 1.0,
    "C1 byte": 2.5,
    "C1 byte (gap)": 1.5,
    "lost byte guessed": 0.5,
}
#: A complete UTF-8 sequence of two or more bytes: evidence that a run is UTF-8 at all.
_UTF8_COMPLETE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _prior(codec: str, fixes: list[str], layers: int = 1) -> float:
    p = PRIOR_CODEC if codec == "utf-8" else PRIOR_LEGACY
    if codec in _RARE_CODECS:
        p += 1.0
    p += PRIOR_TWO_LAYERS * (layers - 1)
    return p + sum(PRIOR_FIX.get(f, 1.0) for f in fixes)


_RARE_CODECS = {
    "mac-cyrillic",
    "koi8-u",
    "cp866",
    "iso8859-2",
    "iso8859-7",
    "cp1254",
    "gb18030",
    "cp1257",
    "cp437",
    "mac-roman",
}


@functools.lru_cache(maxsize=4096)
def readings(run: str) -> tuple[tuple[str, str, float, str], ...]:
    """Candidate readings of *run*: ``(text, what was undone, prior cost, key)``, unsorted.

    The key names the path (wrong reader and real codec) so that runs of one line can
    be checked for a common explanation. Results are cached (runs repeat on a page).
    """
    return tuple(_readings(run))


def _readings(run: str) -> list[tuple[str, str, float, str]]:
    out: list[tuple[str, str, float, str]] = []
    data, mixed = latin_bytes(run)
    how = "read as Latin-1 by a UTF-8-first decoder" if mixed else _latin_label(run)
    for target in LATIN_TARGETS:
        got = decode_restoring(data, target)
        if target in _DOUBLE_BYTE:
            lat = decode_lattice(run, target)
            if lat is not None and lat[0] != run and (got is None or lat[0] != got[0]):
                out.append(
                    (
                        lat[0],
                        _explain(codec_name(target), how, lat[1]),
                        _prior(target, lat[1]) + lat[2],
                        "L>" + target,
                    )
                )
        if target == "utf-8" and got is None and _UTF8_COMPLETE.search(data):
            gaps = decode_gaps(data)
            if gaps is not None:
                fixes = ["C1 byte (gap)"] * gaps[1]
                out.append(
                    (gaps[0], _explain("UTF-8", how, fixes), _prior(target, fixes), "L>utf-8")
                )
        if got is None:
            continue
        text, fixes = got
        if text == run:
            continue
        out.append(
            (text, _explain(codec_name(target), how, fixes), _prior(target, fixes), "L>" + target)
        )
        if target == "utf-8" and not text.isascii():
            # two layers: UTF-8 read as cp1252, whose own bytes were a legacy reading
            inner, inner_mixed = latin_bytes(text)
            if inner_mixed:
                continue
            for t2 in LATIN_TARGETS:
                got2 = decode_restoring(inner, t2, max_fixes=4)
                if got2 is None or got2[0] == text:
                    continue
                out.append(
                    (
                        got2[0],
                        _explain(
                            codec_name(t2),
                            "read as Latin-1, then as UTF-8 read as cp1252",
                            got2[1] + fixes,
                        ),
                        _prior(t2, got2[1] + fixes, 2),
                        "L>utf-8>L>" + t2,
                    )
                )
    if not run.isascii():
        pieces = run.split("\ufffd")
        for reader in UTF8_READERS:
            try:
                parts = [p.encode(reader, _C1_AS_BYTES) for p in pieces]
            except UnicodeEncodeError:
                continue
            wild = set()
            buf = bytearray()
            for i, part in enumerate(parts):
                if i:
                    wild.add(len(buf))
                    buf.append(0x80)
                buf += part
            raw, lost = bytes(buf), frozenset(wild)
            if not lost and data == raw:
                continue
            got = None
            if lost:
                text = decode_lost_utf8(raw, lost, reader)
                if text is not None:
                    got = (text, ["lost byte guessed"] * len(lost))
            if got is None:
                got = decode_restoring(raw, "utf-8", lost, max_fixes=max(12, len(lost) + 4))
            if got is None or got[0] == run:
                continue
            out.append(
                (
                    got[0],
                    _explain("UTF-8", f"read as {codec_name(reader)}", got[1]),
                    _prior(reader, got[1]),
                    reader + ">utf-8",
                )
            )
    return out


def _latin_label(run: str) -> str:
    cp = _cp1252_bytes()
    if any(ch in cp for ch in run):
        return "read as cp1252"
    return "read as Latin-1"


def _explain(codec: str, how: str, fixes: list[str]) -> str:
    text = f"{codec} {how}"
    if fixes:
        counts: dict[str, int] = {}
        for f in fixes:
            counts[f] = counts.get(f, 0) + 1
        parts = [
            f"lost {k.replace(' (gap)', '')} restored" + (f" ×{v}" if v > 1 else "")
            for k, v in counts.items()
        ]
        text += "; " + ", ".join(parts)
    return text


# ---------------------------------------------------------------- Latin read as Latin

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


def latin_relabels(line: str) -> list[tuple[str, str, float]]:
    """Readings of *line* as another Latin code page: ``(text, codec, prior)``.

    The line is turned back into the bytes a cp1252 / Latin-1 decoder saw and decoded
    with each code page of :data:`LATIN_RELABELS`. A reading is kept only if every
    character it changes becomes a letter, and every sign it turns into a letter
    touches a letter (``Va¹e`` → ``Vaše``; a lone ``©`` stays). Lengths never change.

    >>> [(t, c) for t, c, _ in latin_relabels("Nepostojeæi tip")][:2]
    [('Nepostojeći tip', 'cp1250'), ('Nepostojeęi tip', 'cp1257')]
    """
    data, mixed = latin_bytes(line)
    if mixed:
        return []
    out: list[tuple[str, str, float]] = []
    seen = {line}
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
            if not b.isalpha() or (
                not a.isalpha()
                and not "\x80" <= a <= "\x9f"
                and not ((i > 0 and line[i - 1].isalpha()) or (i + 1 < n and line[i + 1].isalpha()))
            ):
                ok = False
                break
        if ok:
            out.append((text, codec, prior))
    return out
