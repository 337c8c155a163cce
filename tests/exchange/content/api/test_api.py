"""The exchange in the JSON API: what each caller reads, organizers' writes, participants'
needs; who may call what, and refusals naming the field."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from lmevents.exchange.models import ExchangeTopic, Need, Presentation
from lmevents.speakers.models import EventSpeaker, InvitationState
from tests import factories
from tests.exchange.content.conftest import API
from tests.probes import PROBLEM


def needs_of(body) -> list[str]:
    return [need["sector"] for session in body["sessions"] for topic in session["topics"]
            for need in topic["needs"]]


def test_the_exchange_reads_in_order_with_times_in_the_asked_zone(client, exchange, needs):
    response = client.get(API + "/exchange?tz=Asia/Bangkok&lang=zh")

    assert response.status_code == 200
    body = response.get_json()
    assert body["timezone"] == "Asia/Bangkok"
    [session] = body["sessions"]
    assert session["id"] == exchange.session.id and session["title_text"] == "技术交流"
    assert session["starts_at"] == "2020-11-26T13:00:00+07:00"
    assert session["ends_at"] == "2020-11-26T15:00:00+07:00"
    assert session["room"]["name"]["en"] == "Exchange room"
    assert session["url"].endswith(f"/events/test-event/sessions/{exchange.session.id}")
    assert [t["title"]["en"] for t in session["topics"]] == [
        "Waste-to-energy", "Water-pollution treatment"]
    topic = session["topics"][0]
    assert topic["title_text"] == "垃圾发电" and topic["session_id"] == exchange.session.id
    [presentation] = topic["presentations"]
    assert presentation["enterprise"] == {"zh": "绿能公司", "en": "Green Energy Co."}
    assert presentation["enterprise_text"] == "绿能公司"
    assert presentation["title"]["en"] == "Plants that burn city waste cleanly"
    assert presentation["summary"]["en"] == "Flue-gas treatment and ash reuse."
    assert presentation["country"] == "CN" and presentation["accepts_meetings"] is True
    assert presentation["presenter"]["display"] == "王演讲"
    assert presentation["url"].endswith(
        f"/events/test-event/exchange/presentations/{exchange.presentation.id}")
    need = topic["needs"][0]
    assert need["created_at"].endswith("+07:00") and need["timezone"] == "Asia/Bangkok"


def test_the_exchange_never_carries_emails_join_details_or_account_ids(client, exchange, needs,
                                                                       headers):
    for caller in ({}, headers("participant"), headers("organizer")):
        body = client.get(API + "/exchange", headers=caller).get_data(as_text=True)
        for secret in ("meet.example.org", "pass-704", "@example.org", "example.com",
                       "wang.private", "contact_user_id", "author_id"):
            assert secret not in body


def test_a_presenter_whose_invitation_is_open_is_not_named(client, dbs, exchange):
    dbs.add(EventSpeaker(event=exchange.event, speaker=exchange.presenter,
                         state=InvitationState.DECLINED))
    dbs.commit()

    body = client.get(API + "/exchange").get_json()

    assert body["sessions"][0]["topics"][0]["presentations"][0]["presenter"] is None


@pytest.mark.parametrize("who, expected, named", [
    (None, ["Public sector need", "Quiet need"], False),
    ("outsider", ["Public sector need", "Quiet need"], False),
    ("pending", ["Public sector need", "Quiet need"], False),
    ("elsewhere", ["Public sector need", "Quiet need"], False),
    ("participant", ["Public sector need", "Private sector need", "Quiet need"], True),
    ("organizer", ["Public sector need", "Private sector need", "Quiet need"], True),
])
def test_each_caller_reads_the_needs_they_may(client, exchange, needs, headers, who, expected,
                                              named):
    body = client.get(API + "/exchange", headers=headers(who) if who else {}).get_json()

    assert needs_of(body) == expected
    first = body["sessions"][0]["topics"][0]["needs"][0]
    if named:
        assert first["poster"] == {"name": "Somchai P.",
                                   "organization": "Ministry of Natural Resources"}
    else:
        assert first["poster"] is None
    assert first["own"] is (who == "participant")
    assert set(first) == {"id", "topic_id", "country", "sector", "description", "visibility",
                          "show_contact", "poster", "own", "hidden", "created_at", "timezone"}


def test_a_token_that_is_not_valid_is_refused_rather_than_read_as_anonymous(client, exchange):
    response = client.get(API + "/exchange", headers={"Authorization": "Bearer not-a-token"})

    assert response.status_code == 401 and response.mimetype == PROBLEM


def test_an_unpublished_or_unknown_event_has_no_exchange(client, dbs, exchange):
    assert client.get("/api/v1/events/nope/exchange").status_code == 404
    exchange.event.published = False
    dbs.commit()
    assert client.get(API + "/exchange").status_code == 404


# Organizers' writes


def test_organizer_adds_edits_reorders_and_deletes_a_topic(client, dbs, exchange, headers):
    organizer = headers("organizer")

    created = client.post(API + "/exchange/topics", headers=organizer, json={
        "session_id": exchange.session.id, "title_zh": "绿色园区", "title_en": "Green parks"})
    assert created.status_code == 201, created.get_json()
    topic = created.get_json()
    assert (topic["position"], topic["title"]) == (2, {"zh": "绿色园区", "en": "Green parks"})

    changed = client.patch(API + f"/exchange/topics/{topic['id']}", headers=organizer,
                           json={"position": 0, "description_en": "Shenzhen."})
    assert changed.status_code == 200
    assert changed.get_json()["description"]["en"] == "Shenzhen."
    assert changed.get_json()["title"]["en"] == "Green parks"  # untouched
    order = client.get(API + "/exchange").get_json()["sessions"][0]["topics"]
    assert [t["title"]["en"] for t in order] == [
        "Waste-to-energy", "Green parks", "Water-pollution treatment"]  # ties keep id order

    assert client.delete(API + f"/exchange/topics/{topic['id']}",
                         headers=organizer).status_code == 204
    assert dbs.scalar(select(ExchangeTopic).where(ExchangeTopic.id == topic["id"])) is None


def test_organizer_adds_edits_and_deletes_a_presentation(client, dbs, exchange, headers):
    organizer = headers("organizer")

    created = client.post(API + "/exchange/presentations", headers=organizer, json={
        "topic_id": exchange.topic.id, "enterprise_en": "Clean Water Co.",
        "title_en": "Membrane bioreactors", "country": "vn",
        "presenter_id": exchange.presenter.id, "contact_user_id": exchange.enterprise.id})
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    assert (body["position"], body["country"], body["contact_user_id"]) == (
        1, "VN", exchange.enterprise.id)
    assert body["presenter"]["name"]["en"] == "Wang Presenter"

    moved = client.patch(API + f"/exchange/presentations/{body['id']}", headers=organizer,
                         json={"topic_id": exchange.second.id, "contact_user_id": None})
    assert moved.status_code == 200
    assert (moved.get_json()["topic_id"], moved.get_json()["contact_user_id"]) == (
        exchange.second.id, None)
    assert moved.get_json()["accepts_meetings"] is False
    assert moved.get_json()["title"]["en"] == "Membrane bioreactors"

    assert client.delete(API + f"/exchange/presentations/{body['id']}",
                         headers=organizer).status_code == 204
    assert [p.enterprise_en for p in dbs.scalars(select(Presentation))] == ["Green Energy Co."]


@pytest.mark.parametrize("path, body, field, message", [
    ("/exchange/topics", {"title_en": "T"}, "session_id", "Missing data"),
    ("/exchange/topics", {"session_id": "{keynote}", "title_en": "T"}, "session_id",
     "not a technical exchange session"),
    ("/exchange/topics", {"session_id": "{session}"}, "title_en", "A title is required"),
    ("/exchange/topics", {"session_id": "{session}", "title_en": "x" * 301}, "title_en",
     "Longer than maximum length 300"),
    ("/exchange/topics", {"session_id": "{session}", "title_en": "T", "position": -1},
     "position", "greater than or equal to 0"),
    ("/exchange/topics", {"session_id": "{session}", "title_en": "T", "colour": "red"},
     "colour", "Unknown field"),
    ("/exchange/presentations", {"topic_id": "{topic}", "title_en": "T"}, "enterprise_en",
     "The enterprise's name is required"),
    ("/exchange/presentations", {"topic_id": 999_999, "enterprise_en": "E", "title_en": "T"},
     "topic_id", "No exchange topic 999999 in this event."),
    ("/exchange/presentations", {"topic_id": "{topic}", "enterprise_en": "E", "title_en": "T",
                                 "country": "XX"}, "country", "not an ISO 3166 country code"),
    ("/exchange/presentations", {"topic_id": "{topic}", "enterprise_en": "E", "title_en": "T",
                                 "country": "Laos"}, "country", "two-letter ISO 3166"),
    ("/exchange/presentations", {"topic_id": "{topic}", "enterprise_en": "E", "title_en": "T",
                                 "presenter_id": 999_999}, "presenter_id",
     "not in the speaker registry"),
    ("/exchange/presentations", {"topic_id": "{topic}", "enterprise_en": "E", "title_en": "T",
                                 "contact_user_id": "{outsider}"}, "contact_user_id",
     "not a confirmed participant of this event"),
])
def test_bad_writes_are_refused_naming_the_field(client, dbs, exchange, people, headers, path,
                                                  body, field, message):
    ids = {"{keynote}": exchange.keynote.id, "{session}": exchange.session.id,
           "{topic}": exchange.topic.id, "{outsider}": people["outsider"].id}
    body = {key: ids.get(value, value) if isinstance(value, str) else value
            for key, value in body.items()}
    before = (dbs.scalars(select(ExchangeTopic.id)).all(),
              dbs.scalars(select(Presentation.id)).all())

    response = client.post(API + path, headers=headers("organizer"), json=body)

    assert response.status_code == 422 and response.mimetype == PROBLEM
    assert message in response.get_json()["errors"][field]
    assert (dbs.scalars(select(ExchangeTopic.id)).all(),
            dbs.scalars(select(Presentation.id)).all()) == before


def test_patching_a_presentation_with_a_bad_field_names_it(client, exchange, headers):
    response = client.patch(API + f"/exchange/presentations/{exchange.presentation.id}",
                            headers=headers("organizer"), json={"title_en": None,
                                                                "title_zh": None})

    assert response.status_code == 422
    assert "A title is required" in response.get_json()["errors"]["title_en"]


# Needs


def test_a_participant_posts_a_need(client, dbs, exchange, headers):
    response = client.post(API + f"/exchange/topics/{exchange.second.id}/needs",
                           headers=headers("participant"), json={
                               "country": "KH", "sector": "Drinking water",
                               "description": "Arsenic removal.", "show_contact": True})

    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert (body["topic_id"], body["country"], body["visibility"]) == (
        exchange.second.id, "KH", "participants")
    assert body["own"] is True and body["hidden"] is False
    assert body["poster"] == {"name": "Somchai P.", "organization": "Ministry of Natural Resources"}
    assert body["created_at"].endswith("+08:00")
    assert dbs.scalar(select(Need.sector)) == "Drinking water"


@pytest.mark.parametrize("change, field, message", [
    ({"country": None}, "country", "Field may not be null"),
    ({"country": "ZZ"}, "country", "not an ISO 3166 country code"),
    ({"sector": ""}, "sector", "Shorter than minimum length 1"),
    ({"sector": "s" * 201}, "sector", "Longer than maximum length 200"),
    ({"sector": "  "}, "sector", "Name the sector"),
    ({"description": "d" * 2001}, "description", "Longer than maximum length 2000"),
    ({"visibility": "friends"}, "visibility", "Must be one of: public, participants"),
    ({"show_contact": 1}, "show_contact", "Not a valid boolean"),
    ({"email": "me@example.org"}, "email", "Unknown field"),
])
def test_bad_needs_are_refused_naming_the_field(client, dbs, exchange, headers, change, field,
                                                message):
    body = {"country": "LA", "sector": "Waste", "description": "A plant.", **change}

    response = client.post(API + f"/exchange/topics/{exchange.topic.id}/needs",
                           headers=headers("participant"), json=body)

    assert response.status_code == 422 and response.mimetype == PROBLEM
    assert message in response.get_json()["errors"][field]
    assert dbs.scalars(select(Need)).all() == []


@pytest.mark.parametrize("who", ["outsider", "pending", "cancelled", "elsewhere", "organizer"])
def test_only_confirmed_participants_post_needs(client, dbs, exchange, headers, who):
    response = client.post(API + f"/exchange/topics/{exchange.topic.id}/needs",
                           headers=headers(who),
                           json={"country": "LA", "sector": "Waste", "description": "A plant."})

    assert response.status_code == 403 and response.mimetype == PROBLEM
    assert "register first" in response.get_json()["errors"]["registration"]
    assert dbs.scalars(select(Need)).all() == []


def test_the_author_withdraws_and_an_organizer_hides(client, dbs, exchange, needs, headers):
    assert client.delete(API + f"/exchange/needs/{needs['private'].id}",
                         headers=headers("participant")).status_code == 204

    hidden = client.post(API + f"/exchange/needs/{needs['public'].id}/hide",
                         headers=headers("organizer"))
    assert hidden.status_code == 200
    assert hidden.get_json()["hidden"] is True
    assert needs_of(client.get(API + "/exchange").get_json()) == ["Quiet need"]
    assert needs_of(client.get(API + "/exchange", headers=headers("organizer")).get_json()) == [
        "Public sector need", "Quiet need"]

    assert client.delete(API + f"/exchange/needs/{needs['quiet'].id}",
                         headers=headers("organizer")).status_code == 204
    assert dbs.scalars(select(Need.sector)).all() == ["Public sector need"]


@pytest.mark.parametrize("who", ["outsider", "elsewhere"])
def test_no_one_else_withdraws_a_need(client, dbs, exchange, needs, headers, who):
    response = client.delete(API + f"/exchange/needs/{needs['public'].id}", headers=headers(who))

    assert response.status_code == 403
    assert "author or an organizer" in response.get_json()["errors"]["need"]
    assert len(dbs.scalars(select(Need)).all()) == 3


# Who may call what

ORGANIZER_CALLS = [
    ("POST", "/exchange/topics", {"session_id": "{session}", "title_en": "T"}, 201),
    ("PATCH", "/exchange/topics/{topic}", {"title_en": "T2"}, 200),
    ("DELETE", "/exchange/topics/{second}", None, 204),
    ("POST", "/exchange/presentations", {"topic_id": "{topic}", "enterprise_en": "E",
                                         "title_en": "T"}, 201),
    ("PATCH", "/exchange/presentations/{presentation}", {"title_en": "T2"}, 200),
    ("DELETE", "/exchange/presentations/{presentation}", None, 204),
    ("POST", "/exchange/needs/{need}/hide", None, 200),
]
# Calls for signed-in callers, with the role that succeeds and those refused with 403.
SIGNED_IN_CALLS = [
    ("POST", "/exchange/topics/{topic}/needs",
     {"country": "LA", "sector": "Waste", "description": "A plant."}, "participant", 201),
    ("DELETE", "/exchange/needs/{need}", None, "participant", 204),
]


def fill(value, world):
    if isinstance(value, str):
        return world.get(value, value)
    if isinstance(value, dict):
        return {k: fill(v, world) for k, v in value.items()}
    return value


@pytest.fixture
def world(exchange, needs):
    return {"{session}": exchange.session.id, "{topic}": exchange.topic.id,
            "{second}": exchange.second.id, "{presentation}": exchange.presentation.id,
            "{need}": needs["public"].id}


def call(client, method, path, body, world, headers=None, slug="test-event"):
    url = f"/api/v1/events/{slug}" + path.format(**{k.strip("{}"): v for k, v in world.items()})
    return client.open(url, method=method, json=fill(body, world), headers=headers or {})


def table(dbs):
    dbs.expire_all()
    return (dbs.execute(select(ExchangeTopic.id, ExchangeTopic.title_en)).all(),
            dbs.execute(select(Presentation.id, Presentation.title_en)).all(),
            dbs.execute(select(Need.id, Need.hidden_at)).all())


CALLS = [(m, p, b) for m, p, b, _ in ORGANIZER_CALLS] + [(m, p, b) for m, p, b, _, _ in
                                                        SIGNED_IN_CALLS]


@pytest.mark.parametrize("method, path, body", CALLS)
def test_every_write_needs_a_token(client, dbs, world, method, path, body):
    before = table(dbs)

    response = call(client, method, path, body, world)

    assert response.status_code == 401 and response.mimetype == PROBLEM
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert table(dbs) == before


@pytest.mark.parametrize("method, path, body, status", ORGANIZER_CALLS)
@pytest.mark.parametrize("who", ["participant", "outsider"])
def test_organizer_calls_refuse_everyone_else(client, dbs, world, headers, method, path, body,
                                              status, who):
    before = table(dbs)

    response = call(client, method, path, body, world, headers(who))

    assert response.status_code == 403 and response.mimetype == PROBLEM
    assert table(dbs) == before


@pytest.mark.parametrize("method, path, body, status", ORGANIZER_CALLS)
def test_organizer_calls_succeed_for_organizers(client, world, headers, method, path, body,
                                                status):
    response = call(client, method, path, body, world, headers("organizer"))

    assert response.status_code == status, response.get_json()


@pytest.mark.parametrize("method, path, body, role, status", SIGNED_IN_CALLS)
@pytest.mark.parametrize("who", ["outsider", "elsewhere"])
def test_participant_calls_refuse_others_with_403(client, dbs, world, headers, method, path,
                                                  body, role, status, who):
    before = table(dbs)

    response = call(client, method, path, body, world, headers(who))

    assert response.status_code == 403 and response.mimetype == PROBLEM
    assert table(dbs) == before


@pytest.mark.parametrize("method, path, body, role, status", SIGNED_IN_CALLS)
def test_participant_calls_succeed_for_the_participant(client, world, headers, method, path,
                                                      body, role, status):
    response = call(client, method, path, body, world, headers(role))

    assert response.status_code == status, response.get_json()


@pytest.mark.parametrize("method, path, body, role", [
    *((m, p, b, "organizer") for m, p, b, _ in ORGANIZER_CALLS if "{" in p),
    *((m, p, b, role) for m, p, b, role, _ in SIGNED_IN_CALLS),
])
def test_another_events_ids_are_not_found(client, dbs, world, headers, people, method, path,
                                          body, role):
    other = factories.make_event(dbs, "third-event")
    factories.make_registration(dbs, other, people["participant"])
    before = table(dbs)

    response = call(client, method, path, body, world, headers(role), slug="third-event")

    assert response.status_code == 404 and response.mimetype == PROBLEM
    assert table(dbs) == before


def test_the_calls_are_documented(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    paths = spec["paths"]
    base = "/api/v1/events/{slug}/exchange"

    assert "get" in paths[base] and "security" not in paths[base]["get"]
    for path, methods in [("/topics", ["post"]), ("/topics/{topic_id}", ["patch", "delete"]),
                          ("/presentations", ["post"]),
                          ("/presentations/{presentation_id}", ["patch", "delete"]),
                          ("/topics/{topic_id}/needs", ["post"]),
                          ("/needs/{need_id}", ["delete"]), ("/needs/{need_id}/hide", ["post"])]:
        for method in methods:
            operation = paths[base + path][method]
            assert operation["security"] == [{"bearerAuth": []}], (path, method)
            assert {"401", "404"} <= set(operation["responses"]), (path, method)
            assert operation.get("summary") or operation.get("description"), (path, method)
