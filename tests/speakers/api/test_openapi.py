"""The speakers API is described in the OpenAPI document, organizer calls as secured."""

import pytest

BEARER = [{"bearerAuth": []}]
PUBLIC = {
    ("/api/v1/events/{slug}/speakers", "get"),
    ("/api/v1/events/{slug}/speakers/{speaker_id}", "get"),
}
ORGANIZERS = {
    ("/api/v1/speakers", "get"),
    ("/api/v1/speakers", "post"),
    ("/api/v1/speakers/{speaker_id}", "get"),
    ("/api/v1/speakers/{speaker_id}", "patch"),
    ("/api/v1/events/{slug}/speakers/{speaker_id}/invitation", "put"),
}


@pytest.fixture
def spec(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def speaker_operations(spec) -> dict[tuple[str, str], dict]:
    return {(path, method): operation
            for path, item in spec["paths"].items() if "speakers" in path
            for method, operation in item.items() if method != "parameters"}


def test_every_speakers_call_is_documented(spec):
    assert set(speaker_operations(spec)) == PUBLIC | ORGANIZERS


def test_organizer_calls_and_only_they_carry_bearer_security(spec):
    for key, operation in speaker_operations(spec).items():
        if key in ORGANIZERS:
            assert operation.get("security") == BEARER, key
            assert {"401", "403"} <= set(operation["responses"]), key
        else:
            assert "security" not in operation, key


def test_public_speakers_are_documented_without_the_email(spec):
    schemas = spec["components"]["schemas"]
    assert "email" not in schemas["PublicSpeaker"]["properties"]
    assert "email" not in schemas["SpeakerPart"]["properties"]
    assert "email" in schemas["RegistrySpeaker"]["properties"]
    listing = spec["paths"]["/api/v1/events/{slug}/speakers"]["get"]
    assert {p["name"] for p in listing["parameters"]} >= {"country", "organization", "tz", "lang"}
    body = spec["paths"]["/api/v1/speakers"]["post"]["requestBody"]
    assert body["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/SpeakerInput"}


def test_the_document_validates_as_openapi_3_1(spec):
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(spec)
