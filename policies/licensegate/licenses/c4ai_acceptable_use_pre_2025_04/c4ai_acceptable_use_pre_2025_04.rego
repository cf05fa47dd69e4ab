# METADATA
# title: C4AI Acceptable Use Policy
# description: >-
#   The Cohere For AI acceptable use policy that Cohere's C4AI open-weight models require beside
#   CC BY-NC 4.0 (their cards: "License: CC-BY-NC, requires also adhering to C4AI's Acceptable
#   Use Policy", linking docs.cohere.com/docs/c4ai-acceptable-use-policy). This is the policy
#   under that name, as published before Cohere For AI became Cohere Labs in April 2025
#   (cohere-ai/cohere-developer-experience b6dcbc9); the catalog lists it for the Command R
#   checkpoints, released in 2024 with that link. The renamed policy (c4ai-acceptable-use) has
#   the same text under a new title, and is the alternative for a licensee who accepted it. CC
#   BY-NC 4.0 is the models' other license (cc-by-nc-4.0). Beyond applicable law the policy
#   lists prohibited uses; one of them, synthetic data for commercial purposes, is decided by
#   facts the manifest states, the others only a person can judge.
# related_resources:
#   - description: acceptable use policy (C4AI, before the rename)
#     ref: https://github.com/cohere-ai/cohere-developer-experience/blob/b6dcbc9/fern/pages/cohere-for-ai/c4ai-acceptable-use-policy.mdx
# custom:
#   license: c4ai-acceptable-use-pre-2025-04
#   name: C4AI Acceptable Use Policy
#   version: "Cohere For AI Acceptable Use Policy (before April 2025)"
#   text: https://docs.cohere.com/docs/c4ai-acceptable-use-policy
#   out_of_reach:
#     - >-
#       The policy binds "users of our models or model derivatives" but does not require passing it
#       on in the terms users accept; a product's own terms are for a reviewer.
#     - >-
#       Cohere may change the published policy; the text judged is the one in ../shared/license-
#       texts (README there).
package licensegate.licenses.c4ai_acceptable_use_pre_2025_04

import rego.v1

import data.licensegate.lib.clauses

# The license id this package judges; licensegate.main finds the package by it.
license := "c4ai-acceptable-use-pre-2025-04"

# METADATA
# title: No synthetic data for commercial purposes
# description: >-
#   The models may not be used to generate synthetic data for commercial purposes, including to
#   train, improve, benchmark or otherwise develop model derivatives. In a commercial deployment
#   a listed model used as a distillation teacher, synthetic-data source or training-feedback
#   source, and a derived model trained on its outputs, breach it; in a non-commercial one they
#   meet it.
# custom:
#   clause: output-use
#   section: "Synthetic data for commercial uses"
#   quote: >-
#     generating synthetic data outputs for commercial purposes, including to train, improve,
#     benchmark, enhance or otherwise develop model derivatives, or any products or services in
#     connection with the foregoing.
#   source: https://docs.cohere.com/docs/c4ai-acceptable-use-policy
#   trigger: >-
#     a listed model used as distillation-teacher, synthetic-data or training-feedback source, or
#     a derived model trained on its outputs
#   satisfied_by: product.commercial false
#   remediation: >-
#     Generate training data from the model only in non-commercial work, or obtain permission
#     from Cohere and record it as a waiver of c4ai-acceptable-use-pre-2025-04:output-use.
findings contains item if some item in clauses.no_commercial_synthetic_data(license)

# METADATA
# title: Use complies with the C4AI Acceptable Use Policy
# description: >-
#   Users of the models and model derivatives comply with applicable law and may not use or let
#   others use them for the policy's prohibited uses: violence and harm, harassment and abuse,
#   sexual exploitation, sensitive information, fraud and deception. Only a person can judge the
#   use cases against them.
# custom:
#   clause: acceptable-use
#   section: "Prohibited use cases"
#   quote: >-
#     you may not use or allow others to use our models or model derivatives in connection with
#     any of the following strictly prohibited use cases
#   source: https://docs.cohere.com/docs/c4ai-acceptable-use-policy
#   remediation: >-
#     Have counsel review the use cases against the C4AI Acceptable Use Policy and record an
#     attestation for c4ai-acceptable-use-pre-2025-04:acceptable-use.
findings contains item if some item in clauses.acceptable_use(license, "C4AI Acceptable Use Policy")
