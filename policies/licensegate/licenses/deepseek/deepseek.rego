# METADATA
# title: DeepSeek License Agreement
# description: >-
#   Clauses of the DeepSeek License Agreement, Version 1.0 (23 October 2023), which covers the
#   weights of DeepSeek-V2, V2.5 and the original DeepSeek-V3 (their code is MIT). An
#   OpenRAIL-style license: no commercial bar and no threshold, but the Attachment A use
#   restrictions bind the Model and every Derivative of the Model, and §4 conditions apply to
#   hosting for third parties as well as to distributing copies. A model trained by distillation
#   or on synthetic data from the Model is a Derivative of the Model (§1).
# related_resources:
#   - description: license text
#     ref: https://github.com/deepseek-ai/DeepSeek-V3/blob/main/LICENSE-MODEL
# custom:
#   license: deepseek
#   name: DeepSeek License Agreement
#   version: "Version 1.0, 23 October 2023"
#   text: https://github.com/deepseek-ai/DeepSeek-V3/blob/main/LICENSE-MODEL
package licensegate.licenses.deepseek

import rego.v1

import data.licensegate.lib.clauses

# The license id this package judges; licensegate.main finds the package by it.
license := "deepseek"

# METADATA
# title: Pass the use restrictions on as an enforceable provision
# description: >-
#   Whoever hosts the Model or a Derivative of the Model for third parties (§4: "host for Third
#   Party remote access purposes (e.g. software-as-a-service)") or distributes it must include
#   the paragraph 5 use restrictions as an enforceable provision in the agreement governing its
#   use, and require all users to comply (§5). Derived models trained on the Model's outputs are
#   Derivatives of the Model (§1), so the duty reaches them whether they are offered as a service
#   or published.
# custom:
#   clause: use-restrictions-flowdown
#   section: "§4(a) Distribution and Redistribution; §5 Use-based restrictions"
#   quote: >-
#     Use-based restrictions as referenced in paragraph 5 MUST be included as an enforceable
#     provision by You in any type of legal agreement (e.g. a license) governing the use and/or
#     distribution of the Model or Derivatives of the Model
#   source: https://github.com/deepseek-ai/DeepSeek-V3/blob/main/LICENSE-MODEL
#   remediation: >-
#     Add the Attachment A use restrictions, as an enforceable provision, to the terms users
#     accept (and tell recipients the model is subject to paragraph 5); then set
#     product.user_terms_include_use_restrictions to true.
findings contains item if some item in clauses.flowdown(license, true)

# METADATA
# title: Give a copy of the License with distributed weights
# description: >-
#   Third parties who receive the Model or a Derivative of the Model get a copy of the License.
#   §1 makes a model distilled from, or trained on synthetic data of, the Model a Derivative, so
#   published students trained on its outputs count too.
# custom:
#   clause: license-copy
#   trigger: >-
#     weights leave the organisation: shipped weights of the models the product runs, or a
#     published derived model built on the Model's weights or trained on its outputs
#   section: "§4(b) Distribution and Redistribution"
#   quote: You must give any Third Party recipients of the Model or Derivatives of the Model a copy of this License;
#   source: https://github.com/deepseek-ai/DeepSeek-V3/blob/main/LICENSE-MODEL
#   remediation: >-
#     Ship the DeepSeek License Agreement (LICENSE-MODEL) with the weights and set
#     product.license_copies_included to true.
findings contains item if some item in clauses.license_copy_for(license, {"weights", "outputs"})

# METADATA
# title: Mark modified files in published derived weights
# description: >-
#   A Derivative of the Model whose weights are published must carry prominent notices in the
#   files that were changed.
# custom:
#   clause: modified-files-notice
#   section: "§4(c) Distribution and Redistribution"
#   quote: You must cause any modified files to carry prominent notices stating that You changed the files;
#   source: https://github.com/deepseek-ai/DeepSeek-V3/blob/main/LICENSE-MODEL
#   remediation: >-
#     Add a prominent notice that the files were changed (for example in the model card and the
#     changed files' metadata) and set derived_models[].modified_files_marked to true.
findings contains item if some item in clauses.modified_files(license)

# METADATA
# title: Keep the licensor's notices in distributed copies
# description: >-
#   Distributed copies of the Model and its Derivatives keep the copyright, patent, trademark and
#   attribution notices that pertain to them; whether any were removed is a person's judgement.
# custom:
#   clause: retain-notices
#   section: "§4(d) Distribution and Redistribution"
#   quote: >-
#     You must retain all copyright, patent, trademark, and attribution notices excluding those
#     notices that do not pertain to any part of the Model, Derivatives of the Model.
#   source: https://github.com/deepseek-ai/DeepSeek-V3/blob/main/LICENSE-MODEL
#   remediation: >-
#     Check that the distributed files keep DeepSeek's copyright, patent, trademark and
#     attribution notices, and record an attestation for deepseek:retain-notices.
findings contains item if some item in clauses.retain_notices(license)

# METADATA
# title: Use complies with the Attachment A use restrictions
# description: >-
#   The Model and its Derivatives may not be used for the uses Attachment A lists, among them
#   "For military use in any way", fully automated decisions that adversely affect an
#   individual's legal rights, and generating personal identifiable information without
#   authorisation. Only a person can judge the use cases against them.
# custom:
#   clause: acceptable-use
#   section: "§5 Use-based restrictions; Attachment A"
#   quote: >-
#     The restrictions set forth in Attachment A are considered Use-based restrictions. Therefore
#     You cannot use the Model and the Derivatives of the Model for the specified restricted uses.
#   source: https://github.com/deepseek-ai/DeepSeek-V3/blob/main/LICENSE-MODEL
#   remediation: >-
#     Have counsel review the use cases (including any military use) against Attachment A of the
#     DeepSeek License Agreement and record an attestation for deepseek:acceptable-use.
findings contains item if {
	some item in clauses.acceptable_use(license, "DeepSeek License Agreement Attachment A use restrictions")
}

# DESIGN.md §2.1 rule 8: a model listed for training (fine-tuning, distillation, synthetic data,
# training feedback) that no declared derived model comes from leaves the license's duties toward
# what it trains undecidable; they are asked for under use-restrictions-flowdown.
findings contains item if some item in clauses.training_needs_student(license, "use-restrictions-flowdown")
