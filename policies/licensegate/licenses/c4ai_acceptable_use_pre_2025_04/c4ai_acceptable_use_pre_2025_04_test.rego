package licensegate.licenses.c4ai_acceptable_use_pre_2025_04_test

import rego.v1

import data.licensegate.lib.testing
import data.licensegate.licenses.c4ai_acceptable_use_pre_2025_04 as policy

_id := "CohereForAI/c4ai-command-r-v01"

_findings(overrides) := result if {
	result := policy.findings with input as testing.doc(overrides)
}

_model(uses) := object.union(testing.model(_id), {"uses": uses})

_research := object.union(testing.product, {"commercial": false, "environment": "research"})

_student := "acme/command-r-distilled-1b"

# A small model trained on Command R's outputs.
_distilled(product) := {
	"product": product,
	"models": [_model(["distillation-teacher"])],
	"derived_models": [testing.derived(_student, [], [_id], "none")],
}

# output-use -------------------------------------------------------------------------------

test_fail_output_use_commercial_synthetic_data if {
	findings := _findings({"models": [_model(["synthetic-data"])]})
	testing.statuses(findings, "output-use") == {[_id, "violated"]}
}

test_fail_output_use_commercial_distillation_reaches_the_student if {
	findings := _findings(_distilled(testing.product))
	testing.statuses(findings, "output-use") == {[_id, "violated"], [_student, "violated"]}
}

# RLAIF: Command R as a judge whose scores train another model (training-feedback).
test_fail_output_use_commercial_training_feedback if {
	findings := _findings({"models": [_model(["training-feedback"])]})
	testing.statuses(findings, "output-use") == {[_id, "violated"]}
}

test_success_output_use_non_commercial_distillation if {
	findings := _findings(_distilled(_research))
	testing.statuses(findings, "output-use") == {[_id, "satisfied"], [_student, "satisfied"]}
}

test_success_output_use_quiet_for_inference if {
	findings := _findings({"models": [_model(["inference"])]})
	testing.statuses(findings, "output-use") == set()
}

# acceptable-use ---------------------------------------------------------------------------

test_fail_acceptable_use_needs_attestation if {
	findings := _findings({"product": _research, "models": [_model(["inference"])]})
	testing.statuses(findings, "acceptable-use") == {[_id, "needs-attestation"]}
}

test_success_acceptable_use_quiet_for_other_licenses if {
	findings := _findings({"models": [testing.model("mistralai/Mistral-7B-v0.3")]})
	testing.statuses(findings, "acceptable-use") == set()
}
