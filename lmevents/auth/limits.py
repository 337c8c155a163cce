"""How often a visitor may try to sign in, sign up or reset a password (Flask-Limiter, counted
in Redis when LMEVENTS_REDIS_URL is set, so every worker and server shares the counts).

Each is counted per client address (behind a reverse proxy, the address it reports when
LMEVENTS_TRUSTED_PROXIES says so), and sign-in and reset also per account, so one account
cannot be guessed at from many addresses. The sign-in page and the token API share their
counters, as do the sign-up page and API.
"""

from __future__ import annotations

from flask import request

from lmevents.auth.services import normalize_email
from lmevents.extensions import AUTH_RATE_LIMIT, limiter


def posted_account() -> str:
    """The account a sign-in or reset names (form field or JSON `email`)."""
    data = request.get_json(silent=True) if request.is_json else request.form
    email = data.get("email") if hasattr(data, "get") else None
    return "account:" + normalize_email(email if isinstance(email, str) else "")


SIGN_IN = limiter.shared_limit(AUTH_RATE_LIMIT, scope="sign-in", methods=["POST"])
SIGN_IN_ACCOUNT = limiter.shared_limit(AUTH_RATE_LIMIT, scope="sign-in-account",
                                       key_func=posted_account, methods=["POST"])
SIGN_UP = limiter.shared_limit(AUTH_RATE_LIMIT, scope="sign-up", methods=["POST"])
RESET = limiter.shared_limit(AUTH_RATE_LIMIT, scope="reset", methods=["POST"])
RESET_ACCOUNT = limiter.shared_limit(AUTH_RATE_LIMIT, scope="reset-account",
                                     key_func=posted_account, methods=["POST"])
NEW_PASSWORD = limiter.shared_limit(AUTH_RATE_LIMIT, scope="new-password", methods=["POST"])
