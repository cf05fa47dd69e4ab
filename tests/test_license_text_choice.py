"""Which text of a license a checkpoint is judged by (catalog `licenses` and
`alternative_licenses`): a manifest may pick an earlier text the checkpoint was released under,
never a text the checkpoint never had, and never drop a license the catalog lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TODAY
from licensegate import api
from licensegate.engine.embedded import EmbeddedEngine
from licensegate.errors import ManifestError
from licensegate.policy import PolicyLibrary

HEAD = """\
apiVersion: licensegate/v1
kind: Deployment
metadata: {name: text-choice}
licensee: {name: Lab, domicile: NL}
product: {commercial: false, environment: research, audience: internal}
models:
"""


def _licenses(tmp_path: Path, model: str, library: PolicyLibrary) -> list[str]:
    path = tmp_path / "licensegate.yaml"
    path.write_text(HEAD + f"  - {model}\n", encoding="utf-8")
    result = api.check_one(path, library, EmbeddedEngine(library), today=TODAY)
    return sorted({clause.id.split(":")[0] for clause in result.clauses})


def test_flux_dev_defaults_to_the_current_text(tmp_path: Path, library: PolicyLibrary) -> None:
    model = "{id: black-forest-labs/FLUX.1-dev, uses: [evaluation]}"
    assert _licenses(tmp_path, model, library) == ["flux-1-dev-non-commercial-license"]


def test_flux_dev_copy_taken_in_2024_may_declare_the_first_text(
    tmp_path: Path, library: PolicyLibrary
) -> None:
    model = (
        "{id: black-forest-labs/FLUX.1-dev, license: flux-1-dev-non-commercial-license-2024-08,"
        " uses: [evaluation]}"
    )
    assert _licenses(tmp_path, model, library) == ["flux-1-dev-non-commercial-license-2024-08"]


@pytest.mark.parametrize(
    "model",
    [
        # Kontext came out under v1.1 in 2025: the 2024 text (no content-filter condition) was
        # never its license, so declaring it is an error, not a way around §2(e).
        "{id: black-forest-labs/FLUX.1-Kontext-dev,"
        " license: flux-1-dev-non-commercial-license-2024-08, uses: [inference]}",
        # Command R carries the C4AI policy beside CC BY-NC 4.0: declaring CC BY-NC alone would
        # drop the policy's clauses.
        "{id: CohereForAI/c4ai-command-r-v01, license: cc-by-nc-4.0, uses: [inference]}",
        # gpt-oss is Apache-2.0 plus its usage policy, not Apache-2.0 alone.
        "{id: openai/gpt-oss-20b, license: apache-2.0, uses: [inference]}",
        # Each Hunyuan release has its own copy of the Community License: HunyuanVideo's names
        # 2024 in its Notice, Hunyuan-A13B's 2025; neither model was released under the other's.
        "{id: tencent/HunyuanVideo, license: tencent-hunyuan-community, uses: [inference]}",
        "{id: tencent/Hunyuan-A13B-Instruct, license: tencent-hunyuan-community-2024-12-03,"
        " uses: [inference]}",
    ],
)
def test_a_text_the_checkpoint_never_had_is_refused(
    tmp_path: Path, model: str, library: PolicyLibrary
) -> None:
    with pytest.raises(ManifestError, match="disagrees with the catalog"):
        _licenses(tmp_path, model, library)


def test_command_r_under_the_renamed_policy(tmp_path: Path, library: PolicyLibrary) -> None:
    model = (
        "{id: CohereForAI/c4ai-command-r-v01, license: [cc-by-nc-4.0, c4ai-acceptable-use],"
        " uses: [inference]}"
    )
    assert _licenses(tmp_path, model, library) == ["c4ai-acceptable-use", "cc-by-nc-4.0"]
