# METADATA
# title: Output use that only a person can judge
# description: >-
#   A builder for licenses that forbid using outputs to train a certain kind of model (one
#   "competitive with" the licensed model, a "foundational generative AI model") without a fact
#   a manifest can state that decides the kind: a derived model trained only on the licensed
#   model's outputs needs a person's statement; a derived model built on the licensed weights is
#   a derivative under such texts and is not reached. A listed model used to teach, generate
#   training data or give feedback without a declared student is missing-facts (DESIGN §2.1
#   rule 8), as for output_use_ban.
package licensegate.lib.clauses

import rego.v1

import data.licensegate.lib.finding
import data.licensegate.lib.subjects

# output_use_judged(license, question): `question` completes "confirm that <student> ..." and
# names what the license forbids the student to be.
output_use_judged(license, question) := {_judged_output_finding(license, question, subject) |
	some subject in subjects.derived_under(license)
	subject.vias[license] == {"outputs"}
} | {_undeclared_student(license, subject) |
	some subject in _undeclared_teachers
	license in subject.licenses
}

_judged_output_finding(license, question, subject) := finding.new(
	license, "output-use", subject.id, "needs-attestation",
	sprintf("%s is trained on outputs of %s: confirm that it %s", [
		subject.id, concat(", ", subjects.upstream_ids(subject, license, "outputs")), question,
	]),
	array.concat(subject.path, ["trained_on_outputs_of"]),
)
