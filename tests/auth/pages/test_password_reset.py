"""Forgotten passwords: a mailed link, one hour, one use; no hint of who has an account."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from lmevents.auth.recovery import request_password_reset, reset_password
from lmevents.errors import Invalid
from lmevents.mail.models import OutboxMessage
from tests.factories import PASSWORD

NEW = "a brand new passphrase"


def reset_link(dbs) -> str:
    message = dbs.scalar(select(OutboxMessage))
    return re.search(r"http://lmevents\.test(/auth/reset/\S+)", message.body_text).group(1)


def test_a_participant_resets_a_forgotten_password(client, dbs, auth, participant):
    response = client.post("/auth/reset", data={"email": "Participant@example.org"})
    assert response.status_code == 302
    link = reset_link(dbs)
    assert client.post(link, data={"password": NEW}).status_code == 302
    assert auth.login("participant@example.org", PASSWORD).status_code == 422
    assert auth.login("participant@example.org", NEW).status_code == 302
    auth.logout()
    used = client.post(link, data={"password": "yet another passphrase"})
    assert used.status_code == 422
    assert "was used already" in used.get_data(as_text=True)


def test_unknown_addresses_get_the_same_answer_and_no_mail(client, dbs, participant):
    known = client.post("/auth/reset", data={"email": "participant@example.org"},
                        follow_redirects=True)
    unknown = client.post("/auth/reset", data={"email": "nobody@example.org"},
                          follow_redirects=True)
    assert known.status_code == unknown.status_code == 200
    assert "a link to reset its password is on its way" in unknown.get_data(as_text=True)
    assert [m.to_address for m in dbs.scalars(select(OutboxMessage))] == [
        "participant@example.org"]


@pytest.mark.parametrize(
    ("change", "message"),
    [("tamper", "not valid"), ("expire", "expired"), ("short", "at least 10 characters")],
)
def test_bad_links_and_passwords_are_refused(dbs, participant, change, message):
    request_password_reset(dbs, participant.email, secret="s")
    token = re.search(r"/auth/reset/(\S+)", dbs.scalar(select(OutboxMessage)).body_text).group(1)
    if change == "tamper":
        token = token[:-2] + "xx"
    with pytest.raises(Invalid, match=message):
        reset_password(dbs, token, "short" if change == "short" else NEW, secret="s",
                       max_age=-1 if change == "expire" else 3600)


def test_a_reset_signs_the_account_out_everywhere(app, client, dbs, participant, api_token):
    token = api_token("participant@example.org")
    elsewhere = app.test_client()  # another browser, signed in with "remember me"
    assert elsewhere.post("/auth/login", data={
        "email": "participant@example.org", "password": PASSWORD, "remember": "y",
    }).status_code == 302
    remembered = app.test_client()  # a browser holding only the remember-me cookie
    cookie = elsewhere.get_cookie("remember_token", domain="lmevents.test")
    remembered.set_cookie("remember_token", cookie.value, domain=cookie.domain)
    assert elsewhere.get("/me/agenda").status_code == 200
    assert remembered.get("/me/agenda").status_code == 200
    assert client.get("/api/v1/me/registrations", headers=token).status_code == 200

    client.post("/auth/reset", data={"email": participant.email})
    assert client.post(reset_link(dbs), data={"password": NEW}).status_code == 302

    for browser in (elsewhere, remembered):
        response = browser.get("/me/agenda")
        assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    assert client.get("/api/v1/me/registrations", headers=token).status_code == 401
