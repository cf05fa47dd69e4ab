package licensegate.licenses.exaone_test

import rego.v1

import data.licensegate.lib.testing
import data.licensegate.licenses.exaone

_id := "LGAI-EXAONE/EXAONE-3.5-7.8B-Instruct"

_mistral := "mistralai/Mistral-7B-v0.3"

_tuned := "lab/EXAONE-3.5-7.8B-BioQA"

_student := "lab/Mistral-7B-EXAONE-Distilled"

_research := object.union(testing.product, {"commercial": false, "environment": "research"})

_findings(overrides) := result if {
	result := exaone.findings with input as testing.doc(overrides)
}

# A fine-tune of EXAONE 3.5 named `name`, released as `release`.
_fine_tune(name, release) := {
	"product": _research,
	"models": [{"id": _id, "uses": ["fine-tuning"]}],
	"derived_models": [testing.derived(name, [_id], [], release)],
}

# A Mistral model trained on outputs of EXAONE 3.5, released as `release`.
_distilled(release, llm) := {
	"product": _research,
	"models": [{"id": _id, "uses": ["synthetic-data"]}, {"id": _mistral, "uses": ["fine-tuning"]}],
	"derived_models": [object.union(testing.derived(_student, [_mistral], [_id], release), {"llm": llm})],
}

_with_product(overrides, product) := object.union(overrides, {"product": product})

# non-commercial -----------------------------------------------------------------------------

test_fail_non_commercial_commercial_product if {
	findings := _findings({"models": [testing.model(_id)]})
	testing.statuses(findings, "non-commercial") == {[_id, "violated"]}
}

# "solely for research purposes": a free production service is outside the grant.
test_fail_non_commercial_free_production_service if {
	product := object.union(testing.product, {"commercial": false, "environment": "production", "audience": "public"})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "non-commercial") == {[_id, "violated"]}
}

test_fail_non_commercial_staging_asks_for_environment if {
	product := object.union(testing.product, {"commercial": false, "environment": "staging"})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "non-commercial") == {[_id, "missing-facts"]}
}

# Derivatives too are for research purposes only (§2.1(c)).
test_fail_non_commercial_reaches_the_fine_tune if {
	findings := _findings(_with_product(_fine_tune("EXAONE-3.5-Acme", "api"), testing.product))
	testing.statuses(findings, "non-commercial") == {[_id, "violated"], ["EXAONE-3.5-Acme", "violated"]}
}

test_success_non_commercial_research if {
	findings := _findings({"product": _research, "models": [testing.model(_id)]})
	testing.statuses(findings, "non-commercial") == {[_id, "satisfied"]}
}

# derivative-naming --------------------------------------------------------------------------

test_fail_derivative_naming_released_fine_tune if {
	findings := _findings(_fine_tune("lab/BioQA-7.8B", "weights"))
	testing.statuses(findings, "derivative-naming") == {["lab/BioQA-7.8B", "violated"]}
}

# The naming sentence is not tied to distribution: an internal modified model is reached too.
test_fail_derivative_naming_internal_fine_tune if {
	findings := _findings(_fine_tune("BioQA-internal", "none"))
	testing.statuses(findings, "derivative-naming") == {["BioQA-internal", "violated"]}
}

# The prefix is "EXAONE" as the text writes it, at the beginning of the name.
test_fail_derivative_naming_prefix_not_at_beginning if {
	findings := _findings(_fine_tune("lab/Acme-EXAONE-3.5", "weights"))
	testing.statuses(findings, "derivative-naming") == {["lab/Acme-EXAONE-3.5", "violated"]}
}

test_fail_derivative_naming_fine_tuning_without_student if {
	findings := _findings({"product": _research, "models": [{"id": _id, "uses": ["fine-tuning"]}]})
	testing.statuses(findings, "derivative-naming") == {[_id, "missing-facts"]}
}

test_success_derivative_naming_prefixed if {
	findings := _findings(_fine_tune(_tuned, "weights"))
	testing.statuses(findings, "derivative-naming") == {[_tuned, "satisfied"]}
}

# A student trained on outputs is not a modified Model: naming does not reach it.
test_success_derivative_naming_quiet_for_student if {
	findings := _findings(_distilled("none", true))
	testing.statuses(findings, "derivative-naming") == set()
}

# license-copy -------------------------------------------------------------------------------

test_fail_license_copy_published_fine_tune_without_copy if {
	product := object.union(_research, {"license_copies_included": false})
	findings := _findings(_with_product(_fine_tune(_tuned, "weights"), product))
	testing.statuses(findings, "license-copy") == {[_tuned, "violated"]}
}

test_fail_license_copy_shipped_weights_unstated if {
	product := object.union(_research, {"ships_weights": true})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "license-copy") == {[_id, "missing-facts"]}
}

test_success_license_copy_included if {
	product := object.union(_research, {"license_copies_included": ["exaone"]})
	findings := _findings(_with_product(_fine_tune(_tuned, "weights"), product))
	testing.statuses(findings, "license-copy") == {[_tuned, "satisfied"]}
}

test_success_license_copy_quiet_without_distribution if {
	findings := _findings(_fine_tune(_tuned, "api"))
	testing.statuses(findings, "license-copy") == set()
}

# output-use ---------------------------------------------------------------------------------

test_fail_output_use_student_kept_internal if {
	findings := _findings(_distilled("none", true))
	testing.statuses(findings, "output-use") == {[_student, "violated"]}
}

# "other models", not only language models: llm: false does not exempt the student.
test_fail_output_use_non_llm_student if {
	findings := _findings(_distilled("none", false))
	testing.statuses(findings, "output-use") == {[_student, "violated"]}
}

test_fail_output_use_teacher_without_student if {
	findings := _findings({"product": _research, "models": [{"id": _id, "uses": ["distillation-teacher"]}]})
	testing.statuses(findings, "output-use") == {[_id, "missing-facts"]}
}

# Training the Model itself on its own outputs modifies it (§2.1(c)): not another model.
test_success_output_use_self_distillation_modifies_the_model if {
	overrides := {
		"product": _research,
		"models": [{"id": _id, "uses": ["fine-tuning", "synthetic-data"]}],
		"derived_models": [testing.derived(_tuned, [_id], [_id], "none")],
	}
	findings := _findings(overrides)
	testing.statuses(findings, "output-use") == {[_tuned, "satisfied"]}
}

test_success_output_use_quiet_for_inference if {
	findings := _findings({"product": _research, "models": [testing.model(_id)]})
	testing.statuses(findings, "output-use") == set()
}

# acceptable-use -----------------------------------------------------------------------------

test_fail_acceptable_use_needs_attestation if {
	findings := _findings({"product": _research, "models": [testing.model(_id)]})
	testing.statuses(findings, "acceptable-use") == {[_id, "needs-attestation"]}
}

# The guidelines bind the licensee's use of EXAONE models, not other models in the manifest.
test_success_acceptable_use_quiet_for_other_models if {
	findings := _findings({"product": _research, "models": [testing.model(_mistral)]})
	testing.statuses(findings, "acceptable-use") == set()
}
