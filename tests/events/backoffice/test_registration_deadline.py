"""Organizers set when registration closes on the event form: a day and a time in the event's
zone, empty for the end of the event; never after the event's end."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from lmevents.events.models import Event
from lmevents.events.services import get_event
from tests import factories
from tests.probes import count, form_fields, fresh, text

NEW_EVENT = {
    "slug": "mekong-2021", "title_en": "Mekong roundtable 2021", "timezone": "Asia/Bangkok",
    "start_date": "2021-06-01", "end_date": "2021-06-02", "default_language": "en",
    "registration_mode": "open",
}
LAST_DAY = ("Registration must close by the end of the event&#39;s last day "
            "(2021-06-02, Asia/Bangkok).")


def errors_of(page: str) -> dict[str, str]:
    """{field id: its message} as the form shows them."""
    return dict(re.findall(r'<div class="field-error" id="([a-z_]+)-error">([^<]*)</div>',
                           page))


def test_the_form_asks_when_registration_closes_next_to_the_mode(client, signed_in):
    page = text(client.get("/manage/events/new?lang=en"))

    mode, day, clock = (page.index(f'id="{name}"') for name in (
        "registration_mode", "registration_closes_on", "registration_closes_time"))
    assert mode < day < clock
    assert "Registration closes" in page
    assert "Leave empty to close registration at the end of the event's last day." in page
    assert 'type="date"' in page[day - 200:day + 200]
    assert 'type="time"' in page[clock - 200:clock + 200]


def test_an_empty_deadline_means_the_end_of_the_event(client, dbs, signed_in):
    response = client.post("/manage/events/new", data=NEW_EVENT)

    assert response.status_code == 302
    assert get_event(dbs, "mekong-2021", published_only=False).registration_closes_at is None


def test_the_deadline_is_read_in_the_event_zone_and_shown_back(client, dbs, signed_in):
    response = client.post("/manage/events/new", data={
        **NEW_EVENT, "registration_closes_on": "2021-05-25",
        "registration_closes_time": "18:00"})

    assert response.status_code == 302
    event = get_event(dbs, "mekong-2021", published_only=False)
    assert event.registration_closes_at == datetime(2021, 5, 25, 11, 0, tzinfo=UTC)
    shown = form_fields(text(client.get("/manage/events/mekong-2021/edit")))
    assert (shown["registration_closes_on"], shown["registration_closes_time"]) == (
        "2021-05-25", "18:00")


def test_clearing_the_deadline_returns_to_the_end_of_the_event(client, dbs, signed_in):
    event = factories.make_event(dbs, registration_closes_at=datetime(2020, 11, 20, tzinfo=UTC))

    response = client.post(f"/manage/events/{event.slug}/edit", data={
        **NEW_EVENT, "slug": event.slug, "timezone": "Asia/Shanghai",
        "start_date": "2020-11-26", "end_date": "2020-11-26",
        "registration_closes_on": "", "registration_closes_time": ""})

    assert response.status_code == 302
    assert fresh(dbs, Event, event.id).registration_closes_at is None


def test_a_deadline_after_the_event_is_refused_on_its_field_with_the_other_faults(
        client, dbs, signed_in):
    response = client.post("/manage/events/new?lang=en", data={
        **NEW_EVENT, "slug": "Bad Slug!", "title_en": "",
        "registration_closes_on": "2021-06-03", "registration_closes_time": "00:01"})

    assert response.status_code == 422
    errors = errors_of(text(response))
    assert errors == {
        "slug": "Use 1–64 lower-case letters, digits and inner hyphens.",
        "title_en": "A title is required, in Chinese or English (or both).",
        "registration_closes_on": LAST_DAY,
    }
    assert count(dbs, Event) == 0


def test_registration_may_close_in_the_last_minute_of_the_event(client, dbs, signed_in):
    response = client.post("/manage/events/new", data={
        **NEW_EVENT, "registration_closes_on": "2021-06-02",
        "registration_closes_time": "23:59"})

    assert response.status_code == 302


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"registration_closes_on": "2021-05-25"}, "registration_closes_time",
     "Give the closing time as well, or leave both empty."),
    ({"registration_closes_time": "18:00"}, "registration_closes_on",
     "Give the closing date as well, or leave both empty."),
    ({"registration_closes_on": "soon", "registration_closes_time": "18:00"},
     "registration_closes_on", "Not a valid date value."),
    ({"registration_closes_on": "2021-05-25", "registration_closes_time": "25:00"},
     "registration_closes_time", "Not a valid time value."),
])
def test_half_a_deadline_is_refused_on_the_missing_half(client, dbs, signed_in, changes, field,
                                                        message):
    response = client.post("/manage/events/new?lang=en", data={**NEW_EVENT, **changes})

    assert response.status_code == 422
    assert errors_of(text(response)).get(field) == message
    assert count(dbs, Event) == 0


def test_a_deadline_in_the_hour_the_clocks_skip_is_refused(client, dbs, signed_in):
    response = client.post("/manage/events/new?lang=en", data={
        **NEW_EVENT, "timezone": "Europe/Berlin", "start_date": "2021-04-01",
        "end_date": "2021-04-02", "registration_closes_on": "2021-03-28",
        "registration_closes_time": "02:30"})

    assert response.status_code == 422
    assert "2021-03-28 02:30 does not exist in Europe/Berlin" in text(response)
    assert count(dbs, Event) == 0
