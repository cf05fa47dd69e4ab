# METADATA
# title: NVIDIA Open Model License Agreement
# description: >-
#   Clauses of the NVIDIA Open Model License Agreement (Version Release Date: January 6, 2025),
#   which covers the Cosmos 1.0 world foundation models. Models are commercially usable and
#   outputs are free; distributing the Model needs a copy of the Agreement and a Notice file;
#   bypassing a safety guardrail ends every right; use must be consistent with NVIDIA's
#   Trustworthy AI terms. §3.2 adds "Built on NVIDIA Cosmos" for NVIDIA Cosmos Models, which
#   §1.1 defines as the multimodal Models shared under the Agreement: the catalog (or the
#   manifest's models[].multimodal) decides which models that is. Later revisions of the Agreement
#   (2025-04-28, 2025-10-24) were not read and are not encoded.
# related_resources:
#   - description: license text (NVIDIA's page; the copy read is in custom.provenance)
#     ref: https://www.nvidia.com/en-us/agreements/enterprise-software/nvidia-open-model-license
# custom:
#   license: nvidia-open-model
#   name: NVIDIA Open Model License Agreement
#   version: "Version Release Date: January 6, 2025"
#   text: https://www.nvidia.com/en-us/agreements/enterprise-software/nvidia-open-model-license
#   provenance: >-
#     No copy in ../shared/license-texts. Read from NVIDIA's own PyPI package nvidia-cosmos 1.0.5
#     (sdist), as stored in repository pypi-data/pypi-mirror-328 at commit
#     2f8e1a9bf6b547300d2a3c6bac0c08048c22b971, file
#     packages/nvidia-cosmos/nvidia_cosmos-1.0.5.tar.gz/nvidia_cosmos-1.0.5/model_cards/cosmos_1p0_autoregressive_13B_video2world.md:
#     the Hugging Face model card of Cosmos-1.0-Autoregressive-13B-Video2World, whose
#     extra_gated_prompt reproduces the whole Agreement ("# NVIDIA Open Model License Agreement",
#     "Version Release Date: January 6, 2025"). The same text is in the package's other Cosmos 1.0
#     cards (diffusion 7B Text2World, guardrail, prompt upsampler). Quotes drop the card's <ins>
#     markup; all five were compared again, word for word, with the stored text of
#     model_cards/cosmos_1p0_guardrail.md in that commit. No byte-exact copy is vendored: NVIDIA's
#     GitHub repositories (NVIDIA/Cosmos, nvidia-cosmos/*) hold no copy of this text as a file,
#     the mirror repository is too large to fetch and PyPI was not reachable, so
#     tests/test_policies.py lists this license in UNVENDORED.
package licensegate.licenses.nvidia_open_model

import rego.v1

import data.licensegate.lib.clauses
import data.licensegate.lib.deployment
import data.licensegate.lib.finding
import data.licensegate.lib.subjects

# The license id this package judges; licensegate.main finds the package by it.
license := "nvidia-open-model"

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
# title: Do not bypass the Model's safety guardrails
# description: >-
#   Bypassing, disabling, reducing the efficacy of or circumventing a technical limitation or
#   safety guardrail contained in the Model ends every right under the Agreement automatically.
#   models[].guardrails_modified says whether that was done; the grant depends on it, so an
#   absent value is missing-facts, never "unchanged" (DESIGN.md §2.1 rule 1).
# custom:
#   clause: guardrails
#   section: "§2.1 Conditions for Use"
#   quote: >-
#     If You bypass, disable, reduce the efficacy of, or circumvent any technical limitation,
#     safety guardrail or associated safety guardrail hyperparameter, encryption, security,
#     digital rights management, or authentication mechanism contained in the Model, your rights
#     under this Agreement will automatically terminate.
#   source: https://www.nvidia.com/en-us/agreements/enterprise-software/nvidia-open-model-license
#   remediation: >-
#     Restore the Model's guardrails (for Cosmos, run Cosmos-1.0-Guardrail as shipped) and set
#     models[].guardrails_modified to false; rights already terminated need NVIDIA's agreement
#     (cosmos-license@nvidia.com).
findings contains _guardrail(subject) if some subject in subjects.models_under(license)

_guardrail(subject) := finding.new(
	license, "guardrails", subject.id, "violated",
	sprintf("%s has modified or removed guardrails (models[].guardrails_modified: true): the Agreement's rights terminate", [
		subject.id,
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
#     attestation for nvidia-open-model:acceptable-use.
findings contains item if some item in clauses.acceptable_use(license, "NVIDIA Trustworthy AI terms")

# DESIGN.md §2.1 rule 8: a model listed for training (fine-tuning, distillation, synthetic data,
# training feedback) that no declared derived model comes from leaves the license's duties toward
# what it trains undecidable; they are asked for under license-copy.
findings contains item if some item in clauses.training_needs_student(license, "license-copy")
