"""The versioned JSON report of DESIGN.md §4.

Example (abridged)::

    {"report_version": 1, "tool": {"name": "licensegate", "version": "0.1.0"},
     "policy": {"revision": "3f2a...", "digest": "sha256:3f2a..."},
     "results": [{"manifest": "deploy/licensegate.yaml", "result": "fail", ...}],
     "errors": []}
"""

from __future__ import annotations

import json

from licensegate.report import Report


def render(report: Report) -> str:
    """Deterministic JSON: key order fixed by the report, clauses sorted by the API."""
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
