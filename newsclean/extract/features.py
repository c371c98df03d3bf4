"""One cheap pass over the lines: the features every later step reads.

Each non-blank line gets its size in words, its function-word density, whether
it ends like a sentence, whether it looks like a menu item, and the verdict of
the named line rules (:mod:`newsclean.extract.rules`). From those it gets a
class, as in jusText:

``good``
    running prose: long enough and dense in function words;
``near``
    medium evidence of prose (a shorter sentence, a long line of few function words);
``short``
    too short to judge alone (subheads, list items, menu entries): context decides;
``bad``
    boilerplate: a named rule matched, or a long line with no sign of prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from functools import lru_cache
from itertools import compress, repeat
from operator import attrgetter, is_
from typing import cast

from newsclean.extract import lexicon
from newsclean.extract.languages import (
    CJK_LANGUAGES,
    WORD,
    cjk_count,
    density,
    detect_language,
    thresholds,
    unspaced_words,
)
from newsclean.extract.metadata import is_byline, is_date_line
from newsclean.extract.rules import Hit, match_rule

#: Characters that end a sentence (Latin, CJK, quotes and ellipses after them; the Indic
#: danda, Arabic question mark, Urdu full stop, Armenian, Myanmar, Ethiopic and Khmer stops).
SENTENCE_END = tuple('.!?。！？…"”’»」』)।॥؟۔։။።។')
_IMAGE_ID = re.compile(
    r"[0-9a-fA-F]{20,}|\d{12,}|\.(?:jpe?g|png|gif|webp|svg|avif)(?:\?\S*)?$", re.IGNORECASE
)
_TAIL_NOTE = re.compile(
    r"contributed (?:to )?this (?:report|story|article)|this (?:report|story|article) (?:by .{1,40} )?(?:was|has been|is) "
    r"(?:first |originally |updated|corrected|produced|published)"
    # (where, not when: "First published on Nov 20, 2019" is a date note, not a closing one)
    rf"|(?:first|originally) published (?!(?:on |in )?(?:\d|{lexicon.EN_MONTH_WORD}))(?:on|in|at|by)? ?\w"
    r"|additional reporting by|(?:reporting|editing|writing) by \w|este (?:texto|artigo|conteúdo) foi|dieser (?:artikel|beitrag|text) (?:wurde|erschien)"
    r"|questo articolo è stato|cet article a été|este art[ií]culo (?:fue|se publicó)|эта статья (?:была|впервые)",
    re.IGNORECASE,
)
_TAIL_WORDS = frozenset(
    "contributed report story article published reporting editing writing texto artigo conteúdo "
    "artikel beitrag text articolo artículo статья".split()
)
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
_URL = re.compile(
    r"^(?:[a-z][\w+.-]{1,9}://|www\.|mailto:|javascript:)\S+$|^\S+\.(?:com|org|net|co\.\w\w|\w\w)/\S*$",
    re.IGNORECASE,
)


def is_bare_url(text: str) -> bool:
    """Whether the stripped line *text* is one web address and nothing else.

    >>> is_bare_url("https://example.com/news/2025/story"), is_bare_url("See example.com/news")
    (True, False)
    """
    return " " not in text and "." in text and _URL.match(text) is not None


#: Language detection reads the page's longer lines of prose: at least this many
#: characters, at most this many lines, and the tokens of at most this many lines of at
#: least this many tokens.
LANGUAGE_LINE_CHARS = 25
LANGUAGE_LINES = 200
LANGUAGE_TOKEN_LINES = 80
LANGUAGE_LINE_TOKENS = 10
#: The longest lines (in words) that are tried as a byline, a date line or a
#: closing note; longer lines are prose, whatever they hold.
BYLINE_MAX_WORDS = 20
DATE_LINE_MAX_WORDS = 16
CLOSING_NOTE_MAX_WORDS = 40
#: A single token at least this long with a hex or digit run is an image id.
IMAGE_ID_CHARS = 16

#: The evidence of a note that closes a news story ("This report was first published ..."),
#: which the rules keep as part of it.
CLOSING_NOTE = "closing note of a news story"


@dataclass(slots=True)
class Line:
    """One input line with its features and, later, its verdict."""

    number: int
    raw: str
    text: str
    words: int = 0
    density: float = 0.0
    ends_sentence: bool = False
    hit: Hit | None = None
    byline: bool = False
    date_line: bool = False
    cls: str = "blank"
    #: Link text of an HTML page (menu entries, link lists): the line rules skipped it.
    link: bool = False
    #: Evidence for the class, in a few words.
    why: str = ""
    # --- verdict, filled by the region and assembly steps ---
    keep: bool = False
    role: str = "blank"
    reason: str = ""
    rule: str = ""
    evidence: str = ""
    #: The lowercased ``\\w+`` tokens of the text, when :func:`page_lines` made them.
    tokens: list[str] | None = field(default=None, repr=False, compare=False)

    @property
    def blank(self) -> bool:
        return not self.text

    def judge(
        self, keep: bool, role: str, reason: str = "", rule: str = "", evidence: str = ""
    ) -> None:
        """Give the line its verdict: kept or not, its role, and why."""
        self.keep, self.role, self.reason, self.rule, self.evidence = (
            keep,
            role,
            reason,
            rule,
            evidence,
        )


@dataclass(frozen=True)
class Limits:
    """The thresholds of the classes; shifted by ``Options.favor``."""

    #: Words a line needs to be judged on density (fewer: ``short``).
    short_words: int = 6
    #: Words for a ``good`` line.
    good_words: int = 12
    #: Lines of fewer words that do not end like a sentence read as headlines (``short``).
    headline_words: int = 15
    #: Multipliers of the language's (low, high) density thresholds.
    density_scale: float = 1.0


#: The values of a :class:`Limits`, the part of the line cache's key that it gives.
_LIMIT_VALUES = attrgetter(*(limit.name for limit in fields(Limits)))


@lru_cache(maxsize=64)
def _scaled_thresholds(language: str | None, scale: float) -> tuple[float, float]:
    low, high = thresholds(language)
    return low * scale, high * scale


def page_lines(
    raw_lines: list[str], limits: Limits, links: list[bool] | None = None
) -> tuple[list[Line], str | None]:
    """Features and classes of all lines of a page, and the page's language.

    The lines are tokenized once; the language is guessed from those tokens.
    Lines flagged in *links* (an HTML page's menu entries and link lists, which the
    markup already judges) only get their size and the class ``bad``.

    >>> lines, language = page_lines(["Menu", "", "Die Regierung hat am Montag einen neuen Plan vorgestellt, der die Kosten senken soll."], Limits())
    >>> language, [line.cls for line in lines]
    ('de', ['bad', 'blank', 'good'])
    """
    stripped = [raw.strip() for raw in raw_lines]
    tokens = _tokenize(stripped)
    flags = list(links or ())
    flags += [False] * (len(raw_lines) - len(flags))
    # The longer lines of prose are enough to tell the language (and cheaper than all of them).
    # Links are not prose: neither the lines the markup flags nor bare addresses (a lynx
    # dump lists every link's address at its end, whose "com", "en" and "www" would count
    # as a Romance language's words and outweigh a Japanese page's characters).
    # (the address test only on the lines long enough to be read)
    language = detect_language(
        [
            t
            for t, link in zip(stripped, flags)
            if len(t) >= LANGUAGE_LINE_CHARS and not link and not is_bare_url(t)
        ][:LANGUAGE_LINES],
        [
            k
            for k, t, link in zip(tokens, stripped, flags)
            if len(k) >= LANGUAGE_LINE_TOKENS and not link and not is_bare_url(t)
        ][:LANGUAGE_TOKEN_LINES],
    )
    lines, known = [], known_lines(language, limits)
    for number, (raw, text, toks, link) in enumerate(
        zip(raw_lines, stripped, tokens, flags), start=1
    ):
        if not text:
            lines.append(Line(number, raw, text))
        elif link:
            lines.append(
                Line(number, raw, text, words=len(toks), cls="bad", link=True, why="link text")
            )
        else:
            lines.append(line_features(number, raw, language, limits, toks, text, known))
        lines[-1].tokens = toks
    return lines, language


def _tokenize(texts: list[str]) -> list[list[str]]:
    """The lowercased ``\\w+`` words of each of *texts*. Those of short lines (menus, share
    widgets, footers), which repeat within a page and across the pages of a site, are
    looked up by text (the lists are shared: no step changes them)."""
    tokens: list[list[str] | None] = list(map(_TOKENS.get, texts))
    for index in compress(range(len(tokens)), map(is_, tokens, repeat(None))):
        text = texts[index]
        found = tokens[index] = WORD.findall(text.lower())
        if len(text) <= _TOKENS_CHARS:
            if len(_TOKENS) >= _CACHE_SIZE:
                _TOKENS.clear()
                _TOKENS[""] = []
            _TOKENS[text] = found
    return cast(list[list[str]], tokens)  # (no None is left)


def line_classes(lines: list[Line]) -> list[tuple]:
    """What the steps after :func:`page_lines` change on each of *lines* (its rule hit,
    byline and date marks, class and evidence), to be put back by :func:`restore_classes`."""
    return [(line.hit, line.byline, line.date_line, line.cls, line.why) for line in lines]


def restore_classes(lines: list[Line], classes: list[tuple]) -> None:
    """Give *lines* back the *classes* :func:`line_classes` saved, and no verdict: the lines
    :func:`page_lines` made, for reading the page again."""
    for line, saved in zip(lines, classes):
        line.hit, line.byline, line.date_line, line.cls, line.why = saved
        line.keep, line.role, line.reason, line.rule, line.evidence = False, "blank", "", "", ""


def line_features(
    number: int,
    raw: str,
    language: str | None,
    limits: Limits,
    tokens: list[str] | None = None,
    text: str | None = None,
    known: dict[str, tuple] | None = None,
) -> Line:
    """Compute the features and the class of one line (*known*: :func:`known_lines` for
    *language* and *limits*, when the caller has it).

    The function is long on purpose: it runs on every line of every page, and its
    tests are ordered cheapest first in one body, so a line stops as soon as its class
    is known without paying for calls.

    >>> line_features(1, "Skip to content", "en", Limits()).cls
    'bad'
    >>> line_features(2, "The minister said on Tuesday that the plan would be published before the end of the year.", "en", Limits()).cls
    'good'
    >>> line_features(3, "Read the full report", "en", Limits()).cls
    'short'
    """
    if text is None:
        text = raw.strip()
    line = Line(number, raw, text)
    if not text:
        return line
    if tokens is None:
        tokens = WORD.findall(text.lower())
    words = len(tokens)
    short = words <= _CACHE_WORDS
    if short:
        if known is None:
            known = known_lines(language, limits)
        cached = known.get(text)
        if cached is not None:
            (
                line.words,
                line.density,
                line.ends_sentence,
                line.hit,
                line.byline,
                line.date_line,
                line.cls,
                line.why,
            ) = cached
            return line
    cjk_script = language in CJK_LANGUAGES or language == "ko"
    unspaced = 0
    if language in CJK_LANGUAGES and not text.isascii():
        words = max(words, cjk_count(text) // 2)
    elif language is None and not text.isascii():
        unspaced = unspaced_words(text)
        words = max(words, unspaced)
    line.words = words
    if words >= limits.short_words:
        line.density = density(tokens, text, language)
    # (Thai and Lao end no sentence with a mark: a paragraph is a long line of them)
    line.ends_sentence = text.endswith(SENTENCE_END) or unspaced >= limits.headline_words

    if " " not in text and len(text) >= IMAGE_ID_CHARS and _IMAGE_ID.search(text):
        line.hit = Hit(
            "image-id", "image-id", "one token with a long hex/digit run or an image file name"
        )
    elif is_bare_url(text):
        # (one token, however many words its path holds: a story's slug)
        line.hit = Hit("bare-url", "nav", "a bare link")
    elif words <= BYLINE_MAX_WORDS and is_byline(text, tokens):
        line.byline = True
    elif words <= DATE_LINE_MAX_WORDS and _DIGIT.search(text) and is_date_line(text):
        line.date_line = True
    else:
        line.hit = match_rule(text, words, tokens, cjk_script)

    low, high = _scaled_thresholds(language, limits.density_scale)
    if line.hit is not None:
        line.cls, line.why = "bad", line.hit.evidence
    elif line.byline or line.date_line:
        line.cls, line.why = "bad", "byline" if line.byline else "date"
    elif not _LETTER.search(text):
        line.cls, line.why = "bad", "no words"
    elif words < limits.short_words:
        line.cls, line.why = "short", f"{words} words"
    elif (
        words <= CLOSING_NOTE_MAX_WORDS
        and not _TAIL_WORDS.isdisjoint(tokens)
        and _TAIL_NOTE.search(text)
    ):
        # Notes that close a news story belong to it ("This report was first published ...").
        line.cls, line.why = "good", CLOSING_NOTE
    elif words < limits.headline_words and not line.ends_sentence:
        # Headlines, teasers, menu entries and subheads do not end like a sentence.
        line.cls, line.why = "short", f"{words} words, no sentence end"
    elif language is None:
        # No stopword list fits: judge by size and sentence punctuation only.
        if words >= limits.good_words + 4 and line.ends_sentence:
            line.cls, line.why = "good", f"{words} words, ends a sentence"
        elif words >= limits.good_words:
            line.cls, line.why = "near", f"{words} words"
        else:
            line.cls, line.why = "short", f"{words} words"
    elif line.density >= high and (words >= limits.good_words or line.ends_sentence):
        line.cls, line.why = (
            "good",
            f"stopword density {line.density:.2f} >= {high:.2f}; {words} words",
        )
    elif line.density >= low:
        line.cls, line.why = "near", f"stopword density {line.density:.2f}; {words} words"
    elif words >= 3 * limits.good_words and line.ends_sentence:
        line.cls, line.why = "near", f"{words} words, ends a sentence"
    else:
        line.cls, line.why = (
            "bad",
            f"stopword density {line.density:.2f} < {low:.2f}; {words} words",
        )
    if short and known is not None:  # (known: looked up above)
        known[text] = (
            line.words,
            line.density,
            line.ends_sentence,
            line.hit,
            line.byline,
            line.date_line,
            line.cls,
            line.why,
        )
    return line


#: Features of short lines, which repeat within a page and across the pages of a
#: site (menus, share widgets, footers): computed once per (text, language, limits), by
#: text for each language and limits (:func:`known_lines`).
_CACHE: dict[tuple, dict[str, tuple]] = {}
_CACHE_SIZE = 50_000
_CACHE_WORDS = 8
#: The words of lines up to this long, by text (:func:`_tokenize`).
_TOKENS_CHARS = 60
_TOKENS: dict[str, list[str]] = {"": []}


def known_lines(language: str | None, limits: Limits) -> dict[str, tuple]:
    """The features of the short lines seen for *language* and *limits*, by text (a page
    looks them up once: a text's hash is kept, a tuple's is made again at every lookup).
    At most :data:`_CACHE_SIZE` lines are remembered before a page starts."""
    if sum(map(len, _CACHE.values())) >= _CACHE_SIZE:
        _CACHE.clear()
    return _CACHE.setdefault((language, _LIMIT_VALUES(limits)), {})


@dataclass(slots=True)
class Reading:
    """What the rules make of a page's lines, before a model judges them: the lines, the
    non-blank ones (*content*) and positions in them (the region's first and last line,
    -1: none; the headline's; the body's first), whether no region was found (the best
    block stands in), and the lines' link flags and classes before the region."""

    lines: list[Line]
    content: list[Line]
    language: str | None
    start: int
    end: int
    title_at: int
    body_lo: int
    fallback: bool
    links: list[bool] | None
    classes: list[tuple]
    #: Whether the page is read whole, as its type asks (no article: a shop, a listing …).
    whole: bool = False

    def body(self) -> list[str]:  # the body lines the rules kept
        return [line.text for line in self.content if line.keep and line.role == "body"]
