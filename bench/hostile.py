"""Hostile manifest shapes (issue 9 part 6): how long building the input and a whole check take.

- a diamond lattice of N derived models, each built on the two before it (a walk without memory
  visits Fibonacci(N) paths: 32 models took 12.9 s before the walk was memoised);
- a chain of 1,000 derived models (a recursive walk raised RecursionError);
- one manifest listing 12,000 models the library cannot judge, one finding each (ranking the
  subjects per finding was quadratic: 16.4 s before the rank table).

Run: .venv/bin/python bench/hostile.py   (about 10 s; nothing is written but temporary files)
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from licensegate import api
from licensegate.facts import build_input
from licensegate.manifest import load_manifest

HEAD = """\
apiVersion: licensegate/v1
kind: Deployment
metadata: {name: hostile}
licensee: {name: Acme, domicile: US, monthly_active_users: 5}
product: {commercial: true, environment: production, audience: public}
models:
"""
TODAY = dt.date(2026, 11, 29)


def lattice(count: int) -> str:
    lines = [
        "  - {id: mistralai/Mistral-7B-v0.1, uses: [fine-tuning]}",
        "derived_models:",
        "  - {name: D0, base_models: [mistralai/Mistral-7B-v0.1], release: none}",
        "  - {name: D1, base_models: [mistralai/Mistral-7B-v0.1, D0], release: none}",
    ]
    lines += [
        f"  - {{name: D{i}, base_models: [D{i - 1}, D{i - 2}], release: none}}"
        for i in range(2, count)
    ]
    return HEAD + "\n".join(lines) + "\n"


def chain(count: int) -> str:
    lines = [
        "  - {id: mistralai/Mistral-7B-v0.1, uses: [fine-tuning]}",
        "derived_models:",
        "  - {name: C0, base_models: [mistralai/Mistral-7B-v0.1], release: none}",
    ]
    lines += [
        f"  - {{name: C{i}, base_models: [C{i - 1}], release: none}}" for i in range(1, count)
    ]
    return HEAD + "\n".join(lines) + "\n"


def many_models(count: int) -> str:
    rows = (f"  - {{id: example/model-{i}, uses: [inference]}}\n" for i in range(count))
    return HEAD + "".join(rows)


def main() -> None:
    library = api.load_library()
    cli = Path(sys.executable).with_name("licensegate")
    cases = [
        ("lattice of 32 derived models", lattice(32)),
        ("chain of 1,000 derived models", chain(1000)),
        ("12,000 unjudgeable models", many_models(12000)),
    ]
    with tempfile.TemporaryDirectory() as folder:
        for label, text in cases:
            path = Path(folder) / "hostile.licensegate.yaml"
            path.write_text(text, encoding="utf-8")
            manifest = load_manifest(path)
            started = time.perf_counter()
            build_input(manifest, library, TODAY)
            built = time.perf_counter() - started
            started = time.perf_counter()
            done = subprocess.run(
                [str(cli), "check", str(path), "-f", "json", "--date", TODAY.isoformat()],
                capture_output=True,
                check=False,
            )
            checked = time.perf_counter() - started
            print(
                f"{label}: input built in {built * 1000:.1f} ms; "
                f"`check` exit {done.returncode} in {checked:.2f} s"
            )


if __name__ == "__main__":
    main()
