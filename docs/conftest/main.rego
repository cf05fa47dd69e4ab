# The licensegate decision in conftest's shape: `conftest test` reads deny and warn in package main.
#
#   licensegate input deploy/licensegate.yaml > input.json
#   conftest test input.json --policy policies --policy docs/conftest --data policies
#
# (`policies` is licensegate's policy folder; --data places each data.json at its folder's path.)
# A failing clause (violated, missing-facts) is a deny; one that needs an attestation is a warn,
# which `conftest test --fail-on-warn` fails, as `licensegate check --strict` does. Waived and
# attested clauses are resolved by licensegate.main before they get here.
package main

import rego.v1

import data.licensegate.main

deny contains _line(item) if {
	some item in main.findings
	item.status in {"violated", "missing-facts"}
}

warn contains _line(item) if {
	some item in main.findings
	item.status == "needs-attestation"
}

_line(item) := sprintf("%s %s (%s): %s", [upper(item.status), item.id, item.subject, item.message])
