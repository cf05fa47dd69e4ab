"""Generated documentation stays in step with its sources."""

from __future__ import annotations

import pytest

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


def test_readme_license_table_is_fresh() -> None:
    from licensegate import api, library_docs

    committed = (REPO / "README.md").read_text(encoding="utf-8")
    fresh = library_docs.with_license_table(committed, api.load_library())
    assert committed == fresh, "README.md's license table is stale: run `make docs`"


def test_readme_license_table_lists_every_license_package() -> None:
    from licensegate import api, library_docs

    library = api.load_library()
    table = library_docs.license_table_markdown(library)
    for license_id in library.licenses:
        if license_id != "licensegate":
            assert f"[`{license_id}`]" in table, license_id


def test_readme_license_table_markers_are_required() -> None:
    from licensegate import api, library_docs

    library = api.load_library()
    begin, end = library_docs.README_BEGIN, library_docs.README_END
    for broken in ("no markers", f"{begin}\n{begin}\n{end}\n", f"{end}\nx\n{begin}\n"):
        with pytest.raises(ValueError, match="marker"):
            library_docs.with_license_table(broken, library)
    text = f"before\n{begin}\nold table\n{end}\nafter\n"
    fresh = library_docs.with_license_table(text, library)
    assert fresh.startswith(f"before\n{begin}\n| license id |") and fresh.endswith(
        f"{end}\nafter\n"
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
