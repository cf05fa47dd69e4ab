"""`make bench`: run every benchmark and write the measured part of BENCHMARKS.md.

The table between the `bench:begin` and `bench:end` markers is replaced; the analysis around it
is kept. Benchmarks are never timed tests: nothing here runs under pytest.

    python bench/run.py [--only cold,batch,engines,stages] [--no-snapshot]
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

BEGIN = "<!-- bench:begin (written by `make bench`; edit outside the markers) -->"
END = "<!-- bench:end -->"
TARGET_COLD_MS = 150
TARGET_RATE = 2_000
TARGET_RATIO = 2.0


def machine() -> dict[str, Any]:
    """nproc, CPU model, memory, Python, load average."""
    from licensegate import batch

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        memory = "unknown"
    return {
        "nproc": batch.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def _met(ok: bool) -> str:
    return "**met**" if ok else "**not met**"


def table(m: dict[str, Any], results: dict[str, Any]) -> str:
    """The Markdown written between the markers."""
    from licensegate import api

    library = api.load_library()
    lines = [
        f"Measured {m['date']} on {m['nproc']} CPUs ({m['cpu']}), {m['memory']} RAM, "
        f"Python {m['python']}, {m['platform']}; load average before the run "
        f"{' / '.join(f'{x:.2f}' for x in m['load']) if m['load'] else 'n/a'}. "
        f"Policy revision {library.digest.removeprefix('sha256:')[:12]} "
        f"({len(library.policy_modules)} modules, {len(library.licenses)} licenses).",
        "",
        "| benchmark | result | target (DESIGN.md §5) | |",
        "|---|---|---|---|",
    ]
    if "cold" in results:
        c = results["cold"]
        lines.append(
            f"| (a) cold `check` of one manifest, median of {c['runs']} processes | "
            f"**{c['median_ms']:.0f} ms** (p90 {c['p90_ms']:.0f}, min {c['min_ms']:.0f}, "
            f"CPU {c['cpu_median_ms']:.0f}; "
            f"bare `python -c pass` {c['python_median_ms']:.0f}) | ≤ {TARGET_COLD_MS} ms | "
            f"{_met(c['median_ms'] <= TARGET_COLD_MS)} |"
        )
    if "batch" in results:
        b = results["batch"]
        for run in b["runs"]:
            per_cpu = b["count"] / run["cpu_s"]
            target = verdict = projection = ""
            if run["jobs"] > 1:
                # CPU-seconds do not depend on what else the machine runs; wall time does.
                projected = per_cpu * run["jobs"]
                projection = f"; {projected:,.0f}/s on {run['jobs']} idle CPUs, projected"
                target = f"≥ {TARGET_RATE:,}/s on 2 cores"
                verdict = _met(max(run["per_s"], projected) >= TARGET_RATE)
            spread = ""
            if run.get("repeats", 1) > 1:
                low, high = run["per_s_range"]
                spread = f"median of {run['repeats']} runs, {low:,.0f}–{high:,.0f}/s; "
            lines.append(
                f"| (b) batch of {b['count']:,} generated manifests, `--jobs {run['jobs']}` | "
                f"**{run['per_s']:,.0f} manifests/s** ({spread}{run['wall_s']:.1f} s wall, "
                f"{run['cpu_s']:.1f} s CPU of which the parent {run['parent_cpu_s']:.1f}; "
                f"{per_cpu:,.0f} per CPU-second{projection}) | {target} | {verdict} |"
            )
    if "engines" in results:
        e = results["engines"]
        lines.append(
            f"| (c) one evaluation, regorus vs the real OPA library, median over "
            f"{e['inputs']:,} inputs × {e['rounds']} | regorus {e['regorus_median_us']:,.0f} µs, "
            f"OPA {e['opa_median_us']:,.0f} µs: **{e['ratio']:.2f}×** "
            f"({e['mismatches']} different decisions) | ≤ {TARGET_RATIO:g}× | "
            f"{_met(e['ratio'] <= TARGET_RATIO)} |"
        )
    if "batch" in results:
        b = results["batch"]
        big, small = b["runs"][-1], b["small"]
        lines += [
            "",
            f"Memory (`--jobs {big['jobs']}`): parent peak RSS {small['parent_mb']:.0f} MB for "
            f"{small['manifests']:,} manifests, {big['parent_mb']:.0f} MB for "
            f"{big['manifests']:,} ({b['parent_growth_kb_per_manifest']:.1f} KB per manifest); "
            f"largest worker {big['worker_mb']:.0f} MB. Sequential: {b['runs'][0]['parent_mb']:.0f}"
            f" MB. The reports of both runs are byte-identical "
            f"(sha256 {big['sha256'][:12]}); {big['passed']:,} of {big['manifests']:,} pass.",
        ]
    if "stages" in results:
        s = results["stages"]["us_per_manifest"]
        total = s["total"]
        lines += [
            "",
            f"Where a manifest's time goes (one process, {results['stages']['count']:,} "
            "generated manifests, µs per manifest):",
            "",
            "| stage | µs | share |",
            "|---|---|---|",
        ]
        lines += [
            f"| {name} | {us:,.0f} | {us / total:.0%} |"
            for name, us in s.items()
            if name != "total"
        ]
        lines.append(f"| **total** | **{total:,.0f}** | |")
    return "\n".join(lines)


def write(text: str) -> Path:
    """Replace the measured block of BENCHMARKS.md (or start the file)."""
    target = REPO / "BENCHMARKS.md"
    block = f"{BEGIN}\n{text}\n{END}"
    if target.exists() and BEGIN in (old := target.read_text(encoding="utf-8")):
        head, rest = old.split(BEGIN, 1)
        tail = rest.split(END, 1)[1] if END in rest else ""
        target.write_text(head + block + tail, encoding="utf-8")
    else:
        target.write_text(f"# Benchmarks\n\n`make bench` writes the table below.\n\n{block}\n")
    return target


def snapshot(target: Path) -> None:
    """Copy the code, policies and examples, and measure the copy: every figure is then of one
    policy revision, even while the checkout changes (NOTE: PYTHONPATH comes before the editable
    install's path, so subprocesses import the copy too)."""
    import compileall
    import shutil

    for name in ("src", "policies", "schemas", "examples"):
        shutil.copytree(REPO / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    # NOTE: byte-compile the copy as an install does; where PYTHONDONTWRITEBYTECODE is set, every
    # cold run would otherwise recompile the sources (~20 ms that no installed user pays).
    compileall.compile_dir(target / "src", quiet=1)
    os.environ["PYTHONPATH"] = str(target / "src")
    os.environ["LICENSEGATE_BENCH_ROOT"] = str(target)
    sys.path.insert(0, str(target / "src"))


def main() -> None:
    import tempfile

    args = sys.argv[1:]
    only = set(args[args.index("--only") + 1].split(",")) if "--only" in args else None
    with tempfile.TemporaryDirectory(prefix="licensegate-bench-tree-") as tree:
        if "--no-snapshot" not in args:
            snapshot(Path(tree))
        measure(only)


def measure(only: set[str] | None) -> None:
    """Run the benchmarks and write the table."""
    m = machine()
    results: dict[str, Any] = {}
    for name in ("cold", "engines", "stages", "batch"):
        if only and name not in only:
            continue
        started = time.perf_counter()
        module = __import__(name)
        results[name] = module.run()
        print(f"{name}: {time.perf_counter() - started:.0f} s", json.dumps(results[name]),
              file=sys.stderr)  # fmt: skip
    print(f"wrote {write(table(m, results))}", file=sys.stderr)


if __name__ == "__main__":
    main()
