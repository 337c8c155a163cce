"""Organizers create, edit, publish and unpublish events, and set hosts and contact."""

from __future__ import annotations

import re
from datetime import date

import pytest

from lmevents.events.models import Event, EventContact, EventHost
from lmevents.events.services import get_event
from tests import factories
from tests.probes import count, fresh, text

NEW_EVENT = {
    "slug": "mekong-2021",
    "title_zh": "澜湄圆桌 2021",
    "title_en": "Mekong roundtable 2021",
    "theme_en": "Green infrastructure",
    "description_en": "Policy exchange.",
    "schedule_note_en": "Times are provisional.",
    "timezone": "Asia/Bangkok",
    "start_date": "2021-06-01",
    "end_date": "2021-06-02",
    "default_language": "zh",
}


def test_index_lists_published_and_unpublished_events(client, dbs, signed_in):
    factories.make_event(dbs, "public-one", title_en="Public roundtable")
    factories.make_event(dbs, "draft-one", published=False, title_en="Draft roundtable")

    body = text(client.get("/manage/"))

    assert "Public roundtable" in body and "Draft roundtable" in body
    assert "Not published" in body


def test_organizer_creates_an_unpublished_event(client, dbs, signed_in):
    response = client.post("/manage/events/new", data=NEW_EVENT)

    assert response.status_code == 302
    assert response.headers["Location"].endswith("/manage/events/mekong-2021/edit")
    event = get_event(dbs, "mekong-2021", published_only=False)
    assert (event.title_zh, event.title_en, event.timezone) == (
        "澜湄圆桌 2021", "Mekong roundtable 2021", "Asia/Bangkok")
    assert (event.start_date, event.end_date) == (date(2021, 6, 1), date(2021, 6, 2))
    assert event.default_language == "zh" and event.schedule_note_en == "Times are provisional."
    assert not event.published
    assert client.get("/events/mekong-2021/").status_code == 404


def test_new_event_form_offers_the_region_zones(client, signed_in):
    body = text(client.get("/manage/events/new?lang=en"))

    # A list to pick from (it was a free-text box), the participating countries first.
    assert re.search(r'<select [^>]*id="timezone" name="timezone"', body)
    assert '<option value="Asia/Vientiane">Laos · Vientiane (UTC+07:00)</option>' in body


def test_every_fault_of_a_new_event_is_shown_at_once_above_the_form(client, dbs, signed_in):
    """A bad slug, no title, a zone that is not on the list and an end before the start are
    all named in one answer: a summary above the form links to each field, and each field
    is marked in error and points at its message."""
    response = client.post("/manage/events/new?lang=en", data={
        **NEW_EVENT, "slug": "Bad Slug!", "title_zh": "", "title_en": "",
        "timezone": "Vientiane", "end_date": "2021-05-31"})

    assert response.status_code == 422
    body = text(response)
    summary = body[body.index('class="error-summary"'):body.index('id="slug"')]
    assert "There are 4 problems with what you sent" in summary
    for name, label, message in [
        ("slug", "Slug", "Use 1–64 lower-case letters, digits and inner hyphens."),
        ("title_en", "Title (English)",
         "A title is required, in Chinese or English (or both)."),
        ("timezone", "Time zone", "Not a valid choice."),
        ("end_date", "Last day", "The event cannot end before it starts."),
    ]:
        assert f'<a href="#{name}">{label}: {message}</a>' in summary
        assert re.search(rf'<[a-z]+ [^>]*aria-describedby="{name}-error[^"]*"[^>]*'
                         rf'aria-invalid="true"[^>]*id="{name}"', body), name
        assert f'<div class="field-error" id="{name}-error">{message}</div>' in body
    assert count(dbs, Event) == 0


def test_organizer_edits_an_event(client, dbs, signed_in):
    event = factories.make_event(dbs)
    form = text(client.get(f"/manage/events/{event.slug}/edit"))
    assert 'value="Asia/Shanghai"' in form and 'value="Test roundtable"' in form

    response = client.post(f"/manage/events/{event.slug}/edit", data={
        **NEW_EVENT, "slug": event.slug, "title_en": "Renamed roundtable",
        "timezone": "Asia/Shanghai", "start_date": "2020-11-26", "end_date": "2020-11-27",
    })

    assert response.status_code == 302
    event = fresh(dbs, Event, event.id)
    assert event.title_en == "Renamed roundtable" and event.end_date == date(2020, 11, 27)


def test_changing_the_slug_moves_the_back_office_pages(client, dbs, signed_in):
    event = factories.make_event(dbs)

    response = client.post(f"/manage/events/{event.slug}/edit", data={
        **NEW_EVENT, "slug": "renamed-event", "start_date": "2020-11-26",
        "end_date": "2020-11-26", "timezone": "Asia/Shanghai",
    })

    assert response.headers["Location"].endswith("/manage/events/renamed-event/edit")
    assert fresh(dbs, Event, event.id).slug == "renamed-event"


def test_publish_then_unpublish(client, dbs, signed_in):
    event = factories.make_event(dbs, published=False)

    response = client.post(f"/manage/events/{event.slug}/publish", follow_redirects=True)

    assert response.status_code == 200 and "is published" in text(response)
    published = fresh(dbs, Event, event.id)
    assert published.published and published.first_published_at is not None
    assert client.get(f"/events/{event.slug}/").status_code == 200

    response = client.post(f"/manage/events/{event.slug}/unpublish", follow_redirects=True)

    assert "hidden from the public" in text(response)
    unpublished = fresh(dbs, Event, event.id)
    assert not unpublished.published and unpublished.first_published_at is not None
    assert client.get(f"/events/{event.slug}/").status_code == 404


def test_publishing_is_post_only(client, dbs, signed_in):
    event = factories.make_event(dbs, published=False)

    assert client.get(f"/manage/events/{event.slug}/publish").status_code == 405
    assert not fresh(dbs, Event, event.id).published


@pytest.mark.parametrize(("changes", "message"), [
    ({"timezone": "Mars/Olympus"}, "Not a valid choice."),  # zones are picked from a list
    ({"slug": "Bad Slug!"}, "Use 1–64 lower-case letters, digits and inner hyphens."),
    ({"slug": "taken"}, "The slug &#39;taken&#39; is taken."),
    ({"title_zh": "", "title_en": ""}, "A title is required, in Chinese or English"),
    ({"end_date": "2021-05-31"}, "The event cannot end before it starts."),
    ({"start_date": "not a date"}, "Not a valid date value."),
    ({"start_date": "0001-01-01"}, "Choose a date between 1970-01-01 and 2999-12-31."),
    ({"title_en": "x" * 301}, "Field cannot be longer than 300 characters."),
])
def test_bad_event_is_refused_with_the_reason(client, dbs, signed_in, changes, message):
    factories.make_event(dbs, "taken")

    response = client.post("/manage/events/new", data={**NEW_EVENT, **changes})

    assert response.status_code == 422
    assert message in text(response)
    assert count(dbs, Event) == 1


def test_moving_event_dates_away_from_its_sessions_is_refused(client, dbs, signed_in):
    event = factories.make_event(dbs)
    factories.make_session(dbs, event, title_en="Opening keynote")

    response = client.post(f"/manage/events/{event.slug}/edit", data={
        **NEW_EVENT, "slug": event.slug, "timezone": "Asia/Shanghai",
        "start_date": "2020-11-27", "end_date": "2020-11-27",
    })

    assert response.status_code == 422
    assert "Session &#39;Opening keynote&#39; would fall outside the new dates" in text(response)
    assert fresh(dbs, Event, event.id).start_date == factories.EVENT_DAY


def test_text_is_trimmed_and_text_areas_keep_their_lines(client, dbs, signed_in):
    response = client.post("/manage/events/new", data={
        **NEW_EVENT, "title_en": "  Clean title  ", "theme_en": "Water\r\nAir\tand soil",
    })

    assert response.status_code == 302
    event = get_event(dbs, "mekong-2021", published_only=False)
    assert event.title_en == "Clean title"
    assert event.theme_en == "Water\r\nAir\tand soil"


@pytest.mark.parametrize(("field", "value", "message"), [
    ("title_en", "Clean\x00 title", "NUL characters are not allowed."),
    # A title reaches mail subjects: a line break there would forge headers.
    ("title_en", "Roundtable\r\nBcc: everyone@example.org",
     "Line breaks and control characters are not allowed here."),
    ("theme_en", "\x00", "NUL characters are not allowed."),
    ("theme_en", "a bell\x07", "Control characters are not allowed."),
])
def test_text_a_field_cannot_hold_is_refused_on_that_field(client, dbs, signed_in, field,
                                                          value, message):
    response = client.post("/manage/events/new", data={**NEW_EVENT, field: value})

    assert response.status_code == 422
    assert message in text(response)
    assert count(dbs, Event) == 0


def test_organizer_sets_the_organizing_bodies(client, dbs, signed_in):
    event = factories.make_event(dbs)

    response = client.post(f"/manage/events/{event.slug}/hosts", data={
        "hosts-0-name_zh": "澜沧江-湄公河环境合作中心", "hosts-0-name_en": "LMEC centre",
        "hosts-0-abbreviation": "LMEC", "hosts-0-role": "host",
        "hosts-0-url": "http://www.lmec.org.cn",
        "hosts-1-name_en": "", "hosts-1-role": "host",
        "hosts-2-name_en": "Foreign Environmental Cooperation Center",
        "hosts-2-abbreviation": "FECO", "hosts-2-role": "co-host",
    })

    assert response.status_code == 302
    hosts = fresh(dbs, Event, event.id).hosts
    assert [(h.abbreviation, h.role, h.position) for h in hosts] == [
        ("LMEC", "host", 0), ("FECO", "co-host", 1)]
    page = text(client.get(f"/manage/events/{event.slug}/hosts"))
    assert 'value="LMEC centre"' in page and 'name="hosts-3-name_en"' in page


def test_an_organizing_body_without_a_name_is_refused(client, dbs, signed_in):
    event = factories.make_event(dbs)

    response = client.post(f"/manage/events/{event.slug}/hosts", data={
        "hosts-0-abbreviation": "NONAME", "hosts-0-role": "host",
    })

    assert response.status_code == 422
    assert "Each organizer needs a name." in text(response)
    assert count(dbs, EventHost) == 0


def test_organizer_sets_the_contact_block(client, dbs, signed_in):
    event = factories.make_event(dbs)

    response = client.post(f"/manage/events/{event.slug}/contact", data={
        "address_zh": "北京市西城区后英房胡同5号", "address_en": "No. 5 Houyingfang Hutong",
        "postcode": "100035", "phone": "+86-010-82268277", "fax": "+86-010-82200579",
        "emails": "a@lmec.org.cn\n\n  b@lmec.org.cn  \n", "website": "http://www.lmec.org.cn",
        "wechat_zh": "澜湄环境合作", "wechat_en": "LMEC",
    })

    assert response.status_code == 302
    contact = fresh(dbs, Event, event.id).contact
    assert contact.email_list == ["a@lmec.org.cn", "b@lmec.org.cn"]
    assert (contact.postcode, contact.wechat_en) == ("100035", "LMEC")
    public = text(client.get(f"/events/{event.slug}/"))
    assert "mailto:b@lmec.org.cn" in public and "Houyingfang Hutong" in public


def test_a_bad_contact_address_is_refused(client, dbs, signed_in):
    event = factories.make_event(dbs)

    response = client.post(f"/manage/events/{event.slug}/contact",
                           data={"emails": "a@lmec.org.cn\nnot-an-address"})

    assert response.status_code == 422
    assert "&#39;not-an-address&#39; is not an e-mail address" in text(response)
    assert count(dbs, EventContact) == 0


def test_a_website_with_a_broken_bracketed_host_is_refused_not_a_crash(client, dbs, signed_in):
    event = factories.make_event(dbs)

    response = client.post(f"/manage/events/{event.slug}/contact",
                           data={"website": "http://[2001:db8::1"})

    assert response.status_code == 422
    assert "The website must start with https:// or http://" in text(response)
    assert count(dbs, EventContact) == 0
