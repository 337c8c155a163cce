"""JSON API of the auth area: bearer tokens."""

from __future__ import annotations

from flask import current_app
from flask.views import MethodView

from lmevents.api import ApiBlueprint
from lmevents.api.auth import Unauthorized, api_user, signed_in
from lmevents.auth import limits
from lmevents.auth.accounts import SignUpInput, sign_up
from lmevents.auth.schemas import (
    AccountSchema,
    SignUpSchema,
    TokenInfoSchema,
    TokenRequestSchema,
    TokenSchema,
)
from lmevents.auth.services import authenticate, issue_token, list_tokens, revoke_token
from lmevents.extensions import db

blp = ApiBlueprint("auth_api", __name__, description="auth")


@blp.route("/auth/signup")
class SignUp(MethodView):
    @limits.SIGN_UP
    @blp.arguments(SignUpSchema)
    @blp.response(201, AccountSchema)
    @blp.alt_response(409, response="CONFLICT")
    def post(self, data):
        """Create a participant account; a link to confirm the address is mailed."""
        if data.get("country"):
            data["country"] = data["country"].upper()
        user = sign_up(db.session, SignUpInput(**data), secret=current_app.secret_key)
        db.session.commit()
        return user


@blp.route("/auth/tokens")
class Tokens(MethodView):
    @limits.SIGN_IN
    @limits.SIGN_IN_ACCOUNT
    @blp.arguments(TokenRequestSchema)
    @blp.response(201, TokenSchema)
    @blp.alt_response(401, response="UNAUTHORIZED")
    def post(self, credentials):
        """Exchange an e-mail address and password for a bearer token."""
        user = authenticate(db.session, credentials["email"], credentials["password"])
        if user is None:
            # One answer for an unknown address and a wrong password: nothing to probe.
            raise Unauthorized("wrong e-mail address or password")
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
