"""One document, one way: bytes → decode → repair → extract → :class:`Document`.

Plain text is read line by line; an HTML page is first parsed into text blocks
that carry DOM evidence (:mod:`newsclean.extract.html.blocks`), and its own metadata
(title, author, date, site name, language) fills what the text does not give.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from newsclean.document import Decision, Document, Removal
from newsclean.notice import Notice
from newsclean.options import Options
from newsclean.text.decode import Decoded, decode
from newsclean.text.repair import Repaired, repair

if TYPE_CHECKING:  # pragma: no cover
    from newsclean.extract.features import Line


def clean(
    data: bytes | str,
    options: Options | None = None,
    *,
    source: str | None = None,
    hint: str | None = None,
    **kwargs: Any,
) -> Document:
    """Clean one scraped page and return the article with its metadata.

    *data* is the raw bytes of a file (the encoding is detected) or text that is
    already decoded; it may be a text dump of a page or its HTML. Options are an
    :class:`Options` object, keyword overrides, or both
    (``clean(data, favor="precision")``). ``clean`` never refuses input: empty or
    binary data gives an empty document (the command line checks input first with
    :func:`newsclean.io.sniff.check_input`). gzip, bzip2, xz and zstd bytes are
    decompressed first (up to ``max_bytes``); data that does not decompress is
    read as the bytes it is (the command line refuses it with its reason). *hint* is
    a charset the transport gave (the HTTP ``Content-Type`` of a page from a web
    archive): see :func:`newsclean.text.decode.decode`.
    """
    from newsclean.io.html_sniff import looks_like_html

    opts = Options.from_kwargs(options, **kwargs)
    decoded: Decoded | None = None
    if isinstance(data, (bytes, bytearray, memoryview)):
        from newsclean.errors import InputError
        from newsclean.io.files import decompress

        try:
            data = decompress(bytes(data), opts.max_bytes)
        except InputError:
            data = bytes(data)
        decoded, html = decode_input(data, opts, hint)
        text = decoded.text
    else:
        text = data
        html = opts.input == "html" or (opts.input == "auto" and looks_like_html(text))
    nuls = text.count("\x00")
    if html:
        # Valid UTF-8 bytes go to the parser as they are (it reads them without a copy),
        # and then the decoded text is not read again.
        raw = (
            data
            if isinstance(data, bytes)
            and decoded is not None
            and decoded.method == "utf-8"
            and b"\x00" not in data
            else None
        )
        document = _clean_html(text if raw is not None else normalize_newlines(text), opts, raw)
    else:
        document = _clean_text(normalize_newlines(text), opts)
    document.decoded = decoded
    document.source = source
    if nuls:
        document.warnings.append(
            Notice("nul-removed", f"{nuls} NUL character{'s' * (nuls != 1)} removed from the input")
        )
    flag_thin(document)
    return document


#: A page whose kept text has fewer words than this, or less than this share of the
#: prose in its input, gets a ``thin`` warning (an index page, a teaser, a paywall).
THIN_WORDS = 50
THIN_SHARE = 0.05
#: An input line counts as prose when it has this many words and ends like a sentence
#: (or is twice as long, whatever its end).
PROSE_WORDS = 8


def prose_words(document: Document) -> int:
    """Words in the input lines that read as sentences (menus, buttons and lists left out)."""
    from newsclean.extract.features import SENTENCE_END
    from newsclean.extract.languages import word_count

    total = 0
    for decision in document.decisions:
        text = decision.text.strip()
        if not text:
            continue
        count = word_count(text)
        if count >= 2 * PROSE_WORDS or (count >= PROSE_WORDS and text.endswith(SENTENCE_END)):
            total += count
    return total


def kept_words(document: Document) -> int:
    """The words *document* kept: its title's and its paragraphs'."""
    from newsclean.extract.languages import word_count, word_counts

    return word_count(document.title) + sum(word_counts(document.paragraphs))


def kept_share(document: Document) -> float:
    """The share of the words of *document*'s lines that it kept."""
    total = sum(len(d.text.split()) for d in document.decisions)
    kept = sum(len(d.text.split()) for d in document.decisions if d.keep)
    return kept / total if total else 0.0


def flag_thin(document: Document) -> None:
    """Add (or refresh) the ``thin`` warning: under :data:`THIN_WORDS` words kept, or under
    :data:`THIN_SHARE` of the input's prose words."""
    document.warnings[:] = [w for w in document.warnings if w.code != "thin"]
    kept = kept_words(document)
    # A line of n characters has at most (n + 1) // 2 words: when even that bound leaves
    # the kept text over its share, the prose need not be counted (most pages). (The sum
    # of (n + 1) // 2 is half the sum of the lengths and of the odd lengths.)
    sizes = [len(decision.text) for decision in document.decisions]
    most = (sum(sizes) + sum(map((1).__and__, sizes))) // 2
    prose = prose_words(document) if kept >= THIN_WORDS and kept < THIN_SHARE * most else 0
    if kept < THIN_WORDS:
        message = f"thin result: {kept} word{'s' * (kept != 1)} kept (fewer than {THIN_WORDS})"
    elif kept < THIN_SHARE * prose:
        message = (
            f"thin result: {kept:,} words kept of {prose:,} words of prose in the input "
            f"(less than {THIN_SHARE:.0%})"
        )
    else:
        return
    document.warnings.append(Notice("thin", message))


def decode_input(data: bytes, options: Options, hint: str | None = None) -> tuple[Decoded, bool]:
    """Decode a file's bytes; for an HTML page its ``<meta charset>`` joins the ladder.

    Returns the decoding and whether the input is HTML (by ``options.input``, or
    recognised by its markup).
    """
    from newsclean.io.html_sniff import declared_charset, head_text, looks_like_html

    html = options.input == "html" or (options.input == "auto" and looks_like_html(head_text(data)))
    declared = declared_charset(data) if html else None
    return decode(data, options.encoding, declared=declared, hint=hint), html


def _repair(text: str, options: Options) -> Repaired:
    return repair(text) if options.repair else Repaired(text)


def _with_repairs(document: Document, fixed: Repaired) -> Document:
    """Record on *document* the repairs (and their warnings) made to its text."""
    document.repairs = list(fixed.repairs)
    document.warnings.extend(fixed.warnings)
    return document


#: The page type's probability from which a text dump with a byline or a date is read as
#: its type asks (the whole dump), rather than as an article.
NEWS_TYPE_CONFIDENCE = 0.65


def _clean_text(text: str, options: Options) -> Document:
    from newsclean.extract.judge import Reading, finish, read_lines
    from newsclean.extract.layout import normalize, unmark_paragraphs
    from newsclean.extract.textmeta import late_date, page_title_headline

    model = None
    if options.line_model is not False:
        from newsclean.extract.linemodel import resolve

        model = resolve(options.line_model)
    fixed = _repair(text, options)
    inputs = fixed.text.split("\n")
    lines, numbers = normalize(inputs)
    read: list[Line] = []
    reading = read_lines(lines, options, read=read)
    first = reading if isinstance(reading, Reading) else None
    # (the body lines the rules kept, before the model: the page type reads them)
    kept = first.body() if first is not None else []
    document = finish(first, line_model=model) if first is not None else cast(Document, reading)
    if options.page_type_model is not False:
        from newsclean.extract.html.bytype import DUMP_CONFIDENCE, profile_for
        from newsclean.extract.texttype import classify

        classify(document, options.page_type_model, lines, kept, read)
        confidence = document.page_type_confidence
        if confidence is not None and (document.byline or document.date):
            # A dump whose article reading found a byline or a date reads like a news story:
            # it is read whole only when the type is surer (a news page read whole keeps its menus).
            confidence = confidence if confidence >= NEWS_TYPE_CONFIDENCE else 0.0
        if options.follow_type and profile_for(document.page_type, confidence, DUMP_CONFIDENCE):
            # No article: its content is the whole dump that no rule rejects, not one run of
            # prose. The lines and their features are those of the first reading.
            whole = read_lines(lines, options, previous=first, whole_page=True)
            again = finish(whole, line_model=model) if isinstance(whole, Reading) else whole
            again.page_type = document.page_type
            again.page_type_confidence = document.page_type_confidence
            document = again
    if first is not None:
        # (a text that reads as cleaned already keeps its first line for the headline)
        document.title = page_title_headline(read, document.title, document.paragraphs) or ""
        if not document.date and document.page_type in (None, "article"):
            document.date = late_date(read, document.language)
    document.paragraphs = unmark_paragraphs(document.paragraphs)
    if numbers is not None:
        renumber(document, numbers, inputs)
    return _with_repairs(document, fixed)


def renumber(document: Document, numbers: list[int], inputs: list[str]) -> None:
    """Give *document* one decision (and one removal for a dropped line) per line of its
    *inputs*: the extractor judged the lines after wrapped paragraphs were joined, the
    joined line *k* beginning at input line ``numbers[k]``; every input line of a joined
    line gets that line's verdict."""
    ends = [*numbers[1:], len(inputs) + 1]
    decisions: list[Decision] = []
    removed: list[Removal] = []
    dropped = {removal.line: removal for removal in document.removed}
    for d in document.decisions:
        removal = dropped.get(d.line)
        for line in range(numbers[d.line - 1], ends[d.line - 1]):
            text = inputs[line - 1]
            decisions.append(Decision(line, text, d.keep, d.role, d.reason, d.rule, d.evidence))
            if removal is not None:
                removed.append(
                    Removal(line, text.strip(), removal.reason, removal.rule, removal.evidence)
                )
    document.decisions[:] = decisions
    document.removed[:] = removed


def _clean_html(text: str, options: Options, raw: bytes | None = None, hidden_of=None) -> Document:
    """*text* (or its UTF-8 *raw* bytes) read as an HTML page; with *hidden_of* (the page's
    parsed tree), read again with its hidden elements."""
    from newsclean.extract.html.blocks import blocks, hides_tabs, hides_text, parse, title_text
    from newsclean.extract.html.dom import structure_lines
    from newsclean.extract.html.meta import fill_from_markup, page_meta, settle_metadata
    from newsclean.extract.judge import Reading, finish, read_lines

    show_hidden = hidden_of is not None
    tree = hidden_of if show_hidden else parse(raw if raw is not None else text)
    meta = page_meta(tree)
    page_blocks = blocks(tree, show_hidden)
    title = title_text(tree)
    lines, structure = structure_lines(title, page_blocks)
    structure.headline = meta.headline
    model = None
    if options.block_model is not False:
        from newsclean.extract.blockmodel import resolve

        model = resolve(options.block_model)
    fixed = _repair("\n".join(lines), options)
    fixed_lines = fixed.text.split("\n")
    # An HTML page is never taken for a text that reads as clean: read_lines gives a Reading.
    reading = cast(Reading, read_lines(fixed_lines, options, structure))
    typed = None
    document: Document | None = None
    if options.page_type_model is not False:
        from newsclean.extract.html.bytype import THIN_READING, profile_for, unsure_profile
        from newsclean.extract.html.meta import rules_marks
        from newsclean.extract.html.pagetype import classify

        # The type reads what the rules kept, before the block model; the model then judges
        # the lines once, of the reading the type asks for (a forum's replies, a listing's items).
        marks = rules_marks(reading, meta)
        typed = classify(
            options.page_type_model, structure, page_blocks, meta, reading.body(), marks
        )
        profile = profile_for(*typed[:2]) if typed is not None else None
        unsure = unsure_profile(*typed) if typed is not None and profile is None else None
        if unsure is not None and options.follow_type:
            # Surely no article, though of no sure type: read as an article first, and as
            # the likeliest type when that reading keeps little of the page.
            structure.model = model
            first = finish(reading, structure)
            if kept_share(first) < THIN_READING:
                profile = unsure
            else:
                document = first
        if profile is not None and options.follow_type:
            previous: Reading | None = reading
            if profile.tabs and not show_hidden and hides_tabs(tree):
                # The panels of a set of tabs are one content shown a view at a time.
                page_blocks, previous = blocks(tree, show_tabs=True), None
                fixed = _repair("\n".join(structure_lines(title, page_blocks)[0]), options)
                fixed_lines = fixed.text.split("\n")
            _, structure = structure_lines(None, page_blocks)
            structure.headline, structure.profile = meta.headline, profile
            model = model if profile.model else None
            reading = cast(Reading, read_lines(fixed_lines, options, structure, previous))
    if document is None:
        structure.model = model
        document = finish(reading, structure)
    document = _with_repairs(document, fixed)
    if typed is not None:
        document.page_type, document.page_type_confidence = typed[:2]
    settle_metadata(document, meta)
    fill_from_markup(document, meta)
    if not show_hidden and kept_words(document) < THIN_WORDS and hides_text(tree):
        # Some pages hide their text until a script shows it (a deferred block with
        # display: none, a streamed <div hidden>, collapsed tabs): read them with their
        # hidden elements, and keep that reading when it holds twice the words.
        shown = _clean_html(text, options, raw, hidden_of=tree)
        if kept_words(shown) >= 2 * max(kept_words(document), 10):
            shown.warnings.append(
                Notice("hidden-text", "the page hides its text: its hidden elements were read")
            )
            return shown
    return document


def normalize_newlines(text: str) -> str:
    r"""Turn CRLF and lone CR into LF and drop NUL characters.

    >>> normalize_newlines("a\r\nb\rc\x00")
    'a\nb\nc'
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\x00", "")
