# METADATA
# title: Qwen RESEARCH LICENSE AGREEMENT
# description: >-
#   Clauses of the Qwen RESEARCH LICENSE AGREEMENT (Release Date: September 19, 2024), the
#   license of Qwen2.5-3B and Qwen2.5-3B-Instruct among others. Rights are granted for
#   non-commercial purposes only, that is for research or evaluation (§1.i, §2.a); commercial
#   use needs a license from Alibaba Cloud (§2.b). Unlike the 2023 Tongyi Qianwen texts there is
#   no ban on training other models: a model created, trained, fine-tuned or improved with the
#   Materials or their outputs that is distributed or made available must display "Built with
#   Qwen" or "Improved using Qwen" in its product documentation (§4.b). Distributed copies
#   carry the Agreement, a Notice file and notices on modified files (§3).
# related_resources:
#   - description: license text (the copy read)
#     ref: https://github.com/roboflow/inference/blob/f22bd024ef9edcc3a51b61a72077b78c10b22220/inference/models/qwen25vl/LICENSE.txt
# custom:
#   license: qwen-research
#   name: Qwen RESEARCH LICENSE AGREEMENT
#   version: "Qwen RESEARCH LICENSE AGREEMENT Release Date: September 19, 2024"
#   text: https://github.com/roboflow/inference/blob/f22bd024ef9edcc3a51b61a72077b78c10b22220/inference/models/qwen25vl/LICENSE.txt
#   provenance: >-
#     ../shared/license-texts has no copy of this text. Read from the vendored copy
#     roboflow/inference, inference/models/qwen25vl/LICENSE.txt, commit
#     f22bd024ef9edcc3a51b61a72077b78c10b22220 (shipped with roboflow's Qwen2.5-VL model
#     support), headed "Qwen RESEARCH LICENSE AGREEMENT Release Date: September 19, 2024"
#     (licenses.md §6.3, marked [V]: the wording is Alibaba's, the copy's fidelity unchecked).
#     Alibaba's own blog (QwenLM/qwenlm.github.io content/blog/qwen2.5/index.md @ 6be9846)
#     lists Qwen2.5-3B under "Qwen Research". A 2026 revision of the text (Hangzhou Tongyi
#     Laboratory, with a naming clause) exists in secondary quotes and is not encoded here.
package licensegate.licenses.qwen_research

import rego.v1

import data.licensegate.lib.clauses
import data.licensegate.lib.deployment
import data.licensegate.lib.finding
import data.licensegate.lib.subjects

# The license id this package judges; licensegate.main finds the package by it.
license := "qwen-research"

# §3.c, the attribution notice the Notice file must contain.
_notice := "Qwen is licensed under the Qwen RESEARCH LICENSE AGREEMENT, Copyright (c) Alibaba Cloud. All Rights Reserved."

# §4.b: either statement will do, "in the related product documentation".
_display_texts := {"Built with Qwen", "Improved using Qwen"}

_display_place := "documentation"

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
#   source: https://github.com/roboflow/inference/blob/f22bd024ef9edcc3a51b61a72077b78c10b22220/inference/models/qwen25vl/LICENSE.txt
#   remediation: >-
#     Keep the model to research or evaluation, replace it with a model whose license allows
#     commercial use (most Qwen2.5 sizes are Apache-2.0), or obtain a commercial license from
#     Alibaba Cloud and record it as a waiver.
findings contains item if some item in clauses.research_only(license)

# METADATA
# title: Display "Built with Qwen" or "Improved using Qwen" in the product documentation
# description: >-
#   A model created, trained, fine-tuned or improved with the Materials or with their outputs
#   that is distributed or made available must prominently display "Built with Qwen" or
#   "Improved using Qwen" in the related product documentation. Either text will do; a
#   statement shown only elsewhere (website, user interface, ...) does not.
# custom:
#   clause: attribution-display
#   section: "§4.b Rules of use"
#   quote: >-
#     to create, train, fine-tune, or improve an AI model that is distributed or made available,
#     you shall prominently display "Built with Qwen" or "Improved using Qwen" in the related
#     product documentation.
#   source: https://github.com/roboflow/inference/blob/f22bd024ef9edcc3a51b61a72077b78c10b22220/inference/models/qwen25vl/LICENSE.txt
#   trigger: >-
#     a derived model built on the model's weights or trained on its outputs is released
#     (release: api or weights); running the model itself in a product does not
#   satisfied_by: >-
#     a product.attribution entry containing "Built with Qwen" or "Improved using Qwen" with
#     where: documentation
#   remediation: >-
#     Show "Built with Qwen" or "Improved using Qwen" prominently in the derived model's product
#     documentation (for example its model card) and list it under product.attribution with
#     where: documentation.
findings contains item if {
	some subject in subjects.derived_under(license)
	deployment.released(subject)
	item := _display(subject)
}

# The display texts shown in the documentation, and statements with them shown elsewhere.
_in_documentation := {text |
	some statement in deployment.statements
	statement.where == _display_place
	some text in _display_texts
	contains(statement.folded, lower(text))
}

_elsewhere := {sprintf("\"%s\" (%s)", [statement.text, statement.where]) |
	some statement in deployment.statements
	statement.where != _display_place
	some text in _display_texts
	contains(statement.folded, lower(text))
}

_built_from(subject) := concat(", ", sort({id |
	some via in {"weights", "outputs"}
	some id in subjects.upstream_ids(subject, license, via)
}))

_display(subject) := finding.new(
	license, "attribution-display", subject.id, "satisfied",
	sprintf("\"%s\" is displayed in the product documentation (product.attribution)", [sort(_in_documentation)[0]]),
	["product", "attribution"],
) if {
	count(_in_documentation) > 0
} else := finding.new(
	license, "attribution-display", subject.id, "violated",
	sprintf("%s is built with %s and released (release: %s); %s is shown, but not in the product documentation", [
		subject.id, _built_from(subject), clauses.release_text(subject), concat(", ", sort(_elsewhere)),
	]),
	["product", "attribution"],
) if {
	count(_elsewhere) > 0
} else := finding.new(
	license, "attribution-display", subject.id, "violated",
	sprintf("%s is built with %s and released (release: %s), but no product.attribution statement says %s", [
		subject.id, _built_from(subject), clauses.release_text(subject),
		"\"Built with Qwen\" or \"Improved using Qwen\" in the documentation",
	]),
	["product", "attribution"],
)

# METADATA
# title: Give a copy of the Agreement with distributed weights
# description: Other recipients of the Materials or of derivative works get a copy of the Agreement.
# custom:
#   clause: license-copy
#   section: "§3.a Redistribution"
#   quote: You shall give any other recipients of the Materials or derivative works a copy of this Agreement;
#   source: https://github.com/roboflow/inference/blob/f22bd024ef9edcc3a51b61a72077b78c10b22220/inference/models/qwen25vl/LICENSE.txt
#   remediation: >-
#     Ship the Qwen RESEARCH LICENSE AGREEMENT with the weights and set
#     product.license_copies_included to true.
findings contains item if some item in clauses.license_copy(license)

# METADATA
# title: Mark modified files in published derived weights
# description: Modified files carry prominent notices that they were changed.
# custom:
#   clause: modified-files-notice
#   section: "§3.b Redistribution"
#   quote: You shall cause any modified files to carry prominent notices stating that you changed the files;
#   source: https://github.com/roboflow/inference/blob/f22bd024ef9edcc3a51b61a72077b78c10b22220/inference/models/qwen25vl/LICENSE.txt
#   remediation: >-
#     Add a prominent notice that the files were changed (for example in the model card and the
#     changed files' metadata) and set derived_models[].modified_files_marked to true.
findings contains item if some item in clauses.modified_files(license)

# METADATA
# title: Ship the Qwen RESEARCH Notice file
# description: >-
#   Distributed copies of the Materials keep the attribution notice of §3.c in a "Notice" text
#   file.
# custom:
#   clause: notice-file
#   section: "§3.c Redistribution"
#   quote: >-
#     You shall retain in all copies of the Materials that you distribute the following
#     attribution notices within a "Notice" text file distributed as a part of such copies
#   source: https://github.com/roboflow/inference/blob/f22bd024ef9edcc3a51b61a72077b78c10b22220/inference/models/qwen25vl/LICENSE.txt
#   remediation: >-
#     Add a Notice file containing "Qwen is licensed under the Qwen RESEARCH LICENSE AGREEMENT,
#     Copyright (c) Alibaba Cloud. All Rights Reserved." and name it in product.notice_file.
findings contains item if some item in clauses.notice_file(license, _notice)

# DESIGN.md §2.1 rule 8: a model listed for training (fine-tuning, distillation, synthetic data,
# training feedback) that no declared derived model comes from leaves the license's duties toward
# what it trains undecidable; they are asked for under attribution-display.
findings contains item if some item in clauses.training_needs_student(license, "attribution-display")
