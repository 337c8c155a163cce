"""Organizers record where each speaker's invitation stands; the public sees the confirmed."""

import pytest
from sqlalchemy import select

from lmevents.agenda.models import SpeakerRole
from lmevents.agenda.services import SpeakerEntry
from lmevents.speakers.models import EventSpeaker, InvitationState
from tests import factories
from tests.probes import PROBLEM


@pytest.fixture
def speaker(dbs, event):
    """A panelist of the test event whose invitation nobody has tracked yet."""
    speaker = factories.make_speaker(dbs, "Ada Panelist")
    factories.make_session(dbs, event, speakers=[SpeakerEntry(speaker.id, SpeakerRole.PANELIST)])
    return speaker


def invite(client, headers, speaker_id, state, slug="test-event"):
    return client.put(f"/api/v1/events/{slug}/speakers/{speaker_id}/invitation",
                      json={"state": state}, headers=headers)


def public_ids(client) -> list[int]:
    return [s["id"] for s in client.get("/api/v1/events/test-event/speakers").get_json()]


def stored_states(dbs) -> list[tuple]:
    dbs.expire_all()
    return dbs.execute(select(EventSpeaker.event_id, EventSpeaker.speaker_id,
                              EventSpeaker.state)).all()


def test_an_invited_speaker_is_hidden_until_confirmed(client, dbs, event, speaker,
                                                      organizer_headers):
    response = invite(client, organizer_headers, speaker.id, "invited")

    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert (body["event"], body["speaker_id"], body["state"]) == (
        "test-event", speaker.id, "invited")
    assert body["updated_at"]
    assert public_ids(client) == []
    assert client.get(f"/api/v1/events/test-event/speakers/{speaker.id}").status_code == 404

    assert invite(client, organizer_headers, speaker.id, "confirmed").status_code == 200

    assert public_ids(client) == [speaker.id]
    assert stored_states(dbs) == [(event.id, speaker.id, InvitationState.CONFIRMED)]


def test_a_declined_speaker_leaves_the_public_list(client, speaker, organizer_headers):
    assert public_ids(client) == [speaker.id]

    response = invite(client, organizer_headers, speaker.id, "declined")

    assert response.get_json()["state"] == "declined"
    assert public_ids(client) == []


def test_the_registry_shows_each_events_invitation(client, dbs, event, speaker,
                                                   organizer_headers):
    factories.make_event(dbs, slug="draft", published=False)
    invite(client, organizer_headers, speaker.id, "confirmed")
    invite(client, organizer_headers, speaker.id, "invited", slug="draft")

    entry = client.get(f"/api/v1/speakers/{speaker.id}", headers=organizer_headers).get_json()

    assert sorted((i["event"], i["state"]) for i in entry["invitations"]) == [
        ("draft", "invited"), ("test-event", "confirmed")]


@pytest.mark.parametrize("slug, speaker_id", [("nowhere", None), ("test-event", 4242)])
def test_an_unknown_event_or_speaker_is_a_404(client, dbs, speaker, organizer_headers,
                                              slug, speaker_id):
    response = invite(client, organizer_headers, speaker_id or speaker.id, "invited", slug)

    assert response.status_code == 404
    assert response.mimetype == PROBLEM
    assert stored_states(dbs) == []


@pytest.mark.parametrize("body, field, words", [
    ({"state": "maybe"}, "state", "Must be one of"),
    ({"state": None}, "state", "may not be null"),
    ({}, "state", "Missing data"),
    ({"state": "invited", "note": "x"}, "note", "Unknown field"),
])
def test_a_bad_state_is_a_422_naming_the_field(client, dbs, speaker, organizer_headers,
                                               body, field, words):
    response = client.put(f"/api/v1/events/test-event/speakers/{speaker.id}/invitation",
                          json=body, headers=organizer_headers)

    assert response.status_code == 422
    assert response.mimetype == PROBLEM
    assert words in response.get_json()["errors"][field]
    assert stored_states(dbs) == []
