"""The back office: an event's organizers add a webhook, read its secret, try it, and see
each delivery with its tries."""

import re

from sqlalchemy import func, select

from lmevents.core.models import utcnow
from lmevents.webhooks.models import Webhook, WebhookDelivery
from lmevents.webhooks.outbox import deliver
from tests import factories

PAGE = "/manage/events/test-event/webhooks"


def text(response) -> str:
    return response.get_data(as_text=True)


def test_an_organizer_adds_a_webhook_and_reads_its_secret(client, dbs, event, signed_in):
    assert "No webhook yet." in text(client.get(PAGE + "?lang=en"))

    response = client.post(PAGE, data={"url": "https://crm.example.org/hooks",
                                       "description": "Our CRM",
                                       "kinds": ["registration.created", "seat.taken"],
                                       "active": "y"})

    hook = dbs.scalar(select(Webhook))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{PAGE}/{hook.id}")
    page = text(client.get(f"{PAGE}/{hook.id}?lang=en"))
    assert hook.secret in page
    assert "Nothing announced to this webhook yet." in page
    listing = text(client.get(PAGE + "?lang=en"))
    assert "https://crm.example.org/hooks" in listing
    assert "Someone registers; A seat is taken (also from the waiting list)" in listing


def test_every_fault_of_a_webhook_is_shown_at_once_above_the_form(client, dbs, event,
                                                                   signed_in):
    response = client.post(PAGE + "?lang=en", data={
        "url": "http://127.0.0.1/hook", "description": "x" * 201})

    assert response.status_code == 422
    body = text(response)
    summary = body[body.index('class="error-summary"'):body.index('id="url"')]
    assert "There are 2 problems with what you sent" in summary
    assert ('<a href="#url">Receiver&#39;s address: Webhooks are sent to public addresses '
            'only, not to 127.0.0.1.</a>') in summary
    assert '<a href="#description">Description: ' in summary
    assert re.search(r'aria-invalid="true"[^>]*id="url"', body)
    assert dbs.scalar(select(func.count()).select_from(Webhook)) == 0


def test_the_page_shows_each_delivery_with_its_tries_and_sends_a_given_up_one_again(
        client, dbs, event, signed_in, participant):
    client.post(PAGE, data={"url": "https://crm.example.org/hooks", "active": "y"})
    hook = dbs.scalar(select(Webhook))
    factories.make_registration(dbs, event, participant)
    delivery = dbs.scalar(select(WebhookDelivery))
    deliver(dbs, delivery.id, utcnow())  # the name does not resolve here
    delivery.failed_at = utcnow()
    dbs.commit()

    page = text(client.get(f"{PAGE}/{hook.id}?lang=en"))
    assert "Someone registers" in page and delivery.message_id in page
    assert "Given up" in page and "crm.example.org does not resolve" in page
    assert "Send again" in page

    response = client.post(f"{PAGE}/{hook.id}/deliveries/{delivery.id}/retry",
                           follow_redirects=True)
    assert "The delivery is queued again." in text(response)
    dbs.expire_all()
    assert dbs.get(WebhookDelivery, delivery.id).state == "pending"


def test_test_new_secret_and_removal_from_the_page(client, dbs, event, signed_in):
    client.post(PAGE, data={"url": "https://crm.example.org/hooks", "active": "y"})
    hook = dbs.scalar(select(Webhook))
    secret = hook.secret

    response = client.post(f"{PAGE}/{hook.id}/ping?lang=en", follow_redirects=True)
    assert "A test announcement is queued" in text(response)
    assert "Test (ping)" in text(response)

    client.post(f"{PAGE}/{hook.id}/secret")
    dbs.expire_all()
    assert dbs.get(Webhook, hook.id).secret != secret

    response = client.post(f"{PAGE}/{hook.id}/delete?lang=en", follow_redirects=True)
    assert "Webhook removed." in text(response)
    assert dbs.scalar(select(func.count()).select_from(Webhook)) == 0


def test_changing_a_webhook_keeps_what_the_form_did_not_change(client, dbs, event, signed_in):
    client.post(PAGE, data={"url": "https://crm.example.org/hooks", "description": "CRM",
                            "kinds": ["session.changed"], "active": "y"})
    hook = dbs.scalar(select(Webhook))

    response = client.post(f"{PAGE}/{hook.id}", data={
        "url": "https://crm.example.org/v2", "description": "CRM",
        "kinds": ["session.changed", "session.cancelled"]})  # "active" unticked

    assert response.status_code == 302
    dbs.expire_all()
    hook = dbs.get(Webhook, hook.id)
    assert (hook.url, hook.kinds, hook.active) == (
        "https://crm.example.org/v2", ["session.changed", "session.cancelled"], False)
