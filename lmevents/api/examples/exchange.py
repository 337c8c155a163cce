"""Chapter 7 of the story: the technical exchange: a need, a question, votes, a 1:1 meeting."""

from __future__ import annotations

from typing import Any

from lmevents.api.examples.records import (
    ENTERPRISE_C_NAME,
    ENTERPRISE_C_PRESENTATION,
    ENTERPRISE_C_TITLE,
    EXCHANGE_ROOM_DETAILS,
    EXCHANGE_TITLE,
    WATER_TOPIC_DESCRIPTION,
    WATER_TOPIC_TITLE,
    public,
)
from lmevents.api.examples.story import (
    ENTERPRISE_C,
    EXCHANGE_SESSION,
    FIRST_TIME,
    KHAMLA,
    KHAMLA_NEED,
    KHAMLA_QUESTION,
    LINH,
    MEETING,
    NEED_MEETING,
    ORGANIZER,
    SECOND_TIME,
    SLUG,
    WANG,
    WANGS_TIME,
    WATER_TOPIC,
    Example,
    Ref,
    demo,
    page,
)

EXAMPLES: dict[str, Example] = {}


# Pieces of this chapter's answers.

KHAMLA_NEED_SHOWN = {
    "id": KHAMLA_NEED, "topic_id": WATER_TOPIC, "country": "LA", "sector": "industrial wastewater",
    "description": "Small food-processing plants around Vientiane discharge untreated effluent "
                   "into tributaries of the Mekong. We look for compact treatment units for "
                   "plants of 20 to 100 workers, and for advice on monitoring them.",
    "visibility": "participants", "show_contact": True,
    "poster": {"name": "Khamla S.",
               "organization": "Ministry of Natural Resources and Environment, Lao PDR"},
    "own": True, "hidden": False, "created_at": "2020-11-19T09:20:00+08:00",
    "timezone": "Asia/Shanghai",
}
KHAMLA_QUESTION_SHOWN = {
    "id": KHAMLA_QUESTION, "presentation_id": ENTERPRISE_C,
    "text": "What does treating one cubic metre of effluent cost, and which parts of the unit "
            "can be built locally?",
    "created_at": "2020-11-19T09:30:00+08:00", "timezone": "Asia/Shanghai", "votes": 0,
    "voted": False, "mine": True, "answered": False, "answered_at": None, "hidden": False,
    "author": None,
}
MODERATED_QUESTION = {
    **KHAMLA_QUESTION_SHOWN, "mine": False, "answered": True,
    "answered_at": "2020-11-19T11:00:00+08:00", "author": KHAMLA_NEED_SHOWN["poster"],
}
KHAMLA_PARTY = {"id": KHAMLA.ref, "name": "Khamla S.",
                "organization": "Ministry of Natural Resources and Environment, Lao PDR"}
WANG_PARTY = {"id": WANG.ref, "name": "Wang L.", "organization": "Example Enterprise C (demo data)"}
MEETING_UID = "5d8e2f17-a3c4-4b69-8e0f-7a1b2c3d4e5f"


def _proposal(ref: Ref, day: int, hour: int, by: str, yours: bool) -> dict[str, Any]:
    return {"id": ref, "starts_at": f"2020-11-{day}T{hour}:00:00+08:00",
            "ends_at": f"2020-11-{day}T{hour}:45:00+08:00", "proposed_by": by,
            "yours_to_accept": yours}


def _meeting(role: str, *, wangs_time: bool = False, **changes: Any) -> dict[str, Any]:
    """Khamla S.'s request to meet Example Enterprise C, as `role` sees it."""
    recipient = role == "recipient"
    proposals = [_proposal(FIRST_TIME, 27, 10, "requester", recipient),
                 _proposal(SECOND_TIME, 27, 15, "requester", recipient)]
    if wangs_time:
        proposals.append(_proposal(WANGS_TIME, 30, 10, "recipient", not recipient))
    return {
        "id": MEETING, "event": SLUG, "uid": MEETING_UID, "status": "proposed", "role": role,
        "requester": KHAMLA_PARTY, "recipient": WANG_PARTY, "presentation_id": ENTERPRISE_C,
        "need_id": None,
        "message": "Our department is drafting effluent rules for food-processing plants "
                   "around Vientiane: could we talk about the treatment you presented?",
        "proposals": proposals, "starts_at": None, "ends_at": None, "timezone": "Asia/Shanghai",
        "join_url": None, "sequence": 0, "created_at": "2020-11-19T02:00:00+00:00",
        "updated_at": "2020-11-19T02:00:00+00:00", **changes,
    }


ACCEPTED = {"status": "accepted", "starts_at": "2020-11-30T10:00:00+08:00",
            "ends_at": "2020-11-30T10:45:00+08:00",
            "join_url": f"https://meet.jit.si/lmevents-{MEETING_UID}",
            "updated_at": "2020-11-19T07:00:00+00:00"}
NO_MEETINGS = {"requested": 0, "proposed": 0, "accepted": 0, "declined": 0, "cancelled": 0}

# 7. The technical exchange: a need, a question, votes, a 1:1 meeting.

EXAMPLES["POST /api/v1/events/{slug}/exchange/topics/{topic_id}/needs"] = Example(
    "Khamla S. posts a need, for participants' eyes, with her name", caller=KHAMLA,
    params=demo(topic_id=WATER_TOPIC),
    request={name: KHAMLA_NEED_SHOWN[name] for name in (
        "country", "sector", "description", "visibility", "show_contact")},
    response=KHAMLA_NEED_SHOWN,
    status=201,
)
EXAMPLES["GET /api/v1/events/{slug}/exchange"] = Example(
    "The exchange as a participant sees it (the water-pollution topic shown)", caller=KHAMLA,
    params=demo(),
    response={"timezone": "Asia/Shanghai", "sessions": [{
        "id": EXCHANGE_SESSION, "status": "scheduled", "title": EXCHANGE_TITLE,
        "title_text": EXCHANGE_TITLE["zh"], "starts_at": "2020-11-26T15:30:00+08:00",
        "ends_at": "2020-11-26T17:30:00+08:00", "timezone": "Asia/Shanghai",
        "room": public(EXCHANGE_ROOM_DETAILS), "url": page("sessions/8"),
        "topics": [{"id": WATER_TOPIC, "session_id": EXCHANGE_SESSION, "position": 2,
                    "title": WATER_TOPIC_TITLE, "title_text": WATER_TOPIC_TITLE["zh"],
                    "description": WATER_TOPIC_DESCRIPTION,
                    "presentations": [ENTERPRISE_C_PRESENTATION],
                    "needs": [KHAMLA_NEED_SHOWN]}],
    }]},
)
EXAMPLES["POST /api/v1/events/{slug}/exchange/presentations/{presentation_id}/questions"] = (
    Example(
        "Khamla S. asks Example Enterprise C a question", caller=KHAMLA,
        params=demo(presentation_id=ENTERPRISE_C),
        request={"text": KHAMLA_QUESTION_SHOWN["text"]},
        response=KHAMLA_QUESTION_SHOWN,
        status=201,
    ))
VOTED = {**KHAMLA_QUESTION_SHOWN, "votes": 1, "voted": True, "mine": False}
EXAMPLES["POST /api/v1/events/{slug}/exchange/questions/{question_id}/vote"] = Example(
    "Another participant upvotes the question", caller=LINH,
    params=demo(question_id=KHAMLA_QUESTION),
    response=VOTED,
    status=201,
)
EXAMPLES["GET /api/v1/events/{slug}/exchange/presentations/{presentation_id}/questions"] = Example(
    "The questions to Example Enterprise C, most votes first, as the voter sees them",
    caller=LINH, params=demo(presentation_id=ENTERPRISE_C),
    response=[VOTED],
)
EXAMPLES["DELETE /api/v1/events/{slug}/exchange/questions/{question_id}/vote"] = Example(
    "The vote is taken back", caller=LINH, params=demo(question_id=KHAMLA_QUESTION),
    status=204,
)
EXAMPLES["POST /api/v1/events/{slug}/exchange/questions/{question_id}/answered"] = Example(
    "An organizer marks the question answered (moderators see who asked)", caller=ORGANIZER,
    params=demo(question_id=KHAMLA_QUESTION),
    response=MODERATED_QUESTION,
)
EXAMPLES["POST /api/v1/events/{slug}/exchange/questions/{question_id}/hide"] = Example(
    "An organizer hides the question from everyone but the moderators", caller=ORGANIZER,
    params=demo(question_id=KHAMLA_QUESTION),
    response={**MODERATED_QUESTION, "hidden": True},
)
EXAMPLES["POST /api/v1/events/{slug}/exchange/questions/{question_id}/unhide"] = Example(
    "…and shows it again", caller=ORGANIZER, params=demo(question_id=KHAMLA_QUESTION),
    response=MODERATED_QUESTION,
)
EXAMPLES["POST /api/v1/events/{slug}/exchange/meetings"] = Example(
    "Khamla S. asks Example Enterprise C to meet, proposing two times (in Vientiane time; "
    "the answer gives them in the event's zone)",
    caller=KHAMLA, params=demo(),
    request={"presentation_id": ENTERPRISE_C,
             "times": [{"starts_at": "2020-11-27T09:00:00+07:00",
                        "ends_at": "2020-11-27T09:45:00+07:00"},
                       {"starts_at": "2020-11-27T14:00:00+07:00",
                        "ends_at": "2020-11-27T14:45:00+07:00"}],
             "message": _meeting("requester")["message"]},
    response=_meeting("requester"),
    status=201,
)
EXAMPLES["GET /api/v1/me/meetings"] = Example(
    "The enterprise's contact reads the request", caller=WANG,
    response=[_meeting("recipient")],
)
EXAMPLES["POST /api/v1/events/{slug}/exchange/meetings/{meeting_id}/proposals"] = Example(
    "The contact proposes another time", caller=WANG, params=demo(meeting_id=MEETING),
    request={"times": [{"starts_at": "2020-11-30T10:00:00+08:00",
                        "ends_at": "2020-11-30T10:45:00+08:00"}]},
    response=_meeting("recipient", wangs_time=True, updated_at="2020-11-19T06:00:00+00:00"),
    status=201,
)
ACCEPTED_MEETING = _meeting("requester", wangs_time=True, **ACCEPTED)
for _time in ACCEPTED_MEETING["proposals"]:
    _time["yours_to_accept"] = False  # nothing is left to accept
EXAMPLES["POST /api/v1/events/{slug}/exchange/meetings/{meeting_id}/accept"] = Example(
    "Khamla S. accepts it: the meeting gets its own join link", caller=KHAMLA,
    params=demo(meeting_id=MEETING),
    request={"proposal_id": WANGS_TIME},
    response=ACCEPTED_MEETING,
)
EXAMPLES["GET /api/v1/events/{slug}/exchange/meetings/{meeting_id}"] = Example(
    "The accepted meeting", caller=KHAMLA, params=demo(meeting_id=MEETING),
    response=ACCEPTED_MEETING,
)
EXAMPLES["POST /api/v1/events/{slug}/exchange/meetings/{meeting_id}/cancel"] = Example(
    "The contact cancels the meeting: both get the calendar cancellation", caller=WANG,
    params=demo(meeting_id=MEETING),
    response={**ACCEPTED_MEETING, "role": "recipient", "status": "cancelled", "join_url": None,
              "sequence": 1, "updated_at": "2020-11-20T01:00:00+00:00"},
)
EXAMPLES["POST /api/v1/events/{slug}/exchange/meetings/{meeting_id}/decline"] = Example(
    "Khamla S. declines another request: Wang L. asked to meet about her need",
    caller=KHAMLA, params=demo(meeting_id=NEED_MEETING),
    response={
        "id": NEED_MEETING, "event": SLUG, "uid": "0b7c9e2d-4f61-4a83-b5d2-8e1f3a6c9d04",
        "status": "declined", "role": "recipient", "requester": WANG_PARTY,
        "recipient": KHAMLA_PARTY, "presentation_id": None, "need_id": KHAMLA_NEED,
        "message": "We built compact units for food-processing plants in Yunnan; shall we talk?",
        "proposals": [{"id": 4, "starts_at": "2020-11-27T16:00:00+08:00",
                       "ends_at": "2020-11-27T16:45:00+08:00", "proposed_by": "requester",
                       "yours_to_accept": False}],
        "starts_at": None, "ends_at": None, "timezone": "Asia/Shanghai", "join_url": None,
        "sequence": 0, "created_at": "2020-11-19T08:00:00+00:00",
        "updated_at": "2020-11-20T02:00:00+00:00"},
)
EXAMPLES["GET /api/v1/events/{slug}/exchange/matchmaking"] = Example(
    "The organizers' matchmaking overview (Example Enterprise C's line shown)",
    caller=ORGANIZER, params=demo(),
    response={
        "totals": {**NO_MEETINGS, "requested": 2, "declined": 1, "cancelled": 1},
        "needs_met": 0, "companies_asked": 1,
        "needs": [{"need_id": KHAMLA_NEED, "topic_id": WATER_TOPIC, "topic": WATER_TOPIC_TITLE,
                   "country": "LA", "sector": "industrial wastewater", "hidden": False,
                   "meetings": {**NO_MEETINGS, "requested": 1, "declined": 1}}],
        "presentations": [{"presentation_id": ENTERPRISE_C, "topic_id": WATER_TOPIC,
                           "enterprise": ENTERPRISE_C_NAME, "title": ENTERPRISE_C_TITLE,
                           "has_contact": True,
                           "meetings": {**NO_MEETINGS, "requested": 1, "cancelled": 1}}],
    },
)
EXAMPLES["POST /api/v1/events/{slug}/exchange/needs/{need_id}/hide"] = Example(
    "An organizer hides the need: from then on only organizers see it", caller=ORGANIZER,
    params=demo(need_id=KHAMLA_NEED),
    response={**KHAMLA_NEED_SHOWN, "own": False, "hidden": True},
)
EXAMPLES["DELETE /api/v1/events/{slug}/exchange/needs/{need_id}"] = Example(
    "Khamla S. withdraws the need", caller=KHAMLA, params=demo(need_id=KHAMLA_NEED),
    status=204,
)
