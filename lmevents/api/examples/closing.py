"""Chapter 8 of the story: plans change; the organizer looks back and puts the token away."""

from __future__ import annotations

from lmevents.api.examples.story import (
    API,
    EXCHANGE_ROOM,
    EXCHANGE_SESSION,
    KEYNOTES,
    KHAMLA,
    KHAMLA_NEED,
    OPENING,
    ORGANIZATION_QUESTION,
    ORGANIZER,
    PING,
    SLUG,
    SUBFORUM_B,
    TOKEN,
    WEBHOOK,
    Example,
    demo,
    page,
    text,
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
EXAMPLES["GET /api/v1/events/{slug}/live"] = Example(
    "On the morning of the roundtable, ten minutes before it opens: nothing on yet, the "
    "opening next (its room opens at 08:45 Beijing time)", caller=None, params=demo(),
    response={
        "on_now": [],
        "up_next": [{
            "id": OPENING, "kind": "opening", "title": text("开幕致辞", "Opening remarks"),
            "starts_at": "2020-11-26T01:00:00+00:00", "ends_at": "2020-11-26T01:40:00+00:00",
            "subforum": None,
            "room": {"name": text("主会场", "Plenary room"), "platform": "zoom"},
            "join_url": page(f"sessions/{OPENING.shown}/join"),
            "join_opens_at": "2020-11-26T00:45:00+00:00",
            "page_url": page(f"sessions/{OPENING.shown}"),
        }],
        "delays": [],
    },
)
EXAMPLES["POST /api/v1/events/{slug}/running-late"] = Example(
    "On the day, ten minutes into the technical exchange, its room is running 10 minutes "
    "late: the exchange ends at 17:40", caller=ORGANIZER, params=demo(),
    request={"minutes": 10, "room_id": EXCHANGE_ROOM},
    response={"delay": {"id": 1, "room_id": EXCHANGE_ROOM, "subforum_id": None, "minutes": 10,
                        "since": "2020-11-26T07:40:00+00:00",
                        "until": "2020-11-26T09:40:00+00:00"},
              "moved": [EXCHANGE_SESSION], "told": 0},
    status=201,
)
EXAMPLES["GET /api/v1/events/{slug}/attendance"] = Example(
    "Who joined the keynotes, by country and organization type (one session shown)",
    caller=ORGANIZER, params=demo(question_id=ORGANIZATION_QUESTION),
    response={
        "question": {"id": ORGANIZATION_QUESTION,
                     "label": {"zh": "您所在机构的类型", "en": "Your organization is"}},
        "sessions": [{
            "session_id": KEYNOTES, "title": {"zh": "主旨发言", "en": "Keynote speeches"},
            "starts_at": "2020-11-26T01:40:00+00:00", "ends_at": "2020-11-26T02:30:00+00:00",
            "registered": 3, "held_seat": None, "joined": 3,
            "by_country": [
                {"country": "CN", "registered": 1, "held_seat": None, "joined": 1},
                {"country": "DE", "registered": 1, "held_seat": None, "joined": 0},
                {"country": "VN", "registered": 1, "held_seat": None, "joined": 1}],
            "by_answer": [
                {"answer": 1, "label": {"zh": "企业", "en": "an enterprise"},
                 "registered": 2, "held_seat": None, "joined": 1},
                {"answer": 2, "label": {"zh": "科研院所或高校",
                                        "en": "a research institute or university"},
                 "registered": 1, "held_seat": None, "joined": 1}],
            "by_listening": [
                {"language": "en", "heard": True, "registered": 2, "held_seat": None,
                 "joined": 1},
                {"language": "zh", "heard": True, "registered": 1, "held_seat": None,
                 "joined": 1}],
        }],
    },
)
EXAMPLES["DELETE /api/v1/auth/tokens/{token_id}"] = Example(
    "The organizer revokes the token: it stops working at once", caller=ORGANIZER,
    params={"token_id": TOKEN},
    status=204,
)
