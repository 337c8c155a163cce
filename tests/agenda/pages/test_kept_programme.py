"""The agenda's programme and the sessions API are kept by the programme's version: served
again without loading the programme, and new at once after a change (the change itself, in
every representation: tests/calendar/pages/test_cached_feeds.py)."""

from __future__ import annotations

from lmevents.agenda.services import update_session

AGENDA = "/events/test-event/agenda?lang=en"
SESSIONS = "/api/v1/events/test-event/sessions"


def loads_sessions(statements: list[str]) -> bool:
    return any(s.lstrip().startswith("SELECT sessions.id") for s in statements)


def test_the_agenda_is_served_again_without_loading_the_programme(
        client, dbs, roundtable, count_queries):
    with count_queries() as cold:
        first = client.get(AGENDA)
    with count_queries() as kept:
        again = client.get(AGENDA)

    assert loads_sessions(cold.statements) and not loads_sessions(kept.statements)
    assert again.get_data() == first.get_data()
    update_session(dbs, roundtable.keynote, {"title_en": "Opening keynote"})
    dbs.commit()
    assert "Opening keynote" in client.get(AGENDA).get_data(as_text=True)


def test_each_language_and_zone_is_kept_apart(client, roundtable):
    english = client.get(AGENDA).get_data(as_text=True)
    chinese = client.get("/events/test-event/agenda?lang=zh").get_data(as_text=True)
    bangkok = client.get(AGENDA + "&tz=Asia/Bangkok").get_data(as_text=True)

    assert "China Standard Time" in english and "中国标准时间" in chinese
    assert "Indochina Time" in bangkok and "08:00" in bangkok


def test_the_sessions_api_is_served_again_without_loading_the_programme(
        client, roundtable, count_queries):
    with count_queries() as cold:
        first = client.get(SESSIONS)
    with count_queries() as kept:
        again = client.get(SESSIONS)

    assert again.get_json() == first.get_json()
    assert loads_sessions(cold.statements) and not loads_sessions(kept.statements)
    assert kept.count <= 2, kept.statements  # the event, and the language it writes in


def test_kept_answers_carry_the_links_of_the_host_asked(app, client, roundtable, monkeypatch):
    # Without SERVER_NAME (as served behind a proxy) links follow the request's host.
    monkeypatch.setitem(app.config, "SERVER_NAME", None)
    here = client.get(SESSIONS, base_url="http://lmevents.test").get_data(as_text=True)
    there = client.get(SESSIONS, base_url="http://mirror.lmevents.test").get_data(as_text=True)

    assert "http://lmevents.test/" in here and "mirror.lmevents.test" not in here
    assert "http://mirror.lmevents.test/" in there


SPEAKERS = "/events/test-event/speakers?lang=en"


def test_the_speakers_page_is_kept_and_a_registry_edit_seen_at_once(
        client, dbs, roundtable, count_queries):
    from lmevents.agenda.services import SpeakerEntry
    from lmevents.speakers.services import SpeakerInput, update_speaker
    from tests import factories

    speaker = factories.make_speaker(dbs, "Pu Lifeng")
    update_session(dbs, roundtable.keynote, {}, speakers=[SpeakerEntry(speaker.id, "keynote")])
    dbs.commit()
    with count_queries() as cold:
        first = client.get(SPEAKERS)
    with count_queries() as kept:
        again = client.get(SPEAKERS)

    assert again.get_data() == first.get_data() and "Pu Lifeng" in first.get_data(as_text=True)
    assert kept.count < cold.count
    assert not any("FROM session_speakers" in s for s in kept.statements), kept.statements
    update_speaker(dbs, speaker, SpeakerInput(**{**vars(SpeakerInput.of(speaker)),
                                                 "name_en": "Dr Pu Lifeng"}))
    dbs.commit()
    assert "Dr Pu Lifeng" in client.get(SPEAKERS).get_data(as_text=True)
    # A search by organization is whatever a visitor types: rendered, never kept.
    with count_queries() as searched:
        client.get(SPEAKERS + "&organization=Ministry")
    with count_queries() as searched_again:
        client.get(SPEAKERS + "&organization=Ministry")
    assert any("FROM session_speakers" in s for s in searched_again.statements)
    assert searched.count == searched_again.count
