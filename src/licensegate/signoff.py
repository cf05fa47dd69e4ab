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

The record's shape is ``schemas/signoff.schema.json``. `check` compares the latest entry with
the manifest and policies it evaluated: when either digest differs it warns
(``signoff-outdated``); with ``--require-signoff`` that warning, a missing record
(``signoff-missing``) or one that is unreadable or does not match the schema
(``signoff-invalid``) fails the manifest. Waivers that stop applying within
:data:`EXPIRY_HORIZON_DAYS` days of the evaluation date warn too (``waiver-expiring``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from licensegate.errors import LicensegateError
from licensegate.report import STATUS_ORDER, ManifestResult, ReportWarning, Status
from licensegate.signing import is_armoured

if TYPE_CHECKING:
    from licensegate.manifest import Manifest

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
    notice_digest: str = ""
    """``sha256:<hex>`` of the manifest's notice file when it was signed off, if it has one."""
    signature: str = ""
    """An armoured SSH signature of :func:`signed_document` by :attr:`by` (``sign-off
    --sign-with``); empty when unsigned."""

    @property
    def day(self) -> str:
        """The date part of :attr:`at`."""
        return self.at[:10]

    def to_dict(self) -> dict[str, Any]:
        """The entry as stored: optional fields only when set (records stay as older versions
        wrote them, so trusted copies still compare equal)."""
        entry = asdict(self)
        for optional in ("notice_digest", "signature"):
            if not entry[optional]:
                del entry[optional]
        return entry


def signed_document(entry: SignOff, manifest_path: str) -> dict[str, Any]:
    """What a sign-off's signature covers: the manifest's repository path and the entry (its
    digests of the manifest, notice file and policies, the tool version, the verdict)."""
    document = entry.to_dict()
    document.pop("signature", None)
    return {"signs_off": manifest_path, **document}


def notice_digest(manifest: str | Path, loaded: Manifest | None = None) -> str:
    """``sha256:<hex>`` of the manifest's notice file, or "" when it names none or it cannot be
    read (then the check itself reports it). ``loaded``: the manifest already read."""
    from licensegate.sha256 import sha256

    if loaded is None:
        from licensegate.manifest import load_manifest

        try:
            loaded = load_manifest(manifest)
        except LicensegateError:
            return ""
    product = loaded.data.get("product")
    relative = product.get("notice_file") if isinstance(product, dict) else None
    if not isinstance(relative, str):
        return ""
    from licensegate.safe_read import UnsafeRead, read_file

    folder = Path(manifest).parent
    try:
        # NOTE: as the check reads it (safe_read): inside the manifest's folder, a regular file.
        data = read_file(folder / relative, root=folder, limit=_MAX_BYTES)
    except (FileNotFoundError, UnsafeRead):
        return ""
    return "sha256:" + sha256(data).hexdigest()


def signoff_path(manifest: str | Path) -> Path:
    """Where the sign-off record of ``manifest`` lives: ``<manifest>.signoff.json`` beside it."""
    path = Path(manifest)
    return path.with_name(path.name + SIGNOFF_SUFFIX)


def signoffs_beside(manifest: str) -> list[SignOff]:
    """:func:`read_signoffs` of the record of ``manifest``, a manifest just read through
    safe_read (so its folder resolved inside its root a moment ago).

    Most manifests have no record: one ``lstat`` says so, where safe_read would resolve the
    folder and the root again (a dozen system calls) to open nothing. A record that is there,
    whatever it is (a link, a FIFO...), and any other answer of ``lstat`` go through
    :func:`read_signoffs` and its checks, as before.
    """
    import os

    try:
        # NOTE: the same entry as signoff_path(manifest), which only normalises the spelling.
        os.lstat(manifest + SIGNOFF_SUFFIX)
    except FileNotFoundError:
        return []
    except (OSError, ValueError):
        pass  # read_signoffs words it
    return read_signoffs(signoff_path(manifest))


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
    unknown = sorted(set(document) - {"signoff_version", "manifest", "signoffs"})
    if unknown:
        raise SignOffError(f"{path}: unknown key {unknown[0]!r} in the sign-off record")
    if not isinstance(document.get("manifest", ""), str):
        raise SignOffError(f"{path}: `manifest` must be a string")
    entries = document.get("signoffs")
    if not isinstance(entries, list):
        raise SignOffError(f"{path}: `signoffs` must be a list")
    return [_entry(path, index, item) for index, item in enumerate(entries)]


# The checks below are schemas/signoff.schema.json written out, so that `check` does not import
# jsonschema for a file it reads on every run; tests/test_signoff.py holds both to the same answers.
_REQUIRED = ("by", "at", "manifest_digest", "policy_digest", "tool_version", "result")
_OPTIONAL = ("summary", "note", "notice_digest", "signature")
_PRINTABLE = re.compile(r"[^\x00-\x1f\x7f]+")
_FORMATS: dict[str, tuple[re.Pattern[str], int]] = {
    "by": (_PRINTABLE, 320),
    "at": (re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z"), 20),
    "manifest_digest": (re.compile(r"sha256:[0-9a-f]{64}"), 71),
    "policy_digest": (re.compile(r"sha256:[0-9a-f]{64}"), 71),
    "tool_version": (_PRINTABLE, 64),
    "result": (re.compile(r"pass|fail"), 4),
}
_NOTE_MAX = 10_000


def _entry(path: Path, index: int, item: Any) -> SignOff:
    where = f"{path}: signoffs[{index}]"
    if not isinstance(item, dict):
        raise SignOffError(f"{where} must be an object")
    unknown = sorted(set(item) - set(_REQUIRED) - set(_OPTIONAL))
    if unknown:
        raise SignOffError(f"{where} has an unknown key {unknown[0]!r}")
    for key in _REQUIRED:
        value = item.get(key)
        if not isinstance(value, str) or not value:
            raise SignOffError(f"{where}.{key} must be a non-empty string")
        pattern, longest = _FORMATS[key]
        if len(value) > longest or not pattern.fullmatch(value):
            raise SignOffError(f"{where}.{key} is malformed: {value[:80]!r}")
    try:  # beyond the schema's pattern: a real moment, not 2026-13-45T99:00:00Z
        dt.datetime.strptime(item["at"], "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        raise SignOffError(f"{where}.at is not a real UTC time: {item['at']!r}") from None
    summary = item.get("summary", {})
    if not isinstance(summary, dict):
        raise SignOffError(f"{where}.summary must be an object")
    for status, count in summary.items():
        # bool is an int in Python but not in JSON Schema: `true` is not a count.
        if status not in STATUS_ORDER:
            raise SignOffError(f"{where}.summary has an unknown status {str(status)[:40]!r}")
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise SignOffError(f"{where}.summary.{status} must be a whole number >= 0")
    note = item.get("note", "")
    if not isinstance(note, str) or len(note) > _NOTE_MAX:
        raise SignOffError(f"{where}.note must be a string of at most {_NOTE_MAX} characters")
    notice = item.get("notice_digest", "")
    if "notice_digest" in item and not _FORMATS["manifest_digest"][0].fullmatch(str(notice)):
        raise SignOffError(f"{where}.notice_digest is malformed")
    signature = item.get("signature", "")
    if "signature" in item and not is_armoured(signature):
        raise SignOffError(f"{where}.signature is not an armoured SSH signature")
    return SignOff(
        by=item["by"],
        at=item["at"],
        manifest_digest=item["manifest_digest"],
        policy_digest=item["policy_digest"],
        tool_version=item["tool_version"],
        result=item["result"],
        summary=dict(summary),
        note=note,
        notice_digest=notice,
        signature=signature,
    )


def append_signoff(manifest: str | Path, entry: SignOff) -> Path:
    """Add ``entry`` to the manifest's sign-off record (created if absent), atomically."""
    from licensegate.locking import folder_lock

    path = signoff_path(manifest)
    # NOTE: under the folder lock, a concurrent sign-off waits and then reads this entry too.
    with folder_lock(path.parent):
        entries = read_signoffs(path)
        entries.append(entry)
        document = {
            "signoff_version": SIGNOFF_VERSION,
            "manifest": Path(manifest).name,
            "signoffs": [item.to_dict() for item in entries],
        }
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        _replace(path, text)
    return path


def _replace(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder (safe_write): the
    temporary file never outlives a failure, and a record that is a link is not written through."""
    from licensegate.safe_write import OutputError, write_text

    try:
        write_text(path, text)
    except OutputError as err:
        raise SignOffError(f"{path}: cannot write the sign-off record: {err}") from None


def new_signoff(
    result: ManifestResult,
    policy_digest: str,
    by: str,
    note: str = "",
    now: dt.datetime | None = None,
    manifest: Manifest | None = None,
) -> SignOff:
    """The entry recording that ``by`` approved ``result`` now (``manifest``: as loaded)."""
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
        notice_digest=notice_digest(result.manifest, manifest),
    )


def signoff_state(
    result: ManifestResult,
    policy_digest: str,
    entries: list[SignOff] | SignOffError | None = None,
    *,
    require: bool = False,
    manifest: Manifest | None = None,
) -> ReportWarning | None:
    """The sign-off warning for one result, or None when its latest sign-off still matches.

    ``entries``: the record's entries that count (pipeline.finish leaves out those a trusted
    ref does not hold), or the error reading it; None reads the record. ``manifest``: the
    manifest as loaded, so that its notice file is found without reading it again.
    """
    if entries is None:
        try:
            entries = read_signoffs(signoff_path(result.manifest))
        except SignOffError as err:
            entries = err
    if isinstance(entries, SignOffError):
        return ReportWarning("signoff-invalid", str(entries), None, blocking=require)
    if not entries:
        if not require:
            return None
        path = signoff_path(result.manifest)
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
    # Records from before notice digests were kept have none; the manifest digest still binds
    # the notice file's name.
    if latest.notice_digest and latest.notice_digest != notice_digest(result.manifest, manifest):
        changed.append("the notice file")
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
    result: ManifestResult,
    today: dt.date,
    horizon: int = EXPIRY_HORIZON_DAYS,
    *,
    manifest: Manifest | None = None,
) -> list[ReportWarning]:
    """A warning per applied waiver that stops applying within ``horizon`` days of ``today``.

    ``manifest``: the manifest as loaded, for the waivers' lines (else it is read again)."""
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
            manifest_waivers = _manifest_waivers(result.manifest, manifest)
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


def _manifest_waivers(
    manifest: str, loaded: Manifest | None
) -> list[tuple[dict[str, Any], int | None]]:
    """The manifest's waivers with the line of each ``expires``."""
    if loaded is None:
        from licensegate.manifest import load_manifest

        try:
            loaded = load_manifest(manifest)
        except LicensegateError:
            return []
    return [
        (record, loaded.line_of(("waivers", index, "expires")))
        for index, record in enumerate(loaded.data.get("waivers", []))
    ]
