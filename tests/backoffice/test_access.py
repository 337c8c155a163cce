"""Every back-office page is for organizers only: anonymous users sign in, others get 403."""

from __future__ import annotations

import pytest

from lmevents.events.models import Event
from tests.probes import fresh

E = "/manage/events/{slug}"
S = E + "/sessions/{session}"
ROUTES = [
    ("GET", "/manage/"),
    ("GET", "/manage/mail"),
    ("GET", "/manage/events/new"),
    ("POST", "/manage/events/new"),
    ("GET", E + "/edit"),
    ("POST", E + "/edit"),
    ("POST", E + "/publish"),
    ("POST", E + "/unpublish"),
    ("GET", E + "/hosts"),
    ("POST", E + "/hosts"),
    ("GET", E + "/contact"),
    ("POST", E + "/contact"),
    ("GET", E + "/rooms"),
    ("POST", E + "/rooms"),
    ("GET", E + "/rooms/{room}/edit"),
    ("POST", E + "/rooms/{room}/edit"),
    ("POST", E + "/rooms/{room}/delete"),
    ("GET", E + "/sessions"),
    ("GET", E + "/sessions/new"),
    ("POST", E + "/sessions/new"),
    ("GET", S + "/edit"),
    ("POST", S + "/edit"),
    ("POST", S + "/cancel"),
    ("POST", S + "/restore"),
    ("GET", S + "/speakers"),
    ("POST", S + "/speakers"),
    ("POST", S + "/speakers/{speaker}/remove"),
    ("POST", S + "/speakers/{speaker}/up"),
    ("POST", S + "/speakers/{speaker}/down"),
    ("GET", S + "/changes"),
    ("GET", E + "/subforums"),
    ("GET", E + "/subforums/new"),
    ("POST", E + "/subforums/new"),
    ("GET", E + "/subforums/{subforum}/edit"),
    ("POST", E + "/subforums/{subforum}/edit"),
    ("POST", E + "/subforums/{subforum}/delete"),
    ("GET", "/manage/speakers"),
    ("GET", "/manage/speakers/new"),
    ("POST", "/manage/speakers/new"),
    ("GET", "/manage/speakers/{speaker}/edit"),
    ("POST", "/manage/speakers/{speaker}/edit"),
    ("GET", "/manage/speakers/import"),
    ("POST", "/manage/speakers/import"),
    ("GET", "/manage/speakers/{speaker}/merge"),
    ("POST", "/manage/speakers/{speaker}/merge"),
    ("POST", "/manage/speakers/{speaker}/photo/remove"),
    ("GET", E + "/speakers"),
    ("POST", E + "/speakers"),
    ("POST", E + "/speakers/{speaker}/invitation"),
    ("POST", E + "/speakers/{speaker}/invitation/remove"),
    ("GET", E + "/registrations"),
    ("GET", E + "/registrations.csv"),
    ("POST", E + "/registrations/{registration}/approve"),
    ("POST", E + "/registrations/{registration}/reject"),
    ("GET", E + "/subforums/{subforum}/registrations"),
    ("GET", E + "/registration-questions"),
    ("POST", E + "/registration-questions"),
    ("GET", E + "/registration-questions/{question}/edit"),
    ("POST", E + "/registration-questions/{question}/edit"),
    ("POST", E + "/registration-questions/{question}/delete"),
    ("POST", E + "/registration-questions/{question}/move"),
    ("GET", E + "/exchange"),
    ("POST", E + "/exchange"),
    ("GET", E + "/exchange/topics/{topic}/edit"),
    ("POST", E + "/exchange/topics/{topic}/edit"),
    ("POST", E + "/exchange/topics/{topic}/delete"),
    ("POST", E + "/exchange/topics/{topic}/move"),
    ("GET", E + "/exchange/topics/{topic}/presentations/new"),
    ("POST", E + "/exchange/topics/{topic}/presentations/new"),
    ("GET", E + "/exchange/presentations/{presentation}/edit"),
    ("POST", E + "/exchange/presentations/{presentation}/edit"),
    ("POST", E + "/exchange/presentations/{presentation}/delete"),
    ("POST", E + "/exchange/presentations/{presentation}/move"),
    ("POST", E + "/exchange/needs/{need}/hide"),
    ("POST", E + "/exchange/needs/{need}/restore"),
    ("GET", E + "/team"),
    ("POST", E + "/team"),
    ("POST", E + "/team/{member}/role"),
    ("POST", E + "/team/{member}/remove"),
    ("GET", E + "/audit"),
    ("GET", E + "/translations"),
    ("GET", E + "/webhooks"),
    ("POST", E + "/webhooks"),
    ("GET", E + "/webhooks/{webhook}"),
    ("POST", E + "/webhooks/{webhook}"),
    ("POST", E + "/webhooks/{webhook}/ping"),
    ("POST", E + "/webhooks/{webhook}/secret"),
    ("POST", E + "/webhooks/{webhook}/delete"),
    ("POST", E + "/webhooks/{webhook}/deliveries/{delivery}/retry"),
    ("GET", E + "/attendance"),
    ("GET", E + "/running-late"),
    ("POST", E + "/running-late"),
    ("GET", E + "/attendance.csv"),
    ("GET", "/manage/audit"),
]


def _url(template: str, programme) -> str:
    return template.format(
        slug=programme.event.slug, room=programme.room.id, session=programme.session.id,
        subforum=programme.subforum.id, speaker=programme.speaker.id,
        # Access is decided before any lookup: any id serves.
        registration=1, question=1, topic=1, presentation=1, need=1, member=1, webhook=1,
        delivery=1,
    )


def _request(client, method, url):
    return client.open(url, method=method, data={"title_en": "changed", "slug": "changed"})


@pytest.mark.parametrize(("method", "route"), ROUTES)
def test_anonymous_visitor_is_sent_to_sign_in(client, dbs, programme, method, route):
    response = _request(client, method, _url(route, programme))

    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]
    assert fresh(dbs, Event, programme.event.id).published


@pytest.mark.parametrize(("method", "route"), ROUTES)
def test_participant_is_refused(client, auth, participant, dbs, programme, method, route):
    auth.login("participant@example.org")

    response = _request(client, method, _url(route, programme))

    assert response.status_code == 403
    page = response.get_data(as_text=True)
    assert ("for the event&#39;s organizers" in page or "for the organizers of this event" in page
            or "for administrators" in page)
    assert fresh(dbs, Event, programme.event.id).published


def test_every_back_office_route_is_in_the_list(app):
    listed = {route.replace("{slug}", "<slug:slug>") for _method, route in ROUTES}
    registered = {rule.rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/manage")}
    normalised = {
        rule.replace("<id:room_id>", "{room}").replace("<id:session_id>", "{session}")
        .replace("<id:subforum_id>", "{subforum}").replace("<id:speaker_id>", "{speaker}")
        .replace("<any(up, down):direction>", "up")
        .replace("<id:registration_id>", "{registration}").replace("<id:question_id>", "{question}")
        .replace("<id:topic_id>", "{topic}").replace("<id:presentation_id>", "{presentation}")
        .replace("<id:need_id>", "{need}").replace("<id:member_id>", "{member}")
        .replace("<id:webhook_id>", "{webhook}").replace("<id:delivery_id>", "{delivery}")
        for rule in registered
    }
    assert normalised <= listed


def test_organizer_gets_404_for_an_unknown_event(client, signed_in):
    response = client.get("/manage/events/no-such-event/sessions")

    assert response.status_code == 404
    assert "No event &#39;no-such-event&#39;." in response.get_data(as_text=True)
