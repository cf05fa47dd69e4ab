# METADATA
# title: Llama 2 Community License Agreement
# description: >-
#   Clauses of the Llama 2 Community License Agreement (Llama 2 Version Release Date:
#   July 18, 2023) and its Acceptable Use Policy that bind a deployment. Llama 2 has no display
#   duty and no naming rule; it bans using the model or its outputs to improve other LLMs.
# related_resources:
#   - description: license text
#     ref: https://github.com/meta-llama/llama-models/blob/main/models/llama2/LICENSE
# custom:
#   license: llama2
#   name: Llama 2 Community License Agreement
#   version: "Llama 2 Version Release Date: July 18, 2023"
#   text: https://github.com/meta-llama/llama-models/blob/main/models/llama2/LICENSE
package licensegate.licenses.llama2

import rego.v1

import data.licensegate.lib.clauses

# The license id this package judges; licensegate.main finds the package by it.
license := "llama2"

# §2 measures MAU "on the Llama 2 version release date" (July 18, 2023) "in the preceding
# calendar month".
_mau_month := "2023-06"

_mau_limit := 700000000

# §1.b.iii, whitespace collapsed as the host does for Notice files.
_notice := "Llama 2 is licensed under the LLAMA 2 Community License, Copyright (c) Meta Platforms, Inc. All Rights Reserved."

# METADATA
# title: No more than 700 million monthly active users at release
# description: >-
#   Licensee and affiliates must not have had more than 700 million monthly active users in the
#   calendar month before July 18, 2023; otherwise no rights exist until Meta grants a license.
# custom:
#   clause: mau-threshold
#   section: "§2 Additional Commercial Terms"
#   quote: >-
#     If, on the Llama 2 version release date, the monthly active users of the products or
#     services made available by or for Licensee, or Licensee's affiliates, is greater than 700
#     million monthly active users in the preceding calendar month
#   source: https://github.com/meta-llama/llama-models/blob/main/models/llama2/LICENSE
#   remediation: >-
#     Request a license from Meta before using Llama 2, and record it as a waiver once granted;
#     if the figure is wrong, give the MAU for 2023-06 in licensee.mau_history.
findings contains item if some item in clauses.mau_at_release(license, _mau_month, _mau_limit)

# METADATA
# title: Llama 2 and its outputs do not improve other large language models
# description: >-
#   Neither Llama 2 nor its outputs or results may be used to improve any other large language
#   model; Llama 2 and derivative works of it are excepted.
# custom:
#   clause: output-use
#   section: "§1.b.v Redistribution and Use"
#   quote: >-
#     You will not use the Llama Materials or any output or results of the Llama Materials to
#     improve any other large language model (excluding Llama 2 or derivative works thereof).
#   source: https://github.com/meta-llama/llama-models/blob/main/models/llama2/LICENSE
#   remediation: >-
#     Do not train other large language models on Llama 2 outputs: build the student on Llama 2
#     weights (a derivative work), mark it llm: false if it is not a large language model, or
#     use a teacher whose license allows distillation. Declare every model a teacher trains
#     under derived_models[].trained_on_outputs_of.
findings contains item if some item in clauses.output_use_ban(license, "Llama 2")

# METADATA
# title: Give a copy of the Agreement to third parties
# description: >-
#   Whoever distributes the Llama Materials or a derivative work, or makes them available to a
#   third party, provides that third party with a copy of the Agreement. Judged where weights
#   leave the organisation (shipped or published): a model served as an API makes a service
#   available, not the Llama Materials themselves.
# custom:
#   clause: license-copy
#   section: "§1.b.i Redistribution and Use"
#   quote: >-
#     If you distribute or make the Llama Materials, or any derivative works thereof, available
#     to a third party, you shall provide a copy of this Agreement to such third party.
#   source: https://github.com/meta-llama/llama-models/blob/main/models/llama2/LICENSE
#   remediation: >-
#     Ship the Llama 2 Community License Agreement with the weights and set
#     product.license_copies_included to true.
findings contains item if some item in clauses.license_copy(license)

# METADATA
# title: Ship the Llama 2 Notice file
# description: >-
#   Distributed copies carry a "Notice" text file with the attribution notice of §1.b.iii.
# custom:
#   clause: notice-file
#   section: "§1.b.iii Redistribution and Use"
#   quote: >-
#     You must retain in all copies of the Llama Materials that you distribute the following
#     attribution notice within a "Notice" text file distributed as a part of such copies
#   source: https://github.com/meta-llama/llama-models/blob/main/models/llama2/LICENSE
#   remediation: >-
#     Add a Notice file containing "Llama 2 is licensed under the LLAMA 2 Community License,
#     Copyright (c) Meta Platforms, Inc. All Rights Reserved." and name it in product.notice_file.
findings contains item if some item in clauses.notice_file(license, _notice)

# METADATA
# title: Use complies with the Llama 2 Acceptable Use Policy
# description: >-
#   Use must adhere to the Acceptable Use Policy, incorporated by reference; only a person can
#   judge the use cases against it.
# custom:
#   clause: acceptable-use
#   section: "§1.b.iv Redistribution and Use"
#   quote: >-
#     adhere to the Acceptable Use Policy for the Llama Materials (available at
#     https://ai.meta.com/llama/use-policy), which is hereby incorporated by reference into this
#     Agreement.
#   source: https://github.com/meta-llama/llama-models/blob/main/models/llama2/LICENSE
#   remediation: >-
#     Have counsel review the use cases against the Llama 2 Acceptable Use Policy
#     (models/llama2/USE_POLICY.md) and record an attestation for llama2:acceptable-use.
findings contains item if some item in clauses.acceptable_use(license, "Llama 2 Acceptable Use Policy")

# DESIGN.md §2.1 rule 8: a model listed for training (fine-tuning, distillation, synthetic data,
# training feedback) that no declared derived model comes from leaves the license's duties toward
# what it trains undecidable; they are asked for under license-copy.
findings contains item if some item in clauses.training_needs_student(license, "license-copy")
