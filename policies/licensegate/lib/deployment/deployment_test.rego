# METADATA
# title: Deployment facts tests
# description: >-
#   The facts every license package reads, each from hand-written inputs: when it holds, and
#   when it stays quiet or undefined (not stated).
package licensegate.lib.deployment_test

import rego.v1

import data.licensegate.lib.deployment
import data.licensegate.lib.testing

_product(overrides) := object.union(testing.product, overrides)

_with_product(overrides) := testing.doc({"product": _product(overrides)})

_models(models) := testing.doc({"models": models})

_licensee(overrides) := testing.doc({"licensee": object.union(testing.licensee, overrides)})

test_product_made_available_to_customers_or_the_public if {
	deployment.product_made_available with input as _with_product({"audience": "customers"})
	deployment.product_made_available with input as _with_product({"audience": "public"})
}

test_product_internal_is_not_made_available if {
	not deployment.product_made_available with input as _with_product({"audience": "internal"})
}

test_model_weights_shipped_by_the_product if {
	document := testing.doc({
		"product": _product({"ships_weights": true}),
		"models": [testing.model("acme/a")],
	})
	deployment.model_weights_shipped(0) with input as document
	deployment.weights_shipped with input as document
}

# A model's own ships_weights wins over the product's, both ways.
test_model_ships_weights_overrides_the_product if {
	kept := object.union(testing.model("acme/a"), {"ships_weights": false})
	shipped := object.union(testing.model("acme/b"), {"ships_weights": true})
	document := testing.doc({"product": _product({"ships_weights": true}), "models": [kept, shipped]})
	not deployment.model_weights_shipped(0) with input as document
	deployment.model_weights_shipped(1) with input as document
}

test_no_weights_shipped if {
	document := testing.doc({"models": [testing.model("acme/a")]})
	not deployment.model_weights_shipped(0) with input as document
	not deployment.weights_shipped with input as document
}

test_release_ways_from_a_list_or_a_string if {
	deployment.release_ways({"release": ["api", "weights"]}) == {"api", "weights"}
	deployment.release_ways({"release": "weights"}) == {"weights"}
	deployment.weights_released({"release": "weights"})
	deployment.served({"release": ["api"]})
	deployment.released({"release": ["api"]})
}

test_internal_release_is_not_released if {
	not deployment.released({"release": ["internal"]})
	not deployment.weights_released({"release": ["api"]})
	not deployment.served({"release": "weights"})
}

test_commercial if {
	deployment.commercial with input as _with_product({"commercial": true})
	not deployment.commercial with input as _with_product({"commercial": false})
}

# A per-license fact: true covers every license, a list names them, absent is undefined.
test_copy_included_per_license if {
	deployment.copy_included("mit") with input as _with_product({"license_copies_included": true})
	deployment.copy_included("mit") with input as _with_product({"license_copies_included": ["mit"]})
	deployment.copy_included("mit") == false with input as _with_product({"license_copies_included": ["gemma"]})
	deployment.copy_included("mit") == false with input as _with_product({"license_copies_included": false})
}

# Neither true nor false: a comprehension, since `not f(x) == false` differs between the engines
# when f(x) is undefined (OPA hoists the call out of the negation, opa#7558).
test_copy_included_is_undefined_when_not_stated if {
	values := [value | value := deployment.copy_included("mit")] with input as testing.doc({})
	values == []
}

test_user_terms_carry_per_license if {
	document := _with_product({"user_terms_include_use_restrictions": ["gemma"]})
	deployment.user_terms_carry("gemma") with input as document
	deployment.user_terms_carry("mit") == false with input as document
}

test_registered_with_the_licensor if {
	document := _licensee({"registrations": [{"license": "llama4"}]})
	deployment.registered("llama4") with input as document
	not deployment.registered("llama3") with input as document
}

test_domiciled_in_eu_includes_outermost_regions if {
	deployment.domiciled_in_eu with input as _licensee({"domicile": "DE"})
	deployment.domiciled_in_eu with input as _licensee({"domicile": "RE"})
}

test_not_domiciled_in_eu_outside_the_union if {
	not deployment.domiciled_in_eu with input as _licensee({"domicile": "GL"})
	not deployment.domiciled_in_eu with input as _licensee({"domicile": "US"})
}

test_mau_on_the_month_figure if {
	document := _licensee({"mau_history": {"2024-06": 900, "2024-07": 5}})
	deployment.mau_on("2024-06", 700) == {
		"value": 900,
		"path": ["licensee", "mau_history", "2024-06"],
		"source": "licensee.mau_history[\"2024-06\"]",
	} with input as document
}

# Without the month's figure, the highest figure decides only when it is at or below the limit.
test_mau_on_falls_back_to_the_highest_figure_at_or_below_the_limit if {
	document := _licensee({"monthly_active_users": 1000, "mau_history": {"2024-01": 10}})
	mau := deployment.mau_on("2024-06", 1000) with input as document
	mau.value == 1000
	mau.path == ["licensee", "monthly_active_users"]
	startswith(mau.source, "no figure for 2024-06; the highest figure given is licensee.monthly_active_users")
}

test_mau_on_is_undefined_when_the_highest_figure_is_above_the_limit if {
	document := _licensee({"monthly_active_users": 1000})
	not deployment.mau_on("2024-06", 999) with input as document
}

test_mau_on_is_undefined_without_any_figure if {
	document := testing.doc({"licensee": {"name": "Acme", "domicile": "US"}})
	not deployment.mau_on("2024-06", 999) with input as document
}

# Equal figures: the first by source, so both engines pick the same one.
test_highest_mau_ties_break_by_source if {
	document := testing.doc({
		"licensee": object.union(testing.licensee, {"monthly_active_users": 50}),
		"product": _product({"monthly_active_users": 50}),
	})
	highest := deployment.highest_mau with input as document
	highest.source == "licensee.monthly_active_users"
}

test_attribution_shown_matches_folded_text_case_insensitively if {
	document := _with_product({"attribution": [{"text": "Powered by Built With LLAMA here", "where": "about page"}]})
	deployment.attribution_shown("Built with Llama") with input as document
	not deployment.attribution_shown("Built with Gemma") with input as document
}

test_attribution_not_shown_without_statements if {
	document := testing.doc({})
	not deployment.attribution_shown("Built with Llama") with input as document
}

test_notice_contains if {
	document := testing.with_notice(testing.doc({}), "Llama 3.1 is licensed under the Llama 3.1 Community License")
	deployment.notice_contains("Llama 3.1 Community License") with input as document
	not deployment.notice_contains("Gemma") with input as document
	without_notice := testing.doc({})
	not deployment.notice_contains("Gemma") with input as without_notice
}
