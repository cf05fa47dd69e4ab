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
