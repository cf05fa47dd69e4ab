# METADATA
# title: Stability AI Community License
# description: >-
#   Clauses of the Stability AI Community License Agreement (Last Updated: July 5, 2024), which
#   covers Stable Diffusion 3.5 and Stability's other Core Models. Research and non-commercial
#   use is licensed to all (Section II); commercial use (which includes a business's internal
#   operations) needs registration with Stability AI, and the licenses end for a licensee whose
#   annual revenue, with its Affiliates, exceeds US$1,000,000 (Section III). Whoever distributes
#   or makes available the Materials, a Derivative Work, or a product or service that uses them
#   gives a copy of the Agreement, ships the Notice text with copies and displays "Powered by
#   Stability AI" (Section IV(a)). Derivative Works include "any other model created which is
#   based on or derived from the Model or the Model's output", so students trained on outputs
#   carry these duties too. Not encoded: trade-control compliance and the trademark terms (no
#   manifest fact), and the litigation and feedback terms (no deployment fact).
# related_resources:
#   - description: license text (a verbatim copy in Stability's stable-fast-3d repository)
#     ref: https://github.com/Stability-AI/stable-fast-3d/blob/ff21fc491b4dc5314bf6734c7c0dabd86d5f5b4b/LICENSE.md
# custom:
#   license: stabilityai-community
#   name: Stability AI Community License Agreement
#   version: "Last Updated: July 5, 2024"
#   text: https://stability.ai/community-license-agreement
#   out_of_reach:
#     - >-
#       IV(c)(i): no use of Stability AI's names or marks beyond the attribution; product naming is
#       not a manifest fact.
#     - >-
#       IV(c)(iv): the licenses end if the licensee sues Stability AI over the Materials; litigation
#       is not a manifest fact.
#     - >-
#       III: the revenue test counts Affiliates; licensegate takes licensee.annual_revenue_usd as
#       stated and cannot check the aggregation.
#     - >-
#       V: "Models" are those on Stability's Core Models page, "as may be updated from time to
#       time"; the catalog records which checkpoints carry this license when read (SOURCES.md).
package licensegate.licenses.stabilityai_community

import rego.v1

import data.licensegate.lib.clauses
import data.licensegate.lib.deployment
import data.licensegate.lib.finding
import data.licensegate.lib.subjects

# The license id this package judges; licensegate.main finds the package by it.
license := "stabilityai-community"

# Section III: "more than USD $1,000,000 in annual revenue".
revenue_limit := 1000000

_all_under := subjects.models_under(license) | subjects.derived_under(license)

# Subjects that third parties reach as a service: a listed model running in a product for
# customers or the public, or a derived model offered as a service (Section IV(a): "a product or
# service that uses any portion of them").
_service_users contains subject if {
	some subject in subjects.models_under(license)
	"inference" in subject.uses
	deployment.product_made_available
}

_service_users contains subject if {
	some subject in subjects.derived_under(license)
	deployment.served(subject)
}

_how(subject) := sprintf("it is released (release: %s)", [clauses.release_text(subject)]) if {
	subject.kind == "derived"
} else := sprintf("the product that runs it is offered to %s (product.audience)", [input.manifest.product.audience])

# Whether the manifest states the licensee's registrations at all (an empty list says "none").
_registrations_stated if is_array(input.manifest.licensee.registrations)

# METADATA
# title: Register with Stability AI before commercial use
# description: >-
#   Using or distributing the Stability AI Materials for a Commercial Purpose (a product or
#   service, including through a hosted service or API, or a business's internal operations)
#   requires registration with Stability AI. The registration is a fact:
#   licensee.registrations names it, its absence from a stated list is a breach, and a manifest
#   that states no registrations at all leaves the clause open.
# custom:
#   clause: commercial-registration
#   section: "III. Commercial Use License"
#   quote: >-
#     If You are using or distributing the Stability AI Materials for a Commercial Purpose, You
#     must register with Stability AI at (https://stability.ai/community-license).
#   source: https://stability.ai/community-license-agreement
#   trigger: commercial use (product.commercial) of a model under the license or of a model derived from it
#   satisfied_by: >-
#     a licensee.registrations entry for stabilityai-community, or a product that is not commercial
#   remediation: >-
#     Register at https://stability.ai/community-license and add the registration to
#     licensee.registrations (license: stabilityai-community, date, reference).
findings contains _registration(subject) if some subject in _all_under

_registration(subject) := finding.new(
	license, "commercial-registration", subject.id, "satisfied",
	"the product is not commercial (product.commercial: false): no registration is needed",
	["product", "commercial"],
) if {
	not data.licensegate.lib.deployment.commercial
} else := finding.new(
	license, "commercial-registration", subject.id, "satisfied",
	"licensee.registrations records the registration with Stability AI",
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
	sprintf("%s is used commercially (product.commercial: true): say whether the licensee registered with Stability AI (%s)", [
		subject.id, "licensee.registrations",
	]),
	["licensee"],
)

# METADATA
# title: Annual revenue of the licensee and its Affiliates at most US$1M
# description: >-
#   The licenses end for a licensee whose annual revenue, alone or together with its Affiliates,
#   exceeds US$1,000,000, however the revenue is earned; an enterprise license is needed
#   instead. Commercial use above the limit is a breach. The sentence sits in Section III
#   (Commercial Use) while its words reach "any licenses granted to You under this Agreement",
#   and the Introduction ties the limit to "limited commercial uses": for a non-commercial
#   deployment above the limit, whether the research license ends too is counsel's reading. The
#   revenue is a fact; a manifest that does not state it leaves the clause open.
# custom:
#   clause: revenue-threshold
#   section: "III. Commercial Use License"
#   quote: >-
#     If at any time You or Your Affiliate(s), either individually or in aggregate, generate more
#     than USD $1,000,000 in annual revenue (or the equivalent thereof in Your local currency),
#   source: https://stability.ai/community-license-agreement
#   trigger: any use of a model under the license (licensee.annual_revenue_usd decides)
#   satisfied_by: >-
#     licensee.annual_revenue_usd at most 1000000; above it, a non-commercial deployment needs
#     counsel's attestation and a commercial one an enterprise license (a waiver)
#   remediation: >-
#     State licensee.annual_revenue_usd (licensee and Affiliates, last fiscal year). Above
#     US$1M, obtain an enterprise license from https://stability.ai/enterprise and record it as a
#     waiver of stabilityai-community:revenue-threshold.
findings contains _revenue_finding(subject) if some subject in _all_under

_revenue_finding(subject) := finding.new(
	license, "revenue-threshold", subject.id, "missing-facts",
	sprintf("the license ends above US$%d of annual revenue (licensee and Affiliates): state licensee.annual_revenue_usd", [
		revenue_limit,
	]),
	["licensee"],
) if {
	not data.licensegate.lib.deployment.annual_revenue
} else := finding.new(
	license, "revenue-threshold", subject.id, "satisfied",
	sprintf("annual revenue of %d (licensee.annual_revenue_usd) is not more than %d", [
		data.licensegate.lib.deployment.annual_revenue, revenue_limit,
	]),
	["licensee", "annual_revenue_usd"],
) if {
	data.licensegate.lib.deployment.annual_revenue <= revenue_limit
} else := finding.new(
	license, "revenue-threshold", subject.id, "violated",
	sprintf("annual revenue of %d (licensee.annual_revenue_usd) is more than %d and %s is used commercially: %s", [
		data.licensegate.lib.deployment.annual_revenue, revenue_limit, subject.id,
		"the Community License has ended; an enterprise license is needed",
	]),
	["licensee", "annual_revenue_usd"],
) if {
	data.licensegate.lib.deployment.commercial
} else := finding.new(
	license, "revenue-threshold", subject.id, "needs-attestation",
	sprintf("annual revenue of %d (licensee.annual_revenue_usd) is more than %d: %s", [
		data.licensegate.lib.deployment.annual_revenue, revenue_limit,
		"have counsel confirm that the termination in Section III leaves this non-commercial use licensed",
	]),
	["licensee", "annual_revenue_usd"],
)

# METADATA
# title: Give third parties a copy of the Agreement
# description: >-
#   Whoever distributes or makes available the Materials, a Derivative Work, or a product or
#   service that uses them provides a copy of the Agreement to that third party. Where weights
#   leave the organisation (students trained on outputs are Derivative Works) the copy goes
#   with them; where third parties reach the model only as a service, no manifest field says how
#   they receive the Agreement, so a person attests it.
# custom:
#   clause: license-copy
#   section: "IV(a)(i) Distribution & Attribution"
#   quote: >-
#     or a product or service that uses any portion of them, You shall: (i) provide a copy of this
#     Agreement to that third party
#   source: https://stability.ai/community-license-agreement
#   trigger: >-
#     a model under the license reaches third parties: shipped or published weights, or a
#     product or derived model offered as a service
#   satisfied_by: >-
#     product.license_copies_included for distributed weights; an attestation for a service
#   remediation: >-
#     Ship the Agreement with the weights (product.license_copies_included); for a service, give
#     users the Agreement (for example linked from the terms they accept) and record an
#     attestation for stabilityai-community:license-copy.
findings contains item if {
	some item in _copy_with_weights
	not _served_id(item.subject)
}

findings contains item if {
	some item in _copy_with_weights
	_served_id(item.subject)
	item.status != "satisfied"
}

# Weight recipients get the copy with the weights (Derivative Works include students trained on
# outputs). A subject that service users reach as well is reported once, by the stricter of the
# two duties (shipping the copy does not reach them).
_copy_with_weights := clauses.license_copy_for(license, {"weights", "outputs"})

_served_id(id) if {
	some subject in _service_users
	subject.id == id
}

findings contains finding.new(
	license, "license-copy", subject.id, "needs-attestation",
	sprintf("%s reaches third parties as a service (%s): confirm they are given a copy of the Agreement", [
		subject.id, _how(subject),
	]),
	subject.path,
) if {
	some subject in _service_users
	not _copy_violated(subject.id)
}

# A copy missing from shipped weights is reported as such; the service duty waits until it is fixed.
_copy_violated(id) if {
	some item in _copy_with_weights
	item.subject == id
	item.status != "satisfied"
}

# A model fine-tuned or used to train another, with no derived model declared, leaves this duty
# undecidable (DESIGN.md §2.1 rule 8).
findings contains item if some item in clauses.training_needs_student(license, "license-copy")

# METADATA
# title: Ship the Notice text with distributed copies
# description: >-
#   Distributed copies of the Materials or a Derivative Work carry a "Notice" text file with
#   the attribution notice the Agreement gives.
# custom:
#   clause: notice-file
#   section: "IV(a)(ii) Distribution & Attribution"
#   quote: >-
#     retain the following attribution notice within a "Notice" text file distributed as a part
#     of such copies: "This Stability AI Model is licensed under the Stability AI Community
#     License, Copyright © Stability AI Ltd. All Rights Reserved"
#   source: https://stability.ai/community-license-agreement
#   remediation: >-
#     Add a NOTICE file containing "This Stability AI Model is licensed under the Stability AI
#     Community License, Copyright © Stability AI Ltd. All Rights Reserved" to the distributed
#     weights and name it in product.notice_file.
findings contains item if some item in clauses.notice_file_for(license, notice, {"weights", "outputs"})

notice := "This Stability AI Model is licensed under the Stability AI Community License, Copyright © Stability AI Ltd. All Rights Reserved"

# METADATA
# title: Display "Powered by Stability AI"
# description: >-
#   A product or service that makes the model or a Derivative Work available to third parties
#   prominently displays "Powered by Stability AI" on a related website, user interface,
#   blogpost, about page or product documentation.
# custom:
#   clause: attribution-display
#   section: "IV(a)(iii) Distribution & Attribution"
#   quote: >-
#     prominently display "Powered by Stability AI" on a related website, user interface,
#     blogpost, about page, or product documentation.
#   source: https://stability.ai/community-license-agreement
#   remediation: >-
#     Show "Powered by Stability AI" where users see it (website, user interface, about page or
#     documentation) and list it under product.attribution.
findings contains item if some item in clauses.display(license, "Powered by Stability AI")

# METADATA
# title: State in the Notice file that the Materials were changed
# description: >-
#   A published Derivative Work made from the weights states in its Notice file that the
#   Stability AI Materials were changed and how; derived_models[].modified_files_marked records
#   that the release carries that statement.
# custom:
#   clause: modified-files-notice
#   section: "IV(a) Distribution & Attribution"
#   quote: >-
#     state in the "Notice" text file that You changed the Stability AI Materials and how it was
#     modified.
#   source: https://stability.ai/community-license-agreement
#   remediation: >-
#     Add to the derived model's Notice file a statement that the Stability AI Materials were
#     changed and how, then set derived_models[].modified_files_marked to true.
findings contains item if some item in clauses.modified_files(license)

# METADATA
# title: No outputs to create or improve another foundational generative model
# description: >-
#   Neither the Materials nor their outputs may be used to create or improve a foundational
#   generative AI model other than the Models and their Derivative Works. A model trained on the
#   outputs is itself a Derivative Work under the definition, so whether a student falls under
#   the ban (a foundational model, not a Derivative Work) is a person's judgement; a teacher or
#   data generator without a declared student is missing-facts.
# custom:
#   clause: output-use
#   section: "IV(b) Use Restrictions"
#   quote: >-
#     You will not use the Stability AI Materials or Derivative Works, or any output or results of
#     the Stability AI Materials or Derivative Works, to create or improve any foundational
#     generative AI model (excluding the Models or Derivative Works).
#   source: https://stability.ai/community-license-agreement
#   trigger: >-
#     a derived model trained only on outputs of a model under the license, or a listed model
#     used to teach, generate training data or give training feedback
#   satisfied_by: an attestation that the student is not a foundational generative AI model outside the Derivative Works exception
#   remediation: >-
#     Declare the models the outputs train (derived_models[].trained_on_outputs_of) and have a
#     person confirm that none is a foundational generative AI model outside the exception;
#     record an attestation for stabilityai-community:output-use.
findings contains item if {
	some item in clauses.output_use_judged(
		license,
		"is not a foundational generative AI model (the ban excludes the Models and their Derivative Works)",
	)
}

# METADATA
# title: Use complies with Stability AI's Acceptable Use Policy
# description: >-
#   Use of the Materials, Derivative Works and their outputs complies with applicable law and
#   trade controls and adheres to the Documentation and Stability AI's Acceptable Use Policy,
#   which the Agreement incorporates. Only a person can judge the use cases against it.
# custom:
#   clause: acceptable-use
#   section: "IV(b) Use Restrictions"
#   quote: >-
#     must comply with applicable laws and regulations (including Trade Control Laws and
#     equivalent regulations) and adhere to the Documentation and Stability AI's AUP, which is
#     hereby incorporated by reference.
#   source: https://stability.ai/community-license-agreement
#   remediation: >-
#     Have counsel review the use cases against https://stability.ai/use-policy and record an
#     attestation for stabilityai-community:acceptable-use.
findings contains item if some item in clauses.acceptable_use(license, "Stability AI Acceptable Use Policy")
