"""What the markup of an HTML page adds to the line classifier.

A page's text blocks (:mod:`newsclean.html_blocks`) become the lines the
classifier reads; :class:`PageStructure` keeps, for each line, the block it came
from, and finds the article region through the DOM instead of the densest run
of lines:

1. every line scores as in :func:`~newsclean.boilerplate.region.line_score`, but
   prose inside navigation or a footer, or made mostly of link text, counts
   against its elements;
2. each element sums the scores of the lines inside it, and the **container** is
   the element with the most prose for the least boilerplate (good minus bad);
3. inside the container, a *small* element (holding under :data:`SMALL_SHARE` of
   the container's prose) that is navigation, a footer, an aside, a form or a
   figure, or whose class/id names sharing, related stories, comments, captions,
   ads, bylines … has its lines marked with that reason; a large one (a layout
   wrapper named "sidebar-layout") is ignored;
4. outside the container, lines under such landmarks and names get the specific
   reason too, so the explanation says "nav" rather than "outside the article".
"""

from __future__ import annotations

from collections import defaultdict
from typing import Sequence

from newsclean.boilerplate.features import Line
from newsclean.boilerplate.region import Weights, line_score
from newsclean.boilerplate.rules import Hit
from newsclean.html_blocks import Block

#: An element with less than this share of the container's prose is a widget
#: inside the article, and its class/id names or landmark tag are believed.
SMALL_SHARE = 0.3
#: How much a line of boilerplate inside an element counts against it.
BAD_WEIGHT = 1.0
#: Cost per word of a line made mostly of links; of a line a rule rejected; of another non-prose line.
LINK_COST = 1.0
RULE_COST = 6.0
OTHER_COST = 3.0

#: Elements that hold one story teaser each in a list of them.
TEASER_TAGS = frozenset({"li", "article"})

#: Reason codes for landmark tags and class/id hints.
LANDMARK_REASONS = {"nav": "nav", "footer": "footer", "aside": "related", "form": "nav",
                    "figure": "caption", "figcaption": "caption"}
HINT_REASONS = {"share": "share", "related": "related", "comment": "comment", "promo": "ad",
                "newsletter": "newsletter", "ad": "ad", "nav": "nav", "footer": "footer",
                "cookie": "cookie", "caption": "caption", "credit": "credit", "aside": "related",
                "byline": "byline", "date": "date"}


class PageStructure:
    """The blocks behind the lines of a page: ``blocks[n - 1]`` is line *n*'s block, or None."""

    def __init__(self, blocks: Sequence[Block | None]) -> None:
        self.blocks = list(blocks)

    def block(self, line: Line) -> Block | None:
        index = line.number - 1
        return self.blocks[index] if 0 <= index < len(self.blocks) else None

    def region(self, content: list[Line], weights: Weights, forced: set[int]) -> tuple[int, int]:
        """Mark DOM evidence on *content* and return the article region (first, last position)."""
        scores = [self._score(line, weights) for line in content]
        good: dict[int, float] = defaultdict(float)
        bad: dict[int, float] = defaultdict(float)
        for line, score in zip(content, scores):
            block = self.block(line)
            if block is None:
                continue
            totals = good if score > 0 else bad
            for serial in block.path:
                totals[serial] += abs(score)
        if not good:
            return 0, -1
        container = max(good, key=lambda serial: (good[serial] - BAD_WEIGHT * bad[serial], -serial))
        prose = good[container]
        self._teasers = self._teaser_items(content)
        first = last = -1
        for position, line in enumerate(content):
            block = self.block(line)
            if block is None:
                continue
            inside = container in block.path
            if inside:
                if first < 0:
                    first = position
                last = position
            if line.number in forced or line.hit is not None:
                continue
            found = self._widget(block, container if inside else None, good, prose)
            if found is None:
                continue
            reason, evidence = found
            if reason == "byline" and line.words <= 20:
                line.byline = True
            else:
                line.hit = Hit(f"dom-{reason}", reason, evidence)
                line.cls = "bad"
        return first, last

    def _score(self, line: Line, weights: Weights) -> float:
        """How much a line adds to (or costs) the elements around it.

        Prose adds its size. Links cost by their size, so that menus and teaser
        lists weigh against their element; other lines cost little, because in
        HTML the markup, not the line's length, tells a list item from a menu entry.
        """
        block = self.block(line)
        links = block is not None and (block.link_density > 0.5 or "nav" in block.tags)
        if links:
            return -max(1.0, LINK_COST * line.words)
        score = line_score(line, weights)
        if score > 0:
            return score
        if line.hit is not None:
            return -RULE_COST
        return -OTHER_COST

    def _widget(self, block: Block, container: int | None, good: dict[int, float],
                prose: float) -> tuple[str, str] | None:
        """The reason and evidence when *block* sits in a small widget element (or outside the article)."""
        start = block.path.index(container) + 1 if container is not None else 0
        for serial, tag, hints in zip(block.path[start:], block.tags[start:], block.path_hints[start:]):
            if serial in self._teasers:
                return "related", f"teaser: a <{tag}> of a link and a summary, one of several"
            if container is not None and good.get(serial, 0.0) >= SMALL_SHARE * prose:
                continue
            if tag in LANDMARK_REASONS:
                return LANDMARK_REASONS[tag], f"inside <{tag}>"
            for hint in sorted(hints):
                reason = HINT_REASONS.get(hint)
                if reason:
                    return reason, f"inside an element named like '{hint}'"
        if block.link_density > 0.5 and container is not None and len(block.text) < 200:
            return "nav", f"link text {block.link_density:.0%} of the line"
        return None


    def _teaser_items(self, content: list[Line]) -> set[int]:
        """Story teasers: at least three sibling list items or articles, each a linked headline and more text."""
        blocks: dict[int, int] = defaultdict(int)
        linked: dict[int, int] = defaultdict(int)
        parent: dict[int, int] = {}
        for line in content:
            block = self.block(line)
            if block is None:
                continue
            for index, (serial, tag) in enumerate(zip(block.path, block.tags)):
                if tag in TEASER_TAGS and index:
                    blocks[serial] += 1
                    linked[serial] += block.link_density > 0.5
                    parent[serial] = block.path[index - 1]
        items = [serial for serial, count in blocks.items() if count >= 2 and linked[serial]]
        siblings: dict[int, int] = defaultdict(int)
        for serial in items:
            siblings[parent[serial]] += 1
        return {serial for serial in items if siblings[parent[serial]] >= 3}


def structure_lines(title: str | None, blocks: Sequence[Block]) -> tuple[list[str], PageStructure]:
    """The lines the classifier reads for an HTML page: its ``<title>``, then one line per block."""
    lines = [title or ""] + [block.text for block in blocks]
    return lines, PageStructure([None, *blocks])
