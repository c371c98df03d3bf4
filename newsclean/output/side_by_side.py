"""``newsclean diff --side-by-side``: the raw line and its fate beside it, fitted to the terminal's width."""

from __future__ import annotations

import unicodedata

from newsclean.output.diff import (
    BLANK,
    KEPT,
    MARKERS,
    MOVED,
    REMOVED,
    STYLES,
    DiffView,
    Fold,
    Segment,
    fold,
    printable,
    render_summary,
    summary_lines,
)

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
