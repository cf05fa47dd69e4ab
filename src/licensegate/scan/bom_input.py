"""A CycloneDX JSON BOM as the list of models a repository uses (`check --bom FILE`, DESIGN.md §7).

The BOM (from syft, cdxgen, `licensegate scan --format cyclonedx`, or anyone) becomes a
ScanResult, and `check` then holds the manifest to it exactly as to `check --scan`: a model in
the BOM that the manifest does not list is `licensegate:undeclared-model`, a listed model the BOM
never names is a `model-not-found` warning. No Rego of its own.

Which components are models: a component (at any depth, and the BOM's `metadata.component`) whose
`type` is `machine-learning-model`, or whose purl is `pkg:huggingface/...`. Everything else
(libraries, files, containers, datasets) is ignored. A model's id is the purl's
`namespace/name` (its `version`, a Hub revision, is kept), else `group/name`, else `name`, each
normalised as the scan normalises ids (licensegate.scan.ids: `hf.co/` URLs, NFKC). A model whose
name is not a Hugging Face id is still a model: it keeps its name and fails as undeclared unless
the manifest lists it (as a derived model, for a local one).

A component that licensegate's own BOM shows only in model cards (every evidence occurrence has
`additionalContext: model-card`) is a card, not a use, as it is to `check --scan`.

What the BOM declares about a model counts like a model card: its non-`concluded` licenses and
its `pedigree.ancestors` become a card, so a BOM that puts a listed model under another license
than the manifest is `licensegate:license-conflict`, never a quiet pass. `concluded` licenses
are someone's verdict, not a fact about the model, and are not read.

The BOM is hostile input: at most MAX_BYTES, nesting at most MAX_DEPTH, at most MAX_COMPONENTS
components; anything malformed is a BomError (exit 2, one line naming the file). The evidence of
every model is the BOM file itself (kind `bom`), at the line that first writes its purl or name
(0 when none does), so annotations land near it.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from licensegate.errors import LicensegateError
from licensegate.scan.evidence import Evidence, ModelCard, ModelReference, ScanResult
from licensegate.scan.ids import normalise

MAX_BYTES = 32 * 1024 * 1024
"""Largest BOM read; syft's BOM of a large container image is a few MiB."""
MAX_DEPTH = 64
"""Deepest nesting of JSON arrays and objects; CycloneDX documents need about 10."""
MAX_COMPONENTS = 100_000
"""Components (at every depth) one BOM may hold."""
MAX_TEXT = 1000
"""Longest id, name, purl or license read from a component; longer ones are an error."""


class BomError(LicensegateError):
    """A BOM that cannot be read as a CycloneDX JSON document (exit 2)."""


def _fail(path: str, message: str) -> BomError:
    return BomError(f"{path}: {message}")


def _read_text(path: Path) -> str:
    """The file's text, refusing a non-file and anything past MAX_BYTES before reading it all."""
    from licensegate.safe_read import UnsafeRead, read_file

    shown = str(path)
    try:
        # NOTE: the BOM is named on the command line, so it may be anywhere; it is still read
        # as manifests are: a regular file, without blocking (a FIFO cannot hang the check).
        data = read_file(path, root=Path(os.path.realpath(path)).parent, limit=MAX_BYTES)
    except UnsafeRead as err:
        if "too large" in str(err):
            raise _fail(shown, f"the BOM is larger than {MAX_BYTES // (1024 * 1024)} MiB") from None
        raise _fail(shown, f"the BOM {err}") from None
    except OSError as err:
        raise _fail(shown, f"cannot read the BOM: {err.strerror or err}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise _fail(shown, f"the BOM is not UTF-8 (byte {err.start})") from None


def _check_depth(document: Any, shown: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH, so no reader after this one recurses far.

    json's C parser refuses far deeper input itself (RecursionError, caught in `load`); this
    iterative walk bounds what is left.
    """
    pending: list[tuple[Any, int]] = [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if depth > MAX_DEPTH:
            raise _fail(shown, f"the BOM nests deeper than {MAX_DEPTH} levels")
        if isinstance(value, dict):
            pending.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            pending.extend((item, depth + 1) for item in value)


def _reject_constant(value: str) -> Any:
    raise ValueError(f"{value} is not JSON")


def load(path: Path) -> dict[str, Any]:
    """The BOM as a JSON object, bounded and checked to be CycloneDX."""
    return _parse(path)[0]


def _parse(path: Path) -> tuple[dict[str, Any], str]:
    """The BOM as a JSON object, and its text."""
    shown = str(path)
    text = _read_text(path)
    try:
        document = json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise _fail(shown, f"the BOM nests deeper than {MAX_DEPTH} levels") from None
    except ValueError as err:
        where = f" (line {err.lineno})" if isinstance(err, json.JSONDecodeError) else ""
        raise _fail(shown, f"not a JSON document{where}") from None
    _check_depth(document, shown)
    if not isinstance(document, dict) or document.get("bomFormat") != "CycloneDX":
        raise _fail(shown, 'not a CycloneDX BOM (no "bomFormat": "CycloneDX")')
    if not isinstance(document.get("specVersion"), str):
        raise _fail(shown, 'not a CycloneDX BOM (no "specVersion")')
    return document, text


def _components(document: dict[str, Any], shown: str) -> Iterator[dict[str, Any]]:
    """Every component: metadata.component, then components[] depth first (nested ones too)."""
    pending: list[Any] = []
    metadata = document.get("metadata")
    if isinstance(metadata, dict) and metadata.get("component") is not None:
        pending.append(metadata["component"])
    top = document.get("components", [])
    if not isinstance(top, list):
        raise _fail(shown, '"components" is not a list')
    pending.extend(reversed(top))
    seen = 0
    while pending:
        component = pending.pop()
        if not isinstance(component, dict):
            raise _fail(shown, "a component is not an object")
        seen += 1
        if seen > MAX_COMPONENTS:
            raise _fail(shown, f"the BOM has more than {MAX_COMPONENTS} components")
        nested = component.get("components", [])
        if not isinstance(nested, list):
            raise _fail(shown, 'a component\'s "components" is not a list')
        pending.extend(reversed(nested))
        yield component


def _text(component: dict[str, Any], key: str, shown: str) -> str | None:
    value = component.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise _fail(
            shown, f'a component\'s "{key}" is not a string of at most {MAX_TEXT} characters'
        )
    return value


def _huggingface_purl(purl: str, shown: str) -> tuple[str, str | None]:
    """(`namespace/name`, version) of a `pkg:huggingface/...` purl; unreadable is an error."""
    from packageurl import PackageURL

    try:
        parsed = PackageURL.from_string(purl)
    except ValueError:
        raise _fail(shown, "a pkg:huggingface purl cannot be read") from None
    name = f"{parsed.namespace}/{parsed.name}" if parsed.namespace else parsed.name
    return name, parsed.version or None


def _model_id(component: dict[str, Any], shown: str) -> tuple[str, str | None] | None:
    """(id, revision) when the component is a model, else None."""
    purl = component.get("purl")
    # NOTE: only Hugging Face purls are read (and checked): a syft BOM holds thousands of others.
    kind = (
        purl[4:].lstrip("/").lower() if isinstance(purl, str) and purl[:4].lower() == "pkg:" else ""
    )
    from_purl = None
    if kind.startswith("huggingface/"):
        from_purl = _huggingface_purl(_text(component, "purl", shown) or "", shown)
    if component.get("type") != "machine-learning-model" and from_purl is None:
        return None
    if from_purl is not None:
        raw, revision = from_purl
    else:
        name = _text(component, "name", shown) or ""
        group = _text(component, "group", shown)
        raw = f"{group}/{name}" if group else name
        revision = None
    if not raw.strip():
        raise _fail(shown, "a machine-learning-model component has no name")
    return normalise(raw) or raw.strip(), revision


def _declared_licenses(component: dict[str, Any], shown: str) -> tuple[str, ...]:
    """License ids or names the component declares (not `concluded` ones); expressions as is."""
    found: list[str] = []
    entries = component.get("licenses", [])
    if not isinstance(entries, list):
        raise _fail(shown, 'a component\'s "licenses" is not a list')
    for entry in entries:
        if not isinstance(entry, dict):
            raise _fail(shown, "a license entry is not an object")
        if "expression" in entry:
            if entry.get("acknowledgement") != "concluded":
                found.append(_text(entry, "expression", shown) or "")
            continue
        license_ = entry.get("license")
        if not isinstance(license_, dict):
            raise _fail(shown, "a license entry has no license object")
        if license_.get("acknowledgement") == "concluded":
            continue
        value = _text(license_, "id", shown) or _text(license_, "name", shown)
        if value:
            found.append(value)
    return tuple(dict.fromkeys(x.strip().lower() for x in found if x.strip()))


def _ancestors(component: dict[str, Any], shown: str) -> tuple[str, ...]:
    pedigree = component.get("pedigree")
    if not isinstance(pedigree, dict):
        return ()
    ancestors = pedigree.get("ancestors", [])
    if not isinstance(ancestors, list):
        raise _fail(shown, '"pedigree.ancestors" is not a list')
    found = []
    for ancestor in ancestors:
        if not isinstance(ancestor, dict):
            raise _fail(shown, "an ancestor is not an object")
        model = _model_id(ancestor, shown)
        if model is not None:
            found.append(model[0])
    return tuple(dict.fromkeys(found))


def _only_described(component: dict[str, Any]) -> bool:
    """Whether licensegate's own BOM says the model is only described by a card, never loaded.

    `licensegate scan` writes each place as an occurrence whose `additionalContext` is its kind;
    a model seen only in model cards (a local folder's README) is a card to `check --scan`, not
    a reference, and the BOM must judge the same. Any other occurrence, or none, is a use.
    """
    evidence = component.get("evidence")
    occurrences = evidence.get("occurrences") if isinstance(evidence, dict) else None
    if not isinstance(occurrences, list) or not occurrences:
        return False
    return all(
        isinstance(item, dict) and item.get("additionalContext") == "model-card"
        for item in occurrences
    )


# `"purl": "..."` and `"name": "..."` as a BOM writes them; the value is kept JSON-escaped.
_NAMED = re.compile(r'"(purl|name)"\s*:\s*"((?:[^"\\\n]|\\.)*)"')


class _Lines:
    """Where the BOM first writes each purl and name, found in one pass over its text.

    One pass, not a search per model: a hostile BOM with thousands of model components whose
    strings are written escaped would otherwise cost a full search of 32 MiB each.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._first: dict[tuple[str, str], int] | None = None

    def of(self, component: dict[str, Any]) -> int:
        """The line of the component's purl (or name); 0 when it is not written plainly."""
        if self._first is None:
            self._first = {}
            for match in _NAMED.finditer(self._text):
                self._first.setdefault((match.group(1), match.group(2)), match.start())
        for key in ("purl", "name"):
            value = component.get(key)
            if isinstance(value, str) and value:
                written = json.dumps(value, ensure_ascii=False)[1:-1]
                offset = self._first.get((key, written))
                if offset is not None:
                    return self._text.count("\n", 0, offset) + 1
        return 0


def read(path: Path, *, evidence_path: str | None = None) -> ScanResult:
    """The models the BOM at ``path`` lists, as a scan would report them.

    ``evidence_path``: how evidence names the file (default: ``path`` as given).
    """
    shown = str(path)
    document, text = _parse(path)
    lines = _Lines(text)
    file = evidence_path if evidence_path is not None else path.as_posix()
    references: dict[tuple[str, str | None], ModelReference] = {}
    cards: list[ModelCard] = []
    for component in _components(document, shown):
        model = _model_id(component, shown)
        if model is None:
            continue
        model_id, revision = model
        where = Evidence(file, lines.of(component), "bom")
        if not _only_described(component):
            references.setdefault(
                (model_id, revision), ModelReference(where, model_id, revision=revision)
            )
        licenses = _declared_licenses(component, shown)
        bases = _ancestors(component, shown)
        if licenses or bases:
            cards.append(ModelCard(model_id, where, licenses=licenses, base_models=bases))
    return ScanResult(
        root="",
        references=tuple(sorted(references.values())),
        cards=tuple(cards),
        boms=(shown,),
    )


def combine(scan: ScanResult | None, boms: list[ScanResult]) -> ScanResult | None:
    """One ScanResult from `--scan` and every `--bom`: what any of them saw counts."""
    parts = ([scan] if scan is not None else []) + boms
    if not parts:
        return None
    return ScanResult(
        root=scan.root if scan is not None else "",
        references=tuple(sorted(r for part in parts for r in part.references)),
        cards=tuple(c for part in parts for c in part.cards),
        problems=tuple(p for part in parts for p in part.problems),
        boms=tuple(name for part in parts for name in part.boms),
    )
