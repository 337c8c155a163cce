"""Public speaker pages: who speaks, in which role, in the viewer's zone; nothing private."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from lmevents.agenda.models import SessionKind
from lmevents.agenda.services import SpeakerEntry
from lmevents.demo.roundtable import SLUG
from lmevents.extensions import db
from lmevents.speakers.models import EventSpeaker, InvitationState, Speaker
from tests.factories import at, make_event, make_session, make_speaker

LIST = f"/events/{SLUG}/speakers"


@pytest.fixture
def demo(runner):
    assert runner.invoke(args=["lmevents", "demo"]).exit_code == 0


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def names_in_order(html: str, names: list[str]) -> list[int]:
    return [html.index(name) for name in names]


def test_demo_speakers_appear_by_role_weight_then_name(client, demo):
    html = page(client, LIST + "?lang=en")
    keynotes = ["Dr. Alison Jerkins", "Tang Dingding"]
    opening = ["Li Yonghong", "Pu Lifeng", "Syamphone Sengchadala", "Zhou Yunliang"]
    positions = names_in_order(html, keynotes + opening)
    assert positions == sorted(positions)
    assert "Chief of South-South Cooperation and Partnerships, UNICEF" in html
    assert "Department of Climate Change" in html


@pytest.mark.parametrize(
    ("query", "present", "absent"),
    [("country=LA", ["Syamphone Sengchadala"], ["Li Yonghong", "Tang Dingding"]),
     ("country=la", ["Syamphone Sengchadala"], ["Li Yonghong"]),
     ("organization=unicef", ["Alison Jerkins"], ["Pu Lifeng"]),
     ("organization=云南", ["Pu Lifeng"], ["Alison Jerkins"]),
     ("country=CN&organization=International Finance", ["Tang Dingding"], ["Li Yonghong"])],
)
def test_filters_by_country_and_organization(client, demo, query, present, absent):
    html = page(client, f"{LIST}?lang=en&{query}")
    for name in present:
        assert name in html
    for name in absent:
        assert f">{name}<" not in html


def test_profile_lists_sessions_in_the_viewers_zone(client, demo, dbs):
    tang = dbs.scalar(select(Speaker).where(Speaker.name_en == "Tang Dingding"))
    html = page(client, f"{LIST}/{tang.id}?lang=en&tz=Asia/Yangon")
    assert "Keynote speeches" in html
    assert "08:10–09:00 Myanmar Time (UTC+06:30)" in html
    assert "green economic development belt" in html
    html_zh = page(client, f"{LIST}/{tang.id}?lang=zh&tz=Asia/Shanghai")
    assert "唐丁丁" in html_zh and "国际金融论坛" in html_zh
    assert "09:40–10:30 中国标准时间（UTC+08:00）" in html_zh


def test_invited_and_declined_speakers_stay_hidden(client, dbs):
    event = make_event(dbs)
    names = {"Confirmed Person": InvitationState.CONFIRMED, "Invited Person":
             InvitationState.INVITED, "Declined Person": InvitationState.DECLINED,
             "Untracked Person": None}
    for hour, (name, state) in enumerate(names.items(), start=9):
        speaker = make_speaker(dbs, name)
        make_session(dbs, event, at(hour), at(hour, 30),
                     speakers=[SpeakerEntry(speaker.id, "panelist")])
        if state is not None:
            dbs.add(EventSpeaker(event_id=event.id, speaker_id=speaker.id, state=state))
    dbs.commit()
    html = page(client, "/events/test-event/speakers?lang=en")
    assert "Confirmed Person" in html and "Untracked Person" in html
    assert "Invited Person" not in html and "Declined Person" not in html
    hidden = dbs.scalar(select(Speaker).where(Speaker.name_en == "Invited Person"))
    assert client.get(f"/events/test-event/speakers/{hidden.id}").status_code == 404


def test_speakers_only_in_cancelled_sessions_are_not_listed(client, dbs):
    from lmevents.agenda.services import cancel_session

    event = make_event(dbs)
    speaker = make_speaker(dbs, "Gone Speaker")
    session = make_session(dbs, event, speakers=[SpeakerEntry(speaker.id, "keynote")])
    cancel_session(dbs, session)
    dbs.commit()
    assert "Gone Speaker" not in page(client, "/events/test-event/speakers")


def test_a_speaker_of_another_event_is_404_here(client, dbs):
    one, two = make_event(dbs, "one"), make_event(dbs, "two")
    speaker = make_speaker(dbs, "Elsewhere")
    make_session(dbs, two, speakers=[SpeakerEntry(speaker.id, "keynote")])
    assert client.get(f"/events/{one.slug}/speakers/{speaker.id}").status_code == 404
    assert client.get(f"/events/{two.slug}/speakers/{speaker.id}").status_code == 200


def test_private_email_and_script_in_bio_never_reach_the_page(client, dbs):
    event = make_event(dbs)
    speaker = make_speaker(dbs, "Private Person", email="private.person@example.org",
                           bio_en="Works on **water**. <script>alert(1)</script> "
                                  "[bad](javascript:alert(2)) [site](https://example.org)")
    make_session(dbs, event, speakers=[SpeakerEntry(speaker.id, "keynote")])
    for url in ("/events/test-event/speakers", f"/events/test-event/speakers/{speaker.id}"):
        html = page(client, url + "?lang=en")
        assert "private.person@example.org" not in html
        assert "<script>alert(1)" not in html
        assert 'href="javascript:' not in html
    html = page(client, f"/events/test-event/speakers/{speaker.id}?lang=en")
    assert "<strong>water</strong>" in html
    assert 'href="https://example.org" rel="nofollow noopener noreferrer"' in html


def build_speakers(dbs, count: int) -> None:
    event = make_event(dbs, f"event-{count}")
    start = at(0)
    speakers = [Speaker(name_en=f"Speaker {i:04d}", country="LA", organization_en="Org")
                for i in range(count)]
    dbs.add_all(speakers)
    dbs.flush()
    # Ten speakers a session, back to back: `count` speakers need count / 10 sessions.
    for n in range(0, count, 10):
        chunk = speakers[n:n + 10]
        begin = start + timedelta(minutes=2 * (n // 10))
        make_session(dbs, event, begin, begin + timedelta(minutes=2), kind=SessionKind.KEYNOTE,
                     speakers=[SpeakerEntry(s.id, "panelist") for s in chunk])


def test_speaker_pages_cost_the_same_queries_for_10_and_500_speakers(
    client, dbs, count_queries
):
    build_speakers(dbs, 10)
    build_speakers(dbs, 500)
    counts = {}
    for count in (10, 500):
        url = f"/events/event-{count}/speakers?country=LA"
        client.get(url)
        db.session.remove()
        with count_queries() as counter:
            assert client.get(url).status_code == 200
        counts[count] = counter.count
    assert counts[10] == counts[500], counts
    assert counts[500] <= 10


def test_a_declined_speaker_is_named_on_no_public_page_or_response(client, dbs):
    from lmevents.speakers.photos import set_speaker_photo
    from lmevents.speakers.services import set_invitation
    from lmevents.subforums.services import SubForumInput, update_subforum
    from tests.factories import make_subforum

    event = make_event(dbs)
    forum = make_subforum(dbs, event, "A")
    speaker = make_speaker(dbs, "Declined Delegate")
    session = make_session(dbs, event, kind=SessionKind.SUBFORUM, subforum_id=forum.id,
                           speakers=[SpeakerEntry(speaker.id, "panelist")])
    update_subforum(dbs, forum, SubForumInput(code="A", title_en="A",
                                              moderator_ids=[speaker.id]))
    set_speaker_photo(dbs, speaker, _png())
    set_invitation(dbs, event, speaker, "declined")
    dbs.commit()
    for url in ("/events/test-event/agenda", f"/events/test-event/sessions/{session.id}",
                f"/events/test-event/subforums/{forum.id}", "/events/test-event/speakers",
                "/api/v1/events/test-event/sessions",
                f"/api/v1/events/test-event/sessions/{session.id}",
                "/api/v1/events/test-event/subforums", "/api/v1/events/test-event/speakers"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Declined Delegate" not in response.get_data(as_text=True), url
    assert client.get(f"/speakers/{speaker.id}/photo").status_code == 404
    set_invitation(dbs, event, speaker, "confirmed")
    dbs.commit()
    assert "Declined Delegate" in client.get("/events/test-event/agenda").get_data(as_text=True)
    assert client.get(f"/speakers/{speaker.id}/photo").status_code == 200


def test_a_registry_only_portrait_is_not_served_to_the_public(client, dbs):
    from lmevents.speakers.photos import set_speaker_photo

    speaker = make_speaker(dbs, "Not Announced")
    set_speaker_photo(dbs, speaker, _png())
    dbs.commit()
    assert client.get(f"/speakers/{speaker.id}/photo").status_code == 404


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), (11, 110, 79)).save(buffer, "PNG")
    return buffer.getvalue()
