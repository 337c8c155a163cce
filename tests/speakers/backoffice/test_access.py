"""The registry's back-office pages are for organizers only, and their POSTs need the token."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pytest

from lmevents.agenda.models import SpeakerRole
from lmevents.agenda.services import SpeakerEntry
from lmevents.speakers.models import EventSpeaker, InvitationState, Speaker, SpeakerPhoto
from lmevents.speakers.photos import set_speaker_photo
from lmevents.speakers.services import set_invitation
from tests import factories
from tests.probes import count, csrf_token, text
from tests.speakers.backoffice.conftest import image_bytes

E = "/manage/events/{slug}/speakers"
ROUTES = [
    ("GET", "/manage/speakers/{keep}/merge"),
    ("POST", "/manage/speakers/{keep}/merge"),
    ("POST", "/manage/speakers/{keep}/photo/remove"),
    ("GET", "/manage/speakers/import"),
    ("POST", "/manage/speakers/import"),
    ("GET", E),
    ("POST", E),
    ("POST", E + "/{keep}/invitation"),
    ("POST", E + "/{keep}/invitation/remove"),
]
CSV = "name_en\nIntruder\n"


@dataclass
class World:
    slug: str
    keep: int
    drop: int


@pytest.fixture
def world(dbs) -> World:
    event = factories.make_event(dbs)
    keep = factories.make_speaker(dbs, "Keep")
    drop = factories.make_speaker(dbs, "Drop")
    factories.make_session(dbs, event, speakers=[SpeakerEntry(drop.id, SpeakerRole.KEYNOTE)])
    set_speaker_photo(dbs, keep, image_bytes("JPEG"))
    set_invitation(dbs, event, keep, InvitationState.INVITED)
    dbs.commit()
    return World(event.slug, keep.id, drop.id)


def _send(client, method, template, world):
    data = {"drop_id": world.drop, "confirm": "y", "state": "confirmed",
            "speaker_id": world.drop, "run": "Import", "file": (io.BytesIO(CSV.encode()), "a.csv")}
    url = template.format(slug=world.slug, keep=world.keep)
    return client.open(url, method=method, data=data if method == "POST" else None)


def _unchanged(dbs) -> None:
    assert count(dbs, Speaker) == 2
    assert count(dbs, SpeakerPhoto) == 1
    assert count(dbs, EventSpeaker) == 1
    assert dbs.query(EventSpeaker).one().state == InvitationState.INVITED


@pytest.mark.parametrize(("method", "route"), ROUTES)
def test_anonymous_visitor_is_sent_to_sign_in(client, dbs, world, method, route):
    response = _send(client, method, route, world)

    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]
    _unchanged(dbs)


@pytest.mark.parametrize(("method", "route"), ROUTES)
def test_participant_is_refused(client, auth, participant, dbs, world, method, route):
    auth.login("participant@example.org")

    response = _send(client, method, route, world)

    assert response.status_code == 403
    _unchanged(dbs)


# CSRF, on as in production

POST_FORM = re.compile(r"<form[^>]*method=\"post\".*?</form>", re.S)


@pytest.fixture
def guarded_client(csrf_client, organizer):
    return csrf_client(organizer.email)



@pytest.mark.parametrize("page", [
    "/manage/speakers", "/manage/speakers/{keep}/edit", "/manage/speakers/{keep}/merge",
    "/manage/speakers/import", E,
])
def test_every_post_form_carries_a_token(guarded_client, world, page):
    html = text(guarded_client.get(page.format(slug=world.slug, keep=world.keep)))

    for form in POST_FORM.findall(html):
        assert "csrf_token" in form, form


@pytest.mark.parametrize(("page", "action"), [
    ("/manage/speakers/{keep}/edit", "/manage/speakers/{keep}/photo/remove"),
    (E, E + "/{keep}/invitation"),
    (E, E + "/{keep}/invitation/remove"),
    ("/manage/speakers/{keep}/merge", "/manage/speakers/{keep}/merge"),
])
def test_action_without_token_is_refused_and_with_it_accepted(guarded_client, dbs, world, page,
                                                               action):
    url = action.format(slug=world.slug, keep=world.keep)
    data = {"state": "confirmed", "drop_id": world.drop, "confirm": "y"}

    assert guarded_client.post(url, data=data).status_code == 400
    _unchanged(dbs)

    token = csrf_token(text(guarded_client.get(page.format(slug=world.slug, keep=world.keep))))
    assert guarded_client.post(url, data={**data, "csrf_token": token}).status_code == 302
