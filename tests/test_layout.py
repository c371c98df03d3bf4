"""The house rules of the package layout, checked on its source (see README, Architecture).

* no import cycles between modules (lazy imports inside functions count too);
* no private name (``_x``) imported from another module: what is shared is public
  where it belongs;
* no module over 700 lines, and at most two functions over 80 lines, each saying
  why in its docstring.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "newsclean"
MAX_MODULE_LINES = 700
MAX_FUNCTION_LINES = 80
MAX_LONG_FUNCTIONS = 2


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
TREES = {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in MODULES.items()}


def _imports(name: str) -> list[tuple[str, list[str]]]:
    """``(module, names)`` for every import of a newsclean module in *name*'s source."""
    found = []
    package = name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]
    checking = {
        id(inner)
        for node in ast.walk(TREES[name])
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING")
        for inner in ast.walk(node)
    }
    for node in ast.walk(TREES[name]):
        if id(node) in checking:
            continue  # imports for annotations only: not run, so not a cycle
        if isinstance(node, ast.Import):
            found += [(a.name, []) for a in node.names if a.name.startswith("newsclean")]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + [base]
                ).strip(".")
            if base.startswith("newsclean"):
                names = [a.name for a in node.names]
                # "from package import submodule" imports the submodule
                subs = [f"{base}.{n}" for n in names if f"{base}.{n}" in MODULES]
                found += [(s, []) for s in subs]
                rest = [n for n in names if f"{base}.{n}" not in MODULES]
                if rest or not subs:
                    found.append((base, rest))
    return found


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for name in MODULES:
        for target, _ in _imports(name):
            while target not in MODULES and "." in target:
                target = target.rpartition(".")[0]
            if target != name and target in MODULES:
                graph[name].add(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles() -> None:
    assert _cycles(_graph()) == []


def test_no_private_name_is_imported_from_another_module() -> None:
    private = {
        f"{name} imports {target}.{n}"
        for name in MODULES
        for target, names in _imports(name)
        for n in names
        if n.startswith("_") and not n.startswith("__") and target != name
    }
    assert private == set()


def test_tests_use_public_names() -> None:
    """Tests go through the package's public names, as a user of each module would."""
    found = set()
    for path in sorted(Path(__file__).parent.glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("newsclean"):
                found |= {
                    f"{path.stem} imports {node.module}.{a.name}"
                    for a in node.names
                    if a.name.startswith("_") and not a.name.startswith("__")
                }
    assert found == set()


@pytest.mark.parametrize("name", sorted(MODULES))
def test_module_size(name: str) -> None:
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_MODULE_LINES, f"{name} has {lines} lines"


def test_long_functions_are_few_and_say_why() -> None:
    long = []
    for name, tree in TREES.items():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long.append((f"{name}.{node.name}", length, ast.get_docstring(node) or ""))
    assert len(long) <= MAX_LONG_FUNCTIONS, [(n, k) for n, k, _ in long]
    for function, length, doc in long:
        assert "long" in doc.lower(), f"{function} ({length} lines) does not say why it is long"


def test_the_checks_see_the_package() -> None:
    """A guard for the checks above: they read real modules and find real imports."""
    assert {"newsclean.pipeline", "newsclean.cli.app", "newsclean.text.decode"} <= set(MODULES)
    assert "newsclean.cli.common" in _graph()["newsclean.cli.app"]
    assert _cycles({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]
