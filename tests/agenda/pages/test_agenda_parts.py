"""A large programme is shown a day at a time, with a day and track picker; a small one, like
the roundtable, on one page. Either way a page costs the same statements at any size."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from lmevents.agenda.layout import ONE_PAGE
from lmevents.agenda.models import SessionKind
from lmevents.subforums.models import SubForum
from tests import factories
from tests.factories import at

AGENDA = "/events/test-event/agenda"


def titles(response) -> list[str]:
    return re.findall(r'class="title">(?:<a [^>]*>)?([^<]+)<', response.get_data(as_text=True))


@pytest.fixture
def conference(dbs):
    """Two days, four tracks of sessions each half hour, and a plenary opening each day:
    larger than one page."""
    event = factories.make_event(dbs, end_date=date(2020, 11, 27))
    tracks = [factories.make_subforum(dbs, event, code=f"T{n}", title_en=f"Track {n}")
              for n in range(6)]
    for day in (0, 1):
        when = date(2020, 11, 26) + timedelta(days=day)
        factories.make_session(dbs, event, at(8, 0, when), at(8, 30, when),
                               title_en=f"Opening day {day + 1}")
        for slot in range(6):
            for track in tracks:
                start = at(9, 0, when) + timedelta(minutes=30 * slot)
                factories.make_session(
                    dbs, event, start, start + timedelta(minutes=25), kind=SessionKind.SUBFORUM,
                    subforum_id=track.id, title_en=f"{track.code} day {day + 1} talk {slot}")
    return event


def test_the_roundtable_shows_on_one_page_without_a_picker(client, roundtable):
    response = client.get(AGENDA + "?lang=en")

    assert titles(response) == ["Keynote", "Forum A talk", "Forum B talk", "Technical exchange"]
    assert 'id="agenda-day"' not in response.get_data(as_text=True)


def test_a_large_programme_shows_its_first_day_with_a_day_and_track_picker(client, conference):
    assert ONE_PAGE < 2 * (1 + 6 * 6)

    response = client.get(AGENDA + "?lang=en")

    shown = titles(response)
    assert len(shown) == 1 + 6 * 6 and "Opening day 1" in shown
    assert not any("day 2" in title for title in shown)
    page = response.get_data(as_text=True)
    assert '<option value="2020-11-27">Friday, 27 November 2020</option>' in page
    assert '<option value="T3">Sub-forum T3: Track 3</option>' in page
    # Six tracks at once read one under the other, each card naming its track.
    assert 'class="band parallel many"' in page and "· Sub-forum T3" in page


def test_the_picker_shows_a_day_and_a_track(client, conference):
    second_day = titles(client.get(AGENDA + "?day=2020-11-27&lang=en"))
    one_track = titles(client.get(AGENDA + "?day=2020-11-27&track=t3&lang=en"))
    plenary = titles(client.get(AGENDA + "?day=2020-11-26&track=plenary&lang=en"))

    assert len(second_day) == 37 and "Opening day 2" in second_day
    assert one_track == [f"T3 day 2 talk {slot}" for slot in range(6)]
    assert plenary == ["Opening day 1"]


@pytest.mark.parametrize("query, notice", [
    ("day=2021-01-01", "“2021-01-01” is not a day of this event."),
    ("day=tomorrow", "“tomorrow” is not a day of this event."),
    ("track=Z9", "“Z9” is not a track of this event."),
])
def test_a_day_or_track_not_of_the_event_is_said_and_the_first_day_shown(
        client, conference, query, notice):
    response = client.get(f"{AGENDA}?{query}&lang=en")

    assert response.status_code == 200
    assert notice in response.get_data(as_text=True)
    assert "Opening day 1" in titles(response)


def test_a_day_of_the_agenda_costs_the_same_statements_whatever_the_programme(
        client, dbs, conference, count_queries):
    with count_queries() as small:
        client.get(AGENDA + "?lang=en")
    for slot in range(6, 30):  # four times the sessions on each track of each day
        for day in (0, 1):
            when = date(2020, 11, 26) + timedelta(days=day)
            start = at(9, 0, when) + timedelta(minutes=30 * slot)
            for code in ("T0", "T1"):
                track = dbs.scalar(select(SubForum).where(SubForum.code == code))
                factories.make_session(
                    dbs, conference, start, start + timedelta(minutes=25),
                    kind=SessionKind.SUBFORUM, subforum_id=track.id, title_en=f"More {slot}")
    with count_queries() as large:
        client.get(AGENDA + "?lang=en")

    assert large.count == small.count, (small.statements, large.statements)
