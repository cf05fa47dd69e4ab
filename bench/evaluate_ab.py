"""Evaluation cost of two revisions of the decision package, in one process, interleaved.

    python bench/evaluate_ab.py REV [COUNT] [ROUNDS]

Loads the checkout's policy library twice: once as it is, once with every policy module (not
tests) as of git revision REV (modules REV lacks are left out, modules only REV has are added).
Both engines evaluate the input documents of COUNT generated manifests, alternating every round,
so a busy machine weighs on both alike; prints the median CPU microseconds per evaluation of
each and their ratio, and checks that every decision is the same. For changes to the Rego only:
the input documents, the data and the clause library are the checkout's.

On a shared machine the rounds' medians can move by 10% or more between runs: the last line
also gives the median ratio of paired chunks (25 documents each, the two engines back to back,
alternating which goes first), which a slow spell weighs on both sides of alike.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402

from licensegate.regometa import Module  # noqa: E402

PACKAGE = re.compile(r"^package\s+(\S+)", re.MULTILINE)

ROOT = Path(__file__).resolve().parents[1]

# Documents per paired measurement (see the module docstring).
CHUNK = 25


def _git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True)
    return done.stdout


def _modules_at(rev: str) -> list[Module]:
    """The policy modules (not tests) of revision REV."""
    names = _git("ls-tree", "-r", "--name-only", rev, "policies/").splitlines()
    modules = []
    for name in names:
        if not name.endswith(".rego") or name.endswith("_test.rego"):
            continue
        source = _git("show", f"{rev}:{name}")
        package = PACKAGE.search(source)
        if package is None:
            raise SystemExit(f"{rev}:{name} has no package line")
        modules.append(Module(name.removeprefix("policies/"), source, package.group(1)))
    return modules


def main() -> None:
    from licensegate import api, facts, manifest
    from licensegate.engine.embedded import EmbeddedEngine

    rev = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    library = api.load_library()
    engines = {
        "checkout": EmbeddedEngine(library, library.policy_modules),
        rev[:12]: EmbeddedEngine(library, _modules_at(rev)),
    }
    today = dt.date(2026, 11, 29)
    with tempfile.TemporaryDirectory(prefix="licensegate-bench-") as tmp:
        paths = generate(Path(tmp), count, seed=3, library=library)
        documents = [facts.build_input(manifest.load_manifest(p), library, today) for p in paths]
    answers = {name: [e.evaluate(d) for d in documents] for name, e in engines.items()}
    first, second = answers.values()
    different = sum(1 for a, b in zip(first, second, strict=True) if a != b)
    spent: dict[str, list[float]] = {name: [] for name in engines}
    ratios: list[float] = []
    for round_ in range(rounds):
        totals = dict.fromkeys(engines, 0.0)
        for start in range(0, count, CHUNK):
            chunk = documents[start : start + CHUNK]
            order = list(engines) if (round_ + start // CHUNK) % 2 == 0 else list(reversed(engines))
            pair = {}
            for name in order:
                engine = engines[name]
                started = time.process_time()
                for document in chunk:
                    engine.evaluate(document)
                pair[name] = time.process_time() - started
                totals[name] += pair[name]
            ratios.append(pair["checkout"] / pair[rev[:12]])
        for name in engines:
            spent[name].append(totals[name] / count * 1e6)
    medians = {name: statistics.median(values) for name, values in spent.items()}
    for name, values in spent.items():
        shown = [round(v) for v in values]
        print(f"{name:<14} median {medians[name]:6.0f} µs/evaluation  rounds {shown}")
    checkout, before = medians.values()
    paired = statistics.median(ratios)
    print(
        f"checkout / {rev[:12]}: {checkout / before:.2f} (paired chunks: {paired:.3f}); "
        f"{different}/{count} decisions differ"
    )


if __name__ == "__main__":
    main()
