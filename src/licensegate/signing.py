"""SSH signatures on approvals (DESIGN.md §6): `ssh-keygen -Y sign` and `ssh-keygen -Y verify`.

An approval made outside the pull request (a waiver, an attestation, a sign-off) can travel in
the pull request itself when its approver signs it with an SSH key. `check --trusted-ref REF`
accepts such an approval only when the signature verifies against the ``allowed_signers`` file
*as it is at REF* (so the pull request cannot add its author's own key), for the principal the
record names (the waiver's ``approved_by``, the attestation's or sign-off's ``by``), in the
``licensegate`` namespace (so a signature made for git commits or anything else never counts).

What is signed is a canonical JSON payload (sorted keys, ASCII) that names what it approves:
the manifest's repository path and the record, or the sign-off entry with the digests of the
manifest, its notice file and the policies. Changing any byte of it voids the signature.

ssh-keygen runs with a fixed argument list (no shell) on files in a private temporary folder.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from licensegate.errors import LicensegateError

NAMESPACE = "licensegate"
"""The ssh-keygen -n namespace of every licensegate signature."""
DEFAULT_ALLOWED_SIGNERS = ".licensegate/allowed_signers"
"""Where `check --trusted-ref` reads the allowed signers, relative to the repository root."""
MAX_SIGNATURE_CHARS = 8192
_TIMEOUT = 30.0
_ARMOUR = re.compile(
    r"-----BEGIN SSH SIGNATURE-----\n[A-Za-z0-9+/=\n]+-----END SSH SIGNATURE-----\n?"
)


class SigningError(LicensegateError):
    """A signature cannot be made (no ssh-keygen, unreadable key)."""


def payload(document: dict[str, Any]) -> bytes:
    """The bytes that are signed for ``document``: canonical JSON, one line."""
    return json.dumps(document, sort_keys=True, ensure_ascii=True, separators=(",", ":")).encode(
        "ascii"
    )


def is_armoured(signature: Any) -> bool:
    """Whether ``signature`` looks like an armoured SSH signature (checked before ssh-keygen)."""
    return (
        isinstance(signature, str)
        and len(signature) <= MAX_SIGNATURE_CHARS
        and _ARMOUR.fullmatch(signature) is not None
    )


def _ssh_keygen(args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["ssh-keygen", *args],
            input=stdin,
            capture_output=True,
            timeout=_TIMEOUT,
            check=False,
            env={**os.environ, "LC_ALL": "C"},
        )
    except FileNotFoundError:
        raise SigningError(
            "SSH signatures need ssh-keygen (OpenSSH), which is not installed"
        ) from None
    except subprocess.TimeoutExpired:
        raise SigningError("ssh-keygen did not answer in time") from None


def sign(document: dict[str, Any], key: Path) -> str:
    """The armoured signature of ``document`` made with the private key at ``key``."""
    if not key.is_file():
        raise SigningError(f"--sign-with {key}: no such key file")
    with tempfile.TemporaryDirectory(prefix="licensegate-sign-") as folder:
        message = Path(folder) / "payload"
        message.write_bytes(payload(document))
        # -f KEY -n NAMESPACE FILE writes FILE.sig; `--` is not understood by ssh-keygen, but the
        # file is ours (a fixed name in our folder) and the key path is made absolute.
        done = _ssh_keygen(["-Y", "sign", "-f", str(key.resolve()), "-n", NAMESPACE, str(message)])
        if done.returncode != 0:
            reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise SigningError(
                f"ssh-keygen could not sign with {key}: {reason[-1] if reason else 'failed'}"
            )
        return (Path(folder) / "payload.sig").read_text(encoding="ascii")


def verify(
    document: dict[str, Any], signature: Any, principal: str, allowed_signers: bytes
) -> bool:
    """Whether ``signature`` is a valid signature of ``document`` by a key that
    ``allowed_signers`` allows for ``principal`` in the licensegate namespace."""
    if not is_armoured(signature) or not principal or any(ord(c) < 33 for c in principal):
        return False
    with tempfile.TemporaryDirectory(prefix="licensegate-verify-") as folder:
        signers = Path(folder) / "allowed_signers"
        signers.write_bytes(allowed_signers)
        armoured = Path(folder) / "payload.sig"
        armoured.write_text(signature if signature.endswith("\n") else signature + "\n")
        done = _ssh_keygen(
            [
                "-Y",
                "verify",
                "-f",
                str(signers),
                "-I",
                principal,
                "-n",
                NAMESPACE,
                "-s",
                str(armoured),
            ],
            stdin=payload(document),
        )
        return done.returncode == 0
