"""A standing fuzz suite (issue 9 part 8): generated deployments, and what must hold for all.

Hypothesis builds manifests from the catalog's models with Unicode in every free-text field,
counts up to 2^53 - 1 (and past it), derived models on top, attributions and attestations. For
each it checks what a user relies on whatever the manifest says:

- every outcome is a verdict (exit 0 or 1 with a report) or exit 2 with one line per problem,
  each naming the file;
- listing order, `x-` keys and the case of catalog ids change nothing;
- a worse deployment never passes where the better one failed: more users, no attribution,
  shipped weights, a wider audience;
- regorus and real OPA return the same findings for the same input.

`make test` runs a small budget (the `ci` profile, a few seconds); `make fuzz` runs the `fuzz`
profile (LICENSEGATE_FUZZ=fuzz), thousands of examples.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import TODAY, opa_available
from licensegate import api
from licensegate.cli import app
from licensegate.errors import LicensegateError

settings.register_profile(
    "ci", max_examples=15, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.register_profile(
    "fuzz", max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("LICENSEGATE_FUZZ", "ci"))

MAX_COUNT = 2**53 - 1
_LIBRARY = api.load_library()
_CATALOG = [
    entry
    for organisation in _LIBRARY.data["licensegate"]["catalog"].values()
    for entry in organisation["models"].values()
]
MODEL_IDS = sorted(entry["id"] for entry in _CATALOG)
USES = ["inference", "fine-tuning", "distillation-teacher", "synthetic-data", "evaluation"]
WHERE = ["website", "user-interface", "blogpost", "about-page", "documentation"]
ATTRIBUTIONS = [
    "Built with Llama",
    "Built with Meta Llama 3",
    "Built with Gemma",
    "Powered by Qwen",
    "Built with Kimi K2",
]
AUDIENCES = ["internal", "customers", "public"]

# Free text: any printable Unicode (letters of every script, emoji, combining marks), never
# control characters, which the loader refuses on purpose.
_text = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")),
    min_size=1,
    max_size=40,
).filter(lambda value: value.strip() != "")
_name = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,30}", fullmatch=True)
_slug = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?", fullmatch=True)
_count = st.one_of(st.integers(0, 10**9), st.integers(0, MAX_COUNT))


@st.composite
def deployments(draw: st.DrawFn) -> dict[str, Any]:
    """A manifest the schema accepts, built from catalog models."""
    ids = draw(st.lists(st.sampled_from(MODEL_IDS), min_size=1, max_size=3, unique_by=str.lower))
    licensee_mau = draw(_count)
    product: dict[str, Any] = {
        "commercial": draw(st.booleans()),
        "environment": draw(st.sampled_from(["production", "staging", "research", "evaluation"])),
        "audience": draw(st.sampled_from(AUDIENCES)),
        "monthly_active_users": draw(st.integers(0, licensee_mau)),
    }
    attribution = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "text": st.one_of(st.sampled_from(ATTRIBUTIONS), _text),
                    "where": st.sampled_from(WHERE),
                }
            ),
            max_size=2,
        )
    )
    if attribution:
        product["attribution"] = attribution
    models = []
    for model_id in ids:
        model: dict[str, Any] = {
            "id": model_id,
            "uses": draw(st.lists(st.sampled_from(USES), min_size=1, max_size=3, unique=True)),
        }
        if (
            "inference" in model["uses"]
            and product["audience"] != "internal"
            and draw(st.booleans())
        ):
            model["ships_weights"] = draw(st.booleans())
        models.append(model)
    derived = []
    for index in range(draw(st.integers(0, 2))):
        bases = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True))
        # An internal product releases nothing outside (a contradiction is exit 2, tested
        # elsewhere); the generator keeps to deployments that get a verdict.
        ways = ["none"] if product["audience"] == "internal" else ["none", "api", "weights"]
        derived.append(
            {
                "name": draw(_name) + f"-{index}",
                "base_models": bases,
                "release": draw(st.lists(st.sampled_from(ways), min_size=1, unique=True)),
            }
        )
    manifest: dict[str, Any] = {
        "apiVersion": "licensegate/v1",
        "kind": "Deployment",
        "metadata": {"name": draw(_slug)},
        "licensee": {
            "name": draw(_text),
            "domicile": draw(st.sampled_from(["US", "DE", "FR", "CN", "GB", "JP", "IN", "CH"])),
            "monthly_active_users": licensee_mau,
            "mau_history": {"2024-06": draw(st.integers(0, licensee_mau))},
        },
        "product": product,
        "models": models,
    }
    if derived:
        manifest["derived_models"] = derived
    return manifest


def _write(folder: Path, manifest: dict[str, Any], name: str = "licensegate.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _verdict(folder: Path, manifest: dict[str, Any]) -> dict[tuple[str, str], str] | None:
    """Clause statuses by (id, subject in lower case), or None when there is no verdict."""
    path = _write(folder, manifest)
    engine = _engine()
    try:
        result = api.check_one(path, _LIBRARY, engine, today=TODAY)
    except LicensegateError:
        return None
    return {(c.id, c.subject.lower()): c.status.value for c in result.clauses}


def _failed(statuses: dict[tuple[str, str], str]) -> bool:
    return any(status in ("violated", "missing-facts") for status in statuses.values())


_ENGINES: dict[str, Any] = {}


def _engine() -> Any:
    if "regorus" not in _ENGINES:
        _ENGINES["regorus"] = api.make_engine(_LIBRARY)
    return _ENGINES["regorus"]


# ------------------------------------------------------------------------------------------


@given(manifest=deployments(), mangle=st.sampled_from(["none", "big", "text", "negative"]))
def test_every_outcome_is_a_verdict_or_error_lines_naming_the_file(
    tmp_path_factory: pytest.TempPathFactory, manifest: dict[str, Any], mangle: str
) -> None:
    if mangle == "big":
        manifest["licensee"]["monthly_active_users"] = 2**64 + 1
    elif mangle == "text":
        manifest["licensee"]["monthly_active_users"] = "many"
    elif mangle == "negative":
        manifest["product"]["monthly_active_users"] = -1
    path = _write(tmp_path_factory.mktemp("fuzz"), manifest)
    result = CliRunner().invoke(app, ["check", str(path), "--format", "json", "--date", str(TODAY)])
    assert result.exit_code in (0, 1, 2), result.output
    if result.exit_code == 2:
        errors = [line for line in result.stderr.splitlines() if "error" in line]
        assert errors and all(f"{path}:" in line for line in errors), result.stderr
        assert mangle != "none" or "Traceback" not in result.output
    else:
        assert mangle == "none", "an out-of-range value got a verdict"
        assert result.stdout.startswith("{") and "Traceback" not in result.output


@given(manifest=deployments(), seed=st.randoms(use_true_random=False))
def test_order_x_keys_and_id_case_change_nothing(
    tmp_path_factory: pytest.TempPathFactory, manifest: dict[str, Any], seed: Any
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    before = _verdict(folder, manifest)
    assume(before is not None)
    changed = copy.deepcopy(manifest)
    seed.shuffle(changed["models"])
    seed.shuffle(changed.get("derived_models", []))
    changed["x-note"] = {"anything": [1, "ü"]}
    changed["models"][0]["x-owner"] = "team@acme.example"
    for model in changed["models"]:
        model["id"] = model["id"].lower() if seed.random() < 0.5 else model["id"].upper()
    for derived in changed.get("derived_models", []):
        derived["base_models"] = [base.swapcase() for base in derived["base_models"]]
    assert _verdict(folder, changed) == before


def _more_users(manifest: dict[str, Any]) -> None:
    licensee = manifest["licensee"]
    licensee["monthly_active_users"] = MAX_COUNT
    licensee["mau_history"] = {"2024-06": MAX_COUNT}
    manifest["product"]["monthly_active_users"] = MAX_COUNT


def _no_attribution(manifest: dict[str, Any]) -> None:
    manifest["product"].pop("attribution", None)


def _ship_weights(manifest: dict[str, Any]) -> None:
    for model in manifest["models"]:
        if "inference" in model["uses"]:
            model["ships_weights"] = True


def _widen_audience(manifest: dict[str, Any]) -> None:
    manifest["product"]["audience"] = "public"


WORSE = {
    "more users": _more_users,
    "no attribution": _no_attribution,
    "shipped weights": _ship_weights,
    "wider audience": _widen_audience,
}


@given(manifest=deployments(), worse=st.sampled_from(sorted(WORSE)))
def test_a_worse_deployment_never_passes_where_the_better_one_failed(
    tmp_path_factory: pytest.TempPathFactory, manifest: dict[str, Any], worse: str
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    before = _verdict(folder, manifest)
    assume(before is not None and _failed(before))
    changed = copy.deepcopy(manifest)
    WORSE[worse](changed)
    after = _verdict(folder, changed)
    assert after is None or _failed(after), f"{worse} turned a failing deployment into a pass"


@pytest.mark.parity
@pytest.mark.skipif(not opa_available(), reason="needs the opa-golib-python-bindings oracle")
@given(manifest=deployments())
def test_regorus_and_opa_agree_on_generated_deployments(
    tmp_path_factory: pytest.TempPathFactory, manifest: dict[str, Any]
) -> None:
    from licensegate.facts import build_input
    from licensegate.manifest import load_manifest
    from oracle import canonical, shared_oracle

    path = _write(tmp_path_factory.mktemp("fuzz"), manifest)
    try:
        document = build_input(load_manifest(path), _LIBRARY, TODAY)
    except LicensegateError:
        assume(False)
        return
    assert canonical(_engine().evaluate(document)) == canonical(shared_oracle().evaluate(document))
