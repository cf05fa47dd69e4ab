"""Walk a repository and hand each file that can name a model to its reader (DESIGN.md §7).

The tree is hostile (it comes with the pull request): directory symlinks are never followed, a
file symlink is read only when its target stays under the root, only regular files are opened,
every read is capped, and the walk stops after a bounded number of entries. Whatever could not be
read becomes a `ScanProblem` naming the file, so a partial scan never looks like a clean one.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from licensegate.errors import LicensegateError
from licensegate.scan.evidence import ModelCard, ModelReference, ScanProblem, ScanResult

# Folders that hold other people's code or tool state, never the project's own model use.
SKIPPED_DIRS = frozenset(
    {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox", ".nox",
     ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages", ".eggs", ".idea", ".vscode"}
)  # fmt: skip

MAX_ENTRIES = 200_000  # files and folders looked at; past this the scan stops with a problem
MAX_TEXT_BYTES = 2 * 1024 * 1024  # a source or config file larger than this is not read
MAX_NOTEBOOK_BYTES = 16 * 1024 * 1024  # notebooks carry outputs (images), so allow more


class ScanError(LicensegateError):
    """A path given to `scan` does not exist or lies outside the root (exit 2)."""


@dataclass
class Found:
    """What readers add to while the walk goes on."""

    references: list[ModelReference]
    cards: list[ModelCard]
    problems: list[ScanProblem]
    ignored: frozenset[str] = frozenset()  # root-relative POSIX paths git ignores (folders: a/)


# A reader gets the file's absolute path, its path relative to the root (POSIX), its bytes
# (None for readers that open the file themselves, e.g. GGUF) and what was found so far.
Reader = Callable[[Path, str, "bytes | None", Found], None]


def _reader_for(name: str) -> tuple[Reader, int | None] | None:
    """The reader for a file name and the most bytes it may read (None: the reader opens it)."""
    from licensegate.scan import artifacts, configs, python_source

    lowered = name.lower()
    suffix = lowered.rsplit(".", 1)[-1] if "." in lowered else ""
    if suffix == "py":
        return python_source.read_python, MAX_TEXT_BYTES
    if suffix == "ipynb":
        return python_source.read_notebook, MAX_NOTEBOOK_BYTES
    if suffix == "gguf":
        return artifacts.read_gguf, None
    if suffix == "safetensors":
        return artifacts.read_safetensors, None
    if lowered == "readme.md":
        return artifacts.read_model_card, MAX_TEXT_BYTES
    if lowered == "config.json":
        return artifacts.read_model_config, MAX_TEXT_BYTES
    if lowered == "adapter_config.json":
        return configs.read_peft, MAX_TEXT_BYTES
    if suffix in ("yaml", "yml"):
        return configs.read_yaml, MAX_TEXT_BYTES
    if suffix == "json":
        return configs.read_json, MAX_TEXT_BYTES
    if suffix == "toml":
        return configs.read_toml, MAX_TEXT_BYTES
    if lowered == "modelfile" or suffix == "modelfile":
        return configs.read_modelfile, MAX_TEXT_BYTES
    if (
        lowered.startswith("dockerfile")
        or suffix in ("dockerfile", "sh", "bash", "env")
        or lowered in ("procfile", ".env", "makefile")
        or lowered.startswith(".env.")
    ):
        return configs.read_shell_like, MAX_TEXT_BYTES
    return None


def _display(path: str) -> str:
    """A path as it can be printed and put in JSON: undecodable bytes shown as `\\xNN`."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _relative(path: Path, root: Path) -> str:
    rel = os.path.relpath(path, root)
    return _display(Path(rel).as_posix()) if rel != "." else "."


def scan(
    paths: Iterable[Path | str],
    *,
    root: Path | str,
    max_entries: int = MAX_ENTRIES,
    gitignore: bool = True,
) -> ScanResult:
    """Every model reference, model card and unreadable part under `paths` (default: root).

    Paths are files or folders inside `root`; evidence paths are relative to `root`. With
    `gitignore`, files git ignores (untracked and matched by .gitignore) are skipped when the
    root is in a git work tree: they are not part of what a pull request ships.
    """
    root_path = Path(os.path.realpath(root))
    if not root_path.is_dir():
        raise ScanError(f"{root}: not a folder")
    targets = list(paths) or [root_path]
    found = Found([], [], [])
    found.ignored = _git_ignored(root_path) if gitignore else frozenset()
    budget = [max_entries]
    for target in targets:
        absolute = Path(os.path.abspath(target))
        real = Path(os.path.realpath(absolute))
        if not _inside(real, root_path):
            raise ScanError(f"{target}: outside the scanned root {root}")
        if not os.path.lexists(absolute):
            raise ScanError(f"{target}: no such file or folder")
        if real.is_dir():
            _walk(real, root_path, found, budget)
        else:
            _visit_file(absolute, root_path, found)
    return ScanResult(
        root=str(root_path),
        references=tuple(sorted(set(found.references), key=_reference_key)),
        cards=tuple(sorted(set(found.cards), key=lambda c: (c.evidence, c.model_id))),
        problems=tuple(sorted(set(found.problems), key=lambda p: (p.path, p.message))),
    )


def _git_ignored(root: Path) -> frozenset[str]:
    """Untracked paths that .gitignore excludes, relative to `root`; empty when `root` is not in
    a git work tree or git is missing. A tracked file is never in it, even if a pattern matches."""
    import subprocess

    try:
        done = subprocess.run(
            # core.fsmonitor names a command git would run: a scanned tree's own .git/config
            # must not get to run anything.
            [
                "git",
                "-c",
                "core.fsmonitor=false",
                "ls-files",
                "-z",
                "--others",
                "--ignored",
                "--exclude-standard",
                "--directory",
            ],  # fmt: skip
            cwd=root,
            capture_output=True,
            timeout=30,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"},
        )
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    if done.returncode != 0:
        return frozenset()
    return frozenset(os.fsdecode(item) for item in done.stdout.split(b"\0") if item)


def _reference_key(reference: ModelReference) -> tuple[str, str, int, str]:
    return (
        (reference.model_id or "").lower(),
        reference.evidence.path,
        reference.evidence.line,
        reference.expression or "",
    )


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _walk(top: Path, root: Path, found: Found, budget: list[int]) -> None:
    from licensegate.scan import artifacts

    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as err:
            found.problems.append(
                ScanProblem(_relative(folder, root), f"cannot list: {err.strerror}")
            )
            continue
        if any(e.name == "pyvenv.cfg" for e in entries):
            continue  # a virtualenv, whatever it is called
        subfolders = []
        for entry in entries:
            budget[0] -= 1
            if budget[0] < 0:
                found.problems.append(
                    ScanProblem(
                        _relative(folder, root),
                        "scan stopped: more files and folders than the limit; scan sub-folders",
                    )
                )
                return
            try:
                is_link = entry.is_symlink()
                is_dir = not is_link and entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if not is_dir and _reader_for(entry.name) is None:
                continue  # most files: no reader, so no Path, no stat
            path = Path(entry.path)
            if found.ignored:
                rel = os.path.relpath(path, root).replace(os.sep, "/")
                if (rel + "/" if is_dir else rel) in found.ignored:
                    continue
            if is_dir:
                if entry.name in SKIPPED_DIRS:
                    continue
                if entry.name.startswith("models--"):
                    artifacts.read_hf_cache_folder(path, _relative(path, root), found)
                subfolders.append(path)
            elif is_link:
                _visit_link(path, root, found)
            else:
                _visit_file(path, root, found)
        stack.extend(reversed(subfolders))


def _visit_link(path: Path, root: Path, found: Found) -> None:
    """A symlink: a file inside the root is read; a folder is never followed (no loops)."""
    if _reader_for(path.name) is None:
        return
    real = Path(os.path.realpath(path))
    if not _inside(real, root):
        found.problems.append(
            ScanProblem(_relative(path, root), "not read: a symlink that leaves the scanned root")
        )
        return
    if real.is_dir():
        return
    _visit_file(path, root, found)


def _visit_file(path: Path, root: Path, found: Found) -> None:
    choice = _reader_for(path.name)
    if choice is None:
        return
    reader, cap = choice
    rel = _relative(path, root)
    try:
        info = os.stat(path)
    except OSError as err:
        found.problems.append(ScanProblem(rel, f"cannot read: {err.strerror}"))
        return
    if not stat.S_ISREG(info.st_mode):
        found.problems.append(ScanProblem(rel, "not read: not a regular file"))
        return
    data: bytes | None = None
    if cap is not None:
        if info.st_size > cap:
            found.problems.append(
                ScanProblem(rel, f"not read: {info.st_size} bytes, over the {cap}-byte cap")
            )
            return
        try:
            with open(path, "rb") as stream:
                data = stream.read(cap + 1)
        except OSError as err:
            found.problems.append(ScanProblem(rel, f"cannot read: {err.strerror}"))
            return
        if len(data) > cap:  # grew while we looked
            found.problems.append(ScanProblem(rel, f"not read: over the {cap}-byte cap"))
            return
    try:
        reader(path, rel, data, found)
    except RecursionError:
        found.problems.append(ScanProblem(rel, "not read: nested too deeply"))
