"""The rows of the block model (:mod:`~newsclean.extract.blockmodel`): one row of numbers per
block of an HTML page, what the model sees of it (:data:`FEATURES`).

A row is compact (:data:`ROW_SIZE` values): the numbers, then the rules' reason, the
tag and the page's reading (its type's profile) as indexes, and the landmark/hint
and class-word bits as two integers; :func:`expand` spreads it into one value per
feature (what the training script sees), and the compiled trees test the indexes
and bits directly (:data:`LAYOUT`).
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING

from newsclean.extract.languages import english_scale

if TYPE_CHECKING:  # pragma: no cover
    from newsclean.extract.features import Line
    from newsclean.extract.html.blocks import Block
    from newsclean.extract.html.dom import PageStructure

#: Hash buckets for class/id words.
BUCKETS = 64

_LANDMARKS = tuple("nav header footer aside article main form figure li table blockquote".split())
_LANDMARK_BIT = {tag: 1 << i for i, tag in enumerate(_LANDMARKS)}
_LANDMARK_BIT["figcaption"] = _LANDMARK_BIT["figure"]
_NAV_BIT = _LANDMARK_BIT["nav"]
_HINTS = (
    "share",
    "related",
    "comment",
    "promo",
    "newsletter",
    "ad",
    "caption",
    "credit",
    "byline",
    "date",
    "nav",
    "footer",
    "cookie",
    "aside",
    "article",
    "embed",
)
_HINT_BIT = {hint: 1 << (len(_LANDMARKS) + i) for i, hint in enumerate(_HINTS)}
_TAGS = tuple("p div li h1 h2 h3+ tr dd blockquote pre figcaption other".split())
_TAG_GROUP = {
    "p": "p",
    "div": "div",
    "li": "li",
    "h1": "h1",
    "h2": "h2",
    "h3": "h3+",
    "h4": "h3+",
    "h5": "h3+",
    "h6": "h3+",
    "tr": "tr",
    "td": "tr",
    "th": "tr",
    "table": "tr",
    "tbody": "tr",
    "thead": "tr",
    "tfoot": "tr",
    "dd": "dd",
    "dt": "dd",
    "dl": "dd",
    "blockquote": "blockquote",
    "pre": "pre",
    "figcaption": "figcaption",
}
_TAG_INDEX = {tag: i for i, tag in enumerate(_TAGS)}
#: The readings of a page that follow its type (:mod:`~newsclean.extract.html.bytype`): a
#: forum's posts, a listing's items … are content there and boilerplate on an article.
READINGS = ("forum", "listing", "collection", "product", "service", "documentation")
_READING_INDEX = {kind: i for i, kind in enumerate(READINGS)}
_HIDING = frozenset(
    "hidden hide sr visually invisible offscreen collapse collapsed modal popup tooltip dropdown overlay none".split()
)
_NAME_WORD = re.compile(r"[a-z]{2,}")
#: Punctuation, ASCII and typographic, whose share of a line is a feature of both models.
PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~·•«»“”‘’–—…©®™")
#: The rules' reason for a line they dropped (one feature each).
_REASONS = (
    "nav",
    "related",
    "share",
    "comment",
    "footer",
    "caption",
    "credit",
    "ad",
    "newsletter",
    "outside-article",
    "short",
    "byline",
    "date",
    "masthead",
    "cookie",
    "aside",
)
_REASON_INDEX = {reason: i for i, reason in enumerate(_REASONS)}
_NEIGHBOURS = (-2, -1, 1, 2)
_NEIGHBOUR_FEATURES = ("words", "link", "density", "good", "keep", "inside", "same_parent")

#: Names of the features, in the order of a row.
FEATURES: tuple[str, ...] = (
    (
        "words",
        "chars",
        "density",
        "ends_sentence",
        "link",
        "cls_good",
        "cls_near",
        "cls_short",
        "cls_bad",
        "rule_hit",
        "dom_hit",
        "byline",
        "date_line",
        "rules_keep",
        "inside",
        "where",
        "position",
        "depth",
        "depth_in_container",
        "punct",
        "digits",
        "capitals",
        "repeats",
        "hiding",
        "language",
        "parent_line_share",
        "parent_links",
        "parent_word_share",
        "parent_share",
        "words_vs_page",
        "page_kept_share",
        "page_good_share",
        "page_kept_line_share",
        "page_link_share",
        "prose_before",
        "prose_after",
        "prose_before_stop",
    )
    + tuple(f"rules said {r}" for r in _REASONS)
    + tuple(f"tag={t}" for t in _TAGS)
    + tuple(f"in <{t}>" for t in _LANDMARKS)
    + tuple(f"named '{h}'" for h in _HINTS)
    + tuple(f"class word #{b}" for b in range(BUCKETS))
    + tuple(f"read as {kind}" for kind in READINGS)
    + tuple(f"{name}[{offset:+d}]" for offset in _NEIGHBOURS for name in _NEIGHBOUR_FEATURES)
)

_MASK_BITS = len(_LANDMARKS) + len(_HINTS)
#: Features with a number of their own; the rest are one-hot (reason, tag) or bits (landmarks and
#: hints, class words), which a row carries as one value each (:func:`expand` spreads them out).
_NUMERIC = 37
_NEIGHBOUR_AT = _NUMERIC + 5
#: Values in a compact row.
ROW_SIZE = _NEIGHBOUR_AT + len(_NEIGHBOURS) * len(_NEIGHBOUR_FEATURES)
#: For each feature of :data:`FEATURES`: how to read it from a compact row —
#: ("num", index), ("eq", index, value) or ("bit", index, bit).
LAYOUT: list[tuple[str, int, int]] = (
    [("num", i, 0) for i in range(_NUMERIC)]
    + [("eq", _NUMERIC, r) for r in range(len(_REASONS))]
    + [("eq", _NUMERIC + 1, t) for t in range(len(_TAGS))]
    + [("bit", _NUMERIC + 2, b) for b in range(_MASK_BITS)]
    + [("bit", _NUMERIC + 3, b) for b in range(BUCKETS)]
    + [("eq", _NUMERIC + 4, k) for k in range(len(READINGS))]
    + [("num", _NEIGHBOUR_AT + i, 0) for i in range(len(_NEIGHBOURS) * len(_NEIGHBOUR_FEATURES))]
)
assert len(LAYOUT) == len(FEATURES) and FEATURES[_NUMERIC] == f"rules said {_REASONS[0]}"
_NAME_CACHE: dict[str, int] = {}


def expand(row: Sequence[float]) -> list[float]:
    """The :data:`FEATURES` values of a compact row from :func:`page_rows` (one number per feature).

    >>> dense = expand(list(range(_NUMERIC)) + [2, 0, 0b101, 0, 1] + [0.0] * 28)
    >>> dense[FEATURES.index("rules said share")], dense[FEATURES.index("tag=p")], dense[FEATURES.index("in <nav>")]
    (1.0, 1.0, 1.0)
    >>> dense[FEATURES.index("read as listing")], dense[FEATURES.index("read as forum")]
    (1.0, 0.0)
    """
    out = []
    for kind, index, value in LAYOUT:
        if kind == "num":
            out.append(float(row[index]))
        elif kind == "eq":
            out.append(float(row[index] == value))
        else:
            out.append(float(int(row[index]) >> value & 1))
    return out


def _name_buckets(names: str) -> int:
    """Bit mask of the hash buckets of the words in a class/id value (bit 63+1: a hiding word)."""
    mask = _NAME_CACHE.get(names)
    if mask is None:
        mask = 0
        for word in _NAME_WORD.findall(names.lower()):
            mask |= 1 << (zlib.crc32(word.encode("ascii")) % BUCKETS)
            if word in _HIDING:
                mask |= 1 << BUCKETS
        if len(_NAME_CACHE) > 50_000:
            _NAME_CACHE.clear()
        _NAME_CACHE[names] = mask
    return mask


#: Punctuation, digits (0-9) and the capital letters of the Latin, Greek and Cyrillic alphabets,
#: counted in a line that is not ASCII (a regex pass counts them several times faster than a
#: translation deletes them). The line model's line shape counts the same punctuation.
PUNCT = re.compile("[" + "".join(re.escape(c) for c in sorted(PUNCTUATION)) + "]")
_DIGIT = re.compile("[0-9]")


@lru_cache(maxsize=1)
def _capital() -> re.Pattern:
    """The capitals' pattern, compiled when a line first needs it (a few milliseconds)."""
    capitals = (c for c in map(chr, range(0x41, 0x530)) if c.isupper() and c.isalpha())
    return re.compile("[" + "".join(map(re.escape, capitals)) + "]")


#: The ASCII characters of :data:`PUNCTUATION`, as bytes to delete from an ASCII line.
PUNCT_ASCII = "".join(sorted(c for c in PUNCTUATION if c.isascii())).encode("ascii")
_CAPITAL_ASCII = bytes(range(ord("A"), ord("Z") + 1))
#: Characters of a line read for its punctuation, digit and capital shares.
RATIO_CHARS = 120


def _ratios(text: str) -> tuple[float, float, float]:
    """Shares of punctuation, digit (0-9) and capital (Latin, Greek, Cyrillic) characters,
    in the first :data:`RATIO_CHARS`.

    >>> _ratios("Hello, World 42!")
    (0.125, 0.125, 0.125)
    """
    if len(text) > RATIO_CHARS:
        text = text[:RATIO_CHARS]
    n = len(text) or 1
    if text.isascii():  # most lines: bytes delete characters faster than str's tables
        data = text.encode("ascii")
        return (
            (n - len(data.translate(None, PUNCT_ASCII))) / n,
            (n - len(data.translate(None, b"0123456789"))) / n,
            (n - len(data.translate(None, _CAPITAL_ASCII))) / n,
        )
    return (
        len(PUNCT.findall(text)) / n,
        len(_DIGIT.findall(text)) / n,
        len(_capital().findall(text)) / n,
    )


#: The reasons of the headers that end an article's text: teasers or comments follow.
STOP_REASONS = frozenset(("related", "comment"))


def stop_lines(content: Sequence[Line]) -> list[bool]:
    """Whether each of *content* is a "related" or comments header (:data:`STOP_REASONS`)."""
    return [line.hit is not None and line.hit.reason in STOP_REASONS for line in content]


def stop_shares(stops: Sequence[bool], before: Sequence[int], total: int) -> list[float]:
    """For each line, the share of the page's prose above the last "related" or comments
    header before it (*stops*: whether each line is one; *before*: the prose words above
    each line, out of *total*), 0 with none: past a header that most of the prose stands
    above come the teasers and the comments, however long they are.

    >>> stop_shares([False, False, True, False], [0, 40, 80, 80], 80)
    [0.0, 0.0, 0.0, 1.0]
    """
    shares: list[float] = []
    share = 0.0
    for k, stop in enumerate(stops):
        shares.append(share)
        if stop:
            share = before[k] / total
    return shares


def page_rows(
    content: Sequence[Line],
    start: int,
    end: int,
    dom: PageStructure,
    language: str | None = None,
    wanted: Callable[[Line], bool] | None = None,
) -> list[tuple[int, list[float]]]:
    """One feature row per line of *content* that comes from a block: (position, row).

    *start* and *end* bound the article region the rules found (positions in
    *content*); each line already carries the rules' verdict. With *wanted*, only
    the lines it accepts get a row, and none of the lines the rules dropped inside a
    ``<nav>`` element (their neighbours are all the block lines).
    """
    placed = []
    blocks, size = dom.blocks, len(dom.blocks)
    for position, line in enumerate(content):
        index = line.number - 1
        block = blocks[index] if 0 <= index < size else None
        if block is not None:
            placed.append((position, line, block))
    if not placed:
        return []
    page = _Page(content, start, end, dom, language, placed)
    parent, near, masks = page.parent, page.near, page.masks
    basics, groups, count = page.basics, page.groups, page.count
    buckets: dict[int, int] = {}  # element -> class-word buckets of it and three ancestors
    rows = []
    for index, ((position, line, block), group) in enumerate(zip(placed, groups)):
        if wanted is not None and not wanted(line):
            continue
        serial = block.element
        mask = masks[serial]
        if wanted is not None and mask & _NAV_BIT and not line.keep:
            continue  # a line the rules dropped in a <nav> element is not judged
        bucket = buckets.get(serial)
        if bucket is None:
            up = parent[serial] if serial > 0 else 0
            up2 = parent[up] if up > 0 else 0
            bucket = near(serial) | near(up) | near(up2) | (near(parent[up2]) if up2 > 0 else 0)
            buckets[serial] = bucket
        row = page.line_row(position, line, block, group, mask, bucket)
        rows.append((position, row))
        for offset in _NEIGHBOURS:
            other = index + offset
            if 0 <= other < count:
                row += basics[other]
                row.append(float(groups[other] == group))
            else:
                row += _NO_NEIGHBOUR
    return rows


#: A neighbour's figures where the page has no such line.
_NO_NEIGHBOUR = (-1.0,) * len(_NEIGHBOUR_FEATURES)


class _Page:
    """What the rows of one page share: its element tables, the groups of its lines and
    the page's own figures (shares, never sizes: a page ten times as long reads the same)."""

    def __init__(
        self,
        content: Sequence[Line],
        start: int,
        end: int,
        dom: PageStructure,
        language: str | None,
        placed: list,
    ) -> None:
        elements = dom.elements
        parent, tags, hints = elements.parent, elements.tag, elements.hints
        self.names = getattr(elements, "names", None)
        size = len(tags)
        container = dom.container
        inside_flags = dom._within(container) if container >= 0 else [False] * size
        depth, masks = _depths_and_masks(parent, tags, hints)
        self.parent, self.depth, self.masks, self.inside_flags = parent, depth, masks, inside_flags
        self.start, self.end, self.language, self.n = start, end, language, len(content)
        profile = dom.profile
        #: The page's reading: -1 as an article, else its type's index in READINGS.
        self.reading = _READING_INDEX.get(profile.kind, -1) if profile is not None else -1
        self.container_depth = depth[container] if container >= 0 else 0
        self.repeats = Counter([line.text for _, line, _ in placed])
        # Lines per parent of the element holding the text (a list, a section, an article body).
        holders = [block.holder for _, _, block in placed]
        self.groups = groups = [parent[h] if h > 0 else 0 for h in holders]
        self.group_lines: Counter = Counter(groups)
        self.group_links: dict[int, int] = dict.fromkeys(self.group_lines, 0)
        self.group_words: dict[int, int] = dict.fromkeys(self.group_lines, 0)
        self.group_shares: dict[int, tuple[float, float, float, float]] = {}
        links, group_words = self.group_links, self.group_words
        container_words = page_words = kept_words = good = kept = linked = 0
        for (_, line, block), group in zip(placed, groups):
            words = line.words
            if block.link_density > 0.5:
                links[group] += 1
                linked += 1
            group_words[group] += words
            page_words += words
            if inside_flags[block.element]:
                container_words += words
            if line.keep:
                kept_words += words
                kept += 1
            if line.cls == "good":
                good += 1
        self.container_words = container_words
        self.count = count = len(placed)
        self.page_words = page_words
        self.figures = [
            kept_words / page_words if page_words else 0.0,
            good / count,
            kept / count,
            linked / count,
        ]
        self.typical = sorted([line.words for _, line, _ in placed])[count // 2] + 1
        # The page's prose above each line, and above the last "related" or comments header.
        self.prose = list(
            accumulate((line.words * (line.cls == "good") for line in content), initial=0)
        )
        self.total_prose = self.prose[-1] or 1
        self.stop_share = stop_shares(stop_lines(content), self.prose, self.total_prose)
        #: Densities are read on English's scale (the model learns from mostly English pages).
        self.scale = scale = english_scale(language)
        #: Each line's figures as a neighbour's (its group, the last of them, is in :attr:`groups`).
        self.basics = [
            (
                math.log1p(line.words),
                block.link_density,
                line.density * scale,
                float(line.cls == "good"),
                float(line.keep),
                float(inside_flags[block.element]),
            )
            for _, line, block in placed
        ]

    def near(self, serial: int) -> int:
        """The class-word buckets of an element (only the elements of judged lines are read)."""
        value = self.names[serial] if self.names is not None else ""
        if not value:
            return 0
        mask = _NAME_CACHE.get(value)
        return _name_buckets(value) if mask is None else mask

    def _group_shares(self, group: int) -> tuple[float, float, float, float]:
        """A group's share of the page's lines, its lines' link share, and its share of the
        page's and of the container's words (the same for each of its lines)."""
        lines, words, page_words = self.group_lines[group], self.group_words[group], self.page_words
        return (
            lines / self.count,
            self.group_links[group] / lines,
            words / page_words if page_words else 0.0,
            words / self.container_words if self.container_words else 0.0,
        )

    def line_row(
        self, position: int, line: Line, block: Block, group: int, mask: int, bucket: int
    ) -> list[float]:
        """The row of one line, before its neighbours' figures."""
        serial = block.element
        text = line.text
        punct, digits, upper = _ratios(text)
        hit = line.hit
        dom_hit = hit is not None and hit.rule.startswith("dom-")
        cls = line.cls
        where = -1.0 if position < self.start else (1.0 if position > self.end else 0.0)
        row = [
            math.log1p(line.words),
            math.log1p(len(text)),
            line.density * self.scale,
            float(line.ends_sentence),
            block.link_density,
            float(cls == "good"),
            float(cls == "near"),
            float(cls == "short"),
            float(cls == "bad"),
            float(hit is not None and not dom_hit),
            float(dom_hit),
            float(line.byline),
            float(line.date_line),
            float(line.keep),
            float(self.inside_flags[serial]),
            where,
            position / self.n,
            float(self.depth[serial]),
            float(self.depth[serial] - self.container_depth),
            punct,
            digits,
            upper,
            float(self.repeats[text] - 1),
            float(bucket >> BUCKETS & 1),
            float(self.language is not None),
        ]
        shares = self.group_shares.get(group)
        if shares is None:
            shares = self.group_shares[group] = self._group_shares(group)
        row += shares
        row.append(math.log((line.words + 1) / self.typical))
        row += self.figures
        prose, total = self.prose, self.total_prose
        row += (
            prose[position] / total,
            (total - prose[position + 1]) / total,
            self.stop_share[position],
        )
        row += (
            _REASON_INDEX.get(line.reason, -1) if not line.keep else -1,
            _TAG_INDEX[_TAG_GROUP.get(block.tag, "other")],
            mask,
            bucket,
            self.reading,
        )
        return row


def _depths_and_masks(
    parent: list[int], tags: list[str], hints: list[frozenset]
) -> tuple[list[int], list[int]]:
    """Each element's depth, and the landmark and hint bits of it and its ancestors."""
    size = len(tags)
    depth = [0] * size
    masks = [0] * size
    landmark_bit, hint_bit = _LANDMARK_BIT.get, _HINT_BIT.get
    hint_bits: dict[frozenset, int] = {}  # the hint sets are few, and shared
    for serial in range(1, size):  # parents come before their children
        up = parent[serial]
        depth[serial] = depth[up] + 1
        bits = masks[up] | landmark_bit(tags[serial], 0)
        found = hints[serial]
        if found:
            more = hint_bits.get(found)
            if more is None:
                more = 0
                for hint in found:
                    more |= hint_bit(hint, 0)
                hint_bits[found] = more
            bits |= more
        masks[serial] = bits
    return depth, masks
