"""The legal review document: golden Markdown and HTML, and the `review` command."""

from __future__ import annotations

import datetime as dt
import html.parser
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from licensegate import review
from licensegate.cli import app
from licensegate.manifest import parse_manifest_text
from licensegate.policy import LicenseInfo
from licensegate.report import Status
from licensegate.signoff import SignOff

GOLDEN = Path(__file__).parent / "golden"
DATE = ["--date", "2026-11-29"]

MANIFEST = """\
apiVersion: licensegate/v1
kind: Deployment
metadata:
  name: acme-chat
  owner: ml-platform@acme.example
licensee:
  name: Acme Social Inc
  domicile: DE
  monthly_active_users: 900000000
  mau_history:
    "2024-06": 650000000
product:
  commercial: true
  environment: production
  audience: public
  monthly_active_users: 3000000
  ships_weights: true
  attribution:
    - text: Built with Llama
      where: about-page
  license_copies_included: true
  notice_file: NOTICE
models:
  - id: meta-llama/Llama-3.1-70B-Instruct
    uses: [fine-tuning, inference]
    modalities: [text]
derived_models:
  - name: Llama-3.1-Acme-Chat-70B
    base_models: [meta-llama/Llama-3.1-70B-Instruct]
    release: weights
    modified_files_marked: true
attestations:
  - clause: llama3.1:acceptable-use
    by: counsel@acme.example
    date: 2026-11-20
    statement: Chat use cases reviewed against the Acceptable Use Policy.
waivers:
  - clause: llama3.1:notice-file
    subject: Llama-3.1-Acme-Chat-70B
    reason: Notice text agreed with Meta by e-mail
    approved_by: legal@acme.example
    expires: 2026-12-15
"""


class FakeLibrary:
    """The two things the review reads from the policy library, fixed for the golden files."""

    catalog = {
        "meta-llama/llama-3.1-70b-instruct": {
            "licenses": ["llama3.1"],
            "release_date": "2024-07-23",
        }
    }

    def license(self, license_id: str) -> LicenseInfo | None:
        if license_id != "llama3.1":
            return None
        return LicenseInfo(
            id="llama3.1",
            name="Llama 3.1 Community License Agreement",
            version="Llama 3.1 Version Release Date: July 23, 2024",
            text="https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/LICENSE",
            package="licensegate.licenses.llama3_1",
            file="licensegate/licenses/llama3_1/llama3_1.rego",
        )


def _input(signed: bool = True) -> review.ReviewInput:
    from formats.sample import clause  # the format tests' clause builder
    from licensegate.report import ManifestResult, ReportWarning

    manifest = parse_manifest_text(MANIFEST.encode(), "deploy/licensegate.yaml")
    model, derived = "meta-llama/Llama-3.1-70B-Instruct", "Llama-3.1-Acme-Chat-70B"
    result = ManifestResult(
        manifest="deploy/licensegate.yaml",
        digest="sha256:" + "11" * 32,
        clauses=[
            clause(
                "mau-threshold",
                model,
                Status.SATISFIED,
                line=11,
                path="licensee.mau_history.2024-06",
                message="650000000 monthly active users in 2024-06 is not greater than 700000000",
            ),
            clause(
                "acceptable-use",
                model,
                Status.SATISFIED,
                line=24,
                path="models[0]",
                message="attested by counsel@acme.example on 2026-11-20: Chat use cases "
                "reviewed against the Acceptable Use Policy.",
            ),
            clause(
                "attribution-display",
                derived,
                Status.SATISFIED,
                line=19,
                path="product.attribution",
                message='"Built with Llama" is displayed (product.attribution)',
            ),
            clause(
                "eu-multimodal",
                model,
                Status.MISSING_FACTS,
                line=8,
                path="licensee.domicile",
                message="the licensee is in the EU (DE); say which modalities are used",
            ),
            clause(
                "notice-file",
                derived,
                Status.WAIVED,
                line=23,
                path="product.notice_file",
                message="NOTICE lacks the notice; waived until 2026-12-15: Notice text agreed "
                "with Meta by e-mail",
                extra={
                    "waiver": {
                        "clause": "llama3.1:notice-file",
                        "subject": derived,
                        "reason": "Notice text agreed with Meta by e-mail",
                        "approved_by": "legal@acme.example",
                        "expires": "2026-12-15",
                    }
                },
            ),
            clause(
                "derivative-naming",
                derived,
                Status.SATISFIED,
                line=29,
                path="derived_models[0].name",
                message='the released name Llama-3.1-Acme-Chat-70B begins with "Llama"',
            ),
        ],
        warnings=[
            ReportWarning(
                "waiver-expiring",
                "the waiver of llama3.1:notice-file for "
                "Llama-3.1-Acme-Chat-70B expires on 2026-12-15, in 16 days",
                41,
            )
        ],
    )
    signoffs = (
        [
            SignOff(
                "counsel@acme.example",
                "2026-11-02T09:30:00Z",
                "sha256:" + "00" * 32,
                "sha256:" + "ab" * 32,
                "0.1.0",
                "pass",
                note="first release",
            ),
        ]
        if signed
        else []
    )
    return review.ReviewInput(
        manifest=manifest,
        result=result,
        library=FakeLibrary(),  # type: ignore[arg-type]
        policy_digest="sha256:" + "ab" * 32,
        today=dt.date(2026, 11, 29),
        signoffs=signoffs,
    )


def _golden(request: pytest.FixtureRequest, name: str, text: str) -> None:
    path = GOLDEN / name
    if request.config.getoption("--update-golden"):
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing: run pytest --update-golden and review it"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs (pytest --update-golden)"


def test_markdown_golden(request: pytest.FixtureRequest) -> None:
    _golden(request, "review.md", review.render_markdown(review.build(_input())))


def test_html_golden(request: pytest.FixtureRequest) -> None:
    _golden(request, "review.html", review.render_html(review.build(_input())))


def test_document_explains_the_deployment_without_yaml() -> None:
    text = review.render_markdown(review.build(_input()))
    for phrase in (
        "principal place of business is in Germany (DE)",
        "900,000,000 monthly active users",
        "June 2024: 650,000,000",
        "Model weights leave the organisation",
        "“Built with Llama” on the about page",
        "Llama 3.1 Version Release Date: July 23, 2024",
        "released with its weights published",
        "### What to display, and where",
        "### Which files to ship with distributed weights",
        "legal@acme.example",
        "in force for 16 more days",
        "sha256:" + "11" * 32,
        "licensegate 0.1.0",
        "no, changed since",
        "needs a new one",
    ):
        assert phrase in text, phrase
    assert "monthly_active_users:" not in text and "apiVersion" not in text


@pytest.mark.parametrize(
    ("kind", "heading"),
    [
        ("retain-notices", "### Which files to ship with distributed weights"),
        ("ui-attribution-threshold", "### What to display, and where"),
        ("guardrails", "### Other duties"),
    ],
)
def test_obligations_follow_the_clause_kinds_file(kind: str, heading: str) -> None:
    """Each kind goes under the heading of its obligation group in policies/clause-kinds.yaml."""
    from formats.sample import clause

    data = _input()
    extra = clause(kind, "Llama-3.1-Acme-Chat-70B", Status.NEEDS_ATTESTATION, line=1, message="m")
    data.result.clauses.append(extra)
    text = review.render_markdown(review.build(data))
    obligations = text.split("## Obligations to fulfil")[1].split("\n## ")[0]
    section = obligations.split(heading)[1].split("\n### ")[0]
    assert f"**Title of {kind}**" in section


def test_conditions_are_not_obligations() -> None:
    """A kind without an obligation group (a condition such as territory) is not listed there."""
    from formats.sample import clause

    data = _input()
    data.result.clauses.append(
        clause(
            "territory", "meta-llama/Llama-3.1-70B-Instruct", Status.SATISFIED, line=1, message="m"
        )
    )
    text = review.render_markdown(review.build(data))
    obligations = text.split("## Obligations to fulfil")[1].split("\n## ")[0]
    assert "Title of territory" not in obligations and "Title of territory" in text


class _Collector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.fetches: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.fetches += [v or "" for k, v in attrs if k == "src" or (tag == "link" and k == "href")]


def test_html_is_self_contained_and_escaped() -> None:
    data = _input()
    text = review.render_html(review.build(data))
    collector = _Collector()
    collector.feed(text)
    assert "script" not in collector.tags and collector.fetches == []
    assert text.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in text
    assert "&quot;Built with Llama&quot;" in text or "“Built with Llama”" in text


def test_unsigned_document_says_how_to_sign_off() -> None:
    text = review.render_markdown(review.build(_input(signed=False)))
    assert "No sign-off recorded yet" in text
    assert "`licensegate sign-off deploy/licensegate.yaml --by NAME`" in text


def test_review_command_on_an_example(examples_copy: Path, tmp_path: Path) -> None:
    manifest = examples_copy / "llama3.1" / "open-weights-release.licensegate.yaml"
    out = tmp_path / "review.md"
    result = CliRunner().invoke(app, ["review", str(manifest), "-o", str(out), *DATE])
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and "the manifest fails" in result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# License review: ")
    assert "**FAIL**" in text and "llama3.1:mau-threshold" in text
    assert "Llama 3.1 Community License Agreement" in text
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []
    as_html = CliRunner().invoke(app, ["review", str(manifest), "--format", "html", *DATE])
    assert as_html.exit_code == 0 and as_html.stdout.startswith("<!DOCTYPE html>")


def test_review_command_errors_exit_2(tmp_path: Path) -> None:
    assert CliRunner().invoke(app, ["review", str(tmp_path)]).exit_code == 2
    assert CliRunner().invoke(app, ["review", str(tmp_path / "nope.yaml")]).exit_code == 2
    bad = tmp_path / "licensegate.yaml"
    bad.write_text(MANIFEST.replace("kind: Deployment", "kind: Deploy"), encoding="utf-8")
    result = CliRunner().invoke(app, ["review", str(bad)])
    assert result.exit_code == 2 and f"{bad}:2" in result.stderr
    assert "Traceback" not in result.output


def test_review_lists_sign_offs_made_with_the_command(tmp_path: Path) -> None:
    manifest = tmp_path / "licensegate.yaml"
    manifest.write_text(
        MANIFEST.split("derived_models:")[0]
        .replace("domicile: DE", "domicile: US")
        .replace("monthly_active_users: 900000000", "monthly_active_users: 9000000")
        .replace("ships_weights: true", "ships_weights: false")
        .replace("uses: [fine-tuning, inference]", "uses: [inference]")
        + MANIFEST[MANIFEST.index("attestations:") : MANIFEST.index("waivers:")],
        encoding="utf-8",
    )
    signed = CliRunner().invoke(app, ["sign-off", str(manifest), "--by", "carol", *DATE])
    assert signed.exit_code == 0, signed.output
    result = CliRunner().invoke(app, ["review", str(manifest), *DATE])
    assert result.exit_code == 0, result.output
    assert "| carol |" in result.stdout
    assert "The latest sign-off covers exactly this manifest and these policies." in result.stdout


def test_review_states_every_new_fact_and_stand_in_figures(tmp_path: Path) -> None:
    manifest = tmp_path / "licensegate.yaml"
    manifest.write_text(
        """\
apiVersion: licensegate/v1
kind: Deployment
metadata: {name: facts}
licensee:
  name: Acme
  domicile: US
  monthly_active_users: 650000000
  annual_revenue_usd: 4000000
  registrations:
    - {license: yi-2.1, date: 2026-01-05, reference: "mail to 01.AI"}
product:
  commercial: true
  environment: production
  audience: internal
  ships_weights: true
  license_copies_included: [llama3.1]
  user_terms_include_use_restrictions: false
models:
  - id: meta-llama/Llama-3.1-8B-Instruct
    uses: [fine-tuning, training-feedback]
    guardrails_modified: false
derived_models:
  - {name: Llama-Acme-8B, base_models: [meta-llama/Llama-3.1-8B-Instruct], release: [api, weights]}
""",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["review", str(manifest), *DATE])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert not re.search(r"\bNone\b(?! recorded\.)", text)  # Python's None never leaks into prose
    assert "US$4,000,000" in text and "mail to 01.AI" in text
    assert "for llama3.1 only" in text
    assert "offered to others as a service (API) and released with its weights published" in text
    assert "reward or judge signal" in text and "safety guardrails unchanged" in text
    assert "Figures that stood in for a missing one" in text
    assert (
        "no figure for 2024-06; the highest figure given is licensee.monthly\\_active\\_users"
        in text
    )


def test_review_names_the_builtin_clauses_the_manifest_met(tmp_path: Path) -> None:
    from manifests import NEEDS_ATTESTATION

    manifest = tmp_path / "licensegate.yaml"
    manifest.write_text(
        NEEDS_ATTESTATION.replace(
            "models:\n", "models:\n  - id: acme/Secret-Model\n    uses: [evaluation]\n"
        ),
        encoding="utf-8",
    )
    out = tmp_path / "review.md"
    result = CliRunner().invoke(app, ["review", str(manifest), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "(see `licensegate:unknown-model`): review them by hand" in text
    assert "unsupported-license" not in text.split("review them by hand")[0].split("(see")[-1]
