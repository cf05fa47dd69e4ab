# METADATA
# title: MIT License (DeepSeek-R1)
# description: >-
#   The MIT License as DeepSeek-R1 publishes it for its code and weights (Copyright (c) 2023
#   DeepSeek). Its one condition is that the copyright and permission notice go with every copy
#   or substantial portion. Distillation is expressly allowed, so a model trained on R1 outputs
#   carries no MIT duty; the R1-Distill checkpoints also carry their base models' licenses.
# related_resources:
#   - description: license text
#     ref: https://github.com/deepseek-ai/DeepSeek-R1/blob/main/LICENSE
# custom:
#   license: mit
#   name: MIT License (DeepSeek-R1)
#   version: "MIT License, Copyright (c) 2023 DeepSeek"
#   text: https://github.com/deepseek-ai/DeepSeek-R1/blob/main/LICENSE
package licenses.mit

import rego.v1

import data.lib.clauses

# The license id this package judges; licensegate.main finds the package by it.
license := "mit"

# METADATA
# title: Include the copyright and permission notice with distributed weights
# description: >-
#   Shipped weights of a listed model and published weights of a model derived from them are
#   copies or substantial portions of the Software, so they go with the MIT copyright notice and
#   permission notice (the LICENSE file).
# custom:
#   clause: license-copy
#   section: MIT License, conditions
#   quote: >-
#     The above copyright notice and this permission notice shall be included in all copies or
#     substantial portions of the Software.
#   source: https://github.com/deepseek-ai/DeepSeek-R1/blob/main/LICENSE
#   remediation: >-
#     Ship DeepSeek-R1's LICENSE file (its copyright and permission notice) with the weights and
#     set product.license_copies_included to true.
findings contains item if some item in clauses.license_copy(license)

# DESIGN.md §2.1 rule 8: a model listed for training (fine-tuning, distillation, synthetic data,
# training feedback) that no declared derived model comes from leaves the license's duties toward
# what it trains undecidable; they are asked for under license-copy.
findings contains item if some item in clauses.training_needs_student(license, "license-copy")
