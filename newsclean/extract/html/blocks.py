"""HTML page → text blocks with DOM evidence.

The page is parsed with selectolax's Lexbor engine (an HTML5 parser written in C:
about 1,750 pages/s on the benchmark pages against lxml's 1,030 and the standard
library's 220). Each block-level element with text becomes one :class:`Block` — one
line of text, as a scraper's text dump would give — carrying what the DOM says
about it: its tag, how much of it is link text, and the element it sits in.

Every element met on the way is recorded once in an :class:`Elements` table
(parent, tag, and the hints its class/id/role/itemprop give: sharing, related
stories, comments, captions, bylines, the article body …), so a block's
ancestors are a walk up that table rather than a copy per block. A table row is
one block (its cells joined by spaces, as the page shows them); hidden elements
(``hidden``, ``aria-hidden``, ``display: none``) and non-text elements (scripts,
styles, forms' controls, media) are skipped.

The walk is iterative, so deeply nested markup cannot exhaust the stack, and stops
descending past :data:`MAX_DEPTH`.
"""

from __future__ import annotations

import re
from itertools import accumulate

from newsclean.extract.html.names import (
    BODY_HINTS,
    HEADINGS,
    HINT_CACHE,
    NO_HINTS,
    heading_anchor,
    hidden,
    in_page,
    name_hints,
    tab_panel,
)
from newsclean.extract.html.names import (
    hints as attribute_hints,
)

#: Deeper elements are read as flat text (a defence against pathological nesting).
MAX_DEPTH = 400

#: Elements whose content is never page text.
SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "head",
        "title",
        "select",
        "option",
        "textarea",
        "input",
        "button",
        "canvas",
        "audio",
        "video",
        "picture",
        "source",
        "map",
        "meta",
        "link",
        "dialog",
    }
)

#: Elements that start and end a block (a line of text).
BLOCK = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "tr",
        "ul",
        "caption",
        "legend",
        "br",
    }
)
#: Table cells: the cells of a row make one line, separated by a space.
CELL = frozenset({"td", "th"})

#: Landmark elements: what a block sits in, as far as the page's structure says.
LANDMARKS = frozenset(
    {
        "nav",
        "header",
        "footer",
        "aside",
        "figure",
        "figcaption",
        "form",
        "article",
        "main",
        "blockquote",
        "table",
        "li",
        "time",
    }
)


class Elements:
    """The elements of a page in document order: serial *n* is the *n*-th element met.

    Serial 0 is ``<body>``; a parent's serial is always smaller than its children's.
    """

    __slots__ = ("hints", "names", "parent", "tag")

    def __init__(self) -> None:
        self.parent: list[int] = [-1]
        self.tag: list[str] = ["body"]
        self.hints: list[frozenset] = [NO_HINTS]
        #: The element's class and id values, space-separated ("" for none): the block model's words.
        self.names: list[str] = [""]

    def __len__(self) -> int:
        return len(self.tag)

    def path(self, serial: int) -> tuple[int, ...]:
        """Serials of *serial* and its ancestors, outermost first."""
        parent = self.parent
        chain = []
        while serial >= 0:
            chain.append(serial)
            serial = parent[serial]
        chain.reverse()
        return tuple(chain)


class Block:
    """One line of page text and what the markup says about it."""

    __slots__ = ("element", "elements", "holder", "link_density", "tag", "text", "words")

    def __init__(
        self,
        text: str,
        tag: str,
        link_density: float,
        element: int = 0,
        elements: Elements | None = None,
        words: int = -1,
        holder: int = -1,
    ) -> None:
        self.text = text
        #: Words of the text, separated by white space.
        self.words = len(text.split()) if words < 0 else words
        #: The block element that holds the text (``p``, ``h2``, ``li``, ``tr``, ``div`` …).
        self.tag = tag
        #: Characters inside links divided by all characters.
        self.link_density = link_density
        #: The serial of the innermost element around the text, in :attr:`elements`.
        self.element = element
        self.elements = elements if elements is not None else Elements()
        #: The serial of the block element that holds the text (its tag is :attr:`tag`; 0: the body).
        self.holder = holder if holder >= 0 else self._find_holder()

    def _find_holder(self) -> int:
        serial, parent, tags = self.element, self.elements.parent, self.elements.tag
        while serial > 0 and tags[serial] != self.tag:
            serial = parent[serial]
        return serial

    def __repr__(self) -> str:
        return f"Block({self.text[:40]!r}, {self.tag!r}, {self.link_density:.2f}, {self.element})"

    @property
    def path(self) -> tuple[int, ...]:
        """The enclosing elements' serials, outermost first."""
        return self.elements.path(self.element)

    @property
    def tags(self) -> tuple[str, ...]:
        tag = self.elements.tag
        return tuple(tag[s] for s in self.path)

    def below(self, serial: int) -> tuple[set[str], set[str]]:
        """Landmark tags and hints of the enclosing elements inside element *serial*.

        With ``serial`` not on the path (or ``-1``), those of all enclosing elements.
        """
        path = self.path
        start = path.index(serial) + 1 if serial in path else 0
        tag, hints = self.elements.tag, self.elements.hints
        landmarks = {tag[s] for s in path[start:] if tag[s] in LANDMARKS}
        found: set[str] = set()
        for s in path[start:]:
            found |= hints[s]
        return landmarks, found


def hides_tabs(tree) -> bool:
    """Whether the page has hidden tab panels (:func:`tab_panel`) with text in them.

    >>> hides_tabs(parse("<div role=tabpanel>Python</div><div role=tabpanel hidden>Go</div>"))
    True
    >>> hides_tabs(parse("<div role=tabpanel>Python</div><div hidden>Menu</div>"))
    False
    """
    for node in tree.css('[role="tabpanel"], [class*="tab"], [class*="Tab"]'):
        attributes = node.attributes
        if (
            attributes
            and hidden(attributes)
            and tab_panel(attributes)
            and node.text(deep=True).strip()
        ):
            return True
    return False


def hides_text(tree, least: int = 200) -> bool:
    """Whether hidden elements of the page (:func:`hidden`) hold *least* characters of text
    or more: a page a script shows, rather than a closed menu or an icon's label.

    >>> hides_text(parse("<p>Menu</p><div hidden><p>" + "Text. " * 50 + "</p></div>"))
    True
    >>> hides_text(parse("<p>Visible text.</p><span aria-hidden='true'>x</span>"))
    False
    """
    total = 0
    for node in tree.css('[hidden], [aria-hidden="true"], [style*="none"], [style*="hidden"]'):
        if node.attributes and hidden(node.attributes):
            total += len(node.text(deep=True, strip=True))
            if total >= least:
                return True
    return False


def parse(html: str | bytes):
    """Parse *html* into a Lexbor tree (imported here so text input never loads it).

    *html* is text, or UTF-8 bytes (which the parser reads without a copy).
    Markup nested deeper than :data:`MAX_PARSE_DEPTH` is flattened first: the
    parser's time grows with the square of the nesting depth, and no real page
    nests that deep.
    """
    from selectolax.lexbor import LexborHTMLParser

    return LexborHTMLParser(limit_nesting(html))


#: Elements nested deeper than this lose their tags (their text stays).
MAX_PARSE_DEPTH = 1000
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]{0,30})\b[^>]{0,2000}?(/?)>")
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "p",
        "li",
        "td",
        "tr",
        "th",
        "option",
    }
)
_VOID_ALT = "|".join(sorted(_VOID))
#: Opening tags of elements that may hold others (group ``""``) and closing tags (``"/"``).
_NESTING = re.compile(rf"<(/?)(?!(?:{_VOID_ALT})\b)[a-zA-Z]")
_NESTING_BYTES = re.compile(_NESTING.pattern.encode("ascii"))
_STEP = {"": 1, "/": -1, b"": 1, b"/": -1}


def _deepest(tags: list) -> int:
    """The deepest running count of opening minus closing tags (``"/"`` closes), 0 at least.

    >>> _deepest(["", "", "/", "", "/", "/"]), _deepest([b"/"])
    (2, 0)
    """
    return max(0, max(accumulate(map(_STEP.__getitem__, tags)), default=0))


def limit_nesting(html: str | bytes, max_depth: int = MAX_PARSE_DEPTH) -> str | bytes:
    """Drop the tags of elements nested deeper than *max_depth*; their text is kept.

    Bytes (UTF-8) come back unchanged, or as text when tags had to go.

    >>> limit_nesting("<div><div><div>deep</div></div></div>", max_depth=2)
    '<div><div> deep </div></div>'
    >>> limit_nesting("<p>shallow</p>", max_depth=2)
    '<p>shallow</p>'
    >>> limit_nesting(b"<div><div><div>deep</div></div></div>", max_depth=2)
    '<div><div> deep </div></div>'
    """
    # A cheap bound first: the depth never exceeds the count of "<"; then the deepest running
    # count of opening minus closing tags (self-closing ones counted as open), which C code
    # computes. (Counting "</" for a second bound costs more than the count it would spare.)
    if isinstance(html, bytes):
        if html.count(b"<") < max_depth or _deepest(_NESTING_BYTES.findall(html)) < max_depth:
            return html
        text = html.decode("utf-8", errors="replace")
    else:
        if html.count("<") < max_depth or _deepest(_NESTING.findall(html)) < max_depth:
            return html
        text = html
    depth = 0
    dropped = 0
    pieces: list[str] = []
    last = 0
    for match in _TAG.finditer(text):
        closing, name, selfclosing = match.group(1), match.group(2).lower(), match.group(3)
        if name in _VOID or selfclosing:
            continue
        if closing:
            if dropped:
                dropped -= 1
                pieces.append(text[last : match.start()])
                pieces.append(" ")
                last = match.end()
            elif depth:
                depth -= 1
        elif depth >= max_depth:
            dropped += 1
            pieces.append(text[last : match.start()])
            pieces.append(" ")
            last = match.end()
        else:
            depth += 1
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


#: A ``<noscript>`` holding this many characters of text is read: it is the page itself,
#: as the site serves it to readers without scripts (a forum's posts, a shop's grid).
NOSCRIPT_CHARS = 500


def page_in_noscript(node) -> bool:
    """Whether a ``<noscript>`` element holds a page's text rather than a notice or a pixel."""
    return len(node.text(deep=True)) >= NOSCRIPT_CHARS


#: Tag names and kinds by Lexbor tag id, for the standard elements (custom elements get
#: per-document ids above this bound and are looked up each time).
_TAG_KINDS: dict[int, tuple[str, int]] = {}
_STANDARD_IDS = 4096
_TEXT_ID = 2
#: What the walk does with an element: skip it, read a ``<noscript>`` that holds a page
#: (else skip it), read it inline, or end a block before it (a block element, a table cell).
_SKIPPED, _NOSCRIPT, _INLINE, _BLOCK, _CELL = range(5)


def _tag_kind(tag: str) -> int:
    """The walk's kind of an element with tag name *tag*.

    >>> _tag_kind("p") == _BLOCK, _tag_kind("span") == _INLINE, _tag_kind("#comment") == _SKIPPED
    (True, True, True)
    """
    if tag == "noscript":
        return _NOSCRIPT
    if tag in SKIP or tag[0] in "-_!#":
        return _SKIPPED
    return _BLOCK if tag in BLOCK else (_CELL if tag in CELL else _INLINE)


def blocks(tree, show_hidden: bool = False, show_tabs: bool = False) -> list[Block]:
    """The page's text blocks, in document order (they share one :class:`Elements` table);
    with *show_hidden*, those of hidden elements too (a page a script shows); with
    *show_tabs*, those of hidden tab panels (:func:`tab_panel`: a manual's code in each
    language, a service page's plans).

    The function is long on purpose: it is the one walk over every node of the page,
    and keeping its state in local variables rather than in calls is what makes HTML
    cleaning fast (it is the largest single cost of a page).
    """
    body = tree.body or tree.root
    out: list[Block] = []
    if body is None:
        return out
    elements = Elements()
    e_parent, e_tag, e_hints, e_names = (
        elements.parent,
        elements.tag,
        elements.hints,
        elements.names,
    )
    parts: list[str] = []
    add_part = parts.append
    link_chars = 0
    # The open elements: (serial, innermost block tag, inside a link, is a block, serial of
    # the innermost block element).
    top: tuple[int, str, bool, bool, int] = (0, "body", False, True, 0)
    opened: list[tuple[int, str, bool, bool, int]] = [top]
    kinds, hint_cache = _TAG_KINDS, HINT_CACHE

    def flush(top: tuple[int, str, bool, bool, int]) -> None:
        nonlocal link_chars
        words = "".join(parts).split()
        parts.clear()
        if words:
            text = " ".join(words)
            out.append(
                Block(
                    text,
                    top[1],
                    min(1.0, link_chars / len(text)) if link_chars else 0.0,
                    top[0],
                    elements,
                    len(words),
                    top[4],
                )
            )
        link_chars = 0

    # Iterative walk: a stack of nodes; None marks the end of an element.
    stack: list = [None]
    push, pop = stack.append, stack.pop
    child = body.last_child
    while child is not None:
        push(child)
        child = child.prev
    opened.append(top)  # popped by the first None, which ends <body>
    while stack:
        node = pop()
        if node is None:
            if top[3] and parts:
                flush(top)
            opened.pop()
            top = opened[-1] if opened else top
            continue
        tag_id = node.tag_id
        if tag_id == _TEXT_ID:
            text = node.text_content
            if text and (parts or not text.isspace()):
                add_part(text)
                if top[2]:
                    link_chars += len(text.strip())
            continue
        known = kinds.get(tag_id)
        if known is None:
            # (a node's tag is None for a node that is not an element, text, comment or
            # doctype: a processing instruction such as <?php ... ?> inside the body)
            tag = node.tag or "#other"
            known = tag, _tag_kind(tag)
            if tag_id < _STANDARD_IDS:
                kinds[tag_id] = known
        tag, kind = known
        if kind <= _NOSCRIPT and (kind == _SKIPPED or not page_in_noscript(node)):
            continue
        last = node.last_child
        if last is None and kind < _BLOCK:
            continue  # an empty inline element (an image, an icon): its attributes change nothing
        attributes = node.attributes
        hints = NO_HINTS
        class_id = ""
        if attributes:
            if (
                "hidden" in attributes or "style" in attributes or "aria-hidden" in attributes
            ) and (
                not show_hidden and hidden(attributes) and not (show_tabs and tab_panel(attributes))
            ):
                continue
            value = attributes.get("class")
            if value:
                class_id = value
                cached = hint_cache.get(value)  # (an empty set is a cached answer too)
                hints = name_hints(value) if cached is None else cached
            value = attributes.get("id")
            anchor = False
            if value:
                class_id = f"{class_id} {value}" if class_id else value
                more = hint_cache.get(value)
                if more is None:
                    more = name_hints(value)
                if more and not more <= BODY_HINTS and heading_anchor(node, tag, value):
                    more, anchor = NO_HINTS, True
                if more:
                    hints = hints | more if hints else more
            if "role" in attributes or "itemprop" in attributes:
                hints = attribute_hints(attributes, anchor)
        if kind == _BLOCK:
            if parts:
                flush(top)
            if tag == "br" or tag == "hr":
                continue
            is_block = True
        else:
            is_block = False
            if kind == _CELL:
                add_part(" ")
        if last is None:
            continue  # no text inside: nothing to record
        if "-" in tag:
            # A custom element's name says what it is as a class would (<promo-box>).
            more = name_hints(tag)
            if more:
                hints = hints | more if hints else more
        serial = len(e_tag)
        e_parent.append(top[0])
        e_tag.append(tag)
        e_hints.append(hints)
        e_names.append(class_id)
        link = top[2] or (tag == "a" and not (top[1] in HEADINGS and in_page(attributes)))
        top = (
            (serial, tag, link, True, serial) if is_block else (serial, top[1], link, False, top[4])
        )
        opened.append(top)
        push(None)
        if len(opened) < MAX_DEPTH:
            while last is not None:
                push(last)
                last = last.prev
        else:
            text = node.text(deep=True)
            if text:
                add_part(text)
    if parts:
        flush(top)
    return out


def title_text(tree) -> str:
    """The text of the page's ``<title>``, white space collapsed."""
    node = tree.css_first("title")
    return " ".join(node.text().split()) if node is not None else ""
