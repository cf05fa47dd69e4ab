# METADATA
# title: Facts fail closed, across the library
# description: >-
#   Table-driven tests of DESIGN.md §2.1 over every license the library judges: whatever the
#   license, silence or a widened fact never turns into a pass. Each license package has its own
#   tests too; these make sure no package is left out of a rule.
package licensegate.main_test

import rego.v1

import data.licensegate.dispatch
import data.licensegate.main
import data.licensegate.lib.testing

# An off-catalog model under `license`, so that every license can be tried with the same shape.
_model(license, uses) := {
	"id": "acme/probe-model", "license": _declared(license), "uses": uses,
	"guardrails_modified": false, "multimodal": false,
}

# A use policy that accompanies a license (gpt-oss's usage policy beside Apache-2.0, the C4AI
# policies beside CC BY-NC 4.0) is declared with it, as the catalog lists them: the license
# carries the derivative and distribution duties, the policy only its own.
_accompanies := {"gpt-oss": "apache-2.0", "c4ai-acceptable-use": "cc-by-nc-4.0", "c4ai-acceptable-use-pre-2025-04": "cc-by-nc-4.0"}

_declared(license) := [license, _accompanies[license]] if {
	_accompanies[license]
} else := license

_as_list(declared) := declared if is_array(declared) else := [declared]

_student := testing.derived("acme/Probe-Student", ["acme/probe-model"], [], ["none"])

_open_for(findings) := {item.id |
	some item in findings
	item.status == "missing-facts"
	contains(item.message, "no derived model is built from it")
}

# Rule 8: a model listed for training with no declared student leaves some duty of every license
# with derivative or output duties open, whatever the license.
test_training_without_student_is_missing_facts_for_every_license if {
	every license in dispatch.supported {
		some use in ["fine-tuning", "distillation-teacher", "synthetic-data", "training-feedback"]
		findings := main.findings with input as testing.doc({"models": [_model(license, [use])]})
		count(_open_for(findings)) > 0
	}
}

test_training_with_a_declared_student_is_not_asked_for if {
	every license in dispatch.supported {
		document := testing.doc({"models": [_model(license, ["fine-tuning"])], "derived_models": [_student]})
		findings := main.findings with input as document
		count(_open_for(findings)) == 0
	}
}

# Rule 7: shipped weights reach every listed model, whatever its use (not only inference models).
_shipping := object.union(testing.product, {"ships_weights": true})

_distribution_clauses(findings) := {item.id |
	some item in findings
	item.clause in {"license-copy", "notice-file", "use-restrictions-flowdown"}
}

test_shipped_weights_of_a_fine_tuning_base_trigger_distribution_duties if {
	every license in dispatch.supported {
		document := testing.doc({"product": _shipping, "models": [_model(license, ["fine-tuning"])], "derived_models": [_student]})
		findings := main.findings with input as document
		count(_distribution_clauses(findings)) > 0
	}
}

test_a_model_that_opts_out_of_shipped_weights_is_not_distributed if {
	every license in dispatch.supported {
		model := object.union(_model(license, ["fine-tuning"]), {"ships_weights": false})
		document := testing.doc({"product": _shipping, "models": [model], "derived_models": [_student]})
		findings := main.findings with input as document
		count({item | some item in findings; item.clause in {"license-copy", "notice-file"}; item.subject == "acme/probe-model"}) == 0
	}
}

# Rule 6: per-license facts are per license. A list that omits a license leaves its clause open;
# a list that names it closes it.
_copies(license, listed) := {item.status |
	product := object.union(_shipping, {"license_copies_included": listed})
	model := _model(license, ["inference"])
	findings := main.findings with input as testing.doc({"product": product, "models": [model]})
	some item in findings
	item.clause == "license-copy"
	item.subject == "acme/probe-model"
}

test_license_copy_list_without_the_license_leaves_it_open if {
	every license in dispatch.supported {
		statuses := _copies(license, ["some-other-license"])
		not "satisfied" in statuses
	}
}

test_license_copy_list_with_the_license_closes_it if {
	every license in dispatch.supported {
		statuses := _copies(license, _as_list(_declared(license)))
		every status in statuses {
			status == "satisfied"
		}
	}
}
