"""JSON API of the registration area."""

from lmevents.api import ApiBlueprint

blp = ApiBlueprint("registration_api", __name__, description="registration")
