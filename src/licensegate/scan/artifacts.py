"""What model artifacts say about themselves: model cards, config.json, GGUF and safetensors
headers, and the Hugging Face cache layout (`models--org--name/snapshots/REVISION/...`).

A card found in the Hugging Face cache belongs to the cached model's id. A card in any other
folder belongs to that folder, named `./path` so it can never be mistaken for a Hugging Face id.
The `gguf` package (and numpy with it) is imported only when a .gguf file is met.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from licensegate.scan.evidence import Evidence, ModelCard, ModelReference, ScanProblem
from licensegate.scan.ids import normalise

if TYPE_CHECKING:
    from licensegate.scan.walk import Found

_RELATIONS = ("finetune", "adapter", "quantized", "merge")
_MAX_SAFETENSORS_HEADER = 16 * 1024 * 1024
_MAX_FIELD = 1000  # characters kept of any string read from a binary header


def _cache_location(rel: str) -> tuple[str, str | None] | None:
    """(model id, revision) when `rel` lies in a Hugging Face cache entry `models--org--name`."""
    parts = PurePosixPath(rel).parts
    for index, part in enumerate(parts):
        pieces = part.split("--")
        if len(pieces) == 3 and pieces[0] == "models":
            model_id = normalise(f"{pieces[1]}/{pieces[2]}")
            if model_id is None:
                return None
            rest = parts[index + 1 :]
            revision = rest[1] if len(rest) > 2 and rest[0] == "snapshots" else None
            return model_id, revision
    return None


def _owner(rel: str) -> str:
    """The model a file in a folder describes: the cached id, else `./folder`."""
    cached = _cache_location(rel)
    if cached is not None:
        return cached[0]
    folder = PurePosixPath(rel).parent.as_posix()
    return "./" if folder == "." else f"./{folder}"


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value[:_MAX_FIELD],)
    if isinstance(value, list):
        return tuple(str(item)[:_MAX_FIELD] for item in value if isinstance(item, str))
    return ()


def _text(value: Any) -> str | None:
    return value[:_MAX_FIELD] if isinstance(value, str) else None


# --- model cards ----------------------------------------------------------------------------------


def read_model_card(path: Path, rel: str, data: bytes | None, found: Found) -> None:
    """README.md front matter: `license`, `license_name`, `license_link`, `base_model`, relation."""
    from licensegate.errors import LicensegateError
    from licensegate.yamlbound import Limits, read_document

    assert data is not None
    if not data.startswith(b"---"):
        return
    lines = data.split(b"\n")
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == b"---"), None)
    if end is None:
        return
    front = b"\n".join(lines[1:end])
    try:
        document = read_document(
            front, rel, is_json=False, limits=Limits(depth=16, aliases=50, nodes=20_000)
        )
    except LicensegateError as err:
        found.problems.append(ScanProblem(rel, f"model card front matter not read: {err}"))
        return
    meta = document.data
    licenses = _strings(meta.get("license"))
    bases = tuple(b for b in (normalise(x) or x for x in _strings(meta.get("base_model"))) if b)
    if not licenses and not bases:
        return
    relation = meta.get("base_model_relation")
    line = document.lines.get(("license",), document.lines.get(("base_model",), 0)) + 1
    found.cards.append(
        ModelCard(
            model_id=_owner(rel),
            evidence=Evidence(rel, line, "model-card"),
            licenses=licenses,
            license_name=_text(meta.get("license_name")),
            license_link=_text(meta.get("license_link")),
            base_models=bases,
            relation=relation if relation in _RELATIONS else None,
        )
    )


def read_model_config(path: Path, rel: str, data: bytes | None, found: Found) -> None:
    """A model folder's config.json: `_name_or_path` names the model it was saved from."""
    from licensegate.scan import configs

    assert data is not None
    try:
        config = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as err:
        found.problems.append(ScanProblem(rel, f"not read: not valid JSON ({err})"))
        return
    name = config.get("_name_or_path") if isinstance(config, dict) else None
    if isinstance(name, str) and normalise(name):
        line = next(
            (n for n, text in enumerate(data.splitlines(), 1) if b'"_name_or_path"' in text), 0
        )
        found.references.append(ModelReference(Evidence(rel, line, "model-card"), normalise(name)))
    else:  # an ordinary JSON config that happens to be called config.json
        configs.read_json(path, rel, data, found)


# --- the Hugging Face cache ---------------------------------------------------------------------


def read_hf_cache_folder(path: Path, rel: str, found: Found) -> None:
    """`models--org--name`: the cached model, at the revision `refs/main` points to."""
    located = _cache_location(rel + "/x")
    if located is None:
        return
    revision = None
    ref = path / "refs" / "main"
    try:
        info = os.lstat(ref)
        if stat.S_ISREG(info.st_mode) and info.st_size <= 100:
            revision = ref.read_text(encoding="ascii").strip() or None
    except (OSError, UnicodeDecodeError):
        pass
    found.references.append(ModelReference(Evidence(rel, 0, "hf-cache"), located[0], revision))


# --- GGUF ---------------------------------------------------------------------------------------


def read_gguf(path: Path, rel: str, data: bytes | None, found: Found) -> None:
    """A GGUF header: general.name, general.license, general.base_model.N.*, source repo."""
    try:
        with open(path, "rb") as stream:
            if stream.read(4) != b"GGUF":
                found.problems.append(ScanProblem(rel, "not read: not a GGUF file"))
                return
        from gguf import GGUFReader

        reader = GGUFReader(path, "r")
        fields = {name: _gguf_value(field) for name, field in reader.fields.items()}
    except Exception as err:  # noqa: BLE001 - a hostile header can fail anywhere in the parser
        found.problems.append(ScanProblem(rel, f"not read: bad GGUF header ({type(err).__name__})"))
        return
    evidence = Evidence(rel, 0, "gguf")
    source = _hf_id(fields.get("general.source.repo_url")) or _hf_id(fields.get("general.repo_url"))
    name = _text(fields.get("general.name"))
    if source is not None:
        found.references.append(ModelReference(evidence, source))
    else:
        expression = f"GGUF general.name {name!r}" if name else "GGUF file without a source id"
        found.references.append(ModelReference(evidence, None, expression=expression))
    bases = []
    count = fields.get("general.base_model.count")
    for index in range(min(count, 16) if isinstance(count, int) else 0):
        prefix = f"general.base_model.{index}."
        base = _hf_id(fields.get(prefix + "repo_url"))
        if base is None:
            organization, base_name = (
                fields.get(prefix + "organization"),
                fields.get(prefix + "name"),
            )
            base = (
                normalise(f"{organization}/{base_name}")
                if isinstance(organization, str) and isinstance(base_name, str)
                else None
            ) or _text(base_name)
        if base:
            bases.append(base)
    licenses = _strings(fields.get("general.license"))
    if licenses or bases:
        found.cards.append(
            ModelCard(
                model_id=source or f"./{rel}",
                evidence=evidence,
                licenses=licenses,
                license_name=_text(fields.get("general.license.name")),
                license_link=_text(fields.get("general.license.link")),
                base_models=tuple(bases),
            )
        )


def _gguf_value(field: Any) -> Any:
    try:
        value = field.contents()
    except Exception:  # noqa: BLE001
        return None
    return value if isinstance(value, (str, int)) else None


def _hf_id(url: Any) -> str | None:
    if not isinstance(url, str):
        return None
    lowered = url.lower()
    if "huggingface.co/" not in lowered and "hf.co/" not in lowered:
        return None
    tail = url.split("huggingface.co/" if "huggingface.co/" in lowered else "hf.co/", 1)[-1]
    return normalise("/".join(tail.split("/")[:2]))


# --- safetensors --------------------------------------------------------------------------------


def read_safetensors(path: Path, rel: str, data: bytes | None, found: Found) -> None:
    """The JSON header's `__metadata__` (string to string): `license`, `base_model` if written."""
    try:
        with open(path, "rb") as stream:
            size_bytes = stream.read(8)
            size = int.from_bytes(size_bytes, "little") if len(size_bytes) == 8 else -1
            if not 0 < size <= _MAX_SAFETENSORS_HEADER:
                found.problems.append(ScanProblem(rel, "not read: bad safetensors header"))
                return
            header = json.loads(stream.read(size).decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        found.problems.append(ScanProblem(rel, "not read: bad safetensors header"))
        return
    meta = header.get("__metadata__") if isinstance(header, dict) else None
    if not isinstance(meta, dict):
        return
    licenses = _strings(meta.get("license"))
    base = _text(meta.get("base_model"))
    bases = (normalise(base) or base,) if base else ()
    if licenses or bases:
        found.cards.append(
            ModelCard(
                model_id=_owner(rel),
                evidence=Evidence(rel, 0, "model-card"),
                licenses=licenses,
                base_models=bases,
            )
        )
