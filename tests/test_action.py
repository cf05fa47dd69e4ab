"""The composite GitHub Action, run locally: each step's script with the runner's shell flags,
environment files and the documented inputs, as GitHub would run it.

Only ``${{ inputs.* }}`` expressions may appear, and only in a step's ``env`` (never in the
script text), so this test can resolve every expression the action uses.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

from gitrepo import git
from manifests import FAILING, PASSING
from worktree import copy_working_tree

REPO = Path(__file__).resolve().parents[1]
ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
SARIF_SCHEMA = json.loads(
    (REPO / "tests" / "formats" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)


def _read_env_file(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=" in line:
            key, value = line.split("=", 1)
            values[key] = value
    return values


class Runner:
    """Runs the action's steps the way a GitHub runner does (shell: bash)."""

    def __init__(self, action_path: Path, runner_temp: Path) -> None:
        self.action_path = action_path
        self.runner_temp = runner_temp
        self.job_env: dict[str, str] = {}

    def run(
        self,
        workspace: Path,
        inputs: dict[str, str],
        steps: list[dict] | None = None,
        event: dict[str, str] | None = None,
    ):
        """Run ``steps`` (default: every step after the install the fixture did); ``event``
        holds the GITHUB_* variables of the triggering event (e.g. GITHUB_BASE_REF)."""
        values = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()}
        unknown = set(inputs) - set(values)
        assert not unknown, f"not inputs of action.yml: {unknown}"
        values.update(inputs)
        files = {
            name: workspace.parent / f"{workspace.name}.{name}"
            for name in ("output", "env", "summary")
        }
        for path in files.values():
            path.write_text("", encoding="utf-8")
        outputs: dict[str, dict[str, str]] = {}
        stdout = ""
        code = 0
        default = [s for s in ACTION["runs"]["steps"] if s.get("name") != "Install licensegate"]
        for step in steps if steps is not None else default:
            if "uses" in step:
                continue  # another action (the pip cache): GitHub's business, not ours
            env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "INPUT_"))}
            env.pop("VIRTUAL_ENV", None)
            env.update(self.job_env)
            env.update(
                GITHUB_ACTION_PATH=str(self.action_path),
                GITHUB_OUTPUT=str(files["output"]),
                GITHUB_ENV=str(files["env"]),
                GITHUB_STEP_SUMMARY=str(files["summary"]),
                GITHUB_WORKSPACE=str(workspace),
                RUNNER_TEMP=str(self.runner_temp),
            )
            env.update(event or {})
            for key, value in (step.get("env") or {}).items():
                env[key] = EXPRESSION.sub(
                    lambda m: values[m.group(1).removeprefix("inputs.")], str(value)
                )
            files["output"].write_text("", encoding="utf-8")
            done = subprocess.run(
                # NOTE: GitHub's `shell: bash` is `bash --noprofile --norc -eo pipefail {0}`.
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                cwd=workspace,
                env=env,
                capture_output=True,
                text=True,
                timeout=900,
            )
            stdout += done.stdout
            self.job_env.update(_read_env_file(files["env"]))
            if "id" in step:
                outputs[step["id"]] = _read_env_file(files["output"])
            code = done.returncode
            if code:
                break
        action_outputs = {
            name: EXPRESSION.sub(
                lambda m: outputs.get(m.group(1).split(".")[1], {}).get(
                    m.group(1).split(".")[3], ""
                ),
                spec["value"],
            )
            for name, spec in ACTION["outputs"].items()
        }
        summary = files["summary"].read_text(encoding="utf-8")
        return code, stdout, action_outputs, summary


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Runner:
    """The action checked out (a copy of this working tree) with its install step done once."""
    action_path = tmp_path_factory.mktemp("action")
    copy_working_tree(action_path)
    runner = Runner(action_path, tmp_path_factory.mktemp("runner-temp"))
    workspace = tmp_path_factory.mktemp("install-workspace")
    install = [step for step in ACTION["runs"]["steps"] if step["name"] == "Install licensegate"]
    code, stdout, _, _ = runner.run(workspace, {}, install)
    assert code == 0, stdout
    assert stdout.startswith("licensegate ")
    assert Path(runner.job_env["LICENSEGATE_BIN"]).is_file()
    return runner


def test_expressions_only_pass_inputs_through_env() -> None:
    assert ACTION["runs"]["using"] == "composite"
    for step in ACTION["runs"]["steps"]:
        if "uses" in step:
            # Only the pip cache, keyed by facts of the runner and the action, never by input.
            assert step["uses"].startswith("actions/cache@")
            assert "inputs." not in json.dumps(step["with"])
            continue
        assert step["shell"] == "bash"
        assert not EXPRESSION.search(step["run"]), f"expression in the script of {step['name']}"
        for value in (step.get("env") or {}).values():
            for expression in EXPRESSION.findall(str(value)):
                assert expression.startswith("inputs."), expression
                assert expression.removeprefix("inputs.") in ACTION["inputs"], expression


def _workspace(tmp_path: Path, manifests: dict[str, str]) -> Path:
    workspace = tmp_path / "workspace"
    for name, text in manifests.items():
        (workspace / name).parent.mkdir(parents=True, exist_ok=True)
        (workspace / name).write_text(text, encoding="utf-8")
    return workspace


@pytest.mark.slow
def test_passing_manifests_whole_action(tmp_path: Path, runner: Runner) -> None:
    workspace = _workspace(tmp_path, {"deploy/licensegate.yaml": PASSING})
    code, stdout, outputs, summary = runner.run(workspace, {}, ACTION["runs"]["steps"])
    assert code == 0, stdout
    assert outputs == {"result": "pass", "exit-code": "0", "sarif-file": "licensegate.sarif"}
    assert "::error" not in stdout and stdout.startswith("licensegate ")
    log = json.loads((workspace / "licensegate.sarif").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    # The one result is the attestation: a note, suppressed, so a reviewer still sees it.
    (attested,) = log["runs"][0]["results"]
    assert attested["level"] == "note" and attested["suppressions"][0]["kind"] == "external"
    assert summary.startswith("## licensegate: ✅ 1 manifest pass")


@pytest.mark.slow
def test_failing_manifest_annotates_writes_sarif_and_fails(tmp_path: Path, runner: Runner) -> None:
    workspace = _workspace(
        tmp_path, {"deploy/licensegate.yaml": PASSING, "team/chat.licensegate.yaml": FAILING}
    )
    code, stdout, outputs, summary = runner.run(
        workspace, {"paths": "deploy\nteam", "sarif-file": "out/licensegate.sarif"}
    )
    assert code == 1, stdout
    assert outputs == {"result": "fail", "exit-code": "1", "sarif-file": "out/licensegate.sarif"}
    assert (workspace / "out" / "licensegate.sarif").is_file()
    assert "::error file=team/chat.licensegate.yaml,line=4,title=llama3.1%3Amau-threshold" in stdout
    assert "❌ 1 of 2 manifests fail" in summary


@pytest.mark.slow
def test_sarif_written_where_asked(tmp_path: Path, runner: Runner) -> None:
    workspace = _workspace(tmp_path, {"team/chat.licensegate.yaml": FAILING})
    code, stdout, outputs, _ = runner.run(
        workspace, {"sarif-file": "results.sarif", "fail": "false"}
    )
    assert code == 0, stdout  # fail: "false" keeps the step green
    assert outputs["result"] == "fail" and outputs["exit-code"] == "1"
    log = json.loads((workspace / "results.sarif").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    (result,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "llama3.1:mau-threshold"]
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "team/chat.licensegate.yaml"},
        "region": {"startLine": 4},
    }


@pytest.mark.slow
def test_strict_and_no_verdict(tmp_path: Path, runner: Runner) -> None:
    open_attestation = PASSING.split("attestations:")[0]
    workspace = _workspace(tmp_path, {"licensegate.yaml": open_attestation})
    code, stdout, outputs, _ = runner.run(workspace, {})
    assert code == 0 and "::notice file=licensegate.yaml," in stdout
    code, stdout, outputs, _ = runner.run(workspace, {"strict": "true"})
    assert code == 1 and outputs["result"] == "fail"
    assert "::error file=licensegate.yaml," in stdout
    (workspace / "licensegate.yaml").write_text("kind: [", encoding="utf-8")
    code, stdout, outputs, _ = runner.run(workspace, {})
    assert code == 2 and outputs["result"] == "error"
    assert re.search(
        r"::error file=licensegate.yaml,line=\d+,title=licensegate%3A no verdict::", stdout
    )


def test_readme_workflow_uses_the_action_as_defined() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(# \.github/workflows/licensegate\.yml\n.*?)```", readme, re.S)
    assert block, "README has no workflow snippet"
    workflow = yaml.safe_load(block.group(1))
    (job,) = workflow["jobs"].values()
    steps = {step.get("id", step.get("uses")): step for step in job["steps"]}
    ours = steps["licensegate"]
    assert ours["uses"].startswith("licensegate/licensegate@")
    assert set(ours.get("with", {})) <= set(ACTION["inputs"])
    used = re.findall(r"steps\.licensegate\.outputs\.([\w-]+)", block.group(1))
    assert used and set(used) <= set(ACTION["outputs"])
    assert workflow["permissions"]["security-events"] == "write"
    upload = steps["github/codeql-action/upload-sarif@v3"]
    assert upload["if"].startswith("always()")


# --------------------------------------------------------------------------------------------
# Approvals on a pull request come from the base branch (trusted-ref: auto)

WAIVER = """\
waivers:
  - clause: llama3.1:mau-threshold
    subject: meta-llama/Llama-3.1-8B-Instruct
    reason: Separate license agreement with Meta
    approved_by: counsel@acme.example
    expires: 2099-01-01
"""


def _pull_request_clone(tmp_path: Path) -> Path:
    """origin's main holds the failing manifest; the clone's branch adds its own waiver."""
    origin = tmp_path / "origin"
    (origin / "deploy").mkdir(parents=True)
    git(origin, "init", "-q", "-b", "main")
    (origin / "deploy" / "licensegate.yaml").write_text(FAILING, encoding="utf-8")
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "base")
    workspace = tmp_path / "workspace"
    git(tmp_path, "clone", "-q", "--depth=1", f"file://{origin}", str(workspace))
    git(workspace, "checkout", "-q", "-b", "pr")
    (workspace / "deploy" / "licensegate.yaml").write_text(FAILING + WAIVER, encoding="utf-8")
    git(workspace, "commit", "-q", "-am", "pr: waive it myself")
    git(workspace, "update-ref", "-d", "refs/remotes/origin/main")  # as actions/checkout leaves it
    return workspace


@pytest.mark.slow
def test_pull_request_cannot_waive_its_own_failure(tmp_path: Path, runner: Runner) -> None:
    workspace = _pull_request_clone(tmp_path)
    code, stdout, outputs, _ = runner.run(workspace, {}, event={"GITHUB_BASE_REF": "main"})
    assert code == 1, stdout
    assert outputs["result"] == "fail"
    assert "::error file=deploy/licensegate.yaml,line=4,title=llama3.1%3Amau-threshold" in stdout
    # On a push (no base branch) the same records apply: trust is local there.
    code, stdout, outputs, _ = runner.run(workspace, {})
    assert code == 0 and outputs["result"] == "pass", stdout
    # And trusted-ref: none is the explicit opt-out.
    code, _, _, _ = runner.run(
        workspace, {"trusted-ref": "none"}, event={"GITHUB_BASE_REF": "main"}
    )
    assert code == 0


@pytest.mark.slow
def test_unfetchable_base_branch_is_no_verdict(tmp_path: Path, runner: Runner) -> None:
    workspace = _pull_request_clone(tmp_path)
    code, stdout, outputs, _ = runner.run(
        workspace, {}, event={"GITHUB_BASE_REF": "no-such-branch"}
    )
    assert code == 2 and outputs["result"] == "error"
    assert "::error title=licensegate::cannot fetch the base branch" in stdout


def test_scan_input_reaches_the_one_check_as_one_argument(tmp_path: Path) -> None:
    """`scan` is passed as `--scan FOLDER` to the one evaluation, never as shell."""
    calls = tmp_path / "calls"
    fake = tmp_path / "licensegate"
    fake.write_text(f'#!/bin/sh\nprintf "%s|" "$@" >> {calls}\necho >> {calls}\n', encoding="utf-8")
    fake.chmod(0o755)
    runner = Runner(REPO, tmp_path)
    runner.job_env = {"LICENSEGATE_BIN": str(fake)}
    (check,) = [step for step in ACTION["runs"]["steps"] if step.get("id") == "check"]
    workspace = tmp_path / "ws"
    workspace.mkdir()
    code, stdout, _, _ = runner.run(workspace, {"scan": "src; touch pwned"}, [check])
    assert code == 0, stdout
    lines = calls.read_text(encoding="utf-8").splitlines()
    # One evaluation renders every format: annotations, the summary and SARIF (--also).
    assert len(lines) == 1 and "|--scan|src; touch pwned|" in lines[0], lines
    assert "|--format|github|--also|sarif=licensegate.sarif|" in lines[0], lines
    assert not (workspace / "pwned").exists()
    calls.write_text("", encoding="utf-8")
    runner.run(workspace, {}, [check])
    assert "--scan" not in calls.read_text(encoding="utf-8")
    assert "--bom" not in calls.read_text(encoding="utf-8")
    calls.write_text("", encoding="utf-8")
    runner.run(workspace, {"bom": "sbom.cdx.json\n`id>pwned`.json"}, [check])
    (line,) = calls.read_text(encoding="utf-8").splitlines()
    assert "|--bom|sbom.cdx.json|--bom|`id>pwned`.json|" in line, line
    assert not (workspace / "pwned").exists()


def test_two_thousand_manifests_keep_the_summary_under_the_limit(
    tmp_path: Path, runner: Runner
) -> None:
    # Each failing manifest renders a block of about 0.9 kB: 1,800 of them alone would be over
    # GitHub's 1 MiB step-summary limit.
    manifests = {f"teams/t{i:04d}/licensegate.yaml": FAILING for i in range(1800)}
    manifests |= {f"apps/a{i:04d}/licensegate.yaml": PASSING for i in range(200)}
    workspace = _workspace(tmp_path, manifests)
    code, stdout, outputs, summary = runner.run(workspace, {"fail": "false"})
    assert code == 0 and outputs["result"] == "fail", stdout[-2000:]
    assert len(summary.encode("utf-8")) <= 1024 * 1024
    assert summary.startswith("## licensegate: ❌ 1800 of 2000 manifests fail")
    assert "Not shown, to keep this summary under GitHub's 1 MiB limit" in summary
    assert "✅ 200 more manifests pass" in summary
    log = json.loads((workspace / "licensegate.sarif").read_text(encoding="utf-8"))
    failing = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
               for r in log["runs"][0]["results"] if r["level"] == "error"}  # fmt: skip
    assert len(failing) == 1800  # SARIF lists every finding the summary leaves out
