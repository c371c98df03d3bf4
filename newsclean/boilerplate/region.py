"""Find the article: the densest run of prose lines, then smooth its edges.

Every non-blank line gets a score: prose lines add their size, everything else
costs a little (menus, link lists, widgets). The article region is the run of
lines with the largest total score (maximum subarray), which bridges the short
interruptions inside an article (an ad label, a caption, a subhead) but stops
at long stretches of menus and link lists.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsclean.boilerplate.features import Line


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


def line_score(line: Line, weights: Weights) -> float:
    """How much one line adds to (or costs) a region.

    >>> from newsclean.boilerplate.features import Line
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
        if line.cls == "good" and not (index > 0 and prose[index - 1]) and not (index < last and prose[index + 1]):
            scores[index] *= weights.isolated_factor
    start, end = densest_run(scores)
    # Comments follow the article: a comment section header ends the region.
    for index in range(start, end + 1):
        hit = lines[index].hit
        if hit is not None and hit.reason == "comment" and any(prose[start:index]):
            end = index - 1
            break
    return start, end
