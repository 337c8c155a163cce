"""PROBLEMS: the problem+json body of each error status the calls document (lmevents.api
shows them with its shared error answers)."""

from __future__ import annotations

from typing import Any

from lmevents.api.examples.story import OPENING


def _problem(status: int, title: str, detail: str, errors: dict | None = None,
             **extra: Any) -> dict[str, Any]:
    return {"type": "about:blank", "title": title, "status": status, "detail": detail,
            "errors": errors or {}, **extra}


# The error answers, each shared by every call that documents it (by status; "default": what
# any call may answer when the server fails). Texts are as an English reader gets them.
CLASH = ("A plenary session cannot overlap 'Opening remarks' (2020-11-26 09:00–09:40 "
         "Asia/Shanghai).")
PROBLEMS: dict[int | str, dict[str, Any]] = {
    400: _problem(400, "Bad Request", "_schema: The body is not JSON: Expecting property name "
                  "enclosed in double quotes: line 1 column 2 (char 1)",
                  {"_schema": "The body is not JSON: Expecting property name enclosed in double "
                              "quotes: line 1 column 2 (char 1)"}),
    401: _problem(401, "Unauthorized",
                  "Send 'Authorization: Bearer <token>' (POST /api/v1/auth/tokens)."),
    403: _problem(403, "Forbidden", "Only this event's organizers may do this."),
    404: _problem(404, "Not found", "No session 99 in this event."),
    409: _problem(409, "Conflict", CLASH, {"starts_at": CLASH}, session_id=OPENING.shown),
    412: _problem(412, "Precondition Failed", "The resource has changed since you read it (its "
                  "ETag is not the one in If-Match): read it again, then send your change.",
                  {"If-Match": "This is not the resource's current ETag."}),
    415: _problem(415, "Unsupported Media Type", "_schema: Send the body as application/json.",
                  {"_schema": "Send the body as application/json."}),
    422: _problem(422, "Unprocessable Entity", "2 fields are not right: kind, starts_at.",
                  {"kind": "Must be one of: opening, keynote, roundtable, subforum, exchange, "
                           "break.",
                   "starts_at": "Give a UTC offset, e.g. 2020-11-26T09:00:00+08:00."}),
    429: _problem(429, "Too Many Requests", "10 per 1 minute"),
    "default": _problem(503, "Service Unavailable", "the database could not be reached: nothing "
                        "was changed; try again in a moment"),
}
