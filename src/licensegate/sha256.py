"""SHA-256 without OpenSSL's start-up cost on the path of every `check`.

``hashlib`` loads OpenSSL (``_hashlib``), about 3 ms of a cold start with the file cache warm
and 10 ms without; CPython's own SHA-256 module gives the same digests and loads in a fraction
of that. It is ``_sha256`` up to Python 3.11 and ``_sha2`` from 3.12; a build without either
falls back to hashlib.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

__all__ = ["sha256"]


class _Hash(Protocol):
    def update(self, data: bytes, /) -> None: ...

    def hexdigest(self) -> str: ...


def _constructor() -> Callable[..., _Hash]:
    for module in ("_sha256", "_sha2"):  # Python <= 3.11, Python >= 3.12
        try:
            constructor: Callable[..., _Hash] = __import__(module).sha256
        except (ImportError, AttributeError):
            continue
        return constructor
    import hashlib

    return hashlib.sha256


sha256 = _constructor()
