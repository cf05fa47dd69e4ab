"""Where the time goes per manifest: read and YAML, schema, facts, evaluation, report, render.

Checks COUNT generated manifests in this process (sequentially, after a warm-up) with timing
wrappers around the functions each stage calls; "report" is what `pipeline.judge` spends outside
the other stages (joining findings to the clause library, lines, sorting); "sign-off state" is
`pipeline.finish` (the sign-off record, expiring waivers). Stages whose function is
not found (the code moved) are left out rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402

COUNT = 1_000


def run() -> dict[str, Any]:
    """Microseconds per manifest for each stage, and their total."""
    from licensegate import api, facts, manifest, pipeline
    from licensegate.formats import OutputFormat

    spent: dict[str, float] = defaultdict(float)

    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - started

        return wrapper

    library = api.load_library()
    engine = api.make_engine(library)
    hooks = [
        (manifest, "read_document", "read + YAML"),
        (manifest, "validate", "schema"),
        (facts, "build_input", "facts"),
        (pipeline, "judge", "judge"),
        (pipeline, "finish", "sign-off state"),
    ]
    for module, attribute, name in hooks:
        if hasattr(module, attribute):
            setattr(module, attribute, timed(name, getattr(module, attribute)))
    engine.evaluate = timed("evaluate", engine.evaluate)  # type: ignore[method-assign]
    today = dt.date(2026, 11, 29)
    with tempfile.TemporaryDirectory(prefix="licensegate-bench-") as tmp:
        paths = generate(Path(tmp), COUNT, seed=3, library=library)
        api.check(paths[:100], library=library, engine=engine, today=today)  # warm-up
        spent.clear()
        started = time.perf_counter()
        report = api.check(paths, library=library, engine=engine, today=today)
        checked = time.perf_counter() - started
        render = OutputFormat.JSON.renderer()
        started = time.perf_counter()
        render(report)
        spent["render (JSON)"] = time.perf_counter() - started
    inner = sum(
        spent[k] for k in ("read + YAML", "schema", "facts", "evaluate", "sign-off state")
    )
    if "judge" in spent:
        spent["report"] = spent.pop("judge") - inner
    spent["discovery and the rest"] = checked - inner - spent.get("report", 0.0)
    per = {name: seconds / COUNT * 1e6 for name, seconds in spent.items()}
    per["total"] = sum(per.values())
    return {"count": COUNT, "us_per_manifest": per}


if __name__ == "__main__":
    for stage, us in run()["us_per_manifest"].items():
        print(f"{stage:<24} {us:8.0f} µs")
