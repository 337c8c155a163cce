"""Every fault of a request body in one answer: when the schema refuses some fields, the
domain's rules still run on the fields it could read, and their refusals join the schema's.
Without this a caller would fix the schema's faults only to meet the rules' in a second round.

    @blp.route(...)
    class Rooms(MethodView):
        @organizers_only(blp)
        @checked_with(lambda values, slug: check_room(room_input(values)))
        @blp.arguments(RoomInputSchema)
        def post(self, data, slug): ...

`check(values, **view_kwargs)` gets the fields the schema accepted (a dict, as the schema
loads them, before any post_load) and raises DomainError (with `Faults`, for all of them). A
check that needs a field the schema refused cannot run, and says nothing: the schema already
named that field."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from marshmallow import ValidationError
from werkzeug.exceptions import UnprocessableEntity

from lmevents.errors import DomainError

Check = Callable[..., Any]


def checked_with(check: Check):
    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            try:
                return view(*args, **kwargs)
            except UnprocessableEntity as refusal:
                _add_domain_faults(refusal, check, kwargs)
                raise

        return wrapper

    return decorate


def _add_domain_faults(refusal: UnprocessableEntity, check: Check, view_kwargs: dict) -> None:
    data = getattr(refusal, "data", None) or {}
    exc = getattr(refusal, "exc", None)  # webargs keeps marshmallow's error here
    messages = data.get("messages")
    if not isinstance(exc, ValidationError) or not isinstance(messages, dict):
        return
    body = messages.get("json")
    if not isinstance(body, dict):
        return  # the body as a whole was refused (not an object): nothing to check
    values = exc.valid_data if isinstance(exc.valid_data, dict) else {}
    try:
        check(values, **view_kwargs)
    except DomainError as refused:
        for field, message in refused.errors.items():
            if field.split(".")[0] not in body:
                body[field] = [message]
    except (KeyError, TypeError, ValueError, AttributeError):
        # A rule needing a field the schema refused: that field is named already.
        pass
