# METADATA
# title: CodeGeeX4 Model License
# description: >-
#   Clauses of "The CodeGeeX4 License" (MODEL_LICENSE of THUDM/CodeGeeX4, 2024-07-06, commit
#   be3b3bb, unchanged since), which covers the CodeGeeX4 model parameters (codegeex4-all-9b). The
#   file carries the license in Chinese and then in English; neither text says which prevails, the
#   Chinese comes first and the English reads as its translation. Quotes are from the English;
#   where the English garbles a sentence (§2's naming duty: "create, train, operate, or otherwise
#   improve assigned or available AI models"), the package follows the Chinese
#   (创建、训练、微调或以其他方式改进已分发或可用的 AI 模型: create, train, fine-tune or otherwise
#   improve AI models that are distributed or made available). Academic research is free and commercial use needs registration (a fact:
#   licensee.registrations); whoever distributes or provides the materials, a derivative work,
#   or a product or service using them gives a copy of the Agreement and displays "Built with
#   CodeGeeX4"; AI models built with the materials and distributed or made available have names
#   beginning with "CodeGeeX4"; §3 forbids military, illegal and harmful use.
# related_resources:
#   - description: license text (Chinese and English in one file)
#     ref: https://github.com/THUDM/CodeGeeX4/blob/480f792bf9a57cfa8ccad84ea4366badab99bee3/MODEL_LICENSE
# custom:
#   license: codegeex4
#   name: The CodeGeeX4 License
#   version: "MODEL_LICENSE of 2024-07-06 (commit be3b3bb); the text has no version or date line"
#   text: https://github.com/THUDM/CodeGeeX4/blob/480f792bf9a57cfa8ccad84ea4366badab99bee3/MODEL_LICENSE
#   out_of_reach:
#     - >-
#       §2: "materials" is not defined and outputs are not named (unlike the Llama 3 sentence this
#       one follows). A model trained only on CodeGeeX4 outputs is held to none of the duties here;
#       whether a student of its outputs was made with "materials" is counsel's reading.
#     - >-
#       §2: the grant names academic research (free) and commercial use (after registration); a
#       non-commercial use that is not research is not addressed, and licensegate takes
#       product.commercial as the only test.
#     - >-
#       §3: the restrictions (military or illegal purposes, national security, public order, the
#       rights of others, the law of the place of use) are judged by a person (acceptable-use).
package licensegate.licenses.codegeex4

import rego.v1

import data.licensegate.lib.clauses
import data.licensegate.lib.deployment
import data.licensegate.lib.finding
import data.licensegate.lib.subjects

# The license id this package judges; licensegate.main finds the package by it.
license := "codegeex4"

# §2(B), verbatim.
_display := "Built with CodeGeeX4"

# "CodeGeeX4" at the beginning of the name. The licensor's own repository spells it
# codegeex4-all-9b, so the prefix is matched without regard to case; explicit classes keep the
# match the same under RE2 (OPA) and the Rust regex crate (regorus).
_name_pattern := `^[Cc][Oo][Dd][Ee][Gg][Ee][Ee][Xx]4`

# The duties follow the materials (the parameters): a derived model reached only through outputs
# is not held to them (see out_of_reach).
_derived_from_weights contains subject if {
	some subject in subjects.derived_under(license)
	"weights" in subjects.vias(subject, license)
}

_outputs_only contains subject.id if {
	some subject in subjects.derived_under(license)
	not "weights" in subjects.vias(subject, license)
}

_all_under := subjects.models_under(license) | _derived_from_weights

# Whether the manifest states the licensee's registrations at all (an empty list says "none").
_registrations_stated if is_array(input.manifest.licensee.registrations)

# METADATA
# title: Register with Zhipu AI before commercial use
# description: >-
#   Academic research is free; users who use the models for commercial purposes complete the
#   registration first (at bigmodel.cn/mla/form), and registered users may then use them
#   commercially. The sentence before the quote reads "For users who wish to use the models for
#   commercial purposes, please do so [here]". The registration is a fact: licensee.registrations
#   names it, its absence from a stated list is a breach, and a manifest that states no
#   registrations at all leaves the clause open.
# custom:
#   clause: commercial-registration
#   section: "2. License"
#   quote: >-
#     Complete registration. Registered users are free to use this model for commercial
#     activities, but must comply with all terms and conditions of this license.
#   source: https://github.com/THUDM/CodeGeeX4/blob/480f792bf9a57cfa8ccad84ea4366badab99bee3/MODEL_LICENSE
#   trigger: >-
#     commercial use (product.commercial) of codegeex4-all-9b or of a model built on its weights
#   satisfied_by: a licensee.registrations entry for codegeex4, or a product that is not commercial
#   remediation: >-
#     Register at https://bigmodel.cn/mla/form?mcode=CodeGeeX4-ALL-9B and add the registration to
#     licensee.registrations (license: codegeex4, date, reference).
findings contains _registration(subject) if some subject in _all_under

_registration(subject) := finding.new(
	license, "commercial-registration", subject.id, "satisfied",
	"the product is not commercial (product.commercial: false): no registration is needed",
	["product", "commercial"],
) if {
	not data.licensegate.lib.deployment.commercial
} else := finding.new(
	license, "commercial-registration", subject.id, "satisfied",
	"licensee.registrations records the registration with Zhipu AI for CodeGeeX4",
	["licensee", "registrations"],
) if {
	deployment.registered(license)
} else := finding.new(
	license, "commercial-registration", subject.id, "violated",
	sprintf("%s is used commercially (product.commercial: true) and licensee.registrations has no entry for %s", [
		subject.id, license,
	]),
	["licensee", "registrations"],
) if {
	_registrations_stated
} else := finding.new(
	license, "commercial-registration", subject.id, "missing-facts",
	sprintf("%s is used commercially (product.commercial: true): say whether the licensee registered for CodeGeeX4 (%s)", [
		subject.id, "licensee.registrations",
	]),
	["licensee"],
)

# METADATA
# title: Give a copy of the Agreement with distributed materials
# description: >-
#   Whoever distributes the CodeGeeX4 materials or a derivative work of them provides a copy of
#   the Agreement with them: shipped weights of a listed model and published weights built on
#   them. The copyright and license notice in all copies (§2) is met by the same copy.
# custom:
#   clause: license-copy
#   section: "2. License (A)"
#   quote: (A) Provide a copy of this Agreement with any such THUDM/Zhipu AI Materials;
#   source: https://github.com/THUDM/CodeGeeX4/blob/480f792bf9a57cfa8ccad84ea4366badab99bee3/MODEL_LICENSE
#   remediation: >-
#     Ship the CodeGeeX4 License (MODEL_LICENSE) with the weights and set
#     product.license_copies_included to true (or list codegeex4 in it).
findings contains item if some item in clauses.license_copy(license)

# METADATA
# title: Display "Built with CodeGeeX4"
# description: >-
#   Whoever distributes or provides the materials, a derivative work of them, or a product or
#   service that uses them prominently displays "Built with CodeGeeX4" on a related website, user
#   interface, blog post, about page or product documentation (the Chinese text: 关于页面, about
#   page, where the English has "related page"). A product offered to customers or the public,
#   shipped weights and a released model built on the weights all trigger it.
# custom:
#   clause: attribution-display
#   section: "2. License (B)"
#   quote: >-
#     (B) Prominently display "Built with CodeGeeX4" on the relevant website, user interface, blog
#     post, related page or product documentation.
#   source: https://github.com/THUDM/CodeGeeX4/blob/480f792bf9a57cfa8ccad84ea4366badab99bee3/MODEL_LICENSE
#   remediation: >-
#     Show "Built with CodeGeeX4" where users see it (website, user interface, blog post, about
#     page or documentation) and list it under product.attribution.
findings contains item if {
	some item in clauses.display(license, _display)
	not item.subject in _outputs_only
}

# METADATA
# title: Names of models built with CodeGeeX4 begin with "CodeGeeX4"
# description: >-
#   An AI model created, trained, fine-tuned or otherwise improved with the CodeGeeX4 materials
#   that is distributed or made available has "CodeGeeX4" at the beginning of its name. A derived
#   model built on the weights and released (as a service or as weights) is held to it; the
#   prefix is matched without regard to case, as the licensor's own repository writes
#   codegeex4-all-9b.
# custom:
#   clause: derivative-naming
#   section: "2. License"
#   quote: >-
#     you should also add "CodeGeeX4" to the beginning of any such AI model name.
#   source: https://github.com/THUDM/CodeGeeX4/blob/480f792bf9a57cfa8ccad84ea4366badab99bee3/MODEL_LICENSE
#   remediation: >-
#     Rename the released model so that its name begins with "CodeGeeX4" (for example
#     "CodeGeeX4-Acme-Review-9B").
findings contains item if some item in clauses.name_prefix(license, _name_pattern, "CodeGeeX4", {"weights"})

# METADATA
# title: No military, illegal or harmful use
# description: >-
#   The Software may not be used, copied, modified, distributed or turned into derivative works for
#   military or illegal purposes, nor used for conduct that endangers national security and unity,
#   public interests and public order, or infringes others' rights; use follows the law and
#   ethical standards of the place of use (§3). Only a person can judge the use cases against it.
# custom:
#   clause: acceptable-use
#   section: "3. Restrictions"
#   quote: >-
#     You are not allowed to use, copy, modify, merge, publish, distribute, copy or create all or
#     part of the derivative works of this software for any military or illegal purposes.
#   source: https://github.com/THUDM/CodeGeeX4/blob/480f792bf9a57cfa8ccad84ea4366badab99bee3/MODEL_LICENSE
#   remediation: >-
#     Have counsel review the use cases against §3 of the CodeGeeX4 License and record an
#     attestation for codegeex4:acceptable-use.
findings contains item if some item in clauses.acceptable_use(license, "CodeGeeX4 License §3 restrictions")

# DESIGN.md §2.1 rule 8: a model listed for training (fine-tuning, distillation, synthetic data,
# training feedback) that no declared derived model comes from leaves the license's duties toward
# what it trains undecidable; they are asked for under derivative-naming.
findings contains item if some item in clauses.training_needs_student(license, "derivative-naming")
