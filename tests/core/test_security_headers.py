"""What every response says to the browser: no framing, no sniffing, no script the site did
not ship, HSTS over HTTPS, and personal answers kept by no cache."""

from __future__ import annotations

import re

import pytest

from lmevents.config import load_settings
from tests import factories

PUBLIC = ["/", "/events/test-event/", "/events/test-event/agenda", "/auth/login",
          "/api/v1/events", "/api/v1/openapi.json", "/no-such-page"]


@pytest.fixture
def published(dbs, participant):
    event = factories.make_event(dbs)
    factories.make_registration(dbs, event, participant)
    return event


@pytest.mark.parametrize("url", PUBLIC)
def test_every_answer_forbids_framing_sniffing_and_foreign_script(client, published, url):
    headers = client.get(url).headers
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Strict-Transport-Security" not in headers  # plain HTTP: HSTS would be ignored


def test_hsts_over_https(client, published):
    response = client.get("/", base_url="https://lmevents.test")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.parametrize("url", ["/events/test-event/", "/events/test-event/register",
                                 "/me/agenda", "/manage/", "/auth/login"])
def test_pages_carry_no_inline_script(client, auth, organizer, published, url):
    auth.login()
    page = client.get(url).get_data(as_text=True)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert not re.search(r"\son[a-z]+\s*=", page)


def test_personal_answers_are_kept_by_no_cache(client, auth, api_token, organizer, published):
    assert "no-store" not in client.get("/events/test-event/agenda").headers.get(
        "Cache-Control", "")
    headers = api_token("participant@example.org")
    mine = client.get("/api/v1/me/registrations", headers=headers)
    assert mine.status_code == 200
    assert {"private", "no-store"} <= set(re.split(r",\s*", mine.headers["Cache-Control"]))

    auth.login("participant@example.org")
    agenda = client.get("/me/agenda")
    assert agenda.status_code == 200 and "no-store" in agenda.headers["Cache-Control"]
    auth.logout()
    auth.login()
    sheet = client.get("/manage/events/test-event/registrations.csv")
    assert sheet.status_code == 200 and "no-store" in sheet.headers["Cache-Control"]


def test_cookies_are_secure_when_the_site_is_served_over_https(tmp_path):
    served = load_settings(str(tmp_path), {"LMEVENTS_PUBLIC_URL": "https://events.example.org"})
    assert served["SESSION_COOKIE_SECURE"] and served["REMEMBER_COOKIE_SECURE"]
    local = load_settings(str(tmp_path), {})
    assert not local["SESSION_COOKIE_SECURE"]


def test_a_secure_site_sets_its_sign_in_cookies_secure(app, client, organizer, monkeypatch):
    monkeypatch.setitem(app.config, "SESSION_COOKIE_SECURE", True)
    monkeypatch.setitem(app.config, "REMEMBER_COOKIE_SECURE", True)
    response = client.post("/auth/login", base_url="https://lmevents.test", data={
        "email": organizer.email, "password": factories.PASSWORD, "remember": "y"})
    cookies = response.headers.getlist("Set-Cookie")
    assert cookies and all("Secure" in cookie for cookie in cookies)
