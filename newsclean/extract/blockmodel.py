"""A learned judge of an HTML page's blocks: features, and a small tree-ensemble evaluator.

The line rules and the DOM region (:mod:`~newsclean.extract.html.dom`) give each
line of an HTML page a verdict. A block model reads what they saw, and more, as
one row of numbers per block, and scores how likely the block is part of the
page's main content. The model is a gradient-boosted tree ensemble trained by
``scripts/train_blocks.py`` (LightGBM, in the ``train`` extra) and shipped as a
JSON file of arrays; this module evaluates it in pure Python, so running it
needs no new dependency.

**What the model sees** (:data:`FEATURES`), per block: its size in words and
characters, its function-word density in the page's language, sentence and other
punctuation, digits and capitals, its link-text share, its tag and the landmark
elements around it (``nav``, ``header``, ``footer``, ``aside``, ``article`` …), the
hint categories of its ancestors' class/id/role names, the class/id words of its
element and its three nearest ancestors (hashed into :data:`BUCKETS` buckets:
no vocabulary of sites), class words that hide an element (``hidden``,
``sr-only``, ``modal``), how often its text repeats on the page, its position on
the page and against the article region the rules found, the rules' own verdict
(class, rule hit, kept or dropped), the share of the page's lines and words in
the element around it, its size against the page's typical block, the page's
shares of kept, prose and link lines, the share of the page's prose above and below it
and above the last "related" or comments header before it (readers' comments and
teasers stand under one), the page's reading (read as an article, or
whole as its type asks: :mod:`~newsclean.extract.html.bytype`), and the same few
figures for the two blocks before and after it. Every page-level figure is a share, never a count
or a size: a page of 4,000 paragraphs reads like one of 40, which the training
pages cannot teach otherwise.

**Rows.** A row is compact (:data:`ROW_SIZE` values): the numbers, then the
rules' reason and the tag as indexes and the landmark/hint and class-word bits
as two integers; :func:`expand` spreads it into one value per feature (what the
training script sees), and the compiled trees test the indexes and bits
directly, so a row costs a few dozen values instead of 190.

**What it does not see**: the URL, the domain or the site's name, the words of
the text itself (beyond function-word density), images, style sheets and
scripts. It cannot memorise a site; it can only learn what boilerplate and
content look like in markup in general.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsclean.extract.blockrows import (
    BUCKETS,
    FEATURES,
    LAYOUT,
    PUNCTUATION,
    RATIO_CHARS,
    ROW_SIZE,
    expand,
    page_rows,
)
from newsclean.extract.trees import WALKED_ROWS, TreeSum, compile_trees, leaf_index, walk_tree

if TYPE_CHECKING:  # pragma: no cover
    from newsclean.extract.features import Line
    from newsclean.extract.html.dom import PageStructure

__all__ = [
    "BUCKETS",
    "FEATURES",
    "PUNCTUATION",
    "RATIO_CHARS",
    "ROW_SIZE",
    "BlockModel",
    "candidates",
    "expand",
    "page_rows",
    "resolve",
]

#: The model shipped with the package (absent: no default model).
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "blockmodel.json"
#: Whether :func:`resolve` uses the shipped model when no model is asked for.
DEFAULT_ON = True


# ----------------------------------------------------------------------------- the model
def _condition(feature: int, threshold: float) -> str:
    """The test ``value <= threshold`` of a :data:`FEATURES` column, on a compact row ``x``."""
    kind, index, value = LAYOUT[feature]
    if kind == "num":
        return f"x[{index}] <= {threshold!r}"
    # A one-hot or bit feature is 0 or 1.
    if threshold >= 1.0 or threshold < 0.0:
        return "True" if threshold >= 1.0 else "False"
    return f"x[{index}] != {value}" if kind == "eq" else f"not x[{index}] & {1 << value}"


class BlockModel:
    """A tree ensemble over :data:`FEATURES` rows, as exported by ``scripts/train_blocks.py``.

    Each tree is five arrays: split feature, threshold, left child, right child
    (a negative child ``~k`` is leaf *k*) and leaf values, plus the internal
    nodes' values (for explaining a score). A row goes left when its value is
    ``<=`` the threshold. The score is the logistic of the summed leaf values.
    """

    #: The names of a row's features (a subclass over other rows sets its own) and what
    #: the model is called in messages and explanations.
    feature_names: tuple[str, ...] = FEATURES
    kind = "block model"

    def __init__(self, data: dict) -> None:
        if data.get("features") != list(self.feature_names):
            raise ValueError(f"{self.kind}: its features are not this version's")
        self.data = data
        self.trees = data["trees"]
        #: A line the rules kept is dropped below this score.
        self.threshold = float(data.get("threshold", 0.5))
        #: A line the rules dropped is kept from this score on (a higher bar: the rules'
        #: reasons carry knowledge the features do not).
        self.keep_threshold = float(data.get("keep_threshold", self.threshold))
        self._raw = self._sum()
        #: The leaves a row reaches, compiled after :data:`WALKED_ROWS` explained rows are
        #: walked (as :class:`TreeSum` does: most pages explain a few lines, and compiling
        #: costs as much as walking hundreds).
        self._leaves: Callable | None = None
        self._walks_left = WALKED_ROWS
        self._paths: list | None = None

    @classmethod
    def load(cls, path: str | Path) -> BlockModel:
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))

    def raw_slow(self, row: Sequence[float]) -> float:
        """The summed leaf values for *row* walked through the arrays (the reference
        evaluator)."""
        row = self.walked_row(row)
        return sum(walk_tree(tree, row) for tree in self.trees)

    def walked_row(self, row: Sequence[float]) -> Sequence[float]:
        """*row* as the arrays are walked: a compact block row spread out (:func:`expand`;
        the compiled function reads it compact)."""
        return expand(row)

    def raw(self, row: Sequence[float]) -> float:
        """The summed leaf values for *row* (walked at first, then compiled: :class:`TreeSum`)."""
        return self._raw(row)

    def _sum(self) -> TreeSum:
        return TreeSum(self.trees, _condition, self.raw_slow)

    def score(self, row: Sequence[float]) -> float:
        return 1.0 / (1.0 + math.exp(-self.raw(row)))

    def _compile(self, leaves: bool = False) -> Callable:
        return compile_trees(self.trees, _condition, leaves)

    def strongest(self, row: Sequence[float], top: int = 3) -> list[tuple[str, float]]:
        """The features that moved *row*'s score most: (name, change in log-odds), strongest first.

        Each split on a row's path adds the change of the node value it leads to
        to the feature it tests (Saabas's attribution for tree ensembles); the
        changes along the path to each leaf are summed once, when first needed.
        """
        if self._paths is None:
            self._paths = self._leaf_paths()
        contribution = [0.0] * len(self.feature_names)
        for paths, leaf in zip(self._paths, self._leaves_of(row)):
            for feature, change in paths[leaf]:
                contribution[feature] += change
        ranked = sorted(((abs(c), f) for f, c in enumerate(contribution) if c), reverse=True)[:top]
        return [(self.feature_names[f], contribution[f]) for _, f in ranked]

    def _leaves_of(self, row: Sequence[float]) -> Sequence[int]:
        """The leaf *row* reaches in each tree (:attr:`_leaves`)."""
        if self._leaves is None:
            if self._walks_left > 0:
                self._walks_left -= 1
                walked = self.walked_row(row)
                return [leaf_index(tree, walked) for tree in self.trees]
            self._leaves = self._compile(leaves=True)
        return self._leaves(row)

    def _leaf_paths(self) -> list[list[list[tuple[int, float]]]]:
        """For each tree and leaf: the (feature, change of node value) of each split on its path."""
        out = []
        for feature, _, left, right, leaves, values in self.trees:
            paths: list[list[tuple[int, float]]] = [[] for _ in leaves]

            def walk(node: int, trail: list[tuple[int, float]]) -> None:
                for child in (left[node], right[node]):
                    after = leaves[~child] if child < 0 else values[child]
                    step = trail + [(feature[node], after - values[node])]
                    if child < 0:
                        merged: dict[int, float] = {}
                        for f, change in step:
                            merged[f] = merged.get(f, 0.0) + change
                        paths[~child] = list(merged.items())
                    else:
                        walk(child, step)

            if feature:
                walk(0, [])
            out.append(paths)
        return out

    def describe(self, row: Sequence[float], score: float) -> str:
        parts = ", ".join(
            f"{name} {'+' if value >= 0 else '−'}{abs(value):.2f}"
            for name, value in self.strongest(row)
        )
        return f"{self.kind} score {score:.2f}; strongest: {parts}"

    # ------------------------------------------------------------------------- applying
    def apply(
        self,
        content: list[Line],
        start: int,
        end: int,
        dom: PageStructure,
        language: str | None = None,
    ) -> None:
        """Give the body and boilerplate lines of an HTML page the model's verdict.

        A line the rules kept and the model scores below the threshold (on a page read as its
        type asks, the profile's ``model_drop`` when it has one) is dropped with reason
        ``model``; a line the rules dropped for its markup alone (a
        line out of prose, link text, a teaser or an aside: :data:`WEAK_REASONS`)
        and the model scores at or above the same threshold is kept, one dropped for
        its place (outside the article) or as a comment from the keep threshold (on a page
        read as its type asks, a line outside the article at even odds too).
        The title, bylines, dates, captions, the lines that a named text rule
        rejected (a cookie notice, a share prompt) and those in an element named or
        made for what is never the article (:data:`FIXED_REASONS`: an ad or
        promotion, a newsletter box, share buttons, a cookie banner, the page
        footer), as well as the lines dropped inside a ``<nav>`` element, keep the
        rules' verdict: the model cannot read their words, and sees
        class names only as hashed bits.
        """
        profile = dom.profile
        weak_reasons = WEAK_REASONS if profile is None else READING_WEAK_REASONS
        drop = self.threshold
        if profile is not None and profile.model_drop is not None:
            drop = profile.model_drop
        for position, row in candidates(content, start, end, dom, language):
            line = content[position]
            score = self.score(row)
            weak = line.reason in weak_reasons or line.rule == "context"
            bar = self.threshold if weak else self.keep_threshold
            if line.keep and score < drop:
                line.judge(False, "boilerplate", "model", "model", self.describe(row, score))
            elif not line.keep and score >= bar:
                # A kept line needs no reason: its score is enough (and cheaper than the strongest features).
                was = line.reason
                line.judge(
                    True,
                    "body",
                    evidence=f"block model score {score:.2f}; the rules said {was}",
                )


#: Reasons read from markup that content shares with boilerplate (link text, a teaser, an aside,
#: a line out of prose: a listicle's items, a forum's posts): the model overrules them at even odds.
WEAK_REASONS = frozenset({"related", "nav", "short"})
#: The same on a page read as its type asks (a forum, a shop, a listing …): its content is
#: spread over the page, and a line outside the article the rules found is no surer boilerplate
#: (cross-validated with the same page-type folds: WCXB all 0.8499 -> 0.8509, articles and
#: Zyte unchanged).
READING_WEAK_REASONS = WEAK_REASONS | {"outside-article"}

#: Reasons of the DOM rules that the model does not overrule: the element is named (or is)
#: an ad or promotion, a newsletter box, share buttons, a cookie banner or the page footer.
FIXED_REASONS = frozenset({"ad", "newsletter", "share", "cookie", "footer"})
_FIXED_RULES = frozenset(f"dom-{reason}" for reason in FIXED_REASONS)


def judged(line: Line) -> bool:
    """Whether the model judges *line*: a body or boilerplate line that neither a user
    rule, a named text rule nor a DOM rule of :data:`FIXED_REASONS` decided."""
    if line.role not in ("body", "boilerplate") or line.rule == "user-rule":
        return False
    hit = line.hit
    return hit is None or (hit.rule.startswith("dom-") and hit.rule not in _FIXED_RULES)


def candidates(
    content: Sequence[Line],
    start: int,
    end: int,
    dom: PageStructure,
    language: str | None = None,
) -> list[tuple[int, list[float]]]:
    """The feature rows of the lines the model judges: those :func:`judged` accepts, but
    for the ones the rules dropped inside a ``<nav>`` element (a menu stays a menu)."""
    return page_rows(content, start, end, dom, language, judged)


_DEFAULT: BlockModel | None = None


def resolve(choice) -> BlockModel | None:
    """The model an ``Options.block_model`` value asks for: None means the package's
    model when :data:`DEFAULT_ON`, True the package's model, False none, a path or a
    model that one."""
    global _DEFAULT
    if choice is False or (choice is None and not (DEFAULT_ON and DEFAULT_PATH.exists())):
        return None
    if choice is None or choice is True:
        if _DEFAULT is None:
            _DEFAULT = BlockModel.load(DEFAULT_PATH)
        return _DEFAULT
    if isinstance(choice, BlockModel) or hasattr(choice, "apply"):
        return choice
    return BlockModel.load(choice)
