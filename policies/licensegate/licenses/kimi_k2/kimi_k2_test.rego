package licensegate.licenses.kimi_k2_test

import rego.v1

import data.licensegate.lib.testing
import data.licensegate.licenses.kimi_k2

_id := "moonshotai/Kimi-K2-Instruct"

_findings(overrides) := result if {
	result := kimi_k2.findings with input as testing.doc(overrides)
}

_product(extra) := object.union(object.union(testing.product, {"audience": "public"}), extra)

_ui := {"text": "Powered by Kimi K2", "where": "user-interface"}

# ui-attribution-threshold ----------------------------------------------------------------

test_fail_ui_attribution_threshold_mau_above_without_display if {
	product := _product({"monthly_active_users": 100000001, "monthly_revenue_usd": 1000})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "ui-attribution-threshold") == {[_id, "violated"]}
}

test_fail_ui_attribution_threshold_revenue_above_is_enough if {
	# Revenue alone crosses; the missing user count does not matter.
	product := _product({"monthly_revenue_usd": 20000001})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "ui-attribution-threshold") == {[_id, "violated"]}
}

test_fail_ui_attribution_threshold_shown_only_on_about_page if {
	product := _product({
		"monthly_active_users": 250000000,
		"monthly_revenue_usd": 5000000,
		"attribution": [{"text": "Kimi K2", "where": "about-page"}],
	})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "ui-attribution-threshold") == {[_id, "violated"]}
	some item in findings
	contains(item.message, "about-page")
}

test_fail_ui_attribution_threshold_wrong_text_on_ui if {
	product := _product({
		"monthly_active_users": 250000000,
		"attribution": [{"text": "Powered by Moonshot AI", "where": "user-interface"}],
	})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "ui-attribution-threshold") == {[_id, "violated"]}
}

test_fail_ui_attribution_threshold_figures_missing if {
	findings := _findings({"product": _product({}), "models": [testing.model(_id)]})
	testing.statuses(findings, "ui-attribution-threshold") == {[_id, "missing-facts"]}
}

test_fail_ui_attribution_threshold_one_figure_below_other_missing if {
	product := _product({"monthly_active_users": 5000000})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "ui-attribution-threshold") == {[_id, "missing-facts"]}
}

test_fail_ui_attribution_threshold_reaches_fine_tune_offered_as_service if {
	product := _product({"monthly_active_users": 300000000, "monthly_revenue_usd": 0})
	findings := _findings({
		"product": product,
		"models": [{"id": _id, "uses": ["fine-tuning"]}],
		"derived_models": [testing.derived("acme/K2-Support", [_id], [], "api")],
	})
	testing.statuses(findings, "ui-attribution-threshold") == {["acme/K2-Support", "violated"]}
}

test_success_ui_attribution_threshold_displayed_on_ui if {
	product := _product({"monthly_active_users": 150000000, "monthly_revenue_usd": 30000000, "attribution": [_ui]})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "ui-attribution-threshold") == {[_id, "satisfied"]}
}

test_success_ui_attribution_threshold_below_both_exactly_at_limits if {
	# "more than": exactly 100M users and exactly US$20M are not above.
	product := _product({"monthly_active_users": 100000000, "monthly_revenue_usd": 20000000})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "ui-attribution-threshold") == {[_id, "satisfied"]}
}

test_success_ui_attribution_threshold_quiet_for_non_commercial_product if {
	product := _product({"commercial": false, "monthly_active_users": 900000000})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "ui-attribution-threshold") == set()
}

test_success_ui_attribution_threshold_quiet_for_teacher_only_and_outputs_only if {
	# Trained only on Kimi K2 outputs: not a derivative work of the Software.
	product := _product({"monthly_active_users": 900000000})
	findings := _findings({
		"product": product,
		"models": [{"id": _id, "uses": ["synthetic-data"]}, testing.model("mistralai/Mistral-7B-v0.3")],
		"derived_models": [testing.derived("acme/Small-Student", ["mistralai/Mistral-7B-v0.3"], [_id], "api")],
	})
	testing.statuses(findings, "ui-attribution-threshold") == set()
}

# license-copy -----------------------------------------------------------------------------

test_fail_license_copy_weights_shipped_without_copy if {
	product := object.union(testing.product, {"ships_weights": true, "license_copies_included": false})
	findings := _findings({"product": product, "models": [testing.model("moonshotai/Kimi-K2-Base")]})
	testing.statuses(findings, "license-copy") == {["moonshotai/Kimi-K2-Base", "violated"]}
}

test_fail_license_copy_derived_weights_unknown if {
	findings := _findings({
		"models": [{"id": _id, "uses": ["fine-tuning"]}],
		"derived_models": [testing.derived("acme/K2-Legal", [_id], [], "weights")],
	})
	testing.statuses(findings, "license-copy") == {["acme/K2-Legal", "missing-facts"]}
}

test_success_license_copy_included if {
	product := object.union(testing.product, {"ships_weights": true, "license_copies_included": true})
	findings := _findings({"product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "license-copy") == {[_id, "satisfied"]}
}

test_success_license_copy_quiet_for_hosted_service if {
	findings := _findings({"product": _product({}), "models": [testing.model(_id)]})
	testing.statuses(findings, "license-copy") == set()
}

# The licensee-wide MAU bounds the product's: a small licensee needs no product figure, and a
# month's product revenue cannot exceed the licensee's annual revenue.
test_success_ui_attribution_threshold_bounded_by_licensee_figures if {
	licensee := object.union(testing.licensee, {"monthly_active_users": 2000000, "annual_revenue_usd": 5000000})
	product := object.union(testing.product, {"audience": "public"})
	findings := _findings({"licensee": licensee, "product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "ui-attribution-threshold") == {[_id, "satisfied"]}
}

test_fail_ui_attribution_threshold_licensee_figure_above_does_not_bound if {
	licensee := object.union(testing.licensee, {"monthly_active_users": 300000000, "annual_revenue_usd": 5000000})
	product := object.union(testing.product, {"audience": "public"})
	findings := _findings({"licensee": licensee, "product": product, "models": [testing.model(_id)]})
	testing.statuses(findings, "ui-attribution-threshold") == {[_id, "missing-facts"]}
}

# A derivative published as weights reaches others as much as one offered as a service.
test_fail_ui_attribution_threshold_derivative_published_as_weights if {
	product := object.union(testing.product, {"monthly_active_users": 150000000, "monthly_revenue_usd": 0})
	findings := _findings({
		"product": product,
		"models": [object.union(testing.model(_id), {"uses": ["fine-tuning"]})],
		"derived_models": [testing.derived("acme/K2-Coder", [_id], [], ["weights"])],
	})
	testing.statuses(findings, "ui-attribution-threshold") == {["acme/K2-Coder", "violated"]}
}
