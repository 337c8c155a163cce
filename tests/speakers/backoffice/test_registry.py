"""Organizers edit every field of a registry entry; country codes must be real ones."""

from __future__ import annotations

import pytest

from lmevents.errors import Invalid
from lmevents.speakers.models import Speaker
from lmevents.speakers.photos import set_speaker_photo
from lmevents.speakers.services import SpeakerInput, create_speaker, update_speaker
from tests import factories
from tests.probes import count, form_fields, fresh, text
from tests.speakers.backoffice.conftest import image_bytes

EVERYTHING = {
    "name_zh": "普利锋", "name_en": "Pu Lifeng", "name_native": "ສີຫາ",
    "honorific_zh": "博士", "honorific_en": "Dr.", "position_zh": "主任",
    "position_en": "Director", "organization_zh": "澜湄水资源合作中心",
    "organization_en": "Lancang-Mekong Water Resources Cooperation Center",
    "country": "cn", "bio_zh": "研究**水资源**。",
    "bio_en": "Works on *rivers*.\n\n- dams\n- floods",
    "photo_url": "https://example.org/pu.jpg", "email": "Pu.Lifeng@Example.ORG",
}


def test_every_field_is_saved_and_shown_again_on_the_form(client, dbs, signed_in):
    speaker = factories.make_speaker(dbs, "Placeholder")
    url = f"/manage/speakers/{speaker.id}/edit"

    response = client.post(url, data=EVERYTHING)

    assert response.status_code == 302
    speaker = fresh(dbs, Speaker, speaker.id)
    saved = {name: getattr(speaker, name) for name in EVERYTHING}
    assert saved == {**EVERYTHING, "country": "CN", "email": "Pu.Lifeng@example.org"}
    again = form_fields(text(client.get(url)))
    assert again["name_native"] == "ສີຫາ" and again["bio_en"].strip() == EVERYTHING["bio_en"]


def test_edit_page_previews_the_biographies_as_limited_markdown(client, dbs, signed_in):
    speaker = factories.make_speaker(
        dbs, bio_en="Works on **water**. <script>alert(1)</script> [site](javascript:alert(1))",
        bio_zh="研究*水资源*。",
    )

    page = text(client.get(f"/manage/speakers/{speaker.id}/edit"))

    assert "<strong>water</strong>" in page and "<em>水资源</em>" in page
    assert "<script>alert(1)</script>" not in page
    assert 'href="javascript' not in page


def test_preview_button_renders_the_new_text_without_saving(client, dbs, signed_in):
    speaker = factories.make_speaker(dbs, bio_en="Old text.")

    response = client.post(f"/manage/speakers/{speaker.id}/edit",
                           data={"name_en": "Ada Speaker", "bio_en": "New *draft*.",
                                 "preview": "Preview biographies"})

    assert response.status_code == 200
    assert "New <em>draft</em>." in text(response)
    assert fresh(dbs, Speaker, speaker.id).bio_en == "Old text."


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"country": "XX"}, "country", "'XX' is not an ISO 3166 country code"),
    ({"country": "EU"}, "country", "'EU' is not an ISO 3166 country code"),
    ({"country": "L4"}, "country", "Use a two-letter ISO 3166 country code"),
    ({"name_en": "x" * 201}, "name_en", "At most 200 characters (this has 201)"),
    ({"honorific_zh": "长" * 51}, "honorific_zh", "At most 50 characters"),
    ({"email": "not-an-address"}, "email", "is not an e-mail address"),
])
def test_service_refuses_bad_values_whatever_the_way_in(dbs, changes, field, message):
    with pytest.raises(Invalid) as refused:
        create_speaker(dbs, SpeakerInput(**{"name_en": "Ada", **changes}))

    assert (refused.value.field, message in refused.value.message) == (field, True)
    dbs.rollback()
    assert count(dbs, Speaker) == 0


@pytest.mark.parametrize("code", ["LA", "TH", "KH", "MM", "VN", "CN", "XK"])
def test_real_country_codes_are_accepted(dbs, code):
    speaker = factories.make_speaker(dbs, country=code.lower())

    assert fresh(dbs, Speaker, speaker.id).country == code


def test_unknown_country_on_the_form_is_refused_on_its_field(client, dbs, signed_in):
    speaker = factories.make_speaker(dbs, country="LA")

    response = client.post(f"/manage/speakers/{speaker.id}/edit",
                           data={**EVERYTHING, "country": "QQ"})

    assert response.status_code == 422
    assert "&#39;QQ&#39; is not an ISO 3166 country code" in text(response)
    assert fresh(dbs, Speaker, speaker.id).country == "LA"


def test_update_keeps_nothing_it_was_not_given(dbs):
    speaker = factories.make_speaker(dbs, country="TH", email="a@example.org")

    update_speaker(dbs, speaker, SpeakerInput(name_zh="李永红"))
    dbs.commit()

    speaker = fresh(dbs, Speaker, speaker.id)
    assert (speaker.name_zh, speaker.name_en, speaker.country, speaker.email) == (
        "李永红", None, None, None)


def test_registry_lists_speakers_with_links_to_merge_and_import(client, dbs, signed_in):
    speaker = factories.make_speaker(dbs, name_zh="李永红", name_en="Li Yonghong")

    page = text(client.get("/manage/speakers"))

    assert "李永红" in page
    assert f"/manage/speakers/{speaker.id}/merge" in page
    assert "/manage/speakers/import" in page


def test_registry_page_costs_the_same_for_two_speakers_or_twelve(client, dbs, signed_in,
                                                                 count_queries):
    def queries() -> int:
        with count_queries() as counter:
            assert client.get("/manage/speakers").status_code == 200
        return counter.count

    for i in range(2):
        set_speaker_photo(dbs, factories.make_speaker(dbs, f"Speaker {i}"), image_bytes("JPEG"))
    dbs.commit()
    few = queries()
    for i in range(10):
        set_speaker_photo(dbs, factories.make_speaker(dbs, f"More {i}"), image_bytes("JPEG"))
    dbs.commit()

    assert queries() == few
