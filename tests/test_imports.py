"""The package's import graph: no cycles, and checks never reach into the parser.

Issue 8: ``model`` imported a renderer (``__rich__``) and the rule registry and the
rules imported each other. Every ``import`` of a ``jianghua`` module is an edge,
including those inside functions (a lazy import is still a dependency; only
``if TYPE_CHECKING:`` blocks are left out, as they never run). Importing ``a.b.c``
runs the package ``__init__`` of ``a.b`` too, but Python has the package in
``sys.modules`` before its ``__init__`` finishes, so those implicit edges cannot
deadlock and are not counted.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "jianghua"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(path): path for path in PACKAGE.rglob("*.py")}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST, module: str, is_package: bool) -> set[str]:
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                anchor = anchor if is_package else anchor[:-1]
                anchor = anchor[:len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in MODULES else base)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return {name for name in found if name in MODULES and name != module}


def import_graph() -> dict[str, set[str]]:
    return {name: _imports(ast.parse(path.read_text(encoding="utf-8")), name,
                           path.name == "__init__.py")
            for name, path in MODULES.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as a list of modules, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(name: str) -> list[str] | None:
        state[name] = 1
        path.append(name)
        for target in sorted(graph[name]):
            if state.get(target) == 1:
                return [*path[path.index(target):], target]
            if target not in state and (found := visit(target)):
                return found
        state[name] = 2
        path.pop()
        return None

    for name in sorted(graph):
        if name not in state and (found := visit(name)):
            return found
    return None


def test_the_graph_is_read() -> None:
    graph = import_graph()
    assert "jianghua.checks.context" in graph["jianghua.checks.runner"]
    assert "jianghua.parse.lines" in graph["jianghua.parse.markers"]


def test_no_import_cycles() -> None:
    cycle = _cycle(import_graph())
    assert cycle is None, "import cycle: " + " → ".join(cycle or ())


def test_the_cycle_finder_finds_one() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_checks_do_not_import_the_parser() -> None:
    """Rules read the model (and the lexicon), never parse internals (issue 8): the
    model carries the counts, numerals and series they used to re-derive. The lexicon
    is the grammar's face (its terminals and classes), not a parsing decision."""
    graph = import_graph()
    offenders = sorted(f"{name} → {target}" for name, targets in graph.items()
                       if name.startswith("jianghua.checks") for target in targets
                       if target.startswith("jianghua.parse")
                       and target != "jianghua.parse.lexicon")
    assert not offenders, offenders


def test_the_model_imports_no_renderer() -> None:
    graph = import_graph()
    assert not {t for t in graph["jianghua.model"] if t.startswith("jianghua.render")}
