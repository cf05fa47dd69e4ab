"""(c) Per-evaluation cost: regorus (embedded) against the real OPA library, same policies, same
inputs, one process, interleaved.

Inputs are the documents `facts.build_input` makes from COUNT generated manifests. Each round
evaluates every input under both engines, alternating which goes first; after a warm-up round,
ROUNDS rounds are timed one evaluation at a time (dict in, findings out). The decisions must be
identical for every input.
"""

from __future__ import annotations

import datetime as dt
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from generate import generate  # noqa: E402

COUNT = 1_000
ROUNDS = 3


# The experiment below: main.rego reaches a license package as data.licenses[<bound name>].
# regorus then evaluates every license package, OPA only the named one. The same policies with
# one static reference per package (a generated dispatch module) show what that costs.
_DYNAMIC = {
    f"data.licenses[package_of(license)].{rule}": (
        f"data.licensegate.dispatch.{rule.removesuffix('s')}_of(package_of(license))"
    )
    for rule in ("license", "findings")
}


def _static_dispatch(library: Any) -> Any:
    """The library with main.rego's dynamic references replaced, or None if they moved."""
    import dataclasses

    from licensegate.policy import Module

    modules = []
    for module in library.modules:
        if module.package == "licensegate.main" and not module.is_test:
            source = module.source
            for old, new in _DYNAMIC.items():
                if old not in source:
                    return None
                source = source.replace(old, new)
            module = dataclasses.replace(module, source=source)
        modules.append(module)
    packages = sorted({m.package for m in modules if m.package.startswith("licenses.")})
    lines = ["package licensegate.dispatch", "", "import rego.v1", ""]
    for package in packages:
        name = package.split(".", 1)[1]
        lines += [
            f'finding_of("{name}") := data.{package}.findings',
            f'license_of("{name}") := data.{package}.license',
        ]
    modules.append(Module("licensegate/dispatch/dispatch.rego", "\n".join(lines) + "\n",
                          "licensegate.dispatch"))  # fmt: skip
    return dataclasses.replace(library, modules=modules)


def _medians(engines: dict[str, Any], documents: list[Any]) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in engines}
    gc.collect()
    for round_ in range(ROUNDS):
        for index, document in enumerate(documents):
            names = list(engines) if (index + round_) % 2 == 0 else list(reversed(engines))
            for name in names:
                started = time.perf_counter_ns()
                engines[name](document)
                times[name].append((time.perf_counter_ns() - started) / 1000)
    return times


def run() -> dict[str, Any]:
    """Median and p90 microseconds per evaluation for each engine, and their ratio."""
    from licensegate import api
    from licensegate.facts import build_input
    from licensegate.manifest import load_manifest
    from oracle import OracleEngine, canonical

    library = api.load_library()
    with tempfile.TemporaryDirectory(prefix="licensegate-bench-") as tmp:
        paths = generate(Path(tmp), COUNT, seed=7, library=library)
        documents = [build_input(load_manifest(p), library, dt.date(2026, 11, 29)) for p in paths]
    regorus = api.make_engine(library)
    opa = OracleEngine(library)
    engines = {"regorus": regorus.evaluate, "opa": opa.evaluate}
    mismatches = sum(
        1 for d in documents if canonical(regorus.evaluate(d)) != canonical(opa.evaluate(d))
    )
    result: dict[str, Any] = {"inputs": COUNT, "rounds": ROUNDS, "mismatches": mismatches}
    for name, values in _medians(engines, documents).items():
        result[f"{name}_median_us"] = statistics.median(values)
        result[f"{name}_p90_us"] = statistics.quantiles(values, n=10)[-1]
    result["ratio"] = result["regorus_median_us"] / result["opa_median_us"]
    static = _static_dispatch(library)
    if static is not None:
        from licensegate.engine.embedded import EmbeddedEngine

        fast, fast_opa = EmbeddedEngine(static), OracleEngine(static)
        same = all(
            canonical(fast.evaluate(d)) == canonical(regorus.evaluate(d))
            == canonical(fast_opa.evaluate(d))
            for d in documents
        )  # fmt: skip
        times = _medians({"regorus": fast.evaluate, "opa": fast_opa.evaluate}, documents)
        result["static_dispatch"] = {
            "regorus_median_us": statistics.median(times["regorus"]),
            "opa_median_us": statistics.median(times["opa"]),
            "same_decisions": same,
        }
    return result


if __name__ == "__main__":
    print(run())
