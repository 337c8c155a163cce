"""Every organizer call: anonymous 401, participant 403, organizer succeeds."""

import pytest

from lmevents.agenda.services import cancel_session
from lmevents.webhooks.subscriptions import WebhookInput, create_webhook, ping
from tests import factories
from tests.factories import at
from tests.probes import PROBLEM

EVENT = "/api/v1/events/test-event"
# (method, path, body, the organizer's status); {names} are filled from the `world` fixture.
ORGANIZER_CALLS = [
    ("POST", "/api/v1/events", {"slug": "new-event", "timezone": "UTC", "title_en": "New",
                                "start_date": "2021-01-01", "end_date": "2021-01-01"}, 201),
    ("PATCH", EVENT, {"theme_en": "Rivers"}, 200),
    ("DELETE", "/api/v1/events/draft", None, 204),
    ("GET", EVENT + "/rooms", None, 200),
    ("POST", EVENT + "/rooms", {"name_en": "Side room", "platform": "webex"}, 201),
    ("PATCH", EVENT + "/rooms/{spare_room}", {"passcode": "1234"}, 200),
    ("DELETE", EVENT + "/rooms/{spare_room}", None, 204),
    ("POST", EVENT + "/sessions", {"kind": "break", "title_en": "Tea",
                                   "starts_at": "2020-11-26T15:00:00+08:00",
                                   "ends_at": "2020-11-26T15:20:00+08:00"}, 201),
    ("PATCH", EVENT + "/sessions/{session}", {"title_en": "Renamed"}, 200),
    ("DELETE", EVENT + "/sessions/{session}", None, 200),
    ("POST", EVENT + "/sessions/{cancelled}/restore", None, 200),
    ("GET", EVENT + "/sessions/{session}/changes", None, 200),
    ("POST", EVENT + "/subforums", {"code": "B", "title_en": "Energy"}, 201),
    ("PATCH", EVENT + "/subforums/{subforum}", {"capacity": 12}, 200),
    ("DELETE", EVENT + "/subforums/{subforum}", None, 204),
    ("GET", EVENT + "/team", None, 200),
    ("POST", EVENT + "/team", {"email": "colleague@example.org"}, 201),
    ("PATCH", EVENT + "/team/{editor}", {"role": "owner"}, 200),
    ("DELETE", EVENT + "/team/{editor}", None, 204),
    ("GET", EVENT + "/audit", None, 200),
    ("GET", EVENT + "/webhooks", None, 200),
    ("GET", EVENT + "/attendance", None, 200),
    # The test event is past: the rules answer (nothing left today in the room) once the
    # organizer is let in.
    ("POST", EVENT + "/running-late", {"minutes": 5, "room_id": "{spare_room}"}, 409),
    ("POST", EVENT + "/webhooks", {"url": "https://crm.example.org/hooks"}, 201),
    ("GET", EVENT + "/webhooks/{webhook}", None, 200),
    ("PATCH", EVENT + "/webhooks/{webhook}", {"active": False}, 200),
    ("DELETE", EVENT + "/webhooks/{webhook}", None, 204),
    ("POST", EVENT + "/webhooks/{webhook}/secret", None, 200),
    ("POST", EVENT + "/webhooks/{webhook}/ping", None, 202),
    ("GET", EVENT + "/webhooks/{webhook}/deliveries", None, 200),
    ("GET", EVENT + "/webhooks/{webhook}/deliveries/{delivery}", None, 200),
    ("POST", EVENT + "/webhooks/{webhook}/deliveries/{delivery}/retry", None, 200),
]
IDS = [f"{method} {path}" for method, path, _, _ in ORGANIZER_CALLS]


@pytest.fixture
def world(dbs, event):
    factories.make_event(dbs, slug="draft", published=False)
    room = factories.make_room(dbs, event)
    spare = factories.make_room(dbs, event, name_en="Spare")
    session = factories.make_session(dbs, event, at(9), at(10), room_id=room.id)
    cancelled = factories.make_session(dbs, event, at(11), at(12), room_id=room.id)
    cancel_session(dbs, cancelled)
    dbs.commit()
    forum = factories.make_subforum(dbs, event)
    factories.make_user(dbs, "colleague@example.org")
    editor = factories.make_user(dbs, "editor@example.org")
    factories.add_to_team(dbs, event, editor, role="editor")
    (member,) = [m for m in event.team if m.user_id == editor.id]
    hook = create_webhook(dbs, event, WebhookInput(url="https://crm.example.org/hooks"))
    delivery = ping(dbs, event, hook)
    delivery.failed_at = delivery.created_at  # given up: it may be sent again
    dbs.commit()
    return {"spare_room": spare.id, "session": session.id, "cancelled": cancelled.id,
            "subforum": forum.id, "editor": member.id, "webhook": hook.id,
            "delivery": delivery.id}


def call(client, method, path, body, world, headers=None):
    """The call, its path's and its body's "{name}" values taken from `world`."""
    if isinstance(body, dict):
        body = {key: world[value[1:-1]] if isinstance(value, str) and value.startswith("{")
                else value for key, value in body.items()}
    return client.open(path.format(**world), method=method, json=body, headers=headers or {})


@pytest.mark.parametrize("method, path, body, _", ORGANIZER_CALLS, ids=IDS)
def test_anonymous_callers_get_401_and_change_nothing(client, world, snapshot,
                                                      method, path, body, _):
    before = snapshot()

    response = call(client, method, path, body, world)

    assert response.status_code == 401
    assert response.mimetype == PROBLEM
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="lmevents"'
    assert response.get_json()["status"] == 401
    assert snapshot() == before


@pytest.mark.parametrize("method, path, body, _", ORGANIZER_CALLS, ids=IDS)
def test_participants_get_403_and_change_nothing(client, world, participant_headers, snapshot,
                                                 method, path, body, _):
    before = snapshot()

    response = call(client, method, path, body, world, participant_headers)

    assert response.status_code == 403
    assert response.mimetype == PROBLEM
    assert response.get_json()["detail"] == (
        "Only this event's organizers may do this." if path.startswith(EVENT)
        or path.startswith("/api/v1/events/draft") else "Only organizers may do this.")
    assert snapshot() == before


# Calls on one event: its team's, not every organizer's.
EVENT_CALLS = [c for c in ORGANIZER_CALLS if c[1].startswith((EVENT, "/api/v1/events/draft"))]


@pytest.mark.parametrize("method, path, body, _", EVENT_CALLS,
                         ids=[f"{m} {p}" for m, p, _, _ in EVENT_CALLS])
def test_organizers_of_another_event_get_403_and_change_nothing(
    client, dbs, world, api_token, snapshot, method, path, body, _
):
    factories.make_user(dbs, "elsewhere@example.org", role="organizer")
    headers = api_token("elsewhere@example.org")
    before = snapshot()

    response = call(client, method, path, body, world, headers)

    assert response.status_code == 403
    assert response.get_json()["detail"] == "Only this event's organizers may do this."
    assert snapshot() == before


@pytest.mark.parametrize("method, path, body, status", ORGANIZER_CALLS, ids=IDS)
def test_organizers_succeed(client, world, organizer_headers, method, path, body, status):
    response = call(client, method, path, body, world, organizer_headers)

    assert response.status_code == status, response.get_json()


def test_the_token_is_checked_before_the_body(client, world):
    response = client.post(EVENT + "/sessions", data="{not json",
                           content_type="application/json")

    assert response.status_code == 401
