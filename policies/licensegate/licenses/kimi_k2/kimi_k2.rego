# METADATA
# title: Kimi K2 Modified MIT License
# description: >-
#   Clauses of Moonshot AI's "Modified MIT License" for Kimi K2 (code and weights): the MIT
#   License (Copyright (c) 2025 Moonshot AI) plus one added paragraph. A commercial product or
#   service that uses Kimi K2 or a derivative work of it and has more than 100 million monthly
#   active users, or more than US$20 million monthly revenue, must prominently display "Kimi K2"
#   on its user interface. The figures are the product's own (product.monthly_active_users,
#   product.monthly_revenue_usd): the text counts neither affiliates nor a measurement date, so
#   the test is a continuing one. There are no rules on naming, outputs or use.
# related_resources:
#   - description: license text
#     ref: https://github.com/MoonshotAI/Kimi-K2/blob/main/LICENSE
# custom:
#   license: kimi-k2
#   name: Modified MIT License (Kimi K2)
#   version: "Modified MIT License, Copyright (c) 2025 Moonshot AI"
#   text: https://github.com/MoonshotAI/Kimi-K2/blob/main/LICENSE
package licensegate.licenses.kimi_k2

import rego.v1

import data.licensegate.lib.clauses
import data.licensegate.lib.deployment
import data.licensegate.lib.finding
import data.licensegate.lib.subjects

# The license id this package judges; licensegate.main finds the package by it.
license := "kimi-k2"

# "more than 100 million monthly active users, or more than 20 million US dollars (or equivalent
# in other currencies) in monthly revenue"
_mau_limit := 100000000

_revenue_limit := 20000000

_product := input.manifest.product

# ---------------------------------------------------------------------------------------------
# Which subjects the display duty reaches: Kimi K2 (listed and run in the product) or a
# derivative work of it (a derived model built on its weights and offered as a service), used
# for a commercial product or service.

_used_in_product contains subject if {
	some subject in subjects.models_under(license)
	"inference" in subject.uses
}

_used_in_product contains subject if {
	some subject in subjects.derived_under(license)
	"weights" in subjects.vias(subject, license)
	deployment.released(subject)
}

# Figures that cross the threshold, as readable facts (empty when none is known to cross).
_crossed contains sprintf("product.monthly_active_users is %d, more than %d", [mau, _mau_limit]) if {
	mau := _product.monthly_active_users
	mau > _mau_limit
}

_crossed contains sprintf("product.monthly_revenue_usd is %d, more than %d", [revenue, _revenue_limit]) if {
	revenue := _product.monthly_revenue_usd
	revenue > _revenue_limit
}

# Both figures are known (or bounded) and neither crosses.
_below_both if {
	_product_mau_bound <= _mau_limit
	_product_revenue_bound <= _revenue_limit
}

# The product's users are counted among the licensee's (and affiliates'): the licensee-wide figure
# bounds the product's when the product's own is not given.
_product_mau_bound := _product.monthly_active_users if {
	is_number(_product.monthly_active_users)
} else := input.manifest.licensee.monthly_active_users

# Likewise a month's product revenue cannot exceed the licensee's annual revenue.
_product_revenue_bound := _product.monthly_revenue_usd if {
	is_number(_product.monthly_revenue_usd)
} else := deployment.annual_revenue

# "Kimi K2" is displayed on the product's user interface.
_shown_on_ui if {
	some statement in deployment.statements
	statement.where == "user-interface"
	contains(statement.folded, "kimi k2")
}

# "Kimi K2" is displayed, but somewhere other than the user interface.
_shown_elsewhere := sort({statement.where |
	some statement in deployment.statements
	contains(statement.folded, "kimi k2")
})

_elsewhere_note := sprintf(" (it is shown only on: %s)", [concat(", ", _shown_elsewhere)]) if {
	count(_shown_elsewhere) > 0
} else := ""

_ui_finding(subject) := finding.new(
	license, "ui-attribution-threshold", subject.id, "satisfied",
	sprintf("%s, and \"Kimi K2\" is displayed on the user interface (product.attribution)", [
		concat("; ", sort(_crossed)),
	]),
	["product", "attribution"],
) if {
	count(_crossed) > 0
	_shown_on_ui
} else := finding.new(
	license, "ui-attribution-threshold", subject.id, "violated",
	sprintf("%s uses %s, and %s: no product.attribution entry shows \"Kimi K2\" on the user interface%s", [
		"the commercial product", subject.id, concat("; ", sort(_crossed)), _elsewhere_note,
	]),
	["product", "attribution"],
) if {
	count(_crossed) > 0
} else := finding.new(
	license, "ui-attribution-threshold", subject.id, "satisfied",
	sprintf(
		"the product has at most %d monthly active users and at most US$%d monthly revenue, within both thresholds",
		[_product_mau_bound, _product_revenue_bound],
	),
	["product", "monthly_active_users"],
) if {
	_below_both
} else := finding.new(
	license, "ui-attribution-threshold", subject.id, "missing-facts",
	sprintf("%s is used in a commercial product; %s", [
		subject.id,
		"give product.monthly_active_users and product.monthly_revenue_usd to tell whether it must display \"Kimi K2\"",
	]),
	["product"],
)

# METADATA
# title: Display "Kimi K2" on the user interface of a large commercial product
# description: >-
#   A commercial product or service that uses Kimi K2 (or a derivative work of it) and has more
#   than 100 million monthly active users, or more than US$20 million in monthly revenue, must
#   prominently display "Kimi K2" on its user interface. Either figure alone crossing the
#   threshold triggers the duty; a missing figure is missing-facts unless the other one already
#   crosses. Below both thresholds there is no display duty.
# custom:
#   clause: ui-attribution-threshold
#   trigger: >-
#     a commercial product (product.commercial: true) runs Kimi K2, or offers a model built on its
#     weights as a service (release: api)
#   satisfied_by: >-
#     product.monthly_active_users at most 100,000,000 and product.monthly_revenue_usd at most
#     20,000,000; above either, a product.attribution entry containing "Kimi K2" with
#     where: user-interface
#   section: Modified MIT License, added paragraph
#   quote: >-
#     that have more than 100 million monthly active users, or more than 20 million US dollars
#     (or equivalent in other currencies) in monthly revenue, you shall prominently display "Kimi
#     K2" on the user interface of such product or service.
#   source: https://github.com/MoonshotAI/Kimi-K2/blob/main/LICENSE
#   remediation: >-
#     Show "Kimi K2" prominently on the product's user interface and list it under
#     product.attribution with where: user-interface; if the product is below both thresholds,
#     give product.monthly_active_users and product.monthly_revenue_usd.
findings contains _ui_finding(subject) if {
	_product.commercial == true
	some subject in _used_in_product
}

# METADATA
# title: Include the copyright and permission notice with distributed weights
# description: >-
#   Shipped Kimi K2 weights, and published weights of a model derived from them, are copies or
#   substantial portions of the Software, so they go with the copyright notice and permission
#   notice (the LICENSE file).
# custom:
#   clause: license-copy
#   section: Modified MIT License, conditions
#   quote: >-
#     The above copyright notice and this permission notice shall be included in all copies or
#     substantial portions of the Software.
#   source: https://github.com/MoonshotAI/Kimi-K2/blob/main/LICENSE
#   remediation: >-
#     Ship Kimi K2's LICENSE file (its copyright notice and permission notice) with the weights and
#     set product.license_copies_included to true.
findings contains item if some item in clauses.license_copy(license)

# DESIGN.md §2.1 rule 8: a model listed for training (fine-tuning, distillation, synthetic data,
# training feedback) that no declared derived model comes from leaves the license's duties toward
# what it trains undecidable; they are asked for under license-copy.
findings contains item if some item in clauses.training_needs_student(license, "license-copy")
