"""Find the article: the densest run of prose lines, then smooth its edges and judge the
lines inside it that are not prose by the lines around them (the context step).

Every non-blank line gets a score: prose lines add their size, everything else
costs a little (menus, link lists, widgets). The article region is the run of
lines with the largest total score (maximum subarray), which bridges the short
interruptions inside an article (an ad label, a caption, a subhead) but stops
at long stretches of menus and link lists.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsclean.extract.features import Line


@dataclass(frozen=True)
class Weights:
    """Scores of the line classes; shifted by ``Options.favor``."""

    good_cap: int = 80
    near_factor: float = 0.5
    short_cost: float = 3.0
    bad_cost: float = 6.0
    rule_cost: float = 8.0
    #: A prose line with no prose neighbour (a teaser between headlines) counts this much.
    isolated_factor: float = 0.5
    #: The k-th line of a run of non-prose lines costs (1 + k * run_growth) times more, at most run_cap.
    run_growth: float = 0.25
    run_cap: float = 2.0


def line_score(line: Line, weights: Weights) -> float:
    """How much one line adds to (or costs) a region.

    >>> from newsclean.extract.features import Line
    >>> line_score(Line(1, "x", "x", words=30, cls="good"), Weights())
    30
    >>> line_score(Line(1, "x", "x", words=2, cls="short"), Weights())
    -3.0
    """
    if line.cls == "good":
        return min(line.words, weights.good_cap)
    if line.cls == "near":
        return line.words * weights.near_factor
    if line.cls == "short":
        return -weights.short_cost
    if line.hit is not None:
        return -weights.rule_cost
    return -weights.bad_cost


def densest_run(scores: list[float]) -> tuple[int, int]:
    """Indices ``(start, end)`` (inclusive) of the run with the largest sum.

    Returns ``(0, -1)`` when no score is positive.

    >>> densest_run([-1, 5, -2, 6, -20, 4])
    (1, 3)
    >>> densest_run([-1, -2])
    (0, -1)
    """
    best, best_start, best_end = 0.0, 0, -1
    current, start = 0.0, 0
    for index, score in enumerate(scores):
        if current <= 0:
            current, start = score, index
        else:
            current += score
        if current > best:
            best, best_start, best_end = current, start, index
    return best_start, best_end


def find_region(lines: list[Line], weights: Weights) -> tuple[int, int]:
    """Positions in *lines* (non-blank lines only) of the first and last line of the article.

    ``(0, -1)`` when there is no prose at all.
    """
    scores = [line_score(line, weights) for line in lines]
    prose = [line.cls in ("good", "near") for line in lines]
    last = len(lines) - 1
    for index, line in enumerate(lines):
        if (
            line.cls == "good"
            and not (index > 0 and prose[index - 1])
            and not (index < last and prose[index + 1])
        ):
            scores[index] *= weights.isolated_factor
    # Long runs of non-prose lines (menus, tag lists, teaser blocks) separate more
    # than the one or two lines (an ad label, a subhead) that interrupt an article.
    run = 0
    for index, is_prose in enumerate(prose):
        if is_prose:
            run = 0
        else:
            scores[index] *= min(1.0 + run * weights.run_growth, weights.run_cap)
            run += 1
    start, end = densest_run(scores)
    # Comments follow the article: a comment section header ends the region.
    for index in range(start, end + 1):
        hit = lines[index].hit
        if hit is not None and hit.reason == "comment" and any(prose[start:index]):
            end = index - 1
            break
    return start, end


def extend_over_list(lines: list[Line], end: int, max_items: int = 80) -> int:
    """Extend the region's *end* over a list that an article line introduces.

    An article often ends with "The tour dates:" followed by one line per item
    (dates, places, scores) that read like nothing on their own. When one of
    the last lines of the region, or the line right after it, ends with a
    colon and the next lines follow it without a blank line between (one
    block of the page), the block is part of the article.

    >>> from newsclean.extract.features import Line
    >>> def mk(n, text, cls="short"):
    ...     return Line(n, text, text, words=len(text.split()), cls=cls)
    >>> lines = [mk(1, "A long paragraph.", "good"), mk(3, "The dates:"), mk(4, "June 9 - Miami"),
    ...          mk(5, "June 10 - Tampa"), mk(7, "Privacy Policy", "bad")]
    >>> extend_over_list(lines, 0)
    3
    """
    for intro in range(max(end - 1, 0), min(end + 2, len(lines))):
        line = lines[intro]
        if not line.text.endswith((":", "：")) or line.hit is not None:
            continue
        last = intro
        while (
            last + 1 < len(lines)
            and last + 1 - intro <= max_items
            and lines[last + 1].number == lines[last].number + 1
            and lines[last + 1].hit is None
            and not lines[last + 1].byline
        ):
            last += 1
        if last - intro >= 2:
            for item in lines[intro : last + 1]:
                if item.cls != "good":
                    item.cls, item.why = (
                        "near",
                        f"list item after line {line.number} ending with a colon",
                    )
            return max(end, last)
    return end


#: What a line of each class says of the prose around a short line (other classes: look further).
_WALK = {"good": True, "near": True, "bad": False}


def prose_around(content: list[Line], lo: int, hi: int) -> tuple[list[bool], list[bool]]:
    """For each line from *lo* to *hi*: whether the nearest line before it that is not
    short, within those lines, is prose (``good`` or ``near``, no rule's hit, no byline
    or date), and whether the nearest after it is (the context step keeps a short line
    between prose). One pass each way, where a walk from each line costs the square of
    a run of short lines (a long list, a page read whole).

    >>> def mk(n, cls):
    ...     return Line(n, "x", "x", cls=cls)
    >>> prose_around([mk(1, "good"), mk(2, "short"), mk(3, "short"), mk(4, "bad")], 0, 3)
    ([False, True, True, True], [False, False, False, False])
    """
    verdicts = [
        False if line.hit is not None or line.byline or line.date_line else _WALK.get(line.cls)
        for line in content[lo : hi + 1]
    ]
    sides = []
    for order in (verdicts, verdicts[::-1]):
        found, last = [], False
        for verdict in order:
            found.append(last)
            if verdict is not None:
                last = verdict
        sides.append(found)
    return sides[0], sides[1][::-1]


def drop_out_of_context(line: Line) -> None:
    """Drop a short or low-density line that the context step found out of the prose's flow."""
    reason = "short" if line.cls == "short" else "outside-article"
    line.judge(False, "boilerplate", reason, "context", f"{line.why}; not between prose lines")


def recheck_context(content: list[Line], lo: int, hi: int) -> None:
    """Drop the short lines kept for the prose around them when that prose went as duplicates.

    Context is judged before duplicates are known; a short line kept only because a
    repeated paragraph stood next to it would be dropped when the cleaned text is
    cleaned again, where that paragraph is gone.
    """
    for position, line in enumerate(content):
        between = line.evidence.endswith("; between prose lines")
        if (
            line.keep
            and line.role == "body"
            and between
            and not (
                _neighbour_class(content, position, -1, lo, hi)
                and _neighbour_class(content, position, +1, lo, hi)
            )
        ):
            drop_out_of_context(line)


def _neighbour_class(content: list[Line], position: int, step: int, lo: int, hi: int) -> bool:
    """Whether the nearest line in direction *step* that is not short is prose, within the region.

    A line already dropped as a duplicate is passed over: it is not in the article.
    """
    position += step
    while lo <= position <= hi:
        line = content[position]
        if line.reason == "duplicate" and not line.keep:
            position += step
            continue
        if line.hit is not None or line.byline or line.date_line:
            return False
        if line.cls in ("good", "near"):
            return True
        if line.cls == "bad":
            return False
        position += step
    return False
