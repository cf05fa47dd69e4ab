"""Read a file whose path a pull request chose: bounded, without blocking, inside its root.

In CI the manifest, its notice file and its sign-off record come from the pull request, whose
author decides what each path is. A symbolic link could point at a secret outside the checkout
(and error messages would quote it), ``/dev/zero`` or a FIFO would never end or never start, and
a huge file would exhaust memory. So a file is read only when

- its real path (symbolic links resolved) stays under a root: the repository that holds it,
  or for a notice file the manifest's folder;
- it is a regular file (checked on the open descriptor, so nothing is swapped in between);
- it holds at most ``limit`` bytes (checked before and while reading).

The file is opened with O_NONBLOCK, so even a FIFO or a device that slipped through cannot make
the open wait, and O_NOFOLLOW on the resolved path, so a link created after the check is refused.
"""

from __future__ import annotations

import errno
import functools
import os
import stat
from pathlib import Path

__all__ = ["UnsafeRead", "read_file", "repository_root"]

_CHUNK = 64 * 1024


class UnsafeRead(Exception):
    """The file exists but may not be read; the message says why, without naming the file."""


def repository_root(path: Path | str) -> Path:
    """The root a manifest's own files must stay under: the nearest enclosing folder that holds
    a ``.git`` entry (the repository), else the manifest's folder.

    Computed from the path as written, not the resolved one: a manifest that is a link out of
    its repository must not make the outside its root.
    """
    return _folder_root(os.path.dirname(os.path.abspath(path)))


@functools.lru_cache(maxsize=1024)
def _folder_root(folder: str) -> Path:
    # NOTE: keyed on the string: every manifest of a folder shares the answer, and hashing a
    # str is cheaper than building and hashing a Path (this runs for every file read).
    as_path = Path(folder)
    return _enclosing_repository(as_path) or as_path


@functools.lru_cache(maxsize=1024)
def _enclosing_repository(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if os.path.lexists(candidate / ".git"):
            return candidate
    return None


def read_file(path: Path | str, *, root: Path | str, limit: int) -> bytes:
    """The bytes of ``path``, which must resolve to a regular file under ``root``.

    Raises:
        FileNotFoundError: Nothing is there (a dangling link out of ``root`` is UnsafeRead).
        UnsafeRead: A link out of the root, not a regular file, too large, or unreadable.
    """
    try:
        real = os.path.realpath(path)
        real_root = os.path.realpath(root)
    except (OSError, ValueError) as err:
        raise UnsafeRead(f"cannot resolve the path: {_reason(err)}") from None
    if os.path.commonpath([real, real_root]) != real_root:
        raise UnsafeRead(f"resolves to a place outside {root} (through a symbolic link or '..')")
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC | os.O_NOFOLLOW
    try:
        descriptor = os.open(real, flags)
    except FileNotFoundError:
        raise
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise UnsafeRead("became a symbolic link while it was being read") from None
        raise UnsafeRead(f"cannot read the file: {_reason(err)}") from None
    except ValueError as err:  # a NUL byte in the path
        raise UnsafeRead(f"cannot read the file: {err}") from None
    try:
        info = os.fstat(descriptor)
        kind = _kind(info.st_mode)
        if kind is not None:
            raise UnsafeRead(f"is {kind}, not a regular file")
        if info.st_size > limit:
            raise UnsafeRead(f"is too large ({info.st_size} bytes; the limit is {limit})")
        chunks: list[bytes] = []
        size = 0
        # NOTE: st_size can lie (files in /proc say 0, a file can grow while read): the
        # limit is enforced on what is read, too.
        while size <= limit:
            try:
                chunk = os.read(descriptor, min(_CHUNK, limit + 1 - size))
            except BlockingIOError:
                raise UnsafeRead("would block (not an ordinary file)") from None
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise UnsafeRead(f"is too large (over {limit} bytes)")
        return b"".join(chunks)
    except OSError as err:
        raise UnsafeRead(f"cannot read the file: {_reason(err)}") from None
    finally:
        os.close(descriptor)


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _reason(err: BaseException) -> str:
    return (err.strerror if isinstance(err, OSError) and err.strerror else str(err)) or type(
        err
    ).__name__
