"""When registration for an event closes: the organizers' deadline, by default the end of the
event's last day in its zone; a deadline after the event's end is refused."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from lmevents.errors import Invalid
from lmevents.events.services import (
    EventInput,
    check_event,
    create_event,
    registration_deadline,
    update_event,
)
from tests.factories import make_event


def event_input(**overrides) -> EventInput:
    values = dict(slug="roundtable", timezone="Asia/Shanghai", start_date=date(2020, 11, 25),
                  end_date=date(2020, 11, 26), title_en="Roundtable")
    values.update(overrides)
    return EventInput(**values)


@pytest.mark.parametrize(("zone", "end"), [
    ("Asia/Shanghai", datetime(2020, 11, 26, 16, 0, tzinfo=UTC)),
    ("Asia/Yangon", datetime(2020, 11, 26, 17, 30, tzinfo=UTC)),
    ("America/New_York", datetime(2020, 11, 27, 5, 0, tzinfo=UTC)),
])
def test_by_default_registration_closes_at_the_end_of_the_last_day_in_the_event_zone(
        dbs, zone, end):
    event = create_event(dbs, event_input(timezone=zone))

    assert registration_deadline(event) == end


def test_a_deadline_the_organizers_set_is_the_deadline(dbs):
    closes = datetime(2020, 11, 20, 18, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    event = create_event(dbs, event_input(registration_closes_at=closes))
    dbs.commit()
    dbs.expire_all()

    assert registration_deadline(event) == closes
    assert registration_deadline(event).tzinfo == UTC


def test_registration_may_close_at_the_very_end_of_the_event(dbs):
    end = datetime(2020, 11, 27, 0, 0, tzinfo=ZoneInfo("Asia/Shanghai"))

    event = create_event(dbs, event_input(registration_closes_at=end))

    assert registration_deadline(event) == end


def test_a_deadline_after_the_event_ends_is_refused_with_the_other_faults(dbs):
    late = datetime(2020, 11, 27, 0, 1, tzinfo=ZoneInfo("Asia/Shanghai"))

    with pytest.raises(Invalid) as refused:
        create_event(dbs, event_input(slug="Bad Slug", registration_closes_at=late))

    assert refused.value.errors == {
        "slug": "Use 1–64 lower-case letters, digits and inner hyphens.",
        "registration_closes_at": "Registration must close by the end of the event's last day "
                                  "(2020-11-26, Asia/Shanghai).",
    }


def test_new_dates_that_end_before_the_deadline_are_refused_naming_it(dbs):
    event = make_event(dbs, "roundtable", start_date=date(2020, 11, 25),
                       end_date=date(2020, 11, 26),
                       registration_closes_at=datetime(2020, 11, 26, 12, tzinfo=UTC))

    with pytest.raises(Invalid) as refused:
        update_event(dbs, event, event_input(end_date=date(2020, 11, 25),
                                             registration_closes_at=event.registration_closes_at))

    assert refused.value.field == "registration_closes_at"


@pytest.mark.parametrize("partial", [
    {"end_date": None}, {"timezone": ""}, {"timezone": "Mars/Olympus"},
    {"end_date": date(2020, 11, 24)},
])
def test_the_deadline_is_not_measured_against_dates_or_a_zone_that_could_not_be_read(
        dbs, partial):
    late = datetime(2030, 1, 1, tzinfo=UTC)

    try:
        check_event(dbs, event_input(registration_closes_at=late, **partial), None)
    except Invalid as refused:
        assert "registration_closes_at" not in refused.errors
