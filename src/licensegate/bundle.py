"""Build an OPA bundle of the policy library (``licensegate bundle build``).

The bundle is what ``opa run --server --bundle bundle.tar.gz`` or a bundle service serves to a
fleet; ``check --engine opa --opa-preloaded`` then evaluates against it. It holds:

- ``.manifest``: ``{"revision": <library digest>, "roots": [...]}``, the revision being the digest
  the reports carry (``policy.digest``);
- every policy module at its path under the policies folder, without the ``*_test.rego`` files;
- every ``data.json`` at its folder's path, as the library merges them, plus
  ``licensegate/data.json`` with ``{"revision": <digest>}``, so a client can check which revision
  a server has (``GET /v1/data/licensegate/revision``) before it trusts a decision.

The archive is deterministic: sorted entries, fixed times and owners, no gzip name or time, so
the same library always gives the same bytes.
"""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from licensegate.errors import PolicyError
from licensegate.policy import PolicyLibrary

REVISION_KEY = "revision"
"""``data.licensegate.revision`` (the remote engine reads the same key)."""


@dataclass(frozen=True)
class BundleInfo:
    """What ``build`` wrote."""

    path: Path
    revision: str
    roots: list[str]
    policies: int
    data_files: int
    size: int


def bundle_files(library: PolicyLibrary, extra: Iterable[Path] = ()) -> dict[str, bytes]:
    """The bundle's files by path: ``.manifest``, the modules and the data documents.

    ``extra`` must be the organisation policy folders the library was loaded with: the data
    documents are read again from disk (the library keeps them merged), and must merge to the
    library's data, or the bundle would not match the revision it claims.
    """
    documents = _data_documents(library.root, extra)
    merged: dict[str, Any] = {}
    for folder, document in documents.items():
        _merge(merged, folder, document)
    if merged != library.data:
        raise PolicyError("the data.json files changed while the bundle was built; build it again")
    licensegate = documents.setdefault(("licensegate",), {})
    if REVISION_KEY in licensegate:
        raise PolicyError(f"policies/licensegate/data.json may not define {REVISION_KEY!r}")
    licensegate[REVISION_KEY] = library.digest
    files: dict[str, bytes] = {}
    for module in library.policy_modules:
        files[module.name] = module.source.encode("utf-8")
    for folder, document in documents.items():
        files["/".join((*folder, "data.json"))] = _json(document)
    roots = sorted(
        {m.package.split(".")[0] for m in library.policy_modules}
        | {folder[0] for folder in documents if folder}
    )
    if any(not folder for folder in documents):
        roots = [""]  # data at the top of the tree: the bundle owns everything
    files[".manifest"] = _json({"revision": library.digest, "roots": roots})
    return files


def build(library: PolicyLibrary, output: Path, extra: Iterable[Path] = ()) -> BundleInfo:
    """Write the bundle to ``output`` atomically (a temporary file, then a rename)."""
    files = bundle_files(library, extra)
    archive = _archive(files)
    from licensegate.safe_write import atomic_output

    # NOTE: like every -o: never through a symlink or onto a device, the umask's mode, no
    # temporary file left behind.
    with atomic_output(output, binary=True) as stream:
        stream.write(archive)  # type: ignore[arg-type]
    manifest = json.loads(files[".manifest"])
    return BundleInfo(
        path=output,
        revision=library.digest,
        roots=manifest["roots"],
        policies=sum(1 for name in files if name.endswith(".rego")),
        data_files=sum(1 for name in files if name.endswith("data.json")),
        size=len(archive),
    )


def _archive(files: dict[str, bytes]) -> bytes:
    raw = io.BytesIO()
    # NOTE: mtime=0 and no file name in the gzip header, fixed tar metadata: reproducible bytes.
    with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as compressed:
        with tarfile.open(fileobj=compressed, mode="w", format=tarfile.PAX_FORMAT) as tar:
            for name in sorted(files):
                content = files[name]
                info = tarfile.TarInfo(name)
                info.size = len(content)
                info.mode = 0o644
                info.mtime = 0
                info.uid = info.gid = 0
                info.uname = info.gname = ""
                tar.addfile(info, io.BytesIO(content))
    return raw.getvalue()


def _data_documents(root: Path, extra: Iterable[Path]) -> dict[tuple[str, ...], dict[str, Any]]:
    """Every data.json below the policy folders, by folder path (as PolicyLibrary places them)."""
    documents: dict[tuple[str, ...], dict[str, Any]] = {}
    for base in (root, *extra):
        for path in sorted(base.rglob("data.json")):
            folder = path.parent.relative_to(base).parts
            try:
                value = json.loads(path.read_bytes())
            except (OSError, ValueError) as err:
                raise PolicyError(f"{path}: cannot read data: {err}") from None
            if not isinstance(value, dict):
                raise PolicyError(f"{path}: top level must be an object")
            target = documents.setdefault(folder, {})
            for key, item in value.items():
                if key in target:
                    raise PolicyError(f"{path}: key {key!r} is defined twice")
                target[key] = item
    return documents


def _merge(target: dict[str, Any], folder: tuple[str, ...], document: dict[str, Any]) -> None:
    for part in folder:
        target = target.setdefault(part, {})
    target.update(document)


def _json(value: Any) -> bytes:
    return (json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


__all__ = ["BundleInfo", "build", "bundle_files"]
