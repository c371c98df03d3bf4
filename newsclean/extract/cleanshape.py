"""Texts that are an article already: a cleaned text, or an extractor's output.

A page's dump is judged by its furniture: menus, share buttons, legal and footer links,
cookie notices, bylines and dates, which the named line rules recognise. A text without
any of them has been cleaned already, by newsclean (a paragraph per line, a blank line
between them) or by an extractor such as trafilatura (a paragraph per line):
:func:`article_already`. What the region and context steps
would still drop of it are lines the cleaning kept for a reason it can no longer see
(subheads, list items, a table's rows, a closing paragraph after a list), so it is taken
as it is, which also makes cleaning idempotent.

Of the dev pages (``bench/layouts.py``), 41 % of trafilatura's outputs read as extracted,
and at most 1 % of the page dumps of html_text, inscriptis, html2text, resiliparse, lynx
and w3m (12 of html_text's 1,588, mostly pages that are not articles); taken whole, those
page dumps read no worse (``bench/text_cv.py --layout all``). The other trafilatura
outputs hold a line a rule rejects (35 %: a byline, a date, a "Share this post") or start
with more than a heading before the prose.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from newsclean.extract.features import Line
from newsclean.extract.headline import TITLE_OVERLAP, normal, share, title_words
from newsclean.extract.metadata import site_from_title

#: An extractor's output has a paragraph of prose among its first this many lines.
PROSE_BY = 2
#: A paragraph of at least this many words said twice is a page's repeat (a teaser, a
#: summary above its story), which cleaning removes: a text with one is not clean.
LONG_REPEAT_WORDS = 25


#: The evidence of a line kept from a text that is an article already, by its shape.
CLEANED = "the text has the shape of a cleaned article"
EXTRACTED = "no line of the text is a page's furniture"


def article_already(
    lines: Sequence[Line], content: Sequence[Line], title_like: Callable[[Line], bool]
) -> str | None:
    """Why the text (*lines*; *content*: those with text) is an article already —
    :data:`CLEANED` or :data:`EXTRACTED` — or None when it reads as a page's dump.

    Either shape holds :func:`no_furniture`. A cleaned text, as newsclean gives it, has
    one paragraph per line, each line stripped, consecutive lines separated by exactly one
    empty line (a final newline allowed). An extractor's output has one paragraph or item
    per line, none indented (a page's dump by lynx, w3m or inscriptis indents), blank
    lines or none between them, and starts as an article does: a paragraph of prose among
    its first :data:`PROSE_BY` lines (a page's dump starts with its menus), and no page
    title with the site's name first ("Headline | The Daily", as a scraper of a page's
    text writes its ``<title>``).
    """
    if not content or not no_furniture(content, title_like):
        return None
    if _blank_line_apart(lines):
        return CLEANED
    if (
        not any(line.raw[:1].isspace() for line in content)
        and any(line.cls == "good" for line in content[:PROSE_BY])
        and site_from_title(content[0].text) is None
    ):
        return EXTRACTED
    return None


def _blank_line_apart(lines: Sequence[Line]) -> bool:
    """Whether *lines* alternate a stripped line of text and an empty line, from the first."""
    for index, line in enumerate(lines):
        if index % 2:
            if line.raw:
                return False
        elif line.blank or line.raw != line.text:
            return False
    return True


def no_furniture(content: Sequence[Line], title_like: Callable[[Line], bool]) -> bool:
    """Whether the lines with text (*content*) hold no sign of a page around an article: no
    named rule matches a line, none is a byline or a date alone, no long paragraph repeats
    another (cleaning keeps only the repeats of short lines, such as a table's or a meal
    plan's), and, when the first line reads like a headline (*title_like*), no line before
    the prose repeats it (a page's ``<title>`` followed by its headline)."""
    seen: set[str] = set()
    for line in content:
        if line.hit is not None or line.byline or line.date_line:
            return False
        key = normal(line.text)
        if key in seen and line.words >= LONG_REPEAT_WORDS:
            return False
        seen.add(key)
    if not title_like(content[0]):
        return True  # a first line that cannot be a headline is no page <title> either
    first = title_words(content[0].text)
    for line in content[1:]:
        if line.cls == "good":
            break
        if title_like(line) and share(title_words(line.text), first) >= TITLE_OVERLAP:
            return False
    return True
