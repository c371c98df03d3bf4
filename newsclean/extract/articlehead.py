"""The head of an article in a text dump: the lines between its headline and its body.

A dump that starts with the page's menu, not its ``<title>`` (inscriptis, a browser's
"save as text"), gives no page title to match the headline against. The line nearest
the body is then often a part of the article's head under its headline: the standfirst,
a writer's name and job, a reading time, a "site · date" line, a photo credit, a
section's name. :func:`climb_to_headline` climbs from it to the headline, and
:func:`head_above_meta` finds the headline over the byline and the date.
"""

from __future__ import annotations

from collections.abc import Callable

from newsclean.extract.features import Line
from newsclean.extract.headline import long_words, normal
from newsclean.extract.metadata import YEAR, byline_names, parse_date
from newsclean.extract.textmeta import (
    LIST_MARKS,
    job_title,
    name_alone,
    name_with_job,
    reading_time,
)

#: How many lines over the line nearest the body the headline is still looked for.
HEAD_CLIMB = 8
#: Rule reasons of lines an article's head may hold between its headline and its body.
_HEAD_REASONS = frozenset({"caption", "credit", "share", "image-id", "byline", "date"})
#: The share of a headline's longer words that the lines under it say too, at least.
HEAD_BODY_SHARE = 0.5
#: How many lines under a headline are read for its words.
HEAD_BODY_LINES = 40


def climb_to_headline(
    content: list[Line], position: int, low: int, title_like: Callable[[Line], bool]
) -> int:
    """The headline over the title-like line at *position*, the one nearest the body, or
    *position* itself.

    With no page title to match (a dump that starts with the menu, not ``<title>``), the
    line nearest the body is often a part of the article's head under its headline: the
    standfirst, a writer's name and job, a reading time, a "site · date" line, a photo
    credit, a section's name. The climb passes such lines (and title-like ones, the
    lowest of which is a standfirst), back to *low* and at most :data:`HEAD_CLIMB` lines
    (not to the page's first line, which is judged as its title or masthead), and stops
    at any other (a menu's list, prose). The highest line on the way that can head the
    one under it (:func:`_heads`) is the headline.
    """
    best = -1 if _head_furniture(content[position]) else position
    for above in range(position - 1, max(low, 1, position - HEAD_CLIMB) - 1, -1):
        line = content[above]
        if _head_furniture(line):
            continue
        if not (line.words >= 4 and title_like(line)):
            break
        if _heads(content, above, best):
            best = above
    return best if best >= 0 else position


def _heads(content: list[Line], position: int, under: int) -> bool:
    """Whether the line at *position*, title-like and of four words or more, can be the
    headline over the line at *under* (-1: none): it speaks of what follows it (a button
    does not) and does not hold the line under it (a breadcrumb that ends with the
    headline, "3. Headline" in the contents)."""
    return (
        under < 0 or normal(content[under].text) not in normal(content[position].text)
    ) and _speaks_of(content, position)


def _speaks_of(content: list[Line], position: int) -> bool:
    """Whether the line at *position* speaks of what follows it: at least
    :data:`HEAD_BODY_SHARE` of its longer words are in the :data:`HEAD_BODY_LINES` lines
    under it (a headline's are; a button's, a menu entry's or a credit's are not)."""
    words = long_words(content[position])
    below: set[str] = set()
    for line in content[position + 1 : position + 1 + HEAD_BODY_LINES]:
        below |= long_words(line)
    return bool(words) and len(words & below) >= HEAD_BODY_SHARE * len(words)


def _head_furniture(line: Line) -> bool:
    """Whether *line* is one of the lines of an article's head besides its headline: a
    byline, a date, a writer's name or job, a reading time, a short line with a date, a
    caption or credit, the share buttons, a label of a few words (a section, "Contents")."""
    if line.hit is not None:
        return line.hit.reason in _HEAD_REASONS
    text = line.text
    return (
        (line.words <= 3 and not text.startswith(LIST_MARKS))
        or _byline_or_date(line)
        or name_alone(line)
        or job_title(text)
        or reading_time(text)
        or (line.words <= 8 and YEAR.search(text) is not None and parse_date(text) is not None)
        or name_with_job(line) is not None
    )


def head_above_meta(
    content: list[Line], low: int, high: int, title_like: Callable[[Line], bool]
) -> int:
    """Position of the headline that a byline or date line stands under, or -1.

    A dump without the page's ``<title>`` on its first line gives no title to
    match; the article's own head still reads headline, (a standfirst,) then
    the byline and the date. The run of byline and date lines nearest the body
    (before *high*, back to *low*), with the rest of the head's furniture above them (a
    writer's job, a reading time, a section's name), names the *title_like* line above
    it, or the one above a standfirst that ends like a sentence. (Only the lines the
    byline rules read start the run: the headline decides where the body starts, which
    the line model learns from.)
    """
    position = high - 1
    while position >= low:
        if not _byline_or_date(content[position]):
            position -= 1
            continue
        while position > low and _head_furniture(content[position - 1]):
            position -= 1
        above = position - 1
        for candidate in (above, above - 1):
            if (
                candidate >= low
                and (candidate == above or content[above].ends_sentence)
                and title_like(content[candidate])
                and _speaks_of(content, candidate)
            ):
                return _over_standfirst(content, candidate, low, title_like)
        position -= 1
    return -1


def _byline_or_date(line: Line) -> bool:
    """A byline, a date alone, or a "By NAME DATE" line."""
    return (
        line.byline
        or line.date_line
        or (line.words <= 20 and line.hit is None and byline_names(line.text) is not None)
    )


def _over_standfirst(
    content: list[Line], position: int, low: int, title_like: Callable[[Line], bool]
) -> int:
    """The headline right over the title-like line at *position* when that line reads as
    its standfirst, else *position*: a standfirst is written as a sentence ("Why Tutoring
    Has Not Worked" over "Implementation complicates even well-studied interventions"
    over the byline); a headline in title case has a menu, a breadcrumb or a section over
    it instead ("Electric Scooters / Buying Guides" over "The Best Electric Scooters")."""
    above = position - 1
    if above < max(low, 1) or not _sentence_case(content[position].text):
        return position
    line = content[above]
    if line.words >= 4 and title_like(line) and _heads(content, above, position):
        return above
    return position


def _sentence_case(text: str) -> bool:
    """Whether fewer than half of the words after the first begin with a capital letter."""
    words = [word for word in text.split()[1:] if word[:1].isalpha()]
    return 2 * sum(word[0].isupper() for word in words) < len(words)
