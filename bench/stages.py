"""Where the time goes per manifest: read and YAML, schema, facts, evaluation, report, render.

Checks COUNT generated manifests in this process (sequentially, after a warm-up; `api.check`
takes them through `pipeline.outcomes` in groups, stage by stage) with timing wrappers around
the functions each stage calls. "file, digest, TODOs" is what `load_manifest` spends outside
the YAML reader and the schema check (the bounded read, the sha256, the TODO scan); "report"
is `pipeline.join` (findings joined to the clause library, lines, sorting); "sign-off state" is
`pipeline.finish` (the sign-off record, expiring waivers). Stages whose function is not found
(the code moved) are left out rather than guessed.
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
        (manifest, "load_manifest", "load"),
        (manifest, "read_document", "read + YAML"),
        (manifest, "validate", "schema"),
        (facts, "build_input", "facts"),
        (pipeline, "join", "report"),
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
    if "load" in spent:
        spent["file, digest, TODOs"] = spent.pop("load") - spent["read + YAML"] - spent["schema"]
    stages = ("file, digest, TODOs", "read + YAML", "schema", "facts", "evaluate", "report")
    inner = sum(spent.get(k, 0.0) for k in (*stages, "sign-off state"))
    spent["discovery and the rest"] = checked - inner
    order = (*stages, "sign-off state", "render (JSON)", "discovery and the rest")
    per = {name: spent[name] / COUNT * 1e6 for name in order if name in spent}
    per["total"] = sum(per.values())
    return {"count": COUNT, "us_per_manifest": per}


if __name__ == "__main__":
    for stage, us in run()["us_per_manifest"].items():
        print(f"{stage:<24} {us:8.0f} µs")
