# METADATA
# title: Mistral AI Research License
# description: >-
#   Clauses of the Mistral AI Research License (MRL-0.1), which covers the weights of Mistral
#   Large 2 (Mistral-Large-Instruct-2407 and -2411), Pixtral Large, Ministral 8B and Mistral Small
#   2409. The Mistral Models, Derivatives (whether or not made by Mistral AI) and Outputs may be
#   used for Research Purposes only (§3.2, §4.2, §4.3): personal, scientific or academic research
#   that is non-profit, non-commercial and not connected to any commercial activity or business
#   operation (§9). The text restricts the purpose, not the environment, so a research deployment
#   that runs live is not excluded as such; but §9 excludes use by company staff for their daily
#   tasks and any Distribution by a commercial entity, even free of charge or as a hosted service
#   (SaaS). Whether a non-commercial deployment outside a research or evaluation setting is still
#   research is therefore a person's judgement. Because Outputs are bound too, a model trained on
#   an MRL model's outputs carries the research-only limit. Copies of a Mistral Model go with a
#   copy of the Agreement and a Notice file (§2.2); Derivatives made by the licensee may be
#   distributed under other terms but must say that the Mistral Model was modified (§2.3).
# related_resources:
#   - description: license text
#     ref: https://mistral.ai/licenses/MRL-0.1.md
# custom:
#   license: mrl
#   name: Mistral AI Research License
#   version: "MRL-0.1, per the license URL; the text has no version or date line"
#   text: https://mistral.ai/licenses/MRL-0.1.md
#   provenance: >-
#     Mistral AI publishes the text only at https://mistral.ai/licenses/MRL-0.1.md and as the
#     gating text of its Hugging Face cards; no GitHub repository of Mistral AI carries it, and
#     ../shared/license-texts has no copy. Quotes are checked against mrl-0.1.THIRDPARTY.md beside
#     this package: a byte-exact copy of a third party's file, the git blob
#     8ed21e7062cc8df10359e33d12a68a6b56db6725 of licenses/MRL-0.1.md in
#     https://github.com/orsonteodoro/oiledmachine-overlay (added in commit
#     5413230733ccb8de063b7ad312dab8a2281d9a5b, 2024-10-16, unchanged since), sha256
#     c826591fa86625616c41ffa60f31e69de83fa7c8acd95965dee5be4f97abbfcc. The file names no source;
#     its name is the license URL's. Its words (Markdown marks aside) are those of the
#     gating text that a copy of the mistralai/Mistral-Large-Instruct-2411 card reproduces
#     (bartowski's GGUF card, in JoseAdrianRodriguezGonzalez/Llm-Component at commit
#     0dd5e6e92df77b685d591c1a129509feca4ceb79, en/bartowski__Mistral-Large-Instruct-2411-GGUF/README.md),
#     all 1754 words in the same order; the card adds only a privacy note. The quoted passages
#     also agree with the Ministral-8B-Instruct-2410 gating text and the Mistral-Large-Instruct-2407
#     page (§1 to §2.2).
#   quoted_from:
#     - policies/licensegate/licenses/mrl/mrl-0.1.THIRDPARTY.md
package licensegate.licenses.mrl

import rego.v1

import data.licensegate.lib.clauses
import data.licensegate.lib.deployment
import data.licensegate.lib.finding
import data.licensegate.lib.subjects

# The license id this package judges; licensegate.main finds the package by it.
license := "mrl"

# §2.2, with typographic quotes made straight as the host does for Notice files.
_notice := "Licensed by Mistral AI under the Mistral AI Research License"

# Settings that are research as such; any other setting needs a person's judgement (§9).
_research_settings := {"research", "evaluation"}

_environment := input.manifest.product.environment

# The subject (listed model or derived model) with this id.
_subject(id) := subject if {
	some subject in data.licensegate.lib.subjects.all
	subject.id == id
}

# A listed model: §2.2 (copy, Notice) governs copies of the Mistral Models themselves; the
# licensee's own Derivatives fall under §2.3 instead.
_listed(id) if subjects.listed(id)

# The subject reaches third parties: a product for customers or the public runs it, its weights
# are shipped, or a derived model is offered as a service or published.
_reaches_third_parties(subject) if {
	subject.kind == "model"
	"inference" in subject.uses
	data.licensegate.lib.deployment.product_made_available
}

_reaches_third_parties(subject) if {
	subject.kind == "model"
	deployment.model_weights_shipped(subject.index)
}

_reaches_third_parties(subject) if {
	subject.kind == "derived"
	deployment.released(subject)
}

_research_setting if _environment in _research_settings

# Non-commercial use in a research or evaluation setting that stays in-house.
_plainly_research(subject) if {
	_research_setting
	not _reaches_third_parties(subject)
}

_why_judgement(subject) := sprintf(
	"it runs in %s (product.environment) and reaches third parties (%s)",
	[_environment, _how_reached(subject)],
) if {
	not _research_setting
	_reaches_third_parties(subject)
} else := sprintf("it runs in %s (product.environment)", [_environment]) if {
	not _research_setting
} else := sprintf("it reaches third parties (%s)", [_how_reached(subject)])

_how_reached(subject) := sprintf("release: %s", [clauses.release_text(subject)]) if {
	subject.kind == "derived"
} else := "product.ships_weights: true" if {
	data.licensegate.lib.deployment.weights_shipped
} else := sprintf("product.audience: %s", [input.manifest.product.audience])

_exclusions := concat(" ", [
	"Research Purposes exclude use by company staff for their daily tasks and any Distribution",
	"by a commercial entity, even free of charge or as a hosted service",
])

# The builder decides commercial use; the research-purpose test refines its "satisfied".
_research_finding(item) := item if {
	item.status == "violated"
} else := object.union(item, {
	"message": sprintf("the product is not commercial and %s runs in-house in a %s setting", [item.subject, _environment]),
	"path": ["product", "environment"],
}) if {
	_plainly_research(_subject(item.subject))
} else := finding.new(
	license, "non-commercial", item.subject, "violated",
	sprintf("%s runs in production (product.environment: production): the license allows Research Purposes only", [item.subject]),
	["product", "environment"],
) if {
	_environment == "production"
} else := finding.new(
	license, "non-commercial", item.subject, "missing-facts",
	sprintf("%s runs in staging: say whether that is research or evaluation (product.environment)", [item.subject]),
	["product", "environment"],
) if {
	_environment == "staging"
} else := finding.new(
	license, "non-commercial", item.subject, "needs-attestation",
	sprintf("the product is not commercial, but %s: %s; %s", [
		_why_judgement(_subject(item.subject)),
		_exclusions,
		"a person must confirm that this is personal, scientific or academic research by a non-commercial party",
	]),
	["product"],
)

# METADATA
# title: Research Purposes only, for the models, their derivatives and their outputs
# description: >-
#   The Mistral Models, Derivatives (whether or not made by Mistral AI) and Outputs may be used
#   only for Research Purposes: personal, scientific or academic research, non-profit and
#   non-commercial, not directly or indirectly connected to any commercial activity or business
#   operation (§9). Any commercial product is a breach, including one that uses a model trained
#   on an MRL model's outputs (§4.2). A non-commercial deployment in a research or evaluation
#   setting that stays in-house satisfies it. The scope of the grant is a fact (DESIGN.md §2.1
#   rule 5): production is outside it (violated, waivable with counsel), and staging must say
#   whether it is research or evaluation. A research or evaluation setting that reaches third
#   parties (a public demo, shipped weights, a released derived model) may still be research, but
#   §9 excludes any Distribution by a commercial entity, so a person must attest to it.
# custom:
#   clause: non-commercial
#   trigger: >-
#     any use of an MRL model, of a model derived from its weights, or of a model trained on its
#     outputs
#   satisfied_by: >-
#     product.commercial: false, with product.environment research or evaluation and nothing made
#     available to third parties; in a research or evaluation setting that reaches third parties,
#     an attestation that the use is research by a non-commercial party
#   section: "§3.2 Usage Limitation; §4.2 Outputs; §9 \"Research Purposes\""
#   quote: >-
#     You shall only use the Mistral Models, Derivatives (whether or not created by Mistral AI)
#     and Outputs for Research Purposes.
#   source: https://mistral.ai/licenses/MRL-0.1.md
#   remediation: >-
#     Stop using the model (and models trained on it or on its outputs) in a commercial product,
#     or obtain a commercial license from Mistral AI (https://mistral.ai/contact/) and record it as
#     a waiver; for non-commercial research outside a research or evaluation setting, record an
#     attestation for mrl:non-commercial.
findings contains _research_finding(item) if some item in clauses.non_commercial(license)

# METADATA
# title: Give a copy of the Agreement with distributed copies of the model
# description: >-
#   Third parties who receive copies of a Mistral Model (its weights) get a copy of the
#   Agreement. The licensee's own Derivatives are governed by §2.3 instead, which does not ask
#   for it.
# custom:
#   clause: license-copy
#   trigger: the product ships the weights of a listed MRL model (product.ships_weights)
#   section: "§2.2 Distribution of Mistral Model and Derivatives made by or for Mistral AI"
#   quote: >-
#     You must make available a copy of this Agreement to third-party recipients of the Mistral
#     Models and/or Derivatives made by or for Mistral AI you Distribute
#   source: https://mistral.ai/licenses/MRL-0.1.md
#   remediation: >-
#     Ship the Mistral AI Research License with the weights and set
#     product.license_copies_included to true.
findings contains item if {
	some item in clauses.license_copy(license)
	_listed(item.subject)
}

# METADATA
# title: Ship the Mistral AI Research License Notice file
# description: >-
#   Distributed copies of a Mistral Model carry a "Notice" text file with the attribution notice
#   of §2.2.
# custom:
#   clause: notice-file
#   trigger: the product ships the weights of a listed MRL model (product.ships_weights)
#   section: "§2.2 Distribution of Mistral Model and Derivatives made by or for Mistral AI"
#   quote: >-
#     You must retain in all copies of the Mistral Models the following attribution notice within
#     a "Notice" text file distributed as part of such copies: "Licensed by Mistral AI under the
#     Mistral AI Research License".
#   source: https://mistral.ai/licenses/MRL-0.1.md
#   remediation: >-
#     Add a Notice file containing "Licensed by Mistral AI under the Mistral AI Research License"
#     to the distributed copies and name it in product.notice_file.
findings contains item if {
	some item in clauses.notice_file(license, _notice)
	_listed(item.subject)
}

# METADATA
# title: Say that the Mistral Model was modified, in published derivatives
# description: >-
#   The licensee may distribute its own Derivatives under other terms, provided they carry
#   prominent notices that it modified the concerned Mistral Model.
# custom:
#   clause: modified-files-notice
#   section: "§2.3 Distribution of Derivatives made by or for You"
#   quote: >-
#     You include in any such Derivatives made by or for You prominent notices stating that You
#     modified the concerned Mistral Model
#   source: https://mistral.ai/licenses/MRL-0.1.md
#   remediation: >-
#     Add a prominent notice that the Mistral Model was modified (for example in the model card
#     and the changed files) and set derived_models[].modified_files_marked to true.
findings contains item if some item in clauses.modified_files(license)

# DESIGN.md §2.1 rule 8: a model listed for training (fine-tuning, distillation, synthetic data,
# training feedback) that no declared derived model comes from leaves the license's duties toward
# what it trains undecidable; they are asked for under modified-files-notice.
findings contains item if some item in clauses.training_needs_student(license, "modified-files-notice")
