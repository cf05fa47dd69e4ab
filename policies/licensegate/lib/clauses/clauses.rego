# METADATA
# title: Clause builders
# description: >-
#   The decision logic of clauses that several licenses share (an MAU test on a release date,
#   a display duty, a naming duty, a license copy, a Notice file, ...). Each builder takes the
#   license id and the license's own parameters and returns the set of findings for every
#   subject the clause reaches, with status violated, missing-facts, needs-attestation or
#   satisfied. A license package calls the builders its text calls for, under METADATA that
#   cites the text; the builders never decide which license says what.
package licensegate.lib.clauses

import rego.v1

import data.licensegate.lib.deployment
import data.licensegate.lib.finding
import data.licensegate.lib.subjects

# Deployment facts the builders read for every subject, as rules of this package: in regorus 0.13
# each read of another package's rule by its data path costs several times a read of a rule of
# this package, and a function reads them again at every call. The first read of another
# package's rule also costs regorus a search of every module (about 5 µs), so the facts that are
# one input path or one test of it (deployment.commercial, notice_file, domicile) are written out.
_commercial if input.manifest.product.commercial == true

_notice_file := input.files.notice_file

_domicile := input.manifest.licensee.domicile

_domiciled_in_eu if data.licensegate.lib.deployment.domiciled_in_eu

_highest_mau := data.licensegate.lib.deployment.highest_mau

# The sets below do not depend on the license: as rules they are computed once per evaluation,
# and the per-license functions below only filter them (regorus recomputes a function
# at every call, and several builders of one license package ask for the same subjects).
# Their tests are written out rather than calls of the deployment functions they match: each
# call costs more than the test (lib/deployment keeps the functions, for one subject at a time).

# Listed models that run in a product made available to third parties (they are used for
# inference, rather than only teaching or evaluating in-house).
_models_available := {subject |
	data.licensegate.lib.deployment.product_made_available
	some subject in data.licensegate.lib.subjects.models
	"inference" in subject.uses
}

# Listed models whose weights the product ships (deployment.model_weights_shipped): the model's
# own ships_weights when it states one, else the product's.
_models_shipped := {subject |
	some subject in data.licensegate.lib.subjects.models
	input.manifest.models[subject.index].ships_weights == true
} | {subject |
	input.manifest.product.ships_weights == true
	some subject in data.licensegate.lib.subjects.models
	stated := object.get(input.manifest.models[subject.index], "ships_weights", null)
	not is_boolean(stated)
}

# Derived models offered as a service or published (deployment.released): release is one way
# or a list of them.
_derived_out := {subject |
	some subject in data.licensegate.lib.subjects.derived
	is_array(subject.release)
	some way in subject.release
	way in {"api", "weights"}
} | {subject |
	some subject in data.licensegate.lib.subjects.derived
	subject.release in {"api", "weights"}
}

# Derived models whose weights are published (deployment.weights_released).
_derived_weights_out := {subject |
	some subject in data.licensegate.lib.subjects.derived
	is_array(subject.release)
	"weights" in subject.release
} | {subject |
	some subject in data.licensegate.lib.subjects.derived
	subject.release == "weights"
}

# Subjects whose weights (or weights derived from them) leave the organisation: listed models
# whose weights the product ships (whatever their use: DESIGN.md §2.1 rule 7), and derived models
# published with weights from this license. `vias` says which derived models count: those built
# on the license's weights ({"weights"}, what most builders ask) and/or trained on its outputs
# ("outputs"), for licenses whose derivatives include distilled models.
_distributed(license, vias) := {subject |
	some subject in _models_shipped
	license in subject.licenses
} | {subject |
	some subject in _derived_weights_out
	# subject.vias has a key for each of the subject's licenses: defined exactly when the license
	# reaches it. (Not after `license in subject.licenses`: OPA 1.x then fails with an internal
	# error on the ref subject.vias[license] in a comprehension.)
	count(subject.vias[license] & vias) > 0
}

_how_distributed(subject) := "its weights are published (release: weights)" if {
	subject.kind == "derived"
} else := "the product ships its weights (product.ships_weights / models[].ships_weights)"

_how_available(subject) := sprintf("it is released (release: %s)", [release_text(subject)]) if {
	subject.kind == "derived"
} else := _how_distributed(subject) if {
	deployment.model_weights_shipped(subject.index)
} else := sprintf("the product that runs it is offered to %s (product.audience)", [input.manifest.product.audience])

# A derived model's release ways as text ("api, weights"): sprintf of an array differs between
# engines.
release_text(subject) := concat(", ", sort([way | some way in deployment.release_ways(subject)]))

# ---------------------------------------------------------------------------------------------
# mau-threshold: licensee MAU (with affiliates) in the calendar month before a release date.

mau_at_release(license, month, limit) := {finding.new(
	license, "mau-threshold", subject.id, verdict.status,
	verdict.message,
	verdict.path,
) |
	some subject in data.licensegate.lib.subjects.models
	license in subject.licenses
	verdict := _mau_verdict(month, limit)
}

# The status, message and path of the test, the same for every subject: deployment.mau_on
# computed once (regorus recomputes a function at every call, also in each `else` branch).
_mau_verdict(month, limit) := verdict if {
	verdict := _mau_decided(deployment.mau_on(month, limit), month, limit)
} else := {
	"status": "missing-facts",
	"message": sprintf(
		"the test counts users in %s; the manifest has no figure for that month and the highest figure it gives (%s: %d) %s",
		[
			month, _highest_mau.source, _highest_mau.value,
			sprintf("is greater than %d: give licensee.mau_history[\"%s\"]", [limit, month]),
		],
	),
	"path": ["licensee", "mau_history"],
} if {
	_highest_mau
} else := {
	"status": "missing-facts",
	"message": sprintf(
		"the test counts users in %s, but the manifest gives neither licensee.mau_history[\"%s\"] nor licensee.monthly_active_users",
		[month, month],
	),
	"path": ["licensee"],
}

_mau_decided(mau, month, limit) := {
	"status": "violated",
	"message": sprintf(
		"%d monthly active users in %s (%s) is greater than %d: a license from the licensor is needed before any use",
		[mau.value, month, mau.source, limit],
	),
	"path": mau.path,
} if {
	mau.value > limit
} else := {
	"status": "satisfied",
	"message": sprintf("%d monthly active users in %s (%s) is not greater than %d", [mau.value, month, mau.source, limit]),
	"path": mau.path,
}

# ---------------------------------------------------------------------------------------------
# attribution-display: a statement shown to users when the model or a derivative is made available.

display(license, text) := {_display_finding(license, text, subject) |
	# _made_available(license), written out: one call less for each license.
	some subject in _reaching_out
	license in subject.licenses
} if {
	_some_reach_out
} else := set()

# Every subject that reaches someone outside the organisation, by any path: served to third
# parties, released, or its weights distributed (DESIGN.md §2.1 rule 7).
# That is the listed models the product serves or ships and the released derived models under
# the license (a derived model whose weights are published is released, so _distributed
# adds none): one pass over a set computed once per evaluation.
_made_available(license) := {subject |
	some subject in _reaching_out
	license in subject.licenses
}

_reaching_out := (_models_available | _models_shipped) | _derived_out

# Whether any subject reaches outside the organisation, or any weights leave it. Most manifests
# have neither: then the builders that judge only such subjects answer no finding at once,
# instead of filtering empty sets for each license (all their subjects come from these sets).
_some_reach_out if count(_reaching_out) > 0

_weights_leave if count(_models_shipped) > 0

_weights_leave if count(_derived_weights_out) > 0

_display_finding(license, text, subject) := finding.new(
	license, "attribution-display", subject.id, "satisfied",
	sprintf("\"%s\" is displayed (product.attribution)", [text]),
	["product", "attribution"],
) if {
	deployment.attribution_shown(text)
} else := finding.new(
	license, "attribution-display", subject.id, "violated",
	sprintf("%s is made available to third parties (%s) but no product.attribution statement says \"%s\"", [
		subject.id, _how_available(subject), text,
	]),
	["product", "attribution"],
)

# ---------------------------------------------------------------------------------------------
# derivative-naming: a released derived model's name must begin with a prefix.
# `vias` is the set of ways ("weights", "outputs") through which using the model triggers the duty.

name_prefix(license, pattern, prefix, vias) := {_naming_finding(license, pattern, prefix, subject) |
	# The released derived models under the license.
	some subject in _derived_out
	count(subject.vias[license] & vias) > 0
} if {
	count(_derived_out) > 0
} else := set()

_naming_finding(license, pattern, prefix, subject) := finding.new(
	license, "derivative-naming", subject.id, "satisfied",
	sprintf("the released name %s begins with \"%s\"", [subject.id, prefix]),
	array.concat(subject.path, ["name"]),
) if {
	regex.match(pattern, subjects.bare_name(subject.id))
} else := finding.new(
	license, "derivative-naming", subject.id, "violated",
	sprintf("%s is built from %s and released (release: %s), but its name does not begin with \"%s\"", [
		subject.id, concat(", ", _upstream_all(subject, license)), release_text(subject), prefix,
	]),
	array.concat(subject.path, ["name"]),
)

_upstream_all(subject, license) := sort({id |
	some via in {"weights", "outputs"}
	some id in subjects.upstream_ids(subject, license, via)
})

# ---------------------------------------------------------------------------------------------
# license-copy: recipients of the weights get a copy of the license. `vias` as in _distributed.

# license_copy_for(license, {"weights"}), written out: one call less for each license (most
# licenses call this builder).
license_copy(license) := {_copy_finding(license, subject) | some subject in _distributed(license, {"weights"})} if {
	_weights_leave
} else := set()

license_copy_for(license, vias) := {_copy_finding(license, subject) | some subject in _distributed(license, vias)} if {
	_weights_leave
} else := set()

_copy_finding(license, subject) := finding.new(
	license, "license-copy", subject.id, "satisfied",
	sprintf("a copy of the %s license goes with the weights (product.license_copies_included)", [license]),
	["product", "license_copies_included"],
) if {
	deployment.copy_included(license) == true
} else := finding.new(
	license, "license-copy", subject.id, "violated",
	sprintf("weights are distributed (%s) without a copy of the %s license (product.license_copies_included %s)", [
		_how_distributed(subject), license, _per_license_says(input.manifest.product.license_copies_included),
	]),
	["product", "license_copies_included"],
) if {
	deployment.copy_included(license) == false
} else := finding.new(
	license, "license-copy", subject.id, "missing-facts",
	sprintf(
		"weights are distributed (%s); say whether a copy of the %s license goes with them (product.license_copies_included)",
		[_how_distributed(subject), license],
	),
	["product"],
)

# How a per-license fact was stated, for messages.
_per_license_says(value) := "is false" if {
	value == false
} else := "does not list it" if {
	is_array(value)
} else := "is not stated"

# ---------------------------------------------------------------------------------------------
# notice-file: distributed copies carry a Notice file with a fixed text.

notice_file(license, text) := {_notice_finding(license, text, subject) | some subject in _distributed(license, {"weights"})} if {
	_weights_leave
} else := set()

_notice_finding(license, text, subject) := finding.new(
	license, "notice-file", subject.id, "missing-facts",
	sprintf("weights are distributed (%s); name the Notice file shipped with them (product.notice_file)", [
		_how_distributed(subject),
	]),
	["product"],
) if {
	not _notice_file
} else := finding.new(
	license, "notice-file", subject.id, "violated",
	sprintf("the Notice file %s does not exist", [_notice_file.path]),
	["product", "notice_file"],
) if {
	_notice_file.exists != true
} else := finding.new(
	license, "notice-file", subject.id, "violated",
	sprintf("the Notice file %s is not UTF-8: save it as UTF-8", [_notice_file.path]),
	["product", "notice_file"],
) if {
	_notice_file.utf8 == false
} else := finding.new(
	license, "notice-file", subject.id, "satisfied",
	sprintf("%s contains the required notice", [_notice_file.path]),
	["product", "notice_file"],
) if {
	deployment.notice_contains(text)
} else := finding.new(
	license, "notice-file", subject.id, "violated",
	sprintf("%s does not contain the required notice \"%s\"", [_notice_file.path, text]),
	["product", "notice_file"],
)

# ---------------------------------------------------------------------------------------------
# modified-files-notice: published derived weights mark the files that were changed.

modified_files(license) := {_modified_finding(license, subject) |
	# The derived models whose weights are published (deployment.weights_released), from the
	# set computed once per evaluation rather than a call for each.
	some subject in _derived_weights_out
	"weights" in subject.vias[license]
} if {
	count(_derived_weights_out) > 0
} else := set()

_modified_finding(license, subject) := finding.new(
	license, "modified-files-notice", subject.id, "satisfied",
	"modified files carry notices that they were changed (modified_files_marked: true)",
	array.concat(subject.path, ["modified_files_marked"]),
) if {
	subject.modified_files_marked == true
} else := finding.new(
	license, "modified-files-notice", subject.id, "violated",
	"the published weights include modified files without notices that they were changed (modified_files_marked: false)",
	array.concat(subject.path, ["modified_files_marked"]),
) if {
	subject.modified_files_marked == false
} else := finding.new(
	license, "modified-files-notice", subject.id, "missing-facts",
	"its weights are published; say whether modified files carry notices that they were changed (modified_files_marked)",
	subject.path,
)

# ---------------------------------------------------------------------------------------------
# retain-notices: distributed copies keep the licensor's copyright, patent, trademark and
# attribution notices. Whether any were stripped is a person's judgement.

retain_notices(license) := {finding.new(
	license, "retain-notices", subject.id, "needs-attestation",
	sprintf(
		"weights are distributed (%s); confirm that the licensor's copyright, patent, trademark and attribution notices are kept",
		[_how_distributed(subject)],
	),
	subject.path,
) |
	some subject in _distributed(license, {"weights"})
} if {
	_weights_leave
} else := set()

# ---------------------------------------------------------------------------------------------
# acceptable-use: compliance with a use policy is a person's judgement.

acceptable_use(license, policy) := {finding.new(
	license, "acceptable-use", subject.id, "needs-attestation",
	sprintf("only a person can judge the use cases against the %s; record an attestation", [policy]),
	subject.path,
) |
	some subject in data.licensegate.lib.subjects.models
	license in subject.licenses
}

# ---------------------------------------------------------------------------------------------
# eu-multimodal: no rights to multimodal models for licensees domiciled in the EU.
# Text-only models are not reached. Whether a model is multimodal is a property of the model
# (catalog, else models[].multimodal), never of the modalities this deployment uses (DESIGN.md
# §2.1 rule 4). A model whose nature nobody states is missing-facts in the EU.

eu_multimodal(license) := {_eu_finding(license, subject) |
	some subject in data.licensegate.lib.subjects.models
	license in subject.licenses
	not _known_text_only(subject)
}

# NOTE: a helper rule, not `not f(g(x)) == false`: OPA hoists calls out of a negation, so an
# undefined inner value would make the whole rule body undefined there (opa#7558).
_known_text_only(subject) if subjects.multimodal(input.manifest.models[subject.index]) == false

_eu_finding(license, subject) := finding.new(
	license, "eu-multimodal", subject.id, "satisfied",
	sprintf("the licensee's principal place of business (%s) is outside the European Union", [_domicile]),
	["licensee", "domicile"],
) if {
	not _domiciled_in_eu
} else := finding.new(
	license, "eu-multimodal", subject.id, "violated",
	sprintf(
		"%s is multimodal and the licensee is domiciled in %s, in the European Union: the use policy grants no rights to it",
		[subject.id, _domicile],
	),
	["licensee", "domicile"],
) if {
	subjects.multimodal(input.manifest.models[subject.index]) == true
} else := finding.new(
	license, "eu-multimodal", subject.id, "missing-facts",
	sprintf(
		"the licensee is domiciled in %s, in the European Union, and the catalog does not know whether %s is multimodal: %s",
		[_domicile, subject.id, "say so with models[].multimodal (true or false)"],
	),
	array.concat(subject.path, ["multimodal"]),
)

# ---------------------------------------------------------------------------------------------
# output-use: a ban on using the model or its outputs to improve another LLM, except the
# licensor's own model and its derivative works. A derived model built on weights under the
# same license is such a derivative work. Listed models used as teachers or synthetic-data
# generators without a declared student are missing-facts: the manifest must say what they train.

output_use_ban(license, exempt) := {_output_finding(license, exempt, subject) |
	some subject in data.licensegate.lib.subjects.derived
	"outputs" in subject.vias[license]
} | {_undeclared_student(license, subject) |
	some subject in _undeclared_teachers
	license in subject.licenses
}

# Uses in which the model's outputs train another model: the training uses but fine-tuning.
_output_uses := training_uses - {"fine-tuning"}

# Listed models used as teachers or synthetic-data generators (an output use) without a declared
# student, under any license: a rule computed once per evaluation, which each output-use builder
# only filters by license (instead of building and intersecting each subject's uses at each call).
_undeclared_teachers := {subject |
	some subject in data.licensegate.lib.subjects.models
	some use in subject.uses
	use in _output_uses
	not _has_declared_student(subject)
}

# Uses in which the model's weights or outputs go into another model (DESIGN.md §2.1 rule 8).
# Written out rather than built from _output_uses: every evaluation reads this set
# (training_needs_student), few read _output_uses, and each rule costs regorus an evaluation.
training_uses := {"distillation-teacher", "fine-tuning", "synthetic-data", "training-feedback"}

_output_finding(license, exempt, subject) := finding.new(
	license, "output-use", subject.id, "satisfied",
	sprintf("%s is not a large language model (derived_models[].llm: false)", [subject.id]),
	array.concat(subject.path, ["llm"]),
) if {
	subject.llm == false
} else := finding.new(
	license, "output-use", subject.id, "satisfied",
	sprintf("%s is a derivative work of %s (its weights come from %s)", [
		subject.id, exempt, concat(", ", subjects.upstream_ids(subject, license, "weights")),
	]),
	array.concat(subject.path, ["base_models"]),
) if {
	"weights" in subject.vias[license]
} else := finding.new(
	license, "output-use", subject.id, "violated",
	sprintf("%s is a large language model trained on outputs of %s, and it is not %s or a derivative work of it", [
		subject.id, concat(", ", subjects.upstream_ids(subject, license, "outputs")), exempt,
	]),
	array.concat(subject.path, ["trained_on_outputs_of"]),
)

_has_declared_student(subject) if lower(subject.id) in _models_with_output_students

# Listed models (lowercase ids) whose outputs train some declared derived model (a set rule, as
# _models_with_students below).
_models_with_output_students := {lower(edge.model) |
	some other in data.licensegate.lib.subjects.derived
	some edge in other.upstream
	edge.via == "outputs"
}

_undeclared_student(license, subject) := finding.new(
	license, "output-use", subject.id, "missing-facts",
	sprintf("%s is used as %s, but no derived model lists it in trained_on_outputs_of: declare the models its outputs train", [
		subject.id, concat(" and ", sort({use | some use in subject.uses; use in _output_uses})),
	]),
	array.concat(subject.path, ["uses"]),
)

# ---------------------------------------------------------------------------------------------
# use-restrictions-flowdown: the terms users accept carry the license's use restrictions.
# `hosting_counts`: the license treats offering the model as a service like distributing it.

flowdown(license, hosting_counts) := {_flowdown_finding(license, subject) |
	some subject in _flowdown_subjects(license, hosting_counts)
} if {
	_some_reach_out
} else := set()

# _made_available includes the subjects whose weights are distributed.
_flowdown_subjects(license, hosting_counts) := _made_available(license) if {
	hosting_counts == true
} else := _distributed(license, {"weights"})

_flowdown_finding(license, subject) := finding.new(
	license, "use-restrictions-flowdown", subject.id, "satisfied",
	sprintf("the terms users accept carry the %s use restrictions (product.user_terms_include_use_restrictions)", [license]),
	["product", "user_terms_include_use_restrictions"],
) if {
	deployment.user_terms_carry(license) == true
} else := finding.new(
	license, "use-restrictions-flowdown", subject.id, "violated",
	sprintf("%s reaches third parties (%s), and the terms users accept do not carry the %s use restrictions (%s %s)", [
		subject.id, _how_available(subject), license, "product.user_terms_include_use_restrictions",
		_per_license_says(input.manifest.product.user_terms_include_use_restrictions),
	]),
	["product", "user_terms_include_use_restrictions"],
) if {
	deployment.user_terms_carry(license) == false
} else := finding.new(
	license, "use-restrictions-flowdown", subject.id, "missing-facts",
	sprintf("%s reaches third parties (%s); say whether the terms users accept carry the %s use restrictions (%s)", [
		subject.id, _how_available(subject), license, "product.user_terms_include_use_restrictions",
	]),
	["product"],
)

# ---------------------------------------------------------------------------------------------
# non-commercial: the license grants no commercial use, of the model or of what is made from it.

non_commercial(license) := {_commercial_finding(license, subject) |
	some subject in data.licensegate.lib.subjects.all
	license in subject.licenses
}

# Listed and derived models a license reaches (one pass over every subject, read once per
# evaluation, rather than subjects.models_under and subjects.derived_under and their union).
# non_commercial, non_production and research_only write this filter out: one call less for
# each license.
_all_under(license) := {subject |
	some subject in data.licensegate.lib.subjects.all
	license in subject.licenses
}

_commercial_finding(license, subject) := finding.new(
	license, "non-commercial", subject.id, "violated",
	sprintf("%s is used in a commercial product (product.commercial: true), which the license does not permit", [subject.id]),
	["product", "commercial"],
) if {
	_commercial
} else := finding.new(
	license, "non-commercial", subject.id, "satisfied",
	"the product is not commercial (product.commercial: false)",
	["product", "commercial"],
)

# ---------------------------------------------------------------------------------------------
# non-production: the license limits use to non-production environments (testing, research,
# evaluation).

non_production(license) := {_production_finding(license, subject) |
	some subject in data.licensegate.lib.subjects.all
	license in subject.licenses
}

_production_finding(license, subject) := finding.new(
	license, "non-production", subject.id, "violated",
	sprintf("%s runs in production (product.environment: production), which the license does not permit", [subject.id]),
	["product", "environment"],
) if {
	input.manifest.product.environment == "production"
} else := finding.new(
	license, "non-production", subject.id, "satisfied",
	sprintf("the product runs in %s, not production (product.environment)", [input.manifest.product.environment]),
	["product", "environment"],
)

# ---------------------------------------------------------------------------------------------
# non-commercial, for texts that define non-commercial as "for research or evaluation purposes
# only". The scope of the grant is a fact, not a judgement (DESIGN.md §2.1 rule 5): a commercial
# product or a production environment breaches it; a non-commercial research or evaluation
# environment meets it; staging must say which it is.

research_only(license) := {_research_finding(license, subject) |
	some subject in data.licensegate.lib.subjects.all
	license in subject.licenses
}

_research_finding(license, subject) := _commercial_finding(license, subject) if {
	_commercial
} else := finding.new(
	license, "non-commercial", subject.id, "violated",
	sprintf(
		"the license allows research or evaluation purposes only, and %s runs in production (product.environment: production)",
		[subject.id],
	),
	["product", "environment"],
) if {
	input.manifest.product.environment == "production"
} else := finding.new(
	license, "non-commercial", subject.id, "satisfied",
	sprintf("non-commercial use in a %s environment (product.environment)", [input.manifest.product.environment]),
	["product", "environment"],
) if {
	input.manifest.product.environment in {"research", "evaluation"}
} else := finding.new(
	license, "non-commercial", subject.id, "missing-facts",
	sprintf("the license allows research or evaluation purposes only; %s runs in %s: %s", [
		subject.id, input.manifest.product.environment, "say which it is (product.environment: research or evaluation)",
	]),
	["product", "environment"],
)

# ---------------------------------------------------------------------------------------------
# A model trained into something needs that something declared (DESIGN.md §2.1 rule 8). A listed
# model used for fine-tuning, distillation, synthetic data or training feedback that no derived
# model is built from leaves the license's derivative and output duties undecidable: `clause`
# (the license's derivative or output duty) is missing-facts until the student is declared.

training_needs_student(license, clause) := {finding.new(
	license, clause, subject.id, "missing-facts",
	sprintf("%s is used for %s, but no derived model is built from it (%s): declare the model it trains", [
		subject.id, concat(" and ", sort({use | some use in subject.uses; use in training_uses})),
		"derived_models[].base_models or trained_on_outputs_of",
	]),
	array.concat(subject.path, ["uses"]),
) |
	some subject in _without_student
	license in subject.licenses
}

# Listed models used for training that no declared derived model comes from, under any license:
# a rule computed once per evaluation, which each license's call only filters (most manifests
# have none, and then the call costs next to nothing).
_without_student := {subject |
	some subject in data.licensegate.lib.subjects.models
	some use in subject.uses
	use in training_uses
	not lower(subject.id) in _models_with_students
}

# Listed models (lowercase ids) that some declared derived model comes from, by any way.
# NOTE: a set rule rather than a helper function: regorus 0.13 answered a helper function here
# differently from OPA inside one license package (found by the parity tests).
_models_with_students := {lower(edge.model) |
	some other in data.licensegate.lib.subjects.derived
	some edge in other.upstream
}

# ---------------------------------------------------------------------------------------------
# guardrails, where only an acceptable-use policy forbids circumventing or removing safety
# measures (DESIGN.md §2.1 rule 1): guardrails_modified: true breaches it; false meets it; an
# absent value stays part of the acceptable-use attestation (no finding of its own).

safety_measures_kept(license, policy) := {_safety_finding(license, policy, subject) |
	some subject in data.licensegate.lib.subjects.models
	license in subject.licenses
	is_boolean(input.manifest.models[subject.index].guardrails_modified)
}

_safety_finding(license, policy, subject) := finding.new(
	license, "guardrails", subject.id, "violated",
	sprintf("%s has modified or removed safety measures (models[].guardrails_modified: true), which the %s forbids", [
		subject.id, policy,
	]),
	array.concat(subject.path, ["guardrails_modified"]),
) if {
	input.manifest.models[subject.index].guardrails_modified == true
} else := finding.new(
	license, "guardrails", subject.id, "satisfied",
	"the model's safety measures are kept (models[].guardrails_modified: false)",
	array.concat(subject.path, ["guardrails_modified"]),
)
