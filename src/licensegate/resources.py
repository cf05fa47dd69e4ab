"""Locate the policies/ and schemas/ folders: next to the package when installed, else the repo."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def _root_for(name: str) -> Path:
    # NOTE: a wheel carries the folders inside the package (hatch force-include); an editable
    # install or a checkout has them at the repository root, two levels above src/licensegate.
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"licensegate installation is incomplete: no {name}/ folder")


def policies_dir() -> Path:
    """The folder holding the Rego policies and the catalog data."""
    return _root_for("policies")


def schemas_dir() -> Path:
    """The folder holding the JSON Schemas."""
    return _root_for("schemas")
