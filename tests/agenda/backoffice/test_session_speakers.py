"""Organizers set a session's speakers: add from the registry, remove, reorder."""

from __future__ import annotations

from lmevents.agenda.models import Session, SessionKind, SessionSpeaker, SpeakerRole
from lmevents.agenda.services import SpeakerEntry, set_session_speakers
from tests import factories
from tests.probes import count, fresh, text


def _order(dbs, session_id) -> list[str]:
    return [part.speaker.name_en for part in fresh(dbs, Session, session_id).speakers]


def _url(programme) -> str:
    return f"/manage/events/{programme.event.slug}/sessions/{programme.session.id}/speakers"


def test_organizer_adds_a_speaker_with_role_and_talk_title(client, dbs, signed_in, programme):
    response = client.post(_url(programme), data={
        "speaker_id": str(programme.speaker.id), "role": "keynote",
        "talk_title_zh": "湄公河的生物多样性", "talk_title_en": "Biodiversity of the Mekong",
    })

    assert response.status_code == 302
    [part] = fresh(dbs, Session, programme.session.id).speakers
    assert (part.speaker_id, part.role, part.talk_title_en) == (
        programme.speaker.id, SpeakerRole.KEYNOTE, "Biodiversity of the Mekong")
    body = text(client.get(_url(programme)))
    assert "Ada Speaker" in body and "湄公河的生物多样性" in body
    public = text(client.get(f"/events/test-event/sessions/{programme.session.id}"))
    assert "Biodiversity of the Mekong" in public


def test_a_busy_speaker_is_refused_naming_the_other_session(client, dbs, signed_in, programme):
    event, speaker = programme.event, programme.speaker
    b = factories.make_subforum(dbs, event, code="B")
    in_a = factories.make_session(dbs, event, kind=SessionKind.SUBFORUM, title_en="Panel A",
                                  subforum_id=programme.subforum.id,
                                  start=factories.at(14), end=factories.at(15))
    in_b = factories.make_session(dbs, event, kind=SessionKind.SUBFORUM, title_en="Panel B",
                                  subforum_id=b.id, start=factories.at(14, 30),
                                  end=factories.at(15, 30))
    set_session_speakers(dbs, in_a, [SpeakerEntry(speaker.id, SpeakerRole.MODERATOR)])
    dbs.commit()

    response = client.post(f"/manage/events/test-event/sessions/{in_b.id}/speakers",
                           data={"speaker_id": str(speaker.id), "role": "panelist"})

    assert response.status_code == 422
    assert ("Ada Speaker already speaks in &#39;Panel A&#39; (2020-11-26 14:00–15:00 "
            "Asia/Shanghai)") in text(response)
    assert fresh(dbs, Session, in_b.id).speakers == []


def test_the_same_speaker_twice_is_refused(client, dbs, signed_in, programme):
    data = {"speaker_id": str(programme.speaker.id), "role": "panelist"}
    client.post(_url(programme), data=data)

    response = client.post(_url(programme), data=data)

    assert response.status_code == 422
    assert f"Speaker {programme.speaker.id} is listed twice." in text(response)
    assert count(dbs, SessionSpeaker) == 1


def test_speakers_move_up_and_down_and_are_removed(client, dbs, signed_in, programme):
    ada = programme.speaker
    ben = factories.make_speaker(dbs, "Ben Speaker")
    chen = factories.make_speaker(dbs, "Chen Speaker")
    set_session_speakers(dbs, programme.session, [
        SpeakerEntry(ada.id, SpeakerRole.CHAIR), SpeakerEntry(ben.id, SpeakerRole.PANELIST),
        SpeakerEntry(chen.id, SpeakerRole.PANELIST, talk_title_en="Dams and fish"),
    ])
    dbs.commit()
    url = _url(programme)

    assert client.post(f"{url}/{chen.id}/up").status_code == 302
    assert _order(dbs, programme.session.id) == ["Ada Speaker", "Chen Speaker", "Ben Speaker"]

    client.post(f"{url}/{ada.id}/down")
    assert _order(dbs, programme.session.id) == ["Chen Speaker", "Ada Speaker", "Ben Speaker"]

    client.post(f"{url}/{chen.id}/up")  # already first: nothing moves
    assert _order(dbs, programme.session.id) == ["Chen Speaker", "Ada Speaker", "Ben Speaker"]

    client.post(f"{url}/{ben.id}/remove")
    session = fresh(dbs, Session, programme.session.id)
    assert [(p.speaker.name_en, p.role, p.talk_title_en) for p in session.speakers] == [
        ("Chen Speaker", SpeakerRole.PANELIST, "Dams and fish"),
        ("Ada Speaker", SpeakerRole.CHAIR, None),
    ]
    body = text(client.get(url))
    assert body.index(f'id="speaker-{chen.id}"') < body.index(f'id="speaker-{ada.id}"')
    assert f'id="speaker-{ben.id}"' not in body


def test_reordering_is_in_the_change_log(client, dbs, signed_in, programme):
    ben = factories.make_speaker(dbs, "Ben Speaker")
    set_session_speakers(dbs, programme.session, [
        SpeakerEntry(programme.speaker.id, SpeakerRole.CHAIR),
        SpeakerEntry(ben.id, SpeakerRole.PANELIST),
    ])
    dbs.commit()

    client.post(f"{_url(programme)}/{ben.id}/up")

    body = text(client.get(
        f"/manage/events/test-event/sessions/{programme.session.id}/changes"))
    assert ("Speakers: Ada Speaker (Chair); Ben Speaker (Panelist) → "
            "Ben Speaker (Panelist); Ada Speaker (Chair)") in body


def test_a_speaker_not_in_the_session_is_not_found(client, dbs, signed_in, programme):
    response = client.post(f"{_url(programme)}/{programme.speaker.id}/remove")

    assert response.status_code == 404


def test_the_role_is_preset_to_the_part_usual_in_such_a_session(client, dbs, signed_in,
                                                                 programme):
    """Adding a speaker to a keynote preset the role "Chair"."""
    assert programme.session.kind == SessionKind.KEYNOTE
    page = text(client.get(_url(programme)))
    role = page[page.index('name="role"'):].split("</select>")[0]
    assert '<option selected value="keynote">' in role or '<option value="keynote" selected>' \
        in role
    roundtable = factories.make_session(dbs, programme.event, factories.at(14),
                                        factories.at(15), kind=SessionKind.ROUNDTABLE)
    page = text(client.get(
        f"/manage/events/{programme.event.slug}/sessions/{roundtable.id}/speakers"))
    role = page[page.index('name="role"'):].split("</select>")[0]
    assert 'selected value="panelist"' in role or 'value="panelist" selected' in role
