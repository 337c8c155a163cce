import pytest

from lmevents.auth.models import ApiToken
from tests import factories
from tests.probes import PROBLEM


def test_good_credentials_give_a_token_that_opens_organizer_calls(client, organizer, event):
    response = client.post("/api/v1/auth/tokens", json={
        "email": "Organizer@Example.org", "password": factories.PASSWORD,
    })

    assert response.status_code == 201
    token = response.get_json()["token"]
    assert len(token) >= 40
    rooms = client.get(f"/api/v1/events/{event.slug}/rooms",
                       headers={"Authorization": f"Bearer {token}"})
    assert rooms.status_code == 200


def test_only_the_hash_of_a_token_is_kept(client, dbs, organizer):
    token = client.post("/api/v1/auth/tokens", json={
        "email": "organizer@example.org", "password": factories.PASSWORD,
    }).get_json()["token"]

    stored = dbs.scalars(ApiToken.__table__.select()).all()
    assert len(stored) == 1
    assert token not in repr(stored)


@pytest.mark.parametrize("email, password", [
    ("organizer@example.org", "wrong password!"),
    ("nobody@example.org", factories.PASSWORD),
    # Right password, address never confirmed: whoever signed up may not own it.
    ("unconfirmed@example.org", factories.PASSWORD),
])
def test_wrong_password_and_unknown_user_get_the_same_401(client, dbs, organizer, email,
                                                          password):
    factories.make_user(dbs, "unconfirmed@example.org", email_confirmed_at=None)
    response = client.post("/api/v1/auth/tokens", json={"email": email, "password": password})

    assert response.status_code == 401
    assert response.mimetype == PROBLEM
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    body = response.get_json()
    assert body["detail"] == ("Wrong e-mail address or password, or the address is not "
                              "confirmed yet (open the link mailed at sign-up).")
    assert body["status"] == 401


def test_a_token_request_without_password_names_the_field(client):
    response = client.post("/api/v1/auth/tokens", json={"email": "someone@example.org"})

    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"password"}


@pytest.mark.parametrize("header", [
    "Bearer not-a-real-token",
    "Basic b3JnYW5pemVyOnB3",
    "Bearer ",
])
def test_invalid_bearer_headers_are_refused_with_401(client, event, header):
    response = client.get(f"/api/v1/events/{event.slug}/rooms",
                          headers={"Authorization": header})

    assert response.status_code == 401
    assert response.mimetype == PROBLEM
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="lmevents"'
