"""Prior costs of the readings of a run: how rare the accident each one assumes is.

A reading's prior is added to the plausibility cost of its text
(:mod:`newsclean.text.plausibility`): a rarer codec, a second layer of misreading or a
byte restored on the way must earn its place with a more plausible text.

>>> reading_prior("utf-8", []), reading_prior("gbk", ["0xAD"]), reading_prior("mac-roman", [])
(0.0, 2.0, 4.0)
"""

from __future__ import annotations

from collections.abc import Iterable

#: The prior of a reading in UTF-8, and in a legacy codec.
PRIOR_CODEC = 0.0
PRIOR_LEGACY = 1.0
#: Extra prior of a legacy codec seldom seen on the web.
PRIOR_RARE = 1.0
#: Extra prior, on top of :data:`PRIOR_RARE`, of text written in a DOS or Mac code page:
#: a trace of the web's pages (13 bits in :data:`newsclean.text.evidence.ENCODING_PRIOR`,
#: cp1251 3.3), so such a reading must beat its Windows sibling by more than a capital
#: letter (Mac Cyrillic reads cp1251's capitals as punctuation: ``“ова`` for ``Това``).
#: UTF-8 shown by a DOS or Mac reader (``ben├╢tigt``) is another accident and does not pay it.
PRIOR_TRACE = 2.0
#: Extra prior of each layer of misreading beyond the first.
PRIOR_TWO_LAYERS = 4.0
#: Prior of each byte restored, by what it was (see :func:`newsclean.text.rebuild.decode_restoring`
#: and :func:`newsclean.text.gaps.decode_gaps`); others cost :data:`PRIOR_FIX_OTHER`.
PRIOR_FIX = {
    "0xAD": 1.0,
    "0xA0": 1.0,
    "C1 byte": 2.5,
    "C1 byte (gap)": 1.5,
    "lost byte guessed": 0.5,
}
PRIOR_FIX_OTHER = 1.0
#: Legacy codecs seldom seen on the web (they pay :data:`PRIOR_RARE`).
RARE_CODECS = frozenset(
    {
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
)

#: The DOS and Mac code pages (they pay :data:`PRIOR_TRACE` too).
TRACE_CODECS = frozenset({"mac-cyrillic", "cp866", "cp437", "mac-roman"})


def reading_prior(
    codec: str, fixes: Iterable[str], layers: int = 1, *, reader: bool = False
) -> float:
    """The prior of reading a run in *codec* with the bytes of *fixes* restored, through
    *layers* misreadings; *reader*: *codec* is the one UTF-8 was wrongly read with."""
    p = PRIOR_CODEC if codec == "utf-8" else PRIOR_LEGACY
    if codec in RARE_CODECS:
        p += PRIOR_RARE
    if codec in TRACE_CODECS and not reader:
        p += PRIOR_TRACE
    p += PRIOR_TWO_LAYERS * (layers - 1)
    return p + sum(PRIOR_FIX.get(f, PRIOR_FIX_OTHER) for f in fixes)
