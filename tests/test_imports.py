"""No import cycle among licensegate's modules (issue 10): read from the sources with `ast`.

Every import counts, at module level or inside a function (a lazy import only defers a cycle),
except two kinds that cannot form one: imports under ``if TYPE_CHECKING:`` never run, and those
under ``if __name__ == "__main__":`` run in the ``__main__`` copy of a module, which nothing
imports back. The edge goes to the module named, not to its parent packages, which Python
initialises first: a package that imports its own modules (``formats/__init__.py``, a registry)
is the ordinary layout, not a cycle.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "licensegate"

# Cycles that exist today, each a set of modules that import one another. No other may appear,
# and one that is broken must leave this list (the test says so).
KNOWN_CYCLES: list[frozenset[str]] = [
    # api.check hands batches to batch.check_parallel; the worker processes call back into
    # api.make_engine and api.check_one. Goes away when one pipeline module holds the per-manifest
    # steps (issue 10, part 1) and both api and batch call it.
    frozenset({"licensegate.api", "licensegate.batch"}),
    # signoff.signoff_state asks trust.trusted_signoffs which entries the trusted ref holds;
    # trusted_signoffs needs the sign-off file's suffix and signed form from signoff. Breaking it
    # means moving the trust step out of signoff_state into the pipeline (issue 10, part 1).
    frozenset({"licensegate.signoff", "licensegate.trust"}),
    # PolicyLibrary.load admits the --policy folders' org.* packages through orgrego, which
    # builds ClauseInfo and Module values; those types belong in a module of their own (issue
    # 10, part 1).
    frozenset({"licensegate.orgrego", "licensegate.policy"}),
]


def _module_names() -> dict[str, Path]:
    names = {}
    for path in sorted((SRC / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _skipped_blocks(tree: ast.Module) -> set[int]:
    """The nodes under ``if TYPE_CHECKING:`` and ``if __name__ == "__main__":``."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.If):
            continue
        test = ast.unparse(node.test)
        if test in ("TYPE_CHECKING", "typing.TYPE_CHECKING") or test in (
            "__name__ == '__main__'",
            '__name__ == "__main__"',
        ):
            skipped.update(id(inner) for statement in node.body for inner in ast.walk(statement))
    return skipped


def _imported(name: str, path: Path, modules: dict[str, Path]) -> Iterator[str]:
    """The licensegate modules that ``name`` imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    skipped = _skipped_blocks(tree)
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            # `from licensegate import api` imports the module licensegate.api.
            targets = [
                f"{source}.{alias.name}" if f"{source}.{alias.name}" in modules else source
                for alias in node.names
            ]
        yield from (target for target in targets if target in modules and target != name)


def import_graph() -> dict[str, set[str]]:
    modules = _module_names()
    return {name: set(_imported(name, path, modules)) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph[successor]))))
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(frozenset(component))
    return found


def _describe(component: frozenset[str], graph: dict[str, set[str]]) -> str:
    edges = [f"{a} -> {b}" for a in sorted(component) for b in sorted(graph[a] & component)]
    return "; ".join(edges)


def test_no_import_cycle_but_the_known_ones() -> None:
    graph = import_graph()
    found = cycles(graph)
    new = [_describe(c, graph) for c in found if c not in KNOWN_CYCLES]
    assert not new, f"new import cycle: {new}"
    gone = [sorted(c) for c in KNOWN_CYCLES if c not in found]
    assert not gone, f"cycle broken, remove it from KNOWN_CYCLES: {gone}"


def test_the_graph_sees_lazy_imports_and_skips_type_checking() -> None:
    """The reader finds what a cycle can hide behind; a planted cycle is reported."""
    graph = import_graph()
    assert "licensegate.api" in graph["licensegate.batch"]  # imported inside a function
    assert {"licensegate.engine", "licensegate.policy"} <= graph["licensegate.engine.embedded"]
    assert "licensegate.api" not in graph["licensegate.dispatch"]  # only in its __main__ block
    assert "licensegate.policy" not in graph["licensegate.batch"]  # only under TYPE_CHECKING
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert cycles(graph) == [frozenset({"a", "b", "c"})]
