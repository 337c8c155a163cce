"""What every area's JSON API (`/api/v1`) builds on: the flask-smorest Api that documents it,
the blueprint class, the body parser and the problem+json answers. lmevents.blueprints
registers the areas' API blueprints on it."""

from __future__ import annotations

import http
import json
from decimal import Decimal
from urllib.parse import urlencode

import flask_smorest
from flask import request
from flask_smorest import Api
from flask_smorest.utils import prepare_response
from webargs import core
from webargs.flaskparser import FlaskParser, abort, is_json_request

from lmevents.api.documented import PROBLEM_HEADERS, ConditionalRequestsPlugin, ExamplesPlugin
from lmevents.api.examples import PROBLEMS
from lmevents.api.problems import PROBLEM_TYPE, problem_from_http
from lmevents.api.schemas import CountryCode, ProblemSchema, Zone
from lmevents.core.timezones import all_zones
from lmevents.core.validation import COUNTRY_CODES

API_PREFIX = "/api/v1"
BEARER_AUTH = [{"bearerAuth": []}]
# Integers beyond this are no id, count or position of ours: they stay floats (and are refused).
MAX_EXACT = 2**53


class ProblemApi(Api):
    """flask-smorest's Api, answering errors as problem+json under `/api/` only."""

    ERROR_SCHEMA = ProblemSchema

    def _register_error_handlers(self):
        # Errors are routed by lmevents.web.errors for the whole app instead.
        pass

    def handle_http_exception(self, error):
        return problem_from_http(error)

    def _init_spec(self, *args, **kwargs):
        super()._init_spec(*args, **kwargs)
        # The zones the API accepts, listed once and referred to by every zone field.
        self.spec.components.schema("TimeZone", {
            "type": "string", "enum": sorted(all_zones()),
            "description": "An IANA time-zone name, e.g. Asia/Vientiane."})
        self.spec.components.schema("CountryCode", {
            "type": "string", "enum": sorted(COUNTRY_CODES),
            "description": "An ISO 3166-1 alpha-2 code, e.g. LA."})
        self.ma_plugin.converter.add_attribute_function(_listed_values)

    def _register_responses(self):
        # The documented error responses (one per status, and the default) are problem+json,
        # each with an example (lmevents.api.examples.PROBLEMS).
        for status in http.HTTPStatus:
            response = {"description": status.phrase}
            if status >= 400:
                response["schema"] = self.ERROR_SCHEMA
                if status in PROBLEMS:
                    response["example"] = PROBLEMS[status]
                prepare_response(response, self.spec, PROBLEM_TYPE)
            if status in PROBLEM_HEADERS:
                response["headers"] = PROBLEM_HEADERS[status]
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "Default error response", "schema": self.ERROR_SCHEMA,
                    "example": PROBLEMS["default"]}
        prepare_response(response, self.spec, PROBLEM_TYPE)
        self.spec.components.response(self.DEFAULT_ERROR_RESPONSE_NAME, response, lazy=True)


class BodyParser(FlaskParser):
    """Refuses bodies that are not JSON instead of treating them as empty."""

    def _raw_load_json(self, req):
        if not is_json_request(req):
            if req.get_data(cache=True):
                abort(415, messages={"json": {"_schema": ["Send the body as application/json."]}})
            return core.missing
        try:
            return json.loads(req.get_data(cache=True).decode("utf-8"), parse_float=_json_number)
        except RecursionError:
            # Nested deeper than the parser can follow: no request of ours is shaped so.
            abort(422, messages={"json": {"_schema": ["The body is nested too deeply."]}})

    def _handle_invalid_json_error(self, error, req, *args, **kwargs):
        # A body that is not JSON at all is a malformed request (RFC 9110: 400); JSON that
        # says the wrong things is 422.
        abort(400, exc=error, messages={"json": {"_schema": [f"The body is not JSON: {error}"]}})


def _json_number(text: str) -> int | float:
    """A JSON number written with a fraction or an exponent. JSON has one kind of number, and
    JSON Schema counts 2.0 and 2e3 as integers, so an integer field takes them as 2 and 2000."""
    number = Decimal(text)
    if abs(number) <= MAX_EXACT and number == number.to_integral_value():
        return int(number)
    return float(text)


def _listed_values(converter, field, **kwargs) -> dict:
    """Zone and country fields refer to the component listing the values they accept."""
    if isinstance(field, Zone):
        listed = {"$ref": "#/components/schemas/TimeZone"}
    elif isinstance(field, CountryCode):
        listed = {"$ref": "#/components/schemas/CountryCode"}
    else:
        return {}
    # One that may be left out as null: either a listed value or null.
    return {"anyOf": [listed, {"type": "null"}]} if field.allow_none else listed


class ApiBlueprint(flask_smorest.Blueprint):
    """An area's API blueprint. Paginated lists say where the other pages are in a `Link`
    header (RFC 8288: first, prev, next, last) and how many items there are in all
    (`X-Total-Count`), besides flask-smorest's `X-Pagination`."""

    ARGUMENTS_PARSER = BodyParser()

    def _set_pagination_metadata(self, page_params, result, headers):
        result, headers = super()._set_pagination_metadata(page_params, result, headers)
        total, size = page_params.item_count, page_params.page_size
        last = max(1, -(-total // size))
        pages = {"first": 1, "last": last}
        if page_params.page > 1:
            pages["prev"] = min(page_params.page - 1, last)
        if page_params.page < last:
            pages["next"] = page_params.page + 1
        headers["Link"] = ", ".join(
            f'<{_page_url(number, size)}>; rel="{relation}"' for relation, number in pages.items())
        headers["X-Total-Count"] = str(total)
        return result, headers

    def _document_pagination_metadata(self, spec, resp_doc):
        super()._document_pagination_metadata(spec, resp_doc)
        resp_doc["headers"].update({
            # A header's value is text: this one holds a JSON object.
            self.PAGINATION_HEADER_NAME: {
                "description": "The same as JSON text: total, total_pages, first_page, "
                               "last_page, page, previous_page, next_page.",
                "schema": {"type": "string"}},
            "Link": {"description": "The other pages (RFC 8288): first, prev, next, last.",
                     "schema": {"type": "string"}},
            "X-Total-Count": {"description": "How many items the whole list holds.",
                              "schema": {"type": "integer"}},
        })


def _page_url(page: int, size: int) -> str:
    """This request's address (path and query, so it holds behind any host) at another page."""
    args = {k: v for k, v in request.args.to_dict(flat=False).items()
            if k not in ("page", "page_size")}
    query = urlencode(args | {"page": page, "page_size": size}, doseq=True)
    return f"{request.path}?{query}"


api = ProblemApi(spec_kwargs={"extra_plugins": [ConditionalRequestsPlugin(), ExamplesPlugin()]})
