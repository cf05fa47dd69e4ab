# METADATA
# title: Output use banned for every other model
# description: >-
#   An output-use builder for texts that forbid using the model or its outputs to develop or
#   improve any other model, not only large language models (EXAONE 1.1-NC §3.1), and that let
#   the licensee modify the model itself. A derived model built on the licensed weights is such
#   a modification and is not reached; a derived model trained on the outputs without those
#   weights is another model and breaches the ban whatever it is (derived_models[].llm does not
#   exempt it, unlike output_use_ban). A listed model used to teach, generate training data or
#   give feedback without a declared student is missing-facts (DESIGN §2.1 rule 8).
package licensegate.lib.clauses

import rego.v1

import data.licensegate.lib.finding
import data.licensegate.lib.subjects

# output_use_ban_any_model(license, modification) names, in `modification`, what the license
# calls a modified model ("a Derivative of the Model").
output_use_ban_any_model(license, modification) := {_any_model_finding(license, modification, subject) |
	some subject in subjects.derived_under(license)
	"outputs" in subject.vias[license]
} | {_undeclared_student(license, subject) |
	some subject in _undeclared_teachers
	license in subject.licenses
}

_any_model_finding(license, modification, subject) := finding.new(
	license, "output-use", subject.id, "satisfied",
	sprintf("%s is %s: its weights come from %s", [
		subject.id, modification, concat(", ", subjects.upstream_ids(subject, license, "weights")),
	]),
	array.concat(subject.path, ["base_models"]),
) if {
	"weights" in subject.vias[license]
} else := finding.new(
	license, "output-use", subject.id, "violated",
	sprintf("%s is another model trained on outputs of %s, which the license forbids (not only for language models)", [
		subject.id, concat(", ", subjects.upstream_ids(subject, license, "outputs")),
	]),
	array.concat(subject.path, ["trained_on_outputs_of"]),
)
