"""Organizers build the programme: sessions in the event's zone, cancelled, restored, logged."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from lmevents.agenda.models import Session, SessionChange, SessionKind, SessionStatus, SpeakerRole
from lmevents.agenda.services import SpeakerEntry, set_session_speakers
from tests import factories
from tests.probes import count, fresh, text


def _form(**changes) -> dict:
    return {
        "kind": "keynote", "title_zh": "主旨发言", "title_en": "Keynote on biodiversity",
        "description_en": "Where the basin stands.", "start_date": "2020-11-26",
        "start_time": "10:00", "end_date": "2020-11-26", "end_time": "10:30",
        "room_id": "", "subforum_id": "", "capacity": "",
        "topics": "生物多样性 | Biodiversity\n\n基础设施 |\nFinance", **changes,
    }


def test_sessions_page_lists_cancelled_sessions_marked(client, dbs, signed_in, programme):
    other = factories.make_session(dbs, programme.event, title_en="Closing remarks",
                                   start=factories.at(11), end=factories.at(12))
    client.post(f"/manage/events/test-event/sessions/{other.id}/cancel")

    body = text(client.get("/manage/events/test-event/sessions"))

    assert "Opening keynote" in body and "Closing remarks" in body
    assert f'id="session-{other.id}" class="cancelled" data-status="cancelled"' in body
    assert "09:00–09:40 China Standard Time (UTC+08:00)" in body


def test_session_form_says_which_zone_its_times_are_in(client, dbs, signed_in):
    factories.make_event(dbs, timezone="Asia/Vientiane")

    body = text(client.get("/manage/events/test-event/sessions/new"))

    assert "local times in the event's time zone: Asia/Vientiane" in body
    assert "Local time in Asia/Vientiane, the event&#39;s time zone." in body


def test_created_session_lands_at_the_right_utc_times(client, dbs, signed_in, programme):
    response = client.post("/manage/events/test-event/sessions/new", data=_form(
        room_id=str(programme.room.id), capacity="80"))

    assert response.status_code == 302
    session = dbs.query(Session).filter_by(title_en="Keynote on biodiversity").one()
    assert response.headers["Location"].endswith(f"/sessions/{session.id}/speakers")
    assert session.starts_at == datetime(2020, 11, 26, 2, 0, tzinfo=UTC)
    assert session.ends_at == datetime(2020, 11, 26, 2, 30, tzinfo=UTC)
    assert (session.kind, session.room_id, session.capacity) == (
        SessionKind.KEYNOTE, programme.room.id, 80)
    assert [(t.title_zh, t.title_en) for t in session.topics] == [
        ("生物多样性", "Biodiversity"), ("基础设施", None), (None, "Finance")]
    assert [c.action for c in session.changes] == ["created"]
    assert session.changes[0].changed_by_id == signed_in.id


def test_the_event_zone_decides_not_the_viewer_zone(client, dbs, signed_in):
    event = factories.make_event(dbs, timezone="America/New_York",
                                 start_date=date(2021, 3, 14), end_date=date(2021, 3, 14))

    response = client.post(f"/manage/events/{event.slug}/sessions/new?tz=Asia/Shanghai",
                           data=_form(start_date="2021-03-14", start_time="09:00",
                                      end_date="2021-03-14", end_time="10:00"))

    assert response.status_code == 302
    session = dbs.query(Session).filter_by(event_id=event.id).one()
    # New York is on daylight time (UTC-4) from 02:00 that day.
    assert session.starts_at == datetime(2021, 3, 14, 13, 0, tzinfo=UTC)


def test_a_time_skipped_by_daylight_saving_is_refused(client, dbs, signed_in):
    event = factories.make_event(dbs, timezone="America/New_York",
                                 start_date=date(2021, 3, 14), end_date=date(2021, 3, 14))

    response = client.post(f"/manage/events/{event.slug}/sessions/new",
                           data=_form(start_date="2021-03-14", start_time="02:30",
                                      end_date="2021-03-14", end_time="04:00"))

    assert response.status_code == 422
    assert "2021-03-14 02:30 does not exist in America/New_York" in text(response)
    assert count(dbs, Session) == 0


@pytest.mark.parametrize(("changes", "message"), [
    ({"start_time": "10:00", "end_time": "09:30"}, "The session must end after it starts."),
    ({"start_date": "2020-11-27", "end_date": "2020-11-27"},
     "The session must start within the event&#39;s dates "
     "(2020-11-26 to 2020-11-26 Asia/Shanghai)"),
    ({"start_time": "09:20", "end_time": "09:50", "room": True},
     "Virtual room &#39;Plenary room&#39; already hosts &#39;Opening keynote&#39; "
     "(2020-11-26 09:00–09:40 Asia/Shanghai)"),
    ({"start_time": "09:20", "end_time": "09:50"},
     "A plenary session cannot overlap &#39;Opening keynote&#39;"),
    ({"title_zh": "", "title_en": ""}, "A title is required, in Chinese or English"),
    ({"kind": "subforum"}, "A parallel sub-forum session must belong to a sub-forum."),
    ({"capacity": "-5"}, "Capacity cannot be negative."),
    ({"capacity": "99999999999"}, "Number must be at most 1000000."),
    ({"start_time": "25:00"}, "Not a valid time value."),
    ({"kind": "party"}, "Invalid Choice: could not coerce."),
    ({"room_id": "999999"}, "Not a valid choice."),
])
def test_bad_session_is_refused_with_the_reason(client, dbs, signed_in, programme, changes,
                                                message):
    changes = dict(changes)  # the parameters are shared by both databases' runs
    if changes.pop("room", False):
        changes["room_id"] = str(programme.room.id)
    sessions, log = count(dbs, Session), count(dbs, SessionChange)

    response = client.post("/manage/events/test-event/sessions/new", data=_form(**changes))

    assert response.status_code == 422
    assert message in text(response)
    assert (count(dbs, Session), count(dbs, SessionChange)) == (sessions, log)


def test_a_room_clash_is_summarized_above_the_form_linking_to_the_room(
    client, dbs, signed_in, programme
):
    """The form is long: the clash is named at the top, where the page opens, with a link
    down to the room field, which is marked in error."""
    response = client.post("/manage/events/test-event/sessions/new?lang=en", data=_form(
        start_time="09:20", end_time="09:50", room_id=str(programme.room.id)))

    assert response.status_code == 422
    body = text(response)
    summary = body[body.index('class="error-summary"'):body.index('id="kind"')]
    assert ('<a href="#room_id">Virtual room: Virtual room &#39;Plenary room&#39; already hosts '
            '&#39;Opening keynote&#39;') in summary
    assert re.search(r'<select [^>]*aria-describedby="room_id-error[^"]*"[^>]*'
                     r'aria-invalid="true"[^>]*id="room_id"', body)


def test_moving_a_session_onto_a_busy_speaker_is_refused(client, dbs, signed_in, programme):
    event, speaker = programme.event, programme.speaker
    b = factories.make_subforum(dbs, event, code="B")
    in_a = factories.make_session(dbs, event, kind=SessionKind.SUBFORUM, title_en="Panel A",
                                  subforum_id=programme.subforum.id,
                                  start=factories.at(14), end=factories.at(15))
    in_b = factories.make_session(dbs, event, kind=SessionKind.SUBFORUM, title_en="Panel B",
                                  subforum_id=b.id, start=factories.at(16), end=factories.at(17))
    for session in (in_a, in_b):
        set_session_speakers(dbs, session, [SpeakerEntry(speaker.id, SpeakerRole.PANELIST)])
    dbs.commit()

    response = client.post(f"/manage/events/test-event/sessions/{in_b.id}/edit", data=_form(
        kind="subforum", title_en="Panel B", subforum_id=str(b.id), start_time="14:30",
        end_time="15:30", topics=""))

    assert response.status_code == 422
    assert ("Ada Speaker already speaks in &#39;Panel A&#39; (2020-11-26 14:00–15:00 "
            "Asia/Shanghai)") in text(response)
    assert fresh(dbs, Session, in_b.id).starts_at == factories.at(16)


def test_edit_form_shows_local_times_and_moves_the_session(client, dbs, signed_in, programme):
    url = f"/manage/events/test-event/sessions/{programme.session.id}/edit"
    form = text(client.get(url))
    assert 'value="09:00"' in form and 'value="09:40"' in form and 'value="2020-11-26"' in form

    response = client.post(url, data=_form(title_en="Opening keynote, moved",
                                           start_time="11:00", end_time="11:45",
                                           room_id=str(programme.room.id), topics="| Water"))

    assert response.status_code == 302
    session = fresh(dbs, Session, programme.session.id)
    assert session.starts_at == datetime(2020, 11, 26, 3, 0, tzinfo=UTC)
    assert session.title_en == "Opening keynote, moved"
    assert [t.title_en for t in session.topics] == ["Water"]
    assert session.revision == 1  # the event was published: calendars must follow
    assert [c.action for c in session.changes] == ["created", "modified"]


def test_cancel_keeps_the_session_and_bumps_its_revision(client, dbs, signed_in, programme):
    url = f"/manage/events/test-event/sessions/{programme.session.id}"

    response = client.post(url + "/cancel", follow_redirects=True)

    assert response.status_code == 200
    assert "stays in the programme, marked as cancelled" in text(response)
    session = fresh(dbs, Session, programme.session.id)
    assert (session.status, session.revision) == (SessionStatus.CANCELLED, 1)
    assert "Opening keynote" in text(client.get(f"/events/test-event/sessions/{session.id}"))

    again = client.post(url + "/cancel")

    assert again.status_code == 422
    assert "The session is already cancelled." in text(again)
    assert fresh(dbs, Session, session.id).revision == 1

    client.post(url + "/restore")

    session = fresh(dbs, Session, session.id)
    assert (session.status, session.revision) == (SessionStatus.SCHEDULED, 2)


def test_cancelling_before_first_publication_keeps_revision_zero(client, dbs, signed_in):
    event = factories.make_event(dbs, published=False)
    session = factories.make_session(dbs, event)

    client.post(f"/manage/events/{event.slug}/sessions/{session.id}/cancel")

    session = fresh(dbs, Session, session.id)
    assert (session.status, session.revision) == (SessionStatus.CANCELLED, 0)


def test_restoring_into_a_taken_place_is_refused(client, dbs, signed_in, programme):
    url = f"/manage/events/test-event/sessions/{programme.session.id}"
    client.post(url + "/cancel")
    factories.make_session(dbs, programme.event, title_en="Replacement",
                           start=factories.at(9), end=factories.at(10))

    response = client.post(url + "/restore")

    assert response.status_code == 422
    assert "A plenary session cannot overlap &#39;Replacement&#39;" in text(response)
    assert fresh(dbs, Session, programme.session.id).status == SessionStatus.CANCELLED


def test_change_log_shows_what_when_who_and_revision(client, dbs, signed_in, programme):
    url = f"/manage/events/test-event/sessions/{programme.session.id}"
    client.post(url + "/edit", data=_form(title_en="Opening address", start_time="10:00",
                                          end_time="10:40", room_id=str(programme.room.id)))
    client.post(url + "/cancel")

    body = text(client.get(url + "/changes"))

    assert "Created" in body and "Modified" in body and "Cancelled" in body
    assert "Title (English): Opening keynote → Opening address" in body
    assert "Status: Scheduled → Cancelled" in body
    assert "Start: 2020-11-26 09:00 China Standard Time (UTC+08:00) → " \
           "2020-11-26 10:00 China Standard Time (UTC+08:00)" in body
    assert "organizer" in body  # who
    assert "<td>2</td>" in body  # the cancellation's revision


def test_session_of_another_event_is_not_found(client, dbs, signed_in, programme):
    other = factories.make_event(dbs, "other-event")

    response = client.get(f"/manage/events/{other.slug}/sessions/{programme.session.id}/edit")

    assert response.status_code == 404
