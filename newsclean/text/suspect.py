"""The fast path of repair: could a line hold mojibake at all? (cheap tests)

Most text is correct, and a page's lines are tested before any candidate reading is
made: :func:`looks_recodable` looks for the marks a run decoded with a codec of
another family leaves (UTF-8, CJK, Cyrillic ... read as Latin-1, cp1252 or another
code page), :func:`latin_suspect` for a Latin code page read as another (cp1250 as
cp1252). Lines that pass neither are left as they are. Nothing heavy is imported until
a line needs it.
"""

from __future__ import annotations

import functools
import re


@functools.lru_cache(maxsize=1)
def _suspect_re() -> re.Pattern[str]:
    """Character patterns that mojibake leaves whatever the codecs (one cheap regex)."""
    from newsclean.text.rebuild import cp1252_bytes

    high = "\u00a1-\u00ff" + re.escape("".join(cp1252_bytes()))
    parts = [
        "[\u0080-\u009f\ufffd\ue000-\uf8ff\u2500-\u257f]",  # C1, replacement, private use, box drawing
        # four high Latin-1 / cp1252 characters in a row, or a Latin-1 sign, an ASCII
        # character and a high one (a double-byte code page read as cp1252: Big5
        # "ªL´f¬Â" for "林惠玲", its trail bytes ASCII; not a soft hyphen: "Mar­i­on")
        f"[{high}](?:[{high}]{{3}}"
        "|(?<=[\u00a1-\u00ac\u00ae-\u00bf])[\x40-\x7e][\u00a1-\u00ac\u00ae-\u00ff])",
        # one alternative from a Latin-1 letter (a cheap first test at each position):
        # - glued to a far character after it (a combining mark is no sign)
        #   ([^…] below is U+0100-U+02FF, U+0370-U+1FFF and U+2190-U+FFFF: quicker to compile);
        # - after a rare letter of a 2-byte UTF-8 sequence (not Latin Extended-A, not
        #   Romanian's ș ț): "ȮÀå", bytes of a legacy code page, some read as UTF-8, the
        #   rest as Latin-1;
        # - a capital leading a 2-byte UTF-8 sequence inside a small word, its
        #   continuation byte (a C1 control) dropped ("wartoÅci"), or a lead whose
        #   no-break space was lost ("voilÃ le");
        # - a lead alone at a word start whose no-break space became a space, before a
        #   small letter ("Å ablono" for "Šablono")
        "[\u00c0-\u00ff](?:"
        "[^\x00-\xff\u0300-\u036f\u2000-\u218f\U00010000-\U0010ffff]"
        "|(?<=[\u0180-\u0217\u021c-\u02ff\u0370-\u07ff].)"
        "|(?<=[a-z][\u00c2-\u00df])(?:[a-z]|(?<=[\u00c2\u00c3])[ \u00a0])"
        "|(?<=[\u00c4\u00c5])(?<![^\\W\\d_].) [a-z])",
        # the lead byte of a UTF-8 punctuation mark (E2) whose two other bytes were lost,
        # after a letter: at the end of a word or before a sign ("contactâ.", "popupâ¦"),
        # or where an apostrophe would stand: before an English clitic ending the word
        # ("itâs", "donât": 't after an n only), or after an elided word before a vowel or an h
        # ("dâeffacement", "quâil"); the search then tells them from "mâine" ("Târgu",
        # "pâte", "Tây" are not sent on)
        "\u00e2(?<=[^\\W\\d_]\u00e2)(?![^\\W\\d_])",
        "\u00e2(?<=[^\\W\\d_]\u00e2)(?i:s|d|m|ll|re|ve|(?<=n\u00e2)t)(?![^\\W\\d_])",
        "\u00e2(?:(?<=[cdjlmnstCDJLMNST]\u00e2)(?<![^\\W\\d_].\u00e2)"
        "|(?<=[qQ][uU]\u00e2)(?<![^\\W\\d_]..\u00e2))"
        "(?i:[aeiouh\u00e0-\u00e6\u00e8-\u00ef\u00f2-\u00f6\u00f9-\u00fc\u0153])",
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
UTF8_SEQ = re.compile(
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

#: A letter outside Latin-1 glued to an ASCII letter, on either side (a word of two scripts).
_GLUED = re.compile(r"[A-Za-z][^\W\d_\x00-\u024f]|[^\W\d_\x00-\u024f][A-Za-z]")
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
        seqs = UTF8_SEQ.findall(data)
        if not seqs:
            continue
        covered = sum(map(len, seqs))
        # letters outside the sequences (punctuation such as curly quotes does not count)
        stray = sum(
            1 for ch in UTF8_SEQ.sub(b"", data).decode(reader) if ch.isalpha() and not ch.isascii()
        )
        if stray > covered * (1.0 if latin else 0.15):
            continue
        joined = b"".join(seqs)
        if not latin and _one_script_cased(joined.decode(reader)) and not _GLUED.search(text):
            continue  # "ВІКІ": ordinary capitals of the reader's own script (not glued
            # to Latin letters inside a word: "zaДЌetku")
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
    return not plain(text) and (looks_recodable(text) or latin_suspect(text))


@functools.lru_cache(maxsize=1)
def _unplain_re() -> re.Pattern[str]:
    """Where a line is not :func:`plain`: a character that is neither ASCII nor a mark of
    *marks*, or two marks together."""
    from newsclean.text.rebuild import cp1252_bytes

    change = _latin_res()[1]
    marks = re.escape(
        "\u00a0"
        + "".join(ch for ch in cp1252_bytes() if not ch.isalpha() and not change.search(ch))
    )
    return re.compile(f"[^\x00-\x7f{marks}]|[{marks}]{{2}}")


def plain(text: str) -> bool:
    """Whether the only characters of *text* that are not ASCII are typographic marks
    cp1252 has (curly quotes, dashes, an ellipsis, a bullet ...) or a no-break space,
    none next to another: text that neither test below can find suspicious (one regex
    pass where the tests take several).

    Neither finds such text suspicious: each of :func:`looks_recodable`'s signs needs a
    character that is no such mark (a C1 control, a Latin-1 character, box drawing, a
    character from U+3000 up) or two characters that are not ASCII in a row (a run of
    four, a UTF-8 lead and continuation byte as a code page reads them);
    :func:`latin_suspect` needs a character another Latin code page reads differently,
    and the marks are none.

    >>> plain("“Yes,” she said — twice…"), plain("CafÃ© au lait"), plain("it’’s")
    (True, False, False)
    """
    return text.isascii() or _unplain_re().search(text) is None


@functools.lru_cache(maxsize=1)
def _from_u3000() -> re.Pattern[str]:
    """Any character from U+3000 up (a negated class: it compiles fast, and searches a line
    far faster than ``max(text)`` walks it)."""
    return re.compile(r"[^\x00-\u2fff]")


def looks_recodable(text: str) -> bool:
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


#: What a letter pair may cost at most to count as common for :func:`latin_suspect`.
_LATIN_COMMON = 6.0


@functools.lru_cache(maxsize=1)
def _latin_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    from newsclean.text.rebuild import cp1252_bytes
    from newsclean.text.relabel import LATIN_RELABELS

    specials = "".join(cp1252_bytes())
    changeable = set()
    for b in range(0x80, 0x100):
        here = _decode1(b, "cp1252") or chr(b)
        for codec, _ in LATIN_RELABELS:
            there = _decode1(b, codec)
            if there and there.isalpha() and b < 0xA0:
                # a C1 control is a byte Latin-1 left undecoded, whatever cp1252 reads
                changeable.add(chr(b))
            if there and there != here and there.isalpha():
                changeable.add(here)
    # text a cp1252 / Latin-1 decoder can have produced, and characters another Latin
    # code page would read differently
    foreign = re.compile(f"[^\x00-\xff{re.escape(specials)}]")
    change = re.compile(f"[{re.escape(''.join(sorted(changeable)))}]")
    return foreign, change


@functools.cache
def _other_readings(ch: str) -> tuple[str, ...]:
    """Lower-case letters other Latin code pages read the byte of *ch* as."""
    from newsclean.text.rebuild import latin_bytes
    from newsclean.text.relabel import LATIN_RELABELS

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


def latin_suspect(line: str) -> bool:
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
        if _foreign_in_word(low, i):
            return True
    return False


def _foreign_in_word(low: str, i: int) -> bool:
    """Is letter *i* of the lower-cased *low* foreign to the language that best explains
    its word (``gyûjtemény``: Hungarian writes ``ű``; not ``sûr`` or ``planète``)? A word
    no language explains counts too (``gyûjtemény`` is not Hungarian enough)."""
    from newsclean.text.plausibility import foreign_letter

    start, end = i, i + 1
    while start > 0 and low[start - 1].isalpha():
        start -= 1
    while end < len(low) and low[end].isalpha():
        end += 1
    return end - start > 2 and foreign_letter(low[start:end], low[i], unexplained=False)


def lead_chars() -> dict[str, int]:
    """Characters the code pages of :data:`_UTF8_READERS_FAST` make of a UTF-8 lead
    byte (each with a bit mask of the readers that do)."""
    return _lead_cont()[1]
