"""Dumps in other layouts: lines a converter wrapped, and Markdown marks.

:func:`normalize` undoes both before the lines are judged; the line numbers of the
input are kept (:func:`unwrap` says where each joined line began).

**Wrapped lines.** Tools such as lynx, w3m, html2text or ``fmt`` wrap each paragraph at a fixed width
(72, 78 or 80 columns): a sentence then spans three or four short lines, none of
which reads as prose to the line rules. A dump is taken as wrapped at width *W*
when nearly every line that has a space fits in *W* characters and many lines end
near *W* with text going on below. A line is then joined to the next one when the
next line's first word would not have fitted after it (the converter broke the line
there), unless the next line starts a list item, a heading or a quote.

Text that is not wrapped (a line per paragraph, as most scrapers write) has lines
of every length and is left as it is. The sign that tells wrapped prose from a list
of short items is a sentence going on in lower case on the next line, so text in a
script without case (Arabic, Hebrew, Thai) is not unwrapped, and a short German text,
whose lines often go on with a capitalised noun, may need a few more paragraphs than an
English one before it is recognised as wrapped.

**Wrapped CJK text.** lynx and w3m break Chinese and Japanese anywhere, and w3m breaks
Korean inside words too; lynx counts the width in characters, w3m in columns (a wide
character is two). Such a dump is wrapped when its lines of CJK text that go on in CJK
on the next line end at one edge, mid-sentence (:func:`cjk_edge`); they are joined
without a space (Korean with one after a word's ending).

**Markdown.** Converters such as html2text write headings as ``# Title``, bold as
``**word**`` and italics as ``_word_``. When a dump has at least :data:`MIN_MARKS`
such marks, headings and bold both, or :data:`MIN_HEADINGS` sub-headings, heading hashes
and emphasis marks are taken off (list bullets stay: they say the line is a list item),
except the ``# `` of a top-level heading: it marks the page's ``<h1>``, which the
headline search looks for; it is taken off the body by :func:`unmark_paragraphs`. A
heading that reads as code (a shell comment with ``=`` or brackets) and marks with
nothing inside (``(**)``) stay as they are. Before the lines are unwrapped, such a
dump's blocks are written as a scraper of the page's text writes them
(:func:`unblock`): a table's rows with their cells apart by spaces and without the rule
under the header, quotes without their ``>`` marks (a quoted post, wrapped, is then
joined as a paragraph), and no backslash before a character Markdown would read as a
mark (``1\\.``).
"""

from __future__ import annotations

import re
from functools import cache
from itertools import accumulate, compress, pairwise

from newsclean.extract.languages import KOREAN_ENDINGS, beyond_kana_start

#: Widths a dump can be wrapped at.
MIN_WIDTH = 40
MAX_WIDTH = 160
#: The width is an edge: many lines end in the BAND characters up to it, and fewer
#: than EDGE times as many in the BAND characters past it (unbreakable words, tables
#: and headings some converters do not wrap go past it).
BAND = 10
EDGE = 0.25
#: A dump is wrapped when at least this many lines, and this share of the lines ending
#: near the width, were broken there with the sentence going on in lower case; and
#: when no more than OVER_SHARE of its lines with a space are longer than the width.
MIN_BROKEN = 2
GOES_ON_SHARE = 0.2
OVER_SHARE = 0.1
#: A line "ends near the width" within this many characters of it.
NEAR = 25

_STARTS_BLOCK = re.compile(r"\s*(?:[*+•·>|#-]\s|\d{1,3}[.)]\s|#{1,6}\S)")
_BLOCK_FIRST = frozenset("*+•·>|#-0123456789")


def wrap_width(lines: list[str]) -> int:
    """The width *lines* were wrapped at, or 0 when they do not look wrapped."""
    size = MAX_WIDTH + BAND + 2
    spaced = [0] * size  # lines with a space, by length
    going = [0] * size  # the same, followed by a line that goes on in lower case
    # (a line with a space inside is not empty: only those are looked at one by one; not a
    # list item or a heading either, which a converter may leave whole: html2text's links)
    inside = [
        " " in text and not (text[0] in _BLOCK_FIRST and _STARTS_BLOCK.match(text))
        for text in map(str.strip, lines)
    ]
    # (whether the next line goes on in lower case: with fewer than MIN_BROKEN such lines,
    # as in most dumps, no width can have them)
    lower_next = [line.lstrip()[:1].islower() for line in lines[1:]] + [False]
    if sum(compress(lower_next, inside)) < MIN_BROKEN:
        return 0
    for i in compress(range(len(lines)), inside):
        length = min(len(lines[i].rstrip()), size - 1)
        spaced[length] += 1
        going[length] += lower_next[i]
    total = sum(spaced)
    # Counts in a band of lengths, as differences of running sums.
    spaced_upto = list(accumulate(spaced, initial=0))
    going_upto = list(accumulate(going, initial=0))
    best, width = 0, 0
    for edge in range(MIN_WIDTH, MAX_WIDTH + 1):
        below = going_upto[edge + 1] - going_upto[edge - BAND + 1]
        above = spaced_upto[edge + BAND + 1] - spaced_upto[edge + 1]
        if below > best and above <= EDGE * (spaced_upto[edge + 1] - spaced_upto[edge - BAND + 1]):
            best, width = below, edge
    if best < MIN_BROKEN:
        return 0
    # The band's edge may fall a character or two short of the longest lines it holds.
    for _ in range(BAND):
        if spaced[width + 1] < EDGE * spaced[width] or not spaced[width + 1]:
            break
        width += 1
    if total - sum(spaced[: width + 1]) > OVER_SHARE * total:
        return 0
    # Prose broken mid-sentence goes on in lower case (menus, titles and lists do not).
    goes_on = sum(
        _broken(line, following, width) and following.lstrip()[:1].islower()
        for line, following in pairwise(lines)
    )
    return width if goes_on >= max(MIN_BROKEN, GOES_ON_SHARE * best) else 0


def _broken(line: str, following: str, width: int) -> bool:
    """Whether the converter broke *line* at *width* before *following*."""
    text, after = line.rstrip(), following.strip()
    if not text or not after or len(text) > width or _STARTS_BLOCK.match(following):
        return False
    return len(text) + 1 + len(after.split(maxsplit=1)[0]) > width and len(text) > width - NEAR


#: Chinese, Japanese and Korean wrapped: a line up to this many characters (or columns)
#: short of the edge was broken there (a converter keeps a closing mark off a line's start).
CJK_SLACK = 3
#: The marks that end a CJK sentence (or close a quote around one).
_CJK_ENDS = frozenset("。！？」』）．.!?")
#: The syllables that end a Korean word ("했", the past tense, has its ending after it).
_KOREAN_WORD_END = KOREAN_ENDINGS - {"했"}


@cache
def _wide() -> re.Pattern[str]:
    """The characters a terminal shows two columns wide: Hangul, CJK punctuation, kana,
    Han, and the fullwidth forms (compiled on first use: its ranges compile slowly)."""
    return re.compile(
        "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
        "\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
    )


def cjk_edge(lines: list[str]) -> tuple[int, int]:
    """How *lines* wrapped their Chinese, Japanese or Korean text: ``(columns, edge)``,
    the edge in characters (*columns* 0: lynx counts so) or in terminal columns (1: a
    wide character is two, as w3m counts); ``(0, 0)`` when they are not wrapped.

    Such text has no spaces to break at, so a converter breaks it anywhere, and no lower
    case to say a sentence goes on (:func:`wrap_width`). What tells a wrapped dump is its
    lines of CJK text followed by more of it: nearly all of those that are not short end
    within :data:`CJK_SLACK` of the longest (a dump that is not wrapped has them of every
    length, one per paragraph or ``<br>``).

    >>> cjk_edge(["市議会は火曜日、路面電車路線を建設する計画を承認した。市に", "よると、工事は秋に始ま", "", "市民は以前から渋滞に不満を抱いており、この計画は幅広い支持", "を得ている。"])
    (1, 58)
    >>> cjk_edge(["市議会は火曜日、計画を承認した。", "市民は渋滞に不満を抱いている。"])
    (0, 0)
    """
    if not beyond_kana_start().search("\n".join(lines)):
        return 0, 0  # (no kana, Han, Hangul or fullwidth form: no CJK text to unwrap)
    wide = _wide()
    sizes = [
        (len(text), len(text) + len(wide.findall(text)), text[-1] not in _CJK_ENDS)
        for text, following in pairwise(line.rstrip() for line in lines)
        if following.strip()
        and wide.search(text)
        and wide.search(following)
        and not _STARTS_BLOCK.match(following)
    ]
    found, most = (0, 0), 0
    for columns in (0, 1):
        measures = [(size[columns], size[2]) for size in sizes if size[columns] <= MAX_WIDTH]
        edge = max(measures, default=(0, False))[0]
        near = [goes_on for m, goes_on in measures if edge - CJK_SLACK <= m]
        long = sum(2 * m >= edge for m, _ in measures)
        # (broken mid-sentence: a line with a sentence per line has them end at "。")
        broken = sum(near)
        if (
            edge >= MIN_WIDTH
            and broken >= MIN_BROKEN
            and 2 * len(near) >= long
            and 2 * broken >= len(near)
        ):
            # the measure the browser counted in has the closest edge: lynx's lines of CJK
            # text end at one character, w3m's at one column or the next
            closest = sum(edge - 1 <= m for m, _ in measures)
            if closest > most:
                found, most = (columns, edge), closest
    return found


def _cjk_broken(line: str, following: str, columns: int, edge: int) -> bool:
    """Whether a converter broke *line*, CJK text, at *edge* (see :func:`cjk_edge`)."""
    text = line.rstrip()
    if not text or not following.strip() or _STARTS_BLOCK.match(following):
        return False
    wide = _wide()
    size = len(text) + (len(wide.findall(text)) if columns else 0)
    return edge - CJK_SLACK <= size <= edge and bool(wide.search(text) and wide.search(following))


def _glue(head: str, after: str) -> str:
    """What joins the two parts of a line a converter broke: a space, or nothing after a
    word broken at its hyphen (``plant-`` / ``based``) or where CJK text was broken. Korean
    has spaces, and w3m breaks it at one or inside a word: a space after a syllable that
    ends a word (a particle or a verb's ending: :data:`_KOREAN_WORD_END`).

    >>> _glue("승인했", "다. 시에"), _glue("약 3년이", "걸릴"), _glue("計画を承", "認した")
    ('', ' ', '')
    """
    if head.endswith("-") and head[-2:-1].isalpha():
        return ""
    last, first = head[-1], after[0]
    if "\uac00" <= last <= "\ud7a3" and "\uac00" <= first <= "\ud7a3":  # Hangul syllables
        return " " if last in _KOREAN_WORD_END else ""
    if max(last, first) >= "\u3040" and (_wide().match(last) or _wide().match(first)):
        return ""
    return " "


def unwrap(lines: list[str]) -> tuple[list[str], list[int] | None]:
    """*lines* with the wrapped paragraphs joined, and the 1-based number of each joined
    line's first input line (None when nothing was joined: the lines are returned as
    they are). Latin, Cyrillic or Greek text is wrapped at a width in characters
    (:func:`wrap_width`), CJK text at an edge of its own (:func:`cjk_edge`).

    A word broken at a hyphen (``plant-`` / ``based``) is joined without a space, and so
    is CJK text.
    """
    width = wrap_width(lines)
    columns, edge = cjk_edge(lines)
    if not width and not edge:
        return lines, None
    # lynx wraps an indented paragraph short of its headings' width: each kind of line is
    # measured against the width of its own (the page's when too few lines give one, or
    # when the dump has lines of one kind only, as html2text's mostly have).
    widths = (width, width)
    indented = [line if line[:1] == " " else "" for line in lines] if width else []
    if any(indented) and not all(map(str.__eq__, indented, lines)):
        flush = [line if line[:1] != " " else "" for line in lines]
        widths = (wrap_width(flush) or width, wrap_width(indented) or width)
    joined: list[str] = []
    numbers: list[int] = []
    previous = ""
    for number, line in enumerate(lines, start=1):
        if joined and (
            (width and _broken(previous, line, widths[previous[:1] == " "]))
            or (edge and _cjk_broken(previous, line, columns, edge))
        ):
            head, after = joined[-1].rstrip(), line.strip()
            joined[-1] = head + _glue(head, after) + after
        else:
            joined.append(line)
            numbers.append(number)
        previous = line
    return joined, numbers


#: A dump is Markdown when it has at least this many headings (``# Title``) and
#: emphasised spans (``**word**``), one of each at least.
MIN_MARKS = 3
#: … or at least this many headings of the second level or below alone.
MIN_HEADINGS = 6
_HEADING = re.compile(r"^(\s*)#{1,6}\s+([A-Z0-9\u00c0-\uffff*_\"“‘'].*?)(?:\s+#+)?\s*$")
_CODE = re.compile(r"[=;{}()\[\]<>]")
#: Bold: ``**word**``; html2text writes bold italics as ``** _words_**``.
_STRONG = re.compile(r"\*\*(?: (?=_\S))?(?=[^\s*])(.+?)(?<=[^\s*])\*\*")
_EMPHASIS = re.compile(r"(?<![\w*])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?!\w)")
_EMPTY_MARKS = re.compile(r"\*{4,}")
#: An emphasis with nothing inside, as html2text writes an icon's ``<i></i>`` ("__Share"),
#: not the underscores around a name (``__init__``) or a rule of them (AP's ``___``).
_EMPTY_EMPHASIS = re.compile(r"(?<![\w_])__(?![\w_]*__)(?!_)")


def _heading(line: str) -> re.Match[str] | None:
    if "#" not in line[:8]:
        return None
    found = _HEADING.match(line)
    return found if found and not _CODE.search(found.group(2)) else None


def is_markdown(lines: list[str]) -> bool:
    """Whether *lines* hold at least :data:`MIN_MARKS` Markdown marks, headings and
    emphasis both, or :data:`MIN_HEADINGS` headings of the second level or below ("## …": a
    converter's bold may span lines; a code comment or a post's number is a "# …")."""
    joined = "\n".join(lines)
    if "#" not in joined:
        return False  # no heading: not Markdown
    bold = "**" in joined
    headings = strong = subheadings = 0
    for line in lines:
        if _heading(line):
            headings += 1
            subheadings += "##" in line[:8]
        # (a heading's bold counts too: "### About **Jane Doe**")
        if bold and "**" in line and _STRONG.search(line):
            strong += 1
        if (headings and strong and headings + strong >= MIN_MARKS) or subheadings >= MIN_HEADINGS:
            return True
    return False


def unmark(lines: list[str]) -> list[str]:
    """*lines* without Markdown heading hashes and emphasis marks when they read as
    Markdown (:func:`is_markdown`); else *lines* as they are."""
    return [_unmark_line(line) for line in lines] if is_markdown(lines) else lines


#: The rule under a Markdown table's header row ("---|---", "| :--- | ---: |").
_TABLE_RULE = re.compile(r"\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*")
_CELL_BARS = re.compile(r"\s*\|\s*")
#: Quote marks at a line's start ("> ", "> > ").
_QUOTE = re.compile(r"\s*>(?:\s?>)*(?:\s|$)")
#: A backslash a converter put before a character Markdown would read as a mark ("1\\.").
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])")


def unblock(lines: list[str]) -> tuple[list[str], list[int] | None]:
    """A Markdown dump's blocks written as a page's text gives them (as ``html_text``
    does): a table's rows with their cells apart by spaces and without the rule under the
    header, quotes without their ``>`` marks, and no backslash before a character that
    Markdown would read as a mark. Returns the lines and the 1-based input number of each
    (None when no line was taken out). Other dumps are returned as they are."""
    if not is_markdown(lines):
        return lines, None
    out: list[str] = []
    numbers: list[int] = []
    in_table = False
    for number, line in enumerate(lines, start=1):
        if "|" in line and _TABLE_RULE.fullmatch(line):
            if out and "|" in out[-1]:
                out[-1] = _row(out[-1])
            in_table = True
            continue  # (the rule under the header is no text)
        if in_table and "|" in line:
            line = _row(line)
        else:
            in_table = False
        if ">" in line[:8]:
            quote = _QUOTE.match(line)
            if quote:
                line = line[quote.end() :]
        if "\\" in line:
            line = _ESCAPE.sub(r"\1", line)
        out.append(line)
        numbers.append(number)
    return out, numbers if len(out) < len(lines) else None


def _row(line: str) -> str:
    return " ".join(cell for cell in _CELL_BARS.split(line.strip()) if cell)


def _unmark_line(line: str) -> str:
    heading = _heading(line)
    if heading and not line.lstrip().startswith("# "):  # "# " marks the <h1>: the headline
        line = heading.group(1) + heading.group(2)
    if "**" in line:
        line = _EMPTY_MARKS.sub("", _STRONG.sub(r"\1", line))
    if "_" in line:
        if "__" in line:
            line = _EMPTY_EMPHASIS.sub("", line)
        line = _EMPHASIS.sub(r"\1", line)
    return line


#: lynx's number before each link ("the [12]mayor said"), and its list of the links' addresses
#: at the end ("  12. https://…", under "References").
_LINK_NUMBER = re.compile(r"\[(\d{1,5})\]")
_LINK_ADDRESS = re.compile(r"^(\s*)\d{1,5}\. (?=[a-z][\w+.-]*:\S*\s*$)")
#: A dump is lynx's when its first link numbers are 1, 2, 3 … and at least this many.
LYNX_LINKS = 5
#: lynx's marks for a form's button, for inserted text and for a frame (``IFRAME:``, whose
#: address stays, a bare link).
_LYNX_MARKS = re.compile(r"\(BUTTON\) ?|\[(?:INS|DEL):\s?|\s?:(?:INS|DEL)\]|(?<!\S)IFRAME: ?")
#: The "#" lynx writes before the page's ``<link>`` elements, on its first line.
_LYNX_LINKS_HEAD = re.compile(r"^(\s*)#(?=\[\d)")
#: The bullets of lynx's nested lists ("+", "o", "#" ten, fifteen, twenty columns in),
#: written as a list item's "*".
_LYNX_BULLET = re.compile(r"^(\s{10,})[+o#] (?=\S)")


def is_lynx(lines: list[str]) -> bool:
    """Whether *lines* are a ``lynx -dump``: its first :data:`LYNX_LINKS` link numbers are
    1, 2, 3 … in order (lynx numbers every link of the page)."""
    found: list[int] = []
    for line in lines:
        if "[" in line:
            found += map(int, _LINK_NUMBER.findall(line))
            if len(found) >= LYNX_LINKS:
                return found[:LYNX_LINKS] == list(range(1, LYNX_LINKS + 1))
    return False


def unlink(lines: list[str], lynx: bool | None = None) -> list[str]:
    """A lynx dump's lines without the numbers before its links (a number between two
    words leaves a space), without the numbers of its list of links' addresses, which
    are then bare links, and without its marks for buttons and inserted text, its nested
    lists' bullets written as ``*`` (*lynx*: whether the lines are lynx's, when known);
    other dumps as they are.

    >>> unlink(["[1]Home [2]News [3]Sport", "The [4]mayor said[5]Read more", "          + [6]Scores"])
    ['Home News Sport', 'The mayor said Read more', '          * Scores']
    >>> unlink(["#[1]Feed [2]b [3]c [4]d [5]e", "(BUTTON) Search", ":INS]", "   4. https://example.com/a", "5. mailto:a@example.com"])
    ['Feed b c d e', 'Search', '', '   https://example.com/a', 'mailto:a@example.com']
    >>> unlink(["[1]a [2]b [3]c [4]d [5]e", "   IFRAME: [6]https://example.com/tag"])[1]
    '   https://example.com/tag'
    """
    if not (is_lynx(lines) if lynx is None else lynx):
        return lines
    out = []
    for line in lines:
        if "[" in line:
            if "#[" in line:
                line = _LYNX_LINKS_HEAD.sub(r"\1", line)
            line = _LINK_NUMBER.sub(_no_number, line)
        elif ". " in line[:12]:
            line = _LINK_ADDRESS.sub(r"\1", line)
        if "(" in line or ":" in line:
            line = _LYNX_MARKS.sub("", line)
        out.append(_lynx_bullet(line))
    return out


def _lynx_bullet(line: str) -> str:
    """A lynx line with a nested list's bullet written as ``*`` (the same width)."""
    return _LYNX_BULLET.sub(r"\1* ", line) if line[:10].isspace() else line


def _no_number(found: re.Match[str]) -> str:
    """A link's number out of its line: a space when it stood between two words."""
    text, start = found.string, found.start()
    return " " if start and not text[start - 1].isspace() else ""


#: What lynx and w3m write for an image without ``alt`` text, on a line of its own: its
#: file's name in brackets (w3m cuts it at ten characters: "[banner-quo]", "[6998ec4f0b]"),
#: a kind ("[svg]", "[image]"), or a mark ("[X]", w3m's "[INS::INS]" for an empty ad slot).
_PLACEHOLDER = re.compile(
    r"\s*\[(?:[^\s\[\]]*[\d_./:=?#%-][^\s\[\]]*|.|svg|gif|png|jpe?g|webp|avif|ico|img|image"
    r"|images|photo|picture|icon|logo|banner|blank|spacer|pixel|placeholder?|transparent)\]\s*",
    re.IGNORECASE,
)


def unplace(lines: list[str]) -> list[str]:
    """*lines* with a terminal browser's placeholders for images (:data:`_PLACEHOLDER`)
    blank: no scraper of a page's text writes them, and between two paragraphs they would
    stand as a line of the article.

    >>> unplace(["The mayor said.", "[banner-quo]", "  [svg]", "[Music]", "[1] The note."])
    ['The mayor said.', '', '', '[Music]', '[1] The note.']
    """
    return [
        "" if line.rstrip()[-1:] == "]" and _PLACEHOLDER.fullmatch(line) else line for line in lines
    ]


def normalize(lines: list[str]) -> tuple[list[str], list[int] | None]:
    """*lines* with a Markdown dump's tables and quotes as text (:func:`unblock`),
    unwrapped (:func:`unwrap`: the widths are those the converter saw, marks and lynx's
    link numbers included), without lynx's link numbers (:func:`unlink`) and the browsers'
    placeholders for images (:func:`unplace`), then unmarked (:func:`unmark`: an emphasis
    that spanned a break is whole)."""
    unblocked, kept = unblock(lines)
    lynx = is_lynx(unblocked)
    if lynx:
        # (first: lynx's "o" bullet would read as a sentence going on in lower case)
        unblocked = list(map(_lynx_bullet, unblocked))
    joined, numbers = unwrap(unblocked)
    if kept is not None:
        numbers = [kept[n - 1] for n in numbers] if numbers is not None else kept
    return unmark(unplace(unlink(joined, lynx))), numbers


def unmark_paragraphs(paragraphs: list[str]) -> list[str]:
    """*paragraphs* without the ``# `` of a Markdown top-level heading (see :func:`unmark`)."""
    return [p[2:].lstrip() if p.startswith("# ") else p for p in paragraphs]
