# METADATA
# title: Deployment facts
# description: >-
#   Facts about the deployment as the manifest states them (DESIGN.md §2), named once so that
#   every license package reads them the same way. The host fills documented defaults
#   (ships_weights false, llm true, empty lists) before evaluation, so an absent optional
#   fact here means "not stated".
package lib.deployment

import rego.v1

_manifest := input.manifest

# The product is made available to third parties (DESIGN.md §2: audience customers or public).
product_made_available if _manifest.product.audience in {"customers", "public"}

# Weights of a listed model leave the organisation.
weights_shipped if _manifest.product.ships_weights == true

# A derived model is offered as a service or its weights are published.
released(derived) if derived.release in {"api", "weights"}

# A derived model's weights are published.
weights_released(derived) if derived.release == "weights"

# commercial is required by the schema; the helper keeps rules readable.
commercial if _manifest.product.commercial == true

eu_member_states := {
	"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
	"IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
}

domicile := _manifest.licensee.domicile

domiciled_in_eu if domicile in eu_member_states

# mau_on(month) is the licensee's MAU figure for a calendar month ("YYYY-MM"): the mau_history
# entry when given, else the current monthly_active_users. `source` names the figure used.
mau_on(month) := {
	"value": value,
	"path": ["licensee", "mau_history", month],
	"source": sprintf("licensee.mau_history[%s]", [month]),
} if {
	value := _manifest.licensee.mau_history[month]
} else := {
	"value": value,
	"path": ["licensee", "monthly_active_users"],
	"source": "licensee.monthly_active_users; mau_history has no entry for that month",
} if {
	value := _manifest.licensee.monthly_active_users
}

# An attribution statement containing `text` (case-insensitive) is shown to users.
attribution_shown(text) if {
	some statement in _manifest.product.attribution
	contains(lower(statement.text), lower(text))
}

# The Notice file named by product.notice_file, as the host read it (whitespace collapsed,
# typographic quotes made straight). Absent when the manifest names no notice file.
notice_file := input.files.notice_file

notice_contains(text) if contains(notice_file.text, text)
