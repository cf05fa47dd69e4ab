# METADATA
# title: Cohere Labs Acceptable Use Policy
# description: >-
#   The acceptable use policy of Cohere Labs (formerly Cohere For AI), as published after the
#   rename of April 2025 (cohere-ai/cohere-developer-experience e814c8a). Its text is the C4AI
#   Acceptable Use Policy's word for word under a new title (c4ai-acceptable-use-pre-2025-04,
#   which the catalog lists for the 2024 Command R checkpoints); a licensee who accepted this
#   version declares it (models[].license), the catalog's alternative. CC BY-NC 4.0 is the
#   models' other license (cc-by-nc-4.0). Beyond applicable law the policy lists prohibited
#   uses; one of them, synthetic data for commercial purposes, is decided by facts the manifest
#   states, the others only a person can judge.
# related_resources:
#   - description: acceptable use policy (Cohere Labs)
#     ref: https://docs.cohere.com/docs/cohere-labs-acceptable-use-policy
# custom:
#   license: c4ai-acceptable-use
#   name: Cohere Labs Acceptable Use Policy
#   version: "Cohere Labs Acceptable Use Policy (since April 2025)"
#   text: https://docs.cohere.com/docs/cohere-labs-acceptable-use-policy
#   out_of_reach:
#     - >-
#       The policy binds "users of our models or model derivatives" but does not require passing it
#       on in the terms users accept; a product's own terms are for a reviewer.
#     - >-
#       Cohere may change the published policy; the text judged is the one in ../shared/license-
#       texts (README there).
package licensegate.licenses.c4ai_acceptable_use

import rego.v1

import data.licensegate.lib.clauses

# The license id this package judges; licensegate.main finds the package by it.
license := "c4ai-acceptable-use"

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
#   source: https://docs.cohere.com/docs/cohere-labs-acceptable-use-policy
#   trigger: >-
#     a listed model used as distillation-teacher, synthetic-data or training-feedback source, or
#     a derived model trained on its outputs
#   satisfied_by: product.commercial false
#   remediation: >-
#     Generate training data from the model only in non-commercial work, or obtain permission
#     from Cohere and record it as a waiver of c4ai-acceptable-use:output-use.
findings contains item if some item in clauses.no_commercial_synthetic_data(license)

# METADATA
# title: Use complies with the Cohere Labs Acceptable Use Policy
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
#   source: https://docs.cohere.com/docs/cohere-labs-acceptable-use-policy
#   remediation: >-
#     Have counsel review the use cases against the Cohere Labs Acceptable Use Policy and record an
#     attestation for c4ai-acceptable-use:acceptable-use.
findings contains item if some item in clauses.acceptable_use(license, "Cohere Labs Acceptable Use Policy")
