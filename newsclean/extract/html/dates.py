"""The dates an HTML page gives: its ``<time>`` elements, its meta fields of a
publication date under any name, the day in its address."""

from __future__ import annotations

import re

from newsclean.extract.html.byline import inside
from newsclean.extract.metadata import parse_date

#: A meta field that names the publication date, whatever its prefix ("datePublished",
#: "parsely-pub-date", "citation_publication_date", "w-published-date").
_PUBLISHED_KEY = re.compile(r"published|pub[-_.]?date|publication[-_.]?date")


def published_prop(props: dict[str, str]) -> str | None:
    """The first meta value whose name says it is the publication date and that holds one.

    >>> published_prop({"publisher": "The Daily", "w-published-date": "July 17, 2025"})
    '2025-07-17'
    """
    for key, value in props.items():
        if _PUBLISHED_KEY.search(key) and "modif" not in key and "updat" not in key:
            date = stamp_date(value)
            if date:
                return date
    return None


def time_element(tree) -> str | None:
    """The ``datetime`` of the page's own ``<time>``: one marked as the publication date,
    else the first that is not in a menu, an aside or a footer (the date of another post)."""
    first = None
    for node in tree.css("time[datetime]"):
        value = (node.attributes.get("datetime") or "").strip()
        if not value:
            continue
        if not stamp_date(value):
            continue  # "Dec 23": no year to go on
        if (node.attributes.get("itemprop") or "").lower() == "datepublished":
            return value
        if first is None and not inside(node, _OTHER_POSTS):
            first = value
    return first


def canonical_url(tree) -> str | None:
    node = tree.css_first('link[rel="canonical"]')
    return (node.attributes.get("href") or None) if node is not None else None


#: A day in a web address: ``/2016/02/09/`` (year, month, day as folders).
_ADDRESS_DAY = re.compile(r"/((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})(?:/|$)")


def address_date(url: str | None) -> str | None:
    """The ``YYYY-MM-DD`` day a post's address is filed under, or None.

    >>> address_date("https://blogs.example.edu/news/2016/02/09/what-tutoring-is/")
    '2016-02-09'
    >>> address_date("https://example.com/2016/02/best-of/") is None
    True
    """
    m = _ADDRESS_DAY.search(url or "")
    return _day(*m.groups()) if m else None


#: Where the dates of other posts are: menus, asides and footers.
_OTHER_POSTS = frozenset({"nav", "aside", "footer"})


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def iso_date(value: str | None) -> str | None:
    """The ``YYYY-MM-DD`` date of a machine-readable timestamp, or None.

    >>> iso_date("2019-11-19T13:03:00.000Z"), iso_date("2019-11-19 02:24:00 UTC"), iso_date("yesterday")
    ('2019-11-19', '2019-11-19', None)
    """
    match = _ISO.search(value) if value else None
    return _day(*match.groups()) if match else None


def stamp_date(value: str | None) -> str | None:
    """The ``YYYY-MM-DD`` date of a field's value, machine-readable or written as a page
    writes it ("Feb 08, 2022", "Thu, 09/25/2025 - 11:38"), or None.

    >>> stamp_date("2019-11-19T13:03:00Z"), stamp_date("Feb 08, 2022"), stamp_date("Thu, 09/25/2025 - 11:38")
    ('2019-11-19', '2022-02-08', '2025-09-25')
    """
    return (iso_date(value) or parse_date(value)) if value else None


def _day(*parts: str) -> str | None:
    """``YYYY-MM-DD`` of a year, month and day read as digits, when they can be a day."""
    year, month, day = (int(p) for p in parts)
    if 1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None
