"""DESIGN.md §2.1: no default, unchecked value or contradiction turns into "satisfied".

Each test states a manifest that passed (exit 0) before the rule it names, and asserts what a user
now gets: exit 2 with one line naming the file and line for a fact that cannot be true, or a
failing verdict for a fact that is missing. The Rego side of the rules is tested in the license
packages and in policies/licensegate/main/fail_closed_test.rego.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES, TODAY, opa_available
from licensegate import api
from licensegate.cli import app
from licensegate.engine.embedded import EmbeddedEngine
from licensegate.facts import build_input, fold_text
from licensegate.manifest import load_manifest
from licensegate.policy import PolicyLibrary
from manifests import NEEDS_ATTESTATION

DATE = ["--date", TODAY.isoformat()]

MANIFEST = """\
apiVersion: licensegate/v1
kind: Deployment
metadata: {name: probe}
licensee:
  name: Acme
  domicile: US
  monthly_active_users: 5000
product:
  commercial: true
  environment: production
  audience: internal
models:
  - id: mistralai/Mistral-7B-v0.3
    uses: [inference]
"""
"""Apache-2.0 only, internal: passes. Each test changes one thing."""


def _check(tmp_path: Path, text: str, *args: str):
    path = tmp_path / "licensegate.yaml"
    path.write_bytes(text.encode("utf-8"))
    return CliRunner().invoke(app, ["check", str(path), *DATE, *args])


def _error_line(result) -> str:
    """The one error line (the summary line after it counts manifests without a verdict)."""
    assert result.exit_code == 2, result.output
    errors = [line for line in result.stderr.splitlines() if "error:" in line]
    assert len(errors) == 1, result.stderr
    return errors[0]


def test_baseline_passes(tmp_path: Path) -> None:
    assert _check(tmp_path, MANIFEST).exit_code == 0


# Rule 2: facts are checked against reality -------------------------------------------------


@pytest.mark.parametrize(
    ("code", "hint"),
    [("EL", "GR"), ("UK", "GB"), ("EU", "member state"), ("XX", "not an assigned")],
)
def test_domicile_that_is_not_a_country_is_exit_2(tmp_path: Path, code: str, hint: str) -> None:
    line = _error_line(_check(tmp_path, MANIFEST.replace("domicile: US", f"domicile: {code}")))
    assert "licensegate.yaml:6" in line and hint in line


@pytest.mark.parametrize(
    ("code", "hint"),
    [("UK", "GB"), ("EU", "member state"), ("XX", "not an assigned"), ("uk", "ISO 3166-1")],
)
def test_product_country_that_is_not_a_country_is_exit_2(
    tmp_path: Path, code: str, hint: str
) -> None:
    # A territory clause (Tencent Hunyuan excludes the EU, GB and KR) reads product.countries:
    # "UK" must not read as a country outside the United Kingdom.
    text = MANIFEST.replace(
        "  audience: internal\n", f"  audience: internal\n  countries: [US, {code}]\n"
    )
    line = _error_line(_check(tmp_path, text))
    assert "licensegate.yaml:12" in line and "product.countries" in line and hint in line


@pytest.mark.parametrize("code", ["RE", "AX", "GP", "MF"])
def test_outermost_regions_are_in_the_union(
    tmp_path: Path, code: str, library: PolicyLibrary, engine: EmbeddedEngine
) -> None:
    text = MANIFEST.replace("domicile: US", f"domicile: {code}").replace(
        "mistralai/Mistral-7B-v0.3", "meta-llama/Llama-3.2-11B-Vision-Instruct"
    )
    path = tmp_path / "licensegate.yaml"
    path.write_text(text, encoding="utf-8")
    result = api.check_one(path, library, engine, today=TODAY)
    statuses = {c.clause: c.status.value for c in result.clauses}
    assert statuses["eu-multimodal"] == "violated"


def test_block_scalar_domicile_with_final_newline_is_exit_2(tmp_path: Path) -> None:
    # Python's `$` matches before a final newline; JSON Schema's does not.
    text = MANIFEST.replace("domicile: US", "domicile: |\n    DE")
    line = _error_line(_check(tmp_path, text))
    assert "licensee.domicile" in line


def test_mau_history_key_with_final_newline_is_exit_2(tmp_path: Path) -> None:
    text = MANIFEST.replace(
        "  monthly_active_users: 5000\n",
        '  monthly_active_users: 5000\n  mau_history:\n    "2024-06\\n": 900000000\n',
    )
    line = _error_line(_check(tmp_path, text))
    assert "mau_history" in line


# Rule 3: contradictions are errors ---------------------------------------------------------


def test_product_mau_above_licensee_mau_is_exit_2(tmp_path: Path) -> None:
    text = MANIFEST.replace(
        "audience: internal", "audience: internal\n  monthly_active_users: 800000000"
    )
    line = _error_line(_check(tmp_path, text))
    assert "product.monthly_active_users" in line and "licensee.monthly_active_users" in line


def test_non_commercial_product_with_revenue_is_exit_2(tmp_path: Path) -> None:
    text = MANIFEST.replace("commercial: true", "commercial: false").replace(
        "audience: internal", "audience: internal\n  monthly_revenue_usd: 1200000"
    )
    line = _error_line(_check(tmp_path, text))
    assert "product.commercial" in line and "monthly_revenue_usd" in line


def test_shipping_weights_of_nothing_is_exit_2(tmp_path: Path) -> None:
    text = (
        MANIFEST.replace("uses: [inference]", "uses: [fine-tuning]").replace(
            "audience: internal", "audience: internal\n  ships_weights: true"
        )
        + "derived_models:\n  - {name: Tuned, base_models: [mistralai/Mistral-7B-v0.3], release: none}\n"
    )
    line = _error_line(_check(tmp_path, text))
    assert "ships_weights" in line


def test_release_none_with_another_way_is_exit_2(tmp_path: Path) -> None:
    text = MANIFEST + (
        "derived_models:\n  - {name: Tuned, base_models: [mistralai/Mistral-7B-v0.3], release: [none, api]}\n"
    )
    line = _error_line(_check(tmp_path, text))
    assert "release" in line


def test_multimodal_that_contradicts_the_catalog_is_exit_2(tmp_path: Path) -> None:
    text = MANIFEST.replace(
        "mistralai/Mistral-7B-v0.3\n    uses: [inference]",
        "meta-llama/Llama-3.2-11B-Vision-Instruct\n    uses: [inference]\n    multimodal: false",
    )
    line = _error_line(_check(tmp_path, text))
    assert "multimodal" in line and "catalog" in line


# Model ids follow Hugging Face syntax ------------------------------------------------------


@pytest.mark.parametrize(
    "model_id",
    [
        "meta-llama/Llama-3.1-8B-Instruct\u200b",  # zero-width space
        "meta-llama/Llama 3.1",  # space
        "meta-llama/Ll\u0430ma-3.1-8B-Instruct",  # Cyrillic a
        "\uff4deta-llama/Llama-3.1-8B-Instruct",  # fullwidth m (NFKC would make it ASCII)
        "Llama-3.1-8B-Instruct",  # no organisation
    ],
)
def test_model_id_outside_hugging_face_syntax_is_exit_2(tmp_path: Path, model_id: str) -> None:
    text = MANIFEST.replace("mistralai/Mistral-7B-v0.3", f'"{model_id}"')
    line = _error_line(_check(tmp_path, text))
    assert "models[0].id" in line


# User keys never reach the engine ----------------------------------------------------------


def test_huge_integer_in_x_key_does_not_stop_the_run(tmp_path: Path) -> None:
    text = MANIFEST + f"x-notes: {{big: {2**200}}}\n"
    assert _check(tmp_path, text).exit_code == 0


def test_x_keys_are_not_in_the_input(tmp_path: Path, library: PolicyLibrary) -> None:
    path = tmp_path / "licensegate.yaml"
    path.write_text(
        MANIFEST.replace("audience: internal", "audience: internal\n  x-team: search") + "x-a: 1\n",
        encoding="utf-8",
    )
    document = build_input(load_manifest(path), library, TODAY)
    assert "x-a" not in document["manifest"] and "x-team" not in document["manifest"]["product"]


# Text comparisons are the same under both engines ------------------------------------------


def test_attribution_is_folded_by_the_host() -> None:
    assert fold_text("BUİLT  WITH\nLLAMA") == "bui\u0307lt with llama"
    assert fold_text("Built with Ｌlama") == "built with llama"


def test_notice_file_that_is_not_utf8_says_so(tmp_path: Path) -> None:
    (tmp_path / "NOTICE").write_bytes(
        "Llama 3.1 is licensed under the Llama 3.1 Community License, Copyright \u00a9".encode(
            "latin-1"
        )
    )
    text = MANIFEST.replace(
        "mistralai/Mistral-7B-v0.3", "meta-llama/Llama-3.1-8B-Instruct"
    ).replace(
        "audience: internal", "audience: internal\n  ships_weights: true\n  notice_file: NOTICE"
    )
    result = _check(tmp_path, text, "--format", "json")
    import json

    clauses = json.loads(result.stdout)["results"][0]["clauses"]
    (notice,) = [c for c in clauses if c["clause"] == "notice-file"]
    assert notice["status"] == "violated" and "not UTF-8: save it as UTF-8" in notice["message"]


# Rule 11: the decision fails closed without the harness ------------------------------------


@pytest.mark.parity
@pytest.mark.skipif(not opa_available(), reason="opa-golib-python-bindings is not installed")
def test_real_opa_on_a_raw_manifest_or_empty_input_is_invalid_input(
    tmp_path: Path, library: PolicyLibrary
) -> None:
    from oracle import shared_oracle

    path = tmp_path / "licensegate.yaml"
    path.write_text(MANIFEST, encoding="utf-8")
    manifest = load_manifest(path).data
    oracle = shared_oracle()
    for document in ({}, manifest, {"manifest": manifest}):
        findings = oracle.evaluate(document)
        assert [f["id"] for f in findings] == ["licensegate:invalid-input"], findings
        assert findings[0]["status"] == "missing-facts"
    # ... and the real input is judged
    findings = oracle.evaluate(build_input(load_manifest(path), library, TODAY))
    assert all(f["id"] != "licensegate:invalid-input" for f in findings)


@pytest.mark.parity
@pytest.mark.skipif(not opa_available(), reason="opa-golib-python-bindings is not installed")
def test_non_ascii_attribution_same_under_both_engines(
    tmp_path: Path, library: PolicyLibrary, engine: EmbeddedEngine
) -> None:
    from oracle import canonical, shared_oracle

    for text in ("BUİLT WITH LLAMA", "Built with Llama", "ＢＵＩＬＴ ｗｉｔｈ Llama", "Kimi K2 İ"):
        manifest = MANIFEST.replace(
            "mistralai/Mistral-7B-v0.3", "meta-llama/Llama-3.1-8B-Instruct"
        ).replace(
            "audience: internal",
            f"audience: public\n  attribution:\n    - {{text: '{text}', where: about-page}}",
        )
        path = tmp_path / "licensegate.yaml"
        path.write_text(manifest, encoding="utf-8")
        document = build_input(load_manifest(path), library, TODAY)
        assert canonical(shared_oracle().evaluate(document)) == canonical(engine.evaluate(document))


# -- rule 10: waivers and attestations cannot hide what the library cannot judge ---------------

UNKNOWN = MANIFEST.replace("mistralai/Mistral-7B-v0.3", "acme/in-house-7b")
FUTURE = "2999-01-01"


def test_subjectless_waiver_of_a_licensegate_clause_is_an_error(tmp_path: Path) -> None:
    waiver = f"""\
waivers:
  - clause: licensegate:unknown-model
    reason: we checked it
    approved_by: counsel@acme.example
    expires: "{FUTURE}"
"""
    line = _error_line(_check(tmp_path, UNKNOWN + waiver))
    assert "licensegate.yaml:16:" in line
    assert "must name its subject" in line


def test_waiver_of_a_licensegate_clause_with_its_subject_applies(tmp_path: Path) -> None:
    waiver = f"""\
waivers:
  - clause: licensegate:unknown-model
    subject: acme/in-house-7b
    reason: trained in house on licensed data; counsel reviewed
    approved_by: counsel@acme.example
    expires: "{FUTURE}"
"""
    assert _check(tmp_path, UNKNOWN).exit_code == 1
    result = _check(tmp_path, UNKNOWN + waiver, "--format", "json")
    assert result.exit_code == 0, result.output
    assert '"status": "waived"' in result.stdout


def test_attestation_dated_after_the_evaluation_day_is_an_error(tmp_path: Path) -> None:
    attestation = """\
attestations:
  - clause: apache-2.0:retain-notices
    by: counsel@acme.example
    date: "2999-01-01"
    statement: we will keep the notices
"""
    line = _error_line(_check(tmp_path, MANIFEST + attestation))
    assert "licensegate.yaml:18:" in line
    assert "after the evaluation day" in line


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "junit", "markdown"])
def test_unused_waiver_is_a_warning_in_every_format(tmp_path: Path, fmt: str) -> None:
    # An internal deployment distributes nothing, so no Apache-2.0 clause applies to it.
    waiver = f"""\
waivers:
  - clause: apache-2.0:retain-notices
    reason: notices kept in the image
    approved_by: counsel@acme.example
    expires: "{FUTURE}"
"""
    result = _check(tmp_path, MANIFEST + waiver, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert "waiver-unused" in result.stdout
    assert "matches no clause" in result.stdout


def test_unused_attestation_is_a_warning_and_a_used_one_is_not(tmp_path: Path) -> None:
    attestation = """\
attestations:
  - clause: apache-2.0:retain-notices
    subject: mistralai/Mistral-7B-v0.3
    by: counsel@acme.example
    date: "2024-01-01"
    statement: notices kept
"""
    result = _check(tmp_path, MANIFEST + attestation, "--format", "json")
    assert result.exit_code == 0, result.output
    assert '"code": "attestation-unused"' in result.stdout
    assert '"line": 16' in result.stdout
    shipped = MANIFEST.replace("audience: internal", "audience: customers\n  ships_weights: true")
    result = _check(
        tmp_path, shipped + attestation.replace("subject", "x-subject"), "--format", "json"
    )
    assert "attestation-unused" not in result.stdout, result.stdout


# --- Integers stay within what every engine holds exactly (issue 9 part 6) ---------------------


@pytest.mark.parametrize("figure", ["9007199254740992", "180000000000000000000000", "2" * 40])
def test_counts_beyond_2_53_are_refused_at_their_line(tmp_path: Path, figure: str) -> None:
    manifest = tmp_path / "licensegate.yaml"
    manifest.write_text(
        NEEDS_ATTESTATION.replace("monthly_active_users: 1000", f"monthly_active_users: {figure}"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["check", str(manifest)])
    assert result.exit_code == 2
    assert f"{manifest}:4: licensee.monthly_active_users: must be at most 9007199254740991" in (
        result.stderr
    )


def test_the_largest_exact_count_is_accepted(tmp_path: Path) -> None:
    manifest = tmp_path / "licensegate.yaml"
    manifest.write_text(
        NEEDS_ATTESTATION.replace(
            "monthly_active_users: 1000", "monthly_active_users: 9007199254740991"
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["check", str(manifest), "--format", "json"])
    assert result.exit_code in (0, 1), result.output


# -- engines agree: a license package's rules cannot change how another license is judged ------

SD_TURBO_NEXT_TO_COSMOS = (
    EXAMPLES / "fail-closed" / "commercial-sd-turbo-next-to-cosmos.licensegate.yaml"
)


def test_commercial_sd_turbo_next_to_cosmos_is_violated(
    library: PolicyLibrary, engine: EmbeddedEngine
) -> None:
    # regorus 0.13 judged it satisfied once the NVIDIA package had run (docs/rego-pitfalls.md).
    document = build_input(load_manifest(SD_TURBO_NEXT_TO_COSMOS), library, TODAY)
    statuses = {(item["id"], item["subject"]): item["status"] for item in engine.evaluate(document)}
    key = ("stabilityai-nc-research:non-commercial", "stabilityai/sd-turbo")
    assert statuses[key] == "violated"


@pytest.mark.parity
@pytest.mark.skipif(not opa_available(), reason="opa-golib-python-bindings is not installed")
def test_commercial_sd_turbo_next_to_cosmos_same_under_real_opa(
    library: PolicyLibrary, engine: EmbeddedEngine
) -> None:
    from oracle import canonical, shared_oracle

    document = build_input(load_manifest(SD_TURBO_NEXT_TO_COSMOS), library, TODAY)
    assert canonical(shared_oracle().evaluate(document)) == canonical(engine.evaluate(document))
