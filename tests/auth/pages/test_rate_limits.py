"""Sign-in guessing is limited per address and per account, on the page and the API together,
and behind a reverse proxy each visitor counts alone (only when the proxy is trusted)."""

from __future__ import annotations

import pytest

from lmevents.extensions import limiter
from tests.conftest import make_app

WRONG = {"password": "wrong password"}


def sign_in(client, email, *, api=False, address=None):
    headers = {"X-Forwarded-For": address} if address else {}
    if api:
        return client.post("/api/v1/auth/tokens", json={"email": email, **WRONG},
                           headers=headers).status_code
    return client.post("/auth/login", data={"email": email, **WRONG},
                       headers=headers).status_code


@pytest.fixture
def proxied(app, database_url):
    """The app as it runs behind one trusted reverse proxy."""
    proxied = make_app(database_url, TRUSTED_PROXIES=1)
    limiter.reset()
    yield proxied.test_client()
    limiter.reset()


def test_the_page_and_the_api_count_sign_ins_together(client):
    statuses = [sign_in(client, f"user{i}@example.org", api=i % 2 == 1) for i in range(10)]
    assert 429 not in statuses
    assert sign_in(client, "another@example.org", api=True) == 429
    assert sign_in(client, "another@example.org") == 429


def test_one_account_cannot_be_guessed_at_from_many_addresses(proxied):
    statuses = [sign_in(proxied, "victim@example.org", address=f"203.0.113.{i}")
                for i in range(10)]
    assert 429 not in statuses
    assert sign_in(proxied, "victim@example.org", address="198.51.100.7") == 429
    # Another account, from a fresh address, is not held up.
    assert sign_in(proxied, "someone@example.org", address="198.51.100.8") == 422


def test_behind_a_trusted_proxy_each_visitor_counts_alone(proxied):
    for i in range(10):
        sign_in(proxied, f"user{i}@example.org", address="203.0.113.1")
    assert sign_in(proxied, "late@example.org", address="203.0.113.1") == 429
    # The rest of the conference, behind the same proxy, still signs in.
    assert sign_in(proxied, "other@example.org", address="203.0.113.2") == 422


def test_without_a_trusted_proxy_a_forged_address_changes_nothing(client):
    for i in range(10):
        sign_in(client, f"user{i}@example.org", address=f"203.0.113.{i}")
    assert sign_in(client, "late@example.org", address="198.51.100.9") == 429
