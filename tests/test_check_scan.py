"""`check --scan`: the manifest is held to what the repository really uses (DESIGN.md §7).

Scan results are built by hand here (the walker has tests of its own), so each test says exactly
what the repository showed. Attacks first: hostile ids and paths, too many models, waivers.
"""

from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import opa_available
from licensegate import api
from licensegate.cli import app
from licensegate.report import Status
from licensegate.scan import check_input
from licensegate.scan.evidence import Evidence, ModelCard, ModelReference, ScanProblem, ScanResult
from manifests import PASSING

LLAMA = "meta-llama/Llama-3.1-8B-Instruct"
VISION = "meta-llama/Llama-3.2-11B-Vision-Instruct"
DATE = ["--date", "2026-11-29"]


def _ref(model_id: str | None, path: str = "app/serve.py", line: int = 12, **kw) -> ModelReference:
    return ModelReference(Evidence(path, line, kw.pop("kind", "python")), model_id, **kw)


def _card(model_id: str, *licenses: str, name: str | None = None) -> ModelCard:
    evidence = Evidence("models/local/README.md", 3, "model-card")
    return ModelCard(model_id, evidence, licenses=licenses, license_name=name)


def _scan(*references: ModelReference, cards=(), problems=(), root: str = ".") -> ScanResult:
    return ScanResult(root, tuple(references), tuple(cards), tuple(problems))


@pytest.fixture
def manifest(tmp_path: Path) -> Path:
    path = tmp_path / "licensegate.yaml"
    path.write_text(PASSING, encoding="utf-8")
    return path


def _check(manifest: Path, scan: ScanResult, **kw):
    import datetime as dt

    report = api.check([manifest], scan=scan, today=dt.date(2026, 11, 29), **kw)
    assert not report.errors, report.errors
    return report.results[0]


def _clauses(result, clause_id: str):
    return [c for c in result.clauses if c.id == clause_id]


def _codes(result) -> list[str]:
    return [w.code for w in result.warnings]


# ------------------------------------------------------------------------------------------
# Undeclared models fail, at the place the repository shows them


def test_a_model_the_manifest_does_not_list_fails_at_its_evidence(manifest: Path) -> None:
    result = _check(manifest, _scan(_ref(LLAMA, "app/a.py", 3), _ref(VISION, "app/serve.py", 12)))
    assert result.failed
    (clause,) = _clauses(result, "licensegate:undeclared-model")
    assert clause.status is Status.VIOLATED
    assert clause.subject == VISION
    assert clause.extra["evidence"] == {"path": "app/serve.py", "line": 12, "kind": "python"}
    assert clause.message.startswith(f"app/serve.py:12 names {VISION} (python)")
    assert clause.path == "models" and clause.line == 6  # the manifest's models: key


def test_every_declared_model_found_passes_without_warnings(manifest: Path) -> None:
    result = _check(manifest, _scan(_ref(LLAMA)))
    assert not result.failed
    assert not _clauses(result, "licensegate:undeclared-model")
    assert _codes(result) == []


@pytest.mark.parametrize(
    "written",
    [LLAMA.lower(), LLAMA.upper(), "\uff4deta-llama/Llama-3.1-8B-Instruct"],  # fullwidth m
    ids=["lower", "upper", "nfkc"],
)
def test_ids_match_case_insensitively_after_nfkc(manifest: Path, written: str) -> None:
    assert not _check(manifest, _scan(_ref(written))).failed


def test_the_same_name_under_another_org_is_undeclared(manifest: Path) -> None:
    result = _check(manifest, _scan(_ref(LLAMA), _ref("attacker/Llama-3.1-8B-Instruct")))
    assert [c.subject for c in _clauses(result, "licensegate:undeclared-model")] == [
        "attacker/Llama-3.1-8B-Instruct"
    ]


def test_a_derived_model_name_declares_the_id_it_is_published_under(tmp_path: Path) -> None:
    path = tmp_path / "licensegate.yaml"
    path.write_text(
        PASSING.replace("uses: [evaluation]", "uses: [evaluation, fine-tuning]")
        + "derived_models:\n  - name: acme/Support-8B\n"
        f"    base_models: [{LLAMA}]\n    release: none\n",
        encoding="utf-8",
    )
    result = _check(path, _scan(_ref(LLAMA), _ref("acme/support-8b", "serve.yaml", 2)))
    assert not _clauses(result, "licensegate:undeclared-model")


def test_places_are_bounded_and_counted(manifest: Path) -> None:
    places = [_ref(VISION, f"app/m{n:02}.py", n + 1) for n in range(25)]
    document = check_input.scan_input(_scan(*places))
    (entry,) = document["models"]
    assert len(entry["evidence"]) == check_input.MAX_EVIDENCE
    assert entry["evidence_count"] == 25
    (clause,) = _clauses(_check(manifest, _scan(*places)), "licensegate:undeclared-model")
    assert clause.message.endswith("(and 24 more places)")


def test_more_distinct_models_than_the_input_carries_is_no_verdict(manifest: Path) -> None:
    references = [_ref(f"org/model-{n}") for n in range(check_input.MAX_MODELS + 1)]
    with pytest.raises(check_input.ScanInputError, match="more than the 2000"):
        _check(manifest, _scan(*references))


def test_a_hostile_id_is_kept_escaped_and_still_fails(manifest: Path) -> None:
    hostile = "evil/x\n::error file=licensegate.yaml::all good\x1b[2J"
    result = _check(manifest, _scan(_ref(LLAMA), _ref(hostile)))
    (clause,) = _clauses(result, "licensegate:undeclared-model")
    assert "\n" not in clause.subject and "\x1b" not in clause.subject
    assert clause.subject.startswith("evil/x\\x0a::error")


def test_a_hostile_path_cannot_start_a_workflow_command(manifest: Path) -> None:
    path = "app/x.py\n::notice file=README.md::licensegate passed"
    report = api.check([manifest], scan=_scan(_ref(LLAMA), _ref(VISION, path, 7)))
    from licensegate.formats.github import render

    lines = render(report).splitlines()
    assert all(line.startswith("::") for line in lines)
    assert not any(line.startswith("::notice file=README.md") for line in lines)
    assert any("file=app/x.py\\x0a%3A%3Anotice" in line for line in lines), lines


def test_long_paths_are_cut(manifest: Path) -> None:
    document = check_input.scan_input(_scan(_ref(VISION, "a/" * 400 + "x.py", 1)))
    assert len(document["models"][0]["evidence"][0]["path"]) == check_input.MAX_TEXT


def test_a_subjectless_waiver_of_undeclared_model_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "licensegate.yaml"
    path.write_text(
        PASSING + "waivers:\n  - clause: licensegate:undeclared-model\n"
        "    reason: later\n    approved_by: c@acme.example\n    expires: 2027-01-01\n",
        encoding="utf-8",
    )
    report = api.check([path], scan=_scan(_ref(VISION)))
    assert report.exit_code == 2
    assert "must name its subject" in report.errors[0].message


def test_a_waiver_naming_the_model_sets_it_aside_visibly(tmp_path: Path) -> None:
    path = tmp_path / "licensegate.yaml"
    path.write_text(
        PASSING + f"waivers:\n  - clause: licensegate:undeclared-model\n    subject: {VISION}\n"
        "    reason: removed in the next release\n    approved_by: c@acme.example\n"
        "    expires: 2027-01-01\n",
        encoding="utf-8",
    )
    (clause,) = _clauses(
        _check(path, _scan(_ref(LLAMA), _ref(VISION))), "licensegate:undeclared-model"
    )
    assert clause.status is Status.WAIVED


def test_every_manifest_of_a_batch_is_held_to_the_scan(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.licensegate.yaml").write_text(PASSING, encoding="utf-8")
    report = api.check([tmp_path], scan=_scan(_ref(LLAMA), _ref(VISION)), jobs=None)
    assert [r.failed for r in report.results] == [True, True]


# ------------------------------------------------------------------------------------------
# Warnings: listed models never seen, references the scan could not read


def test_a_listed_model_the_scan_never_saw_is_a_warning_not_a_failure(manifest: Path) -> None:
    result = _check(manifest, _scan())
    assert not result.failed
    (warning,) = result.warnings
    assert warning.code == "model-not-found" and not warning.blocking
    assert warning.line == 7 and LLAMA in warning.message


def test_a_model_card_is_a_trace_of_the_model(manifest: Path) -> None:
    assert _codes(_check(manifest, _scan(cards=[_card(LLAMA, "llama3.1")]))) == []


def test_unread_references_and_files_are_one_warning(manifest: Path) -> None:
    scan = _scan(
        _ref(LLAMA),
        _ref(None, "app/dyn.py", 9, expression="os.environ['MODEL']"),
        problems=[ScanProblem("weights/big.bin", "larger than the 64 MiB cap")],
    )
    (warning,) = _check(manifest, scan).warnings
    assert warning.code == "scan-incomplete"
    assert "app/dyn.py:9 (os.environ['MODEL'])" in warning.message
    assert "weights/big.bin (larger than the 64 MiB cap)" in warning.message


# ------------------------------------------------------------------------------------------
# Model cards that contradict the manifest or the catalog


def test_a_card_contradicting_the_catalog_fails_as_license_conflict(manifest: Path) -> None:
    result = _check(manifest, _scan(_ref(LLAMA), cards=[_card(LLAMA, "apache-2.0")]))
    assert result.failed
    (clause,) = _clauses(result, "licensegate:license-conflict")
    assert clause.status is Status.MISSING_FACTS
    assert clause.message == (
        f"models/local/README.md:3 says {LLAMA} is under apache-2.0, "
        "but the catalog has it under llama3.1"
    )
    assert clause.extra["evidence"]["path"] == "models/local/README.md"


@pytest.mark.parametrize(
    "card",
    [_card(LLAMA, "llama3.1"), _card(LLAMA, "other", name="llama3.1"), _card(LLAMA, "other")],
    ids=["same", "other-named", "other-unnamed"],
)
def test_an_agreeing_or_silent_card_is_no_conflict(manifest: Path, card: ModelCard) -> None:
    assert not _check(manifest, _scan(_ref(LLAMA), cards=[card])).failed


def test_a_card_with_a_strange_license_string_conflicts(manifest: Path) -> None:
    result = _check(manifest, _scan(_ref(LLAMA), cards=[_card(LLAMA, "llama3.1\n::x")]))
    (clause,) = _clauses(result, "licensegate:license-conflict")
    assert "\n" not in clause.message


# ------------------------------------------------------------------------------------------
# Formats: the finding sits at the evidence


def test_sarif_and_github_place_the_finding_at_the_evidence(manifest: Path) -> None:
    from licensegate.formats import github, sarif

    report = api.check([manifest], scan=_scan(_ref(LLAMA), _ref(VISION, "app/serve.py", 12)))
    (item,) = [
        r for r in sarif.to_sarif(report)["runs"][0]["results"] if r["ruleId"].endswith("model")
    ]
    physical = item["locations"][0]["physicalLocation"]
    assert physical == {"artifactLocation": {"uri": "app/serve.py"}, "region": {"startLine": 12}}
    related = item["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert related.endswith("licensegate.yaml")
    (line,) = [x for x in github.render(report).splitlines() if "undeclared-model" in x]
    assert line.startswith("::error file=app/serve.py,line=12,")


def test_evidence_paths_are_shown_from_where_check_ran(manifest: Path) -> None:
    document = check_input.scan_input(_scan(_ref(VISION, "serve.py", 4), root="services/api"))
    assert document["models"][0]["evidence"][0]["path"] == "services/api/serve.py"


# ------------------------------------------------------------------------------------------
# The CLI flag calls the walker at run time (a fake one here)


@pytest.fixture
def walker(monkeypatch: pytest.MonkeyPatch):
    calls: list[tuple] = []
    found = {"result": _scan(_ref(LLAMA))}

    def scan(paths, *, root):
        calls.append((list(paths), root))
        return found["result"]

    module = types.ModuleType("licensegate.scan.walk")
    module.scan = scan  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "licensegate.scan.walk", module)
    return calls, found


@pytest.mark.parametrize("fmt", ["json", "sarif", "text", "github"])
def test_check_scan_fails_an_undeclared_model(manifest: Path, walker, fmt: str) -> None:
    calls, found = walker
    found["result"] = _scan(_ref(LLAMA), _ref(VISION, "app/serve.py", 12))
    folder = manifest.parent
    result = CliRunner().invoke(
        app, ["check", str(manifest), "--scan", str(folder), "-f", fmt, *DATE]
    )
    assert result.exit_code == 1, result.output
    assert calls == [([folder], folder)]
    assert "undeclared-model" in result.stdout
    if fmt == "json":
        (clause,) = [
            c
            for c in json.loads(result.stdout)["results"][0]["clauses"]
            if c["id"] == "licensegate:undeclared-model"
        ]
        assert clause["evidence"]["line"] == 12


def test_check_scan_passes_when_the_manifest_is_true(manifest: Path, walker) -> None:
    result = CliRunner().invoke(
        app, ["check", str(manifest), "--scan", str(manifest.parent), *DATE]
    )
    assert result.exit_code == 0, result.output


def test_check_scan_of_a_file_is_no_verdict(manifest: Path, walker) -> None:
    result = CliRunner().invoke(app, ["check", str(manifest), "--scan", str(manifest), *DATE])
    assert result.exit_code == 2
    assert "--scan needs a folder" in result.stderr
    assert walker[0] == []


def test_plain_check_does_not_import_the_scanner(manifest: Path) -> None:
    code = (
        "import sys\nfrom licensegate.cli import app\n"
        f"try:\n    app(['check', {str(manifest)!r}, '--date', '2026-11-29'])\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('licensegate.scan')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"


# ------------------------------------------------------------------------------------------
# Same answer under real OPA (run with: pytest -m parity -k check_scan)


@pytest.mark.parity
@pytest.mark.skipif(not opa_available(), reason="opa-golib-python-bindings is not installed")
def test_scan_findings_are_the_same_under_real_opa(manifest: Path, library, engine) -> None:
    import datetime as dt

    from licensegate.facts import build_input
    from licensegate.manifest import load_manifest
    from oracle import canonical, shared_oracle

    oracle = shared_oracle()
    scans = [
        _scan(_ref(LLAMA)),
        _scan(_ref(LLAMA), _ref(VISION, "app/serve.py", 12), _ref(VISION, "b.gguf", 0)),
        _scan(_ref("evil/x\n::error::"), cards=[_card(LLAMA, "apache-2.0")]),
        _scan(cards=[_card(LLAMA, "other", name="llama3.1"), _card(LLAMA, "mit")]),
    ]
    for scan in scans:
        document = build_input(load_manifest(manifest), library, dt.date(2026, 11, 29))
        document["scan"] = check_input.scan_input(scan)
        assert canonical(engine.evaluate(document)) == canonical(oracle.evaluate(document))


def test_an_absolute_root_inside_the_working_folder_is_shown_relative(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "svc").mkdir()
    monkeypatch.chdir(tmp_path)
    scan = _scan(_ref(VISION, "serve.py", 4), root=str((tmp_path / "svc").resolve()))
    assert check_input.scan_input(scan)["models"][0]["evidence"][0]["path"] == "svc/serve.py"
    outside = _scan(_ref(VISION, "serve.py", 4), root="/elsewhere/repo")
    assert check_input.scan_input(outside)["models"][0]["evidence"][0]["path"] == (
        "/elsewhere/repo/serve.py"
    )
