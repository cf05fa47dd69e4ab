"""What a scan found: model references with evidence, and what model cards and GGUF headers say.

These types are the interface between the scanner (which fills them) and its users: `scan`'s
formats, `check --scan` (undeclared models), lineage (licenses inherited through `base_model`),
`init` and the CycloneDX writer. They are plain frozen dataclasses so a report can be compared,
sorted and turned into JSON without knowing how it was read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# How a reference was found. One value per reader; the text and JSON formats print it as is.
ReferenceKind = Literal[
    "python",  # from_pretrained, pipeline(model=...), hf_hub_download, SentenceTransformer
    "notebook",  # the same calls inside a .ipynb code cell
    "vllm",  # `vllm serve ID`, `--model ID`
    "tgi",  # MODEL_ID, --model-id
    "env",  # Kubernetes / compose environment variables naming a model
    "ollama",  # Modelfile FROM / ADAPTER
    "litellm",  # model_list[].litellm_params.model
    "peft",  # adapter_config.json base_model_name_or_path
    "mergekit",  # mergekit YAML models / base_model
    "gguf",  # a GGUF file's header
    "model-card",  # a model folder's or the Hugging Face cache's README.md front matter
    "hf-cache",  # a models--org--name folder in the Hugging Face cache
    "bom",  # a CycloneDX BOM given to `check --bom`
    "config",  # any other YAML/JSON/TOML key that names a model (model_name_or_path:, ...)
]

# Relations a model card's `base_model_relation` may state (Hugging Face's vocabulary).
Relation = Literal["finetune", "adapter", "quantized", "merge"]


@dataclass(frozen=True, order=True)
class Evidence:
    """One place a model is named. `path` is relative to the scanned root, in POSIX form."""

    path: str
    line: int  # 1-based; 0 where a binary file (GGUF) has no lines
    kind: ReferenceKind


@dataclass(frozen=True, order=True)
class ModelReference:
    """A model reference: a literal Hugging Face id (`org/name`) or an unresolved expression.

    `model_id` is None when the value is dynamic (a variable, an f-string, a function result);
    `expression` then keeps the source text so the user can see what could not be read.
    """

    evidence: Evidence
    model_id: str | None
    revision: str | None = None
    expression: str | None = None

    @property
    def resolved(self) -> bool:
        return self.model_id is not None


@dataclass(frozen=True)
class ModelCard:
    """What a model card (README front matter) or a GGUF header says about one model."""

    model_id: str
    evidence: Evidence
    licenses: tuple[str, ...] = ()  # `license` (one or a list), or GGUF general.license
    license_name: str | None = None  # for `license: other`
    license_link: str | None = None
    base_models: tuple[str, ...] = ()  # `base_model` (one or a list), GGUF base_model.N
    relation: Relation | None = None  # `base_model_relation`; None when the card is silent


@dataclass(frozen=True)
class ScanProblem:
    """A part of the tree that could not be read (unreadable folder, file over the size cap, ...).

    Reported in every format; never silently skipped.
    """

    path: str
    message: str


@dataclass(frozen=True)
class ScanResult:
    """Everything one scan found, sorted for stable output."""

    root: str
    references: tuple[ModelReference, ...] = ()
    cards: tuple[ModelCard, ...] = ()
    problems: tuple[ScanProblem, ...] = field(default_factory=tuple)
    boms: tuple[str, ...] = ()
    """BOM files whose models this result also holds (`check --bom`); with ``root`` "" when no
    folder was scanned at all."""

    def model_ids(self) -> frozenset[str]:
        """The literal ids found, as written (case kept; compare case-insensitively)."""
        return frozenset(r.model_id for r in self.references if r.model_id is not None)
