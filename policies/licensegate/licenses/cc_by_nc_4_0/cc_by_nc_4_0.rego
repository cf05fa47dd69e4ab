# METADATA
# title: Creative Commons Attribution-NonCommercial 4.0 International Public License
# description: >-
#   Clauses of CC BY-NC 4.0 that bind a deployment of model weights released under it. The
#   Licensed Rights may be exercised "for NonCommercial purposes only", for the weights and for
#   Adapted Material (fine-tunes, merges, quantisations). The §3(a) attribution conditions apply
#   when You "Share" the Licensed Material, which §1(j) defines as providing the material itself
#   to the public. Serving a model as an API shares its outputs, not the weights, so only weights
#   that leave the organisation are reached. A model trained only on a CC BY-NC model's outputs
#   is not Adapted Material of the weights and is not reached; the teacher's own use is. Licensor
#   add-ons (such as an acceptable-use addendum) are not part of this text: a model carrying one
#   lists it as a license of its own.
# related_resources:
#   - description: legal code
#     ref: https://creativecommons.org/licenses/by-nc/4.0/legalcode
# custom:
#   license: cc-by-nc-4.0
#   name: Creative Commons Attribution-NonCommercial 4.0 International Public License
#   version: "Attribution-NonCommercial 4.0 International"
#   text: https://creativecommons.org/licenses/by-nc/4.0/legalcode
#   provenance: >-
#     Quotes are checked against cc-by-nc-4.0.legalcode.txt beside this package: a byte-exact
#     copy of Creative Commons' plain-text legal code (served as
#     https://creativecommons.org/licenses/by-nc/4.0/legalcode.txt), the git blob
#     fe463e0f7888bbf8b82e42d55f5743508ddafb7e of docroot/legalcode/by-nc_4.0.txt in
#     https://github.com/creativecommons/creativecommons.org at commit
#     7f5253347532fc0cb6cf51d78a7085d081fb4216 (file last changed in 02e3e32c, 2019-06-06),
#     sha256 41003d4a74749c0220e33dd415042164b5a1093ed401f36277234f772d22d3d0. That copy
#     letters the items of §2(a)(1) and §3(a)(1) a., b., c.; the HTML legal code letters them
#     A., B., C., which the sections below follow.
#   quoted_from:
#     - policies/licensegate/licenses/cc_by_nc_4_0/cc-by-nc-4.0.legalcode.txt
package licensegate.licenses.cc_by_nc_4_0

import rego.v1

import data.licensegate.lib.clauses
import data.licensegate.lib.subjects

# The license id this package judges; licensegate.main finds the package by it.
license := "cc-by-nc-4.0"

# METADATA
# title: Non-commercial use only
# description: >-
#   The weights and Adapted Material may be reproduced and Shared for NonCommercial purposes
#   only ("not primarily intended for or directed towards commercial advantage or monetary
#   compensation", §1(i)). A commercial product using the model, or a model built on its weights,
#   is outside the license.
# custom:
#   clause: non-commercial
#   section: "§2(a)(1) License grant; §1(i) NonCommercial"
#   quote: >-
#     reproduce and Share the Licensed Material, in whole or in part, for NonCommercial purposes
#     only
#   source: https://creativecommons.org/licenses/by-nc/4.0/legalcode
#   trigger: >-
#     any use of the model, or of a model built on its weights (Adapted Material); students
#     trained only on its outputs are not Adapted Material
#   remediation: >-
#     Use the model only in non-commercial work (product.commercial: false), or obtain a
#     commercial license from the licensor and record it as a waiver.
findings contains item if {
	some item in clauses.non_commercial(license)
	not _outputs_only(item.subject)
}

# A derived model that this license reaches only through outputs used for training.
_outputs_only(name) if {
	some subject in subjects.derived_under(license)
	subject.id == name
	subjects.vias(subject, license) == {"outputs"}
}

# METADATA
# title: Say the weights are under CC BY-NC 4.0 and include the license or its link
# description: >-
#   Whoever Shares the weights or Adapted Material indicates that they are licensed under CC
#   BY-NC 4.0 and includes the license text or its URI: shipped weights of a listed model and
#   published weights built on it.
# custom:
#   clause: license-copy
#   section: "§3(a)(1)(C) Attribution"
#   quote: >-
#     indicate the Licensed Material is licensed under this Public License, and include the text
#     of, or the URI or hyperlink to, this Public License.
#   source: https://creativecommons.org/licenses/by-nc/4.0/legalcode
#   remediation: >-
#     Ship the CC BY-NC 4.0 legal code (or its URI) with the weights, say that they are licensed
#     under it, and set product.license_copies_included to true.
findings contains item if some item in clauses.license_copy(license)

# METADATA
# title: Indicate modifications in shared Adapted Material
# description: >-
#   Published weights built on the model (Adapted Material) indicate that the Licensed Material
#   was modified, and keep any earlier indication of modifications.
# custom:
#   clause: modified-files-notice
#   section: "§3(a)(1)(B) Attribution"
#   quote: indicate if You modified the Licensed Material and retain an indication of any previous modifications
#   source: https://creativecommons.org/licenses/by-nc/4.0/legalcode
#   remediation: >-
#     State in the model card that the weights were modified (and keep earlier modification
#     notices), then set derived_models[].modified_files_marked to true.
findings contains item if some item in clauses.modified_files(license)

# METADATA
# title: Keep the creator identification and notices the licensor supplied
# description: >-
#   Shared copies keep the identification of the creators, the copyright notice, the notices
#   referring to the license and to the disclaimer of warranties, and the link to the Licensed
#   Material, where the licensor supplied them. Whether any were dropped is a person's judgement.
# custom:
#   clause: retain-notices
#   section: "§3(a)(1)(A) Attribution"
#   quote: >-
#     retain the following if it is supplied by the Licensor with the Licensed Material: i.
#     identification of the creator(s) of the Licensed Material and any others designated to
#     receive attribution
#   source: https://creativecommons.org/licenses/by-nc/4.0/legalcode
#   remediation: >-
#     Check that the shared files keep the creators' names, the copyright notice, the license and
#     disclaimer notices and the link to the original model, and record an attestation for
#     cc-by-nc-4.0:retain-notices.
findings contains item if some item in clauses.retain_notices(license)

# DESIGN.md §2.1 rule 8: a model listed for training (fine-tuning, distillation, synthetic data,
# training feedback) that no declared derived model comes from leaves the license's duties toward
# what it trains undecidable; they are asked for under modified-files-notice.
findings contains item if some item in clauses.training_needs_student(license, "modified-files-notice")
