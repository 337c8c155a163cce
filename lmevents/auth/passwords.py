"""Password hashes, made one way everywhere: salted scrypt unless the app says otherwise."""

from __future__ import annotations

from functools import lru_cache

from flask import current_app, has_app_context
from werkzeug.security import check_password_hash, generate_password_hash

DEFAULT_METHOD = "scrypt"


def _method() -> str:
    # The test suite sets a one-round method: scrypt costs ~0.1 s by design, per password.
    if has_app_context():
        return current_app.config.get("PASSWORD_HASH_METHOD") or DEFAULT_METHOD
    return DEFAULT_METHOD


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=_method())


def password_matches(password_hash: str, password: str) -> bool:
    return check_password_hash(password_hash, password)


@lru_cache(maxsize=4)
def _dummy_hash(method: str) -> str:
    # Made on first need, not at import: every CLI call and worker start imports this module.
    return generate_password_hash("lmevents-timing-equaliser", method=method)


def spend_a_check(password: str) -> None:
    """Check against a fixed hash when the e-mail is unknown, so a miss costs as much as a
    hit and timing does not tell which addresses have accounts."""
    check_password_hash(_dummy_hash(_method()), password)
