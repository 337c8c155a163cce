"""JSON API of the exchange area (qa_api)."""

from lmevents.api import ApiBlueprint

blp = ApiBlueprint("exchange_qa_api", __name__, description="exchange")
