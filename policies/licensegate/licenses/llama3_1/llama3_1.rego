# METADATA
# title: Llama 3.1 Community License Agreement
# description: >-
#   Clauses of the Llama 3.1 Community License Agreement (Llama 3.1 Version Release Date:
#   July 23, 2024) and its Acceptable Use Policy that bind a deployment.
# related_resources:
#   - description: license text
#     ref: https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/LICENSE
# custom:
#   license: llama3.1
#   name: Llama 3.1 Community License Agreement
#   version: "Llama 3.1 Version Release Date: July 23, 2024"
#   text: https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/LICENSE
#   out_of_reach:
#     - >-
#       §1.b.ii: a licensee that receives Llama Materials as part of an integrated end-user
#       product is exempt from §2 (the MAU test); the manifest has no field for that route.
#     - >-
#       §5(a): use of Meta's marks beyond "Built with Llama"; trademark use is not a manifest
#       fact.
#     - >-
#       The Acceptable Use Policy's list of prohibited uses: only a person can judge use cases
#       (acceptable-use attestation).
package licensegate.licenses.llama3_1

import rego.v1

import data.licensegate.lib.clauses

# The license id this package judges; licensegate.main finds the package by it.
license := "llama3.1"

# §2 measures MAU "on the Llama 3.1 version release date" (July 23, 2024) "in the preceding
# calendar month".
_mau_month := "2024-06"

_mau_limit := 700000000

# §1.b.iii, with typographic quotes made straight as the host does for Notice files.
_notice := "Llama 3.1 is licensed under the Llama 3.1 Community License, Copyright © Meta Platforms, Inc. All Rights Reserved."

# METADATA
# title: No more than 700 million monthly active users at release
# description: >-
#   Licensee and affiliates must not have had more than 700 million monthly active users in the
#   calendar month before July 23, 2024; otherwise no rights exist until Meta grants a license.
# custom:
#   clause: mau-threshold
#   section: "§2 Additional Commercial Terms"
#   quote: >-
#     If, on the Llama 3.1 version release date, the monthly active users of the products or
#     services made available by or for Licensee, or Licensee's affiliates, is greater than 700
#     million monthly active users in the preceding calendar month
#   source: https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/LICENSE
#   remediation: >-
#     Request a license from Meta before using Llama 3.1, and record it as a waiver once granted;
#     if the figure is wrong, give the MAU for 2024-06 in licensee.mau_history.
findings contains item if some item in clauses.mau_at_release(license, _mau_month, _mau_limit)

# METADATA
# title: Display "Built with Llama"
# description: >-
#   Whoever distributes or makes available the Llama Materials, a derivative, or a product or
#   service containing them must prominently display "Built with Llama".
# custom:
#   clause: attribution-display
#   section: "§1.b.i(B) Redistribution and Use"
#   quote: >-
#     prominently display "Built with Llama" on a related website, user interface, blogpost,
#     about page, or product documentation.
#   source: https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/LICENSE
#   remediation: >-
#     Show "Built with Llama" on a related website, user interface, blog post, about page or
#     product documentation, and list it under product.attribution.
findings contains item if some item in clauses.display(license, "Built with Llama")

# METADATA
# title: Released derivative names begin with "Llama"
# description: >-
#   A model created, trained or improved with Llama 3.1 or its outputs that is distributed or
#   made available must have "Llama" at the beginning of its name.
# custom:
#   clause: derivative-naming
#   section: "§1.b.i Redistribution and Use"
#   quote: >-
#     any outputs or results of the Llama Materials to create, train, fine tune, or otherwise
#     improve an AI model, which is distributed or made available, you shall also include "Llama"
#     at the beginning of any such AI model name.
#   source: https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/LICENSE
#   remediation: Rename the derived model so that its name begins with "Llama".
findings contains item if {
	some item in clauses.name_prefix(license, `^Llama`, "Llama", {"weights", "outputs"})
}

# METADATA
# title: Give a copy of the Agreement with distributed weights
# description: Distributed Llama Materials and derivatives go with a copy of the Agreement.
# custom:
#   clause: license-copy
#   section: "§1.b.i(A) Redistribution and Use"
#   quote: you shall (A) provide a copy of this Agreement with any such Llama Materials
#   source: https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/LICENSE
#   remediation: >-
#     Ship the Llama 3.1 Community License Agreement with the weights and set
#     product.license_copies_included to true.
findings contains item if some item in clauses.license_copy(license)

# METADATA
# title: Ship the Llama 3.1 Notice file
# description: >-
#   Distributed copies carry a "Notice" text file with the attribution notice of §1.b.iii.
# custom:
#   clause: notice-file
#   section: "§1.b.iii Redistribution and Use"
#   quote: >-
#     You must retain in all copies of the Llama Materials that you distribute the following
#     attribution notice within a "Notice" text file distributed as a part of such copies
#   source: https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/LICENSE
#   remediation: >-
#     Add a Notice file containing "Llama 3.1 is licensed under the Llama 3.1 Community License,
#     Copyright © Meta Platforms, Inc. All Rights Reserved." and name it in product.notice_file.
findings contains item if some item in clauses.notice_file(license, _notice)

# METADATA
# title: Use complies with the Llama 3.1 Acceptable Use Policy
# description: >-
#   Use must adhere to the Acceptable Use Policy, incorporated by reference; only a person can
#   judge the use cases against it.
# custom:
#   clause: acceptable-use
#   section: "§1.b.iv Redistribution and Use"
#   quote: >-
#     adhere to the Acceptable Use Policy for the Llama Materials (available at
#     https://llama.meta.com/llama3_1/use-policy), which is hereby incorporated by reference into
#     this Agreement.
#   source: https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/USE_POLICY.md
#   remediation: >-
#     Have counsel review the use cases against the Llama 3.1 Acceptable Use Policy and record an
#     attestation for llama3.1:acceptable-use.
findings contains item if some item in clauses.acceptable_use(license, "Llama 3.1 Acceptable Use Policy")

# DESIGN.md §2.1 rule 8: a model listed for training (fine-tuning, distillation, synthetic data,
# training feedback) that no declared derived model comes from leaves the license's duties toward
# what it trains undecidable; they are asked for under derivative-naming.
findings contains item if some item in clauses.training_needs_student(license, "derivative-naming")
