"""Every organizer call of the speakers API: anonymous 401, participant 403, organizer succeeds."""

import pytest
from sqlalchemy import select

from lmevents.speakers.models import EventSpeaker, Speaker
from tests import factories
from tests.probes import ORGANIZERS_ONLY, PROBLEM

# (method, path, body, the organizer's status); {speaker} is filled from the `world` fixture.
ORGANIZER_CALLS = [
    ("GET", "/api/v1/speakers", None, 200),
    ("POST", "/api/v1/speakers", {"name_en": "New Speaker"}, 201),
    ("GET", "/api/v1/speakers/{speaker}", None, 200),
    ("PATCH", "/api/v1/speakers/{speaker}", {"country": "TH"}, 200),
    ("PUT", "/api/v1/events/test-event/speakers/{speaker}/invitation", {"state": "confirmed"},
     200),
]
IDS = [f"{method} {path}" for method, path, _, _ in ORGANIZER_CALLS]


@pytest.fixture
def world(dbs, event):
    return {"speaker": factories.make_speaker(dbs, email="ada@private.example.org").id}


@pytest.fixture
def snapshot(dbs):
    def take():
        dbs.expire_all()
        return (dbs.execute(select(Speaker.__table__)).all(),
                dbs.execute(select(EventSpeaker.__table__)).all())

    return take


def call(client, method, path, body, world, headers=None):
    return client.open(path.format(**world), method=method, json=body, headers=headers or {})


@pytest.mark.parametrize("method, path, body, _", ORGANIZER_CALLS, ids=IDS)
def test_anonymous_callers_get_401_and_change_nothing(client, world, snapshot,
                                                      method, path, body, _):
    before = snapshot()

    response = call(client, method, path, body, world)

    assert response.status_code == 401
    assert response.mimetype == PROBLEM
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="lmevents"'
    assert "ada@private.example.org" not in response.get_data(as_text=True)
    assert snapshot() == before


@pytest.mark.parametrize("method, path, body, _", ORGANIZER_CALLS, ids=IDS)
def test_participants_get_403_and_change_nothing(client, world, participant_headers, snapshot,
                                                 method, path, body, _):
    before = snapshot()

    response = call(client, method, path, body, world, participant_headers)

    assert response.status_code == 403
    assert response.mimetype == PROBLEM
    assert response.get_json()["detail"] in ORGANIZERS_ONLY
    assert "ada@private.example.org" not in response.get_data(as_text=True)
    assert snapshot() == before


@pytest.mark.parametrize("method, path, body, status", ORGANIZER_CALLS, ids=IDS)
def test_organizers_succeed(client, world, organizer_headers, method, path, body, status):
    response = call(client, method, path, body, world, organizer_headers)

    assert response.status_code == status, response.get_json()


def test_the_token_is_checked_before_the_body(client, world):
    response = client.post("/api/v1/speakers", data="{not json",
                           content_type="application/json")

    assert response.status_code == 401
