"""JSON API of the auth area: bearer tokens."""

from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_babel import lazy_gettext as _l

from lmevents.api import ApiBlueprint
from lmevents.api.auth import Unauthorized, api_user, signed_in
from lmevents.auth import limits
from lmevents.auth.accounts import SignUpInput, sign_in, sign_up
from lmevents.auth.schemas import (
    SignUpReceiptSchema,
    SignUpSchema,
    TokenInfoSchema,
    TokenRequestSchema,
    TokenSchema,
)
from lmevents.auth.services import issue_token, list_tokens, revoke_token
from lmevents.extensions import db

blp = ApiBlueprint("auth_api", __name__, description="auth")


@blp.route("/auth/signup")
class SignUp(MethodView):
    @limits.SIGN_UP
    @blp.arguments(SignUpSchema)
    @blp.response(201, SignUpReceiptSchema)
    def post(self, data):
        """Ask for a participant account. The answer is the same whether or not the address
        has one: a new address is mailed a link that confirms it (tokens are issued once it
        is opened), a known one a reminder that the account exists."""
        if data.get("country"):
            data["country"] = data["country"].upper()
        email = sign_up(db.session, SignUpInput(**data), secret=current_app.secret_key)
        db.session.commit()
        return {"email": email, "confirmation": "mailed"}


@blp.route("/auth/tokens")
class Tokens(MethodView):
    @limits.SIGN_IN
    @limits.SIGN_IN_ACCOUNT
    @blp.arguments(TokenRequestSchema)
    @blp.response(201, TokenSchema)
    @blp.alt_response(401, response="UNAUTHORIZED")
    def post(self, credentials):
        """Exchange an e-mail address and password for a bearer token (the address must be
        confirmed: right credentials for an unconfirmed one mail the link again)."""
        user = sign_in(db.session, credentials["email"], credentials["password"],
                       secret=current_app.secret_key)
        if user is None:
            db.session.commit()  # a confirmation link mailed again
            # One answer for an unknown address, a wrong password and an unconfirmed address:
            # nothing to probe.
            raise Unauthorized(_l("Wrong e-mail address or password, or the address is not "
                                  "confirmed yet (open the link mailed at sign-up)."))
        token = issue_token(db.session, user, label="api")
        db.session.commit()
        return {"token": token}

    @signed_in(blp)
    @blp.response(200, TokenInfoSchema(many=True))
    def get(self):
        """The caller's tokens (live and revoked), without their secrets."""
        return list_tokens(db.session, api_user())


@blp.route("/auth/tokens/<id:token_id>")
class TokenResource(MethodView):
    @signed_in(blp)
    @blp.response(204)
    @blp.alt_response(404, response="NOT_FOUND")
    def delete(self, token_id):
        """Revoke one of the caller's tokens: it stops working at once."""
        revoke_token(db.session, api_user(), token_id)
        db.session.commit()
