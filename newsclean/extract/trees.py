"""Tree ensembles as plain arrays, evaluated without the library that trained them.

A tree is five lists — split feature, threshold, left child, right child (a
negative child ``~k`` is leaf *k*) and leaf values — and, optionally, the
internal nodes' values (for explaining a score). A row goes left when its value
is ``<=`` the threshold. The block model (:mod:`~newsclean.extract.blockmodel`)
and the page-type model (:mod:`~newsclean.extract.html.pagetype`) are such
ensembles, exported from LightGBM by their training scripts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from operator import itemgetter

#: A row value read by a compiled tree (``x[12]``): read once into a local name instead.
_READ = re.compile(r"x\[(\d+)\]")


def compile_trees(
    trees: Sequence[Sequence[list]],
    condition: Callable[[int, float], str] | None = None,
    leaves: bool = False,
) -> Callable:
    """One Python function evaluating tree arrays as nested conditional expressions.

    It returns the sum of the leaf values, or (with *leaves*) the tuple of the
    leaves reached. A node tests ``condition(feature, threshold)`` on the row
    ``x`` (by default ``x[feature] <= threshold``). Shared by the block and
    page-type models.

    >>> tree = [[0], [0.5], [~0], [~1], [-1.0, 2.0], [0.0]]
    >>> compile_trees([tree])([0.7]), compile_trees([tree], leaves=True)([0.2])
    (2.0, (0,))
    """
    test = condition or (lambda feature, threshold: f"x[{feature}] <= {threshold!r}")
    terms = []
    for feature, threshold, left, right, values, *_ in trees:

        def expr(node: int) -> str:
            if node < 0:
                return str(~node) if leaves else repr(values[~node])
            return f"({expr(left[node])} if {test(feature[node], threshold[node])} else {expr(right[node])})"

        terms.append(expr(0) if feature else ("0" if leaves else repr(values[0])))
    if leaves:
        body = "(" + ",\n        ".join(terms) + ",)"
    else:
        body = "(" + "\n        + ".join(terms or ["0.0"]) + ")"
    # The row's values are unpacked into locals once: a tree reads a local faster than
    # it indexes the row, and the trees read the same few values again and again.
    used = {int(index) for index in _READ.findall(body)}
    unpack = ""
    if used:
        names = ", ".join(f"x_{index}" for index in range(max(used) + 1))
        unpack = f"    {names}, *_ = x\n"
        body = _READ.sub(r"x_\1", body)
    source = f"def raw(x):\n{unpack}    return {body}\n"
    namespace: dict = {}
    exec(compile(source, "<trees>", "exec"), namespace)  # our own arrays: numbers only
    return namespace["raw"]


def compile_batch(trees: Sequence[Sequence[list]]) -> Callable[[Sequence[Sequence[float]]], list]:
    """One Python function giving the sums of the leaf values of tree arrays for many rows.

    As :func:`compile_trees` with the default test ``x[feature] <= threshold``, but the
    loop over the rows is inside the function and each row's features that a split reads
    are taken out once into local names, so a comparison reads a local variable instead
    of indexing the row (the same leaves, added in the same order: the same sums).

    >>> tree = [[0], [0.5], [~0], [~1], [-1.0, 2.0], [0.0]]
    >>> compile_batch([tree, tree])([[0.7], [0.2]])
    [4.0, -2.0]
    """
    used = sorted({feature for tree in trees for feature in tree[0]})
    terms = []
    for feature, threshold, left, right, values, *_ in trees:

        def expr(node: int) -> str:
            if node < 0:
                return repr(values[~node])
            return f"({expr(left[node])} if f{feature[node]} <= {threshold[node]!r} else {expr(right[node])})"

        terms.append(expr(0) if feature else repr(values[0]))
    # (two or more values are taken by one itemgetter call, a C-level tuple, instead of
    # an index per value)
    take = (
        "        "
        + ", ".join(f"f{u}" for u in used)
        + ", = "
        + ("take(x)" if len(used) > 1 else ", ".join(f"x[{u}]" for u in used) + ",")
        + "\n"
        if used
        else ""
    )
    source = (
        "def raw_rows(rows):\n    out = []\n    add = out.append\n    for x in rows:\n"
        + take
        + "        add(("
        + "\n            + ".join(terms or ["0.0"])
        + "))\n    return out\n"
    )
    namespace: dict = {"take": itemgetter(*used) if len(used) > 1 else None}
    exec(compile(source, "<trees>", "exec"), namespace)  # our own arrays: numbers only
    return namespace["raw_rows"]


def walk_tree(tree: Sequence[list], row: Sequence[float]) -> float:
    """The leaf value *row* reaches in one tree's arrays (the reference evaluator).

    >>> walk_tree([[0], [0.5], [~0], [~1], [-1.0, 2.0]], [0.7])
    2.0
    """
    return tree[4][leaf_index(tree, row)]


def leaf_index(tree: Sequence[list], row: Sequence[float]) -> int:
    """The number of the leaf *row* reaches in one tree's arrays.

    >>> leaf_index([[0], [0.5], [~0], [~1], [-1.0, 2.0]], [0.2])
    0
    """
    feature, threshold, left, right = tree[:4]
    if not feature:
        return 0
    node = 0
    while True:
        child = left[node] if row[feature[node]] <= threshold[node] else right[node]
        if child < 0:
            return ~child
        node = child


#: Rows a :class:`TreeSum` walks before compiling its trees: compiling costs about as much
#: as walking this many rows, so a command cleaning one page does not pay for it.
WALKED_ROWS = 500


class TreeSum:
    """The summed leaf values of tree arrays for a row: walked through the arrays for the
    first *walked* rows (*walk*, default :func:`walk_tree` over each tree), then evaluated by
    the function :func:`compile_trees` makes (with *condition*). Both add the same leaves
    in the same order, so the sums are equal.

    >>> tree = [[0], [0.5], [~0], [~1], [-1.0, 2.0], [0.0]]
    >>> add = TreeSum([tree, tree], walked=1)
    >>> add([0.7]), add([0.2]), add([0.7])
    (4.0, -2.0, 4.0)
    """

    def __init__(
        self,
        trees: Sequence[Sequence[list]],
        condition: Callable[[int, float], str] | None = None,
        walk: Callable[[Sequence[float]], float] | None = None,
        walked: int = WALKED_ROWS,
    ) -> None:
        self.trees, self.condition, self.left = trees, condition, walked
        self.walk = walk or (lambda row: sum(walk_tree(tree, row) for tree in trees))
        self.compiled: Callable[[Sequence[float]], float] | None = None
        self.batch: Callable[[Sequence[Sequence[float]]], list] | None = None

    def __call__(self, row: Sequence[float]) -> float:
        if self.compiled is not None:
            return self.compiled(row)
        if self.left > 0:
            self.left -= 1
            return self.walk(row)
        self.compiled = compile_trees(self.trees, self.condition)
        return self.compiled(row)

    def many(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """The sums for each of *rows*, as calling this for each row gives them; once the
        rows to walk are used up, by one compiled function for all the rows (for the
        default test only: with a *condition*, one compiled call per row).

        >>> tree = [[0], [0.5], [~0], [~1], [-1.0, 2.0], [0.0]]
        >>> TreeSum([tree, tree], walked=1).many([[0.7], [0.2], [0.7]])
        [4.0, -2.0, 4.0]
        """
        if self.left > 0 or self.condition is not None:
            return [self(row) for row in rows]
        if self.batch is None:
            self.batch = compile_batch(self.trees)
        return self.batch(rows)
