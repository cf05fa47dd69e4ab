"""The error boundary: what an exception nobody expected becomes.

Expected failures are LicensegateError and have their own one-line messages. Anything else is
a bug in licensegate (or in a library under it), and a bug must never look like a verdict: it
is one line on stderr and exit 2, for the run or, in a batch, for the one manifest it hit.
The traceback is shown only on request (``--debug`` or ``LICENSEGATE_DEBUG=1``).
"""

from __future__ import annotations

import os
import sys
import traceback

DEBUG_ENV = "LICENSEGATE_DEBUG"
"""Set to 1 (``--debug`` sets it, so batch workers inherit it) to print internal tracebacks."""


def debug_enabled() -> bool:
    return os.environ.get(DEBUG_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def internal_error(err: BaseException) -> str:
    """The one-line description of an unexpected exception; its traceback on stderr if asked."""
    if debug_enabled():
        traceback.print_exception(err, file=sys.stderr)
    detail = " ".join(str(err).split())[:300]
    name = type(err).__name__
    return (
        f"internal error: {name}{': ' + detail if detail else ''} "
        "(please report it; run with --debug for the traceback)"
    )
