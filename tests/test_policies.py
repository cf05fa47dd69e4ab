"""The policy library's own law: citations, tests per clause, portable Rego (engines.md §6)."""

from __future__ import annotations

import hashlib
import re

import pytest

from conftest import LICENSE_TEXTS, REPO
from licensegate import api
from licensegate.clause_kinds import clause_kinds
from licensegate.facts import normalise_text
from licensegate.policy import PolicyLibrary

LIBRARY = api.load_library()
CLAUSES = sorted(
    (info for info in LIBRARY.clauses.values() if info.license != "licensegate"), key=lambda i: i.id
)
# The clause kinds (DESIGN.md §3 vocabulary and the kinds added since): one row each in
# policies/clause-kinds.yaml. A new name needs a clause none of these names.
CLAUSE_KINDS = clause_kinds()
# Licenses whose quotes cannot be checked here: no byte-exact copy of the licensor's text could be
# sourced. Each package's custom.provenance names the copy its quotes were read from.
UNVENDORED = {
    # The January 6, 2025 text is in NVIDIA's own files only as Hugging Face card gating text
    # (the Cosmos 1.0 cards, also in the nvidia-cosmos 1.0.5 sdist); no NVIDIA repository on
    # GitHub holds it as a file, and the sdist could not be fetched byte for byte.
    "nvidia-open-model": "NVIDIA Open Model License Agreement, January 6, 2025",
    # Mistral AI publishes these only on its site and as Hugging Face gating text; the quotes
    # were checked against byte-exact third-party copies (sha256 in each package's provenance),
    # which are not vendored: the project copies a license file only when an issue asks for it.
    "mnpl": "Mistral AI Non-Production License, MNPL-0.1",
    "mrl": "Mistral AI Research License, MRL-0.1",
}
# Constructs that behave differently (or not at all) under regorus and real OPA.
NOT_PORTABLE = {
    "rego.metadata.": "regorus has no rego.metadata.*: the host reads METADATA",
    '$"': "template strings are not supported by regorus",
    "crypto.": "crypto.* is absent from the regorus wheel",
    "http.send": "policies never reach the network",
    "time.now_ns": "use input.today so that both engines and the tests agree on the date",
    "yaml.unmarshal": "YAML 1.1 and 1.2 booleans differ between engines",
    "print(": "print output differs between engines",
    "json.marshal": "number formatting and escaping differ between engines",
}


def _texts_of(license_id: str, library: PolicyLibrary) -> list[str]:
    """The licensor's own files for a license: `<license id>.*` in ../shared/license-texts, and
    the files its package names in `custom.quoted_from` (a file name there, or a path in this
    repository for a copy vendored here, such as the CC BY-NC 4.0 legal code). `llama3.*` would
    also match `llama3.1.LICENSE.txt`: a name whose next part starts with a digit is another
    version's text, and a quote found only there proves nothing for this one."""
    paths = [
        path
        for path in sorted(LICENSE_TEXTS.glob(f"{license_id}.*"))
        if not path.name[len(license_id) + 1 :][:1].isdigit()
    ]
    paths.extend(
        REPO / name if "/" in name else LICENSE_TEXTS / name
        for name in _package_custom(license_id, library).get("quoted_from", [])
    )
    return [normalise_text(path.read_text(encoding="utf-8")) for path in paths]


def _package_custom(license_id: str, library: PolicyLibrary) -> dict:
    from licensegate.policy import metadata_blocks

    package = library.licenses[license_id].package
    module = next(m for m in library.policy_modules if m.package == package)
    return dict(metadata_blocks(module.source)[0][1].get("custom", {}))


def _provenance(license_id: str, library: PolicyLibrary) -> str:
    return str(_package_custom(license_id, library).get("provenance", ""))


@pytest.mark.skipif(
    not LICENSE_TEXTS.is_dir(), reason="../shared/license-texts is not beside the repo"
)
@pytest.mark.parametrize("info", CLAUSES, ids=lambda i: i.id)
def test_quote_appears_verbatim_in_the_license_text(info, library: PolicyLibrary) -> None:
    texts = _texts_of(info.license, library)
    if not texts:
        # Only a license named in UNVENDORED may go without a text, and its package must say
        # which copy its quotes were read from; any other license needs a text to check.
        assert info.license in UNVENDORED, (
            f"{info.license}: no ../shared/license-texts/{info.license}.* and nothing in "
            "custom.quoted_from"
        )
        assert _provenance(info.license, library), f"{info.license}: no custom.provenance"
        return
    quote = normalise_text(info.quote)
    assert any(quote in text for text in texts), f"{info.file}:{info.line}: {info.quote!r}"


@pytest.mark.skipif(
    not LICENSE_TEXTS.is_dir(), reason="../shared/license-texts is not beside the repo"
)
@pytest.mark.parametrize("license_id", sorted(UNVENDORED))
def test_unvendored_licenses_still_have_no_text(license_id: str, library: PolicyLibrary) -> None:
    """An exception ends when its text arrives: then the quotes are checked against it."""
    assert license_id in library.licenses, f"{license_id}: no such license package"
    assert not _texts_of(license_id, library), f"{license_id}: has a text now, drop it here"


@pytest.mark.parametrize("license_id", sorted(LIBRARY.licenses))
def test_vendored_license_texts_are_the_recorded_bytes(
    license_id: str, library: PolicyLibrary
) -> None:
    """A copy vendored into the repository is byte-exact: its sha256 is the one recorded in the
    package's provenance, so an edit (a reflowed line, a stripped blank) cannot pass unseen."""
    custom = _package_custom(license_id, library)
    for name in (n for n in custom.get("quoted_from", []) if "/" in n):
        digest = hashlib.sha256((REPO / name).read_bytes()).hexdigest()
        assert digest in str(custom.get("provenance", "")), f"{name}: sha256 {digest}"


def test_every_clause_kind_has_one_row_and_every_row_is_used() -> None:
    """The built-in licensegate:* clauses count; a row no clause uses is a stale description."""
    used = {info.clause for info in LIBRARY.clauses.values()}
    without_row = sorted(used - set(CLAUSE_KINDS))
    assert not without_row, f"clause kinds with no row in policies/clause-kinds.yaml: {without_row}"
    unused = sorted(set(CLAUSE_KINDS) - used)
    assert not unused, f"rows of policies/clause-kinds.yaml no clause uses: {unused}"


@pytest.mark.parametrize("info", CLAUSES, ids=lambda i: i.id)
def test_clause_is_cited(info) -> None:
    assert info.clause in CLAUSE_KINDS, f"{info.clause}: no row in policies/clause-kinds.yaml"
    assert info.license in LIBRARY.licenses, f"{info.id} belongs to no license package"
    assert 0 < len(info.quote.split()) <= 40, "a quote is short: at most 40 words"
    assert "…" not in info.quote and "..." not in info.quote, "quotes are exact, without ellipses"
    assert info.source.startswith("https://")
    assert info.section and info.title and info.remediation and info.description


@pytest.mark.parametrize("info", CLAUSES, ids=lambda i: i.id)
def test_clause_has_tests_that_fire_and_stay_quiet(info, library: PolicyLibrary) -> None:
    package = library.licenses[info.license].package
    sources = "\n".join(m.source for m in library.test_modules if m.package == f"{package}_test")
    stem = info.clause.replace("-", "_")
    assert re.search(rf"^test_fail_{stem}\w*\s+if\b", sources, re.MULTILINE), (
        f"no test_fail_{stem}_*"
    )
    assert re.search(rf"^test_success_{stem}\w*\s+if\b", sources, re.MULTILINE), (
        f"no test_success_{stem}_*"
    )


@pytest.mark.parametrize("license_id", sorted(LIBRARY.licenses))
def test_license_package_declares_its_id(license_id: str, library: PolicyLibrary) -> None:
    """licensegate.main finds a license's package by `license := "<id>"`: it must be there."""
    info = library.licenses[license_id]
    (module,) = [m for m in library.policy_modules if m.package == info.package]
    assert f'\nlicense := "{license_id}"\n' in module.source
    assert info.version and info.text.startswith("https://")


def test_every_registered_license_has_clauses() -> None:
    for license_id in LIBRARY.licenses:
        assert any(info.license == license_id for info in CLAUSES), license_id


# OPA hoists function calls out of a negation: `not f(g(x))` or `not f(x) == v` is undefined
# there (not true) when an inner value is undefined, while regorus says true (opa#7558).
_NEGATED_CALL = re.compile(r"^\s*not\s+[^#\n]*\([^#\n]*(\(|==|!=)", re.MULTILINE)


@pytest.mark.parametrize("module", LIBRARY.modules, ids=lambda m: m.name)
def test_negation_takes_no_nested_calls_or_comparisons(module) -> None:
    match = _NEGATED_CALL.search(module.source)
    assert match is None, f"{module.name}: use a helper rule instead of {match.group(0).strip()!r}"


@pytest.mark.parametrize("module", LIBRARY.modules, ids=lambda m: m.name)
def test_package_is_under_the_bundle_s_one_root(module) -> None:
    """Every package under `licensegate`, the bundle's one root (DESIGN.md §8): a top-level `lib`
    or `licenses` would clash with other teams' bundles on a shared OPA server."""
    assert module.package.startswith("licensegate."), f"package {module.package}"


@pytest.mark.parametrize("module", LIBRARY.modules, ids=lambda m: m.name)
def test_module_is_portable_rego_v1(module) -> None:
    assert re.search(r"^import rego\.v1$", module.source, re.MULTILINE), "import rego.v1"
    for construct, why in NOT_PORTABLE.items():
        assert construct not in module.source, f"{construct}: {why}"
    directory = module.name.rsplit("/", 1)[0].replace("/", ".")
    assert (
        module.package.removesuffix("_test") == directory
        or module.package == "licensegate.lib.testing"
    ), f"package {module.package} should match its folder {directory}"
    assert max(len(line.expandtabs(4)) for line in module.source.splitlines()) <= 140


def _package_line_by_line(source: str) -> str | None:
    """The package declaration as policy.py found it before its one-search fast path."""
    for line in source.splitlines():
        match = re.match(r"^package\s+([A-Za-z0-9_.]+)\s*$", line.strip())
        if match:
            return match.group(1)
    return None


@pytest.mark.parametrize(
    "source",
    [
        "package a.b\n",
        "# METADATA\n# title: x\n  package   a_1.b  \t\nimport rego.v1\n",
        "\x1fpackage a\n",
        "packagea\npackage b\n",
        "package a b\npackage c\n",
        "x := `\npackage hidden\n`\npackage real\n",
        "# package a\npackage b",
        "package a\rpackage b\n",  # splitlines breaks at CR: line-by-line path
        "x package a\x0cpackage b\n",
        "y\u2028package c\n",
        "package\n a\n",
        "no declaration\n",
        "",
    ],
)
def test_package_of_matches_the_line_by_line_reading(source: str) -> None:
    from licensegate.errors import PolicyError
    from licensegate.policy import _package_of

    expected = _package_line_by_line(source)
    if expected is None:
        with pytest.raises(PolicyError, match="no package declaration"):
            _package_of("m.rego", source)
    else:
        assert _package_of("m.rego", source) == expected


def test_package_of_every_module_matches_the_line_by_line_reading(library: PolicyLibrary) -> None:
    for module in library.modules:
        assert module.package == _package_line_by_line(module.source), module.name
