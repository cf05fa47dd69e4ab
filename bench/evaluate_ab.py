"""Evaluation cost of two revisions of the decision package, in one process, interleaved.

    python bench/evaluate_ab.py REV [COUNT] [ROUNDS]

Loads the checkout's policy library twice: once as it is, once with
policies/licensegate/main/*.rego (not tests) as of git revision REV. Both engines evaluate the
input documents of COUNT generated manifests, alternating every round, so a busy machine weighs
on both alike; prints the median CPU microseconds per evaluation of each and their ratio, and
checks that every decision is the same. For changes to the decision package only (its inputs and
the rest of the library are the checkout's).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402

MAIN = "licensegate/main/"


def _at(rev: str, name: str) -> str:
    root = Path(__file__).resolve().parents[1]
    command = ["git", "show", f"{rev}:policies/{name}"]
    return subprocess.run(command, cwd=root, check=True, capture_output=True, text=True).stdout


def main() -> None:
    from licensegate import api, facts, manifest
    from licensegate.engine.embedded import EmbeddedEngine

    rev = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    library = api.load_library()
    modules = library.policy_modules
    then = [
        dataclasses.replace(m, source=_at(rev, m.name)) if m.name.startswith(MAIN) else m
        for m in modules
    ]
    engines = {
        "checkout": EmbeddedEngine(library, modules),
        rev[:12]: EmbeddedEngine(library, then),
    }
    today = dt.date(2026, 11, 29)
    with tempfile.TemporaryDirectory(prefix="licensegate-bench-") as tmp:
        paths = generate(Path(tmp), count, seed=3, library=library)
        documents = [facts.build_input(manifest.load_manifest(p), library, today) for p in paths]
    answers = {name: [e.evaluate(d) for d in documents] for name, e in engines.items()}
    first, second = answers.values()
    different = sum(1 for a, b in zip(first, second, strict=True) if a != b)
    spent: dict[str, list[float]] = {name: [] for name in engines}
    for round_ in range(rounds):
        order = list(engines) if round_ % 2 == 0 else list(reversed(engines))
        for name in order:
            engine = engines[name]
            started = time.process_time()
            for document in documents:
                engine.evaluate(document)
            spent[name].append((time.process_time() - started) / count * 1e6)
    medians = {name: statistics.median(values) for name, values in spent.items()}
    for name, values in spent.items():
        shown = [round(v) for v in values]
        print(f"{name:<14} median {medians[name]:6.0f} µs/evaluation  rounds {shown}")
    checkout, before = medians.values()
    print(f"checkout / {rev[:12]}: {checkout / before:.2f}; {different}/{count} decisions differ")


if __name__ == "__main__":
    main()
