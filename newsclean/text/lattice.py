"""Reading a run in a double-byte codec: a lattice of byte paths, the best one chosen.

A run read as Latin-1 / cp1252 by a UTF-8-first decoder holds characters of two kinds:
most stand for their one Latin-1 / cp1252 byte, but some may stand for the UTF-8
sequence the decoder made of them. On the way, soft hyphens (0xAD) may have been dropped
as invisible and no-break spaces (0xA0) turned into spaces. :func:`decode_lattice`
walks all these byte paths through a double-byte codec (GBK, Big5, Shift-JIS, ...) at
once, keeping the :data:`LATTICE_BEAM` cheapest per state, and every character it
emits is scored with the character model.
"""

from __future__ import annotations

import functools
import operator
from typing import NamedTuple

from newsclean.text.plausibility import char_cost, pair_cost
from newsclean.text.priors import PRIOR_FIX
from newsclean.text.rebuild import cp1252_bytes

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
LATTICE_BEAM = 2
#: The state of a path that has no lead byte pending.
_NO_LEAD = -1


class Fix(NamedTuple):
    """A byte a path restores: which (``"0xAD"``, ``"0xA0"``) and the prior it pays."""

    byte: str
    prior: float


#: A soft hyphen lost after a lead byte, where the next byte did not pair (the decoder
#: would have failed there).
SHY = Fix("0xAD", 0.0)
#: A soft hyphen lost after a lead byte although the next byte pairs (nothing signals it).
SHY_SILENT = Fix("0xAD", PRIOR_SILENT_SHY)
#: A soft hyphen lost where it was a lead byte.
SHY_LEAD = Fix("0xAD", PRIOR_LOST_LEAD)
#: A no-break space turned into a space after a lead byte.
NBSP = Fix("0xA0", 0.0)


class _Node(NamedTuple):
    """One character of a path, linked to the one before (paths share their past)."""

    char: str
    fix: Fix | None
    parent: _Node | None


class _Path(NamedTuple):
    """A path through the lattice so far."""

    cost: float
    #: The last character emitted ("" at the start).
    prev: str
    #: The last node of the characters emitted.
    out: _Node | None
    #: How many bytes it restored.
    fixes: int
    #: How many characters it read as their UTF-8 bytes.
    alts: int


class LatticeReading(NamedTuple):
    """The best path: its text, the bytes it restored, and its extra prior."""

    text: str
    fixes: list[str]
    prior: float


_cost_key = operator.itemgetter(0)
#: A state: the lead byte pending (or :data:`_NO_LEAD`) and the paths that reach it.
_States = dict[int, list[_Path]]


def decode_lattice(run: str, codec: str) -> LatticeReading | None:
    """Best reading of *run* in a double-byte *codec*, choosing per character between its
    Latin-1 / cp1252 byte and its UTF-8 bytes, and restoring soft hyphens (0xAD) lost
    after lead bytes, and no-break spaces (0xA0) turned into spaces.

    Returns the text, the list of restored bytes and the extra prior cost of the path
    (UTF-8 choices, soft hyphens restored where nothing signalled them), or None if no
    path decodes. Every character is scored with the character model.

    >>> decode_lattice("\u00b4\u02f6\u00d4\u00cf\u00f3\u00fb\u00d3\u00d0", "gbk").text
    '此对象没有'
    >>> decode_lattice("\x82\x82\u00be\x82\u00b3\x82\u00a2", "shift_jis")[:2]
    ('ください', ['0xAD'])
    """
    feed = _Feeder(codec)
    states: _States = {_NO_LEAD: [_Path(0.0, "", None, 0, 0)]}
    for alts in _byte_options(run):
        nxt: _States = {}
        for data, prior in alts:
            table = {
                k: [_Path(p.cost + prior, p.prev, p.out, p.fixes, p.alts + (prior > 0)) for p in v]
                for k, v in states.items()
            }
            for b in data:
                table = feed(table, b)
                if not table:
                    break
            for k, v in table.items():
                for path in v:
                    _add(nxt, k, path)
        states = nxt
        if not states:
            return None
    finals = list(states.get(_NO_LEAD, []))
    for pending, paths in states.items():
        if pending >= 0:
            shy = _pair(codec, pending, 0xAD)
            if shy is not None:
                finals.extend(_emit(p, shy, 0.0, SHY) for p in paths)
    if not finals:
        return None
    best = min(finals, key=lambda p: p.cost + PRIOR_FIX["0xAD"] * p.fixes)
    chars: list[str] = []
    marks: list[Fix] = []
    node = best.out
    while node is not None:
        chars.append(node.char)
        if node.fix:
            marks.append(node.fix)
        node = node.parent
    chars.reverse()
    marks.reverse()
    silent = sum(1 for f in marks if f is SHY_SILENT)
    leading = sum(1 for f in marks if f is SHY_LEAD)
    return LatticeReading(
        "".join(chars),
        [f.byte for f in marks] + ["lost byte guessed"] * _guessed(run),
        PRIOR_UTF8_ALT * best.alts + PRIOR_SILENT_SHY * silent + PRIOR_LOST_LEAD * leading,
    )


def _emit(path: _Path, ch: str, extra: float = 0.0, fix: Fix | None = None) -> _Path:
    """*path* with *ch* emitted (scored with the one before), restoring *fix* on the way."""
    c = path.cost + (char_cost(ch) + (pair_cost(path.prev, ch) if path.prev else 0.0) + extra)
    return _Path(c, ch, _Node(ch, fix, path.out), path.fixes + (1 if fix else 0), path.alts)


def _add(table: _States, key: int, path: _Path) -> None:
    """Keep *path* in state *key* if it is among the :data:`LATTICE_BEAM` cheapest."""
    lst = table.get(key)
    if lst is None:
        table[key] = [path]
        return
    if len(lst) < LATTICE_BEAM:
        lst.append(path)
        return
    # keep the cheapest (a stable sort: the earlier of equals stays)
    if path.cost >= max(lst, key=_cost_key).cost:
        return
    lst.append(path)
    lst.sort(key=_cost_key)
    del lst[LATTICE_BEAM:]


class _Feeder:
    """Moves the paths of a lattice on by one byte in *codec*."""

    def __init__(self, codec: str) -> None:
        self.codec = codec
        self.singles, self.leads = _double_byte_table(codec)
        self.shy_lead = 0xAD in self.leads

    def __call__(self, table_in: _States, b: int) -> _States:
        table_out: _States = {}
        for pending, paths in table_in.items():
            for path in paths:
                if pending < 0:
                    self._single(table_out, path, b)
                else:
                    self._trail(table_out, path, pending, b)
        return table_out

    def _single(self, table_out: _States, path: _Path, b: int) -> None:
        """Byte *b* with no lead byte pending: a character of its own, a lead byte, or
        the trail byte of a pair whose lead (a soft hyphen) was lost."""
        ch = self.singles[b]
        if ch is not None:
            _add(table_out, _NO_LEAD, _emit(path, ch))
        if b in self.leads:
            _add(table_out, b, path)
        if self.shy_lead and b >= 0x40:
            # a soft hyphen lost where it was the lead byte (Big5 "們" is AD CC)
            lost = _pair(self.codec, 0xAD, b)
            if lost is not None:
                _add(table_out, _NO_LEAD, _emit(path, lost, PRIOR_LOST_LEAD, SHY_LEAD))

    def _trail(self, table_out: _States, path: _Path, pending: int, b: int) -> None:
        """Byte *b* after lead byte *pending*: the pair, or a soft hyphen lost between
        them (*b* then starts anew), or a no-break space turned into a space."""
        codec, singles = self.codec, self.singles
        ch = _pair(codec, pending, b)
        if ch is not None:
            _add(table_out, _NO_LEAD, _emit(path, ch))
        shy = _pair(codec, pending, 0xAD)
        if shy is not None:
            if ch is None:
                lost = _emit(path, shy, 0.0, SHY)
            else:
                lost = _emit(path, shy, PRIOR_SILENT_SHY, SHY_SILENT)
            single = singles[b]
            if single is not None:
                _add(table_out, _NO_LEAD, _emit(lost, single))
            if b in self.leads:
                _add(table_out, b, lost)
        if b == 0x20:
            nb = _pair(codec, pending, 0xA0)
            if nb is not None:
                _add(table_out, _NO_LEAD, _emit(path, nb, 0.0, NBSP))


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


#: The bytes cp1252 leaves undefined: a cp1252 reader that replaces what it cannot
#: decode made each of them a U+FFFD (in Shift-JIS 0x81 leads ``ー``, ``。``, ``、``).
_CP1252_UNDEFINED = tuple((bytes([b]), 0.0) for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D))
#: A run in which U+FFFD are more than this share of the non-ASCII characters is not
#: guessed (``It�¢��s``: too little is left to go on).
_LOST_SHARE = 0.5


def _guessed(run: str) -> int:
    """How many U+FFFD of *run* the lattice guesses (see :func:`_byte_options`)."""
    lost = run.count("\ufffd")
    return 0 if lost > _LOST_SHARE * sum(1 for ch in run if ord(ch) > 0x7F) else lost


def _byte_options(run: str) -> list[tuple[tuple[bytes, float], ...]]:
    """For each character of *run*, the byte strings it may stand for, with a prior.

    Only where the run holds characters a Latin-1 / cp1252 decoder cannot have made
    (so a UTF-8-first decoder read it) may a Latin-1 character be a UTF-8 sequence. A
    U+FFFD is one of the bytes cp1252 leaves undefined (a cp1252 reader replaced it).
    """
    cp = cp1252_bytes()
    lost = _guessed(run)
    mixed = any(ord(ch) > 0xFF and ch not in cp and (ch != "\ufffd" or not lost) for ch in run)
    out: list[tuple[tuple[bytes, float], ...]] = []
    for ch in run:
        o = ord(ch)
        if o < 0x80:
            out.append(((bytes([o]), 0.0),))
        elif ch == "\ufffd" and lost:
            out.append(_CP1252_UNDEFINED)
        elif o <= 0xFF or ch in cp:
            one = bytes([o]) if o <= 0xFF else bytes([cp[ch]])
            if mixed and (o >= 0xA0 or ch in cp):
                out.append(((one, 0.0), (ch.encode("utf-8"), PRIOR_UTF8_ALT)))
            else:
                out.append(((one, 0.0),))
        else:
            out.append(((ch.encode("utf-8", "surrogatepass"), 0.0),))
    return out
