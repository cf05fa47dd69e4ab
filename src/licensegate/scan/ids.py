"""Which strings are Hugging Face model ids, and which of them the catalog knows.

Only `org/name` counts (DESIGN.md §7): one slash, Hugging Face's character set, no path-like
pieces. A local path (`./models/x`, `/srv/llama`, `models/llama.gguf`), a URL or a metric name
(`accuracy`) is not a model. Strings are checked after NFKC so a full-width slash cannot smuggle
an id past the manifest check while `from_pretrained` would accept it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from typing import Any

# Hugging Face repo ids: letters, digits, `.`, `_`, `-`; no leading/trailing `.`/`-`, at most 96
# characters each side. The hub rejects `--` and `..` in names.
_PART = r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?"
_ID = re.compile(rf"({_PART})/({_PART})")

# `hf.co/org/name`, `huggingface.co/org/name` and `hf://org/name` name the same repository
# (Ollama, llama.cpp and fsspec spell it this way). A `:tag` (Ollama quantisation) is dropped.
_PREFIXES = ("https://huggingface.co/", "http://huggingface.co/", "huggingface.co/", "hf.co/")
_HF_SCHEME = "hf://"

# Second parts that say "this is a file or a folder in a project", not a model repo.
_FILE_SUFFIXES = (
    ".py", ".json", ".yaml", ".yml", ".toml", ".txt", ".md", ".gguf", ".bin", ".safetensors",
    ".pt", ".pth", ".onnx", ".csv", ".parquet", ".jsonl", ".sh", ".cfg", ".ini", ".lock",
)  # fmt: skip
# First parts that are folders in a project far more often than Hugging Face organisations.
_LOCAL_FOLDERS = frozenset(
    {"models", "model", "data", "src", "tests", "test", "output", "outputs", "checkpoints",
     "ckpt", "weights", "tmp", "cache", "config", "configs", "results", "runs", "logs"}
)  # fmt: skip


def normalise(value: str) -> str | None:
    """`org/name` for a string that names a Hugging Face model repository, else None."""
    if not isinstance(value, str) or len(value) > 300:
        return None
    text = unicodedata.normalize("NFKC", value).strip()
    lowered = text.lower()
    prefix = next((p for p in (*_PREFIXES, _HF_SCHEME) if lowered.startswith(p)), None)
    if prefix is not None:
        # A URL or hub path names the repository in its first two segments; what follows is a
        # file in it (`/blob/main/x.safetensors`). Datasets and Spaces are not models.
        segments = text[len(prefix) :].split("/")
        if segments[0] in ("datasets", "spaces") or len(segments) < 2:
            return None
        text = "/".join(segments[:2])
    if ":" in text:  # Ollama's `hf.co/org/name:Q4_K_M`
        text = text.split(":", 1)[0]
    match = _ID.fullmatch(text)
    if match is None:
        return None
    org, name = match.groups()
    if "--" in text or ".." in text:
        return None
    if name.lower().endswith(_FILE_SUFFIXES) or org.lower() in _LOCAL_FOLDERS:
        return None
    return f"{org}/{name}"


@cache
def catalog() -> dict[str, dict[str, Any]]:
    """The catalog's models: lowercase id -> entry (`id` as the catalog spells it, `licenses`...).

    Read straight from the catalog's data files (one per publisher) rather than through the
    policy library, so a scan never parses Rego.
    """
    from licensegate.resources import policies_dir

    known: dict[str, dict[str, Any]] = {}
    for data in sorted((policies_dir() / "licensegate" / "catalog").glob("*/data.json")):
        document = json.loads(data.read_text(encoding="utf-8"))
        for key, entry in document.get("models", {}).items():
            known[key.lower()] = entry
    return known


def catalog_ids() -> dict[str, str]:
    """Lowercase id -> id as the catalog spells it."""
    return {key: str(entry.get("id", key)) for key, entry in catalog().items()}


def catalog_licenses(model_id: str) -> tuple[str, ...]:
    entry = catalog().get(model_id.lower(), {})
    return tuple(str(x) for x in entry.get("licenses", ()))


def in_catalog(model_id: str) -> bool:
    return model_id.lower() in catalog()
