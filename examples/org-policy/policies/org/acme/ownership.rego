# Acme's own Rego rules, in conftest's style: `deny` fails a manifest, `warn` warns. Loaded with
# `licensegate check --policy examples/org-policy/policies`; they see the document that
# `licensegate input MANIFEST` prints (schemas/input.schema.json).
package org.acme.ownership

import rego.v1

# Every deployment names an owner who answers for the models it runs.
deny contains sprintf("%s names no owner (metadata.owner)", [input.manifest.metadata.name]) if {
	not input.manifest.metadata.owner
}

# Models kept only for evaluation are reviewed before anything ships.
warn contains sprintf("%s is listed for evaluation only: review it before release", [model.id]) if {
	some model in input.manifest.models
	model.uses == ["evaluation"]
}
