"""API clients list their bearer tokens and revoke them; a revoked token stops at once."""

from __future__ import annotations

from tests.factories import make_user


def test_a_user_lists_tokens_without_their_secrets(client, participant, api_token):
    first = api_token("participant@example.org")
    api_token("participant@example.org")
    response = client.get("/api/v1/auth/tokens", headers=first)
    assert response.status_code == 200
    tokens = response.get_json()
    assert len(tokens) == 2
    assert all(set(t) == {"id", "label", "created_at", "last_used_at", "revoked"}
               for t in tokens)
    secret = first["Authorization"].split()[1]
    assert secret not in response.get_data(as_text=True)


def test_a_revoked_token_stops_working_at_once(client, participant, api_token):
    kept = api_token("participant@example.org")
    doomed = api_token("participant@example.org")
    listed = client.get("/api/v1/auth/tokens", headers=kept).get_json()
    doomed_id = max(t["id"] for t in listed)  # the newest: issued second
    assert client.delete(f"/api/v1/auth/tokens/{doomed_id}", headers=kept).status_code == 204
    assert client.get("/api/v1/auth/tokens", headers=doomed).status_code == 401
    listed = client.get("/api/v1/auth/tokens", headers=kept).get_json()
    assert [t["revoked"] for t in listed if t["id"] == doomed_id] == [True]


def test_nobody_revokes_or_sees_another_users_token(client, dbs, participant, api_token):
    make_user(dbs, "other@example.org")
    mine = api_token("participant@example.org")
    theirs = api_token("other@example.org")
    their_id = client.get("/api/v1/auth/tokens", headers=theirs).get_json()[0]["id"]
    assert client.delete(f"/api/v1/auth/tokens/{their_id}", headers=mine).status_code == 404
    assert their_id not in [t["id"] for t in
                            client.get("/api/v1/auth/tokens", headers=mine).get_json()]
    assert client.get("/api/v1/auth/tokens", headers=theirs).status_code == 200


def test_token_calls_need_a_token(client):
    assert client.get("/api/v1/auth/tokens").status_code == 401
    assert client.delete("/api/v1/auth/tokens/1").status_code == 401


def test_a_tokens_last_use_is_recorded_to_the_minute(dbs, participant):
    """A client calling many times a second does not write the token's row each time."""
    from datetime import timedelta

    from lmevents.auth.models import ApiToken
    from lmevents.auth.services import issue_token, user_for_token
    from tests.factories import at

    secret = issue_token(dbs, participant, "poller")
    dbs.commit()
    token = dbs.query(ApiToken).one()
    first = at(9, 0)

    assert user_for_token(dbs, secret, now=first) == participant
    dbs.commit()
    assert user_for_token(dbs, secret, now=first + timedelta(seconds=59)) == participant
    assert not dbs.dirty  # nothing to write
    dbs.commit()
    assert token.last_used_at == first

    assert user_for_token(dbs, secret, now=first + timedelta(minutes=1)) == participant
    dbs.commit()
    assert token.last_used_at == first + timedelta(minutes=1)
