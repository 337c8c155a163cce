"""The public speakers of an event: profiles, roles, parts in the reader's zone, nothing private."""

from datetime import datetime

import pytest

from lmevents.agenda.models import SpeakerRole
from lmevents.agenda.services import SpeakerEntry, cancel_session
from lmevents.speakers.models import EventSpeaker, InvitationState
from tests import factories
from tests.factories import at
from tests.probes import PROBLEM
from tests.speakers.api.conftest import PRIVATE_EMAIL, add_photo

LIST = "/api/v1/events/test-event/speakers"
SPEAKER_FIELDS = {
    "id", "name", "name_native", "honorific", "display_name", "position", "organization",
    "country", "bio", "bio_html", "photo_url", "roles", "parts", "moderates", "url",
}
PART_FIELDS = {"session_id", "title", "role", "talk_title", "starts_at", "ends_at", "timezone",
               "url"}


def listed(client, query: str = "") -> list[dict]:
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def names(speakers: list[dict]) -> list[str]:
    return [s["name"]["en"] for s in speakers]


def test_a_speaker_shows_their_profile_roles_and_parts(client, programme):
    zhang = next(s for s in listed(client) if s["id"] == programme["zhang"].id)

    assert set(zhang) == SPEAKER_FIELDS
    assert zhang["name"] == {"zh": "张三", "en": "Zhang San"}
    assert zhang["name_native"] == "張三"
    assert zhang["honorific"] == {"zh": "博士", "en": "Dr."}
    assert zhang["display_name"] == "Dr. Zhang San"
    assert zhang["position"] == {"zh": "教授", "en": "Professor"}
    assert zhang["organization"] == {"zh": "清华大学", "en": "Tsinghua University"}
    assert zhang["country"] == "CN"
    assert zhang["bio"]["en"] == "A *hydrologist* at [LMEC](https://lmec.example.org)."
    assert zhang["bio_html"]["zh"] == "<p><strong>水文</strong>学家</p>\n"
    assert "<em>hydrologist</em>" in zhang["bio_html"]["en"]
    assert 'href="https://lmec.example.org"' in zhang["bio_html"]["en"]
    assert zhang["photo_url"] == "https://photos.example.org/zhang.jpg"
    assert zhang["roles"] == ["keynote", "panelist"]
    assert zhang["moderates"] == []
    assert zhang["url"] == f"http://lmevents.test/events/test-event/speakers/{zhang['id']}"
    keynote, panel = zhang["parts"]
    assert set(keynote) == PART_FIELDS
    assert keynote == {
        "session_id": programme["keynote"].id,
        "title": {"zh": "主旨发言", "en": "Keynote speeches"},
        "role": "keynote",
        "talk_title": {"zh": "绿色发展", "en": "Green growth"},
        "starts_at": "2020-11-26T09:00:00+08:00",
        "ends_at": "2020-11-26T09:40:00+08:00",
        "timezone": "Asia/Shanghai",
        "url": f"http://lmevents.test/events/test-event/sessions/{programme['keynote'].id}",
    }
    assert (panel["session_id"], panel["role"]) == (programme["panel"].id, "panelist")


def test_a_moderator_lists_the_subforums_they_moderate(client, programme):
    mo = next(s for s in listed(client) if s["id"] == programme["mo"].id)

    assert mo["roles"] == ["moderator"]
    assert mo["parts"] == []
    assert mo["moderates"] == [{"id": programme["forum"].id, "code": "A",
                                "title": {"zh": "低碳园区", "en": "Low-carbon parks"}}]


def test_one_speaker_reads_like_their_line_in_the_list(client, programme):
    speaker_id = programme["zhang"].id
    line = next(s for s in listed(client, "tz=UTC&lang=zh") if s["id"] == speaker_id)

    single = client.get(f"{LIST}/{speaker_id}?tz=UTC&lang=zh")

    assert single.status_code == 200
    assert single.get_json() == line


@pytest.mark.parametrize("lang, display", [("zh", "张三博士"), ("en", "Dr. Zhang San")])
def test_lang_chooses_the_display_name(client, programme, lang, display):
    zhang = client.get(f"{LIST}/{programme['zhang'].id}?lang={lang}").get_json()

    assert zhang["display_name"] == display
    assert zhang["name"] == {"zh": "张三", "en": "Zhang San"}


def test_times_convert_to_the_asked_zone_keeping_the_same_instants(client, programme):
    url = f"{LIST}/{programme['zhang'].id}"
    shanghai = client.get(url).get_json()["parts"][0]
    yangon = client.get(url + "?tz=Asia/Yangon").get_json()["parts"][0]

    assert yangon["starts_at"] == "2020-11-26T07:30:00+06:30"
    assert yangon["ends_at"] == "2020-11-26T08:10:00+06:30"
    assert yangon["timezone"] == "Asia/Yangon"
    for name in ("starts_at", "ends_at"):
        assert datetime.fromisoformat(yangon[name]) == datetime.fromisoformat(shanghai[name])


def test_speakers_come_by_role_weight_then_name(client, dbs, event):
    cast = [("bob", SpeakerRole.PANELIST), ("Zed", SpeakerRole.KEYNOTE),
            ("anna", SpeakerRole.PANELIST), ("Carl", SpeakerRole.PRESENTER),
            ("Yan", SpeakerRole.OPENING_REMARKS), ("Xia", SpeakerRole.CHAIR)]
    entries = [SpeakerEntry(factories.make_speaker(dbs, name).id, role) for name, role in cast]
    factories.make_session(dbs, event, at(9), at(10), speakers=entries)
    moderator = factories.make_speaker(dbs, "Wu")
    factories.make_subforum(dbs, event, "A", moderator_ids=[moderator.id])

    assert names(listed(client)) == ["Zed", "Yan", "Xia", "Wu", "anna", "bob", "Carl"]


@pytest.mark.parametrize("query, expected", [
    ("country=LA", ["Mo Moderator", "Bea Panelist"]),
    ("country=la", ["Mo Moderator", "Bea Panelist"]),
    ("organization=mekong river", ["Somchai Chair"]),
    ("organization=老挝", ["Bea Panelist"]),
    ("country=LA&organization=university", ["Bea Panelist"]),
    ("country=FR", []),
])
def test_country_and_organization_narrow_the_list(client, programme, query, expected):
    assert names(listed(client, query)) == expected


@pytest.mark.parametrize("query, field", [
    ("country=LAO", "country"),
    ("country=", "country"),
    ("country=1A", "country"),
    ("organization=" + "x" * 201, "organization"),
    ("tz=Mars/Olympus_Mons", "tz"),
    ("lang=fr", "lang"),
])
def test_a_bad_filter_is_a_422_naming_it(client, programme, query, field):
    response = client.get(f"{LIST}?{query}")

    assert response.status_code == 422
    assert response.mimetype == PROBLEM
    assert list(response.get_json()["errors"]) == [field]


def test_only_confirmed_or_untracked_speakers_are_shown(client, dbs, event):
    states = {"Confirmed": InvitationState.CONFIRMED, "Invited": InvitationState.INVITED,
              "Declined": InvitationState.DECLINED, "Untracked": None}
    speakers = {name: factories.make_speaker(dbs, name) for name in states}
    factories.make_session(dbs, event, at(9), at(10), speakers=[
        SpeakerEntry(s.id, SpeakerRole.PANELIST) for s in speakers.values()])
    dbs.add_all(EventSpeaker(event_id=event.id, speaker_id=speakers[name].id, state=state)
                for name, state in states.items() if state is not None)
    dbs.commit()

    assert names(listed(client)) == ["Confirmed", "Untracked"]
    for name in ("Invited", "Declined"):
        response = client.get(f"{LIST}/{speakers[name].id}")
        assert response.status_code == 404, name
        assert response.mimetype == PROBLEM


def test_an_invitation_to_another_event_does_not_hide_a_speaker(client, dbs, programme):
    other = factories.make_event(dbs, slug="other")
    dbs.add(EventSpeaker(event_id=other.id, speaker_id=programme["bea"].id,
                         state=InvitationState.DECLINED))
    dbs.commit()

    assert "Bea Panelist" in names(listed(client))


def test_cancelled_sessions_are_no_part(client, dbs, programme):
    cancel_session(dbs, programme["keynote"])
    dbs.commit()

    speakers = listed(client)

    assert "Somchai Chair" not in names(speakers)
    zhang = next(s for s in speakers if s["id"] == programme["zhang"].id)
    assert [p["session_id"] for p in zhang["parts"]] == [programme["panel"].id]


def test_an_uploaded_portrait_wins_over_a_linked_photo(client, dbs, programme):
    add_photo(dbs, programme["zhang"])

    by_id = {s["id"]: s for s in listed(client)}

    zhang_id = programme["zhang"].id
    assert by_id[zhang_id]["photo_url"] == f"http://lmevents.test/speakers/{zhang_id}/photo"
    assert client.get(by_id[zhang_id]["photo_url"]).status_code == 200
    assert by_id[programme["bea"].id]["photo_url"] is None


def test_unpublished_events_have_no_public_speakers(client, dbs):
    draft = factories.make_event(dbs, slug="draft", published=False)
    speaker = factories.make_speaker(dbs)
    factories.make_session(dbs, draft, speakers=[SpeakerEntry(speaker.id, SpeakerRole.CHAIR)])

    for url in ("/api/v1/events/draft/speakers", f"/api/v1/events/draft/speakers/{speaker.id}",
                "/api/v1/events/nowhere/speakers"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.mimetype == PROBLEM


def test_a_speaker_of_another_event_is_not_found_here(client, dbs, programme):
    factories.make_event(dbs, slug="other")

    response = client.get(f"/api/v1/events/other/speakers/{programme['zhang'].id}")

    assert response.status_code == 404
    assert response.mimetype == PROBLEM


@pytest.mark.parametrize("query", ["", "?lang=zh", "?lang=en&tz=Asia/Yangon", "?country=CN"])
def test_public_responses_never_reveal_emails_or_join_details(client, programme, query):
    room = programme["room"]
    secrets = (PRIVATE_EMAIL, "somchai@private.example.org", "private.example.org", "email",
               room.join_url, room.meeting_id, room.passcode, "join_url", "passcode")

    for url in (LIST, f"{LIST}/{programme['zhang'].id}", f"{LIST}/{programme['somchai'].id}"):
        response = client.get(url + query)
        assert response.status_code == 200, url
        text = response.get_data(as_text=True)
        for secret in secrets:
            assert secret not in text, (url, secret)
