"""`/api/v1/docs`: the API's OpenAPI document read in Swagger UI, served from the
flask-swagger-ui package (never from a CDN), started by a script of ours (the pages' CSP
forbids inline script)."""

from __future__ import annotations

from pathlib import Path

import flask_swagger_ui
from flask import Blueprint, abort, render_template, send_from_directory, url_for

SWAGGER_UI = Path(flask_swagger_ui.__file__).parent / "dist"
ASSETS = ("swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js",
          "favicon-32x32.png", "favicon-16x16.png")

docs_bp = Blueprint("api_docs", __name__)


@docs_bp.route("/api/v1/docs")
def api_docs():
    return render_template("api/docs.html", spec_url=url_for("api-docs.openapi_json"))


@docs_bp.route("/api/v1/docs/assets/<name>")
def api_docs_asset(name: str):
    if name not in ASSETS:
        abort(404)
    return send_from_directory(SWAGGER_UI, name, max_age=86400)
