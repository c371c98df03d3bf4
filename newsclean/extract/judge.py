"""Tell the article from the boilerplate around it, line by line.

The steps, each in its own module:

1. :mod:`~newsclean.extract.features` — one cheap pass: per-line size,
   function-word density (:mod:`~newsclean.extract.languages`), sentence
   punctuation and the named line rules (:mod:`~newsclean.extract.rules`);
2. :mod:`~newsclean.extract.region` — the densest run of prose lines;
3. context smoothing (:mod:`~newsclean.extract.region` too) — short lines (subheads,
   list items) between prose are kept;
4. assembly — title, byline, date (:mod:`~newsclean.extract.textmeta`), dateline,
   captions, duplicates, paragraphs, and one :class:`~newsclean.document.Decision`
   per input line.

Every dropped line gets a :class:`~newsclean.document.Removal` with a reason code.
A text that is an article already, cleaned or an extractor's output
(:mod:`~newsclean.extract.cleanshape`), is taken as it is, so cleaning the cleaned text
again changes nothing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsclean.document import Decision, Document, Removal
from newsclean.extract.articlehead import climb_to_headline, head_above_meta
from newsclean.extract.cleanshape import article_already
from newsclean.extract.features import (
    Limits,
    Line,
    Reading,
    line_classes,
    line_features,
    page_lines,
    restore_classes,
)
from newsclean.extract.headline import (
    TITLE_OVERLAP,
    echoed_headline,
    normal,
    rewords_title,
    share,
    title_words,
)
from newsclean.extract.lexicon import CREDIT_LABELS
from newsclean.extract.metadata import (
    TITLE_PARTS,
    YEAR,
    after_trail,
    byline_names,
    parse_date,
    parse_dateline,
    site_from_copyright,
    site_from_title,
)
from newsclean.extract.region import (
    Weights,
    drop_out_of_context,
    extend_over_list,
    find_region,
    prose_around,
    recheck_context,
)
from newsclean.extract.rules import CAPTION_REASONS
from newsclean.extract.tail import trim_tail
from newsclean.extract.textmeta import date_by_byline, find_byline, find_date
from newsclean.extract.userrules import apply_user_rules
from newsclean.options import Options

if TYPE_CHECKING:  # pragma: no cover
    from newsclean.extract.html.dom import PageStructure

__all__ = [
    "Reading",
    "best_block",
    "extract",
    "extract_lines",
    "finish",
    "read_lines",
    "settings",
]

#: Class thresholds and region weights for each ``Options.favor``.
_SETTINGS = {
    "balanced": (Limits(), Weights()),
    "precision": (
        Limits(short_words=6, good_words=14, density_scale=1.12),
        Weights(near_factor=0.3, short_cost=4.0, bad_cost=8.0, rule_cost=10.0),
    ),
    "recall": (
        Limits(short_words=5, good_words=10, density_scale=0.85),
        Weights(near_factor=0.7, short_cost=2.0, bad_cost=4.0, rule_cost=6.0),
    ),
}

#: Words a line needs for its repetition to count as a duplicate (in a text dump; in an HTML page).
REPEAT_WORDS = 6
DOM_REPEAT_WORDS = 25
#: Share of the page title's words a line further up must hold to be taken for the headline.
TITLE_COVER = 0.5
#: How many lines before the region's start the headline is looked for.
TITLE_WINDOW = 25
#: Lines after the region's start where the byline or date under the headline is still looked for.
META_LEAD = 3


#: What parts a page title ("Headline | Topics | Site"), also a breadcrumb's "»".
_TITLE_PARTS = re.compile(TITLE_PARTS.pattern + r"|\s*»\s*")
#: The separators of a breadcrumb trail.
_CRUMBS = re.compile(r"\s+[/>»›|]\s+|\s*[»›]\s*")


def settings(favor: str) -> tuple[Limits, Weights]:
    """The class limits and region weights for a ``favor`` setting.

    >>> settings("precision")[0].density_scale > settings("recall")[0].density_scale
    True
    """
    return _SETTINGS[favor]


def extract(text: str, options: Options, line_model=None) -> Document:
    """Build a :class:`Document` from repaired plain text; a *line_model*
    (:class:`~newsclean.extract.linemodel.LineModel`) judges the lines after the rules."""
    return extract_lines(text.split("\n"), options, line_model=line_model)


def extract_lines(
    raw_lines: list[str],
    options: Options,
    dom: PageStructure | None = None,
    line_model=None,
    rules_body: list[str] | None = None,
    whole_page: bool = False,
    read: list[Line] | None = None,
) -> Document:
    """Build a :class:`Document` from the lines of a page.

    With *dom* (the lines came from an HTML page), the markup finds the article
    region and marks the lines of navigation, share widgets, captions and the like;
    otherwise the region is the densest run of prose lines, or with *whole_page* the
    whole dump (a page that is no article: a forum, a shop, a listing, a service
    page, a manual). A *rules_body* list receives the body lines the rules kept,
    before a model changes them, and a *read* list the non-blank lines with their
    features (the page type reads them). The steps, for a caller that reads between
    them: :func:`read_lines`, then :func:`finish`.
    """
    reading = read_lines(raw_lines, options, dom, whole_page=whole_page, read=read)
    if isinstance(reading, Document):
        return reading
    if rules_body is not None:
        rules_body[:] = reading.body()
    return finish(reading, dom, line_model)


def read_lines(
    raw_lines: list[str],
    options: Options,
    dom: PageStructure | None = None,
    previous: Reading | None = None,
    whole_page: bool = False,
    read: list[Line] | None = None,
) -> Reading | Document:
    """The rules' reading of a page's lines (the first step of :func:`extract_lines`); a
    text that is an article already (:func:`~newsclean.extract.cleanshape.article_already`)
    gives its document. The lines of a *previous* reading of the same lines with the same
    link flags are used again."""
    limits, weights = settings(options.favor)
    links = dom.link_lines() if dom is not None else None
    if previous is not None and previous.links == links:
        lines, language, classes = previous.lines, previous.language, previous.classes
        restore_classes(lines, classes)
    else:
        lines, language = page_lines(raw_lines, limits, links)
        classes = line_classes(lines)
    forced_keep = apply_user_rules(lines, options.rules)
    content = [line for line in lines if line.text]  # (not line.blank, without the property)
    if read is not None:
        read[:] = content
    why = article_already(lines, content, _title_like) if dom is None else None
    if why is not None:
        return _keep_clean(lines, content, language, why)
    if dom is not None:
        start, end = dom.region(content, weights, forced_keep)
    else:
        start, end = find_region(content, weights)
        end = extend_over_list(content, end) if end >= 0 else end
    fallback = end < 0
    if fallback:
        start = end = best_block(content)
    if dom is not None and dom.title_at >= 0 and not fallback:
        title_at = dom.title_at
    elif end < 0:
        title_at = -1
    else:
        title_at = _find_title(content, start, include_start=not fallback, dump=dom is None)
        if dom is None and not fallback and not _says_title(content, title_at):
            title_at = echoed_headline(content, start, end, title_at, _title_like)
    if whole_page and not fallback:
        # The headline is found by the prose under it, as on an article; the rest of the
        # dump is the region.
        start, end = (title_at + 1 if title_at >= 0 else 0), len(content) - 1
    elif title_at >= 0 and title_at >= start:
        start = title_at + 1
        end = max(end, start)
    body_lo = _judge(content, start, end, title_at, forced_keep, lead=dom is None)
    return Reading(
        lines, content, language, start, end, title_at, body_lo, fallback, links, classes,
        whole=whole_page and not fallback,
    )  # fmt: skip


def finish(reading: Reading, dom: PageStructure | None = None, line_model=None) -> Document:
    """The model's verdict (``dom.model`` for an HTML page, else *line_model*), the
    article's end, and the assembly of the :class:`Document` (the second step of
    :func:`extract_lines`)."""
    content, start, end = reading.content, reading.start, reading.end
    if not reading.fallback:
        if dom is not None and dom.model is not None:
            dom.model.apply(content, start, end, dom, reading.language)
        elif dom is None and line_model is not None:
            line_model.apply(content, start, end, reading.language, whole=reading.whole)
        trim_tail(content, dump=dom is None, article=not reading.whole)
    document = _assemble(
        reading.lines,
        content,
        start,
        end,
        reading.title_at,
        reading.language,
        # In HTML, lines that repeat inside the article are usually meant (a table's rows, a
        # chorus): only a repeated paragraph is a duplicate, and on a manual none.
        repeat_words=REPEAT_WORDS if dom is None else dom.repeat_words(DOM_REPEAT_WORDS),
        body_lo=reading.body_lo,
    )
    if dom is None:
        document.site_name = _find_site(content, reading.title_at)
    return document


# ----------------------------------------------------------------------------- steps
def best_block(content: list[Line]) -> int:
    """Position of the longest line that no rule rejected (the fallback body), or -1."""
    best, best_words = -1, 2
    for position, line in enumerate(content):
        if line.hit is None and not line.byline and not line.date_line and line.words > best_words:
            best, best_words = position, line.words
    return best


def _keep_clean(lines: list[Line], content: list[Line], language: str | None, why: str) -> Document:
    """The document of a text that is an article already (:mod:`~newsclean.extract.cleanshape`,
    *why*): a title-like first line is the headline, every other line a paragraph (it was
    deduplicated already)."""
    title_at = 0 if _title_like(content[0]) else -1
    for position, line in enumerate(content):
        if position == title_at:
            line.judge(True, "title", "title", "headline", "first line of a cleaned article")
        else:
            line.judge(
                True,
                "body",
                rule="clean-shape",
                evidence=f"{line.why}; {why}",
            )
    return _assemble(lines, content, 0, len(content) - 1, title_at, language, dedupe=False)


def _title_like(line: Line, max_words: int = 40, period: bool = False) -> bool:
    """Whether a line can be a headline: no boilerplate signal, 3 to *max_words* words,
    not ending like a sentence (with *period*, a full stop is allowed), a list intro or
    a cut-off teaser, not a link or a tag, not a "By NAME DATE" line, not a short line
    with a date (a category and date line), not a credit ("Chart: ...", "Source: ...")."""
    if line.hit is not None or line.byline or line.date_line or not (3 <= line.words <= max_words):
        return False
    text = line.text
    ends = (":", "…", "。", ",") if period else (":", "…", ".", "。", ",")
    if text.endswith(ends) or text.startswith(("http", "@", "#", "* ", "+ ", "• ")):
        return False
    if YEAR.search(text) and (
        byline_names(text) or (line.words <= 12 and parse_date(text) is not None)
    ):
        return False
    label, colon, _ = text.partition(":")
    if colon and label.strip().lower() in CREDIT_LABELS:
        return False
    return not _rejected_link(line)


def _rejected_link(line: Line) -> bool:
    """Whether *line* is link text that the rules would reject: they skip such lines, and
    a headline is none that they reject ("Skip to content")."""
    if not line.link:
        return False
    judged = line_features(line.number, line.raw, None, Limits())
    return judged.hit is not None or bool(judged.byline or judged.date_line)


def _find_title(
    content: list[Line], start: int, include_start: bool = True, dump: bool = True
) -> int:
    """Position of the headline: the title-like line before the body that best matches the page title.

    Candidates are the lines just before the region (and its first line when
    that does not read like a sentence), back to the nearest "related" header:
    lines after such a header are teasers of other stories. The page's first
    line is usually the HTML title ("Headline | Site"): the candidate sharing
    most of its words wins; otherwise the nearest title-like line, else the
    first line of the page itself when it looks like a headline. In a text *dump*
    (not an HTML page), a weak match gives way to a line that says the page title,
    and with no match the headline is a Markdown heading, the end of a breadcrumb
    or the line a byline or date stands under (near the region, else anywhere above it:
    a long table of contents can stand between the article's head and the region),
    before the nearest title-like line.
    """
    first = title_words(content[0].text) if content else set()
    best, best_score, nearest = -1, 0.0, -1
    low = max(0, start - TITLE_WINDOW)
    high = start
    if (
        include_start
        and start < len(content)
        and (not content[start].ends_sentence or _asks(content[start]))
        and content[start].words <= 30
    ):
        high = start + 1
    for position in range(high - 1, low - 1, -1):
        hit = content[position].hit
        if hit is not None and hit.reason == "related":
            # Lines between a "related stories" header and the body are teasers.
            high = position
            break
    for position in range(high - 1, low - 1, -1):
        line = content[position]
        if not _title_like(line, period=True):
            continue
        if position > 0:
            # Most of its words in the page title, and most of the page title's in it.
            tokens = title_words(line.text)
            overlap = share(tokens, first)
            score = overlap + share(first, tokens)
            if overlap >= TITLE_OVERLAP and score > best_score:
                best, best_score = position, score
        if nearest == -1 and line.words <= 30 and not line.text.endswith("."):
            nearest = position
    if best < 0 or (dump and not _repeats_title(content, best, first)):
        # The page title said again: as the region's first line (a question ends like a
        # sentence), or further up (the region started late).
        if dump and include_start and start:
            for position in range(start, min(len(content), start + META_LEAD)):
                if content[position].words <= 30 and _repeats_title(content, position, first):
                    return position
        # The line above the body that says the page title best, the nearest of equals
        # (also past a "related" header that is a menu's).
        said, said_score = -1, 0.0
        for position in range(start - 1, 0, -1):
            if _repeats_title(content, position, first):
                tokens = title_words(content[position].text)
                score = share(tokens, first) + share(first, tokens)
                if score > said_score:
                    said, said_score = position, score
        if said >= 0:
            return said
    if best >= 0 and dump and not _says_title(content, best, first):
        # A weak match (the site's name, a section's) gives way to the line a byline or a
        # date stands under.
        anchored = _above_meta(content, low, min(len(content), start + META_LEAD))
        if anchored >= 0:
            return anchored
    if best >= 0 or not dump:
        return best if best >= 0 else _nearest_or_head(content, start, nearest)
    return _untitled_headline(content, start, first, low, high, nearest)


def _untitled_headline(
    content: list[Line], start: int, first: set[str], low: int, high: int, nearest: int
) -> int:
    """The headline of a dump whose first line (*first*, its words) matched no line
    (:func:`_find_title`); *low* and *high* bound the lines it looks at first, *nearest*
    is the title-like line nearest the body."""
    heading = _marked_heading(content, min(len(content), start + 2), first, low, high)
    if heading >= 0:
        return heading
    anchored = _above_meta(content, low, min(len(content), start + META_LEAD))
    if anchored < 0 and low > 1:
        anchored = _above_meta(content, 1, low + 1)
    if anchored >= 0:
        return anchored
    head = _nearest_or_head(content, start, nearest)
    return climb_to_headline(content, head, low, _title_like) if head > 0 else head


#: Most words of a question or an aside that can be a headline ("Do I Need Travel Insurance?").
ASKING_WORDS = 14


def _asks(line: Line) -> bool:
    """Whether a line ends like a headline that asks or adds an aside, "?" or ")", in one
    clause of at most :data:`ASKING_WORDS` words (no full stop inside)."""
    text = line.text
    return text.endswith(("?", ")")) and line.words <= ASKING_WORDS and ". " not in text


def _nearest_or_head(content: list[Line], start: int, nearest: int) -> int:
    """The nearest title-like line when close to the body, else the page's first line
    when it reads like a headline, else -1."""
    if nearest >= 0 and start - nearest <= 6:
        return nearest
    head = content[0] if content else None
    if head is not None and start > 0 and _title_like(head, max_words=30):
        return 0
    # Else a short page title said again above the body ("Backup Strategy"; not one word,
    # a byline, a date, nor one a rule rejects: the headline, first in the text kept, must stay one).
    if head is None or head.words < 2 or head.hit or head.byline or head.date_line:
        return -1
    if _rejected_link(head):
        return -1
    return next((p for p in range(start - 1, 0, -1) if content[p].text == head.text), -1)


def _top_heading(content: list[Line], high: int) -> int:
    """Position of the last Markdown top-level heading ("# Headline") before *high*, or -1.

    A converter that writes Markdown (html2text) marks the page's ``<h1>`` so; the marks
    stay when the dump has too few of them to be taken off.
    """
    for position in range(high - 1, -1, -1):
        line = content[position]
        if (
            line.text.startswith("# ")
            and line.hit is None
            and not (line.byline or line.date_line)
            and 2 <= line.words <= 40
        ):
            return position
    return -1


def _marked_heading(content: list[Line], end: int, first: set[str], low: int, high: int) -> int:
    """The last Markdown top-level heading before *end*, else the headline a breadcrumb ends
    with, else the line from *low* to *high* that rewords the page title (*first*, its words;
    a line with a full stop is no headline)."""
    heading = _top_heading(content, end)
    if heading < 0:
        heading = _under_breadcrumb(content, end)
    return heading if heading >= 0 else rewords_title(content, first, low, high, _title_like)


def _under_breadcrumb(content: list[Line], high: int) -> int:
    """Position of the headline that a breadcrumb ends with ("Home / Reviews / Best EVs"
    above "Best EVs"), the nearest before *high*, or -1."""
    for position in range(high - 1, 0, -1):
        line = content[position]
        if not _title_like(line, period=True):
            continue
        for above in content[max(0, position - 2) : position]:
            parts = _CRUMBS.split(above.text)
            if len(parts) >= 3 and normal(parts[-1]) == normal(line.text):
                return position
    return -1


def _says_title(content: list[Line], position: int, first: set[str] | None = None) -> bool:
    """Whether the line at *position*, after the first, repeats the page title (*first*: its
    words) or one of its parts but the last, the site's ("Headline | Topics | Site")."""
    if position <= 0:
        return False
    if _repeats_title(content, position, title_words(content[0].text) if first is None else first):
        return True
    tokens = title_words(content[position].text)
    for part in _TITLE_PARTS.split(content[0].text)[:-1]:
        words = title_words(part)
        if (
            len(words) >= 2
            and share(tokens, words) >= TITLE_OVERLAP
            and share(words, tokens) >= TITLE_COVER
        ):
            return True
    return False


def _repeats_title(content: list[Line], position: int, first: set[str]) -> bool:
    """Whether the line at *position* reads like a headline that says most of the page's
    title (its first line) in words mostly from it."""
    line = content[position]
    if not _title_like(line, period=True):
        return False
    tokens = title_words(line.text)  # (and *first* those of the first line)
    return share(tokens, first) >= TITLE_OVERLAP and share(first, tokens) >= TITLE_COVER


def _above_meta(content: list[Line], low: int, high: int) -> int:
    """Position of the headline that a byline or date line stands under, or -1
    (:func:`~newsclean.extract.articlehead.head_above_meta`)."""
    return head_above_meta(content, low, high, _title_like)


def _judge(
    content: list[Line], start: int, end: int, title_at: int, forced: set[int], lead: bool = True
) -> int:
    """Give every non-blank line its verdict: body, title, metadata or a removal reason.

    With *lead*, prose between the headline and the region belongs to the article
    (in plain text the region can start late; in HTML the article's element bounds it).
    Returns the position where the article's body starts.
    """
    body_lo = start
    if lead and 0 <= title_at < start:
        for position in range(title_at + 1, start):
            if content[position].cls in ("good", "near"):
                body_lo = min(body_lo, position)
                break
    around: tuple[list[bool], list[bool]] | None = None  # (made when first needed)
    for position, line in enumerate(content):
        inside = body_lo <= position <= end
        if line.number in forced:
            line.judge(True, "body", rule="user-rule", evidence=line.why)
        elif position == title_at:
            line.judge(True, "title", "title", "headline", "title-like line before the body")
        elif line.hit is not None:
            role = "caption" if line.hit.reason in CAPTION_REASONS else "boilerplate"
            line.judge(False, role, line.hit.reason, line.hit.rule, line.hit.evidence)
        elif line.byline:
            line.judge(False, "byline", "byline", "byline", "author or agency line")
        elif line.date_line:
            line.judge(False, "date", "date", "date-line", "a date alone")
        elif not inside:
            if position == 0 < body_lo:  # (the headline, when it is line 0, was judged above)
                line.judge(
                    False,
                    "boilerplate",
                    "masthead",
                    "masthead",
                    "first line, above the headline",
                )
            else:
                where = "before" if position < body_lo else "after"
                line.judge(
                    False,
                    "boilerplate",
                    "outside-article",
                    "region",
                    f"{where} the article region; {line.why}",
                )
        elif line.cls in ("good", "near"):
            line.judge(True, "body", evidence=line.why)
        else:
            # Short or low-density lines inside the article: kept between prose (subheads, list items).
            if around is None:
                around = prose_around(content, body_lo, end)
            if around[0][position - body_lo] and around[1][position - body_lo]:
                line.judge(True, "body", evidence=f"{line.why}; between prose lines")
            else:
                drop_out_of_context(line)
    return body_lo


def _drop_repeats(content: list[Line], title_key: str, repeat_words: int) -> bool:
    """Drop the body lines that repeat: a paragraph kept twice (a summary repeated as the
    lead, a pull quote) keeps its later place; a repeat of the headline goes. Whether
    any was dropped."""
    seen: dict[str, Line] = {}
    dropped = False
    for line in content:
        if not line.keep or line.role != "body":
            continue
        key = " ".join(line.tokens) if line.tokens is not None else normal(line.text)
        if title_key and key == title_key:
            line.judge(False, "boilerplate", "duplicate", "duplicate", "repeats the headline")
            dropped = True
            continue
        earlier = seen.get(key)
        if earlier is not None and line.words >= repeat_words:
            earlier.judge(
                False, "boilerplate", "duplicate", "duplicate", f"repeated at line {line.number}"
            )
            dropped = True
        seen[key] = line
    return dropped


def _assemble(
    lines: list[Line],
    content: list[Line],
    start: int,
    end: int,
    title_at: int,
    language: str | None,
    repeat_words: int = REPEAT_WORDS,
    dedupe: bool = True,
    body_lo: int | None = None,
) -> Document:
    document = Document(language=language)
    if title_at >= 0:
        document.title = after_trail(content[title_at].text.removeprefix("# ").strip())

    title_key = normal(document.title)
    # (a line the line model dropped that repeats a kept one is a duplicate too)
    repeated = dedupe and _drop_repeats(content, title_key, repeat_words)
    if body_lo is not None and (
        repeated or any(line.reason == "duplicate" and not line.keep for line in content)
    ):
        recheck_context(content, body_lo, end)

    body = [line for line in content if line.keep and line.role == "body"]
    if not body and start <= end and end >= 0:
        # Never an empty body for a page with prose: the best block, if it is not the headline.
        fallback = best_block(content)
        if fallback >= 0 and fallback != title_at and normal(content[fallback].text) != title_key:
            content[fallback].judge(True, "body", evidence="best block (fallback)")
            body = [content[fallback]]

    first_body = body[0].number if body else 0
    last_body = body[-1].number if body else 0
    lo_number = content[title_at].number if title_at >= 0 else first_body
    document.byline = find_byline(content, lo_number, first_body, last_body)
    document.date = date_by_byline(content, document.byline, language) or find_date(
        content, lo_number, first_body, last_body, language
    )
    for line in body[:2]:
        place = parse_dateline(line.text)
        if place:
            document.dateline = place
            break

    for line in content:
        if line.role == "caption":
            document.captions.append(line.text)
    document.paragraphs = [line.text for line in body]
    document.decisions[:] = [
        Decision(line.number, line.raw, False, "blank")
        if not line.text
        else Decision(
            line.number, line.raw, line.keep, line.role, line.reason, line.rule, line.evidence
        )
        for line in lines
    ]
    document.removed[:] = [
        Removal(line.number, line.text, line.reason, line.rule, line.evidence)
        for line in content
        if not line.keep
    ]
    return document


def _find_site(content: list[Line], title_at: int) -> str | None:
    """The site's name: what the page's first line (its ``<title>``) adds to the headline
    below it ("Headline | Site"), else the owner of a copyright line."""
    if title_at > 0:
        headline = content[title_at].text
        if share(title_words(headline), title_words(content[0].text)) >= TITLE_OVERLAP:
            name = site_from_title(content[0].text, headline)
            if name:
                return name
    for line in content:
        if line.hit is not None and line.hit.rule == "copyright":
            name = site_from_copyright(line.text)
            if name:
                return name
    return None
