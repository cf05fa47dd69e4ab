"""What a pull request cannot approve for itself (DESIGN.md §6): approvals read from a git ref.

In CI the manifest comes from the pull request, so its author writes every byte of it. With
``check --trusted-ref REF`` a waiver, an attestation or a sign-off entry counts only when the
same record (the same data, `x-` keys aside) is in the same file at ``REF``, read with
``git show COMMIT:path`` (no checkout), or when its approver signed it with an SSH key that the
``allowed_signers`` file *at REF* allows (licensegate.signing, licensegate.approvals). Anything
else is reported (``waiver-untrusted``,
``attestation-untrusted``, ``signoff-untrusted``) and removed before evaluation, so no engine
ever sees it. Without ``--trusted-ref`` every record applies and the report says ``trust: local``.

git runs with a fixed argument list (no shell), the ref is resolved once to a commit id, and
paths are repository-relative paths of files whose real path is inside the repository.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
from dataclasses import dataclass, field, replace
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
    allowed_signers: str = field(default=".licensegate/allowed_signers")
    """Repository path of the SSH allowed-signers file, read at :attr:`commit`."""

    @functools.cached_property
    def signers(self) -> bytes | None:
        """The allowed-signers file at the commit; None when there is none (no signature counts)."""
        return self.read(os.path.join(self.root, self.allowed_signers))

    def verified(self, document: dict[str, Any], signature: Any, principal: Any) -> bool:
        """Whether ``signature`` signs ``document`` for ``principal`` by an allowed signer."""
        from licensegate.signing import verify

        signers = self.signers
        if not signers or not isinstance(principal, str) or not signature:
            return False
        return verify(document, signature, principal, signers)

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


def repository_path(path: Path) -> str:
    """``path`` relative to the top of its git repository (what a signature names)."""
    folder = str(path.parent) or "."
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise TrustError(
            f"{path} is not in a git repository: a signature names its repository path"
        )
    root = os.path.realpath(top.stdout.decode("utf-8", "replace").strip())
    relative = TrustedRef(root, "", "").relative(path)
    if relative is None:
        raise TrustError(f"{path} lies outside its repository {root}")
    return relative


def open_ref(ref: str, near: Path, allowed_signers: str | None = None) -> TrustedRef:
    """Resolve ``ref`` in the repository that holds ``near``; TrustError when it cannot."""
    if allowed_signers is not None:
        parts = PurePosixPath(allowed_signers).parts
        if not parts or allowed_signers.startswith("/") or ".." in parts:
            raise TrustError(
                f"--allowed-signers {allowed_signers!r} must be a path inside the repository"
            )
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
    commit = resolved.stdout.decode("ascii").strip()
    if allowed_signers is None:
        return TrustedRef(root, ref, commit)
    return TrustedRef(root, ref, commit, allowed_signers)


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
    signed = _signed_approvals(manifest, trusted, warnings)
    for key, kind, who in _KINDS:
        known = {canonical(record) for record in base.get(key, [])}
        kept = []
        for index, record in enumerate(data.get(key, [])):
            if canonical(record) in known or _approved(record, kind, who, signed, trusted):
                kept.append(record)
                continue
            subject = f" for {record['subject']}" if record.get("subject") else ""
            warnings.append(
                ReportWarning(
                    f"{kind}-untrusted",
                    f"the {kind} of {record.get('clause')}{subject} (by {record.get(who)}) is "
                    f"not in this manifest at {trusted.ref} ({trusted.commit[:12]}) and not "
                    f"signed by {record.get(who)} with a key allowed in "
                    f"{trusted.allowed_signers} there: an approval added or changed in this "
                    "change does not apply until it is merged or signed (licensegate approve)",
                    manifest.line_of((key, index)),
                    blocking=False,
                )
            )
        if key in data:
            data[key] = kept
    return replace(manifest, data=data), warnings


def _signed_approvals(
    manifest: Any, trusted: TrustedRef, warnings: list[ReportWarning]
) -> tuple[str, list[dict[str, Any]]]:
    """The manifest's repository path and the entries of its approvals file (read only when
    some signer is allowed at the ref: without one no signature can count)."""
    from licensegate.approvals import ApprovalsError, approvals_path, read_approvals

    where = trusted.relative(manifest.path)
    if where is None or not trusted.signers:
        return "", []
    try:
        return where, read_approvals(approvals_path(manifest.path))
    except ApprovalsError as err:
        warnings.append(ReportWarning("approvals-invalid", str(err), None, blocking=False))
        return where, []


def _approved(
    record: Any,
    kind: str,
    who: str,
    signed: tuple[str, list[dict[str, Any]]],
    trusted: TrustedRef,
) -> bool:
    """Whether a signed approval in the approvals file covers exactly ``record``, signed by
    the record's own approver with a key allowed at the ref."""
    from licensegate.approvals import signed_document

    where, entries = signed
    if not entries or not isinstance(record, dict):
        return False
    return any(
        entry["kind"] == kind
        and canonical(entry["record"]) == canonical(record)
        and trusted.verified(
            signed_document(kind, where, record), entry["signature"], record.get(who)
        )
        for entry in entries
    )


def trusted_signoffs(path: Path, entries: list[Any], trusted: TrustedRef) -> tuple[list[Any], int]:
    """The sign-off entries that are also in the record at the ref or signed by their approver
    with an allowed key, and how many are neither."""
    from licensegate.signoff import SIGNOFF_SUFFIX, signed_document

    raw = trusted.read(path)
    known: set[str] = set()
    if raw is not None:
        try:
            document = json.loads(raw)
            known = {canonical(item) for item in document.get("signoffs", [])}
        except (ValueError, AttributeError, TypeError):
            known = set()
    manifest_path = trusted.relative(path.with_name(path.name.removesuffix(SIGNOFF_SUFFIX)))
    kept = [
        entry
        for entry in entries
        if canonical(entry.to_dict()) in known
        or (
            manifest_path is not None
            and entry.signature
            and trusted.verified(signed_document(entry, manifest_path), entry.signature, entry.by)
        )
    ]
    return kept, len(entries) - len(kept)


def untrusted_signoffs(path: Path, dropped: int, trusted: TrustedRef) -> ReportWarning:
    """The ``signoff-untrusted`` warning: ``dropped`` entries of the record at ``path`` are
    neither at the ref nor signed, so they do not count."""
    return ReportWarning(
        "signoff-untrusted",
        f"{dropped} sign-off entr{'y' if dropped == 1 else 'ies'} of {path.name} "
        f"{'is' if dropped == 1 else 'are'} not in the record at {trusted.ref} "
        f"({trusted.commit[:12]}): a sign-off added in this change does not count",
        None,
        blocking=False,
    )
