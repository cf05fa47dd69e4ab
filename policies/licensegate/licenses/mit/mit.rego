# METADATA
# title: MIT License
# description: >-
#   The MIT License, for every model published under it (DeepSeek-R1 and its distills, Microsoft
#   Phi, ...). Its one condition is that the model's own copyright notice and the permission
#   notice go with every copy or substantial portion; the copyright line differs per model, so
#   findings name the one the catalog records (`copyright`, `license_file`). The text quoted is
#   DeepSeek-R1's copy (the permission notice is the same in every copy). Distillation is not a
#   copy, so a model trained only on outputs carries no MIT duty; the R1-Distill checkpoints also
#   carry their base models' licenses.
# related_resources:
#   - description: license text
#     ref: https://github.com/deepseek-ai/DeepSeek-R1/blob/main/LICENSE
# custom:
#   license: mit
#   name: MIT License
#   version: "MIT License (the copyright line is each model's own)"
#   text: https://github.com/deepseek-ai/DeepSeek-R1/blob/main/LICENSE
#   out_of_reach:
#     - >-
#       Nothing beyond the notice condition: the warranty disclaimer binds no deployment.
package licensegate.licenses.mit

import rego.v1

import data.licensegate.lib.clauses
import data.licensegate.lib.subjects

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
#     Ship the model's own LICENSE file (its copyright notice, named in the finding, and the
#     permission notice) with the weights and set product.license_copies_included to true.
findings contains _naming_the_notice(item) if some item in clauses.license_copy(license)

# The finding names the copyright notice of the subject's own MIT model(s).
_naming_the_notice(item) := object.union(item, {"message": sprintf("%s; the notice to include: %s", [
	item.message, concat("; ", _notices(item.subject)),
])})

_notices(id) := [_notice(model_id) | some model_id in _mit_models(id)]

# The MIT-licensed listed models behind a subject: itself, or a derived model's upstream.
_mit_models(id) := [subjects.listed(id).id] if {
	subjects.listed(id)
} else := sort({edge.model |
	some subject in data.licensegate.lib.subjects.derived
	subject.id == id
	some edge in subject.upstream
	edge.via == "weights"
	license in subjects.licenses_of(subjects.listed(edge.model))
})

_notice(model_id) := sprintf("\"%s\" and the permission notice of %s's LICENSE (%s)", [
	entry.copyright, model_id, entry.license_file,
]) if {
	entry := subjects.catalog_entry(model_id)
	entry.copyright
} else := sprintf("the copyright notice and permission notice of %s's own LICENSE file", [model_id])

# DESIGN.md §2.1 rule 8: a model listed for training (fine-tuning, distillation, synthetic data,
# training feedback) that no declared derived model comes from leaves the license's duties toward
# what it trains undecidable; they are asked for under license-copy.
findings contains item if some item in clauses.training_needs_student(license, "license-copy")
