"""Extraction that follows the page type: what counts as content on a forum, a listing, a shop.

The rules and the DOM region (:mod:`~newsclean.extract.html.dom`) are written for
articles: one element of prose, and around it menus, teasers for other stories,
comments. On other kinds of page that reading drops the content itself: a
forum's replies are named "comment", a listing's items are link text and
teasers, a product page's specifications and a service page's sections are short
lines between headings.

The page-type model (:mod:`~newsclean.extract.html.pagetype`) reads what the
rules kept, before the block model. When it is sure enough of a type other than
article (:data:`CONFIDENCE`), the rules read the page again with that type's
:class:`Profile`, and the block model judges only that reading. A profile changes
a few general mechanisms of the region and never names a site:

* ``comments``: elements named like comments neither demote the container nor
  mark their lines (a thread's posts are the content);
* ``links``: link text inside the page counts as text, not as a menu (a
  listing's item titles), and runs of teaser items are not "related stories";
* ``items``: every line inside the container that no rule rejects is content
  (headings, list items, specifications), not only the lines between prose;
* ``tabs``: the hidden panels of a set of tabs are read with the shown one (a
  manual's code sample in each language, a service page's plans): they are the
  same content, one view at a time;
* ``repeats``: a paragraph that repeats is kept each time (a manual's parameters and
  examples), not dropped as a duplicate;
* ``widgets``: class/id words that name what is never the content on such a page,
  whatever its size: a shop's customer reviews, the small print (disclaimers, footnotes);
* ``model_drop``: the block model's score under which it drops a line the rules kept
  (a grid's many short items are dropped only when surely boilerplate);
* ``whole_page``: the container is the whole page (a shop's, a listing's, a service
  page's or a manual's content is spread over sections no one element holds alone):
  menus, footers, asides and forms in it are still dropped as small widgets.

Navigation, footers, forms and the named line rules (share widgets, cookie
notices, newsletter prompts …) still apply on every kind of page.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    """How one page type changes the region (see the module's description)."""

    kind: str
    comments: bool = False
    links: bool = False
    items: bool = False
    #: Whether the block model (trained on every kind of page) judges the lines after the rules.
    model: bool = True
    #: The block model's score under which it drops a line the rules kept on this reading
    #: (None: the model's own threshold). A reading that keeps every item of the page leaves
    #: the model many short lines alike, which it should drop only when surely boilerplate.
    model_drop: float | None = None
    #: Whether the whole page is the region's container, rather than the one element that
    #: holds the most prose for the fewest menus: the content of a shop, a listing, a
    #: service page or a manual is spread over sections that no one element holds alone.
    whole_page: bool = False
    #: Whether the hidden panels of a set of tabs are read (their text is the page's content
    #: too, shown one panel at a time).
    tabs: bool = False
    #: Whether a paragraph that repeats is kept each time (a manual describes the same
    #: parameter for each call, and shows the same code in each example).
    repeats: bool = False
    #: Class/id words that name a widget on this kind of page, each with the reason of its
    #: lines: a shop's customer reviews, the small print under a product, a plan or a grid.
    #: They are believed whatever the element's size (the page is read whole: no wrapper of
    #: its content is named so).
    widgets: tuple[tuple[str, str], ...] = ()


#: A shop's customer reviews: the buyers' words, not the product's description.
REVIEWS = (("review", "comment"), ("reviews", "comment"))
#: Small print: a disclaimer, footnotes, legal notes (on an article they can be its own notes).
SMALL_PRINT = tuple((word, "footer") for word in ("disclaimer", "footnote", "footnotes", "legal"))

#: The profiles of the page types that are not articles.
PROFILES: dict[str, Profile] = {
    "forum": Profile("forum", comments=True, items=True),
    # The block model sees the reading (its rows tell a listing's items from an article's
    # teasers), yet on a page read whole it drops a kept line only when surely boilerplate:
    # a grid's items are many short lines alike, and dropping them all empties the page
    # (each type's threshold from 0.5 down to where its pages gain, 0.15 and 0.3; with the
    # reading in the rows, bench/wcxb.py --cv: collections 0.605 -> 0.640, listings 0.642 ->
    # 0.661).
    "listing": Profile(
        "listing", links=True, items=True, whole_page=True, model_drop=0.3, widgets=SMALL_PRINT
    ),
    "collection": Profile(
        "collection", links=True, items=True, whole_page=True, model_drop=0.15, widgets=SMALL_PRINT
    ),
    "product": Profile(
        "product", items=True, whole_page=True, tabs=True, widgets=REVIEWS + SMALL_PRINT
    ),
    "service": Profile("service", items=True, whole_page=True, tabs=True, widgets=SMALL_PRINT),
    "documentation": Profile("documentation", items=True, whole_page=True, tabs=True, repeats=True),
}

#: The page type's probability from which extraction follows it. Seven types share the
#: probability, so a type at 0.35 is seldom behind another (bench/wcxb.py --cv, from 0.45
#: to 0.35 with the same block models: WCXB all gains, articles and Zyte's pages hold).
CONFIDENCE = 0.35
#: The same for a text dump, typed from its lines alone (less surely than a page from its
#: markup): a dump read whole keeps every line no rule rejects.
DUMP_CONFIDENCE = 0.45
#: A less certain type is followed too when the page is surely no article (its probability
#: of being one is under UNLIKE_ARTICLE) and the article reading keeps under THIN_READING
#: of its words: a course's page or a catalogue that no one element of prose holds.
UNLIKE_ARTICLE = 0.3
THIN_READING = 0.15


def profile_for(
    page_type: str | None, confidence: float | None, least: float = CONFIDENCE
) -> Profile | None:
    """The profile of a page of *page_type* typed with *confidence* (from *least* on), or
    None (read as an article).

    >>> profile_for("forum", 0.9).comments, profile_for("forum", 0.3), profile_for("article", 0.99)
    (True, None, None)
    """
    if page_type is None or confidence is None or confidence < least:
        return None
    return PROFILES.get(page_type)


def unsure_profile(page_type: str, confidence: float, article: float | None) -> Profile | None:
    """The profile of an uncertain type (under :data:`CONFIDENCE`) of a page that is surely
    no article (*article*, its probability of being one, under :data:`UNLIKE_ARTICLE`):
    followed when the article reading keeps under :data:`THIN_READING` of the page.

    >>> unsure_profile("listing", 0.3, 0.2).kind, unsure_profile("listing", 0.3, 0.5)
    ('listing', None)
    """
    if confidence >= CONFIDENCE or article is None or article >= UNLIKE_ARTICLE:
        return None
    return PROFILES.get(page_type)
