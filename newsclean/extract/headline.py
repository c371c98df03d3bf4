"""A dump's headline that rewords its page title: the page's ``<title>`` (a text dump's
first line) and the article's headline often say the same story in other words ("The 5
Best Kettles, Tested & Reviewed" over "To Find the 5 Best Kettles, I Tested 17"); and,
in a dump with no page title, the headline that says what the body says
(:func:`echoed_headline`)."""

from __future__ import annotations

from collections.abc import Callable

from newsclean.extract.features import Line
from newsclean.extract.languages import WORD

#: Share of its words a title-like line shares with the page's first line (its ``<title>``)
#: to be taken for the headline, or for a repeat of a cleaned text's first line.
TITLE_OVERLAP = 0.6
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


#: A dump's headline says what its body says. The headline the rules found is checked when
#: the dump has no page title it agrees with and no Markdown mark: the title-like line of
#: the :data:`ECHO_WINDOW` lines before the body that says most (the share of its longer
#: words that are the body's, less a hundredth per line from the body) is taken instead
#: when it says at least :data:`ECHO_HIGH`, and :data:`ECHO_MARGIN` more than the headline
#: found unless that says less than :data:`ECHO_LOW`. A picture's ``alt`` text, a caption,
#: a menu's entry or a box's heading says little of the story; its headline says much.
ECHO_LOW = 0.2
ECHO_HIGH = 0.5
ECHO_MARGIN = 0.4
ECHO_WINDOW = 40
#: Lines of prose after the region's first whose words are the body's, the most words of a
#: line taken for a headline, and of one that ends like a sentence (a question: longer, it
#: is the article's first sentence).
ECHO_BODY_LINES = 30
ECHO_MAX_WORDS = 25
ECHO_SENTENCE_WORDS = 14


def echoed_headline(
    content: list[Line], start: int, end: int, found: int, title_like: Callable[[Line], bool]
) -> int:
    """Position of the headline of a dump whose region runs from *start* to *end*: the
    title-like line before the body whose words are most the body's, when it says much
    more of the body than *found* (the rules' choice, -1: none; see :data:`ECHO_LOW`),
    else *found*."""
    body: set[str] = set()
    prose = 0
    # (from the region's second line: its first may be the headline, and says itself)
    for line in content[start + 1 : end + 1]:
        if line.cls in ("good", "near"):
            body |= long_words(line)
            prose += 1
            if prose >= ECHO_BODY_LINES:
                break
    if not body or (found >= 0 and content[found].text.startswith("# ")):
        return found  # (a converter's Markdown heading: the page's <h1>)
    said = share(long_words(content[found]), body) if found >= 0 else 0.0
    best, best_score = found, ECHO_HIGH if said < ECHO_LOW else max(ECHO_HIGH, said + ECHO_MARGIN)
    for position in range(max(0, start - ECHO_WINDOW), min(start + 1, len(content))):
        line = content[position]
        if line.words > (ECHO_SENTENCE_WORDS if line.ends_sentence else ECHO_MAX_WORDS):
            continue
        if not title_like(line):  # (the rules' test: no full stop at its end, no list item …)
            continue
        words = long_words(line)
        if len(words) < 2:
            continue
        score = share(words, body) - (start - position) / 100
        if score >= best_score:
            best, best_score = position, score
    return best


def long_words(line: Line) -> set[str]:
    """The words of four letters or more of a line (lower case), as headlines and the text
    under them are compared."""
    return {t for t in (line.tokens or WORD.findall(line.text.lower())) if len(t) >= 4}
