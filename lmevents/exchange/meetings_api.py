"""JSON API of the exchange area (meetings_api)."""

from lmevents.api import ApiBlueprint

blp = ApiBlueprint("exchange_meetings_api", __name__, description="exchange")
