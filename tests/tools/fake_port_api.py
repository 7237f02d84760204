#!/usr/bin/env python3
"""A standalone fake of Port's REST API for end-to-end tests of the ocean-aws binary.

Usage: python3 tests/tools/fake_port_api.py --port N [--mapping FILE] [--identifier ID] [--client-id ID]
           [--client-secret SECRET] [--user-agent UA] [--resync-request-updated-at ISO]
           [--token-expires-in SECONDS] [--integration-exists]

Prints "READY <port>" on stdout once listening on 127.0.0.1 (--port 0 picks a free port).

Behaves like Port where ocean-aws depends on it:
  * POST /v1/auth/access_token {clientId, clientSecret} -> {accessToken, expiresIn, tokenType};
    every other call needs "Authorization: Bearer <token>" (401 otherwise);
  * integration: GET/POST/PATCH /v1/integration[/{id}], PATCH .../config,
    PATCH .../resync-state (recorded), GET .../resync-request ({"request": null} until a
    resync request exists; --resync-request-updated-at or POST /_fake/resync_request set one);
    with --mapping FILE (JSON or YAML when PyYAML is installed) the integration starts out
    existing with that mapping as its config; with --integration-exists and no mapping it
    starts out existing with config {};
  * blueprints GET/POST/PATCH/DELETE /v1/blueprints[/{id}];
  * entities: POST /v1/blueprints/{bp}/entities/bulk (<= 20 entities and <= 1 MiB, else 413;
    exact User-Agent when --user-agent is given, else 400; 207 with per-entity errors),
    POST /v1/blueprints/{bp}/entities, POST /v1/blueprints/entities/datasource-entities
    (datasource prefix/suffix, before, limit, from/next), POST /v1/blueprints/{bp}/bulk/entities/
    delete (<= 100 identifiers);
  * every /v1 call must carry a User-Agent starting with "port-ocean/" (400 otherwise);
    entity writes (bulk/single upsert, bulk delete) need exactly --user-agent when given, else
    one ending in "/exporter"; the entity's $datasource is the User-Agent that wrote it;
  * with create_missing_related_entities=true a relation (per the blueprint's relations) to a
    missing entity creates a bare target entity (no datasource); with false it is a 404 error;
  * inspection: GET /_fake/state -> {entities (each with "$datasource"), resync_states,
    requests_count, requests [{method, path, query, user_agent, status, body_bytes,
    entity_count, body (except for upserts)}], integration, blueprints, token_requests};
    POST /_fake/resync_request bumps the resync request's updatedAt;
    POST /_fake/fail_entity {blueprint, identifier, statusCode, message} fails an entity;
    POST /_fake/integration {...} replaces the integration (null removes it);
    POST /_fake/expire_tokens refuses every token issued so far.

A handler that raises answers 500 with the exception text (and prints it on stderr), so a bug in
the fake shows up as a failing test instead of a hang.
"""
import argparse
import copy
import datetime
import json
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_BATCH = 20
MAX_BYTES = 1024 * 1024
MAX_DELETE = 100


def now_iso():
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="microseconds").replace(
        "+00:00", "Z")


def parse_iso(text):
    text = text.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    value = datetime.datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    return value


class State:
    def __init__(self, args):
        self.lock = threading.Lock()
        self.client_id = args.client_id
        self.client_secret = args.client_secret
        self.user_agent = args.user_agent
        self.token_expires_in = args.token_expires_in
        self.tokens = set()
        self.token_count = 0
        self.entities = {}  # (blueprint, identifier) -> {"entity", "datasource", "updatedAt"}
        self.blueprints = {}
        self.resync_states = []
        self.requests = []
        self.failures = {}
        self.resync_request = args.resync_request_updated_at
        self.integration = None
        if args.mapping or args.integration_exists:
            config = load_mapping(args.mapping) if args.mapping else {}
            self.integration = {
                "installationId": args.identifier, "identifier": args.identifier,
                "installationAppType": "aws-v3", "installationType": "OnPrem",
                "config": config, "changelogDestination": {},
            }
        self.mapping_for_new = None


def load_mapping(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if text.lstrip().startswith("{"):
        return json.loads(text)
    try:
        import yaml  # optional
    except ImportError:
        sys.exit("fake_port_api: --mapping is YAML but PyYAML is not installed; give JSON")
    return yaml.safe_load(text) or {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state = None

    def log_message(self, fmt, *args):  # quiet
        pass

    # --- plumbing ---
    def _send(self, status, body, headers=None):
        data = json.dumps(body).encode()
        self.status_sent = status
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def _error(self, status, error, message):
        self._send(status, {"ok": False, "error": error, "message": message})

    def _dispatch(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        url = urllib.parse.urlsplit(self.path)
        self.query = {k: v[-1] for k, v in urllib.parse.parse_qs(url.query, keep_blank_values=True).items()}
        self.raw = raw
        try:
            self.body = json.loads(raw) if raw else None
        except ValueError:
            self.body = None
        segs = [urllib.parse.unquote(s) for s in url.path.split("/") if s]
        st = self.state
        with st.lock:
            record = None
            if segs[:1] != ["_fake"]:
                record = {"method": self.command, "path": url.path, "query": self.query,
                          "user_agent": self.headers.get("User-Agent", ""),
                          "body_bytes": len(raw), "status": None}
                if isinstance(self.body, dict) and isinstance(self.body.get("entities"), list):
                    record["entity_count"] = len(self.body["entities"])
                if not url.path.endswith("/entities") and not url.path.endswith("/bulk") \
                        and segs[-2:] != ["auth", "access_token"]:
                    record["body"] = copy.deepcopy(self.body)  # handlers keep and mutate bodies
                st.requests.append(record)
            self.status_sent = None
            try:
                self._route(segs)
            except Exception as e:  # a bug in the fake: answer, never hang the client
                import traceback
                traceback.print_exc(file=sys.stderr)
                if self.status_sent is None:
                    self._error(500, "fake_error", "%s: %s" % (type(e).__name__, e))
            if record is not None:
                record["status"] = self.status_sent

    do_GET = do_POST = do_PATCH = do_DELETE = do_PUT = _dispatch

    def _authorized(self):
        auth = self.headers.get("Authorization", "")
        return auth.startswith("Bearer ") and auth[7:] in self.state.tokens

    def _route(self, segs):
        st, m = self.state, self.command
        if segs[:1] == ["_fake"]:
            return self._fake(segs[1:])
        if not self.headers.get("User-Agent", "").startswith("port-ocean/"):
            return self._error(400, "invalid_user_agent", "User-Agent must start with port-ocean/")
        if m == "POST" and segs == ["v1", "auth", "access_token"]:
            return self._token()
        if not self._authorized():
            return self._error(401, "unauthorized", "missing or invalid access token")
        if len(segs) < 2 or segs[0] != "v1":
            return self._error(404, "not_found", "no such route")
        if segs[1] == "integration":
            return self._integration(segs[2:])
        if segs[1] == "blueprints":
            rest = segs[2:]
            if m == "POST" and rest == ["entities", "datasource-entities"]:
                return self._datasource()
            if m == "POST" and len(rest) == 3 and rest[1:] == ["entities", "bulk"]:
                return self._bulk_upsert(rest[0])
            if m == "POST" and len(rest) == 2 and rest[1] == "entities":
                return self._single_upsert(rest[0])
            if m == "POST" and len(rest) == 4 and rest[1:] == ["bulk", "entities", "delete"]:
                return self._bulk_delete(rest[0])
            if m == "POST" and len(rest) == 2 and rest[1] == "scorecards":
                return self._send(201, {"ok": True})
            return self._blueprints(rest)
        if m == "POST" and segs[1:] in (["actions"], ["pages"]):
            return self._send(201, {"ok": True})
        return self._error(404, "not_found", "no such route")

    # --- fake control ---
    def _fake(self, rest):
        st = self.state
        if self.command == "GET" and rest == ["state"]:
            entities = [dict(v["entity"], **{"$datasource": v["datasource"]})
                        for _, v in sorted(st.entities.items())]
            return self._send(200, {"entities": entities, "resync_states": st.resync_states,
                                    "requests_count": len(st.requests),
                                    "requests": st.requests, "integration": st.integration,
                                    "blueprints": st.blueprints, "token_requests": st.token_count})
        if self.command == "POST" and rest == ["resync_request"]:
            st.resync_request = now_iso()
            return self._send(200, {"updatedAt": st.resync_request})
        if self.command == "POST" and rest == ["fail_entity"]:
            b = self.body or {}
            st.failures[(b.get("blueprint"), b.get("identifier"))] = {
                "statusCode": b.get("statusCode", 422), "error": "injected",
                "message": b.get("message", "injected failure")}
            return self._send(200, {"ok": True})
        if self.command == "POST" and rest == ["integration"]:
            st.integration = self.body
            return self._send(200, {"ok": True})
        if self.command == "POST" and rest == ["expire_tokens"]:
            st.tokens.clear()
            return self._send(200, {"ok": True})
        return self._error(404, "not_found", "no such fake route")

    def _token(self):
        st, b = self.state, self.body or {}
        st.token_count += 1
        if b.get("clientId") != st.client_id or b.get("clientSecret") != st.client_secret:
            return self._error(401, "invalid_credentials", "bad client id or secret")
        token = "fake-token-%d" % st.token_count
        st.tokens.add(token)
        self._send(200, {"accessToken": token, "expiresIn": st.token_expires_in,
                         "tokenType": "Bearer"})

    # --- integration ---
    def _integration(self, rest):
        st, m, b = self.state, self.command, self.body
        if m == "POST" and not rest:
            if not isinstance(b, dict) or not b.get("installationId"):
                return self._error(422, "invalid_request", "installationId is required")
            if st.integration:
                return self._error(409, "conflict", "integration exists")
            st.integration = dict(b, identifier=b["installationId"], installationType="OnPrem")
            st.integration.setdefault("config", {})
            return self._send(201, {"ok": True, "integration": st.integration})
        if not rest or not st.integration or st.integration.get("installationId") != rest[0]:
            return self._error(404, "not_found", "integration not found")
        integ = st.integration
        if m == "GET" and len(rest) == 1:
            return self._send(200, {"ok": True, "integration": integ})
        if m == "PATCH" and len(rest) == 1 and isinstance(b, dict):
            integ.update(b)
            return self._send(200, {"ok": True, "integration": integ})
        if m == "PATCH" and rest[1:] == ["config"] and isinstance(b, dict) and "config" in b:
            integ["config"] = b["config"]
            return self._send(200, {"ok": True, "integration": integ})
        if m == "PATCH" and rest[1:] == ["resync-state"] and isinstance(b, dict) and b.get(
                "status") in ("running", "completed", "failed", "aborted"):
            st.resync_states.append(b)
            integ["resyncState"] = dict(b, updatedAt=now_iso())
            return self._send(200, {"ok": True, "integration": integ})
        if m == "GET" and rest[1:] == ["resync-request"]:
            request = ({"id": "resync-request-1", "updatedAt": st.resync_request}
                       if st.resync_request else None)
            return self._send(200, {"ok": True, "request": request})
        return self._error(404, "not_found", "no such route")

    # --- blueprints ---
    def _blueprints(self, rest):
        st, m, b = self.state, self.command, self.body
        if m == "POST" and not rest:
            if not isinstance(b, dict) or not b.get("identifier"):
                return self._error(422, "invalid_request", "identifier is required")
            if b["identifier"] in st.blueprints:
                return self._error(409, "identifier_taken", "blueprint exists")
            st.blueprints[b["identifier"]] = b
            return self._send(201, {"ok": True, "blueprint": b})
        if len(rest) != 1:
            return self._error(404, "not_found", "no such route")
        bp = st.blueprints.get(rest[0])
        if bp is None:
            return self._error(404, "not_found", "blueprint not found")
        if m == "GET":
            return self._send(200, {"ok": True, "blueprint": bp})
        if m == "PATCH" and isinstance(b, dict):
            bp.update(b)
            return self._send(200, {"ok": True, "blueprint": bp})
        if m == "DELETE":
            del st.blueprints[rest[0]]
            return self._send(200, {"ok": True})
        return self._error(404, "not_found", "no such route")

    # --- entities ---
    def _entity_write_error(self):
        ua = self.headers.get("User-Agent", "")
        expected_ok = ua == self.state.user_agent if self.state.user_agent else ua.endswith(
            "/exporter")
        if not expected_ok:
            self._error(400, "invalid_user_agent", "unexpected User-Agent %r" % ua)
            return True
        return False

    def _missing_related(self, bp, e):
        """(blueprint, identifier) of related entities that do not exist, per bp's relations."""
        st = self.state
        defs = (st.blueprints.get(bp) or {}).get("relations") or {}
        missing = []
        for name, value in (e.get("relations") or {}).items():
            target = (defs.get(name) or {}).get("target")
            if not target:
                continue
            for ident in (value if isinstance(value, list) else [value]):
                if isinstance(ident, str) and (target, ident) not in st.entities:
                    missing.append((target, ident))
        return missing

    def _upsert_one(self, bp, e):
        """Stores one entity; returns (identifier, error dict or None, created)."""
        st = self.state
        if not isinstance(e, dict) or not isinstance(e.get("identifier"), str) or not e["identifier"]:
            return "unknown", {"statusCode": 422, "error": "invalid_entity",
                               "message": "identifier must be a non-empty string"}, False
        if e.get("blueprint", bp) != bp:
            return e["identifier"], {"statusCode": 422, "error": "invalid_entity",
                                     "message": "blueprint mismatch"}, False
        ident = e["identifier"]
        if (bp, ident) in st.failures:
            return ident, st.failures[(bp, ident)], False
        missing = self._missing_related(bp, e)
        if missing and self.query.get("create_missing_related_entities") != "true":
            return ident, {"statusCode": 404, "error": "not_found",
                           "message": "related entity %s/%s not found" % missing[0]}, False
        for target, rid in missing:
            stamp = now_iso()
            st.entities[(target, rid)] = {"entity": {"identifier": rid, "blueprint": target,
                                                     "updatedAt": stamp},
                                          "datasource": "", "updatedAt": stamp}
        key = (bp, ident)
        created = key not in st.entities
        stored = {}
        if key in st.entities and self.query.get("merge") == "true":
            stored = st.entities[key]["entity"]
        for k, v in e.items():
            if k in ("properties", "relations") and isinstance(v, dict) and isinstance(stored.get(k), dict):
                stored[k] = dict(stored[k], **v)
            else:
                stored[k] = v
        stored["blueprint"] = bp
        stamp = now_iso()
        stored["updatedAt"] = stamp
        st.entities[key] = {"entity": stored, "datasource": self.headers.get("User-Agent", ""),
                            "updatedAt": stamp}
        return ident, None, created

    def _check_flags(self, flags):
        for flag in flags:
            if self.query.get(flag) not in ("true", "false"):
                self._error(422, "invalid_query", "%s must be true or false" % flag)
                return False
        return True

    def _bulk_upsert(self, bp):
        if self._entity_write_error():
            return
        if not self._check_flags(("upsert", "merge", "create_missing_related_entities",
                                  "validation_only")):
            return
        entities = (self.body or {}).get("entities") if isinstance(self.body, dict) else None
        if not isinstance(entities, list):
            return self._error(422, "invalid_request", "entities must be an array")
        if len(entities) > MAX_BATCH or len(self.raw) > MAX_BYTES:
            return self._error(413, "request_too_large", "too many entities or bytes")
        ok, errors = [], []
        for i, e in enumerate(entities):
            ident, err, created = self._upsert_one(bp, e)
            if err:
                errors.append(dict(err, identifier=ident, index=i))
            else:
                ok.append({"identifier": ident, "index": i, "created": created})
        self._send(207 if errors else 200, {"ok": True, "entities": ok, "errors": errors})

    def _single_upsert(self, bp):
        if self._entity_write_error():
            return
        if not self._check_flags(("upsert", "merge")):
            return
        if len(self.raw) > MAX_BYTES:
            return self._error(413, "request_too_large", "entity too large")
        ident, err, created = self._upsert_one(bp, self.body)
        if err:
            return self._error(err["statusCode"], err["error"], err["message"])
        self._send(201 if created else 200,
                   {"ok": True, "entity": self.state.entities[(bp, ident)]["entity"]})

    def _datasource(self):
        st, b = self.state, self.body
        if not isinstance(b, dict) or not b.get("datasource_prefix") or not b.get("datasource_suffix"):
            return self._error(422, "invalid_request", "datasource_prefix/suffix required")
        limit = b.get("limit", 5000)
        if not isinstance(limit, int) or not 1 <= limit <= 5000:
            return self._error(422, "invalid_request", "limit must be 1..5000")
        before = None
        if b.get("before"):
            try:
                before = parse_iso(b["before"])
            except ValueError:
                return self._error(422, "invalid_request", "before is not an ISO date")
        start = 0
        if b.get("from"):
            cursor = str(b["from"])
            if not cursor.startswith("cursor-") or not cursor[7:].isdigit():
                return self._error(422, "invalid_request", "bad cursor %r" % cursor)
            start = int(cursor[7:])
        match = [v for _, v in sorted(st.entities.items())
                 if v["datasource"].startswith(b["datasource_prefix"])
                 and v["datasource"].endswith(b["datasource_suffix"])
                 and (before is None or parse_iso(v["updatedAt"]) < before)]
        page = [v["entity"] for v in match[start:start + limit]]
        out = {"ok": True, "entities": page}
        if start + limit < len(match):
            out["next"] = "cursor-%d" % (start + limit)
        self._send(200, out)

    def _bulk_delete(self, bp):
        if self._entity_write_error():
            return
        if not self._check_flags(("delete_dependents",)):
            return
        ids = (self.body or {}).get("entities") if isinstance(self.body, dict) else None
        if not isinstance(ids, list) or not ids:
            return self._error(422, "invalid_request", "entities must be a non-empty array")
        if len(ids) > MAX_DELETE:
            return self._error(413, "request_too_large", "too many entities to delete")
        deleted = [i for i in ids if self.state.entities.pop((bp, i), None) is not None]
        self._send(200, {"ok": True, "deletedEntities": deleted})


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--mapping")
    p.add_argument("--identifier", default="my-aws-v3-integration")
    p.add_argument("--integration-exists", action="store_true")
    p.add_argument("--client-id", default="fake-client-id")
    p.add_argument("--client-secret", default="fake-client-secret")
    p.add_argument("--user-agent", default="")
    p.add_argument("--token-expires-in", type=int, default=3600)
    p.add_argument("--resync-request-updated-at")
    args = p.parse_args()
    Handler.state = State(args)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    print("READY %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
