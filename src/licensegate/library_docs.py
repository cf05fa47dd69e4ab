"""Describe the clause library to people: `licenses`, `explain`, and policies/README.md.

A clause's trigger and what satisfies it follow from its kind: policies/clause-kinds.yaml says
them once per kind (see licensegate.clause_kinds), and a package may override them with
`custom.trigger` / `custom.satisfied_by` where its text differs.
"""

from __future__ import annotations

import json
from typing import Any

from licensegate.clause_kinds import clause_kinds
from licensegate.policy import ClauseInfo, PolicyLibrary


def trigger_of(info: ClauseInfo) -> str:
    """What makes the clause apply."""
    kind = clause_kinds().get(info.clause)
    return info.trigger or (kind.applies_when if kind else "")


def satisfied_by(info: ClauseInfo) -> str:
    """What satisfies the clause."""
    kind = clause_kinds().get(info.clause)
    return info.satisfied_by or (kind.satisfied_by if kind else "")


def _by_license(library: PolicyLibrary) -> dict[str, list[ClauseInfo]]:
    grouped: dict[str, list[ClauseInfo]] = {license_id: [] for license_id in library.licenses}
    for info in library.clauses.values():
        grouped.setdefault(info.license, []).append(info)
    return {key: sorted(value, key=lambda i: i.line) for key, value in sorted(grouped.items())}


def unsupported(library: PolicyLibrary) -> dict[str, str]:
    """License ids known to be out of reach, with the reason."""
    table = library.data.get("licensegate", {}).get("unsupported", {})
    return {key: str(value.get("reason", "")) for key, value in sorted(table.items())}


def licenses_text(library: PolicyLibrary) -> str:
    """`licensegate licenses`: one block per license, one line per clause."""
    lines: list[str] = []
    for license_id, clauses in _by_license(library).items():
        text = library.license(license_id)
        if text is None:
            continue
        lines.append(f"{license_id}: {text.name} ({text.version})")
        lines.append(f"  {text.text}")
        lines += [f"  {info.id:<40} {info.section:<36} {info.title}" for info in clauses]
        lines.append("")
    for license_id, reason in unsupported(library).items():
        lines.append(f"{license_id}: not supported: {reason}")
    return "\n".join(lines).rstrip() + "\n"


def licenses_json(library: PolicyLibrary) -> str:
    """`licensegate licenses --format json`."""
    document: dict[str, Any] = {"licenses": [], "unsupported": unsupported(library)}
    for license_id, clauses in _by_license(library).items():
        text = library.license(license_id)
        if text is None:
            continue
        document["licenses"].append(
            {
                "id": license_id,
                "name": text.name,
                "version": text.version,
                "text": text.text,
                "clauses": [_clause_dict(info) for info in clauses],
            }
        )
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _clause_dict(info: ClauseInfo) -> dict[str, str]:
    return {
        "id": info.id,
        "title": info.title,
        "section": info.section,
        "quote": info.quote,
        "source": info.source,
        "applies_when": trigger_of(info),
        "satisfied_by": satisfied_by(info),
        "remediation": info.remediation,
    }


def licenses_markdown(library: PolicyLibrary) -> str:
    """policies/README.md: the clause library, generated from METADATA (`make docs`)."""
    out = [
        "# The clause library",
        "",
        "Generated from the policies' METADATA by `make docs` (`licensegate licenses --format "
        "markdown`); do not edit by hand. Each clause cites the license's own section and words.",
        "",
        "| license | text | version | clauses |",
        "|---|---|---|---|",
    ]
    grouped = _by_license(library)
    for license_id, clauses in grouped.items():
        text = library.license(license_id)
        if text is not None:
            out.append(
                f"| [`{license_id}`](#{_anchor(license_id)}) | [{text.name}]({text.text}) "
                f"| {text.version} | {len(clauses)} |"
            )
    for license_id, clauses in grouped.items():
        text = library.license(license_id)
        if text is None:
            continue
        out += ["", f"## {license_id}", "", f"[{text.name}]({text.text}), {text.version}.", ""]
        if text.out_of_reach:
            out += ["**Out of reach** (no manifest fact decides these; review them by hand):", ""]
            out += [f"- {item}" for item in text.out_of_reach]
            out.append("")
        for info in clauses:
            out += [
                f"### `{info.id}` — {info.title}",
                "",
                f"- **Section:** {info.section}",
                f'- **Text:** "{info.quote}" ([source]({info.source}))',
                f"- **Applies when:** {trigger_of(info)}",
                f"- **Satisfied by:** {satisfied_by(info)}",
                f"- **Remediation:** {info.remediation}",
                f"- **Policy:** `policies/{info.file}:{info.line}`",
                "",
            ]
    out += _kinds_markdown()
    reasons = unsupported(library)
    if reasons:
        out += ["## Not supported", "", "| license | why |", "|---|---|"]
        out += [f"| `{key}` | {reason} |" for key, reason in reasons.items()]
    return "\n".join(out).rstrip() + "\n"


_GROUP_HEADINGS = {
    "display": "what to display",
    "files": "files to ship",
    "duty": "other duties",
    "none": "(not an obligation)",
}


def _kinds_markdown() -> list[str]:
    """The clause kinds from policies/clause-kinds.yaml: what each means, once for every license."""
    out = [
        "## Clause kinds",
        "",
        "From `policies/clause-kinds.yaml`. A clause's own METADATA may say more precisely when it "
        "applies and what satisfies it (above); the review document lists a kind under its "
        "obligation heading.",
        "",
        "| kind | about | applies when | satisfied by | review obligation |",
        "|---|---|---|---|---|",
    ]
    for kind in clause_kinds().values():
        cells = (kind.about, kind.applies_when, kind.satisfied_by)
        text = " | ".join(_cell(cell) for cell in cells)
        out.append(f"| `{kind.name}` | {text} | {_GROUP_HEADINGS[kind.obligation]} |")
    return [*out, ""]


def _cell(text: str) -> str:
    """Text that stays inside one Markdown table cell."""
    return text.replace("|", "\\|")


def _anchor(license_id: str) -> str:
    return license_id.replace(".", "").replace("+", "")


def explain_text(info: ClauseInfo, library: PolicyLibrary) -> str:
    """`licensegate explain CLAUSE`."""
    text = library.license(info.license)
    lines = [f"{info.id}: {info.title}"]
    if text is not None:
        lines.append(f"license:      {text.name} ({text.version})")
    lines.append(f"section:      {info.section}")
    if info.quote:
        lines.append(f'quote:        "{info.quote}"')
    lines += [
        f"source:       {info.source}",
        f"about:        {info.description}",
        f"applies when: {trigger_of(info)}",
        f"satisfied by: {satisfied_by(info)}",
        f"remediation:  {info.remediation}",
        f"policy:       policies/{info.file}:{info.line}",
    ]
    if text is not None and text.out_of_reach:
        lines.append(f"out of reach in {text.id} (review by hand):")
        lines += [f"  - {item}" for item in text.out_of_reach]
    return "\n".join(lines) + "\n"


README_BEGIN = (
    "<!-- BEGIN license table: generated by `make docs` from the policies; do not edit -->"
)
README_END = "<!-- END license table -->"


def license_table_markdown(library: PolicyLibrary) -> str:
    """The README's table of supported licenses: one row per license package, from its METADATA."""
    checkpoints: dict[str, int] = {}
    for entry in library.catalog.values():
        for license_id in entry.get("licenses", []):
            checkpoints[str(license_id)] = checkpoints.get(str(license_id), 0) + 1
    out = [
        "| license id | text | version | catalog checkpoints | clauses |",
        "|---|---|---|---|---|",
    ]
    for license_id, clauses in _by_license(library).items():
        text = library.license(license_id)
        if text is None:
            continue
        count = checkpoints.get(license_id, 0)
        models = str(count) if count else f"none: declare `license: {license_id}`"
        kinds = ", ".join(info.clause for info in clauses)
        name, version = _cell(text.name), _cell(text.version)
        out.append(
            f"| [`{license_id}`](policies/README.md#{_anchor(license_id)}) | "
            f"[{name}]({text.text}) | {version} | {models} | {kinds} |"
        )
    return "\n".join(out) + "\n"


def with_license_table(readme: str, library: PolicyLibrary) -> str:
    """``readme`` with the text between its license-table markers generated afresh.

    Raises:
        ValueError: The markers are missing, repeated or out of order.
    """
    if readme.count(README_BEGIN) != 1 or readme.count(README_END) != 1:
        raise ValueError("expected one license-table BEGIN and one END marker")
    head, rest = readme.split(README_BEGIN)
    _, tail = rest.split(README_END) if README_END in rest else ("", None)
    if tail is None:
        raise ValueError("the license-table END marker comes before BEGIN")
    table = license_table_markdown(library)
    return f"{head}{README_BEGIN}\n{table}{README_END}{tail}"


def main(argv: list[str]) -> int:
    """``python -m licensegate.library_docs README.md``: rewrite the README's license table."""
    import sys

    from licensegate.api import load_library

    if len(argv) != 1:
        print("usage: python -m licensegate.library_docs README.md", file=sys.stderr)
        return 2
    path = argv[0]
    try:
        with open(path, encoding="utf-8") as handle:
            readme = handle.read()
        updated = with_license_table(readme, load_library())
    except (OSError, ValueError) as err:
        print(f"{path}: {err}", file=sys.stderr)
        return 2
    if updated != readme:
        from pathlib import Path

        from licensegate.safe_write import write_text

        write_text(Path(path), updated)
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
