# METADATA
# title: Deployment facts
# description: >-
#   Facts about the deployment as the manifest states them (DESIGN.md §2), named once so that
#   every license package reads them the same way. The host fills documented defaults
#   (ships_weights false, llm true, empty lists) before evaluation, so an absent optional
#   fact here means "not stated".
package licensegate.lib.deployment

import rego.v1

# The product is made available to third parties (DESIGN.md §2: audience customers or public).
product_made_available if input.manifest.product.audience in {"customers", "public"}

# Weights of the listed model at `index` leave the organisation (DESIGN.md §2.1 rule 7): its own
# models[].ships_weights when stated, else product.ships_weights.
# One definition with an `else` (regorus evaluates every definition of a function at each call).
model_weights_shipped(index) if {
	input.manifest.models[index].ships_weights == true
} else if {
	not _states_ships_weights(index)
	input.manifest.product.ships_weights == true
}

_states_ships_weights(index) if is_boolean(input.manifest.models[index].ships_weights)

# Weights of some listed model leave the organisation.
weights_shipped if {
	some index, _ in input.manifest.models
	model_weights_shipped(index)
}

# The host always passes `release` as a list (a single value in the manifest becomes a list of
# one); a string is accepted too, so that the policies read hand-written inputs the same way.
release_ways(derived) := {way | some way in derived.release} if {
	is_array(derived.release)
} else := {derived.release} if {
	is_string(derived.release)
}

# A derived model is offered as a service or its weights are published.
released(derived) if count(release_ways(derived) & {"api", "weights"}) > 0

# A derived model's weights are published.
weights_released(derived) if "weights" in release_ways(derived)

# A derived model is offered as a service.
served(derived) if "api" in release_ways(derived)

# commercial is required by the schema; the helper keeps rules readable.
commercial if input.manifest.product.commercial == true

# A per-license fact (DESIGN.md §2.1 rule 6): `true` covers every license, a list names the
# licenses it covers. Undefined when the manifest does not state it.
_per_license(value, license) := true if {
	value == true
} else := false if {
	value == false
} else := license in value if {
	is_array(value)
}

# A copy of this license goes with distributed weights: true, false, or undefined (not stated).
copy_included(license) := _per_license(input.manifest.product.license_copies_included, license)

# The terms users accept carry this license's use restrictions: true, false, or undefined.
user_terms_carry(license) := _per_license(input.manifest.product.user_terms_include_use_restrictions, license)

# The licensee registered with the licensor of this license (licensee.registrations).
registered(license) if {
	some registration in input.manifest.licensee.registrations
	registration.license == license
}

# The licensee's (and affiliates') annual revenue in US dollars; undefined when not stated.
annual_revenue := input.manifest.licensee.annual_revenue_usd

# Member states, and the outermost regions and Åland that ISO 3166-1 codes separately but that
# are part of the Union (DESIGN.md §2.1 rule 2). Overseas countries and territories (BL, PM, NC,
# PF, WF, TF) and Greenland and the Faroes are not.
eu_member_states := {
	"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
	"IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
	"RE", "GP", "MQ", "GF", "YT", "MF", "AX",
}

domicile := input.manifest.licensee.domicile

domiciled_in_eu if domicile in eu_member_states

# Release-date thresholds (DESIGN.md §2.1 rule 9). mau_on(month, limit) is the figure that decides
# a licensee MAU test for a calendar month ("YYYY-MM"): that month's mau_history entry; else the
# highest figure the manifest gives anywhere, when it is at or below the limit (then the month's
# own figure cannot be above it either, if the figures are counted the same way). Undefined when
# no figure decides: the month is unknown and some figure is above the limit, or none is given.
# `source` says which figure was used and why.
mau_on(month, limit) := {
	"value": value,
	"path": ["licensee", "mau_history", month],
	"source": sprintf("licensee.mau_history[\"%s\"]", [month]),
} if {
	value := input.manifest.licensee.mau_history[month]
} else := {
	"value": highest.value,
	"path": highest.path,
	"source": sprintf("no figure for %s; the highest figure given is %s", [month, highest.source]),
} if {
	highest := highest_mau
	highest.value <= limit
}

# Every MAU figure the manifest gives, each with where it is.
mau_figures contains {"value": value, "path": ["licensee", "monthly_active_users"], "source": "licensee.monthly_active_users"} if {
	value := input.manifest.licensee.monthly_active_users
}

mau_figures contains figure if {
	some month, value in input.manifest.licensee.mau_history
	is_number(value)
	figure := {"value": value, "path": ["licensee", "mau_history", month], "source": sprintf("licensee.mau_history[\"%s\"]", [month])}
}

mau_figures contains {"value": value, "path": ["product", "monthly_active_users"], "source": "product.monthly_active_users"} if {
	value := input.manifest.product.monthly_active_users
}

# The highest of them (among equal figures, the first by source, so both engines agree).
highest_mau := figure if {
	top := max({each.value | some each in mau_figures})
	source := sort([each.source | some each in mau_figures; each.value == top])[0]
	some figure in mau_figures
	figure.value == top
	figure.source == source
}

# Attribution statements as the host folded them (input.folded.attribution: NFKC, case-folded,
# whitespace collapsed), each with where it is shown. Manifest text is never lowered here: the
# engines lower non-ASCII text differently.
statements contains {"text": statement.text, "where": statement.where, "folded": input.folded.attribution[index]} if {
	some index, statement in input.manifest.product.attribution
}

# An attribution statement containing `text` (an ASCII constant, case-insensitive) is shown.
attribution_shown(text) if {
	some statement in statements
	contains(statement.folded, lower(text))
}

# The Notice file named by product.notice_file, as the host read it (whitespace collapsed,
# typographic quotes made straight, `utf8` false when it is not UTF-8). Absent when the manifest
# names no notice file.
notice_file := input.files.notice_file

notice_contains(text) if contains(notice_file.text, text)
