"""Scheduling rules: every refusal names what clashes; parallel sub-forums may overlap."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from lmevents.agenda.models import Session, SessionKind, SessionStatus, SpeakerRole
from lmevents.agenda.services import (
    SessionInput,
    SpeakerEntry,
    cancel_session,
    create_session,
    restore_session,
    set_session_speakers,
    update_session,
)
from lmevents.errors import Conflict, Invalid
from tests.factories import (
    at,
    make_event,
    make_room,
    make_session,
    make_speaker,
    make_subforum,
)


def session_count(dbs) -> int:
    return dbs.scalar(select(func.count()).select_from(Session))


def test_session_is_stored_in_utc_and_read_back_aware(dbs):
    event = make_event(dbs)
    session = make_session(dbs, event, at(9), at(9, 40))
    dbs.expire_all()
    stored = dbs.get(Session, session.id)
    assert stored.starts_at == datetime(2020, 11, 26, 1, 0, tzinfo=UTC)
    assert stored.starts_at.utcoffset() == timedelta(0)


def test_time_in_another_zone_is_the_same_instant(dbs):
    event = make_event(dbs)
    yangon = ZoneInfo("Asia/Yangon")
    session = make_session(dbs, event, at(7, 30, zone=yangon), at(8, 30, zone=yangon))
    assert session.starts_at == at(9)


@pytest.mark.parametrize(
    ("start", "end", "field", "message"),
    [
        (at(10), at(9), "ends_at", "must end after it starts"),
        (at(10), at(10), "ends_at", "must end after it starts"),
        (at(9).replace(day=25), at(10).replace(day=25), "starts_at", "within the event's dates"),
        (at(23), at(1).replace(day=27), "ends_at", "within the event's dates"),
        (at(9).replace(tzinfo=None), at(10), "starts_at", "UTC offset"),
    ],
)
def test_bad_times_are_refused_with_the_field(dbs, start, end, field, message):
    event = make_event(dbs)
    with pytest.raises(Invalid) as refused:
        create_session(dbs, event, SessionInput(
            kind=SessionKind.KEYNOTE, starts_at=start, ends_at=end, title_en="X"))
    assert refused.value.field == field
    assert message in refused.value.message
    dbs.rollback()
    assert session_count(dbs) == 0


def test_event_dates_are_read_in_the_events_zone(dbs):
    event = make_event(dbs)
    # 23:30 on the 25th in UTC is 07:30 on the 26th in Shanghai: inside the event.
    start = datetime(2020, 11, 25, 23, 30, tzinfo=UTC)
    session = make_session(dbs, event, start, start + timedelta(hours=1))
    assert session.id


def test_title_is_required_in_one_language(dbs):
    event = make_event(dbs)
    with pytest.raises(Invalid) as refused:
        create_session(dbs, event, SessionInput(
            kind=SessionKind.KEYNOTE, starts_at=at(9), ends_at=at(10)))
    assert refused.value.field == "title_en"


def test_one_room_never_hosts_two_overlapping_sessions(dbs):
    event = make_event(dbs)
    room = make_room(dbs, event, name_en="Plenary room")
    forum_a, forum_b = make_subforum(dbs, event, "A"), make_subforum(dbs, event, "B")
    make_session(dbs, event, at(9), at(10), kind=SessionKind.SUBFORUM, room_id=room.id,
                 subforum_id=forum_a.id, title_en="Forum A talk")
    with pytest.raises(Conflict) as refused:
        make_session(dbs, event, at(9, 30), at(10, 30), kind=SessionKind.SUBFORUM,
                     room_id=room.id, subforum_id=forum_b.id)
    assert refused.value.field == "room_id"
    assert "Plenary room" in refused.value.message
    assert "Forum A talk" in refused.value.message
    assert "09:00–10:00 Asia/Shanghai" in refused.value.message


def test_back_to_back_sessions_do_not_clash(dbs):
    event = make_event(dbs)
    room = make_room(dbs, event)
    make_session(dbs, event, at(9), at(10), room_id=room.id)
    assert make_session(dbs, event, at(10), at(11), room_id=room.id).id


def test_speaker_is_never_in_two_overlapping_sessions(dbs):
    event = make_event(dbs)
    speaker = make_speaker(dbs, "Tang Dingding")
    forum_a, forum_b = make_subforum(dbs, event, "A"), make_subforum(dbs, event, "B")
    make_session(dbs, event, at(13), at(14), kind=SessionKind.SUBFORUM, subforum_id=forum_a.id,
                 title_en="Low-carbon parks",
                 speakers=[SpeakerEntry(speaker.id, SpeakerRole.PANELIST)])
    with pytest.raises(Conflict) as refused:
        make_session(dbs, event, at(13, 30), at(14, 30), kind=SessionKind.SUBFORUM,
                     subforum_id=forum_b.id,
                     speakers=[SpeakerEntry(speaker.id, SpeakerRole.PANELIST)])
    assert refused.value.field == "speakers"
    assert "Tang Dingding" in refused.value.message
    assert "Low-carbon parks" in refused.value.message


def test_speaker_clash_is_checked_across_events(dbs):
    speaker = make_speaker(dbs, "Li Yonghong")
    first, second = make_event(dbs, "first"), make_event(dbs, "second")
    make_session(dbs, first, at(9), at(10), speakers=[SpeakerEntry(speaker.id, "keynote")])
    with pytest.raises(Conflict, match="Li Yonghong already speaks"):
        make_session(dbs, second, at(9, 30), at(10, 30),
                     speakers=[SpeakerEntry(speaker.id, "keynote")])


def test_parallel_subforum_sessions_may_overlap(dbs):
    event = make_event(dbs)
    forum_a, forum_b = make_subforum(dbs, event, "A"), make_subforum(dbs, event, "B")
    room_a, room_b = make_room(dbs, event, "Room A"), make_room(dbs, event, "Room B")
    a = make_session(dbs, event, at(13, 30), at(15), kind=SessionKind.SUBFORUM,
                     subforum_id=forum_a.id, room_id=room_a.id)
    b = make_session(dbs, event, at(13, 30), at(15), kind=SessionKind.SUBFORUM,
                     subforum_id=forum_b.id, room_id=room_b.id)
    assert a.id != b.id


def test_sessions_of_one_subforum_do_not_overlap(dbs):
    event = make_event(dbs)
    forum = make_subforum(dbs, event, "A")
    make_session(dbs, event, at(13), at(14), kind=SessionKind.SUBFORUM, subforum_id=forum.id,
                 title_en="First A")
    with pytest.raises(Conflict, match="'First A'.*same sub-forum"):
        make_session(dbs, event, at(13, 30), at(14, 30), kind=SessionKind.SUBFORUM,
                     subforum_id=forum.id)


@pytest.mark.parametrize("subforum_first", [True, False])
def test_plenary_sessions_overlap_nothing(dbs, subforum_first):
    event = make_event(dbs)
    forum = make_subforum(dbs, event, "A")
    if subforum_first:
        make_session(dbs, event, at(9), at(10), kind=SessionKind.SUBFORUM, subforum_id=forum.id,
                     title_en="Forum")
        with pytest.raises(Conflict, match="plenary session cannot overlap 'Forum'"):
            make_session(dbs, event, at(9, 30), at(10, 30), kind=SessionKind.KEYNOTE)
    else:
        make_session(dbs, event, at(9), at(10), kind=SessionKind.KEYNOTE, title_en="Keynote")
        with pytest.raises(Conflict, match="Overlaps the plenary session 'Keynote'."):
            make_session(dbs, event, at(9, 30), at(10, 30), kind=SessionKind.SUBFORUM,
                         subforum_id=forum.id)


def test_subforum_session_needs_a_subforum(dbs):
    event = make_event(dbs)
    with pytest.raises(Invalid) as refused:
        make_session(dbs, event, kind=SessionKind.SUBFORUM)
    assert refused.value.field == "subforum_id"


def test_room_of_another_event_is_refused(dbs):
    event, other = make_event(dbs, "one"), make_event(dbs, "two")
    room = make_room(dbs, other)
    with pytest.raises(Invalid) as refused:
        make_session(dbs, event, room_id=room.id)
    assert refused.value.field == "room_id"


def test_cancelled_sessions_free_their_room_and_time(dbs):
    event = make_event(dbs)
    room = make_room(dbs, event)
    first = make_session(dbs, event, at(9), at(10), room_id=room.id)
    cancel_session(dbs, first)
    assert make_session(dbs, event, at(9), at(10), room_id=room.id).id


def test_moving_a_session_onto_another_is_refused_and_changes_nothing(dbs):
    event = make_event(dbs)
    make_session(dbs, event, at(9), at(10), title_en="Opening")
    second = make_session(dbs, event, at(10), at(11), title_en="Keynote")
    with pytest.raises(Conflict, match="'Opening'"):
        update_session(dbs, second, {"starts_at": at(9, 30)})
    dbs.rollback()
    dbs.expire_all()
    assert dbs.get(Session, second.id).starts_at == at(10)
    assert dbs.get(Session, second.id).revision == 0


def test_editing_a_published_session_bumps_revision_and_logs_the_change(dbs, organizer):
    event = make_event(dbs, published=True)
    room = make_room(dbs, event)
    session = make_session(dbs, event, at(9), at(10), title_en="Keynote")
    update_session(dbs, session, {"starts_at": at(11), "ends_at": at(12), "room_id": room.id},
                   actor=organizer)
    dbs.commit()
    assert session.revision == 1
    change = session.changes[-1]
    assert change.action == "modified"
    assert change.changed_by_id == organizer.id
    assert change.revision == 1
    assert change.changes["starts_at"] == [at(9).astimezone(UTC).isoformat(),
                                           at(11).astimezone(UTC).isoformat()]
    assert change.changes["room_id"] == [None, room.id]
    update_session(dbs, session, {"title_en": "Keynote speeches"}, actor=organizer)
    assert session.revision == 2


def test_description_only_edit_is_logged_without_a_new_revision(dbs):
    event = make_event(dbs, published=True)
    session = make_session(dbs, event)
    update_session(dbs, session, {"description_en": "More words"})
    assert session.revision == 0
    assert session.changes[-1].changes == {"description_en": [None, "More words"]}


def test_an_unchanged_save_records_nothing(dbs):
    event = make_event(dbs, published=True)
    session = make_session(dbs, event)
    assert update_session(dbs, session, {"title_en": session.title_en}) == {}
    assert [c.action for c in session.changes] == ["created"]


def test_edits_before_first_publication_keep_revision_zero(dbs):
    event = make_event(dbs, published=False)
    session = make_session(dbs, event)
    update_session(dbs, session, {"starts_at": at(11), "ends_at": at(12)})
    assert session.revision == 0
    assert session.changes[-1].action == "modified"


def test_cancel_keeps_the_session_and_restore_checks_the_rules(dbs):
    event = make_event(dbs, published=True)
    room = make_room(dbs, event)
    session = make_session(dbs, event, at(9), at(10), room_id=room.id, title_en="Original")
    cancel_session(dbs, session)
    dbs.commit()
    assert dbs.get(Session, session.id).status == SessionStatus.CANCELLED
    assert session.revision == 1
    make_session(dbs, event, at(9), at(10), room_id=room.id, title_en="Replacement")
    with pytest.raises(Conflict, match="'Replacement'"):
        restore_session(dbs, session)
    dbs.rollback()
    with pytest.raises(Conflict, match="already cancelled"):
        cancel_session(dbs, dbs.get(Session, session.id))


def test_restore_brings_a_cancelled_session_back(dbs):
    event = make_event(dbs, published=True)
    session = make_session(dbs, event)
    cancel_session(dbs, session)
    restore_session(dbs, session)
    assert session.status == SessionStatus.SCHEDULED
    assert session.revision == 2
    assert [c.action for c in session.changes] == ["created", "cancelled", "restored"]


def test_speakers_keep_their_order_and_roles(dbs):
    event = make_event(dbs)
    names = ["Li Yonghong", "Zhou Yunliang", "Syamphone Sengchadala", "Pu Lifeng"]
    speakers = [make_speaker(dbs, name) for name in names]
    session = make_session(dbs, event, kind=SessionKind.OPENING, speakers=[
        SpeakerEntry(s.id, SpeakerRole.OPENING_REMARKS) for s in speakers])
    assert [p.speaker.name_en for p in session.speakers] == names
    set_session_speakers(dbs, session, [SpeakerEntry(s.id, "opening_remarks")
                                        for s in reversed(speakers)])
    dbs.commit()
    dbs.expire_all()
    reloaded = dbs.get(Session, session.id)
    assert [p.speaker.name_en for p in reloaded.speakers] == list(reversed(names))
    assert reloaded.changes[-1].changes["speakers"][0][0][0] == speakers[0].id


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([SpeakerEntry(999_999, SpeakerRole.KEYNOTE)], "does not exist"),
        ("twice", "listed twice"),
    ],
)
def test_bad_speaker_lists_are_refused(dbs, entries, message):
    event = make_event(dbs)
    if entries == "twice":
        speaker = make_speaker(dbs)
        entries = [SpeakerEntry(speaker.id, "keynote"), SpeakerEntry(speaker.id, "panelist")]
    with pytest.raises(Invalid, match=message) as refused:
        make_session(dbs, event, speakers=entries)
    assert refused.value.field == "speakers"


def test_adding_a_busy_speaker_to_a_session_is_refused(dbs):
    event = make_event(dbs)
    forum_a, forum_b = make_subforum(dbs, event, "A"), make_subforum(dbs, event, "B")
    speaker = make_speaker(dbs, "Alison Jerkins")
    make_session(dbs, event, at(13), at(14), kind=SessionKind.SUBFORUM, subforum_id=forum_a.id,
                 title_en="Climate-smart schools",
                 speakers=[SpeakerEntry(speaker.id, "presenter")])
    other = make_session(dbs, event, at(13), at(14), kind=SessionKind.SUBFORUM,
                         subforum_id=forum_b.id)
    with pytest.raises(Conflict, match="Climate-smart schools"):
        set_session_speakers(dbs, other, [SpeakerEntry(speaker.id, "presenter")])


def test_capacity_cannot_be_negative(dbs):
    event = make_event(dbs)
    with pytest.raises(Invalid) as refused:
        make_session(dbs, event, capacity=-1)
    assert refused.value.field == "capacity"


def test_session_uid_is_stable_across_edits(dbs):
    event = make_event(dbs, published=True)
    session = make_session(dbs, event)
    uid = session.uid
    update_session(dbs, session, {"title_en": "Renamed", "starts_at": at(11), "ends_at": at(12)})
    cancel_session(dbs, session)
    assert session.uid == uid


def test_moving_with_a_new_speaker_list_checks_the_new_list(dbs):
    event = make_event(dbs)
    forum_a, forum_b = make_subforum(dbs, event, "A"), make_subforum(dbs, event, "B")
    busy, free = make_speaker(dbs, "Busy Speaker"), make_speaker(dbs, "Free Speaker")
    make_session(dbs, event, at(13), at(14), kind=SessionKind.SUBFORUM, subforum_id=forum_a.id,
                 speakers=[SpeakerEntry(busy.id, "presenter")])
    moving = make_session(dbs, event, at(15), at(16), kind=SessionKind.SUBFORUM,
                          subforum_id=forum_b.id,
                          speakers=[SpeakerEntry(busy.id, "presenter")])
    with pytest.raises(Conflict, match="Busy Speaker"):
        update_session(dbs, moving, {"starts_at": at(13), "ends_at": at(14)})
    dbs.rollback()
    moving = dbs.get(Session, moving.id)
    update_session(dbs, moving, {"starts_at": at(13), "ends_at": at(14)},
                   speakers=[SpeakerEntry(free.id, "presenter")])
    dbs.commit()
    assert [p.speaker.name_en for p in moving.speakers] == ["Free Speaker"]
    assert moving.starts_at == at(13)


def test_a_subforum_session_meets_in_the_subforums_room_by_default(dbs):
    event = make_event(dbs)
    room = make_room(dbs, event, "Sub-forum A room")
    forum = make_subforum(dbs, event, "A", room_id=room.id)
    session = make_session(dbs, event, kind=SessionKind.SUBFORUM, subforum_id=forum.id)
    assert session.room_id == room.id
    other = make_subforum(dbs, event, "B", room_id=room.id)
    with pytest.raises(Conflict, match="Sub-forum A room"):
        make_session(dbs, event, kind=SessionKind.SUBFORUM, subforum_id=other.id)


def test_a_move_with_new_speakers_is_one_change_entry(dbs):
    event = make_event(dbs, published=True)
    first, second = make_speaker(dbs, "First"), make_speaker(dbs, "Second")
    session = make_session(dbs, event, speakers=[SpeakerEntry(first.id, "keynote")])
    update_session(dbs, session, {"starts_at": at(11), "ends_at": at(12)},
                   speakers=[SpeakerEntry(second.id, "keynote")])
    change = session.changes[-1]
    assert [c.action for c in session.changes] == ["created", "modified"]
    assert set(change.changes) == {"starts_at", "ends_at", "speakers"}
    assert session.revision == 1
