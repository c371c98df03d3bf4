"""The end of an article: author bios, print notes, prompts and teasers left after the last paragraph.

What follows a story's last paragraph inside its own element often reads like
prose: "Jane Doe is a reporter covering health for The Courier.", "A version of
this article appears in print on …", "Sign up for our morning briefing …",
"Read more: Council delays vote on bridge repairs". The region keeps such lines,
as they sit in the article's flow; the line rules cannot drop them everywhere, as
the same words can open a paragraph in the middle of a story ("Smith, who is a
reporter at the Post, said …").

:func:`trim_tail` walks back from the last kept paragraph and drops, each with
its reason code, the lines that read as the end matter of a page, until the first
line that does not; at most :data:`MAX_TAIL` of them, and never the article's
first :data:`KEEP_AT_LEAST` paragraphs.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsclean.extract.languages import WORD
from newsclean.extract.lexicon import CAPITAL

if TYPE_CHECKING:  # pragma: no cover
    from newsclean.extract.features import Line

#: At most this many lines are dropped from an article's end.
MAX_TAIL = 6
#: Paragraphs an article keeps whatever its end looks like.
KEEP_AT_LEAST = 2
#: Longest line (in words) read as end matter.
MAX_WORDS = 80

_JOBS = (
    r"reporter|correspondent|writer|editor|columnist|journalist|contributor|producer|critic"
    r"|photographer|photojournalist|author|freelancer|intern|host|anchor|reporting fellow"
)
_NAME = rf"(?!(?:The|This|That|These|Our|An?|It|He|She|They|We|Its|Their)\b)[{CAPITAL}][\w'’.-]+(?: (?:de|da|van|von|der|di|del|la|le|bin|al) )?(?: [{CAPITAL}][\w'’.-]+){{0,3}}"

#: (rule, reason, pattern): what ends an article but is no part of it.
TAIL_PATTERNS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    (
        "author-bio",
        "bio",
        re.compile(
            rf"(?:{_NAME}) (?:is|was|has been|covers|writes|reports)\b[^.!?]{{0,120}}?\b(?:{_JOBS}|covers|covering|writes about|reports on)\b"
            rf"|about the author\b|(?:follow|contact|email|reach|find) (?:him|her|them|me|the author|[{CAPITAL}][\w'’-]+)"
            r" (?:on|at|via) (?:twitter|x|instagram|facebook|bluesky|threads|linkedin|@|\S+@)"
        ),
    ),
    (
        "print-note",
        "print-note",
        re.compile(
            r"a version of this (?:article|story|review|column|essay|interview) (?:appears|appeared|was published) in print"
            r"|(?:this|the) (?:article|story) (?:appears|appeared|was published) in (?:the )?[\w ]{0,40}(?:print edition|print issue|magazine|issue of)"
            r"|(?:this|the) (?:article|story) (?:was|has been) (?:updated|amended|corrected) (?:to|on|since)"
            r"|(?:an earlier|a previous) version of this (?:article|story)",
            re.IGNORECASE,
        ),
    ),
    (
        "newsletter-prompt",
        "newsletter",
        re.compile(
            r"(?:sign up|subscribe|register)\b[^.]{0,80}\b(?:newsletter|briefing|digest|bulletin|emails?|inbox|alerts?)"
            r"|(?:get|receive) (?:our|the) [^.]{0,60}(?:newsletter|briefing|digest) "
            r"|(?:support|subscribe to) (?:our|independent|local) (?:journalism|reporting)"
            r"|(?:become|already) a (?:subscriber|member)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "story-teaser",
        "related",
        re.compile(
            r"(?:read more|read also|also read|related|more from|more on|see also|watch|listen|recommended|next|previously|further reading)"
            r"\s*(?::|»|>|›|—|–|\|)\s*\S",
            re.IGNORECASE,
        ),
    ),
)


def tail_hit(text: str) -> tuple[str, str] | None:
    """``(rule, reason)`` when *text* reads as the end matter of an article, else None.

    >>> tail_hit("Jane Doe is a health reporter for The Courier.")
    ('author-bio', 'bio')
    >>> tail_hit("A version of this article appears in print on May 3, 2024, Section A, Page 1.")
    ('print-note', 'print-note')
    >>> tail_hit("Read more: Council delays vote on bridge repairs")
    ('story-teaser', 'related')
    >>> tail_hit("The council is a partner of the writers' guild, the mayor said.") is None
    True
    """
    for rule, reason, pattern in TAIL_PATTERNS:
        if pattern.match(text):
            return rule, reason
    return None


#: A heading that introduces the author or the publisher after a story, in a few languages:
#: "About Jane Doe", "Sobre Carlos Nadalim", "Über Moritz Bachmann", "À propos de …".
ABOUT_HEADING = re.compile(
    rf"(?i:about|sobre|über|uber|à propos de|a propos de|acerca de|informazioni su|over|om) (?:{_NAME})$",
)
#: Lines under an "About NAME" heading read as its bio.
BIO_LINES = 3
#: A note of when the story was published or updated, left under it: "First published on
#: November 19, 2019 / 8:16 AM", "Updated: 20 Nov 2019 13:38".
PUBLISHED_NOTE = re.compile(
    r"(?:first |originally |last )?(?:published|posted|updated)(?: on| at)?:? ?[^\n]{0,25}\d",
    re.IGNORECASE,
)
#: Longest published note, in words.
NOTE_WORDS = 12


def trim_tail(content: list[Line], dump: bool = False, article: bool = True) -> int:
    """Drop the end matter after an article's last paragraph (see the module); the lines
    dropped. In a text *dump* (no markup bounds the story) also a closing "About NAME"
    section (:data:`ABOUT_HEADING`) and a published note (:data:`PUBLISHED_NOTE`), and
    when it is read as an *article*, a copy of it (:func:`drop_copies`: a manual's or a
    shop's text repeats itself for a reason)."""
    body = [line for line in content if line.keep and line.role == "body"]
    dropped = _drop_about(content, body) if dump else 0
    if dump and article:
        dropped += drop_copies(body)
    for line in reversed(body[KEEP_AT_LEAST:]):
        if not line.keep:
            continue
        if dropped >= MAX_TAIL or line.words > MAX_WORDS:
            break
        found = tail_hit(line.text)
        if found is None and dump and line.words <= NOTE_WORDS and PUBLISHED_NOTE.match(line.text):
            found = "published-note", "date"
        if found is None:
            break
        rule, reason = found
        line.judge(False, "boilerplate", reason, rule, "after the article's last paragraph")
        dropped += 1
    return dropped


#: A kept line of at least this many words that only says again what other kept lines say
#: (the article's text once more in one block, as a page's data for search engines holds
#: it) is a copy.
COPY_WORDS = 100
#: ... when this share of its runs of COPY_RUN words stand in at least COPY_LINES other
#: kept lines.
COPY_SHARE = 0.8
COPY_RUN = 5
COPY_LINES = 3


def drop_copies(body: list[Line]) -> int:
    """Drop the long kept lines of a dump that repeat several of the other kept lines
    (:data:`COPY_WORDS`, :data:`COPY_SHARE`): the article given again as one block (the
    lines dropped). Exact repeats are left to the duplicate step."""
    if not any(line.words >= COPY_WORDS for line in body):
        return 0
    runs = []
    for line in body:
        words = line.tokens if line.tokens is not None else WORD.findall(line.text.lower())
        # (each run of COPY_RUN words, as tuples zip makes in C: words[k : k + COPY_RUN])
        runs.append(set(zip(*(words[k:] for k in range(COPY_RUN)))))
    dropped = 0
    for at, line in enumerate(body):
        own = runs[at]
        if line.words < COPY_WORDS or not own:
            continue
        found, sources = set(), 0
        for other, theirs in enumerate(runs):
            shared = own & theirs
            if other != at and body[other].keep and shared and theirs != own:
                found |= shared
                sources += 1
        if sources >= COPY_LINES and len(found) >= COPY_SHARE * len(own):
            line.judge(
                False,
                "boilerplate",
                "duplicate",
                "copy",
                f"repeats {sources} other paragraphs of the article",
            )
            dropped += 1
    return dropped


def _drop_about(content: list[Line], body: list[Line]) -> int:
    """Drop an "About NAME" heading among the last lines of a dump and the bio under it
    (at most :data:`BIO_LINES` kept lines to the end); the lines dropped.

    The heading may have been dropped already (a short line), so it is looked for among
    all the lines after the article's first :data:`KEEP_AT_LEAST` paragraphs."""
    if len(body) <= KEEP_AT_LEAST:
        return 0
    # (by identity: list.index would compare the lines before it field by field)
    target = body[KEEP_AT_LEAST]
    first = next(at for at, line in enumerate(content) if line is target)
    tail = content[first:]
    for at in range(len(tail) - 1, -1, -1):
        line = tail[at]
        if line.words > 6 or line.ends_sentence or not ABOUT_HEADING.match(line.text):
            continue
        after = [other for other in tail[at + 1 :] if other.keep and other.role == "body"]
        if not after or len(after) > BIO_LINES:
            return 0
        for other in [line, *after] if line.keep else after:
            other.judge(
                False,
                "boilerplate",
                "bio",
                "about-heading",
                'under an "About" heading after the article',
            )
        return len(after) + line.keep
    return 0
