package licensegate.licenses.apache_2_0_test

import rego.v1

import data.licensegate.lib.testing
import data.licensegate.licenses.apache_2_0

_id := "mistralai/Mistral-7B-Instruct-v0.3"

_mixtral := "mistralai/Mixtral-8x7B-Instruct-v0.1"

_distill_qwen := "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B"

_distill_llama := "deepseek-ai/DeepSeek-R1-Distill-Llama-8B"

_findings(overrides) := result if {
	result := apache_2_0.findings with input as testing.doc(overrides)
}

_public := object.union(testing.product, {"audience": "public"})

_shipping := object.union(testing.product, {"ships_weights": true})

_fine_tune(name, release, marked) := object.union(
	testing.derived(name, [_id], [], release),
	{"modified_files_marked": marked},
)

# license-copy -----------------------------------------------------------------------------

test_fail_license_copy_weights_shipped_without_copy if {
	product := object.union(_shipping, {"license_copies_included": false})
	findings := _findings({"product": product, "models": [testing.model(_id), testing.model(_mixtral)]})
	testing.statuses(findings, "license-copy") == {[_id, "violated"], [_mixtral, "violated"]}
}

test_fail_license_copy_unknown if {
	findings := _findings({"product": _shipping, "models": [testing.model(_id)]})
	testing.statuses(findings, "license-copy") == {[_id, "missing-facts"]}
}

test_fail_license_copy_fine_tune_published_without_copy if {
	product := object.union(testing.product, {"license_copies_included": false})
	findings := _findings({
		"product": product,
		"models": [{"id": _id, "uses": ["fine-tuning"]}],
		"derived_models": [testing.derived("acme/Mistral-7B-Support", [_id], [], "weights")],
	})
	testing.statuses(findings, "license-copy") == {["acme/Mistral-7B-Support", "violated"]}
}

# The Qwen-based R1 distills are Apache-2.0 as well as MIT (DeepSeek-R1 README §7).
test_fail_license_copy_r1_distill_qwen_shipped if {
	findings := _findings({"product": _shipping, "models": [testing.model(_distill_qwen)]})
	testing.statuses(findings, "license-copy") == {[_distill_qwen, "missing-facts"]}
}

test_success_license_copy_included if {
	product := object.union(_shipping, {"license_copies_included": true})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "license-copy") == {[_id, "satisfied"]}
}

test_success_license_copy_quiet_for_api_only if {
	findings := _findings({"product": _public, "models": [testing.model(_id)]})
	testing.statuses(findings, "license-copy") == set()
}

# A model trained only on the outputs of an Apache model contains none of its files.
test_success_license_copy_quiet_for_model_trained_on_outputs if {
	findings := _findings({
		"models": [
			{"id": _mixtral, "uses": ["synthetic-data"]},
			{"id": _distill_llama, "uses": ["fine-tuning"]},
		],
		"derived_models": [testing.derived("acme/Llama-Student-8B", [_distill_llama], [_mixtral], "weights")],
	})
	testing.statuses(findings, "license-copy") == set()
}

# modified-files-notice --------------------------------------------------------------------

test_fail_modified_files_notice_not_marked if {
	findings := _findings({
		"models": [{"id": _id, "uses": ["fine-tuning"]}],
		"derived_models": [_fine_tune("acme/Mistral-7B-Support", "weights", false)],
	})
	testing.statuses(findings, "modified-files-notice") == {["acme/Mistral-7B-Support", "violated"]}
}

test_fail_modified_files_notice_unknown if {
	findings := _findings({
		"models": [{"id": _id, "uses": ["fine-tuning"]}],
		"derived_models": [testing.derived("acme/Mistral-7B-Support", [_id], [], "weights")],
	})
	testing.statuses(findings, "modified-files-notice") == {["acme/Mistral-7B-Support", "missing-facts"]}
}

test_success_modified_files_notice_marked if {
	findings := _findings({
		"models": [{"id": _id, "uses": ["fine-tuning"]}],
		"derived_models": [_fine_tune("acme/Mistral-7B-Support", "weights", true)],
	})
	testing.statuses(findings, "modified-files-notice") == {["acme/Mistral-7B-Support", "satisfied"]}
}

test_success_modified_files_notice_quiet_for_api_release if {
	findings := _findings({
		"models": [{"id": _id, "uses": ["fine-tuning"]}],
		"derived_models": [_fine_tune("acme/Mistral-7B-Support", "api", false)],
	})
	testing.statuses(findings, "modified-files-notice") == set()
}

# No MAU, naming, display or use restrictions ----------------------------------------------

test_success_no_other_clauses_for_public_product if {
	findings := _findings({"product": _public, "models": [testing.model(_id)]})
	findings == set()
}

# retain-notices (§4(c)) ------------------------------------------------------------------------

test_fail_retain_notices_shipped_weights_need_attestation if {
	product := object.union(testing.product, {"ships_weights": true, "license_copies_included": true})
	findings := apache_2_0.findings with input as testing.doc({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "retain-notices") == {[_id, "needs-attestation"]}
}

test_success_retain_notices_quiet_without_distribution if {
	findings := apache_2_0.findings with input as testing.doc({"models": [testing.model(_id)]})
	testing.statuses(findings, "retain-notices") == set()
}
