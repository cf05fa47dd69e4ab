"""Generated documentation stays in step with its sources."""

from __future__ import annotations

from conftest import REPO
from licensegate import schemadoc


def test_manifest_reference_is_fresh() -> None:
    committed = (REPO / "docs" / "manifest.md").read_text(encoding="utf-8")
    assert committed == schemadoc.render(), "docs/manifest.md is stale: run `make docs`"


def test_clause_library_page_is_fresh() -> None:
    from licensegate import api, library_docs

    committed = (REPO / "policies" / "README.md").read_text(encoding="utf-8")
    assert committed == library_docs.licenses_markdown(api.load_library()), (
        "policies/README.md is stale: run `make docs`"
    )


def test_every_clause_kind_says_when_it_applies_and_what_satisfies_it() -> None:
    from licensegate import api, library_docs

    for info in api.load_library().clauses.values():
        assert library_docs.trigger_of(info), info.id
        assert library_docs.satisfied_by(info), info.id


def test_readme_opens_with_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    head = readme[:1500]
    assert "make demo" in head and "make test" in head
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_license_dispatch_module_is_fresh() -> None:
    from licensegate import api, dispatch

    committed = (REPO / "policies" / dispatch.MODULE_NAME).read_text(encoding="utf-8")
    assert committed == dispatch.render(api.load_library()), (
        "policies/licensegate/dispatch/dispatch.rego is stale: run `make generate`"
    )
