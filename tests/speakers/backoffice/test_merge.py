"""Two registry records of one person become one: the duplicate's parts move, nothing clashes."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select

from lmevents.agenda.models import SessionKind, SessionSpeaker, SpeakerRole
from lmevents.agenda.services import SpeakerEntry
from lmevents.errors import Conflict, Invalid
from lmevents.speakers.merge import merge_speakers, plan_merge
from lmevents.speakers.models import EventSpeaker, InvitationState, Speaker, SpeakerPhoto
from lmevents.speakers.photos import set_speaker_photo
from lmevents.speakers.services import set_invitation
from lmevents.subforums.models import SubForumModerator
from tests import factories
from tests.probes import count, fresh, text
from tests.speakers.backoffice.conftest import image_bytes

at = factories.at


@dataclass
class Pair:
    keep: Speaker
    drop: Speaker
    event: object
    other_event: object
    shared: object  # a session both records speak in
    drop_only: object
    sub_a: object  # moderated by both
    sub_b: object  # moderated by drop only


@pytest.fixture
def pair(dbs) -> Pair:
    """Li Yonghong twice: once with a name and organization, once with a country, e-mail,
    photo and other parts."""
    event = factories.make_event(dbs)
    other_event = factories.make_event(dbs, slug="second-event")
    keep = factories.make_speaker(dbs, "Li Yonghong", name_zh="李永红",
                                  organization_en="Ministry of Water Resources")
    drop = factories.make_speaker(dbs, "Li Y.", country="CN", email="li@example.org",
                                  organization_en="Other Ministry", bio_en="Hydrologist.")
    set_speaker_photo(dbs, drop, image_bytes("JPEG"))
    shared = factories.make_session(dbs, event, at(9), at(9, 40), title_en="Opening", speakers=[
        SpeakerEntry(keep.id, SpeakerRole.CHAIR), SpeakerEntry(drop.id, SpeakerRole.PANELIST)])
    drop_only = factories.make_session(dbs, event, at(10), at(11), title_en="Water panel",
                                       speakers=[SpeakerEntry(drop.id, SpeakerRole.PRESENTER)])
    sub_a = factories.make_subforum(dbs, event, "A", moderator_ids=[keep.id, drop.id])
    sub_b = factories.make_subforum(dbs, event, "B", moderator_ids=[drop.id])
    set_invitation(dbs, event, keep, InvitationState.CONFIRMED)
    set_invitation(dbs, event, drop, InvitationState.DECLINED)
    set_invitation(dbs, other_event, drop, InvitationState.INVITED)
    dbs.commit()
    return Pair(keep, drop, event, other_event, shared, drop_only, sub_a, sub_b)


def parts_of(dbs, speaker_id) -> dict[int, SpeakerRole]:
    dbs.expire_all()
    return {p.session_id: p.role for p in dbs.scalars(
        select(SessionSpeaker).where(SessionSpeaker.speaker_id == speaker_id))}


def moderated_by(dbs, speaker_id) -> set[int]:
    return set(dbs.scalars(select(SubForumModerator.subforum_id)
                           .where(SubForumModerator.speaker_id == speaker_id)))


def invitations_of(dbs, speaker_id) -> dict[int, InvitationState]:
    return {i.event_id: i.state for i in dbs.scalars(
        select(EventSpeaker).where(EventSpeaker.speaker_id == speaker_id))}


def test_merge_moves_parts_moderations_and_invitations(dbs, pair):
    merge_speakers(dbs, pair.keep, pair.drop)
    dbs.commit()

    keep_id = pair.keep.id
    assert parts_of(dbs, keep_id) == {pair.shared.id: SpeakerRole.CHAIR,
                                      pair.drop_only.id: SpeakerRole.PRESENTER}
    assert moderated_by(dbs, keep_id) == {pair.sub_a.id, pair.sub_b.id}
    assert invitations_of(dbs, keep_id) == {pair.event.id: InvitationState.CONFIRMED,
                                            pair.other_event.id: InvitationState.INVITED}
    assert fresh(dbs, Speaker, pair.drop.id) is None
    assert count(dbs, SessionSpeaker) == 2 and count(dbs, EventSpeaker) == 2


def test_merge_fills_only_empty_fields_and_moves_the_photo(dbs, pair):
    drop_photo = pair.drop.photo.sha256

    merge_speakers(dbs, pair.keep, pair.drop)
    dbs.commit()

    keep = fresh(dbs, Speaker, pair.keep.id)
    assert (keep.name_en, keep.name_zh, keep.organization_en) == (
        "Li Yonghong", "李永红", "Ministry of Water Resources")
    assert (keep.country, keep.email, keep.bio_en) == ("CN", "li@example.org", "Hydrologist.")
    assert keep.photo.sha256 == drop_photo
    assert count(dbs, SpeakerPhoto) == 1


def test_keep_keeps_its_own_photo(dbs, pair):
    set_speaker_photo(dbs, pair.keep, image_bytes("PNG", color=(0, 0, 255)))
    dbs.commit()
    own = pair.keep.photo.sha256

    merge_speakers(dbs, pair.keep, pair.drop)
    dbs.commit()

    assert fresh(dbs, Speaker, pair.keep.id).photo.sha256 == own
    assert count(dbs, SpeakerPhoto) == 1


def test_plan_says_what_would_happen_without_writing(dbs, pair):
    plan = plan_merge(dbs, pair.keep, pair.drop)

    assert [p.session_id for p in plan.parts_moved] == [pair.drop_only.id]
    assert [p.session_id for p in plan.parts_removed] == [pair.shared.id]
    assert set(plan.filled) == {"country", "email", "bio_en"}
    assert plan.photo_moved
    dbs.rollback()
    assert fresh(dbs, Speaker, pair.drop.id) is not None


def test_a_speaker_cannot_be_merged_with_itself(dbs, pair):
    with pytest.raises(Invalid, match="cannot be merged with itself"):
        merge_speakers(dbs, pair.keep, pair.keep)

    dbs.rollback()
    assert count(dbs, Speaker) == 2


def test_merge_that_would_double_book_is_refused_naming_both_sessions(dbs, pair):
    # The other event runs the same day: one person cannot speak in both rooms at 10:30.
    clash = factories.make_session(dbs, pair.other_event, at(10, 30), at(11, 30),
                                   title_en="Hydropower roundtable", speakers=[
                                       SpeakerEntry(pair.keep.id, SpeakerRole.KEYNOTE)])

    with pytest.raises(Conflict) as refused:
        merge_speakers(dbs, pair.keep, pair.drop)

    assert "'Water panel'" in refused.value.message
    assert "'Hydropower roundtable'" in refused.value.message
    assert refused.value.extra["session_ids"] == [pair.drop_only.id, clash.id]
    dbs.rollback()
    assert fresh(dbs, Speaker, pair.drop.id) is not None
    assert parts_of(dbs, pair.drop.id) == {pair.shared.id: SpeakerRole.PANELIST,
                                           pair.drop_only.id: SpeakerRole.PRESENTER}
    assert moderated_by(dbs, pair.drop.id) == {pair.sub_a.id, pair.sub_b.id}


def test_parallel_sub_forum_sessions_clash_too(dbs, pair):
    factories.make_session(dbs, pair.event, at(14), at(15), kind=SessionKind.SUBFORUM,
                           subforum_id=pair.sub_a.id, title_en="Sub-forum A",
                           speakers=[SpeakerEntry(pair.keep.id, SpeakerRole.MODERATOR)])
    factories.make_session(dbs, pair.event, at(14), at(15), kind=SessionKind.SUBFORUM,
                           subforum_id=pair.sub_b.id, title_en="Sub-forum B",
                           speakers=[SpeakerEntry(pair.drop.id, SpeakerRole.MODERATOR)])

    with pytest.raises(Conflict, match="'Sub-forum B'.*overlaps 'Sub-forum A'"):
        merge_speakers(dbs, pair.keep, pair.drop)


# Through the back office


def test_merge_page_reviews_then_merges(client, dbs, signed_in, pair):
    url = f"/manage/speakers/{pair.keep.id}/merge"
    assert f'value="{pair.drop.id}"' in text(client.get(url))

    review = client.post(url, data={"drop_id": pair.drop.id})

    assert review.status_code == 200
    assert "Water panel" in text(review) and 'name="confirm" value="y"' in text(review)
    assert fresh(dbs, Speaker, pair.drop.id) is not None

    done = client.post(url, data={"drop_id": pair.drop.id, "confirm": "y"})

    assert done.status_code == 302
    assert fresh(dbs, Speaker, pair.drop.id) is None
    assert parts_of(dbs, pair.keep.id).keys() == {pair.shared.id, pair.drop_only.id}


def test_clash_is_shown_on_the_merge_form_and_nothing_changes(client, dbs, signed_in, pair):
    factories.make_session(dbs, pair.other_event, at(10, 30), at(11, 30),
                           title_en="Hydropower roundtable",
                           speakers=[SpeakerEntry(pair.keep.id, SpeakerRole.KEYNOTE)])
    url = f"/manage/speakers/{pair.keep.id}/merge"

    for data in ({"drop_id": pair.drop.id}, {"drop_id": pair.drop.id, "confirm": "y"}):
        response = client.post(url, data=data)
        assert response.status_code == 422
        assert "&#39;Hydropower roundtable&#39;" in text(response)

    assert count(dbs, Speaker) == 2
    assert parts_of(dbs, pair.drop.id).keys() == {pair.shared.id, pair.drop_only.id}
    assert invitations_of(dbs, pair.drop.id) == {pair.event.id: InvitationState.DECLINED,
                                                 pair.other_event.id: InvitationState.INVITED}


def test_the_speaker_itself_is_not_offered_nor_accepted(client, dbs, signed_in, pair):
    url = f"/manage/speakers/{pair.keep.id}/merge"
    assert f'value="{pair.keep.id}"' not in text(client.get(url))

    response = client.post(url, data={"drop_id": pair.keep.id, "confirm": "y"})

    assert response.status_code == 422
    assert count(dbs, Speaker) == 2
