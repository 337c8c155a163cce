"""Organizers track each speaker's invitation to an event; only confirmed or untracked speakers
appear on the public pages."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from lmevents.agenda.models import SpeakerRole
from lmevents.agenda.services import SpeakerEntry
from lmevents.errors import Conflict, Invalid
from lmevents.speakers.models import EventSpeaker, InvitationState
from lmevents.speakers.services import event_roster, invite_speaker, set_invitation
from tests import factories
from tests.probes import count, text


def invitation(dbs, event, speaker) -> EventSpeaker | None:
    dbs.expire_all()
    return dbs.scalar(select(EventSpeaker).where(EventSpeaker.event_id == event.id,
                                                 EventSpeaker.speaker_id == speaker.id))


def panel(dbs, event, *speakers):
    """A keynote session in `event` where `speakers` are panelists."""
    return factories.make_session(dbs, event, speakers=[
        SpeakerEntry(s.id, SpeakerRole.PANELIST) for s in speakers])


def test_setting_a_state_tracks_then_updates_one_row(dbs, event):
    speaker = factories.make_speaker(dbs)

    set_invitation(dbs, event, speaker, InvitationState.INVITED)
    set_invitation(dbs, event, speaker, "confirmed")
    dbs.commit()

    assert invitation(dbs, event, speaker).state == InvitationState.CONFIRMED
    assert count(dbs, EventSpeaker) == 1


def test_unknown_state_is_refused(dbs, event):
    speaker = factories.make_speaker(dbs)

    with pytest.raises(Invalid, match="Unknown invitation state 'maybe'."):
        set_invitation(dbs, event, speaker, "maybe")


def test_inviting_a_tracked_speaker_again_is_refused(dbs, event):
    speaker = factories.make_speaker(dbs)
    set_invitation(dbs, event, speaker, InvitationState.CONFIRMED)

    with pytest.raises(Conflict, match=r"already on this event's list \(confirmed\)"):
        invite_speaker(dbs, event, speaker)


def test_roster_lists_parts_moderators_and_invitations_only(dbs, event):
    talker, moderator, invited, bystander = (
        factories.make_speaker(dbs, name) for name in ("Talker", "Moderator", "Invited", "Nobody"))
    panel(dbs, event, talker)
    factories.make_subforum(dbs, event, moderator_ids=[moderator.id])
    set_invitation(dbs, event, invited, InvitationState.INVITED)
    set_invitation(dbs, event, talker, InvitationState.DECLINED)
    dbs.commit()

    roster = {entry.speaker.name_en: entry for entry in event_roster(dbs, event)}

    assert set(roster) == {"Talker", "Moderator", "Invited"}
    assert [p.role for p in roster["Talker"].parts] == [SpeakerRole.PANELIST]
    assert [s.code for s in roster["Moderator"].moderates] == ["A"]
    assert (roster["Talker"].public, roster["Moderator"].public, roster["Invited"].public) == (
        False, True, False)


# Through the back office


def test_page_shows_each_speaker_with_their_state(client, dbs, signed_in, event):
    talker = factories.make_speaker(dbs, "Talker")
    waiting = factories.make_speaker(dbs, "Waiting")
    panel(dbs, event, talker)
    set_invitation(dbs, event, waiting, InvitationState.INVITED)
    dbs.commit()

    page = text(client.get(f"/manage/events/{event.slug}/speakers"))

    assert f'id="speaker-{talker.id}"' in page and f'id="speaker-{waiting.id}"' in page
    assert "Not tracked" in page and "Invited" in page


def test_organizer_invites_a_registry_speaker(client, dbs, signed_in, event):
    speaker = factories.make_speaker(dbs, name_zh="李永红", name_en="Li Yonghong")

    response = client.post(f"/manage/events/{event.slug}/speakers",
                           data={"speaker_id": speaker.id})

    assert response.status_code == 302
    assert invitation(dbs, event, speaker).state == InvitationState.INVITED


def test_inviting_twice_is_refused_on_the_form(client, dbs, signed_in, event):
    speaker = factories.make_speaker(dbs)
    set_invitation(dbs, event, speaker, InvitationState.CONFIRMED)
    dbs.commit()

    response = client.post(f"/manage/events/{event.slug}/speakers",
                           data={"speaker_id": speaker.id})

    assert response.status_code == 422
    assert "already on this event&#39;s list (confirmed)" in text(response)
    assert invitation(dbs, event, speaker).state == InvitationState.CONFIRMED


@pytest.mark.parametrize("state", ["confirmed", "declined", "invited"])
def test_organizer_sets_the_state(client, dbs, signed_in, event, state):
    speaker = factories.make_speaker(dbs)
    panel(dbs, event, speaker)

    response = client.post(f"/manage/events/{event.slug}/speakers/{speaker.id}/invitation",
                           data={"state": state})

    assert response.status_code == 302
    assert invitation(dbs, event, speaker).state == InvitationState(state)


def test_unknown_state_from_the_page_changes_nothing(client, dbs, signed_in, event):
    speaker = factories.make_speaker(dbs)
    set_invitation(dbs, event, speaker, InvitationState.INVITED)
    dbs.commit()

    response = client.post(f"/manage/events/{event.slug}/speakers/{speaker.id}/invitation",
                           data={"state": "accepted"})

    assert response.status_code == 422
    assert "Choose invited, confirmed or declined." in text(response)
    assert invitation(dbs, event, speaker).state == InvitationState.INVITED


def test_stop_tracking_removes_the_row(client, dbs, signed_in, event):
    speaker = factories.make_speaker(dbs)
    set_invitation(dbs, event, speaker, InvitationState.DECLINED)
    dbs.commit()

    response = client.post(
        f"/manage/events/{event.slug}/speakers/{speaker.id}/invitation/remove")

    assert response.status_code == 302
    assert invitation(dbs, event, speaker) is None
    again = client.post(f"/manage/events/{event.slug}/speakers/{speaker.id}/invitation/remove")
    assert again.status_code == 404


def test_public_list_shows_only_confirmed_and_untracked_speakers(client, dbs, signed_in, event):
    invited, declined, confirmed, untracked = (
        factories.make_speaker(dbs, name, name_zh=zh) for name, zh in (
            ("Ivy Invited", "邀请"), ("Dan Declined", "谢绝"), ("Cora Confirmed", "普利锋"),
            ("Una Untracked", "李永红")))
    panel(dbs, event, invited, declined, confirmed, untracked)
    for speaker, state in ((invited, "invited"), (declined, "declined"),
                           (confirmed, "confirmed")):
        set_state = client.post(f"/manage/events/{event.slug}/speakers/{speaker.id}/invitation",
                                data={"state": state}, follow_redirects=True)
        assert set_state.status_code == 200

    public = text(client.get(f"/events/{event.slug}/speakers"))

    assert "Cora Confirmed" in public and "Una Untracked" in public
    assert "Ivy Invited" not in public and "Dan Declined" not in public
    assert client.get(f"/events/{event.slug}/speakers/{declined.id}").status_code == 404
    assert client.get(f"/events/{event.slug}/speakers/{confirmed.id}").status_code == 200


def test_private_email_never_reaches_the_public_pages(client, dbs, signed_in, event):
    speaker = factories.make_speaker(dbs, "Cora Confirmed", email="cora.private@mail.example.net",
                                     bio_en="Hydrologist.")
    panel(dbs, event, speaker)
    client.post(f"/manage/events/{event.slug}/speakers/{speaker.id}/invitation",
                data={"state": "confirmed"}, follow_redirects=True)
    assert "cora.private@mail.example.net" in text(client.get("/manage/speakers"))

    for url in (f"/events/{event.slug}/speakers", f"/events/{event.slug}/speakers/{speaker.id}",
                f"/events/{event.slug}/speakers?lang=zh"):
        page = text(client.get(url))
        assert "Cora Confirmed" in page
        assert "cora.private" not in page and "mail.example.net" not in page


def test_event_page_costs_the_same_for_two_speakers_or_twelve(client, dbs, signed_in, event,
                                                              count_queries):
    def queries() -> int:
        with count_queries() as counter:
            assert client.get(f"/manage/events/{event.slug}/speakers").status_code == 200
        return counter.count

    first = [factories.make_speaker(dbs, f"Speaker {i}") for i in range(2)]
    panel(dbs, event, first[0])
    factories.make_subforum(dbs, event, "A", moderator_ids=[first[1].id])
    set_invitation(dbs, event, first[0], InvitationState.CONFIRMED)
    dbs.commit()
    few = queries()

    more = [factories.make_speaker(dbs, f"More {i}") for i in range(10)]
    factories.make_session(dbs, event, factories.at(11), factories.at(12), speakers=[
        SpeakerEntry(s.id, SpeakerRole.PRESENTER) for s in more[:3]])
    factories.make_subforum(dbs, event, "B", moderator_ids=[s.id for s in more[:5]])
    for speaker in more[5:]:
        set_invitation(dbs, event, speaker, InvitationState.DECLINED)
    dbs.commit()

    assert queries() == few


@pytest.mark.postgres_only("row locks are PostgreSQL's; SQLite lets one writer in at a time")
def test_two_organizers_tracking_one_speaker_at_once_get_one_row(app, dbs):
    import threading
    import time

    from sqlalchemy import func, select

    from lmevents.events.models import Event
    from lmevents.extensions import db
    from lmevents.speakers.models import EventSpeaker, Speaker
    from lmevents.speakers.services import set_invitation

    event = factories.make_event(dbs)
    speaker = factories.make_speaker(dbs, "Wanted Speaker")
    first_done = threading.Event()
    errors: list[Exception] = []

    def track(state, hold):
        with app.app_context():
            try:
                set_invitation(db.session, db.session.get(Event, event.id),
                               db.session.get(Speaker, speaker.id), state)
                first_done.set()
                time.sleep(hold)
                db.session.commit()
            except Exception as exc:  # the test reports any failure below
                errors.append(exc)
                db.session.rollback()
            finally:
                first_done.set()
                db.session.remove()

    first = threading.Thread(target=track, args=("invited", 0.5))
    second = threading.Thread(target=lambda: (first_done.wait(5), track("confirmed", 0)))
    first.start()
    second.start()
    first.join(10)
    second.join(10)
    assert errors == []
    dbs.expire_all()
    rows = dbs.scalars(select(EventSpeaker)).all()
    assert len(rows) == 1 and rows[0].state.value == "confirmed"
    assert dbs.scalar(select(func.count()).select_from(EventSpeaker)) == 1
