# METADATA
# title: Territory-limited grants
# description: >-
#   Builders for licenses granted for a Territory that excludes named countries (Tencent
#   Hunyuan: the EU, the UK and South Korea). A licensee domiciled in an excluded country has no
#   license (violated). Where the models are used, the product is offered or weights go is
#   product.countries: a listed excluded country is violated, a list without one is satisfied.
#   Without that list, a product, released model or shipped weights that reach third parties
#   are missing-facts (the domicile does not say where third parties are); use that stays inside
#   a licensee domiciled in the Territory is judged by the domicile.
package licensegate.lib.clauses

import rego.v1

import data.licensegate.lib.finding
import data.licensegate.lib.subjects

# territory(license, excluded, excluded_text): `excluded` holds the excluded ISO codes besides the
# EU member states (always excluded here); `excluded_text` names them all for messages.
territory(license, excluded, excluded_text) := {_territory_finding(license, excluded, excluded_text, subject) |
	some subject in _all_under(license)
}

_territory_finding(license, excluded, excluded_text, subject) := finding.new(
	license, "territory", subject.id, "violated",
	sprintf("the licensee is domiciled in %s (%s), where the license does not apply", [
		_domicile, excluded_text,
	]),
	["licensee", "domicile"],
) if {
	_domiciled_in(excluded)
} else := finding.new(
	license, "territory", subject.id, "violated",
	sprintf("%s is used, offered or distributed in %s (product.countries), where the license does not apply (%s)", [
		subject.id, concat(", ", _countries_outside(excluded)), excluded_text,
	]),
	["product", "countries"],
) if {
	count(_countries_outside(excluded)) > 0
} else := finding.new(
	license, "territory", subject.id, "satisfied",
	sprintf("the licensee (%s) and every country in product.countries (%s) are inside the Territory", [
		_domicile, concat(", ", sort([code | some code in input.manifest.product.countries])),
	]),
	["product", "countries"],
) if {
	is_array(input.manifest.product.countries)
} else := finding.new(
	license, "territory", subject.id, "missing-facts",
	sprintf("%s reaches third parties (%s): list every country it is offered or distributed in (%s), none in %s", [
		subject.id, _how_available(subject), "product.countries", excluded_text,
	]),
	["product"],
) if {
	subject in _made_available(license)
} else := finding.new(
	license, "territory", subject.id, "satisfied",
	sprintf("the licensee is domiciled in %s, inside the Territory, and %s does not reach third parties", [
		_domicile, subject.id,
	]),
	["licensee", "domicile"],
)

_domiciled_in(_) if _domiciled_in_eu

_domiciled_in(excluded) if _domicile in excluded

# The excluded countries (EU member states and `excluded`) that product.countries lists, sorted.
_countries_outside(excluded) := sort([code |
	some code in input.manifest.product.countries
	_excluded_country(code, excluded)
])

_excluded_country(code, _) if code in data.licensegate.lib.deployment.eu_member_states

_excluded_country(code, excluded) if code in excluded

# license_copy_with_services(license, vias): recipients of distributed weights get a copy of the
# license with them (product.license_copies_included); users of a product or model offered as a
# service must be given it too, which no field records: a person attests it.
license_copy_with_services(license, vias) := _copies | {finding.new(
	license, "license-copy", subject.id, "needs-attestation",
	sprintf("%s reaches third parties as a service (%s): confirm that its users are given a copy of the license", [
		subject.id, _how_available(subject),
	]),
	subject.path,
) |
	some subject in _made_available(license)
	not subject.id in {item.subject | some item in _copies}
} if {
	_copies := license_copy_for(license, vias)
}
