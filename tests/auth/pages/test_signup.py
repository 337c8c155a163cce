"""Sign-up, the signed and expiring confirmation link, and rate-limited sign-in and sign-up."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from lmevents.auth.accounts import SignUpInput, confirm_email, sign_up
from lmevents.auth.models import Role, User
from lmevents.errors import Invalid
from lmevents.mail.models import OutboxMessage
from tests.factories import PASSWORD

FORM = {"name": "Somphanh", "email": "somphanh@example.la", "password": PASSWORD,
        "organization": "MONRE", "country": "la", "timezone": "Asia/Vientiane",
        "language": "en"}


def mailed_link(dbs) -> str:
    message = dbs.scalar(select(OutboxMessage).order_by(OutboxMessage.id.desc()))
    return re.search(r"http://lmevents\.test(/auth/confirm/\S+)", message.body_text).group(1)


def test_signing_up_makes_a_participant_and_mails_a_confirmation_link(client, dbs):
    response = client.post("/auth/signup", data=FORM)
    assert response.status_code == 302
    user = dbs.scalar(select(User))
    assert (user.email, user.role, user.country, user.timezone) == (
        "somphanh@example.la", Role.PARTICIPANT, "LA", "Asia/Vientiane")
    assert user.email_confirmed_at is None
    message = dbs.scalar(select(OutboxMessage))
    assert message.to_address == "somphanh@example.la"
    assert client.get(mailed_link(dbs)).status_code == 302
    dbs.expire_all()
    assert dbs.get(User, user.id).email_confirmed_at is not None


@pytest.mark.parametrize(
    ("changes", "message"),
    [({"password": "short"}, "Field must be between 10 and 1024 characters long."),
     ({"email": "nope"}, "Invalid email address."),
     ({"country": "XX"}, "&#39;XX&#39; is not an ISO 3166 country code"),
     ({"timezone": "Mars/Base"}, "is not an IANA time zone"),
     ({"name": ""}, "This field is required."),
     # PostgreSQL refuses NUL in text: it was a 500 there.
     ({"name": "G\x00"}, "NUL characters are not allowed."),
     ({"name": "Mallory\r\nBcc: all@example.org"},
      "Line breaks and control characters are not allowed here.")],
)
def test_bad_sign_up_is_refused_on_the_form_and_writes_nothing(client, dbs, changes, message):
    response = client.post("/auth/signup", data={**FORM, **changes})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert dbs.scalar(select(User)) is None
    assert dbs.scalar(select(OutboxMessage)) is None


def test_an_address_signs_up_once(client, dbs):
    client.post("/auth/signup", data=FORM)
    client.post("/auth/logout")
    response = client.post("/auth/signup", data={**FORM, "email": "SOMPHANH@example.la"})
    assert response.status_code == 422
    assert "an account with this e-mail address exists" in response.get_data(as_text=True)


def test_api_sign_up(client, dbs):
    response = client.post("/api/v1/auth/signup", json={
        "email": "dara@example.kh", "password": PASSWORD, "name": "Dara", "language": "zh"})
    assert response.status_code == 201
    body = response.get_json()
    assert body["email"] == "dara@example.kh" and body["email_confirmed"] is False
    assert "password" not in body
    assert dbs.scalar(select(OutboxMessage)).subject == "请确认您的电子邮件地址"
    again = client.post("/api/v1/auth/signup", json={
        "email": "dara@example.kh", "password": PASSWORD, "name": "Dara"})
    assert again.status_code == 409
    assert again.get_json()["errors"] == {"email": "an account with this e-mail address exists"}
    bad = client.post("/api/v1/auth/signup", json={"email": "x@example.org", "name": "X"})
    assert bad.status_code == 422 and "password" in bad.get_json()["errors"]


def test_altered_expired_and_outdated_links_are_refused(dbs):
    user = sign_up(dbs, SignUpInput(email="a@example.org", password=PASSWORD, name="A"),
                   secret="s")
    token = dbs.scalar(select(OutboxMessage)).body_text.split()[-1].rsplit("/", 1)[-1]
    with pytest.raises(Invalid, match="not valid"):
        confirm_email(dbs, token + "x", secret="s")
    with pytest.raises(Invalid, match="not valid"):
        confirm_email(dbs, token, secret="another secret")
    with pytest.raises(Invalid, match="expired"):
        confirm_email(dbs, token, secret="s", max_age=-1)
    user.email = "changed@example.org"
    with pytest.raises(Invalid, match="not valid"):
        confirm_email(dbs, token, secret="s")


def test_a_bad_link_gets_a_clear_page(client):
    response = client.get("/auth/confirm/not-a-token")
    assert response.status_code == 422
    assert "not valid" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("path", "body"),
    [("/auth/login", {"email": "x@example.org", "password": "wrong password"}),
     ("/auth/signup", {"email": "bad"}),
     ("/api/v1/auth/tokens", {"email": "x@example.org", "password": "wrong password"}),
     ("/api/v1/auth/signup", {"email": "x@example.org"})],
)
def test_sign_in_and_sign_up_are_rate_limited(client, path, body):
    send = (lambda: client.post(path, json=body)) if "/api/" in path else (
        lambda: client.post(path, data=body))
    statuses = [send().status_code for _ in range(11)]
    assert 429 not in statuses[:10]
    assert statuses[10] == 429
    response = send()
    if "/api/" in path:
        assert response.mimetype == "application/problem+json"
        assert response.get_json()["status"] == 429
    assert "Retry-After" in response.headers
