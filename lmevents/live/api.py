"""JSON API of the live day: who joined each session, for the event's organizers."""

from __future__ import annotations

from dataclasses import asdict

from flask.views import MethodView

from lmevents.api import ApiBlueprint
from lmevents.api.auth import api_user, organizers_only
from lmevents.api.checked import checked_with
from lmevents.core.models import utcnow
from lmevents.core.text import public_url
from lmevents.events.services import get_event
from lmevents.extensions import db
from lmevents.live.attendance import NO_ANSWER, SessionAttendance, attendance, breakdown_question
from lmevents.live.late import check_late, delays_now, run_late
from lmevents.live.now import joinable, live_state, opens_at
from lmevents.live.schemas import (
    AttendanceQuery,
    AttendanceSchema,
    LateInputSchema,
    LateSchema,
    LiveSchema,
)

blp = ApiBlueprint("live_api", __name__,
                   description="the live day: now and next, running late, attendance")


def _shown(row: SessionAttendance, question) -> dict:
    session = row.session
    return {
        "session_id": session.id, "starts_at": session.starts_at, "ends_at": session.ends_at,
        "title": {"zh": session.title_zh, "en": session.title_en}, **asdict(row.total),
        "by_country": [{"country": code, **asdict(counts)}
                       for code, counts in row.by_country.items()],
        "by_answer": [{"answer": None if value == NO_ANSWER else int(value),
                       "label": None if value == NO_ANSWER else question.options[int(value)],
                       **asdict(counts)} for value, counts in row.by_answer.items()],
        "by_listening": [{"language": code, "heard": row.heard(code), **asdict(counts)}
                         for code, counts in row.by_listening.items()],
    }


@blp.route("/events/<slug:slug>/live")
class LiveNow(MethodView):
    @blp.response(200, LiveSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, slug):
        """What is on now and what comes next. The answer changes only when a session
        starts or ends, or the programme changes: poll it with `If-None-Match` (a 304
        while nothing changed) and count down to `starts_at` and `ends_at` on the client."""
        event = get_event(db.session, slug)
        now = utcnow()
        state = live_state(db.session, event, now)
        return {"on_now": [_live(s) for s in state.on_now],
                "up_next": [_live(s) for s in state.up_next],
                "delays": delays_now(db.session, event, now)}


def _live(session) -> dict:
    room = joinable(session)
    return {
        "id": session.id, "kind": session.kind.value,
        "title": {"zh": session.title_zh, "en": session.title_en},
        "starts_at": session.starts_at, "ends_at": session.ends_at,
        "subforum": session.subforum, "meeting_room": session.meeting_room,
        "join_url": public_url("live.join_session", slug=session.event.slug,
                               session_id=session.id) if room else None,
        "join_opens_at": opens_at(session) if room else None,
        "page_url": public_url("agenda.session_page", slug=session.event.slug,
                               session_id=session.id),
    }


@blp.route("/events/<slug:slug>/attendance")
class Attendance(MethodView):
    @organizers_only(blp)
    @blp.arguments(AttendanceQuery, location="query")
    @blp.response(200, AttendanceSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, query, slug):
        """Each session with a room to join (not breaks, not cancelled sessions), in programme
        order: how many joined through lmevents (each person once, at their first join),
        beside how many held a seat where the session takes one and how many are
        registered; in all, by country and by the answer to a choice question of the
        registration form."""
        event = get_event(db.session, slug, published_only=False)
        question = breakdown_question(db.session, event, query.get("question_id"))
        return {"question": question,
                "sessions": [_shown(row, question)
                             for row in attendance(db.session, event, question)]}


@blp.route("/events/<slug:slug>/running-late")
class RunningLateNow(MethodView):
    @organizers_only(blp)
    @checked_with(lambda values, slug: check_late(values.get("minutes", 1),
                                                  values.get("room_id"),
                                                  values.get("subforum_id")))
    @blp.arguments(LateInputSchema)
    @blp.response(201, LateSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def post(self, data, slug):
        """A room or a sub-forum is running late: every session there that has not ended
        today moves `minutes` later (the one under way ends later, the following ones start
        and end later), each through the programme's rules. When one cannot move, the 409
        names it and its clash (`session_id`), and nothing moves. Each participant holding a
        seat there gets one e-mail with their new times; the live page shows the delay."""
        event = get_event(db.session, slug, published_only=False)
        late = run_late(db.session, event, data["minutes"], room_id=data.get("room_id"),
                        subforum_id=data.get("subforum_id"), by=api_user())
        db.session.commit()
        return {"delay": late.record, "moved": [s.id for s in late.moved], "told": late.told}
