"""Sign-up, the signed and expiring confirmation link, and rate-limited sign-in and sign-up."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from lmevents.auth.accounts import SignUpInput, confirm_email, sign_up
from lmevents.auth.models import Role, User
from lmevents.core.models import utcnow
from lmevents.errors import Invalid
from lmevents.mail.models import OutboxMessage
from tests.factories import PASSWORD

FORM = {"name": "Somphanh", "email": "somphanh@example.la", "password": PASSWORD,
        "organization": "MONRE", "country": "LA", "timezone": "Asia/Vientiane",
        "language": "en"}


def mailed_link(dbs) -> str:
    message = dbs.scalar(select(OutboxMessage).order_by(OutboxMessage.id.desc()))
    return re.search(r"http://lmevents\.test(/auth/confirm/\S+)", message.body_text).group(1)


def mails(dbs) -> list[tuple[str, str]]:
    return [(m.to_address, m.subject) for m in dbs.scalars(
        select(OutboxMessage).order_by(OutboxMessage.id))]


def test_signing_up_mails_a_link_that_confirms_the_address_and_signs_in(client, dbs):
    response = client.post("/auth/signup", data=FORM)
    assert response.status_code == 200
    assert "Check your mail" in response.get_data(as_text=True)
    user = dbs.scalar(select(User))
    assert (user.email, user.role, user.country, user.timezone) == (
        "somphanh@example.la", Role.PARTICIPANT, "LA", "Asia/Vientiane")
    assert user.email_confirmed_at is None
    assert mails(dbs) == [("somphanh@example.la", "Confirm your e-mail address")]
    # Nobody is signed in before the mailbox answers.
    assert client.get("/me/agenda").status_code == 302

    opened = client.get(mailed_link(dbs))
    assert opened.status_code == 302
    assert client.get("/me/agenda").status_code == 200
    dbs.expire_all()
    assert dbs.get(User, user.id).email_confirmed_at is not None
    # A second opening confirms nothing new and signs nobody in.
    client.post("/auth/logout")
    again = client.get(mailed_link(dbs))
    assert again.headers["Location"].endswith("/auth/login")
    assert client.get("/me/agenda").status_code == 302


def test_sign_up_answers_the_same_for_an_address_that_has_an_account(client, dbs):
    """Sign-up used to answer 409 for a known address: anyone could learn who has an
    account. Now the page is the same and only the mailbox learns."""
    new = client.post("/auth/signup", data=FORM).get_data(as_text=True)
    dbs.execute(User.__table__.update().values(email_confirmed_at=utcnow()))
    dbs.commit()
    stored_hash = dbs.scalar(select(User.password_hash))
    known = client.post("/auth/signup", data={**FORM, "email": "SOMPHANH@example.la",
                                              "password": "another password"})
    assert known.status_code == 200
    assert known.get_data(as_text=True) == new
    assert dbs.scalar(select(func.count()).select_from(User)) == 1
    assert dbs.scalar(select(User.password_hash)) == stored_hash
    assert mails(dbs)[-1] == ("somphanh@example.la", "You already have an account")
    body = dbs.scalar(select(OutboxMessage).order_by(OutboxMessage.id.desc())).body_text
    assert "http://lmevents.test/auth/login" in body
    assert "http://lmevents.test/auth/reset" in body


def test_an_unconfirmed_account_does_not_sign_in_and_gets_its_link_again(client, dbs):
    """Signing in right after sign-up would tell a prober whether the address was new (their
    password works) or taken (it does not): until confirmed, both get the wrong-password
    answer, and the owner of a new address gets the link again."""
    client.post("/auth/signup", data=FORM)
    right = client.post("/auth/login", data={"email": FORM["email"], "password": PASSWORD})
    wrong = client.post("/auth/login", data={"email": FORM["email"], "password": "nope nope!"})
    assert right.status_code == wrong.status_code == 422
    assert "Just signed up? Open the link we mailed you first" in right.get_data(as_text=True)
    assert client.get("/me/agenda").status_code == 302
    assert mails(dbs) == [("somphanh@example.la", "Confirm your e-mail address")] * 2


@pytest.mark.parametrize(
    ("changes", "message"),
    [({"password": "short"}, "Field must be between 10 and 1024 characters long."),
     ({"email": "nope"}, "Invalid email address."),
     # Countries and zones are picked from lists (named in the reader's language).
     ({"country": "XX"}, "Not a valid choice."),
     ({"timezone": "Mars/Base"}, "Not a valid choice."),
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


def test_api_sign_up_answers_the_same_for_a_known_address(client, dbs):
    response = client.post("/api/v1/auth/signup", json={
        "email": "Dara@example.kh", "password": PASSWORD, "name": "Dara", "language": "zh"})
    assert response.status_code == 201
    assert response.get_json() == {"email": "dara@example.kh", "confirmation": "mailed"}
    assert dbs.scalar(select(OutboxMessage)).subject == "请确认您的电子邮箱地址"
    again = client.post("/api/v1/auth/signup", json={
        "email": "dara@example.kh", "password": "another password", "name": "Dara"})
    assert again.status_code == 201
    assert again.get_json() == response.get_json()
    assert dbs.scalar(select(func.count()).select_from(User)) == 1
    # No token before the link is opened; after it, the password works.
    credentials = {"email": "dara@example.kh", "password": PASSWORD}
    assert client.post("/api/v1/auth/tokens", json=credentials).status_code == 401
    link = re.search(r"/auth/confirm/\S+", dbs.scalars(
        select(OutboxMessage.body_text).order_by(OutboxMessage.id)).first())
    client.get(link.group(0))
    assert client.post("/api/v1/auth/tokens", json=credentials).status_code == 201
    bad = client.post("/api/v1/auth/signup", json={"email": "x@example.org", "name": "X"})
    assert bad.status_code == 422 and "password" in bad.get_json()["errors"]


def test_altered_expired_and_outdated_links_are_refused(dbs):
    sign_up(dbs, SignUpInput(email="a@example.org", password=PASSWORD, name="A"), secret="s")
    user = dbs.scalar(select(User))
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


def test_api_sign_up_names_every_fault_in_one_answer(client, dbs):
    """The address, the password, the country and the zone are checked with the missing
    fields, not in a second round."""
    response = client.post("/api/v1/auth/signup", json={
        "email": "x", "password": "short", "country": "XX", "timezone": "Vientiane"})

    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert set(errors) == {"email", "password", "name", "country", "timezone"}
    assert errors["password"] == "Use at least 10 characters."
    assert errors["email"].startswith("'x' is not an e-mail address")
    assert dbs.scalar(select(func.count()).select_from(User)) == 0

    only_missing = client.post("/api/v1/auth/signup", json={"email": "x"})
    assert set(only_missing.get_json()["errors"]) == {"email", "password", "name"}


def test_api_sign_up_refuses_a_blank_name_with_the_other_faults(client, dbs):
    """A name of spaces is no name: refused by the schema (as the document's pattern says),
    so in the same answer as the password."""
    response = client.post("/api/v1/auth/signup", json={
        "email": "khamla@example.org", "password": "short", "name": "   "})

    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert errors == {"name": "A name is required.", "password": "Use at least 10 characters."}
    assert dbs.scalar(select(func.count()).select_from(User)) == 0


@pytest.mark.parametrize("address", ["khamla@lab.test", "khamla@printer.local",
                                     "khamla@example.invalid"])
def test_api_sign_up_refuses_an_address_no_mail_reaches(client, dbs, address):
    """Special-use domains (RFC 6761) never receive the confirmation link; the document's
    pattern for the field refuses them too (tests/api/test_openapi.py)."""
    response = client.post("/api/v1/auth/signup", json={
        "email": address, "password": "long enough password", "name": "Khamla"})

    assert response.status_code == 422
    assert "special-use or reserved name" in response.get_json()["errors"]["email"]
    assert dbs.scalar(select(func.count()).select_from(User)) == 0
