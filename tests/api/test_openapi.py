"""The OpenAPI document is generated from the code and describes every call."""

import re

import pytest

from tests.api.conftest import METHODS, operations
from tests.api.test_authorization import ORGANIZER_CALLS
from tests.registration.api.test_authorization import ORGANIZER_CALLS as REGISTRATION_CALLS
from tests.registration.api.test_authorization import SIGNED_IN_CALLS as OWN_REGISTRATION_CALLS
from tests.speakers.api.test_authorization import ORGANIZER_CALLS as SPEAKER_CALLS

PATHS = {
    "/api/v1/auth/tokens": {"post", "get"},
    "/api/v1/auth/signup": {"post"},
    "/api/v1/auth/tokens/{token_id}": {"delete"},
    "/api/v1/events": {"get", "post"},
    "/api/v1/events/{slug}": {"get", "patch", "delete"},
    "/api/v1/events/{slug}/sessions": {"get", "post"},
    "/api/v1/events/{slug}/sessions/{session_id}": {"get", "patch", "delete"},
    "/api/v1/events/{slug}/sessions/{session_id}/restore": {"post"},
    "/api/v1/events/{slug}/sessions/{session_id}/changes": {"get"},
    "/api/v1/events/{slug}/rooms": {"get", "post"},
    "/api/v1/events/{slug}/rooms/{room_id}": {"patch", "delete"},
    "/api/v1/events/{slug}/subforums": {"get", "post"},
    "/api/v1/events/{slug}/subforums/{subforum_id}": {"get", "patch", "delete"},
    "/api/v1/events/{slug}/speakers": {"get"},
    "/api/v1/events/{slug}/speakers/{speaker_id}": {"get"},
    "/api/v1/events/{slug}/speakers/{speaker_id}/invitation": {"put"},
    "/api/v1/speakers": {"get", "post"},
    "/api/v1/speakers/{speaker_id}": {"get", "patch"},
    "/api/v1/events/{slug}/registrations": {"get", "post"},
    "/api/v1/events/{slug}/registrations/me": {"get", "patch", "delete"},
    "/api/v1/events/{slug}/registrations/{registration_id}": {"get"},
    "/api/v1/events/{slug}/registrations/{registration_id}/approve": {"post"},
    "/api/v1/events/{slug}/registrations/{registration_id}/reject": {"post"},
    "/api/v1/events/{slug}/subforums/{subforum_id}/seats": {"post"},
    "/api/v1/events/{slug}/subforums/{subforum_id}/seats/me": {"delete"},
    "/api/v1/events/{slug}/sessions/{session_id}/seats": {"post"},
    "/api/v1/events/{slug}/sessions/{session_id}/seats/me": {"delete"},
    "/api/v1/events/{slug}/registration-questions": {"get", "post"},
    "/api/v1/events/{slug}/team": {"get", "post"},
    "/api/v1/events/{slug}/team/{member_id}": {"patch", "delete"},
    "/api/v1/events/{slug}/audit": {"get"},
    "/api/v1/events/{slug}/webhooks": {"get", "post"},
    "/api/v1/events/{slug}/attendance": {"get"},
    "/api/v1/events/{slug}/live": {"get"},
    "/api/v1/events/{slug}/running-late": {"post"},
    "/api/v1/events/{slug}/webhooks/{webhook_id}": {"get", "patch", "delete"},
    "/api/v1/events/{slug}/webhooks/{webhook_id}/secret": {"post"},
    "/api/v1/events/{slug}/webhooks/{webhook_id}/ping": {"post"},
    "/api/v1/events/{slug}/webhooks/{webhook_id}/deliveries": {"get"},
    "/api/v1/events/{slug}/webhooks/{webhook_id}/deliveries/{delivery_id}": {"get"},
    "/api/v1/events/{slug}/webhooks/{webhook_id}/deliveries/{delivery_id}/retry": {"post"},
    "/api/v1/events/{slug}/registration-questions/{question_id}": {"patch", "delete"},
    "/api/v1/me/registrations": {"get"},
    "/api/v1/me/calendar": {"get"},
    "/api/v1/me/calendar/reset": {"post"},
    "/api/v1/events/{slug}/exchange": {"get"},
    "/api/v1/events/{slug}/exchange/topics": {"post"},
    "/api/v1/events/{slug}/exchange/topics/{topic_id}": {"patch", "delete"},
    "/api/v1/events/{slug}/exchange/presentations": {"post"},
    "/api/v1/events/{slug}/exchange/presentations/{presentation_id}": {"patch", "delete"},
    "/api/v1/events/{slug}/exchange/topics/{topic_id}/needs": {"post"},
    "/api/v1/events/{slug}/exchange/needs/{need_id}": {"delete"},
    "/api/v1/events/{slug}/exchange/needs/{need_id}/hide": {"post"},
    "/api/v1/events/{slug}/exchange/presentations/{presentation_id}/questions": {"get", "post"},
    "/api/v1/events/{slug}/exchange/questions/{question_id}/vote": {"post", "delete"},
    "/api/v1/events/{slug}/exchange/questions/{question_id}/answered": {"post"},
    "/api/v1/events/{slug}/exchange/questions/{question_id}/hide": {"post"},
    "/api/v1/events/{slug}/exchange/questions/{question_id}/unhide": {"post"},
    "/api/v1/events/{slug}/exchange/meetings": {"post"},
    "/api/v1/events/{slug}/exchange/meetings/{meeting_id}": {"get"},
    "/api/v1/events/{slug}/exchange/meetings/{meeting_id}/proposals": {"post"},
    "/api/v1/events/{slug}/exchange/meetings/{meeting_id}/accept": {"post"},
    "/api/v1/events/{slug}/exchange/meetings/{meeting_id}/decline": {"post"},
    "/api/v1/events/{slug}/exchange/meetings/{meeting_id}/cancel": {"post"},
    "/api/v1/me/meetings": {"get"},
    "/api/v1/events/{slug}/exchange/matchmaking": {"get"},
}
EXCHANGE = "/api/v1/events/{slug}/exchange"
# Exchange calls for organizers (bearer security, 401 and 403).
EXCHANGE_ORGANIZER_CALLS = {
    (EXCHANGE + "/topics", "post"), (EXCHANGE + "/topics/{topic_id}", "patch"),
    (EXCHANGE + "/topics/{topic_id}", "delete"), (EXCHANGE + "/presentations", "post"),
    (EXCHANGE + "/presentations/{presentation_id}", "patch"),
    (EXCHANGE + "/presentations/{presentation_id}", "delete"),
    (EXCHANGE + "/needs/{need_id}/hide", "post"), (EXCHANGE + "/matchmaking", "get"),
}
BEARER = [{"bearerAuth": []}]


def documented_path(concrete: str) -> str:
    """'/api/v1/events/test-event/rooms/{spare_room}' -> '/api/v1/events/{slug}/rooms/{room_id}'
    (a query string is left out)."""
    concrete = concrete.split("?")[0].replace("/test-event", "/{slug}").replace("/draft", "/{slug}")
    for path in PATHS:
        pattern = "^" + re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(path)) + "$"
        if re.match(pattern, concrete):
            return path
    raise AssertionError(f"{concrete} is not documented")


def test_it_is_openapi_3_1_and_lists_every_call(spec):
    assert spec["openapi"] == "3.1.0"
    assert {path: {m for m in item if m in METHODS} for path, item in spec["paths"].items()} \
        == PATHS


def test_request_and_response_schemas_are_components(spec):
    names = set(spec["components"]["schemas"])
    assert {"Event", "EventInput", "EventPatch", "Session", "SessionInput", "SessionPatch",
            "SessionChange", "Room", "PublicRoom", "RoomInput", "SubForum", "SubForumInput",
            "Bilingual", "Problem", "TokenRequest", "Token", "Registration", "RegistrationInput",
            "OrganizerRegistration", "Seat", "SeatRequest", "RegistrationQuestion",
            "RegistrationQuestionInput"} <= names
    session = spec["components"]["schemas"]["Session"]["properties"]
    assert session["starts_at"] == {"type": "string", "format": "date-time"}
    assert "join_url" not in spec["components"]["schemas"]["PublicRoom"]["properties"]
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


def test_every_operation_answers_and_documents_problems(spec):
    for path, method, operation in operations(spec):
        responses = operation["responses"]
        assert any(code.startswith("2") for code in responses), (path, method)
        assert "default" in responses, (path, method)
        if "requestBody" in operation:
            content = operation["requestBody"]["content"]["application/json"]
            assert content["schema"]["$ref"].startswith("#/components/schemas/")
            assert "422" in responses, (path, method)
    problem = spec["components"]["responses"]["UNPROCESSABLE_ENTITY"]["content"]
    assert list(problem) == ["application/problem+json"]
    # Besides its example (tests/api/test_examples.py).
    assert problem["application/problem+json"]["schema"] == {
        "$ref": "#/components/schemas/Problem"}


# Calls any signed-in user makes for themselves: bearer security, no role.
SIGNED_IN_CALLS = {
    ("/api/v1/auth/tokens", "get"), ("/api/v1/auth/tokens/{token_id}", "delete"),
    ("/api/v1/me/calendar", "get"), ("/api/v1/me/calendar/reset", "post"),
    *((documented_path(path), method.lower()) for method, path, _ in OWN_REGISTRATION_CALLS),
    # Participants post needs and questions and vote; the service decides who may. Session
    # moderators (not only organizers) moderate questions.
    (EXCHANGE + "/topics/{topic_id}/needs", "post"), (EXCHANGE + "/needs/{need_id}", "delete"),
    (EXCHANGE + "/presentations/{presentation_id}/questions", "post"),
    (EXCHANGE + "/questions/{question_id}/vote", "post"),
    (EXCHANGE + "/questions/{question_id}/vote", "delete"),
    (EXCHANGE + "/questions/{question_id}/answered", "post"),
    (EXCHANGE + "/questions/{question_id}/hide", "post"),
    (EXCHANGE + "/questions/{question_id}/unhide", "post"),
    # The two sides of a 1:1 meeting act on it; the service decides which side may do what.
    (EXCHANGE + "/meetings", "post"), (EXCHANGE + "/meetings/{meeting_id}", "get"),
    *((EXCHANGE + "/meetings/{meeting_id}/" + action, "post")
      for action in ("proposals", "accept", "decline", "cancel")),
    ("/api/v1/me/meetings", "get"),
}


def test_organizer_calls_and_only_they_carry_bearer_security(spec):
    secured = {(documented_path(path), method.lower())
               for method, path, _, _ in ORGANIZER_CALLS + SPEAKER_CALLS + REGISTRATION_CALLS
               } | EXCHANGE_ORGANIZER_CALLS

    for path, method, operation in operations(spec):
        if (path, method) in secured:
            assert operation.get("security") == BEARER, (path, method)
            assert {"401", "403"} <= set(operation["responses"]), (path, method)
        elif (path, method) in SIGNED_IN_CALLS:
            assert operation.get("security") == BEARER, (path, method)
            assert "401" in operation["responses"], (path, method)
        else:
            assert "security" not in operation, (path, method)
    writes = {(p, m) for p, m, _ in operations(spec)
              if m in {"post", "put", "patch", "delete"}}
    assert writes - secured - SIGNED_IN_CALLS == {
        ("/api/v1/auth/tokens", "post"), ("/api/v1/auth/signup", "post")}


def test_the_document_validates_as_openapi_3_1(spec):
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(spec)


def test_events_say_when_registration_closes_and_whether_it_is_open(spec):
    schemas = spec["components"]["schemas"]
    event = schemas["Event"]["properties"]

    closes = event["registration_closes_at"]
    assert (closes["type"], closes["format"]) == (["string", "null"], "date-time")
    assert "null: when the event ends" in closes["description"]
    assert event["registration_open"] == event["registration_open"] | {
        "type": "boolean", "readOnly": True}
    for name in ("EventInput", "EventPatch"):
        written = schemas[name]["properties"]
        assert written["registration_closes_at"]["format"] == "date-time", name
        assert "registration_open" not in written, name


def test_the_documentation_page_loads_swagger_ui_from_the_app_itself(client):
    page = client.get("/api/v1/docs").get_data(as_text=True)

    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(source.startswith("/") for source in sources)
    assert 'data-spec="/api/v1/openapi.json"' in page
    bundle = client.get("/api/v1/docs/assets/swagger-ui-bundle.js")
    assert bundle.status_code == 200 and bundle.mimetype == "text/javascript"
    assert client.get("/api/v1/docs/assets/../../openapi.json").status_code == 404


def test_the_document_names_the_answers_every_call_can_give(client):
    """Conditional requests, malformed bodies and rate limits are documented on each call."""
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    operations = [(method, operation) for item in paths.values()
                  for method, operation in item.items() if method in
                  ("get", "post", "put", "patch", "delete")]

    for method, operation in operations:
        responses, headers = operation["responses"], {
            p["name"] for p in operation.get("parameters", []) if p["in"] == "header"}
        assert "429" in responses
        if method == "get":
            assert "304" in responses and "If-None-Match" in headers
            assert "ETag" in responses["200"].get("headers", {})
        if method in ("put", "patch", "delete"):
            assert "412" in responses and "If-Match" in headers
        if "requestBody" in operation:
            assert {"400", "415", "422"} <= set(responses)


def test_the_document_says_which_characters_text_may_hold(client, app):
    """Text fields carry the pattern the services enforce (core.validation.text_fault), so a
    client generating input from the document does not send what will be refused."""
    from lmevents.api.schemas import LINE_PATTERN, TEXT_PATTERN
    from lmevents.core.validation import text_fault

    samples = ["Mekong", "湄公河 roundtable", "tab\there", "two\nlines", "cr\rlf", "nul\x00",
               "bell\x07", "del\x7f", "c1\x85", "\u2028 separator", ""]
    with app.test_request_context():
        for sample in samples:
            assert (re.fullmatch(LINE_PATTERN, sample) is not None) == (
                text_fault(sample, multiline=False) is None), repr(sample)
            assert (re.fullmatch(TEXT_PATTERN, sample) is not None) == (
                text_fault(sample, multiline=True) is None), repr(sample)

    schemas = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    assert schemas["EventInput"]["properties"]["title_en"]["pattern"] == LINE_PATTERN
    assert schemas["EventInput"]["properties"]["description_en"]["pattern"] == TEXT_PATTERN


def test_zone_fields_list_the_zones_the_api_accepts(client):
    from lmevents.core.timezones import all_zones

    spec = client.get("/api/v1/openapi.json").get_json()
    sessions = spec["paths"]["/api/v1/events/{slug}/sessions"]["get"]["parameters"]
    (tz,) = [p for p in sessions if p["name"] == "tz"]

    assert tz["schema"]["$ref"] == "#/components/schemas/TimeZone"
    assert spec["components"]["schemas"]["EventInput"]["properties"]["timezone"]["$ref"] == (
        "#/components/schemas/TimeZone")
    assert set(spec["components"]["schemas"]["TimeZone"]["enum"]) == all_zones()
    assert "Asia/Vientiane" in all_zones() and "Vientiane" not in all_zones()


def test_a_zone_that_may_be_null_is_documented_so(client):
    schemas = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]

    (signup,) = [s for name, s in schemas.items() if name.startswith("SignUp")
                 and "password" in s.get("properties", {})]
    assert signup["properties"]["timezone"]["anyOf"] == [
        {"$ref": "#/components/schemas/TimeZone"}, {"type": "null"}]


def test_country_fields_list_the_codes_the_api_accepts(client):
    from lmevents.core.validation import COUNTRY_CODES

    schemas = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    listed = {"$ref": "#/components/schemas/CountryCode"}
    inputs = [s for name, s in schemas.items()
              if "country" in s.get("properties", {}) and name.endswith(("Input", "Patch"))
              or name.startswith("SignUp") and "password" in s.get("properties", {})]

    assert inputs
    for schema in inputs:
        country = schema["properties"]["country"]
        assert (country.get("$ref") == listed["$ref"]
                or country.get("anyOf", [None])[0] == listed), country
    assert set(schemas["CountryCode"]["enum"]) == COUNTRY_CODES


# E-mail addresses, and whether the services take them (core.validation.normalized_email).
ADDRESSES = [
    ("ada@example.org", True), ("Ada.Lovelace+api@mail.example.co.uk", True),
    ("ada@test.example.org", True), ("ada@lab.test", False), ("ada@lab.TEST", False),
    ("ada@lab.invalid", False), ("ada@printer.local", False), ("ada@localhost", False),
    ("ada@example", False), ("ada@hidden.onion", False), ("ada@in-addr.arpa", False),
    ('"ada lovelace"@example.org', False), ("ada@[192.0.2.1]", False),
    ("ada@example.123", False), ("not-an-address", False),
]


def test_e_mail_fields_allow_only_addresses_the_services_take(spec, app):
    """An address the document allows is one the services take, and one they refuse the
    document refuses: a special-use domain (.test, .invalid…) never receives mail."""
    jsonschema_rs = pytest.importorskip("jsonschema_rs")
    from lmevents.core.validation import normalized_email
    from lmevents.errors import Invalid

    schemas = spec["components"]["schemas"]
    (signup,) = [s for name, s in schemas.items() if name.startswith("SignUp")
                 and "password" in s.get("properties", {})]
    fields = {"SignUp.email": signup["properties"]["email"],
              "ContactInput.emails": schemas["ContactInput"]["properties"]["emails"]["items"],
              "SpeakerInput.email": schemas["SpeakerInput"]["properties"]["email"]}
    with app.test_request_context():
        for address, taken in ADDRESSES:
            try:
                normalized_email(address)
            except Invalid:
                assert not taken, address
            else:
                assert taken, address
            for name, field in fields.items():
                documented = jsonschema_rs.validator_for(field, validate_formats=True)
                assert documented.is_valid(address) == taken, (name, address)
    assert "special-use" in signup["properties"]["email"]["description"]


def test_web_address_fields_allow_only_what_the_api_takes(spec, app):
    """The empty string is no address (as on the forms); anything else is http(s) with a
    host, on one line."""
    jsonschema_rs = pytest.importorskip("jsonschema_rs")
    from marshmallow import ValidationError

    from lmevents.api.schemas import WebLink

    links = ["https://www.example.org/", "http://example.org", "HTTPS://EXAMPLE.ORG/a?b=1#c",
             "https://meeting.example.org/j/123", "", "javascript:alert(1)",
             "data:image/png;base64,AAAA", "ftp://files.example.org", "www.example.org",
             "https://", "http://[", "http://[x]/", "https://exa mple.org", "https://a.org/\n"]
    schemas = spec["components"]["schemas"]
    fields = [schemas["ContactInput"]["properties"]["website"],
              schemas["HostInput"]["properties"]["url"],
              schemas["SpeakerInput"]["properties"]["photo_url"],
              schemas["RoomInput"]["properties"]["join_url"]]
    with app.test_request_context():
        for link in links:
            try:
                WebLink().deserialize(link)
                taken = True
            except ValidationError:
                taken = False
            for field in fields:
                documented = jsonschema_rs.validator_for(field, validate_formats=True)
                assert documented.is_valid(link) == taken, (link, field)


def test_times_a_request_takes_state_their_years(spec, app):
    """A time is taken when written in the years 1970 to 2999 (whatever its UTC year), with
    a UTC offset; the document says so with a pattern on every time a request takes."""
    jsonschema_rs = pytest.importorskip("jsonschema_rs")
    from marshmallow import ValidationError

    from lmevents.api.schemas import TIME_PATTERN, AwareDateTime

    taken = ["2020-11-26T09:00:00+08:00", "2020-11-26T01:00:00.5Z",
             "1970-01-01T00:30:00+01:00", "2999-12-31T23:00:00-05:00"]
    refused = ["1969-12-31T23:59:59Z", "3000-01-01T00:00:00Z", "0001-01-01T00:00:00+14:00",
               "2020-11-26T09:00:00", "2020-11-26T09:00:60Z"]
    documented = jsonschema_rs.validator_for(
        {"type": "string", "format": "date-time", "pattern": TIME_PATTERN}, validate_formats=True)
    with app.test_request_context():
        for moment in taken:
            assert documented.is_valid(moment), moment
            AwareDateTime().deserialize(moment)
        for moment in refused:
            assert not documented.is_valid(moment), moment
            with pytest.raises(ValidationError):
                AwareDateTime().deserialize(moment)

    inputs = {name: schema for name, schema in spec["components"]["schemas"].items()
              if name.endswith(("Input", "Patch")) or name == "MeetingTime"}
    times = [(name, field) for name, schema in inputs.items()
             for field, value in schema.get("properties", {}).items()
             if value.get("format") == "date-time"]
    assert ("SessionInput", "starts_at") in times and ("MeetingTime", "ends_at") in times
    for name, field in times:
        assert inputs[name]["properties"][field]["pattern"] == TIME_PATTERN, (name, field)


@pytest.mark.parametrize("schema, field, valid, invalid", [
    ("EventInput", "start_date", "2020-11-26", "1969-12-31"),
    ("EventPatch", "end_date", "2999-12-31", "3000-01-01"),
    ("SubForumInput", "moderator_ids", [1, 2], [1, 1]),
])
def test_what_json_schema_can_say_the_document_says(spec, schema, field, valid, invalid):
    jsonschema_rs = pytest.importorskip("jsonschema_rs")
    documented = jsonschema_rs.validator_for(
        spec["components"]["schemas"][schema]["properties"][field], validate_formats=True)

    assert documented.is_valid(valid)
    assert not documented.is_valid(invalid)


def test_a_blank_name_is_refused_by_the_document_too(spec):
    jsonschema_rs = pytest.importorskip("jsonschema_rs")
    (signup,) = [s for name, s in spec["components"]["schemas"].items()
                 if name.startswith("SignUp") and "password" in s.get("properties", {})]
    documented = jsonschema_rs.validator_for(signup["properties"]["name"])

    assert documented.is_valid("Khamla S.")
    assert not documented.is_valid("   ")


# Rules JSON Schema cannot say (across fields, or about what exists), said where the field is
# described: a client reading the document learns why such a request is refused (422).
STATED = [
    ("EventInput", "title_en", "A title is required, in Chinese or English (or both)."),
    ("EventPatch", "title_zh", "A title is required, in Chinese or English (or both)."),
    ("EventInput", "end_date", "not before start_date"),
    ("EventInput", "hosts", "each with a name"),
    ("EventInput", "registration_closes_at", "at the latest the event's end"),
    ("TeamMemberInput", "email", "an existing account"),
    ("SpeakerInput", "name_en", "A name is required, in Chinese or English (or both)."),
    ("SubForumInput", "title_en", "A title is required, in Chinese or English (or both)."),
    ("SubForumPatch", "room_id", "one of this event's"),
    ("SubForumInput", "moderator_ids", "an unknown one is refused"),
    ("SessionInput", "title_en", "A title is required, in Chinese or English (or both)."),
    ("SessionPatch", "title_zh", "A title is required, in Chinese or English (or both)."),
    ("SessionInput", "starts_at", "within the event's dates"),
    ("SessionPatch", "ends_at", "after starts_at, within the event's dates"),
    ("SessionInput", "room_id", "one of this event's virtual rooms"),
    ("SessionPatch", "subforum_id", "one of this event's sub-forums"),
    ("SessionInput", "subforum_id", "required when kind is `subforum`"),
    ("SessionPatch", "speakers", "each once: an unknown one is refused"),
    ("RoomInput", "name_en", "A room name is required, in Chinese or English (or both)."),
    ("RegistrationInput", "name", "not blank"),
    ("RegistrationInput", "answers", "every required question needs an answer"),
    ("RegistrationQuestionInput", "label_en", "in Chinese or English (or both)"),
    ("RegistrationQuestionPatch", "label_zh", "in Chinese or English (or both)"),
    ("RegistrationQuestionInput", "options", "at least two options"),
    ("RegistrationQuestionPatch", "options", "only for choice questions"),
    ("RegistrationQuestionPatch", "options", "only added or renamed"),
    ("ExchangeTopicInput", "title_en", "A title is required, in Chinese or English (or both)."),
    ("ExchangeTopicPatch", "session_id", "one of this event's sessions"),
    ("ExchangeTopicInput", "session_id", "a session of kind `exchange`"),
    ("ExchangePresentationInput", "enterprise_en", "in Chinese or English (or both)"),
    ("ExchangePresentationPatch", "title_zh", "A title is required"),
    ("ExchangePresentationPatch", "topic_id", "one of this event's exchange topics"),
    ("ExchangeQuestionInput", "text", "not blank"),
    ("MeetingRequestInput", "presentation_id", "either a presentation or a need (one of them)"),
    ("MeetingRequestInput", "need_id", "either a presentation or a need (one of them)"),
]


@pytest.mark.parametrize("schema, field, words", STATED)
def test_rules_json_schema_cannot_say_are_in_the_fields_descriptions(spec, schema, field, words):
    assert words in spec["components"]["schemas"][schema]["properties"][field]["description"]


def test_the_session_seats_call_says_which_sessions_have_seats(spec):
    call = spec["paths"]["/api/v1/events/{slug}/sessions/{session_id}/seats"]["post"]
    said = f"{call['summary']} {call['description']}"

    assert "any other plenary session takes no seat" in said.replace("\n", " ").lower()
    assert "take a seat in the sub-forum" in said
