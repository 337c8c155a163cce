from sqlalchemy import func, select

from lmevents.agenda.models import Session, SessionChange, VirtualRoom
from lmevents.subforums.models import SubForum
from tests import factories
from tests.factories import at
from tests.probes import PROBLEM

NEW_EVENT = {
    "slug": "mekong-2021", "timezone": "Asia/Bangkok",
    "start_date": "2021-03-01", "end_date": "2021-03-02",
    "title_zh": "澜湄圆桌 2021", "title_en": "Lancang-Mekong Roundtable 2021",
    "default_language": "zh",
    "hosts": [{"name_en": "LMEC", "abbreviation": "LMEC", "url": "https://lmec.example.org"}],
    "contact": {"phone": "+86 10 0000", "emails": ["info@example.org"]},
}


def test_a_new_event_is_unpublished_until_published(client, organizer_headers):
    created = client.post("/api/v1/events", headers=organizer_headers, json=NEW_EVENT)

    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    assert body["published"] is False
    assert body["hosts"][0]["abbreviation"] == "LMEC"
    assert body["contact"]["emails"] == ["info@example.org"]
    assert client.get("/api/v1/events/mekong-2021").status_code == 404
    assert client.get("/api/v1/events").get_json() == []

    published = client.patch("/api/v1/events/mekong-2021", headers=organizer_headers,
                             json={"published": True})

    assert published.get_json()["published"] is True
    assert client.get("/api/v1/events/mekong-2021").get_json()["title"]["zh"] == "澜湄圆桌 2021"

    withdrawn = client.patch("/api/v1/events/mekong-2021", headers=organizer_headers,
                             json={"published": False})
    assert withdrawn.get_json()["published"] is False
    assert client.get("/api/v1/events/mekong-2021").status_code == 404


def test_a_patch_changes_only_the_fields_given(client, organizer_headers, event):
    response = client.patch("/api/v1/events/test-event", headers=organizer_headers, json={
        "theme_en": "Green development", "hosts": [{"name_zh": "主办方"}],
    })

    assert response.status_code == 200
    body = response.get_json()
    assert body["theme"] == {"zh": None, "en": "Green development"}
    assert body["title"] == {"zh": "测试圆桌", "en": "Test roundtable"}
    assert body["hosts"] == [{"name": {"zh": "主办方", "en": None}, "abbreviation": None,
                              "role": "host", "url": None}]
    assert body["published"] is True


def test_a_slug_can_be_renamed_and_a_taken_one_is_a_conflict(client, dbs, organizer_headers,
                                                              event):
    factories.make_event(dbs, slug="taken")

    clash = client.patch("/api/v1/events/test-event", headers=organizer_headers,
                         json={"slug": "taken"})
    renamed = client.patch("/api/v1/events/test-event", headers=organizer_headers,
                           json={"slug": "renamed"})

    assert clash.status_code == 409
    assert clash.get_json()["errors"] == {"slug": "The slug 'taken' is taken."}
    assert renamed.get_json()["links"]["sessions"].endswith("/api/v1/events/renamed/sessions")


def test_new_dates_that_drop_a_session_are_refused_naming_it(
    client, dbs, organizer_headers, event, snapshot
):
    session = factories.make_session(dbs, event, at(9), at(10), title_en="Opening")
    before = snapshot()

    response = client.patch("/api/v1/events/test-event", headers=organizer_headers, json={
        "start_date": "2020-11-27", "end_date": "2020-11-27", "published": False,
    })

    assert response.status_code == 409
    problem = response.get_json()
    assert "'Opening' would fall outside the new dates" in problem["detail"]
    assert problem["session_id"] == session.id
    assert snapshot() == before


def test_an_event_that_ends_before_it_starts_is_refused(client, organizer_headers):
    response = client.post("/api/v1/events", headers=organizer_headers,
                           json=NEW_EVENT | {"end_date": "2021-02-28"})

    assert response.status_code == 422
    assert response.get_json()["errors"] == {"end_date": "The event cannot end before it starts."}


def test_every_fault_of_an_event_is_named_in_one_answer(client, organizer_headers):
    response = client.post("/api/v1/events", headers=organizer_headers, json=NEW_EVENT | {
        "title_zh": "", "title_en": "", "end_date": "2021-02-28"})

    assert response.status_code == 422
    assert response.get_json()["errors"] == {
        "title_en": "A title is required, in Chinese or English (or both).",
        "end_date": "The event cannot end before it starts.",
    }


def test_a_never_published_event_is_deleted_with_its_programme(
    client, dbs, organizer_headers
):
    draft = factories.make_event(dbs, slug="draft", published=False)
    room = factories.make_room(dbs, draft)
    forum = factories.make_subforum(dbs, draft, room_id=room.id)
    factories.make_session(dbs, draft, room_id=room.id, subforum_id=forum.id)
    factories.make_session(dbs, draft, at(11), at(12), room_id=room.id)

    response = client.delete("/api/v1/events/draft", headers=organizer_headers)

    assert response.status_code == 204
    assert response.data == b""
    dbs.expire_all()
    for model in (Session, SessionChange, SubForum, VirtualRoom):
        assert dbs.scalar(select(func.count()).select_from(model)) == 0, model
    assert client.patch("/api/v1/events/draft", headers=organizer_headers,
                        json={}).status_code == 404


def test_an_event_once_published_cannot_be_deleted(client, organizer_headers, event, snapshot):
    client.patch("/api/v1/events/test-event", headers=organizer_headers,
                 json={"published": False})
    before = snapshot()

    response = client.delete("/api/v1/events/test-event", headers=organizer_headers)

    assert response.status_code == 409
    assert response.mimetype == PROBLEM
    assert "withdraw it" in response.get_json()["detail"]
    assert snapshot() == before


def test_an_empty_web_address_is_no_address(client, organizer_headers, event):
    """As on the event form: an empty website or host address leaves none."""
    response = client.patch(f"/api/v1/events/{event.slug}", headers=organizer_headers, json={
        "contact": {"website": ""}, "hosts": [{"name_en": "LMEC", "url": ""}]})

    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["contact"]["website"] is None
    assert body["hosts"][0]["url"] is None
