"""Shape and spot checks for the model catalog, policies/licensegate/catalog/data.json.

The catalog becomes data.licensegate.catalog in an OPA bundle; the Rego library looks models up
by lower(id). Every fact in it must be sourced (see SOURCES.md beside it).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "policies" / "licensegate" / "catalog"
"""One data.json per publisher: catalog/<publisher>/data.json, each {"models": {...}}."""

LICENSE_IDS = {
    "llama2",
    "llama3",
    "llama3.1",
    "llama3.2",
    "llama3.3",
    "llama4",
    "apache-2.0",
    "mit",
    "deepseek",
    "mrl",
    "mnpl",
    "kimi-k2",
    "minimax",
    "minimax-2025-01",
    "gemma",
    "tongyi-qianwen",
    "tongyi-qianwen-research",
    "qwen-research",
    "qwen",  # qwen: unsupported/qwen
    "dbrx",
    "nvidia-open-model",
    "creativeml-openrail-m",
    "cc-by-nc-4.0",
    "yi-2.1",
    "c4ai-acceptable-use",
    "c4ai-acceptable-use-pre-2025-04",
    "stabilityai-community",
    "stabilityai-nc-research",
    "openrail++",
    "flux-1-dev-non-commercial-license",
    "flux-1-dev-non-commercial-license-2024-08",
    "gpt-oss",
    "exaone",
    "tencent-hunyuan-community",
    "tencent-hunyuan-community-2024-12-03",
}
MODALITIES = {"text", "image", "audio", "video"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ENTRY_KEYS = {
    "id",
    "licenses",
    "release_date",
    "modalities",
    "multimodal",
    "llm",
    "family",
    "source",
}
# Version dates of the Llama licenses (licenses.md §1): the catalog uses them for every Llama model.
LLAMA_VERSION_DATES = {
    "llama2": "2023-07-18",
    "llama3": "2024-04-18",
    "llama3.1": "2024-07-23",
    "llama3.2": "2024-09-25",
    "llama3.3": "2024-12-06",
    "llama4": "2025-04-05",
}


@pytest.fixture(scope="module")
def models() -> dict[str, dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {}
    # Publisher folders keep the HF org's case (MiniMaxAI, Qwen); keys are lowercase.
    for path in sorted(CATALOG.glob("*/data.json"), key=lambda p: p.parent.name.lower()):
        document = json.loads(path.read_text(encoding="utf-8"))
        assert set(document) == {"models"}, path
        assert isinstance(document["models"], dict) and document["models"], path
        for key, entry in document["models"].items():
            assert key not in merged, f"{key} is listed in two publisher files"
            assert entry["id"].split("/")[0] == path.parent.name, (
                f"{key} belongs under its publisher"
            )
            merged[key] = entry
    return merged


def _entries(models: dict[str, dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    return sorted(models.items())


def test_keys_are_sorted(models: dict[str, dict[str, Any]]) -> None:
    assert list(models) == sorted(models)


def test_key_is_lowercase_id(models: dict[str, dict[str, Any]]) -> None:
    for key, entry in _entries(models):
        assert key == entry["id"].lower(), key
        assert re.fullmatch(r"[a-z0-9-]+/[a-z0-9._-]+", key), key


def test_entry_fields(models: dict[str, dict[str, Any]]) -> None:
    for key, entry in _entries(models):
        assert set(entry) - {"alternative_licenses", "copyright", "license_file"} == ENTRY_KEYS, key
        for alternative in entry.get("alternative_licenses", []):
            assert alternative and set(alternative) <= LICENSE_IDS, key
        assert isinstance(entry["family"], str) and entry["family"], key
        assert isinstance(entry["llm"], bool), key
        assert isinstance(entry["multimodal"], bool), key
        # MIT rows name the model's own copyright line and LICENSE file (the MIT condition).
        if "mit" in entry["licenses"]:
            assert entry["copyright"].startswith("Copyright"), key
            assert entry["license_file"].startswith("https://"), key


def test_licenses(models: dict[str, dict[str, Any]]) -> None:
    for key, entry in _entries(models):
        licenses = entry["licenses"]
        assert isinstance(licenses, list) and licenses, key
        assert len(set(licenses)) == len(licenses), key
        assert set(licenses) <= LICENSE_IDS, (key, licenses)


def test_modalities_and_multimodal(models: dict[str, dict[str, Any]]) -> None:
    for key, entry in _entries(models):
        modalities = entry["modalities"]
        assert isinstance(modalities, list) and modalities, key
        assert set(modalities) <= MODALITIES, (key, modalities)
        assert modalities == sorted(set(modalities)), key
        assert entry["multimodal"] == (modalities != ["text"]), key


def test_release_dates(models: dict[str, dict[str, Any]]) -> None:
    for key, entry in _entries(models):
        date = entry["release_date"]
        assert date is None or (isinstance(date, str) and DATE.match(date)), (key, date)


def test_llama_models_use_the_license_version_date(models: dict[str, dict[str, Any]]) -> None:
    for key, entry in _entries(models):
        if key.startswith("meta-llama/"):
            (license_id,) = entry["licenses"]
            assert entry["release_date"] == LLAMA_VERSION_DATES[license_id], key


def test_sources_are_urls(models: dict[str, dict[str, Any]]) -> None:
    for key, entry in _entries(models):
        assert re.match(r"^https://[^\s]+$", entry["source"]), key


@pytest.mark.parametrize(
    ("model_id", "licenses", "multimodal"),
    [
        ("meta-llama/Llama-3.2-11B-Vision-Instruct", ["llama3.2"], True),
        ("meta-llama/Llama-3.2-3B-Instruct", ["llama3.2"], False),
        ("meta-llama/Llama-4-Scout-17B-16E-Instruct", ["llama4"], True),
        ("meta-llama/Llama-3.3-70B-Instruct", ["llama3.3"], False),
        ("meta-llama/Meta-Llama-3.1-8B-Instruct", ["llama3.1"], False),
        ("meta-llama/Llama-3.1-8B-Instruct", ["llama3.1"], False),
        ("meta-llama/Llama-2-7b-chat-hf", ["llama2"], False),
        ("meta-llama/Meta-Llama-3-8B", ["llama3"], False),
        ("mistralai/Mixtral-8x7B-Instruct-v0.1", ["apache-2.0"], False),
        ("deepseek-ai/DeepSeek-R1", ["mit"], False),
        ("deepseek-ai/DeepSeek-R1-Distill-Llama-8B", ["mit", "llama3.1"], False),
        ("deepseek-ai/DeepSeek-R1-Distill-Llama-70B", ["mit", "llama3.3"], False),
        ("deepseek-ai/DeepSeek-R1-Distill-Qwen-32B", ["mit", "apache-2.0"], False),
        ("deepseek-ai/DeepSeek-V3", ["deepseek"], False),
        ("LGAI-EXAONE/EXAONE-3.5-32B-Instruct", ["exaone"], False),
        ("Qwen/Qwen3-235B-A22B", ["apache-2.0"], False),
        ("Qwen/Qwen3-30B-A3B-Base", ["apache-2.0"], False),
        ("mistralai/Mistral-Small-3.1-24B-Instruct-2503", ["apache-2.0"], True),
        ("mistralai/Devstral-Small-2505", ["apache-2.0"], False),
        ("allenai/OLMo-2-1124-13B-Instruct", ["apache-2.0"], False),
        ("tencent/Hunyuan-A13B-Instruct", ["tencent-hunyuan-community"], False),
        ("microsoft/phi-4", ["mit"], False),
        ("microsoft/Phi-3-mini-4k-instruct", ["mit"], False),
        ("microsoft/Phi-3.5-vision-instruct", ["mit"], True),
    ],
)
def test_spot_checks(
    models: dict[str, dict[str, Any]], model_id: str, licenses: list[str], multimodal: bool
) -> None:
    entry = models[model_id.lower()]
    assert entry["id"] == model_id
    assert entry["licenses"] == licenses
    assert entry["multimodal"] is multimodal


def test_unverified_or_out_of_scope_checkpoints_are_absent(
    models: dict[str, dict[str, Any]],
) -> None:
    # DeepSeek-V3-0324's MIT license is unverified (licenses.md §3.3). (Codestral 22B, MNPL, and
    # Mistral Large, MRL, are in the catalog since those licenses have packages.)
    for model_id in ("deepseek-ai/DeepSeek-V3-0324",):
        assert model_id.lower() not in models
