"""RFC 9457 problem details: the one error shape of the JSON API."""

from __future__ import annotations

from flask import jsonify
from flask_babel import ngettext
from werkzeug.exceptions import HTTPException

from lmevents.api.messages import translated
from lmevents.errors import DomainError

PROBLEM_TYPE = "application/problem+json"


def problem(status: int, title: str, detail: str = "", errors: dict | None = None, **extra):
    # Messages may be lazy translations: they become text here, in the request's language
    # (JSON cannot hold a LazyString).
    body = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": str(detail or title),
        "errors": {name: str(message) for name, message in (errors or {}).items()},
    }
    body.update(extra)
    response = jsonify(body)
    response.status_code = status
    response.mimetype = PROBLEM_TYPE
    return response


def flatten_messages(messages, prefix: str = "") -> dict[str, str]:
    """webargs/marshmallow messages ({location: {field: [msg]}}) to {field: message}."""
    flat: dict[str, str] = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            if key in ("json", "query", "form", "path", "headers") and not prefix:
                flat.update(flatten_messages(value))
                continue
            name = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                flat[name] = " ".join(translated(v) for v in value)
            else:
                flat.update(flatten_messages(value, name))
    elif isinstance(messages, list):
        flat[prefix or "_schema"] = " ".join(translated(m) for m in messages)
    else:
        flat[prefix or "_schema"] = str(messages)
    return flat


def problem_from_http(error: HTTPException):
    data = getattr(error, "data", None) or {}
    errors = flatten_messages(data["messages"]) if "messages" in data else {}
    detail = error.description or ""
    if len(errors) == 1:
        # One field at fault: its name and its message.
        ((field, message),) = errors.items()
        detail = f"{field}: {message}"
    elif errors:
        # A sentence a person can read; `errors` says what is wrong with each field.
        detail = ngettext("%(num)d field is not right: %(fields)s.",
                          "%(num)d fields are not right: %(fields)s.", len(errors),
                          fields=", ".join(errors))
    response = problem(error.code or 500, error.name, detail, errors)
    # What the error itself says in headers (405's Allow, 401's WWW-Authenticate…).
    for header, value in error.get_headers():
        if header.lower() != "content-type":
            response.headers[header] = value
    for header, value in (data.get("headers") or {}).items():
        response.headers[header] = value
    return response


def problem_from_domain(error: DomainError):
    extra = {k: v for k, v in error.extra.items() if isinstance(v, str | int)}
    return problem(error.status, error.title, error.message, error.errors, **extra)
