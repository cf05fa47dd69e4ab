# METADATA
# title: Tongyi Qianwen LICENSE AGREEMENT
# description: >-
#   Clauses of the Tongyi Qianwen LICENSE AGREEMENT (Tongyi Qianwen Release Date: August 3,
#   2023), the license of Qwen-7B, Qwen-14B and Qwen-72B and their Chat models. Commercial use
#   is allowed until the product or service passes 100 million monthly active users (§4).
#   Neither the Materials nor their output may improve another large language model than
#   Tongyi Qianwen and its derivative works (§5.b). Distributed copies carry the Agreement, a
#   Notice file and notices on modified files (§3).
# related_resources:
#   - description: license text
#     ref: https://github.com/QwenLM/Qwen/blob/main/Tongyi%20Qianwen%20LICENSE%20AGREEMENT
# custom:
#   license: tongyi-qianwen
#   name: Tongyi Qianwen LICENSE AGREEMENT
#   version: "Tongyi Qianwen Release Date: August 3, 2023"
#   text: https://github.com/QwenLM/Qwen/blob/main/Tongyi%20Qianwen%20LICENSE%20AGREEMENT
package licensegate.licenses.tongyi_qianwen

import rego.v1

import data.licensegate.lib.clauses
import data.licensegate.lib.deployment
import data.licensegate.lib.finding
import data.licensegate.lib.subjects

# The license id this package judges; licensegate.main finds the package by it.
license := "tongyi-qianwen"

# §4: "more than 100 million monthly active users".
_mau_limit := 100000000

# §3.c, the attribution notice the Notice file must contain.
_notice := "Tongyi Qianwen is licensed under the Tongyi Qianwen LICENSE AGREEMENT, Copyright (c) Alibaba Cloud. All Rights Reserved."

# METADATA
# title: A commercial product with more than 100 million monthly active users needs a license
# description: >-
#   Whoever uses the Materials commercially in a product or service with more than 100 million
#   monthly active users must request a license from Alibaba Cloud, and has no rights under the
#   Agreement until it is granted. The text counts the users of "your product or service" (not
#   the licensee with its affiliates) and names no measurement date, so the product's current
#   figure decides (product.monthly_active_users). Without it, a licensee-wide figure
#   (licensee.monthly_active_users) that is itself within the limit bounds the product's;
#   otherwise the figure is missing.
# custom:
#   clause: product-mau-threshold
#   section: "§4 Restrictions"
#   quote: >-
#     If you are commercially using the Materials, and your product or service has more than 100
#     million monthly active users, You shall request a license from Us. You cannot exercise your
#     rights under this Agreement without our express authorization.
#   source: https://github.com/QwenLM/Qwen/blob/main/Tongyi%20Qianwen%20LICENSE%20AGREEMENT
#   trigger: >-
#     a commercial product (product.commercial: true) using a model under the license
#   satisfied_by: >-
#     product.monthly_active_users is not more than 100,000,000; without it, a
#     licensee.monthly_active_users within the limit (the product cannot have more users than
#     the licensee); neither is missing-facts
#   remediation: >-
#     Request a license from Alibaba Cloud before using the model in this product and record it
#     as a waiver once granted; if the figure is wrong, give the product's monthly active users
#     in product.monthly_active_users.
findings contains item if {
	deployment.commercial
	some subject in subjects.models_under(license)
	item := _product_mau(subject)
}

_product_mau(subject) := finding.new(
	license, "product-mau-threshold", subject.id, "violated",
	sprintf("the product has %d monthly active users (product.monthly_active_users), more than %d: %s", [
		input.manifest.product.monthly_active_users, _mau_limit, "a license from Alibaba Cloud is needed",
	]),
	["product", "monthly_active_users"],
) if {
	input.manifest.product.monthly_active_users > _mau_limit
} else := finding.new(
	license, "product-mau-threshold", subject.id, "satisfied",
	sprintf("the product has %d monthly active users (product.monthly_active_users), not more than %d", [
		input.manifest.product.monthly_active_users, _mau_limit,
	]),
	["product", "monthly_active_users"],
) if {
	is_number(input.manifest.product.monthly_active_users)
} else := finding.new(
	license, "product-mau-threshold", subject.id, "satisfied",
	sprintf("%s; the licensee's users across all products (licensee.monthly_active_users: %d) are not more than %d", [
		"product.monthly_active_users is not given", input.manifest.licensee.monthly_active_users, _mau_limit,
	]),
	["licensee", "monthly_active_users"],
) if {
	input.manifest.licensee.monthly_active_users <= _mau_limit
} else := finding.new(
	license, "product-mau-threshold", subject.id, "missing-facts",
	sprintf("%s is used commercially; give the product's monthly active users (product.monthly_active_users)", [subject.id]),
	["product"],
)

# METADATA
# title: No improving another large language model with Tongyi Qianwen or its output
# description: >-
#   Neither the Materials nor any output from them may be used to improve any other large
#   language model; Tongyi Qianwen and its derivative works are excepted. A model built on
#   Tongyi Qianwen weights is such a derivative work.
# custom:
#   clause: output-use
#   section: "§5.b Rules of use"
#   quote: >-
#     You can not use the Materials or any output therefrom to improve any other large language
#     model (excluding Tongyi Qianwen or derivative works thereof).
#   source: https://github.com/QwenLM/Qwen/blob/main/Tongyi%20Qianwen%20LICENSE%20AGREEMENT
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
#   source: https://github.com/QwenLM/Qwen/blob/main/Tongyi%20Qianwen%20LICENSE%20AGREEMENT
#   remediation: >-
#     Ship the Tongyi Qianwen LICENSE AGREEMENT with the weights and set
#     product.license_copies_included to true.
findings contains item if some item in clauses.license_copy(license)

# METADATA
# title: Mark modified files in published derived weights
# description: Modified files carry prominent notices that they were changed.
# custom:
#   clause: modified-files-notice
#   section: "§3.b Redistribution"
#   quote: You shall cause any modified files to carry prominent notices stating that You changed the files;
#   source: https://github.com/QwenLM/Qwen/blob/main/Tongyi%20Qianwen%20LICENSE%20AGREEMENT
#   remediation: >-
#     Add a prominent notice that the files were changed (for example in the model card and the
#     changed files' metadata) and set derived_models[].modified_files_marked to true.
findings contains item if some item in clauses.modified_files(license)

# METADATA
# title: Ship the Tongyi Qianwen Notice file
# description: >-
#   Distributed copies of the Materials keep the attribution notice of §3.c in a "Notice" text
#   file.
# custom:
#   clause: notice-file
#   section: "§3.c Redistribution"
#   quote: >-
#     You shall retain in all copies of the Materials that You distribute the following
#     attribution notices within a "Notice" text file distributed as a part of such copies
#   source: https://github.com/QwenLM/Qwen/blob/main/Tongyi%20Qianwen%20LICENSE%20AGREEMENT
#   remediation: >-
#     Add a Notice file containing "Tongyi Qianwen is licensed under the Tongyi Qianwen LICENSE
#     AGREEMENT, Copyright (c) Alibaba Cloud. All Rights Reserved." and name it in
#     product.notice_file.
findings contains item if some item in clauses.notice_file(license, _notice)

# DESIGN.md §2.1 rule 8: a model listed for training (fine-tuning, distillation, synthetic data,
# training feedback) that no declared derived model comes from leaves the license's duties toward
# what it trains undecidable; they are asked for under license-copy.
findings contains item if some item in clauses.training_needs_student(license, "license-copy")
