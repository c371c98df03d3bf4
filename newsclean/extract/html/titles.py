"""A page's titles as its markup writes them: the site's name joined to a headline, the
``<h1>`` a reader sees, and which of them agree."""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsclean.extract.languages import WORD
from newsclean.extract.lexicon import BOILERPLATE_WORDS
from newsclean.extract.textmeta import title_agreement

#: What joins a site's name to a page title ("Headline | Site").
SITE_SEPARATORS = (" | ", " - ", " — ", " – ", " :: ", " · ")
#: What joins the parts of a page title: those, and a breadcrumb's "»" ("Site » Section » Headline").
SEPARATORS = (*SITE_SEPARATORS, " » ")


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
    >>> strip_site_name("example.com Progress Report", "example.com")
    'Progress Report'
    """
    title = " ".join(title.split())
    for sep in SEPARATORS:
        if sep in title:
            parts = title.split(sep)
            if site_name and names_site(parts[-1], site_name):
                return sep.join(parts[:-1]).strip()
            if site_name and names_site(parts[0], site_name):
                return sep.join(parts[1:]).strip()
            if only_site:
                continue
            longest = max(parts, key=len)
            if len(longest) >= 0.5 * len(title) or len(parts) > 2:
                return longest.strip()
    if site_name and HOST_NAME.fullmatch(site_name):
        # a site named by its address, written before or after the headline with no separator
        head, _, rest = title.partition(" ")
        if rest and head.casefold() == site_name.casefold():
            return rest
        rest, _, tail = title.rpartition(" ")
        if rest and tail.casefold() == site_name.casefold():
            return rest
    return title


def names_site(part: str, site_name: str) -> bool:
    """Whether a part of a title is the site's name (perhaps with a word or two more).

    >>> names_site("The Daily Planet", "Daily Planet"), names_site("Daily Planet view on taxes", "Daily Planet")
    (True, False)
    >>> names_site("Thrive Internet Marketing", "Thrive Internet Marketing Agency")
    True
    >>> names_site("How to Design a Website", "How to Design a Website | Clay")
    False
    """
    part, site = part.strip().lower(), site_name.strip().lower()
    rest = site[len(part) :] if part and site.startswith(part + " ") else ""
    if (
        len(part.split()) >= 2
        and rest
        and len(rest.split()) <= 2
        and rest.replace(" ", "").isalpha()
    ):
        return True  # the name shortened by a word or two ("Thrive Marketing" of "... Agency")
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
    for sep in SITE_SEPARATORS:
        head, found, tail = title.rpartition(sep)
        tail = tail.strip()
        if found and tail and len(tail) <= 40 and len(tail) < len(head) and len(tail.split()) <= 5:
            return tail
    return None


#: A site's address used as its name ("example.com", "Move.org"): names joined by dots,
#: the last a top-level domain's letters.
HOST_NAME = re.compile(r"(?:[^\W_](?:[\w-]*[^\W_])?\.)+[a-z]{2,6}", re.IGNORECASE)


def lost_characters(title: str, titles: Iterable[str]) -> str | None:
    """The title of *titles* that *title* writes with a "?" for each character or two its
    encoding lost ("Beginner? Guide" for "Beginner's Guide"), or None.

    >>> lost_characters("Event Planning? Beginner? Guide", ["Event Planning: Beginner’s Guide"])
    'Event Planning: Beginner’s Guide'
    >>> lost_characters("Is it safe?", ["Is it safe"]) is None
    True
    """
    if "?" not in title.rstrip("?"):
        return None
    lost = re.compile("[^?]{1,2}".join(map(re.escape, title.split("?"))))
    return next((other for other in titles if "?" not in other and lost.fullmatch(other)), None)


#: Share of a visible headline's words (and of a declared title's) that must agree.
HEADLINE_AGREEMENT = 0.5


def agreed_headline(
    visible: list[str],
    declared: list[str],
    page_title: str | None = None,
    parts: tuple[str, ...] = (),
) -> str | None:
    """The page's headline by agreement: the visible ``<h1>`` that shares most of its words
    with a declared title (JSON-LD ``headline``, ``og:title``, ``twitter:title``), the
    ``<title>`` or one of the title's *parts* ("History of coffee | Origin, Facts | Site");
    without one, the first declared title, else the first ``<h1>``.

    A site's logo in an ``<h1>`` or a sticky header agrees with no declared title, and a
    title written for search engines loses to the headline the reader sees.

    >>> agreed_headline(["The Daily", "Storm closes all schools"], ["Storms close schools: live", "Storm closes all schools"])
    'Storm closes all schools'
    >>> agreed_headline(["The Daily"], ["Storm closes all schools"])
    'Storm closes all schools'
    >>> agreed_headline(["History of coffee"], ["Origin, Facts"], "Origin, Facts", ("History of coffee",))
    'History of coffee'
    """
    best, best_share = None, 0.0
    for text in visible:
        if len(set(WORD.findall(text.casefold()))) > 40:
            continue
        for title in [*declared, page_title, *parts] if page_title else [*declared, *parts]:
            share = title_agreement(text, title)
            if share >= HEADLINE_AGREEMENT and share > best_share:
                best, best_share = text, share
    if best is not None:
        return best
    return declared[0] if declared else (visible[0] if visible else None)


def masthead(heading: str, page_title: str) -> bool:
    """Whether an ``<h1>`` is the site's masthead (a blog's name), not the headline: fewer
    than four words, none of them in the page's ``<title>``, which has a headline of its own
    (a title that starts with its separator, "| Site", lost it in the template).

    >>> masthead("Antoyo's Blog", "Progress Report #39"), masthead("Climate Change", "Climate Change | ERS")
    (True, False)
    >>> masthead("Electronic Gadgets", "| Nuts & Volts Magazine")
    False
    """
    words = set(WORD.findall(heading.casefold()))
    return (
        len(heading.split()) < SHOWN_HEADLINE_WORDS
        and not page_title.lstrip().startswith(tuple(sep.strip() for sep in SITE_SEPARATORS))
        and not words & set(WORD.findall(page_title.casefold()))
    )


#: Fewer words than this make a section's label ("Index funds"), not an article's headline.
SHOWN_HEADLINE_WORDS = 4


def shown_headline(visible: list[str], site_name: str | None) -> str | None:
    """The first visible ``<h1>`` that reads as a headline: four to forty words, and not
    the site's name.

    >>> shown_headline(["Ambuja Yoga", "Menu", "Travel insurance for yoga retreats"], "Ambuja Yoga")
    'Travel insurance for yoga retreats'
    """
    for text in visible:
        if not SHOWN_HEADLINE_WORDS <= len(text.split()) <= 40:
            continue
        if site_name and names_site(text, site_name):
            continue
        return text
    return None


def title_parts(titles: list[str], site_name: str | None) -> tuple[str, ...]:
    """The parts of page titles of three parts or more ("Headline | Topics | Site") that
    do not name the site: the last part, and any that :func:`names_site`, are left out.

    >>> title_parts(["History of coffee | Origin, Facts | Britannica"], "Encyclopedia Britannica")
    ('History of coffee', 'Origin, Facts')
    """
    found: list[str] = []
    for title in titles:
        for sep in SITE_SEPARATORS:
            parts = [p.strip() for p in title.split(sep)]
            if len(parts) >= 3:
                found.extend(
                    p for p in parts[:-1] if p and not (site_name and names_site(p, site_name))
                )
                break
    return tuple(dict.fromkeys(found))


def widget_label(heading: str) -> bool:
    """Whether an ``<h1>`` is a widget's label ("Open Menu Close Menu"), every word of it
    boilerplate's.

    >>> widget_label("Open Menu Close Menu"), widget_label("Menu planning for a week")
    (True, False)
    """
    words = WORD.findall(heading.casefold())
    return bool(words) and all(word in BOILERPLATE_WORDS for word in words)
