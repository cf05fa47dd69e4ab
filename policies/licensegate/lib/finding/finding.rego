# METADATA
# title: Finding constructor
# description: >-
#   The one shape every clause emits. The host joins each finding to the METADATA of the
#   rule that emits it by (license, clause) to add title, section, quote, source and remediation.
package licensegate.lib.finding

import rego.v1

# new builds a finding. `path` is the manifest path (array of keys and indices) of the fact
# that decided the status; the host turns it into a line number.
new(license, clause, subject, status, message, path) := {
	"id": concat(":", [license, clause]),
	"license": license,
	"clause": clause,
	"subject": subject,
	"status": status,
	"message": message,
	"path": path,
}
