"""What an HTML page says about itself: charset, title, author, date, site name, language."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsclean.document import Decision, Document, Removal
from newsclean.extract.html.byline import (
    as_shown,
    clean_byline,
    clean_text,
    is_account,
    labelled_author,
    visible_author,
    weak_author,
)
from newsclean.extract.html.dates import (
    address_date,
    canonical_url,
    published_prop,
    stamp_date,
    time_element,
)
from newsclean.extract.html.titles import (
    HEADLINE_AGREEMENT,
    HOST_NAME,
    SEPARATORS,
    agreed_headline,
    lost_characters,
    masthead,
    names_site,
    shown_headline,
    site_from_title,
    strip_site_name,
    title_parts,
    widget_label,
)
from newsclean.extract.languages import WORD
from newsclean.extract.metadata import byline_names, is_date_line, parse_date
from newsclean.extract.textmeta import find_byline, find_date, says_updated, title_agreement

if TYPE_CHECKING:  # pragma: no cover
    from newsclean.extract.judge import Reading


#: Not read yet.
_UNREAD = object()


@dataclass
class PageMeta:
    """Metadata read from the page's head, JSON-LD and markup."""

    title: str | None = None
    headline: str | None = None
    author: str | None = None
    date: str | None = None
    site_name: str | None = None
    language: str | None = None
    #: Every ``@type`` the page's JSON-LD declares, nested ones included (for the page type).
    types: tuple[str, ...] = ()
    og_type: str | None = None
    author_org: str | None = None
    #: The titles the page declares (JSON-LD ``headline``, ``og:title``, ``twitter:title``,
    #: ``<title>``), as written.
    declared: tuple[str, ...] = ()
    #: The declared titles and the ``<title>``, without the site's name: what a title the
    #: text gave is compared with.
    titles: tuple[str, ...] = ()
    #: Whether :attr:`headline` is a visible ``<h1>`` that a declared title agrees with.
    agreed: bool = False
    #: The page's first ``<h1>`` of a headline's length that is not the site's name, when
    #: no ``<h1>`` agrees with the titles the markup declares (:func:`shown_headline`).
    shown: str | None = None
    #: The parsed page, for what is read from it only when asked (:attr:`visible_author`).
    tree: Any = field(default=None, repr=False, compare=False)
    _visible: Any = field(default=_UNREAD, repr=False, compare=False)
    #: When the article was last changed (``article:modified_time``, JSON-LD ``dateModified``),
    #: as written.
    modified: str | None = None
    #: The day in the page's own address (``/2016/02/09/`` in its canonical link or
    #: ``og:url``): the day the post was filed.
    address_date: str | None = None
    #: A publication date from a meta field of another name ("datepublished",
    #: "parsely-pub-date"): used when the page's text shows none.
    date_fallback: str | None = None

    @property
    def visible_author(self) -> str | None:
        """The name in a visible byline element (``itemprop="author"``, ``rel="author"``, an
        "author" or "byline" class): used when neither the markup nor the text names one.
        Read from :attr:`tree` the first time it is asked for (most pages never need it)."""
        if self._visible is _UNREAD:
            self._visible = visible_author(self.tree) if self.tree is not None else None
        return self._visible


def page_meta(tree) -> PageMeta:
    """Read :class:`PageMeta` from a parsed page (see :func:`newsclean.extract.html.blocks.parse`)."""
    meta = PageMeta()
    props: dict[str, str] = {}
    repeated: dict[str, list[str]] = {}
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
        if key in _ONE_PER_AUTHOR and content:
            repeated.setdefault(key, []).append(content)
    for key, names in repeated.items():
        # One tag per author: all of them, in order ("Roy, Aniruddha; Patel, Jyoti").
        names = list(dict.fromkeys(names))
        props[key] = ("; " if any("," in name for name in names) else ", ").join(names)
    types: list[str] = []
    ld = _json_ld(tree, types)
    meta.types = tuple(types)
    meta.og_type = props.get("og:type")
    title_node = tree.css_first("title")
    page_title = clean_text(title_node.text()) if title_node else None
    meta.site_name = (
        props.get("og:site_name")
        or props.get("application-name")
        or ld.get("publisher")
        or (site_from_title(page_title) if page_title else None)
    )
    declared = [ld.get("headline"), props.get("og:title"), props.get("twitter:title")]
    # (a heading's anchor mark, "Middleware¶", is no part of it)
    visible = [t.rstrip("¶ ") for t in _texts(tree, "h1", 5) if not widget_label(t)]
    stripped = [strip_site_name(t, meta.site_name) for t in declared if t]
    bare_title = strip_site_name(page_title, meta.site_name) if page_title else None
    parts = title_parts([t for t in (*declared, page_title) if t], meta.site_name)
    headline = agreed_headline(visible, stripped, bare_title, parts)
    if not stripped and headline and page_title and masthead(headline, page_title):
        headline = None
    elif not stripped and headline and page_title and HOST_NAME.fullmatch(headline):
        # The site's address as its masthead ("example.com") is its name, and what else
        # the title says is the headline ("example.com Progress Report").
        bare = strip_site_name(page_title, headline)
        if not meta.site_name and bare != bare_title:
            meta.site_name, headline, bare_title = headline, bare, bare
    meta.agreed = headline is not None and headline in visible
    meta.headline = strip_site_name(headline, meta.site_name, only_site=True) if headline else None
    meta.declared = tuple(t for t in (*declared, page_title) if t)
    meta.titles = tuple(t for t in (*stripped, bare_title) if t)
    if stripped and not meta.agreed:
        meta.shown = shown_headline(visible, meta.site_name)
    meta.title = strip_site_name(page_title, meta.site_name) if page_title else meta.headline
    authors = [
        props.get("author"),
        props.get("article:author"),
        props.get("byl"),
        props.get("dc.creator"),
        ld.get("author"),
        props.get("citation_author"),
        props.get("parsely-author"),
        props.get("sailthru.author"),
        props.get("cxenseparse:author"),
        _labelled_prop(props, _AUTHOR_LABELS),
    ]
    meta.author = next((name for name in map(clean_byline, authors) if name), None)
    # An organisation named as the author in JSON-LD: used when no person is found.
    meta.author_org = clean_byline(ld.get("author_org"))
    meta.tree = tree
    _read_dates(meta, props, ld, tree)
    html = tree.css_first("html")
    lang = html.attributes.get("lang") if html is not None else None
    meta.language = (lang or props.get("og:locale") or props.get("content-language") or "").split(
        "-"
    )[0].split("_")[0].lower() or None
    return meta


def _read_dates(meta: PageMeta, props: dict[str, str], ld: dict[str, str], tree) -> None:
    """Fill *meta*'s publication, modification and address dates."""
    # The first field that holds a date: a field may hold one as the page writes it
    # ("Feb 08, 2022") or none at all.
    stamps = [props.get("article:published_time"), ld.get("datePublished")]
    stamps += map(props.get, ("date", "dc.date", "pubdate", "publishdate", "og:published_time"))
    meta.date = next((s for s in stamps if stamp_date(s)), None) or time_element(tree)
    meta.date_fallback = published_prop(props)
    meta.modified = (
        props.get("article:modified_time") or ld.get("dateModified") or props.get("og:updated_time")
    )
    meta.address_date = address_date(canonical_url(tree) or props.get("og:url"))


#: What a Slack/Twitter card's label says before the author's name in its data field.
_AUTHOR_LABELS = frozenset({"written by", "author", "by"})


def _labelled_prop(props: dict[str, str], labels: frozenset[str]) -> str | None:
    """The data of the card field whose label is one of *labels* (``twitter:label1``
    "Written by", ``twitter:data1`` the name).

    >>> _labelled_prop({"twitter:label1": "Written by", "twitter:data1": "Ann Lee"}, _AUTHOR_LABELS)
    'Ann Lee'
    >>> _labelled_prop({"twitter:label1": "Est. reading time", "twitter:data1": "4 minutes"}, _AUTHOR_LABELS) is None
    True
    """
    for n in "1234":
        label = props.get(f"twitter:label{n}")
        if label is None:
            return None
        if label.casefold() in labels:
            value = props.get(f"twitter:data{n}")
            # A content system's account ("admin"): nobody's name.
            return None if not value or is_account(value) else value
    return None


#: Meta fields a page repeats once for each author (scholarly and Dublin Core tags).
_ONE_PER_AUTHOR = frozenset({"citation_author", "dc.creator"})


def _texts(tree, selector: str, most: int) -> list[str]:
    """The texts of the first *most* elements matching *selector*, white space collapsed."""
    found = []
    for node in tree.css(selector)[:most]:
        text = clean_text(node.text(separator=" "))
        if text:
            found.append(text)
    return found


#: Below this agreement with every title the page declares, a headline found in the text
#: is a search box, a table of contents or a banner, not the article's headline.
TITLE_DISAGREEMENT = 0.3


def stray_title(title: str, meta: PageMeta) -> bool:
    """Whether the headline found in the text (*title*) is none of the page's titles, nor a
    part of one ("Headline | Tagline | Site"), while the markup's headline agrees with one.

    >>> meta = PageMeta(headline="Storm closes all schools", declared=("Storm closes all schools | The Daily",))
    >>> stray_title("What are you looking for?", meta), stray_title("The Daily", meta)
    (True, False)
    """
    if not meta.headline or not meta.declared or title == meta.headline:
        return False
    parts = [*meta.declared]
    for declared in meta.declared:
        for sep in SEPARATORS:
            parts.extend(declared.split(sep) if sep in declared else ())
    if max(title_agreement(title, part) for part in parts) >= TITLE_DISAGREEMENT:
        return False
    return max(title_agreement(meta.headline, d) for d in meta.declared) >= HEADLINE_AGREEMENT


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


def _json_ld(tree, types: list[str] | None = None) -> dict[str, str]:
    """Headline, author, datePublished and publisher of the page's article in JSON-LD.

    With *types*, every ``@type`` value found is added to it.
    """
    found: dict[str, str] = {}
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(node.text() or "")
        except ValueError:
            continue
        if types is not None:
            _ld_types(data, types)
        items = list(_ld_items(data))
        # Yoast-style graphs name the author once, as a Person the article points to by "@id".
        ids = {item["@id"]: item for item in items if isinstance(item.get("@id"), str)}
        for item in items:
            kind = item.get("@type")
            kinds = [
                k.lower()
                for k in (kind if isinstance(kind, list) else [kind])
                if isinstance(k, str)
            ]
            if not any(k in _LD_TYPES for k in kinds):
                continue
            for key in ("headline", "datePublished", "dateModified"):
                value = item.get(key)
                if isinstance(value, str) and value.strip() and key not in found:
                    found[key] = clean_text(value)
            people, organisations = _ld_authors(item.get("author"), ids)
            if people and "author" not in found:
                found["author"] = people
            if organisations and "author_org" not in found:
                found["author_org"] = organisations
            publisher = _ld_names(item.get("publisher"))
            if publisher and "publisher" not in found:
                found["publisher"] = publisher
    return found


def _ld_types(data, types: list[str], depth: int = 0) -> None:
    """Add the ``@type`` values of *data* and of everything nested in it (to a depth of 6, 200 types).

    >>> found = []
    >>> _ld_types({"@type": "Product", "offers": {"@type": ["Offer"]}}, found)
    >>> found
    ['Product', 'Offer']
    """
    if depth > 6 or len(types) >= 200:
        return
    if isinstance(data, list):
        for item in data[:100]:
            _ld_types(item, types, depth + 1)
    elif isinstance(data, dict):
        kind = data.get("@type")
        for value in kind if isinstance(kind, list) else [kind]:
            if isinstance(value, str):
                types.append(value)
        for value in data.values():
            if isinstance(value, (dict, list)):
                _ld_types(value, types, depth + 1)


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


#: JSON-LD types of an author that is not a person (a publisher signing as itself).
_LD_ORGANISATIONS = frozenset(
    {"organization", "newsmediaorganization", "corporation", "localbusiness", "brand", "website"}
)


def _ld_authors(value, ids: dict) -> tuple[str | None, str | None]:
    """The names of the people and of the organisations among an article's JSON-LD authors.

    An author given only by ``@id`` is looked up in *ids* (the page's other items).

    >>> ids = {"#jane": {"@type": "Person", "name": "Jane Doe"}}
    >>> _ld_authors([{"@id": "#jane"}, {"@type": "Organization", "name": "The Daily"}], ids)
    ('Jane Doe', 'The Daily')
    """
    people: list[str] = []
    organisations: list[str] = []
    for entry in (value if isinstance(value, list) else [value])[:10]:
        if isinstance(entry, dict) and "name" not in entry and isinstance(entry.get("@id"), str):
            entry = ids.get(entry["@id"], entry)
        name = _ld_names(entry)
        if not name:
            continue
        kind = entry.get("@type") if isinstance(entry, dict) else None
        kinds = {
            k.lower() for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)
        }
        (organisations if kinds & _LD_ORGANISATIONS else people).append(name)
    return (
        ", ".join(dict.fromkeys(people)) or None,
        ", ".join(dict.fromkeys(organisations)) or None,
    )


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


def settle_metadata(document: Document, meta: PageMeta) -> None:
    """Settle *document*'s title, byline, date, site and language between what the text
    gave and what the page's markup says (*meta*): the markup wins where it is cleaner."""
    first_line = any(d.line == 1 and d.role == "title" for d in document.decisions)
    # (an <h1> that opens the text is an article's headline, a shop's tagline on a product's page)
    article = document.page_type in (None, "article")
    title = shown_title(document.title, first_line, meta, document.decisions if article else ())
    if "?" in (title or document.title or ""):
        # (a headline written with "?" for the characters its encoding lost)
        title = lost_characters(title or document.title, meta.titles) or title
    if title is not None:
        document.title = title
        drop_title_repeats(document)
    if document.title:
        # (a breadcrumb's mark left before the headline: "/ Men's Wool Runner")
        document.title = clean_text(document.title).removeprefix("/ ").lstrip("»›> ")
    # The page's own author field is cleaner than a byline line ("By X - Nov 19, 2019").
    byline = text_byline(document.byline, document.title)
    author = None if weak_markup_author(byline, meta) else meta.author
    document.byline = author or byline or meta.author_org
    document.date = settled_date(document.date, meta, shown_date(document))
    document.site_name = meta.site_name or document.site_name
    # The language of the text beats <html lang>, which templates often leave unchanged.
    document.language = document.language or meta.language


def settled_date(found: str | None, meta: PageMeta, shown: bool = False) -> str | None:
    """The article's date: the day in the page's address; else the markup's publication
    date, unless the markup stamps the same instant as published and modified (the time
    the page was generated, not the article's date) while the text shows a date (*found*),
    or the markup's day is later than the day the page shows on a date or byline line
    (*shown*: the markup's is the day the page entered its system, a move or a
    republication); else the date the text gave."""
    if meta.address_date:
        return meta.address_date
    if found and meta.date and meta.date.strip() == (meta.modified or "").strip():
        return found
    stamp = stamp_date(meta.date)
    if found and stamp and shown and found < stamp:
        return found
    return stamp or found


def shown_date(document: Document) -> bool:
    """Whether the page shows the date the text gave at the head of its article (from just
    above the headline to the text): on a date line or a byline (whatever the rules made of
    that line) that does not say it is an update's ("Updated Jun 16, 2025"), and on no more
    than two lines (a day many lines show is the day of posts or of members)."""
    date, decisions = document.date, document.decisions
    if not date:
        return False
    month_first = document.language in (None, "en")
    shown = [
        d
        for d in decisions
        if date[:4] in d.text and len(d.text) <= 300 and parse_date(d.text, month_first) == date
    ]
    title = next((d.line for d in decisions if d.role == "title"), 0)
    body = next((d.line for d in decisions if d.role == "body"), 0)
    return len(shown) <= 2 and any(
        title - 3 <= d.line < body
        and (d.role in ("date", "byline") or is_date_line(d.text) or bool(byline_names(d.text)))
        and not says_updated(d.text)
        for d in shown
    )


def drop_title_repeats(document: Document) -> None:
    """Drop the paragraphs that repeat the document's title, as the assembly does
    (:func:`newsclean.extract.judge.extract_lines`).

    For a title set after extraction (an HTML page's own headline replacing the
    line the classifier took for it): the article then does not say its headline twice.
    """
    key = _words_of(document.title)
    paragraphs = [p for p in document.paragraphs if _words_of(p) != key]
    if not key or len(paragraphs) == len(document.paragraphs):
        return
    evidence = "repeats the headline"
    for index, d in enumerate(document.decisions):
        if d.keep and d.role == "body" and _words_of(d.text) == key:
            document.decisions[index] = Decision(
                d.line, d.text, False, "boilerplate", "duplicate", "duplicate", evidence
            )
            document.removed.append(
                Removal(d.line, d.text.strip(), "duplicate", "duplicate", evidence)
            )
    document.removed.sort(key=lambda removal: removal.line)
    document.paragraphs = paragraphs


def _words_of(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))


def settled_title(title: str, first_line: bool, meta: PageMeta) -> str | None:
    """The page's own headline (og:title, JSON-LD, ``<h1>``) when the text gave no title,
    or took the ``<title>`` line (*first_line*: "Headline - Site") or a stray line for
    it; None when the text's *title* stands."""
    page_title = meta.headline or meta.title or ""
    if not title or (page_title and (first_line or stray_title(title, meta))):
        return page_title or title
    return None


#: Above this agreement with the page's headline, a title the text gave is the same
#: headline (perhaps repaired, or cased differently), not another wording of it.
SAME_HEADLINE = 0.85


def shown_title(
    title: str, first_line: bool, meta: PageMeta, decisions: Sequence[Decision] = ()
) -> str | None:
    """The title a reader is shown: :func:`settled_title`, with three corrections.

    * When no ``<h1>`` agrees with the titles the markup declares, the visible ``<h1>``
      (:attr:`PageMeta.shown`) wins over a title written for search engines and share
      cards where the text took the ``<title>`` line (*first_line*) or none, or took
      another heading while that ``<h1>`` opens the article (:func:`opens_body`).
    * A title the text took from another heading, in other words than the ``<h1>`` the
      declared titles agree with, gives way to that ``<h1>`` when the declared titles
      agree with it more.
    * A title that is only the site's name ("Playful Tones") gives way to the headline
      or the ``<title>`` without the site's name.
    """
    if meta.shown and (first_line or not title or opens_body(meta.shown, title, meta, decisions)):
        return meta.shown
    settled = settled_title(title, first_line, meta)
    if settled is not None:
        title = settled
    headline = meta.headline
    if (
        title
        and headline
        and meta.agreed
        and not first_line
        and title_agreement(title, headline) < SAME_HEADLINE
        and _best_agreement(headline, meta.titles) > _best_agreement(title, meta.titles)
    ):
        return headline
    site = meta.site_name
    if title and site and names_site(title, site):
        other = next((t for t in (headline, meta.title) if t and not names_site(t, site)), None)
        if other:
            return other
    return settled


def opens_body(heading: str, title: str, meta: PageMeta, decisions: Sequence[Decision]) -> bool:
    """Whether the ``<h1>`` *heading* stands right above the article's first paragraph (no
    line kept between them), while the text took its title (*title*) from another heading,
    one that agrees with the page's declared titles but says none of them word for word
    (an entry of a table of contents, a section's heading further down the page).

    A heading that repeats a declared title is the page's headline shown a second time,
    and a stray one (a banner's "Trusted by 4M+ businesses") gives way to the declared
    headline (:func:`stray_title`): on such pages an ``<h1>`` above the text is as likely
    a call to action. Any other heading the text took loses to the ``<h1>`` that opens
    the article.
    """
    key = _words_of(heading)
    if _words_of(title) in {key, *map(_words_of, meta.titles)} or stray_title(title, meta):
        return False
    above = False
    for d in decisions:
        if d.keep and d.role == "body":
            return above
        if _words_of(d.text) == key:
            above = True
        elif d.keep:
            above = False
    return False


def _best_agreement(title: str, titles: tuple[str, ...]) -> float:
    return max((title_agreement(title, other) for other in titles), default=0.0)


def text_byline(byline: str | None, title: str) -> str | None:
    """The byline the text gave, cleaned; None for a headline read as "X by Y"."""
    byline = clean_byline(byline)
    if byline and title and byline.lower() in title.lower():
        return None
    return byline


def weak_markup_author(byline: str | None, meta: PageMeta) -> bool:
    """Whether the page's author field is the site signing as itself or a login name while
    the text (*byline*) or a visible byline element (a full name) says more."""
    author = meta.author
    return bool(
        author
        and weak_author(author, meta.site_name)
        and (byline or " " in (meta.visible_author or ""))
    )


def rules_marks(reading: Reading, meta: PageMeta) -> tuple[bool, bool]:
    """Whether the page has a byline and a date, as :func:`settle_metadata` would settle
    them on the body the rules kept in *reading* (before a model judges it: what the
    page type reads)."""
    from newsclean.extract.judge import best_block

    content, title_at = reading.content, reading.title_at
    body = [line for line in content if line.keep and line.role == "body"]
    if not body and 0 <= reading.start <= reading.end:
        # The assembly's fallback: the page's best block.
        best = best_block(content)
        body = [content[best]] if best >= 0 and best != title_at else []
    first, last = (body[0].number, body[-1].number) if body else (0, 0)
    lo = content[title_at].number if title_at >= 0 else first
    author = meta.author
    # An organisation, or an author field that is no site or login name, is the byline
    # whatever the text says; else the text's byline decides.
    named = bool(meta.author_org or (author and not weak_author(author, meta.site_name)))
    if not named:
        title = content[title_at].text.removeprefix("# ").strip() if title_at >= 0 else ""
        title = clean_text(settled_title(title, title_at >= 0 and lo == 1, meta) or title)
        byline = text_byline(find_byline(content, lo, first, last), title)
        named = bool(byline or (author and not weak_markup_author(byline, meta)))
    date = stamp_date(meta.date) or find_date(content, lo, first, last, reading.language)
    return named, bool(date)


#: Page types whose byline elements name one author among many.
MANY_AUTHORS = frozenset({"forum", "product", "collection", "listing"})


def fill_from_markup(document: Document, meta: PageMeta) -> None:
    """What the page shows that neither its text nor its usual fields named: the author in a
    byline element, a publication date under another field name. Filled in after the page
    type, which reads the byline and date the text and the usual fields gave. On a page of
    many authors (a forum's posts, a shop's reviews, a list of stories) a name in a byline
    element is one of them, not the page's author: it is left out there."""
    byline = document.byline
    # A byline from the page's own author field stands, unless that is the site or a login.
    author = meta.author
    from_field = author is not None and byline == author and not weak_author(author, meta.site_name)
    if document.page_type not in MANY_AUTHORS and not from_field:
        visible = meta.visible_author
        if visible and (not document.byline or " " in visible):
            # The element the markup marks as the byline is cleaner than a line the text
            # took for one ("Full bio", "Ann Lee - Product marketer") or an organisation.
            document.byline = visible
        if not document.byline:
            document.byline = labelled_author(d.text for d in document.decisions)
    if document.byline and "," in document.byline:
        document.byline = as_shown(document.byline, (d.text for d in document.decisions))
    document.date = document.date or meta.date_fallback
