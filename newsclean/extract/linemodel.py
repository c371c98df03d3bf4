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
it repeats on the page, how many of its words are words of boilerplate phrases
(:data:`newsclean.extract.lexicon.BOILERPLATE_WORDS`), its position on the page and
against the region, the block of lines it stands in (no blank line between them),
runs of headline-like lines around it (teasers of other stories), the share of prose
before and after it, the distance to the nearest prose line, the rules' class,
role and reason, and the same few figures for the three lines before and after it.

**What it does not see**: the URL, the domain or the site's name, or the words of the
text beyond the function-word and boilerplate-word counts. It cannot memorise a site.

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
from pathlib import Path
from typing import TYPE_CHECKING

from newsclean.extract.blockmodel import PUNCT_TABLE, RATIO_CHARS, BlockModel
from newsclean.extract.features import CLOSING_NOTE
from newsclean.extract.languages import WORD
from newsclean.extract.lexicon import BOILERPLATE_WORDS
from newsclean.extract.trees import TreeSum, compile_trees, walk_tree

if TYPE_CHECKING:  # pragma: no cover
    from newsclean.extract.features import Line

#: The model shipped with the package (absent: no default model).
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "linemodel.json"
#: Whether :func:`resolve` uses the shipped model when no model is asked for.
DEFAULT_ON = True

_DIGITS = re.compile(r"\d")
_CAPITALS = re.compile(r"[A-ZÀ-ÞА-ЯΑ-Ω]")
_WORD_CAPITALS = re.compile(r"(?:^|\s)[A-ZÀ-ÞА-ЯΑ-Ω]")
#: The largest share of the words the rules kept that the model may drop on one page.
MAX_DROP_SHARE = 0.5
#: A line the rules dropped with no prose line within this many lines (a menu, a footer)
#: is left to the rules: the model is not asked.
REACH = 8
_BULLETS = ("•", "-", "*", "–", "—", "·", "►", "▶", "»", "›", "✓", "●", "○", "■", "□")
_ROLES = ("title", "body", "byline", "date", "caption", "boilerplate")
_REASONS = (
    "nav", "related", "share", "comment", "legal", "footer", "caption", "credit", "ad",
    "newsletter", "cookie", "date", "image-id", "outside-article", "short", "masthead",
)  # fmt: skip
_CLASSES = ("good", "near", "short", "bad")
_NEIGHBOURS = (-3, -2, -1, 1, 2, 3)
_NEIGHBOUR_FEATURES = ("words", "density", "good", "keep", "gap", "boiler", "sentence", "hit")
_NO_NEIGHBOUR = (-1.0,) * len(_NEIGHBOUR_FEATURES)


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
        "page_good_share", "region_share", "headline_run", "sentence_window5",
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


def boiler_words(text: str) -> int:
    """How many different words of boilerplate phrases the first 200 characters of *text* hold.

    >>> boiler_words("Share on Facebook | Subscribe to our newsletter")
    4
    >>> boiler_words("The council met on Monday.")
    0
    """
    count = _BOILER_CACHE.get(text)
    if count is None:
        count = len(BOILERPLATE_WORDS.intersection(WORD.findall(text[:200].lower())))
        if len(text) <= 60:  # short lines (menus, widgets) repeat across a site's pages
            if len(_BOILER_CACHE) >= 50_000:
                _BOILER_CACHE.clear()
            _BOILER_CACHE[text] = count
    return count


_BOILER_CACHE: dict[str, int] = {}


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
    figures are made once (:class:`_TextPage`); the loop reads them as local lists."""
    n = len(content)
    if not n:
        return []
    page = _TextPage(content, start, end)
    near_before, near_after = page.near_before, page.near_after
    chosen = [
        i
        for i, line in enumerate(content)
        if (wanted is None or wanted(line))
        and (not reach or line.keep or near_before[i] <= reach or near_after[i] <= reach)
    ]
    if not chosen:
        return []
    basics = page.neighbour_figures(chosen)
    words, texts, sentence, boiler = page.words, page.texts, page.sentence, page.boiler
    gap_before, block_of, cum_good = page.gap_before, page.block_of, page.cum_good
    block_lines, block_words, repeats = page.block_lines, page.block_words, page.repeats
    before, prose_words, total_prose = page.before, page.prose_words, page.total_prose
    headline, run_lines, run_of = page.headline, page.run_lines, page.run_of
    cum_sentence, median, figures = page.cum_sentence, page.median, page.figures
    out, log1p = [], math.log1p
    no_language = 0.0 if language is None else 1.0
    for i in chosen:
        line = content[i]
        text = texts[i]
        tokens = len(text.split())
        distance = start - i if i < start else (i - end if i > end else 0)
        row = [
            log1p(words[i]),
            log1p(len(text)),
            line.density,
            1.0 if sentence[i] else 0.0,
            0.0 if line.hit is None else 1.0,
            1.0 if line.byline else 0.0,
            1.0 if line.date_line else 0.0,
            1.0 if line.keep else 0.0,
            -1.0 if i < start else (1.0 if i > end else 0.0),
            log1p(distance),
            i / n,
            *_text_shape(text, tokens),
            float(repeats[text] - 1),
            float(boiler[i]),
            boiler[i] / (tokens or 1),
            no_language,
            1.0 if gap_before[i] else 0.0,
            1.0 if i + 1 >= n or gap_before[i + 1] else 0.0,
            log1p(block_lines[block_of[i]]),
            log1p(block_words[block_of[i]]),
            (cum_good[min(n, i + 3)] - cum_good[max(0, i - 2)]) / 5,
            (cum_good[min(n, i + 8)] - cum_good[max(0, i - 7)]) / 15,
            before[i] / total_prose,
            (total_prose - before[i] - prose_words[i]) / total_prose,
            log1p(near_before[i]),
            log1p(near_after[i]),
            len(text) / median,
            *figures,
            log1p(run_lines[run_of[i]]) if headline[i] else 0.0,
            (cum_sentence[min(n, i + 3)] - cum_sentence[max(0, i - 2)]) / 5,
        ]
        row += _CLASS_ROW.get(line.cls, _NO_CLASS)
        row += _ROLE_ROW.get(line.role, _NO_ROLE)
        row += _NO_REASON if line.keep else _REASON_ROW.get(line.reason, _NO_REASON)
        for offset in _NEIGHBOURS:
            j = i + offset
            row += basics[j] if 0 <= j < n else _NO_NEIGHBOUR
        out.append((i, row))
    return out


def _text_shape(text: str, tokens: int) -> tuple[float, ...]:
    """Punctuation, digits, capitals, title case, all capitals, a bullet, a closing colon,
    a link left as text, separators: the shape of a line's text."""
    head = text[:RATIO_CHARS]
    m = len(head)
    return (
        (m - len(head.translate(PUNCT_TABLE))) / m,
        len(_DIGITS.findall(head)) / m,
        len(_CAPITALS.findall(head)) / m,
        len(_WORD_CAPITALS.findall(head)) / (min(tokens, 30) or 1),
        1.0 if text.isupper() else 0.0,
        1.0 if text.startswith(_BULLETS) or text[:3].rstrip(".)").isdigit() else 0.0,
        1.0 if text.endswith((":", "：")) else 0.0,
        1.0 if "http" in text or "www." in text or "@" in text else 0.0,
        float(text.count("|") + text.count("·") + text.count("•")),
    )


class _TextPage:
    """The page-wide figures of a text page's rows: distances to prose, blocks of lines
    between blank lines, runs of headline-like lines, prose before and after each line."""

    def __init__(self, content: Sequence[Line], start: int, end: int) -> None:
        self.content = content
        n = len(content)
        self.words = words = [line.words for line in content]
        self.good = good = [line.cls == "good" for line in content]
        self.near_before = near_before = [0] * n
        self.near_after = near_after = [0] * n
        last = -1000
        for i in range(n):
            near_before[i] = min(i - last, 1000)
            if good[i]:
                last = i
        last = n + 1000
        for i in range(n - 1, -1, -1):
            near_after[i] = min(last - i, 1000)
            if good[i]:
                last = i
        self.texts = texts = [line.text for line in content]
        self.repeats = Counter(texts)
        self.sentence = sentence = [line.ends_sentence for line in content]
        self.prose_words = prose_words = [
            line.words if line.cls in ("good", "near") else 0 for line in content
        ]
        # Blocks: runs of lines with no blank line between them.
        self.gap_before = gap_before = [True] + [
            content[i].number - content[i - 1].number > 1 for i in range(1, n)
        ]
        self.block_of: list[int] = []
        self.block_lines: Counter[int] = Counter()
        self.block_words: Counter[int] = Counter()
        block = -1
        for i in range(n):
            block += gap_before[i]
            self.block_of.append(block)
            self.block_lines[block] += 1
            self.block_words[block] += words[i]
        # Runs of headline-like lines (teasers of other stories): 4 to 25 words, no sentence end.
        self.headline = headline = [3 < words[i] <= 25 and not sentence[i] for i in range(n)]
        self.run_of: list[int] = []
        self.run_lines: Counter[int] = Counter()
        run = -1
        for i in range(n):
            run += not headline[i] or i == 0 or not headline[i - 1]
            self.run_of.append(run)
            self.run_lines[run] += headline[i]
        self.cum_good = cum_good = [0]
        self.cum_sentence = cum_sentence = [0]
        self.before: list[int] = []
        total = 0
        for i in range(n):
            cum_good.append(cum_good[-1] + good[i])
            cum_sentence.append(cum_sentence[-1] + (sentence[i] and words[i] > 5))
            self.before.append(total)
            total += prose_words[i]
        self.total_prose = total or 1
        self.median = sorted(len(text) for text in texts)[n // 2] or 1
        self.figures = [
            math.log1p(n),
            math.log1p(sum(words)),
            cum_good[n] / n,
            (end - start + 1) / n if end >= start else 0.0,
        ]
        self.boiler = [0] * n

    def neighbour_figures(self, chosen: list[int]) -> dict[int, tuple[float, ...]]:
        """The figures of the chosen lines and their neighbours that a row repeats; counts
        their boilerplate words (the costliest count) on the way."""
        content, n, words, good = self.content, len(self.content), self.words, self.good
        needed = {j for i in chosen for j in range(max(0, i - 3), min(n, i + 4))}
        for j in needed:
            self.boiler[j] = boiler_words(self.texts[j])
        basics: dict[int, tuple[float, ...]] = {}
        for i in needed:
            line = content[i]
            basics[i] = (
                math.log1p(words[i]),
                line.density,
                float(good[i]),
                float(line.keep),
                float(self.gap_before[i]),
                float(self.boiler[i] > 0),
                float(self.sentence[i]),
                float(line.hit is not None),
            )
        return basics


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

    def _compile(self, leaves: bool = False) -> Callable:
        return compile_trees(self.trees, None, leaves)  # rows are plain: x[feature] <= threshold

    def _sum(self) -> TreeSum:
        return TreeSum(self.trees)

    def raw_slow(self, row: Sequence[float]) -> float:
        """The summed leaf values for *row*, walking the arrays (the reference evaluator)."""
        return sum(walk_tree(tree, row) for tree in self.trees)

    def apply(  # type: ignore[override]
        self, content: list[Line], start: int, end: int, language: str | None = None
    ) -> None:
        """Give the body and boilerplate lines of a text dump the model's verdict.

        A line the rules kept and the model scores below the threshold is dropped with
        reason ``model`` and the strongest features as evidence; a line the rules dropped
        and the model scores from the keep threshold on is kept. A line whose verdict
        stands gets the score added to its evidence. A dropped line that repeats a line
        still kept is a ``duplicate`` (the model's evidence kept). When the model would
        drop more than :data:`MAX_DROP_SHARE` of the words the rules kept, it drops nothing.
        """
        rows = candidates(content, start, end, language)
        scores = [self.score(row) for _, row in rows]
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
            elif not line.keep and score >= self.keep_threshold:
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
