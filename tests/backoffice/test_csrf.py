"""With CSRF protection on (as in production), a back-office POST needs the form's token."""

from __future__ import annotations

import pytest

from lmevents.events.models import Event
from tests import factories
from tests.probes import count, csrf_token, fresh


@pytest.fixture
def guarded_client(csrf_client, organizer):
    return csrf_client(organizer.email)


NEW_EVENT = {"slug": "csrf-event", "title_en": "CSRF roundtable", "timezone": "UTC",
             "start_date": "2021-01-01", "end_date": "2021-01-01", "default_language": "en"}


def test_form_post_without_token_is_refused(guarded_client, dbs):
    response = guarded_client.post("/manage/events/new", data=NEW_EVENT)

    assert response.status_code == 400
    assert "CSRF" in response.get_data(as_text=True)
    assert count(dbs, Event) == 0


def test_form_post_with_the_page_token_is_accepted(guarded_client, dbs):
    page = guarded_client.get("/manage/events/new").get_data(as_text=True)

    response = guarded_client.post("/manage/events/new",
                                   data={**NEW_EVENT, "csrf_token": csrf_token(page)})

    assert response.status_code == 302
    assert count(dbs, Event) == 1


def test_action_button_without_token_is_refused(guarded_client, dbs):
    event = factories.make_event(dbs, published=False)

    response = guarded_client.post(f"/manage/events/{event.slug}/publish")

    assert response.status_code == 400
    assert not fresh(dbs, Event, event.id).published


def test_action_button_carries_its_token(guarded_client, dbs):
    event = factories.make_event(dbs, published=False)
    page = guarded_client.get("/manage/").get_data(as_text=True)

    response = guarded_client.post(f"/manage/events/{event.slug}/publish",
                                   data={"csrf_token": csrf_token(page)})

    assert response.status_code == 302
    assert fresh(dbs, Event, event.id).published
