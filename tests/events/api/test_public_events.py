from lmevents.events.services import ContactInput, HostInput, set_contact, set_hosts
from tests import factories
from tests.probes import PROBLEM

EVENT_FIELDS = {
    "slug", "title", "theme", "description", "schedule_note", "timezone", "start_date",
    "end_date", "default_language", "registration_mode", "registration_closes_at",
    "join_opens_minutes",
    "registration_open", "published", "hosts", "contact", "links",
}


def test_the_event_list_shows_published_events_only(client, dbs, event):
    factories.make_event(dbs, slug="draft", published=False)

    response = client.get("/api/v1/events")

    assert response.status_code == 200
    assert [e["slug"] for e in response.get_json()] == ["test-event"]


def test_an_event_shows_its_hosts_contact_and_links(client, dbs, event):
    set_hosts(dbs, event, [
        HostInput(name_zh="澜湄环境合作中心", name_en="Lancang-Mekong Environmental Cooperation "
                  "Center", abbreviation="LMEC", url="http://www.lmec.org.cn"),
        HostInput(name_en="Co-host", role="co-host"),
    ])
    set_contact(dbs, event, ContactInput(address_en="5 Houyingfang Hutong", phone="+86 10 1",
                                         emails=["a@example.org", "b@example.org"]))
    dbs.commit()

    body = client.get("/api/v1/events/test-event").get_json()

    assert set(body) == EVENT_FIELDS
    assert body["title"] == {"zh": "测试圆桌", "en": "Test roundtable"}
    assert body["timezone"] == "Asia/Shanghai"
    assert (body["start_date"], body["end_date"]) == ("2020-11-26", "2020-11-26")
    assert body["hosts"][0] == {
        "name": {"zh": "澜湄环境合作中心",
                 "en": "Lancang-Mekong Environmental Cooperation Center"},
        "abbreviation": "LMEC", "role": "host", "url": "http://www.lmec.org.cn",
    }
    assert body["hosts"][1]["role"] == "co-host"
    assert body["contact"]["emails"] == ["a@example.org", "b@example.org"]
    assert body["contact"]["address"] == {"zh": None, "en": "5 Houyingfang Hutong"}
    assert body["links"] == {
        "page": "http://lmevents.test/events/test-event/",
        "agenda": "http://lmevents.test/events/test-event/agenda",
        "sessions": "http://lmevents.test/api/v1/events/test-event/sessions",
        "subforums": "http://lmevents.test/api/v1/events/test-event/subforums",
    }


def test_the_sessions_link_answers(client, event):
    link = client.get("/api/v1/events/test-event").get_json()["links"]["sessions"]

    assert client.get(link).status_code == 200


def test_unknown_and_unpublished_events_are_404_problems(client, dbs, event):
    factories.make_event(dbs, slug="draft", published=False)

    for url in ("/api/v1/events/nope", "/api/v1/events/draft",
                "/api/v1/events/draft/sessions", "/api/v1/events/draft/subforums"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.mimetype == PROBLEM
        body = response.get_json()
        assert {"type", "title", "status", "detail", "errors"} <= set(body)
        assert body["status"] == 404


def test_an_unknown_api_path_is_a_404_problem(client):
    response = client.get("/api/v1/nothing-here")

    assert response.status_code == 404
    assert response.mimetype == PROBLEM
