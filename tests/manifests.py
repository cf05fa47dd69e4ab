"""Small manifests that several test modules check: one definition, so they cannot drift apart."""

from __future__ import annotations

NEEDS_ATTESTATION = """\
apiVersion: licensegate/v1
kind: Deployment
metadata: {name: internal-eval}
licensee: {name: Acme, domicile: US, monthly_active_users: 1000}
product: {commercial: false, environment: research, audience: internal}
models:
  - id: meta-llama/Llama-3.1-8B-Instruct
    uses: [evaluation]
"""
"""Only llama3.1:acceptable-use is open (needs-attestation): it passes, and fails under --strict."""

PASSING = (
    NEEDS_ATTESTATION
    + """\
attestations:
  - clause: llama3.1:acceptable-use
    by: counsel@acme.example
    date: 2026-11-01
    statement: Reviewed.
"""
)
"""Every clause satisfied: passes, also under --strict."""

FAILING = PASSING.replace(
    "monthly_active_users: 1000",
    'monthly_active_users: 800000000, mau_history: {"2024-06": 800000000}',
)
"""llama3.1:mau-threshold violated (licensee.mau_history.2024-06, line 4)."""

WAIVED = (
    PASSING.replace("monthly_active_users: 1000", "monthly_active_users: 800000000")
    + """\
waivers:
  - clause: llama3.1:mau-threshold
    reason: Separate license agreement with Meta
    approved_by: counsel@acme.example
    expires: 2026-12-15
"""
)
"""Passes: llama3.1:mau-threshold is violated, and waived until 2026-12-15 (16 days after the
tests' 2026-11-29), so the waiver also warns that it expires soon."""


def corpus_generator():
    """bench/generate.py as a module: the generated manifests the batch and parity tests share."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "bench" / "generate.py"
    spec = importlib.util.spec_from_file_location("bench_generate", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
