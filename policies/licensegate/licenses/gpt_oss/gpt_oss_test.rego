package licensegate.licenses.gpt_oss_test

import rego.v1

import data.licensegate.lib.testing
import data.licensegate.licenses.gpt_oss as gptoss

_findings(overrides) := result if {
	result := gptoss.findings with input as testing.doc(overrides)
}

# acceptable-use ---------------------------------------------------------------------------

test_fail_acceptable_use_needs_attestation_for_each_model if {
	findings := _findings({"models": [testing.model("openai/gpt-oss-20b"), testing.model("openai/gpt-oss-120b")]})
	testing.statuses(findings, "acceptable-use") == {
		["openai/gpt-oss-20b", "needs-attestation"],
		["openai/gpt-oss-120b", "needs-attestation"],
	}
}

# An Apache-2.0 model without the usage policy (Mistral 7B) is not reached.
test_success_acceptable_use_quiet_for_plain_apache_models if {
	findings := _findings({"models": [testing.model("mistralai/Mistral-7B-v0.3")]})
	testing.statuses(findings, "acceptable-use") == set()
}
