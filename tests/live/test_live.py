"""/events/<slug>/live and its API: what is on now and next, a countdown, and a Join button
for those who may join, which opens with the room; a poll that changed nothing is a 304, and
both cost the same queries whatever the programme's size."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from lmevents.agenda.services import update_session
from lmevents.live.now import live_state
from lmevents.registration.registrations import find_registration
from lmevents.registration.seats import take_seat
from tests import factories
from tests.live.conftest import minutes

LIVE = "/events/live-roundtable/live"
API = "/api/v1/events/live-roundtable/live"


def titles(sessions) -> list[str]:
    return [s.title_en for s in sessions]


def test_now_is_what_runs_and_next_is_the_next_start(dbs, live_day):
    state = live_state(dbs, live_day.event, live_day.now)
    assert (titles(state.on_now), titles(state.up_next)) == (["Keynote"], ["Forum talk"])
    # Between two sessions nothing is on; the cancelled one is never shown.
    later = live_state(dbs, live_day.event, live_day.now + minutes(245))
    assert (titles(later.on_now), titles(later.up_next)) == ([], ["Not placed"])
    over = live_state(dbs, live_day.event, live_day.now + minutes(300))
    assert over.over


def card(page: str, session) -> str:
    start = page.index(f'id="live-{session.id}"')
    return page[start:page.index("</article>", start)]


def test_a_registered_participant_sees_join_open_now_and_opening_later(client, auth, dbs,
                                                                       live_day):
    user = factories.make_user(dbs, "mai@example.org")
    factories.make_registration(dbs, live_day.event, user)
    take_seat(dbs, find_registration(dbs, live_day.event, user), live_day.subforum)
    dbs.commit()
    auth.login("mai@example.org")
    page = client.get(LIVE).get_data(as_text=True)

    keynote = card(page, live_day.keynote)
    assert re.search(r'<a class="button join" href="[^"]+/sessions/\d+/join">Join</a>', keynote)
    # (the fixture's clock is set to the minute: a few seconds have passed since)
    assert re.search(r"Ends in 2[45] minutes", keynote)
    talk = card(page, live_day.forum_talk)
    assert 'aria-disabled="true"' in talk and "data-opens=" in talk
    assert "Opens at" in talk and re.search(r"Starts in (29|30) minutes", talk)
    assert "meeting.example.org" not in page


def test_others_are_told_how_to_join(client, auth, dbs, live_day):
    anonymous = client.get(LIVE).get_data(as_text=True)
    assert "Sign in to join" in card(anonymous, live_day.keynote)
    factories.make_user(dbs, "stranger@example.org")
    auth.login("stranger@example.org")
    page = client.get(LIVE).get_data(as_text=True)
    assert "Registered participants join here" in card(page, live_day.keynote)
    assert 'class="button join"' not in page


def test_the_page_speaks_chinese_in_the_viewers_zone(client, live_day):
    page = client.get(LIVE + "?lang=zh&tz=Asia/Bangkok").get_data(as_text=True)
    assert "正在进行" in page and "即将开始" in page
    assert "(UTC+07:00)" in page or "（UTC+07:00）" in page


def test_a_poll_that_changed_nothing_is_a_304_and_a_change_is_seen(client, dbs, live_day):
    first = client.get(API)
    body = first.get_json()
    assert [s["id"] for s in body["on_now"]] == [live_day.keynote.id]
    assert body["on_now"][0]["join_url"].endswith(f"/sessions/{live_day.keynote.id}/join")
    assert "meeting.example.org" not in first.get_data(as_text=True)
    again = client.get(API, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304

    update_session(dbs, live_day.forum_talk, {"title_en": "Forum talk, renamed"})
    dbs.commit()
    changed = client.get(API, headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200
    assert changed.get_json()["up_next"][0]["title"]["en"] == "Forum talk, renamed"


@pytest.mark.parametrize("path", [LIVE, API])
def test_the_live_views_cost_the_same_queries_at_any_size(client, auth, dbs, live_day,
                                                          count_queries, path):
    user = factories.make_user(dbs, "mai@example.org")
    factories.make_registration(dbs, live_day.event, user)
    auth.login("mai@example.org")

    def queries() -> int:
        dbs.expire_all()
        with count_queries() as counter:
            assert client.get(path).status_code == 200
        return counter.count

    queries()
    few = queries()
    # 40 more sessions, 20 of them parallel sub-forum talks starting next.
    start = live_day.now + timedelta(days=1)
    for n in range(20):
        forum = factories.make_subforum(dbs, live_day.event, f"S{n}")
        factories.make_session(dbs, live_day.event, live_day.now + minutes(290),
                               live_day.now + minutes(295), title_en=f"Parallel {n}",
                               kind="subforum", subforum_id=forum.id)
        factories.make_session(dbs, live_day.event, start + minutes(10 * n),
                               start + minutes(10 * n + 5), title_en=f"Tomorrow {n}")
    assert queries() == few
