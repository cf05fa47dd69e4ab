"""Rego that regorus and real OPA read differently, kept out of the library (docs/rego-pitfalls.md).

gordon-to-regorus 0.13: once a module has read a rule of package P through an import alias
(`import data.licensegate.lib.clauses` ... `clauses.training_uses`), a *function* of P that reads a rule of
another package through an alias (`deployment.commercial`) sees that rule as undefined. A
function's `else` branch then answers for it: a commercial sd-turbo next to a Cosmos model came
out satisfied. Inside functions the library reads other packages' rules by their full `data.`
path; calling another package's functions through an alias is fine.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import regorus

from conftest import opa_available
from licensegate.policy import PolicyLibrary

# The smallest reproducer: `c.g(1)` is [1, true] in OPA; regorus 0.13 leaves `d.commercial`
# undefined inside g because `c.tu` was read through the alias first.
_REPRODUCER = {
    "a.rego": "package a\nimport rego.v1\nimport data.c\nresult := [c.tu, c.g(1)]\n",
    "c.rego": "package c\nimport rego.v1\nimport data.d\ntu := 1\ng(x) := d.commercial\n",
    "d.rego": "package d\nimport rego.v1\ncommercial := true\n",
}

# The two ways the library reads a rule of another package inside a function.
_FULL_PATH = {
    **_REPRODUCER,
    "c.rego": "package c\nimport rego.v1\ntu := 1\ng(x) := data.d.commercial\n",
}
_OWN_RULE = {
    **_REPRODUCER,
    "c.rego": (
        "package c\nimport rego.v1\nimport data.d\n"
        "tu := 1\n_commercial := d.commercial\ng(x) := _commercial\n"
    ),
}


def _regorus(modules: dict[str, str], query: str = "data.a.result") -> Any:
    engine = regorus.Engine()
    for name, source in modules.items():
        engine.add_policy(name, source)
    results = json.loads(engine.eval_query_as_json(query)).get("result", [])
    return results[0]["expressions"][0]["value"] if results else None


def _opa(modules: dict[str, str], path: str = "a.result") -> Any:
    from opa_bindings import OpaEngine

    engine = OpaEngine()
    for name, source in modules.items():
        engine.add_policy(name, source)
    return engine.eval_document(path, {})


def _walk(node: Any):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _dotted(ref: dict) -> list[str] | None:
    """`data.lib.deployment` as ["data", "lib", "deployment"]; None for anything else."""
    if "Var" in ref:
        return [ref["Var"]["value"]]
    if "RefDot" in ref:
        head = _dotted(ref["RefDot"]["refr"])
        return None if head is None else [*head, ref["RefDot"]["field"][1]]
    return None


def alias_rule_reads_in_functions(
    modules: dict[str, str], *, every_rule: bool = False
) -> list[str]:
    """`file:line function: reference` for every function body (else branches and
    comprehensions included) that reads a rule, not a function, of another package through an
    import: `import data.licensegate.lib.deployment` then `deployment.commercial`, `import
    data.licensegate.lib` then `lib.deployment.commercial`, or `import
    data.licensegate.lib.deployment.commercial` itself. With `every_rule`, the bodies and values
    of rules that are not functions too (docs/rego-pitfalls.md §2)."""
    engine = regorus.Engine()
    for name, source in modules.items():
        engine.add_policy(name, source)
    parsed = json.loads(engine.get_ast_as_json())
    kinds: dict[str, dict[str, bool]] = {}  # package -> rule name -> is a function
    for module in parsed:
        ast = module["ast"]
        package = ".".join(_dotted(ast["package"]["refr"]) or [])
        for rule in ast["rules"]:
            spec = rule.get("Spec")
            if spec is None:  # `default name := ...` is a rule
                name = (_dotted(rule["Default"]["refr"]) or ["?"])[0]
                kinds.setdefault(package, {}).setdefault(name, False)
                continue
            kind, head = next(iter(spec["head"].items()))
            name = (_dotted(head["refr"]) or ["?"])[0]
            known = kinds.setdefault(package, {})
            known[name] = known.get(name, False) or kind == "Func"
    hits: list[str] = []
    for module in parsed:
        ast, text = module["ast"], module["source"]["contents"]
        aliases = {}
        for item in ast["imports"]:
            path = _dotted(item["refr"])
            if not path or path[0] != "data":
                continue
            alias = item.get("as")
            aliases[text[alias["start"] : alias["end"]] if alias else path[-1]] = path[1:]
        for rule in ast["rules"]:
            spec = rule.get("Spec")
            if spec is None or ("Func" not in spec["head"] and not every_rule):
                continue
            kind, head = next(iter(spec["head"].items()))
            refr = head["refr"]
            name = refr["RefBrack"]["refr"] if "RefBrack" in refr else refr
            function = ".".join(_dotted(name) or ["?"])
            # The head's name and arguments are not references; its key, value and bodies are.
            key = refr["RefBrack"].get("index") if "RefBrack" in refr else None
            for node in _walk([head.get("assign"), head.get("key"), key, spec["bodies"]]):
                path = _dotted(node) if "Var" in node or "RefDot" in node else None
                if not path or path[0] not in aliases:
                    continue
                target = aliases[path[0]]
                full = [*target, *path[1:]]
                for split in range(1, len(full)):
                    if kinds.get(".".join(full[:split]), {}).get(full[split]) is False:
                        shown = ".".join(path[: max(1, split + 2 - len(target))])
                        line = node[next(iter(node))]["span"]["line"]
                        hit = f"{module['source']['file']}:{line} {function}: {shown}"
                        if hit not in hits:
                            hits.append(hit)
    return hits


def test_no_library_function_reads_another_packages_rule_through_an_alias(
    library: PolicyLibrary,
) -> None:
    # Unit-test packages are never read through an alias, so their functions are safe; the
    # policy modules are what `check` evaluates.
    modules = {module.name: module.source for module in library.policy_modules}
    assert alias_rule_reads_in_functions(modules) == [], (
        "read these rules by their full data. path (docs/rego-pitfalls.md)"
    )


def test_no_policy_rule_reads_another_packages_rule_through_an_alias(
    library: PolicyLibrary,
) -> None:
    # Not a wrong answer but the cost of one (docs/rego-pitfalls.md §2): regorus evaluates every
    # rule of the package behind the alias, about 12% of an evaluation when this was added.
    modules = {module.name: module.source for module in library.policy_modules}
    assert alias_rule_reads_in_functions(modules, every_rule=True) == [], (
        "read these rules by their full data. path (docs/rego-pitfalls.md §2)"
    )


def test_the_rule_lint_finds_rule_bodies_values_and_keys() -> None:
    lib = {"d.rego": "package lib.d\nimport rego.v1\non := true\nf(x) := x\n"}
    reads = {
        "c.rego": (
            "package c\nimport rego.v1\nimport data.lib.d\n"
            "a if d.on\nb := d.on\ns contains d.on if true\no[d.on] := 1\n"
            "full if data.lib.d.on\nfn := d.f(1)\n"
        )
    }
    assert alias_rule_reads_in_functions({**reads, **lib}) == []
    assert alias_rule_reads_in_functions({**reads, **lib}, every_rule=True) == [
        "c.rego:4 a: d.on",
        "c.rego:5 b: d.on",
        "c.rego:6 s: d.on",
        "c.rego:7 o: d.on",
    ]


# `p.ok` through the alias evaluates `p.bad` as well (it fails: two values), `data.p.ok` does not.
_WHOLE_PACKAGE = {
    "p.rego": 'package p\nimport rego.v1\nok := 1\nbad := x if { x := {"a": 1, "b": 2}[_] }\n',
    "q.rego": "package q\nimport rego.v1\nimport data.p\nalias := p.ok\nfull := data.p.ok\n",
}


def test_regorus_still_evaluates_the_whole_package_behind_an_alias() -> None:
    # A canary: when a regorus release reads only `ok` here, the rule lint above is about cost
    # no more, and docs/rego-pitfalls.md §2 can say so.
    assert _regorus(_WHOLE_PACKAGE, "data.q.full") == 1
    with pytest.raises(RuntimeError, match="multiple outputs"):
        _regorus(_WHOLE_PACKAGE, "data.q.alias")


def test_the_lint_finds_the_reproducer_and_passes_the_workarounds() -> None:
    assert alias_rule_reads_in_functions(_REPRODUCER) == ["c.rego:5 g: d.commercial"]
    parent = {"c.rego": "package c\nimport rego.v1\nimport data.lib\ng(x) := lib.d.on\n"}
    rule = {"c.rego": "package c\nimport rego.v1\nimport data.lib.d.on\ng(x) := on\n"}
    deep = {"c.rego": "package c\nimport rego.v1\nimport data.lib.d\ng(x) := d.on.x[x]\n"}
    fn = {"c.rego": "package c\nimport rego.v1\nimport data.lib.d\ng(x) := d.f(x)\n"}
    lib = {"d.rego": "package lib.d\nimport rego.v1\non := {}\nf(x) := x\n"}
    assert alias_rule_reads_in_functions({**parent, **lib}) == ["c.rego:4 g: lib.d.on"]
    assert alias_rule_reads_in_functions({**rule, **lib}) == ["c.rego:4 g: on"]
    assert alias_rule_reads_in_functions({**deep, **lib}) == ["c.rego:4 g: d.on"]
    assert alias_rule_reads_in_functions({**fn, **lib}) == []
    assert alias_rule_reads_in_functions(_FULL_PATH) == []
    assert alias_rule_reads_in_functions(_OWN_RULE) == []


def test_regorus_still_loses_the_alias() -> None:
    # A canary: when a regorus release answers [1, true] here, the pitfall is gone and the
    # lint above (and docs/rego-pitfalls.md) can be retired.
    assert _regorus(_REPRODUCER) is None


@pytest.mark.parametrize("modules", [_FULL_PATH, _OWN_RULE], ids=["full-path", "own-rule"])
def test_workarounds_are_right_under_regorus(modules: dict[str, str]) -> None:
    assert _regorus(modules) == [1, True]


@pytest.mark.parity
@pytest.mark.skipif(not opa_available(), reason="opa-golib-python-bindings is not installed")
@pytest.mark.parametrize(
    "modules", [_REPRODUCER, _FULL_PATH, _OWN_RULE], ids=["reproducer", "full-path", "own-rule"]
)
def test_real_opa_reads_every_form_the_same(modules: dict[str, str]) -> None:
    assert _opa(modules) == [1, True]


# docs/rego-pitfalls.md §3: in a comprehension inside a function, a membership test of an argument
# (`k in s.keys`) followed by a ref keyed by it (`s.by[k]`) makes real OPA fail with an internal
# error ("internal.member_2 called with operand 1 that requires evaluation"); regorus answers.
# Without the membership test (the ref is undefined for a missing key anyway) OPA answers too.
_SUBS = 'subs := [{"id": "x", "keys": ["k"], "by": {"k": {"w"}}}]\n'
_MEMBER_THEN_REF = {
    "a.rego": "package a\nimport rego.v1\n"
    + _SUBS
    + 'f(k) := {s.id | some s in subs; k in s.keys; "w" in s.by[k]}\nresult := f("k")\n'
}
_REF_ALONE = {
    "a.rego": "package a\nimport rego.v1\n"
    + _SUBS
    + 'f(k) := {s.id | some s in subs; "w" in s.by[k]}\nresult := f("k")\n'
}


@pytest.mark.parametrize("modules", [_MEMBER_THEN_REF, _REF_ALONE], ids=["member-then-ref", "ref"])
def test_regorus_answers_a_ref_keyed_by_an_argument(modules: dict[str, str]) -> None:
    assert _regorus(modules) == ["x"]


@pytest.mark.parity
@pytest.mark.skipif(not opa_available(), reason="opa-golib-python-bindings is not installed")
def test_real_opa_fails_on_a_membership_test_before_a_ref_keyed_by_an_argument() -> None:
    # A canary: when an OPA release answers ["x"] here, §3 of docs/rego-pitfalls.md can go.
    from opa_bindings import OpaError

    with pytest.raises(OpaError, match="internal.member_2"):
        _opa(_MEMBER_THEN_REF)
    assert _opa(_REF_ALONE) == ["x"]
