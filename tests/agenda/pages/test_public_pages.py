"""Public pages: the agenda by day, parallel sub-forums side by side, zones always named."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from lmevents.agenda.models import Session, SessionKind
from lmevents.agenda.services import cancel_session
from lmevents.demo.roundtable import SLUG
from lmevents.subforums.models import SubForum
from tests.factories import make_event, make_room, make_session

AGENDA = f"/events/{SLUG}/agenda"


@pytest.fixture
def demo(runner):
    assert runner.invoke(args=["lmevents", "demo"]).exit_code == 0


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def parallel_band(html: str) -> str:
    start = html.index('class="band parallel"')
    end = html.find('class="band', start + 10)
    return html[start:end if end != -1 else len(html)]


def test_agenda_shows_the_programme_with_zone_labels(client, demo):
    html = page(client, AGENDA + "?lang=en")
    for title in ("Opening remarks", "Keynote speeches", "Roundtable discussion",
                  "Online technical exchange"):
        assert title in html
    assert "09:00–09:40 China Standard Time (UTC+08:00)" in html
    assert "Thursday, 26 November 2020" in html
    assert "illustrative" in html


def test_parallel_subforums_sit_side_by_side_in_one_band(client, demo):
    band = parallel_band(page(client, AGENDA + "?lang=en"))
    assert 'data-subforum="A"' in band and 'data-subforum="B"' in band
    assert "--cols: 2" in band
    assert band.count("13:30–15:00 China Standard Time") == 2


def test_speakers_appear_in_order_with_roles(client, demo):
    html = page(client, AGENDA + "?lang=en")
    order = [html.index(n) for n in ("Li Yonghong", "Zhou Yunliang", "Syamphone Sengchadala",
                                     "Pu Lifeng")]
    assert order == sorted(order)
    assert "Dr. Alison Jerkins" in html


@pytest.mark.parametrize(
    ("zone", "label"),
    [("Asia/Yangon", "07:30–08:10 Myanmar Time (UTC+06:30)"),
     ("Asia/Bangkok", "08:00–08:40 Indochina Time (UTC+07:00)"),
     ("UTC", "01:00–01:40 Coordinated Universal Time (UTC)")],
)
def test_times_follow_the_viewers_zone(client, demo, zone, label):
    assert label in page(client, f"{AGENDA}?tz={zone}&lang=en")


def test_an_unknown_zone_falls_back_to_the_events_zone(client, demo):
    assert "09:00–09:40 China Standard Time" in page(client, AGENDA + "?tz=Not/AZone&lang=en")


def test_chinese_titles_with_lang_zh(client, demo):
    html = page(client, AGENDA + "?lang=zh")
    assert "开幕致辞" in html and "李永红" in html and "平行分论坛A" in html
    assert 'lang="zh-Hans"' in html


def test_cancelled_sessions_stay_visible_and_marked(client, demo, dbs):
    keynote = dbs.scalar(select(Session).where(Session.kind == SessionKind.KEYNOTE))
    cancel_session(dbs, keynote)
    dbs.commit()
    html = page(client, AGENDA + "?lang=en")
    card = html[html.index(f'id="session-{keynote.id}"'):]
    assert card.startswith(f'id="session-{keynote.id}"')
    assert 'class="card session cancelled"' in html
    assert "Cancelled" in card[:2000]


def test_public_pages_never_show_join_details(client, demo, dbs):
    forum = dbs.scalar(select(SubForum).where(SubForum.code == "A"))
    session = dbs.scalar(select(Session).where(Session.kind == SessionKind.EXCHANGE))
    for url in (AGENDA, f"/events/{SLUG}/", f"/events/{SLUG}/subforums/{forum.id}",
                f"/events/{SLUG}/sessions/{session.id}"):
        html = page(client, url)
        assert "meeting.example.org" not in html
        assert "demo2020" not in html
        assert "9000000004" not in html


def test_event_home_shows_theme_organizers_and_contact(client, demo):
    html = page(client, f"/events/{SLUG}/?lang=zh")
    assert "澜湄环境合作圆桌对话" in html
    assert "北京市西城区后英房胡同5号" in html and "100035" in html
    assert "+86-010-82268277/8221" in html
    assert "澜沧江-湄公河环境合作中心" in html


def test_subforum_page_shows_topics_room_and_sessions(client, demo, dbs):
    forum = dbs.scalar(select(SubForum).where(SubForum.code == "B"))
    html = page(client, f"/events/{SLUG}/subforums/{forum.id}?lang=en")
    assert "Regional cooperation on mangrove protection" in html
    assert "Sub-forum B room" in html
    assert "13:30–15:00 China Standard Time" in html


def test_root_redirects_to_the_only_event(client, demo):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/events/{SLUG}/")


def test_root_lists_events_when_there_are_several(client, dbs):
    make_event(dbs, "first", title_en="First roundtable")
    make_event(dbs, "second", title_en="Second roundtable")
    make_event(dbs, "hidden", title_en="Draft roundtable", published=False)
    html = page(client, "/?lang=en")
    assert "First roundtable" in html and "Second roundtable" in html
    assert "Draft roundtable" not in html


@pytest.mark.parametrize(
    "url",
    ["/events/draft/", "/events/draft/agenda", "/events/nope/agenda",
     "/events/draft/sessions/1", "/events/draft/subforums/1"],
)
def test_unpublished_or_unknown_events_are_404(client, dbs, url):
    make_event(dbs, "draft", published=False)
    response = client.get(url)
    assert response.status_code == 404
    assert "text/html" in response.content_type


def test_session_of_another_event_is_404(client, dbs):
    one, two = make_event(dbs, "one"), make_event(dbs, "two")
    session = make_session(dbs, two, room_id=make_room(dbs, two).id)
    assert client.get(f"/events/{one.slug}/sessions/{session.id}").status_code == 404
    assert client.get(f"/events/{two.slug}/sessions/{session.id}").status_code == 200


@pytest.mark.parametrize(
    "url",
    ["/events/a%00b/", "/events/a%00b/agenda", f"/events/{SLUG}/sessions/99999999999",
     f"/events/{SLUG}/subforums/99999999999", "/events/" + "x" * 300 + "/agenda",
     f"/events/{SLUG}/sessions/0"],
)
def test_malformed_slugs_and_ids_are_404_not_500(client, demo, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "url",
    ["/manage/events/a%00b/edit", f"/manage/events/{SLUG}/sessions/99999999999/edit",
     f"/manage/events/{SLUG}/rooms/99999999999/edit",
     f"/manage/events/{SLUG}/subforums/99999999999/edit", "/manage/speakers/99999999999/edit"],
)
def test_malformed_back_office_urls_are_404_not_500(client, demo, auth, organizer, url):
    auth.login()
    assert client.get(url).status_code == 404


def test_an_oversized_body_is_refused_not_processed(client):
    response = client.post("/auth/login", data={"email": "x" * (5 * 1024 * 1024)})
    assert response.status_code == 413
    assert "larger than 4 MiB" in response.get_data(as_text=True)


def test_the_agenda_does_not_repeat_itself(client, demo, dbs):
    """The 'Opening remarks' tag sat on each opening speaker, each sub-forum was named twice
    in its own column, and breaks linked to empty pages."""
    html = page(client, AGENDA + "?lang=en")
    opening = html.split('data-kind="opening"')[1].split("</article>")[0]
    assert "Li Yonghong" in opening and '<span class="badge">Opening remarks</span>' not in opening
    band = parallel_band(html)
    assert "· Sub-forum A" not in band and "Sub-forum A:" in band
    lunch = dbs.scalar(select(Session).where(Session.kind == SessionKind.BREAK))
    assert f'/sessions/{lunch.id}"' not in html
    keynotes = html.split('data-kind="keynote"')[1].split("</article>")[0]
    assert '<span class="badge">Keynote</span>' not in keynotes


def test_a_session_page_leads_back_to_its_place_in_the_agenda(client, demo, dbs):
    keynote = dbs.scalar(select(Session).where(Session.kind == SessionKind.KEYNOTE))
    html = page(client, f"/events/{SLUG}/sessions/{keynote.id}?lang=en")
    assert f'<a href="/events/{SLUG}/agenda#session-{keynote.id}">← Back to the agenda</a>' \
        in html
