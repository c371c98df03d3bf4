"""Byline and date of a text dump, from the lines :mod:`~newsclean.extract.judge` has judged."""

from __future__ import annotations

import re

from newsclean.extract import lexicon
from newsclean.extract.features import Line
from newsclean.extract.languages import WORD
from newsclean.extract.lexicon import BOILERPLATE_WORDS
from newsclean.extract.metadata import (
    NOT_NAME,
    REPORTER_TITLES,
    YEAR,
    byline_names,
    date_span,
    headline_of_title,
    is_date_line,
    parse_date,
    without_site,
)
from newsclean.extract.rules import match_rule

__all__ = [
    "LIST_MARKS",
    "META_WINDOW",
    "date_by_byline",
    "dated_name",
    "find_byline",
    "find_date",
    "handle_byline",
    "job_title",
    "late_date",
    "line_date",
    "name_alone",
    "name_with_job",
    "page_title_headline",
    "reading_time",
    "says_updated",
    "short_by_line",
    "unmarked",
]

#: Lines around the region where a byline or a date line still belongs to the article.
META_WINDOW = 8
#: Lower-case words inside a name ("Nick van Mead", "Ali bin Omar").
_PARTICLES = ("de", "da", "van", "von", "der", "di", "del", "la", "le", "bin", "al")
#: A person's name alone on a line: 2 to 4 capitalised words (initials, particles allowed).
_NAME_LINE = re.compile(
    rf"[{lexicon.CAPITAL}][\w'’-]*\.?(?:\s+(?:(?:{'|'.join(_PARTICLES)})\s+)?[{lexicon.CAPITAL}][\w'’-]*\.?){{1,3}}"
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
#: A word that says published (not updated): "Originally published", "Posted".
_FIRST_PUBLISHED = re.compile(
    r"publish|posted|publicad|publié|veröffentlicht|pubblicat|опубликован|입력|公開|配信"
    r"|diterbitkan|gepubliceerd",
    re.IGNORECASE,
)


def says_updated(text: str) -> bool:
    """Whether a line says when the article was updated, in one of the page languages.

    >>> says_updated("Updated Jun 16, 2025"), says_updated("Published Jun 16, 2025")
    (True, False)
    """
    return _UPDATED.search(text) is not None


def line_date(text: str, month_first: bool = True) -> str | None:
    """The date a line gives the article: after "published" when the line says when it
    was updated first ("Updated Nov 11, 2022 Originally published Nov 9, 2022"), else
    its first date.

    >>> line_date("Updated November 11, 2022 8:23 PM ET Originally published November 9, 2022")
    '2022-11-09'
    >>> line_date("Published May 2, 2025, updated May 3, 2025")
    '2025-05-02'
    """
    updated = _UPDATED.search(text)
    if updated is not None:
        published = _FIRST_PUBLISHED.search(text, updated.end())
        if published is not None:
            found = parse_date(text[published.end() :], month_first)
            if found:
                return found
    return parse_date(text, month_first)


def find_byline(content: list[Line], lo: int, first: int, last: int) -> str | None:
    """The byline near the headline; else a name beside the date, over the writer's job or
    right under the headline (:func:`_name_line`); else the agency or author line right
    after the body; else the names of a "By NAME DATE" line or a handle's byline ("by
    ibby") near the headline or the body's end; else any name alone near the headline;
    else the nearest byline above the body (:func:`_byline_above_body`)."""
    near, trailing = None, None
    for position, line in enumerate(content):
        if not line.byline:
            continue
        if lo - META_WINDOW <= line.number <= first + META_WINDOW * 2 and near is None:
            text = byline_names(line.text) or _plain_byline(line.text)
            if not text and position + 1 < len(content):
                text = content[position + 1].text
            near = text or None
        elif last < line.number <= last + META_WINDOW * 2 and trailing is None:
            trailing = byline_names(line.text) or _plain_byline(line.text) or None
    if near:
        return _once(near)
    beside, rank = _name_line(content, lo, first)
    if beside and rank <= 1:
        return beside
    if trailing:
        return trailing
    for line in content:
        if line.number > last + META_WINDOW * 2:
            break
        near_head = lo - META_WINDOW <= line.number <= first + META_WINDOW * 2
        if (near_head or line.number > last) and line.words <= 30:
            names = byline_names(line.text)
            if names is None and near_head and line.words <= 16 and YEAR.search(line.text):
                names = dated_name(line.text)
            if names is None and near_head and short_by_line(line):
                names = _plain_byline(line.text)
            if names is None and near_head and line.words <= 12:
                names = handle_byline(line.text)
            if names:
                return names
    return beside or _byline_above_body(content, first)


#: "by NAME" opening the line or after a date or a separator, where a one-word NAME (a
#: handle) or "the X Team" ends the line or meets a separator, "on", or a number.
_HANDLE = re.compile(
    r"(?:^|[|•·]\s*|(?:19|20)\d\d\s+)(?i:(?:written\s+|posted\s+)?by):?\s+"
    r"(?P<name>(?i:the\s+)?[^\W\d_][\w.'’-]{1,30}(?:\s+[A-Z][\w'’-]*){0,2}?)"
    r"\s*(?=\Z|[|•·,–—]|\s+(?i:on|at)\b|\s+\d)"
)


def handle_byline(text: str) -> str | None:
    """The name of a byline that names a handle or a team ("by ibby", "By: ShawnHymel |
    May 2, 2025", "Posted on May 2, 2025 by infuy", "By the Lavazza Team 2–3 minutes").

    >>> handle_byline("By: ShawnHymel | December 16, 2025"), handle_byline("by ibby")
    ('ShawnHymel', 'ibby')
    >>> handle_byline("Sort by Date") is None, handle_byline("By Topic") is None
    (True, True)
    """
    m = _HANDLE.search(text)
    if m is None:
        return None
    name = m.group("name")
    lowered = {w.lower().strip(".") for w in name.split()} - {"the"}
    if not lowered.isdisjoint(_NO_HANDLE):
        return None
    if name.lower().startswith("the ") and len(name.split()) < 3:
        return None
    if m.end() == len(text.rstrip()) and name.istitle() and " " not in name:
        return None  # "By State", "By Topic": a menu's filters
    return name


def _plain_byline(text: str) -> str:
    """A byline without its "By" and without the date or section that follows the name:
    "By Jane Doe on May 2, 2025" and "Jane Doe in Finance" give "Jane Doe"."""
    text = _REPORTER.sub("", _BY_PREFIX.sub("", text)).strip()
    found = date_span(text)
    if found is not None and found[1] > 0:
        text = _DATE_LEAD.sub("", text[: found[1]])
    return _NAME_TAIL.sub("", text).strip(" ,")


#: "Reporter" after a Korean or Japanese name ("山田太郎 記者"): no part of it.
_REPORTER = re.compile(rf"\s*(?:{REPORTER_TITLES})\s*\Z")


#: What joins a name to the date after it: "on", "at", "|", "·", "Last updated".
_DATE_LEAD = re.compile(
    r"(?:\s+(?:on|at)|\s*[|•·,–—-]|\s+(?:last\s+)?(?:updated|published|posted)(?:\s+on)?:?)\s*\Z",
    re.IGNORECASE,
)


def _once(names: str) -> str:
    """A name the dump wrote twice in one line (a name link and its text) written once.

    >>> _once("Colin Gray Colin Gray"), _once("Jane Doe")
    ('Colin Gray', 'Jane Doe')
    """
    words = names.split()
    half = len(words) // 2
    if half >= 1 and len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(words[:half])
    return names


#: A line that only announces the author on the next line ("Author:", "Written by").
_AUTHOR_LABELS = frozenset(
    ("author", "author:", "authors:", "written by", "written by:", "article by", "article by:",
     "words by", "by", "by:", "posted by", "posted by:", "article written by:")
)  # fmt: skip
#: How many lines above the body a byline is still looked for when none is near the headline.
BYLINE_REACH = 80


def _byline_above_body(content: list[Line], first: int) -> str | None:
    """The nearest byline above the body, within :data:`BYLINE_REACH` lines, when none is
    near the headline (the headline the dump shows may be another than the one found): a
    "By ..." line, or a name alone under a label such as "Author:" or "Written by"."""
    above = [position for position, line in enumerate(content) if line.number < first]
    for position in reversed(above[-BYLINE_REACH:]):
        line = content[position]
        if line.words > 20 or (line.hit is not None and not line.byline):
            continue  # a menu's "Desks by Brand A, Brand B" is nobody's byline
        if line.byline or short_by_line(line):
            names = byline_names(line.text) or _BY_PREFIX.sub("", line.text).strip()
            if names:
                return names
        following = content[position + 1] if position + 1 < len(content) else None
        if (
            following is not None
            and (line.byline or line.text.lower() in _AUTHOR_LABELS)
            and name_alone(following)
        ):
            return unmarked(following.text)
        # "By NAME DATE" or a line that opens with "By"; not "Desks by Brand A, Brand B".
        if YEAR.search(line.text) or _BY_PREFIX.match(line.text):
            in_line = byline_names(line.text)
            if in_line:
                return in_line
    return None


def _name_line(content: list[Line], lo: int, first: int) -> tuple[str | None, int]:
    """A person's name near the headline and its rank: 0 for a name alone that the page
    repeats (the byline above the body and the author box after it) with a date line or
    a reading time at most two lines away; 1 for a name right next to such a line or
    with a job title between (a byline without its "By"), over or with the writer's job,
    or right under the headline, or a one-word handle over the date; 2 for a repeated
    one just around the headline; (None, 3) when there is none. A name whose first word the page
    also writes in lower case is a heading, not a name."""
    counts: dict[str, int] = {}
    for line in content:
        if 2 <= line.words <= 4 and len(line.text) <= 40:
            counts[line.text] = counts.get(line.text, 0) + 1
    best, best_rank = None, 3
    page: set[str] | None = None  # the page's white-space words
    for position, line in enumerate(content):
        if line.number > first + META_WINDOW:
            break
        if line.number < lo - META_WINDOW or line.role == "title":
            continue
        name = unmarked(line.text) if name_alone(line) else name_with_job(line)
        if name is None and _handle_alone(line, content, position):
            name = line.text
        if name is None:
            continue
        if page is None:
            page = set("\n".join([line.text for line in content]).split())
        words = [w for w in name.lower().split() if w not in _TEAM]
        if not words or _JOB.match(words[0]) or _written_lower(page, words[0]):
            continue  # "Power Coaching", "Fact Checked": the page writes these words in lower case
        gaps = [
            abs(near - position)
            for near in range(position - 2, position + 3)
            if 0 <= near < len(content) and near != position and _dated(content[near])
        ]
        if 1 not in gaps and line.text.startswith(LIST_MARKS):
            continue  # a list's entry is a name only right by the date ("* Jane Doe / * May 2")
        repeated = counts.get(line.text, 0) >= 2
        if repeated and gaps:
            return name, 0
        # Right next to the date, or with a job title between ("Jane Doe / Editor / May 2").
        beside = 1 in gaps or (
            position + 2 < len(content)
            and 2 in gaps
            and _dated(content[position + 2])
            and content[position + 1].words <= 5
            and not content[position + 1].ends_sentence
        )
        # Right under the headline, the body or a standfirst below ("Headline / Jane Doe").
        under = position > 0 and content[position - 1].role == "title"
        # Over the writer's job ("Jane Doe / Tech Writer").
        over_job = position + 1 < len(content) and job_title(content[position + 1].text)
        with_job = name != line.text
        rank = (
            1
            if beside or under or over_job or with_job
            else 2
            if repeated and line.number >= lo - 2
            else 3
        )
        if rank < best_rank:
            best, best_rank = name, rank
    return best, best_rank


#: What a writer's job line says: "Tech Writer", "Senior Editor", "Founder & CEO".
_JOB = re.compile(
    r"\b(?:writer|editor|reporter|correspondent|columnist|journalist|contributor|author|"
    r"founder|co-founder|ceo|cto|cmo|director|manager|consultant|analyst|expert|specialist|"
    r"marketer|engineer|researcher|scientist|strategist|producer|professor|dietitian)s?\b",
    re.IGNORECASE,
)


def job_title(text: str) -> bool:
    """Whether the line is a writer's job title alone ("Tech Writer", "Former McKinsey
    Consultant", "Research & Development" is not).

    >>> job_title("Former McKinsey Consultant"), job_title("Our writers tested 40 laptops.")
    (True, False)
    """
    return (
        len(text) <= 60
        and len(text.split()) <= 6
        and text[-1:] not in ".!?"
        and bool(_JOB.search(text))
    )


def _handle_alone(line: Line, content: list[Line], position: int) -> bool:
    """Whether the line is one word over a date line: a writer's handle or first name
    ("Gabo / Jan 23 / 11 min read")."""
    return (
        line.words == 1
        and line.hit is None
        and 2 <= len(line.text) <= 30
        and line.text.isalpha()
        and position + 1 < len(content)
        and _dated(content[position + 1])
        and line.text.lower() not in _NO_HANDLE
    )


_JOB_JOINS = frozenset("at of and & for the in on".split())


def name_with_job(line: Line) -> str | None:
    """The name of a line that gives a name and the writer's job: "Jane Doe, Tech Writer",
    "Jane Doe (Content Manager)", "Jane Doe Founder at Acme"."""
    if line.words > 10 or line.hit is not None or line.ends_sentence or line.density:
        return None
    words = line.text.split()
    for size in (2, 3, 4):
        name = " ".join(words[:size]).rstrip(",|-–—")
        rest = " ".join(words[size:]).strip("()|,-–— ")
        # One word with nothing between is a name's end ("Subject Matter Expert").
        apart = name != " ".join(words[:size]) or words[size : size + 1] in (
            ["|"],
            ["-"],
            ["–"],
            ["—"],
        )
        if (
            rest
            and (apart or len(words) - size >= 2)
            and all(w[:1].isupper() or w in _JOB_JOINS for w in rest.split())
            and job_title(rest)
            and _NAME_LINE.fullmatch(name)
            and _NOT_NAME_WORDS.isdisjoint(name.lower().split())
        ):
            return name
    return None


#: Words an author's name may share with common words ("The Upwork Team").
_TEAM = frozenset("the team staff".split())


def _written_lower(page: set[str], word: str) -> bool:
    """Whether the page (*page*: its white-space words) writes *word* (in lower case) as a
    word of its own: a common word, not part of a name (name particles aside)."""
    if word in _PARTICLES or word in _TEAM:
        return False
    return word in page


def _dated(line: Line) -> bool:
    return line.date_line or reading_time(line.text)


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
            found = line_date(line.text, month_first)
            if found and _UPDATED.search(line.text) and found == parse_date(line.text, month_first):
                updated = updated or found
            elif found:
                return found
        if (
            by_date is None
            and near
            and line.words <= 30
            and (line.byline or byline_names(line.text))
        ):
            by_date = line_date(line.text, month_first)
        if published is None and _PUBLISHED.search(line.text) and not _UPDATED.search(line.text):
            published = line_date(line.text, month_first)
        if any_date is None and lo - META_WINDOW <= line.number and line.words <= 20:
            any_date = line_date(line.text, month_first)
        if anywhere is None and line.words <= 12 and line.number <= last:
            anywhere = line_date(line.text, month_first)
    return by_date or published or any_date or updated or anywhere


def short_by_line(line: Line) -> bool:
    """Whether the line is "By" and a few words that start with a capital ("By Ask the
    Doctors"): a byline, though not a name the byline rules read."""
    if not 2 <= line.words <= 6 or line.ends_sentence or line.hit is not None:
        return False
    m = _BY_PREFIX.match(line.text)
    return m is not None and line.text[m.end() : m.end() + 1].isupper()


#: "5 min read", "8 min", "Reading time: 4 minutes", "12 minute read".
_READ_TIME = re.compile(
    r"(?:reading time:?\s*)?\d{1,3}\s*(?:-\s*\d{1,3}\s*)?"
    r"(?:min(?:ute)?s?|m)\.?(?:\s+(?:read|reading|to read)(?:\s+time)?)?",
    re.IGNORECASE,
)


def reading_time(text: str) -> bool:
    """Whether the line only says how long the article takes to read.

    >>> reading_time("5 min read"), reading_time("Reading time: 4 minutes"), reading_time("8 min")
    (True, True, True)
    >>> reading_time("5 minutes to midnight")
    False
    """
    if len(text) > 30 or not (text[:1].isdigit() or text[:1] in "Rr"):
        return False
    return _READ_TIME.fullmatch(text.strip(" .·•|")) is not None


#: Words of buttons, menu entries and sections, written in capitals like a name
#: ("Get Started", "Find Care", "HR Strategy", "Key Takeaways").
_NOT_NAME_WORDS = BOILERPLATE_WORDS | frozenset(
    """
    get started start find apply now join learn explore discover request order book buy
    try free demo quote strategy insights takeaways summary contents table overview points highlights
    industry services solutions products resources news gallery program programs
    """.split()
)
#: Words that are never a handle or a name of one word: months, weekdays, the words that
#: follow a byline, buttons and sections, and the accounts a content system signs with.
_NO_HANDLE = NOT_NAME | _NOT_NAME_WORDS | lexicon.ACCOUNTS


def name_alone(line: Line) -> bool:
    """Whether the line could be a person's name alone: 2 to 4 capitalised words, no
    function word, digit, boilerplate or button word, no rule against it (a list entry's
    mark before it does not count: a page lists its author and date as "* Jane Doe")."""
    text = unmarked(line.text)
    return (
        2 <= line.words <= 4
        and len(text) <= 40
        and line.hit is None
        and line.density == 0
        and _NAME_LINE.fullmatch(text) is not None
        and _NOT_NAME_WORDS.isdisjoint(text.lower().split())
    )


def unmarked(text: str) -> str:
    """*text* without the mark of a list entry before it ("* Jane Doe": "Jane Doe")."""
    return text[2:] if text.startswith(LIST_MARKS) else text


#: What separates the parts of a byline: "Jane Doe • May 2, 2025 • 5 min read".
_BYLINE_PARTS = re.compile(r"\s*[•·|—–]\s*|\s+-\s+|\s+/\s+")
#: A category or place after the name: "Jane Doe in Finance", "Jane Doe on behalf of ...".
_NAME_TAIL = re.compile(r"\s+(?:in|on behalf of|for)\s+.*\Z")


def dated_name(text: str) -> str | None:
    """The name of a byline that goes with its date but without "By": "Jane Doe May 2,
    2025", "Jane Doe • Updated on May 2, 2025", "May 2, 2025 • Jane Doe in Finance",
    "Jane Doe | Senior Writer | May 2, 2025". The name stands before the date, or after
    it behind a dot separator; a word such as "Updated" or a month is never part of it.

    >>> dated_name("Tom Talbot October 14, 2025"), dated_name("Dec 26, 2025 • Mahua Das in Tools")
    ('Tom Talbot', 'Mahua Das')
    >>> dated_name("Aaron Ricadela | Senior Writer | July 2, 2025")
    'Aaron Ricadela'
    >>> dated_name("March 20, 2023 | Wellness Prevention") is None
    True
    >>> dated_name("Last Updated Dec 17, 2025") is None
    True
    """
    if len(text) > 120:
        return None
    found = date_span(text)
    if found is None:
        return None
    _, start, end = found
    after = text[end:].lstrip(" ,")
    parts = _BYLINE_PARTS.split(text[:start].strip())
    if after[:1] in ("•", "·"):
        parts += _BYLINE_PARTS.split(after.lstrip("•· "))[:1]
    for part in parts:
        part = _NAME_TAIL.sub("", _BY_PREFIX.sub("", part.strip(" ,:"))).strip(" ,")
        words = part.split()
        if not 2 <= len(words) <= 4 or not _NAME_LINE.fullmatch(part):
            continue
        lowered = {w.lower().strip(".,") for w in words}
        if lowered.isdisjoint(NOT_NAME) and lowered.isdisjoint(BOILERPLATE_WORDS):
            return part
    return None


def date_by_byline(content: list[Line], byline: str | None, language: str | None) -> str | None:
    """The date the byline's own line gives ("By Jane Doe | May 2, 2025"), else that of a
    date line right above or below it that does not say "updated" (an update's date gives way
    to the article's date near its headline): where the byline stands is the article's head,
    even when the headline found is another line."""
    if not byline:
        return None
    month_first = language in (None, "en")
    for position, line in enumerate(content):
        if line.words > 30 or byline not in line.text:
            continue
        if YEAR.search(line.text):
            found = parse_date(line.text, month_first)
            if found:
                return found
        near = [
            content[k] for k in (position + 1, position - 1, position + 2) if 0 <= k < len(content)
        ]
        for n in near:
            if n.date_line and not _UPDATED.search(n.text):
                found = parse_date(n.text, month_first)
                if found:
                    return found
        return None
    return None


#: Share of its words a headline and the page title must have in common (of each).
TITLE_AGREEMENT = 0.5
#: Above this agreement, a title found is the site's name in the page title.
SAME_TITLE = 0.8
#: How far down a dump the headline that agrees with its page title is looked for.
TITLE_REACH = 200


def _title_words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def title_agreement(a: str, b: str) -> float:
    """The share of words two titles have in common: the smaller of its shares of each.

    >>> title_agreement("Storm closes all schools", "Storm closes schools: live today")
    0.6
    """
    words, other = _title_words(a), _title_words(b)
    if not words or not other:
        return 0.0
    shared = len(words & other)
    return min(shared / len(words), shared / len(other))


#: What a converter writes before a list's item.
LIST_MARKS = ("* ", "- ", "+ ", "• ")


def named(text: str, site: str) -> bool:
    """Whether *text* is the site's name part (*site*) of a page title: mostly its words.

    >>> named("Cyber Security", " - Cyber Security"), named("USB tips", "")
    (True, False)
    """
    return bool(site) and title_agreement(text, site) >= SAME_TITLE


def page_title_headline(content: list[Line], title: str | None, body: list[str]) -> str | None:
    """A dump's headline by agreement with its page title (the dump's first line,
    "Headline | Site"), in one step for the title found under it (*title*):

    * it stands (the page title itself without its site) when it agrees with the page title;
    * else, when the first line names a site (else it may be a menu's line: the layout of a
      dump depends on its scraper) and is no list item, the first headline-like line that
      agrees with the page title's headline (3 to 30 words, no full stop, not a list's item,
      not in the body, no rule against it): the article's own headline, where the title
      found was a box's, an author's, the site's or another story's;
    * else the page title's headline itself: for the site's name, and for a *title* that
      shares a tenth of its words at most ("Meet The Team" under "10 of the best gym gear -
      Body Shop") when the page title is no line of the body, no Markdown heading nor
      boilerplate and the body (*body*, its paragraphs) says most of its words.
    """
    if len(content) < 2 or content[0].role == "body":
        return title  # no page title: the first line is the body's
    page_title = content[0].text.lstrip("# ")
    bare = without_site(page_title)
    head = bare if bare != page_title else headline_of_title(page_title) or page_title
    site = page_title[len(bare) :] if bare != page_title else ""
    title = _declared_title(content[0], title, body)
    named_site = bool(title and named(title, site))
    if (
        title
        and not named_site
        and max(title_agreement(title, page_title), title_agreement(title, head)) >= TITLE_AGREEMENT
    ):
        if title != page_title:
            return title
        # The page title itself, without its site, unless that leaves a line the rules
        # drop ("… Photo: Ann Lee" of "… Photo: Ann Lee — Site"), which the next reading
        # of the output would drop.
        return page_title if _dropped(bare) else bare
    if bare == page_title or content[0].text.startswith(LIST_MARKS):
        return title  # a first line that names no site, or a list's item
    body_lines = {line.text for line in content if line.role == "body"}
    for line in content[1:TITLE_REACH]:
        if line.hit is not None or line.byline or line.date_line or not 3 <= line.words <= 30:
            continue  # one a rule dropped, or no headline's length
        if line.text in body_lines:
            continue  # a line of the body, or its repeat
        text = line.text.lstrip("# ").strip()
        if text.endswith(".") or text.startswith(LIST_MARKS) or named(text, site):
            continue  # a sentence, a list's item, the site's name
        if title_agreement(text, page_title) >= SAME_TITLE:
            continue  # the page title again, site and all: a masthead
        if title_agreement(text, head) >= TITLE_AGREEMENT:
            return text
    return head if named_site and 3 <= len(head.split()) <= 30 else title  # never the site


def _declared_title(first: Line, title: str | None, body: list[str]) -> str | None:
    """The page title's headline (*first*: the dump's first line) for a *title* found that
    shares few of its words, when it names the site too and the body says most of them."""
    if title and title_agreement(title, first.text) > TITLE_AGREEMENT / 5:
        return title
    if first.keep or first.text.startswith("#") or (first.hit and first.hit.reason != "masthead"):
        return title  # a line of the body, a converter's Markdown heading, or boilerplate
    head = headline_of_title(first.text)
    if head == first.text or not 3 <= len(head.split()) <= 30 or head.endswith((".", ":", ",")):
        return title
    words = {w for w in _title_words(head) if len(w) >= 4}
    said = _title_words(" ".join(body)) & words
    return head if words and 2 * len(said) >= len(words) else title


def late_date(content: list[Line], language: str | None) -> str | None:
    """A date for an article whose headline, byline and region gave none: the first
    line of the dump that is only a date, or a short "Posted ..." line, that does not
    say "updated" (a page that shows its date far from its text: under a gallery, in a
    side column)."""
    month_first = language in (None, "en")
    for line in content:
        if line.words > 12 or not YEAR.search(line.text) or _UPDATED.search(line.text):
            continue
        if is_date_line(line.text) or _PUBLISHED.search(line.text):
            found = parse_date(line.text, month_first)
            if found:
                return found
    return None


def _dropped(text: str) -> bool:
    """Whether a rule drops *text* as a line of its own (a caption's credit, a menu). Its
    words are passed for the search rules' trigger words: without them every search rule
    is tried, and compiled, on every page (80 M instructions at start-up)."""
    return match_rule(text, len(text.split()), WORD.findall(text.lower())) is not None
