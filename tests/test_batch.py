"""Batch checking in worker processes: the same report as a sequential run, in the same order."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import TODAY
from licensegate import api, batch, pipeline
from licensegate.cli import app
from licensegate.formats import OutputFormat
from licensegate.pipeline import Options
from licensegate.policy import PolicyLibrary
from manifests import corpus_generator

runner = CliRunner()
COUNT = 200
"""Enough manifests for two workers and several chunks each; the suite stays fast."""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """COUNT generated manifests over every supported license, and a few broken ones."""
    root = tmp_path_factory.mktemp("corpus")
    corpus_generator().generate(root, COUNT, seed=11)
    broken = root / "team-000" / "broken.licensegate.yaml"
    broken.write_text("apiVersion: licensegate/v1\nkind: Deployment\nmetadata: {name: x}\n")
    (root / "team-001" / "typo.licensegate.yaml").write_text(
        (root / "team-001" / "service-00100.licensegate.yaml")
        .read_text()
        .replace("monthly_active_users", "montly_active_users", 1)
    )
    return root


def _json(report) -> str:
    return OutputFormat.JSON.renderer()(report)


@pytest.fixture(scope="module")
def sequential(corpus: Path) -> str:
    library = api.load_library()
    return _json(api.check([corpus], library=library, today=TODAY, jobs=1))


FORK_WARNING = "ignore:This process .* is multi-threaded:DeprecationWarning"
"""Python 3.12+ warns when pytest's process (server threads, Go threads) forks; the workers
touch none of those threads' locks."""


@pytest.mark.filterwarnings(FORK_WARNING)
@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_parallel_report_identical_to_sequential(
    corpus: Path, sequential: str, start_method: str
) -> None:
    if start_method not in __import__("multiprocessing").get_all_start_methods():
        pytest.skip(f"no {start_method} on this platform")
    library = api.load_library()
    paths = list(api.discover([corpus]))
    outcomes = list(
        batch.check_parallel(
            paths, library, Options(today=TODAY), jobs=2, start_method=start_method
        )
    )
    from licensegate.report import NoVerdict, Report

    report = Report(
        library.digest,
        [o for o in outcomes if not isinstance(o, NoVerdict)],
        [o for o in outcomes if isinstance(o, NoVerdict)],
    )
    assert _json(report) == sequential
    data = json.loads(sequential)
    assert len(data["results"]) == COUNT and len(data["errors"]) == 2
    assert [r["manifest"] for r in data["results"]] == sorted(
        r["manifest"] for r in data["results"]
    )
    assert {r["result"] for r in data["results"]} == {"pass", "fail"}


@pytest.mark.slow
def test_cli_jobs_gives_the_sequential_report(corpus: Path) -> None:
    one = runner.invoke(
        app, ["check", str(corpus), "--format", "json", "--date", TODAY.isoformat(), "-j", "1"]
    )
    two = runner.invoke(
        app, ["check", str(corpus), "--format", "json", "--date", TODAY.isoformat(), "-j", "2"]
    )
    assert one.exit_code == 2, one.output  # the broken manifests: no verdict for them
    assert two.exit_code == one.exit_code, two.output
    assert two.stdout == one.stdout
    assert two.stderr == one.stderr  # the same errors, in the same order


def test_shared_library_texts(corpus: Path) -> None:
    """Workers do not send the clauses' library texts: every result's quote is the library's
    own string, one per clause, however many findings and manifests repeat it."""
    library = api.load_library()
    paths = list(api.discover([corpus]))[:60]
    results = [
        o
        for o in batch.check_parallel(paths, library, Options(today=TODAY), jobs=2)
        if hasattr(o, "clauses")
    ]
    clauses = [c for r in results for c in r.clauses if c.quote]
    assert len(clauses) > 2 * len({c.id for c in clauses})  # texts do repeat
    for clause in clauses:
        row = library.clause_row(clause.id)
        assert row is not None and clause.quote is row[0].quote


def test_policy_error_in_workers_exits_2(corpus: Path, tmp_path: Path) -> None:
    bad = tmp_path / "org"
    bad.mkdir()
    (bad / "org.rego").write_text("package org\n\nimport rego.v1\n\nx if {\n")
    result = runner.invoke(app, ["check", str(corpus), "--policy", str(bad), "-j", "2"])
    assert result.exit_code == 2, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("licensegate: error")]
    assert len(errors) == 1 and "org/org.rego" in errors[0], result.stderr
    assert result.stdout == ""


@pytest.mark.filterwarnings(FORK_WARNING)
@pytest.mark.skipif(sys.platform != "linux", reason="needs the fork start method")
def test_a_worker_that_dies_exits_2(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = pipeline.outcomes

    def dies_on_one(paths, *args, **kwargs):
        if any(path.name == "service-00150.licensegate.yaml" for path in paths):
            os._exit(9)
        return real(paths, *args, **kwargs)

    monkeypatch.setattr(pipeline, "outcomes", dies_on_one)  # inherited by forked workers
    library = api.load_library()
    paths = list(api.discover([corpus]))
    from licensegate.errors import EngineError

    with pytest.raises(EngineError, match="worker process died"):
        list(
            batch.check_parallel(paths, library, Options(today=TODAY), jobs=2, start_method="fork")
        )


@pytest.mark.parametrize(
    ("requested", "count", "cpus", "expected"),
    [
        (None, 1, 8, 1),
        (None, 100, 8, 1),
        (None, 101, 8, 2),
        (None, 10_000, 8, 8),
        (None, 10_000, 2, 2),
        (4, 2, 8, 2),  # never more workers than manifests
        (3, 10_000, 2, 3),  # as asked
        (None, 0, 8, 1),
    ],
)
def test_plan_jobs(
    requested: int | None, count: int, cpus: int, expected: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "cpu_count", lambda: cpus)
    assert batch.plan_jobs(requested, count) == expected


def test_small_inputs_start_no_worker(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("a worker pool for a handful of manifests")

    monkeypatch.setattr(batch, "check_parallel", refuse)
    paths = sorted((corpus / "team-001").glob("service-*"))  # 100: not worth a second process
    report = api.check(paths, library=api.load_library(), today=TODAY, jobs=None)
    assert len(report.results) == 100


@pytest.mark.slow
def test_parallel_with_the_remote_engine(corpus: Path, tmp_path: Path) -> None:
    """The parent pushes once; each worker checks the revision and evaluates on the server."""
    from conftest import opa_available

    if not opa_available():
        pytest.skip("opa-golib-python-bindings is not installed")
    from licensegate.engine.remote import OpaOptions
    from opa_rest_server import FakeOpa

    library: PolicyLibrary = api.load_library()
    paths = list(api.discover([corpus]))[:60]
    expected = _json(api.check(paths, library=library, today=TODAY, jobs=1))
    from licensegate import bundle

    bundle.build(library, tmp_path / "bundle.tar.gz")
    with FakeOpa() as server:
        server.load_bundle((tmp_path / "bundle.tar.gz").read_bytes())
        report = api.check(
            paths, library=library, today=TODAY, jobs=2,
            opa=OpaOptions(server.url, preloaded=True),
        )  # fmt: skip
        posts = sum(1 for method, _ in server.requests if method == "POST")
    assert _json(report) == expected
    assert posts == len(report.results) and report.errors  # broken ones never reach the engine
