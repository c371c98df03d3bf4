"""What an HTML page says about itself: charset, title, author, date, site name, language."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import unescape

from newsclean.extract import lexicon


@dataclass
class PageMeta:
    """Metadata read from the page's head, JSON-LD and markup."""

    title: str | None = None
    headline: str | None = None
    author: str | None = None
    date: str | None = None
    site_name: str | None = None
    language: str | None = None
    description: str | None = None


def page_meta(tree) -> PageMeta:
    """Read :class:`PageMeta` from a parsed page (see :func:`newsclean.extract.html.blocks.parse`)."""
    meta = PageMeta()
    props: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        key = (
            (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "")
            .strip()
            .lower()
        )
        content = clean_text(attrs.get("content") or "")
        if key and content and key not in props:
            props[key] = content
    ld = _json_ld(tree)
    title_node = tree.css_first("title")
    page_title = clean_text(title_node.text()) if title_node else None
    meta.site_name = (
        props.get("og:site_name")
        or props.get("application-name")
        or ld.get("publisher")
        or (site_from_title(page_title) if page_title else None)
    )
    headline = (
        ld.get("headline")
        or props.get("og:title")
        or props.get("twitter:title")
        or _first_text(tree, "h1")
    )
    meta.headline = strip_site_name(headline, meta.site_name, only_site=True) if headline else None
    meta.title = strip_site_name(page_title, meta.site_name) if page_title else meta.headline
    authors = [
        props.get("author"),
        props.get("article:author"),
        props.get("byl"),
        props.get("dc.creator"),
        ld.get("author"),
    ]
    meta.author = next((name for name in map(clean_byline, authors) if name), None)
    meta.date = (
        props.get("article:published_time")
        or ld.get("datePublished")
        or props.get("date")
        or props.get("dc.date")
        or props.get("pubdate")
        or props.get("publishdate")
        or props.get("og:published_time")
        or _time_element(tree)
    )
    html = tree.css_first("html")
    lang = html.attributes.get("lang") if html is not None else None
    meta.language = (lang or props.get("og:locale") or props.get("content-language") or "").split(
        "-"
    )[0].split("_")[0].lower() or None
    meta.description = props.get("og:description") or props.get("description")
    return meta


#: What joins a site's name to a page title ("Headline | Site").
_SITE_SEPARATORS = (" | ", " - ", " — ", " – ", " :: ", " · ")
#: What joins the parts of a page title: those, and a breadcrumb's "»" ("Site » Section » Headline").
_SEPARATORS = (*_SITE_SEPARATORS, " » ")


def strip_site_name(title: str, site_name: str | None = None, only_site: bool = False) -> str:
    """Drop a site name joined to a page title by ``|``, `` - ``, `` — `` or ``:``.

    With *only_site*, only a part naming *site_name* goes (for a headline, which
    rarely carries anything else).

    >>> strip_site_name("Storm closes schools - The Daily Planet", "The Daily Planet")
    'Storm closes schools'
    >>> strip_site_name("Storm closes schools | Metro | Daily Planet")
    'Storm closes schools'
    >>> strip_site_name("Warning: storms ahead")
    'Warning: storms ahead'
    >>> strip_site_name("Week 3 - the results | Daily Planet", "Daily Planet", only_site=True)
    'Week 3 - the results'
    """
    title = " ".join(title.split())
    for sep in _SEPARATORS:
        if sep in title:
            parts = title.split(sep)
            if site_name and _names_site(parts[-1], site_name):
                return sep.join(parts[:-1]).strip()
            if site_name and _names_site(parts[0], site_name):
                return sep.join(parts[1:]).strip()
            if only_site:
                continue
            longest = max(parts, key=len)
            if len(longest) >= 0.5 * len(title) or len(parts) > 2:
                return longest.strip()
    return title


def _names_site(part: str, site_name: str) -> bool:
    """Whether a part of a title is the site's name (perhaps with a word or two more).

    >>> _names_site("The Daily Planet", "Daily Planet"), _names_site("Daily Planet view on taxes", "Daily Planet")
    (True, False)
    """
    part, site = part.strip().lower(), site_name.strip().lower()
    return (
        bool(site)
        and site in part
        and len(part) <= len(site) + 12
        and (part.startswith(site) or part.endswith(site))
    )


def site_from_title(title: str) -> str | None:
    """The site name a page title ends with ("Headline | Site"), when it looks like one.

    >>> site_from_title("Storm closes schools | The Daily Planet")
    'The Daily Planet'
    >>> site_from_title("Storm closes schools") is None
    True
    """
    for sep in _SITE_SEPARATORS:
        head, found, tail = title.rpartition(sep)
        tail = tail.strip()
        if found and tail and len(tail) <= 40 and len(tail) < len(head) and len(tail.split()) <= 5:
            return tail
    return None


def clean_text(value: str) -> str:
    """Metadata text with entities decoded (some pages escape twice) and white space collapsed.

    >>> clean_text("We needed to win this&nbsp;game &#8220;now&#8221;")
    'We needed to win this game “now”'
    """
    if "&" in value:
        value = unescape(value)
    return " ".join(value.split())


_BY = lexicon.byline_prefix()
_MONTH_WORD = lexicon.EN_MONTH_WORD
#: Where a byline's name ends: a date, a time stamp, a social handle, a separator and "updated".
_BYLINE_TAIL = re.compile(
    rf"\s*(?:[-–—|•·,]\s*)?(?:(?:on|updated|published|posted)\s+)?(?:\d{{1,4}}[-/.]\d{{1,2}}|\d{{1,2}}\s+{_MONTH_WORD}\s+\d"
    rf"|{_MONTH_WORD}\s+\d{{1,2}},?\s+\d{{4}}|@\w).*$",
    re.IGNORECASE,
)


def clean_byline(value: str | None) -> str | None:
    """An author line reduced to the names: no "By", no date or handle after them.

    >>> clean_byline("Posted by Jane Doe on Nov 19, 2019, 6:21 AM")
    'Jane Doe'
    >>> clean_byline("Chris Davies - Nov 19, 2019, 8:00am CST")
    'Chris Davies'
    >>> clean_byline("Natasha Turak@NatashaTurak")
    'Natasha Turak'
    >>> clean_byline("By TOM KRISHER, AP Auto Writer")
    'TOM KRISHER, AP Auto Writer'
    >>> clean_byline("https://www.example.com/people/jane") is None
    True
    """
    if not value:
        return None
    value = clean_text(value)
    if value.startswith(("http://", "https://", "www.")):
        return None
    value = _BY.sub("", value)
    value = _BYLINE_TAIL.sub("", value).strip(" ,;:|-–—")
    if not value or len(value) > 100 or not any(c.isalpha() for c in value):
        return None
    return value


def _first_text(tree, selector: str) -> str | None:
    node = tree.css_first(selector)
    if node is None:
        return None
    text = " ".join(node.text(separator=" ").split())
    return text or None


def _time_element(tree) -> str | None:
    for node in tree.css("time[datetime]"):
        value = (node.attributes.get("datetime") or "").strip()
        if value:
            return value
    return None


_LD_TYPES = (
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "blogposting",
    "webpage",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "report",
    "liveblogposting",
)


def _json_ld(tree) -> dict[str, str]:
    """Headline, author, datePublished and publisher of the page's article in JSON-LD."""
    found: dict[str, str] = {}
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(node.text() or "")
        except ValueError:
            continue
        for item in _ld_items(data):
            kind = item.get("@type")
            kinds = [
                k.lower()
                for k in (kind if isinstance(kind, list) else [kind])
                if isinstance(k, str)
            ]
            if not any(k in _LD_TYPES for k in kinds):
                continue
            for key in ("headline", "datePublished"):
                value = item.get(key)
                if isinstance(value, str) and value.strip() and key not in found:
                    found[key] = clean_text(value)
            author = _ld_names(item.get("author"))
            if author and "author" not in found:
                found["author"] = author
            publisher = _ld_names(item.get("publisher"))
            if publisher and "publisher" not in found:
                found["publisher"] = publisher
    return found


def _ld_items(data, depth: int = 0):
    if depth > 5:
        return
    if isinstance(data, list):
        for item in data:
            yield from _ld_items(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _ld_items(graph, depth + 1)


def _ld_names(value) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        name = value.get("name")
        return name.strip() if isinstance(name, str) and name.strip() else None
    if isinstance(value, list):
        names = [n for n in (_ld_names(v) for v in value[:10]) if n]
        return ", ".join(dict.fromkeys(names)) or None
    return None


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def iso_date(value: str | None) -> str | None:
    """The ``YYYY-MM-DD`` date of a machine-readable timestamp, or None.

    >>> iso_date("2019-11-19T13:03:00.000Z"), iso_date("2019-11-19 02:24:00 UTC"), iso_date("yesterday")
    ('2019-11-19', '2019-11-19', None)
    """
    if not value:
        return None
    match = _ISO.search(value)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if 1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None
