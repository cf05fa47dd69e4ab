"""An exclusive lock on a folder, so read-modify-write of an append-only record loses nothing.

`sign-off` and `approve` read a record, add an entry and replace the file. Two runs at once
(a CI matrix, two people) would each write their own copy and one entry would be lost. The
lock is ``flock`` on the folder itself: no lock file is left behind, it is released when the
process dies, and it does not follow the record through ``os.replace``. Where ``fcntl`` does
not exist (Windows) the lock is a no-op, as documented in the README.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from licensegate.errors import LicensegateError


class LockError(LicensegateError):
    """The folder cannot be locked (it cannot be opened)."""


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` for the duration of the block."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    try:
        handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as err:
        raise LockError(f"{folder}: cannot lock the folder: {err.strerror}") from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)
