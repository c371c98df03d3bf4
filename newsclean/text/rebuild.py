"""Rebuild the bytes a wrong decoder saw, and decode them again, restoring lost bytes.

A run of mojibake is text that was decoded with the wrong codec. To undo it we turn the
text back into the bytes the wrong decoder saw (:func:`latin_bytes`, or an encoder with
:data:`C1_AS_BYTES`), then decode those bytes with the right codec
(:func:`decode_restoring`), putting back bytes commonly lost on the way. Which codec is
right is decided elsewhere (:mod:`newsclean.text.readings` lists the candidates,
:mod:`newsclean.text.search` chooses).

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

from newsclean.text.plausibility import PAIR_BONUS_MAX, char_cost, pair_cost

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
DOUBLE_BYTE = {"gbk", "gb18030", "big5", "cp932", "euc-jp", "cp949", "shift_jis", "euc-kr"}

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
def cp1252_bytes() -> dict[str, int]:
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
    cp = cp1252_bytes()
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


def _c1_as_bytes(err: UnicodeError) -> tuple[bytes, int]:
    """Encode error handler: a C1 control stands for the byte of the same value (a byte
    the code page leaves undefined, kept as U+0080-U+009F by a WHATWG-style decoder)."""
    if not isinstance(err, UnicodeEncodeError):
        raise err
    chunk = err.object[err.start : err.end]
    if all("\x80" <= ch <= "\x9f" for ch in chunk):
        return bytes(ord(ch) for ch in chunk), err.end
    raise err


C1_AS_BYTES = "newsclean-c1-as-bytes"
codecs.register_error(C1_AS_BYTES, _c1_as_bytes)


def utf8_len(lead: int) -> int:
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
    lost = set(wild)
    utf8 = codec == "utf-8"
    for _ in range(max_fixes + 1):
        if lost:
            pos = min(lost)
            best = _guess_wild(buf, pos, codec)
            if best is None:
                return None
            buf[pos] = best
            lost.discard(pos)
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
                need = utf8_len(buf[p]) - (q - p)
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
                if codec not in DOUBLE_BYTE or q - p != 1 or buf[p] < 0x81:
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
    a tie). Pair costs are never negative but between CJK characters, so the search
    stops at the first character whose own cost, less the largest CJK pair bonus after
    a CJK character, already exceeds the best total."""
    best: tuple[float, int, bytes, str] | None = None
    slack = PAIR_BONUS_MAX if prev >= "\u3000" else 0.0
    for own, k, ch, combo, label in _completions(head, need):
        if best is not None and own - slack > best[0]:
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
