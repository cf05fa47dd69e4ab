# METADATA
# title: Tongyi Qianwen RESEARCH LICENSE AGREEMENT
# description: >-
#   Clauses of the Tongyi Qianwen RESEARCH LICENSE AGREEMENT (Tongyi Qianwen Release Date:
#   November 30, 2023), the license of Qwen-1.8B and Qwen-1.8B-Chat. Rights are granted for
#   non-commercial purposes only, that is for research or evaluation (§1.i, §2.a); commercial
#   use needs a license from Alibaba Cloud (§2.b). Neither the Materials nor their output may
#   improve another large language model than Tongyi Qianwen and its derivative works (§4.b).
#   Distributed copies carry the Agreement, a Notice file and notices on modified files (§3).
# related_resources:
#   - description: license text
#     ref: https://github.com/QwenLM/Qwen/blob/main/Tongyi%20Qianwen%20RESEARCH%20LICENSE%20AGREEMENT
# custom:
#   license: tongyi-qianwen-research
#   name: Tongyi Qianwen RESEARCH LICENSE AGREEMENT
#   version: "Tongyi Qianwen Release Date: November 30, 2023"
#   text: https://github.com/QwenLM/Qwen/blob/main/Tongyi%20Qianwen%20RESEARCH%20LICENSE%20AGREEMENT
package licensegate.licenses.tongyi_qianwen_research

import rego.v1

import data.licensegate.lib.clauses

# The license id this package judges; licensegate.main finds the package by it.
license := "tongyi-qianwen-research"

# §3.c, the attribution notice the Notice file must contain.
_notice := concat(" ", [
	"Tongyi Qianwen is licensed under the Tongyi Qianwen RESEARCH LICENSE AGREEMENT,",
	"Copyright (c) Alibaba Cloud. All Rights Reserved.",
])

# METADATA
# title: Non-commercial use only
# description: >-
#   The grant covers non-commercial purposes only, which §1.i defines as research or evaluation
#   purposes; whoever uses the Materials commercially must request a license from Alibaba Cloud
#   (§2.b). The clause reaches listed models and every model derived from them.
# custom:
#   clause: non-commercial
#   satisfied_by: >-
#     product.commercial: false in a research or evaluation environment; other non-commercial
#     use needs an attestation that it is research or evaluation
#   section: "§2.a–b Grant of Rights; §1.i Definitions"
#   quote: >-
#     to use, reproduce, distribute, copy, create derivative works of, and make modifications to
#     the Materials FOR NON-COMMERCIAL PURPOSES ONLY.
#   source: https://github.com/QwenLM/Qwen/blob/main/Tongyi%20Qianwen%20RESEARCH%20LICENSE%20AGREEMENT
#   remediation: >-
#     Keep the model to research or evaluation, replace it with a model whose license allows
#     commercial use, or obtain a commercial license from Alibaba Cloud and record it as a
#     waiver.
findings contains item if some item in clauses.research_only(license)

# METADATA
# title: No improving another large language model with Tongyi Qianwen or its output
# description: >-
#   Neither the Materials nor any output from them may be used to improve any other large
#   language model; Tongyi Qianwen and its derivative works are excepted. A model built on
#   Tongyi Qianwen weights is such a derivative work.
# custom:
#   clause: output-use
#   section: "§4.b Rules of use"
#   quote: >-
#     You can not use the Materials or any output therefrom to improve any other large language
#     model (excluding Tongyi Qianwen or derivative works thereof).
#   source: https://github.com/QwenLM/Qwen/blob/main/Tongyi%20Qianwen%20RESEARCH%20LICENSE%20AGREEMENT
#   remediation: >-
#     Do not train or improve another large language model on Tongyi Qianwen outputs: train a
#     model built on Tongyi Qianwen weights instead, use another teacher, or obtain permission
#     from Alibaba Cloud and record it as a waiver.
findings contains item if some item in clauses.output_use_ban(license, "Tongyi Qianwen")

# METADATA
# title: Give a copy of the Agreement with distributed weights
# description: Other recipients of the Materials or of derivative works get a copy of the Agreement.
# custom:
#   clause: license-copy
#   section: "§3.a Redistribution"
#   quote: You shall give any other recipients of the Materials or derivative works a copy of this Agreement;
#   source: https://github.com/QwenLM/Qwen/blob/main/Tongyi%20Qianwen%20RESEARCH%20LICENSE%20AGREEMENT
#   remediation: >-
#     Ship the Tongyi Qianwen RESEARCH LICENSE AGREEMENT with the weights and set
#     product.license_copies_included to true.
findings contains item if some item in clauses.license_copy(license)

# METADATA
# title: Mark modified files in published derived weights
# description: Modified files carry prominent notices that they were changed.
# custom:
#   clause: modified-files-notice
#   section: "§3.b Redistribution"
#   quote: You shall cause any modified files to carry prominent notices stating that You changed the files;
#   source: https://github.com/QwenLM/Qwen/blob/main/Tongyi%20Qianwen%20RESEARCH%20LICENSE%20AGREEMENT
#   remediation: >-
#     Add a prominent notice that the files were changed (for example in the model card and the
#     changed files' metadata) and set derived_models[].modified_files_marked to true.
findings contains item if some item in clauses.modified_files(license)

# METADATA
# title: Ship the Tongyi Qianwen RESEARCH Notice file
# description: >-
#   Distributed copies of the Materials keep the attribution notice of §3.c in a "Notice" text
#   file; it names the RESEARCH agreement.
# custom:
#   clause: notice-file
#   section: "§3.c Redistribution"
#   quote: >-
#     You shall retain in all copies of the Materials that You distribute the following
#     attribution notices within a "Notice" text file distributed as a part of such copies
#   source: https://github.com/QwenLM/Qwen/blob/main/Tongyi%20Qianwen%20RESEARCH%20LICENSE%20AGREEMENT
#   remediation: >-
#     Add a Notice file containing "Tongyi Qianwen is licensed under the Tongyi Qianwen RESEARCH
#     LICENSE AGREEMENT, Copyright (c) Alibaba Cloud. All Rights Reserved." and name it in
#     product.notice_file.
findings contains item if some item in clauses.notice_file(license, _notice)

# DESIGN.md §2.1 rule 8: a model listed for training (fine-tuning, distillation, synthetic data,
# training feedback) that no declared derived model comes from leaves the license's duties toward
# what it trains undecidable; they are asked for under license-copy.
findings contains item if some item in clauses.training_needs_student(license, "license-copy")
