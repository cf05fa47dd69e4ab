"""A scan as the policies see it: `input.scan` for `check --scan` (DESIGN.md §7).

Everything in a ScanResult came from the repository, which the pull request's author controls:
file names, model ids and model-card fields are hostile. So what reaches the policies and the
report is checked and bounded here, once:

- a model id counts only in Hugging Face syntax (`org/name`, ASCII after NFKC); anything else the
  walker calls an id is kept, escaped, so it still fails as undeclared instead of vanishing;
- paths and expressions lose their control characters (shown as ``\\xNN``) and are cut to a
  fixed length, so no message can break a line, start a workflow command or drive a terminal;
- references are grouped per model (case-insensitively, as the Hub resolves ids) with a bounded
  list of evidence; a scan with more distinct models or cards than the input can carry is an
  error (exit 2), never a silent truncation that could drop the one undeclared model.

`input.scan` shape (the Rego in policies/licensegate/main reads `models` and `cards`)::

    {"root": ".",
     "models": [{"id": "meta-llama/Llama-3.1-8B", "key": "meta-llama/llama-3.1-8b",
                 "evidence": [{"path": "app/serve.py", "line": 12, "kind": "python"}],
                 "evidence_count": 1}],
     "cards": [{"id": ..., "key": ..., "licenses": ["llama3.1"], "base_models": [...],
                "evidence": {"path": ..., "line": ..., "kind": "model-card"}}]}
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from licensegate.errors import LicensegateError
from licensegate.escape import terminal
from licensegate.manifest import Manifest
from licensegate.report import ReportWarning
from licensegate.scan.evidence import Evidence, ModelCard, ScanResult

MAX_MODELS = 2000
"""Distinct model ids one scan may hand to the policies; more is an error, not a cut."""
MAX_CARDS = 2000
"""Model cards (and GGUF headers) one scan may hand to the policies."""
MAX_EVIDENCE = 20
"""Places kept per model; `evidence_count` still says how many there were."""
MAX_TEXT = 300
"""Longest path, expression or card field kept (characters); longer ones end in an ellipsis."""
MAX_LIST = 32
"""Licenses or base models one card may state; more is an error."""
MAX_UNREAD = 10
"""Unresolved references and unreadable files named in the scan-incomplete warning."""

# Hugging Face repository ids, as schemas/manifest.schema.json checks models[].id.
_MODEL_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")
_ID_LIMIT = 200
# Hugging Face license identifiers (lowercase); anything else is kept, escaped, and can only
# disagree with the manifest.
_LICENSE_ID = re.compile(r"^[a-z0-9][a-z0-9.+_-]*$")


class ScanInputError(LicensegateError):
    """A scan too large or too strange to hand to the policies (exit 2)."""


def clean_text(value: object) -> str:
    """A repository string made safe for any report: controls escaped, length bounded."""
    text = terminal(str(value))
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "\u2026"


def model_id(raw: str) -> str:
    """The id as it will be compared and shown: NFKC form when it is a Hugging Face id.

    A string that is not one (control characters, spaces, another script) is escaped instead:
    it still names something the repository loads, so it must still fail as undeclared.
    """
    folded = unicodedata.normalize("NFKC", raw)
    if len(folded) <= _ID_LIMIT and _MODEL_ID.match(folded):
        return folded
    return clean_text(raw)


def _shown_path(path: str, root: str) -> str:
    """A scanned path as the user can open it from where `check` ran (the root joined)."""
    path = str(path).replace("\\", "/")
    if root not in ("", "."):
        path = posixpath.normpath(posixpath.join(root.replace("\\", "/"), path))
    return clean_text(path)


def _location(evidence: Evidence, root: str) -> dict[str, Any]:
    """Where to look: path, line (0 when the file has no lines, e.g. GGUF) and kind."""
    line = evidence.line
    line = line if isinstance(line, int) and not isinstance(line, bool) and line > 0 else 0
    return {
        "path": _shown_path(evidence.path, root),
        "line": line,
        "kind": clean_text(evidence.kind),
    }


def _display_root(root: str) -> str:
    """The scanned root relative to the working directory when it is inside it."""
    path = Path(root)
    if not path.is_absolute():
        return path.as_posix()
    # NOTE: the walker gives the root as a real path; the working folder may be a symlink.
    for here in (Path.cwd(), Path.cwd().resolve()):
        if path.is_relative_to(here):
            return path.relative_to(here).as_posix() or "."
    return path.as_posix()


def _bounded(items: Sequence[Any], limit: int, what: str) -> Sequence[Any]:
    if len(items) > limit:
        raise ScanInputError(
            f"the scan found {len(items)} {what}, more than the {limit} `check --scan` can "
            "judge at once; scan a smaller folder"
        )
    return items


def _card_licenses(card: ModelCard) -> list[str]:
    """The license ids the card claims; `other` stands for its `license_name`.

    `other` without a name claims nothing comparable, so it is left out (the card is silent).
    """
    claimed: list[str] = []
    for raw in _bounded(card.licenses, MAX_LIST, "licenses on one model card"):
        value = str(raw).strip()
        if value.lower() == "other":
            if card.license_name:
                value = str(card.license_name).strip()
            else:
                continue
        lowered = value.lower()
        claimed.append(lowered if _LICENSE_ID.match(lowered) else clean_text(value))
    return sorted(set(claimed))


def scan_input(scan: ScanResult, *, root: str | None = None) -> dict[str, Any]:
    """`input.scan` for the policies. ``root``: how to show the scanned folder (default its own)."""
    shown_root = _display_root(root if root is not None else scan.root)
    grouped: dict[str, dict[str, Any]] = {}
    places: dict[str, list[Evidence]] = {}
    for reference in sorted(scan.references):
        if reference.model_id is None:
            continue
        name = model_id(reference.model_id)
        key = name.lower()
        if key not in grouped:
            grouped[key] = {"id": name, "key": key}
            places[key] = []
        places[key].append(reference.evidence)
    _bounded(list(grouped), MAX_MODELS, "distinct models")
    models = []
    for key in sorted(grouped):
        found = sorted(set(places[key]))
        entry = grouped[key]
        entry["evidence"] = [_location(item, shown_root) for item in found[:MAX_EVIDENCE]]
        entry["evidence_count"] = len(found)
        models.append(entry)
    cards = []
    for card in sorted(
        _bounded(scan.cards, MAX_CARDS, "model cards"), key=lambda c: (c.evidence, c.model_id)
    ):
        name = model_id(card.model_id)
        bases = _bounded(card.base_models, MAX_LIST, "base models on one model card")
        cards.append(
            {
                "id": name,
                "key": name.lower(),
                "licenses": _card_licenses(card),
                "base_models": [model_id(str(base)) for base in bases],
                "evidence": _location(card.evidence, shown_root),
            }
        )
    return {"root": clean_text(shown_root), "models": models, "cards": cards}


def seen_ids(scan: Mapping[str, Any]) -> frozenset[str]:
    """Lowercased ids of every model the scan saw a trace of: references and cards."""
    return frozenset(item["key"] for item in [*scan["models"], *scan["cards"]])


def unread_parts(scan: ScanResult, *, root: str | None = None) -> list[str]:
    """What the scan could not read, for a warning: unresolved references, then problems."""
    shown_root = _display_root(root if root is not None else scan.root)
    parts: list[str] = []
    for reference in sorted(scan.references):
        if reference.model_id is None:
            where = _location(reference.evidence, shown_root)
            expression = clean_text(reference.expression or "a dynamic value")
            parts.append(f"{where['path']}:{where['line']} ({expression})")
    parts.extend(
        f"{_shown_path(problem.path, shown_root)} ({clean_text(problem.message)})"
        for problem in scan.problems
    )
    return parts


def summarise(parts: Iterable[str]) -> str:
    """At most MAX_UNREAD items, then how many more."""
    items = list(parts)
    shown = "; ".join(items[:MAX_UNREAD])
    more = len(items) - MAX_UNREAD
    return shown + (f"; and {more} more" if more > 0 else "")


@dataclass(frozen=True)
class ScanFacts:
    """A scan made ready for `check`: `input.scan`, and what it could not read."""

    document: dict[str, Any]
    unread: tuple[str, ...] = ()
    source: str = ""
    """What was read, for warnings: "the scan of ROOT", "the BOM FILE", or both."""
    cards: tuple[ModelCard, ...] = ()
    catalog: Mapping[str, Mapping[str, Any]] | None = None
    fetch: Callable[[str], list[ModelCard]] | None = None

    @classmethod
    def of(
        cls,
        scan: ScanResult,
        *,
        root: str | None = None,
        catalog: Mapping[str, Mapping[str, Any]] | None = None,
        fetch: Callable[[str], list[ModelCard]] | None = None,
    ) -> ScanFacts:
        """Checked and bounded once per run; raises ScanInputError (exit 2) when too large.

        With the ``catalog``, each manifest's input can also get the lineage of the models the
        catalog does not know (licensegate.scan.lineage.scan_document); ``fetch`` (`--hub`)
        supplies cards the scan did not find.
        """
        document = scan_input(scan, root=root)
        parts = [f"the scan of {document['root']}"] if scan.root != "" else []
        if scan.boms:
            names = ", ".join(clean_text(name) for name in scan.boms)
            parts.append(f"the BOM{'s' if len(scan.boms) > 1 else ''} {names}")
        return cls(
            document,
            tuple(unread_parts(scan, root=root)),
            " and ".join(parts),
            scan.cards,
            catalog,
            fetch,
        )

    def warnings(self, data: Mapping[str, Any], manifest: Manifest) -> list[ReportWarning]:
        """Listed models the scan never saw (model-not-found), and what it could not read.

        Warnings, not failures: a model can be loaded from somewhere the scan cannot see (a
        path built at run time, another repository), but the reviewer should know.
        """
        seen = seen_ids(self.document)
        source = self.source or f"the scan of {self.document['root']}"
        warnings = [
            ReportWarning(
                "model-not-found",
                f"{model['id']} is listed, but {source} found no trace of it; remove "
                "it if the deployment no longer uses it, or check where it is loaded",
                manifest.line_of(("models", index, "id")),
            )
            for index, model in enumerate(data["models"])
            if model["id"].lower() not in seen
        ]
        if self.unread:
            warnings.append(
                ReportWarning(
                    "scan-incomplete",
                    f"{source} could not read {len(self.unread)} model reference(s) "
                    f"or file(s), so a model there may be missing from the manifest: "
                    f"{summarise(self.unread)}",
                )
            )
        return warnings
