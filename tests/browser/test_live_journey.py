"""The live day in Chromium: a participant follows the live page, counting down in their
language; the Join button is open for the session under way and opens by itself for the
next one's room; an organizer's "running late" appears without a reload; each screen is
checked with axe in both languages."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from lmevents.agenda.models import SessionKind
from lmevents.live.late import run_late
from lmevents.registration.registrations import find_registration
from lmevents.registration.seats import take_seat
from tests import factories
from tests.browser.helpers import key_screen, sign_in

JOURNEY = "live"
ROOM = "https://meeting.example.org/j/plenary"


@pytest.mark.site_config(LIVE_POLL_SECONDS=1)
def test_a_participant_follows_the_live_page_and_it_follows_the_day(browser, site, dbs, soft):
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    event = factories.make_event(dbs, slug="live-forum", timezone="UTC",
                                 start_date=now.date() - timedelta(days=1),
                                 end_date=now.date() + timedelta(days=1))
    plenary = factories.make_room(dbs, event, join_url=ROOM)
    forum_room = factories.make_room(dbs, event, "Forum room",
                                     join_url="https://meeting.example.org/j/forum")
    forum = factories.make_subforum(dbs, event, "A", capacity=5, room_id=forum_room.id)
    keynote = factories.make_session(dbs, event, now - timedelta(minutes=5),
                                     now + timedelta(minutes=10), title_en="Keynote",
                                     room_id=plenary.id)
    # The talk's room opens (15 minutes before its start) a few seconds after the page is
    # opened: its Join button opens by itself.
    opens = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=6)
    talk = factories.make_session(dbs, event, opens + timedelta(minutes=15),
                                  opens + timedelta(minutes=45), kind=SessionKind.SUBFORUM,
                                  subforum_id=forum.id, title_en="Forum talk")
    mai = factories.make_user(dbs, "mai@example.org")
    factories.make_registration(dbs, event, mai, timezone="Asia/Vientiane")
    take_seat(dbs, find_registration(dbs, event, mai), forum)
    dbs.commit()

    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, site, mai.email)
    page.goto(f"{site}/events/live-forum/live?lang=en")
    expect(page.get_by_role("heading", name="On now")).to_be_visible()

    on_now = page.locator(f"#live-{keynote.id}")
    join = on_now.get_by_role("link", name="Join")
    expect(join).to_have_attribute("href", f"/events/live-forum/sessions/{keynote.id}/join")
    expect(on_now.locator("[data-until]")).to_have_text(re.compile(r"^Ends in \d+ minutes$"))
    answer = context.request.get(f"{site}/events/live-forum/sessions/{keynote.id}/join",
                                 max_redirects=0)
    assert (answer.status, answer.headers["location"]) == (303, ROOM)

    next_up = page.locator(f"#live-{talk.id}")
    expect(next_up.locator("a.join")).to_have_attribute("aria-disabled", "true")
    expect(next_up).to_contain_text("Opens at")
    key_screen(page, soft, JOURNEY, "now-and-next", other_language=False)
    expect(next_up.locator("a.join")).not_to_have_attribute("aria-disabled", "true",
                                                            timeout=15000)
    expect(next_up).not_to_contain_text("Opens at")
    key_screen(page, soft, JOURNEY, "both-open")

    # The organizer announces that sub-forum A runs 5 minutes late: the page shows it by
    # itself, without reloading (the mark set in this page survives).
    page.evaluate("window.sameLoad = true")
    run_late(dbs, event, 5, subforum_id=forum.id)
    dbs.commit()
    expect(page.locator(".running-late")).to_contain_text(
        "Sub-forum A is running 5 minutes late", timeout=15000)
    assert page.evaluate("window.sameLoad") is True
    expect(page.locator(f"#live-{talk.id} .time")).to_contain_text("UTC")

    # In Chinese the countdown speaks Chinese.
    page.goto(f"{site}/events/live-forum/live?lang=zh")
    expect(page.locator(f"#live-{keynote.id} [data-until]")).to_have_text(
        re.compile(r"分钟后结束$"))
    context.close()
    soft.assert_all()
