"""What kind of page a text dump comes from: the same seven page types as for HTML.

A text dump has lost its markup, so the page type is read from the lines alone:
a tree ensemble trained by ``scripts/train_pagetype.py --input text`` on the
text dumps of the WCXB dev pages (shipped as ``newsclean/data/pagetype-text.json``)
reads one row of figures (:data:`FEATURES`) and gives the probability of each of
the types of :data:`newsclean.extract.html.pagetype.TYPES`.

**What it sees**: the shape of the dump's lines (how long, how many end like a
sentence, runs of prose, repeated lines, bullets, numbered headings, code-like
lines, prices, dates and times), the words that mark a kind of page (a forum's
"replies" and "joined", a shop's "add to cart", a listing's "read more", a
manual's "parameters", a company's "contact us"), the words of the first line
(the page's ``<title>`` in most dumps), and what the line rules kept (before the
line model, so that the type does not depend on it): how much, in how many
paragraphs, how the kept text speaks, and whether a byline and a date were found.

**What it does not see**: the URL, the domain or the site's name.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import compress, pairwise, repeat
from operator import itemgetter, methodcaller, not_
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsclean.extract.features import SENTENCE_END
from newsclean.extract.html.pagetype import PRICE, VOICE_WORDS, resolve_model, set_type
from newsclean.extract.languages import word_count, word_counts
from newsclean.extract.lexicon import EN_MONTH_WORD

if TYPE_CHECKING:  # pragma: no cover
    from newsclean.extract.features import Line

#: The model shipped with the package.
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "pagetype-text.json"

#: Words that mark a kind of page, by group (lower case, matched as whole words).
MARKERS: dict[str, tuple[str, ...]] = {
    "forum": (
        "reply",
        "replies",
        "replied",
        "posted",
        "joined",
        "quote",
        "views",
        "members",
        "thread",
        "topic",
        "solved",
        "upvote",
        "likes",
        "answered",
        "asked",
        "moderator",
    ),
    "product": (
        "add to cart",
        "add to bag",
        "add to basket",
        "in stock",
        "out of stock",
        "sku",
        "quantity",
        "qty",
        "size guide",
        "free shipping",
        "free returns",
        "buy now",
        "checkout",
        "wishlist",
        "reviews",
        "specifications",
        "warranty",
    ),
    "listing": (
        "read more",
        "load more",
        "show more",
        "view all",
        "see all",
        "next page",
        "older posts",
        "newer posts",
        "sort by",
        "filter",
        "filters",
        "results",
        "categories",
        "archives",
        "page 1",
    ),
    "docs": (
        "parameters",
        "returns",
        "example",
        "examples",
        "install",
        "installation",
        "usage",
        "syntax",
        "api",
        "function",
        "method",
        "class",
        "table of contents",
        "on this page",
        "edit this page",
        "tutorial",
        "documentation",
        "note",
    ),
    "service": (
        "contact us",
        "get started",
        "get in touch",
        "book",
        "schedule",
        "request",
        "quote",
        "pricing",
        "plans",
        "our services",
        "our team",
        "learn more",
        "free trial",
        "testimonials",
        "clients",
        "solutions",
        "appointment",
    ),
    "article": (
        "said",
        "says",
        "according to",
        "reported",
        "published",
        "updated",
        "min read",
        "reporter",
        "editor",
        "photo",
        "getty images",
    ),
}
#: Words of the first line (the page's title in most dumps) that say what the page is.
TITLE_WORDS: dict[str, tuple[str, ...]] = {
    "forum": ("forum", "forums", "community", "discussion", "question", "thread", "help"),
    "docs": ("docs", "documentation", "api", "reference", "guide", "manual", "tutorial"),
    "product": ("buy", "shop", "price", "sale", "store"),
    "listing": ("news", "blog", "latest", "archive", "archives", "category", "page", "search"),
    "service": ("services", "solutions", "contact", "about", "pricing", "agency", "company"),
    "collection": ("collection", "collections", "all", "best", "top", "shop"),
}


def _words_pattern(groups: Iterable[Sequence[str]]) -> tuple[re.Pattern[str], dict[str, int]]:
    """A pattern finding the words of *groups* (whole words; at one place, the first of
    them that fits, the longer first within a group, the earlier group first) and the
    group (its index) of each word: ``Counter(map(index.__getitem__, pattern.findall(text)))``
    counts each group's words in *text*.

    The words are gathered by their first character, in that order, behind a lookahead
    for those characters: at a word start the engine tries the few words of its first
    character instead of every word, and most places fail at once (the same words
    found, about twice as fast in a page's text as one alternative per word).

    >>> pattern, index = _words_pattern([("said", "says"), ("reply", "replies"), ("said",)])
    >>> pattern.findall("he said it, she says; replies: 2"), index["said"]
    (['said', 'says', 'replies'], 0)
    """
    index: dict[str, int] = {}
    by_first: dict[str, list[str]] = {}
    for group, words in enumerate(groups):
        for word in sorted(words, key=len, reverse=True):
            index.setdefault(word, group)
            by_first.setdefault(word[0], []).append(re.escape(word[1:]))
    first = "".join(re.escape(c) for c in sorted(by_first))
    branches = "|".join(
        f"{re.escape(c)}(?:{'|'.join(rests)})" for c, rests in sorted(by_first.items())
    )
    return re.compile(rf"\b(?=[{first}])(?:{branches})\b"), index


def _counts(found: tuple[re.Pattern[str], dict[str, int]], text: str, groups: int) -> list[int]:
    """How many words of each of the *groups* groups of a :func:`_words_pattern` *text* holds."""
    pattern, index = found
    counted = Counter(map(index.__getitem__, pattern.findall(text)))
    return [counted[group] for group in range(groups)]


_MARKER = _words_pattern(MARKERS.values())
_TITLE_WORD = _words_pattern(TITLE_WORDS.values())
_VOICE = _words_pattern(VOICE_WORDS)
#: (The lookahead lets most positions fail at once: a date starts with a digit or with the
#: first letter of an English month name, :data:`~newsclean.extract.lexicon.EN_MONTH_WORD`.)
_DATE = re.compile(
    rf"\b(?=[\djfmasond])(?:{EN_MONTH_WORD}\s+\d{{1,2}}\b|\d{{1,2}}\s+{EN_MONTH_WORD}\s+\d{{4}}|\d{{4}}-\d\d-\d\d"
    r"|\d{1,2}[./]\d{1,2}[./]\d{2,4})",
    re.IGNORECASE,
)
#: (Both forms start with a digit at a word's start: the digit first, its boundary tested
#: behind it, lets the engine skip to the digits instead of trying every position.)
_TIME = re.compile(
    r"\d(?<!\w\d)(?:\d?:\d\d\b|\d*\s?(?:am|pm|hours? ago|minutes? ago|days? ago)\b)", re.I
)
_BULLET = re.compile(r"^(?:[•·▪◦‣*\-–—>]\s|\d{1,3}[.)]\s)")
_NUMBERED_HEADING = re.compile(r"^\d+(?:\.\d+)+\.?\s+\S")
#: Lines the digit patterns need look at: with a digit.
_DIGIT = re.compile(r"\d")
_NO_LETTER = re.compile(r"[^\W\d_]")
#: A line of code: a call, a closing brace or semicolon, an arrow or a scope sign anywhere
#: (*_CODE*), or a prompt or keyword at its start (*_CODE_HEAD*). Each alternative of the
#: first begins with one fixed character (the line's end after a brace or a semicolon is
#: one alternative each), which the engine then skips to.
_CODE = re.compile(r"\((?<=\w\().*\)|\{\s*$|\}\s*$|;\s*$|=>|::")
_CODE_HEAD = re.compile(r"\s*(?:\$ |>>> |import |from \S+ import |def |return |#include|<\w+)")
#: Characters of the dump read for its words, and of the kept text for its voice.
_READ_CHARS = 5_000
_VOICE_CHARS = 5_000
#: The date, time, price and code patterns read the first characters of every n-th
#: line, about this many lines of a long dump.
_HEAD_CHARS = 100
_SAMPLE_LINES = 150
#: A line is prose with this many words and a sentence end, or twice as many.
_PROSE_WORDS = 8

FEATURES: tuple[str, ...] = (
    ("lines", "words", "words per line")
    + ("lines 1-2 words", "lines 3-7 words", "lines 8-20 words", "lines 21+ words")
    + ("sentence lines", "prose words", "longest prose run", "prose runs")
    + ("repeated lines", "distinct shapes", "bullets", "numbered headings", "code lines")
    + ("number lines", "question lines", "price lines", "prices", "date lines", "time lines")
    + ("capitalised lines", "upper-case lines")
    + tuple(f"marker {group}" for group in MARKERS)
    + tuple(f"title {group}" for group in TITLE_WORDS)
    + ("title words", "title separators")
    + ("kept words", "kept share", "paragraphs", "words per paragraph", "short kept lines")
    + ("you", "we", "said", "byline", "date", "title found")
)


def _log(value: float) -> float:
    return math.log1p(value)


def text_row(
    lines: Sequence[str],
    kept: Sequence[str],
    byline: bool,
    date: bool,
    title: bool,
    content: Sequence[Line] | None = None,
) -> list[float]:
    """The :data:`FEATURES` row of a dump: its *lines* (all of them, blank ones included),
    the body lines the rules *kept*, and whether a *byline*, *date* and *title* were found.
    The parts follow the order of :data:`FEATURES`. *content* (the non-blank lines of
    *lines* as the line rules read them, :func:`~newsclean.extract.features.page_lines`)
    gives their stripped text and sentence ends without reading the lines again."""
    if content is None:
        texts = [line for line in map(str.strip, lines) if line]
        ends = list(map(methodcaller("endswith", SENTENCE_END), texts))
    else:
        texts = [line.text for line in content]
        ends = [line.ends_sentence for line in content]
    counts = word_counts(texts)
    return (
        _shape_figures(texts, counts, ends)
        + _word_figures(texts)
        + _kept_figures(kept, sum(counts) or 1)
        + [float(byline), float(date), float(title)]
    )


def _shape_figures(content: list[str], counts: list[int], ends: list[bool]) -> list[float]:
    """The lines' shape: lengths, sentences, runs of prose, repeats, bullets, code, figures.

    Each figure is counted by C-level builtins over the lines (``map``, ``compress``,
    ``list.count``, a sorted list's bisection) rather than a Python loop per line."""
    lines = len(content)
    count = lines or 1
    total = sum(counts) or 1
    row = [_log(lines), _log(total), total / count]
    ordered = sorted(counts)
    edges = [bisect_left(ordered, 1), *(bisect_right(ordered, hi) for hi in (2, 7, 20, 1 << 30))]
    row += [(hi - lo) / count for lo, hi in pairwise(edges)]
    prose = [n >= 2 * _PROSE_WORDS or (n >= _PROSE_WORDS and end) for n, end in zip(counts, ends)]
    runs = [len(run) for run in bytes(prose).split(b"\0") if run]
    row += [
        sum(ends) / count,
        sum(compress(counts, prose)) / total,
        _log(max(runs, default=0)),
        _log(len(runs)),
    ]
    singles = list(Counter(content).values()).count(1)
    capital = list(map(str.isupper, map(itemgetter(0), content)))
    shapes = Counter(zip(map(min, counts, repeat(12)), capital, ends))
    # The patterns below are costly over every line: each reads only the lines that
    # can match it (a date, a time, a price have a digit),
    # and only the heads of every *step*-th line: a listing's dates and prices stand in
    # short lines, and a long dump shows its kind in a sample as well as in the whole.
    step = max(1, lines // _SAMPLE_LINES)
    heads = [line[:_HEAD_CHARS] for line in content[::step]]
    read = len(heads) or 1
    digits = list(compress(heads, map(_DIGIT.search, heads)))
    row += [
        (lines - singles) / count,
        len(shapes) / count,
        (lines - list(map(_BULLET.match, content)).count(None)) / count,
        _found(_NUMBERED_HEADING.match, digits) / read,
        _code_lines(heads) / read,
    ]
    prices = [len(PRICE.findall(line)) for line in digits]
    row += [
        list(map(_NO_LETTER.search, content)).count(None) / count,
        sum(map(methodcaller("endswith", "?"), content)) / count,
        (len(prices) - prices.count(0)) / read,
        _log(sum(prices) * step),
        _found(_DATE.search, digits) / read,
        _found(_TIME.search, digits) / read,
        sum(
            number
            for (words, upper, end), number in shapes.items()
            if upper and words <= 7 and not end
        )
        / count,
        sum(map(str.isupper, content)) / count,
    ]
    return row


def _code_lines(lines: list[str]) -> int:
    """How many of *lines* read like code: *_CODE* found anywhere, else *_CODE_HEAD* at the
    start (both searched by ``map``, the second only in the lines the first misses)."""
    found = list(map(_CODE.search, lines))
    return (
        len(found) - found.count(None) + _found(_CODE_HEAD.match, compress(lines, map(not_, found)))
    )


def _found(find: Callable[[str], Any], lines: Iterable[str]) -> int:
    """How many of *lines* the pattern method *find* finds something in."""
    found = list(map(find, lines))
    return len(found) - found.count(None)


def _word_figures(content: list[str]) -> list[float]:
    """Marker words per thousand words of the dump, and the words of its first line."""
    text = "\n".join(content)[:_READ_CHARS].lower()
    read = word_count(text) or 1
    row = [1000 * count / read for count in _counts(_MARKER, text, len(MARKERS))]
    first = content[0].lower() if content else ""
    row += [float(count > 0) for count in _counts(_TITLE_WORD, first, len(TITLE_WORDS))]
    row += [
        _log(len(first.split())),
        float(any(s in first for s in (" | ", " - ", " – ", " — ", " :: "))),
    ]
    return row


def _kept_figures(kept: Sequence[str], total: int) -> list[float]:
    """What the rules kept: how much, in how many paragraphs, and how it speaks."""
    kept_counts = word_counts(kept)
    kept_words = sum(kept_counts)
    paragraphs = len(kept)
    row = [
        _log(kept_words),
        kept_words / total,
        _log(paragraphs),
        kept_words / paragraphs if paragraphs else 0.0,
        sum(n < _PROSE_WORDS for n in kept_counts) / paragraphs if paragraphs else 0.0,
    ]
    voice_text = "\n".join(kept)[:_VOICE_CHARS].lower()
    sample = len(voice_text.split()) or 1
    row += [count / sample for count in _counts(_VOICE, voice_text, len(VOICE_WORDS))]
    return row


def resolve(choice: Any) -> Any:
    """The model *choice* asks for, for a text dump
    (:func:`~newsclean.extract.html.pagetype.resolve_model`)."""
    return resolve_model(choice, DEFAULT_PATH, FEATURES, ("text dumps", "HTML pages"))


def classify(
    document: Any,
    choice: Any,
    lines: Sequence[str],
    kept: Sequence[str],
    content: Sequence[Line] | None = None,
) -> None:
    """Set *document*'s ``page_type`` and ``page_type_confidence`` from its input *lines*
    and the body lines the rules *kept*, with the model *choice* asks for (:func:`resolve`);
    *content*: the non-blank lines as the line rules read them (see :func:`text_row`)."""
    typer = resolve(choice)
    if typer is None:
        return
    row = text_row(
        lines,
        kept or document.paragraphs,
        bool(document.byline),
        bool(document.date),
        bool(document.title),
        content,
    )
    set_type(document, typer, row)
