"""Lineage without the catalog: licenses a model inherits through `base_model` (DESIGN.md §7).

A model the catalog does not know may still name its base in a model card (`base_model`,
`base_model_relation`) or a GGUF header (`general.base_model.N.*`) that `check --scan` found.
Following those names hop by hop to catalog models tells which licenses reach it: a finetune,
an adapter, a quantization and a merge all carry their bases' licenses (a merge every parent's).

Every card is written by whoever opens the pull request, so lineage may only ADD obligations:

- the licenses a model ends up under are everything its bases carry plus everything any card on
  the way claims; a card (or the manifest) claiming less than its bases carry is a conflict, and
  the claim never replaces what is inherited;
- a chain that loops, runs longer than MAX_HOPS, or reaches a model neither the catalog nor any
  found card can place resolves nothing (the model stays unknown, and a loop or an overlong
  chain is a conflict of its own);
- the graph is walked without recursion and with every node visited once, so a hostile web of
  merges cannot blow up the run.

One record per manifest model the catalog does not know and some card names a base for, in
`input.scan.lineage` under the model's lowercased id::

    {"id": "acme/Llama-3.1-8B-Support", "resolved": true, "problem": "", "kind": "",
     "licenses": ["llama3.1"], "roots": ["meta-llama/Llama-3.1-8B-Instruct"],
     "chain": "acme/Llama-3.1-8B-Support (finetune of meta-llama/..., from its model card at ...)",
     "conflicts": [{"message": ..., "evidence": {...}}], "evidence": {...}}
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import PurePosixPath
from typing import Any

from licensegate.scan.check_input import (
    ScanFacts,
    _card_licenses,
    _location,
    clean_text,
    model_id,
)
from licensegate.scan.evidence import Evidence, ModelCard
from licensegate.scan.hub import HUB_PREFIX

MAX_HOPS = 16
"""Longest base_model chain followed; a longer one resolves nothing (and is a conflict)."""
MAX_CHAIN_SHOWN = 6
"""Hops spelled out in a finding's chain; the rest are counted."""
MAX_CHAIN_TEXT = 1000
"""Longest chain text (characters); a longer one ends in an ellipsis."""

_PHRASE = {
    "finetune": "finetune of",
    "adapter": "adapter on",
    "quantized": "quantized from",
    "merge": "merge of",
}


Fetch = Callable[[str], list[ModelCard]]
"""Cards for a model id from elsewhere than the scan (licensegate.scan.hub); [] when none."""


def _where(evidence: Evidence, root: str) -> dict[str, Any]:
    """Where a card was read: in the scanned folder, or on the Hub (`--hub`), as is."""
    if evidence.path.startswith(HUB_PREFIX):
        line = max(evidence.line, 0)
        return {"path": clean_text(evidence.path), "line": line, "kind": "model-card"}
    return _location(evidence, root)


class _Cards:
    """Cards by the model they describe.

    A card in the Hugging Face cache (or a GGUF header with a source URL) names its model id. A
    card in a plain folder is named `./folder`; it describes `org/name` when the folder path ends
    in `org/name`, or in `name` (a GGUF file: its name without `.gguf`).
    """

    def __init__(self, cards: Iterable[ModelCard], fetch: Fetch | None = None) -> None:
        self.fetch = fetch
        self.by_id: dict[str, list[ModelCard]] = {}
        self.by_pair: dict[str, list[ModelCard]] = {}
        self.by_name: dict[str, list[ModelCard]] = {}
        for card in cards:
            if card.model_id.startswith("./"):
                parts = PurePosixPath(card.model_id[2:]).parts
                if not parts:
                    continue
                last = parts[-1].removesuffix(".gguf").lower()
                self.by_name.setdefault(last, []).append(card)
                if len(parts) >= 2:
                    pair = f"{parts[-2]}/{parts[-1]}".lower()
                    self.by_pair.setdefault(pair, []).append(card)
            else:
                self.by_id.setdefault(model_id(card.model_id).lower(), []).append(card)

    def of(self, key: str, name: str | None = None) -> list[ModelCard]:
        found = [*self.by_id.get(key, []), *self.by_pair.get(key, [])]
        if "/" in key:
            found += self.by_name.get(key.split("/", 1)[1], [])
        if not found and self.fetch is not None:
            # NOTE: the repository's own cards come first; the Hub only fills the gaps.
            found = self.fetch(name or key)
        unique: list[ModelCard] = []
        for card in found:
            if card not in unique:
                unique.append(card)
        return unique


def scan_document(facts: ScanFacts, data: Mapping[str, Any]) -> dict[str, Any]:
    """`input.scan` for one manifest: the scan, and the lineage of its uncatalogued models."""
    if facts.catalog is None:
        return facts.document
    records = lineage(
        facts.cards,
        facts.catalog,
        [model["id"] for model in data["models"]],
        root=facts.document["root"],
        fetch=facts.fetch,
    )
    return {**facts.document, "lineage": records}


def lineage(
    cards: Sequence[ModelCard],
    catalog: Mapping[str, Mapping[str, Any]],
    model_ids: Iterable[str],
    *,
    root: str,
    fetch: Fetch | None = None,
) -> dict[str, dict[str, Any]]:
    """`input.scan.lineage` for the manifest's ``model_ids``; ``root``: the scanned folder shown.

    ``fetch`` (`--hub`): cards for an id no card in the scan describes.
    """
    index = _Cards(cards, fetch)
    records: dict[str, dict[str, Any]] = {}
    for raw in model_ids:
        key = raw.lower()
        if key in catalog or key in records:
            continue
        own = index.of(key, raw)
        if not any(str(base).strip() for card in own for base in card.base_models):
            continue
        records[key] = _Walk(key, raw, index, catalog, root).record()
    return records


class _Walk:
    """The base_model graph above one model, and what it says about the model's licenses."""

    def __init__(
        self,
        key: str,
        shown: str,
        index: _Cards,
        catalog: Mapping[str, Mapping[str, Any]],
        root: str,
    ) -> None:
        self.key, self.shown, self.catalog, self.root = key, shown, catalog, root
        self.cards: dict[str, list[ModelCard]] = {}
        self.parents: dict[str, list[str]] = {}
        self.names: dict[str, str] = {key: shown}
        self.depth: dict[str, int] = {key: 0}
        self.problem, self.kind = "", ""
        self._collect(index)

    def _collect(self, index: _Cards) -> None:
        """Breadth first from the model: each node once, never deeper than MAX_HOPS + 1."""
        queue = deque([self.key])
        while queue:
            node = queue.popleft()
            if node in self.catalog:
                continue
            own = index.of(node, self.names.get(node))
            self.cards[node] = own
            parents: list[str] = []
            for card in own:
                for base in card.base_models:
                    if not str(base).strip():
                        continue
                    name = model_id(str(base))
                    parent = name.lower()
                    self.names.setdefault(parent, name)
                    if parent not in parents:
                        parents.append(parent)
            self.parents[node] = parents
            for parent in parents:
                if parent not in self.depth:
                    self.depth[parent] = self.depth[node] + 1
                    if self.depth[parent] <= MAX_HOPS + 1:
                        queue.append(parent)

    def _order(self) -> list[str] | None:
        """Walked nodes with every base before what is built on it; None when there is a loop."""
        nodes = list(self.parents)
        pending = {node: sum(1 for p in self.parents[node] if p in self.parents) for node in nodes}
        children: dict[str, list[str]] = {}
        for node in nodes:
            for parent in self.parents[node]:
                children.setdefault(parent, []).append(node)
        ready = deque(node for node in nodes if pending[node] == 0)
        order: list[str] = []
        while ready:
            node = ready.popleft()
            order.append(node)
            for child in children.get(node, []):
                pending[child] -= 1
                if pending[child] == 0:
                    ready.append(child)
        return order if len(order) == len(nodes) else None

    def _loop(self) -> list[str]:
        """One loop in the walked graph, for the message (depth first, without recursion)."""
        state: dict[str, int] = {}  # 1: on the current path, 2: done
        path: list[str] = []
        stack: list[tuple[str, Iterator[str]]] = [(self.key, iter(self.parents[self.key]))]
        state[self.key], path = 1, [self.key]
        while stack:
            node, parents = stack[-1]
            parent = next((p for p in parents if p in self.parents), None)
            if parent is None:
                state[node] = 2
                stack.pop()
                path.pop()
            elif state.get(parent) == 1:
                return [*path[path.index(parent) :], parent]
            elif parent not in state:
                state[parent] = 1
                path.append(parent)
                stack.append((parent, iter(self.parents[parent])))
        return path

    def record(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "id": self.shown,
            "resolved": False,
            "kind": "",
            "problem": "",
            "licenses": [],
            "roots": [],
            "chain": self._chain(),
            "conflicts": [],
            "evidence": self._evidence(self.key),
        }
        order = self._order()
        if order is None:
            loop = " -> ".join(self.names.get(node, node) for node in self._loop())
            return record | {
                "kind": "cycle",
                "problem": f"the base_model chain of {self.shown} loops ({clean_text(loop)})",
            }
        deepest = max(self.depth.values())
        if deepest > MAX_HOPS:
            return record | {
                "kind": "too-long",
                "problem": f"the base_model chain of {self.shown} is longer than {MAX_HOPS} hops",
            }
        licenses: dict[str, set[str]] = {}
        conflicts: list[dict[str, Any]] = []
        for node in order:
            if not self.parents[node]:
                # NOTE: a model no card names a base for is a dead end, never a root: only the
                # catalog can end a chain (its card would be the pull request's word alone).
                return record | {"kind": "unknown-base", "problem": self._dead_end(node)}
            inherited: set[str] = set()
            for parent in self.parents[node]:
                if parent in self.catalog:
                    inherited |= {str(x).lower() for x in self.catalog[parent].get("licenses", [])}
                elif parent in licenses:
                    inherited |= licenses[parent]
                else:
                    return record | {"kind": "unknown-base", "problem": self._dead_end(parent)}
            claimed: set[str] = set()
            for card in self.cards[node]:
                stated = set(_card_licenses(card))
                claimed |= stated
                if stated and not inherited <= stated:
                    conflicts.append(self._conflict(node, card, stated, inherited))
            licenses[node] = inherited | claimed
        if not licenses[self.key]:
            # NOTE: catalog rows always carry licenses; this keeps an empty row from placing.
            return record | {"kind": "unknown-base", "problem": "its lineage carries no license"}
        roots = sorted(
            {self.names[p] for node in order for p in self.parents[node] if p in self.catalog}
        )
        return record | {
            "resolved": True,
            "licenses": sorted(licenses[self.key]),
            "roots": roots,
            "conflicts": conflicts,
        }

    def _dead_end(self, node: str) -> str:
        return (
            f"its base_model chain reaches {self.names.get(node, node)}, which neither the "
            "catalog nor a model card found by the scan can place"
        )

    def _conflict(
        self, node: str, card: ModelCard, stated: set[str], inherited: set[str]
    ) -> dict[str, Any]:
        where = _where(card.evidence, self.root)
        place = f"{where['path']}:{where['line']}" if where["line"] else where["path"]
        name = self.names.get(node, node)
        bases = ", ".join(self.names.get(p, p) for p in self.parents[node])
        return {
            "message": (
                f"{place} says {name} is under {', '.join(sorted(stated))}, but it is "
                f"{self._phrase(card)} {bases}, which carry {', '.join(sorted(inherited))}: a "
                "model card can add licenses to what a model inherits, never replace them"
            ),
            "evidence": where,
        }

    @staticmethod
    def _phrase(card: ModelCard) -> str:
        return _PHRASE.get(card.relation or "", "derived from")

    def _evidence(self, node: str) -> dict[str, Any]:
        own = [card for card in self.cards.get(node, []) if card.base_models]
        if not own:
            return {"path": "the scanned folder", "line": 0, "kind": "model-card"}
        return _where(own[0].evidence, self.root)

    def _chain(self) -> str:
        """Which way the licenses came: one `id (relation bases, from ... at place)` per hop."""
        hops: list[str] = []
        for node, parents in self.parents.items():
            own = [card for card in self.cards.get(node, []) if card.base_models]
            if not own:
                continue
            card = own[0]
            where = _where(card.evidence, self.root)
            place = f"{where['path']}:{where['line']}" if where["line"] else where["path"]
            source = "GGUF header" if card.evidence.kind == "gguf" else "model card"
            bases = ", ".join(self.names.get(p, p) for p in parents)
            hops.append(
                f"{self.names.get(node, node)} ({self._phrase(card)} {bases}, "
                f"from its {source} at {place})"
            )
        more = len(hops) - MAX_CHAIN_SHOWN
        # NOTE: names and places are cleaned one by one (model_id, _where); the whole is cut
        # too, since a merge can name dozens of bases and the chain ends every finding.
        text = "; ".join(hops[:MAX_CHAIN_SHOWN]) + (f"; and {more} more hops" if more > 0 else "")
        return text if len(text) <= MAX_CHAIN_TEXT else text[: MAX_CHAIN_TEXT - 1] + "\u2026"
