"""Interpretation: a room's floor language and how to hear each interpretation of it (a
channel of its platform or a separate link); each participant's listening language, and
what it means for them on /me/agenda, in their feed and reminders; organizers see how many
listeners each language has."""

from __future__ import annotations

from datetime import timedelta

import pytest

from lmevents.agenda.interpretation import ChannelInput, how_to_listen
from lmevents.agenda.rooms import RoomInput, update_room
from lmevents.errors import Invalid

ROOMS = "/api/v1/events/live-roundtable/rooms"


@pytest.fixture
def interpreted(dbs, live_day):
    """The plenary room speaks Chinese, with English in Zoom's "English" channel and Thai by
    a separate link."""
    room = live_day.keynote.room
    update_room(dbs, room, RoomInput(
        name_en=room.name_en, platform=room.platform, join_url=room.join_url,
        floor_language="zh", channels=[
            ChannelInput("en", "English"),
            ChannelInput("th", None, "https://interpretation.example.org/th")]))
    dbs.commit()
    return room


def test_each_listener_hears_the_floor_or_their_channel(dbs, live_day, interpreted):
    keynote = live_day.keynote
    assert how_to_listen(keynote, "zh").on_the_floor
    english = how_to_listen(keynote, "en")
    assert (english.on_the_floor, english.channel.channel) == (False, "English")
    thai = how_to_listen(keynote, "th")
    assert thai.channel.join_url == "https://interpretation.example.org/th"
    assert how_to_listen(keynote, "vi").missing  # no Vietnamese channel


@pytest.mark.parametrize(("channels", "field", "words"), [
    ([ChannelInput("zh", "中文")], "channels.0.language", "The floor is in this language"),
    ([ChannelInput("en", "English"), ChannelInput("en", "EN")], "channels.1.language",
     "Each language has one channel."),
    ([ChannelInput("en")], "channels.0.channel", "a separate link, or both"),
    ([ChannelInput("xx", "X")], "channels.0.language", "Choose a language among"),
    ([ChannelInput("en", None, "ftp://x")], "channels.0.join_url", "must start with https://"),
])
def test_a_wrong_channel_is_named_and_nothing_changes(dbs, live_day, interpreted, channels,
                                                      field, words):
    room = interpreted
    with pytest.raises(Invalid) as refused:
        update_room(dbs, room, RoomInput(name_en=room.name_en, platform=room.platform,
                                         floor_language="zh", channels=channels))
    assert field in refused.value.errors and words in refused.value.errors[field]
    dbs.rollback()
    assert [c.language for c in room.channels] == ["en", "th"]


def test_the_api_sets_a_rooms_interpretation_and_names_every_fault(
        client, api_token, dbs, live_day, organizer):
    headers = api_token()
    room_id = live_day.keynote.room_id
    answer = client.patch(f"{ROOMS}/{room_id}", headers=headers, json={
        "floor_language": "zh", "channels": [{"language": "en", "channel": "English"}]})
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["channels"] == [
        {"language": "en", "channel": "English", "join_url": None}]
    wrong = client.patch(f"{ROOMS}/{room_id}", headers=headers, json={
        "floor_language": "zh", "channels": [{"language": "zh", "channel": "中文"},
                                             {"language": "th"}]})
    assert wrong.status_code == 422
    assert {"channels.0.language", "channels.1.channel"} <= set(wrong.get_json()["errors"])


def test_the_back_office_room_form_keeps_the_channels(client, auth, dbs, live_day, organizer,
                                                     interpreted):
    auth.login()
    url = f"/manage/events/live-roundtable/rooms/{interpreted.id}/edit"
    page = client.get(url).get_data(as_text=True)
    assert 'value="English"' in page and "interpretation.example.org/th" in page


@pytest.fixture
def listeners(dbs, live_day, interpreted):
    """Mai listens in English, Somchai in Thai, Lan in Vietnamese, Wang in Chinese."""
    from tests import factories

    made = {}
    for name, listens in (("mai", "en"), ("somchai", "th"), ("lan", "vi"), ("wang", "zh")):
        user = factories.make_user(dbs, f"{name}@example.org")
        factories.make_registration(dbs, live_day.event, user, listening_language=listens)
        made[name] = user
    return made


def test_my_agenda_tells_each_listener_how_to_hear_the_session(client, auth, live_day,
                                                                listeners):
    auth.login("mai@example.org")
    page = client.get("/me/agenda").get_data(as_text=True)
    assert "Held in Chinese; English: choose the “English” channel in the meeting." in page
    client.post("/auth/logout")
    auth.login("lan@example.org")
    page = client.get("/me/agenda").get_data(as_text=True)
    assert "Held in Chinese; no interpretation into Vietnamese is offered." in page
    client.post("/auth/logout")
    auth.login("wang@example.org")
    page = client.get("/me/agenda?lang=zh").get_data(as_text=True)
    assert "以中文进行。" in page  # on the floor, in their own words


def test_the_feed_and_the_reminder_carry_the_channel(app, client, dbs, live_day, listeners):
    from lmevents.calendar.feeds import personal_feed_token
    from lmevents.live.reminders import queue_due_reminders
    from lmevents.mail.models import OutboxMessage

    token = personal_feed_token(dbs, listeners["somchai"], app.secret_key)
    dbs.commit()
    feed = client.get(f"/calendar/{token}.ics").get_data(as_text=True).replace("\r\n ", "")
    assert "Thai: https://interpretation.example.org/th" in feed

    queue_due_reminders(dbs, live_day.later.starts_at - timedelta(minutes=10), "secret")
    dbs.commit()
    (mail,) = [m for m in dbs.query(OutboxMessage).filter_by(to_address="somchai@example.org")
               if m.subject == "Starting soon: Closing"]
    assert "Thai: https://interpretation.example.org/th" in mail.body_text


def test_organizers_see_the_listeners_of_each_language_and_the_missing_channel(
        dbs, live_day, listeners):
    from lmevents.live.attendance import attendance

    (keynote,) = [r for r in attendance(dbs, live_day.event, None)
                  if r.session.id == live_day.keynote.id]
    assert {code: c.registered for code, c in keynote.by_listening.items()} == {
        "en": 1, "th": 1, "vi": 1, "zh": 1}
    assert [code for code in keynote.by_listening if not keynote.heard(code)] == ["vi"]


def test_registration_asks_the_listening_language_and_refuses_another(client, api_token,
                                                                       dbs, live_day,
                                                                       participant):
    headers = api_token("participant@example.org")
    url = "/api/v1/events/live-roundtable/registrations"
    wrong = client.post(url, headers=headers, json={"consent": True, "name": "P",
                                                     "listening_language": "fr"})
    assert wrong.status_code == 422 and "listening_language" in wrong.get_json()["errors"]
    made = client.post(url, headers=headers, json={"consent": True, "name": "P",
                                                    "listening_language": "lo"})
    assert made.status_code == 201 and made.get_json()["listening_language"] == "lo"


def test_the_live_page_shows_the_viewers_channel(client, auth, live_day, listeners):
    auth.login("mai@example.org")
    page = client.get("/events/live-roundtable/live").get_data(as_text=True)
    card = page[page.index(f'id="live-{live_day.keynote.id}"'):]
    assert "Held in Chinese; English: choose the “English” channel in the meeting." in (
        card[:card.index("</article>")])


def test_a_session_held_in_another_language_than_its_room(client, api_token, dbs, live_day,
                                                           organizer, interpreted):
    """The Chinese plenary room hosts an English keynote: Chinese listeners then need the
    room's Chinese channel, which it has not."""
    headers = api_token()
    url = f"/api/v1/events/live-roundtable/sessions/{live_day.keynote.id}"
    answer = client.patch(url, json={"floor_language": "en"}, headers=headers)
    assert answer.status_code == 200 and answer.get_json()["floor_language"] == "en"
    dbs.expire_all()
    assert how_to_listen(live_day.keynote, "en").on_the_floor
    assert how_to_listen(live_day.keynote, "zh").missing
    assert client.patch(url, json={"floor_language": "fr"},
                        headers=headers).status_code == 422
    # Back to the room's language.
    client.patch(url, json={"floor_language": None}, headers=headers)
    dbs.expire_all()
    assert live_day.keynote.spoken_language == "zh"
