"""What every call of the API can answer besides its own results, written into the OpenAPI
document once for all calls (an apispec plugin): conditional requests (ETag, If-None-Match,
If-Match and their 304 and 412), a malformed body (400) or one of another type (415), rate
limits (429)."""

from __future__ import annotations

from apispec import BasePlugin

WRITES = ("post", "put", "patch", "delete")
GUARDED = ("put", "patch", "delete")

ETAG = {"description": "A strong tag of this answer's body: send it back in If-None-Match "
                       "(304 when unchanged) or, to change the resource, in If-Match.",
        "schema": {"type": "string"}}


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
