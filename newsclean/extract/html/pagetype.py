"""What kind of page this is: article, forum, product, collection, listing, documentation or service.

A small learned classifier (a tree ensemble trained by ``scripts/train_pagetype.py``
on the WCXB dev pages and shipped as ``newsclean/data/pagetype.json``) reads one
row of page-level figures (:data:`FEATURES`) and gives the probability of each of
WCXB's seven page types (:data:`TYPES`).

**What it sees**: the kinds of structured data the page declares (JSON-LD
``@type`` values and ``og:type``), counts and shares of its elements (paragraphs,
list items, headings, tables, code, forms, ``<article>`` and ``<time>``
elements), runs of look-alike siblings (a product grid, a list of posts), words
of its class and id names (``price``, ``cart``, ``reply``, ``toc`` …), and what
the rules found (before the block model): how much of the page's text they
kept, in how many paragraphs, how long they are, how the kept text speaks
(to "you", as "we", reporting what someone "said"), how much of the page is
link text, whether a byline and a date were found, and how many prices the
text shows. Also: the headings that are links (teasers), how often the page's text
uses the words of each kind of page (:data:`KIND_WORDS`: "services", "reply",
"parameters", "in stock" …, English words only), the words of its title, and whether
its markup names a date and an author. And the shape of what the rules kept and of the
headline (:func:`_shape_figures`): how much of the kept text is prose and its
longest run of prose paragraphs (an article tells, a service page lists), the
questions, figures and first person in it, whether the headline reads as a
sentence or as a name, and whether the title explains (:data:`GUIDE_TITLE`) or names
a part of a manual (:data:`DOCS_TITLE`).

**What it leaves out on purpose**: the short lines that are a call to action, a "Read
more" or a post's "Reply", the lines that are only a date, phone numbers, reading times
and short "By …" lines. They cost a quarter of the row's time, and the type is no worse
without them (``bench/pagetype.py``, over three seeds; CHANGELOG has the figures).

**What it does not see**: the URL, the domain or the site's name. It cannot
recognise a site; it can only learn what kinds of pages look like. Its word
lists are English: on pages in other languages it reads the markup, the shape
and the structured data only.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from itertools import accumulate, filterfalse, repeat
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsclean.extract.html.bytype import CONFIDENCE
from newsclean.extract.html.patterns import longest_first, whole_words
from newsclean.extract.trees import TreeSum

if TYPE_CHECKING:  # pragma: no cover
    from newsclean.extract.html.blocks import Block, Elements
    from newsclean.extract.html.meta import PageMeta

#: The model shipped with the package.
DEFAULT_PATH = Path(__file__).resolve().parent.parent.parent / "data" / "pagetype.json"

#: WCXB's page types, in the model's class order.
TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")

#: JSON-LD / og:type values, grouped (lower case).
LD_GROUPS = {
    "article": (
        "article",
        "newsarticle",
        "blogposting",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "liveblogposting",
        "report",
        "scholarlyarticle",
        "review",
    ),
    "product": (
        "product",
        "offer",
        "aggregateoffer",
        "productgroup",
        "individualproduct",
        "car",
        "book",
    ),
    "rating": ("aggregaterating", "rating"),
    "forum": (
        "discussionforumposting",
        "qapage",
        "question",
        "answer",
        "comment",
        "socialmediaposting",
    ),
    "list": ("itemlist", "collectionpage", "searchresultspage", "offercatalog", "listitem"),
    "faq": ("faqpage",),
    "docs": ("techarticle", "apireference", "softwaresourcecode", "howto", "course"),
    "org": (
        "organization",
        "corporation",
        "localbusiness",
        "service",
        "professionalservice",
        "softwareapplication",
        "webapplication",
        "store",
        "brand",
    ),
    "person": ("person", "profilepage"),
    "website": ("website", "webpage", "aboutpage", "contactpage"),
    "breadcrumb": ("breadcrumblist",),
    "event": ("event", "recipe", "video", "videoobject", "jobposting"),
}
_LD_GROUP = {kind: group for group, kinds in LD_GROUPS.items() for kind in kinds}

#: Element tags counted (share of the page's elements, and whether any).
TAG_GROUPS = {
    "p": ("p",),
    "li": ("li",),
    "h1": ("h1",),
    "h2": ("h2",),
    "h3": ("h3", "h4", "h5", "h6"),
    "table": ("table", "tr", "td", "th"),
    "code": ("pre", "code", "kbd", "samp"),
    "article": ("article",),
    "section": ("section",),
    "form": ("form", "label", "fieldset"),
    "dl": ("dl", "dt", "dd"),
    "blockquote": ("blockquote",),
    "time": ("time",),
    "nav": ("nav",),
    "aside": ("aside",),
    "a": ("a",),
    "figure": ("figure", "figcaption"),
    "span": ("span",),
    "strong": ("strong", "b", "em", "i"),
}
_TAG_GROUP = {tag: group for group, tags in TAG_GROUPS.items() for tag in tags}

#: Words of class and id names that say what a page holds (counted over all elements).
NAME_WORDS = tuple(
    "product price cart sku stock rating review post reply thread forum comment answer "
    "vote user avatar doc toc api sidebar pricing plan faq hero feature card grid item "
    "list result pagination filter sort breadcrumb article author byline date content "
    "code highlight tab testimonial cta team category tag share".split()
)


_NAME_WORD = re.compile(longest_first(NAME_WORDS))
#: Words of a page's own voice: addressing the reader, speaking as a company, reporting.
#: The words of the reader addressed, of the writer's group and of reported speech.
VOICE_WORDS: tuple[tuple[str, ...], ...] = (
    ("you", "your", "you're", "yours", "vous", "votre", "vos", "sie", "ihr", "ihre", "usted",
     "tu", "tus", "su"),
    ("we", "our", "us", "we're", "nous", "notre", "nos", "wir", "unser", "unsere", "nosotros",
     "nuestro", "nuestra"),
    ("said", "says", "told", "according", "reported", "sagte", "dijo", "a déclaré", "ha detto"),
)  # fmt: skip


#: The words of :data:`VOICE_WORDS` as whole words, and which group each is of (the first
#: that has it, as the alternation tries them).
VOICE = re.compile(whole_words([word for words in VOICE_WORDS for word in words]))
_VOICE_GROUP = {
    word: group for group, words in reversed(list(enumerate(VOICE_WORDS))) for word in words
}
#: Characters of the kept text read for its voice, of the page's text read for prices.
_VOICE_CHARS = 5000
_PRICE_CHARS = 30000
#: Characters of the page's text read for the words of each kind.
_KIND_CHARS = 10000
#: A currency sign before a digit, or a digit before a currency. (The pattern starts with
#: the set of its first characters, so that the engine skips to them.)
PRICE = re.compile(r"[$€£¥₹\d](?:(?<=[$€£¥₹])\s?\d|(?<=\d)\s?(?:€|zł|kr\b|USD\b|EUR\b|GBP\b))")

#: Words that tell one kind of page from another (how often the page's text uses them).
KIND_WORDS = {
    "service": "service services solution solutions client clients customer customers consultation"
    " consulting expert experts expertise team contact quote pricing plan plans trusted industry"
    " industries enterprise partner partners partnership demo benefit benefits feature features"
    " why certified certification course enroll tuition program",
    "forum": "reply replies replied posted joined member members thread threads topic topics views"
    " vote votes upvote upvotes answered asked answer answers permalink moderator registered post"
    " posts",
    "docs": "api parameter parameters return returns function method class example syntax install"
    " installation configure configuration reference deprecated version usage module default"
    " argument option options tutorial docs documentation guide",
    "product": "buy sku shipping delivery specification"
    " specifications review reviews rating ratings qty quantity size color colour warranty price"
    " sale wishlist",
    "list": "more latest previous next older newer page result results filter"
    " sort showing category categories archive",
    "article": "said says told according reported published updated editor"
    " reporter correspondent photo comment comments",
}
#: Phrases counted with the words of a kind.
KIND_PHRASES = {
    "service": ("our services", "why choose", "get started", "free quote", "contact us"),
    "docs": ("on this page", "edit this page", "was this page helpful", "table of contents"),
    "product": ("add to cart", "in stock", "out of stock"),
    "list": ("read more", "view all"),
    "article": ("min read", "share this", "written by", "posted on", "last updated"),
}
_KIND_OF = {word: at for at, words in enumerate(KIND_WORDS.values()) for word in words.split()}
#: The phrases of each kind as whole words ("in stock", not "within stockholm").
_KIND_PHRASE = {kind: re.compile(whole_words(phrases)) for kind, phrases in KIND_PHRASES.items()}
_LATIN_WORD = re.compile(r"[a-z]+")
_TAG_OF = attrgetter("tag")
#: Words of a title that name a service, and an index of pages.
SERVICE_TITLE = re.compile(
    r"\b(?:services?|solutions?|company|agency|consult\w*|pricing|plans?|course|certification"
    r"|training|program|software|platform|lawyer|attorney|contractor)\b"
)
INDEX_TITLE = re.compile(
    r"\b(?:news|blog|archives?|category|categories|topics?|tags?|latest|stories|reviews"
    r"|articles|directory|recipes|page \d+)\b"
)
HOW = re.compile(r"\bhow\b")
NUMBERED_TITLE = re.compile(r"^\s*(?:top\s+|the\s+)?\d+\b")
#: A title that explains, compares or tells (an article, often a guide on a company's site).
GUIDE_TITLE = re.compile(
    r"\b(?:how to|what (?:is|are)|why|guide|tips|ways|vs|versus|difference|explained|comparing"
    r"|checklist|steps|lessons|thoughts|reasons|things)\b"
)
#: Words that make a headline a sentence rather than a name ("How we moved", not "HR Services").
FUNCTION_WORDS = frozenset(
    "the a an of to in on for with and or is are was were be has have had how why what when"
    " your you we our it its this that from at by as not can will".split()
)
#: A title that names a part of a manual.
DOCS_TITLE = re.compile(
    r"\b(?:introduction|overview|getting started|get started|reference|documentation|docs"
    r"|manual|tutorial|chapter|user guide|api|quickstart|installation|glossary|definition)\b"
)
#: The end of a paragraph of prose (a sentence's), and the first person.
PROSE_END = (".", "!", "?", '"', "”", ")", "。")
FIRST_PERSON = re.compile(whole_words(["i", "my", "me", "i'm", "i've", "i'd", "myself"]))

FEATURES: tuple[str, ...] = (
    tuple(f"ld {group}" for group in LD_GROUPS)
    + ("og article", "og product", "og website", "og other")
    + ("elements", "blocks", "words")
    + tuple(f"share <{group}>" for group in TAG_GROUPS)
    + tuple(
        f"count <{group}>"
        for group in ("h2", "h3", "article", "time", "code", "table", "form", "li")
    )
    + ("siblings", "sibling share", "teaser runs")
    + tuple(f"name '{word}'" for word in NAME_WORDS)
    + (
        "link blocks",
        "link words",
        "words per block",
        "sentence blocks",
        "kept words",
        "kept share",
        "paragraphs",
        "words per paragraph",
        "byline",
        "date",
        "prices",
        "hint comment",
        "hint related",
        "hint byline",
        "hint date",
        "hint share",
        "hint nav",
        "hint article",
        "you",
        "we",
        "said",
        "heading lines",
        "short kept lines",
        "kept <p>",
    )
    + ("linked headings", "linked heading share", "headings per 1k words")
    + ("long blocks", "long span")
    + tuple(f"words {kind}" for kind in KIND_WORDS)
    + ("title words", "title numbered", "title service", "title index", "title question")
    + ("markup date", "markup author")
    + ("prose share", "prose run", "prose run words", "sentences per paragraph", "first person")
    + ("kept questions", "kept colons", "kept digits")
    + ("headline words", "headline function words", "headline capitals", "title guide")
    + ("title docs",)
)


def _log(value: float) -> float:
    return math.log1p(value)


def page_row(
    elements: Elements,
    blocks: Sequence[Block],
    ld_types: Sequence[str],
    og_type: str | None,
    body: Sequence[str],
    byline: bool,
    date: bool,
    meta: PageMeta | None = None,
) -> list[float]:
    """The :data:`FEATURES` row of one page.

    *elements* is the page's element table and *blocks* its text blocks
    (:mod:`newsclean.extract.html.blocks`), *ld_types* the JSON-LD ``@type``
    values, *og_type* the ``og:type``; *body* the paragraphs the rules kept
    (before the block model: the type does not depend on it), *byline* and
    *date* whether the page has them; *meta* what the page's markup says
    (its title, date and author). The parts follow the order of
    :data:`FEATURES`.
    """
    words = [block.words for block in blocks]
    texts = [block.text for block in blocks]
    kept = _Kept(body)
    # (the page's title and headline, lower case, as the title figures search them)
    titles = f"{meta.title or ''} {meta.headline or ''}".lower() if meta is not None else ""
    head = _head(texts, _PRICE_CHARS)  # (read for prices; its start for the kind words)
    return (
        _markup_figures(ld_types, og_type)
        + _structure_figures(elements, blocks, words)
        + _text_figures(elements, blocks, words, texts, kept, byline, date, head)
        + _page_figures(meta, blocks, words, titles, head)
        + _shape_figures(kept, meta, titles)
    )


class _Kept:
    """The kept paragraphs, with what both the text and shape figures read of them: each
    one's words, and the lower-case sample read for the voice and its words."""

    __slots__ = ("body", "sample", "sample_words", "sizes")

    def __init__(self, body: Sequence[str]) -> None:
        self.body = body
        self.sizes = [len(text.split()) for text in body]
        self.sample = _head(body, _VOICE_CHARS).lower()
        self.sample_words = self.sample.split()


def _page_figures(
    meta: PageMeta | None,
    blocks: Sequence[Block],
    words: list[int],
    both: str,
    head: str,
) -> list[float]:
    """What tells the kinds of pages apart beyond their shape: teasers (linked headings, long
    blocks spread over the page), the words of each kind of page (in *head*, the page's text's
    start), and the title (*both*: the title and the headline, lower case)."""
    count, total = len(blocks) or 1, sum(words) or 1
    headings = [block for block in blocks if block.tag in ("h2", "h3", "h4", "h5", "h6")]
    linked = sum(block.link_density > 0.5 for block in headings)
    row = [_log(linked), linked / (len(headings) or 1), 1000 * len(headings) / total]
    long = [at for at, number in enumerate(words) if number >= 40]
    span = (long[-1] - long[0]) / count if long else 0.0
    row += [_log(len(long)), span]
    row += _kind_words(head[:_KIND_CHARS].lower())
    title = (meta.title or "") if meta is not None else ""
    headline = (meta.headline or "") if meta is not None else ""
    row += [
        float(len(title.split())),
        float(bool(NUMBERED_TITLE.search(headline or title))),
        float(bool(SERVICE_TITLE.search(both))),
        float(bool(INDEX_TITLE.search(both))),
        float("?" in title or HOW.search(both) is not None),
        float(meta is not None and meta.date is not None),
        float(meta is not None and meta.author is not None),
    ]
    return row


def _shape_figures(kept_text: _Kept, meta: PageMeta | None, titles: str) -> list[float]:
    """The shape of the kept text (runs of prose, questions, colons, figures), of the
    headline (a sentence or a name) and the kind of title (*titles*: the title and the
    headline, lower case)."""
    body, sizes = kept_text.body, kept_text.sizes
    paragraphs = len(body) or 1
    kept = sum(sizes) or 1
    prose = [size >= 20 and text.rstrip().endswith(PROSE_END) for text, size in zip(body, sizes)]
    run = longest = longest_words = words = 0
    for is_prose, size in zip(prose, sizes):
        run, words = (run + 1, words + size) if is_prose else (0, 0)
        if run > longest or (run == longest and words > longest_words):
            longest, longest_words = run, words
    prose_texts = [text for text, is_prose in zip(body, prose) if is_prose]
    sentences = sum(text.count(". ") + 1 for text in prose_texts)
    sample, sample_words = kept_text.sample, kept_text.sample_words
    row = [
        sum(size for size, is_prose in zip(sizes, prose) if is_prose) / kept,
        longest / paragraphs,
        _log(longest_words),
        sentences / (len(prose_texts) or 1),
        len(FIRST_PERSON.findall(sample)) / (len(sample_words) or 1),
        sum(text.rstrip().endswith("?") for text in body) / paragraphs,
        sum(text.rstrip().endswith(":") for text in body) / paragraphs,
        _digit_words(sample, sample_words) / (len(sample_words) or 1),
    ]
    headline = ((meta.headline or meta.title or "") if meta is not None else "").split()
    long_words = [word for word in headline if len(word) > 3 and word[0].isalpha()]
    row += [
        float(len(headline)),
        sum(word.lower() in FUNCTION_WORDS for word in headline) / (len(headline) or 1),
        sum(word[0].isupper() for word in long_words) / (len(long_words) or 1),
        float(GUIDE_TITLE.search(titles) is not None),
        float(DOCS_TITLE.search(titles) is not None),
    ]
    return row


#: A decimal digit and the rest of its word (one match per word that has one).
_DIGIT_TAIL = re.compile(r"\d\S*")
_DECIMAL = re.compile(r"\d")


def _digit_words(text: str, words: list[str]) -> int:
    """How many of *words* (``text.split()``) hold a digit (:meth:`str.isdigit`): those with a
    decimal digit, found by one pass over *text*, and those with another digit only (a
    superscript, a circled digit), which are never ASCII.

    >>> _digit_words("in 2024, ² or ab³ x", "in 2024, ² or ab³ x".split())
    3
    """
    count = len(_DIGIT_TAIL.findall(text))
    for word in filterfalse(str.isascii, words):
        if _DECIMAL.search(word) is None and any(map(str.isdigit, word)):
            count += 1
    return count


def _markup_figures(ld_types: Sequence[str], og_type: str | None) -> list[float]:
    """What the page says it is: JSON-LD type groups and ``og:type``."""
    groups = Counter(_LD_GROUP.get(kind.lower()) for kind in ld_types)
    row = [float(groups[group] > 0) for group in LD_GROUPS]
    og = (og_type or "").lower()
    row += [
        float("article" in og),
        float("product" in og),
        float(og == "website"),
        float(bool(og) and not any(word in og for word in ("article", "product", "website"))),
    ]
    return row


def _structure_figures(
    elements: Elements, blocks: Sequence[Block], words: list[int]
) -> list[float]:
    """The page's shape: sizes, tag groups, runs of look-alike siblings, class words."""
    tags = elements.tag
    size = len(tags) or 1
    counted: Counter = Counter()
    for tag, number in Counter(tags).items():
        counted[_TAG_GROUP.get(tag)] += number
    total_words = sum(words) or 1
    row = [_log(size), _log(len(blocks)), _log(total_words)]
    row += [counted[group] / size for group in TAG_GROUPS]
    row += [
        _log(counted[group])
        for group in ("h2", "h3", "article", "time", "code", "table", "form", "li")
    ]
    # Runs of look-alike siblings: the same tag and class under one parent (a grid, a thread).
    names = elements.names
    siblings = Counter(zip(elements.parent, tags, names))
    runs = [
        count
        for key, count in siblings.items()
        if count >= 3 and key[1] not in ("p", "br", "span")  # (the tag of a 3-tuple key)
    ]
    longest = max(runs, default=0)
    row += [_log(longest), longest / size, _log(len(runs))]
    # Each distinct class/id value once: a grid of 200 cards says "card" as loudly as 20.
    found = Counter(_NAME_WORD.findall(" ".join(dict.fromkeys(names)).lower()))
    row += [_log(found[word]) for word in NAME_WORDS]
    return row


def _text_figures(
    elements: Elements,
    blocks: Sequence[Block],
    words: list[int],
    texts: list[str],
    kept_text: _Kept,
    byline: bool,
    date: bool,
    head: str,
) -> list[float]:
    """The page's text: links, sentences, the kept body, prices (in *head*, the start of the
    page's text: :data:`_PRICE_CHARS` characters), hints, voice, headings."""
    body, body_words = kept_text.body, kept_text.sizes
    total_words = sum(words) or 1
    count = len(blocks) or 1
    link_words = [w for w, block in zip(words, blocks) if block.link_density > 0.5]
    row = [
        len(link_words) / count,
        sum(link_words) / total_words,
        total_words / count,
        sum(map(str.endswith, texts, repeat((".", "!", "?", "。")))) / count,
    ]
    kept = sum(body_words)
    paragraphs = len(body)
    row += [
        _log(kept),
        kept / total_words,
        _log(paragraphs),
        kept / paragraphs if paragraphs else 0.0,
        float(byline),
        float(date),
        _log(len(PRICE.findall(head))),
    ]
    hints: Counter = Counter()
    for found, number in Counter(elements.hints).items():  # the same few sets, shared
        for hint in found:
            hints[hint] += number
    row += [
        _log(hints[h]) for h in ("comment", "related", "byline", "date", "share", "nav", "article")
    ]
    voice = Counter(map(_VOICE_GROUP.__getitem__, VOICE.findall(kept_text.sample)))
    sample_words = len(kept_text.sample_words) or 1
    row += [voice[k] / sample_words for k in range(3)]
    block_tags = Counter(map(_TAG_OF, blocks))
    heading = sum(block_tags[tag] for tag in ("h1", "h2", "h3", "h4", "h5", "h6"))
    short = sum(n < 8 for n in body_words)
    row += [
        heading / count,
        short / paragraphs if paragraphs else 0.0,
        block_tags["p"] / count,
    ]
    return row


def _kind_words(text: str) -> list[float]:
    """How often (per 100 words) lower-case *text* uses the words of each of :data:`KIND_WORDS`.

    >>> _kind_words("add to cart: in stock. reviews (3)")
    [0.0, 0.0, 0.0, 50.0, 0.0, 0.0]
    >>> _kind_words("within stockholm")  # (phrases are whole words)
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    """
    words = _LATIN_WORD.findall(text)
    found = [0] * len(KIND_WORDS)
    kind_of = _KIND_OF
    counted = Counter(words)
    for word in counted.keys() & kind_of.keys():  # (the few kind words of the page, in C)
        found[kind_of[word]] += counted[word]
    for at, kind in enumerate(KIND_WORDS):
        # (the whole-word search only where one of the phrases is in the text at all)
        if kind in _KIND_PHRASE and any(map(text.__contains__, KIND_PHRASES[kind])):
            found[at] += len(_KIND_PHRASE[kind].findall(text))
    per = 100 / (len(words) or 1)
    return [per * number for number in found]


def _head(texts: Sequence[str], chars: int) -> str:
    """``"\\n".join(texts)[:chars]``, joining only the texts it needs.

    >>> _head(["ab", "cd", "ef"], 4), _head(["ab"], 4)
    ('ab\\nc', 'ab')
    """
    # (the first text that ends beyond *chars*, found by C code, not a loop over the texts)
    sizes = list(accumulate(map((1).__add__, map(len, texts))))
    count = bisect_right(sizes, chars) + 1
    return "\n".join(texts[:count])[:chars] if count <= len(texts) else "\n".join(texts)


#: Pages typed by walking the trees before they are compiled.
WALKED_PAGES = 100


class PageTypeModel:
    """One tree ensemble per page type over :data:`FEATURES` rows, as exported by
    ``scripts/train_pagetype.py``; the type's probability is the softmax of the sums."""

    def __init__(self, data: dict, features: Sequence[str] = FEATURES) -> None:
        #: The features its rows hold: :data:`FEATURES` for HTML pages, or those of text
        #: dumps (:data:`newsclean.extract.texttype.FEATURES`).
        self.features = tuple(features)
        if data.get("features") != list(features) or data.get("types") != list(TYPES):
            raise ValueError("page-type model: its features or types are not this version's")
        self.data = data
        self._sums = [TreeSum(trees, walked=WALKED_PAGES) for trees in data["trees"]]

    @classmethod
    def load(cls, path: str | Path, features: Sequence[str] = FEATURES) -> PageTypeModel:
        return cls(json.loads(Path(path).read_text(encoding="utf-8")), features)

    def probabilities(self, row: Sequence[float]) -> list[float]:
        """The probability of each of :data:`TYPES` for *row*.

        The first :data:`WALKED_PAGES` pages walk the tree arrays; then the trees are
        compiled (:class:`~newsclean.extract.trees.TreeSum`), so a command cleaning one
        page does not pay for compiling them.
        """
        raw = [add(row) for add in self._sums]
        top = max(raw)
        exps = [math.exp(value - top) for value in raw]
        total = sum(exps)
        return [value / total for value in exps]

    def predict(self, row: Sequence[float]) -> tuple[str, float]:
        """The most likely type and its probability."""
        probabilities = self.probabilities(row)
        best = max(range(len(TYPES)), key=probabilities.__getitem__)
        return TYPES[best], probabilities[best]


#: The models loaded from files, by path.
_LOADED: dict[Path, PageTypeModel] = {}


def resolve_model(
    choice: Any, default: Path, features: Sequence[str], kinds: tuple[str, str]
) -> PageTypeModel | Any | None:
    """The model an ``Options.page_type_model`` value asks for, for rows of *features*:
    None or True the model shipped at *default* (when it is), False none, a path or a model
    that one. *kinds* names the input these rows are of and the other one: a model for
    the other is refused with a ValueError."""
    if choice is False:
        return None
    if choice is None or choice is True:
        if default not in _LOADED:
            if not default.exists():
                return None
            _LOADED[default] = PageTypeModel.load(default, features)
        return _LOADED[default]
    model = choice if hasattr(choice, "predict") else PageTypeModel.load(choice, features)
    if tuple(getattr(model, "features", features)) != tuple(features):
        raise ValueError(f"this page-type model reads {kinds[1]}, not {kinds[0]}")
    return model


def resolve(choice: Any) -> Any:
    """The model *choice* asks for, for an HTML page (:func:`resolve_model`)."""
    return resolve_model(choice, DEFAULT_PATH, FEATURES, ("HTML pages", "text dumps"))


def set_type(document: Any, typer: Any, row: Sequence[float]) -> None:
    """Set *document*'s ``page_type`` and ``page_type_confidence`` as *typer* reads *row*."""
    document.page_type, confidence = typer.predict(row)
    document.page_type_confidence = round(confidence, 3)


def classify(
    choice: Any,
    structure: Any,
    page_blocks: Any,
    meta: Any,
    body: Sequence[str],
    marks: tuple[bool, bool],
) -> tuple[str, float, float | None] | None:
    """The page's type, its probability and the probability that it is an article (both
    rounded; the latter only read for another type less sure than
    :data:`~newsclean.extract.html.bytype.CONFIDENCE`, else None), by the model *choice* asks for (see :func:`resolve`; None: no model), from
    the page's structure, blocks and markup metadata, the body paragraphs the rules kept
    and whether the page has a byline and a date (*marks*)."""
    typer = resolve(choice)
    if typer is None:
        return None
    row = page_row(
        structure.elements, page_blocks, meta.types, meta.og_type, body, marks[0], marks[1], meta
    )
    probabilities = typer.probabilities(row) if isinstance(typer, PageTypeModel) else None
    if probabilities is not None:  # (the sums once, for the type and the article's chance)
        best = max(range(len(TYPES)), key=probabilities.__getitem__)
        kind, confidence = TYPES[best], probabilities[best]
    else:
        kind, confidence = typer.predict(row)
    article = None
    if kind != "article" and confidence < CONFIDENCE:
        probabilities = probabilities or typer.probabilities(row)
        article = round(probabilities[TYPES.index("article")], 3)
    return kind, round(confidence, 3), article
