"""An organizer builds an event in the back office in Chromium: the event, a virtual room,
two sessions; publishes it; meets the clash of two plenary sessions in one room; moves the
session. A participant registered for it then sees the new time on their agenda and in their
feed, as an update of the same calendar event (same UID, higher SEQUENCE)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from sqlalchemy import select

from lmevents.events.models import Event
from tests import factories
from tests.browser.helpers import (
    FUTURE_DAY,
    at,
    expect_error_summary,
    key_screen,
    read_calendar,
    sign_in,
    starts,
    vevents,
)

JOURNEY = "organizer"
SLUG = "delta-forum"
JOIN = "https://meeting.example.org/j/501"
CHINESE = re.compile(r"[\u4e00-\u9fff]")


TIME_LABELS = {"en": ("Start date", "Start time", "End date", "End time"),
               "zh": ("开始日期", "开始时间", "结束日期", "结束时间")}


def fill_session(page: Page, *, start: str, end: str, lang: str = "en") -> None:
    form = page.locator("main form")
    start_date, start_time, end_date, end_time = TIME_LABELS[lang]
    form.get_by_label(start_date).fill(FUTURE_DAY.isoformat())
    form.get_by_label(start_time).fill(start)
    form.get_by_label(end_date).fill(FUTURE_DAY.isoformat())
    form.get_by_label(end_time).fill(end)


def add_session(page: Page, kind: str, title_en: str, title_zh: str, start: str,
                end: str) -> None:
    page.get_by_role("link", name="New session").click()
    form = page.locator("main form")
    form.get_by_label("Kind").select_option(kind)
    form.get_by_label("Title (English)").fill(title_en)
    form.get_by_label("Title (Chinese)").fill(title_zh)
    fill_session(page, start=start, end=end)
    form.get_by_label("Virtual room").select_option(label="Delta hall")
    form.get_by_role("button", name="Add session").click()
    expect(page.locator(".flash")).to_contain_text("Session added.")
    page.locator("nav.manage-nav").get_by_role("link", name="Programme").click()
    expect(page.locator("table.sessions")).to_contain_text(title_en)


def feed_of(context, page: Page, site: str) -> tuple[str, dict]:
    """The participant's feed address from their agenda, and its events by summary."""
    page.goto(f"{site}/me/agenda?lang=en")
    feed = page.locator("#feed-address").input_value()
    response = context.request.get(feed)
    assert response.ok, response.status
    return feed, vevents(read_calendar(response.body()))


def test_organizer_builds_publishes_and_moves_a_session_participants_follow(
        browser, site, dbs, soft):
    organizer = factories.make_user(dbs, "planner@example.org", role="organizer")
    participant = factories.make_user(dbs, "delegate@example.org")
    desk = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = desk.new_page()

    sign_in(page, site, organizer.email)
    page.locator("header.site").get_by_role("link", name="Manage").click()
    expect(page.get_by_role("heading", name="Manage events")).to_be_visible()
    key_screen(page, soft, JOURNEY, "manage")

    # The event.
    page.get_by_role("link", name="New event").click()
    expect(page.get_by_role("heading", name="New event")).to_be_visible()
    key_screen(page, soft, JOURNEY, "new-event")
    form = page.locator("main form")
    form.get_by_label("Slug").fill(SLUG)
    form.get_by_label("Title (English)").fill("Delta forum")
    form.get_by_label("Title (Chinese)").fill("三角洲论坛")
    form.get_by_label("Time zone").select_option("Asia/Shanghai")
    form.get_by_label("First day").fill(FUTURE_DAY.isoformat())
    form.get_by_label("Last day").fill(FUTURE_DAY.isoformat())
    form.get_by_role("button", name="Create event").click()
    expect(page.locator(".flash")).to_contain_text("Event created.")
    expect(page.locator("nav.manage-nav")).to_contain_text("Not published")

    # A virtual room, then two plenary sessions in it.
    page.locator("nav.manage-nav").get_by_role("link", name="Virtual rooms").click()
    form = page.locator("main form")
    form.get_by_label("Name (English)").fill("Delta hall")
    form.get_by_label("Name (Chinese)").fill("三角洲会议厅")
    form.get_by_label("Platform").select_option("zoom")
    form.get_by_label("Join URL").fill(JOIN)
    form.get_by_label("Meeting ID").fill("501 501")
    form.get_by_label("Passcode").fill("delta")
    form.get_by_role("button", name="Add room").click()
    expect(page.locator(".flash")).to_contain_text("Virtual room added.")
    expect(page.locator("table.rooms")).to_contain_text(JOIN)
    key_screen(page, soft, JOURNEY, "rooms")

    page.locator("nav.manage-nav").get_by_role("link", name="Programme").click()
    add_session(page, "keynote", "Opening keynote", "开幕主旨演讲", "09:00", "10:00")
    add_session(page, "roundtable", "Roundtable on deltas", "三角洲圆桌讨论", "10:00", "11:00")
    key_screen(page, soft, JOURNEY, "programme")

    # Published from the list of events.
    page.get_by_role("link", name="All events").click()
    row = page.locator(f"#event-{SLUG}")
    row.get_by_role("button", name="Publish").click()
    expect(page.locator(".flash")).to_contain_text("“Delta forum” is published.")
    expect(page.locator(f"#event-{SLUG}")).to_contain_text("Published")

    # A participant registers; their agenda and feed have the roundtable at 10:00.
    event = dbs.scalar(select(Event).where(Event.slug == SLUG))
    factories.make_registration(dbs, event, participant, timezone="Asia/Shanghai")
    home = browser.new_context(locale="en-GB")
    mine = home.new_page()
    sign_in(mine, site, participant.email)
    feed, before = feed_of(home, mine, site)
    roundtable = before["Roundtable on deltas"]
    assert starts(roundtable) == at(10)
    session_card = mine.locator("article.session", has_text="Roundtable on deltas")
    expect(session_card.locator(".time")).to_contain_text("10:00–11:00")
    # Joined through lmevents (which records the join), not by the room's own link.
    expect(session_card.get_by_role("link", name="Join the session")).to_have_attribute(
        "href", re.compile(r"/events/[a-z0-9-]+/sessions/\d+/join$"))

    # Moved onto the keynote: refused, the clash named, in English and in Chinese.
    page.locator(f"#event-{SLUG}").get_by_role("link", name="Programme").click()
    page.locator("table.sessions tr", has_text="Roundtable on deltas").get_by_role(
        "link", name="Edit").click()
    edit_url = page.url
    fill_session(page, start="09:30", end="10:30")
    page.locator("main form").get_by_role("button", name="Save").click()
    errors = page.locator("main form .field-error")
    expect(errors.first).to_be_visible()
    expect(page.locator("main form")).to_contain_text("Opening keynote")
    expect(page.locator("main form")).to_contain_text(
        re.compile("already hosts|cannot overlap"))
    with soft.check("session form: error summary of a clash"):
        expect_error_summary(page, ["room_id", "start_time"])
    key_screen(page, soft, JOURNEY, "clash", other_language=False)
    page.goto(f"{edit_url}?lang=zh")
    fill_session(page, start="09:30", end="10:30", lang="zh")
    page.locator("main form").get_by_role("button", name="保存").click()
    expect(page.locator("main form .field-error").first).to_contain_text(CHINESE)
    with soft.check("session form: the error summary in Chinese"):
        expect(page.locator("main form .error-summary").get_by_role("heading")).to_contain_text(
            CHINESE, timeout=2000)
    expect(page.locator("main form")).to_contain_text("开幕主旨演讲")
    key_screen(page, soft, JOURNEY, "clash", other_language=False)

    # Moved to 11:00–12:00: saved, a new revision.
    page.goto(f"{edit_url}?lang=en")
    fill_session(page, start="11:00", end="12:00")
    page.locator("main form").get_by_role("button", name="Save").click()
    expect(page.locator(".flash")).to_contain_text("Session saved.")
    moved = page.locator("table.sessions tr", has_text="Roundtable on deltas")
    expect(moved.locator("td.time")).to_contain_text("11:00–12:00")
    key_screen(page, soft, JOURNEY, "moved")

    # The participant sees the new time, and the feed updates the same event.
    mine.reload()
    expect(session_card.locator(".time")).to_contain_text("11:00–12:00")
    same_feed, after = feed_of(home, mine, site)
    assert same_feed == feed
    updated = after["Roundtable on deltas"]
    assert starts(updated) == at(11)
    assert str(updated["uid"]) == str(roundtable["uid"])
    assert int(updated["sequence"]) > int(roundtable["sequence"])
    assert starts(after["Opening keynote"]) == at(9)
    assert int(after["Opening keynote"]["sequence"]) == int(before["Opening keynote"]["sequence"])
    desk.close()
    home.close()
    soft.assert_all()
