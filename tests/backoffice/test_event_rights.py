"""Per-event organizer rights: an event's team (owners, editors) and the administrators change
it; an organizer of another event changes nothing, on any page or API call.

The organizer role used to be global: any organizer could change any event. The routes below
are read from the app itself, so a new organizer route is tested the day it is added, and a
new write route that is neither for organizers nor listed as a participant's action fails
`test_every_write_route_is_for_organizers_or_a_known_participant_action`.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from lmevents import create_app
from lmevents.agenda.models import SessionSpeaker, SpeakerRole
from lmevents.events.models import AuditEntry, EventOrganizer, TeamRole
from tests import factories
from tests.probes import ORGANIZERS_ONLY, PROBLEM, count

INTRUDER = "elsewhere-organizer@example.org"
# Writes that participants make about themselves; the services decide (moderation by the
# event's team or the session's chairs, a need's author...), tested in their areas.
PARTICIPANT_WRITES = {
    ("POST", "/api/v1/events/<slug:slug>/exchange/meetings"),
    ("POST", "/api/v1/events/<slug:slug>/exchange/meetings/<id:meeting_id>/accept"),
    ("POST", "/api/v1/events/<slug:slug>/exchange/meetings/<id:meeting_id>/cancel"),
    ("POST", "/api/v1/events/<slug:slug>/exchange/meetings/<id:meeting_id>/decline"),
    ("POST", "/api/v1/events/<slug:slug>/exchange/meetings/<id:meeting_id>/proposals"),
    ("DELETE", "/api/v1/events/<slug:slug>/exchange/needs/<id:need_id>"),
    ("POST", "/api/v1/events/<slug:slug>/exchange/presentations/<id:presentation_id>/questions"),
    ("POST", "/api/v1/events/<slug:slug>/exchange/questions/<id:question_id>/answered"),
    ("POST", "/api/v1/events/<slug:slug>/exchange/questions/<id:question_id>/hide"),
    ("POST", "/api/v1/events/<slug:slug>/exchange/questions/<id:question_id>/unhide"),
    ("DELETE", "/api/v1/events/<slug:slug>/exchange/questions/<id:question_id>/vote"),
    ("POST", "/api/v1/events/<slug:slug>/exchange/questions/<id:question_id>/vote"),
    ("POST", "/api/v1/events/<slug:slug>/exchange/topics/<id:topic_id>/needs"),
    ("POST", "/api/v1/events/<slug:slug>/registrations"),
    ("DELETE", "/api/v1/events/<slug:slug>/registrations/me"),
    ("PATCH", "/api/v1/events/<slug:slug>/registrations/me"),
    ("POST", "/api/v1/events/<slug:slug>/sessions/<id:session_id>/seats"),
    ("DELETE", "/api/v1/events/<slug:slug>/sessions/<id:session_id>/seats/me"),
    ("POST", "/api/v1/events/<slug:slug>/subforums/<id:subforum_id>/seats"),
    ("DELETE", "/api/v1/events/<slug:slug>/subforums/<id:subforum_id>/seats/me"),
    ("POST", "/events/<slug:slug>/exchange/meetings/new"),
    ("POST", "/events/<slug:slug>/reminders"),
    ("POST", "/events/<slug:slug>/exchange/needs"),
    ("POST", "/events/<slug:slug>/exchange/needs/<id:need_id>/withdraw"),
    ("POST", "/events/<slug:slug>/exchange/presentations/<id:presentation_id>/questions"),
    ("POST", "/events/<slug:slug>/exchange/questions/<id:question_id>/answered"),
    ("POST", "/events/<slug:slug>/exchange/questions/<id:question_id>/hide"),
    ("POST", "/events/<slug:slug>/exchange/questions/<id:question_id>/unhide"),
    ("POST", "/events/<slug:slug>/exchange/questions/<id:question_id>/unvote"),
    ("POST", "/events/<slug:slug>/exchange/questions/<id:question_id>/vote"),
    ("POST", "/events/<slug:slug>/register"),
    ("POST", "/events/<slug:slug>/register/cancel"),
    ("POST", "/events/<slug:slug>/sessions/<id:session_id>/seat"),
    ("POST", "/events/<slug:slug>/sessions/<id:session_id>/seat/release"),
    ("POST", "/events/<slug:slug>/subforums/<id:subforum_id>/seat"),
    ("POST", "/events/<slug:slug>/subforums/<id:subforum_id>/seat/release"),
}


def _routes():
    """(method, rule, endpoint, guard) of every route, guard being 'organizers' (what the URL
    names is for its organizers), 'administrators' or None."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "TESTING": True})
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        view = app.view_functions[rule.endpoint]
        view_class = getattr(view, "view_class", None)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            function = getattr(view_class, method.lower(), None) if view_class else view
            guard = ("organizers" if getattr(function, "for_organizers", False)
                     else "administrators" if getattr(function, "for_administrators", False)
                     else None)
            yield method, rule.rule, rule.endpoint, guard


ROUTES = list(_routes())
# What an organizer of another event must not reach: every route naming an event or a
# speaker, readers included (registrations hold personal data).
GUARDED = [(method, rule, endpoint) for method, rule, endpoint, guard in ROUTES
           if guard == "organizers" and ("<slug:slug>" in rule or "<id:speaker_id>" in rule)]
GUARDED_IDS = [f"{method} {rule}" for method, rule, _ in GUARDED]


def test_every_write_route_is_for_organizers_or_a_known_participant_action():
    unguarded = {(method, rule) for method, rule, _, guard in ROUTES
                 if guard is None and method != "GET"
                 and ("<slug:slug>" in rule or "<id:speaker_id>" in rule)}
    assert unguarded == PARTICIPANT_WRITES
    assert len(GUARDED) >= 97  # none lost its guard


@pytest.fixture
def world(dbs, programme, organizer):
    """The test event (owned by organizer@example.org) with a speaker on its programme, and
    an organizer who owns another event."""
    dbs.add(SessionSpeaker(session_id=programme.session.id, speaker_id=programme.speaker.id,
                           role=SpeakerRole.KEYNOTE, position=0))
    intruder = factories.make_user(dbs, INTRUDER, role="organizer")
    factories.add_to_team(dbs, factories.make_event(dbs, slug="their-event"), intruder)
    dbs.commit()
    return programme


def _url(app, endpoint, rule, programme) -> str:
    values = {}
    for name in app.url_map._rules_by_endpoint[endpoint][0].arguments:
        values[name] = {"slug": programme.event.slug, "speaker_id": programme.speaker.id,
                        "session_id": programme.session.id, "room_id": programme.room.id,
                        "subforum_id": programme.subforum.id, "direction": "up"}.get(name, 1)
    with app.test_request_context():
        from flask import url_for
        return url_for(endpoint, **values)


@pytest.mark.parametrize(("method", "rule", "endpoint"), GUARDED, ids=GUARDED_IDS)
def test_an_organizer_of_another_event_is_refused(app, client, dbs, world, snapshot,
                                                  api_token, method, rule, endpoint):
    url = _url(app, endpoint, rule, world)
    before = snapshot()
    if rule.startswith("/api/"):
        response = client.open(url, method=method, json={"title_en": "Taken"},
                               headers=api_token(INTRUDER))
        assert response.status_code == 403, response.get_data(as_text=True)
        assert response.mimetype == PROBLEM
        assert response.get_json()["detail"] in ORGANIZERS_ONLY
    else:
        client.post("/auth/login", data={"email": INTRUDER, "password": factories.PASSWORD})
        response = client.open(url, method=method, data={"title_en": "Taken", "slug": "taken"})
        assert response.status_code == 403, response.get_data(as_text=True)
        assert "organizers" in response.get_data(as_text=True)
    assert snapshot() == before
    assert count(dbs, AuditEntry) == 0


def test_the_back_office_lists_only_the_events_one_organizes(client, dbs, world):
    client.post("/auth/login", data={"email": INTRUDER, "password": factories.PASSWORD})
    page = client.get("/manage/").get_data(as_text=True)
    assert "/manage/events/their-event/" in page
    assert "/manage/events/test-event/" not in page


def test_an_editor_changes_the_event_and_an_administrator_every_event(client, dbs, world,
                                                                       api_token):
    editor = factories.make_user(dbs, "editor@example.org", role="participant")
    factories.add_to_team(dbs, world.event, editor, role="editor")
    factories.make_user(dbs, "admin@example.org", role="admin")
    for who, title in (("editor@example.org", "By the editor"),
                       ("admin@example.org", "By the administrator")):
        response = client.patch(f"/api/v1/events/{world.event.slug}", json={"title_en": title},
                                headers=api_token(who))
        assert response.status_code == 200, response.get_json()
        assert response.get_json()["title"]["en"] == title
    # An editor who is a participant otherwise creates no events.
    refused = client.post("/api/v1/events", headers=api_token("editor@example.org"), json={
        "slug": "mine", "timezone": "UTC", "title_en": "Mine", "start_date": "2021-01-01",
        "end_date": "2021-01-01"})
    assert refused.status_code == 403


def test_whoever_creates_an_event_owns_it(client, dbs, organizer, api_token):
    response = client.post("/api/v1/events", headers=api_token(), json={
        "slug": "new-event", "timezone": "UTC", "title_en": "New", "start_date": "2021-01-01",
        "end_date": "2021-01-01"})
    assert response.status_code == 201
    team = dbs.execute(select(EventOrganizer.user_id, EventOrganizer.role)).all()
    assert team == [(organizer.id, TeamRole.OWNER)]
