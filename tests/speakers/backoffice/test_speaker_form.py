"""Organizers keep the speaker registry."""

from __future__ import annotations

import pytest

from lmevents.speakers.models import Speaker
from tests import factories
from tests.probes import count, fresh, text

SPEAKER = {
    "name_zh": "宋巴", "name_en": "Somphanh", "name_native": "ສົມພັນ",
    "honorific_zh": "先生", "honorific_en": "Mr.", "position_zh": "司长",
    "position_en": "Director-General", "organization_zh": "老挝自然资源与环境部",
    "organization_en": "Ministry of Natural Resources and Environment, Lao PDR",
    "country": "la", "photo_url": "https://example.org/somphanh.jpg",
    "email": "somphanh@example.org",
}


def test_organizer_adds_a_speaker(client, dbs, signed_in):
    response = client.post("/manage/speakers/new", data=SPEAKER)

    assert response.status_code == 302
    speaker = dbs.query(Speaker).one()
    assert (speaker.name_native, speaker.country, speaker.email) == (
        "ສົມພັນ", "LA", "somphanh@example.org")
    body = text(client.get("/manage/speakers"))
    assert "Mr. Somphanh" in body and "宋巴先生" in body


def test_editing_keeps_what_the_form_leaves_alone(client, dbs, signed_in):
    speaker = factories.make_speaker(dbs, "Ada Speaker", bio_en="Hydrologist.")
    url = f"/manage/speakers/{speaker.id}/edit"
    assert 'value="Ada Speaker"' in text(client.get(url))

    response = client.post(url, data={**SPEAKER, "bio_en": "Hydrologist."})

    assert response.status_code == 302
    speaker = fresh(dbs, Speaker, speaker.id)
    assert (speaker.name_en, speaker.bio_en) == ("Somphanh", "Hydrologist.")


@pytest.mark.parametrize(("changes", "message"), [
    ({"name_zh": "", "name_en": ""}, "A name is required, in Chinese or English"),
    ({"country": "LAO"}, "Use a two-letter ISO 3166 country code, e.g. LA."),
    ({"email": "somphanh"}, "not an e-mail address"),
    ({"photo_url": "ftp://example.org/a.jpg"}, "The photo URL must start with https://"),
])
def test_bad_speaker_is_refused(client, dbs, signed_in, changes, message):
    response = client.post("/manage/speakers/new", data={**SPEAKER, **changes})

    assert response.status_code == 422
    assert message in text(response)
    assert count(dbs, Speaker) == 0


def test_unknown_speaker_is_not_found(client, signed_in):
    assert client.get("/manage/speakers/999999/edit").status_code == 404
