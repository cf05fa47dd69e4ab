"""Model references in serving and training configs: YAML, JSON, TOML, Dockerfiles, Modelfiles.

What is read, by shape rather than by file name (configs live anywhere):
- command lines, in shell scripts, Dockerfiles, compose `command:` and Kubernetes `args:`:
  `vllm serve ID`, `--model ID` (vLLM), `--model-id ID` (TGI); `$VAR` is reported unresolved;
- environment variables naming a model (`MODEL_ID` for TGI, `MODEL`, `HF_MODEL_ID`, ...) in
  Kubernetes `env:`, compose `environment:`, Dockerfile `ENV`, `export`, `.env` files;
- LiteLLM `model_list[].litellm_params.model` (provider prefix dropped), mergekit YAML (`model:`,
  `base_model:` in a file with `merge_method`), PEFT `adapter_config.json`;
- any other config key that names a model (`model_name_or_path:`, `base_model:`, ...).
YAML is composed, never constructed: no tags run, aliases are walked once, and a node budget bounds
the walk. Line numbers come from the composer's marks.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from licensegate.scan.evidence import Evidence, ModelReference, ReferenceKind, ScanProblem
from licensegate.scan.ids import normalise

if TYPE_CHECKING:
    import yaml

    from licensegate.scan.walk import Found

# Config keys whose value is a model id wherever they appear.
MODEL_KEYS = frozenset(
    {"model", "model_id", "model_name", "model_name_or_path", "pretrained_model_name_or_path",
     "base_model", "base_model_name_or_path", "tokenizer_name", "hub_model_id", "repo_id",
     "served_model", "model_repo"}
)  # fmt: skip
# Environment variables that name a model. TGI reads MODEL_ID.
MODEL_ENV = frozenset(
    {"MODEL_ID", "MODEL", "MODEL_NAME", "HF_MODEL_ID", "HF_MODEL", "MODEL_REPO", "BASE_MODEL",
     "VLLM_MODEL", "LLM_MODEL", "EMBEDDING_MODEL", "HF_MODEL_NAME", "MODEL_PATH"}
)  # fmt: skip
_MAX_NODES = 100_000
_ENV_ASSIGNMENT = re.compile(r"^\s*(?:export\s+|ENV\s+)?([A-Z_][A-Z0-9_]*)(?:=|\s+)(\S.*?)\s*$")


# Every key, variable and flag above contains one of these (lowercased); a config file without
# any (and without an escape, which could spell one) is not parsed.
_TRIGGERS = (b"model", b"repo_id", b"serve", b"tokenizer", b"\\")


def _worth_parsing(data: bytes) -> bool:
    lowered = data.lower()
    return not data.isascii() or any(word in lowered for word in _TRIGGERS)


def _reference(
    found: Found, rel: str, line: int, kind: ReferenceKind, value: str, revision: str | None = None
) -> None:
    """Record `value` if it names a model: an id, or a `$VARIABLE` (unresolved)."""
    value = value.strip().strip("\"'")
    if value.startswith("$"):
        found.references.append(ModelReference(Evidence(rel, line, kind), None, None, value))
        return
    model_id = normalise(value)
    if model_id is None and value.count("/") == 2:  # LiteLLM's `huggingface/org/name`
        model_id = normalise(value.split("/", 1)[1])
    if model_id is not None:
        found.references.append(ModelReference(Evidence(rel, line, kind), model_id, revision))


def _cli(tokens: list[tuple[str, int]], found: Found, rel: str) -> None:
    """`vllm serve ID`, `--model ID`/`--model=ID` (vLLM), `--model-id ID` (TGI); a `--revision`
    in the same command pins them."""
    revision = _flag_value(tokens, "--revision")
    flags: dict[str, ReferenceKind] = {"--model": "vllm", "--model-id": "tgi"}
    for index, (token, line) in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if token == "serve" and index > 0 and tokens[index - 1][0].endswith("vllm") and following:
            if not following[0].startswith("-"):
                _reference(found, rel, following[1], "vllm", following[0], revision)
            continue
        flag, _, inline = token.partition("=")
        kind = flags.get(flag)
        if kind is None:
            continue
        if inline:
            _reference(found, rel, line, kind, inline, revision)
        elif following is not None:
            _reference(found, rel, following[1], kind, following[0], revision)


def _flag_value(tokens: list[tuple[str, int]], name: str) -> str | None:
    for index, (token, _) in enumerate(tokens):
        flag, equals, inline = token.partition("=")
        if flag == name:
            if equals:
                return inline or None
            if index + 1 < len(tokens) and not tokens[index + 1][0].startswith("-"):
                return tokens[index + 1][0]
    return None


def _split(text: str) -> list[str]:
    try:
        return shlex.split(text, comments=True)
    except ValueError:
        return text.split()


# --- shell-like files: Dockerfile, *.sh, .env, Procfile, Makefile --------------------------------


def read_shell_like(path: Path, rel: str, data: bytes | None, found: Found) -> None:
    assert data is not None
    text = data.decode("utf-8", "replace")
    tokens: list[tuple[str, int]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("#"):
            continue
        assignment = _ENV_ASSIGNMENT.match(line)
        if assignment and assignment.group(1) in MODEL_ENV:
            value = assignment.group(2)
            kind: ReferenceKind = "tgi" if assignment.group(1) == "MODEL_ID" else "env"
            _reference(found, rel, number, kind, _split(value)[0] if _split(value) else value)
        continued = stripped.endswith("\\")
        tokens.extend((token, number) for token in _split(stripped.rstrip("\\")))
        if not continued:
            _cli(_strip_json_array(tokens), found, rel)
            tokens = []
    _cli(_strip_json_array(tokens), found, rel)


def _strip_json_array(tokens: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Dockerfile exec form `CMD ["--model", "x"]` split by shlex keeps brackets and commas."""
    return [(token.strip("[],\"'"), line) for token, line in tokens if token.strip("[],\"'")]


# --- Modelfile (Ollama) --------------------------------------------------------------------------


def read_modelfile(path: Path, rel: str, data: bytes | None, found: Found) -> None:
    assert data is not None
    for number, line in enumerate(data.decode("utf-8", "replace").splitlines(), start=1):
        parts = line.split(None, 1)
        if len(parts) == 2 and parts[0].upper() in ("FROM", "ADAPTER"):
            _reference(found, rel, number, "ollama", parts[1])


# --- YAML and JSON ------------------------------------------------------------------------------


def _compose(text: str) -> list[yaml.Node]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return [node for node in yaml.compose_all(text, Loader=loader) if node is not None]


def read_yaml(path: Path, rel: str, data: bytes | None, found: Found) -> None:
    import yaml

    assert data is not None
    if not _worth_parsing(data):
        return
    try:
        documents = _compose(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, yaml.YAMLError) as err:
        if b"{{" in data:  # a Helm or Jinja template: YAML only once rendered; read its lines
            _read_template(data.decode("utf-8", "replace"), rel, found)
            return
        found.problems.append(ScanProblem(rel, f"not read: not valid YAML ({_first_line(err)})"))
        return
    for document in documents:
        _read_tree(document, rel, found)


_TEMPLATE_PAIR = re.compile(
    r"^\s*-?\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*[\"']?([^\"'\s{}]+)[\"']?\s*$"
)


_TEMPLATED_PAIR = re.compile(r"^\s*-?\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*[\"']?(\{\{.*\}\})")


def _read_template(text: str, rel: str, found: Found) -> None:
    """A templated YAML file line by line: `key: literal` pairs naming a model, command lines, and
    `- name: MODEL_ID` followed by `value: ...`. Values built by the template are not read."""
    env_name: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if "--model" in line or "serve" in line:
            _cli(_strip_json_array([(t, number) for t in _split(line.strip(" -"))]), found, rel)
        pair = _TEMPLATE_PAIR.match(line)  # a value built by the template never matches
        templated = _TEMPLATED_PAIR.match(line)
        if templated and (
            (templated.group(1) == "value" and env_name)
            or templated.group(1) in MODEL_KEYS
            or templated.group(1) in MODEL_ENV
        ):
            # the model is chosen at render time: say where, so a person can resolve it
            kind: ReferenceKind = "env" if env_name or templated.group(1) in MODEL_ENV else "config"
            found.references.append(
                ModelReference(Evidence(rel, number, kind), None, None, templated.group(2)[:120])
            )
        if pair:
            key, value = pair.groups()
            if key == "name" and value in MODEL_ENV:
                env_name = value
                continue
            if key == "value" and env_name:
                _reference(found, rel, number, "tgi" if env_name == "MODEL_ID" else "env", value)
            elif key in MODEL_KEYS:
                _reference(found, rel, number, "config", value)
            elif key in MODEL_ENV:
                _reference(found, rel, number, "tgi" if key == "MODEL_ID" else "env", value)
        env_name = None


def read_json(path: Path, rel: str, data: bytes | None, found: Found) -> None:
    import yaml

    assert data is not None
    if not _worth_parsing(data):
        return
    try:
        text = data.decode("utf-8-sig")
        json.loads(text)  # refuse what is not JSON, even if YAML would take it
    except (UnicodeDecodeError, ValueError) as err:
        found.problems.append(ScanProblem(rel, f"not read: not valid JSON ({_first_line(err)})"))
        return
    try:
        documents = _compose(text)  # for the line numbers
    except yaml.YAMLError:
        documents = _compose(json.dumps(json.loads(text), indent=0))  # e.g. tabs; lines lost
    for document in documents:
        _read_tree(document, rel, found)


def read_peft(path: Path, rel: str, data: bytes | None, found: Found) -> None:
    """A PEFT adapter: `base_model_name_or_path` is the model it adapts (kind `peft`)."""
    import yaml

    assert data is not None
    try:
        documents = _compose(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, yaml.YAMLError) as err:
        found.problems.append(ScanProblem(rel, f"not read: not valid JSON ({_first_line(err)})"))
        return
    for document in documents:
        for key, value in _pairs(document):
            if key == "base_model_name_or_path" and _is_scalar(value):
                revision = _scalar_at(document, "revision")
                _reference(found, rel, value.start_mark.line + 1, "peft", value.value, revision)


def _first_line(err: Exception) -> str:
    return str(err).splitlines()[0] if str(err) else type(err).__name__


def _is_scalar(node: Any) -> bool:
    import yaml

    return isinstance(node, yaml.ScalarNode) and isinstance(node.value, str)


def _pairs(node: Any) -> Iterator[tuple[str, Any]]:
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if _is_scalar(key):
                yield key.value, value


def _scalar_at(node: Any, name: str) -> str | None:
    for key, value in _pairs(node):
        if key == name and _is_scalar(value):
            return str(value.value)
    return None


def _read_tree(document: Any, rel: str, found: Found) -> None:
    """Walk one composed document once (aliases included), within a node budget."""
    import yaml

    top_keys = {key for key, _ in _pairs(document)}
    in_mergekit = "merge_method" in top_keys
    seen: set[int] = set()
    # (node, key it is the value of, inside litellm_params)
    stack: list[tuple[Any, str | None, bool]] = [(document, None, False)]
    budget = _MAX_NODES
    while stack:
        node, parent_key, litellm = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        budget -= 1
        if budget < 0:
            found.problems.append(ScanProblem(rel, "partly read: more nodes than the limit"))
            return
        line = node.start_mark.line + 1
        if isinstance(node, yaml.ScalarNode):
            value = str(node.value)
            if parent_key in MODEL_KEYS:
                if litellm and parent_key == "model":
                    kind: ReferenceKind = "litellm"
                elif in_mergekit and parent_key in ("model", "base_model"):
                    kind = "mergekit"
                else:
                    kind = "config"
                _reference(found, rel, line, kind, value)
            elif parent_key in MODEL_ENV:
                _reference(found, rel, line, "tgi" if parent_key == "MODEL_ID" else "env", value)
            elif "=" in value and value.split("=", 1)[0] in MODEL_ENV:  # compose `- MODEL=x`
                name, _, setting = value.partition("=")
                _reference(found, rel, line, "tgi" if name == "MODEL_ID" else "env", setting)
            elif " " in value and ("--model" in value or "serve" in value):
                _cli([(token, line) for token in _split(value)], found, rel)
        elif isinstance(node, yaml.SequenceNode):
            items = node.value
            if items and all(_is_scalar(item) for item in items):
                _cli([(item.value, item.start_mark.line + 1) for item in items], found, rel)
            stack.extend((item, None, litellm) for item in reversed(items))
        elif isinstance(node, yaml.MappingNode):
            pairs = dict(_pairs(node))
            env_name = _scalar_at(node, "name")
            if env_name in MODEL_ENV and "value" in pairs and _is_scalar(pairs["value"]):
                value_node = pairs["value"]
                kind = "tgi" if env_name == "MODEL_ID" else "env"
                _reference(found, rel, value_node.start_mark.line + 1, kind, value_node.value)
            for key, value in reversed(list(_pairs(node))):
                stack.append((value, key, litellm or key == "litellm_params"))


# --- TOML --------------------------------------------------------------------------------------


def read_toml(path: Path, rel: str, data: bytes | None, found: Found) -> None:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10: TOML configs are not read
        return
    assert data is not None
    if not _worth_parsing(data):
        return
    try:
        text = data.decode("utf-8")
        document = tomllib.loads(text)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        found.problems.append(ScanProblem(rel, f"not read: not valid TOML ({_first_line(err)})"))
        return
    lines = text.splitlines()
    stack: list[tuple[Any, str | None]] = [(document, None)]
    while stack:
        value, key = stack.pop()
        if isinstance(value, dict):
            stack.extend((item, str(name)) for name, item in value.items())
        elif isinstance(value, list):
            stack.extend((item, key) for item in value)
        elif isinstance(value, str) and (key in MODEL_KEYS or key in MODEL_ENV):
            # tomllib keeps no positions: the first line that has the key and the value.
            line = next(
                (
                    n
                    for n, text_line in enumerate(lines, 1)
                    if value in text_line and key in text_line
                ),
                0,
            )
            _reference(found, rel, line, "config", value)
