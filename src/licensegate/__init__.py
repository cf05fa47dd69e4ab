"""licensegate: a license gate for open-weight AI models."""

from __future__ import annotations

__version__ = "0.1.0"
