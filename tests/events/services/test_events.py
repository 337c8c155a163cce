"""Events: validation, publishing, and date changes that must keep the programme inside."""

from __future__ import annotations

from datetime import date

import pytest

from lmevents.errors import Conflict, Invalid, NotFound
from lmevents.events.services import (
    ContactInput,
    EventInput,
    create_event,
    get_event,
    publish_event,
    set_contact,
    unpublish_event,
    update_event,
)
from tests.factories import EVENT_DAY, at, make_event, make_session


def event_input(**overrides) -> EventInput:
    values = dict(slug="roundtable", timezone="Asia/Shanghai", start_date=EVENT_DAY,
                  end_date=EVENT_DAY, title_en="Roundtable")
    values.update(overrides)
    return EventInput(**values)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"slug": "Has Spaces"}, "slug", "lower-case letters"),
        ({"slug": "-leading"}, "slug", "lower-case letters"),
        ({"slug": ""}, "slug", "lower-case letters"),
        ({"timezone": "Mars/Olympus"}, "timezone", "not an IANA time zone"),
        ({"timezone": "+08:00"}, "timezone", "not an IANA time zone"),
        ({"end_date": date(2020, 11, 25)}, "end_date", "cannot end before it starts"),
        ({"title_en": "", "title_zh": ""}, "title_en", "title is required"),
        ({"default_language": "fr"}, "default_language", "Choose one of"),
    ],
)
def test_bad_event_input_is_refused_with_the_field(dbs, overrides, field, message):
    with pytest.raises(Invalid) as refused:
        create_event(dbs, event_input(**overrides))
    assert refused.value.field == field
    assert message in refused.value.message


def test_slug_is_unique(dbs):
    make_event(dbs, "roundtable")
    with pytest.raises(Conflict) as refused:
        create_event(dbs, event_input())
    assert refused.value.field == "slug"


def test_unpublished_events_are_hidden_from_the_public(dbs):
    event = make_event(dbs, "draft", published=False)
    with pytest.raises(NotFound):
        get_event(dbs, "draft")
    assert get_event(dbs, "draft", published_only=False) is event
    publish_event(dbs, event)
    assert get_event(dbs, "draft") is event
    first_published = event.first_published_at
    unpublish_event(dbs, event)
    publish_event(dbs, event)
    assert event.first_published_at == first_published


def test_new_dates_must_keep_every_session_inside(dbs):
    event = make_event(dbs)
    make_session(dbs, event, at(9), at(10), title_en="Opening")
    later = date(2020, 11, 27)
    with pytest.raises(Conflict, match="'Opening' would fall outside") as refused:
        update_event(dbs, event, event_input(slug=event.slug, start_date=later, end_date=later))
    assert refused.value.field == "start_date"


def test_zone_change_is_checked_against_sessions(dbs):
    event = make_event(dbs)
    make_session(dbs, event, at(1), at(2), title_en="Early")  # 17:00 UTC on the 25th
    with pytest.raises(Conflict, match="'Early'"):
        update_event(dbs, event, event_input(slug=event.slug, timezone="UTC"))


def test_contact_block_refuses_bad_addresses(dbs):
    event = make_event(dbs)
    with pytest.raises(Invalid) as refused:
        set_contact(dbs, event, ContactInput(emails=["not an address"]))
    assert refused.value.field == "emails"
    contact = set_contact(dbs, event, ContactInput(phone="+86-010-82268277",
                                                   emails=["a@example.org", " b@example.org "]))
    assert contact.email_list == ["a@example.org", "b@example.org"]


def test_a_never_published_event_is_deleted_with_its_programme(dbs):
    from sqlalchemy import func, select

    from lmevents.agenda.models import Session
    from lmevents.events.services import delete_event
    from tests.factories import make_room, make_subforum

    draft = make_event(dbs, "draft", published=False)
    kept = make_event(dbs, "kept")
    make_session(dbs, draft, room_id=make_room(dbs, draft).id,
                 subforum_id=make_subforum(dbs, draft).id)
    make_session(dbs, kept)
    delete_event(dbs, draft)
    dbs.commit()
    assert dbs.scalar(select(func.count()).select_from(Session)) == 1


def test_a_published_event_cannot_be_deleted(dbs):
    from lmevents.events.services import delete_event

    event = make_event(dbs, published=True)
    unpublish_event(dbs, event)
    with pytest.raises(Conflict, match="withdraw it") as refused:
        delete_event(dbs, event)
    assert refused.value.field == "published"


def test_event_list_costs_the_same_queries_for_one_or_many_events(client, dbs, count_queries):
    def queries() -> int:
        with count_queries() as counter:
            assert client.get("/api/v1/events").status_code == 200
        return counter.count

    make_event(dbs, "only")
    one = queries()
    for n in range(5):
        event = make_event(dbs, f"more-{n}")
        set_contact(dbs, event, ContactInput(phone="+86"))
    dbs.commit()
    assert queries() == one


@pytest.mark.parametrize("url", ["javascript:alert(document.cookie)", "data:text/html,x",
                                 "JavaScript:alert(1)", "http://", "//evil.example.org"])
def test_links_shown_publicly_must_be_web_addresses(dbs, url):
    from lmevents.events.services import HostInput, set_hosts

    event = make_event(dbs)
    with pytest.raises(Invalid, match="must start with https:// or http://") as refused:
        set_hosts(dbs, event, [HostInput(name_en="LMEC", url=url)])
    assert refused.value.field == "hosts"
    with pytest.raises(Invalid) as refused:
        set_contact(dbs, event, ContactInput(website=url))
    assert refused.value.field == "website"


@pytest.mark.parametrize("zone", ["localtime", "Factory", "posixrules", "posix/Asia/Shanghai"])
def test_zone_names_that_are_no_place_are_refused(dbs, zone):
    with pytest.raises(Invalid) as refused:
        create_event(dbs, event_input(timezone=zone))
    assert refused.value.field == "timezone"
