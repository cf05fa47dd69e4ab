# METADATA
# title: gpt-oss usage policy
# description: >-
#   The usage policy OpenAI publishes beside the Apache License 2.0 for gpt-oss-120b and
#   gpt-oss-20b (openai/gpt-oss USAGE_POLICY, added with the release on 2025-08-05). The
#   weights themselves are under Apache-2.0, which the catalog lists as the models' other
#   license (its §4 redistribution clauses are judged by the apache-2.0 package); this id
#   carries only the policy's one commitment, to comply with applicable law, which only a
#   person can judge.
# related_resources:
#   - description: usage policy
#     ref: https://github.com/openai/gpt-oss/blob/7b583341fe16729127f6d5b94a7b09ccae97e1a1/USAGE_POLICY
# custom:
#   license: gpt-oss
#   name: gpt-oss usage policy
#   version: "USAGE_POLICY of 2025-08-05"
#   text: https://github.com/openai/gpt-oss/blob/7b583341fe16729127f6d5b94a7b09ccae97e1a1/USAGE_POLICY
#   out_of_reach:
#     - >-
#       Nothing beyond the one commitment: the weights' own duties are Apache-2.0's, judged by the
#       apache-2.0 package.
package licensegate.licenses.gpt_oss

import rego.v1

import data.licensegate.lib.clauses

# The license id this package judges; licensegate.main finds the package by it.
license := "gpt-oss"

# METADATA
# title: Use complies with applicable law
# description: >-
#   Using gpt-oss-120b or gpt-oss-20b is an agreement to comply with all applicable law. Only a
#   person can judge the use cases against it.
# custom:
#   clause: acceptable-use
#   section: "Usage policy"
#   quote: By using OpenAI gpt-oss-120b and gpt-oss-20b, you agree to comply with all applicable law.
#   source: https://github.com/openai/gpt-oss/blob/7b583341fe16729127f6d5b94a7b09ccae97e1a1/USAGE_POLICY
#   remediation: >-
#     Have counsel review the use cases against the gpt-oss usage policy (applicable law) and
#     record an attestation for gpt-oss:acceptable-use.
findings contains item if some item in clauses.acceptable_use(license, "gpt-oss usage policy")
