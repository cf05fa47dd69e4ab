# METADATA
# title: ChatGLM3-6B Model License
# description: >-
#   Clauses of "The ChatGLM3-6B License" (MODEL_LICENSE of THUDM/ChatGLM3 as revised on 2024-05-24,
#   commit 61c56f7, unchanged since), which covers the ChatGLM3-6B model parameters (ChatGLM3-6B,
#   -Base, -32K, -128K). The file carries the license in Chinese and then in English; neither text
#   says which prevails, the Chinese comes first and the English reads as its translation. The two
#   agree on every duty encoded here, and the quotes are from the English. Use for academic
#   research is free; commercial use is licensed to registered users (a fact:
#   licensee.registrations); copies of the parameters carry the license notice; no military or
#   illegal use and no use that endangers national security or infringes others' rights (§3).
#   The first text (2023-10-27, the models' release) had no registration sentence: ChatGLM3's
#   README asked for the registration from launch, and the current text is the one a licensee
#   obtains today, so licensegate judges by it.
# related_resources:
#   - description: license text (Chinese and English in one file)
#     ref: https://github.com/THUDM/ChatGLM3/blob/732294f42e2625509000daa87a9c3748d0bbb957/MODEL_LICENSE
# custom:
#   license: chatglm3
#   name: The ChatGLM3-6B License
#   version: "MODEL_LICENSE as revised on 2024-05-24 (commit 61c56f7); the text has no version or date line"
#   text: https://github.com/THUDM/ChatGLM3/blob/732294f42e2625509000daa87a9c3748d0bbb957/MODEL_LICENSE
#   out_of_reach:
#     - >-
#       §2: the grant names academic research (free) and commercial use (after registration); a
#       non-commercial use that is not research is not addressed, and licensegate takes
#       product.commercial as the only test.
#     - >-
#       §3: the restrictions (military or illegal purposes, national security, public order, the
#       rights of others, the law of the place of use) are judged by a person (acceptable-use).
#     - >-
#       The license reaches the model parameters and their derivative works; it says nothing about
#       outputs, so a model trained only on ChatGLM3 outputs carries none of its duties.
package licensegate.licenses.chatglm3

import rego.v1

import data.licensegate.lib.clauses
import data.licensegate.lib.deployment
import data.licensegate.lib.finding
import data.licensegate.lib.subjects

# The license id this package judges; licensegate.main finds the package by it.
license := "chatglm3"

# The Software is the model parameters: a derived model is reached through its weights, never
# through outputs alone.
_derived_from_weights contains subject if {
	some subject in subjects.derived_under(license)
	"weights" in subjects.vias(subject, license)
}

_all_under := subjects.models_under(license) | _derived_from_weights

# Whether the manifest states the licensee's registrations at all (an empty list says "none").
_registrations_stated if is_array(input.manifest.licensee.registrations)

# METADATA
# title: Register with Zhipu AI before commercial use
# description: >-
#   Academic research is free; users who use the models for commercial purposes must register
#   first (the Chinese text: 需在这里完成登记, at open.bigmodel.cn/mla/form), and registered users may
#   then use them commercially free of charge. The registration is a fact: licensee.registrations
#   names it, its absence from a stated list is a breach, and a manifest that states no
#   registrations at all leaves the clause open. A fine-tune of the parameters used commercially
#   is use of the model too.
# custom:
#   clause: commercial-registration
#   section: "2. License Grant"
#   quote: >-
#     This license permits you to use all open-source models in this repository for academic
#     research free. Users who wish to use the models for commercial purposes must register
#   source: https://github.com/THUDM/ChatGLM3/blob/732294f42e2625509000daa87a9c3748d0bbb957/MODEL_LICENSE
#   trigger: >-
#     commercial use (product.commercial) of a ChatGLM3 model or of a model built on its weights
#   satisfied_by: a licensee.registrations entry for chatglm3, or a product that is not commercial
#   remediation: >-
#     Register at https://open.bigmodel.cn/mla/form and add the registration to
#     licensee.registrations (license: chatglm3, date, reference).
findings contains _registration(subject) if some subject in _all_under

_registration(subject) := finding.new(
	license, "commercial-registration", subject.id, "satisfied",
	"the product is not commercial (product.commercial: false): no registration is needed",
	["product", "commercial"],
) if {
	not data.licensegate.lib.deployment.commercial
} else := finding.new(
	license, "commercial-registration", subject.id, "satisfied",
	"licensee.registrations records the registration with Zhipu AI for ChatGLM3",
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
	sprintf("%s is used commercially (product.commercial: true): say whether the licensee registered for ChatGLM3 (%s)", [
		subject.id, "licensee.registrations",
	]),
	["licensee"],
)

# METADATA
# title: Include the license notice in copies of the parameters
# description: >-
#   Copies of the model parameters, whole or in substantial part, include the license notice
#   (the Chinese text: the copyright notice and this license notice). Shipped weights of a listed
#   model and published weights of a model built on them carry it.
# custom:
#   clause: license-copy
#   section: "2. License Grant"
#   quote: The license notice shall be included in all copies or substantial portions of the Software.
#   source: https://github.com/THUDM/ChatGLM3/blob/732294f42e2625509000daa87a9c3748d0bbb957/MODEL_LICENSE
#   remediation: >-
#     Ship the ChatGLM3-6B License (MODEL_LICENSE) with the weights and set
#     product.license_copies_included to true (or list chatglm3 in it).
findings contains item if some item in clauses.license_copy(license)

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
#   source: https://github.com/THUDM/ChatGLM3/blob/732294f42e2625509000daa87a9c3748d0bbb957/MODEL_LICENSE
#   remediation: >-
#     Have counsel review the use cases against §3 of the ChatGLM3-6B License and record an
#     attestation for chatglm3:acceptable-use.
findings contains item if some item in clauses.acceptable_use(license, "ChatGLM3-6B License §3 restrictions")

# DESIGN.md §2.1 rule 8: a model listed for training (fine-tuning, distillation, synthetic data,
# training feedback) that no declared derived model comes from leaves the license's duties toward
# what it trains undecidable; they are asked for under license-copy.
findings contains item if some item in clauses.training_needs_student(license, "license-copy")
