"""The remote engine: an OPA server, reached over its REST API with ``opa-python-client``.

Two ways to get the policies there:

- **push** (default): the library's modules go in through the Policy API
  (``PUT /v1/policies/licensegate/<file>``) and its data through the Data API
  (``PUT /v1/data/<root>``), unless the server already has this revision;
- **preloaded** (``--opa-preloaded``): the server already serves the bundle from
  ``licensegate bundle build`` (``opa run --server --bundle``, or a bundle service);
  nothing is written.

Either way the server must publish ``data.licensegate.revision`` equal to the library digest
(the revision the reports carry) before anything is evaluated, and each manifest is one
``POST /v1/data/licensegate/main/decision`` with ``{"input": ...}`` plus a fresh nonce. The
answer carries the revision that made it and echoes the nonce; ``answer.findings_of`` checks
both, the count, and that every model is judged, on every answer (as for the embedded engine).

Fail closed: a server that is unreachable, slow (timeout), answers 4xx/5xx, a redirect, a body
over MAX_BODY (also once decompressed), an answer that does not finish within the timeout, or
something that is not a decision with this revision, this request's nonce and a finding for
every model raises EngineError with a one-line reason.
Only transient failures (connection refused or reset, 502/503/504) are retried, once.

NOTE: opa-python-client 3.0 reports errors inconsistently (``raise_for_status`` in some methods,
``response.json()`` on error bodies in others, a bool from ``check_health``), and its own urllib3
retries cover 500 (which is not transient) but not 503 and not a read after a reset. So the session
it builds is adjusted in ``_client_class``: no urllib3 retries, and a response hook that turns
every HTTP error into ``_HttpError`` carrying OPA's ``{"code", "message"}``, before the client's
own handling sees it. The retry and every message live here.

NOTE: the revision is read before the first evaluation (to push when it differs) and checked
again in every answer: a server whose policies another licensegate revision replaces during a run
makes that run end with exit 2, never with verdicts from the other policies. Give each
licensegate revision its own server, or serve bundles (``--opa-preloaded``).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlsplit

from licensegate.engine import ANSWER
from licensegate.engine.answer import findings_of, new_request
from licensegate.errors import EngineError
from licensegate.policy import Module, PolicyLibrary

log = logging.getLogger(__name__)

REVISION_KEY = "revision"
"""``data.licensegate.revision``: the library digest, pushed last and written into bundles."""
POLICY_PREFIX = "licensegate/"
"""Policy ids licensegate owns on a server it pushes to: ``licensegate/<module path>``."""
DEFAULT_TIMEOUT = 10.0
"""Seconds per request (connect and read) unless ``--opa-timeout`` says otherwise."""
RETRY_DELAY = 0.25
"""Seconds before the one retry of a transient failure."""
MAX_BODY = 32 * 1024 * 1024
"""Largest answer read from the server, after decompression (a gzip bomb stops here)."""
_TRANSIENT_STATUS = (502, 503, 504)
_ANSWER_PATH = ANSWER.removeprefix("data.").replace(".", "/")
_DEFINED = re.compile(r"^(?:default\s+)?([A-Za-z_][A-Za-z0-9_]*)\b(?!\s*\.)", re.MULTILINE)
_DATA_REF = re.compile(r"\bdata\.([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)")

T = TypeVar("T")


@dataclass(frozen=True)
class OpaOptions:
    """How to reach an OPA server (``check --engine opa``); picklable for batch workers."""

    url: str
    """``http(s)://host[:port]``; no path (opa-python-client builds ``<url>/v1/...``)."""
    token: str | None = None
    """Bearer token (OPA ``--authentication=token``)."""
    preloaded: bool = False
    """The server already has the policies from a bundle: check the revision, push nothing."""
    timeout: float = DEFAULT_TIMEOUT
    """Seconds per request."""
    ca_bundle: str | None = None
    """PEM file of the CAs that sign the server certificate (default: the system's)."""
    client_cert: str | None = None
    """PEM client certificate for mutual TLS (OPA ``--authentication=tls``)."""
    client_key: str | None = None
    """Its private key, when not inside ``client_cert``."""
    insecure: bool = False
    """Skip verification of the server certificate (testing only)."""


class _HttpError(Exception):
    """An HTTP error status, raised by the session's response hook."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(status, detail)
        self.status = status
        self.detail = detail


class _BadAnswer(Exception):
    """An answer licensegate refuses to read on: a redirect, too big, too slow, undecodable."""


class RemoteEngine:
    """Evaluates the licensegate decision on an OPA server."""

    def __init__(self, library: PolicyLibrary, options: OpaOptions) -> None:
        self._options = options
        self._url = _base_url(options.url)
        self._client = _make_client(options)
        self._revision = library.digest
        found = self._server_revision()
        if found == self._revision:
            return
        if options.preloaded:
            raise EngineError(_mismatch(self._url, found, self._revision))
        self._push(library)
        found = self._server_revision()
        if found != self._revision:  # another client pushed in between
            raise EngineError(_mismatch(self._url, found, self._revision))

    def evaluate(self, input_document: dict[str, Any]) -> list[dict[str, Any]]:
        """POST the input to the decision; an answer that fails its checks is an EngineError."""
        what = f"POST /v1/data/{_ANSWER_PATH}"
        package, rule = _ANSWER_PATH.replace("/", ".").rsplit(".", 1)
        request, _ = new_request(input_document)
        body = self._call(what, lambda: self._client.query_rule(request, package, rule))
        if not isinstance(body, dict) or "result" not in body:
            raise EngineError(
                f"OPA server {self._url}: the decision {ANSWER} is undefined "
                "(are the licensegate policies loaded?)"
            )
        return findings_of(
            body["result"], request, revision=self._revision, source=f"OPA server {self._url}"
        )

    def close(self) -> None:
        """Release the HTTP connections."""
        self._client.close_connection()

    # -- the revision and the push ------------------------------------------------------------

    def _server_revision(self) -> str | None:
        from opa_client.errors import PolicyNotFoundError

        path = f"licensegate/{REVISION_KEY}"

        def read() -> str | None:
            try:
                body = self._client.get_data(path)
            except PolicyNotFoundError:  # 200 without "result": the document is undefined
                return None
            value = body.get("result")
            return value if isinstance(value, str) else repr(value)

        return self._call(f"GET /v1/data/{path}", read)

    def _push(self, library: PolicyLibrary) -> None:
        """Write data, replace licensegate's modules, then publish the revision, in that order.

        The data goes first without the revision, so a half-finished push never looks current.
        """
        log.info("pushing policy revision %s to %s", library.digest, self._url)
        roots = dict(library.data)
        if REVISION_KEY in roots.get("licensegate", {}):
            raise EngineError(f"policy data may not define licensegate.{REVISION_KEY} itself")
        for key in sorted(roots):
            self._put_data(key, roots[key])
        wanted = {POLICY_PREFIX + module.name: module for module in library.policy_modules}
        present = self._call("GET /v1/policies", self._client.get_policies_list)
        stale = sorted(
            (pid for pid in present if pid.startswith(POLICY_PREFIX) and pid not in wanted),
            reverse=True,  # dependants (.../licenses/...) before what they import (.../lib/...)
        )
        operations: list[tuple[str, Callable[[], object]]] = [
            (f"DELETE /v1/policies/{pid}", _bind(self._client.delete_policy, pid)) for pid in stale
        ]
        for module in push_order(library.policy_modules):
            pid = POLICY_PREFIX + module.name
            operations.append(
                (
                    f"PUT /v1/policies/{pid}",
                    _bind(self._client.update_policy_from_string, module.source, pid, False),
                )
            )
        self._settle(operations)
        self._put_data(
            "licensegate", {**roots.get("licensegate", {}), REVISION_KEY: library.digest}
        )

    def _put_data(self, key: str, value: Any) -> None:
        if not isinstance(value, dict):
            raise EngineError(f"cannot push data.{key}: the Data API client takes objects only")
        self._call(f"PUT /v1/data/{key}", _bind(self._client.update_or_create_data, value, key))

    def _settle(self, operations: list[tuple[str, Callable[[], object]]]) -> None:
        """Run policy writes; a write OPA refuses (a compile error) is retried after the others.

        OPA compiles every module on each write, so a module whose imports are not there yet, or
        a stale module still needed by another, is refused (400) until the rest are in place.
        """
        pending = operations
        while pending:
            refused: list[tuple[str, Callable[[], object]]] = []
            last: _Refused | None = None
            for what, operation in pending:
                try:
                    self._call(what, operation)
                except _Refused as err:  # noqa: PERF203 - each write is its own HTTP request
                    refused.append((what, operation))
                    last = err
            if len(refused) == len(pending):
                assert last is not None
                raise last
            pending = refused

    # -- one request ----------------------------------------------------------------------------

    def _call(self, what: str, operation: Callable[[], T]) -> T:
        """Run one client call: retry a transient failure once, translate every other one."""
        import requests

        for attempt in (1, 2):
            try:
                return operation()
            except _HttpError as err:  # noqa: PERF203 - the one retry
                if err.status in _TRANSIENT_STATUS and attempt == 1:
                    log.info("%s: HTTP %s, retrying once", what, err.status)
                    time.sleep(RETRY_DELAY)
                    continue
                message = (
                    f"OPA server {self._url} answered {what} with HTTP {err.status}: {err.detail}"
                )
                if err.status == 400 and what.startswith(("PUT /v1/policies", "DELETE")):
                    raise _Refused(message) from None
                raise EngineError(message) from None
            except _BadAnswer as err:
                raise EngineError(f"OPA server {self._url}: {what}: {err}") from None
            except requests.exceptions.Timeout:
                raise EngineError(
                    f"OPA server {self._url} did not answer {what} within "
                    f"{self._options.timeout:g} s (--opa-timeout)"
                ) from None
            except requests.exceptions.SSLError as err:
                raise EngineError(
                    f"TLS with OPA server {self._url} failed: {_reason(err)}"
                ) from None
            except requests.exceptions.ConnectionError as err:
                if attempt == 1:
                    log.info("%s: %s, retrying once", what, _reason(err))
                    time.sleep(RETRY_DELAY)
                    continue
                raise EngineError(
                    f"cannot reach OPA server {self._url} ({what}): {_reason(err)}"
                ) from None
            except (requests.exceptions.RequestException, ValueError, TypeError) as err:
                # ValueError: a body that is not JSON; TypeError: an input that is not JSON.
                raise EngineError(
                    f"OPA server {self._url}: {what} failed: {_one_line(str(err))}"
                ) from None
            except Exception as err:  # noqa: BLE001 - opa_client's own error classes
                if type(err).__module__.startswith("opa_client"):
                    detail = getattr(err, "message", None) or str(err)
                    raise EngineError(
                        f"OPA server {self._url}: {what} failed: {_one_line(str(detail))}"
                    ) from None
                raise
        raise AssertionError("unreachable")  # pragma: no cover


class _Refused(EngineError):
    """A policy write OPA refused (400); ``_settle`` may retry it after the other writes."""


def _bind(function: Callable[..., T], *args: Any) -> Callable[[], T]:
    return lambda: function(*args)


def push_order(modules: Iterable[Module]) -> list[Module]:
    """Modules after the modules they call into; ties (and cycles) by name.

    OPA compiles every module on each write and refuses one that calls a function not yet
    defined. A module needs every module of a package it references (``data.<package>``), and
    the modules of its own package that define names it uses. ``_settle`` retries what this
    approximation misses.
    """
    ordered = sorted(modules, key=lambda m: m.name)
    by_package: dict[str, list[Module]] = {}
    for module in ordered:
        by_package.setdefault(module.package, []).append(module)
    defined = {m.name: set(_DEFINED.findall(m.source)) for m in ordered}
    needs: dict[str, set[str]] = {}
    for module in ordered:
        wanted: set[str] = set()
        for match in _DATA_REF.finditer(module.source):
            parts = match.group(1).split(".")
            for end in range(len(parts), 0, -1):
                package = ".".join(parts[:end])
                if package in by_package:
                    if package != module.package:
                        wanted.update(m.name for m in by_package[package])
                    break
        for other in by_package[module.package]:
            names = defined[other.name] - defined[module.name]
            if other is not module and any(
                re.search(rf"\b{re.escape(name)}\b", module.source) for name in names
            ):
                wanted.add(other.name)
        needs[module.name] = wanted
    result: list[Module] = []
    done: set[str] = set()
    remaining = ordered
    while remaining:
        ready = [m for m in remaining if needs[m.name] <= done] or remaining[:1]
        result.extend(ready)
        done.update(m.name for m in ready)
        remaining = [m for m in remaining if m.name not in done]
    return result


# -- the client ---------------------------------------------------------------------------------


def _base_url(url: str) -> str:
    """Validate ``--opa-url`` and return it without a trailing slash."""
    _host_port(url)
    return url.rstrip("/")


def _host_port(url: str) -> tuple[str, int, bool]:
    """``(host, port, https)`` from ``http(s)://host[:port]``; anything else is an EngineError."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as err:
        raise EngineError(f"--opa-url {url!r} is not a URL: {err}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EngineError(f"--opa-url {url!r} must look like http://host:8181 or https://host")
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        raise EngineError(
            f"--opa-url {url!r}: only scheme://host[:port] is supported "
            "(opa-python-client adds /v1/... to the host itself)"
        )
    https = parts.scheme == "https"
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return host, port or (443 if https else 80), https


def _make_client(options: OpaOptions) -> Any:
    host, port, https = _host_port(options.url)
    if (options.ca_bundle or options.client_cert or options.insecure) and not https:
        raise EngineError(f"--opa-url {options.url}: TLS options need an https:// URL")
    cert: str | tuple[str, str] | None = options.client_cert
    if options.client_cert and options.client_key:
        cert = (options.client_cert, options.client_key)
    try:
        return _client_class(options)(
            host=host,
            port=port,
            ssl=https,
            cert=cert,
            token=options.token or None,
            retries=0,
            timeout=options.timeout,
        )
    except (TypeError, ValueError) as err:
        raise EngineError(f"cannot set up the OPA client: {err}") from None


def _client_class(options: OpaOptions) -> type:
    """OpaClient with licensegate's session: TLS settings, no urllib3 retries, the error hook."""
    import warnings

    import requests
    from opa_client import OpaClient
    from requests.adapters import HTTPAdapter

    verify: bool | str = False if options.insecure else (options.ca_bundle or True)

    class _Session(requests.Session):
        def merge_environment_settings(self, *args: Any, **kwargs: Any) -> Any:
            settings = super().merge_environment_settings(*args, **kwargs)
            # NOTE: requests lets REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE override session.verify;
            # an explicit --opa-ca-bundle or --opa-insecure must win.
            if verify is not True:
                settings["verify"] = verify
            return settings

    class _Client(OpaClient):  # type: ignore[misc]
        def _init_session(self) -> requests.Session:
            # Replaces OpaClient's session: same headers and client certificate, but no urllib3
            # retries (see the module docstring) and the error hook.
            session = _Session()
            if self.headers:
                session.headers.update(self.headers)
            adapter = HTTPAdapter(max_retries=0)
            session.mount("http://", adapter)
            session.mount("https://", adapter)
            session.verify = verify
            session.max_redirects = 3  # same-server redirects only (_bounded_reader)
            if self.cert:
                session.cert = self.cert
            # NOTE: the bounded read runs first: the error hook reads the body too.
            session.hooks["response"].append(_bounded_reader(options.timeout))
            session.hooks["response"].append(_raise_http_error)
            if options.insecure:
                # NOTE: urllib3 warns on every unverified request; the user asked for it once.
                from urllib3.exceptions import InsecureRequestWarning

                warnings.filterwarnings("ignore", category=InsecureRequestWarning)
            return session

    return _Client


def _bounded_reader(timeout: float) -> Callable[..., None]:
    """requests response hook: refuse a redirect, and read the body within limits.

    The body is read here, before requests or the client would read all of it: at most
    MAX_BODY bytes after decompression, and all of it within ``timeout`` seconds of sending the
    request (one deadline for the whole answer, so a server that drips a byte at a time cannot
    stretch a request forever: the per-read timeout alone would let it).
    """

    def read(response: Any, *args: Any, **kwargs: Any) -> None:
        import urllib3.exceptions

        if 300 <= response.status_code < 400:
            from urllib.parse import urljoin

            target = urljoin(response.url, response.headers.get("Location", ""))
            if _origin(target) != _origin(response.url):
                # NOTE: OPA itself redirects within the server (/v1/policies/ -> /v1/policies);
                # a redirect elsewhere would let another server give the verdicts.
                raise _BadAnswer(
                    f"the server redirects to another server (HTTP {response.status_code} to "
                    f"{_one_line(target, 120)}); give the final URL in --opa-url"
                )
            return
        started = time.monotonic() - response.elapsed.total_seconds()
        deadline = started + timeout
        chunks: list[bytes] = []
        size = 0
        try:
            while True:
                if time.monotonic() > deadline:
                    raise _BadAnswer(
                        f"the answer did not arrive within {timeout:g} s (--opa-timeout)"
                    )
                chunk = response.raw.read1(64 * 1024, decode_content=True)
                if not chunk:
                    break
                size += len(chunk)
                if size > MAX_BODY:
                    raise _BadAnswer(
                        f"the answer is larger than {MAX_BODY // (1024 * 1024)} MiB "
                        "(after decompression)"
                    )
                chunks.append(chunk)
        except (urllib3.exceptions.HTTPError, OSError) as err:
            response.close()
            raise _BadAnswer(f"the answer could not be read: {_reason(err)}") from None
        except _BadAnswer:
            response.close()
            raise
        response._content = b"".join(chunks)
        response._content_consumed = True
        response.raw.release_conn()

    return read


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    return parts.scheme, (parts.hostname or "").lower(), parts.port


def _raise_http_error(response: Any, *args: Any, **kwargs: Any) -> None:
    """requests response hook: any status >= 400 becomes _HttpError with OPA's message."""
    if response.status_code < 400:
        return
    detail = ""
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict) and ("code" in body or "message" in body):
        detail = ": ".join(str(body[k]) for k in ("code", "message") if body.get(k))
        errors = body.get("errors")
        if isinstance(errors, list) and errors and isinstance(errors[0], dict):
            first = errors[0]
            where = first.get("location") or {}
            place = f"{where.get('file')}:{where.get('row')}: " if where.get("file") else ""
            detail += f" ({place}{first.get('message', '')})"
    elif isinstance(body, dict) and body.get("error"):  # /health's shape
        detail = str(body["error"])
    else:
        detail = response.reason or ""
        text = _one_line(response.text or "")
        if text and not text.startswith("<"):
            detail = f"{detail}: {text}" if detail else text
    raise _HttpError(response.status_code, _one_line(detail) or "no details")


def _reason(err: BaseException) -> str:
    """The root cause of a requests connection error, e.g. ``Connection refused``."""
    text = str(err)
    for pattern in (
        r"\[Errno -?\d+\] ([^'\")\]]+)",
        r"\w+Error\(-?\d+, '([^']+)'\)",
        r"RemoteDisconnected\('([^']+)'",
        r"\[SSL: [A-Z_]+\] ([^(']+)",
        r"Caused by \w+\('([^']+)'",
    ):
        match = re.search(pattern, text)
        if match:
            return _one_line(match.group(1)).rstrip(" .")
    return _one_line(text)


def _one_line(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _short(revision: str | None) -> str:
    if revision is None:
        return "none"
    return revision.removeprefix("sha256:")[:12]


def _mismatch(url: str, found: str | None, wanted: str) -> str:
    if found is None:
        return (
            f"OPA server {url} has no licensegate policies (data.licensegate.{REVISION_KEY} is "
            "undefined); serve the bundle from `licensegate bundle build`, or drop --opa-preloaded"
        )
    return (
        f"OPA server {url} has policy revision {_short(found)}, the local library is "
        f"{_short(wanted)}; deploy the current bundle, or drop --opa-preloaded to push it"
    )
