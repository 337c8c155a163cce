"""Settings from LMEVENTS_* environment variables, with safe development defaults."""

from __future__ import annotations

import hashlib
import os
import secrets
from functools import lru_cache
from pathlib import Path

PREFIX = "LMEVENTS_"
# The languages of the interface, each with its catalogue in lmevents/translations (English
# is the source): adding one is a catalogue and a code here (README, "Code layout").
LANGUAGES = ("en", "zh")


def _default_sqlite_url(instance_path: str) -> str:
    return "sqlite:///" + str(Path(instance_path) / "lmevents.sqlite3")


def load_settings(instance_path: str, environ: dict[str, str] | None = None) -> dict:
    """Read the configuration; every key can be overridden by `LMEVENTS_<KEY>`."""
    env = os.environ if environ is None else environ
    public_url = env.get(PREFIX + "PUBLIC_URL", "http://127.0.0.1:5000").rstrip("/")
    # Served over HTTPS: cookies never travel in clear text.
    secure = public_url.startswith("https://")
    secret = env.get(PREFIX + "SECRET_KEY")
    if not secret:
        secret = _instance_secret(instance_path)
    return {
        "SECRET_KEY": secret,
        "SQLALCHEMY_DATABASE_URI": normalize_database_url(
            env.get(PREFIX + "DATABASE_URL") or _default_sqlite_url(instance_path)
        ),
        # Statements in errors and logs never carry their values (password hashes, addresses).
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "hide_parameters": True},
        "BABEL_DEFAULT_LOCALE": env.get(PREFIX + "DEFAULT_LANGUAGE", "en"),
        "BABEL_DEFAULT_TIMEZONE": "UTC",
        "BABEL_TRANSLATION_DIRECTORIES": str(Path(__file__).resolve().parent / "translations"),
        "LANGUAGES": LANGUAGES,
        # The Babel locale each language's dates, numbers and names are written in.
        "FORMAT_LOCALES": {"en": "en_GB", "zh": "zh_Hans"},
        # The countries taking part (ISO 3166): listed first, with their zones, in pickers.
        "COUNTRIES": tuple(c.strip().upper() for c in env.get(
            PREFIX + "COUNTRIES", "CN,KH,LA,MM,TH,VN").split(",") if c.strip()),
        # Where people reach this site: links in mail and calendar feeds start here.
        "PUBLIC_URL": public_url,
        "MAIL_SERVER": env.get(PREFIX + "MAIL_SERVER", "127.0.0.1"),
        "MAIL_PORT": int(env.get(PREFIX + "MAIL_PORT", "25")),
        "MAIL_USERNAME": env.get(PREFIX + "MAIL_USERNAME"),
        "MAIL_PASSWORD": env.get(PREFIX + "MAIL_PASSWORD"),
        "MAIL_USE_TLS": env.get(PREFIX + "MAIL_USE_TLS", "") in ("1", "true", "yes"),
        "MAIL_SENDER": env.get(PREFIX + "MAIL_SENDER", "lmevents <noreply@localhost>"),
        # Join link of an accepted 1:1 meeting; {uid} is the meeting's stable id.
        "MEETING_URL_TEMPLATE": env.get(PREFIX + "MEETING_URL_TEMPLATE",
                                        "https://meet.jit.si/lmevents-{uid}"),
        "REDIS_URL": env.get(PREFIX + "REDIS_URL"),
        # How often the live page asks whether anything changed (seconds).
        "LIVE_POLL_SECONDS": _count(env.get(PREFIX + "LIVE_POLL_SECONDS", "20"),
                                    "LIVE_POLL_SECONDS") or 20,
        # Webhooks post to public addresses only; 1 lets organizers name hosts on this
        # server's own networks (an intranet receiver, tests on loopback).
        "WEBHOOK_PRIVATE_TARGETS": env.get(PREFIX + "WEBHOOK_PRIVATE_TARGETS", "") in (
            "1", "true", "yes"),
        # How many reverse proxies stand in front of the app (0: none). Only then are their
        # X-Forwarded-For and X-Forwarded-Proto believed; otherwise anyone could claim any
        # address and slip past the rate limits.
        "TRUSTED_PROXIES": _count(env.get(PREFIX + "TRUSTED_PROXIES", "0"), "TRUSTED_PROXIES"),
        "RATELIMIT_STORAGE_URI": env.get(PREFIX + "REDIS_URL") or "memory://",
        # Rendered feeds and exports (lmevents.calendar.cached): keys carry the data's version,
        # so a write is seen at once and old entries just age out.
        **({"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": env[PREFIX + "REDIS_URL"]}
           if env.get(PREFIX + "REDIS_URL") else
           {"CACHE_TYPE": "SimpleCache", "CACHE_THRESHOLD": 500}),
        "CACHE_DEFAULT_TIMEOUT": 24 * 3600,
        # The release is part of every key: pages and answers kept by an older release (in a
        # shared Redis) are never served by a newer one, which renders them anew.
        "CACHE_KEY_PREFIX": f"lmevents:{release_fingerprint()}:",
        "RATELIMIT_HEADERS_ENABLED": True,
        # No form or API body needs more; larger ones are refused with 413 before parsing.
        "MAX_CONTENT_LENGTH": 4 * 1024 * 1024,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SECURE": secure,
        "REMEMBER_COOKIE_SECURE": secure,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        # flask-smorest: the OpenAPI document lives under the API prefix.
        "API_TITLE": "lmevents",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.1.0",
        "OPENAPI_URL_PREFIX": "/api/v1",
        "OPENAPI_JSON_PATH": "openapi.json",
        "API_SPEC_OPTIONS": {
            "info": {"description": "Programme, sub-forums and speakers of lmevents roundtables."},
            "components": {
                "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}}
            },
        },
    }


@lru_cache(maxsize=1)
def release_fingerprint(root: Path | None = None) -> str:
    """A short hash of what renders pages and answers (the package's code, the templates and
    the compiled catalogues): it changes with every release."""
    root = root or Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for pattern in ("lmevents/**/*.py", "templates/**/*.html", "lmevents/**/*.mo"):
        for path in sorted(root.glob(pattern)):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _count(value: str, name: str) -> int:
    if not value.strip().isdigit():
        raise ValueError(f"{PREFIX}{name} must be a whole number (0 or more), not {value!r}")
    return int(value)


def normalize_database_url(url: str) -> str:
    """Let users write `postgresql://…`; we talk to PostgreSQL through psycopg 3."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _instance_secret(instance_path: str) -> str:
    """A development secret kept in instance/ so sessions survive restarts."""
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    path.write_text(key)
    path.chmod(0o600)
    return key
