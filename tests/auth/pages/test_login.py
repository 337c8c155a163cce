"""Signing in and out, safe redirects, CSRF, hashed passwords and the create-user command."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from lmevents.auth.models import Role, User
from lmevents.auth.services import check_credentials, create_user
from tests.conftest import make_app
from tests.factories import PASSWORD


def test_organizer_signs_in_and_reaches_the_back_office(client, auth, organizer):
    assert client.get("/manage/").status_code == 302
    response = auth.login()
    assert response.status_code == 302
    assert client.get("/manage/").status_code == 200
    auth.logout()
    assert client.get("/manage/").status_code == 302


def test_organizers_land_in_the_back_office_and_participants_on_the_events(client, auth,
                                                                         organizer,
                                                                         participant):
    """An organizer who signed in landed on the public page."""
    assert auth.login().headers["Location"].endswith("/manage/")
    auth.logout()
    assert auth.login("participant@example.org").headers["Location"].endswith("/")
    assert not auth.login("participant@example.org").headers["Location"].endswith("/manage/")


def test_anonymous_is_sent_to_login_with_next(client):
    response = client.get("/manage/")
    assert response.status_code == 302
    assert "/auth/login?next=%2Fmanage%2F" in response.headers["Location"]


def test_participant_gets_403_on_organizer_pages(client, auth, participant):
    auth.login("participant@example.org")
    assert client.get("/manage/").status_code == 403


@pytest.mark.parametrize(
    ("email", "password"),
    [("organizer@example.org", "wrong password!"), ("nobody@example.org", PASSWORD),
     ("", ""), ("not-an-email", PASSWORD)],
)
def test_bad_credentials_are_refused_with_a_message(client, organizer, email, password):
    response = client.post("/auth/login", data={"email": email, "password": password})
    assert response.status_code == 422
    assert client.get("/manage/").status_code == 302


def test_wrong_password_says_so(client, organizer):
    response = client.post("/auth/login", data={"email": "organizer@example.org",
                                                "password": "not the password"})
    assert "Wrong e-mail address or password." in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [("/manage/", "/manage/"),
     ("https://evil.example.com/", "/"),
     ("//evil.example.com/", "/"),
     ("/\\evil.example.com", "/"),
     ("javascript:alert(1)", "/")],
)
def test_next_never_leaves_the_site(client, organizer, next_url, expected):
    response = client.post("/auth/login", query_string={"next": next_url},
                           data={"email": "organizer@example.org", "password": PASSWORD})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert "evil" not in location and "javascript" not in location
    assert location.endswith(expected)


def test_logout_by_get_only_asks(client, auth, organizer):
    auth.login()
    assert client.get("/auth/logout").status_code == 200
    assert client.get("/manage/").status_code == 200


def test_accounts_keep_only_a_salted_password_hash(app, dbs, monkeypatch):
    # The real method, as production runs it (the rest of the suite hashes with one round).
    monkeypatch.delitem(app.config, "PASSWORD_HASH_METHOD")
    first = create_user(dbs, " Mixed@Example.org ", PASSWORD)
    second = create_user(dbs, "other@example.org", PASSWORD)
    assert first.email == "mixed@example.org"
    assert PASSWORD not in first.password_hash
    assert first.password_hash.startswith("scrypt:")
    assert first.password_hash != second.password_hash
    assert check_credentials(dbs, "MIXED@example.org", PASSWORD) is first
    assert check_credentials(dbs, "mixed@example.org", PASSWORD + "!") is None


def test_forms_need_a_csrf_token(database_url, _schema):
    app = make_app(database_url, WTF_CSRF_ENABLED=True)
    with app.app_context():
        client = app.test_client()
        response = client.post("/auth/login", data={"email": "a@example.org", "password": "x"})
        assert response.status_code == 400
        assert "CSRF" in response.get_data(as_text=True)
        assert 'name="csrf_token"' in client.get("/auth/login").get_data(as_text=True)


def test_create_user_command_with_password_on_stdin(runner, dbs):
    result = runner.invoke(
        args=["lmevents", "create-user", "Chair@Example.org", "--role", "organizer",
              "--password-stdin"],
        input=PASSWORD + "\n",
    )
    assert result.exit_code == 0, result.output
    user = dbs.scalar(select(User).where(User.email == "chair@example.org"))
    assert user.role == Role.ORGANIZER


@pytest.mark.parametrize(
    ("email", "password", "message"),
    [("short@example.org", "short", "password: Use at least 10 characters"),
     ("not-an-address", PASSWORD, "is not an e-mail address"),
     ("organizer@example.org", PASSWORD, "email: An account with this e-mail address exists")],
)
def test_create_user_command_explains_refusals(runner, organizer, email, password, message):
    result = runner.invoke(
        args=["lmevents", "create-user", email, "--password-stdin"], input=password + "\n")
    assert result.exit_code != 0
    assert message in result.output


def test_anonymous_post_to_an_action_returns_to_a_page_after_sign_in(client):
    response = client.post("/manage/events/some-event/publish")
    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/login?next=/manage/"
