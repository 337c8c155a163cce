"""JSON API of the exchange area (api)."""

from lmevents.api import ApiBlueprint

blp = ApiBlueprint("exchange_api", __name__, description="exchange")
