# METADATA
# title: MiniMax Model License (current text, 2025-02-20)
# description: >-
#   Clauses of the MiniMax Model License as MiniMax has published it for MiniMax-Text-01 and
#   MiniMax-VL-01 since 2025-02-20 (LICENSE-MODEL, "Model Release Date: 15 January 2025"). It
#   replaced the first text, the "MiniMax Model License Agreement" of 2025-01-14, and dropped its
#   100M-user test, its "Built with MiniMax AI" display, its "MiniMax" naming rule and its ban on
#   using outputs to improve other LLMs. What remains: a copy of the Agreement and modified-file
#   notices with distributed Model Materials or derivative works, a Notice file, and the
#   Prohibited Uses Policy (including any military purpose). Which text governs: this one, for
#   every model whose license is `minimax`, which is what the catalog says for MiniMax-Text-01 and
#   MiniMax-VL-01; the first text governs only a model the manifest declares as
#   `license: minimax-2025-01` (see that package).
# related_resources:
#   - description: license text
#     ref: https://github.com/MiniMax-AI/MiniMax-01/blob/main/LICENSE-MODEL
# custom:
#   license: minimax
#   name: MiniMax Model License
#   version: "Model Release Date: 15 January 2025; text of 2025-02-20"
#   text: https://github.com/MiniMax-AI/MiniMax-01/blob/main/LICENSE-MODEL
package licensegate.licenses.minimax

import rego.v1

import data.licensegate.lib.clauses

# The license id this package judges; licensegate.main finds the package by it.
license := "minimax"

# §2.b.ii, with typographic quotes made straight as the host does for Notice files.
_notice := "MiniMax AI model is licensed under the MiniMax Model License, Copyright © MiniMax. All Rights Reserved."

# METADATA
# title: Give a copy of the Agreement with distributed weights
# description: >-
#   Whoever distributes the Model Materials or derivative works of them provides a copy of this
#   Agreement with them.
# custom:
#   clause: license-copy
#   section: "§2.b.i Redistribution and Use"
#   quote: >-
#     you shall provide a copy of this Agreement with any such the Model Materials or derivative
#     works
#   source: https://github.com/MiniMax-AI/MiniMax-01/blob/main/LICENSE-MODEL
#   remediation: >-
#     Ship the MiniMax Model License (LICENSE-MODEL) with the weights and set
#     product.license_copies_included to true.
findings contains item if some item in clauses.license_copy(license)

# METADATA
# title: Mark modified files in published derived weights
# description: >-
#   Distributed derivative works carry prominent notices in the files that were changed.
# custom:
#   clause: modified-files-notice
#   section: "§2.b.i Redistribution and Use"
#   quote: cause any modified files to carry prominent notices stating that you changed the files.
#   source: https://github.com/MiniMax-AI/MiniMax-01/blob/main/LICENSE-MODEL
#   remediation: >-
#     Add a prominent notice that the files were changed (for example in the model card and the
#     changed files' metadata) and set derived_models[].modified_files_marked to true.
findings contains item if some item in clauses.modified_files(license)

# METADATA
# title: Ship the MiniMax Notice file
# description: >-
#   Distributed copies of the Model Materials carry a "Notice" text file with the attribution
#   notice of §2.b.ii (which names the "MiniMax Model License"; the first text said "MiniMax
#   License").
# custom:
#   clause: notice-file
#   section: "§2.b.ii Redistribution and Use"
#   quote: >-
#     the following attribution notice within a "Notice" text file distributed as a part of such
#     copies: "MiniMax AI model is licensed under the MiniMax Model License, Copyright © MiniMax.
#     All Rights Reserved."
#   source: https://github.com/MiniMax-AI/MiniMax-01/blob/main/LICENSE-MODEL
#   remediation: >-
#     Add a Notice file containing "MiniMax AI model is licensed under the MiniMax Model License,
#     Copyright © MiniMax. All Rights Reserved." and name it in product.notice_file.
findings contains item if some item in clauses.notice_file(license, _notice)

# METADATA
# title: Use complies with the MiniMax Prohibited Uses Policy
# description: >-
#   Use must adhere to the Prohibited Uses Policy, incorporated by reference (among others: no
#   military purpose, no fully automated decisions that adversely affect legal rights, no
#   unauthorised personal information); only a person can judge the use cases against it.
# custom:
#   clause: acceptable-use
#   section: "§2.b.iii Redistribution and Use; Prohibited Uses Policy"
#   quote: >-
#     adhere to the Prohibited Uses Policy for the Model Materials, which is hereby incorporated by
#     reference into this Agreement.
#   source: https://github.com/MiniMax-AI/MiniMax-01/blob/main/LICENSE-MODEL
#   remediation: >-
#     Have counsel review the use cases (including any military purpose) against the MiniMax
#     Prohibited Uses Policy and record an attestation for minimax:acceptable-use.
findings contains item if some item in clauses.acceptable_use(license, "MiniMax Prohibited Uses Policy")

# DESIGN.md §2.1 rule 8: a model listed for training (fine-tuning, distillation, synthetic data,
# training feedback) that no declared derived model comes from leaves the license's duties toward
# what it trains undecidable; they are asked for under modified-files-notice.
findings contains item if some item in clauses.training_needs_student(license, "modified-files-notice")
