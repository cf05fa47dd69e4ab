"""Legal sign-off records, and the warnings `check` gives about them and about expiring waivers.

`licensegate sign-off MANIFEST --by NAME` appends an approval to ``<manifest>.signoff.json``
beside the manifest. Entries are only ever added, never changed or removed::

    {
      "signoff_version": 1,
      "manifest": "licensegate.yaml",
      "signoffs": [
        {"by": "counsel@acme.example", "at": "2026-11-29T10:12:00Z", "note": "",
         "manifest_digest": "sha256:…", "policy_digest": "sha256:…", "tool_version": "0.1.0",
         "result": "pass", "summary": {"violated": 0, …}}
      ]
    }

`check` compares the latest entry with the manifest and policies it evaluated: when either
digest differs it warns (``signoff-outdated``); with ``--require-signoff`` that warning, a
missing record (``signoff-missing``) or an unreadable one (``signoff-invalid``) fails the
manifest. Waivers that stop applying within :data:`EXPIRY_HORIZON_DAYS` days of the evaluation
date warn too (``waiver-expiring``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from licensegate.errors import LicensegateError
from licensegate.report import ManifestResult, Report, ReportWarning, Status

if TYPE_CHECKING:
    from collections.abc import Iterator

    from licensegate.trust import TrustedRef

SIGNOFF_SUFFIX = ".signoff.json"
"""A manifest's sign-off record is its file name plus this suffix, in the same folder."""
SIGNOFF_VERSION = 1
EXPIRY_HORIZON_DAYS = 30
"""Waivers that stop applying within this many days of the evaluation date get a warning."""
_MAX_BYTES = 4 * 1024 * 1024


class SignOffError(LicensegateError):
    """A sign-off record cannot be read or written."""


@dataclass(frozen=True)
class SignOff:
    """One recorded approval of a manifest."""

    by: str
    """Who approved it (a name or e-mail address)."""
    at: str
    """When, in UTC: ``YYYY-MM-DDTHH:MM:SSZ``."""
    manifest_digest: str
    policy_digest: str
    tool_version: str
    result: str
    """The verdict (under ``--strict``) when it was signed off: always ``pass``."""
    summary: dict[str, int] = field(default_factory=dict)
    note: str = ""

    @property
    def day(self) -> str:
        """The date part of :attr:`at`."""
        return self.at[:10]


def signoff_path(manifest: str | Path) -> Path:
    """Where the sign-off record of ``manifest`` lives: ``<manifest>.signoff.json`` beside it."""
    path = Path(manifest)
    return path.with_name(path.name + SIGNOFF_SUFFIX)


def read_signoffs(path: Path) -> list[SignOff]:
    """Every entry of a sign-off record, oldest first; [] when the file does not exist."""
    from licensegate.safe_read import UnsafeRead, read_file, repository_root

    try:
        # NOTE: the record comes with the pull request: a link out of the repository, a FIFO
        # or a device must not be read (safe_read).
        raw = read_file(path, root=repository_root(path), limit=_MAX_BYTES)
    except FileNotFoundError:
        return []
    except UnsafeRead as err:
        raise SignOffError(f"{path}: sign-off record {err}") from None
    try:
        document = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise SignOffError(f"{path}: sign-off record is not valid JSON: {err}") from None
    if not isinstance(document, dict) or document.get("signoff_version") != SIGNOFF_VERSION:
        raise SignOffError(f"{path}: not a licensegate sign-off record (signoff_version 1)")
    entries = document.get("signoffs")
    if not isinstance(entries, list):
        raise SignOffError(f"{path}: `signoffs` must be a list")
    return [_entry(path, index, item) for index, item in enumerate(entries)]


_REQUIRED = ("by", "at", "manifest_digest", "policy_digest", "tool_version", "result")


def _entry(path: Path, index: int, item: Any) -> SignOff:
    if not isinstance(item, dict):
        raise SignOffError(f"{path}: signoffs[{index}] must be an object")
    for key in _REQUIRED:
        if not isinstance(item.get(key), str) or not item[key]:
            raise SignOffError(f"{path}: signoffs[{index}].{key} must be a non-empty string")
    summary = item.get("summary", {})
    note = item.get("note", "")
    if not isinstance(summary, dict) or not isinstance(note, str):
        raise SignOffError(f"{path}: signoffs[{index}] has a malformed summary or note")
    return SignOff(
        by=item["by"],
        at=item["at"],
        manifest_digest=item["manifest_digest"],
        policy_digest=item["policy_digest"],
        tool_version=item["tool_version"],
        result=item["result"],
        summary={str(k): int(v) for k, v in summary.items()},
        note=note,
    )


def append_signoff(manifest: str | Path, entry: SignOff) -> Path:
    """Add ``entry`` to the manifest's sign-off record (created if absent), atomically.

    Two sign-offs at once never lose an entry: the read-append-replace runs under an exclusive
    lock on the record's folder (the record itself is replaced, so it cannot hold the lock).
    """
    from licensegate.safe_write import OutputError, write_text

    path = signoff_path(manifest)
    with _folder_lock(path.parent):
        entries = read_signoffs(path)
        entries.append(entry)
        document = {
            "signoff_version": SIGNOFF_VERSION,
            "manifest": Path(manifest).name,
            "signoffs": [asdict(item) for item in entries],
        }
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        try:
            write_text(path, text)  # atomic; never through a link
        except OutputError as err:
            raise SignOffError(f"{path}: cannot write the sign-off record: {err}") from None
    return path


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``folder`` (where flock exists; else no lock)."""
    try:
        import fcntl
    except ImportError:  # NOTE: Windows: no flock; concurrent sign-offs are not serialised
        yield
        return
    try:
        descriptor = os.open(folder if str(folder) else ".", os.O_RDONLY | os.O_DIRECTORY)
    except OSError as err:
        raise SignOffError(f"{folder}: cannot open the folder: {err.strerror}") from None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # releases the lock


def new_signoff(
    result: ManifestResult,
    policy_digest: str,
    by: str,
    note: str = "",
    now: dt.datetime | None = None,
) -> SignOff:
    """The entry recording that ``by`` approved ``result`` now."""
    from licensegate import __version__

    moment = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    return SignOff(
        by=by,
        at=moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
        manifest_digest=result.digest,
        policy_digest=policy_digest,
        tool_version=__version__,
        result="fail" if result.failed else "pass",
        summary={status.value: result.count(status) for status in Status},
        note=note,
    )


def signoff_state(
    result: ManifestResult,
    policy_digest: str,
    *,
    require: bool = False,
    trust: TrustedRef | None = None,
    untrusted: list[ReportWarning] | None = None,
) -> ReportWarning | None:
    """The sign-off warning for one result, or None when its latest sign-off still matches.

    With ``trust``, only entries also in the record at its ref count; a ``signoff-untrusted``
    warning for the others is appended to ``untrusted``.
    """
    path = signoff_path(result.manifest)
    try:
        entries = read_signoffs(path)
    except SignOffError as err:
        return ReportWarning("signoff-invalid", str(err), None, blocking=require)
    if trust is not None:
        from licensegate.trust import trusted_signoffs

        entries, dropped = trusted_signoffs(path, entries, trust)
        if dropped and untrusted is not None:
            untrusted.append(
                ReportWarning(
                    "signoff-untrusted",
                    f"{dropped} sign-off entr{'y' if dropped == 1 else 'ies'} of {path.name} "
                    f"{'is' if dropped == 1 else 'are'} not in the record at {trust.ref} "
                    f"({trust.commit[:12]}): a sign-off added in this change does not count",
                    None,
                    blocking=False,
                )
            )
    if not entries:
        if not require:
            return None
        return ReportWarning(
            "signoff-missing",
            f"no sign-off recorded ({path} does not exist); have counsel review it "
            f"(licensegate review) and record one (licensegate sign-off --by NAME)",
            None,
            blocking=True,
        )
    latest = entries[-1]
    changed = [
        what
        for what, then, now in (
            ("the manifest", latest.manifest_digest, result.digest),
            ("the policies", latest.policy_digest, policy_digest),
        )
        if then != now
    ]
    if not changed:
        return None
    return ReportWarning(
        "signoff-outdated",
        f"{' and '.join(changed)} changed after the sign-off by {latest.by} on {latest.day}; "
        "have it reviewed and signed off again (licensegate review, licensegate sign-off)",
        None,
        blocking=require,
    )


def expiring_waivers(
    result: ManifestResult, today: dt.date, horizon: int = EXPIRY_HORIZON_DAYS
) -> list[ReportWarning]:
    """A warning per applied waiver that stops applying within ``horizon`` days of ``today``."""
    seen: dict[tuple[str, str, str], list[str]] = {}
    records: dict[tuple[str, str, str], dict[str, Any]] = {}
    for clause in result.clauses:
        waiver = clause.extra.get("waiver")
        if clause.status is not Status.WAIVED or not isinstance(waiver, dict):
            continue
        key = (
            str(waiver.get("clause")),
            str(waiver.get("subject", "")),
            str(waiver.get("expires")),
        )
        seen.setdefault(key, []).append(clause.subject)
        records[key] = waiver
    warnings = []
    manifest_waivers: list[tuple[dict[str, Any], int | None]] | None = None
    for key, subjects in seen.items():
        try:
            expires = dt.date.fromisoformat(key[2])
        except ValueError:
            continue
        days = (expires - today).days
        if not 0 < days <= horizon:
            continue
        if manifest_waivers is None:
            manifest_waivers = _manifest_waivers(result.manifest)
        waiver = records[key]
        line = next(
            (
                at
                for record, at in manifest_waivers
                if all(record.get(k) == waiver.get(k) for k in ("clause", "subject", "expires"))
            ),
            None,
        )
        warnings.append(
            ReportWarning(
                "waiver-expiring",
                f"the waiver of {key[0]} for {', '.join(subjects)} (approved by "
                f"{waiver.get('approved_by', '?')}) expires on {key[2]}, in {days} day"
                f"{'s' if days != 1 else ''}: from that day the clause fails again unless the "
                "waiver is renewed or the finding is resolved",
                line,
            )
        )
    return warnings


def _manifest_waivers(manifest: str) -> list[tuple[dict[str, Any], int | None]]:
    """The manifest's waivers with the line of each ``expires`` (read again: this is rare)."""
    from licensegate.manifest import load_manifest

    try:
        loaded = load_manifest(manifest)
    except LicensegateError:
        return []
    return [
        (record, loaded.line_of(("waivers", index, "expires")))
        for index, record in enumerate(loaded.data.get("waivers", []))
    ]


def assess(
    report: Report,
    *,
    today: dt.date | None = None,
    require_signoff: bool = False,
    horizon: int = EXPIRY_HORIZON_DAYS,
    trust: TrustedRef | None = None,
) -> Report:
    """The report with sign-off and waiver-expiry warnings attached to each result."""
    results = [
        assess_result(
            result,
            report.policy_digest,
            today=today,
            require_signoff=require_signoff,
            horizon=horizon,
            trust=trust,
        )
        for result in report.results
    ]
    return replace(report, results=results)


def assess_result(
    result: ManifestResult,
    policy_digest: str,
    *,
    today: dt.date | None = None,
    require_signoff: bool = False,
    horizon: int = EXPIRY_HORIZON_DAYS,
    trust: TrustedRef | None = None,
) -> ManifestResult:
    """One result with its sign-off and waiver-expiry warnings (as `assess`, one at a time)."""
    day = today or dt.date.today()
    warnings = list(result.warnings)
    state = signoff_state(
        result, policy_digest, require=require_signoff, trust=trust, untrusted=warnings
    )
    if state is not None:
        warnings.append(state)
    warnings.extend(expiring_waivers(result, day, horizon))
    return replace(result, warnings=warnings) if warnings else result
