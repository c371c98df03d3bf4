"""Byline and date of a text dump, from the lines :mod:`~newsclean.extract.judge` has judged."""

from __future__ import annotations

import re

from newsclean.extract import lexicon
from newsclean.extract.features import Line
from newsclean.extract.lexicon import BOILERPLATE_WORDS
from newsclean.extract.metadata import YEAR, byline_names, parse_date

__all__ = ["META_WINDOW", "find_byline", "find_date", "meta_line"]

#: Lines around the region where a byline or a date line still belongs to the article.
META_WINDOW = 8
#: A person's name alone on a line: 2 to 4 capitalised words (initials, particles allowed).
_NAME_LINE = re.compile(
    r"[A-ZÀ-Ý][\w'’-]*\.?(?:\s+(?:(?:de|da|van|von|der|di|del|la|le|bin|al)\s+)?[A-ZÀ-Ý][\w'’-]*\.?){1,3}"
)
_BY_PREFIX = lexicon.byline_prefix()
_UPDATED = re.compile(
    r"updated|modified|atualizad|actualizad|mis à jour|aktualisiert|aggiornat|обновлен|수정|更新",
    re.IGNORECASE,
)
_PUBLISHED = re.compile(
    r"publish|updated|posted|publicad|atualizad|actualizad|publié|veröffentlicht|pubblicat"
    r"|опубликован|입력|公開|配信|diterbitkan|gepubliceerd",
    re.IGNORECASE,
)


def find_byline(content: list[Line], lo: int, first: int, last: int) -> str | None:
    """The byline near the headline, else the agency or author line right after the body,
    else the names of a "By NAME DATE" line near the headline or the body's end."""
    near, trailing = None, None
    for position, line in enumerate(content):
        if not line.byline:
            continue
        if lo - META_WINDOW <= line.number <= first + META_WINDOW * 2 and near is None:
            text = byline_names(line.text) or _BY_PREFIX.sub("", line.text).strip()
            if not text and position + 1 < len(content):
                text = content[position + 1].text
            near = text or None
        elif last < line.number <= last + META_WINDOW * 2 and trailing is None:
            trailing = byline_names(line.text) or _BY_PREFIX.sub("", line.text).strip() or None
    if near or trailing:
        return near or trailing
    for line in content:
        if line.number > last + META_WINDOW * 2:
            break
        near_head = lo - META_WINDOW <= line.number <= first + META_WINDOW * 2
        if (near_head or line.number > last) and line.words <= 30:
            names = byline_names(line.text)
            if names:
                return names
    return _name_line(content, lo, first)


def _name_line(content: list[Line], lo: int, first: int) -> str | None:
    """A person's name alone on a line near the headline, that the page repeats (the
    byline above the body and the author box after it) or that a date line follows or
    precedes (a byline without its "By"): 2 to 4 capitalised words, no function word,
    digit or boilerplate word."""
    counts: dict[str, int] = {}
    for line in content:
        if 2 <= line.words <= 4 and len(line.text) <= 40:
            counts[line.text] = counts.get(line.text, 0) + 1
    for position, line in enumerate(content):
        if line.number > first + META_WINDOW:
            break
        if line.number < lo - 2 or line.role == "title" or counts.get(line.text, 0) == 0:
            continue
        dated = any(
            0 <= near < len(content) and content[near].date_line
            for near in (position - 1, position + 1)
        )
        if counts[line.text] < 2 and not dated:
            continue
        if line.hit is not None or line.density > 0 or not _NAME_LINE.fullmatch(line.text):
            continue
        if not BOILERPLATE_WORDS.isdisjoint(line.text.lower().split()):
            continue
        return line.text
    return None


def find_date(
    content: list[Line], lo: int, first: int, last: int, language: str | None
) -> str | None:
    """The publication date: a date line near the headline (one that says "updated" only
    when no other does), else the date of a byline near it ("By NAME • DATE"), else a
    "published ..." line, else the first date near the headline, else the first short
    line of a date on the page."""
    month_first = language in (None, "en")
    by_date = None
    published = None
    any_date = None
    updated = None
    anywhere = None
    for line in content:
        if line.number > last + META_WINDOW * 3:
            break
        if line.words > 60 or not YEAR.search(line.text):
            continue
        near = lo - META_WINDOW <= line.number <= first + META_WINDOW * 2
        if line.date_line and near:
            found = parse_date(line.text, month_first)
            if found and _UPDATED.search(line.text):
                updated = updated or found
            elif found:
                return found
        if (
            by_date is None
            and near
            and line.words <= 30
            and (line.byline or byline_names(line.text))
        ):
            by_date = parse_date(line.text, month_first)
        if published is None and _PUBLISHED.search(line.text) and not _UPDATED.search(line.text):
            published = parse_date(line.text, month_first)
        if any_date is None and lo - META_WINDOW <= line.number and line.words <= 20:
            any_date = parse_date(line.text, month_first)
        if anywhere is None and line.words <= 12 and line.number <= last:
            anywhere = parse_date(line.text, month_first)
    return by_date or published or any_date or updated or anywhere


def meta_line(line: Line) -> bool:
    """A byline, a date alone, or a "By NAME DATE" line."""
    return (
        line.byline
        or line.date_line
        or (line.words <= 20 and line.hit is None and byline_names(line.text) is not None)
    )
