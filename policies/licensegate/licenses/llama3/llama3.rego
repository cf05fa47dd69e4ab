# METADATA
# title: Meta Llama 3 Community License Agreement
# description: >-
#   Clauses of the Meta Llama 3 Community License Agreement (Meta Llama 3 Version Release Date:
#   April 18, 2024) and its Acceptable Use Policy that bind a deployment. Llama 3 asks for
#   "Built with Meta Llama 3", names beginning with "Llama 3", and bans using the model or its
#   outputs to improve other LLMs.
# related_resources:
#   - description: license text
#     ref: https://github.com/meta-llama/llama-models/blob/main/models/llama3/LICENSE
# custom:
#   license: llama3
#   name: Meta Llama 3 Community License Agreement
#   version: "Meta Llama 3 Version Release Date: April 18, 2024"
#   text: https://github.com/meta-llama/llama-models/blob/main/models/llama3/LICENSE
package licensegate.licenses.llama3

import rego.v1

import data.licensegate.lib.clauses

# The license id this package judges; licensegate.main finds the package by it.
license := "llama3"

# §2 measures MAU "on the Meta Llama 3 version release date" (April 18, 2024) "in the preceding
# calendar month".
_mau_month := "2024-03"

_mau_limit := 700000000

# §1.b.iii, with typographic quotes made straight as the host does for Notice files.
_notice := "Meta Llama 3 is licensed under the Meta Llama 3 Community License, Copyright © Meta Platforms, Inc. All Rights Reserved."

# "Llama 3" at the beginning of the name, with an optional separator ("Llama-3-...",
# "Llama3-..."), and not the start of a longer number ("Llama-30B").
_name_pattern := `^Llama[ _-]?3([^0-9]|$)`

# METADATA
# title: No more than 700 million monthly active users at release
# description: >-
#   Licensee and affiliates must not have had more than 700 million monthly active users in the
#   calendar month before April 18, 2024; otherwise no rights exist until Meta grants a license.
# custom:
#   clause: mau-threshold
#   section: "§2 Additional Commercial Terms"
#   quote: >-
#     If, on the Meta Llama 3 version release date, the monthly active users of the products or
#     services made available by or for Licensee, or Licensee's affiliates, is greater than 700
#     million monthly active users in the preceding calendar month
#   source: https://github.com/meta-llama/llama-models/blob/main/models/llama3/LICENSE
#   remediation: >-
#     Request a license from Meta before using Meta Llama 3, and record it as a waiver once
#     granted; if the figure is wrong, give the MAU for 2024-03 in licensee.mau_history.
findings contains item if some item in clauses.mau_at_release(license, _mau_month, _mau_limit)

# METADATA
# title: Display "Built with Meta Llama 3"
# description: >-
#   Whoever distributes or makes available the Llama Materials, a derivative, or a product or
#   service that uses them must prominently display "Built with Meta Llama 3". The later
#   "Built with Llama" wording does not meet it.
# custom:
#   clause: attribution-display
#   section: "§1.b.i(B) Redistribution and Use"
#   quote: >-
#     prominently display "Built with Meta Llama 3" on a related website, user interface,
#     blogpost, about page, or product documentation.
#   source: https://github.com/meta-llama/llama-models/blob/main/models/llama3/LICENSE
#   remediation: >-
#     Show "Built with Meta Llama 3" on a related website, user interface, blog post, about page
#     or product documentation, and list it under product.attribution.
findings contains item if some item in clauses.display(license, "Built with Meta Llama 3")

# METADATA
# title: Released derivative names begin with "Llama 3"
# description: >-
#   A model created, trained or improved with the Llama 3 Materials that is distributed or made
#   available must have "Llama 3" at the beginning of its name. Unlike Llama 3.1 and later, the
#   Llama 3 text does not extend this to models trained on outputs.
# custom:
#   clause: derivative-naming
#   section: "§1.b.i Redistribution and Use"
#   quote: >-
#     If you use the Llama Materials to create, train, fine tune, or otherwise improve an AI
#     model, which is distributed or made available, you shall also include "Llama 3" at the
#     beginning of any such AI model name.
#   source: https://github.com/meta-llama/llama-models/blob/main/models/llama3/LICENSE
#   remediation: Rename the derived model so that its name begins with "Llama 3" (e.g. "Llama-3-Acme-8B").
findings contains item if some item in clauses.name_prefix(license, _name_pattern, "Llama 3", {"weights"})

# METADATA
# title: Meta Llama 3 and its outputs do not improve other large language models
# description: >-
#   Neither Meta Llama 3 nor its outputs or results may be used to improve any other large
#   language model; Meta Llama 3 and derivative works of it are excepted.
# custom:
#   clause: output-use
#   section: "§1.b.v Redistribution and Use"
#   quote: >-
#     You will not use the Llama Materials or any output or results of the Llama Materials to
#     improve any other large language model (excluding Meta Llama 3 or derivative works
#     thereof).
#   source: https://github.com/meta-llama/llama-models/blob/main/models/llama3/LICENSE
#   remediation: >-
#     Do not train other large language models on Meta Llama 3 outputs: build the student on
#     Llama 3 weights (a derivative work), mark it llm: false if it is not a large language
#     model, or use a teacher whose license allows distillation (Llama 3.1 and later do).
#     Declare every model a teacher trains under derived_models[].trained_on_outputs_of.
findings contains item if some item in clauses.output_use_ban(license, "Meta Llama 3")

# METADATA
# title: Give a copy of the Agreement with distributed weights
# description: Distributed Llama Materials and derivatives go with a copy of the Agreement.
# custom:
#   clause: license-copy
#   section: "§1.b.i(A) Redistribution and Use"
#   quote: you shall (A) provide a copy of this Agreement with any such Llama Materials
#   source: https://github.com/meta-llama/llama-models/blob/main/models/llama3/LICENSE
#   remediation: >-
#     Ship the Meta Llama 3 Community License Agreement with the weights and set
#     product.license_copies_included to true.
findings contains item if some item in clauses.license_copy(license)

# METADATA
# title: Ship the Meta Llama 3 Notice file
# description: >-
#   Distributed copies carry a "Notice" text file with the attribution notice of §1.b.iii.
# custom:
#   clause: notice-file
#   section: "§1.b.iii Redistribution and Use"
#   quote: >-
#     You must retain in all copies of the Llama Materials that you distribute the following
#     attribution notice within a "Notice" text file distributed as a part of such copies
#   source: https://github.com/meta-llama/llama-models/blob/main/models/llama3/LICENSE
#   remediation: >-
#     Add a Notice file containing "Meta Llama 3 is licensed under the Meta Llama 3 Community
#     License, Copyright © Meta Platforms, Inc. All Rights Reserved." and name it in
#     product.notice_file.
findings contains item if some item in clauses.notice_file(license, _notice)

# METADATA
# title: Use complies with the Meta Llama 3 Acceptable Use Policy
# description: >-
#   Use must adhere to the Acceptable Use Policy, incorporated by reference; only a person can
#   judge the use cases against it.
# custom:
#   clause: acceptable-use
#   section: "§1.b.iv Redistribution and Use"
#   quote: >-
#     adhere to the Acceptable Use Policy for the Llama Materials (available at
#     https://llama.meta.com/llama3/use-policy), which is hereby incorporated by reference into
#     this Agreement.
#   source: https://github.com/meta-llama/llama-models/blob/main/models/llama3/LICENSE
#   remediation: >-
#     Have counsel review the use cases against the Meta Llama 3 Acceptable Use Policy and record
#     an attestation for llama3:acceptable-use.
findings contains item if some item in clauses.acceptable_use(license, "Meta Llama 3 Acceptable Use Policy")

# DESIGN.md §2.1 rule 8: a model listed for training (fine-tuning, distillation, synthetic data,
# training feedback) that no declared derived model comes from leaves the license's duties toward
# what it trains undecidable; they are asked for under derivative-naming.
findings contains item if some item in clauses.training_needs_student(license, "derivative-naming")
