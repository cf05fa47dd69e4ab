"""Model references in Python source and notebooks, read with `ast` (never regex).

A call that loads a model names it in a known argument. A literal is read as is; a name bound
once in the file to a string literal is resolved; `os.environ.get("X", "org/name")` gives its
default; anything else (f-strings, function results, names bound twice) is reported unresolved
with its source text, so the reader sees the model it could not name. Besides the calls, every
string literal that is a model id the catalog knows counts: a table of model ids is still use.
"""

from __future__ import annotations

import ast
import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from licensegate.scan.evidence import Evidence, ModelReference, ReferenceKind, ScanProblem
from licensegate.scan.ids import catalog, in_catalog, normalise

if TYPE_CHECKING:
    from licensegate.scan.walk import Found

# Callee name (the last attribute) -> (positional index of the model, keyword names).
_LOADERS: dict[str, tuple[int | None, tuple[str, ...]]] = {
    "from_pretrained": (0, ("pretrained_model_name_or_path", "model_id", "model_name")),
    "pipeline": (1, ("model",)),
    "hf_hub_download": (0, ("repo_id",)),
    "snapshot_download": (0, ("repo_id",)),
    "SentenceTransformer": (0, ("model_name_or_path",)),
    "CrossEncoder": (0, ("model_name", "model_name_or_path")),
    "from_single_file": (0, ("pretrained_model_link_or_path",)),  # diffusers
    "LLM": (0, ("model",)),  # vLLM's offline engine
    "AsyncEngineArgs": (None, ("model",)),
    "EngineArgs": (None, ("model",)),
    # LangChain and LlamaIndex Hugging Face classes
    "HuggingFaceEmbeddings": (None, ("model_name",)),
    "HuggingFaceBgeEmbeddings": (None, ("model_name",)),
    "HuggingFaceEmbedding": (None, ("model_name",)),
    "HuggingFaceEndpoint": (None, ("repo_id", "model")),
    "HuggingFaceHub": (None, ("repo_id",)),
    "HuggingFaceLLM": (None, ("model_name", "tokenizer_name")),
    "HuggingFaceInferenceAPI": (None, ("model_name",)),
    "HuggingFaceInferenceAPIEmbedding": (None, ("model_name",)),
    "from_model_id": (0, ("model_id",)),
}
_REVISION_KEYWORDS = ("revision",)
_MAX_EXPRESSION = 120


@cache
def _trigger_words() -> tuple[bytes, ...]:
    """Bytes (lowercase) a file must contain for the `ast` reader to find anything: a loader's
    name or a catalog organisation (for model-id literals). Parsing dominates a scan's time and
    most files hold neither. Non-ASCII files are always parsed (NFKC can turn them into an id)."""
    organisations = {key.split("/", 1)[0] for key in catalog()}
    return tuple(sorted({word.lower().encode() for word in (*_LOADERS, *organisations)}))


def _worth_parsing(data: bytes) -> bool:
    if not data.isascii():
        return True
    lowered = data.lower()
    return any(word in lowered for word in _trigger_words())


def read_python(path: Path, rel: str, data: bytes | None, found: Found) -> None:
    assert data is not None
    if not _worth_parsing(data):
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        found.problems.append(ScanProblem(rel, "not read: not UTF-8"))
        return
    _read_source(text, rel, "python", found, lambda line: line)


def read_notebook(path: Path, rel: str, data: bytes | None, found: Found) -> None:
    """Code cells, joined with their line numbers mapped back to the .ipynb file."""
    assert data is not None
    try:
        text = data.decode("utf-8-sig")
        notebook = json.loads(text)
        cells = notebook["cells"] if isinstance(notebook, dict) else None
        if not isinstance(cells, list):
            raise ValueError("no cells")
    except (UnicodeDecodeError, ValueError, KeyError) as err:
        found.problems.append(ScanProblem(rel, f"not read: not a notebook ({err})"))
        return
    raw_lines = text.splitlines()
    cursor = 0
    for cell in cells:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        lines = source if isinstance(source, list) else str(source).splitlines(keepends=True)
        lines = [str(line) for line in lines]
        file_lines: list[int] = []
        for line in lines:
            # nbformat writes one source line per JSON line; find it to report the file's line.
            needle = json.dumps(line.rstrip("\n"))[:-1]
            at = next((i for i in range(cursor, len(raw_lines)) if needle in raw_lines[i]), cursor)
            cursor = at
            file_lines.append(at + 1)
        # IPython magics and shell escapes are not Python; keep their lines so numbers match.
        code = "".join(
            "\n" if line.lstrip().startswith(("%", "!", "?")) else line.rstrip("\n") + "\n"
            for line in lines
        )
        _read_source(
            code,
            rel,
            "notebook",
            found,
            lambda n, fl=file_lines: fl[n - 1] if 0 < n <= len(fl) else (fl[-1] if fl else 0),
        )


def _read_source(text: str, rel: str, kind: ReferenceKind, found: Found, line_of) -> None:  # type: ignore[no-untyped-def]
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, MemoryError) as err:
        found.problems.append(ScanProblem(rel, f"not read: not valid Python ({err})"))
        return
    # One pass over the tree (it dominates the scan's time): loader calls, string literals and
    # name bindings are collected, then resolved against each other.
    calls: list[tuple[ast.Call, ast.expr]] = []
    literals: list[ast.Constant] = []
    bound: dict[str, str | None] = {}
    loaded: dict[str, bool] = {}  # name -> bound once, to what a loader returned (a model object)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, str) and ("/" in value or not value.isascii()):
                literals.append(node)
        elif isinstance(node, ast.Call):
            name = _callee(node.func)
            if name in _LOADERS:
                position, keywords = _LOADERS[name]
                if name == "from_pretrained" and _is_peft_model(node.func):
                    position, keywords = 1, ("model_id",)  # PeftModel.from_pretrained(base, id)
                argument = _argument(node, position, keywords)
                if argument is not None:
                    calls.append((node, argument))
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.NamedExpr)):
            _bind(node, bound, loaded)
    consumed: set[int] = set()  # literal nodes already reported through a call
    for call, argument in calls:
        if isinstance(argument, ast.Name) and loaded.get(argument.id):
            continue  # `pipeline(model=model)`: the object was reported where it was loaded
        model_id, expression = _resolve(argument, bound)
        consumed.update(id(n) for n in ast.walk(argument))
        if model_id is None and expression is None:
            continue  # a literal local path: not a model
        revision_node = _argument(call, None, _REVISION_KEYWORDS)
        revision = None
        if revision_node is not None:
            revision, _ = _resolve_text(revision_node, bound)
        line = line_of(getattr(argument, "lineno", call.lineno))
        found.references.append(
            ModelReference(Evidence(rel, line, kind), model_id, revision, expression)
        )
    for literal in literals:
        if id(literal) in consumed:
            continue
        model_id = normalise(str(literal.value))
        if model_id is not None and in_catalog(model_id):
            found.references.append(
                ModelReference(Evidence(rel, line_of(literal.lineno), kind), model_id)
            )


def _callee(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _is_env_lookup(func: ast.expr) -> bool:
    """`os.getenv(...)`, `getenv(...)` or `os.environ.get(...)` / `environ.get(...)`."""
    if _callee(func) == "getenv":
        return True
    return (
        isinstance(func, ast.Attribute) and func.attr == "get" and _callee(func.value) == "environ"
    )


def _argument(call: ast.Call, position: int | None, keywords: tuple[str, ...]) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg in keywords:
            return keyword.value
    if position is not None and len(call.args) > position:
        candidate = call.args[position]
        return None if isinstance(candidate, ast.Starred) else candidate
    return None


def _is_peft_model(func: ast.expr) -> bool:
    """`PeftModel.from_pretrained` / `PeftModelForCausalLM.from_pretrained`: the adapter's id
    comes second, after the base model object."""
    receiver = func.value if isinstance(func, ast.Attribute) else None
    name = _callee(receiver) if receiver is not None else None
    return name is not None and name.startswith("PeftModel")


def _bind(node: ast.stmt | ast.expr, bound: dict[str, str | None], loaded: dict[str, bool]) -> None:
    """Record names bound to a string literal (None once bound twice: ambiguous), and names
    bound once to the result of a loader call (`loaded`)."""
    targets: list[ast.expr]
    value: ast.expr | None = None
    if isinstance(node, ast.Assign):
        targets, value = node.targets, node.value
    elif isinstance(node, ast.AnnAssign):
        targets, value = [node.target], node.value
    elif isinstance(node, (ast.AugAssign, ast.NamedExpr)):
        targets = [node.target]  # not a plain literal binding: the name becomes ambiguous
    else:
        return
    for target in targets:
        if not isinstance(target, ast.Name):
            continue
        text = value.value if isinstance(value, ast.Constant) else None
        is_load = isinstance(value, ast.Call) and _callee(value.func) in _LOADERS
        loaded[target.id] = is_load and target.id not in bound
        bound[target.id] = None if target.id in bound or not isinstance(text, str) else text


def _resolve_text(node: ast.expr, constants: dict[str, str | None]) -> tuple[str | None, str]:
    """The string a node certainly holds, or None; and its source text."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value, node.value
    if isinstance(node, ast.Name):
        return constants.get(node.id), node.id
    return None, _source(node)


def _resolve(node: ast.expr, constants: dict[str, str | None]) -> tuple[str | None, str | None]:
    """(model id, expression): (id, None) for a literal id, (None, None) for a literal that
    is not a model (a local path), (id or None, text) for anything read indirectly."""
    if isinstance(node, ast.Constant):
        return (normalise(node.value), None) if isinstance(node.value, str) else (None, None)
    if isinstance(node, ast.Call) and _is_env_lookup(node.func) and len(node.args) >= 2:
        default, _ = _resolve_text(node.args[1], constants)
        return (normalise(default) if default else None), _source(node)
    text, expression = _resolve_text(node, constants)
    if text is not None:
        model_id = normalise(text)
        return (model_id, expression) if model_id else (None, None)
    return None, expression


def _source(node: ast.expr) -> str:
    text = ast.unparse(node)
    return text if len(text) <= _MAX_EXPRESSION else text[: _MAX_EXPRESSION - 1] + "…"
