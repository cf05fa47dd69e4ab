"""CPU per manifest of two source trees, in chunks paired back to back: the whole pipeline.

    python bench/pipeline_ab.py BASE_SRC [COUNT] [ROUNDS] [CHUNK]

Where `make bench` runs each side as its own `check` (whose CPU time, on a shared machine, can
move by a third from one run to the next), this keeps one process per side alive (the checkout's
`src` and BASE_SRC, e.g. `git archive REV src policies schemas | tar -x -C /tmp/base` then
/tmp/base/src) and hands them the same CHUNK manifests in turn, alternating which goes first.
Each process takes its chunk through `pipeline.outcomes` in groups, as a `--jobs` worker does,
and writes every result as the JSON report would (the parent's share). A slow spell then weighs
on both sides of a pair alike, and the median of the pairs' ratios is steady where the medians
of whole runs are not. Every result must be the same on both sides (the policy digest aside).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

# One side: reads "START END" lines, answers with the CPU seconds and a digest of the results.
_SIDE = """
import hashlib, io, json, sys, time
from pathlib import Path
from licensegate import api, pipeline
from licensegate.formats.json import Writer
paths = [Path(line) for line in Path(sys.argv[1]).read_text().splitlines()]
library = api.load_library()
engine = pipeline.make_engine(library, None)
options = pipeline.Options(today=__import__("datetime").date(2026, 11, 29))
for command in sys.stdin:
    start, end = map(int, command.split())
    sink = io.StringIO()
    writer = Writer(sink)
    started = time.process_time()
    for first in range(start, end, pipeline.GROUP):
        for outcome in pipeline.outcomes(paths[first:min(end, first + pipeline.GROUP)], library,
                                         engine, options):
            if hasattr(outcome, "clauses"):
                writer.result(outcome)
    spent = time.process_time() - started
    digest = hashlib.sha256(sink.getvalue().encode()).hexdigest()
    print(json.dumps({"cpu": spent, "digest": digest}), flush=True)
"""


def _side(src: Path | None, listing: Path) -> subprocess.Popen[str]:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    return subprocess.Popen(
        [sys.executable, "-c", _SIDE, str(listing)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


def _ask(side: subprocess.Popen[str], start: int, end: int) -> dict[str, float | str]:
    assert side.stdin is not None and side.stdout is not None
    side.stdin.write(f"{start} {end}\n")
    side.stdin.flush()
    line = side.stdout.readline()
    if not line:
        raise SystemExit("a side exited early")
    answer: dict[str, float | str] = json.loads(line)
    return answer


def main() -> None:
    base = Path(sys.argv[1]).resolve()
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    chunk = int(sys.argv[4]) if len(sys.argv) > 4 else 200
    with tempfile.TemporaryDirectory(prefix="licensegate-bench-") as tmp:
        paths = generate(Path(tmp), count, seed=3)
        listing = Path(tmp) / "paths.txt"
        listing.write_text("\n".join(str(p) for p in paths))
        sides = {"checkout": _side(None, listing), "base": _side(base, listing)}
        try:
            for side in sides.values():  # warm-up: the first chunk compiles and fills caches
                _ask(side, 0, min(chunk, count))
            ratios: list[float] = []
            spent: dict[str, float] = dict.fromkeys(sides, 0.0)
            different = 0
            pair = 0
            for _ in range(rounds):
                for start in range(0, count, chunk):
                    end = min(count, start + chunk)
                    order = list(sides) if pair % 2 == 0 else list(reversed(sides))
                    pair += 1
                    answers = {name: _ask(sides[name], start, end) for name in order}
                    for name, answer in answers.items():
                        spent[name] += float(answer["cpu"])
                    ratios.append(float(answers["checkout"]["cpu"]) / float(answers["base"]["cpu"]))
                    different += answers["checkout"]["digest"] != answers["base"]["digest"]
        finally:
            for side in sides.values():
                side.kill()
    per = {name: total / (count * rounds) * 1e6 for name, total in spent.items()}
    print(f"checkout {per['checkout']:.0f} µs/manifest, base {per['base']:.0f} µs/manifest")
    print(
        f"checkout / base: median of {len(ratios)} paired chunks {statistics.median(ratios):.3f}"
        f" (quartiles {statistics.quantiles(ratios, n=4)[0]:.3f}"
        f" to {statistics.quantiles(ratios, n=4)[2]:.3f}); chunks whose results differ: {different}"
    )


if __name__ == "__main__":
    main()
