"""What the markup of an HTML page adds to the line classifier.

A page's text blocks (:mod:`newsclean.extract.html.blocks`) become the lines the
classifier reads; :class:`PageStructure` keeps, for each line, the block it came
from, and finds the article region through the DOM instead of the densest run
of lines:

1. every line scores as in :func:`~newsclean.extract.region.line_score`, but
   a line in navigation or made mostly of link text costs its size, and other
   non-prose lines cost little (in HTML the markup, not a line's length, tells a
   list item from a menu entry); link lines skip the line rules altogether;
2. each element sums the scores of the lines inside it, and the **container** is
   the element with the most prose for the least boilerplate (good minus bad),
   a footer, navigation, an aside or comments counting :data:`DEMOTED_FACTOR`;
3. inside the container, a *small* element (holding under :data:`SMALL_SHARE` of
   the container's prose) that is navigation, a footer, an aside, a form, a
   figure or a header, or whose class/id names sharing, related stories,
   comments, captions, ads, bylines … has its lines marked with that reason; a
   large one (a layout wrapper named "sidebar-layout") is ignored, and an
   element named like an embed (a tweet's box) is never a widget; the page's type
   can name widgets of its own, of any size (a shop's reviews);
4. outside the container, lines under such landmarks and names get the specific
   reason too, so the explanation says "nav" rather than "outside the article";
5. short lines in the article's **flow** (beside its paragraphs, or in a list or
   table that is) join the prose: subheads, list items, table rows;
6. the headline is the line that repeats the page's own headline.

Element sums are one pass over the page's element table (children after their
parents, so a reverse pass adds each child into its parent).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from newsclean.extract.features import Line
from newsclean.extract.html.blocks import Block, Elements
from newsclean.extract.html.names import name_words
from newsclean.extract.languages import WORD
from newsclean.extract.region import Weights, line_score
from newsclean.extract.rules import Hit

if TYPE_CHECKING:
    from newsclean.extract.blockmodel import BlockModel
    from newsclean.extract.html.bytype import Profile

#: An element with less than this share of the container's prose is a widget
#: inside the article, and its class/id names or landmark tag are believed.
SMALL_SHARE = 0.3
#: How much a line of boilerplate inside an element counts against it.
BAD_WEIGHT = 1.0
#: Cost per word of a line made mostly of links; of a line a rule rejected; of another non-prose line.
LINK_COST = 1.0
RULE_COST = 6.0
OTHER_COST = 0.1
#: A block with more than this share of link text is a link; one of under
#: :data:`MENU_CHARS` characters is a menu entry or a link list, not prose.
LINK_SHARE = 0.5
MENU_CHARS = 200

#: The container is rarely in (or) a footer, navigation, an aside or comments: their score counts this much.
DEMOTED_FACTOR = 0.1
DEMOTED_TAGS = frozenset({"footer", "nav", "aside"})
DEMOTED_HINTS = frozenset({"comment", "footer"})

#: Share of the headline's words (and of the line's) a line needs to be taken for the headline.
HEADLINE_MATCH = 0.8
#: How many lines into the article the headline is still looked for.
TITLE_REACH = 10

#: How far up from a short line's block the article's flow is looked for.
FLOW_LEVELS = 3

#: Elements that hold one story teaser each in a list of them.
TEASER_TAGS = frozenset({"li", "article"})

#: A figure that holds code or a table is a listing, and its caption the listing's title:
#: both are the text (a data table is wrapped in a ``<figure>`` by common page builders).
LISTING_TAGS = frozenset({"figure", "figcaption"})
LISTED_TAGS = frozenset({"pre", "table"})

#: Reason codes for landmark tags and class/id hints.
LANDMARK_REASONS = {
    "nav": "nav",
    "footer": "footer",
    "aside": "related",
    "form": "nav",
    "figure": "caption",
    "figcaption": "caption",
    "header": "outside-article",
}
LANDMARK_EVIDENCE = {"header": "in a <header>: headline, summary and byline come before the body"}
HINT_REASONS = {
    "share": "share",
    "related": "related",
    "comment": "comment",
    "promo": "ad",
    "newsletter": "newsletter",
    "ad": "ad",
    "nav": "nav",
    "footer": "footer",
    "cookie": "cookie",
    "caption": "caption",
    "credit": "credit",
    "aside": "related",
    "byline": "byline",
    "date": "date",
}
_HINT_ORDER = sorted(HINT_REASONS)


class PageStructure:
    """The blocks behind the lines of a page: ``blocks[n - 1]`` is line *n*'s block, or None."""

    def __init__(self, blocks: Sequence[Block | None]) -> None:
        self.blocks = list(blocks)
        first = next((b for b in self.blocks if b is not None), None)
        self.elements: Elements = first.elements if first is not None else Elements()
        #: The serial of the article's element, once :meth:`region` has run (-1: none).
        self.container = -1
        #: The page's own headline (og:title, JSON-LD, ``<h1>``), when known.
        self.headline: str | None = None
        #: Position in the content lines of the headline's line, once :meth:`region` has run (-1: none).
        self.title_at = -1
        self._flag_cache: tuple[list[bool], list[bool]] | None = None
        self._code_cache: tuple[list[bool], list[bool]] | None = None
        #: The block model that judges the lines after the rules (None: rules only).
        self.model: BlockModel | None = None
        #: What the page's type changes in the region (:mod:`~newsclean.extract.html.bytype`).
        self.profile: Profile | None = None

    def link_lines(self) -> list[bool]:
        """For each line: whether it is made mostly of link text or sits in navigation.

        Such lines weigh against their elements by their size alone, so the line
        rules need not read them.
        """
        in_nav = self._flags()[0]
        if self.profile is not None and self.profile.links:
            return [block is not None and in_nav[block.element] for block in self.blocks]
        return [
            block is not None
            and ((block.link_density > LINK_SHARE and _menu_block(block)) or in_nav[block.element])
            for block in self.blocks
        ]

    def repeat_words(self, words: int) -> int:
        """Words a repeated paragraph needs to be dropped as a duplicate: *words*, or on a page
        whose type keeps repeats (a manual describes a parameter for each call) none is."""
        return sys.maxsize if self.profile is not None and self.profile.repeats else words

    def block(self, line: Line) -> Block | None:
        index = line.number - 1
        return self.blocks[index] if 0 <= index < len(self.blocks) else None

    def _flags(self) -> tuple[list[bool], list[bool]]:
        """For each element: whether it is in navigation; whether it is *demoted* (is, or is
        inside, a footer, navigation, an aside or comments: rarely the article)."""
        if self._flag_cache is None:
            parent, tags, hints = self.elements.parent, self.elements.tag, self.elements.hints
            size = len(tags)
            demoting = DEMOTED_HINTS
            if self.profile is not None and self.profile.comments:
                demoting = DEMOTED_HINTS - {"comment"}
            in_nav = [False] * size
            demoted = [False] * size
            for serial in range(1, size):
                up = parent[serial]
                tag = tags[serial]
                in_nav[serial] = in_nav[up] or tag == "nav"
                demoted[serial] = (
                    demoted[up]
                    or tag in DEMOTED_TAGS
                    or (bool(hints[serial]) and not demoting.isdisjoint(hints[serial]))
                )
            self._flag_cache = in_nav, demoted
        return self._flag_cache

    def _code(self) -> tuple[list[bool], list[bool]]:
        """For each element: whether it is (in) a ``<pre>`` block of code; whether it is (in)
        a listing, a ``<figure>`` that holds code or a table (its caption names the listing)."""
        if self._code_cache is None:
            parent, tags = self.elements.parent, self.elements.tag
            size = len(tags)
            in_code = [False] * size
            if "pre" not in tags and "figure" not in tags:
                # (most pages: no code, no listing; a list's search is C code)
                self._code_cache = in_code, [False] * size
                return self._code_cache
            holds_code = [tag in LISTED_TAGS for tag in tags]
            for serial in range(size - 1, 0, -1):  # children after their parents
                if holds_code[serial]:
                    holds_code[parent[serial]] = True
            in_listing = [False] * size
            for serial in range(1, size):
                up = parent[serial]
                in_code[serial] = in_code[up] or tags[serial] == "pre"
                in_listing[serial] = in_listing[up] or (
                    tags[serial] == "figure" and holds_code[serial]
                )
            self._code_cache = in_code, in_listing
        return self._code_cache

    # ------------------------------------------------------------------ region
    def region(self, content: list[Line], weights: Weights, forced: set[int]) -> tuple[int, int]:
        """Mark DOM evidence on *content* and return the article region (first, last position)."""
        parent, tags = self.elements.parent, self.elements.tag
        size = len(tags)
        in_nav, demoted = self._flags()
        good, bad = [0.0] * size, [0.0] * size
        count, linked = [0] * size, [0] * size
        placed: list[tuple[int, Line, Block]] = []
        links = self.profile is not None and self.profile.links
        blocks, lines, in_code = self.blocks, len(self.blocks), self._code()[0]
        for position, line in enumerate(content):
            index = line.number - 1
            block = blocks[index] if 0 <= index < lines else None
            if block is None:
                continue
            placed.append((position, line, block))
            serial = block.element
            if in_code[serial]:
                _read_as_code(line)
            link = block.link_density > LINK_SHARE and not links
            # Prose adds its size. Links cost by their size, so that menus and teaser
            # lists weigh against their element; other lines cost little, because in
            # HTML the markup, not the line's length, tells a list item from a menu entry.
            if link or in_nav[serial]:
                bad[serial] += max(1.0, LINK_COST * line.words)
            else:
                score = line_score(line, weights)
                if score > 0:
                    good[serial] += score
                else:
                    bad[serial] += RULE_COST if line.hit is not None else OTHER_COST
            count[serial] += 1
            linked[serial] += link
        if not any(good):
            return 0, -1
        _sum_up(parent, good, bad, count, linked)
        # The container: the whole page (element 0) for a profile that asks for it, else
        # the element with the most prose for the fewest menu lines.
        container, best = 0, float("-inf")
        whole = self.profile is not None and self.profile.whole_page
        for serial in () if whole else range(size):
            value = good[serial] - BAD_WEIGHT * bad[serial]
            if demoted[serial]:
                value *= DEMOTED_FACTOR
            if value > best:
                container, best = serial, value
        self.container = container
        inside = self._within(container)
        reasons = self._widget_reasons(
            container,
            inside,
            good,
            good[container],
            set() if links else self._teaser_items(count, linked),
        )
        first = last = -1
        for position, line, block in placed:
            if inside[block.element]:
                if first < 0:
                    first = position
                last = position
            if line.hit is not None or line.number in forced:
                continue
            found = reasons[block.element]
            if found is None and _menu_block(block) and not links:
                found = "nav", f"link text {block.link_density:.0%} of the line"
            if found is None:
                continue
            reason, evidence = found
            if reason == "outside-article" and (line.byline or line.date_line):
                continue  # the byline or date in the article's header says more
            if reason == "byline" and line.words <= 20:
                line.byline = True
            else:
                line.hit, line.cls = _dom_hit(reason, evidence), "bad"
        self._mark_flow(placed, inside)
        self.title_at = self._headline_line(content, first)
        return first, last

    def _headline_line(self, content: list[Line], first: int) -> int:
        """Position of the line that repeats the page's headline: the last one before the
        article's first line, else the first one inside it (-1: none)."""
        if not self.headline or first < 0:
            return -1
        wanted = set(WORD.findall(self.headline.lower()))
        if not wanted:
            return -1
        found = -1
        for position, line in enumerate(content):
            if position > first + TITLE_REACH and found >= 0:
                break
            if not 0 < line.words <= 2 * len(wanted) + 5 or self.block(line) is None:
                continue
            tokens = set(
                line.tokens if line.tokens is not None else WORD.findall(line.text.lower())
            )
            shared = len(tokens & wanted)
            if shared < HEADLINE_MATCH * len(wanted) or shared < HEADLINE_MATCH * len(tokens):
                continue
            if position <= first or found < 0:
                found = position
            if position >= first:
                break
        if found >= 0:
            line = content[found]
            if line.hit is not None or line.byline or line.date_line:
                line.hit, line.byline, line.date_line = None, False, False
                line.cls, line.why = "short", "the page's headline"
        return found

    def _mark_flow(self, placed: list[tuple[int, Line, Block]], inside: list[bool]) -> None:
        """Short lines in the article's flow are part of it: list items, table rows, subheads.

        The flow is the elements that directly hold the article's prose paragraphs. A
        line inside the container whose block is a child of such an element, or sits
        in a list or table that is (up to :data:`FLOW_LEVELS` levels), joins the prose.
        """
        parent = self.elements.parent
        flow: set[int] = set()
        for _, line, block in placed:
            if line.cls == "good" and line.hit is None and inside[block.element]:
                flow.add(parent[block.holder])
        items = self.profile is not None and self.profile.items
        if not flow and not items:
            return
        for _, line, block in placed:
            if (
                line.cls not in ("short", "bad")
                or line.hit is not None
                or line.byline
                or line.date_line
            ):
                continue
            if not inside[block.element] or (
                block.link_density > LINK_SHARE and (line.link or not items)
            ):
                continue
            if items:
                line.cls, line.why = "near", f"{line.why}; an item of the page's main element"
                continue
            serial = parent[block.holder]
            for _ in range(FLOW_LEVELS):
                if serial in flow:
                    line.cls, line.why = "near", f"{line.why}; in the article's flow"
                    break
                if serial <= 0 or not inside[serial]:
                    break
                serial = parent[serial]

    # ------------------------------------------------------------------ element passes
    def _within(self, container: int) -> list[bool]:
        """For each element: whether it is *container* or inside it."""
        parent = self.elements.parent
        size = len(parent)
        flags = [False] * size
        flags[container] = True
        for serial in range(container + 1, size):
            up = parent[serial]
            if up >= container and flags[up]:
                flags[serial] = True
            elif up < container:
                break
        return flags

    def _widget_reasons(
        self, container: int, inside: list[bool], good: list[float], prose: float, teasers: set[int]
    ) -> list[tuple[str, str] | None]:
        """For each element: the reason and evidence when it is (in) a widget, or None.

        Inside the container only small elements count (see :data:`SMALL_SHARE`);
        outside it, every landmark and name does. The outermost widget decides.
        """
        parent, tags, hints = self.elements.parent, self.elements.tag, self.elements.hints
        size = len(tags)
        in_listing = self._code()[1]
        reasons: list[tuple[str, str] | None] = [None] * size
        weak: dict[int, tuple[str, str]] = {}
        limit = SMALL_SHARE * prose
        order = _HINT_ORDER
        widgets: dict[str, str] = {}
        if self.profile is not None:
            widgets = dict(self.profile.widgets)
            if self.profile.comments:
                order = [hint for hint in _HINT_ORDER if hint != "comment"]
        for serial in range(1, size):
            up = parent[serial]
            if serial == container:
                continue
            inherited = reasons[up] if inside[up] or not inside[serial] else None
            if inherited is not None and inherited is not weak.get(up):
                reasons[serial] = inherited
                continue
            tag = tags[serial]
            if inherited is not None:
                # Inside a header: a more specific reason (a menu, a byline) still wins.
                reasons[serial] = weak[serial] = inherited
            if serial in teasers:
                reasons[serial] = (
                    "related",
                    f"teaser: a <{tag}> of a link and a summary, one of several",
                )
                continue
            named = self._named_widget(serial, widgets) if widgets else None
            if named is not None:
                reasons[serial] = named
                continue
            if inside[serial] and good[serial] >= limit:
                continue
            if tag in LANDMARK_REASONS and not (tag in LISTING_TAGS and in_listing[serial]):
                landmark = (LANDMARK_REASONS[tag], LANDMARK_EVIDENCE.get(tag, f"inside <{tag}>"))
                reasons[serial] = landmark
                if tag == "header":
                    weak[serial] = landmark
                else:
                    continue
            found = hints[serial]
            if found and "embed" not in found:
                for hint in order:
                    if hint in found:
                        reasons[serial] = (
                            HINT_REASONS[hint],
                            f"inside an element named like '{hint}'",
                        )
                        break
        return reasons

    def _named_widget(self, serial: int, widgets: dict[str, str]) -> tuple[str, str] | None:
        """The reason and evidence of an element whose class/id holds a word that names a
        widget of the page's type (:attr:`~newsclean.extract.html.bytype.Profile.widgets`)."""
        value = self.elements.names[serial]
        for word in name_words(value) if value else ():
            reason = widgets.get(word)
            if reason is not None:
                kind = self.profile.kind if self.profile is not None else "page"
                return reason, f"inside an element named like '{word}' (on a {kind} page)"
        return None

    def _teaser_items(self, count: list[int], linked: list[int]) -> set[int]:
        """Story teasers: at least three sibling list items or articles, each a linked headline and more text.

        *count* and *linked* give, per element, its lines and its lines of link text.
        """
        parent, tags = self.elements.parent, self.elements.tag
        items = [
            s for s in range(1, len(tags)) if tags[s] in TEASER_TAGS and count[s] >= 2 and linked[s]
        ]
        siblings: dict[int, int] = {}
        for serial in items:
            siblings[parent[serial]] = siblings.get(parent[serial], 0) + 1
        return {serial for serial in items if siblings[parent[serial]] >= 3}


def _sum_up(
    parent: list[int], good: list[float], bad: list[float], count: list[int], linked: list[int]
) -> None:
    """Add each element's figures into its parent's, children first (one reverse pass)."""
    for serial in range(len(parent) - 1, 0, -1):
        if not count[serial]:
            continue  # no line inside: nothing to add
        up = parent[serial]
        good[up] += good[serial]
        bad[up] += bad[serial]
        count[up] += count[serial]
        linked[up] += linked[serial]


@lru_cache(maxsize=4096)
def _dom_hit(reason: str, evidence: str) -> Hit:
    """The hit of a DOM rule (a widget's lines share one: a :class:`Hit` never changes)."""
    return Hit(f"dom-{reason}", reason, evidence)


def _read_as_code(line: Line) -> None:
    """Undo the line rules on a line of a ``<pre>`` block: they read prose and boilerplate,
    and in code a line number is no share count, "cookies" no consent banner."""
    if line.hit is not None or line.byline or line.date_line:
        line.hit, line.byline, line.date_line = None, False, False
        line.cls, line.why = "short", "a line of code"


def _menu_block(block: Block) -> bool:
    """Whether a block is a short line made mostly of link text (a menu entry, a link list);
    a term of a definition list (``<dt>``) is none, even linked: it names what its
    definition describes (an API's member, a glossary's word)."""
    return block.link_density > LINK_SHARE and len(block.text) < MENU_CHARS and block.tag != "dt"


def structure_lines(title: str | None, blocks: Sequence[Block]) -> tuple[list[str], PageStructure]:
    """The lines the classifier reads for an HTML page: its ``<title>``, then one line per block."""
    lines = [title or ""] + [block.text for block in blocks]
    return lines, PageStructure([None, *blocks])
