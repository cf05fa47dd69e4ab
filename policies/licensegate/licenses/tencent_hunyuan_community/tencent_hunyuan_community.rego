# METADATA
# title: Tencent Hunyuan Community License Agreement
# description: >-
#   Clauses of the Tencent Hunyuan Community License Agreement in its text of Tencent Hunyuan
#   A13B (Release Date: June 27, 2025). The license "does not apply in the European Union, United
#   Kingdom and South Korea": rights are granted for the Territory only, and no use,
#   distribution or display of the works or their Output may happen outside it. A licensee above
#   100 million monthly active users in the month before the release date needs a license from
#   Tencent. Distribution to Third Parties carries a copy of the Agreement, notices on modified
#   files and (except through a Hosted Service) a Notice file; agreements governing use carry the
#   use restrictions of §5(a)–(b); outputs may improve no AI model other than Tencent Hunyuan
#   and its Model Derivatives; the Acceptable Use Policy (Exhibit A) is incorporated and forbids
#   circumventing Tencent's safety guardrails. The 2024-12-03 text (HunyuanVideo) is the
#   package tencent_hunyuan_community_2024_12_03.
# related_resources:
#   - description: license text
#     ref: https://github.com/Tencent-Hunyuan/Hunyuan-A13B/blob/2798f3c/LICENSE
# custom:
#   license: tencent-hunyuan-community
#   name: Tencent Hunyuan Community License Agreement
#   version: "Tencent Hunyuan A13B Release Date: June 27, 2025"
#   text: https://github.com/Tencent-Hunyuan/Hunyuan-A13B/blob/2798f3c/LICENSE
#   out_of_reach:
#     - >-
#       Territory for internal use: where employees use a model is read from the licensee's
#       domicile unless product.countries lists the countries (then the list decides).
#     - >-
#       §6(b) trademarks and §6(c) litigation: not manifest facts. §3(c) ("Powered by Tencent
#       Hunyuan", a blog post) is encouraged, not required.
#     - >-
#       License copy for users of a hosted product: product.license_copies_included speaks of
#       copies with the weights, so a service's users are asked for by attestation.
package licensegate.licenses.tencent_hunyuan_community

import rego.v1

import data.licensegate.lib.clauses

# The license id this package judges; licensegate.main finds the package by it.
license := "tencent-hunyuan-community"

# §1(l): the Territory excludes these (GB is the United Kingdom's ISO code).
_excluded_outside_eu := {"GB", "KR"}

# §4: "on the Tencent Hunyuan version release date (June 27, 2025) ... in the preceding calendar month".
_mau_month := "2025-05"

_mau_limit := 100000000

# §3(d), as the Notice file must contain it (typographic quotes are straightened on both sides).
_notice := concat(" ", [
	"Tencent Hunyuan is licensed under the Tencent Hunyuan Community License Agreement, Copyright © 2025 Tencent.",
	"All Rights Reserved. The trademark rights of \"Tencent Hunyuan\" are owned by Tencent or its affiliate.",
])

_aup := "Tencent Hunyuan Acceptable Use Policy (Exhibit A)"

# METADATA
# title: Only in the Territory (not in the EU, the UK or South Korea)
# description: >-
#   The Agreement does not apply in the European Union, the United Kingdom and South Korea;
#   rights are granted "for the Territory only", and §5(c) forbids using, reproducing,
#   modifying, distributing or displaying the works, their Output or results outside it. A
#   licensee domiciled there (EU member states with their outermost regions, GB, KR) has no
#   license. A licensee domiciled elsewhere whose product, released model or shipped weights
#   reach third parties states where they go in product.countries (weights anyone can download
#   reach every country): an excluded country there is violated, a list without one satisfied,
#   no list missing-facts. Use that stays inside a licensee domiciled in the Territory is
#   satisfied unless product.countries names an excluded country.
# custom:
#   clause: territory
#   section: "Preamble; §1(l) Territory; §2 Grant of Rights; §5(c) Rules of Use"
#   quote: >-
#     THIS LICENSE AGREEMENT DOES NOT APPLY IN THE EUROPEAN UNION, UNITED KINGDOM AND SOUTH KOREA
#     AND IS EXPRESSLY LIMITED TO THE TERRITORY, AS DEFINED BELOW.
#   source: https://github.com/Tencent-Hunyuan/Hunyuan-A13B/blob/2798f3c/LICENSE
#   trigger: any use of a Tencent Hunyuan model or of a model derived from one
#   satisfied_by: >-
#     licensee.domicile outside the EU, GB and KR, and product.countries without any of them
#     (without the list: nothing made available to third parties)
#   remediation: >-
#     Do not use Tencent Hunyuan models from the EU, the UK or South Korea; keep the product and
#     any distribution out of them (geo-restricted) and list the countries it reaches in
#     product.countries.
findings contains item if some item in clauses.territory(license, _excluded_outside_eu, "the EU, the UK or South Korea")

# METADATA
# title: License from Tencent above 100 million monthly active users
# description: >-
#   If the products or services made available by or for the licensee had more than 100 million
#   monthly active users in the calendar month before the version release date (June 27, 2025),
#   the licensee must request a license from Tencent and may exercise no right until granted.
# custom:
#   clause: mau-threshold
#   section: "§4 Additional Commercial Terms"
#   quote: >-
#     the monthly active users of all products or services made available by or for Licensee is
#     greater than 100 million monthly active users in the preceding calendar month, You must
#     request a license from Tencent
#   source: https://github.com/Tencent-Hunyuan/Hunyuan-A13B/blob/2798f3c/LICENSE
#   remediation: >-
#     Request a license from Tencent and record it as a waiver once granted; if the figure is
#     wrong, give the MAU for 2025-05 in licensee.mau_history.
findings contains item if some item in clauses.mau_at_release(license, _mau_month, _mau_limit)

# METADATA
# title: Give Third Party recipients a copy of the Agreement
# description: >-
#   Third Party recipients of the works, or of products or services using them, get a copy of the
#   Agreement. Model Derivatives include models trained on the Output (§1(g)(iii)), so published
#   students count. Shipped weights carry it (product.license_copies_included); users of a
#   product or model offered as a service must be given it, which a person confirms.
# custom:
#   clause: license-copy
#   section: "§3(a) Distribution"
#   quote: >-
#     You must provide all such Third Party recipients of the Tencent Hunyuan Works or products or
#     services using them a copy of this Agreement;
#   source: https://github.com/Tencent-Hunyuan/Hunyuan-A13B/blob/2798f3c/LICENSE
#   satisfied_by: >-
#     product.license_copies_included for distributed weights; an attestation for a product or
#     model offered as a service
#   remediation: >-
#     Ship the Agreement with the weights (product.license_copies_included: true); for a service,
#     give users the Agreement (for example linked from the terms) and record an attestation for
#     tencent-hunyuan-community:license-copy.
findings contains item if some item in clauses.license_copy_with_services(license, {"weights", "outputs"})

# DESIGN.md §2.1 rule 8: a model listed for training that no declared derived model comes from
# leaves the copy duty toward what it trains undecidable.
findings contains item if some item in clauses.training_needs_student(license, "license-copy")

# METADATA
# title: Mark modified files
# description: Distributed modified files carry prominent notices that they were changed.
# custom:
#   clause: modified-files-notice
#   section: "§3(b) Distribution"
#   quote: You must cause any modified files to carry prominent notices stating that You changed the files;
#   source: https://github.com/Tencent-Hunyuan/Hunyuan-A13B/blob/2798f3c/LICENSE
#   remediation: >-
#     Add a prominent notice that the files were changed and set derived_models[].modified_files_marked
#     to true.
findings contains item if some item in clauses.modified_files(license)

# METADATA
# title: Ship the Tencent Hunyuan Notice file
# description: >-
#   Distributions to Third Parties other than through a Hosted Service carry a "Notice" text
#   file with the notice of §3(d).
# custom:
#   clause: notice-file
#   section: "§3(d) Distribution"
#   quote: >-
#     All distributions to Third Parties (other than through a Hosted Service) must be accompanied
#     by a "Notice" text file that contains the following notice:
#   source: https://github.com/Tencent-Hunyuan/Hunyuan-A13B/blob/2798f3c/LICENSE
#   remediation: >-
#     Add a Notice file containing "Tencent Hunyuan is licensed under the Tencent Hunyuan
#     Community License Agreement, Copyright © 2025 Tencent. All Rights Reserved. The trademark
#     rights of "Tencent Hunyuan" are owned by Tencent or its affiliate." and name it in
#     product.notice_file.
findings contains item if some item in clauses.notice_file_for(license, _notice, {"weights", "outputs"})

# METADATA
# title: Agreements governing use carry the use restrictions of §5(a)–(b)
# description: >-
#   Any agreement governing the use or distribution of the works (license agreement, terms of
#   use) includes the use restrictions of §5(a) and §5(b) as an enforceable provision, and
#   subsequent users are told of them. A product offered to customers or the public, a released
#   model and shipped weights all reach users under such an agreement.
# custom:
#   clause: use-restrictions-flowdown
#   section: "§5(a) Rules of Use"
#   quote: >-
#     You must include the use restrictions referenced in these Sections 5(a) and 5(b) as an
#     enforceable provision in any agreement (e.g., license agreement, terms of use, etc.)
#     governing the use and/or distribution of Tencent Hunyuan Works
#   source: https://github.com/Tencent-Hunyuan/Hunyuan-A13B/blob/2798f3c/LICENSE
#   remediation: >-
#     Put the use restrictions of §5(a)–(b) in the terms users accept and set
#     product.user_terms_include_use_restrictions to true (or list tencent-hunyuan-community).
findings contains item if some item in clauses.flowdown(license, true)

# METADATA
# title: Outputs improve no AI model other than Tencent Hunyuan or its Model Derivatives
# description: >-
#   The works and their Output may not be used to improve any AI model other than Tencent
#   Hunyuan or its Model Derivatives. A model trained on the Output "in order to cause that model
#   to perform similarly to Tencent Hunyuan" is itself a Model Derivative (§1(g)(iii)); whether
#   a student is one is a person's judgement, so a model trained on the outputs needs an
#   attestation. A model built on the weights is a Model Derivative and is not reached.
# custom:
#   clause: output-use
#   section: "§5(b) Rules of Use; §1(g) Model Derivatives"
#   quote: >-
#     You must not use the Tencent Hunyuan Works or any Output or results of the Tencent Hunyuan
#     Works to improve any other AI model (other than Tencent Hunyuan or Model Derivatives
#     thereof).
#   source: https://github.com/Tencent-Hunyuan/Hunyuan-A13B/blob/2798f3c/LICENSE
#   remediation: >-
#     Have counsel confirm that the student is a Model Derivative of Tencent Hunyuan (trained to
#     perform similarly to it) and record an attestation, or stop training it on the outputs.
findings contains item if {
	some item in clauses.output_use_judged(
		license,
		"is a Model Derivative of Tencent Hunyuan (trained to perform similarly to it), not another AI model improved with its Output",
	)
}

# METADATA
# title: No circumvention of Tencent's safety guardrails
# description: >-
#   The Acceptable Use Policy forbids using Tencent Hunyuan or Model Derivatives to override or
#   circumvent the safety guardrails and safeguards Tencent put in place:
#   models[].guardrails_modified true breaches it; an absent value stays part of the
#   acceptable-use attestation.
# custom:
#   clause: guardrails
#   section: "Exhibit A Acceptable Use Policy, item 5"
#   quote: To override or circumvent the safety guardrails and safeguards We have put in place;
#   source: https://github.com/Tencent-Hunyuan/Hunyuan-A13B/blob/2798f3c/LICENSE
#   remediation: Restore the model's safety guardrails and set models[].guardrails_modified to false.
findings contains item if some item in clauses.safety_measures_kept(license, _aup)

# METADATA
# title: Use complies with the Acceptable Use Policy
# description: >-
#   Use of the works follows applicable law and the Acceptable Use Policy of Exhibit A, which the
#   Agreement incorporates. Only a person can judge the use cases against it.
# custom:
#   clause: acceptable-use
#   section: "§5(a) Rules of Use; Exhibit A"
#   quote: >-
#     adhere to the Acceptable Use Policy for the Tencent Hunyuan Works, which is hereby
#     incorporated by reference into this Agreement.
#   source: https://github.com/Tencent-Hunyuan/Hunyuan-A13B/blob/2798f3c/LICENSE
#   remediation: >-
#     Have counsel review the use cases against Exhibit A and record an attestation for
#     tencent-hunyuan-community:acceptable-use.
findings contains item if some item in clauses.acceptable_use(license, _aup)
