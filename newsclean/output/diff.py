"""Inspect a cleaned page: the input line by line against what was kept.

:func:`build_view` turns a :class:`~newsclean.document.Document` into a
:class:`DiffView`, one :class:`LineView` per input line (kept, removed with its
reason, moved to metadata, or blank) with the repaired spans placed on their
lines. The view reads only :attr:`Document.decisions`, :attr:`Document.removed`
and :attr:`Document.repairs`, so it works for any input the classifier judges,
plain text or HTML blocks.

The renderers here (:func:`render_plain`, :func:`render_rich`,
:func:`render_side_by_side`, :func:`render_summary`) write the terminal view;
:mod:`newsclean.output.report` writes the HTML one from the same view.

The plain format, one line of output per input line, is stable: the first two
characters say what happened to the line.

==========  =============================================================
``"  "``    kept in the article text
``"~ "``    kept, with repaired spans (the repaired text is shown)
``"- "``    removed; ends with ``  [REASON: RULE]``
``"> "``    moved to metadata; ends with ``  [ROLE: RULE]`` (title, byline,
            dateline, caption, date)
``"    "``  (four spaces) a repair on the line above: ``BEFORE → AFTER  (UNDONE)``
``"@@"``    folded run of lines (``--context``)
``"# "``    summary
``"==>"``   the name of the input, when there are several
==========  =============================================================

Blank input lines are empty output lines. Line text is shown without its
leading and trailing whitespace, so a line that starts with four spaces is
always a repair.

>>> from newsclean.document import Decision, Document, Removal
>>> doc = Document(title="Storm", paragraphs=["Schools closed."], decisions=[
...     Decision(1, "Skip to content", False, "boilerplate", "nav", "skip-link"),
...     Decision(2, "Storm", True, "title", rule="headline"),
...     Decision(3, "", False, "blank"),
...     Decision(4, "Schools closed.", True, "body")],
...     removed=[Removal(1, "Skip to content", "nav", "skip-link")])
>>> print(render_plain(build_view(doc)), end="")
- Skip to content  [nav: skip-link]
> Storm  [title: headline]
<BLANKLINE>
  Schools closed.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from newsclean.document import Document
from newsclean.notice import Notice
from newsclean.text.record import Step, describe

#: Roles whose line leaves the body for a metadata field.
METADATA_ROLES = ("title", "byline", "dateline", "caption", "date", "site_name")

KEPT, REPAIRED, REMOVED, MOVED, BLANK = "kept", "repaired", "removed", "moved", "blank"
MARKERS = {KEPT: "  ", REPAIRED: "~ ", REMOVED: "- ", MOVED: "> ", BLANK: ""}
#: Prefix of the line that shows one repair, under the line it belongs to.
REPAIR_INDENT = "    "
ARROW = " → "


@dataclass(frozen=True)
class LineRepair:
    """A repair placed on a line: ``column`` is where ``after`` starts in the line's text."""

    column: int
    before: str
    after: str
    #: What was undone (see :class:`newsclean.text.record.Step`).
    undone: tuple[Step, ...]

    @property
    def description(self) -> str:
        """What was undone, in words."""
        return describe(self.undone)


@dataclass(frozen=True)
class LineView:
    """What happened to one input line."""

    number: int
    #: The line as the classifier saw it (after repair), whitespace included.
    text: str
    #: kept, repaired, removed, moved or blank.
    status: str
    #: The role the classifier gave the line (body, title, caption, boilerplate...).
    role: str = ""
    reason: str = ""
    rule: str = ""
    evidence: str = ""
    repairs: tuple[LineRepair, ...] = ()

    @property
    def raw(self) -> str:
        """The line as it was read, before its repairs."""
        text = self.text
        for rep in sorted(self.repairs, key=lambda r: r.column, reverse=True):
            text = text[: rep.column] + rep.before + text[rep.column + len(rep.after) :]
        return text

    def pieces(self, text: str, lead: int = 0) -> Iterator[tuple[str, LineRepair | None]]:
        """*text* (the line's text from column *lead* on) cut at its repaired spans.

        Yields ``(piece, None)`` for plain text and ``(piece, repair)`` for a span
        holding ``repair.after``; repairs that overlap or fall outside *text* are
        left out.
        """
        pos = 0
        for rep in sorted(self.repairs, key=lambda r: r.column):
            start = rep.column - lead
            end = start + len(rep.after)
            if start < pos or start < 0 or end > len(text):
                continue
            yield text[pos:start], None
            yield text[start:end], rep
            pos = end
        yield text[pos:], None

    @property
    def label(self) -> str:
        """The bracketed annotation without brackets: ``nav: skip-link``, ``title``, ``""``."""
        if self.status == REMOVED:
            what = self.reason or self.role
        elif self.status == MOVED:
            what = self.role
            if self.reason and self.reason != self.role:
                what = f"{self.role} ({self.reason})"
        else:
            return ""
        return f"{what}: {self.rule}" if self.rule else what

    @property
    def foldable(self) -> bool:
        """Lines with repairs, and metadata, are always shown."""
        return self.status in (KEPT, REMOVED) and not self.repairs


@dataclass(frozen=True)
class Summary:
    """The figures under a diff, all read from the Document."""

    lines: int
    lines_kept: int
    lines_removed: int
    blank: int
    removed_by_reason: dict[str, int]
    moved_by_role: dict[str, int]
    repairs: int
    repairs_by_kind: dict[str, int]
    characters_in: int
    characters_removed: int
    encoding: dict | None
    metadata: dict[str, str]
    warnings: tuple[Notice, ...] = ()

    @property
    def share_removed(self) -> float:
        """Removed characters over input characters, 0 to 1."""
        if not self.characters_in:
            return 0.0
        return min(1.0, self.characters_removed / self.characters_in)

    def to_dict(self) -> dict:
        return {
            "lines": self.lines,
            "lines_kept": self.lines_kept,
            "lines_removed": self.lines_removed,
            "blank": self.blank,
            "removed_by_reason": dict(self.removed_by_reason),
            "moved_by_role": dict(self.moved_by_role),
            "repairs": self.repairs,
            "repairs_by_kind": dict(self.repairs_by_kind),
            "characters_in": self.characters_in,
            "characters_removed": self.characters_removed,
            "share_removed": round(self.share_removed, 4),
            "encoding": self.encoding,
            "metadata": dict(self.metadata),
            "warnings": [w.to_dict() for w in self.warnings],
        }


@dataclass(frozen=True)
class DiffView:
    """A document as lines to show, with the repairs that no line could hold."""

    source: str | None
    lines: tuple[LineView, ...]
    summary: Summary
    unplaced_repairs: tuple[LineRepair, ...] = field(default=())


# ---------------------------------------------------------------- the view model


def build_view(document: Document) -> DiffView:
    """One :class:`LineView` per decision, repairs placed, and the summary."""
    decisions = sorted(document.decisions, key=lambda d: d.line)
    removed = {r.line: r for r in document.removed}
    placed, unplaced = _place_repairs(document, [d.text for d in decisions])
    lines = []
    for index, d in enumerate(decisions):
        repairs = tuple(placed.get(index, ()))
        removal = removed.get(d.line)
        reason = d.reason or (removal.reason if removal else "")
        rule = d.rule or (removal.rule if removal else "")
        evidence = d.evidence or (removal.evidence if removal else "")
        if d.role == "blank" or not d.text.strip():
            status = BLANK
        elif d.role in METADATA_ROLES:
            status = MOVED
        elif not d.keep or removal is not None:
            status = REMOVED
        else:
            status = REPAIRED if repairs else KEPT
        lines.append(LineView(d.line, d.text, status, d.role, reason, rule, evidence, repairs))
    return DiffView(document.source, tuple(lines), summarize(document, lines), tuple(unplaced))


def _place_repairs(
    document: Document, texts: list[str]
) -> tuple[dict[int, list[LineRepair]], list[LineRepair]]:
    """Map repairs (offsets into the text before repair) onto the decided lines.

    Repairs are recorded against the whole text; the lines the classifier saw are
    the repaired text split at newlines. Each repair is checked where its offsets
    put it; when they do not fit (lines re-segmented, as HTML blocks are) it is
    looked up by its repaired text, and kept aside when no line holds it.
    """
    placed: dict[int, list[LineRepair]] = {}
    unplaced: list[LineRepair] = []
    if not document.repairs:
        return placed, unplaced
    joined = "\n".join(texts)
    starts, pos = [], 0
    for text in texts:
        starts.append(pos)
        pos += len(text) + 1
    delta = 0
    cursor = 0  # the line search continues from the last line placed
    for rep in sorted(document.repairs, key=lambda r: r.start):
        at = rep.start + delta
        delta += len(rep.after) - len(rep.before)
        index = -1
        if at >= 0 and joined[at : at + len(rep.after)] == rep.after and "\n" not in rep.after:
            index = bisect.bisect_right(starts, at) - 1
            column = at - starts[index]
        else:
            for i in list(range(cursor, len(texts))) + list(range(0, cursor)):
                taken = {r.column for r in placed.get(i, [])}
                column = texts[i].find(rep.after) if rep.after else -1
                while column >= 0 and column in taken:
                    column = texts[i].find(rep.after, column + 1)
                if column >= 0:
                    index = i
                    break
        line_repair = LineRepair(column if index >= 0 else -1, rep.before, rep.after, rep.undone)
        if index < 0:
            unplaced.append(line_repair)
            continue
        placed.setdefault(index, []).append(line_repair)
        cursor = index
    return placed, unplaced


def summarize(document: Document, lines: Sequence[LineView] | None = None) -> Summary:
    """The figures of a document: lines by fate, removals by reason, repairs, encoding, share removed."""
    if lines is None:
        lines = build_view(document).lines
    stats = document.stats
    metadata = {}
    for key in ("title", "byline", "dateline", "date", "site_name", "language"):
        value = getattr(document, key)
        if value:
            metadata[key] = value
    if document.captions:
        metadata["captions"] = str(len(document.captions))
    return Summary(
        lines=stats["lines"],
        lines_kept=stats["lines_kept"],
        lines_removed=stats["lines_removed"],
        blank=sum(line.status == BLANK for line in lines),
        removed_by_reason=stats["removed_by_reason"],
        moved_by_role=dict(Counter(line.role for line in lines if line.status == MOVED)),
        repairs=len(document.repairs),
        repairs_by_kind={
            describe(undone): n
            for undone, n in Counter(r.undone for r in document.repairs).most_common()
        },
        characters_in=stats["characters_in"],
        characters_removed=sum(len(r.text) for r in document.removed),
        encoding=document.decoded.to_dict() if document.decoded else None,
        metadata=metadata,
        warnings=tuple(document.warnings),
    )


# ---------------------------------------------------------------- folding


@dataclass(frozen=True)
class Fold:
    """A run of lines left out of the view (``--context``)."""

    status: str
    lines: tuple[LineView, ...]

    @property
    def counts(self) -> Counter:
        return Counter((line.reason or line.role) for line in self.lines if line.status != BLANK)

    @property
    def size(self) -> int:
        return sum(line.status != BLANK for line in self.lines)

    def describe(self) -> str:
        """``@@ 37 removed lines (nav ×30, share ×7) @@``."""
        noun = "line" if self.size == 1 else "lines"
        detail = ""
        if self.status == REMOVED:
            detail = (
                " ("
                + ", ".join(
                    f"{reason} ×{n}"
                    for reason, n in sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0]))
                )
                + ")"
            )
        return f"@@ {self.size} {self.status} {noun}{detail} @@"


def fold(lines: Sequence[LineView], context: int | None) -> list[LineView | Fold]:
    """Fold the middle of runs of kept or removed lines, keeping *context* lines at each end.

    A run is a stretch of lines of one fate (blank lines inside it belong to it);
    lines with repairs and metadata lines end a run and are always shown. A run is
    folded only when that hides at least two lines. ``None`` folds nothing.

    >>> view = [LineView(i, "x", REMOVED, reason="nav") for i in range(1, 8)]
    >>> [getattr(item, "number", None) or item.describe() for item in fold(view, 1)]
    [1, '@@ 5 removed lines (nav ×5) @@', 7]
    """
    if context is None:
        return list(lines)
    out: list[LineView | Fold] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.foldable:
            out.append(line)
            i += 1
            continue
        j, last = i, i
        while j < len(lines) and (
            lines[j].status == BLANK or (lines[j].foldable and lines[j].status == line.status)
        ):
            if lines[j].status != BLANK:
                last = j
            j += 1
        run = lines[i : last + 1]
        content = [k for k, item in enumerate(run) if item.status != BLANK]
        if len(content) - 2 * context >= 2:
            head_end = content[context - 1] + 1 if context else 0
            tail_start = content[len(content) - context] if context else len(run)
            out.extend(run[:head_end])
            out.append(Fold(line.status, tuple(run[head_end:tail_start])))
            out.extend(run[tail_start:])
        else:
            out.extend(run)
        i = last + 1
    return out


# ---------------------------------------------------------------- plain and rich lines

#: Styles of the rich renderer, by segment kind.
STYLES = {
    "kept": "",
    "repaired": "",
    "removed": "red",
    "moved": "cyan",
    "marker-removed": "bold red",
    "marker-moved": "bold cyan",
    "marker-repaired": "bold yellow",
    "label": "yellow",
    "label-moved": "bright_cyan",
    "before": "red strike",
    "after": "bold green",
    "undone": "dim",
    "span": "underline green",
    "fold": "magenta",
    "summary": "dim",
    "header": "bold",
    "number": "dim",
}

Segment = tuple[str, str]


def printable(text: str) -> str:
    r"""Show control and format characters (terminal escapes, bidi overrides) as escapes.

    >>> printable("a\x1b[31mb\u202e")
    'a\\x1b[31mb\\u202e'
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def _line_segments(line: LineView, numbers: bool) -> list[list[Segment]]:
    """The output lines (as styled segments) for one input line and its repairs."""
    if line.status == BLANK:
        return [[("", "")]]
    shown = line.text.strip()
    lead = len(line.text) - len(line.text.lstrip())
    marker = MARKERS[line.status]
    segments: list[Segment] = [(marker, f"marker-{line.status}" if line.status != KEPT else "")]
    if numbers:
        segments.append((f"{line.number:>5} ", "number"))
    segments.extend(
        (printable(piece), "span" if rep else line.status)
        for piece, rep in line.pieces(shown, lead)
    )
    if line.label:
        segments.append(
            (
                "  [" + printable(line.label) + "]",
                "label-moved" if line.status == MOVED else "label",
            )
        )
    out = [segments]
    for rep in line.repairs:
        out.append(_repair_segments(rep))
    return out


def _repair_segments(rep: LineRepair) -> list[Segment]:
    before, after, note = repair_excerpt(rep.before, rep.after)
    return [
        (REPAIR_INDENT, ""),
        (printable(before), "before"),
        (ARROW, ""),
        (printable(after), "after"),
        (f"  ({printable(rep.description)}{note})", "undone"),
    ]


#: A repair longer than this (a paragraph read in the wrong encoding) is shown as its
#: first change with :data:`REPAIR_CONTEXT` characters on each side, not whole.
LONG_REPAIR = 80
REPAIR_CONTEXT = 30
#: How far into a long repair its first change is looked for.
_EXCERPT_SEARCH = 400


def repair_excerpt(
    before: str, after: str, context: int = REPAIR_CONTEXT, longest: int = LONG_REPAIR
) -> tuple[str, str, str]:
    """A long repair cut to its first change and *context* characters around it.

    Returns the two excerpts (``…`` where cut) and a note saying how long the whole
    span is ("" when nothing was cut); the line above the repair shows the rest.

    >>> repair_excerpt("CafÃ©", "Café")
    ('CafÃ©', 'Café', '')
    >>> b, a, note = repair_excerpt("x" * 60 + "Ã©" + "y" * 60, "x" * 60 + "é" + "y" * 60, context=3)
    >>> b, a, note
    ('…xxxÃ©yyy…', '…xxxéyyy…', '; first change of a 122-character span')
    """
    if len(before) <= longest and len(after) <= longest:
        return before, after, ""
    import difflib

    same = 0
    for x, y in zip(before, after):
        if x != y:
            break
        same += 1
    start = max(0, same - context)
    head_b, head_a = before[start : start + _EXCERPT_SEARCH], after[start : start + _EXCERPT_SEARCH]
    matcher = difflib.SequenceMatcher(None, head_b, head_a, autojunk=False)
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    end_b, end_a = (changes[0][2], changes[0][4]) if changes else (same - start, same - start)

    def cut(text: str, end: int) -> str:
        stop = start + end + context
        return ("…" if start else "") + text[start:stop] + ("…" if stop < len(text) else "")

    return (
        cut(before, end_b),
        cut(after, end_a),
        f"; first change of a {len(before):,}-character span",
    )


def view_segments(
    view: DiffView, context: int | None = None, numbers: bool = False, summary: bool = True
) -> list[list[Segment]]:
    """Every output line of the inline diff, as (text, style) segments."""
    rows: list[list[Segment]] = []
    for item in fold(view.lines, context):
        if isinstance(item, Fold):
            rows.append([(item.describe(), "fold")])
        else:
            rows.extend(_line_segments(item, numbers))
    if view.unplaced_repairs:
        rows.append([("# repairs not on any line:", "summary")])
        rows.extend(_repair_segments(rep) for rep in view.unplaced_repairs)
    if summary:
        rows.append([("", "")])
        rows.extend([(text, "summary")] for text in summary_lines(view.summary))
    return rows


def render_plain(
    view: DiffView, context: int | None = None, numbers: bool = False, summary: bool = False
) -> str:
    """The inline diff with the stable two-character markers (see the module doc)."""
    rows = view_segments(view, context, numbers, summary)
    return "".join("".join(text for text, _ in row).rstrip() + "\n" for row in rows)


def render_rich(
    view: DiffView, context: int | None = None, numbers: bool = False, summary: bool = False
) -> list:
    """The inline diff as :class:`rich.text.Text` lines: same text as plain, in colour."""
    from rich.text import Text

    out = []
    for row in view_segments(view, context, numbers, summary):
        line = Text(no_wrap=False, end="\n")
        for text, style in row:
            line.append(text, STYLES.get(style, "") or None)
        line.rstrip()
        out.append(line)
    return out


# ---------------------------------------------------------------- summary


def _percent(share: float) -> str:
    return f"{100 * share:.1f}%"


def summary_lines(summary: Summary) -> list[str]:
    """The summary under the diff, one ``# ``-prefixed line per figure.

    >>> s = Summary(3, 2, 1, 1, {"nav": 1}, {"title": 1}, 0, {}, 100, 25, None, {})
    >>> print("\\n".join(summary_lines(s)))
    # lines: 3 (2 kept, 1 removed, 1 blank)
    # removed by reason: nav 1
    # moved to metadata: title 1
    # repairs: none
    # encoding: text given already decoded
    # removed text: 25 of 100 characters (25.0%)
    """

    def counts(mapping: dict[str, int]) -> str:
        return ", ".join(f"{printable(k)} {v}" for k, v in mapping.items()) or "none"

    out = [
        f"# lines: {summary.lines} ({summary.lines_kept} kept, {summary.lines_removed} removed, "
        f"{summary.blank} blank)",
        f"# removed by reason: {counts(summary.removed_by_reason)}",
        f"# moved to metadata: {counts(summary.moved_by_role)}",
    ]
    if summary.repairs:
        kinds = "; ".join(f"{printable(k)} ×{v}" for k, v in summary.repairs_by_kind.items())
        out.append(f"# repairs: {summary.repairs} ({kinds})")
    else:
        out.append("# repairs: none")
    enc = summary.encoding
    if enc:
        extra = (
            f", {enc['replacements']} undecodable bytes replaced" if enc.get("replacements") else ""
        )
        out.append(
            f"# encoding: {enc['name']} (rung {enc['method']}, confidence "
            f"{enc['confidence']:.2f}{extra})"
        )
    else:
        out.append("# encoding: text given already decoded")
    out.append(
        f"# removed text: {summary.characters_removed:,} of {summary.characters_in:,} characters "
        f"({_percent(summary.share_removed)})"
    )
    if summary.metadata:
        parts = []
        for key, value in summary.metadata.items():
            value = printable(value)
            if len(value) > 60:
                value = value[:59] + "…"
            parts.append(f"{key} {value!r}" if key != "captions" else f"captions {value}")
        out.append("# metadata: " + "; ".join(parts))
    out.extend(f"# warning: {printable(w.message)}" for w in summary.warnings)
    return out


def render_summary(view: DiffView) -> str:
    return "".join(line + "\n" for line in summary_lines(view.summary))


# ---------------------------------------------------------------- side by side

#: Narrowest width at which the two columns are readable.
MIN_SIDE_BY_SIDE_WIDTH = 100


def _cell_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def cell_len(text: str) -> int:
    """Columns *text* takes in a terminal (wide East Asian characters count two).

    >>> cell_len("abc"), cell_len("中文")
    (3, 4)
    """
    return sum(_cell_width(ch) for ch in text)


def wrap_cells(text: str, width: int) -> list[str]:
    """Cut *text* into pieces of at most *width* columns, at a space when one is near.

    >>> wrap_cells("the quick brown fox", 9)
    ['the quick', 'brown fox']
    >>> wrap_cells("中文中文中", 4)
    ['中文', '中文', '中']
    """
    if width < 2:
        width = 2
    out: list[str] = []
    while text:
        cols, cut = 0, 0
        while cut < len(text):
            w = _cell_width(text[cut])
            if cols + w > width:
                break
            cols += w
            cut += 1
        if cut == len(text):
            out.append(text)
            break
        space = text.rfind(" ", 0, cut + 1)
        if space > cut // 2:
            out.append(text[:space].rstrip())
            text = text[space + 1 :]
        else:
            out.append(text[:cut])
            text = text[cut:]
    return out or [""]


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_len(text))


def side_by_side_rows(
    view: DiffView,
    width: int,
    context: int | None = None,
) -> list[list[Segment]]:
    """Input on the left (as read, before repair), the cleaned text on the right.

    Each row is at most *width* columns: ``NUMBER M LEFT | RIGHT``.
    """
    number_width = 5
    usable = width - number_width - 1 - 2 - 3
    left_width = usable // 2
    right_width = usable - left_width
    rows: list[list[Segment]] = []

    def add(
        number: str,
        marker: str,
        marker_style: str,
        left: str,
        left_style: str,
        right: str,
        right_style: str,
    ) -> None:
        lefts = wrap_cells(left, left_width) if left else [""]
        rights = wrap_cells(right, right_width) if right else [""]
        for k in range(max(len(lefts), len(rights))):
            l_text = lefts[k] if k < len(lefts) else ""
            r_text = rights[k] if k < len(rights) else ""
            rows.append(
                [
                    (f"{number if k == 0 else '':>{number_width}} ", "number"),
                    (marker if k == 0 else "  ", marker_style),
                    (_pad(l_text, left_width), left_style),
                    (" | ", "number"),
                    (r_text, right_style),
                ]
            )

    for item in fold(view.lines, context):
        if isinstance(item, Fold):
            text = item.describe()
            add("", "  ", "", text, "fold", text if item.status == KEPT else "", "fold")
            continue
        line = item
        if line.status == BLANK:
            rows.append([("", "")])
            continue
        raw = printable(line.raw.strip())
        clean = printable(line.text.strip())
        marker = MARKERS[line.status]
        mstyle = f"marker-{line.status}" if line.status != KEPT else ""
        if line.status == REMOVED:
            add(
                str(line.number),
                marker,
                mstyle,
                f"{raw}  [{printable(line.label)}]",
                "removed",
                "",
                "",
            )
        elif line.status == MOVED:
            add(
                str(line.number),
                marker,
                mstyle,
                raw,
                "moved",
                f"[{printable(line.label)}] {clean}",
                "moved",
            )
        else:
            add(str(line.number), marker, mstyle, raw, "", clean, "")
    return rows


def render_side_by_side(
    view: DiffView, width: int, context: int | None = None, summary: bool = False
) -> str:
    """The two-column view as plain text, every line at most *width* columns."""
    rows = side_by_side_rows(view, width, context)
    text = "".join("".join(t for t, _ in row).rstrip() + "\n" for row in rows)
    if summary:
        text += "\n" + render_summary(view)
    return text


def render_side_by_side_rich(
    view: DiffView, width: int, context: int | None = None, summary: bool = False
) -> list:
    from rich.text import Text

    out = []
    for row in side_by_side_rows(view, width, context):
        line = Text(no_wrap=True, overflow="crop", end="\n")
        for text, style in row:
            line.append(text, STYLES.get(style, "") or None)
        line.rstrip()
        out.append(line)
    if summary:
        out.append(Text(""))
        out.extend(Text(s, STYLES["summary"]) for s in summary_lines(view.summary))
    return out
