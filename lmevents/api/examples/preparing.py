"""Chapters 1 and 2 of the story: accounts and tokens; the organizer prepares the roundtable
(the event, its team, the webhook of the organizers' CRM, the virtual rooms)."""

from __future__ import annotations

from lmevents.api.examples.records import (
    ADDRESS,
    DEMO_EVENT,
    EXCHANGE_ROOM_DETAILS,
    HOSTS,
    PLENARY,
    SUBFORUM_A_ROOM,
    SUBFORUM_B_ROOM,
    event_links,
    room,
)
from lmevents.api.examples.story import (
    COLLEAGUE,
    NO_TEXT,
    ORGANIZER,
    PASSWORD,
    PING,
    ROOM_B,
    SLUG,
    STANDBY_ROOM,
    TEAM_MEMBER,
    TOKEN,
    WEBHOOK,
    Example,
    Ref,
    demo,
    text,
)

EXAMPLES: dict[str, Example] = {}


# 1. Accounts and tokens.

EXAMPLES["POST /api/v1/auth/signup"] = Example(
    "Thida W., from Myanmar, asks for an account: a link to confirm the address is mailed",
    request={"email": "thida.w@example.org", "password": PASSWORD, "name": "Thida W.",
             "organization": "Environmental Conservation Department, Myanmar", "country": "MM",
             "timezone": "Asia/Yangon", "language": "en"},
    response={"email": "thida.w@example.org", "confirmation": "mailed"},
    status=201,
)
EXAMPLES["POST /api/v1/auth/tokens"] = Example(
    "The organizer gets a bearer token for the calls that follow",
    request={"email": ORGANIZER.email, "password": PASSWORD},
    response={"token": "q7Lr2XbN0vTz8KcWm4YpHs1GdAe9JuFi3oQk5ClVxE6"},
    status=201,
)
EXAMPLES["GET /api/v1/auth/tokens"] = Example(
    "The organizer's tokens (never their secrets)", caller=ORGANIZER,
    response=[{"id": TOKEN, "label": "api", "created_at": "2020-11-16T01:30:00+00:00",
               "last_used_at": "2020-11-16T01:30:02+00:00", "revoked": False}],
)

# 2. The organizer prepares the roundtable.

EXAMPLES["GET /api/v1/events"] = Example(
    "The published events: the demo roundtable", response=[DEMO_EVENT],
)
NEXT_YEAR = {
    "slug": "lm-roundtable-2021", "timezone": "Asia/Shanghai",
    "start_date": "2021-11-25", "end_date": "2021-11-25", "default_language": "zh",
    "registration_mode": "approval",
    "title": text("2021年澜湄环境合作圆桌对话",
                  "Lancang-Mekong Environmental Cooperation Roundtable 2021"),
}
EXAMPLES["POST /api/v1/events"] = Example(
    "Next year's roundtable, made as a draft", caller=ORGANIZER,
    request={
        **{name: value for name, value in NEXT_YEAR.items() if name != "title"},
        "title_zh": NEXT_YEAR["title"]["zh"], "title_en": NEXT_YEAR["title"]["en"],
        "hosts": [
            {"name_zh": HOSTS[0]["name"]["zh"], "name_en": HOSTS[0]["name"]["en"],
             "abbreviation": "LMEC", "role": "host", "url": "http://www.lmec.org.cn"},
            {"name_zh": HOSTS[1]["name"]["zh"], "name_en": HOSTS[1]["name"]["en"],
             "abbreviation": "FECO", "role": "host"},
        ],
        "contact": {"address_zh": ADDRESS["zh"], "address_en": ADDRESS["en"],
                    "postcode": "100035", "website": "http://www.lmec.org.cn"},
    },
    response={
        **NEXT_YEAR, "theme": NO_TEXT, "description": NO_TEXT, "schedule_note": NO_TEXT,
        "registration_closes_at": None, "join_opens_minutes": 15, "registration_open": True,
        "published": False,
        "hosts": HOSTS,
        "contact": {"address": ADDRESS, "postcode": "100035", "phone": None, "fax": None,
                    "emails": [], "website": "http://www.lmec.org.cn", "wechat": NO_TEXT},
        "links": event_links("lm-roundtable-2021"),
    },
    status=201,
)
EXAMPLES["GET /api/v1/events/{slug}"] = Example(
    "The demo roundtable", params=demo(), response=DEMO_EVENT,
)
EXAMPLES["PATCH /api/v1/events/{slug}"] = Example(
    "From now on the organizers approve each registration, until 24 November", caller=ORGANIZER,
    params=demo(),
    request={"registration_mode": "approval",
             "registration_closes_at": "2020-11-24T18:00:00+08:00"},
    response={**DEMO_EVENT, "registration_mode": "approval",
              "registration_closes_at": "2020-11-24T10:00:00+00:00"},
)
ORGANIZER_MEMBER = {"id": 1, "email": ORGANIZER.email, "name": ORGANIZER.name, "role": "owner",
                    "added_at": "2020-11-02T02:05:00+00:00"}
COLLEAGUE_MEMBER = {"id": TEAM_MEMBER, "email": COLLEAGUE.email, "name": COLLEAGUE.name,
                    "role": "editor", "added_at": "2020-11-16T01:40:00+00:00"}
EXAMPLES["GET /api/v1/events/{slug}/team"] = Example(
    "Who organizes the roundtable", caller=ORGANIZER, params=demo(),
    response=[ORGANIZER_MEMBER],
)
EXAMPLES["POST /api/v1/events/{slug}/team"] = Example(
    "A colleague joins the team as an editor", caller=ORGANIZER, params=demo(),
    request={"email": COLLEAGUE.email, "role": "editor"},
    response=COLLEAGUE_MEMBER,
    status=201,
)
EXAMPLES["PATCH /api/v1/events/{slug}/team/{member_id}"] = Example(
    "The colleague becomes an owner", caller=ORGANIZER, params=demo(member_id=TEAM_MEMBER),
    request={"role": "owner"},
    response={**COLLEAGUE_MEMBER, "role": "owner"},
)
EXAMPLES["DELETE /api/v1/events/{slug}/team/{member_id}"] = Example(
    "The colleague leaves the team", caller=ORGANIZER, params=demo(member_id=TEAM_MEMBER),
    status=204,
)
EXAMPLES["DELETE /api/v1/events/{slug}"] = Example(
    "The never-published draft is deleted", caller=ORGANIZER,
    params={"slug": "lm-roundtable-2021"},
    status=204,
)
# The organizers' CRM follows the registrations through a webhook.

REGISTRATION_KINDS = ["registration.created", "registration.changed", "registration.cancelled"]
CRM_WEBHOOK = {"id": WEBHOOK, "url": "https://crm.example.org/hooks/lmevents",
               "description": "Registrations into the LMEC contact list",
               "kinds": REGISTRATION_KINDS, "active": True,
               "secret": "whsec_USctLW3i6YLSSpYR2OflGV/JWtluhCEJsB0bBYNN+m4=",
               "created_at": "2020-11-16T01:50:00+00:00"}
FOLLOWING_SEATS = {**CRM_WEBHOOK, "kinds": [*REGISTRATION_KINDS, "seat.taken", "seat.freed"]}
SENDER_RAN = "2020-11-18T02:00:00+00:00"  # when the sender last tried, the receiver down


def delivery(delivery_id: Ref | int, kind: str, created: str, message_id: str, data: dict,
             *, tried: bool = True, next_attempt: str = "2020-11-18T02:00:30+00:00") -> dict:
    """An announcement to the CRM's webhook; `tried`: once, while the receiver was down."""
    tries = [{"at": SENDER_RAN, "status_code": 503, "error": None, "duration_ms": 412}]
    return {
        "id": delivery_id, "message_id": message_id, "type": kind, "state": "pending",
        "created_at": created, "attempts": 1 if tried else 0, "next_attempt_at": next_attempt,
        "last_status": 503 if tried else None, "last_error": "HTTP 503" if tried else None,
        "delivered_at": None, "failed_at": None,
        "body": {"id": message_id, "type": kind,
                 "created_at": created.replace("+00:00", "Z"),
                 "event": {"id": 1, "slug": SLUG}, "data": data},
        "tries": tries if tried else [],
    }


PING_SENT = delivery(PING, "ping", "2020-11-16T01:55:00+00:00",
                     "msg_6a46abad3cb84ef1b07e562083fb4d3d", {"ping": {"webhook_id": WEBHOOK}})


EXAMPLES["POST /api/v1/events/{slug}/webhooks"] = Example(
    "The organizers' CRM is told of every registration", caller=ORGANIZER, params=demo(),
    request={"url": "https://crm.example.org/hooks/lmevents",
             "description": "Registrations into the LMEC contact list",
             "kinds": REGISTRATION_KINDS},
    response=CRM_WEBHOOK,
    status=201,
)
EXAMPLES["GET /api/v1/events/{slug}/webhooks"] = Example(
    "The roundtable's webhooks", caller=ORGANIZER, params=demo(), response=[CRM_WEBHOOK],
)
EXAMPLES["PATCH /api/v1/events/{slug}/webhooks/{webhook_id}"] = Example(
    "The CRM also follows the seats", caller=ORGANIZER, params=demo(webhook_id=WEBHOOK),
    request={"kinds": FOLLOWING_SEATS["kinds"]},
    response=FOLLOWING_SEATS,
)
EXAMPLES["GET /api/v1/events/{slug}/webhooks/{webhook_id}"] = Example(
    "The CRM's webhook", caller=ORGANIZER, params=demo(webhook_id=WEBHOOK),
    response=FOLLOWING_SEATS,
)
EXAMPLES["POST /api/v1/events/{slug}/webhooks/{webhook_id}/secret"] = Example(
    "A new secret for the webhook (the receiver must learn it)", caller=ORGANIZER,
    params=demo(webhook_id=WEBHOOK),
    response={**FOLLOWING_SEATS, "secret": "whsec_qioixWk7Pz9CHUMeHh9lfq0PbLBEGCyupePA63k0w+w="},
)
EXAMPLES["POST /api/v1/events/{slug}/webhooks/{webhook_id}/ping"] = Example(
    "A ping, to try the receiver", caller=ORGANIZER, params=demo(webhook_id=WEBHOOK),
    response=delivery(PING, "ping", PING_SENT["created_at"], PING_SENT["message_id"],
                      PING_SENT["body"]["data"], tried=False,
                      next_attempt=PING_SENT["created_at"]),
    status=202,
)

# The virtual rooms.

STANDBY = {**room(STANDBY_ROOM, "备用会议室", "Standby room", platform="tencent_meeting"),
           "channels": [{"language": "en", "channel": None,
                         "join_url": "https://interpretation.example.org/standby-en"}]}
EXAMPLES["GET /api/v1/events/{slug}/rooms"] = Example(
    "The virtual rooms, with their join details", caller=ORGANIZER, params=demo(),
    response=[PLENARY, SUBFORUM_A_ROOM, SUBFORUM_B_ROOM, EXCHANGE_ROOM_DETAILS],
)
EXAMPLES["POST /api/v1/events/{slug}/rooms"] = Example(
    "A standby room, in case a platform fails: Chinese on the floor, English by a separate "
    "interpretation link", caller=ORGANIZER, params=demo(),
    request={"name_zh": "备用会议室", "name_en": "Standby room", "platform": "tencent_meeting",
             "join_url": STANDBY["join_url"], "meeting_id": STANDBY["meeting_id"],
             "passcode": "lm-2024", "floor_language": "zh",
             "channels": [{"language": "en",
                           "join_url": "https://interpretation.example.org/standby-en"}]},
    response=STANDBY,
    status=201,
)
EXAMPLES["PATCH /api/v1/events/{slug}/rooms/{room_id}"] = Example(
    "Sub-forum B's room gets a new passcode", caller=ORGANIZER, params=demo(room_id=ROOM_B),
    request={"passcode": "mekong2020"},
    response={**SUBFORUM_B_ROOM, "passcode": "mekong2020"},
)
EXAMPLES["DELETE /api/v1/events/{slug}/rooms/{room_id}"] = Example(
    "The standby room, no longer needed", caller=ORGANIZER, params=demo(room_id=STANDBY_ROOM),
    status=204,
)
