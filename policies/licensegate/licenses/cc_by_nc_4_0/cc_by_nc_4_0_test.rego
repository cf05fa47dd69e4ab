package licensegate.licenses.cc_by_nc_4_0_test

import rego.v1

import data.licensegate.lib.testing
import data.licensegate.licenses.cc_by_nc_4_0 as ccbync

# A model the catalog does not know, declared under CC BY-NC 4.0 (as MusicGen's weights are).
_id := "facebook/musicgen-small"

_model := object.union(testing.model(_id), {"license": "cc-by-nc-4.0"})

_findings(overrides) := result if {
	result := ccbync.findings with input as testing.doc(overrides)
}

_research := object.union(testing.product, {"commercial": false, "environment": "research"})

_shipping := object.union(_research, {"ships_weights": true})

_fine_tune(release, marked) := {
	"product": _research,
	"models": [object.union(_model, {"uses": ["fine-tuning"]})],
	"derived_models": [object.union(
		testing.derived("lab/musicgen-small-folk", [_id], [], release),
		{"llm": false, "modified_files_marked": marked},
	)],
}

# non-commercial ---------------------------------------------------------------------------

test_fail_non_commercial_commercial_product if {
	findings := _findings({"models": [_model]})
	testing.statuses(findings, "non-commercial") == {[_id, "violated"]}
}

test_fail_non_commercial_adapted_material_in_commercial_product if {
	findings := _findings(object.union(_fine_tune("api", true), {"product": testing.product}))
	testing.statuses(findings, "non-commercial") == {[_id, "violated"], ["lab/musicgen-small-folk", "violated"]}
}

test_success_non_commercial_research_use if {
	findings := _findings({"product": _research, "models": [_model]})
	testing.statuses(findings, "non-commercial") == {[_id, "satisfied"]}
}

# A student trained only on outputs is not Adapted Material; the teacher's use is judged.
test_success_non_commercial_quiet_for_outputs_only_student if {
	findings := _findings({
		"product": _research,
		"models": [object.union(_model, {"uses": ["synthetic-data"]})],
		"derived_models": [object.union(testing.derived("lab/tiny-audio", [], [_id], "weights"), {"llm": false})],
	})
	testing.statuses(findings, "non-commercial") == {[_id, "satisfied"]}
}

# license-copy -----------------------------------------------------------------------------

test_fail_license_copy_weights_shared_without_license if {
	product := object.union(_shipping, {"license_copies_included": false})
	findings := _findings({"product": product, "models": [_model]})
	testing.statuses(findings, "license-copy") == {[_id, "violated"]}
}

test_fail_license_copy_adapted_material_unknown if {
	findings := _findings(_fine_tune("weights", true))
	testing.statuses(findings, "license-copy") == {["lab/musicgen-small-folk", "missing-facts"]}
}

test_success_license_copy_included if {
	product := object.union(_shipping, {"license_copies_included": true})
	findings := _findings({"product": product, "models": [_model]})
	testing.statuses(findings, "license-copy") == {[_id, "satisfied"]}
}

# Serving outputs from an API does not Share the weights.
test_success_license_copy_quiet_for_hosted_demo if {
	product := object.union(_research, {"audience": "public"})
	findings := _findings({"product": product, "models": [_model]})
	testing.statuses(findings, "license-copy") == set()
}

# modified-files-notice --------------------------------------------------------------------

test_fail_modified_files_notice_not_indicated if {
	findings := _findings(_fine_tune("weights", false))
	testing.statuses(findings, "modified-files-notice") == {["lab/musicgen-small-folk", "violated"]}
}

test_success_modified_files_notice_indicated if {
	findings := _findings(_fine_tune("weights", true))
	testing.statuses(findings, "modified-files-notice") == {["lab/musicgen-small-folk", "satisfied"]}
}

# retain-notices ---------------------------------------------------------------------------

test_fail_retain_notices_needs_attestation_when_shared if {
	findings := _findings({"product": _shipping, "models": [_model]})
	testing.statuses(findings, "retain-notices") == {[_id, "needs-attestation"]}
}

test_success_retain_notices_quiet_without_sharing if {
	findings := _findings({"product": _research, "models": [_model]})
	testing.statuses(findings, "retain-notices") == set()
}
