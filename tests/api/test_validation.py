"""Bad input is a 422 problem naming the field, never a 500."""

import pytest

from tests import factories
from tests.probes import PROBLEM

EVENT = "/api/v1/events/test-event"
SESSION = {"kind": "keynote", "title_en": "Keynote",
           "starts_at": "2020-11-26T09:00:00+08:00", "ends_at": "2020-11-26T10:00:00+08:00"}
NEW_EVENT = {"slug": "new-event", "timezone": "UTC", "title_en": "New",
             "start_date": "2021-01-01", "end_date": "2021-01-02"}

BAD_INPUT = [
    # (path, method, body, field named in `errors`, words of its message)
    ("/sessions", "POST", {k: v for k, v in SESSION.items() if k != "kind"},
     "kind", "Missing data"),
    ("/sessions", "POST", SESSION | {"kind": "party"}, "kind", "Must be one of"),
    ("/sessions", "POST", SESSION | {"starts_at": "2020-11-26T09:00:00"},
     "starts_at", "Give a UTC offset"),
    ("/sessions", "POST", SESSION | {"ends_at": "tomorrow"}, "ends_at", "Not a valid datetime"),
    ("/sessions", "POST", SESSION | {"starts_at": 1606352400}, "starts_at", "Not a valid"),
    ("/sessions", "POST", SESSION | {"room_id": "one"}, "room_id", "Not a valid integer"),
    ("/sessions", "POST", SESSION | {"room_id": 2**40}, "room_id", "less than or equal"),
    ("/sessions", "POST", SESSION | {"subforum_id": 1.5}, "subforum_id", "integer"),
    ("/sessions", "POST", SESSION | {"capacity": -1}, "capacity", "greater than or equal to 0"),
    ("/sessions", "POST", SESSION | {"title_en": "x" * 301}, "title_en", "Longer than maximum"),
    ("/sessions", "POST", SESSION | {"title_zh": "a\x00b"}, "title_zh", "NUL"),
    ("/sessions", "POST", SESSION | {"title_en": "\ud800"}, "title_en", "lone surrogate"),
    ("/sessions", "POST", SESSION | {"title_en": ["a list"]}, "title_en", "Not a valid string"),
    ("/sessions", "POST", SESSION | {"colour": "red"}, "colour", "Unknown field"),
    ("/sessions", "POST", SESSION | {"topics": "water"}, "topics", "Not a valid list"),
    ("/sessions", "POST", SESSION | {"speakers": [{"speaker_id": 1, "role": "singer"}]},
     "speakers.0.role", "Must be one of"),
    ("/sessions", "POST", SESSION | {"speakers": [{"speaker_id": 1, "role": "chair",
                                                   "email": "x@example.org"}]},
     "speakers.0.email", "Unknown field"),
    ("/sessions", "POST", SESSION | {"speakers": [{"role": "chair"}]},
     "speakers.0.speaker_id", "Missing data"),
    ("/sessions/{session}", "PATCH", {"starts_at": None}, "starts_at", "may not be null"),
    ("/sessions/{session}", "PATCH", {"speakers": [{"role": "chair"}]},
     "speakers.0.speaker_id", "Missing data"),
    ("/sessions/{session}", "PATCH", {"topics": [{"title": "Water"}]}, "topics.0.title",
     "Unknown field"),
    ("/sessions/{session}", "PATCH", {"status": "cancelled"}, "status", "Unknown field"),
    ("/sessions/{session}", "PATCH", {"revision": 7}, "revision", "Unknown field"),
    ("", "PATCH", {"published": "yes"}, "published", "Not a valid boolean"),
    ("", "PATCH", {"start_date": "26/11/2020"}, "start_date", "Not a valid date"),
    ("", "PATCH", {"end_date": "9999-12-31"}, "end_date", "less than or equal to 2999-12-31"),
    ("", "PATCH", {"timezone": "Mars/Olympus_Mons"}, "timezone", "not an IANA time zone"),
    ("", "PATCH", {"default_language": "fr"}, "default_language", "Must be one of"),
    ("", "PATCH", {"slug": "Not A Slug"}, "slug", "lower-case"),
    ("", "PATCH", {"contact": {"emails": ["not-an-address"]}}, "contact.emails.0",
     "Not a valid email"),
    ("", "PATCH", {"hosts": [{"name_en": "H", "url": "ftp://h.example.org"}]}, "hosts.0.url",
     "Not a valid URL"),
    ("", "PATCH", {"first_published_at": None}, "first_published_at", "Unknown field"),
    ("", "PATCH", {"hosts": [{"url": "https://h.example.org", "name": "H"}]}, "hosts.0.name",
     "Unknown field"),
    ("/rooms", "POST", {"name_en": "Room", "platform": "skype"}, "platform", "Must be one of"),
    ("/rooms", "POST", {"name_en": "Room", "join_url": "meeting room 3"}, "join_url",
     "Not a valid URL"),
    ("/subforums", "POST", {"code": "much-too-long", "title_en": "F"}, "code", "short code"),
    ("/subforums", "POST", {"title_en": "F"}, "code", "Missing data"),
    ("/subforums", "POST", {"code": "F", "moderator_ids": ["a"]}, "moderator_ids.0",
     "Not a valid integer"),
]


@pytest.fixture
def session_id(dbs, event):
    return factories.make_session(dbs, event).id


@pytest.mark.parametrize("path, method, body, field, words", BAD_INPUT,
                         ids=[f"{m} {p} {f}" for p, m, _, f, _ in BAD_INPUT])
def test_bad_input_is_a_422_naming_the_field(client, organizer_headers, session_id, snapshot,
                                             path, method, body, field, words):
    before = snapshot()

    response = client.open(EVENT + path.format(session=session_id), method=method, json=body,
                           headers=organizer_headers)

    assert response.status_code == 422, response.get_json()
    assert response.mimetype == PROBLEM
    problem = response.get_json()
    assert {"type", "title", "status", "detail", "errors"} <= set(problem)
    assert problem["status"] == 422
    assert field in problem["errors"], problem["errors"]
    assert words in problem["errors"][field]
    assert field in problem["detail"]
    assert snapshot() == before


def test_every_bad_field_is_named_at_once(client, organizer_headers, event):
    response = client.post(EVENT + "/sessions", headers=organizer_headers, json={
        "kind": "party", "starts_at": "2020-11-26T09:00:00", "capacity": "many", "extra": 1,
    })

    assert response.status_code == 422
    # The schema's faults, and the rule it could still check: a session needs a title.
    assert set(response.get_json()["errors"]) == {
        "kind", "starts_at", "ends_at", "capacity", "extra", "title_en"}


@pytest.mark.parametrize("data", ["{not json", '{"kind": "keynote",}', "\xff\xfe"])
def test_a_malformed_json_body_is_a_400(client, organizer_headers, event, data):
    """Not JSON at all is a malformed request (RFC 9110), not invalid input."""
    response = client.post(EVENT + "/sessions", headers=organizer_headers, data=data,
                           content_type="application/json")

    assert response.status_code == 400
    assert response.mimetype == PROBLEM
    assert response.get_json()["errors"]


def test_no_body_at_all_names_the_fields_it_needs(client, organizer_headers, event):
    response = client.post(EVENT + "/sessions", headers=organizer_headers, data="",
                           content_type="application/json")

    assert response.status_code == 422
    assert {"kind", "starts_at", "ends_at"} <= set(response.get_json()["errors"])


@pytest.mark.parametrize("data", ['[{"kind": "keynote"}]', '"keynote"', "42", "null"])
def test_a_body_that_is_not_an_object_is_a_422(client, organizer_headers, event, data):
    response = client.post(EVENT + "/sessions", headers=organizer_headers, data=data,
                           content_type="application/json")

    assert response.status_code == 422
    assert response.mimetype == PROBLEM
    assert "_schema" in response.get_json()["errors"]


def test_a_form_encoded_body_is_refused_not_ignored(client, organizer_headers, event, snapshot):
    before = snapshot()

    response = client.patch(EVENT, headers=organizer_headers, data={"title_en": "Form"})

    assert response.status_code == 415
    assert response.mimetype == PROBLEM
    assert snapshot() == before


def test_a_new_event_with_a_bad_zone_names_the_field(client, organizer_headers):
    response = client.post("/api/v1/events", headers=organizer_headers,
                           json=NEW_EVENT | {"timezone": "Asia/Nowhere"})

    assert response.status_code == 422
    assert response.get_json()["errors"] == {
        "timezone": "'Asia/Nowhere' is not an IANA time zone (e.g. Asia/Shanghai)."}


@pytest.mark.parametrize("path", [
    "/api/v1/events/a%00b",
    "/api/v1/events/Not-A-Slug/sessions",
    "/api/v1/events/test-event/sessions/99999999999",
    "/api/v1/events/test-event/sessions/0",
    "/api/v1/events/test-event/subforums/99999999999",
])
def test_a_path_that_cannot_name_anything_is_a_404_problem(client, event, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response.mimetype == PROBLEM


def test_a_room_id_beyond_any_row_is_a_404_for_writes_too(client, organizer_headers, event):
    response = client.patch(EVENT + "/rooms/99999999999", headers=organizer_headers, json={})

    assert response.status_code == 404
    assert response.mimetype == PROBLEM


def test_the_detail_of_refused_input_is_a_sentence_in_the_callers_language(
    client, organizer_headers, event
):
    english = client.post(EVENT + "/sessions", headers=organizer_headers, json={})
    chinese = client.post(EVENT + "/sessions?lang=zh", headers=organizer_headers, json={})

    detail = english.get_json()["detail"]  # kind, times and a title are missing
    assert detail.startswith("4 fields are not right: ") and detail.endswith(".")
    assert set(detail[len("4 fields are not right: "):-1].split(", ")) == set(
        english.get_json()["errors"])
    assert chinese.get_json()["detail"].startswith("有 4 个字段不正确：")


def test_a_method_the_resource_does_not_take_is_405_saying_which_it_takes(client, event):
    response = client.open(EVENT + "/sessions", method="TRACE")

    assert response.status_code == 405 and response.mimetype == PROBLEM
    assert {"GET", "POST"} <= {m.strip() for m in response.headers["Allow"].split(",")}


@pytest.mark.parametrize("written, read", [("2.0", 2), ("2e0", 2), ("20E-1", 2), ("-0.0", 0)])
def test_an_integer_written_with_a_fraction_or_an_exponent_is_that_integer(
    client, organizer_headers, event, written, read
):
    """JSON has one kind of number, and JSON Schema's `integer` counts 2.0 as one."""
    body = f'{{"code": "F", "title_en": "Forum F", "capacity": {written}, "position": {written}}}'
    response = client.post(EVENT + "/subforums", headers=organizer_headers, data=body,
                           content_type="application/json")

    assert response.status_code == 201, response.get_json()
    assert response.get_json()["capacity"] == read


def test_a_time_is_taken_in_the_year_it_is_written(client, organizer_headers, event):
    """00:30 on 1 January 1970 in Paris is still 1969 in UTC: the year the document's pattern
    reads is the written one, and so is the API's."""
    response = client.patch(EVENT, headers=organizer_headers, json={
        "start_date": "1970-01-01", "end_date": "1970-01-01",
        "registration_closes_at": "1970-01-01T00:30:00+01:00"})

    assert response.status_code == 200, response.get_json()
    assert response.get_json()["registration_closes_at"].startswith("1969-12-31T23:30:00")
