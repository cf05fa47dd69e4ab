"""(b) Batch: `licensegate check DIR` over COUNT generated manifests, 1 process and all CPUs
(REPEATS runs each, the median reported).

Each run is a fresh `licensegate` process (end to end: start-up, discovery, workers, the JSON
report written to a file). Reported: wall time, manifests/s, CPU seconds of the whole process
tree, peak RSS of the parent and of the largest worker. The reports of all runs must be
byte-identical. A smaller batch (SMALL) with all CPUs shows how the parent's memory grows with
the number of manifests.
"""

from __future__ import annotations

import hashlib
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402

COUNT = 10_000
SMALL = 2_000
REPEATS = 3
"""Runs per number of jobs; the median run is reported. On a shared machine a single run's wall
and even CPU time can move by a third (neighbours share the caches and the CPUs' clocks)."""

# Runs the CLI in this process and reports its own peak RSS and its workers' (RUSAGE_CHILDREN).
_WRAPPER = """
import json, resource, sys
from licensegate.cli import main
sys.argv = ["licensegate", *sys.argv[1:]]
code = 0
try:
    main()
except SystemExit as exit:
    code = exit.code or 0
me = resource.getrusage(resource.RUSAGE_SELF)
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
peak = me.ru_maxrss
try:  # NOTE: ru_maxrss survives exec, so it starts at the spawning process's peak; VmHWM doesn't
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
except (OSError, StopIteration):
    pass
memory = {"parent_kb": peak, "worker_kb": kids.ru_maxrss,
          "parent_cpu_s": me.ru_utime + me.ru_stime}
sys.stderr.write("BENCH " + json.dumps(memory) + "\\n")
sys.exit(code)
"""


def _run(folder: Path, out: Path, jobs: int) -> dict[str, Any]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _WRAPPER, "check", str(folder), "--format", "json",
         "-o", str(out), "--date", "2026-11-29", "--jobs", str(jobs)],
        capture_output=True,
        text=True,
    )  # fmt: skip
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"check exited {done.returncode}: {done.stderr[-800:]}")
    memory = json.loads(done.stderr.split("BENCH ", 1)[1])
    report = json.loads(out.read_text())
    return {
        "jobs": jobs,
        "manifests": len(report["results"]) + len(report["errors"]),
        "wall_s": wall,
        "per_s": (len(report["results"]) + len(report["errors"])) / wall,
        "cpu_s": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        "parent_mb": memory["parent_kb"] / 1024,
        "parent_cpu_s": memory["parent_cpu_s"],
        "worker_mb": memory["worker_kb"] / 1024,
        "sha256": hashlib.sha256(out.read_bytes()).hexdigest(),
        "policy": report["policy"]["digest"],
        "passed": sum(1 for r in report["results"] if r["result"] == "pass"),
    }


def _median_run(folder: Path, out: Path, jobs: int) -> dict[str, Any]:
    """The run of median throughput out of REPEATS, with the range of all of them; every run's
    report must be byte-identical."""
    runs = sorted((_run(folder, out, jobs) for _ in range(REPEATS)), key=lambda r: r["per_s"])
    if len({r["sha256"] for r in runs}) != 1:
        raise RuntimeError(f"--jobs {jobs}: the reports of the repeated runs differ")
    median = dict(runs[len(runs) // 2])
    median["repeats"] = len(runs)
    median["per_s_range"] = [runs[0]["per_s"], runs[-1]["per_s"]]
    return median


def run(cpus: int | None = None) -> dict[str, Any]:
    """One run with 1 process and one with every CPU, plus a SMALL run for memory growth."""
    from licensegate import batch

    cpus = cpus or batch.cpu_count()
    with tempfile.TemporaryDirectory(prefix="licensegate-bench-") as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        generate(root / "big", COUNT)
        generated = time.perf_counter() - started
        generate(root / "small", SMALL)
        runs = [_median_run(root / "big", root / f"report-{jobs}.json", jobs) for jobs in (1, cpus)]
        small = _run(root / "small", root / "report-small.json", cpus)
    if runs[0]["sha256"] != runs[1]["sha256"]:
        if runs[0]["policy"] == runs[1]["policy"]:
            raise RuntimeError("the parallel report differs from the sequential one")
        # Someone edited the policies between the runs: the comparison says nothing.
        raise RuntimeError("the policies changed during the benchmark; run it again")
    growth_kb = (runs[1]["parent_mb"] - small["parent_mb"]) * 1024 / (COUNT - SMALL)
    return {
        "count": COUNT,
        "generate_s": generated,
        "runs": runs,
        "small": small,
        "parent_growth_kb_per_manifest": growth_kb,
        "identical": True,
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
