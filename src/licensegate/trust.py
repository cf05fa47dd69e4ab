"""What a pull request cannot approve for itself (DESIGN.md §6): approvals read from a git ref.

In CI the manifest comes from the pull request, so its author writes every byte of it. With
``check --trusted-ref REF`` a waiver, an attestation or a sign-off entry counts only when the
same record (the same data, `x-` keys aside) is in the same file at ``REF``, read with
``git show COMMIT:path`` (no checkout). Anything else is reported (``waiver-untrusted``,
``attestation-untrusted``, ``signoff-untrusted``) and removed before evaluation, so no engine
ever sees it. Without ``--trusted-ref`` every record applies and the report says ``trust: local``.

git runs with a fixed argument list (no shell), the ref is resolved once to a commit id, and
paths are repository-relative paths of files whose real path is inside the repository.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from licensegate.errors import LicensegateError
from licensegate.report import ReportWarning

MAX_BYTES = 4 * 1024 * 1024
"""Largest file read from the ref (a manifest or a sign-off record)."""
_TIMEOUT = 30.0
_ENV = {"GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}


class TrustError(LicensegateError):
    """The trusted ref cannot be used (not a repository, unknown ref, git missing)."""


def _git(root: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", root, *args],
            capture_output=True,
            timeout=_TIMEOUT,
            env={**os.environ, **_ENV},
            check=False,
        )
    except FileNotFoundError:
        raise TrustError("--trusted-ref needs git, which is not installed") from None
    except subprocess.TimeoutExpired:
        raise TrustError(f"--trusted-ref: git {args[0]} did not answer in time") from None


@dataclass(frozen=True)
class TrustedRef:
    """A commit whose files hold the approvals that count."""

    root: str
    """The repository's top folder (real path)."""
    ref: str
    """The ref as the user named it."""
    commit: str
    """The commit it resolved to when the run started."""

    def to_dict(self) -> dict[str, Any]:
        """The report's ``trust`` field."""
        return {"mode": "trusted-ref", "ref": self.ref, "commit": self.commit}

    def label(self) -> str:
        """The ``trust:`` line of the text and Markdown reports."""
        return f"{self.commit[:12]} ({self.ref})"

    def relative(self, path: str | Path) -> str | None:
        """``path`` relative to the repository, or None when it lies outside it."""
        real = os.path.realpath(path)
        if os.path.commonpath([real, self.root]) != self.root:
            return None
        relative = PurePosixPath(Path(os.path.relpath(real, self.root)).as_posix())
        if ".." in relative.parts or relative.is_absolute():
            return None
        return str(relative)

    def read(self, path: str | Path) -> bytes | None:
        """The bytes of ``path`` at the commit; None when it does not exist there."""
        relative = self.relative(path)
        if relative is None:
            return None
        size = _git(self.root, "cat-file", "-s", f"{self.commit}:{relative}")
        if size.returncode != 0:
            return None
        if int(size.stdout.strip() or 0) > MAX_BYTES:
            raise TrustError(f"{relative} at {self.ref} is larger than {MAX_BYTES} bytes")
        shown = _git(self.root, "show", "--no-textconv", f"{self.commit}:{relative}", "--")
        return shown.stdout if shown.returncode == 0 else None


def open_ref(ref: str, near: Path) -> TrustedRef:
    """Resolve ``ref`` in the repository that holds ``near``; TrustError when it cannot."""
    if not ref or ref.startswith("-") or ":" in ref or any(ord(c) < 32 for c in ref):
        raise TrustError(f"--trusted-ref {ref!r} is not a branch, tag or commit name")
    folder = str(near if near.is_dir() else near.parent) or "."
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise TrustError(f"--trusted-ref needs a git repository; {near} is not in one")
    root = os.path.realpath(top.stdout.decode("utf-8", "replace").strip())
    resolved = _git(
        root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"
    )
    if resolved.returncode != 0:
        raise TrustError(
            f"--trusted-ref {ref!r} is not a commit in {root} (fetch it first, e.g. "
            f"git fetch origin {ref})"
        )
    return TrustedRef(root, ref, resolved.stdout.decode("ascii").strip())


def canonical(record: Any) -> str:
    """A record as compared with its trusted copy: JSON with sorted keys, `x-` keys left out."""
    if isinstance(record, dict):
        record = {k: v for k, v in record.items() if not str(k).startswith("x-")}
    return json.dumps(record, sort_keys=True, ensure_ascii=True, separators=(",", ":"))


_KINDS = (("waivers", "waiver", "approved_by"), ("attestations", "attestation", "by"))


def filter_manifest(manifest: Any, trusted: TrustedRef) -> tuple[Any, list[ReportWarning]]:
    """The manifest with only the waivers and attestations present at the ref, and a warning
    for each one left out."""
    from licensegate.manifest import parse_manifest_text

    raw = trusted.read(manifest.path)
    base: dict[str, Any] = {}
    if raw is not None:
        try:
            base = parse_manifest_text(raw, manifest.path).data
        except LicensegateError:
            base = {}  # NOTE: an invalid manifest at the ref approves nothing
    data = dict(manifest.data)
    warnings: list[ReportWarning] = []
    for field, kind, who in _KINDS:
        known = {canonical(record) for record in base.get(field, [])}
        kept = []
        for index, record in enumerate(data.get(field, [])):
            if canonical(record) in known:
                kept.append(record)
                continue
            subject = f" for {record['subject']}" if record.get("subject") else ""
            warnings.append(
                ReportWarning(
                    f"{kind}-untrusted",
                    f"the {kind} of {record.get('clause')}{subject} (by {record.get(who)}) is "
                    f"not in this manifest at {trusted.ref} ({trusted.commit[:12]}): an "
                    f"approval added or changed in this change does not apply until it is "
                    "merged there",
                    manifest.line_of((field, index)),
                    blocking=False,
                )
            )
        if field in data:
            data[field] = kept
    return replace(manifest, data=data), warnings


def trusted_signoffs(path: Path, entries: list[Any], trusted: TrustedRef) -> tuple[list[Any], int]:
    """The sign-off entries that are also in the record at the ref, and how many are not."""
    from dataclasses import asdict

    raw = trusted.read(path)
    known: set[str] = set()
    if raw is not None:
        try:
            document = json.loads(raw)
            known = {canonical(item) for item in document.get("signoffs", [])}
        except (ValueError, AttributeError, TypeError):
            known = set()
    kept = [entry for entry in entries if canonical(asdict(entry)) in known]
    return kept, len(entries) - len(kept)
