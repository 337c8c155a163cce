"""The speakers API costs a constant number of SQL queries, whatever the number of speakers."""

from __future__ import annotations

from datetime import timedelta

from lmevents.agenda.models import Session, SessionKind, SessionSpeaker, SpeakerRole
from lmevents.extensions import db
from lmevents.speakers.models import EventSpeaker, InvitationState, Speaker, SpeakerPhoto
from lmevents.subforums.models import SubForum, SubForumModerator
from tests import factories
from tests.factories import at

ROLES = list(SpeakerRole)
PER_SESSION = 10


def build_speakers(dbs, slug: str, count: int):
    """`count` speakers in sessions of ten, some with portraits, invitations or a sub-forum
    to moderate: every kind of row the list reads grows with `count`."""
    event = factories.make_event(dbs, slug)
    room = factories.make_room(dbs, event)
    speakers = [
        Speaker(name_en=f"Speaker {i:04d}", country="LA" if i % 2 else "CN",
                organization_en=f"Org {i % 7}", bio_en=f"Works on *topic {i}*.",
                email=f"speaker{i}@private.example.org")
        for i in range(count)
    ]
    dbs.add_all(speakers)
    for start in range(0, count, PER_SESSION):
        begins = at(8) + timedelta(minutes=30 * (start // PER_SESSION))
        forum = SubForum(event=event, code=f"F{start}", title_en=f"Forum {start}", room=room)
        forum.moderators.append(SubForumModerator(speaker=speakers[start]))
        session = Session(event=event, kind=SessionKind.SUBFORUM, title_en=f"Session {start}",
                          starts_at=begins, ends_at=begins + timedelta(minutes=30), room=room,
                          subforum=forum)
        session.speakers = [
            SessionSpeaker(speaker=speaker, role=ROLES[i % len(ROLES)], position=i,
                           talk_title_en=f"Talk {start + i}")
            for i, speaker in enumerate(speakers[start:start + PER_SESSION])
        ]
        dbs.add_all([forum, session])
    for i, speaker in enumerate(speakers):
        if i % 3 == 0:
            dbs.add(SpeakerPhoto(speaker=speaker, content_type="image/png", sha256=f"{i:064d}",
                                 width=1, height=1, data=b"png"))
        if i % 4 == 0:
            state = InvitationState.CONFIRMED if i % 8 else InvitationState.INVITED
            dbs.add(EventSpeaker(event=event, speaker=speaker, state=state))
    dbs.commit()
    return event


def queries_for(client, count_queries, url: str, headers=None) -> int:
    client.get(url, headers=headers)  # warm the caches
    db.session.remove()  # as after every real request: nothing already loaded
    with count_queries() as counter:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, response.get_json()
    return counter.count


def test_the_public_speaker_list_costs_the_same_for_10_and_500_speakers(
    client, dbs, count_queries
):
    build_speakers(dbs, "small", 10)
    build_speakers(dbs, "large", 500)

    for query in ("", "?tz=Asia/Yangon&lang=zh&country=LA&organization=org%201"):
        few = queries_for(client, count_queries, f"/api/v1/events/small/speakers{query}")
        many = queries_for(client, count_queries, f"/api/v1/events/large/speakers{query}")
        assert few == many, (query, few, many)
        assert many <= 12, many
    listed = client.get("/api/v1/events/large/speakers").get_json()
    assert len(listed) == 500 - len(range(0, 500, 8))  # the open invitations stay hidden


def test_one_speaker_costs_a_fixed_number_of_queries(client, dbs, count_queries):
    build_speakers(dbs, "large", 50)
    speaker_id = dbs.scalar(
        db.select(Speaker.id).where(Speaker.name_en == "Speaker 0001"))

    count = queries_for(client, count_queries, f"/api/v1/events/large/speakers/{speaker_id}")

    assert count <= 12, count


def test_the_registry_costs_the_same_for_10_and_500_speakers(
    client, dbs, count_queries, organizer_headers
):
    build_speakers(dbs, "small", 10)
    few = queries_for(client, count_queries, "/api/v1/speakers?page_size=1000", organizer_headers)
    build_speakers(dbs, "large", 490)

    many = queries_for(client, count_queries, "/api/v1/speakers?page_size=1000", organizer_headers)

    assert few == many, (few, many)
    listed = client.get("/api/v1/speakers?page_size=1000", headers=organizer_headers)
    assert len(listed.get_json()) == 500
