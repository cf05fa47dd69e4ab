"""Check many manifests in several processes (``check --jobs N``), in a deterministic order.

A regorus engine is bound to the thread that made it (reference/engines.md §4: "unsendable"),
and evaluation holds the GIL, so parallelism means processes: each worker loads its own engine
in its initializer, then checks paths in chunks. Results come back in the order of the paths
(``Executor.map``), so the report is byte-for-byte the sequential one. Workers return only the
results, never the input documents, and of each clause only what its finding says (subject,
status, message, place): the parent takes the clause's library texts (quote, title,
remediation...) from its own copy of the library, so they are shared, not sent and copied for
every finding.

Start method: ``fork`` when the parent is single-threaded on Linux (a worker starts in a few
milliseconds, with the library already in memory), else ``spawn``. NOTE: forking a process that
runs other threads can deadlock a child, and the real OPA library, loaded in test processes,
runs Go threads and hangs when a forked child creates an engine (engines.md §4).
"""

from __future__ import annotations

import dataclasses
import math
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from licensegate import pipeline
from licensegate.errors import EngineError, LicensegateError
from licensegate.report import ManifestResult, NoVerdict, Status

if TYPE_CHECKING:
    from licensegate.engine import Engine
    from licensegate.engine.remote import OpaOptions
    from licensegate.policy import PolicyLibrary

PER_WORKER = 100
"""Manifests per worker before another one pays off: a few ms per manifest against ~20 ms
(fork) to ~300 ms (spawn) to start a worker and load its engine. See BENCHMARKS.md."""
MAX_CHUNK = pipeline.GROUP
"""Most paths sent to a worker at once: bigger chunks cost less IPC and are checked stage by
stage (pipeline.outcomes), smaller ones balance the workers."""


def cpu_count() -> int:
    """CPUs this process may run on (the affinity mask, e.g. in containers)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def plan_jobs(requested: int | None, count: int) -> int:
    """Worker processes for ``count`` manifests: as requested, or one per PER_WORKER up to the CPUs.

    Small inputs get 1 (no worker at all): starting processes costs more than a few checks.
    """
    if requested is not None:
        return max(1, min(requested, count)) if count else 1
    return max(1, min(cpu_count(), math.ceil(count / PER_WORKER)))


def check_parallel(
    paths: Sequence[Path],
    library: PolicyLibrary,
    options: pipeline.Options | None = None,
    *,
    jobs: int,
    opa: OpaOptions | None = None,
    start_method: str | None = None,
) -> Iterator[ManifestResult | NoVerdict]:
    """Check ``paths`` in ``jobs`` processes; yields one outcome per path, in order.

    Each worker runs :func:`licensegate.pipeline.outcomes` with the same ``options`` (a trusted
    ref or scan facts stay in the parent process: api.py never sends them here).

    Policy and engine errors (in a worker, or a worker that dies) raise, as in a sequential run.
    With a remote engine the parent pushes or checks the policies once; workers only check the
    revision (``preloaded``).
    """
    import concurrent.futures
    import multiprocessing
    from concurrent.futures.process import BrokenProcessPool

    options = options or pipeline.Options()  # one day for every worker, even across midnight
    if opa is not None:
        from licensegate.engine.remote import RemoteEngine

        RemoteEngine(library, opa).close()  # push (or check) once, before any worker starts
        opa = dataclasses.replace(opa, preloaded=True)
    context = multiprocessing.get_context(start_method or _start_method())
    chunk = max(1, min(MAX_CHUNK, len(paths) // (jobs * 8)))
    try:
        with concurrent.futures.ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=context,
            initializer=_start_worker,
            initargs=(library, opa, options, os.getpid()),
        ) as pool:
            # NOTE: each task is a group the worker takes through the pipeline stage by stage
            # (pipeline.outcomes), not a path: that is cheaper per manifest, like bigger chunks.
            names = [str(p) for p in paths]
            groups = [names[start : start + chunk] for start in range(0, len(names), chunk)]
            for sent in pool.map(_check_group, groups):
                for each in sent:
                    yield _unpack(each, library)
    except BrokenProcessPool as err:
        raise EngineError(f"a batch worker process died: {err}") from None


def _start_method() -> str:
    if sys.platform == "linux" and _threads() == 1:
        return "fork"
    return "spawn"


def _threads() -> int:
    """Threads of this process, including ones Python did not start (e.g. Go's)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        import threading

        return threading.active_count()


# What a worker sends for a clause: the finding's own part, in pipeline.clause_result's order
# after the row.
_SentClause = tuple[str, str, Status, str, str, int | None, dict[str, Any]]
_Sent = tuple[ManifestResult, list[_SentClause]] | NoVerdict


def _pack(outcome: ManifestResult | NoVerdict) -> _Sent:
    """In the worker: a result without its clauses, and each clause without its library texts."""
    if not isinstance(outcome, ManifestResult):
        return outcome
    clauses = [
        (c.id, c.subject, c.status, c.message, c.path, c.line, c.extra) for c in outcome.clauses
    ]
    return dataclasses.replace(outcome, clauses=[]), clauses


def _unpack(sent: _Sent, library: PolicyLibrary) -> ManifestResult | NoVerdict:
    """In the parent: the result the worker had, its clauses rebuilt from the library's rows."""
    if isinstance(sent, NoVerdict):
        return sent
    result, clauses = sent
    rebuilt = []
    for clause_id, subject, status, message, path, line, extra in clauses:
        row = library.clause_row(clause_id)
        if row is None:  # the worker joined it with the same library: never, but not a crash
            raise EngineError(f"a batch worker sent a clause the library lacks: {clause_id}")
        rebuilt.append(pipeline.clause_result(row, subject, status, message, path, line, extra))
    # NOTE: the result was just unpickled, so nothing else holds it yet.
    object.__setattr__(result, "clauses", rebuilt)
    return result


# -- in the worker ----------------------------------------------------------------------------

_worker: dict[str, Any] = {}


def _start_worker(
    library: PolicyLibrary, opa: OpaOptions | None, options: pipeline.Options, parent: int
) -> None:
    """Load this worker's engine in its own (main) thread; keep an error for the first task.

    NOTE: an exception escaping an initializer only shows up as a broken pool; kept and raised
    by each task instead, it reaches the user as the same one-line error as a sequential run.
    """
    _die_with_parent(parent)
    _worker.update(library=library, options=options, error=None)
    try:
        engine: Engine = pipeline.make_engine(library, opa)
    except LicensegateError as err:
        _worker["error"] = err
    else:
        _worker["engine"] = engine


def _die_with_parent(parent: int) -> None:
    """Linux: the kernel kills this worker when the parent dies, even by SIGKILL (a cancelled
    CI job must not leave workers running). Elsewhere the pool's own shutdown has to do."""
    if sys.platform != "linux":
        return
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _check_group(paths: list[str]) -> list[_Sent]:
    if _worker["error"] is not None:
        raise _worker["error"]
    # NOTE: a NoVerdict, not the ManifestError, crosses back to the parent: the error's
    # constructor takes more than its message, so it does not survive pickling.
    done = pipeline.outcomes(
        [Path(path) for path in paths], _worker["library"], _worker["engine"], _worker["options"]
    )
    return [_pack(outcome) for outcome in done]


__all__ = ["check_parallel", "cpu_count", "plan_jobs"]
