"""(a) Cold start: `licensegate check` of one manifest, a fresh process each time.

Median of RUNS runs after WARMUP (file cache warm, bytecode compiled: _compile_sources), with
the interpreter's own start-up (`python -c pass`) measured the same way for reference.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(os.environ.get("LICENSEGATE_BENCH_ROOT") or Path(__file__).resolve().parents[1])
EXAMPLE = REPO / "examples" / "llama3.1" / "support-assistant.licensegate.yaml"
RUNS = 30
WARMUP = 3


def _time(command: list[str]) -> tuple[list[float], list[float]]:
    """Wall and CPU (user + system) milliseconds of each timed run."""
    walls, cpus = [], []
    for index in range(WARMUP + RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode not in (0, 1):
            raise RuntimeError(f"{command}: exit {done.returncode}: {done.stderr.decode()[-500:]}")
        if index >= WARMUP:
            walls.append(elapsed * 1000)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            cpus.append(cpu * 1000)
    return walls, cpus


def _compile_sources() -> None:
    """Byte-compile the measured package first. NOTE: where PYTHONDONTWRITEBYTECODE is set (as
    in CI and our shells), a module edited since `make install` has a stale .pyc that is never
    rewritten, so every timed process would recompile it (~25 ms on 2026-12-02 in main: cli,
    policy, api, pipeline, manifest, regometa); compileall writes .pyc files regardless."""
    import compileall

    import licensegate

    compileall.compile_dir(Path(licensegate.__file__).parent, quiet=1)


def run() -> dict[str, Any]:
    """Milliseconds: median, p90 and min of a cold check, and of a bare interpreter."""
    _compile_sources()
    script = Path(sys.executable).with_name("licensegate")
    check, cpu = _time([str(script), "check", str(EXAMPLE), "--date", "2026-11-29"])
    bare, _ = _time([sys.executable, "-c", "pass"])
    return {
        "runs": RUNS,
        "median_ms": statistics.median(check),
        "p90_ms": statistics.quantiles(check, n=10)[-1],
        "min_ms": min(check),
        "cpu_median_ms": statistics.median(cpu),
        "python_median_ms": statistics.median(bare),
        "example": str(EXAMPLE.relative_to(REPO)),
    }


if __name__ == "__main__":
    print(run())
