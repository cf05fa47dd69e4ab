# METADATA
# title: Apache License, Version 2.0
# description: >-
#   Clauses of the Apache License, Version 2.0 (January 2004) that bind a deployment of model
#   weights released under it (Mistral 7B, Mixtral, Mistral Nemo, Grok-1, the Qwen bases of the
#   DeepSeek-R1-Distill-Qwen models). The license has no user threshold, no naming or display
#   rule and no use restrictions; its duties are the §4 redistribution conditions. §4(d) (NOTICE
#   propagation) depends on whether the upstream distribution includes a NOTICE file, which
#   neither the manifest nor the catalog records, so it is not encoded here.
# related_resources:
#   - description: license text
#     ref: https://www.apache.org/licenses/LICENSE-2.0
# custom:
#   license: apache-2.0
#   name: Apache License, Version 2.0
#   version: "Version 2.0, January 2004"
#   text: https://www.apache.org/licenses/LICENSE-2.0
#   out_of_reach:
#     - >-
#       §4(d): a NOTICE file of the original must travel with derivative works; the catalog does
#       not record the contents of upstream NOTICE files, so whether one exists and was kept is
#       for a reviewer.
#     - >-
#       §3: the patent license ends if you sue over patents in the Work; litigation is not a
#       manifest fact.
package licensegate.licenses.apache_2_0

import rego.v1

import data.licensegate.lib.clauses

# The license id this package judges; licensegate.main finds the package by it.
license := "apache-2.0"

# METADATA
# title: Give a copy of the License with distributed weights
# description: >-
#   Whoever distributes copies of the Work or of Derivative Works gives every recipient a copy
#   of the License: shipped weights of a listed model and published derived weights.
# custom:
#   clause: license-copy
#   section: "§4(a) Redistribution"
#   quote: You must give any other recipients of the Work or Derivative Works a copy of this License
#   source: https://www.apache.org/licenses/LICENSE-2.0
#   remediation: >-
#     Ship the Apache License 2.0 text with the weights and set product.license_copies_included
#     to true.
findings contains item if some item in clauses.license_copy(license)

# METADATA
# title: Mark modified files in published derived weights
# description: >-
#   A derivative whose weights are published must carry prominent notices in the files that
#   were changed.
# custom:
#   clause: modified-files-notice
#   section: "§4(b) Redistribution"
#   quote: You must cause any modified files to carry prominent notices stating that You changed the files
#   source: https://www.apache.org/licenses/LICENSE-2.0
#   remediation: >-
#     Add a prominent notice that the files were changed (for example in the model card and the
#     changed files' metadata) and set derived_models[].modified_files_marked to true.
findings contains item if some item in clauses.modified_files(license)

# METADATA
# title: Keep the Work's notices in distributed copies
# description: >-
#   Distributed copies of the model and of models derived from its weights keep the copyright,
#   patent, trademark and attribution notices of the original that pertain to them (model card,
#   LICENSE and NOTICE files). Whether any were removed cannot be read from a manifest: a person
#   attests it.
# custom:
#   clause: retain-notices
#   section: "§4(c) Redistribution"
#   quote: >-
#     You must retain, in the Source form of any Derivative Works that You distribute, all
#     copyright, patent, trademark, and attribution notices from the Source form of the Work
#   source: https://www.apache.org/licenses/LICENSE-2.0
#   trigger: weights of the model, or of a model derived from its weights, leave the organisation
#   satisfied_by: an attestation that the distributed files keep the original notices
#   remediation: >-
#     Check that the distributed files keep the original copyright, patent, trademark and
#     attribution notices, then record an attestation for apache-2.0:retain-notices.
findings contains item if some item in clauses.retain_notices(license)

# DESIGN.md §2.1 rule 8: a model listed for training (fine-tuning, distillation, synthetic data,
# training feedback) that no declared derived model comes from leaves the license's duties toward
# what it trains undecidable; they are asked for under modified-files-notice.
findings contains item if some item in clauses.training_needs_student(license, "modified-files-notice")
