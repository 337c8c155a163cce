"""lmevents: virtual roundtables, multi-country and multi-time-zone, held online."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from lmevents.config import load_settings, normalize_database_url
from lmevents.extensions import babel, cache, csrf, db, limiter, login_manager, migrate

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    """The application factory: config, extensions, blueprints, error handlers, CLI."""
    app = Flask(
        __name__,
        instance_path=str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "lmevents" / "static"),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(load_settings(app.instance_path))
    if test_config:
        app.config.from_mapping(test_config)
        uri = app.config["SQLALCHEMY_DATABASE_URI"]
        app.config["SQLALCHEMY_DATABASE_URI"] = normalize_database_url(uri)

    if app.config["TRUSTED_PROXIES"]:
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)

    import lmevents.models  # noqa: F401  (the whole schema, for Alembic and the mappers)

    db.init_app(app)
    from lmevents.revisions import track_versions

    track_versions()
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    cache.init_app(app)
    _init_login(app)
    _init_i18n(app)

    from lmevents.blueprints import register_blueprints
    from lmevents.web.errors import register_error_handlers
    from lmevents.web.security import register_security_headers

    register_blueprints(app)
    register_error_handlers(app)
    register_security_headers(app)

    from lmevents.cli import lmevents_cli

    app.cli.add_command(lmevents_cli)
    return app


def _init_login(app: Flask) -> None:
    from lmevents.auth.models import User

    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "strong"

    @login_manager.user_loader
    def load_user(cookie_id: str):
        # "<id>:<session version>": a cookie from before the last reset names an old version.
        user_id, _, version = cookie_id.partition(":")
        if not (user_id.isdigit() and version.isdigit()):
            return None
        user = db.session.get(User, int(user_id))
        if user is None or not user.active or user.session_version != int(version):
            return None
        return user


def _init_i18n(app: Flask) -> None:
    from lmevents.core.text import current_language, html_lang, word_list
    from lmevents.web.places import zone_options
    from lmevents.web.viewer import (
        language_label,
        language_name,
        select_language,
        viewer_notices,
    )

    babel.init_app(app, locale_selector=select_language)
    from lmevents.web.faults import form_faults

    app.jinja_env.globals.update(
        form_faults=form_faults, current_language=current_language, language_name=language_name,
        viewer_notices=viewer_notices, html_lang=html_lang, zone_options=zone_options)
    app.jinja_env.filters["language_label"] = language_label
    app.jinja_env.filters["word_list"] = word_list

    from lmevents.agenda.labels import register_labels
    from lmevents.core.richtext import render_limited_markdown

    register_labels(app)
    from lmevents.calendar.links import register_calendar_links

    register_calendar_links(app)
    app.jinja_env.filters["limited_markdown"] = render_limited_markdown
