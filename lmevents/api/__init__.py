"""The JSON API (`/api/v1`): flask-smorest assembles OpenAPI from each area's `api.py`."""

from __future__ import annotations

from flask_smorest import Api

from lmevents.api.problems import problem_from_http

API_PREFIX = "/api/v1"


class ProblemApi(Api):
    """flask-smorest's Api, answering errors as problem+json under `/api/` only."""

    def _register_error_handlers(self):
        # Errors are routed by lmevents.web_errors for the whole app instead.
        pass

    def handle_http_exception(self, error):
        return problem_from_http(error)


api = ProblemApi()
