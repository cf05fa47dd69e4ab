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
    return result


if __name__ == "__main__":
    print(run())
