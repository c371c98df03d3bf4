"""Names in a page's markup: the author a byline element shows, cleaned of its label,
date and job title, and whether a meta field's author is a person at all."""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import unescape

from newsclean.extract import lexicon


def clean_text(value: str) -> str:
    """Metadata text with entities decoded (some pages escape twice) and white space collapsed.

    >>> clean_text("We needed to win this&nbsp;game &#8220;now&#8221;")
    'We needed to win this game “now”'
    >>> clean_text("The 10 B\ufeffest Projects")
    'The 10 Best Projects'
    """
    if "&" in value:
        value = unescape(value)
    return " ".join(value.translate(_INVISIBLE).split())


#: Characters that show nothing, left inside words by editors ("B\ufeffest"): taken out.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


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
    >>> clean_byline("Written by:") is None, clean_byline("Authors") is None
    (True, True)
    >>> clean_byline("The council met on Monday and approved the plans for the bridge.") is None
    True
    """
    if not value:
        return None
    value = clean_text(value)
    if value.startswith(("http://", "https://", "www.")):
        return None
    value = _BY.sub("", value)
    value = _BYLINE_TAIL.sub("", value).strip(" ,;:|-–—")
    if not value or not any(c.isalpha() for c in value):
        return None
    if len(value) > 100 and not _name_list(value):
        return None
    if value.casefold() in _BYLINE_LABELS:
        return None  # the label of a byline whose name is elsewhere
    words = len(value.split())
    if (words > 12 and not _name_list(value)) or (words > 6 and value.endswith((".", "!", "?"))):
        return None  # a sentence, not names (the line after a label, when the name was not there)
    return value


def _name_list(value: str) -> bool:
    """Whether *value* is a list of names (several authors): up to 20 parts joined by commas
    or "and", each of one to four words with a capital and no full stop at its end.

    >>> _name_list("Ann Lee, Bo Kim, Cy Tan, Di Wu, Ed Roe, Flo Ray, Gus Poe and Hal Dee")
    True
    >>> _name_list("The council met on Monday, and then it approved the plans.")
    False
    """
    parts = [p.strip() for p in re.split(r",|&|\band\b", value) if p.strip()]
    return 2 <= len(parts) <= 20 and all(
        1 <= len(p.split()) <= 4 and p[0].isupper() and not p.endswith(".") for p in parts
    )


#: Where a visible byline's name is, best first.
_AUTHOR_SELECTORS = (
    '[itemprop="author"] [itemprop="name"]',
    '[itemprop="author"]',
    '[rel="author"]',
    '[class*="author-name"]',
    '[class*="byline"] a',
    '[class*="author"] a',
    '[class*="byline"]',
    '[class*="author"]',
)
#: The label before a visible name ("Author", "The Author:", "Posted by:").
_AUTHOR_LABEL = re.compile(r"^(?:(?:the|about the)\s+)?authors?\b\s*:?\s*", re.IGNORECASE)


def visible_author(tree) -> str | None:
    """The name a reader sees in the page's byline element: the first element marked as the
    author (``itemprop``, ``rel``, an "author" or "byline" class) whose text, once its label
    and date are gone, is a short name (one to five words, no digits, no sentence).

    >>> from newsclean.extract.html.blocks import parse
    >>> visible_author(parse('<p class="post-author">Written by: <a href="/u/1">Ann Lee</a></p>'))
    'Ann Lee'
    >>> visible_author(parse('<div class="author-box">Author Sam Roe</div>'))
    'Sam Roe'
    >>> visible_author(parse('<div class="byline"><span>Sam Roe</span> <span>Senior Writer</span></div>'))
    'Sam Roe'
    >>> visible_author(parse('<div class="author-bio">Sam writes about food and travel for us.</div>')) is None
    True
    """
    for selector in _AUTHOR_SELECTORS:
        for node in tree.css(selector)[:5]:
            if node.tag in _NOT_BYLINE or inside(node, _NOT_BYLINE):
                continue
            text = node.text(separator="\n")
            if len(text) > 300 or "{" in text:
                continue
            # The name is one piece of the element's text; a job title or date is another.
            for piece in text.split("\n"):
                name = clean_byline(_AUTHOR_LABEL.sub("", piece.strip()))
                if name and _looks_like_name(name):
                    return name
    return None


#: A line that names the author after a label ("Written by Ann Lee", "Authors: Ann Lee and
#: Bo Kim"), or the label alone, with the name on the next line.
_LABELLED = re.compile(
    r"^(?:(?:written|posted|words|story|article|text)\s+by|by|authors?|author\(s\)|contributors?)"
    r"(?!\w)\s*:?\s*(.*)$",
    re.IGNORECASE,
)


def labelled_author(lines: Iterable[str]) -> str | None:
    """The first name a line gives after an author label, or on the line after a label
    alone: one to five words that read as a name, a job title after a comma left out.
    "By" and one word is a menu's filter ("By State", "By Topic"), not a name.

    >>> labelled_author(["Home", "Written by Ann Lee", "Ann Lee is a writer."])
    'Ann Lee'
    >>> labelled_author(["Author", "Lisa D. Ellis"])
    'Lisa D. Ellis'
    >>> labelled_author(["Authors: Ann Lee and Bo Kim, Extension educators"])
    'Ann Lee and Bo Kim'
    >>> labelled_author(["By Topic", "Authorization required", "Contributors: Sam Roe"])
    'Sam Roe'
    >>> labelled_author(["By the 15th century, coffee had reached the Arabian Peninsula."]) is None
    True
    """
    label_alone = False
    for text in lines:
        if label_alone:
            name = _without_role(clean_byline(text))
            if name and _looks_like_name(name):
                return name
        label_alone = False
        if len(text) > 90:
            continue
        match = _LABELLED.match(text)
        if match is None:
            continue
        if not match.group(1).strip(" :"):
            label_alone = True
            continue
        name = _without_role(clean_byline(match.group(1)))
        if name and " " not in name and text[:3].casefold() == "by ":
            continue  # a menu's filter, not a name
        if name and _looks_like_name(name):
            return name
    return None


def as_shown(names: str, lines: Iterable[str]) -> str:
    """A list of names as the page's text writes it ("A, B, and C" for "A, B, C" from the
    markup), or *names* when no short line shows them all in that order.

    >>> as_shown("Ann Lee, Bo Kim", ["Home", "By Ann Lee and Bo Kim | May 2"])
    'Ann Lee and Bo Kim'
    >>> as_shown("Ann Lee, Bo Kim", ["Ann Lee , Bo Kim"])
    'Ann Lee, Bo Kim'
    >>> as_shown("Ann Lee, Bo Kim", ["Ann Lee wrote this with a friend."])
    'Ann Lee, Bo Kim'
    """
    parts = [part.strip() for part in names.split(",")]
    if len(parts) < 2 or not all(parts):
        return names
    joined = re.compile(r"(?:\s*,\s*|,?\s+(?:and|&|und|et|y|e|en)\s+)".join(map(re.escape, parts)))
    for text in lines:
        if len(text) <= 300 and parts[-1] in text:
            match = joined.search(text)
            if match:
                return re.sub(r"\s+,", ",", match.group(0))
    return names


def _without_role(name: str | None) -> str | None:
    """*name* without the job title after its last comma ("Ann Lee, Extension educators"):
    a part with a lower-case word that is no name particle.

    >>> _without_role("Ann Lee, staff writer"), _without_role("Ann Lee, Bo Kim")
    ('Ann Lee', 'Ann Lee, Bo Kim')
    """
    if not name or "," not in name:
        return name
    head, _, tail = name.rpartition(",")
    if any(w[0].islower() and w not in _NAME_PARTICLES for w in tail.split()):
        return head.strip()
    return name


#: Elements (and ancestors) a byline is never in: the head, menus, forms and buttons.
_NOT_BYLINE = frozenset(
    {"meta", "link", "script", "style", "head", "nav", "form", "button", "select", "label"}
)


def inside(node, tags: frozenset, depth: int = 12) -> bool:
    """Whether one of *node*'s ancestors (up to *depth*) is a *tags* element."""
    parent = node.parent
    while parent is not None and depth > 0:
        if parent.tag in tags:
            return True
        parent, depth = parent.parent, depth - 1
    return False


def _looks_like_name(value: str) -> bool:
    """Whether *value* reads as a person's or a team's name rather than a label or sentence.

    >>> _looks_like_name("Jane van Doe"), _looks_like_name("5 min read"), _looks_like_name("Share this")
    (True, False, False)
    >>> _looks_like_name("Sign In"), _looks_like_name("said"), _looks_like_name("siteadmin")
    (False, False, False)
    """
    words = value.split()
    if not 1 <= len(words) <= 5 or len(value) > 50 or any(c.isdigit() for c in value):
        return False
    folded = value.casefold()
    if folded in _BYLINE_LABELS or folded in _NOT_NAMES or value.endswith((".", "!", "?", ":")):
        return False
    if "admin" in folded:
        return False  # an account, not a person
    if len(value) > 1 and value.isupper():
        return False  # a shouted label ("HERE", "GARDEN TIPS")
    if len(words) == 1:  # a name or a handle, not a stray word ("on", "said", "J")
        shortest = 5 if value.islower() else 3
        return len(value) >= shortest and bool(re.fullmatch(r"[\w.-]+", value))
    return all(w[0].isupper() or w in _NAME_PARTICLES for w in words)


#: What stands where a name would, in a byline element or next to one: never a name.
_NOT_NAMES = frozenset(
    {
        "posted",
        "published",
        "updated",
        "anonymous",
        "guest",
        "unknown",
        "sign in",
        "log in",
        "login",
        "register",
        "search",
        "search this site",
        "share",
        "follow",
        "press release",
        "authorized dealer",
        "unofficial",
        "email",
        "learn more",
        "read more",
        "view profile",
        "full bio",
        "contact",
    }
)

#: Lower-case words inside names ("Jane van Doe", "Ali bin Omar").
_NAME_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "da", "di", "du", "la", "le", "bin", "al", "and", "y"}
)


#: What a byline's label says when the name stands apart from it ("Author", "Written by:").
_BYLINE_LABELS = frozenset(
    {
        "author",
        "authors",
        "the author",
        "about the author",
        "article by",
        "written by",
        "posted by",
        "by",
        "name",
    }
)


def is_account(name: str) -> bool:
    """Whether *name* is the account a content system signs with ("admin").

    >>> is_account("Administrator"), is_account("Ann Lee")
    (True, False)
    """
    return name.casefold() in lexicon.ACCOUNTS


def weak_author(author: str, site_name: str | None) -> bool:
    """Whether an author field names no person a reader would see: the site itself, or a
    login slug ("devindra", "ops").

    >>> weak_author("devindra", None), weak_author("The Daily", "The Daily"), weak_author("Jane Doe", "The Daily")
    (True, True, False)
    >>> weak_author("Administrator", None)
    True
    """
    if " " not in author and (author.islower() or is_account(author)):
        return True
    if not site_name:
        return False
    return re.findall(r"\w+", author.casefold()) == re.findall(r"\w+", site_name.casefold())
