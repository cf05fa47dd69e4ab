# METADATA
# title: Finding constructor tests
# description: >-
#   finding.new gives the one shape every clause emits, with the id the host joins METADATA by.
package licensegate.lib.finding_test

import rego.v1

import data.licensegate.lib.finding

test_new_builds_the_finding_shape if {
	finding.new("mit", "license-copy", "acme/m", "violated", "no copy", ["product", "license_copies_included"]) == {
		"id": "mit:license-copy",
		"license": "mit",
		"clause": "license-copy",
		"subject": "acme/m",
		"status": "violated",
		"message": "no copy",
		"path": ["product", "license_copies_included"],
	}
}

# The id names the clause, never the subject: two subjects' findings of one clause share it.
test_new_id_does_not_depend_on_the_subject if {
	first := finding.new("gemma", "acceptable-use", "google/a", "needs-attestation", "", [])
	second := finding.new("gemma", "acceptable-use", "google/b", "needs-attestation", "", ["models", 1])
	first.id == second.id
	first != second
}
