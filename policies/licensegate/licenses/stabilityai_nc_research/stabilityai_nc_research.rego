# METADATA
# title: Stability AI Non-Commercial Research Community License
# description: >-
#   Clauses of the Stability AI Non-Commercial Research Community License Agreement (Dated:
#   November 28, 2023), under which Stability released SDXL-Turbo and SD-Turbo. Every right is
#   for Non-Commercial Uses only ("research or non-commercial purposes"), which exclude "any
#   production use"; third parties may not use the models through the licensee's hosted service
#   or API, though distributing them for download is allowed. Whoever distributes or makes the
#   models available gives a copy of the Agreement and ships the Notice text. Derivative Works
#   include "any other model created which is based on or derived from the Model or the Model's
#   output". The Stability AI Acceptable Use Policy is incorporated. Not encoded: the trademark
#   and litigation terms (no deployment fact).
# related_resources:
#   - description: license text
#     ref: https://github.com/Stability-AI/generative-models/blob/0ad7de9/model_licenses/LICENSE-SDXL-Turbo
# custom:
#   license: stabilityai-nc-research
#   name: Stability AI Non-Commercial Research Community License Agreement
#   version: "Dated: November 28, 2023"
#   text: https://github.com/Stability-AI/generative-models/blob/0ad7de9/model_licenses/LICENSE-SDXL-Turbo
#   quoted_from:
#     - stabilityai-nc-research-community.LICENSE.txt
#   out_of_reach:
#     - >-
#       4(a): no use of Stability AI's names or marks beyond describing and redistributing; product
#       naming is not a manifest fact.
#     - >-
#       4(c): the licenses end if the licensee sues Stability AI over the Software Products;
#       litigation is not a manifest fact.
#     - >-
#       1(b) reaches any third party using the model through a hosted service; licensegate reads
#       that from product.audience and derived_models[].release, so an internal audience that
#       includes contractors must be declared as customers.
package licensegate.licenses.stabilityai_nc_research

import rego.v1

import data.licensegate.lib.clauses
import data.licensegate.lib.deployment
import data.licensegate.lib.finding
import data.licensegate.lib.subjects

# The license id this package judges; licensegate.main finds the package by it.
license := "stabilityai-nc-research"

# METADATA
# title: Non-commercial use only
# description: >-
#   The Software Products are licensed, and Derivative Works may be made and distributed, for
#   Non-Commercial Uses only. A commercial product using the model, or a model derived from it
#   (by weights or by training on its outputs), is outside the license.
# custom:
#   clause: non-commercial
#   section: "1(a) License Rights and Redistribution; Definitions (Non-Commercial Uses)"
#   quote: >-
#     produce, reproduce, distribute, and create Derivative Works of the Software Products for
#     Non-Commercial Uses only, respectively.
#   source: https://github.com/Stability-AI/generative-models/blob/0ad7de9/model_licenses/LICENSE-SDXL-Turbo
#   remediation: >-
#     Use the model only in non-commercial work (product.commercial: false), or obtain a
#     commercial license from Stability AI (https://stability.ai/contact) and record it as a waiver.
findings contains item if some item in clauses.non_commercial(license)

# METADATA
# title: No production use
# description: >-
#   Non-Commercial Uses exclude any production use of the Software Products or Derivative Works:
#   a deployment in a production environment is outside the license.
# custom:
#   clause: non-production
#   section: "Definitions (Non-Commercial Uses)"
#   quote: Non-Commercial Uses does not include any production use of the Software Products or any Derivative Works.
#   source: https://github.com/Stability-AI/generative-models/blob/0ad7de9/model_licenses/LICENSE-SDXL-Turbo
#   remediation: >-
#     Keep the model in research, evaluation or staging environments, or obtain a production
#     license from Stability AI and record it as a waiver.
findings contains item if some item in clauses.non_production(license)

# METADATA
# title: No third-party use through a hosted service or API
# description: >-
#   Third parties may not use the models or Derivative Works through the licensee's hosted
#   service or APIs, whatever functionality is added. A product that runs the model for
#   customers or the public, or a derived model offered as a service (release: api), breaches
#   it; publishing weights for download without a related service does not.
# custom:
#   clause: third-party-hosting
#   section: "1(b) License Rights and Redistribution"
#   quote: >-
#     You may not use the Software Products or Derivative Works to enable third parties to use
#     the Software Products or Derivative Works as part of your hosted service or via your APIs
#   source: https://github.com/Stability-AI/generative-models/blob/0ad7de9/model_licenses/LICENSE-SDXL-Turbo
#   trigger: any use of a model under the license, or a model derived from it
#   satisfied_by: >-
#     product.audience internal for listed models, and no derived model released as a service
#     (release: api)
#   remediation: >-
#     Keep the model behind an internal audience (product.audience: internal) and release
#     derived models as weights only, or obtain a license from Stability AI
#     (https://stability.ai/contact) and record it as a waiver.
findings contains _hosting_model(subject) if some subject in subjects.models_under(license)

findings contains _hosting_derived(subject) if some subject in subjects.derived_under(license)

_hosting_model(subject) := finding.new(
	license, "third-party-hosting", subject.id, "violated",
	sprintf("%s runs in a product offered to %s (product.audience): third parties use it through a hosted service", [
		subject.id, input.manifest.product.audience,
	]),
	["product", "audience"],
) if {
	"inference" in subject.uses
	data.licensegate.lib.deployment.product_made_available
} else := finding.new(
	license, "third-party-hosting", subject.id, "satisfied",
	"no third party uses the model through a hosted service or API (product.audience: internal)",
	["product", "audience"],
)

_hosting_derived(subject) := finding.new(
	license, "third-party-hosting", subject.id, "violated",
	sprintf("%s is offered as a service (release: api): third parties use it through your API", [subject.id]),
	array.concat(subject.path, ["release"]),
) if {
	deployment.served(subject)
} else := finding.new(
	license, "third-party-hosting", subject.id, "satisfied",
	sprintf("%s is not offered as a service", [subject.id]),
	array.concat(subject.path, ["release"]),
)


# METADATA
# title: Give recipients a copy of the Agreement
# description: >-
#   Whoever distributes the Software Products or a Derivative Work (students trained on outputs
#   included) provides a copy of the Agreement to the recipient: the text goes on "and you must
#   (i) provide a copy of this Agreement to such third party".
# custom:
#   clause: license-copy
#   section: "1(c) License Rights and Redistribution"
#   quote: >-
#     If you distribute or make the Software Products, or any Derivative Works thereof, available
#     to a third party, the Software Products, Derivative Works, or any portion thereof,
#     respectively, will remain subject to this Agreement
#   source: https://github.com/Stability-AI/generative-models/blob/0ad7de9/model_licenses/LICENSE-SDXL-Turbo
#   remediation: >-
#     Ship the Agreement with the weights and set product.license_copies_included to true (or
#     list stabilityai-nc-research in it).
findings contains item if some item in clauses.license_copy_for(license, {"weights", "outputs"})

# A model fine-tuned or used to train another, with no derived model declared, leaves this duty
# undecidable (DESIGN.md §2.1 rule 8).
findings contains item if some item in clauses.training_needs_student(license, "license-copy")

# METADATA
# title: Ship the Notice text with distributed copies
# description: >-
#   Distributed copies carry a "Notice" text file with the attribution notice the Agreement
#   gives.
# custom:
#   clause: notice-file
#   section: "1(c) License Rights and Redistribution"
#   quote: >-
#     retain the following attribution notice within a "Notice" text file distributed as a part
#     of such copies: "This Stability AI Model is licensed under the Stability AI Non-Commercial
#     Research Community License, Copyright (c) Stability AI Ltd. All Rights Reserved.”
#   source: https://github.com/Stability-AI/generative-models/blob/0ad7de9/model_licenses/LICENSE-SDXL-Turbo
#   remediation: >-
#     Add a NOTICE file containing "This Stability AI Model is licensed under the Stability AI
#     Non-Commercial Research Community License, Copyright (c) Stability AI Ltd. All Rights
#     Reserved." to the distributed weights and name it in product.notice_file.
findings contains item if some item in clauses.notice_file_for(license, notice, {"weights", "outputs"})

notice := concat(" ", [
	"This Stability AI Model is licensed under the Stability AI Non-Commercial Research Community License,",
	"Copyright (c) Stability AI Ltd. All Rights Reserved",
])

# METADATA
# title: State in the Notice file that the Software Product was changed
# description: >-
#   A published Derivative Work made from the weights states in its NOTICE file that the
#   Software Product was changed and how; derived_models[].modified_files_marked records that
#   the release carries that statement.
# custom:
#   clause: modified-files-notice
#   section: "1(c) License Rights and Redistribution"
#   quote: you must state in the NOTICE file that you changed the Software Product and how it was modified.
#   source: https://github.com/Stability-AI/generative-models/blob/0ad7de9/model_licenses/LICENSE-SDXL-Turbo
#   remediation: >-
#     Add to the derived model's NOTICE file a statement that the Software Product was changed
#     and how, then set derived_models[].modified_files_marked to true.
findings contains item if some item in clauses.modified_files(license)

# METADATA
# title: Use complies with Stability AI's Acceptable Use Policy
# description: >-
#   The license is granted subject to the Stability AI Acceptable Use Policy, which the
#   Agreement incorporates. Only a person can judge the use cases against it.
# custom:
#   clause: acceptable-use
#   section: "1(a) License Rights and Redistribution"
#   quote: >-
#     Subject to your compliance with this Agreement, the AUP (which is hereby incorporated herein
#     by reference), and the Documentation
#   source: https://github.com/Stability-AI/generative-models/blob/0ad7de9/model_licenses/LICENSE-SDXL-Turbo
#   remediation: >-
#     Have counsel review the use cases against https://stability.ai/use-policy and record an
#     attestation for stabilityai-nc-research:acceptable-use.
findings contains item if some item in clauses.acceptable_use(license, "Stability AI Acceptable Use Policy")
