"""`explain` takes a clause or a license id and suggests near names; `models` shows the catalog."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from licensegate import api
from licensegate.cli import app


def _run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_explain_a_license_lists_its_clauses_and_text() -> None:
    result = _run("explain", "llama3.1")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("llama3.1: Llama 3.1 Community License Agreement")
    assert (
        "llama3.1:mau-threshold" in result.stdout and "llama3.1:derivative-naming" in result.stdout
    )
    assert "llama3.2:" not in result.stdout


def test_explain_an_unsupported_license_says_why() -> None:
    result = _run("explain", "grok2-community")
    assert result.exit_code == 0 and "not supported" in result.stdout


def test_explain_suggests_near_matches_for_typos() -> None:
    clause = _run("explain", "llama3.1:mau-treshold")
    assert clause.exit_code == 2
    assert "did you mean llama3.1:mau-threshold" in clause.stderr
    license_typo = _run("explain", "lama3.1")
    assert license_typo.exit_code == 2 and "did you mean llama3.1" in license_typo.stderr
    nothing = _run("explain", "zzzzzzzz")
    assert nothing.exit_code == 2 and "did you mean" not in nothing.stderr


def test_models_lists_the_whole_catalog_as_json() -> None:
    result = _run("models", "--format", "json")
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)["models"]
    assert len(listed) == len(api.load_library().catalog)
    assert all(entry["id"] and entry["licenses"] and entry["source"] for entry in listed)


def test_models_text_lists_every_catalog_entry() -> None:
    """Every entry renders, including those without a release date."""
    result = _run("models")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == len(api.load_library().catalog)


def test_models_filters_by_id_or_glob_in_any_case() -> None:
    one = _run("models", "META-LLAMA/llama-3.1-8b-instruct")
    assert one.exit_code == 0, one.output
    (line,) = one.stdout.splitlines()
    assert line.split()[:2] == ["meta-llama/Llama-3.1-8B-Instruct", "llama3.1"]
    many = _run("models", "meta-llama/llama-3.1-*")
    assert len(many.stdout.splitlines()) > 3


def test_models_unknown_id_is_exit_2_with_suggestions() -> None:
    result = _run("models", "meta-llama/llama-3.1-8b-instruc")
    assert result.exit_code == 2 and result.stdout == ""
    assert "did you mean meta-llama/Llama-3.1-8B-Instruct" in result.stderr
