# METADATA
# title: FLUX.1 [dev] Non-Commercial License (August 2024)
# description: >-
#   Clauses of the first FLUX.1 [dev] Non-Commercial License, published with FLUX.1 [dev] on
#   2024-08-01 (black-forest-labs/flux 1f71c43). On 2024-11-21 (805da85, "FLUX Tools") the
#   definition of the "FLUX.1 [dev] Model" was widened to list Fill, Depth, Canny, Redux and the
#   Canny and Depth LoRAs, and nothing else changed, so this id covers both 2024 texts; v1.1 and
#   v1.1.1 (June 2025) replaced them (flux-1-dev-non-commercial-license). The id is the current
#   license's with the month of the first text, as minimax-2025-01 names MiniMax's first text.
#   The catalog never selects it: checkpoints released in 2024 list it as an alternative, for a
#   licensee who declares (models[].license) that its copy came under this text. Compared with
#   v1.1.1 it has no content-filter condition (v1.1.1 §2(e)), a shorter list of restricted
#   purposes, and an Attribution Notice spelled "Black Forest Labs. Inc.". Not encoded: the
#   export-control terms (no manifest fact).
# related_resources:
#   - description: license text (first version)
#     ref: https://github.com/black-forest-labs/flux/blob/1f71c43377442214387f8f07b32500df79ba1067/model_licenses/LICENSE-FLUX1-dev
# custom:
#   license: flux-1-dev-non-commercial-license-2024-08
#   name: FLUX.1 [dev] Non-Commercial License (August 2024)
#   version: "first text, 2024-08-01 (model list widened 2024-11-21)"
#   text: https://github.com/black-forest-labs/flux/blob/1f71c43377442214387f8f07b32500df79ba1067/model_licenses/LICENSE-FLUX1-dev
#   quoted_from:
#     - flux-1-dev-non-commercial-2024-08.LICENSE.txt
#   out_of_reach:
#     - >-
#       3(d)-(e): terms for a distributed Derivative must not conflict with the License, and it may
#       not be presented as an official BFL product; the contents of those terms are for a reviewer.
#     - >-
#       4(b)-(d): no removing notices, circumventing protections or imposing inconsistent terms;
#       nothing a manifest states.
#     - >-
#       4(e)-(f): export control and sanctions; the recipients' locations are not manifest facts.
#     - >-
#       8(b): Black Forest Labs may terminate the License at any time upon notice; a notice received
#       is not a manifest fact.
package licensegate.licenses.flux_1_dev_non_commercial_license_2024_08

import rego.v1

import data.licensegate.lib.clauses

# The license id this package judges; licensegate.main finds the package by it.
license := "flux-1-dev-non-commercial-license-2024-08"

# The Attribution Notice of §3(b), both paragraphs, as the host normalises a Notice file.
notice := concat(" ", [
	"The FLUX.1 [dev] Model is licensed by Black Forest Labs. Inc. under the FLUX.1 [dev] Non-Commercial License.",
	"Copyright Black Forest Labs. Inc. IN NO EVENT SHALL BLACK FOREST LABS, INC. BE LIABLE FOR ANY CLAIM, DAMAGES OR",
	"OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION",
	"WITH USE OF THIS MODEL.",
])

# METADATA
# title: Non-commercial use only
# description: >-
#   The model and its Derivatives may be accessed, used, distributed and adapted for
#   Non-Commercial Purposes only, and using it to train, fine-tune or distill models for
#   commercial use is not one: a commercial deployment, of the model or of what it trains,
#   breaches it.
# custom:
#   clause: non-commercial
#   section: "2(b) Non-Commercial Use Only"
#   quote: >-
#     You may only access, use, Distribute, or creative Derivatives of or the FLUX.1 [dev] Model
#     or Derivatives for Non-Commercial Purposes.
#   source: https://github.com/black-forest-labs/flux/blob/1f71c43377442214387f8f07b32500df79ba1067/model_licenses/LICENSE-FLUX1-dev
#   remediation: >-
#     Use the model only in non-commercial work (product.commercial: false), or obtain a
#     commercial license from Black Forest Labs (https://bfl.ai/pricing/licensing) and record it
#     as a waiver.
findings contains item if some item in clauses.non_commercial(license)

# METADATA
# title: No production use and no end users
# description: >-
#   Use for "direct interactions with or impacts on end users" and use by companies
#   outside "a non-production environment" are not Non-Commercial Purposes: a production
#   deployment, a product that serves customers or the public, or a derived model offered as a
#   service breaches the license.
# custom:
#   clause: non-production
#   section: "1(c) Definitions (Non-Commercial Purpose)"
#   quote: >-
#     For clarity, use for revenue-generating activity or direct interactions with or impacts on
#     end users, or use to train, fine tune or distill other models for commercial use is not a
#     Non-Commercial purpose.
#   source: https://github.com/black-forest-labs/flux/blob/1f71c43377442214387f8f07b32500df79ba1067/model_licenses/LICENSE-FLUX1-dev
#   trigger: any use of the model or of a model built on its weights
#   satisfied_by: >-
#     product.environment not production, product.audience internal, and no derived model
#     offered as a service (release: api)
#   remediation: >-
#     Keep the model in research, evaluation or staging work for an internal audience, or obtain
#     a commercial license from Black Forest Labs and record it as a waiver.
findings contains item if some item in clauses.non_production_no_end_users(license)

# METADATA
# title: No outputs to train a competing model
# description: >-
#   Outputs may be used for any purpose except to train, fine-tune or distill a model that
#   competes with FLUX.1 [dev]. Whether a student competes is a person's
#   judgement; a teacher or data generator without a declared student is missing-facts.
# custom:
#   clause: output-use
#   section: "2(d) Outputs"
#   quote: >-
#     You may not use the Output to train, fine-tune or distill a model that is competitive with
#     the FLUX.1 [dev] Model.
#   source: https://github.com/black-forest-labs/flux/blob/1f71c43377442214387f8f07b32500df79ba1067/model_licenses/LICENSE-FLUX1-dev
#   satisfied_by: an attestation that the student does not compete with FLUX.1 [dev]
#   remediation: >-
#     Declare the models the outputs train (derived_models[].trained_on_outputs_of) and record an
#     attestation for flux-1-dev-non-commercial-license-2024-08:output-use that none competes with
#     FLUX.1 [dev].
findings contains item if {
	some item in clauses.output_use_judged(license, "does not compete with FLUX.1 [dev]")
}

# METADATA
# title: Give recipients a copy of the License
# description: >-
#   Whoever distributes the model or a Derivative makes a copy of the License available to the
#   recipients.
# custom:
#   clause: license-copy
#   section: "3(a) Distribution"
#   quote: >-
#     you must make available a copy of this License to third-party recipients of the FLUX.1
#     [dev] Models and/or Derivatives you Distribute
#   source: https://github.com/black-forest-labs/flux/blob/1f71c43377442214387f8f07b32500df79ba1067/model_licenses/LICENSE-FLUX1-dev
#   remediation: >-
#     Ship the FLUX.1 [dev] Non-Commercial License with the weights and set
#     product.license_copies_included to true (or list flux-1-dev-non-commercial-license-2024-08 in it).
findings contains item if some item in clauses.license_copy(license)

# METADATA
# title: Ship the Attribution Notice
# description: >-
#   Distributed copies of the model or a Derivative carry the Attribution Notice, for example
#   as a "Notice" text file.
# custom:
#   clause: notice-file
#   section: "3(b) Distribution"
#   quote: >-
#     you must make prominently display the following notice alongside the Distribution of the FLUX.1
#     [dev] Model or Derivative (such as via a "Notice" text file distributed as part of such
#     FLUX.1 [dev] Model or Derivative)
#   source: https://github.com/black-forest-labs/flux/blob/1f71c43377442214387f8f07b32500df79ba1067/model_licenses/LICENSE-FLUX1-dev
#   remediation: >-
#     Add a NOTICE file with the Attribution Notice of §3(b) (both paragraphs) to the distributed
#     weights and name it in product.notice_file.
findings contains item if some item in clauses.notice_file(license, notice)

# METADATA
# title: State the modification in a distributed Derivative's notice
# description: >-
#   A distributed Derivative's Attribution Notice states that the FLUX.1 [dev] Model was
#   modified; derived_models[].modified_files_marked records that the release carries it.
# custom:
#   clause: modified-files-notice
#   section: "3(c) Distribution"
#   quote: >-
#     you must also include in the Attribution Notice a statement that you have modified the
#     applicable FLUX.1 [dev] Model
#   source: https://github.com/black-forest-labs/flux/blob/1f71c43377442214387f8f07b32500df79ba1067/model_licenses/LICENSE-FLUX1-dev
#   remediation: >-
#     Add to the derived model's Attribution Notice a statement that the FLUX.1 [dev] Model was
#     modified, then set derived_models[].modified_files_marked to true.
findings contains item if some item in clauses.modified_files(license)

# A model fine-tuned or used to train another, with no derived model declared, leaves this duty
# undecidable (DESIGN.md §2.1 rule 8).
findings contains item if some item in clauses.training_needs_student(license, "modified-files-notice")

# METADATA
# title: No prohibited purposes
# description: >-
#   The model, its Derivatives and any data it produces may not be used for military purposes,
#   surveillance, biometric processing, infringing third-party rights, or in breach of
#   applicable law, privacy law included. Only a person can judge the use cases against them.
# custom:
#   clause: acceptable-use
#   section: "4(a) Restrictions"
#   quote: >-
#     (ii) military purposes, (iii) purposes of surveillance, including any research or
#     development relating to surveillance, (iv) biometric processing
#   source: https://github.com/black-forest-labs/flux/blob/1f71c43377442214387f8f07b32500df79ba1067/model_licenses/LICENSE-FLUX1-dev
#   remediation: >-
#     Have counsel review the use cases against §4 of the FLUX.1 [dev] Non-Commercial License
#     and record an attestation for flux-1-dev-non-commercial-license-2024-08:acceptable-use.
findings contains item if some item in clauses.acceptable_use(license, "FLUX.1 [dev] Non-Commercial License §4 restrictions")
