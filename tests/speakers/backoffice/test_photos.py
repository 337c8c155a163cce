"""Organizers upload a speaker's portrait; only a checked, re-encoded image is kept."""

from __future__ import annotations

import hashlib
import io

import pytest
from PIL import Image

from lmevents.errors import Conflict, Invalid
from lmevents.speakers.models import Speaker, SpeakerPhoto
from lmevents.speakers.photos import remove_speaker_photo, set_speaker_photo
from tests import factories
from tests.probes import count, fresh, text
from tests.speakers.backoffice.conftest import bomb_png, image_bytes, noise_png, upload

FORM = {"name_en": "Ada Speaker"}


def stored(photo: SpeakerPhoto) -> Image.Image:
    return Image.open(io.BytesIO(photo.data))


def test_jpeg_is_stored_reencoded_with_its_hash_and_size(dbs):
    speaker = factories.make_speaker(dbs)

    photo = set_speaker_photo(dbs, speaker, image_bytes("JPEG", (120, 90)))
    dbs.commit()

    photo = fresh(dbs, SpeakerPhoto, photo.id)
    assert (photo.content_type, photo.width, photo.height) == ("image/jpeg", 120, 90)
    assert photo.sha256 == hashlib.sha256(photo.data).hexdigest()
    assert stored(photo).format == "JPEG"


def test_large_photo_is_scaled_to_fit_800_keeping_its_shape(dbs):
    speaker = factories.make_speaker(dbs)

    photo = set_speaker_photo(dbs, speaker, image_bytes("JPEG", (2000, 1000)))

    assert (photo.width, photo.height) == (800, 400)
    assert stored(photo).size == (800, 400)


def test_png_with_transparency_stays_png_with_its_alpha(dbs):
    speaker = factories.make_speaker(dbs)

    photo = set_speaker_photo(dbs, speaker, image_bytes("PNG", (64, 64), "RGBA", (0, 90, 0, 100)))

    image = stored(photo)
    assert (photo.content_type, image.format, image.mode) == ("image/png", "PNG", "RGBA")
    assert image.getpixel((10, 10))[3] == 100


def test_opaque_png_and_webp_become_jpeg(dbs):
    speaker = factories.make_speaker(dbs)

    assert set_speaker_photo(dbs, speaker, image_bytes("PNG", mode="RGBA",
                                                       color=(1, 2, 3, 255))).content_type \
        == "image/jpeg"
    assert set_speaker_photo(dbs, speaker, image_bytes("WEBP")).content_type == "image/jpeg"


def test_camera_data_is_stripped_and_orientation_applied(dbs):
    speaker = factories.make_speaker(dbs)
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Inc"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    original = image_bytes("JPEG", (60, 20), exif=exif.tobytes())
    assert b"SpyCam" in original

    photo = set_speaker_photo(dbs, speaker, original)

    assert b"SpyCam" not in photo.data
    assert not stored(photo).getexif()
    assert (photo.width, photo.height) == (20, 60)


@pytest.mark.parametrize(("data", "message"), [
    (image_bytes("GIF"), "The file is not a JPEG, PNG or WebP image."),
    (b"Speaker biography, saved as photo.jpg by mistake\n", "not a JPEG, PNG or WebP image"),
    (b"", "The file is empty."),
    (image_bytes("JPEG")[:60], "not a JPEG, PNG or WebP image"),
    (bomb_png(8000, 6000), "too many pixels (8000×6000); at most 40 megapixels"),
    (bomb_png(30000, 30000), "too many pixels"),
], ids=["gif", "text", "empty", "truncated", "bomb-48mp", "bomb-900mp"])
def test_what_is_not_a_usable_image_is_refused(dbs, data, message):
    speaker = factories.make_speaker(dbs)

    with pytest.raises(Invalid) as refused:
        set_speaker_photo(dbs, speaker, data)

    assert refused.value.field == "photo"
    assert message in refused.value.message
    dbs.rollback()
    assert count(dbs, SpeakerPhoto) == 0


def test_file_over_2_mib_is_refused_before_reading_it(dbs):
    speaker = factories.make_speaker(dbs)
    big = noise_png()
    assert len(big) > 2 * 1024 * 1024

    with pytest.raises(Invalid, match="a photo may be at most 2.0 MiB"):
        set_speaker_photo(dbs, speaker, big)


def test_removing_without_a_photo_is_refused(dbs):
    speaker = factories.make_speaker(dbs)

    with pytest.raises(Conflict, match="no uploaded photo"):
        remove_speaker_photo(dbs, speaker)


# Through the back office


def test_uploaded_photo_is_served_with_its_content_type(client, dbs, signed_in):
    speaker = factories.make_speaker(dbs)

    response = client.post(f"/manage/speakers/{speaker.id}/edit",
                           data={**FORM, "photo": upload(image_bytes("PNG", (50, 50), "RGBA",
                                                                     (9, 9, 9, 0)), "me.png")})

    assert response.status_code == 302
    photo = fresh(dbs, Speaker, speaker.id).photo
    served = client.get(f"/speakers/{speaker.id}/photo")
    assert served.status_code == 200
    assert served.mimetype == "image/png"
    assert served.data == photo.data


def test_new_photo_replaces_the_previous_one(client, dbs, signed_in):
    speaker = factories.make_speaker(dbs)
    url = f"/manage/speakers/{speaker.id}/edit"
    client.post(url, data={**FORM, "photo": upload(image_bytes("PNG"), "first.png")})
    first = fresh(dbs, Speaker, speaker.id).photo.sha256

    response = client.post(url, data={**FORM, "photo": upload(image_bytes("JPEG", (300, 200),
                                                                          color=(0, 0, 255)),
                                                              "second.jpg")})

    assert response.status_code == 302
    assert count(dbs, SpeakerPhoto) == 1
    photo = fresh(dbs, Speaker, speaker.id).photo
    assert photo.sha256 != first and (photo.width, photo.height) == (300, 200)
    assert client.get(f"/speakers/{speaker.id}/photo").data == photo.data


def test_new_speaker_with_a_photo_is_added_with_it(client, dbs, signed_in):
    response = client.post("/manage/speakers/new",
                           data={**FORM, "photo": upload(image_bytes("WEBP"), "p.webp")})

    assert response.status_code == 302
    assert dbs.query(Speaker).one().photo.content_type == "image/jpeg"


@pytest.mark.parametrize(("data", "filename", "message"), [
    (image_bytes("GIF"), "portrait.jpg", "The file is not a JPEG, PNG or WebP image."),
    (b"just text", "portrait.jpg", "The file is not a JPEG, PNG or WebP image."),
    (noise_png(), "portrait.png", "a photo may be at most 2.0 MiB"),
    (bomb_png(8000, 6000), "portrait.png", "too many pixels"),
    (image_bytes("GIF"), "portrait.gif", "Choose a JPEG, PNG or WebP image."),
], ids=["gif-named-jpg", "text-named-jpg", "over-2-mib", "bomb", "gif-extension"])
def test_refused_upload_shows_on_the_form_and_changes_nothing(client, dbs, signed_in, data,
                                                                filename, message):
    speaker = factories.make_speaker(dbs, "Ada Speaker", country="LA")
    set_speaker_photo(dbs, speaker, image_bytes("JPEG"))
    dbs.commit()
    before = speaker.photo.sha256

    response = client.post(f"/manage/speakers/{speaker.id}/edit",
                           data={**FORM, "name_en": "Renamed", "photo": upload(data, filename)})

    assert response.status_code == 422
    assert message in text(response)
    speaker = fresh(dbs, Speaker, speaker.id)
    assert speaker.name_en == "Ada Speaker"
    assert speaker.photo.sha256 == before


def test_refused_photo_on_a_new_speaker_adds_no_speaker(client, dbs, signed_in):
    response = client.post("/manage/speakers/new",
                           data={**FORM, "photo": upload(b"GIF89a-not-really", "a.png")})

    assert response.status_code == 422
    assert count(dbs, Speaker) == 0


def test_body_over_4_mib_gets_a_clear_413_page(client, dbs, signed_in):
    speaker = factories.make_speaker(dbs)

    response = client.post(f"/manage/speakers/{speaker.id}/edit",
                           data={**FORM, "photo": upload(b"\xff" * (5 * 1024 * 1024), "a.jpg")})

    assert response.status_code == 413
    assert response.mimetype == "text/html"
    assert "413" in text(response) and "Too Large" in text(response)
    assert fresh(dbs, Speaker, speaker.id).photo is None


def test_organizer_removes_the_photo(client, dbs, signed_in):
    speaker = factories.make_speaker(dbs)
    set_speaker_photo(dbs, speaker, image_bytes("JPEG"))
    dbs.commit()
    page = text(client.get(f"/manage/speakers/{speaker.id}/edit"))
    assert f"/manage/speakers/{speaker.id}/photo/remove" in page

    response = client.post(f"/manage/speakers/{speaker.id}/photo/remove")

    assert response.status_code == 302
    assert count(dbs, SpeakerPhoto) == 0
    assert client.get(f"/speakers/{speaker.id}/photo").status_code == 404


def test_removing_a_photo_that_is_not_there_is_refused_on_the_form(client, dbs, signed_in):
    speaker = factories.make_speaker(dbs)

    response = client.post(f"/manage/speakers/{speaker.id}/photo/remove")

    assert response.status_code == 422
    assert "There is no uploaded photo to remove." in text(response)
