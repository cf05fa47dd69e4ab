# METADATA
# title: Databricks Open Model License
# description: >-
#   Clauses of the Databricks Open Model License (Version Release Date: March 27, 2024), which
#   covers DBRX Base and DBRX Instruct. Commercial use is allowed, but a licensee whose products
#   had more than 700 million monthly active users in the month before the release needs a
#   license from Databricks; no Output may improve another large language model; distributions
#   carry a Notice file, a copy of the Agreement and modified-file notices; use follows the
#   Databricks Open Model Acceptable Use Policy. Not encoded: §4.1 ("reasonable efforts to use
#   the latest version of DBRX") names no fact a manifest records and no version to compare, and
#   the §3 exemption for recipients of an integrated end user product has no manifest field.
# related_resources:
#   - description: license text
#     ref: https://github.com/databricks/dbrx/blob/main/LICENSE
# custom:
#   license: dbrx
#   name: Databricks Open Model License
#   version: "Version Release Date: March 27, 2024"
#   text: https://github.com/databricks/dbrx/blob/main/LICENSE
#   out_of_reach:
#     - >-
#       The license asks licensees to use the latest version of the model; which version is
#       deployed over time is not a manifest fact.
package licensegate.licenses.dbrx

import rego.v1

import data.licensegate.lib.clauses

# The license id this package judges; licensegate.main finds the package by it.
license := "dbrx"

# §3 measures MAU "on the DBRX version release date" (March 27, 2024) "in the preceding calendar
# month".
_mau_month := "2024-02"

_mau_limit := 700000000

# §2.2(1), as in the repository's NOTICE file.
_notice := "DBRX is provided under and subject to the Databricks Open Model License, Copyright © Databricks, Inc. All rights reserved."

# METADATA
# title: No more than 700 million monthly active users at release
# description: >-
#   Licensee and affiliates must not have had more than 700 million monthly active users in the
#   calendar month before March 27, 2024; otherwise no rights exist until Databricks grants a
#   license.
# custom:
#   clause: mau-threshold
#   section: "§3 Additional Commercial Terms"
#   quote: >-
#     If, on the DBRX version release date, the monthly active users of the products or services
#     made available by or for Licensee, or Licensee's affiliates, is greater than 700 million
#     monthly active users in the preceding calendar month
#   source: https://github.com/databricks/dbrx/blob/main/LICENSE
#   remediation: >-
#     Request a license from Databricks before using DBRX, and record it as a waiver once
#     granted; if the figure is wrong, give the MAU for 2024-02 in licensee.mau_history.
findings contains item if some item in clauses.mau_at_release(license, _mau_month, _mau_limit)

# METADATA
# title: No DBRX Output to improve another large language model
# description: >-
#   Neither DBRX, its derivatives nor any Output may be used to improve a large language model
#   other than DBRX or a DBRX Derivative. A student built on DBRX weights is a DBRX Derivative;
#   a non-LLM student is not reached.
# custom:
#   clause: output-use
#   section: "§2.3 Use Restrictions"
#   quote: >-
#     You will not use DBRX or DBRX Derivatives or any Output to improve any other large language
#     model (excluding DBRX or DBRX Derivatives).
#   source: https://github.com/databricks/dbrx/blob/main/LICENSE
#   remediation: >-
#     Do not train another LLM on DBRX outputs: build the student on DBRX weights instead, or
#     use a teacher whose license allows it.
findings contains item if some item in clauses.output_use_ban(license, "DBRX")

# METADATA
# title: Ship the DBRX Notice file
# description: >-
#   Every distribution of DBRX or a DBRX Derivative is accompanied by a "Notice" text file with
#   the notice of §2.2(1).
# custom:
#   clause: notice-file
#   section: "§2.2(1) Reproduction and Distribution"
#   quote: >-
#     All distributions of DBRX or DBRX Derivatives must be accompanied by a "Notice" text file
#     that contains the following notice
#   source: https://github.com/databricks/dbrx/blob/main/LICENSE
#   remediation: >-
#     Add a Notice file containing "DBRX is provided under and subject to the Databricks Open
#     Model License, Copyright © Databricks, Inc. All rights reserved." and name it in
#     product.notice_file.
findings contains item if some item in clauses.notice_file(license, _notice)

# METADATA
# title: Give a copy of the Agreement with distributed weights
# description: >-
#   Third parties who receive DBRX or a DBRX Derivative get a copy of the Agreement. As for the
#   identically worded Llama 2 clause, a model offered only as a service makes a service
#   available, not DBRX itself, so only weights that leave the organisation are reached.
# custom:
#   clause: license-copy
#   section: "§2.2(2) Reproduction and Distribution"
#   quote: >-
#     If you distribute or make DBRX or DBRX Derivatives available to a third party, you must
#     provide a copy of this Agreement to such third party.
#   source: https://github.com/databricks/dbrx/blob/main/LICENSE
#   remediation: >-
#     Ship the Databricks Open Model License with the weights and set
#     product.license_copies_included to true.
findings contains item if some item in clauses.license_copy(license)

# METADATA
# title: Mark modified files in published derived weights
# description: >-
#   A DBRX Derivative whose weights are published carries prominent notices in the files that
#   were changed.
# custom:
#   clause: modified-files-notice
#   section: "§2.2(3) Reproduction and Distribution"
#   quote: >-
#     You must cause any modified files that you distribute to carry prominent notices stating
#     that you modified the files.
#   source: https://github.com/databricks/dbrx/blob/main/LICENSE
#   remediation: >-
#     Add a prominent notice that the files were changed (for example in the model card and the
#     changed files' metadata) and set derived_models[].modified_files_marked to true.
findings contains item if some item in clauses.modified_files(license)

# METADATA
# title: Use complies with the Databricks Open Model Acceptable Use Policy
# description: >-
#   DBRX and its derivatives may not be used for a restricted use of the Acceptable Use Policy,
#   incorporated by reference, or against applicable law; only a person can judge the use cases
#   against it.
# custom:
#   clause: acceptable-use
#   section: "§2.3(1) Use Restrictions"
#   quote: >-
#     for any restricted use set forth in the Databricks Open Model Acceptable Use Policy
#     identified at https://www.databricks.com/legal/acceptable-use-policy-open-model
#   source: https://github.com/databricks/dbrx/blob/main/LICENSE
#   remediation: >-
#     Have counsel review the use cases against the Databricks Open Model Acceptable Use Policy
#     and record an attestation for dbrx:acceptable-use.
findings contains item if {
	some item in clauses.acceptable_use(license, "Databricks Open Model Acceptable Use Policy")
}

# DESIGN.md §2.1 rule 8: a model listed for training (fine-tuning, distillation, synthetic data,
# training feedback) that no declared derived model comes from leaves the license's duties toward
# what it trains undecidable; they are asked for under license-copy.
findings contains item if some item in clauses.training_needs_student(license, "license-copy")
