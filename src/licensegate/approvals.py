"""Signed approvals of waivers and attestations: ``<manifest>.approvals.json`` beside the manifest.

`licensegate approve MANIFEST --clause ID --sign-with KEY` signs the manifest's waiver or
attestation of that clause with the approver's SSH key and appends the signature here::

    {
      "approvals_version": 1,
      "manifest": "licensegate.yaml",
      "approvals": [
        {"kind": "waiver", "record": {"clause": "…", "approved_by": "counsel@acme.example", …},
         "signature": "-----BEGIN SSH SIGNATURE-----\\n…"}
      ]
    }

The file is written by whoever opens the pull request too, so nothing in it is believed: under
`check --trusted-ref` an approval counts only when its signature verifies (licensegate.signing)
for the record's own approver against the allowed signers at the trusted ref, and the record is
byte for byte (`x-` keys aside) the one in the manifest. Without --trusted-ref the file is not
read at all: every record applies anyway (trust: local).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from licensegate.errors import LicensegateError

APPROVALS_SUFFIX = ".approvals.json"
APPROVALS_VERSION = 1
MAX_BYTES = 4 * 1024 * 1024
KINDS = {"waiver": ("waivers", "approved_by"), "attestation": ("attestations", "by")}
"""Each kind of approval: the manifest field that holds such records, and who approves one."""


class ApprovalsError(LicensegateError):
    """The approvals file cannot be read or written."""


def approvals_path(manifest: str | Path) -> Path:
    """``<manifest>.approvals.json`` beside the manifest."""
    path = Path(manifest)
    return path.with_name(path.name + APPROVALS_SUFFIX)


def plain(record: dict[str, Any]) -> dict[str, Any]:
    """A record as it is approved: its data without `x-` keys (those carry no meaning)."""
    return {k: v for k, v in record.items() if not str(k).startswith("x-")}


def signed_document(kind: str, manifest_path: str, record: dict[str, Any]) -> dict[str, Any]:
    """What an approval's signature covers: the kind, the manifest's repository path and the
    record, so that a signed waiver cannot be copied into another manifest or changed."""
    return {"approves": kind, "manifest": manifest_path, "record": plain(record)}


def read_approvals(path: Path) -> list[dict[str, Any]]:
    """The well-formed entries of an approvals file; [] when absent. Malformed entries are
    skipped (they can only fail to approve), an unreadable or oversize file is an error."""
    from licensegate.safe_read import UnsafeRead, read_file, repository_root

    if not os.path.lexists(path):
        return []
    try:
        raw = read_file(path, root=repository_root(path), limit=MAX_BYTES)
        document = json.loads(raw)
    except UnsafeRead as err:
        raise ApprovalsError(f"{path}: {err}") from None
    except OSError as err:
        raise ApprovalsError(f"{path}: cannot read: {err.strerror}") from None
    except (ValueError, UnicodeDecodeError) as err:
        raise ApprovalsError(f"{path}: not valid JSON: {err}") from None
    if not isinstance(document, dict) or document.get("approvals_version") != APPROVALS_VERSION:
        raise ApprovalsError(f"{path}: not a licensegate approvals file (approvals_version 1)")
    entries = document.get("approvals")
    if not isinstance(entries, list):
        raise ApprovalsError(f"{path}: `approvals` must be a list")
    return [
        entry
        for entry in entries
        if isinstance(entry, dict)
        and entry.get("kind") in KINDS
        and isinstance(entry.get("record"), dict)
        and isinstance(entry.get("signature"), str)
    ]


def append_approval(manifest: Path, kind: str, record: dict[str, Any], signature: str) -> Path:
    """Add one signed approval to the manifest's approvals file (created if absent), atomically."""
    from licensegate.locking import folder_lock

    path = approvals_path(manifest)
    with folder_lock(path.parent):
        entries = read_approvals(path)
        entries.append({"kind": kind, "record": plain(record), "signature": signature})
        document = {
            "approvals_version": APPROVALS_VERSION,
            "manifest": manifest.name,
            "approvals": entries,
        }
        _replace(path, json.dumps(document, indent=2, ensure_ascii=True) + "\n")
    return path


def _replace(path: Path, text: str) -> None:
    """Write the file as every record is written (safe_write): atomically, never through a link."""
    from licensegate.safe_write import OutputError, write_text

    try:
        write_text(path, text)
    except OutputError as err:
        raise ApprovalsError(f"{path}: cannot write: {err}") from None
