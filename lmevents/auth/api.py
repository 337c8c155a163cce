"""JSON API of the auth area: bearer tokens."""

from __future__ import annotations

from flask.views import MethodView

from lmevents.api import ApiBlueprint
from lmevents.api.auth import Unauthorized
from lmevents.auth.schemas import TokenRequestSchema, TokenSchema
from lmevents.auth.services import authenticate, issue_token
from lmevents.extensions import db

blp = ApiBlueprint("auth_api", __name__, description="auth")


@blp.route("/auth/tokens")
class Tokens(MethodView):
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
