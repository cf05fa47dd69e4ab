# METADATA
# title: Tencent Hunyuan Community License Agreement (2024-12-03 text)
# description: >-
#   Clauses of the Tencent Hunyuan Community License Agreement as published with HunyuanVideo on
#   2024-12-03 (Tencent-Hunyuan/HunyuanVideo, LICENSE.txt). It is the 2025-06-27 text
#   (tencent-hunyuan-community) but for three things: it names HunyuanVideo and its release date,
#   it names THL A29 Limited as "Tencent", and its Notice reads "Copyright © 2024 Tencent" (§3(d)),
#   which a Notice file copied from the 2025 text would not contain. The catalog gives it to the
#   models released with it; a deployment judged by it gets findings under this id only.
# related_resources:
#   - description: license text
#     ref: https://github.com/Tencent-Hunyuan/HunyuanVideo/blob/fa14b00/LICENSE.txt
# custom:
#   license: tencent-hunyuan-community-2024-12-03
#   name: Tencent Hunyuan Community License Agreement (2024-12-03)
#   version: "2024-12-03, published with HunyuanVideo"
#   text: https://github.com/Tencent-Hunyuan/HunyuanVideo/blob/fa14b00/LICENSE.txt
#   quoted_from:
#     - tencent-hunyuan-community-2024-12-03.LICENSE.txt
#   out_of_reach:
#     - >-
#       §3(c): a blog post and "Powered by Tencent Hunyuan" are encouraged, not required; nothing
#       to breach.
#     - >-
#       §4: the MAU count is of "all products or services made available by or for Licensee";
#       licensee.monthly_active_users also counts affiliates, so a figure above the limit may
#       overstate the licensee's own (counsel can record a waiver on the licensee's own
#       figure).
#     - >-
#       §5(a): compliance with applicable laws, including trade compliance laws; no manifest fact.
#     - >-
#       §6(b)-(c): trademark use beyond §3(c), and the termination on a lawsuit against Tencent;
#       no manifest fact.
package licenses.tencent_hunyuan_community_2024_12_03

import rego.v1

import data.lib.clauses
import data.lib.deployment

# The license id this package judges; licensegate.main finds the package by it.
license := "tencent-hunyuan-community-2024-12-03"

# §1(l): the Territory is the world without the European Union, the United Kingdom and South
# Korea.
excluded := (deployment.eu_member_states | {"GB", "KR"})

# The release date this text states ("Tencent HunyuanVideo Release Date: December 3, 2024"), for a
# model the catalog does not date.
text_release_date := "2024-12-03"

mau_limit := 100000000

# §3(d), with typographic quotes made straight as the host does for Notice files.
notice := concat(" ", [
	"Tencent Hunyuan is licensed under the Tencent Hunyuan Community License Agreement, Copyright © 2024 Tencent.",
	"All Rights Reserved. The trademark rights of \"Tencent Hunyuan\" are owned by Tencent or its affiliate.",
])

# METADATA
# title: Not licensed in the European Union, the United Kingdom or South Korea
# description: >-
#   Rights are granted for the Territory only, the world without the EU, the UK and South Korea,
#   and the Works, their Output and results may not be used, reproduced, modified, distributed
#   or displayed outside it. A licensee based in an excluded country breaches it; so does a
#   deployment whose models are used, offered or distributed in one (product.countries, which
#   the clause needs: the domicile alone does not say where the models reach). Weights that
#   anyone can download reach every country, the excluded ones included.
# custom:
#   clause: territory
#   section: "§1(l) Definitions; §5(c) Rules of Use"
#   quote: >-
#     You must not use, reproduce, modify, distribute, or display the Tencent Hunyuan Works, Output
#     or results of the Tencent Hunyuan Works outside the Territory.
#   source: https://github.com/Tencent-Hunyuan/HunyuanVideo/blob/fa14b00/LICENSE.txt
#   trigger: any use of a model under the license, and every derived model made from it
#   satisfied_by: >-
#     licensee.domicile and every code in product.countries outside the European Union, GB and KR;
#     product.countries absent is missing-facts
#   remediation: >-
#     Keep every use, offer and distribution of the model inside the Territory (no EU member
#     state, GB or KR) and list the countries in product.countries; a licensee based in the EU,
#     the UK or South Korea needs a separate agreement with Tencent (record it as a waiver).
findings contains item if some item in clauses.territory(license, excluded)

# METADATA
# title: No more than 100 million monthly active users at release
# description: >-
#   If the products or services made available by or for the licensee had more than 100 million
#   monthly active users in the calendar month before the model's release date, no rights exist
#   until Tencent grants a license. Each Hunyuan model's copy of the text names its own release
#   date: the month is the one before the catalog's release date of the model (November 2024
#   for HunyuanVideo), else before the date this text states.
# custom:
#   clause: mau-threshold
#   section: "§4 Additional Commercial Terms"
#   quote: >-
#     If, on the Tencent Hunyuan version release date, the monthly active users of all products or
#     services made available by or for Licensee is greater than 100 million monthly active users
#     in the preceding calendar month
#   source: https://github.com/Tencent-Hunyuan/HunyuanVideo/blob/fa14b00/LICENSE.txt
#   trigger: any use of a model under the license
#   satisfied_by: >-
#     the licensee's monthly active users in the month before the model's release date (catalog
#     release_date, else the text's own date) are not above 100 million:
#     licensee.mau_history[YYYY-MM], else licensee.monthly_active_users; neither is missing-facts
#   remediation: >-
#     Request a license from Tencent before any use and record it as a waiver once granted; if
#     the figure is wrong, give the figure for the month before the model's release in
#     licensee.mau_history.
findings contains item if some item in clauses.mau_at_model_release(license, text_release_date, mau_limit)

# METADATA
# title: No use of the model or its outputs to improve another AI model
# description: >-
#   Neither the Works nor their Output may improve any AI model other than Tencent Hunyuan and
#   its Model Derivatives. A model built on Hunyuan weights is a Model Derivative. A model
#   trained on Hunyuan outputs is one only if the training transfers Hunyuan's patterns "in
#   order to cause that model to perform similarly" (§1(g)(iii), distillation and synthetic data
#   included); whether it does is a person's judgement. The ban is not limited to language
#   models. A listed model used to teach, generate data or give feedback needs its students
#   declared.
# custom:
#   clause: output-use
#   section: "§5(b) Rules of Use; §1(g) Definitions"
#   quote: >-
#     You must not use the Tencent Hunyuan Works or any Output or results of the Tencent Hunyuan
#     Works to improve any other AI model (other than Tencent Hunyuan or Model Derivatives
#     thereof).
#   source: https://github.com/Tencent-Hunyuan/HunyuanVideo/blob/fa14b00/LICENSE.txt
#   trigger: >-
#     a derived model trained on the model's outputs (any AI model), or the model used as a
#     distillation teacher, synthetic-data source or training feedback
#   satisfied_by: >-
#     a student built on the model's weights is a Model Derivative and not reached; a student
#     trained only on outputs needs an attestation; undeclared students are missing-facts
#   remediation: >-
#     Train only Model Derivatives on Hunyuan outputs (models meant to perform similarly to
#     Tencent Hunyuan, which then fall under this license) and record an attestation for
#     tencent-hunyuan-community-2024-12-03:output-use; declare every model a teacher trains under
#     derived_models[].trained_on_outputs_of.
findings contains item if {
	some item in clauses.output_use_judged(
		license,
		"is meant to perform similarly to Tencent Hunyuan (a Model Derivative, §1(g)(iii)) and improves no other AI model",
	)
}

# METADATA
# title: Carry the use restrictions into the terms users accept
# description: >-
#   Any agreement governing the use or distribution of the Works (license agreement, terms of
#   use) includes the use restrictions of §5(a) and §5(b) as an enforceable provision. Terms of
#   use of a hosted service govern use, so a service counts as well as distributed weights.
# custom:
#   clause: use-restrictions-flowdown
#   section: "§5(a) Rules of Use"
#   quote: >-
#     You must include the use restrictions referenced in these Sections 5(a) and 5(b) as an
#     enforceable provision in any agreement (e.g., license agreement, terms of use, etc.)
#     governing the use and/or distribution of Tencent Hunyuan Works
#   source: https://github.com/Tencent-Hunyuan/HunyuanVideo/blob/fa14b00/LICENSE.txt
#   remediation: >-
#     Put the use restrictions of §5(a) (the Acceptable Use Policy) and §5(b) (no improving other
#     AI models) into the terms users accept and set product.user_terms_include_use_restrictions
#     to true (or list tencent-hunyuan-community-2024-12-03 in it).
findings contains item if some item in clauses.flowdown(license, true)

# METADATA
# title: Give third parties a copy of the Agreement
# description: >-
#   Third parties who receive the Works (Model Derivatives include models trained on the
#   outputs), or products or services using them, get a copy of the Agreement. Distributed
#   weights carry it (product.license_copies_included); no manifest field says how users of a
#   service receive it, so a person attests that.
# custom:
#   clause: license-copy
#   section: "§3(a) Distribution"
#   quote: >-
#     You must provide all such Third Party recipients of the Tencent Hunyuan Works or products or
#     services using them a copy of this Agreement;
#   source: https://github.com/Tencent-Hunyuan/HunyuanVideo/blob/fa14b00/LICENSE.txt
#   trigger: >-
#     a model under the license reaches third parties: shipped or published weights (students
#     trained on outputs too), or a product or derived model offered as a service
#   satisfied_by: >-
#     product.license_copies_included for distributed weights; an attestation for a service
#   remediation: >-
#     Ship the Agreement with the weights (product.license_copies_included); for a service, give
#     users the Agreement (for example linked from the terms they accept) and record an
#     attestation for tencent-hunyuan-community-2024-12-03:license-copy.
findings contains item if some item in clauses.license_copy_to_users(license, {"weights", "outputs"})

# METADATA
# title: Mark modified files in published derivatives
# description: Files changed in distributed Tencent Hunyuan Works carry prominent notices saying so.
# custom:
#   clause: modified-files-notice
#   section: "§3(b) Distribution"
#   quote: You must cause any modified files to carry prominent notices stating that You changed the files;
#   source: https://github.com/Tencent-Hunyuan/HunyuanVideo/blob/fa14b00/LICENSE.txt
#   remediation: >-
#     Add a notice to every modified file of the published weights saying it was changed, and set
#     derived_models[].modified_files_marked to true.
findings contains item if some item in clauses.modified_files(license)

# A model fine-tuned or used to train another, with no derived model declared, leaves the duties
# toward what it trains undecidable (DESIGN.md §2.1 rule 8).
findings contains item if some item in clauses.training_needs_student(license, "modified-files-notice")

# METADATA
# title: Ship the Hunyuan Notice file with distributed copies
# description: >-
#   Distributions to third parties other than through a Hosted Service carry a "Notice" text
#   file with the notice of §3(d), "Copyright © 2024 Tencent" in this text.
# custom:
#   clause: notice-file
#   section: "§3(d) Distribution"
#   quote: >-
#     All distributions to Third Parties (other than through a Hosted Service) must be accompanied
#     by a “Notice” text file that contains the following notice: “Tencent Hunyuan is licensed
#     under the Tencent Hunyuan Community License Agreement, Copyright © 2024 Tencent.
#   source: https://github.com/Tencent-Hunyuan/HunyuanVideo/blob/fa14b00/LICENSE.txt
#   remediation: >-
#     Add a Notice file containing "Tencent Hunyuan is licensed under the Tencent Hunyuan
#     Community License Agreement, Copyright © 2024 Tencent. All Rights Reserved. The trademark
#     rights of "Tencent Hunyuan" are owned by Tencent or its affiliate." to the distributed
#     weights and name it in product.notice_file.
findings contains item if some item in clauses.notice_file_for(license, notice, {"weights", "outputs"})

# METADATA
# title: Use complies with the Tencent Hunyuan Acceptable Use Policy
# description: >-
#   Use of the Works adheres to the Acceptable Use Policy of Exhibit A (no military purposes, no
#   high-stakes automated decisions, no unmarked machine-generated content in public contexts,
#   among others). Only a person can judge the use cases against it.
# custom:
#   clause: acceptable-use
#   section: "§5(a) Rules of Use; Exhibit A"
#   quote: >-
#     adhere to the Acceptable Use Policy for the Tencent Hunyuan Works, which is hereby
#     incorporated by reference into this Agreement.
#   source: https://github.com/Tencent-Hunyuan/HunyuanVideo/blob/fa14b00/LICENSE.txt
#   remediation: >-
#     Have counsel review the use cases against Exhibit A and record an attestation for
#     tencent-hunyuan-community-2024-12-03:acceptable-use.
findings contains item if some item in clauses.acceptable_use(license, "Tencent Hunyuan Acceptable Use Policy")

# METADATA
# title: Keep the safety guardrails
# description: >-
#   The Acceptable Use Policy forbids overriding or circumventing the safety guardrails and
#   safeguards Tencent put in place: models[].guardrails_modified true breaches it; an absent
#   value stays part of the acceptable-use attestation.
# custom:
#   clause: guardrails
#   section: "Exhibit A, item 5"
#   quote: To override or circumvent the safety guardrails and safeguards We have put in place;
#   source: https://github.com/Tencent-Hunyuan/HunyuanVideo/blob/fa14b00/LICENSE.txt
#   remediation: >-
#     Restore the model's safety guardrails and safeguards and set models[].guardrails_modified
#     to false.
findings contains item if some item in clauses.safety_measures_kept(license, "Tencent Hunyuan Acceptable Use Policy")
