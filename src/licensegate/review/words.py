"""Plain words for manifest values: countries, months, numbers, uses, statuses, lists."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from licensegate.levels import level_of
from licensegate.report import ClauseResult

_MONTHS = (
    "January February March April May June July August September October November December"
).split()

_COUNTRIES = {
    "AT": "Austria", "AU": "Australia", "BE": "Belgium", "BG": "Bulgaria", "BR": "Brazil",
    "CA": "Canada", "CH": "Switzerland", "CN": "China", "CY": "Cyprus", "CZ": "Czechia",
    "DE": "Germany", "DK": "Denmark", "EE": "Estonia", "ES": "Spain", "FI": "Finland",
    "FR": "France", "GB": "the United Kingdom", "GR": "Greece", "HR": "Croatia",
    "HU": "Hungary", "IE": "Ireland", "IL": "Israel", "IN": "India", "IS": "Iceland",
    "IT": "Italy", "JP": "Japan", "KR": "South Korea", "LI": "Liechtenstein",
    "LT": "Lithuania", "LU": "Luxembourg", "LV": "Latvia", "MT": "Malta", "MX": "Mexico",
    "NL": "the Netherlands", "NO": "Norway", "NZ": "New Zealand", "PL": "Poland",
    "PT": "Portugal", "RO": "Romania", "SE": "Sweden", "SG": "Singapore", "SI": "Slovenia",
    "SK": "Slovakia", "TW": "Taiwan", "UA": "Ukraine", "US": "the United States",
    "ZA": "South Africa",
}  # fmt: skip

ENVIRONMENT = {
    "production": "in production",
    "staging": "in staging (a pre-production environment)",
    "research": "a research project",
    "evaluation": "an evaluation",
}
AUDIENCE = {
    "internal": "only people inside the organisation",
    "customers": "the organisation's customers",
    "public": "the general public",
}
WHERE = {
    "website": "on a website",
    "user-interface": "in the user interface",
    "blogpost": "in a blog post",
    "about-page": "on the about page",
    "documentation": "in the product documentation",
}
USES = {
    "inference": "running it to serve requests (inference)",
    "fine-tuning": "fine-tuning it into a new model",
    "distillation-teacher": "using its outputs to train another model (distillation)",
    "synthetic-data": "generating synthetic training data with it",
    "training-feedback": "using its outputs as a reward or judge signal in training",
    "evaluation": "evaluating it",
}
RELEASE = {
    "none": "not released: used inside the organisation only",
    "api": "offered to others as a service (API)",
    "weights": "released with its weights published",
}
STATUS_WORDS = {
    "violated": "Violated",
    "missing-facts": "Facts missing",
    "needs-attestation": "Needs a person's attestation",
    "satisfied": "Satisfied",
    "waived": "Waived",
}


def country(code_: str) -> str:
    """``US`` -> ``the United States (US)``; unknown codes stay as they are."""
    name = _COUNTRIES.get(code_.upper())
    return f"{name} ({code_})" if name else f"the country with code {code_}"


def number(value: Any) -> str:
    """Thousands separated: 3200000 -> 3,200,000."""
    return f"{value:,}" if isinstance(value, int) else str(value)


def month(key: str) -> str:
    """``2024-06`` -> ``June 2024``."""
    try:
        year, index = key.split("-")
        return f"{_MONTHS[int(index) - 1]} {year}"
    except (ValueError, IndexError):
        return key


def sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


def yes_no(value: Any, yes: str, no: str, unknown: str) -> str:
    if value is True:
        return yes
    if value is False:
        return no
    return unknown


def per_license(value: Any, yes: str, no: str, unknown: str) -> str:
    """A per-license fact (true, false or a list of license ids) in words."""
    if isinstance(value, list):
        if not value:
            return no
        return f"{yes.rstrip('.')}, for {join(value)} only."
    return yes_no(value, yes, no, unknown)


def ways(release: Any) -> list[str]:
    """A derived model's release, a single value or a list, as a list."""
    return [release] if isinstance(release, str) else list(release or [])


def join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def status_label(clause: ClauseResult, strict: bool) -> str:
    icon = level_of(clause.status, strict).icon
    return f"{icon} {STATUS_WORDS[clause.status.value]}"
