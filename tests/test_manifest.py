"""Tests for the manifest loader: the valid example, and every kind of bad input."""

from __future__ import annotations

import copy
import hashlib
import json
import re
from pathlib import Path

import pytest

from licensegate.errors import ManifestError
from licensegate.manifest import (
    MAX_ALIASES,
    MAX_BYTES,
    MAX_DEPTH,
    MAX_NODES,
    Manifest,
    dotted_path,
    load_manifest,
    parse_manifest_text,
)

# The example of DESIGN.md §2, comments included.
BASELINE = """\
apiVersion: licensegate/v1              # required, exact
kind: Deployment                        # required, exact
metadata:
  name: support-assistant               # required: lowercase letters, digits, '-'
  owner: ml-platform@acme.example       # optional contact
licensee:                               # the organisation that accepts the model licenses
  name: Acme Corp                       # required
  domicile: US                          # required: principal place of business (country code)
  monthly_active_users: 120000000       # users of all products/services of licensee AND affiliates
  mau_history:                          # optional: "YYYY-MM" -> that month's MAU (same counting)
    "2024-06": 95000000
product:                                # what this manifest deploys
  commercial: true                      # required
  environment: production               # required: production | staging | research | evaluation
  audience: public                      # required: internal | customers | public
  monthly_active_users: 3000000         # optional: this product's MAU
  monthly_revenue_usd: 250000           # optional: this product's monthly revenue
  ships_weights: false                  # optional (false): weights leave the organisation
  attribution:                          # optional: statements shown to users
    - text: Built with Llama
      where: about-page                 # website | user-interface | blogpost | about-page | ...
  license_copies_included: true         # optional: a copy of each model license goes to recipients
  notice_file: NOTICE                   # optional: Notice file, relative to the manifest
  user_terms_include_use_restrictions: true   # optional: user terms carry the use restrictions
models:                                 # required, at least one: every model the deployment uses
  - id: meta-llama/Llama-3.1-8B-Instruct   # Hugging Face id
    license: llama3.1                   # optional for catalog models (must agree); string or list
    uses: [inference]                   # required
    modalities: [text]                  # optional: text | image | audio | video actually used
    guardrails_modified: false          # optional
derived_models:                         # optional: models this organisation makes from others
  - name: Llama-3.1-Acme-Support-8B     # required: the name it is released under
    base_models: [meta-llama/Llama-3.1-8B-Instruct]   # weights it starts from
    trained_on_outputs_of: []           # models whose outputs trained it
    llm: true                           # optional (true): it is a large language model
    release: api                        # required: none | api | weights
    modified_files_marked: true         # optional: modified files carry notices
attestations:                           # optional: a person's statement for a clause
  - clause: llama3.1:acceptable-use
    subject: meta-llama/Llama-3.1-8B-Instruct   # optional: all subjects when absent
    by: counsel@acme.example
    date: 2026-11-20
    statement: Use cases reviewed against the Llama 3.1 Acceptable Use Policy.
waivers:                                # optional: an approved exception to one clause
  - clause: llama3.1:mau-threshold
    subject: meta-llama/Llama-3.1-8B-Instruct   # optional
    reason: Separate license agreement with Meta, signed 2026-03-01
    approved_by: counsel@acme.example
    expires: 2027-03-01                 # required; an expired waiver does not apply
"""

NAME = "deploy/licensegate.yaml"


def parse(text: str | bytes, name: str = NAME) -> Manifest:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return parse_manifest_text(raw, name)


def fails(text: str | bytes, name: str = NAME) -> ManifestError:
    with pytest.raises(ManifestError) as info:
        parse(text, name)
    return info.value


def edit(old: str, new: str, text: str = BASELINE) -> str:
    """Replace the one line of ``text`` that contains ``old`` (the whole line) with ``new``."""
    lines = text.splitlines(keepends=True)
    hits = [i for i, line in enumerate(lines) if old in line]
    assert len(hits) == 1, f"{old!r} matches lines {hits}"
    lines[hits[0]] = new + "\n"
    return "".join(lines)


def line_with(text: str, needle: str) -> int:
    """The 1-based line of the only line of ``text`` that contains ``needle``."""
    hits = [i + 1 for i, line in enumerate(text.splitlines()) if needle in line]
    assert len(hits) == 1, f"{needle!r} is on lines {hits}"
    return hits[0]


def assert_error(err: ManifestError, line: int | None, *fragments: str) -> None:
    text = str(err)
    assert err.path == NAME or text.startswith(err.path), text
    assert err.line == line, text
    if line is not None:
        assert re.match(rf"^{re.escape(err.path)}:{line}(:\d+)?: ", text), text
    for fragment in fragments:
        assert fragment in text, text


# --------------------------------------------------------------------------- the valid example


def test_baseline_loads_with_json_compatible_data() -> None:
    manifest = parse(BASELINE)
    data = manifest.data
    assert manifest.path == NAME
    assert data["apiVersion"] == "licensegate/v1"
    assert data["licensee"]["monthly_active_users"] == 120_000_000
    assert data["licensee"]["mau_history"] == {"2024-06": 95_000_000}
    assert data["models"][0]["uses"] == ["inference"]
    assert data["derived_models"][0]["trained_on_outputs_of"] == []
    json.dumps(data, allow_nan=False)  # JSON-compatible throughout


def test_unquoted_dates_become_iso_strings() -> None:
    data = parse(BASELINE).data
    assert data["attestations"][0]["date"] == "2026-11-20"
    assert data["waivers"][0]["expires"] == "2027-03-01"


def test_quoted_dates_are_accepted_too() -> None:
    text = edit("expires: 2027-03-01", '    expires: "2027-03-01"')
    assert parse(text).data["waivers"][0]["expires"] == "2027-03-01"


def test_digest_is_sha256_of_the_raw_bytes() -> None:
    raw = BASELINE.encode()
    manifest = parse(raw)
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", manifest.digest)
    assert manifest.digest == "sha256:" + hashlib.sha256(raw).hexdigest()


def test_line_of_nested_paths() -> None:
    manifest = parse(BASELINE)
    assert manifest.line_of(("derived_models", 0, "name")) == line_with(BASELINE, "Acme-Support-8B")
    assert manifest.line_of(["models", 0, "uses", 0]) == line_with(BASELINE, "uses: [inference]")
    assert manifest.line_of(("licensee", "monthly_active_users")) == line_with(
        BASELINE, "monthly_active_users: 120000000"
    )
    assert manifest.line_of(("licensee", "mau_history", "2024-06")) == line_with(
        BASELINE, '"2024-06"'
    )
    # a path that does not exist falls back to its deepest existing prefix
    assert manifest.line_of(("models", 0, "no_such_key", 3)) == line_with(
        BASELINE, "- id: meta-llama"
    )
    # a missing list index falls back to the key that holds the list
    assert manifest.line_of(("waivers", 7)) == line_with(BASELINE, "waivers:")
    assert manifest.line_of(()) == 1
    assert manifest.lines[("product", "attribution", 0, "where")] == line_with(
        BASELINE, "about-page"
    )


def test_line_of_returns_none_without_lines() -> None:
    assert Manifest(path="x", data={}, digest="sha256:", lines={}).line_of(("a",)) is None


def test_dotted_path() -> None:
    assert dotted_path(("models", 0, "uses", 1)) == "models[0].uses[1]"
    assert dotted_path(("licensee", "monthly_active_users")) == "licensee.monthly_active_users"
    assert dotted_path(("licensee", "mau_history", "2024-06")) == 'licensee.mau_history["2024-06"]'
    assert dotted_path(()) == ""


def test_x_keys_are_accepted_everywhere() -> None:
    text = BASELINE + "x-team: platform\n"
    text = edit("  name: support-assistant", "  name: support-assistant\n  x-ticket: 42", text)
    text = edit("domicile: US", "  domicile: US\n  x-note: {any: [thing]}", text)
    text = edit('"2024-06": 95000000', '    "2024-06": 95000000\n    x-source: finance', text)
    text = edit(
        "- id: meta-llama", "  - id: meta-llama/Llama-3.1-8B-Instruct\n    x-ok: true", text
    )
    text = edit(
        "where: about-page", "      where: about-page\n      x-shown-since: 2025-01-01", text
    )
    data = parse(text).data
    assert data["x-team"] == "platform"
    assert data["metadata"]["x-ticket"] == 42
    assert data["licensee"]["mau_history"]["x-source"] == "finance"
    assert data["product"]["attribution"][0]["x-shown-since"] == "2025-01-01"


def test_anchors_and_merge_keys_work_and_keep_lines() -> None:
    text = BASELINE.replace(
        "models:                                 # required",
        "x-common: &common\n  uses: [inference]\n  license: llama3.1\n"
        "models:                                 # required",
    ).replace(
        "  - id: meta-llama/Llama-3.1-8B-Instruct   # Hugging Face id\n",
        "  - <<: *common\n    id: meta-llama/Llama-3.2-1B\n    license: llama3.2\n"
        "  - id: meta-llama/Llama-3.1-8B-Instruct   # Hugging Face id\n",
    )
    manifest = parse(text)
    first = manifest.data["models"][0]
    assert first == {"uses": ["inference"], "license": "llama3.2", "id": "meta-llama/Llama-3.2-1B"}
    assert (
        manifest.line_of(("models", 0, "uses"))
        == text.splitlines().index("  uses: [inference]") + 1
    )
    assert manifest.line_of(("models", 0, "license")) == line_with(text, "license: llama3.2")


def test_json_manifest_is_accepted(tmp_path: Path) -> None:
    data = parse(BASELINE).data
    file = tmp_path / "licensegate.json"
    file.write_text(json.dumps(data, indent="\t"), encoding="utf-8")  # tabs are fine in JSON
    manifest = load_manifest(file)
    assert manifest.data == data
    assert manifest.path == str(file)
    expected = json.dumps(data, indent="\t").splitlines()
    line = next(i + 1 for i, text in enumerate(expected) if '"release"' in text)
    assert manifest.line_of(("derived_models", 0, "release")) == line


def test_json_with_characters_beyond_the_bmp() -> None:
    data = parse(BASELINE).data
    data["licensee"]["name"] = "Acme \U0001f600 Caf\u00e9"
    manifest = parse(json.dumps(data, indent=2), "licensegate.json")  # ASCII with \ud83d\ude00
    assert manifest.data["licensee"]["name"] == "Acme \U0001f600 Caf\u00e9"


def test_load_manifest_uses_display_path(tmp_path: Path) -> None:
    file = tmp_path / "licensegate.yaml"
    file.write_text(edit("domicile: US", "  domicile: usa"), encoding="utf-8")
    with pytest.raises(ManifestError) as info:
        load_manifest(file, display_path=NAME)
    assert_error(info.value, line_with(BASELINE, "domicile"), "licensee.domicile", "country code")
    assert str(info.value).startswith(f"{NAME}:")


def test_utf8_bom_is_accepted() -> None:
    assert parse(b"\xef\xbb\xbf" + BASELINE.encode()).data["kind"] == "Deployment"


# --------------------------------------------------------------------------- schema errors


def test_unknown_key_typo_names_line_column_and_suggestion() -> None:
    text = edit("monthly_active_users: 120000000", "  montly_active_users: 120000000")
    err = fails(text)
    line = line_with(text, "montly_active_users")
    assert str(err) == (
        f"{NAME}:{line}:3: licensee.montly_active_users: unknown key "
        "(did you mean 'monthly_active_users'?)"
    )


def test_unknown_key_without_close_match_lists_allowed_keys() -> None:
    text = edit("guardrails_modified: false", "    weights_sha: abc")
    err = fails(text)
    assert_error(
        err,
        line_with(text, "weights_sha"),
        "models[0].weights_sha: unknown key",
        "expected one of: id, license, uses",
        "x- key",
    )


def test_unknown_top_level_key() -> None:
    text = BASELINE + "extra: 1\n"
    assert_error(fails(text), line_with(text, "extra: 1"), "extra: unknown key")


def test_first_error_in_document_order_is_reported() -> None:
    text = edit("domicile: US", "  domicile: us")
    text = edit("environment: production", "  environment: prod", text)
    text = edit("release: api", "    release: maybe", text)
    assert_error(fails(text), line_with(text, "domicile"), "licensee.domicile")


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ('"lots"', "expected a whole number, got the string 'lots'"),
        ('"120000000"', "expected a whole number, got the string '120000000'"),
        ("-5", "must be 0 or more (got -5)"),
        ("1.2e+08", "expected a whole number, got 120000000.0"),
        ("120000000.0", "expected a whole number, got 120000000.0"),
        ("true", "expected a whole number, got true"),
        ("", "expected a whole number, got null"),
        ("[1]", "expected a whole number, got a list"),
    ],
)
def test_wrong_types_for_monthly_active_users(value: str, fragment: str) -> None:
    text = edit("monthly_active_users: 120000000", f"  monthly_active_users: {value}")
    err = fails(text)
    assert_error(err, line_with(BASELINE, "120000000"), "licensee.monthly_active_users: ", fragment)


def test_negative_product_revenue() -> None:
    text = edit("monthly_revenue_usd", "  monthly_revenue_usd: -1")
    assert_error(
        fails(text),
        line_with(text, "monthly_revenue_usd"),
        "product.monthly_revenue_usd: must be 0 or more",
    )


def test_boolean_field_rejects_string() -> None:
    text = edit("commercial: true", '  commercial: "true"')
    assert_error(
        fails(text),
        line_with(text, "commercial"),
        "product.commercial: expected true or false, got the string 'true'",
    )


@pytest.mark.parametrize("code", ["us", "USA", "U1", '"1"'])
def test_bad_country_code(code: str) -> None:
    text = edit("domicile: US", f"  domicile: {code}")
    assert_error(
        fails(text), line_with(text, "domicile"), "licensee.domicile: ", "ISO 3166-1 alpha-2"
    )


@pytest.mark.parametrize("key", ['"2024-13"', '"2024-6"', "2024-00", "june"])
def test_bad_mau_history_month_key(key: str) -> None:
    text = edit('"2024-06": 95000000', f"    {key}: 95000000")
    err = fails(text)
    assert_error(err, line_with(text, "95000000"), "licensee.mau_history", "YYYY-MM")
    assert err.column == 5


def test_mau_history_int_key_is_rejected() -> None:
    text = edit('"2024-06": 95000000', "    202406: 95000000")
    assert_error(
        fails(text),
        line_with(text, "202406"),
        "licensee.mau_history",
        "key 202406 is a whole number",
        "keys must be strings",
    )


def test_mau_history_date_key_is_rejected() -> None:
    text = edit('"2024-06": 95000000', "    2024-06-01: 95000000")  # a date, read as "2024-06-01"
    assert_error(
        fails(text),
        line_with(text, "2024-06-01"),
        "licensee.mau_history",
        "key '2024-06-01' must be a month written \"YYYY-MM\"",
    )


def test_mau_history_value_must_be_a_count() -> None:
    text = edit('"2024-06": 95000000', '    "2024-06": 9.5e+7')
    assert_error(
        fails(text),
        line_with(text, "9.5e+7"),
        'licensee.mau_history["2024-06"]',
        "expected a whole number",
    )


@pytest.mark.parametrize(
    ("old", "new", "path", "allowed"),
    [
        (
            "environment: production",
            "  environment: prod",
            "product.environment",
            "production, staging, research, evaluation",
        ),
        (
            "audience: public",
            "  audience: everyone",
            "product.audience",
            "internal, customers, public",
        ),
        (
            "where: about-page",
            "      where: footer",
            "product.attribution[0].where",
            "website, user-interface, blogpost, about-page, documentation",
        ),
        ("release: api", "    release: open", "derived_models[0].release", "none, api, weights"),
        (
            "modalities: [text]",
            "    modalities: [text, smell]",
            "models[0].modalities[1]",
            "text, image, audio, video",
        ),
    ],
)
def test_enum_errors_list_allowed_values(old: str, new: str, path: str, allowed: str) -> None:
    text = edit(old, new)
    assert_error(fails(text), line_with(text, new.strip()), f"{path}: must be one of: {allowed}")


def test_enum_error_names_the_list_item_line() -> None:
    text = edit("uses: [inference]", "    uses:\n      - inference\n      - training")
    err = fails(text)
    assert_error(
        err,
        line_with(text, "- training"),
        "models[0].uses[1]: must be one of:",
        "inference, fine-tuning, distillation-teacher, synthetic-data, training-feedback, evaluation",
    )
    assert err.column == 9


def test_enum_error_suggests_close_value() -> None:
    text = edit("environment: production", "  environment: prodution")
    assert "did you mean 'production'?" in str(fails(text))


def test_uses_must_be_unique_and_non_empty() -> None:
    text = edit("uses: [inference]", "    uses: [inference, inference]")
    assert_error(
        fails(text), line_with(text, "uses:"), "models[0].uses[1]", "appears more than once"
    )
    text = edit("uses: [inference]", "    uses: []")
    assert_error(fails(text), line_with(text, "uses:"), "models[0].uses: must not be empty")


def test_const_fields() -> None:
    text = edit("apiVersion:", "apiVersion: licensegate/v2")
    assert_error(fails(text), 1, "apiVersion: must be 'licensegate/v1'")
    text = edit("kind: Deployment", "kind: deployment")
    assert_error(fails(text), 2, "kind: must be 'Deployment'")


def test_metadata_name_pattern() -> None:
    text = edit("name: support-assistant", "  name: Support_Assistant")
    assert_error(fails(text), 4, "metadata.name: must be lowercase letters")


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("Llama3.1", "must be a license id"),
        ("[]", "must not be empty"),
        ("[llama3.1, llama3.1]", "appears more than once"),
        ("[llama3.1, Apache]", "must be a license id"),
        ("3", "expected a string or a list, got 3"),
    ],
)
def test_model_license(value: str, fragment: str) -> None:
    text = edit("license: llama3.1", f"    license: {value}")
    assert_error(fails(text), line_with(text, "license:"), "models[0].license", fragment)


def test_model_license_list_is_accepted() -> None:
    text = edit("license: llama3.1", "    license: [llama3.1, apache-2.0]")
    assert parse(text).data["models"][0]["license"] == ["llama3.1", "apache-2.0"]


def test_missing_required_key_names_parent_and_its_line() -> None:
    text = edit("domicile: US", "  x-domicile: US")
    err = fails(text)
    assert_error(
        err, line_with(text, "name: Acme Corp"), "licensee: missing required key 'domicile'"
    )


def test_missing_required_top_level_key() -> None:
    text = BASELINE.replace("kind: Deployment", "x-kind: Deployment")
    assert_error(fails(text), 1, "missing required key 'kind'")


def test_missing_required_in_list_item() -> None:
    text = edit("uses: [inference]", "    x-uses: [inference]")
    assert_error(
        fails(text), line_with(text, "- id: meta-llama"), "models[0]: missing required key 'uses'"
    )


def test_models_must_not_be_empty() -> None:
    text = edit("models:                                 # required", "models: []\nx-old:")
    assert_error(fails(text), line_with(text, "models: []"), "models: must not be empty")


def test_derived_model_needs_a_base_or_teacher() -> None:
    text = edit("base_models:", "    base_models: []")
    assert_error(
        fails(text),
        line_with(text, "- name: Llama-3.1-Acme"),
        "derived_models[0]: ",
        "base_models or trained_on_outputs_of",
    )
    text = edit("base_models:", "    x-base: []")
    text = edit(
        "trained_on_outputs_of", "    trained_on_outputs_of: [deepseek-ai/DeepSeek-R1]", text
    )
    assert parse(text).data["derived_models"][0]["trained_on_outputs_of"] == [
        "deepseek-ai/DeepSeek-R1"
    ]


def test_bad_clause_id() -> None:
    text = edit("clause: llama3.1:acceptable-use", "  - clause: acceptable use")
    assert_error(
        fails(text), line_with(text, "acceptable use"), "attestations[0].clause", "clause id"
    )


def test_impossible_quoted_date_fails_format_check() -> None:
    text = edit("expires: 2027-03-01", '    expires: "2027-02-30"')
    assert_error(fails(text), line_with(text, "expires"), "waivers[0].expires", "not a valid date")


def test_date_in_wrong_shape() -> None:
    text = edit("expires: 2027-03-01", '    expires: "01/03/2027"')
    assert_error(fails(text), line_with(text, "expires"), "waivers[0].expires", "YYYY-MM-DD")


def test_missing_waiver_expiry() -> None:
    text = edit("expires: 2027-03-01", "")
    assert_error(
        fails(text),
        line_with(text, "- clause: llama3.1:mau"),
        "waivers[0]: missing required key 'expires'",
    )


# --------------------------------------------------------------------------- YAML-level errors


def test_unquoted_impossible_date() -> None:
    text = edit("expires: 2027-03-01", "    expires: 2027-02-30")
    assert_error(fails(text), line_with(text, "expires"), "waivers[0].expires", "not a valid date")


def test_datetime_is_rejected() -> None:
    text = edit("date: 2026-11-20", "    date: 2026-11-20 10:30:00")
    assert_error(
        fails(text), line_with(text, "date:"), "attestations[0].date", "date and time", "YYYY-MM-DD"
    )


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "Yes", "NO", "On", "OFF"])
def test_yaml11_boolean_words_are_rejected(word: str) -> None:
    text = edit("commercial: true", f"  commercial: {word}")
    err = fails(text)
    assert_error(err, line_with(text, "commercial"), "product.commercial", "write true or false")
    assert err.column == 15


def test_yes_as_a_key_is_rejected() -> None:
    text = BASELINE + "x-flags:\n  on: 1\n"
    assert_error(fails(text), line_with(text, "  on: 1"), "write true or false")


def test_quoted_yes_is_a_string() -> None:
    text = edit("owner:", '  owner: "yes"')
    assert parse(text).data["metadata"]["owner"] == "yes"
    text = edit("owner:", "  owner: y")  # YAML 1.1 in PyYAML leaves y/n as text
    assert parse(text).data["metadata"]["owner"] == "y"


def test_true_false_in_any_case_are_fine() -> None:
    text = edit("commercial: true", "  commercial: True")
    assert parse(text).data["product"]["commercial"] is True


def test_leading_zero_octal_is_rejected() -> None:
    text = edit("monthly_revenue_usd", "  monthly_revenue_usd: 0250000")
    assert_error(fails(text), line_with(text, "monthly_revenue_usd"), "octal")


def test_sexagesimal_is_rejected() -> None:
    text = edit("monthly_revenue_usd", "  monthly_revenue_usd: 1:30")
    assert_error(fails(text), line_with(text, "monthly_revenue_usd"), "base-60")


def test_underscored_integers_are_fine() -> None:
    text = edit("monthly_active_users: 120000000", "  monthly_active_users: 120_000_000")
    assert parse(text).data["licensee"]["monthly_active_users"] == 120_000_000


def test_non_finite_numbers_are_rejected() -> None:
    text = BASELINE + "x-ratio: .nan\n"
    assert_error(fails(text), line_with(text, "x-ratio"), "x-ratio", "not a finite number")


@pytest.mark.parametrize(
    "value", ["!!binary aGVsbG8=", "!!python/object:os.system {}", "!custom x", "!!set {a, b}"]
)
def test_unsupported_tags_are_rejected(value: str) -> None:
    text = BASELINE + f"x-blob: {value}\n"
    assert_error(fails(text), line_with(text, "x-blob"), "x-blob", "is not supported")


def test_duplicate_top_level_key() -> None:
    text = BASELINE + "kind: Deployment\n"
    err = fails(text)
    assert_error(err, len(text.splitlines()), "duplicate key 'kind' (first on line 2)")


def test_duplicate_nested_key() -> None:
    text = edit("domicile: US", "  domicile: US\n  name: Other Corp")
    err = fails(text)
    assert_error(
        err,
        line_with(text, "Other Corp"),
        "licensee: duplicate key 'name'",
        f"first on line {line_with(text, 'Acme Corp')}",
    )
    assert err.column == 3


def test_duplicate_key_in_flow_mapping() -> None:
    text = BASELINE + "x-a: {b: 1, b: 2}\n"
    assert_error(fails(text), len(text.splitlines()), "x-a: duplicate key 'b'")


def test_yaml_syntax_error_has_line() -> None:
    text = edit("audience: public", "  audience: [public")
    err = fails(text)
    assert str(err).startswith(f"{NAME}:"), str(err)
    assert "invalid YAML" in str(err)
    assert err.line is not None and err.line >= line_with(text, "audience")


def test_yaml_bad_indentation_error_line() -> None:
    text = edit("domicile: US", "   domicile: US")
    err = fails(text)
    assert_error(err, line_with(text, "domicile"), "invalid YAML")


def test_json_syntax_error_reads_like_json() -> None:
    text = '{\n  "apiVersion": "licensegate/v1",\n  "kind": "Deployment"\n  "metadata": {}\n}\n'
    err = fails(text, "deploy/licensegate.json")
    assert err.path == "deploy/licensegate.json"
    assert err.line == 4
    assert "invalid JSON: Expecting ',' delimiter" in str(err)


def test_json_duplicate_key_has_line() -> None:
    data = parse(BASELINE).data
    text = json.dumps(data, indent=2)[:-2] + ',\n  "kind": "Deployment"\n}\n'
    err = fails(text, "m.json")
    assert err.line == len(text.splitlines()) - 1
    assert "duplicate key 'kind'" in str(err)


def test_non_utf8_names_line() -> None:
    raw = BASELINE.encode().replace(b"Acme Corp", b"Acme \xe9 Corp")
    err = fails(raw)
    assert_error(err, line_with(BASELINE, "Acme Corp"), "not valid UTF-8", "0xe9")
    assert err.column == 14


def test_utf16_is_rejected() -> None:
    err = fails(BASELINE.encode("utf-16"))
    assert "not valid UTF-8" in str(err)


def test_control_character_is_rejected() -> None:
    text = edit("owner:", "  owner: a\x00b")
    assert_error(fails(text), 5, "control character U+0000")


@pytest.mark.parametrize("text", ["", "   \n\n", "# only a comment\n", "---\n", "---\n...\n"])
def test_empty_file(text: str) -> None:
    assert "is empty" in str(fails(text))


def test_multiple_documents() -> None:
    text = BASELINE + "---\n" + BASELINE
    err = fails(text)
    assert_error(err, len(BASELINE.splitlines()) + 1, "more than one YAML document")


@pytest.mark.parametrize(
    ("text", "kind"), [("- a\n- b\n", "a list"), ("just text\n", "a scalar"), ("[1]\n", "a list")]
)
def test_top_level_must_be_a_mapping(text: str, kind: str) -> None:
    assert_error(fails(text), 1, f"top level must be a mapping of keys to values, not {kind}")


def test_non_string_key_at_top_level() -> None:
    text = BASELINE + "3: three\n"
    assert_error(fails(text), len(text.splitlines()), "key 3 is a whole number")


def test_complex_key_is_rejected() -> None:
    text = BASELINE + "? [a, b]\n: 1\n"
    assert_error(fails(text), len(text.splitlines()) - 1, "keys must be plain strings")


# --------------------------------------------------------------------------- hostile input


def test_billion_laughs_is_rejected() -> None:
    lines = ['lol0: &a0 "lol"']
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"lol{level}: &a{level} [{refs}]")
    err = fails("\n".join(lines) + "\n")
    assert "expands to more than" in str(err)
    assert err.line is not None


def test_billion_laughs_in_x_key_of_valid_manifest_is_rejected() -> None:
    text = BASELINE + "x-b: &b [" + ", ".join(["x"] * 10_000) + "]\n"
    text += "x-c: [" + ", ".join(["*b"] * 30) + "]\n"
    err = fails(text)
    assert_error(err, len(text.splitlines()), "expands to more than")


def test_too_many_aliases() -> None:
    text = "a: &a x\nb: [" + ", ".join(["*a"] * (MAX_ALIASES + 1)) + "]\n"
    err = fails(text)
    assert_error(err, 2, f"more than {MAX_ALIASES} aliases")


def test_recursive_alias_is_rejected() -> None:
    err = fails("a: &a [1, *a]\n")
    assert_error(err, 1, "alias *a refers to a node that contains it")


def test_undefined_alias_is_rejected() -> None:
    assert_error(fails("a: 1\nb: *nowhere\n"), 2, "alias *nowhere")


def test_deeply_nested_flow_lists_are_rejected() -> None:
    depth = 10_000
    err = fails("x-deep: " + "[" * depth + "]" * depth + "\n")
    assert isinstance(err, ManifestError)
    assert err.line == 1


def test_deeply_nested_top_level_list_is_rejected() -> None:
    depth = 10_000
    err = fails("[" * depth + "]" * depth)
    assert err.line == 1


def test_nesting_just_over_the_limit() -> None:
    text = BASELINE + "x-deep: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n"
    err = fails(text)
    assert_error(err, len(text.splitlines()), f"deeper than {MAX_DEPTH} levels")
    # one level less fits (the top-level mapping is a level too)
    ok = BASELINE + "x-deep: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    assert parse(ok).data["x-deep"]


def test_deep_block_nesting_is_rejected() -> None:
    text = BASELINE + "".join(f"{'  ' * i}x-{i}:\n" for i in range(200)) + "  " * 200 + "end\n"
    assert_error(fails(text), len(BASELINE.splitlines()) + MAX_DEPTH + 1, "deeper than")


def test_alias_cannot_smuggle_depth() -> None:
    inner = "[" * 40 + "]" * 40
    text = BASELINE + f"x-a: &a {inner}\nx-b: " + "[" * 30 + "*a" + "]" * 30 + "\n"
    assert_error(fails(text), len(text.splitlines()), "nests deeper than")


def test_deep_json_is_rejected() -> None:
    depth = 10_000
    err = fails('{"a": ' + "[" * depth + "]" * depth + "}", "m.json")
    assert "deeper than" in str(err)


def test_too_many_nodes() -> None:
    count = MAX_NODES + 10
    text = "x-many: [" + ",".join(["0"] * count) + "]\n"
    assert len(text) < MAX_BYTES
    assert_error(fails(text), 1, f"more than {MAX_NODES} nodes")


def test_file_over_one_mebibyte(tmp_path: Path) -> None:
    file = tmp_path / "big.yaml"
    file.write_bytes(BASELINE.encode() + b"# " + b"x" * MAX_BYTES + b"\n")
    with pytest.raises(ManifestError) as info:
        load_manifest(file)
    assert "too large" in str(info.value)
    with pytest.raises(ManifestError):
        parse_manifest_text(file.read_bytes(), "big.yaml")


def test_file_at_the_limit_is_read(tmp_path: Path) -> None:
    raw = BASELINE.encode()
    raw += b"#" * (MAX_BYTES - len(raw) - 1) + b"\n"
    assert len(raw) == MAX_BYTES
    file = tmp_path / "licensegate.yaml"
    file.write_bytes(raw)
    assert load_manifest(file).data["kind"] == "Deployment"


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="no such file"):
        load_manifest(tmp_path / "nope.yaml")
    with pytest.raises(ManifestError, match="is a directory"):
        load_manifest(tmp_path)


def test_data_is_not_shared_between_loads() -> None:
    first = parse(BASELINE)
    second = parse(BASELINE)
    mutated = copy.deepcopy(first.data)
    first.data["licensee"]["name"] = "changed"
    assert second.data["licensee"]["name"] == "Acme Corp"
    assert mutated["licensee"]["name"] == "Acme Corp"


# --------------------------------------------------------------------------- the schema


def _schema() -> dict:  # type: ignore[type-arg]
    from licensegate.resources import schemas_dir

    return json.loads((schemas_dir() / "manifest.schema.json").read_text(encoding="utf-8"))


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    from jsonschema import Draft202012Validator

    schema = _schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] and schema["title"]


def test_schema_describes_every_property_and_closes_every_object() -> None:
    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                assert "description" in sub, f"{where}.{name} has no description"
            if node.get("type") == "object":
                assert node.get("additionalProperties") is False, where
                assert "^x-" in node.get("patternProperties", {}), where
            for key, value in node.items():
                if key not in ("anyOf", "oneOf"):  # constraint-only branches
                    walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}/{index}")

    walk(_schema(), "#")


# --------------------------------------------------------------------------- internals


def _mutations(data: object, path: tuple = ()):  # type: ignore[type-arg]
    """Yield copies of ``data`` with one node replaced, removed or added."""
    replacements = [
        None,
        True,
        0,
        -1,
        1.5,
        2.0,
        "",
        "x",
        "US",
        "us",
        "2024-06",
        "2024-13",
        "2026-02-30",
        "2026-01-01",
        [],
        ["inference"],
        ["inference", "inference"],
        {},
        {"x-a": 1},
        "llama3.1",
        "llama3.1:mau-threshold",
        "public",
        "none",
    ]

    def replaced(node: object, at: tuple, new: object) -> object:  # type: ignore[type-arg]
        if not at:
            return new
        clone = copy.copy(node)
        clone[at[0]] = replaced(node[at[0]], at[1:], new)  # type: ignore[index]
        return clone

    def walk(node: object, at: tuple):  # type: ignore[type-arg]
        yield at, node
        if isinstance(node, dict):
            for key, value in node.items():
                yield from walk(value, (*at, key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, (*at, index))

    for at, node in list(walk(data, path)):
        for new in replacements:
            yield replaced(data, at, new)
        if isinstance(node, dict):
            for key in node:
                yield replaced(data, at, {k: v for k, v in node.items() if k != key})
            yield replaced(data, at, {**node, "bogus": 1})
            yield replaced(data, at, {**node, "x-fine": [1]})
        if isinstance(node, list) and node:
            yield replaced(data, at, [*node, node[0]])


def test_fast_check_agrees_with_jsonschema() -> None:
    from licensegate import schemacheck as module

    fast = module._fast_check()
    validator = module._validator()
    data = parse(BASELINE).data
    assert fast(data) and validator.is_valid(data)
    checked = 0
    for variant in _mutations(data):
        assert fast(variant) == validator.is_valid(variant), variant
        checked += 1
    assert checked > 1000


def test_pure_python_yaml_parser_gives_the_same_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    from licensegate import yamlbound as module

    expected = parse(BASELINE)
    monkeypatch.setattr(
        module, "_yaml_tools", lambda: (yaml.SafeLoader, yaml.constructor.SafeConstructor())
    )
    manifest = parse(BASELINE)
    assert manifest.data == expected.data
    assert manifest.lines == expected.lines
    assert_error(
        fails(BASELINE + "kind: Deployment\n"),
        len(BASELINE.splitlines()) + 1,
        "duplicate key 'kind'",
    )
    text = edit("commercial: true", "  commercial: yes")
    assert_error(fails(text), line_with(text, "commercial"), "write true or false")
    assert "deeper than" in str(fails("x-deep: " + "[" * 10_000 + "]" * 10_000))
    lines = ['lol0: &a0 "lol"'] + [
        f"lol{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)
    ]
    assert "expands to more than" in str(fails("\n".join(lines)))


def test_one_pass_reader_gives_the_composers_document(tmp_path: Path) -> None:
    """yamlbound reads plain documents in one pass and leaves the rest to the composer: for
    what the one-pass reader accepts, both give the same data, lines and positions, in the
    same order; everything unusual is declined, so the composer words its errors."""
    from licensegate import yamlbound as module
    from licensegate.manifest import MAX_ALIASES, MAX_DEPTH, MAX_NODES
    from manifests import corpus_generator

    limits = module.Limits(depth=MAX_DEPTH, aliases=MAX_ALIASES, nodes=MAX_NODES)

    def both(text: str) -> tuple[object, object]:
        composed = module._expand(module._Composer(text, NAME, limits).compose())
        return module._read_plain(text, limits), composed

    paths = corpus_generator().generate(tmp_path, 60, seed=11)
    texts = [path.read_text() for path in paths] + [
        BASELINE,
        "a: 1\nb: [1.5, 2026-01-02, null, ~, true, False, '', \"x\"]\nc: {d: {e: []}}\n",
        '{"a": {"b": [1, 2, {"c": "d"}]}, "e": "\\u00e9"}',
        "a:\n  - b: 1\n    c: 0x1F\n  -\n  - - x\n",
    ]
    for text in texts:
        plain, composed = both(text)
        assert plain is not None, text
        assert repr(plain) == repr(composed), text  # values, types and dict orders
    unusual = [
        "a: &x {b: 1}\nc: *x\n",  # anchors and aliases
        "a: {b: 1}\nc:\n  <<: {d: 2}\n",  # a merge key
        "a: !!str 1\n",  # a tag
        "a: 1\na: 2\n",  # a duplicate key
        "1: a\n",  # a key that is not a string
        "a: yes\n",  # a YAML 1.1 boolean
        "a: 012\n",  # octal
        "a: 1:30\n",  # base 60
        "a: .inf\n",  # not finite
        "a: 2026-01-02 10:00:00\n",  # a date and time
        "- a\n",  # not a mapping at the top
        "a: 1\n---\nb: 2\n",  # two documents
        "a: [\n",  # a syntax error
        "x: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),  # too deep
    ]
    for text in unusual:
        assert module._read_plain(text, limits) is None, text
    assert module._read_plain("a: [1, 2]\n", module.Limits(depth=5, aliases=0, nodes=4)) is None


def test_every_schema_error_is_reported_at_once(tmp_path: Path) -> None:
    """A user fixes a manifest in one round: each problem on its own line, in document order."""
    from typer.testing import CliRunner

    from licensegate.cli import app

    manifest = tmp_path / "licensegate.yaml"
    manifest.write_text(
        "apiVersion: licensegate/v1\nkind: Deployment\nmetadata: {name: x}\n"
        "licensee: {name: Acme, domicile: us, monthly_active_users: -5}\n"
        "product: {commercial: maybe, environment: research, audience: internal}\n"
        "models:\n  - id: meta-llama/Llama-3.1-8B-Instruct\n    uses: [evaluating]\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["check", str(manifest), "--format", "json"])
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.startswith("licensegate: error")]
    assert [line.split(": ")[3] for line in lines] == [
        "licensee.domicile",
        "licensee.monthly_active_users",
        "product.commercial",
        "models[0].uses[0]",
    ]
    assert [line.split(": ")[2].rsplit(":", 1)[1] for line in lines] == ["4", "4", "5", "8"]
    (error,) = json.loads(result.stdout)["errors"]
    assert [e["line"] for e in error["more"]] == [4, 5, 8]
    validated = CliRunner().invoke(app, ["validate", str(manifest)])
    assert validated.exit_code == 2 and validated.stderr.count("licensegate: error") == 4


def test_a_hostile_manifest_reports_at_most_twenty_problems(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from licensegate.cli import app

    models = "".join(f"  - id: org/m{i}\n    uses: [bogus]\n" for i in range(500))
    manifest = tmp_path / "licensegate.yaml"
    manifest.write_text(
        "apiVersion: licensegate/v1\nkind: Deployment\nmetadata: {name: x}\n"
        "licensee: {name: Acme, domicile: US, monthly_active_users: 5}\n"
        "product: {commercial: true, environment: research, audience: internal}\n"
        f"models:\n{models}",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["check", str(manifest)])
    assert result.exit_code == 2
    assert result.stderr.count("licensegate: error") == 20


def test_the_digest_module_gives_hashlibs_sha256() -> None:
    """licensegate.sha256 stands in for hashlib.sha256 in digests that reports and sign-off
    records compare: they must be the same bytes."""
    import hashlib

    from licensegate.sha256 import sha256

    for data in (b"", b"abc", bytes(range(256)) * 1000):
        assert sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
    incremental = sha256()
    incremental.update(b"a")
    incremental.update(b"bc")
    assert incremental.hexdigest() == hashlib.sha256(b"abc").hexdigest()
