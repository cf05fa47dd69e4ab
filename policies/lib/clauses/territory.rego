# METADATA
# title: Territory-limited grants
# description: >-
#   Builders for licenses granted for a Territory that excludes named countries (Tencent
#   Hunyuan: the EU, the UK and South Korea). A licensee domiciled in an excluded country has no
#   license (violated). A licensee domiciled elsewhere whose product, released model or shipped
#   weights reach third parties cannot show from the manifest that none of them is in an excluded
#   country: the clause is missing-facts, closed only by a waiver approved by counsel. Use that
#   stays inside a licensee domiciled in the Territory is satisfied.
package lib.clauses

import rego.v1

import data.lib.deployment
import data.lib.finding
import data.lib.subjects

# territory(license, excluded, excluded_text): `excluded` holds the excluded ISO codes besides the
# EU member states (always excluded here); `excluded_text` names them all for messages.
territory(license, excluded, excluded_text) := {_territory_finding(license, excluded, excluded_text, subject) |
	some subject in _all_under(license)
}

_territory_finding(license, excluded, excluded_text, subject) := finding.new(
	license, "territory", subject.id, "violated",
	sprintf("the licensee is domiciled in %s (%s), where the license does not apply", [deployment.domicile, excluded_text]),
	["licensee", "domicile"],
) if {
	_domiciled_in(excluded)
} else := finding.new(
	license, "territory", subject.id, "missing-facts",
	sprintf("%s reaches third parties (%s): no manifest field shows that none of them is in %s; %s", [
		subject.id, _how_available(subject), excluded_text, "record a waiver approved by counsel",
	]),
	["product", "audience"],
) if {
	subject in _made_available(license)
} else := finding.new(
	license, "territory", subject.id, "satisfied",
	sprintf("the licensee is domiciled in %s, inside the Territory, and %s does not reach third parties", [
		deployment.domicile, subject.id,
	]),
	["licensee", "domicile"],
)

_domiciled_in(_) if deployment.domiciled_in_eu

_domiciled_in(excluded) if deployment.domicile in excluded

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
