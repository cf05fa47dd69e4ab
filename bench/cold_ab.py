"""Interleaved A/B of a cold `licensegate check`: another checkout's sources against this one.

    git archive <commit> src policies schemas | tar -x -C /tmp/base
    .venv/bin/python bench/cold_ab.py /tmp/base/src [RUNS]

Both sides run with this venv's interpreter as fresh processes, alternating, with their bytecode
compiled first (see cold.py); the reports on stdout must be the same. Prints the median, p90 and
min of each side and the load average before and after.
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "llama3.1" / "support-assistant.licensegate.yaml"
ENTRY = "import sys; from licensegate.cli import main; sys.argv[0] = 'licensegate'; main()"


def main() -> None:
    baseline = Path(sys.argv[1]).resolve()
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    for src in (baseline, REPO / "src"):
        compileall.compile_dir(src, quiet=1)
    command = [sys.executable, "-c", ENTRY, "check", str(EXAMPLE), "--date", "2026-11-29"]
    sides = {
        "baseline": {**os.environ, "PYTHONPATH": str(baseline)},
        "this": {**os.environ, "PYTHONPATH": str(REPO / "src")},
    }
    reports = {
        name: subprocess.run(command, env=env, capture_output=True).stdout
        for name, env in sides.items()
    }
    if reports["baseline"] != reports["this"]:
        sys.exit("the two sides print different reports")
    times: dict[str, list[float]] = {name: [] for name in sides}
    load = os.getloadavg()
    for _ in range(runs):
        for name, env in sides.items():
            started = time.perf_counter()
            subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[name].append((time.perf_counter() - started) * 1000)
    print(f"{runs} runs each; load average before {load}, after {os.getloadavg()}")
    for name, values in times.items():
        median, p90 = statistics.median(values), statistics.quantiles(values, n=10)[-1]
        print(f"{name:9} median {median:.1f} ms, p90 {p90:.1f}, min {min(values):.1f}")


if __name__ == "__main__":
    main()
