"""No import cycle among licensegate's modules, and the layers kept (issue 10): read from the
sources with `ast`.

Every import counts, at module level or inside a function (a lazy import only defers a cycle),
except two kinds that cannot form one: imports under ``if TYPE_CHECKING:`` never run, and those
under ``if __name__ == "__main__":`` run in the ``__main__`` copy of a module, which nothing
imports back. The edge goes to the module named, not to its parent packages, which Python
initialises first: a package that imports its own modules (``formats/__init__.py``, a registry)
is the ordinary layout, not a cycle.
"""

from __future__ import annotations

import ast
import fnmatch
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "licensegate"

# Cycles that exist today, each a set of modules that import one another. No other may appear,
# and one that is broken must leave this list (the test says so). Empty since issue 10: the
# pipeline module holds the per-manifest steps (api and batch both call it, neither the other
# back), the trust step on sign-offs moved from signoff into the pipeline, and the policy
# files' value types (ClauseInfo, Module) into regometa, which policy and orgrego share.
KNOWN_CYCLES: list[frozenset[str]] = []

# The layers, lowest first: a module may import its own layer and the ones below, never one
# above (issue 10: manifest -> facts -> engine -> report -> formats -> cli). Each module is in
# the first layer with a pattern that matches its name (fnmatch); one in none fails the test,
# so a new module gets placed on purpose.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    # Helpers with no knowledge of manifests or policies.
    (
        "base",
        (
            "licensegate",
            "licensegate.boundary",
            "licensegate.countries",
            "licensegate.errors",
            "licensegate.escape",
            "licensegate.fieldpath",
            "licensegate.levels",
            "licensegate.locking",
            "licensegate.resources",
            "licensegate.safe_read",
            "licensegate.safe_write",
            "licensegate.sha256",
            "licensegate.signing",
        ),
    ),
    # A manifest read, bounded and checked against its schema.
    (
        "manifest",
        (
            "licensegate.manifest",
            "licensegate.schemacheck",
            "licensegate.schemafast",
            "licensegate.yamlbound",
        ),
    ),
    # What the policies are asked about: the input document, the policy library it is built
    # against, and what a repository scan found.
    (
        "facts",
        (
            "licensegate.clause_kinds",
            "licensegate.dispatch",
            "licensegate.facts",
            "licensegate.inputschema",
            "licensegate.orgrego",
            "licensegate.policy",
            "licensegate.regometa",
            "licensegate.scan",
            "licensegate.scan.artifacts",
            "licensegate.scan.bom_input",
            "licensegate.scan.check_input",
            "licensegate.scan.configs",
            "licensegate.scan.evidence",
            "licensegate.scan.hub",
            "licensegate.scan.ids",
            "licensegate.scan.lineage",
            "licensegate.scan.python_source",
            "licensegate.scan.walk",
        ),
    ),
    # Answering the decision: regorus, an OPA server, Rego unit tests and their coverage,
    # OPA bundles.
    (
        "engine",
        (
            "licensegate.bundle",
            "licensegate.engine",
            "licensegate.engine.*",
            "licensegate.regocoverage",
            "licensegate.regotest",
        ),
    ),
    # The result values and what is added to them: approvals, sign-offs, trust.
    (
        "report",
        (
            "licensegate.approvals",
            "licensegate.records",
            "licensegate.report",
            "licensegate.signoff",
            "licensegate.trust",
        ),
    ),
    # One manifest in, one finished result out (pipeline.py), for one or many manifests.
    ("pipeline", ("licensegate.api", "licensegate.batch", "licensegate.pipeline")),
    # Writing results and the library out: report formats, the review, docs, scan output.
    (
        "formats",
        (
            "licensegate.formats",
            "licensegate.formats.*",
            "licensegate.library_docs",
            "licensegate.lookup",
            "licensegate.review",
            "licensegate.review.*",
            "licensegate.scan.cyclonedx",
            "licensegate.scan.draft",
            "licensegate.scan.render",
            "licensegate.schemadoc",
        ),
    ),
    # The commands and what only they read (the --org-policy file, checked with `lookup`).
    ("cli", ("licensegate.__main__", "licensegate.cli", "licensegate.orgpolicy")),
]

# Imports from a lower layer into a higher one that are allowed, each with why. One that
# disappears must leave this list (the test says so).
LAYER_EXCEPTIONS: dict[tuple[str, str], str] = {
    ("licensegate.orgrego", "licensegate.report"): (
        "split_warnings turns an org package's conftest `warn` entries into ReportWarning "
        "values; imported lazily, only when an org finding carries an origin"
    ),
    ("licensegate.scan.check_input", "licensegate.report"): (
        "ScanFacts.warnings says which listed models the scan never saw, as ReportWarning "
        "values; a value type, not the assembly of a result"
    ),
}


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
    assert "licensegate.batch" in graph["licensegate.api"]  # imported inside a function
    assert {"licensegate.engine", "licensegate.policy"} <= graph["licensegate.engine.embedded"]
    assert "licensegate.api" not in graph["licensegate.dispatch"]  # only in its __main__ block
    assert "licensegate.policy" not in graph["licensegate.batch"]  # only under TYPE_CHECKING
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert cycles(graph) == [frozenset({"a", "b", "c"})]


def layer_of(module: str) -> int:
    """The index in LAYERS of the first layer with a pattern matching ``module``, or -1."""
    for index, (_, patterns) in enumerate(LAYERS):
        if any(fnmatch.fnmatchcase(module, pattern) for pattern in patterns):
            return index
    return -1


def upward_imports(graph: dict[str, set[str]]) -> set[tuple[str, str]]:
    """(importer, imported) pairs where a lower layer imports a higher one."""
    return {
        (module, target)
        for module, targets in graph.items()
        for target in targets
        if layer_of(target) > layer_of(module)
    }


def test_every_module_has_a_layer() -> None:
    unplaced = sorted(name for name in import_graph() if layer_of(name) < 0)
    assert not unplaced, f"put these modules in a layer of LAYERS: {unplaced}"


def test_lower_layers_never_import_upper_ones() -> None:
    graph = import_graph()
    found = upward_imports(graph)
    new = [
        f"{a} ({LAYERS[layer_of(a)][0]}) -> {b} ({LAYERS[layer_of(b)][0]})"
        for a, b in sorted(found - set(LAYER_EXCEPTIONS))
    ]
    assert not new, f"a lower layer imports a higher one: {new}"
    gone = sorted(set(LAYER_EXCEPTIONS) - found)
    assert not gone, f"no longer imported, remove from LAYER_EXCEPTIONS: {gone}"


def test_the_layer_check_catches_an_upward_import() -> None:
    """A planted import of the CLI by the manifest reader, and of a format by the report."""
    graph = {name: set(targets) for name, targets in import_graph().items()}
    graph["licensegate.manifest"].add("licensegate.cli")
    graph["licensegate.report"].add("licensegate.formats.json")
    assert {
        ("licensegate.manifest", "licensegate.cli"),
        ("licensegate.report", "licensegate.formats.json"),
    } <= upward_imports(graph)
    assert layer_of("licensegate.not_a_module") == -1
