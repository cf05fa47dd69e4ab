# METADATA
# title: Licenses limited to a territory
# description: >-
#   A builder for licenses that grant rights only in a territory and forbid use, distribution or
#   display outside it (Tencent Hunyuan: worldwide except the European Union, the United Kingdom
#   and South Korea). Two facts decide it: where the licensee's principal place of business is
#   (licensee.domicile), and every country where the models are used, the product is offered or
#   weights are distributed (product.countries). The domicile alone never stands in for the
#   second (DESIGN.md §2.1 rule 1): a licensee based in the Territory can still use the model,
#   or offer what it makes, in an excluded country.
package lib.clauses

import rego.v1

import data.lib.deployment
import data.lib.finding

# territory(license, excluded): one finding per listed and derived model under the license;
# `excluded` is the set of country codes outside the territory.
territory(license, excluded) := {_territory_finding(license, excluded, subject) |
	some subject in _all_under(license)
}

_territory_finding(license, excluded, subject) := finding.new(
	license, "territory", subject.id, "violated",
	sprintf("the licensee's principal place of business (%s, licensee.domicile) is outside the license's Territory: %s", [
		deployment.domicile, "the license grants no rights there",
	]),
	["licensee", "domicile"],
) if {
	deployment.domicile in excluded
} else := finding.new(
	license, "territory", subject.id, "violated",
	sprintf("%s is used, offered or distributed in %s (product.countries), outside the license's Territory", [
		subject.id, concat(", ", _outside(excluded)),
	]),
	["product", "countries"],
) if {
	count(_outside(excluded)) > 0
} else := finding.new(
	license, "territory", subject.id, "satisfied",
	sprintf("the licensee (%s) and every country in product.countries (%s) are inside the license's Territory", [
		deployment.domicile, concat(", ", sort([code | some code in input.manifest.product.countries])),
	]),
	["product", "countries"],
) if {
	is_array(input.manifest.product.countries)
} else := finding.new(
	license, "territory", subject.id, "missing-facts",
	sprintf("the license forbids use outside its Territory; list every country where %s is used, %s (product.countries)", [
		subject.id, "offered or distributed",
	]),
	["product"],
)

# Countries in product.countries outside the territory, sorted.
_outside(excluded) := sort([code |
	some code in input.manifest.product.countries
	code in excluded
])
