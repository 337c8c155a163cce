"""The events API says when registration closes (null: when the event ends) and whether it is
open now; organizers set the deadline, never after the event's end."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from lmevents.events.models import Event
from tests import factories
from tests.probes import PROBLEM, fresh

EVENT = "/api/v1/events/test-event"


def test_an_event_whose_deadline_passed_says_registration_is_closed(client, dbs, event):
    event.registration_closes_at = datetime(2018, 1, 1, tzinfo=UTC)
    dbs.commit()

    body = client.get(EVENT).get_json()

    assert body["registration_closes_at"] == "2018-01-01T00:00:00+00:00"
    assert body["registration_open"] is False


def test_a_coming_event_says_registration_is_open(client, dbs):
    soon = date.today() + timedelta(days=30)
    factories.make_event(dbs, "coming", start_date=soon, end_date=soon)

    body = client.get("/api/v1/events/coming").get_json()

    assert body["registration_closes_at"] is None
    assert body["registration_open"] is True


def test_organizers_set_and_clear_the_deadline(client, dbs, organizer_headers, event):
    saved = client.patch(EVENT, headers=organizer_headers,
                        json={"registration_closes_at": "2020-11-20T18:00:00+08:00"})

    assert saved.status_code == 200, saved.get_json()
    assert saved.get_json()["registration_closes_at"] == "2020-11-20T10:00:00+00:00"
    assert client.get(EVENT).get_json()["registration_closes_at"] == "2020-11-20T10:00:00+00:00"

    cleared = client.patch(EVENT, headers=organizer_headers,
                           json={"registration_closes_at": None})

    assert cleared.get_json()["registration_closes_at"] is None
    assert fresh(dbs, Event, event.id).registration_closes_at is None


def test_a_new_event_may_come_with_its_deadline(client, organizer_headers):
    response = client.post("/api/v1/events", headers=organizer_headers, json={
        "slug": "mekong-2021", "timezone": "Asia/Bangkok", "title_en": "Roundtable 2021",
        "start_date": "2021-03-01", "end_date": "2021-03-02",
        "registration_closes_at": "2021-02-20T17:00:00+07:00"})

    assert response.status_code == 201, response.get_json()
    assert response.get_json()["registration_closes_at"] == "2021-02-20T10:00:00+00:00"


@pytest.mark.parametrize(("value", "message"), [
    ("next week", "Not a valid datetime."),
    ("2020-11-20T18:00:00", "Give a UTC offset, e.g. 2020-11-26T09:00:00+08:00."),
    (20201120, "Not a valid datetime."),
    ("2020-11-27T00:01:00+08:00",
     "Registration must close by the end of the event's last day (2020-11-26, Asia/Shanghai)."),
])
def test_a_bad_deadline_is_a_422_problem_naming_the_field(client, dbs, organizer_headers, event,
                                                          value, message):
    response = client.patch(EVENT, headers=organizer_headers,
                            json={"registration_closes_at": value})

    assert response.status_code == 422
    assert response.mimetype == PROBLEM
    assert response.get_json()["errors"] == {"registration_closes_at": message}
    assert fresh(dbs, Event, event.id).registration_closes_at is None


def test_registration_open_is_read_only(client, organizer_headers, event):
    response = client.patch(EVENT, headers=organizer_headers, json={"registration_open": True})

    assert response.status_code == 422
    assert "registration_open" in response.get_json()["errors"]
