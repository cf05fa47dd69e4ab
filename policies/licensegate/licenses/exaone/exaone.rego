# METADATA
# title: EXAONE AI Model License Agreement 1.1 - NC
# description: >-
#   Clauses of the EXAONE AI Model License Agreement 1.1 - NC (LG Management Development
#   Institute Co., Ltd., for LG AI Research), the license of EXAONE 3.5 2.4B, 7.8B and 32B. The
#   grant is for research purposes only (§2.1(a): evaluation, testing, academic research,
#   experimentation), and §3.1 forbids any commercial use of the Model, Derivatives or Output and
#   any use of them to develop or improve other models. A modified Model's name begins with
#   "EXAONE" (§2.1(c)); the Model and Derivatives are distributed with a copy of the Agreement
#   (§2.1(d)); §3.3–3.4 set ethical-use guidelines that only a person can judge. §2.2 lists
#   "external distribution" among the uses beyond the scope of the license while §2.1(d) grants
#   distribution: see the license-copy clause.
# related_resources:
#   - description: license text
#     ref: https://github.com/LG-AI-EXAONE/EXAONE-3.5/blob/8bdf178/LICENSE
# custom:
#   license: exaone
#   name: EXAONE AI Model License Agreement 1.1 - NC
#   version: "1.1 - NC"
#   text: https://github.com/LG-AI-EXAONE/EXAONE-3.5/blob/8bdf178/LICENSE
#   quoted_from:
#     - exaone-1.1-nc.LICENSE.txt
#   provenance: >-
#     ../shared/license-texts/exaone-1.1-nc.LICENSE.txt is byte-identical (sha256
#     294fd63925d81e9a11a2bd71fefecbfefb0d1a329eef7de28b96e49b6da4f67e) to LICENSE in
#     LG-AI-EXAONE/EXAONE-3.5 at 8bdf17831d2fe6d8197e1d7babf78316a98f1bfd; the file has not
#     changed since the repository's initial commit (759f084, 2024-12-07).
#   out_of_reach:
#     - >-
#       §2.2 names "external distribution" among the uses beyond the scope of the license, "unless
#       explicitly agreed upon in writing by the Licensor", while §2.1(d) grants distribution with
#       a copy of the Agreement. The text does not say which distribution each means; licensegate
#       checks the copy duty of §2.1(d) and leaves the reading of §2.2 to counsel.
#     - >-
#       §2.1(a): a Model or Derivative provided for a competition only if no commercial license is
#       granted to the organiser or a third party; competitions are not a manifest fact.
#     - >-
#       §3.2: no reverse engineering or circumvention of protection measures; §4.2: no claim of
#       ownership of Output; §4.3: attribution in publications of results. None is a manifest fact.
#     - >-
#       §9.1: the Licensor may amend the Agreement by posting a new version; this package encodes
#       version 1.1 - NC as published with EXAONE 3.5.
package licensegate.licenses.exaone

import rego.v1

import data.licensegate.lib.clauses
import data.licensegate.lib.finding
import data.licensegate.lib.subjects

# The license id this package judges; licensegate.main finds the package by it.
license := "exaone"

# METADATA
# title: Research purposes only, never commercial
# description: >-
#   §2.1(a) licenses the Model "solely for research purposes" (evaluation, testing, academic
#   research, experimentation), §2.1(c) allows Derivatives "used exclusively for research
#   purposes", and §3.1 forbids any commercial use of the Model, Derivatives or Output. A
#   commercial product or a production environment is outside the grant; a non-commercial
#   research or evaluation environment is inside it; staging must say which it is. The clause
#   reaches listed models and every model derived from them.
# custom:
#   clause: non-commercial
#   section: "§3.1 Commercial Use; §2.1(a), (c) Grant of License"
#   quote: >-
#     The Licensee is expressly prohibited from using the Model, Derivatives, or Output for any
#     commercial purposes, including but not limited to, developing or deploying products,
#     services, or applications that generate revenue, whether directly or indirectly.
#   source: https://github.com/LG-AI-EXAONE/EXAONE-3.5/blob/8bdf178/LICENSE
#   satisfied_by: product.commercial false in a research or evaluation environment
#   remediation: >-
#     Keep the model and what is made from it to non-commercial research or evaluation, or
#     obtain a separate commercial license agreement from LG AI Research and record it as a
#     waiver.
findings contains item if some item in clauses.research_only(license)

# METADATA
# title: A modified Model's name begins with "EXAONE"
# description: >-
#   If the Model is modified, the modified Model must include "EXAONE" at the beginning of its
#   name. The sentence is not tied to distribution, so every declared derived model built on the
#   Model's weights is reached, whatever its release (internal ones too); the prefix is checked
#   as the text writes it, in capitals, on the name after the last "/". A model only trained on
#   EXAONE outputs is not a modified Model (see output-use).
# custom:
#   clause: derivative-naming
#   section: "§2.1(c) Grant of License"
#   quote: If the Model is modified, the modified Model must include "EXAONE" at the beginning of its name.
#   source: https://github.com/LG-AI-EXAONE/EXAONE-3.5/blob/8bdf178/LICENSE
#   trigger: a derived model lists an EXAONE model (or a model derived from one) in base_models
#   remediation: Rename the derived model so that its name begins with "EXAONE" (e.g. "EXAONE-3.5-7.8B-Acme-QA").
findings contains _naming(subject) if {
	some subject in subjects.derived_under(license)
	"weights" in subjects.vias(subject, license)
}

# DESIGN.md §2.1 rule 8: a model listed for training that no declared derived model comes from
# leaves the naming duty of what it trains undecidable.
findings contains item if some item in clauses.training_needs_student(license, "derivative-naming")

_naming(subject) := finding.new(
	license, "derivative-naming", subject.id, "satisfied",
	sprintf("the modified model's name %s begins with \"EXAONE\"", [subject.id]),
	array.concat(subject.path, ["name"]),
) if {
	startswith(subjects.bare_name(subject.id), "EXAONE")
} else := finding.new(
	license, "derivative-naming", subject.id, "violated",
	sprintf("%s modifies %s, but its name does not begin with \"EXAONE\"", [
		subject.id, concat(", ", subjects.upstream_ids(subject, license, "weights")),
	]),
	array.concat(subject.path, ["name"]),
)

# METADATA
# title: Distribute the Model and Derivatives with a copy of the Agreement
# description: >-
#   §2.1(d) grants distribution of the Model and Derivatives "in each case with a copy of this
#   Agreement": published weights of a listed model or of a model built on its weights go out
#   with the Agreement. The text is in tension with itself here: §2.2 says that "any use beyond
#   the scope of this license, including any commercial application or external distribution,
#   is strictly prohibited unless explicitly agreed upon in writing by the Licensor", without
#   saying how that external distribution differs from the distribution §2.1(d) grants.
#   licensegate encodes the copy duty of §2.1(d) only; a satisfied finding does not settle §2.2,
#   which counsel should read before weights leave the organisation (a written agreement with
#   the Licensor is the way out the text names).
# custom:
#   clause: license-copy
#   section: "§2.1(d) Grant of License (and §2.2 Scope of License)"
#   quote: Distribute the Model and Derivatives in each case with a copy of this Agreement.
#   source: https://github.com/LG-AI-EXAONE/EXAONE-3.5/blob/8bdf178/LICENSE
#   remediation: >-
#     Ship the EXAONE AI Model License Agreement 1.1 - NC with the weights and set
#     product.license_copies_included to true (or list exaone in it); have counsel confirm that
#     the distribution is within §2.2, or obtain the Licensor's written agreement.
findings contains item if some item in clauses.license_copy(license)

# METADATA
# title: No use of the Model or its Output to develop or improve other models
# description: >-
#   §3.1 forbids using the Model, Derivatives or Output to develop or improve other models, of
#   any kind (language models or not). A derived model trained on EXAONE outputs without EXAONE
#   weights is another model and breaches it; one built on EXAONE weights is a modification of
#   the Model, which §2.1(c) allows for research (naming and the research scope still apply).
# custom:
#   clause: output-use
#   section: "§3.1 Commercial Use"
#   quote: >-
#     Furthermore, the Licensee shall not use the Model, Derivatives or Output to develop or
#     improve other models.
#   source: https://github.com/LG-AI-EXAONE/EXAONE-3.5/blob/8bdf178/LICENSE
#   trigger: >-
#     a derived model lists an EXAONE model in trained_on_outputs_of, or an EXAONE model is used
#     as distillation-teacher, synthetic-data or training-feedback
#   remediation: >-
#     Stop training other models on EXAONE outputs (drop the student or regenerate its data with a
#     model whose license allows it), or obtain the Licensor's written agreement and record it as
#     a waiver.
findings contains item if some item in clauses.output_use_ban_any_model(license, "a modification of an EXAONE model")

# METADATA
# title: Ethical and lawful use (§3.3–3.4)
# description: >-
#   The Model and Derivatives are not used for illegal, fraudulent or unauthorized activities
#   (§3.3) and are used in an ethical and responsible manner: no false or misleading information,
#   no discriminatory or harassing content, no infringement of others' rights, no harm (§3.4).
#   Only a person can judge the use cases against these guidelines.
# custom:
#   clause: acceptable-use
#   section: "§3.3 Unlawful Use; §3.4 Ethical Use"
#   quote: >-
#     The Licensee shall ensure that the Model or Derivatives is used in an ethical and
#     responsible manner, adhering to the following guidelines:
#   source: https://github.com/LG-AI-EXAONE/EXAONE-3.5/blob/8bdf178/LICENSE
#   remediation: >-
#     Have counsel review the use cases against §3.3 and §3.4 of the Agreement and record an
#     attestation for exaone:acceptable-use.
findings contains item if some item in clauses.acceptable_use(license, "EXAONE ethical-use guidelines (§3.3–3.4)")
