"""What every call of the API can answer besides its own results, written into the OpenAPI
document once for all calls (an apispec plugin): conditional requests (ETag, If-None-Match,
If-Match and their 304 and 412), a malformed body (400) or one of another type (415), rate
limits (429); and the examples of every call (lmevents.api.examples)."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from apispec import BasePlugin

from lmevents.api.examples import EXAMPLES, shown

WRITES = ("post", "put", "patch", "delete")
GUARDED = ("put", "patch", "delete")

ETAG = {"description": "A strong tag of this answer's body: send it back in If-None-Match "
                       "(304 when unchanged) or, to change the resource, in If-Match.",
        "schema": {"type": "string"}}


# What the error answers say in their headers.
PROBLEM_HEADERS = {
    401: {"WWW-Authenticate": {
        "description": 'Bearer realm="lmevents": send a bearer token from '
                       "POST /api/v1/auth/tokens.", "schema": {"type": "string"}}},
    429: {"Retry-After": {"description": "Seconds until another attempt is counted.",
                          "schema": {"type": "integer"}}},
}


def _header(name: str, description: str) -> dict:
    return {"in": "header", "name": name, "required": False, "description": description,
            "schema": {"type": "string"}}


def _add(responses: dict, status: int, name: str) -> None:
    """A documented answer, unless the call documents its own (keys are ints or strings)."""
    if status not in responses and str(status) not in responses:
        responses[status] = name


class ConditionalRequestsPlugin(BasePlugin):
    def operation_helper(self, path=None, operations=None, **kwargs) -> None:
        for method, operation in (operations or {}).items():
            responses = operation.setdefault("responses", {})
            parameters = operation.setdefault("parameters", [])
            if method == "get":
                ok = responses.get("200", responses.get(200))
                if isinstance(ok, dict):
                    ok.setdefault("headers", {})["ETag"] = ETAG
                _add(responses, 304, "NOT_MODIFIED")
                parameters.append(_header(
                    "If-None-Match", "The ETag of the answer you have: 304 when unchanged."))
            if method in GUARDED:
                _add(responses, 412, "PRECONDITION_FAILED")
                parameters.append(_header(
                    "If-Match", "The ETag you read the resource with: the change is refused "
                                "(412) when the resource changed since."))
            if method in WRITES and "requestBody" in operation:
                _add(responses, 400, "BAD_REQUEST")
                _add(responses, 415, "UNSUPPORTED_MEDIA_TYPE")
            _add(responses, 429, "TOO_MANY_REQUESTS")


# How the calls that act for someone are authorized, shown with the bearerAuth scheme (Swagger
# UI shows it in its Authorize dialog).
BEARER_TOKENS = """\
Calls that act for someone (a participant's own registration, seats, questions, votes and \
meetings; everything organizers do) carry a bearer token in the `Authorization` header:

1. `POST /api/v1/auth/tokens` with the account's e-mail address and password, \
`{"email": "…", "password": "…"}`, answers `201 {"token": "…"}`. The token is shown this once \
(only its hash is kept). The address must be confirmed (open the link mailed by \
`POST /api/v1/auth/signup`); wrong credentials and an unconfirmed address get the same 401.
2. Send it with every call: `Authorization: Bearer <token>`.
3. It works until it is revoked: `GET /api/v1/auth/tokens` lists the caller's tokens (never \
their secrets), `DELETE /api/v1/auth/tokens/{token_id}` revokes one at once, and a password \
reset revokes them all.

A call that needs a token answers 401 without a valid one (problem+json, with \
`WWW-Authenticate: Bearer realm="lmevents"`), and 403 when the token's owner may not do it: \
organizers' calls on `/api/v1/events/{slug}/…` are for that event's team (owners and editors) \
and administrators; posting needs and questions, voting and asking to meet are for the \
event's confirmed participants. Asking for tokens is limited to 10 attempts a minute per \
client address and per account, counted with the sign-in page (429)."""


class ExamplesPlugin(BasePlugin):
    """Shows lmevents.api.examples with each call: the body it sends, its success answer and
    the values of its path and query parameters; and says how bearer tokens are had and
    sent. A call without an example is left as it is (tests/api/test_examples.py names it)."""

    def __init__(self) -> None:
        self._path_parameters: dict[str, list[dict]] = {}

    def init_spec(self, spec) -> None:
        # Merged with the scheme the settings declare (API_SPEC_OPTIONS).
        spec.components.security_scheme("bearerAuth", {
            "type": "http", "scheme": "bearer", "description": BEARER_TOKENS})

    def path_helper(self, path=None, parameters=None, **kwargs) -> None:
        # The path's own parameters (flask-smorest documents them once for all its calls):
        # each call repeats those its example gives a value for.
        self._path_parameters[path] = [p for p in parameters or [] if p.get("in") == "path"]

    def operation_helper(self, path=None, operations=None, **kwargs) -> None:
        for method, operation in (operations or {}).items():
            example = EXAMPLES.get(f"{method.upper()} {path}")
            if example is None:
                continue
            params = shown(example.params)
            shown_as = {"summary": example.summary,
                        "description": _sent_as(method, path, params, example.caller)}
            if example.request is not None and "requestBody" in operation:
                _show(operation["requestBody"], shown_as, shown(example.request))
            for status, response in operation.get("responses", {}).items():
                if (str(status).startswith("2") and isinstance(response, dict)
                        and example.response is not None):
                    _show(response, shown_as, shown(example.response))
            self._show_parameters(path, operation, params)

    def _show_parameters(self, path: str, operation: dict, params: dict) -> None:
        parameters = operation.setdefault("parameters", [])
        for parameter in parameters:
            if parameter.get("in") == "query" and parameter.get("name") in params:
                parameter["example"] = params[parameter["name"]]
        parameters.extend({**parameter, "example": params[parameter["name"]]}
                          for parameter in self._path_parameters.get(path, [])
                          if parameter["name"] in params)


def _show(holder: dict, shown_as: dict, value) -> None:
    """Puts the example into each of the body's or answer's media types."""
    for medium in holder.get("content", {}).values():
        medium["examples"] = {"demo": {**shown_as, "value": value}}


def _sent_as(method: str, path: str, params: dict, caller) -> str:
    """The example's request line and who sends it."""
    names = set(re.findall(r"{(\w+)}", path))
    url = path.format(**{name: params[name] for name in names})
    query = {name: value for name, value in params.items() if name not in names}
    if query:
        url += "?" + urlencode(query)
    who = (f"by {caller.name} ({caller.role}), with their bearer token" if caller is not None
           else "without a token")
    return f"Sent as `{method.upper()} {url}` {who}, in the story the examples tell on the " \
           f"demo roundtable."
