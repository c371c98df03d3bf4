"""A dump's headline that rewords its page title: the page's ``<title>`` (a text dump's
first line) and the article's headline often say the same story in other words ("The 5
Best Kettles, Tested & Reviewed" over "To Find the 5 Best Kettles, I Tested 17")."""

from __future__ import annotations

from collections.abc import Callable

from newsclean.extract.features import Line
from newsclean.extract.languages import WORD

#: The shares a headline that rewords the page title has of its words and the page title
#: of its own, summed; each share is at least a fourth of it.
TITLE_REWORDS = 0.8


def title_words(text: str) -> set[str]:
    """The lower-case words of a line, as titles are compared."""
    return {t.lower() for t in WORD.findall(text)}


def normal(text: str) -> str:
    """A line's lower-case words joined by one space, as lines are compared for the same text."""
    return " ".join(WORD.findall(text.lower()))


def share(tokens: set[str], other: set[str]) -> float:
    """Share of *tokens* (the words of a line) that are among *other* (those of another)."""
    return len(tokens & other) / len(tokens) if tokens else 0.0


def rewords_title(
    content: list[Line], first: set[str], low: int, high: int, title_like: Callable[[Line], bool]
) -> int:
    """Position of the *title_like* line from *low* to *high* (not the first line; the
    nearest of equals) that rewords the page title (*first*: the first line's lower-case
    words) best, by :data:`TITLE_REWORDS`; -1 for none, or when the first line has three
    words or fewer (a menu's, not a page title)."""
    best, best_score = -1, TITLE_REWORDS
    for position in range(high - 1, max(low, 1) - 1, -1) if len(first) > 3 else ():
        line = content[position]
        tokens = title_words(line.text)
        overlap, cover = share(tokens, first), share(first, tokens)
        score = overlap + cover
        if score > best_score and min(overlap, cover) >= TITLE_REWORDS / 4 and title_like(line):
            best, best_score = position, score
    return best
