# METADATA
# title: Notice files for every distributed derivative
# description: >-
#   A Notice-file builder for licenses whose Notice duty reaches every distributed derivative,
#   including a model trained on the licensed model's outputs (the Gemma Terms of Use call a
#   distilled or synthetic-data-trained model a "Model Derivative"). Same findings as
#   notice_file; `vias` says which derived models count, as in license_copy_for.
package licensegate.lib.clauses

import rego.v1

# notice_file_for(license, text, vias): notice-file findings for listed models in a product
# that ships weights, and for derived models published with weights that reach the license
# through one of `vias` ("weights", "outputs").
notice_file_for(license, text, vias) := {_notice_finding(license, text, subject) |
	some subject in _distributed(license, vias)
} if {
	_weights_leave
} else := set()
