"""Chapter 6 of the story: a participant from Laos registers, is confirmed and takes seats;
the webhook of the organizers' CRM meanwhile; her calendar feed."""

from __future__ import annotations

from typing import Any

from lmevents.api.examples.preparing import PING_SENT, delivery
from lmevents.api.examples.records import EXCHANGE_TITLE, SUBFORUM_A_TITLE, SUBFORUM_B_TITLE
from lmevents.api.examples.story import (
    ALEX,
    ALEX_REGISTRATION,
    EXCHANGE_SESSION,
    KHAMLA,
    KHAMLA_REGISTRATION,
    ORGANIZATION_QUESTION,
    ORGANIZER,
    PING,
    SITE,
    SLUG,
    SUBFORUM_A,
    SUBFORUM_B,
    TECHNICAL_QUESTION,
    WEBHOOK,
    Example,
    Person,
    Ref,
    demo,
)

EXAMPLES: dict[str, Example] = {}


# Pieces of this chapter's answers.

KHAMLA_ANSWERS = {ORGANIZATION_QUESTION: 0,
                  TECHNICAL_QUESTION: "Treating the effluent of small food-processing plants"}
KHAMLA_FORM = {
    "id": KHAMLA_REGISTRATION, "event": SLUG, "status": "pending", "name": "Khamla S.",
    "organization": "Ministry of Natural Resources and Environment, Lao PDR",
    "position": "Technical Officer, Department of Pollution Control", "country": "LA",
    "language": "en", "listening_language": "en", "timezone": "Asia/Vientiane",
    "answers": KHAMLA_ANSWERS,
    "created_at": "2020-11-17T03:12:00+00:00", "seats": [], "preferred_subforum_id": SUBFORUM_A,
    "reminders": True,
}
APPROVED = "2020-11-18T01:05:00+00:00"


def _seat(seat_id: int, *, subforum: Ref | None = None, session: Ref | None = None,
          title: dict) -> dict[str, Any]:
    return {"id": seat_id, "kind": "subforum" if subforum else "session", "subforum_id": subforum,
            "session_id": session, "title": title, "state": "held", "waiting_position": None,
            "replaces_seat_id": None}


SEAT_A = _seat(1, subforum=SUBFORUM_A, title=SUBFORUM_A_TITLE)
SEAT_B = _seat(2, subforum=SUBFORUM_B, title=SUBFORUM_B_TITLE)
EXCHANGE_SEAT = _seat(3, session=EXCHANGE_SESSION, title=EXCHANGE_TITLE)
KHAMLA_CONFIRMED = {**KHAMLA_FORM, "status": "confirmed", "seats": [SEAT_A],
                    "preferred_subforum_id": None}
KHAMLA_SEATED = {**KHAMLA_CONFIRMED, "seats": [SEAT_B, EXCHANGE_SEAT]}


def _for_organizers(registration: dict[str, Any], person: Person, **decision: Any) -> dict:
    """A registration as organizers see it."""
    return {**registration, "user_id": person.ref, "email": person.email,
            "consented_at": registration["created_at"],
            "updated_at": decision.get("decided_at") or registration["created_at"],
            "decided_at": None, "decision_note": None, **decision}


# 6. A participant from Laos registers and takes seats.

EXAMPLES["POST /api/v1/events/{slug}/registrations"] = Example(
    "Khamla S. registers, asking for a seat in sub-forum A (pending: organizers approve)",
    caller=KHAMLA, params=demo(),
    request={**{name: KHAMLA_FORM[name] for name in (
                 "name", "organization", "position", "country", "language", "timezone",
                 "answers")},
             "consent": True, "subforum_id": SUBFORUM_A},
    response=KHAMLA_FORM,
    status=201,
)
EXAMPLES["GET /api/v1/events/{slug}/registrations"] = Example(
    "The registrations waiting for a decision", caller=ORGANIZER,
    params=demo(status="pending"),
    response=[_for_organizers(KHAMLA_FORM, KHAMLA)],
)
EXAMPLES["POST /api/v1/events/{slug}/registrations/{registration_id}/approve"] = Example(
    "Khamla S. is confirmed, with the seat asked for", caller=ORGANIZER,
    params=demo(registration_id=KHAMLA_REGISTRATION),
    response=_for_organizers(KHAMLA_CONFIRMED, KHAMLA, decided_at=APPROVED),
)
REFUSAL = ("Seats at this roundtable are kept for the delegations of the six Lancang-Mekong "
           "countries. Thank you for your interest.")
EXAMPLES["POST /api/v1/events/{slug}/registrations/{registration_id}/reject"] = Example(
    "A registration is declined, with a note mailed to the participant", caller=ORGANIZER,
    params=demo(registration_id=ALEX_REGISTRATION),
    request={"note": REFUSAL},
    response=_for_organizers(
        {"id": ALEX_REGISTRATION, "event": SLUG, "status": "rejected", "name": ALEX.name,
         "organization": ALEX.organization, "position": "", "country": ALEX.country,
         "language": ALEX.language, "listening_language": ALEX.language,
         "timezone": ALEX.timezone, "answers": ALEX.answers,
         "created_at": "2020-11-10T08:00:00+00:00", "seats": [], "preferred_subforum_id": None,
         "reminders": True},
        ALEX, decided_at="2020-11-18T01:07:00+00:00", decision_note=REFUSAL),
)
EXAMPLES["GET /api/v1/events/{slug}/registrations/{registration_id}"] = Example(
    "Khamla S.'s registration, as organizers see it", caller=ORGANIZER,
    params=demo(registration_id=KHAMLA_REGISTRATION),
    response=_for_organizers(KHAMLA_CONFIRMED, KHAMLA, decided_at=APPROVED),
)
EXAMPLES["POST /api/v1/events/{slug}/subforums/{subforum_id}/seats"] = Example(
    "Khamla S. moves to sub-forum B in one step", caller=KHAMLA,
    params=demo(subforum_id=SUBFORUM_B),
    request={"switch": True},
    response=SEAT_B,
    status=201,
)
EXAMPLES["POST /api/v1/events/{slug}/sessions/{session_id}/seats"] = Example(
    "Khamla S. takes a seat in the technical exchange", caller=KHAMLA,
    params=demo(session_id=EXCHANGE_SESSION),
    request={"switch": False},
    response=EXCHANGE_SEAT,
    status=201,
)
EXAMPLES["GET /api/v1/events/{slug}/registrations/me"] = Example(
    "Khamla S.'s own registration and seats", caller=KHAMLA, params=demo(),
    response=KHAMLA_SEATED,
)
EXAMPLES["PATCH /api/v1/events/{slug}/registrations/me"] = Example(
    "Khamla S. follows the day in a calendar app and switches the e-mail reminders (and the "
    "feed's alarms) off", caller=KHAMLA, params=demo(),
    request={"reminders": False},
    response={**KHAMLA_SEATED, "reminders": False},
)
EXAMPLES["GET /api/v1/me/registrations"] = Example(
    "Khamla S.'s registrations in every event", caller=KHAMLA,
    response=[{**KHAMLA_SEATED, "reminders": False}],
)

# The webhook's sender ran once meanwhile, while the CRM was down (the replay arranges it).


def _seat_taken(delivery_id: int, seat: dict, at: str, message_id: str) -> dict:
    return delivery(delivery_id, "seat.taken", at, message_id, {"seat": {
        "id": seat["id"], "registration_id": KHAMLA_REGISTRATION,
        "subforum_id": seat["subforum_id"], "session_id": seat["session_id"], "state": "held",
        "email": KHAMLA.email, "name": KHAMLA.name, "held_since": at.replace("+00:00", "Z")}})


EXAMPLES["GET /api/v1/events/{slug}/webhooks/{webhook_id}/deliveries"] = Example(
    "What was announced to the CRM, newest first, a page at a time", caller=ORGANIZER,
    params=demo(webhook_id=WEBHOOK, page=1, page_size=2),
    response=[_seat_taken(8, EXCHANGE_SEAT, "2020-11-18T01:42:00+00:00",
                          "msg_8405da35330946cba43274a6c3caeab9"),
              delivery(7, "seat.freed", "2020-11-18T01:40:00+00:00",
                       "msg_d5711d4b27084f4487fb7cc2f494abef",
                       {"seat": {"id": SEAT_A["id"], "registration_id": KHAMLA_REGISTRATION,
                                 "subforum_id": SUBFORUM_A, "session_id": None,
                                 "state": "held", "email": KHAMLA.email, "name": KHAMLA.name,
                                 "held_since": APPROVED.replace("+00:00", "Z")}})],
)
EXAMPLES["GET /api/v1/events/{slug}/webhooks/{webhook_id}/deliveries/{delivery_id}"] = Example(
    "The ping, with its try: the receiver was down", caller=ORGANIZER,
    params=demo(webhook_id=WEBHOOK, delivery_id=PING),
    response=PING_SENT,
)
EXAMPLES["POST /api/v1/events/{slug}/webhooks/{webhook_id}/deliveries/{delivery_id}/retry"] = (
    Example(
        "The ping is sent again at once", caller=ORGANIZER,
        params=demo(webhook_id=WEBHOOK, delivery_id=PING),
        response={**PING_SENT, "next_attempt_at": "2020-11-18T02:10:00+00:00"},
    ))


def _feed(secret: str) -> dict[str, str]:
    return {"feed_url": f"{SITE}/calendar/{secret}.ics",
            "webcal_url": f"webcal://{SITE.removeprefix('https://')}/calendar/{secret}.ics"}


EXAMPLES["GET /api/v1/me/calendar"] = Example(
    "Khamla S.'s personal calendar feed", caller=KHAMLA,
    response=_feed("Vb3kQ9sL2xWm7RzT0nYc4HdJ8pFa6GuE1iKoN5eXw_A"),
)
EXAMPLES["POST /api/v1/me/calendar/reset"] = Example(
    "A new secret feed address; the old one stops working at once", caller=KHAMLA,
    response=_feed("Ht6Ny1cR8vLq3ZsA9mWe0KbX5jDf2PgU7oIkT4rYl-Q"),
    status=201,
)
