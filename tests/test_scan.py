"""`licensegate scan` on a realistic sample repository, and on trees built to fool or stall it."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from licensegate.cli import app
from licensegate.scan import render
from licensegate.scan.ids import normalise
from licensegate.scan.walk import ScanError, scan

runner = CliRunner()

APP_PY = """\
import os
from transformers import AutoModelForCausalLM, AutoTokenizer, pipeline
from huggingface_hub import hf_hub_download, snapshot_download
from sentence_transformers import SentenceTransformer
from vllm import LLM

BASE = "meta-llama/Llama-3.1-8B-Instruct"
model = AutoModelForCausalLM.from_pretrained(BASE, revision="0e9e39f249a16976918f6564b8830bc894c89659")
tok = AutoTokenizer.from_pretrained("./local-tokenizer")
clf = pipeline("text-classification", model="distilbert/distilbert-base-uncased")
path = hf_hub_download(repo_id="google/gemma-2-9b", filename="config.json")
snapshot_download("Qwen/Qwen2.5-1.5B")
emb = SentenceTransformer("sentence-transformers/all-MiniLM-L6-v2")
llm = LLM(model="mistralai/Mistral-7B-Instruct-v0.3")
dyn = AutoModelForCausalLM.from_pretrained(os.environ["MODEL"])
dflt = AutoModelForCausalLM.from_pretrained(os.getenv("MODEL", "mistralai/Mistral-7B-v0.1"))
fstr = AutoModelForCausalLM.from_pretrained(f"acme/{name}")
TABLE = {"fast": "Qwen/Qwen2.5-7B-Instruct"}
metric = evaluate.load("accuracy")
other = {"key": "not/a-model-we-know"}
"""

NOTEBOOK = {
    "cells": [
        {
            "cell_type": "markdown",
            "metadata": {},
            "source": ["# from_pretrained('x/y') in prose\n"],
        },
        {
            "cell_type": "code",
            "metadata": {},
            "execution_count": None,
            "outputs": [],
            "source": [
                "!pip install transformers\n",
                "from transformers import pipeline\n",
                'pipe = pipeline("text-generation", model="google/gemma-2-2b-it")',
            ],
        },
    ],
    "metadata": {},
    "nbformat": 4,
    "nbformat_minor": 5,
}

K8S = """\
apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
        - name: vllm
          image: vllm/vllm-openai:v0.6.0
          args:
            - "--model"
            - "meta-llama/Llama-3.2-3B-Instruct"
          env:
            - name: MODEL_ID
              value: "mistralai/Mistral-Nemo-Instruct-2407"
---
apiVersion: v1
kind: ConfigMap
data:
  MODEL: $MODEL_FROM_SECRET
"""

COMPOSE = """\
services:
  tgi:
    image: ghcr.io/huggingface/text-generation-inference:2.4
    command: --model-id tiiuae/falcon-7b-instruct
    environment:
      - HF_MODEL_ID=google/gemma-2-2b-it
  vllm:
    image: vllm/vllm-openai
    command: vllm serve deepseek-ai/DeepSeek-R1-Distill-Qwen-7B --port 8000
"""

LITELLM = """\
model_list:
  - model_name: chat
    litellm_params:
      model: huggingface/meta-llama/Llama-3.3-70B-Instruct
  - model_name: gpt
    litellm_params:
      model: gpt-4o
"""

MERGEKIT = """\
merge_method: slerp
base_model: mistralai/Mistral-7B-v0.1
models:
  - model: NousResearch/Hermes-2-Pro-Mistral-7B
  - model: mistralai/Mistral-7B-Instruct-v0.2
"""

DOCKERFILE = """\
FROM python:3.12-slim
ENV MODEL_ID=microsoft/Phi-3-mini-4k-instruct
# --model commented/out
CMD ["python", "-m", "vllm.entrypoints.openai.api_server", \\
     "--model", "Qwen/Qwen2.5-0.5B-Instruct"]
"""

SERVE_SH = """\
#!/bin/sh
vllm serve \\
  google/gemma-2-27b-it --tensor-parallel-size 2 --revision 4ef1d53
"""

MODELFILE = "FROM hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M\nADAPTER ./lora.gguf\n"

ADAPTER = '{\n  "base_model_name_or_path": "meta-llama/Llama-3.1-8B",\n  "peft_type": "LORA",\n  "revision": "main"\n}\n'

CARD = """\
---
license: apache-2.0
base_model: mistralai/Mistral-7B-v0.1
base_model_relation: finetune
---
# A fine-tune
"""

CACHED_CARD = """\
---
license: other
license_name: qwen-research
license_link: https://huggingface.co/Qwen/Qwen2.5-3B/blob/main/LICENSE
base_model:
  - Qwen/Qwen2.5-3B
---
"""

PYPROJECT_TOML = '[tool.app]\nmodel_name_or_path = "google/flan-t5-base"\n'

# Every (id, path, line, kind) the sample repository must yield, and nothing else resolved.
EXPECTED = {
    ("meta-llama/Llama-3.1-8B-Instruct", "src/app.py", 7, "python"),  # a catalog id literal
    ("meta-llama/Llama-3.1-8B-Instruct", "src/app.py", 8, "python"),  # through the constant
    ("distilbert/distilbert-base-uncased", "src/app.py", 10, "python"),
    ("google/gemma-2-9b", "src/app.py", 11, "python"),
    ("Qwen/Qwen2.5-1.5B", "src/app.py", 12, "python"),
    ("sentence-transformers/all-MiniLM-L6-v2", "src/app.py", 13, "python"),
    ("mistralai/Mistral-7B-Instruct-v0.3", "src/app.py", 14, "python"),
    ("mistralai/Mistral-7B-v0.1", "src/app.py", 16, "python"),
    ("Qwen/Qwen2.5-7B-Instruct", "src/app.py", 18, "python"),
    ("google/gemma-2-2b-it", "notebooks/demo.ipynb", 18, "notebook"),
    ("meta-llama/Llama-3.2-3B-Instruct", "deploy/k8s.yaml", 11, "vllm"),
    ("mistralai/Mistral-Nemo-Instruct-2407", "deploy/k8s.yaml", 14, "tgi"),
    ("tiiuae/falcon-7b-instruct", "deploy/compose.yaml", 4, "tgi"),
    ("google/gemma-2-2b-it", "deploy/compose.yaml", 6, "env"),
    ("deepseek-ai/DeepSeek-R1-Distill-Qwen-7B", "deploy/compose.yaml", 9, "vllm"),
    ("meta-llama/Llama-3.3-70B-Instruct", "deploy/litellm.yaml", 4, "litellm"),
    ("mistralai/Mistral-7B-v0.1", "train/merge.yaml", 2, "mergekit"),
    ("NousResearch/Hermes-2-Pro-Mistral-7B", "train/merge.yaml", 4, "mergekit"),
    ("mistralai/Mistral-7B-Instruct-v0.2", "train/merge.yaml", 5, "mergekit"),
    ("microsoft/Phi-3-mini-4k-instruct", "Dockerfile", 2, "tgi"),
    ("Qwen/Qwen2.5-0.5B-Instruct", "Dockerfile", 5, "vllm"),
    ("google/gemma-2-27b-it", "scripts/serve.sh", 3, "vllm"),
    ("google/gemma-2-27b-it", "src/settings.py", 1, "python"),
    ("bartowski/Llama-3.2-1B-Instruct-GGUF", "Modelfile", 1, "ollama"),
    ("meta-llama/Llama-3.1-8B", "adapter/adapter_config.json", 2, "peft"),
    ("google/flan-t5-base", "pyproject.toml", 2, "config"),
    ("acme/llama-ft", "models/ft/model.gguf", 0, "gguf"),
    ("Qwen/Qwen2.5-3B-Instruct", "hub/models--Qwen--Qwen2.5-3B-Instruct", 0, "hf-cache"),
    ("meta-llama/Llama-3.1-8B", "models/ft/config.json", 2, "model-card"),
}


def _put(root: Path, rel: str, content: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _write_gguf(path: Path) -> None:
    gguf = pytest.importorskip("gguf")
    writer = gguf.GGUFWriter(str(path), "llama")
    writer.add_name("Acme Llama FT Q4")
    writer.add_license("llama3.1")
    writer.add_source_repo_url("https://huggingface.co/acme/llama-ft")
    writer.add_base_model_count(1)
    writer.add_base_model_name(0, "Llama 3.1 8B Instruct")
    writer.add_base_model_organization(0, "Meta Llama")
    writer.add_base_model_repo_url(0, "https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct")
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    _put(root, "src/app.py", APP_PY)
    # nbformat layout: the code line sits on line 18 of the .ipynb file
    _put(root, "notebooks/demo.ipynb", json.dumps(NOTEBOOK, indent=1))
    _put(root, "deploy/k8s.yaml", K8S)
    _put(root, "deploy/compose.yaml", COMPOSE)
    _put(root, "deploy/litellm.yaml", LITELLM)
    _put(root, "train/merge.yaml", MERGEKIT)
    _put(root, "Dockerfile", DOCKERFILE)
    _put(root, "scripts/serve.sh", SERVE_SH)
    _put(root, "Modelfile", MODELFILE)
    _put(root, "adapter/adapter_config.json", ADAPTER)
    _put(root, "pyproject.toml", PYPROJECT_TOML)
    _put(root, "models/ft/README.md", CARD)
    _put(
        root,
        "models/ft/config.json",
        '{\n  "_name_or_path": "meta-llama/Llama-3.1-8B",\n  "x": 1\n}\n',
    )
    _write_gguf(root / "models/ft/model.gguf")
    cache = root / "hub/models--Qwen--Qwen2.5-3B-Instruct"
    _put(cache, "refs/main", "5f0a3bd1f3dc1a8d58dd4d1a2b1d1e8b0b1a2c3d")
    # the cache's layout: snapshot files are symlinks into blobs/
    _put(cache, "blobs/9c1e0b7d", CACHED_CARD)
    snapshot = cache / "snapshots/5f0a3bd1f3dc1a8d58dd4d1a2b1d1e8b0b1a2c3d"
    snapshot.mkdir(parents=True)
    (snapshot / "README.md").symlink_to("../../blobs/9c1e0b7d")
    # a constants module: no loader call, but a catalog id literal
    _put(
        root, "src/settings.py", 'DEFAULT_MODEL = "google/gemma-2-27b-it"\nOTHER = "acme/unknown"\n'
    )
    # Never read: a virtualenv, node_modules and .git
    _put(root, ".venv/pyvenv.cfg", "home = /usr\n")
    _put(root, ".venv/lib/site.py", 'from_pretrained("google/gemma-7b")\n')
    _put(root, "env2/pyvenv.cfg", "home = /usr\n")
    _put(root, "env2/x.py", 'from_pretrained("google/gemma-7b")\n')
    _put(root, "node_modules/x/a.py", 'from_pretrained("google/gemma-7b")\n')
    _put(root, ".git/hooks/a.py", 'from_pretrained("google/gemma-7b")\n')
    return root


def _resolved(result) -> set[tuple[str, str, int, str]]:
    return {
        (r.model_id, r.evidence.path, r.evidence.line, r.evidence.kind)
        for r in result.references
        if r.model_id is not None
    }


def test_sample_repository_every_reference_with_line_and_kind(sample: Path) -> None:
    result = scan([], root=sample)
    assert _resolved(result) == EXPECTED
    assert result.problems == ()


def test_revisions_are_kept(sample: Path) -> None:
    result = scan([], root=sample)
    revisions = {(r.model_id, r.evidence.path): r.revision for r in result.references}
    assert revisions["meta-llama/Llama-3.1-8B-Instruct", "src/app.py"] == (
        "0e9e39f249a16976918f6564b8830bc894c89659"
    )
    assert revisions["meta-llama/Llama-3.1-8B", "adapter/adapter_config.json"] == "main"
    assert revisions["google/gemma-2-27b-it", "scripts/serve.sh"] == "4ef1d53"
    assert revisions["Qwen/Qwen2.5-3B-Instruct", "hub/models--Qwen--Qwen2.5-3B-Instruct"] == (
        "5f0a3bd1f3dc1a8d58dd4d1a2b1d1e8b0b1a2c3d"
    )


def test_dynamic_values_are_unresolved_with_their_expression(sample: Path) -> None:
    result = scan([], root=sample)
    loose = {
        (r.evidence.path, r.evidence.line, r.expression)
        for r in result.references
        if r.model_id is None
    }
    assert loose == {
        ("src/app.py", 15, "os.environ['MODEL']"),
        ("src/app.py", 17, "f'acme/{name}'"),
        ("deploy/k8s.yaml", 19, "$MODEL_FROM_SECRET"),
    }
    # os.getenv's literal default is the model that runs unless overridden: resolved, source kept
    dflt = next(r for r in result.references if r.evidence.line == 16)
    assert dflt.model_id == "mistralai/Mistral-7B-v0.1"
    assert dflt.expression == "os.getenv('MODEL', 'mistralai/Mistral-7B-v0.1')"


def test_model_cards_and_gguf_headers(sample: Path) -> None:
    cards = {card.evidence.path: card for card in scan([], root=sample).cards}
    local = cards["models/ft/README.md"]
    assert (local.model_id, local.licenses, local.base_models, local.relation) == (
        "./models/ft",
        ("apache-2.0",),
        ("mistralai/Mistral-7B-v0.1",),
        "finetune",
    )
    assert local.evidence.line == 2
    cached = cards[
        "hub/models--Qwen--Qwen2.5-3B-Instruct/snapshots/"
        "5f0a3bd1f3dc1a8d58dd4d1a2b1d1e8b0b1a2c3d/README.md"
    ]
    assert cached.model_id == "Qwen/Qwen2.5-3B-Instruct"
    assert (cached.licenses, cached.license_name) == (("other",), "qwen-research")
    assert cached.base_models == ("Qwen/Qwen2.5-3B",)
    gguf_card = cards["models/ft/model.gguf"]
    assert (gguf_card.model_id, gguf_card.licenses, gguf_card.base_models) == (
        "acme/llama-ft",
        ("llama3.1",),
        ("meta-llama/Llama-3.1-8B-Instruct",),
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("meta-llama/Llama-3.1-8B", "meta-llama/Llama-3.1-8B"),
        ("hf.co/org/name:Q4_K_M", "org/name"),
        ("https://huggingface.co/org/name", "org/name"),
        ("./models/llama", None),
        ("/srv/models/llama", None),
        ("models/llama-3", None),  # a project folder, not an organisation
        ("org/weights.safetensors", None),
        ("accuracy", None),
        ("a/b/c", None),
        ("org--x/name", None),
        ("org/..", None),
        ("org\uff0fname", "org/name"),  # a full-width slash is still a slash to NFKC
        ("org/na me", None),
        ("https://huggingface.co/org/name/blob/main/model.safetensors", "org/name"),
        ("hf://datasets/org/name", None),
        ("https://huggingface.co/spaces/org/name", None),
    ],
)
def test_only_hugging_face_ids_count(value: str, expected: str | None) -> None:
    assert normalise(value) == expected


PEFT_AND_OBJECTS = """\
from peft import PeftModel
base = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.1-8B")
model = PeftModel.from_pretrained(base, "acme/llama-lora")
pipe = pipeline("text-generation", model=model)
llm = LLM("Qwen/Qwen2.5-7B-Instruct")
pipe2 = StableDiffusionPipeline.from_single_file(
    "https://huggingface.co/stabilityai/stable-diffusion-xl-base-1.0/blob/main/sd_xl_base_1.0.safetensors"
)
"""


def test_adapters_model_objects_and_urls(tmp_path: Path) -> None:
    _put(tmp_path, "train.py", PEFT_AND_OBJECTS)
    result = scan([], root=tmp_path)
    assert _resolved(result) == {
        ("meta-llama/Llama-3.1-8B", "train.py", 2, "python"),
        ("acme/llama-lora", "train.py", 3, "python"),
        ("Qwen/Qwen2.5-7B-Instruct", "train.py", 5, "python"),
        ("stabilityai/stable-diffusion-xl-base-1.0", "train.py", 7, "python"),
    }
    # `model=model` is the object loaded above, not an unknown model
    assert [r for r in result.references if r.model_id is None] == []


def test_symlink_out_of_root_is_refused_and_reported(tmp_path: Path) -> None:
    outside = _put(tmp_path, "outside/secret.py", 'from_pretrained("google/gemma-7b")\n')
    root = tmp_path / "repo"
    root.mkdir()
    (root / "leak.py").symlink_to(outside)
    (root / "loop").symlink_to(root)  # a folder link is never followed
    (root / "escape").symlink_to(tmp_path / "outside")
    result = scan([], root=root)
    assert _resolved(result) == set()
    assert [(p.path, p.message) for p in result.problems] == [
        ("leak.py", "not read: a symlink that leaves the scanned root")
    ]
    with pytest.raises(ScanError, match="outside the scanned root"):
        scan([root / "escape"], root=root)


def test_file_over_the_cap_is_a_warning_not_a_read(tmp_path: Path) -> None:
    big = tmp_path / "big.py"
    with open(big, "wb") as stream:
        stream.truncate(3 * 1024 * 1024)  # sparse: costs no disk
    result = scan([], root=tmp_path)
    assert [p.path for p in result.problems] == ["big.py"]
    assert "over the" in result.problems[0].message


def test_binary_junk_named_gguf_and_safetensors(tmp_path: Path) -> None:
    _put(tmp_path, "junk.gguf", os.urandom(256))
    _put(tmp_path, "lying.gguf", b"GGUF\x03\x00\x00\x00" + b"\xff" * 16)
    _put(tmp_path, "junk.safetensors", b"\xff" * 8 + b"{}")
    _put(tmp_path, "notes.json", b"\xff\xfe not json")
    result = scan([], root=tmp_path)
    assert {p.path for p in result.problems} == {
        "junk.gguf",
        "lying.gguf",
        "junk.safetensors",
        "notes.json",
    }
    assert result.references == ()


def test_yaml_alias_bomb_and_deep_nesting_end_quickly(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20)
    )
    _put(tmp_path, "bomb.yaml", bomb)
    _put(tmp_path, "deep.py", "from_pretrained(" + "(" * 5000 + ")" * 5000 + ")\n")
    result = scan([], root=tmp_path)
    assert result.references == ()
    assert [p.path for p in result.problems] == ["deep.py"]


def test_hostile_file_names_stay_one_line(tmp_path: Path) -> None:
    _put(tmp_path, "evil\n::error::x\x1b[2J.py", 'from_pretrained("google/gemma-7b")\n')
    result = scan([], root=tmp_path)
    assert [r.evidence.path for r in result.references] == ["evil\n::error::x\x1b[2J.py"]
    text = render.text(result)
    assert "\n::error" not in text and "\x1b" not in text
    assert "evil\\x0a::error::x\\x1b[2J.py:1" in text


def test_entry_budget_bounds_a_large_tree(tmp_path: Path) -> None:
    for folder in range(100):
        directory = tmp_path / f"d{folder:03}"
        directory.mkdir()
        for index in range(100):
            (directory / f"f{index}.py").write_text("x = 1\n", encoding="utf-8")
    _put(tmp_path, "d099/model.py", 'from_pretrained("google/gemma-7b")\n')
    complete = scan([], root=tmp_path)
    assert [r.model_id for r in complete.references] == ["google/gemma-7b"]
    assert complete.problems == ()
    bounded = scan([], root=tmp_path, max_entries=500)
    assert bounded.references == ()
    assert len(bounded.problems) == 1 and "scan stopped" in bounded.problems[0].message


def test_json_format_shape(sample: Path) -> None:
    result = runner.invoke(app, ["scan", "--root", str(sample), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"schema_version", "root", "models", "unresolved", "cards", "problems"}
    by_id = {model["id"]: model for model in data["models"]}
    llama = by_id["meta-llama/Llama-3.1-8B-Instruct"]
    assert llama["in_catalog"] is True
    assert llama["revisions"] == ["0e9e39f249a16976918f6564b8830bc894c89659"]
    assert [(e["path"], e["line"], e["kind"]) for e in llama["evidence"]] == [
        ("src/app.py", 7, "python"),
        ("src/app.py", 8, "python"),
    ]
    assert by_id["NousResearch/Hermes-2-Pro-Mistral-7B"]["in_catalog"] is False
    assert {e["expression"] for e in data["unresolved"]} == {
        "os.environ['MODEL']",
        "f'acme/{name}'",
        "$MODEL_FROM_SECRET",
    }
    assert len({m["id"].lower() for m in data["models"]}) == len(data["models"])


def test_text_format_lists_each_model_with_evidence(sample: Path) -> None:
    result = runner.invoke(app, ["scan", "--root", str(sample)])
    assert result.exit_code == 0, result.output
    assert "\nmeta-llama/Llama-3.2-3B-Instruct\n  deploy/k8s.yaml:11  vllm\n" in result.stdout
    assert "NousResearch/Hermes-2-Pro-Mistral-7B  (not in the catalog)" in result.stdout
    assert "src/app.py:15  python  os.environ['MODEL']" in result.stdout


def test_cyclonedx_is_a_valid_1_6_ml_bom(sample: Path, tmp_path: Path) -> None:
    pytest.importorskip("cyclonedx")
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    from licensegate.scan.cyclonedx import bom

    out = tmp_path / "bom.json"
    result = runner.invoke(
        app, ["scan", "--root", str(sample), "--format", "cyclonedx", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(text) is None
    document = json.loads(text)
    assert (document["bomFormat"], document["specVersion"]) == ("CycloneDX", "1.6")
    components = {c["bom-ref"]: c for c in document["components"]}
    assert all(c["type"] == "machine-learning-model" for c in components.values())
    cached = components[
        "pkg:huggingface/Qwen/Qwen2.5-3B-Instruct@5f0a3bd1f3dc1a8d58dd4d1a2b1d1e8b0b1a2c3d"
    ]
    assert {"license": {"acknowledgement": "declared", "name": "other"}} in cached["licenses"]
    assert [a["name"] for a in cached["pedigree"]["ancestors"]] == ["Qwen2.5-3B"]
    llama = components["pkg:huggingface/meta-llama/Llama-3.2-3B-Instruct"]
    assert llama["evidence"]["occurrences"] == [
        {"location": "deploy/k8s.yaml", "line": 11, "additionalContext": "vllm"}
    ]
    assert llama["licenses"] == [{"license": {"acknowledgement": "declared", "name": "llama3.2"}}]
    local = components["local:./models/ft"]
    assert local["licenses"] == [{"license": {"acknowledgement": "declared", "id": "Apache-2.0"}}]
    # a check's verdict is written as a concluded license
    concluded = json.loads(
        bom(scan([], root=sample), {"meta-llama/llama-3.2-3b-instruct": ["llama3.2"]})
    )
    llama = next(c for c in concluded["components"] if c["name"] == "Llama-3.2-3B-Instruct")
    assert {"license": {"acknowledgement": "concluded", "name": "llama3.2"}} in llama["licenses"]


def test_cli_bad_arguments_exit_2(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["scan", "--root", str(tmp_path), str(tmp_path / "nope")])
    assert missing.exit_code == 2 and "no such file or folder" in missing.stderr
    outside = runner.invoke(app, ["scan", "--root", str(tmp_path / "a"), str(tmp_path)])
    assert outside.exit_code == 2
    wrong = runner.invoke(app, ["scan", "--format", "spdx"])
    assert wrong.exit_code == 2


def test_warnings_go_to_stderr_and_exit_stays_0(tmp_path: Path) -> None:
    _put(tmp_path, "junk.gguf", b"nope")
    result = runner.invoke(app, ["scan", "--root", str(tmp_path)])
    assert result.exit_code == 0
    assert "licensegate: warning: junk.gguf: not read: not a GGUF file" in result.stderr


# --- licensegate init ---------------------------------------------------------------------------

# What a person writes in place of each TODO, by the field it stands for.
FILLED = {
    "licensee.name": '"Acme Corp"',
    "licensee.domicile": "US",
    "licensee.monthly_active_users": "1000",
    "product.commercial": "true",
    "product.environment": "production",
    "product.audience": "internal",
    "product.monthly_active_users": "100",
    "uses": "[inference]",
    "license": "apache-2.0",
    "name": "Acme-FT-7B",
    "release": "none",
}


def _fill(draft: str, *, leave: str | None = None) -> str:
    """Replace every TODO the way a person would; keep the one for `leave` as it is."""
    out, section = [], ""
    for line in draft.splitlines():
        if not line.startswith((" ", "#")):
            section = line.rstrip(":")
        if '"TODO' in line:
            key = line.split(":", 1)[0].strip().lstrip("- ")
            field = f"{section}.{key}" if section in ("licensee", "product") else key
            if field != leave:
                line = line.split(":", 1)[0] + ": " + FILLED[field]
        out.append(line)
    return "\n".join(out) + "\n"


def test_init_drafts_every_model_and_fails_until_filled(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    _put(root, "src/app.py", APP_PY.replace("fstr = ", "# ").replace("dyn = ", "# "))
    _put(root, "adapter/adapter_config.json", ADAPTER)
    _put(root, "models/ft/README.md", CARD)
    result = runner.invoke(app, ["init", str(root)])
    assert result.exit_code == 0, result.output
    draft = (root / "licensegate.yaml").read_text(encoding="utf-8")
    assert (
        "  - id: meta-llama/Llama-3.1-8B-Instruct\n    # found at src/app.py:7 (python)\n" in draft
    )
    assert '    uses: "TODO: confirm [fine-tuning] (guessed from the places above)"' in draft
    # not in the catalog: its license is a fact to fill in
    assert (
        "  - id: distilbert/distilbert-base-uncased\n    # found at src/app.py:10 (python)\n"
        '    uses: "TODO: confirm [inference] (guessed from the places above)"\n'
        '    license: "TODO: not in the catalog: its license id(s), e.g. apache-2.0"\n'
    ) in draft
    assert "base_models: [mistralai/Mistral-7B-v0.1]" in draft
    # the draft as written: refused, naming the first TODO and its line
    check = runner.invoke(app, ["check", str(root / "licensegate.yaml"), "--date", "2026-11-29"])
    assert check.exit_code == 2
    assert "licensegate.yaml:9: licensee.name: a fact left to fill in (and " in check.stderr
    # every TODO but one filled: still refused, at that one
    for leave in ("licensee.name", "product.commercial", "uses", "license", "release"):
        (root / "licensegate.yaml").write_text(_fill(draft, leave=leave), encoding="utf-8")
        result = runner.invoke(app, ["validate", str(root / "licensegate.yaml")])
        assert result.exit_code == 2, leave
        assert re.search(r"a fact left to fill in( \(and \d+ more\))?: TODO", result.output), leave
    # all filled: a valid manifest
    (root / "licensegate.yaml").write_text(_fill(draft), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(root / "licensegate.yaml")])
    assert result.exit_code == 0, result.output


def test_init_lists_unresolved_loads_as_entries_to_name(tmp_path: Path) -> None:
    _put(tmp_path, "app.py", 'import os\nm = AutoModel.from_pretrained(os.environ["M"])\n')
    result = runner.invoke(app, ["init", str(tmp_path), "-o", "-"])
    assert result.exit_code == 0, result.output
    assert (
        "  - id: \"TODO: the model loaded at app.py:2 (os.environ['M']), or delete this entry\""
        in result.stdout
    )


def test_init_never_overwrites_without_force(tmp_path: Path) -> None:
    existing = _put(tmp_path, "licensegate.yaml", "keep me\n")
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 2 and "exists" in result.stderr
    assert existing.read_text(encoding="utf-8") == "keep me\n"
    assert runner.invoke(app, ["init", str(tmp_path), "--force"]).exit_code == 0
    assert '"TODO: the scan found no model' in existing.read_text(encoding="utf-8")


def test_todo_is_refused_anywhere_but_in_x_fields(tmp_path: Path) -> None:
    from licensegate.errors import ManifestError
    from licensegate.manifest import load_manifest
    from manifests import PASSING

    note = _put(tmp_path, "a.licensegate.yaml", PASSING + "x-note: TODO ask legal\n")
    load_manifest(note)
    sneaky = _put(
        tmp_path, "b.licensegate.yaml", PASSING.replace("{name: Acme,", '{name: "TODO: x",')
    )
    with pytest.raises(ManifestError, match="a fact left to fill in"):
        load_manifest(sneaky)
    assert PASSING.count("{name: Acme,") == 1


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("yaml-escape.licensegate.yaml", '"\\x54ODO: x"'),  # double-quoted YAML escapes
        ("yaml-unicode.licensegate.yaml", '"T\\u004FDO: x"'),
        ("yaml-folded.licensegate.yaml", '"TO\\\n    DO: x"'),  # an escaped line break joins
    ],
)
def test_a_todo_spelled_with_escapes_is_refused_too(
    tmp_path: Path, name: str, written: str
) -> None:
    """The TODO check skips manifests whose bytes cannot spell one; escapes can, without the
    letters appearing in the file."""
    from licensegate.errors import ManifestError
    from licensegate.manifest import load_manifest
    from manifests import PASSING

    text = PASSING.replace("{name: Acme,", "{name: " + written + ",")
    assert "TODO" not in text
    with pytest.raises(ManifestError, match="a fact left to fill in"):
        load_manifest(_put(tmp_path, name, text))


def test_a_todo_spelled_with_json_escapes_is_refused(tmp_path: Path) -> None:
    import yaml

    from licensegate.errors import ManifestError
    from licensegate.manifest import load_manifest
    from manifests import PASSING

    data = yaml.safe_load(PASSING)
    data["licensee"]["name"] = "TODO: x"
    text = json.dumps(data, default=str).replace("TODO", "\\u0054ODO")
    assert "TODO" not in text
    with pytest.raises(ManifestError, match="a fact left to fill in"):
        load_manifest(_put(tmp_path, "m.licensegate.json", text))


def test_gitignored_files_are_skipped_but_tracked_ones_are_read(tmp_path: Path) -> None:
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    loader = 'from_pretrained("google/gemma-2-9b")\n'
    _put(tmp_path, ".gitignore", "cache/\n*.local.py\n")
    _put(tmp_path, "cache/x.py", loader)
    _put(tmp_path, "dev.local.py", loader)
    _put(tmp_path, "forced.local.py", loader)
    _put(tmp_path, "app.py", loader)
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*git, "add", "-f", "forced.local.py", "app.py"], cwd=tmp_path, check=True)
    paths = {r.evidence.path for r in scan([], root=tmp_path).references}
    assert paths == {"app.py", "forced.local.py"}
    everything = {r.evidence.path for r in scan([], root=tmp_path, gitignore=False).references}
    assert everything == {"app.py", "forced.local.py", "cache/x.py", "dev.local.py"}


def test_cold_check_imports_nothing_of_the_scanner() -> None:
    """`check` without a scan must not pay for the scanner, gguf/numpy or cyclonedx."""
    import subprocess
    import sys

    example = (
        Path(__file__).resolve().parents[1] / "examples/llama3.1/support-assistant.licensegate.yaml"
    )
    code = (
        "import atexit, sys\n"
        "heavy = ('licensegate.scan', 'gguf', 'numpy', 'cyclonedx', 'packageurl')\n"
        "atexit.register(lambda: sys.stderr.write('LOADED ' + ' '.join(sorted("
        "m for m in sys.modules if m.startswith(heavy))) + '\\n'))\n"
        "from licensegate.cli import main\n"
        f"sys.argv = ['licensegate', 'check', {str(example)!r}, '--date', '2026-11-29']\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "LOADED \n" in done.stderr, done.stderr


HELM = """\
{{- if .Values.enabled }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
spec:
  template:
    spec:
      containers:
        - name: tgi
          args: ["--model-id", "HuggingFaceH4/zephyr-7b-beta", "--port", "{{ .Values.port }}"]
          env:
            - name: MODEL_ID
              value: "mistralai/Mistral-7B-Instruct-v0.2"
            - name: OTHER
              value: "acme/not-a-model-variable"
            - name: HF_MODEL_ID
              value: {{ .Values.model | quote }}
{{- end }}
"""


def test_helm_templates_are_read_line_by_line(tmp_path: Path) -> None:
    import yaml

    with pytest.raises(yaml.YAMLError):  # the case this test is about: not YAML before rendering
        yaml.safe_load(HELM)
    _put(tmp_path, "chart/templates/deployment.yaml", HELM)
    result = scan([], root=tmp_path)
    assert _resolved(result) == {
        ("HuggingFaceH4/zephyr-7b-beta", "chart/templates/deployment.yaml", 11, "tgi"),
        ("mistralai/Mistral-7B-Instruct-v0.2", "chart/templates/deployment.yaml", 14, "tgi"),
    }
    assert [(r.evidence.line, r.expression) for r in result.references if r.model_id is None] == [
        (18, "{{ .Values.model | quote }}")
    ]
    assert result.problems == ()


def test_check_scan_with_the_real_walker(tmp_path: Path) -> None:
    """check --scan end to end: the walker's evidence becomes an undeclared-model finding."""
    from manifests import PASSING

    manifest = _put(tmp_path, "licensegate.yaml", PASSING)
    _put(
        tmp_path,
        "app.py",
        'from transformers import AutoModel\nm = AutoModel.from_pretrained("meta-llama/Llama-3.1-8B-Instruct")\n',
    )
    args = ["check", str(manifest), "--scan", str(tmp_path), "--date", "2026-11-29"]
    assert runner.invoke(app, args).exit_code == 0
    _put(tmp_path, "serve.sh", "vllm serve Qwen/Qwen2.5-7B-Instruct\n")
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 1, result.output
    assert "serve.sh:1 names Qwen/Qwen2.5-7B-Instruct (vllm)" in result.stdout
