"""`check --scan DIR --hub`: model cards the scan did not find, fetched from the Hugging Face Hub.

Opt-in only (DESIGN.md §7: the default is offline). A card is fetched through huggingface_hub,
which keeps it in the local Hugging Face cache, so a second run reads it from disk. What comes
back is hostile like any card: it is parsed by the same bounded reader as a card in the
repository, and lineage treats it the same way (it can only add licenses).

- only Hugging Face ids (`org/name`) are ever asked for, never a path or a URL;
- at most MAX_FETCHES cards per run, each at most MAX_CARD_BYTES; past the cap, or when the Hub
  cannot answer, the model simply has no card, so its chain stays unresolved (fail closed).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path

from licensegate.errors import LicensegateError
from licensegate.scan.evidence import Evidence, ModelCard, ScanProblem

MAX_FETCHES = 64
"""Cards fetched per run; more models than this stay without a card (and so unresolved)."""
MAX_CARD_BYTES = 1024 * 1024
"""Largest model card read; a bigger one counts as no card."""

HUB_PREFIX = "https://huggingface.co/"


def download_card(model_id: str) -> bytes | None:
    """The README.md of a Hub model, through the local Hugging Face cache; None when unavailable."""
    # NOTE: imported only for --hub, so neither `check` nor `scan` loads it otherwise.
    from huggingface_hub import hf_hub_download

    try:
        path = Path(hf_hub_download(repo_id=model_id, filename="README.md", repo_type="model"))
        with path.open("rb") as handle:
            data = handle.read(MAX_CARD_BYTES + 1)
    except Exception:  # noqa: BLE001 - offline, gated, missing: the model has no card, fail closed
        return None
    return data if len(data) <= MAX_CARD_BYTES else None


_DOWNLOAD = download_card


class HubUnavailable(LicensegateError):
    """--hub without huggingface_hub installed (exit 2)."""


class HubCards:
    """Fetches model cards by id, each once, at most MAX_FETCHES per run."""

    def __init__(self, download: Callable[[str], bytes | None] | None = None) -> None:
        # NOTE: looked up per call unless given, so tests can replace download_card.
        self._download = download
        if download is None and download_card is _DOWNLOAD and find_spec("huggingface_hub") is None:
            raise HubUnavailable(
                "--hub needs huggingface_hub: pip install 'licensegate[hub]' (or huggingface-hub)"
            )
        self._cards: dict[str, list[ModelCard]] = {}
        self.problems: list[ScanProblem] = []

    def __call__(self, model_id: str) -> list[ModelCard]:
        from licensegate.scan.check_input import _MODEL_ID

        key = model_id.lower()
        if key in self._cards:
            return self._cards[key]
        if not _MODEL_ID.match(model_id) or len(model_id) > 200:
            return []
        if len(self._cards) >= MAX_FETCHES:
            self.problems.append(ScanProblem(HUB_PREFIX + model_id, "not fetched: --hub cap"))
            return []
        data = (self._download or download_card)(model_id)
        self._cards[key] = _parse(model_id, data) if data is not None else []
        return self._cards[key]


def _parse(model_id: str, data: bytes) -> list[ModelCard]:
    """The card's front matter, read by the repository's own model-card reader."""
    from licensegate.scan.artifacts import read_model_card
    from licensegate.scan.walk import Found

    org, name = model_id.split("/", 1)
    found = Found([], [], [])
    # NOTE: a cache-layout path makes the reader attribute the card to this id.
    rel = f"models--{org}--{name}/snapshots/hub/README.md"
    read_model_card(Path("README.md"), rel, data, found)
    return [
        dataclasses.replace(
            card,
            model_id=model_id,
            evidence=Evidence(f"{HUB_PREFIX}{model_id}", card.evidence.line, "model-card"),
        )
        for card in found.cards
    ]
