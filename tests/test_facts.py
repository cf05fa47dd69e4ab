"""Cross-field checks and the input document the policies evaluate."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TODAY
from licensegate.errors import ManifestError
from licensegate.facts import build_input, normalise_text
from licensegate.manifest import load_manifest
from licensegate.policy import PolicyLibrary

HEAD = """\
apiVersion: licensegate/v1
kind: Deployment
metadata: {name: t}
licensee: {name: Acme, domicile: US, monthly_active_users: 5}
product: {commercial: true, environment: production, audience: public}
"""


def _input(tmp_path: Path, body: str, library: PolicyLibrary) -> dict:
    path = tmp_path / "licensegate.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    return build_input(load_manifest(path), library, TODAY)


def test_defaults_are_filled(tmp_path: Path, library: PolicyLibrary) -> None:
    document = _input(
        tmp_path, "models:\n  - {id: mistralai/Mistral-7B-v0.1, uses: [inference]}\n", library
    )
    assert document["today"] == "2026-11-29"
    assert document["manifest"]["product"]["ships_weights"] is False
    assert document["manifest"]["derived_models"] == []
    assert document["files"] == {}


def test_upstream_follows_derived_chains_and_marks_outputs(
    tmp_path: Path, library: PolicyLibrary
) -> None:
    body = """\
models:
  - {id: meta-llama/Meta-Llama-3-8B-Instruct, uses: [synthetic-data]}
  - {id: mistralai/Mistral-7B-v0.1, uses: [fine-tuning]}
derived_models:
  - {name: Student, base_models: [mistralai/Mistral-7B-v0.1], trained_on_outputs_of: [meta-llama/Meta-Llama-3-8B-Instruct], release: none}
  - {name: Student-Chat, base_models: [Student], release: api}
"""
    document = _input(tmp_path, body, library)
    assert document["upstream"]["Student-Chat"] == [
        {"model": "meta-llama/Meta-Llama-3-8B-Instruct", "via": "outputs"},
        {"model": "mistralai/Mistral-7B-v0.1", "via": "weights"},
    ]


def test_cycle_is_an_error_with_line(tmp_path: Path, library: PolicyLibrary) -> None:
    body = """\
models:
  - {id: mistralai/Mistral-7B-v0.1, uses: [fine-tuning]}
derived_models:
  - {name: A, base_models: [B], release: none}
  - {name: B, base_models: [A], release: none}
"""
    with pytest.raises(ManifestError, match="built from itself") as err:
        _input(tmp_path, body, library)
    assert err.value.line in (9, 10)


def test_unlisted_upstream_is_an_error_with_line(tmp_path: Path, library: PolicyLibrary) -> None:
    body = """\
models:
  - {id: mistralai/Mistral-7B-v0.1, uses: [fine-tuning]}
derived_models:
  - name: A
    base_models: [mistralai/Mistral-7B-v0.3]
    release: api
"""
    with pytest.raises(ManifestError, match="neither a listed model") as err:
        _input(tmp_path, body, library)
    assert err.value.line == 10


def test_declared_license_must_agree_with_catalog(tmp_path: Path, library: PolicyLibrary) -> None:
    body = "models:\n  - {id: meta-llama/Llama-3.1-8B-Instruct, license: apache-2.0, uses: [inference]}\n"
    with pytest.raises(ManifestError, match="disagrees with the catalog") as err:
        _input(tmp_path, body, library)
    assert err.value.line == 7


def test_model_listed_twice_is_an_error(tmp_path: Path, library: PolicyLibrary) -> None:
    body = "models:\n  - {id: a/b, license: mit, uses: [inference]}\n  - {id: A/B, license: mit, uses: [inference]}\n"
    with pytest.raises(ManifestError, match="listed twice"):
        _input(tmp_path, body, library)


def test_notice_file_is_read_and_normalised(tmp_path: Path, library: PolicyLibrary) -> None:
    (tmp_path / "NOTICE").write_text(
        "Llama 3.1 is  licensed\nunder \u201cthe\u201d terms", encoding="utf-8"
    )
    body = (
        "  notice_file: NOTICE\nmodels:\n  - {id: mistralai/Mistral-7B-v0.1, uses: [inference]}\n"
    )
    head = HEAD.replace("audience: public}", "audience: public,\n  notice_file: NOTICE}").replace(
        "product: {", "product: {\n  "
    )
    path = tmp_path / "licensegate.yaml"
    path.write_text(head + body.split("\n", 1)[1], encoding="utf-8")
    document = build_input(load_manifest(path), library, TODAY)
    assert document["files"]["notice_file"] == {
        "path": "NOTICE",
        "exists": True,
        "utf8": True,
        "text": 'Llama 3.1 is licensed under "the" terms',
    }


def test_notice_file_outside_the_manifest_folder_is_refused(
    tmp_path: Path, library: PolicyLibrary
) -> None:
    head = HEAD.replace("audience: public}", "audience: public, notice_file: ../etc/passwd}")
    path = tmp_path / "licensegate.yaml"
    path.write_text(
        head + "models:\n  - {id: mistralai/Mistral-7B-v0.1, uses: [inference]}\n", encoding="utf-8"
    )
    with pytest.raises(ManifestError, match="inside the manifest's folder"):
        build_input(load_manifest(path), library, TODAY)


def test_normalise_text() -> None:
    assert normalise_text("a\u2019s  \u201cq\u201d\n b") == 'a\'s "q" b'


def test_declared_alternative_license_is_accepted(tmp_path: Path, library: PolicyLibrary) -> None:
    body = "models:\n  - {id: MiniMaxAI/MiniMax-Text-01, license: minimax-2025-01, uses: [inference]}\n"
    document = _input(tmp_path, body, library)
    assert document["manifest"]["models"][0]["license"] == "minimax-2025-01"
    other = "models:\n  - {id: MiniMaxAI/MiniMax-Text-01, license: llama3.1, uses: [inference]}\n"
    with pytest.raises(ManifestError, match="minimax or minimax-2025-01"):
        _input(tmp_path, other, library)


# --- Linear cost (issue 9 part 6): hostile derived-model graphs -------------------------------


def _lattice(count: int) -> str:
    """Derived models where each builds on the two before it: every path is a distinct walk."""
    lines = [
        "models:",
        "  - {id: mistralai/Mistral-7B-v0.1, uses: [fine-tuning]}",
        "  - {id: meta-llama/Meta-Llama-3-8B-Instruct, uses: [synthetic-data]}",
        "derived_models:",
        "  - {name: D0, base_models: [mistralai/Mistral-7B-v0.1], release: none}",
        "  - {name: D1, base_models: [D0], "
        "trained_on_outputs_of: [meta-llama/Meta-Llama-3-8B-Instruct], release: none}",
    ]
    lines += [
        f"  - {{name: D{i}, base_models: [D{i - 1}, D{i - 2}], release: none}}"
        for i in range(2, count)
    ]
    return "\n".join(lines) + "\n"


def test_diamond_lattice_of_40_derived_models_is_walked_once_each(
    tmp_path: Path, library: PolicyLibrary
) -> None:
    # NOTE: a walk without memory visits Fibonacci(40) paths here and would not finish.
    document = _input(tmp_path, _lattice(40), library)
    assert document["upstream"]["D39"] == [
        {"model": "meta-llama/Meta-Llama-3-8B-Instruct", "via": "outputs"},
        {"model": "mistralai/Mistral-7B-v0.1", "via": "weights"},
    ]
    assert document["upstream"]["D0"] == [{"model": "mistralai/Mistral-7B-v0.1", "via": "weights"}]


def test_chain_of_3000_derived_models_needs_no_deep_stack(
    tmp_path: Path, library: PolicyLibrary
) -> None:
    lines = [
        "models:",
        "  - {id: mistralai/Mistral-7B-v0.1, uses: [fine-tuning]}",
        "derived_models:",
        "  - {name: C0, base_models: [mistralai/Mistral-7B-v0.1], release: none}",
    ]
    lines += [f"  - {{name: C{i}, base_models: [C{i - 1}], release: none}}" for i in range(1, 3000)]
    document = _input(tmp_path, "\n".join(lines) + "\n", library)
    assert document["upstream"]["C2999"] == [
        {"model": "mistralai/Mistral-7B-v0.1", "via": "weights"}
    ]


def test_long_cycle_is_an_error_naming_the_loop(tmp_path: Path, library: PolicyLibrary) -> None:
    lines = [
        "models:",
        "  - {id: mistralai/Mistral-7B-v0.1, uses: [fine-tuning]}",
        "derived_models:",
        "  - {name: Entry, base_models: [L0], release: none}",
    ]
    lines += [f"  - {{name: L{i}, base_models: [L{i + 1}], release: none}}" for i in range(1999)]
    lines.append("  - {name: L1999, base_models: [L0], release: none}")
    with pytest.raises(ManifestError, match="built from itself") as err:
        _input(tmp_path, "\n".join(lines) + "\n", library)
    assert "(L0 -> L1 -> " in err.value.message
    assert err.value.message.endswith("L1999 -> L0)")
    assert err.value.line == 10  # the derived model L0, where the loop closes


def test_self_reference_is_a_cycle(tmp_path: Path, library: PolicyLibrary) -> None:
    body = """\
models:
  - {id: mistralai/Mistral-7B-v0.1, uses: [fine-tuning]}
derived_models:
  - {name: Self, base_models: [mistralai/Mistral-7B-v0.1, self], release: none}
"""
    with pytest.raises(ManifestError, match=r"Self is built from itself \(Self -> Self\)"):
        _input(tmp_path, body, library)
