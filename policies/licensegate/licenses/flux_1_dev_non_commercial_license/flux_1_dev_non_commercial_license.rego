# METADATA
# title: FLUX.1 [dev] Non-Commercial License v1.1.1
# description: >-
#   Clauses of the FLUX.1 [dev] Non-Commercial License v1.1.1 (Black Forest Labs, 2025-06-27),
#   the text that now covers every "FLUX.1 [dev]" model: FLUX.1 [dev], Fill, Depth, Canny,
#   Redux, the Canny and Depth LoRAs, Kontext and Krea [dev]. Use is for Non-Commercial Purposes
#   only, and use "for revenue-generating activity" or "in direct interactions with or that has
#   impact on end users" is not one: commercial, production and end-user-facing deployments are
#   outside it. Outputs may be used commercially but not to train a competing model; use needs
#   content filters or output review; distribution needs the License, the Attribution Notice
#   and, for Derivatives, a statement of modification. The catalog lists this text for every
#   FLUX.1 [dev] checkpoint, because whoever obtains the weights today accepts it and its
#   duties include all of the August 2024 text's. Checkpoints released while the first text
#   (flux-1-dev-non-commercial-license-2024-08) was current keep it as an alternative for a
#   licensee who holds a copy under it. Not encoded: the export-control terms (no manifest fact).
# related_resources:
#   - description: license text
#     ref: https://github.com/black-forest-labs/flux/blob/802fb4713906133fcbd0d8dc5351620ca4773036/model_licenses/LICENSE-FLUX1-dev
# custom:
#   license: flux-1-dev-non-commercial-license
#   name: FLUX.1 [dev] Non-Commercial License
#   version: "v1.1.1"
#   text: https://github.com/black-forest-labs/flux/blob/802fb4713906133fcbd0d8dc5351620ca4773036/model_licenses/LICENSE-FLUX1-dev
#   quoted_from:
#     - flux-1-dev-non-commercial.LICENSE.txt
#   out_of_reach:
#     - >-
#       3(c)(ii)-(iii): terms for a distributed Derivative must not conflict with the License and
#       must disclaim warranties as protectively, and it may not be presented as an official BFL
#       product; the contents of those terms are for a reviewer.
#     - >-
#       4(b)-(d): no removing notices, circumventing protections or imposing inconsistent terms;
#       nothing a manifest states.
#     - >-
#       4(e)-(f): export control and sanctions; the recipients' locations are not manifest facts.
#     - >-
#       8(b): Black Forest Labs may terminate the License at any time upon notice; a notice received
#       is not a manifest fact.
package licensegate.licenses.flux_1_dev_non_commercial_license

import rego.v1

import data.licensegate.lib.clauses
import data.licensegate.lib.finding
import data.licensegate.lib.subjects

# The license id this package judges; licensegate.main finds the package by it.
license := "flux-1-dev-non-commercial-license"

# The Attribution Notice of §3(b), both paragraphs, as the host normalises a Notice file.
notice := concat(" ", [
	"The FLUX.1 [dev] Model is licensed by Black Forest Labs Inc. under the FLUX.1 [dev] Non-Commercial License.",
	"Copyright Black Forest Labs Inc. IN NO EVENT SHALL BLACK FOREST LABS INC. BE LIABLE FOR ANY CLAIM, DAMAGES OR",
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
#     You may only access, use, Distribute, or create Derivatives of the FLUX.1 [dev] Model or
#     Derivatives for Non-Commercial Purposes.
#   source: https://github.com/black-forest-labs/flux/blob/802fb4713906133fcbd0d8dc5351620ca4773036/model_licenses/LICENSE-FLUX1-dev
#   remediation: >-
#     Use the model only in non-commercial work (product.commercial: false), or obtain a
#     commercial license from Black Forest Labs (https://bfl.ai/pricing/licensing) and record it
#     as a waiver.
findings contains item if some item in clauses.non_commercial(license)

# METADATA
# title: No production use and no end users
# description: >-
#   Use "in direct interactions with or that has impact on end users" and use by companies
#   outside "a non-production environment" are not Non-Commercial Purposes: a production
#   deployment, a product that serves customers or the public, or a derived model offered as a
#   service breaches the license.
# custom:
#   clause: non-production
#   section: "1(c) Definitions (Non-Commercial Purpose)"
#   quote: >-
#     For clarity, use (a) for revenue-generating activity, (b) in direct interactions with or
#     that has impact on end users, or (c) to train, fine tune or distill other models for
#     commercial use, in each case is not a Non-Commercial Purpose.
#   source: https://github.com/black-forest-labs/flux/blob/802fb4713906133fcbd0d8dc5351620ca4773036/model_licenses/LICENSE-FLUX1-dev
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
#   competes with FLUX.1 [dev] or FLUX.1 Kontext [dev]. Whether a student competes is a person's
#   judgement; a teacher or data generator without a declared student is missing-facts.
# custom:
#   clause: output-use
#   section: "2(d) Outputs"
#   quote: >-
#     You may not use the Output to train, fine-tune or distill a model that is competitive with
#     the FLUX.1 [dev] Model or the FLUX.1 Kontext [dev] Model.
#   source: https://github.com/black-forest-labs/flux/blob/802fb4713906133fcbd0d8dc5351620ca4773036/model_licenses/LICENSE-FLUX1-dev
#   satisfied_by: an attestation that the student does not compete with FLUX.1 [dev] or FLUX.1 Kontext [dev]
#   remediation: >-
#     Declare the models the outputs train (derived_models[].trained_on_outputs_of) and record an
#     attestation for flux-1-dev-non-commercial-license:output-use that none competes with
#     FLUX.1 [dev] or FLUX.1 Kontext [dev].
findings contains item if {
	some item in clauses.output_use_judged(license, "does not compete with FLUX.1 [dev] or FLUX.1 Kontext [dev]")
}

# METADATA
# title: Content filters or output review
# description: >-
#   The model may be used, and its Output created, only with content filters against unlawful
#   or infringing content (or a review of Output before it is distributed or displayed), and
#   with disclosure that Output is AI-generated where the law requires it. No manifest field
#   records the filters: a person attests them.
# custom:
#   clause: guardrails
#   section: "2(e) License Grant"
#   quote: >-
#     implement and maintain content filtering measures ("Content Filters") for your use of the
#     FLUX.1 [dev] Model or Derivatives to prevent the creation, display, transmission,
#     generation, or dissemination of unlawful or infringing content
#   source: https://github.com/black-forest-labs/flux/blob/802fb4713906133fcbd0d8dc5351620ca4773036/model_licenses/LICENSE-FLUX1-dev
#   trigger: any listed model under the license
#   satisfied_by: an attestation that content filters (or a review of Output) and any AI disclosure the law requires are in place
#   remediation: >-
#     Put content filters in front of the model (or review Output before it is shown or
#     shared), disclose AI generation where the law requires it, and record an attestation for
#     flux-1-dev-non-commercial-license:guardrails.
findings contains finding.new(
	license, "guardrails", subject.id, "needs-attestation",
	sprintf("%s may be used only with content filters or a review of its Output: record an attestation", [subject.id]),
	subject.path,
) if {
	some subject in subjects.models_under(license)
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
#   source: https://github.com/black-forest-labs/flux/blob/802fb4713906133fcbd0d8dc5351620ca4773036/model_licenses/LICENSE-FLUX1-dev
#   remediation: >-
#     Ship the FLUX.1 [dev] Non-Commercial License with the weights and set
#     product.license_copies_included to true (or list flux-1-dev-non-commercial-license in it).
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
#     you must prominently display the following notice alongside the Distribution of the FLUX.1
#     [dev] Model or Derivative (such as via a "Notice" text file distributed as part of such
#     FLUX.1 [dev] Model or Derivative)
#   source: https://github.com/black-forest-labs/flux/blob/802fb4713906133fcbd0d8dc5351620ca4773036/model_licenses/LICENSE-FLUX1-dev
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
#   section: "3(c)(i) Distribution"
#   quote: >-
#     you must also include in the Attribution Notice a statement that you have modified the
#     applicable FLUX.1 [dev] Model
#   source: https://github.com/black-forest-labs/flux/blob/802fb4713906133fcbd0d8dc5351620ca4773036/model_licenses/LICENSE-FLUX1-dev
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
#   surveillance, biometric processing, infringing third parties' rights (including publicity
#   and "digital replica" rights), unlawful, fraudulent, defamatory or abusive activity,
#   unlawful content, or in breach of privacy law and the EU AI Act. Only a person can judge the
#   use cases against them.
# custom:
#   clause: acceptable-use
#   section: "4(a) Restrictions"
#   quote: >-
#     (ii) military purposes, (iii) purposes of surveillance, including any research or
#     development relating to surveillance, (iv) biometric processing
#   source: https://github.com/black-forest-labs/flux/blob/802fb4713906133fcbd0d8dc5351620ca4773036/model_licenses/LICENSE-FLUX1-dev
#   remediation: >-
#     Have counsel review the use cases against §4 of the FLUX.1 [dev] Non-Commercial License
#     and record an attestation for flux-1-dev-non-commercial-license:acceptable-use.
findings contains item if some item in clauses.acceptable_use(license, "FLUX.1 [dev] Non-Commercial License §4 restrictions")
