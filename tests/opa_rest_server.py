"""A stand-in OPA server for tests: the parts of OPA's REST API that licensegate uses.

No OPA binary can be installed here, so this serves, on 127.0.0.1 and an ephemeral port, from a
thread of the test process:

- ``GET /health``;
- ``GET /v1/policies``, ``GET|PUT|DELETE /v1/policies/{id}``;
- ``GET|POST|PUT|DELETE /v1/data/{path}``;

with OPA's shapes (v1/server/server.go, v1/server/types/types.go): ``{"result": ...}`` (no
``result`` key when a document is undefined), 204 for data writes, 200 ``{}`` for policy writes,
errors as ``{"code": "...", "message": "...", "errors": [...]}``, a 301 to the same path without a
trailing slash, compile checks on every policy write (400 ``invalid_parameter``), bundle-owned
roots refusing writes, and 401 ``unauthorized`` when a bearer token is required and missing.

Decisions come from the real OPA library (opa-golib-python-bindings, OPA v1.x inside), rebuilt
after each write. NOTE: that library hangs when a new engine is created in a forked child, so the
server lives in a thread of the test process, never in a forked one.

Faults for tests: ``inject(...)`` queues what the next requests get: an int is an HTTP status
(a JSON error body like OPA's for 500, a proxy's HTML for 502/503/504), ``"reset"`` drops the
connection without an answer, a float sleeps that many seconds before answering normally.
``forge`` (a function of the rule path, the input and the real result) replaces what a
``POST /v1/data/...`` answers: a stand-in that answers ``[]``, forged findings, a replay.
"""

from __future__ import annotations

import io
import json
import re
import socket
import ssl
import struct
import tarfile
import threading
import time
from collections import deque
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

_LOCATED = re.compile(r"(?P<file>[^\s:]+\.rego):(?P<row>\d+): (?P<code>rego_\w+): (?P<message>.*)")


class OpaError(Exception):
    """An error answer: HTTP status and OPA's error body."""

    def __init__(self, status: int, code: str, message: str, errors: list[Any] | None = None):
        super().__init__(message)
        self.status = status
        self.body: dict[str, Any] = {"code": code, "message": message}
        if errors:
            self.body["errors"] = errors


class FakeOpa:
    """The server state: policies by id, the data document, bundle roots, and faults."""

    def __init__(self, token: str | None = None, tls: ssl.SSLContext | None = None) -> None:
        self.token = token
        self.tls = tls
        self.policies: dict[str, str] = {}
        self.data: dict[str, Any] = {}
        self.bundle_roots: list[str] = []
        self.requests: list[tuple[str, str]] = []
        self._faults: deque[int | float | str] = deque()
        self.forge: Callable[[str, Any, Any], Any] | None = None
        """Tests: ``forge(rule path, input, real result or None)`` is what POSTs answer."""
        self._lock = threading.RLock()
        self._engine: Any = None
        self._server = _QuietServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        if tls is not None:
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # -- lifecycle ----------------------------------------------------------------------------

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"{'https' if self.tls else 'http'}://{host}:{port}"

    def start(self) -> FakeOpa:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        with self._lock:
            if self._engine is not None:
                self._engine.close()
                self._engine = None

    def __enter__(self) -> FakeOpa:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- test controls --------------------------------------------------------------------------

    def inject(self, *faults: int | float | str) -> None:
        """Queue faults for the next requests, one each."""
        self._faults.extend(faults)

    def clear_faults(self) -> None:
        self._faults.clear()

    def next_fault(self) -> int | float | str | None:
        try:
            return self._faults.popleft()
        except IndexError:
            return None

    def load_bundle(self, archive: bytes, name: str = "licensegate") -> None:
        """Activate a bundle tar.gz as ``opa run --server --bundle`` would."""
        manifest: dict[str, Any] = {}
        policies: dict[str, str] = {}
        data: dict[str, Any] = {}
        with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
            for member in tar.getmembers():
                if not member.isfile():
                    continue
                raw = tar.extractfile(member).read()  # type: ignore[union-attr]
                path = member.name.removeprefix("./").lstrip("/")
                if path == ".manifest":
                    manifest = json.loads(raw)
                elif path.endswith(".rego"):
                    policies[f"{name}/{path}"] = raw.decode()
                elif path.endswith("data.json"):
                    parts = [p for p in path.split("/")[:-1] if p]
                    _merge(data, parts, json.loads(raw))
        with self._lock:
            engine = _compile(policies, data)
            self._swap(engine)
            self.policies, self.data = policies, data
            self.bundle_roots = list(manifest.get("roots", [""]))

    # -- the API ----------------------------------------------------------------------------------

    def handle(self, method: str, path: str, body: bytes) -> tuple[int, Any]:
        """Route one request; returns (status, JSON body or None for no body)."""
        self.requests.append((method, path))
        if path == "/health" and method == "GET":
            with self._lock:
                self._current()
            return 200, {}
        for prefix, kind in (("/v1/policies", "policies"), ("/v1/data", "data")):
            if path == prefix or path.startswith(prefix + "/"):
                rest = unquote(path[len(prefix) :].lstrip("/"))
                with self._lock:
                    if kind == "policies":
                        return self._policies(method, rest, body)
                    return self._data(method, rest, body)
        raise OpaError(404, "resource_not_found", f"{path} not found")

    def _policies(self, method: str, pid: str, body: bytes) -> tuple[int, Any]:
        if method == "GET" and not pid:
            return 200, {"result": [self._policy(p) for p in sorted(self.policies)]}
        if not pid:
            raise OpaError(405, "invalid_operation", "method not allowed")
        if method == "GET":
            if pid not in self.policies:
                raise _policy_not_found(pid)
            return 200, {"result": self._policy(pid)}
        if method == "PUT":
            source = body.decode("utf-8")
            if self.policies.get(pid) == source:
                return 200, {}
            self._check_scope(_package_path(pid, source))
            candidate = {**self.policies, pid: source}
            self._swap(_compile(candidate, self.data, code="invalid_parameter"))
            self.policies = candidate
            return 200, {}
        if method == "DELETE":
            if pid not in self.policies:
                raise _policy_not_found(pid)
            self._check_scope(_package_path(pid, self.policies[pid]))
            candidate = {k: v for k, v in self.policies.items() if k != pid}
            self._swap(_compile(candidate, self.data, code="invalid_operation"))
            self.policies = candidate
            return 200, {}
        raise OpaError(405, "invalid_operation", "method not allowed")

    def _data(self, method: str, path: str, body: bytes) -> tuple[int, Any]:
        parts = [p for p in path.split("/") if p]
        if method in ("GET", "POST"):
            document: Any = None
            if method == "POST" and body.strip():
                try:
                    request = json.loads(body)
                except ValueError as err:
                    raise OpaError(400, "invalid_parameter", f"body is not JSON: {err}") from None
                document = request.get("input") if isinstance(request, dict) else None
            return 200, self._evaluate(
                parts, document, has_input=method == "GET" or document is not None
            )
        if method == "PUT":
            try:
                value = json.loads(body)
            except ValueError as err:
                raise OpaError(400, "invalid_parameter", str(err)) from None
            self._check_scope("/".join(parts))
            candidate = json.loads(json.dumps(self.data))
            if parts:
                _set(candidate, parts, value)
            elif isinstance(value, dict):
                candidate = value
            else:
                raise OpaError(400, "invalid_parameter", "root must be an object")
            self._swap(_compile(self.policies, candidate, code="invalid_parameter"))
            self.data = candidate
            return 204, None
        if method == "DELETE":
            self._check_scope("/".join(parts))
            candidate = json.loads(json.dumps(self.data))
            if not parts or not _delete(candidate, parts):
                raise OpaError(
                    404,
                    "resource_not_found",
                    f"storage_not_found_error: /{'/'.join(parts)}: document does not exist",
                )
            self._swap(_compile(self.policies, candidate, code="invalid_parameter"))
            self.data = candidate
            return 204, None
        raise OpaError(405, "invalid_operation", "method not allowed")

    def _evaluate(self, parts: list[str], document: Any, *, has_input: bool) -> dict[str, Any]:
        from opa_bindings import OpaError as BindingError
        from opa_bindings import OpaUndefinedError

        engine = self._current()
        answer: dict[str, Any] = {"decision_id": f"fake-{len(self.requests)}"}
        if not has_input:
            answer["warning"] = {
                "code": "api_usage_warning",
                "message": "'input' key missing from the request",
            }
        try:
            answer["result"] = engine.eval_document(".".join(parts), document)
        except OpaUndefinedError:
            pass
        except BindingError as err:
            raise OpaError(500, "internal_error", err.message) from None
        if self.forge is not None and document is not None:
            answer["result"] = self.forge(".".join(parts), document, answer.get("result"))
        return answer

    # -- helpers ----------------------------------------------------------------------------------

    def _policy(self, pid: str) -> dict[str, Any]:
        package = _package_path(pid, self.policies[pid]).split("/")
        ast = {
            "package": {
                "path": [{"type": "var", "value": "data"}]
                + [{"type": "string", "value": p} for p in package]
            },
            "rules": [],
        }
        return {"id": pid, "raw": self.policies[pid], "ast": ast}

    def _check_scope(self, path: str) -> None:
        parts = [p for p in path.split("/") if p]
        for root in self.bundle_roots:
            owned = [p for p in root.split("/") if p]
            if parts[: len(owned)] == owned or owned[: len(parts)] == parts:
                raise OpaError(
                    400,
                    "invalid_parameter",
                    f'path {"/".join(parts)} is owned by bundle "licensegate"',
                )

    def _current(self) -> Any:
        if self._engine is None:
            self._engine = _compile(self.policies, self.data)
        return self._engine

    def _swap(self, engine: Any) -> None:
        old, self._engine = self._engine, engine
        if old is not None:
            old.close()


def _compile(policies: dict[str, str], data: dict[str, Any], code: str = "internal_error") -> Any:
    """A real-OPA engine with these modules and data, compiled now (like OPA on every write)."""
    from opa_bindings import OpaEngine
    from opa_bindings import OpaError as BindingError

    engine = OpaEngine()
    try:
        for pid in sorted(policies):
            engine.add_policy(pid, policies[pid])
        engine.add_data(data)
        engine.eval_query("x := 1")  # compiles every module: type and conflict errors surface here
    except BindingError as err:
        engine.close()
        errors = [
            {
                "code": match.group("code"),
                "message": match.group("message"),
                "location": {"file": match.group("file"), "row": int(match.group("row")), "col": 1},
            }
            for match in _LOCATED.finditer(err.message)
        ]
        raise OpaError(
            400 if code != "internal_error" else 500,
            code,
            "error(s) occurred while compiling module(s)",
            errors or [{"code": err.code, "message": err.message}],
        ) from None
    return engine


def _package_path(pid: str, source: str) -> str:
    match = re.search(r"^package\s+([\w.]+)", source, re.MULTILINE)
    if not match:
        raise OpaError(
            400,
            "invalid_parameter",
            "error(s) occurred while compiling module(s)",
            [
                {
                    "code": "rego_parse_error",
                    "message": "package expected",
                    "location": {"file": pid},
                }
            ],
        )
    return match.group(1).replace(".", "/")


def _policy_not_found(pid: str) -> OpaError:
    return OpaError(404, "resource_not_found", f'storage_not_found_error: policy id "{pid}"')


def _merge(target: dict[str, Any], parts: list[str], value: Any) -> None:
    for part in parts:
        target = target.setdefault(part, {})
    target.update(value)


def _set(target: dict[str, Any], parts: list[str], value: Any) -> None:
    for part in parts[:-1]:
        child = target.setdefault(part, {})
        if not isinstance(child, dict):
            raise OpaError(400, "invalid_parameter", f"write conflict: /{'/'.join(parts)}")
        target = child
    target[parts[-1]] = value


def _delete(target: dict[str, Any], parts: list[str]) -> bool:
    for part in parts[:-1]:
        target = target.get(part)  # type: ignore[assignment]
        if not isinstance(target, dict):
            return False
    return target.pop(parts[-1], _MISSING) is not _MISSING


_MISSING = object()


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away (a timeout in a test) is not an error of the server."""
        import sys

        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)


def _handler_for(opa: FakeOpa) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet tests
            pass

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            fault = opa.next_fault()
            if isinstance(fault, float):
                time.sleep(fault)
            elif fault == "reset":
                # SO_LINGER 0: close with RST, the client sees a connection reset.
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
                self.close_connection = True
                self.connection.close()
                return
            elif isinstance(fault, int):
                if fault >= 502:
                    self._send(fault, f"<html><body>{fault} Bad Gateway</body></html>", "text/html")
                else:
                    self._json(fault, {"code": "internal_error", "message": "injected failure"})
                return
            path = urlsplit(self.path).path
            if opa.token is not None and self.headers.get("Authorization") != f"Bearer {opa.token}":
                self._json(
                    401,
                    {
                        "code": "unauthorized",
                        "message": "request rejected by administrative policy",
                    },
                )
                return
            if path != "/" and path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path.rstrip("/"))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            try:
                status, answer = opa.handle(self.command, path, body)
            except OpaError as err:
                self._json(err.status, err.body)
                return
            if answer is None:
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self._json(status, answer)

        def _json(self, status: int, value: Any) -> None:
            self._send(status, json.dumps(value), "application/json")

        def _send(self, status: int, text: str, content_type: str) -> None:
            raw = text.encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        do_GET = do_PUT = do_POST = do_DELETE = do_PATCH = _serve

    return Handler
