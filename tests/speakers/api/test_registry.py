"""The speaker registry for organizers: listing with e-mail addresses, adding and editing."""

import pytest
from sqlalchemy import select

from lmevents.speakers.models import EventSpeaker, InvitationState, Speaker
from tests import factories
from tests.probes import PROBLEM
from tests.speakers.api.conftest import add_photo

REGISTRY = "/api/v1/speakers"
NEW_SPEAKER = {"name_en": "Souk Vong", "name_zh": "苏克", "country": "la",
               "email": "Souk.Vong@Example.ORG", "photo_url": "https://photos.example.org/s.jpg",
               "bio_en": "Works on *rivers*."}
REGISTRY_FIELDS = {
    "id", "name", "name_native", "honorific", "position", "organization", "country", "bio",
    "photo_url", "portrait_url", "email", "created_at", "invitations",
}


@pytest.fixture
def registry_rows(dbs):
    """The registry as stored, read fresh: a refused write must leave it as it was."""

    def take():
        dbs.expire_all()
        return dbs.execute(select(Speaker.__table__).order_by(Speaker.id)).all()

    return take


def test_the_registry_lists_every_speaker_with_email_and_invitations(
    client, dbs, event, organizer_headers
):
    ada = factories.make_speaker(dbs, "Ada", email="ada@private.example.org")
    factories.make_speaker(dbs, "Bo", name_zh="波")
    dbs.add(EventSpeaker(event_id=event.id, speaker_id=ada.id, state=InvitationState.INVITED))
    dbs.commit()
    add_photo(dbs, ada)

    response = client.get(REGISTRY, headers=organizer_headers)

    assert response.status_code == 200
    ada_line, bo_line = response.get_json()
    assert set(ada_line) == REGISTRY_FIELDS
    assert ada_line["email"] == "ada@private.example.org"
    assert ada_line["portrait_url"] == f"http://lmevents.test/speakers/{ada.id}/photo"
    assert ada_line["invitations"] == [{
        "event": "test-event", "speaker_id": ada.id, "state": "invited",
        "updated_at": ada_line["invitations"][0]["updated_at"]}]
    assert (bo_line["name"], bo_line["email"], bo_line["invitations"]) == (
        {"zh": "波", "en": "Bo"}, None, [])


def test_the_registry_is_by_name_in_either_language(client, dbs, organizer_headers):
    for name_en, name_zh in (("Bo", None), (None, "阿达"), ("Ada", None)):
        factories.make_speaker(dbs, name_en, name_zh=name_zh)

    body = client.get(REGISTRY, headers=organizer_headers).get_json()

    assert [s["name"]["en"] or s["name"]["zh"] for s in body] == ["Ada", "Bo", "阿达"]


def test_an_organizer_adds_a_speaker(client, organizer_headers):
    response = client.post(REGISTRY, json=NEW_SPEAKER, headers=organizer_headers)

    assert response.status_code == 201, response.get_json()
    created = response.get_json()
    assert created["name"] == {"zh": "苏克", "en": "Souk Vong"}
    assert created["country"] == "LA"
    assert created["email"] == "Souk.Vong@example.org"
    assert created["photo_url"] == "https://photos.example.org/s.jpg"
    assert created["portrait_url"] is None
    assert created["bio"] == {"zh": None, "en": "Works on *rivers*."}
    fetched = client.get(f"{REGISTRY}/{created['id']}", headers=organizer_headers)
    assert fetched.get_json() == created


def test_a_patch_changes_only_the_fields_given(client, dbs, organizer_headers):
    speaker = factories.make_speaker(dbs, "Ada", name_zh="阿达", country="CN",
                                     email="ada@private.example.org")

    response = client.patch(f"{REGISTRY}/{speaker.id}", headers=organizer_headers,
                            json={"organization_en": "LMEC", "email": None})

    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["organization"] == {"zh": None, "en": "LMEC"}
    assert body["email"] is None
    assert (body["name"], body["country"]) == ({"zh": "阿达", "en": "Ada"}, "CN")


def test_a_patch_that_leaves_no_name_is_refused(client, dbs, organizer_headers, registry_rows):
    speaker = factories.make_speaker(dbs, "Ada")
    before = registry_rows()

    response = client.patch(f"{REGISTRY}/{speaker.id}", headers=organizer_headers,
                            json={"name_en": None})

    assert response.status_code == 422
    assert "name_en" in response.get_json()["errors"]
    assert registry_rows() == before


def test_a_speaker_without_a_name_is_refused(client, organizer_headers, registry_rows):
    before = registry_rows()

    response = client.post(REGISTRY, headers=organizer_headers, json={"country": "LA"})

    assert response.status_code == 422
    assert response.get_json()["errors"] == {
        "name_en": "A name is required, in Chinese or English (or both)."}
    assert registry_rows() == before


@pytest.mark.parametrize("method", ["GET", "PATCH"])
def test_an_unknown_speaker_is_a_404(client, organizer_headers, method):
    response = client.open(f"{REGISTRY}/4242", method=method, json={},
                           headers=organizer_headers)

    assert response.status_code == 404
    assert response.mimetype == PROBLEM


BAD_INPUT = [
    # (method, body, field named in `errors`, words of its message)
    ("POST", NEW_SPEAKER | {"email": "not-an-address"}, "email", "Not a valid email"),
    ("POST", NEW_SPEAKER | {"email": "a@b@example.org"}, "email", "Not a valid email"),
    ("POST", NEW_SPEAKER | {"country": "LAO"}, "country", "two-letter"),
    ("POST", NEW_SPEAKER | {"country": "L4"}, "country", "two-letter"),
    ("POST", NEW_SPEAKER | {"photo_url": "javascript:alert(1)"}, "photo_url",
     "Not a valid URL"),
    ("POST", NEW_SPEAKER | {"photo_url": "data:image/png;base64,AAAA"}, "photo_url",
     "Not a valid URL"),
    ("POST", NEW_SPEAKER | {"password": "x"}, "password", "Unknown field"),
    ("POST", NEW_SPEAKER | {"id": 7}, "id", "Unknown field"),
    ("POST", NEW_SPEAKER | {"name_en": "x" * 201}, "name_en", "Longer than maximum"),
    ("POST", NEW_SPEAKER | {"bio_en": "a\x00b"}, "bio_en", "NUL"),
    ("POST", NEW_SPEAKER | {"honorific_en": 3}, "honorific_en", "Not a valid string"),
    ("PATCH", {"email": "nobody"}, "email", "Not a valid email"),
    ("PATCH", {"country": "Laos"}, "country", "two-letter"),
    ("PATCH", {"photo_url": "javascript:alert(1)"}, "photo_url", "Not a valid URL"),
    ("PATCH", {"portrait_url": "https://x.example.org"}, "portrait_url", "Unknown field"),
    ("PATCH", {"invitations": []}, "invitations", "Unknown field"),
]


@pytest.mark.parametrize("method, body, field, words", BAD_INPUT,
                         ids=[f"{m} {f}" for m, _, f, _ in BAD_INPUT])
def test_bad_input_is_a_422_naming_the_field(client, dbs, organizer_headers, registry_rows,
                                             method, body, field, words):
    speaker = factories.make_speaker(dbs, "Ada")
    before = registry_rows()
    url = REGISTRY if method == "POST" else f"{REGISTRY}/{speaker.id}"

    response = client.open(url, method=method, json=body, headers=organizer_headers)

    assert response.status_code == 422, response.get_json()
    assert response.mimetype == PROBLEM
    problem = response.get_json()
    assert field in problem["errors"], problem["errors"]
    assert words in problem["errors"][field]
    assert field in problem["detail"]
    assert registry_rows() == before
