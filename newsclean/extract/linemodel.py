"""A learned judge of a text dump's lines, read with the block model's tree evaluator.

In a plain-text dump the rules (:mod:`~newsclean.extract.features`,
:mod:`~newsclean.extract.rules`) and the densest run of prose
(:mod:`~newsclean.extract.region`) give every line a verdict. The region is a hard
boundary: prose after a chart, a long list or an ad block falls outside it and is
lost. The line model reads what the rules saw and more, as one row of numbers per
line, and scores how likely the line is part of the page's main content; a line the
rules kept is dropped below :attr:`LineModel.threshold`, a line they dropped for its
place (outside the region, too short, above the headline) is kept from
:attr:`LineModel.keep_threshold` on. The title, bylines, dates, captions and the lines
a named rule rejected (a cookie notice, a share widget) keep the rules' verdict.

**What the model sees** (:data:`FEATURES`), per line: its size in words and
characters, its function-word density in the page's language (the stopword share),
sentence and other punctuation, digits and capitals, title case, a list bullet, a
closing colon, links left as text (``http``, ``www.``, ``@``) and separators, how often
it repeats on the page, how many of its words are words of boilerplate phrases (in the
page's language, :func:`newsclean.extract.rules.boilerplate_words`), its position on the
page and against the region, the block of lines it stands in (no blank line between them),
runs of headline-like lines around it and their share of the nine lines around it
(teasers of other stories, which alternate headlines and summaries), how many other
lines begin with its first words (a teaser's headline said again in its summary), whether it
reads like a photo's caption (:data:`CAPTION_CUES`) and stands beside a caption or credit
line the rules named, whether it ends with a count or a running time in brackets (a
teaser), its place inside the region, whether the page has a byline or a date line (a news story),
the bylines and date lines between the region's start and it (a teaser of another story
after the article stands under its own), for a line outside the region the lines a named
rule rejected between the region and it and whether a "related" or comments header is
among them, the share of prose in its stretch of the page between two such lines and the
stretch's size, the share of the page's prose above the last such header before it (readers'
comments and teasers of other stories stand below one), whether it stands between the
headline and the region,
the share of prose before and after it, the distance to the nearest prose line, the
rules' class, role and reason, and the same few figures for the three lines before and
after it.

**What it does not see**: the URL, the domain or the site's name, or the words of the
text beyond the function-word and boilerplate-word counts and the caption cues. It
cannot memorise a site.

The model is trained by ``scripts/train_lines.py`` (LightGBM, the ``train`` extra) and
shipped as ``newsclean/data/linemodel.json``; :class:`LineModel` evaluates it in pure
Python with :class:`~newsclean.extract.blockmodel.BlockModel`'s compiled trees.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import accumulate, compress, groupby, pairwise, repeat
from operator import gt, mul, sub
from pathlib import Path
from typing import TYPE_CHECKING

from newsclean.extract.blockmodel import BlockModel
from newsclean.extract.blockrows import stop_lines, stop_shares
from newsclean.extract.features import CLOSING_NOTE
from newsclean.extract.languages import WORD, english_scale
from newsclean.extract.lineshape import text_shape
from newsclean.extract.rules import CAPTION_REASONS, boilerplate_words
from newsclean.extract.trees import TreeSum, compile_trees

if TYPE_CHECKING:  # pragma: no cover
    from newsclean.extract.features import Line

#: The model shipped with the package (absent: no default model).
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "linemodel.json"
#: Whether :func:`resolve` uses the shipped model when no model is asked for.
DEFAULT_ON = True

#: What a photo's caption says and an article's prose rarely does: "In this Dec. 12, 2006,
#: file photo", "Esper, left, and …", "(pictured)", "Photo by …", a credit in brackets at
#: the end ("… (AP Photo/Hau Dinh)", "[SpaceX via Nasa]"), "an artist's illustration".
#: Each form is a pattern of its own, with the words one of which it holds (the credit in
#: brackets: None, it ends the line): a line is searched only for the forms its words
#: allow, and a short pattern is scanned several times faster than all of them as one.
CAPTION_CUES: tuple[tuple[frozenset[str] | None, re.Pattern[str]], ...] = tuple(
    (None if words is None else frozenset(words.split()), re.compile(form, re.IGNORECASE))
    for form, words in (
        (
            r"\bin this (?:[\w.,]+ ){0,5}(?:file |handout )?(?:photo(?:graph)?|image|picture|screenshot|still)\b",
            "photo photograph image picture screenshot still",
        ),
        (
            r", (?:left|right|center|centre|second (?:from )?(?:left|right)),|\((?:left|right|center|from left|l-r)\)",
            "left right center centre l",
        ),
        (
            r"\bpictured\b|\bfile (?:photo|image)\b|\b(?:photo|image|foto)s?(?: credit)?(?: by| courtesy|:)",
            "pictured photo photos image images foto fotos",
        ),
        (
            r"[(\[][^()\[\]]{0,60}(?:photo|image|getty|afp|reuters|\bap\b|\bvia\b|©)[^()\[\]]{0,60}[)\]]\s*$",
            None,
        ),
        (r"\bartist[’']?s? (?:illustration|impression|rendering|concept)\b", "artist artists"),
    )
)


#: The words of all the cues that name some.
_CUE_WORDS = frozenset().union(*(words for words, _ in CAPTION_CUES if words is not None))


def caption_cue(text: str, tokens: list[str] | None = None) -> bool:
    """Whether *text* reads like a photo's caption (:data:`CAPTION_CUES`); *tokens*, its
    lowercased words when known, spare the search for the forms it has none of the words of.

    >>> caption_cue("Ann Lee, left, and Bo Chan at the opening on Monday.")
    True
    >>> caption_cue("The council met on Monday.", ["the", "council", "met", "on", "monday"])
    False
    """
    if (
        tokens is not None
        and _CUE_WORDS.isdisjoint(tokens)
        and not text.rstrip().endswith((")", "]"))
    ):
        return False  # (most lines: none of the cues' words, no bracket at the end)
    return any(
        pattern.search(text) is not None
        for words, pattern in CAPTION_CUES
        if tokens is None
        or (text.rstrip().endswith((")", "]")) if words is None else not words.isdisjoint(tokens))
    )


#: A count or a running time in brackets at a line's end.
_COUNT_END = re.compile(r"\((?:\d[\d,.]*|\d{1,2}:\d{2}(?::\d{2})?)\)$")
#: The largest share of the words the rules kept that the model may drop on one page.
MAX_DROP_SHARE = 0.5
#: A line the rules dropped with no prose line within this many lines (a menu, a footer)
#: is left to the rules: the model is not asked.
REACH = 16
_ROLES = ("title", "body", "byline", "date", "caption", "boilerplate")
_REASONS = (
    "nav", "related", "share", "comment", "legal", "footer", "caption", "credit", "ad",
    "newsletter", "cookie", "date", "image-id", "outside-article", "short", "masthead",
)  # fmt: skip
_CLASSES = ("good", "near", "short", "bad")
_NEIGHBOURS = (-3, -2, -1, 1, 2, 3)
_NEIGHBOUR_FEATURES = ("words", "density", "good", "keep", "gap", "boiler", "sentence", "hit")
_NO_NEIGHBOUR = (-1.0,) * len(_NEIGHBOUR_FEATURES)
_SEVEN = [True] * 7


def _one_hot(names: tuple[str, ...]) -> dict[str, tuple[float, ...]]:
    return {name: tuple(float(other == name) for other in names) for name in names}


_CLASS_ROW, _NO_CLASS = _one_hot(_CLASSES), (0.0,) * len(_CLASSES)
_ROLE_ROW, _NO_ROLE = _one_hot(_ROLES), (0.0,) * len(_ROLES)
_REASON_ROW, _NO_REASON = _one_hot(_REASONS), (0.0,) * len(_REASONS)

#: Names of the features, in the order of a row.
FEATURES: tuple[str, ...] = (
    (
        "words", "chars", "density", "ends_sentence", "rule_hit", "byline", "date_line",
        "rules_keep", "where", "region_distance", "position", "punct", "digits", "capitals",
        "title_case", "all_caps", "bullet", "ends_colon", "link_marks", "separators", "repeats",
        "boiler_words", "boiler_share", "language", "blank_before", "blank_after", "block_lines",
        "block_words", "good_window5", "good_window15", "prose_words_before", "prose_words_after",
        "nearest_good_before", "nearest_good_after", "chars_vs_median", "page_lines", "page_words",
        "page_good_share", "region_share", "page_byline", "page_date", "headline_run", "sentence_window5",
        "headline_window9", "region_place", "opening_repeats", "caption_cue", "credit_before",
        "credit_after", "ends_count", "meta_since_start", "hits_between", "stop_between",
        "segment_prose", "segment_words", "under_title", "prose_before_stop",
    )
    + tuple(f"cls={c}" for c in _CLASSES)
    + tuple(f"role={r}" for r in _ROLES)
    + tuple(f"rules said {r}" for r in _REASONS)
    + tuple(f"{name}[{offset:+d}]" for offset in _NEIGHBOURS for name in _NEIGHBOUR_FEATURES)
)  # fmt: skip


def judged(line: Line) -> bool:
    """Whether the model judges *line*: a body or boilerplate line that neither a user
    rule nor a named text rule decided (the rules keep the note that closes a news story,
    "This report was first published ...", as they name it)."""
    return (
        line.role in ("body", "boilerplate")
        and line.rule != "user-rule"
        and line.hit is None
        and line.why != CLOSING_NOTE
    )


def boiler_words(text: str, tokens: list[str] | None = None, language: str | None = None) -> int:
    """How many different words of boilerplate phrases the first 200 characters of *text* hold
    (*tokens*: the lowercased ``\\w+`` words of all of *text*, when known; *language*: the
    page's, :func:`~newsclean.extract.rules.boilerplate_words`).

    >>> boiler_words("Share on Facebook | Subscribe to our newsletter")
    4
    >>> boiler_words("The council met on Monday.")
    0
    """
    words = boilerplate_words(language)
    if tokens is not None and len(text) <= 200:
        return len(words.intersection(tokens))
    key = (text, language == "en")
    count = _BOILER_CACHE.get(key)
    if count is None:
        count = len(words.intersection(WORD.findall(text[:200].lower())))
        if len(text) <= 60:  # short lines (menus, widgets) repeat across a site's pages
            if len(_BOILER_CACHE) >= 50_000:
                _BOILER_CACHE.clear()
            _BOILER_CACHE[key] = count
    return count


_BOILER_CACHE: dict[tuple[str, bool], int] = {}


def page_rows(
    content: Sequence[Line],
    start: int,
    end: int,
    language: str | None = None,
    wanted: Callable[[Line], bool] | None = None,
    reach: int = 0,
) -> list[tuple[int, list[float]]]:
    """One feature row per line of *content* (a page's non-blank lines, each with the
    rules' verdict): ``(position, row)``. *start* and *end* bound the article region the
    rules found; with *wanted*, only the lines it accepts get a row; with *reach*, a
    line the rules dropped gets one only with a ``good`` line that near. The page-wide
    figures are made once (:class:`_TextPage`), read as local lists (counts padded: line
    i at i + :data:`_PAD`); densities on English's scale, as the model learned them."""
    n = len(content)
    if not n:
        return []
    page = _TextPage(content, start, end)
    chosen = page.chosen(wanted, reach)
    around = page.neighbour_figures(chosen, scale := english_scale(language), language)
    words, texts, sentence, boiler = page.words, page.texts, page.sentence, page.boiler
    gap_before, block_of, cum_good = page.gap_before, page.block_of, page.cum_good
    block_lines, block_words, repeats = page.block_lines, page.block_words, page.repeats
    before, prose_words, total_prose = page.before, page.prose_words, page.total_prose
    run_length, cum_sentence, median = page.run_length, page.cum_sentence, page.median
    near_before, near_after, figures = page.near_before, page.near_after, page.figures
    gap_after = gap_before[1:] + [True]
    out, log1p, no_language = [], math.log1p, float(language is not None)
    class_row, role_row, reason_row = _CLASS_ROW.get, _ROLE_ROW.get, _REASON_ROW.get
    for i in chosen:
        line, text, p = content[i], texts[i], i + _PAD
        tokens = len(text.split())
        keep = line.keep
        row = [
            log1p(words[i]),
            log1p(len(text)),
            line.density * scale,
            1.0 if sentence[i] else 0.0,
            0.0 if line.hit is None else 1.0,
            1.0 if line.byline else 0.0,
            1.0 if line.date_line else 0.0,
            1.0 if keep else 0.0,
            -1.0 if i < start else (1.0 if i > end else 0.0),
            log1p(start - i if i < start else (i - end if i > end else 0)),
            i / n,
            *text_shape(text, tokens),
            float(repeats[text] - 1),
            float(boiler[i]),
            boiler[i] / (tokens or 1),
            no_language,
            1.0 if gap_before[i] else 0.0,
            1.0 if gap_after[i] else 0.0,
            log1p(block_lines[block_of[i]]),
            log1p(block_words[block_of[i]]),
            (cum_good[p + 3] - cum_good[p - 2]) / 5,
            (cum_good[p + 8] - cum_good[p - 7]) / 15,
            before[i] / total_prose,
            (total_prose - before[i] - prose_words[i]) / total_prose,
            log1p(near_before[i]),
            log1p(near_after[i]),
            len(text) / median,
            *figures,
            log1p(run_length[i]) if run_length[i] else 0.0,
            (cum_sentence[p + 3] - cum_sentence[p - 2]) / 5,
            *page.context(i),
            *page.captions(i),
            page.meta(i),
            *page.furniture(i),
            *class_row(line.cls, _NO_CLASS),
            *role_row(line.role, _NO_ROLE),
            *(_NO_REASON if keep else reason_row(line.reason, _NO_REASON)),
            *around[i],
            *around[i + 1],
            *around[i + 2],
            *around[i + 4],
            *around[i + 5],
            *around[i + 6],
        ]
        out.append((i, row))
    return out


#: Cumulative counts are padded by this many entries at each end (the widest window
#: reaches 7 lines beyond a line).
_PAD = 8
#: Words of a line's opening, compared with the other lines' (:meth:`_TextPage.context`).
_OPENING = 5
#: The classes of prose lines (their words count as prose before and after a line).
_PROSE = frozenset(("good", "near"))
#: Distances to the nearest prose line are counted up to this many lines.
_FAR = 1000


def _distances(good_at: list[int], n: int) -> tuple[list[int], list[int]]:
    """For each of *n* lines, the distance to the nearest ``good`` line before it and
    after it (*good_at*: their positions, in order), at most :data:`_FAR`.

    >>> _distances([1, 3], 5)
    ([1000, 1000, 1, 2, 1], [1, 2, 1, 1000, 1000])
    """
    if not good_at:
        return [_FAR] * n, [_FAR] * n
    before = [_FAR] * (good_at[0] + 1)
    after: list[int] = []
    previous = 0
    for a, b in zip(good_at, good_at[1:] + [n - 1]):
        size = b - a  # the lines after a, up to b: 1, 2, ... lines from a
        before += range(1, min(size, _FAR) + 1)
        if size > _FAR:
            before += [_FAR] * (size - _FAR)
    for b in good_at:
        size = b - previous  # the lines from previous up to b: size, ..., 1 lines to b
        if size > _FAR:
            after += [_FAR] * (size - _FAR)
        after += range(min(size, _FAR), 0, -1)
        previous = b
    after += [_FAR] * (n - previous)
    return before, after


class _TextPage:
    """The page-wide figures of a text page's rows: distances to prose, blocks of lines
    between blank lines, runs of headline-like lines, prose before and after each line.

    Each figure is a list over the page's lines made in one pass of C-level builtins
    (``accumulate``, ``groupby``, slices) where the obvious loop would run Python code
    per line."""

    def __init__(self, content: Sequence[Line], start: int, end: int) -> None:
        self.content = content
        n = len(content)
        self.words = words = [line.words for line in content]
        classes = [line.cls for line in content]
        self.good = good = list(map("good".__eq__, classes))
        self.near_before, self.near_after = _distances(list(compress(range(n), good)), n)
        self.texts = texts = [line.text for line in content]
        self.repeats = Counter(texts)
        self.sentence = sentence = [line.ends_sentence for line in content]
        # (a line's words times whether it is prose: its words or 0)
        self.prose_words = prose_words = list(map(mul, words, map(_PROSE.__contains__, classes)))
        # Blocks: runs of lines with no blank line between them.
        numbers = [line.number for line in content]
        self.gap_before = gap_before = [True, *map(gt, map(sub, numbers[1:], numbers), repeat(1))]
        self.block_of = list(accumulate(gap_before, initial=-1))[1:]
        bounds = [*compress(range(n), gap_before), n]
        cum_words = list(accumulate(words, initial=0))
        self.block_lines = [b - a for a, b in pairwise(bounds)]
        self.block_words = [cum_words[b] - cum_words[a] for a, b in pairwise(bounds)]
        # Runs of headline-like lines (teasers of other stories): 4 to 25 words, no sentence
        # end; for each headline-like line, the length of its run.
        self.headline = headline = [
            3 < count <= 25 and not ends for count, ends in zip(words, sentence)
        ]
        run_length: list[int] = []
        for is_headline, run in groupby(headline):
            size = len(list(run))
            run_length += [size if is_headline else 0] * size
        self.run_length = run_length
        # Cumulative counts, padded with their first and last value so that a window
        # reaching over either end of the page reads the count at that end.
        cum_good = list(accumulate(good, initial=0))
        cum_sentence = list(
            accumulate([ends and count > 5 for ends, count in zip(sentence, words)], initial=0)
        )
        self.cum_good = [0] * _PAD + cum_good + [cum_good[-1]] * _PAD
        self.cum_sentence = [0] * _PAD + cum_sentence + [cum_sentence[-1]] * _PAD
        self.before = list(accumulate(prose_words, initial=0))
        self.total_prose = self.before[-1] or 1
        self.median = sorted(map(len, texts))[n // 2] or 1
        self.figures = [
            math.log1p(n),
            math.log1p(cum_words[-1]),
            cum_good[n] / n,
            (end - start + 1) / n if end >= start else 0.0,
            # A byline or a date line on the page: a news story, whose edges hold teasers.
            float(any(line.byline for line in content)),
            float(any(line.date_line for line in content)),
        ]
        self.boiler = [0] * n
        self.start, self.end = start, end
        cum_headline = list(accumulate(headline, initial=0))
        self.cum_headline = [0] * _PAD + cum_headline + [cum_headline[-1]] * _PAD
        # Bylines and date lines: a story's stand under its headline; more of them further
        # down stand under the teasers of other stories.
        cum_meta = list(accumulate((line.byline or line.date_line for line in content), initial=0))
        self.cum_meta = [0] * _PAD + cum_meta + [cum_meta[-1]] * _PAD
        # The first words of the longer lines: a teaser's headline said again as the start
        # of its summary or of a link ("Storm hits coast" above "Storm hits coast: …").
        self.openings = [
            " ".join(text.split(maxsplit=_OPENING)[:_OPENING]) if count >= _OPENING else ""
            for text, count in zip(texts, words)
        ]
        self.opening_counts = Counter(self.openings)
        # The lines a named rule rejected (and bylines and dates) before each line, the
        # "related" and comments headers among them, and the prose and words of each stretch
        # between two such lines, by the count before it (:meth:`furniture`).
        hits = (line.hit is not None or line.byline or line.date_line for line in content)
        self.cum_hits = list(accumulate(hits, initial=0))
        stops = stop_lines(content)
        self.cum_stops = list(accumulate(stops, initial=0))
        self.stop_share = stop_shares(stops, self.before, self.total_prose)
        self.segments: dict[int, list[int]] = {}
        for at, count, prose in zip(self.cum_hits[1:], words, prose_words):
            found = self.segments.setdefault(at, [0, 0])
            found[0] += prose
            found[1] += count
        self.title_at = next((k for k, line in enumerate(content) if line.role == "title"), -1)

    def context(self, i: int) -> tuple[float, float, float]:
        """Headline-like lines among the nine around line *i* (teasers alternate headlines
        and summaries), its place inside the region (-1 outside: 0 at its first line, 1 at
        its last), how many other lines begin with its first words."""
        p, start, end = i + _PAD, self.start, self.end
        opening = self.openings[i]
        return (
            (self.cum_headline[p + 5] - self.cum_headline[p - 4]) / 9,
            (i - start) / (end - start or 1) if start <= i <= end else -1.0,
            float(min(self.opening_counts[opening] - 1, 5)) if opening else 0.0,
        )

    def meta(self, i: int) -> float:
        """The bylines and date lines between the region's start and line *i*: a story's
        own stand above its first paragraph, a teaser of another story stands under its own."""
        if i <= self.start or self.start < 0:
            return 0.0
        cum = self.cum_meta
        return math.log1p(cum[i + _PAD] - cum[self.start + _PAD])

    def furniture(self, i: int) -> tuple[float, ...]:
        """For line *i* outside the region (0 inside): the lines a named rule rejected and
        the bylines and date lines between the region and it, and whether a "related
        stories" or comments header stands there (prose right after an article's region,
        with nothing of a page's furniture between, is mostly the article going on: a list
        broke the run of prose; after a "More stories" header, mostly teasers); for every
        line, the share of prose in the words of its stretch of the page between two such
        lines and the stretch's words, and whether it stands between the headline and the
        region (an article's lead), and the share of the page's prose above the last
        "related" or comments header before it."""
        start, end, hits, stops = self.start, self.end, self.cum_hits, self.cum_stops
        prose, words = self.segments[hits[i + 1]]
        lead = 1.0 if 0 <= self.title_at < i < start else 0.0
        stretch = (prose / (words or 1), math.log1p(words), lead, self.stop_share[i])
        if start <= i <= end or end < start:
            return 0.0, 0.0, *stretch
        lo, hi = (end + 1, i) if i > end else (i + 1, start)
        return math.log1p(hits[hi] - hits[lo]), float(stops[hi] > stops[lo]), *stretch

    def captions(self, i: int) -> tuple[float, float, float, float]:
        """Whether line *i* reads like a photo caption (:data:`CAPTION_CUES`), whether a
        caption or credit line the rules named stands right before it and right after it
        (a caption sits beside its credit), and whether it ends with a count or a running
        time in brackets (a teaser: "Storm hits coast (3:05)", "Week 12 power rankings (133)")."""
        content, text = self.content, self.texts[i]
        before = content[i - 1].hit if i else None
        after = content[i + 1].hit if i + 1 < len(content) else None
        return (
            1.0 if caption_cue(text, content[i].tokens) else 0.0,
            1.0 if before is not None and before.reason in CAPTION_REASONS else 0.0,
            1.0 if after is not None and after.reason in CAPTION_REASONS else 0.0,
            1.0 if text.endswith(")") and _COUNT_END.search(text) else 0.0,
        )

    def chosen(self, wanted: Callable[[Line], bool] | None, reach: int) -> list[int]:
        """The positions of the lines that get a row: those *wanted* accepts, and with
        *reach*, of those the rules dropped, only the ones with a ``good`` line that near."""
        near_before, near_after = self.near_before, self.near_after
        # (the reach first: it is cheaper than *wanted*, and most menu lines fail it)
        return [
            i
            for i, line in enumerate(self.content)
            if (not reach or line.keep or near_before[i] <= reach or near_after[i] <= reach)
            and (wanted is None or wanted(line))
        ]

    def neighbour_figures(
        self, chosen: list[int], scale: float = 1.0, language: str | None = None
    ) -> list[tuple[float, ...]]:
        """The figures of the chosen lines and their neighbours that a row repeats, for the
        lines -3 .. n+2 (the figures of line j at j + 3; lines off the page have
        :data:`_NO_NEIGHBOUR`); counts their boilerplate words (the costliest count; those
        of a page in *language*) on the way."""
        content, n, texts, boiler = self.content, len(self.content), self.texts, self.boiler
        # The lines within three of a chosen one, marked at j + 3 (seven at a time).
        marks = [False] * (n + 6)
        for i in chosen:
            marks[i : i + 7] = _SEVEN
        intersection = boilerplate_words(language).intersection
        for j in compress(range(n), marks[3:]):
            tokens, text = content[j].tokens, texts[j]
            boiler[j] = (
                len(intersection(tokens))
                if tokens is not None and len(text) <= 200
                else boiler_words(text, tokens, language)
            )
        # (the figures of every line, made by maps over the page's lists; those of the lines
        # not marked, whose boilerplate count is not made, are never read)
        figures = zip(
            map(math.log1p, self.words),
            [line.density * scale for line in content],
            map(float, self.good),
            [float(line.keep) for line in content],
            map(float, self.gap_before),
            map(float, map(bool, boiler)),
            map(float, self.sentence),
            [float(line.hit is not None) for line in content],
        )
        around = [_NO_NEIGHBOUR] * 3
        around += figures
        around += [_NO_NEIGHBOUR] * 3
        return around


def candidates(
    content: Sequence[Line], start: int, end: int, language: str | None = None
) -> list[tuple[int, list[float]]]:
    """The feature rows of the lines the model judges (see :func:`judged`), within
    :data:`REACH` lines of prose when the rules dropped them."""
    return page_rows(content, start, end, language, judged, REACH)


class LineModel(BlockModel):
    """A tree ensemble over :data:`FEATURES` rows, as exported by ``scripts/train_lines.py``."""

    feature_names = FEATURES
    kind = "line model"

    def __init__(self, data: dict) -> None:
        super().__init__(data)
        #: The keep threshold on a page with a byline or a date line (a news story).
        self.news_keep_threshold = float(data.get("news_keep_threshold", self.keep_threshold))
        #: The keep threshold on a page read whole, as its type asks (no article).
        self.whole_keep_threshold = float(data.get("whole_keep_threshold", self.keep_threshold))

    def _compile(self, leaves: bool = False) -> Callable:
        return compile_trees(self.trees, None, leaves)  # rows are plain: x[feature] <= threshold

    def _sum(self) -> TreeSum:
        return TreeSum(self.trees)

    def walked_row(self, row: Sequence[float]) -> Sequence[float]:
        return row  # (a line row is plain: the arrays and the compiled function read it)

    def scores(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """:meth:`score` of each of *rows*, evaluated together (:meth:`TreeSum.many`)."""
        exp = math.exp
        return [1.0 / (1.0 + exp(-raw)) for raw in self._raw.many(rows)]

    def apply(  # type: ignore[override]
        self,
        content: list[Line],
        start: int,
        end: int,
        language: str | None = None,
        whole: bool = False,
    ) -> None:
        """Give the body and boilerplate lines of a text dump the model's verdict.

        A line the rules kept and the model scores below the threshold is dropped with
        reason ``model`` and the strongest features as evidence; a line the rules dropped
        and the model scores from the keep threshold on (on a page with a byline or a date
        line, from :attr:`news_keep_threshold`; on a page read *whole*, as its type asks,
        from :attr:`whole_keep_threshold`) is kept. A line whose verdict
        stands gets the score added to its evidence. A dropped line that repeats a line
        still kept is a ``duplicate`` (the model's evidence kept). When the model would
        drop more than :data:`MAX_DROP_SHARE` of the words the rules kept, it drops nothing.
        """
        rows = candidates(content, start, end, language)
        scores = self.scores([row for _, row in rows])
        # On a news story (a byline or a date line), what the rules left out is mostly
        # teasers, captions and bios: a higher bar to keep it.
        keep_threshold = self.keep_threshold
        if any(line.byline or line.date_line for line in content):
            keep_threshold = self.news_keep_threshold
        # On a page that is no article (read whole), the context step's test (a short line
        # between prose) says little of a line: even odds keep it, as they keep a kept one.
        if whole:
            keep_threshold = self.whole_keep_threshold
        # A model that would drop most of what the rules kept is out of its depth (a page
        # unlike any it was trained on, such as a very long uniform one): it only keeps.
        kept_words = sum(line.words for line in content if line.keep and line.role == "body")
        drop_words = sum(
            content[position].words
            for (position, _), score in zip(rows, scores)
            if content[position].keep and score < self.threshold
        )
        may_drop = drop_words <= MAX_DROP_SHARE * kept_words
        dropped = []
        for (position, row), score in zip(rows, scores):
            line = content[position]
            if line.keep and score < self.threshold and may_drop:
                line.judge(False, "boilerplate", "model", "model", self.describe(row, score))
                dropped.append(line)
            elif not line.keep and score >= keep_threshold:
                line.judge(
                    True,
                    "body",
                    rule="model",
                    evidence=f"line model score {score:.2f}; the rules said {line.reason}",
                )
            else:
                # (first: the context step reads the end of a kept line's evidence)
                line.evidence = f"line model score {score:.2f}; {line.evidence}"
        if dropped:
            kept = {line.text for line in content if line.keep}
            for line in dropped:
                if line.text in kept:
                    line.reason = "duplicate"


_DEFAULT: LineModel | None = None


def resolve(choice) -> LineModel | None:
    """The model an ``Options.line_model`` value asks for: None means the package's model
    when :data:`DEFAULT_ON`, True the package's model, False none, a path or a model that one."""
    global _DEFAULT
    if choice is None and _DEFAULT is not None and DEFAULT_ON:
        return _DEFAULT  # (the model loaded before: its file is not looked for again)
    if choice is False or (choice is None and (not DEFAULT_ON or not DEFAULT_PATH.exists())):
        return None
    if choice is None or choice is True:
        if _DEFAULT is None:
            _DEFAULT = _load(DEFAULT_PATH)
        return _DEFAULT
    if isinstance(choice, LineModel) or hasattr(choice, "apply"):
        return choice
    return _load(choice)


def _load(path: str | Path) -> LineModel:
    return LineModel(json.loads(Path(path).read_text(encoding="utf-8")))
