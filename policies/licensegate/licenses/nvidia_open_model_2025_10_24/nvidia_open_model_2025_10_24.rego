# METADATA
# title: NVIDIA Open Model License Agreement (October 24, 2025)
# description: >-
#   Clauses of the NVIDIA Open Model License Agreement as last modified on October 24, 2025
#   ("Version Release Date: October 24, 2025"), kept as its own version beside the January 2025
#   text (`nvidia-open-model`, Cosmos 1.0). The duties are those of the January text with one
#   change that a deployment can feel: bypassing or reducing a Guardrail ends the rights only when
#   it is done "without a substantially similar Guardrail appropriate for your use case", so a
#   modified guardrail is a person's judgement (needs-attestation), no longer a breach by itself;
#   an unstated guardrail fact is still missing-facts. The October text also defines
#   Special-Purpose Models and lets NVIDIA update the Agreement for legal and regulatory reasons.
#   Models are commercially usable, outputs are free; distributing the Model needs a copy of the
#   Agreement and a Notice file; "Built on NVIDIA Cosmos" for NVIDIA Cosmos Models (multimodal
#   Models, §1); use consistent with NVIDIA's Trustworthy AI terms. No catalog row selects this
#   text yet: a manifest declares `license: nvidia-open-model-2025-10-24` on a model released
#   under it.
# related_resources:
#   - description: license text (NVIDIA's page; the copy read is the one in ../shared/license-texts)
#     ref: https://www.nvidia.com/en-us/agreements/enterprise-software/nvidia-open-model-license
# custom:
#   license: nvidia-open-model-2025-10-24
#   name: NVIDIA Open Model License Agreement
#   version: "Last Modified: October 24, 2025 (Version Release Date: October 24, 2025)"
#   text: https://www.nvidia.com/en-us/agreements/enterprise-software/nvidia-open-model-license
#   out_of_reach:
#     - >-
#       §2.1: whether a replacement Guardrail is "substantially similar" and "appropriate for your
#       use case" is judged by a person (an attestation on guardrails).
#     - >-
#       §2.1: NVIDIA "may update this Agreement to comply with legal and regulatory requirements at
#       any time"; licensegate judges by this text until a newer one is encoded.
#     - >-
#       §2.1: Special-Purpose Model limitations are in each model's documentation, not a manifest
#       fact; litigation termination, trademarks and trade compliance are not deployment facts.
package licensegate.licenses.nvidia_open_model_2025_10_24

import rego.v1

import data.licensegate.lib.clauses
import data.licensegate.lib.deployment
import data.licensegate.lib.finding
import data.licensegate.lib.subjects

# The license id this package judges; licensegate.main finds the package by it.
license := "nvidia-open-model-2025-10-24"

# §3.1
_notice := "Licensed by NVIDIA Corporation under the NVIDIA Open Model License"

# §3.2
_cosmos_text := "Built on NVIDIA Cosmos"

# METADATA
# title: Give a copy of the Agreement with distributed weights
# description: >-
#   Whoever distributes the Model gives every recipient a copy of the Agreement: shipped weights
#   of a listed model and published derived weights built on it.
# custom:
#   clause: license-copy
#   section: "§3.1 Redistribution"
#   quote: If you distribute the Model, You must give any other recipients of the Model a copy of this Agreement
#   source: https://www.nvidia.com/en-us/agreements/enterprise-software/nvidia-open-model-license
#   remediation: >-
#     Ship the NVIDIA Open Model License Agreement with the weights and set
#     product.license_copies_included to true.
findings contains item if some item in clauses.license_copy(license)

# METADATA
# title: Ship the NVIDIA Notice file
# description: >-
#   Distributed copies of the Model carry a "Notice" text file with the attribution notice of
#   §3.1.
# custom:
#   clause: notice-file
#   section: "§3.1 Redistribution"
#   quote: >-
#     include the following attribution notice within a "Notice" text file with such copies:
#     "Licensed by NVIDIA Corporation under the NVIDIA Open Model License"
#   source: https://www.nvidia.com/en-us/agreements/enterprise-software/nvidia-open-model-license
#   remediation: >-
#     Add a Notice file containing "Licensed by NVIDIA Corporation under the NVIDIA Open Model
#     License" and name it in product.notice_file.
findings contains item if some item in clauses.notice_file(license, _notice)

# METADATA
# title: Keep the Model's Guardrails or a substantially similar one
# description: >-
#   Bypassing, disabling, reducing the efficacy of or circumventing a Guardrail contained in the
#   Model ends every right under the Agreement automatically, unless a substantially similar
#   Guardrail appropriate for the use case takes its place. models[].guardrails_modified says
#   whether the Model's Guardrails were changed; the grant depends on it, so an absent value is
#   missing-facts (DESIGN.md §2.1 rule 1). A changed Guardrail needs a person to confirm that the
#   replacement is substantially similar and appropriate (an attestation).
# custom:
#   clause: guardrails
#   section: "§2.1 Conditions for Use"
#   quote: >-
#     digital rights management, or authentication mechanism (collectively "Guardrail") contained
#     in the Model without a substantially similar Guardrail appropriate for your use case, your
#     rights under this Agreement will automatically terminate.
#   source: https://www.nvidia.com/en-us/agreements/enterprise-software/nvidia-open-model-license
#   trigger: every model under this text (models[].guardrails_modified decides)
#   satisfied_by: >-
#     models[].guardrails_modified: false, or true with an attestation that a substantially
#     similar Guardrail appropriate for the use case replaces the one changed
#   remediation: >-
#     Restore the Model's Guardrails and set models[].guardrails_modified to false, or put a
#     substantially similar Guardrail appropriate for the use case in place and record an
#     attestation for nvidia-open-model-2025-10-24:guardrails naming it.
findings contains _guardrail(subject) if some subject in subjects.models_under(license)

_guardrail(subject) := finding.new(
	license, "guardrails", subject.id, "needs-attestation",
	sprintf("%s has modified or removed guardrails (models[].guardrails_modified: true): %s", [
		subject.id, "confirm that a substantially similar Guardrail appropriate for the use case replaces them, or the rights terminate",
	]),
	array.concat(subject.path, ["guardrails_modified"]),
) if {
	_guardrails(subject) == true
} else := finding.new(
	license, "guardrails", subject.id, "satisfied",
	"the Model's guardrails are unchanged (models[].guardrails_modified: false)",
	array.concat(subject.path, ["guardrails_modified"]),
) if {
	_guardrails(subject) == false
} else := finding.new(
	license, "guardrails", subject.id, "missing-facts",
	sprintf("the license ends every right if %s's guardrails are bypassed or reduced: say whether they were (%s)", [
		subject.id, "models[].guardrails_modified",
	]),
	subject.path,
)

_guardrails(subject) := input.manifest.models[subject.index].guardrails_modified

# METADATA
# title: Display "Built on NVIDIA Cosmos"
# description: >-
#   For an NVIDIA Cosmos Model (a multimodal Model under the Agreement, §1.1): distributing it or
#   making it available, or a product or service that contains or uses it, and using it or its
#   outputs to create, train, fine tune or improve an AI model (even one kept in-house) all
#   require "Built on NVIDIA Cosmos" on a related website, user interface, blog post, about page
#   or product documentation. A model that neither the catalog nor models[].multimodal says is
#   multimodal or not cannot be told apart from a Cosmos Model: missing-facts.
# custom:
#   clause: attribution-display
#   section: "§3.2 Redistribution; §1.1 Definitions"
#   quote: >-
#     use a NVIDIA Cosmos Model or its outputs to create, train, fine tune, or otherwise improve
#     an AI model, you will include "Built on NVIDIA Cosmos" on a related website, user
#     interface, blogpost, about page, or product documentation
#   source: https://www.nvidia.com/en-us/agreements/enterprise-software/nvidia-open-model-license
#   trigger: >-
#     a multimodal model under the license runs in a product for customers or the public or
#     ships as weights, is used to train or fine-tune a model (models[].uses), or is upstream
#     (weights or outputs) of a derived model, released or not
#   satisfied_by: a product.attribution entry containing "Built on NVIDIA Cosmos"
#   remediation: >-
#     Show "Built on NVIDIA Cosmos" on a related website, user interface, blog post, about page
#     or product documentation and list it under product.attribution.
findings contains _cosmos_finding(subject) if {
	some subject in subjects.models_under(license)
	_listed_trigger(subject)
	_is_cosmos(subjects.listed(subject.id))
}

findings contains _unknown_cosmos(subject, subject.id, array.concat(subject.path, ["multimodal"])) if {
	some subject in subjects.models_under(license)
	_listed_trigger(subject)
	_cosmos_unknown(subjects.listed(subject.id))
}

findings contains _cosmos_finding(subject) if {
	some subject in subjects.derived_under(license)
	count(_cosmos_upstream(subject)) > 0
}

findings contains _unknown_cosmos(subject, concat(", ", _unknown_upstream(subject)), subject.path) if {
	some subject in subjects.derived_under(license)
	count(_cosmos_upstream(subject)) == 0
	count(_unknown_upstream(subject)) > 0
}

# "distribute or make available ... a product or service ... that contains or uses" the model.
_listed_trigger(subject) if {
	_serves(subject)
	_reaches_third_parties
}

# "use a NVIDIA Cosmos Model or its outputs to create, train, fine tune, or otherwise improve an
# AI model"
_listed_trigger(subject) if {
	some use in subject.uses
	use in data.licensegate.lib.clauses.training_uses
}

# Its weights leave the organisation: distributing the Model (DESIGN.md §2.1 rule 7).
_listed_trigger(subject) if deployment.model_weights_shipped(subject.index)

# §1.1: "NVIDIA Cosmos Model" means a multimodal Model shared under this Agreement.
_is_cosmos(model) if subjects.multimodal(model) == true

# Neither the catalog nor models[].multimodal says whether the model is multimodal.
_cosmos_unknown(model) if not _modality_known(model)

_modality_known(model) if subjects.multimodal(model) == true

_modality_known(model) if subjects.multimodal(model) == false

_under_license(id) if license in subjects.licenses_of(subjects.listed(id))

_cosmos_upstream(subject) := sort({edge.model |
	some edge in subject.upstream
	_under_license(edge.model)
	_is_cosmos(subjects.listed(edge.model))
})

_unknown_upstream(subject) := sort({edge.model |
	some edge in subject.upstream
	_under_license(edge.model)
	_cosmos_unknown(subjects.listed(edge.model))
})

_serves(subject) if "inference" in subject.uses

_reaches_third_parties if deployment.product_made_available

_why(subject) := sprintf("%s was created with the NVIDIA Cosmos Model(s) %s or their outputs", [
	subject.id, concat(", ", _cosmos_upstream(subject)),
]) if {
	subject.kind == "derived"
} else := sprintf("%s is an NVIDIA Cosmos Model (multimodal) that runs in a product reaching third parties (%s)", [
	subject.id, "product.audience",
]) if {
	_serves(subject)
	_reaches_third_parties
} else := sprintf("%s is an NVIDIA Cosmos Model (multimodal) whose weights the product ships", [subject.id]) if {
	deployment.model_weights_shipped(subject.index)
} else := sprintf("%s is an NVIDIA Cosmos Model (multimodal) used to train or fine-tune a model (models[].uses)", [subject.id])

_cosmos_finding(subject) := finding.new(
	license, "attribution-display", subject.id, "satisfied",
	sprintf("\"%s\" is displayed (product.attribution)", [_cosmos_text]),
	["product", "attribution"],
) if {
	deployment.attribution_shown(_cosmos_text)
} else := finding.new(
	license, "attribution-display", subject.id, "violated",
	sprintf("%s, but no product.attribution statement says \"%s\"", [_why(subject), _cosmos_text]),
	["product", "attribution"],
)

_unknown_cosmos(subject, ids, path) := finding.new(
	license, "attribution-display", subject.id, "satisfied",
	sprintf("\"%s\" is displayed (product.attribution)", [_cosmos_text]),
	["product", "attribution"],
) if {
	deployment.attribution_shown(_cosmos_text)
} else := finding.new(
	license, "attribution-display", subject.id, "missing-facts",
	sprintf(
		"the catalog does not know whether %s is an NVIDIA Cosmos Model (a multimodal model, §1.1): %s",
		[ids, "say so with models[].multimodal or display \"Built on NVIDIA Cosmos\""],
	),
	path,
)

# METADATA
# title: Use is consistent with NVIDIA's Trustworthy AI terms
# description: >-
#   Use of the Models must be consistent with NVIDIA's Trustworthy AI terms, incorporated by
#   reference; only a person can judge the use cases against them.
# custom:
#   clause: acceptable-use
#   section: "§2.3 AI Ethics"
#   quote: >-
#     Use of the Models under the Agreement must be consistent with NVIDIA's Trustworthy AI terms
#     found at https://www.nvidia.com/en-us/agreements/trustworthy-ai/terms/.
#   source: https://www.nvidia.com/en-us/agreements/enterprise-software/nvidia-open-model-license
#   remediation: >-
#     Have counsel review the use cases against NVIDIA's Trustworthy AI terms and record an
#     attestation for nvidia-open-model-2025-10-24:acceptable-use.
findings contains item if some item in clauses.acceptable_use(license, "NVIDIA Trustworthy AI terms")

# DESIGN.md §2.1 rule 8: a model listed for training (fine-tuning, distillation, synthetic data,
# training feedback) that no declared derived model comes from leaves the license's duties toward
# what it trains undecidable; they are asked for under license-copy.
findings contains item if some item in clauses.training_needs_student(license, "license-copy")
