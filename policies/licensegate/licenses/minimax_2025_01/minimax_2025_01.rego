# METADATA
# title: MiniMax Model License Agreement (first text, January 2025)
# description: >-
#   Clauses of the first license MiniMax published for MiniMax-Text-01 and MiniMax-VL-01: the
#   "MINIMAX MODEL LICENSE AGREEMENT" in the LICENSE file of MiniMax-AI/MiniMax-01 as of
#   2025-01-14, replaced on 2025-02-20 by the MiniMax Model License (`minimax`). Which text
#   governs: licensegate judges MiniMax models by the current text unless the manifest says
#   otherwise. A deployment whose licensee accepted this first text and wants to be judged by it
#   declares it on the model, `license: minimax-2025-01` (for example a copy of the January
#   release kept in an internal registry under its own id); every clause below then cites this
#   text, and the findings name it by its own license id, so a report never mixes the two. This
#   text has a 100M-user test at the release date (§3), a "Built with MiniMax AI" display and a
#   "MiniMax" name prefix for distributed models built with the Materials (§2.b.i), a ban on using
#   the Materials or their outputs to improve any other large language model (§2.b.iv), a copy of
#   the Agreement, a Notice file and the Prohibited Uses Policy. It states no release date: the
#   MiniMax Model Materials were released on 15 January 2025 (the date the current text gives for
#   the same models; the first LICENSE was committed on 14 January), so the preceding calendar
#   month is December 2024 either way.
# related_resources:
#   - description: license text
#     ref: https://github.com/MiniMax-AI/MiniMax-01/blob/15dcc3f/LICENSE
# custom:
#   license: minimax-2025-01
#   name: MiniMax Model License Agreement
#   version: "first text, LICENSE of 2025-01-14; it has no version or date line"
#   text: https://github.com/MiniMax-AI/MiniMax-01/blob/15dcc3f/LICENSE
package licensegate.licenses.minimax_2025_01

import rego.v1

import data.licensegate.lib.clauses

# The license id this package judges; licensegate.main finds the package by it.
license := "minimax-2025-01"

# §3 measures MAU "on the MiniMax Model Materials release date" (15 January 2025) "in the
# preceding calendar month".
_mau_month := "2024-12"

_mau_limit := 100000000

# §2.b.ii, with typographic quotes made straight as the host does for Notice files. Note
# "MiniMax License", not the current text's "MiniMax Model License".
_notice := "MiniMax AI model is licensed under the MiniMax License, Copyright © MiniMax. All Rights Reserved."

# METADATA
# title: No more than 100 million monthly active users at release
# description: >-
#   Licensee and affiliates must not have had more than 100 million monthly active users in the
#   calendar month before the MiniMax Model Materials release date (December 2024); otherwise no
#   rights exist until MiniMax grants a license.
# custom:
#   clause: mau-threshold
#   section: "§3 Additional Commercial Terms"
#   quote: >-
#     If, on the MiniMax Model Materials release date, the monthly active users of the products or
#     services made available by or for Licensee, or Licensee's affiliates, is greater than 100
#     million monthly active users in the preceding calendar month
#   source: https://github.com/MiniMax-AI/MiniMax-01/blob/15dcc3f/LICENSE
#   remediation: >-
#     Request a license from MiniMax before using the model and record it as a waiver once granted,
#     or accept the current MiniMax Model License (declare the model as minimax), which has no
#     threshold; if the figure is wrong, give the MAU for 2024-12 in licensee.mau_history.
findings contains item if some item in clauses.mau_at_release(license, _mau_month, _mau_limit)

# METADATA
# title: Display "Built with MiniMax AI"
# description: >-
#   Whoever distributes or makes available the MiniMax Model Materials, a derivative work, or a
#   product or service that uses any of them must prominently display "Built with MiniMax AI".
# custom:
#   clause: attribution-display
#   section: "§2.b.i(B) Redistribution and Use"
#   quote: >-
#     prominently display "Built with MiniMax AI" on a related website, user interface, blogpost,
#     about page, or product documentation.
#   source: https://github.com/MiniMax-AI/MiniMax-01/blob/15dcc3f/LICENSE
#   remediation: >-
#     Show "Built with MiniMax AI" on a related website, user interface, blog post, about page or
#     product documentation, and list it under product.attribution.
findings contains item if some item in clauses.display(license, "Built with MiniMax AI")

# METADATA
# title: Released derivative names begin with "MiniMax"
# description: >-
#   An AI model created, trained, fine-tuned or improved with the MiniMax Model Materials that is
#   distributed or made available must have "MiniMax" at the beginning of its name. As in Llama 3,
#   whose sentence this is, the duty attaches to models built with the Materials (their weights);
#   using the outputs is the separate §2.b.iv matter.
# custom:
#   clause: derivative-naming
#   section: "§2.b.i Redistribution and Use"
#   quote: >-
#     If you use the MiniMax Model Materials to create, train, fine tune, or otherwise improve an AI
#     model, which is distributed or made available, you shall also include "MiniMax" at the
#     beginning of any such AI model name.
#   source: https://github.com/MiniMax-AI/MiniMax-01/blob/15dcc3f/LICENSE
#   remediation: Rename the derived model so that its name begins with "MiniMax" (e.g. "MiniMax-Text-01-Acme").
findings contains item if some item in clauses.name_prefix(license, `^MiniMax`, "MiniMax", {"weights"})

# METADATA
# title: No use of the model or its outputs to improve another large language model
# description: >-
#   The MiniMax Model Materials and their outputs may not be used to improve any other large
#   language model. The sentence names no exception, but §2.a grants the right to create
#   derivative works and §2.b.i expects models fine-tuned from the Materials, so a model built on
#   MiniMax weights is read as MiniMax's own derivative work, not an "other" LLM. A large
#   language model trained on the outputs of a MiniMax model and built on other weights breaches
#   it; a listed model used as a teacher or synthetic-data source must declare its students.
# custom:
#   clause: output-use
#   section: "§2.b.iv Redistribution and Use"
#   quote: >-
#     You will not use the MiniMax Model Materials or any output or results of the MiniMax Model
#     Materials to improve any other large language model.
#   source: https://github.com/MiniMax-AI/MiniMax-01/blob/15dcc3f/LICENSE
#   remediation: >-
#     Do not train the large language model on MiniMax outputs: build it on MiniMax weights (a
#     derivative work), mark it llm: false if it is not a large language model, or accept the
#     current MiniMax Model License (declare the model as minimax), which dropped the ban. Declare
#     every model a teacher trains under derived_models[].trained_on_outputs_of.
findings contains item if some item in clauses.output_use_ban(license, "the MiniMax Model")

# METADATA
# title: Give a copy of the Agreement with distributed weights
# description: Distributed MiniMax Model Materials and derivative works go with a copy of the Agreement.
# custom:
#   clause: license-copy
#   section: "§2.b.i(A) Redistribution and Use"
#   quote: you shall (A) provide a copy of this Agreement with any such MiniMax Model Materials
#   source: https://github.com/MiniMax-AI/MiniMax-01/blob/15dcc3f/LICENSE
#   remediation: >-
#     Ship the MiniMax Model License Agreement with the weights and set
#     product.license_copies_included to true.
findings contains item if some item in clauses.license_copy(license)

# METADATA
# title: Ship the MiniMax Notice file (first text)
# description: >-
#   Distributed copies of the MiniMax Model Materials carry a "Notice" text file with the
#   attribution notice of §2.b.ii, which names the "MiniMax License".
# custom:
#   clause: notice-file
#   section: "§2.b.ii Redistribution and Use"
#   quote: >-
#     the following attribution notice within a "Notice" text file distributed as a part of such
#     copies: "MiniMax AI model is licensed under the MiniMax License, Copyright © MiniMax. All
#     Rights Reserved."
#   source: https://github.com/MiniMax-AI/MiniMax-01/blob/15dcc3f/LICENSE
#   remediation: >-
#     Add a Notice file containing "MiniMax AI model is licensed under the MiniMax License,
#     Copyright © MiniMax. All Rights Reserved." and name it in product.notice_file.
findings contains item if some item in clauses.notice_file(license, _notice)

# METADATA
# title: Use complies with the MiniMax Prohibited Uses Policy (first text)
# description: >-
#   Use must adhere to the Prohibited Uses Policy, incorporated by reference; the first text's
#   list forbids to "Assist with, engage in or in any way associate with any military purpose",
#   among others. Only a person can judge the use cases against it.
# custom:
#   clause: acceptable-use
#   section: "§2.b.iii Redistribution and Use; Prohibited Uses Policy"
#   quote: >-
#     adhere to the Prohibited Uses Policy for the MiniMax Model Materials, which is hereby
#     incorporated by reference into this Agreement.
#   source: https://github.com/MiniMax-AI/MiniMax-01/blob/15dcc3f/LICENSE
#   remediation: >-
#     Have counsel review the use cases (including any association with a military purpose) against
#     the Prohibited Uses Policy of the first MiniMax text and record an attestation for
#     minimax-2025-01:acceptable-use.
findings contains item if {
	some item in clauses.acceptable_use(license, "MiniMax Prohibited Uses Policy (first text)")
}

# DESIGN.md §2.1 rule 8: a model listed for training (fine-tuning, distillation, synthetic data,
# training feedback) that no declared derived model comes from leaves the license's duties toward
# what it trains undecidable; they are asked for under derivative-naming.
findings contains item if some item in clauses.training_needs_student(license, "derivative-naming")
