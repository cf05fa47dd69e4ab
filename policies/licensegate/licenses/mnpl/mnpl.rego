# METADATA
# title: Mistral AI Non-Production License
# description: >-
#   Clauses of the Mistral AI Non-Production License (MNPL-0.1), which covers the weights of
#   Codestral 22B (Codestral-22B-v0.1). The Mistral Models and Derivatives (whether or not made
#   by Mistral AI) may be used only for testing, research, Personal or evaluation purposes in
#   Non-Production Environments (§3.2): settings that exclude live, real-world conditions,
#   commercial operations, revenue-generating activities and direct interaction with end users,
#   employees and customers included (§9). They may not be supplied in the course of a commercial
#   activity, even free of charge or as a hosted service (§3.2). Unlike the Mistral AI Research
#   License, Outputs are free: Mistral claims no rights in them and they are not Derivatives (§4.2,
#   §9), so a model trained only on Codestral's outputs carries none of these clauses. Copies of a
#   Mistral Model go with a copy of the Agreement and a Notice file (§2.2); the licensee's own
#   Derivatives must say that the Mistral Model was modified (§2.3) and stay bound by §3 (§4.3).
# related_resources:
#   - description: license text
#     ref: https://mistral.ai/licenses/MNPL-0.1.md
# custom:
#   license: mnpl
#   name: Mistral AI Non-Production License
#   version: "MNPL-0.1, per the license URL; the text has no version or date line"
#   text: https://mistral.ai/licenses/MNPL-0.1.md
#   provenance: >-
#     Mistral AI publishes the text only at https://mistral.ai/licenses/MNPL-0.1.md; no GitHub
#     repository of Mistral AI carries it, and ../shared/license-texts has no copy. Quotes are
#     checked against mnpl-0.1.THIRDPARTY.md beside this package: a byte-exact copy of a third
#     party's file, the git blob d7947da0a1bcf329ac23801b6867ba0873684ab5 of licenses/MNPL-0.1.md
#     in https://github.com/orsonteodoro/oiledmachine-overlay at commit
#     5413230733ccb8de063b7ad312dab8a2281d9a5b (2024-10-16), sha256
#     1c3ad900aadcfb8a6846aa57bb2672e8af060e9f802e09ec2c54f44751be173e. The next commit,
#     e172fcec, only adds a first line pointing to https://mistral.ai/licenses/MNPL-0.1.md as the
#     original, which the copy here leaves out. §3.2 matches the quotations in a public write-up
#     of the Codestral release (simonwillison.net, 2024-05-30) and in the
#     mistralai/Codestral-22B-v0.1 Hugging Face discussion #8 (licenses.md §8.3); the rest was
#     not compared with a second copy.
#   quoted_from:
#     - policies/licensegate/licenses/mnpl/mnpl-0.1.THIRDPARTY.md
package licensegate.licenses.mnpl

import rego.v1

import data.licensegate.lib.clauses
import data.licensegate.lib.deployment
import data.licensegate.lib.finding
import data.licensegate.lib.subjects

# The license id this package judges; licensegate.main finds the package by it.
license := "mnpl"

# §2.2, with typographic quotes made straight as the host does for Notice files.
_notice := "Licensed by Mistral AI under the Mistral AI Non-Production License"

# The subject (listed model or derived model) with this id.
_subject(id) := subject if {
	some subject in data.licensegate.lib.subjects.all
	subject.id == id
}

# A listed model: §2.2 (copy, Notice) governs copies of the Mistral Models themselves.
_listed(id) if subjects.listed(id)

# What §3 binds: the Mistral Models and Derivatives. A model trained only on Outputs is not a
# Derivative (§9 "Derivative": "Outputs are not considered as Derivatives").
_bound(id) if _listed(id)

_bound(id) if {
	some subject in subjects.derived_under(license)
	subject.id == id
	"weights" in subjects.vias(subject, license)
}

# End users interact with the subject: a product for customers or the public runs it, or a
# derived model is offered to them as a service.
_end_users(subject) if {
	subject.kind == "model"
	"inference" in subject.uses
	data.licensegate.lib.deployment.product_made_available
}

_end_users(subject) if {
	subject.kind == "derived"
	deployment.served(subject)
}

# The subject is supplied to others: end users reach it, or its weights leave the organisation.
_supplied(subject) if _end_users(subject)

_supplied(subject) if {
	subject.kind == "model"
	deployment.model_weights_shipped(subject.index)
}

_supplied(subject) if {
	subject.kind == "derived"
	deployment.weights_released(subject)
}

_how_supplied(subject) := sprintf("release: %s", [clauses.release_text(subject)]) if {
	subject.kind == "derived"
} else := sprintf("product.audience: %s", [input.manifest.product.audience]) if {
	_end_users(subject)
} else := "its weights are shipped (product.ships_weights / models[].ships_weights)"

_production_finding(item) := item if {
	item.status == "violated"
} else := finding.new(
	license, "non-production", item.subject, "violated",
	sprintf("%s runs in %s but end users interact with it (%s): a Non-Production Environment excludes %s", [
		item.subject, input.manifest.product.environment, _how_supplied(_subject(item.subject)),
		"direct interactions with end users, employees or customers",
	]),
	["product", "audience"],
) if {
	_end_users(_subject(item.subject))
} else := item

_commercial_finding(item) := object.union(item, {"message": sprintf(
	"%s is supplied to others (%s) in the course of a commercial activity (product.commercial: true)",
	[item.subject, _how_supplied(_subject(item.subject))],
)}) if {
	item.status == "violated"
	_supplied(_subject(item.subject))
} else := object.union(item, {"status": "satisfied", "message": sprintf(
	"the product is commercial, but %s is not supplied to anyone: it stays in-house (%s)",
	[item.subject, "the non-production clause decides whether in-house use is allowed"],
)}) if {
	item.status == "violated"
} else := item

# METADATA
# title: Only for testing, research, personal or evaluation use in non-production environments
# description: >-
#   The Mistral Models and Derivatives may be used only for testing, research, Personal or
#   evaluation purposes in a Non-Production Environment, which "expressly excludes live,
#   real-world conditions, commercial operations, revenue-generating activities, or direct
#   interactions with or impacts on end users (such as, for instance, Your employees or
#   customers)" (§9). A production environment breaches it, and so does a product for customers
#   or the public, or a derived model offered as a service, whatever its environment. A model
#   trained only on the model's outputs is not bound.
# custom:
#   clause: non-production
#   trigger: any use of an MNPL model or of a model derived from its weights
#   satisfied_by: >-
#     product.environment is not production, and no end user reaches the model (product.audience
#     internal; derived models not offered as a service)
#   section: "§3.2 Usage Limitation; §9 \"Non-Production Environment\""
#   quote: >-
#     You shall only use the Mistral Models and Derivatives (whether or not created by Mistral AI)
#     for testing, research, Personal, or evaluation purposes in Non-Production Environments
#   source: https://mistral.ai/licenses/MNPL-0.1.md
#   remediation: >-
#     Keep the model (and models derived from it) in testing, research or evaluation settings
#     without end users, or obtain a commercial license from Mistral AI (license@mistral.ai) and
#     record it as a waiver.
findings contains _production_finding(item) if {
	some item in clauses.non_production(license)
	_bound(item.subject)
}

# METADATA
# title: Not supplied in the course of a commercial activity
# description: >-
#   The Mistral Models and Derivatives may not be supplied in the course of a commercial
#   activity, whether paid or free, in any form, including a hosted or managed service (SaaS,
#   cloud instances) or behind a software layer. A commercial product that offers the model or a
#   derivative to customers or the public, ships its weights or publishes a derived model breaches
#   it; in-house testing or evaluation for a commercial product supplies it to no one (the
#   non-production clause still applies). Outputs are not restricted.
# custom:
#   clause: non-commercial
#   trigger: >-
#     a commercial product (product.commercial: true) uses an MNPL model or a model derived from
#     its weights
#   satisfied_by: >-
#     product.commercial: false, or the model and its derivatives stay in-house (product.audience
#     internal, no weights shipped, derived models not released)
#   section: "§3.2 Usage Limitation"
#   quote: >-
#     You shall not supply the Mistral Models or Derivatives in the course of a commercial
#     activity, whether in return for payment or free of charge, in any medium or form
#   source: https://mistral.ai/licenses/MNPL-0.1.md
#   remediation: >-
#     Stop offering the model (or derivatives of it) through the commercial product, or obtain a
#     commercial license from Mistral AI (license@mistral.ai) and record it as a waiver.
findings contains _commercial_finding(item) if {
	some item in clauses.non_commercial(license)
	_bound(item.subject)
}

# METADATA
# title: Give a copy of the Agreement with distributed copies of the model
# description: >-
#   Third parties who receive copies of a Mistral Model (its weights) get a copy of the
#   Agreement. The licensee's own Derivatives are governed by §2.3 instead, which does not ask
#   for it.
# custom:
#   clause: license-copy
#   trigger: the product ships the weights of a listed MNPL model (product.ships_weights)
#   section: "§2.2 Distribution of Mistral Model and Derivatives made by or for Mistral AI"
#   quote: >-
#     You must make available a copy of this Agreement to third-party recipients of the Mistral
#     Models and/or Derivatives made by or for Mistral AI you Distribute
#   source: https://mistral.ai/licenses/MNPL-0.1.md
#   remediation: >-
#     Ship the Mistral AI Non-Production License with the weights and set
#     product.license_copies_included to true.
findings contains item if {
	some item in clauses.license_copy(license)
	_listed(item.subject)
}

# METADATA
# title: Ship the Mistral AI Non-Production License Notice file
# description: >-
#   Distributed copies of a Mistral Model carry a "Notice" text file with the attribution notice
#   of §2.2.
# custom:
#   clause: notice-file
#   trigger: the product ships the weights of a listed MNPL model (product.ships_weights)
#   section: "§2.2 Distribution of Mistral Model and Derivatives made by or for Mistral AI"
#   quote: >-
#     You must retain in all copies of the Mistral Models the following attribution notice within
#     a "Notice" text file distributed as part of such copies: "Licensed by Mistral AI under the
#     Mistral AI Non-Production License".
#   source: https://mistral.ai/licenses/MNPL-0.1.md
#   remediation: >-
#     Add a Notice file containing "Licensed by Mistral AI under the Mistral AI Non-Production
#     License" to the distributed copies and name it in product.notice_file.
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
#   source: https://mistral.ai/licenses/MNPL-0.1.md
#   remediation: >-
#     Add a prominent notice that the Mistral Model was modified (for example in the model card
#     and the changed files) and set derived_models[].modified_files_marked to true.
findings contains item if some item in clauses.modified_files(license)

# DESIGN.md §2.1 rule 8: a model listed for training (fine-tuning, distillation, synthetic data,
# training feedback) that no declared derived model comes from leaves the license's duties toward
# what it trains undecidable; they are asked for under modified-files-notice.
findings contains item if some item in clauses.training_needs_student(license, "modified-files-notice")
