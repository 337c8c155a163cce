"""Chapter 8 of the story: plans change; the organizer looks back and puts the token away."""

from __future__ import annotations

from lmevents.api.examples.story import (
    API,
    EXCHANGE_SESSION,
    KHAMLA,
    KHAMLA_NEED,
    ORGANIZER,
    PING,
    SLUG,
    SUBFORUM_B,
    TOKEN,
    WEBHOOK,
    Example,
    demo,
)

EXAMPLES: dict[str, Example] = {}


# 8. Plans change; the organizer looks back and puts the token away.

EXAMPLES["DELETE /api/v1/events/{slug}/sessions/{session_id}/seats/me"] = Example(
    "Khamla S. gives up the seat in the technical exchange", caller=KHAMLA,
    params=demo(session_id=EXCHANGE_SESSION),
    status=204,
)
EXAMPLES["DELETE /api/v1/events/{slug}/subforums/{subforum_id}/seats/me"] = Example(
    "…and the one in sub-forum B: the first in line gets it", caller=KHAMLA,
    params=demo(subforum_id=SUBFORUM_B),
    status=204,
)
EXAMPLES["DELETE /api/v1/events/{slug}/registrations/me"] = Example(
    "Khamla S. cancels the registration", caller=KHAMLA, params=demo(),
    status=204,
)
EXAMPLES["GET /api/v1/events/{slug}/audit"] = Example(
    "The audit log, newest first, a page at a time", caller=ORGANIZER,
    params=demo(page=1, page_size=2),
    response=[
        {"id": 36, "at": "2020-11-20T02:30:00+00:00", "actor": ORGANIZER.email,
         "address": "203.0.113.7",
         "action": f"POST {API}/events/{SLUG}/exchange/needs/{KHAMLA_NEED.shown}/hide",
         "changes": [{"what": "needs", "id": str(KHAMLA_NEED.shown), "change": "changed",
                      "fields": ["hidden_at"]}]},
        {"id": 35, "at": "2020-11-18T02:10:00+00:00", "actor": ORGANIZER.email,
         "address": "203.0.113.7",
         "action": f"POST {API}/events/{SLUG}/webhooks/{WEBHOOK.shown}/deliveries/"
                   f"{PING.shown}/retry",
         "changes": [{"what": "webhook_deliveries", "id": str(PING.shown),
                      "change": "changed", "fields": ["queued_at", "send_after"]}]},
    ],
)
EXAMPLES["DELETE /api/v1/events/{slug}/webhooks/{webhook_id}"] = Example(
    "The CRM's webhook is removed, with its deliveries", caller=ORGANIZER,
    params=demo(webhook_id=WEBHOOK),
    status=204,
)
EXAMPLES["DELETE /api/v1/auth/tokens/{token_id}"] = Example(
    "The organizer revokes the token: it stops working at once", caller=ORGANIZER,
    params={"token_id": TOKEN},
    status=204,
)
