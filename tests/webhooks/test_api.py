"""The webhooks API: organizers register receivers, follow deliveries and their tries."""

import json

import pytest
from sqlalchemy import func, select

from lmevents.core.models import utcnow
from lmevents.webhooks.models import Webhook, WebhookDelivery
from lmevents.webhooks.outbox import deliver
from tests import factories
from tests.probes import PROBLEM

HOOKS = "/api/v1/events/test-event/webhooks"


@pytest.fixture
def hook(client, event, organizer_headers):
    response = client.post(HOOKS, headers=organizer_headers, json={
        "url": "https://crm.example.org/hooks", "description": "Our CRM",
        "kinds": ["registration.created", "seat.taken"]})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_an_organizer_registers_a_webhook_and_gets_its_secret(client, hook, organizer_headers):
    assert hook["url"] == "https://crm.example.org/hooks"
    assert hook["kinds"] == ["registration.created", "seat.taken"]
    assert hook["active"] is True
    assert hook["secret"].startswith("whsec_") and len(hook["secret"]) > 40

    listed = client.get(HOOKS, headers=organizer_headers).get_json()
    assert [h["id"] for h in listed] == [hook["id"]]


def test_every_fault_of_a_webhook_is_named_in_one_answer(client, event, organizer_headers, dbs):
    response = client.post(HOOKS, headers=organizer_headers, json={
        "url": "ftp://files.example.org/x", "description": "two\nlines",
        "kinds": ["seat.taken", "seat.lost"]})

    assert response.status_code == 422
    assert response.mimetype == PROBLEM
    errors = response.get_json()["errors"]
    assert set(errors) == {"url", "description", "kinds.1"}, errors
    assert "https://example.org/hooks/lmevents" in errors["url"]
    assert dbs.scalar(select(func.count()).select_from(Webhook)) == 0


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080/hook", "http://[::1]/hook",
                                 "http://10.0.0.7/hook", "http://169.254.169.254/latest"])
def test_addresses_on_the_servers_own_networks_are_refused(client, event, organizer_headers,
                                                           url):
    response = client.post(HOOKS, headers=organizer_headers, json={"url": url})

    assert response.status_code == 422
    assert "public addresses only" in response.get_json()["errors"]["url"]


def test_a_patch_changes_only_what_it_names(client, hook, organizer_headers):
    response = client.patch(f"{HOOKS}/{hook['id']}", headers=organizer_headers,
                            json={"active": False})

    assert response.status_code == 200
    changed = response.get_json()
    assert changed["active"] is False
    assert changed["description"] == "Our CRM"
    assert changed["kinds"] == ["registration.created", "seat.taken"]


def test_a_stale_edit_is_refused_with_412(client, hook, organizer_headers):
    url = f"{HOOKS}/{hook['id']}"
    etag = client.get(url, headers=organizer_headers).headers["ETag"]
    client.patch(url, headers=organizer_headers, json={"description": "Someone else's"})

    response = client.patch(url, headers={**organizer_headers, "If-Match": etag},
                            json={"description": "Mine"})

    assert response.status_code == 412
    assert client.get(url, headers=organizer_headers).get_json()["description"] == \
        "Someone else's"


def test_an_event_has_at_most_ten_webhooks(client, event, organizer_headers):
    for i in range(10):
        assert client.post(HOOKS, headers=organizer_headers,
                           json={"url": f"https://crm.example.org/{i}"}).status_code == 201

    response = client.post(HOOKS, headers=organizer_headers,
                           json={"url": "https://crm.example.org/11"})

    assert response.status_code == 409
    assert response.get_json()["detail"] == (
        "An event has at most 10 webhooks: remove one first.")


def test_deliveries_are_listed_with_their_tries_and_body(
        client, dbs, event, hook, organizer_headers, participant):
    factories.make_registration(dbs, event, participant, name="Lin Wei")
    delivery = dbs.scalar(select(WebhookDelivery))
    deliver(dbs, delivery.id, utcnow())  # crm.example.org does not resolve here: a retry
    dbs.commit()

    response = client.get(f"{HOOKS}/{hook['id']}/deliveries", headers=organizer_headers)

    assert response.status_code == 200
    assert response.headers["X-Total-Count"] == "1"
    (listed,) = response.get_json()
    assert listed["type"] == "registration.created"
    assert listed["state"] == "pending" and listed["attempts"] == 1
    assert listed["next_attempt_at"] is not None
    assert listed["body"]["data"]["registration"]["name"] == "Lin Wei"
    assert listed["body"]["id"] == listed["message_id"]
    (attempt,) = listed["tries"]
    assert attempt["status_code"] is None and "crm.example.org" in attempt["error"]


def test_a_given_up_delivery_may_be_sent_again_but_an_acknowledged_one_never(
        client, dbs, event, hook, organizer_headers):
    ping = client.post(f"{HOOKS}/{hook['id']}/ping", headers=organizer_headers)
    assert ping.status_code == 202
    assert ping.get_json()["type"] == "ping" and ping.get_json()["state"] == "pending"
    delivery = dbs.get(WebhookDelivery, ping.get_json()["id"])
    retry = f"{HOOKS}/{hook['id']}/deliveries/{delivery.id}/retry"
    delivery.failed_at = utcnow()
    dbs.commit()

    again = client.post(retry, headers=organizer_headers)
    assert again.status_code == 200 and again.get_json()["state"] == "pending"

    delivery.delivered_at = utcnow()
    dbs.commit()
    refused = client.post(retry, headers=organizer_headers)
    assert refused.status_code == 409
    assert refused.get_json()["detail"] == (
        "The receiver acknowledged this delivery: it is never sent twice.")


def test_a_new_secret_replaces_the_old_one(client, hook, organizer_headers):
    response = client.post(f"{HOOKS}/{hook['id']}/secret", headers=organizer_headers)

    assert response.status_code == 200
    assert response.get_json()["secret"] != hook["secret"]


def test_removing_a_webhook_removes_its_deliveries(client, dbs, hook, organizer_headers):
    client.post(f"{HOOKS}/{hook['id']}/ping", headers=organizer_headers)

    assert client.delete(f"{HOOKS}/{hook['id']}", headers=organizer_headers).status_code == 204

    assert dbs.scalar(select(func.count()).select_from(WebhookDelivery)) == 0
    assert client.get(f"{HOOKS}/{hook['id']}", headers=organizer_headers).status_code == 404


def test_a_switched_off_webhook_cannot_be_pinged(client, hook, organizer_headers):
    client.patch(f"{HOOKS}/{hook['id']}", headers=organizer_headers, json={"active": False})

    response = client.post(f"{HOOKS}/{hook['id']}/ping", headers=organizer_headers)

    assert response.status_code == 409
    assert "switched off" in response.get_json()["detail"]


def test_a_delivery_of_another_webhook_is_not_found(client, dbs, event, hook, organizer_headers):
    other = client.post(HOOKS, headers=organizer_headers,
                        json={"url": "https://other.example.org/"}).get_json()
    ping = client.post(f"{HOOKS}/{other['id']}/ping", headers=organizer_headers).get_json()

    response = client.get(f"{HOOKS}/{hook['id']}/deliveries/{ping['id']}",
                          headers=organizer_headers)

    assert response.status_code == 404
    assert json.loads(response.data)["detail"] == f"No delivery {ping['id']} for this webhook."
