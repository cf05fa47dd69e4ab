"""Write a report to ``-o PATH``: all of it or nothing, and never through a link or onto a device.

The report is written to a temporary file in the destination's folder and renamed over the
destination once complete, so a reader never sees half a report and an error (or SIGTERM, which
the CLI turns into an exception) leaves the old file as it was and no temporary file behind.

The destination must be a regular file or a new path: a symbolic link (which a pull request can
commit where CI writes its report, to make the gate overwrite a file elsewhere), a device, a
FIFO or a directory is refused. The new file gets the mode a plain ``open(path, "w")`` would
give: the existing file's mode, or for a new file 0666 less the umask (not mkstemp's 0600).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from licensegate.errors import LicensegateError

__all__ = ["OutputError", "atomic_output", "output_stream", "write_text"]


class OutputError(LicensegateError):
    """The report cannot be written where it was asked to go."""


def write_text(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` atomically."""
    with atomic_output(path) as stream:
        stream.write(text)


@contextlib.contextmanager
def atomic_output(path: Path, *, binary: bool = False) -> Iterator[TextIO]:
    """A stream whose content becomes ``path`` when the block ends without an exception."""
    mode = _mode_for(path)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as err:
        raise OutputError(f"cannot write {path}: {_reason(err)}") from None
    try:
        os.fchmod(handle, mode)
        with os.fdopen(handle, "wb" if binary else "w", encoding=None if binary else "utf-8") as (
            stream
        ):
            yield stream  # type: ignore[misc]
        _mode_for(path)  # NOTE: again: a link may have been put there while we wrote
        os.replace(temporary, path)
    except OSError as err:
        raise OutputError(f"cannot write {path}: {_reason(err)}") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)  # gone already after a successful replace


@contextlib.contextmanager
def output_stream(path: Path | None) -> Iterator[TextIO]:
    """``atomic_output(path)``; for None (stdout), a temporary file copied to stdout once the
    block ends without an exception, so stdout never gets half a report either."""
    if path is not None:
        with atomic_output(path) as stream:
            yield stream
        return
    try:
        # NOTE: an unnamed file: the system removes it however the process ends.
        spool = tempfile.TemporaryFile("w+", encoding="utf-8", prefix=".licensegate-report.")
    except OSError as err:
        raise OutputError(f"cannot write the report: {_reason(err)}") from None
    with spool:
        yield spool
        try:
            spool.seek(0)
            shutil.copyfileobj(spool, sys.stdout)
            sys.stdout.flush()
        except OSError as err:
            raise OutputError(f"cannot write the report: {_reason(err)}") from None


def _mode_for(path: Path) -> int:
    """The mode the new file gets; OutputError when ``path`` is not writable as a file."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return 0o666 & ~_umask()
    except OSError as err:
        raise OutputError(f"cannot write {path}: {_reason(err)}") from None
    if stat.S_ISLNK(info.st_mode):
        raise OutputError(
            f"cannot write {path}: it is a symbolic link; give the real path or a new file"
        )
    if not stat.S_ISREG(info.st_mode):
        what = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise OutputError(f"cannot write {path}: it is {what} (omit -o to write to stdout)")
    return stat.S_IMODE(info.st_mode)


def _umask() -> int:
    """This process's umask, read without changing it where the system allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    # NOTE: elsewhere the only way to read it is to set it; set back at once.
    current = os.umask(0o022)
    os.umask(current)
    return current


def _reason(err: OSError) -> str:
    return err.strerror or str(err)
