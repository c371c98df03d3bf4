"""What an element's attributes say about it: the words of its class and id, the hints
they give (sharing, related stories, comments, the article body …), whether it is hidden
from readers, a panel of a set of tabs, or a section whose id is its heading's anchor.

The words of a class or id value are read as a style sheet's author wrote them
(:func:`name_words`): the hashes that generated names carry (``css-1d8ad8q``,
``sc-679fc0ad-0``) give none, so that "ad" in a hash is no advertisement.
"""

from __future__ import annotations

import re

#: Words in class/id/role/itemprop values that hint at what an element holds.
HINT_WORDS = {
    "share": "share",
    "social": "share",
    "sharing": "share",
    "sharebar": "share",
    "related": "related",
    "recommended": "related",
    "recirc": "related",
    "more": "related",
    "popular": "related",
    "trending": "related",
    "outbrain": "related",
    "taboola": "related",
    "comment": "comment",
    "comments": "comment",
    "disqus": "comment",
    "reply": "comment",
    "promo": "promo",
    "newsletter": "newsletter",
    "subscribe": "newsletter",
    "signup": "newsletter",
    "advert": "ad",
    "advertisement": "ad",
    "ad": "ad",
    "ads": "ad",
    "sponsor": "ad",
    "sponsored": "ad",
    "caption": "caption",
    "figcaption": "caption",
    "credit": "credit",
    "credits": "credit",
    "byline": "byline",
    "author": "byline",
    "authors": "byline",
    "contributor": "byline",
    "dateline": "date",
    "date": "date",
    "timestamp": "date",
    "published": "date",
    "time": "date",
    "breadcrumb": "nav",
    "breadcrumbs": "nav",
    "menu": "nav",
    "nav": "nav",
    "navbar": "nav",
    "navigation": "nav",
    "masthead": "nav",
    "topbar": "nav",
    "skip": "nav",
    "tags": "nav",
    "tag": "nav",
    "footer": "footer",
    "copyright": "footer",
    "cookie": "cookie",
    "consent": "cookie",
    "gdpr": "cookie",
    "sidebar": "aside",
    "widget": "aside",
    "rail": "aside",
    "modal": "aside",
    "popup": "aside",
    "paywall": "promo",
    "article": "article",
    "story": "article",
    "articlebody": "article",
    "content": "article",
    "entry": "article",
    "post": "article",
    "body": "article",
    "text": "article",
    "main": "article",
    # An embedded post or quote (a tweet in a "social-embed" box) is part of the article.
    "embed": "embed",
    "embedded": "embed",
    "tweet": "embed",
    "quote": "embed",
}
_SPLIT_NAME = re.compile(r"[^a-z]+")
#: The parts of a class or id value, between separators.
_NAME_PART = re.compile(r"[a-z0-9]+")
#: A part that is a hash: hex digits with a digit among them ("1a2b3c", "e1e566ad").
_HEX_PART = re.compile(r"(?=[a-f]*[0-9])[0-9a-f]{4,}")
#: A part's first word: letters before its first digit ("footer2" → "footer").
_LEADING_WORD = re.compile(r"[a-z]+")
_ASCII_DIGIT = re.compile(r"[0-9]")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
NO_HINTS: frozenset = frozenset()
_HINT_NAMES = frozenset(HINT_WORDS)


HINT_CACHE: dict[str, frozenset] = {}


def name_words(value: str) -> list[str]:
    """The words of a class or id value, as a style sheet's author wrote them: letters
    between separators, and in a part with digits only the letters before the first one
    (a numbered variant such as ``footer2``); a hash that generated names carry
    (``css-1d8ad8q``, ``sc-679fc0ad-0``, ``jXK9ad``) gives no word.

    >>> name_words("css-1d8ad8q jXK9ad footer2-link sc-679fc0ad-0 ad-slot")
    ['css', 'jxk', 'footer', 'link', 'sc', 'ad', 'slot']
    """
    value = value.lower()
    if not _has_digit(value):
        return [word for word in _SPLIT_NAME.split(value) if word]
    words = []
    for part in _NAME_PART.findall(value):
        if part.isalpha():
            words.append(part)
        elif not _HEX_PART.fullmatch(part):
            first = _LEADING_WORD.match(part)
            if first is not None:
                words.append(first.group())
    return words


def _has_digit(value: str) -> bool:
    """Whether *value* holds a digit (``str.isdigit``'s, which a regex's ``\\d`` is not beyond ASCII)."""
    if value.isascii():
        return _ASCII_DIGIT.search(value) is not None
    return any(c.isdigit() for c in value)


def name_hints(value: str) -> frozenset[str]:
    """Hint categories of one class/id/role/itemprop value (cached: values repeat across a site).

    A value of several space-separated names gives the hints of its names together (no
    word crosses a space), each name's read once: a page's new value is mostly known names.

    >>> sorted(name_hints("story-body css-1d8ad8q share2")), sorted(name_hints("ad9f3e"))
    (['article', 'share'], [])
    """
    found = HINT_CACHE.get(value)
    if found is not None:
        return found
    if len(HINT_CACHE) > 50_000:
        HINT_CACHE.clear()
    names = value.split()
    if len(names) > 1:
        found = NO_HINTS
        for name in names:
            more = HINT_CACHE.get(name)
            if more is None:
                more = name_hints(name)
            if more:
                found = found | more if found else more
    else:
        lower = value.lower()
        words = _HINT_NAMES.intersection(_SPLIT_NAME.split(lower))
        if words and not lower.isalpha():
            # Letters between digits may be a hash's: read the words as name_words does.
            words = _HINT_NAMES.intersection(name_words(lower))
        found = frozenset(HINT_WORDS[word] for word in words) if words else NO_HINTS
    HINT_CACHE[value] = found
    return found


def hints(attributes: dict, anchor: bool = False) -> frozenset[str]:
    """Hint categories from an element's class, id (unless it is a heading's *anchor*:
    :func:`heading_anchor`), role and itemprop.

    >>> sorted(hints({"class": "article-body story__text", "id": "share-bar"}))
    ['article', 'share']
    """
    found = NO_HINTS
    for key in ("class", "role", "itemprop") if anchor else ("class", "id", "role", "itemprop"):
        value = attributes.get(key)
        if value:
            more = name_hints(value)
            if more:
                found = found | more if found else more
    return found


#: Hints that only say an element holds the text: an anchor need not be told from them.
BODY_HINTS = frozenset({"article", "embed"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def heading_anchor(node, tag: str, value: str) -> bool:
    """Whether an element's id *value* is the anchor of a heading, made of the heading's
    words (``respond-to-review-comments``, ``s-more-on-fields``), rather than a name of
    what the element is: the element is the heading, or its first heading links to an
    anchor on the page (a manual's ``¶`` or ``#`` beside each title). Such an id names the
    section's subject; its words ("comments", "more", "real-time") say nothing of a widget.

    >>> from newsclean.extract.html.blocks import parse
    >>> section = parse('<section id="more-on-lists"><h2>More on Lists<a href="#more-on-lists">¶</a></h2></section>')
    >>> heading_anchor(section.css_first("section"), "section", "more-on-lists")
    True
    >>> box = parse('<div id="related-stories"><h2>Related stories</h2><a href="/a">A</a></div>')
    >>> heading_anchor(box.css_first("div"), "div", "related-stories")
    False
    """
    words = {word for word in name_words(value) if len(word) > 1}
    if len(words) < 2:
        return False
    heading = node if tag in HEADINGS else node.css_first("h1, h2, h3, h4, h5, h6")
    if heading is None or not words <= set(_SPLIT_NAME.split(heading.text(deep=True).lower())):
        return False
    if heading is node:
        return True
    return any((a.attributes.get("href") or "").startswith("#") for a in heading.css("a[href]"))


def in_page(attributes: dict | None) -> bool:
    """Whether a link's attributes point inside the page (``href="#…"``): in a heading, the
    anchor of its own section (a manual's ``¶``, a linked title), no link away.

    >>> in_page({"href": "#constructor"}), in_page({"href": "/docs/api"}), in_page(None)
    (True, False, False)
    """
    return attributes is not None and (attributes.get("href") or "").startswith("#")


def hidden(attributes: dict) -> bool:
    """Whether an element's attributes hide it from readers.

    >>> hidden({"style": "display: none"}), hidden({"hidden": None}), hidden({"class": "x"})
    (True, True, False)
    """
    if "hidden" in attributes or attributes.get("aria-hidden") == "true":
        return True
    style = attributes.get("style") or ""
    return (
        bool(style)
        and ("none" in style or "hidden" in style)
        and _HIDDEN_STYLE.search(style) is not None
    )


#: A class word of a tab panel (Bootstrap's ``tab-pane``, ``tab__content``, ``tabs-panel`` …).
_TAB_CLASS = re.compile(r"(?<![a-z])tabs?[-_]*(?:pane|panel|content)(?![a-z])")


def tab_panel(attributes: dict) -> bool:
    """Whether an element is a panel of a set of tabs (one shown at a time, the others hidden).

    >>> tab_panel({"role": "tabpanel", "hidden": None}), tab_panel({"class": "tab-pane fade"})
    (True, True)
    >>> tab_panel({"class": "table-content"}), tab_panel({"class": "tabs-nav"})
    (False, False)
    """
    if attributes.get("role") == "tabpanel":
        return True
    value = (attributes.get("class") or "").lower()
    return "tab" in value and _TAB_CLASS.search(value) is not None
