"""The remote engine (`--engine opa`) against an OPA REST server.

The server is `opa_rest_server.FakeOpa` (OPA's REST API in a thread, decisions by the real OPA
library) and, when an `opa` binary is on PATH, a real `opa run --server` as well. Every example
must get the embedded engine's report; every failure of the server must end in exit 2 with one
line on stderr, never in a verdict.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from typer.testing import CliRunner

from conftest import EXAMPLES, REPO, TODAY, opa_available
from licensegate import api, bundle
from licensegate.cli import app
from licensegate.engine.embedded import EmbeddedEngine
from licensegate.engine.remote import OpaOptions, RemoteEngine, push_order
from licensegate.errors import EngineError
from licensegate.facts import build_input
from licensegate.manifest import load_manifest
from licensegate.policy import PolicyLibrary

EXAMPLE_FILES = sorted(p for p in EXAMPLES.rglob("*") if api.is_manifest_name(p.name))
EXAMPLE = EXAMPLES / "llama3.1" / "support-assistant.licensegate.yaml"
DATE = ["--date", TODAY.isoformat()]
runner = CliRunner()

needs_oracle = pytest.mark.skipif(
    not opa_available(), reason="opa-golib-python-bindings is not installed"
)


def _check(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, ["check", *args, *DATE], env=env)


def _embedded_json(path: Path) -> tuple[int, str]:
    result = _check(str(path), "--format", "json")
    return result.exit_code, result.stdout


def _one_line_error(result) -> str:
    lines = [line for line in result.stderr.splitlines() if line.startswith("licensegate: error")]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _bundle_bytes(library: PolicyLibrary, tmp_path: Path) -> bytes:
    target = tmp_path / "bundle.tar.gz"
    bundle.build(library, target)
    return target.read_bytes()


@pytest.fixture(scope="session")
def other_library(tmp_path_factory: pytest.TempPathFactory) -> PolicyLibrary:
    """The library with one data file changed: another revision."""
    from licensegate.resources import policies_dir

    root = tmp_path_factory.mktemp("other") / "policies"
    shutil.copytree(policies_dir(), root)
    extra = root / "licensegate" / "unsupported" / "zz-other" / "data.json"
    extra.parent.mkdir(parents=True)
    extra.write_text(json.dumps({"reason": "another revision"}), encoding="utf-8")
    return PolicyLibrary.load(root)


# -- the servers --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def fake_opa(library: PolicyLibrary) -> Iterator[object]:
    """One stand-in OPA server for the session, the library pushed once (push mode)."""
    if not opa_available():
        pytest.skip("opa-golib-python-bindings is not installed")
    from opa_rest_server import FakeOpa

    with FakeOpa() as server:
        RemoteEngine(library, OpaOptions(server.url)).close()
        server.initial_push = list(server.requests)
        yield server


@pytest.fixture
def opa(fake_opa) -> Iterator[object]:
    """The session's stand-in server at the current revision; faults and token reset after."""
    RemoteEngine(api.load_library(), OpaOptions(fake_opa.url)).close()
    yield fake_opa
    fake_opa.clear_faults()
    fake_opa.token = None
    fake_opa.forge = None


@contextlib.contextmanager
def _run_opa(*args: str) -> Iterator[str]:
    """A real `opa run --server` on a free port; yields its URL."""
    import tempfile

    port = _free_port()
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            ["opa", "run", "--server", f"--addr=127.0.0.1:{port}", "--log-level=error", *args],
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 20
            while True:
                try:
                    if requests.get(f"{url}/health", timeout=1).status_code < 500:
                        break
                except requests.ConnectionError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"opa did not start: {log.read().decode()[-500:]}")
                time.sleep(0.1)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=10)


needs_opa_binary = pytest.mark.skipif(shutil.which("opa") is None, reason="no opa binary on PATH")


@pytest.fixture(scope="session")
def real_opa() -> Iterator[str]:
    if shutil.which("opa") is None:
        pytest.skip("no opa binary on PATH")
    with _run_opa() as url:
        yield url


@pytest.fixture(params=["fake", "opa-binary"])
def server_url(request: pytest.FixtureRequest) -> str:
    """Both servers where available: the stand-in, and a real `opa run --server`."""
    if request.param == "fake":
        return request.getfixturevalue("opa").url
    return request.getfixturevalue("real_opa")


# -- identical results --------------------------------------------------------------------------


@pytest.mark.parity
@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_example_same_findings_through_rest(
    path: Path, server_url: str, library: PolicyLibrary, engine: EmbeddedEngine
) -> None:
    from oracle import canonical

    remote = RemoteEngine(library, OpaOptions(server_url))
    document = build_input(load_manifest(path), library, TODAY)
    assert canonical(remote.evaluate(document)) == canonical(engine.evaluate(document))


@pytest.mark.parity
def test_cli_report_identical_to_embedded(server_url: str) -> None:
    code, expected = _embedded_json(EXAMPLES)
    result = _check(str(EXAMPLES), "--format", "json", "--engine", "opa", "--opa-url", server_url)
    assert result.exit_code == code, result.output
    assert result.stdout == expected


@pytest.mark.parity
def test_url_from_environment(opa) -> None:
    code, expected = _embedded_json(EXAMPLE)
    result = _check(
        str(EXAMPLE), "--format", "json", "--engine", "opa", env={"LICENSEGATE_OPA_URL": opa.url}
    )
    assert result.exit_code == code, result.output
    assert result.stdout == expected


def test_engine_opa_without_url_exits_2() -> None:
    result = _check(str(EXAMPLE), "--engine", "opa", env={"LICENSEGATE_OPA_URL": ""})
    assert result.exit_code == 2, result.output
    assert "--opa-url" in _one_line_error(result)


@pytest.mark.parametrize(
    "url", ["ftp://opa:8181", "http://opa:8181/v1", "opa:8181", "http://opa:notaport"]
)
def test_bad_url_exits_2(url: str) -> None:
    result = _check(str(EXAMPLE), "--engine", "opa", "--opa-url", url)
    assert result.exit_code == 2, result.output
    assert "--opa-url" in _one_line_error(result)


# -- failures: exit 2, one line, never a verdict ----------------------------------------------


def test_server_down_exits_2() -> None:
    url = f"http://127.0.0.1:{_free_port()}"
    result = _check(str(EXAMPLE), "--engine", "opa", "--opa-url", url)
    assert result.exit_code == 2, result.output
    line = _one_line_error(result)
    assert f"cannot reach OPA server {url}" in line and "refused" in line
    assert result.stdout == ""


@needs_oracle
@pytest.mark.parametrize("status", [500, 400, 404])
def test_error_status_on_the_decision_exits_2(opa, status: int) -> None:
    # The revision check passes; the decision request fails (and is not retried).
    opa.inject(0.0, status, status)
    result = _check(str(EXAMPLE), "--engine", "opa", "--opa-url", opa.url)
    assert result.exit_code == 2, result.output
    line = _one_line_error(result)
    assert f"HTTP {status}" in line and "POST /v1/data/licensegate/main/decision" in line


@needs_oracle
@pytest.mark.parametrize("fault", [502, 503, 504, "reset"])
def test_one_transient_failure_is_retried(opa, fault: int | str) -> None:
    code, expected = _embedded_json(EXAMPLE)
    opa.inject(0.0, fault)
    result = _check(str(EXAMPLE), "--format", "json", "--engine", "opa", "--opa-url", opa.url)
    assert result.exit_code == code, result.output
    assert result.stdout == expected


@needs_oracle
@pytest.mark.parametrize("fault", [503, "reset"])
def test_a_second_transient_failure_exits_2(opa, fault: int | str) -> None:
    opa.inject(0.0, fault, fault)
    result = _check(str(EXAMPLE), "--engine", "opa", "--opa-url", opa.url)
    assert result.exit_code == 2, result.output
    line = _one_line_error(result)
    assert ("HTTP 503" in line) if fault == 503 else ("Connection reset" in line)


@needs_oracle
def test_slow_server_times_out_exits_2(opa) -> None:
    opa.inject(0.0, 1.5)
    started = time.monotonic()
    result = _check(str(EXAMPLE), "--engine", "opa", "--opa-url", opa.url, "--opa-timeout", "0.3")
    assert result.exit_code == 2, result.output
    assert "did not answer POST /v1/data/licensegate/main/decision within 0.3 s" in (
        _one_line_error(result)
    )
    assert time.monotonic() - started < 1.4  # not retried: one timeout, not two


@needs_oracle
def test_bearer_token(opa) -> None:
    opa.token = "s3cret"
    wrong = _check(str(EXAMPLE), "--engine", "opa", "--opa-url", opa.url, "--opa-token", "nope")
    assert wrong.exit_code == 2, wrong.output
    line = _one_line_error(wrong)
    assert "HTTP 401: unauthorized: request rejected by administrative policy" in line
    missing = _check(str(EXAMPLE), "--engine", "opa", "--opa-url", opa.url)
    assert missing.exit_code == 2, missing.output
    code, expected = _embedded_json(EXAMPLE)
    right = _check(
        str(EXAMPLE),
        "--format",
        "json",
        "--engine",
        "opa",
        "--opa-url",
        opa.url,
        env={"LICENSEGATE_OPA_TOKEN": "s3cret"},
    )
    assert right.exit_code == code, right.output
    assert right.stdout == expected


@needs_oracle
def test_undefined_decision_exits_2() -> None:
    from opa_rest_server import FakeOpa

    digest = api.load_library().digest  # what the CLI will load
    with FakeOpa() as server:  # the revision is there, the policies are not
        server.handle("PUT", "/v1/data/licensegate", json.dumps({"revision": digest}).encode())
        result = _check(str(EXAMPLE), "--engine", "opa", "--opa-url", server.url, "--opa-preloaded")
    assert result.exit_code == 2, result.output
    assert "data.licensegate.main.decision is undefined" in _one_line_error(result)


@needs_oracle
def test_decision_that_is_not_findings_exits_2(library: PolicyLibrary) -> None:
    from opa_rest_server import FakeOpa

    with FakeOpa() as server:
        server.handle(
            "PUT", "/v1/policies/x.rego", b'package licensegate.main\n\ndecision := "all good"\n'
        )
        server.handle(
            "PUT", "/v1/data/licensegate", json.dumps({"revision": library.digest}).encode()
        )
        with pytest.raises(EngineError, match="the answer is not a licensegate decision but str"):
            RemoteEngine(library, OpaOptions(server.url, preloaded=True)).evaluate({"x": 1})


# -- answers that did not come from evaluating this input with these policies -------------------
# A stand-in (or a cache, or a server with other policies) that answers without evaluating the
# licensegate policies on this very input must not produce a verdict (DESIGN.md §6).

DERIVED_EXAMPLE = EXAMPLES / "apache-2.0" / "mixtral-fine-tune-release.licensegate.yaml"
"""One listed model and one derived model."""


def _satisfied_for_every_model(document: dict) -> list[dict]:
    """Plausible findings: one satisfied no-duties line per listed and derived model."""
    manifest = document["manifest"]
    names = [m["id"] for m in manifest["models"]] + [d["name"] for d in manifest["derived_models"]]
    return [
        {
            "id": "licensegate:no-duties",
            "license": "licensegate",
            "status": "satisfied",
            "subject": name,
            "message": f"no clause applies to {name}",
            "path": ["models", 0],
        }
        for name in names
    ]


def _forged_run(opa, forge, *paths: Path) -> str:
    opa.forge = forge
    result = _check(*map(str, paths), "--format", "json", "--engine", "opa", "--opa-url", opa.url)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""  # no verdict, not even a partial one
    return _one_line_error(result)


@needs_oracle
def test_forge_hook_passes_real_answers_through(opa) -> None:
    # The control for the attacks below: the same server, answering what OPA computed.
    opa.forge = lambda path, document, real: real
    code, expected = _embedded_json(DERIVED_EXAMPLE)
    result = _check(
        str(DERIVED_EXAMPLE), "--format", "json", "--engine", "opa", "--opa-url", opa.url
    )
    assert result.exit_code == code, result.output
    assert result.stdout == expected


@needs_oracle
def test_stand_in_answering_empty_list_exits_2(opa) -> None:
    line = _forged_run(opa, lambda path, document, real: [], EXAMPLE)
    assert "the answer is not a licensegate decision but an empty list" in line


@needs_oracle
def test_stand_in_answering_satisfied_findings_exits_2(opa) -> None:
    def forge(path, document, real):
        return _satisfied_for_every_model(document)

    line = _forged_run(opa, forge, DERIVED_EXAMPLE)
    assert "the answer is not a licensegate decision but a list" in line


@needs_oracle
def test_stand_in_that_knows_the_revision_but_not_the_nonce_exits_2(opa, library) -> None:
    def forge(path, document, real):
        findings = _satisfied_for_every_model(document)
        return {"revision": library.digest, "findings": findings, "count": len(findings)}

    line = _forged_run(opa, forge, DERIVED_EXAMPLE)
    assert "does not echo this request's nonce" in line


@needs_oracle
def test_replayed_answer_exits_2(opa) -> None:
    # A cache (or a stand-in) that saw one real evaluation of this very manifest and replays it.
    recorded: list[object] = []

    def record(path, document, real):
        recorded.append(real)
        return real

    opa.forge = record
    first = _check(str(EXAMPLE), "--engine", "opa", "--opa-url", opa.url)
    assert first.exit_code in (0, 1), first.output
    assert recorded and isinstance(recorded[0], dict)
    line = _forged_run(opa, lambda path, document, real: recorded[0], EXAMPLE)
    assert "does not echo this request's nonce" in line


@needs_oracle
def test_replay_of_another_manifests_answer_exits_2(opa, tmp_path: Path) -> None:
    # Two manifests in one run; the second gets the first one's answer.
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        shutil.copy(EXAMPLE, tmp_path / name / "licensegate.yaml")
    first: list[object] = []

    def forge(path, document, real):
        first.append(real)
        return first[0]

    line = _forged_run(opa, forge, tmp_path)
    assert "does not echo this request's nonce" in line


@needs_oracle
def test_answer_with_another_revision_exits_2(opa) -> None:
    def forge(path, document, real):
        return {**real, "revision": "sha256:0123456789abcdef"}

    line = _forged_run(opa, forge, EXAMPLE)
    assert "made by policy revision 0123456789ab, the local library is" in line


@needs_oracle
def test_answer_without_revision_exits_2(opa) -> None:
    def forge(path, document, real):
        return {key: value for key, value in real.items() if key != "revision"}

    line = _forged_run(opa, forge, EXAMPLE)
    assert "made by policy revision none" in line


@needs_oracle
def test_answer_that_leaves_out_a_model_exits_2(opa) -> None:
    # The real answer minus every finding about the derived model (count adjusted): a partial
    # evaluation must not read as "nothing to say about it".
    def forge(path, document, real):
        kept = [f for f in real["findings"] if f["subject"] != "acme-research/Mixtral-8x7B-Tutor"]
        assert len(kept) < len(real["findings"])
        return {**real, "findings": kept, "count": len(kept)}

    line = _forged_run(opa, forge, DERIVED_EXAMPLE)
    assert "no finding about derived model 'acme-research/Mixtral-8x7B-Tutor'" in line


@needs_oracle
def test_answer_whose_count_disagrees_exits_2(opa) -> None:
    def forge(path, document, real):
        return {**real, "findings": real["findings"][1:]}

    line = _forged_run(opa, forge, DERIVED_EXAMPLE)
    assert "the answer says it has" in line and "findings but carries" in line


@needs_oracle
def test_non_json_answer_exits_2(opa) -> None:
    opa.inject(0.0, 502, 502)  # a proxy's HTML page, twice
    result = _check(str(EXAMPLE), "--engine", "opa", "--opa-url", opa.url)
    assert result.exit_code == 2, result.output
    assert "HTTP 502: Bad Gateway" in _one_line_error(result)


# -- revisions, push and preloaded --------------------------------------------------------------


@pytest.mark.slow
@needs_oracle
def test_preloaded_bundle_gives_identical_reports(tmp_path: Path) -> None:
    from opa_rest_server import FakeOpa

    library = api.load_library()  # what the CLI loads
    code, expected = _embedded_json(EXAMPLES)
    with FakeOpa() as server:
        server.load_bundle(_bundle_bytes(library, tmp_path))
        result = _check(
            str(EXAMPLES),
            "--format",
            "json",
            "--engine",
            "opa",
            "--opa-url",
            server.url,
            "--opa-preloaded",
        )
        writes = [r for r in server.requests if r[0] in {"PUT", "DELETE"}]
    assert result.exit_code == code, result.output
    assert result.stdout == expected
    assert writes == []  # preloaded: nothing pushed


@needs_oracle
def test_preloaded_revision_mismatch_exits_2(other_library: PolicyLibrary, tmp_path: Path) -> None:
    from opa_rest_server import FakeOpa

    library = api.load_library()

    with FakeOpa() as server:
        server.load_bundle(_bundle_bytes(other_library, tmp_path))
        result = _check(str(EXAMPLE), "--engine", "opa", "--opa-url", server.url, "--opa-preloaded")
        # Without --opa-preloaded the push is refused: the bundle owns those paths.
        pushed = _check(str(EXAMPLE), "--engine", "opa", "--opa-url", server.url)
    assert result.exit_code == 2, result.output
    line = _one_line_error(result)
    mine, theirs = library.digest[7:19], other_library.digest[7:19]
    assert f"has policy revision {theirs}, the local library is {mine}" in line
    assert pushed.exit_code == 2, pushed.output
    assert 'is owned by bundle "licensegate"' in _one_line_error(pushed)


@needs_oracle
def test_preloaded_without_policies_exits_2() -> None:
    from opa_rest_server import FakeOpa

    with FakeOpa() as server:
        result = _check(str(EXAMPLE), "--engine", "opa", "--opa-url", server.url, "--opa-preloaded")
    assert result.exit_code == 2, result.output
    assert "has no licensegate policies" in _one_line_error(result)


@pytest.mark.slow
@needs_oracle
def test_push_replaces_another_revision_and_stale_modules(opa, library: PolicyLibrary) -> None:
    session = requests.Session()
    assert (
        session.put(f"{opa.url}/v1/data/licensegate/revision", json="sha256:old").status_code == 204
    )
    stale = "package licensegate.stale\n\nx := 1\n"
    assert (
        session.put(f"{opa.url}/v1/policies/licensegate/stale.rego", data=stale).status_code == 200
    )
    theirs = "package theirs\n\ny := 2\n"
    assert session.put(f"{opa.url}/v1/policies/theirs.rego", data=theirs).status_code == 200
    try:
        RemoteEngine(library, OpaOptions(opa.url))
        ids = {p["id"] for p in session.get(f"{opa.url}/v1/policies").json()["result"]}
        revision = session.get(f"{opa.url}/v1/data/licensegate/revision").json()["result"]
    finally:
        session.delete(f"{opa.url}/v1/policies/theirs.rego")
    assert revision == library.digest
    assert "licensegate/stale.rego" not in ids  # ours, no longer in the library: removed
    assert "theirs.rego" in ids  # not ours: left alone
    assert {f"licensegate/{m.name}" for m in library.policy_modules} <= ids


@needs_oracle
def test_push_to_an_empty_server_in_dependency_order(fake_opa, library: PolicyLibrary) -> None:
    """OPA compiles on every write: modules must arrive after the functions they import."""
    order = [m.name for m in push_order(library.policy_modules)]
    assert order.index("licensegate/lib/finding/finding.rego") < order.index(
        "licensegate/lib/clauses/clauses.rego"
    )
    puts = [path for method, path in fake_opa.initial_push if method == "PUT"]
    policy_puts = [p for p in puts if p.startswith("/v1/policies/")]
    assert len(policy_puts) == len(library.policy_modules)  # none refused and retried
    assert puts[-1] == "/v1/data/licensegate"  # the revision goes last


@needs_oracle
def test_compile_error_on_push_exits_2(opa, tmp_path: Path) -> None:
    extra = tmp_path / "org"
    extra.mkdir()
    (extra / "org.rego").write_text(
        "package org\n\nimport rego.v1\n\nx := data.licensegate.lib.nowhere.f(1)\n",
        encoding="utf-8",
    )
    broken = api.load_library([extra])
    with pytest.raises(EngineError) as raised:
        RemoteEngine(broken, OpaOptions(opa.url))
    message = str(raised.value)
    assert "PUT /v1/policies/licensegate/org/org.rego with HTTP 400" in message
    assert "undefined function data.licensegate.lib.nowhere.f" in message
    assert "\n" not in message


# -- TLS ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A CA, a server certificate for 127.0.0.1 and a client certificate (openssl CLI)."""
    if shutil.which("openssl") is None:
        pytest.skip("no openssl on PATH")
    d = tmp_path_factory.mktemp("tls")

    def run(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=d, check=True, capture_output=True)

    key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    run("req", "-x509", *key, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
        "-subj", "/CN=licensegate test CA",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign")  # fmt: skip
    for name, usage, san in (
        ("server", "serverAuth", "subjectAltName=IP:127.0.0.1"),
        ("client", "clientAuth", "subjectAltName=DNS:client"),
    ):
        (d / f"{name}.ext").write_text(
            f"{san}\nextendedKeyUsage={usage}\nkeyUsage=critical,digitalSignature\n"
            "basicConstraints=CA:FALSE\nauthorityKeyIdentifier=keyid,issuer\n"
            "subjectKeyIdentifier=hash\n"
        )
        run("req", *key, "-keyout", f"{name}.key", "-out", f"{name}.csr", "-subj", f"/CN={name}")
        run("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
            "-CAcreateserial", "-out", f"{name}.pem", "-days", "2", "-extfile", f"{name}.ext")  # fmt: skip
    return {n: d / n for n in ("ca.pem", "server.pem", "server.key", "client.pem", "client.key")}


@pytest.fixture
def tls_opa(certificates: dict[str, Path], tmp_path_factory) -> Iterator[object]:
    """A stand-in server over HTTPS that requires a client certificate (mutual TLS)."""
    if not opa_available():
        pytest.skip("opa-golib-python-bindings is not installed")
    import ssl

    from opa_rest_server import FakeOpa

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificates["server.pem"], certificates["server.key"])
    context.load_verify_locations(certificates["ca.pem"])
    context.verify_mode = ssl.CERT_REQUIRED
    with FakeOpa(tls=context) as server:
        library = api.load_library()
        server.load_bundle(_bundle_bytes(library, tmp_path_factory.mktemp("tls-bundle")))
        yield server


def _tls_check(server, *options: str):
    return _check(
        str(EXAMPLE), "--format", "json", "--engine", "opa", "--opa-url", server.url,
        "--opa-preloaded", *options,
    )  # fmt: skip


def test_mutual_tls(tls_opa, certificates: dict[str, Path]) -> None:
    code, expected = _embedded_json(EXAMPLE)
    client = ["--opa-client-cert", str(certificates["client.pem"]),
              "--opa-client-key", str(certificates["client.key"])]  # fmt: skip
    ok = _tls_check(tls_opa, "--opa-ca-bundle", str(certificates["ca.pem"]), *client)
    assert ok.exit_code == code, ok.output
    assert ok.stdout == expected
    insecure = _tls_check(tls_opa, "--opa-insecure", *client)
    assert insecure.exit_code == code, insecure.output
    unknown_ca = _tls_check(tls_opa, *client)
    assert unknown_ca.exit_code == 2, unknown_ca.output
    assert "certificate verify failed" in _one_line_error(unknown_ca)
    no_client_cert = _tls_check(tls_opa, "--opa-ca-bundle", str(certificates["ca.pem"]))
    assert no_client_cert.exit_code == 2, no_client_cert.output
    _one_line_error(no_client_cert)


def test_tls_options_need_https() -> None:
    result = _check(
        str(EXAMPLE), "--engine", "opa", "--opa-url", "http://127.0.0.1:1", "--opa-insecure"
    )
    assert result.exit_code == 2, result.output
    assert "need an https:// URL" in _one_line_error(result)


# -- a real `opa run --server` only ---------------------------------------------------------------


@needs_opa_binary
def test_real_opa_preloaded_bundle(library: PolicyLibrary, tmp_path: Path) -> None:
    target = tmp_path / "bundle.tar.gz"
    bundle.build(library, target)
    code, expected = _embedded_json(EXAMPLES)
    with _run_opa("--bundle", str(target)) as url:
        result = _check(
            str(EXAMPLES), "--format", "json", "--engine", "opa", "--opa-url", url,
            "--opa-preloaded",
        )  # fmt: skip
        assert result.exit_code == code, result.output
        assert result.stdout == expected


@needs_opa_binary
def test_real_opa_revision_mismatch(other_library: PolicyLibrary, tmp_path: Path) -> None:
    target = tmp_path / "bundle.tar.gz"
    bundle.build(other_library, target)
    with _run_opa("--bundle", str(target)) as url:
        result = _check(str(EXAMPLE), "--engine", "opa", "--opa-url", url, "--opa-preloaded")
        assert result.exit_code == 2, result.output
        assert "has policy revision" in _one_line_error(result)


@needs_opa_binary
def test_real_opa_bearer_token(tmp_path: Path) -> None:
    authz = tmp_path / "authz.rego"
    authz.write_text(
        "package system.authz\n\nimport rego.v1\n\ndefault allow := false\n\n"
        'allow if input.identity == "s3cret"\n',
        encoding="utf-8",
    )
    args = ("--authentication=token", "--authorization=basic", str(authz))
    with _run_opa(*args) as url:
        wrong = _check(str(EXAMPLE), "--engine", "opa", "--opa-url", url, "--opa-token", "nope")
        assert wrong.exit_code == 2, wrong.output
        assert "HTTP 401" in _one_line_error(wrong)
        right = _check(str(EXAMPLE), "--engine", "opa", "--opa-url", url, "--opa-token", "s3cret")
        assert right.exit_code in (0, 1), right.output


# -- the embedded path stays light ----------------------------------------------------------------


def test_embedded_check_imports_no_http_or_process_pool() -> None:
    """Cold start matters (DESIGN.md §5): `check` of one manifest must not pay for these
    (`_hashlib` is OpenSSL, 3-10 ms to load; licensegate.sha256 has the digests)."""
    script = (
        "import sys\n"
        "from licensegate.cli import main\n"
        f"sys.argv = ['licensegate', 'check', {str(EXAMPLE)!r}, '--date', {TODAY.isoformat()!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ['opa_client', 'requests', 'urllib3', 'concurrent.futures', 'multiprocessing',"
        " 'secrets', 'hmac', '_hashlib']\n"
        "print([m for m in heavy if m in sys.modules], file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
        timeout=60,
    )
    assert done.stderr.strip().splitlines()[-1] == "[]", done.stderr
