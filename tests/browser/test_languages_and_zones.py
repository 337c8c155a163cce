"""In Chromium: long Chinese titles wrap on a phone and the page names a CJK font; the zone
the browser reports is used on the next page without the visitor choosing anything."""

from __future__ import annotations

from tests import factories
from tests.browser.helpers import FUTURE_DAY
from tests.factories import at

LONG_TITLE = ("澜沧江—湄公河环境合作圆桌对话：绿色发展、可持续基础设施与区域生态环境治理的"
              "经验交流、政策对接和务实合作展望")


def test_long_chinese_titles_wrap_on_a_phone_in_a_cjk_font(page, site, dbs):
    event = factories.make_event(dbs, title_zh=LONG_TITLE)
    factories.make_session(dbs, event, at(9), at(10), title_zh=LONG_TITLE, title_en="Long")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site}/events/{event.slug}/agenda?lang=zh")

    assert page.evaluate("document.documentElement.lang") == "zh-Hans"
    # Nothing is wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    title = page.get_by_text(LONG_TITLE).first
    box = title.bounding_box()
    line = float(page.evaluate(
        "(el) => parseFloat(getComputedStyle(el).lineHeight) || 24", title.element_handle()))
    assert box["width"] <= 390 and box["height"] > 1.5 * line  # it wrapped, within the page
    assert "Noto Sans CJK SC" in page.evaluate("getComputedStyle(document.body).fontFamily")


def test_the_zone_the_browser_reports_is_used_from_the_next_page(browser, site, dbs):
    """A participant in Vientiane who chose no zone: the first page shows the event's time
    (pages work without the script), the script notes the browser's zone, the next page
    shows Vientiane time with Shanghai's beside it."""
    event = factories.make_event(dbs)
    factories.make_session(dbs, event, at(9), at(9, 40), title_en="Opening keynote")
    context = browser.new_context(timezone_id="Asia/Vientiane", locale="en-GB")
    page = context.new_page()
    url = f"{site}/events/{event.slug}/agenda?lang=en"

    page.goto(url)
    assert "09:00–09:40 China Standard Time (UTC+08:00)" in page.content()
    assert {c["name"]: c["value"] for c in context.cookies()}["tz"] == "Asia/Vientiane"
    page.goto(url)
    assert "08:00–08:40 Indochina Time (UTC+07:00) · 09:00–09:40 China Standard Time" \
        in page.content()
    context.close()


def test_my_agenda_on_a_phone_shows_the_whole_feed_box(page, site, dbs, participant):
    """The feed address was cut off at 177 px with no way to copy it."""
    # Ahead, so that registration is open.
    event = factories.make_event(dbs, start_date=FUTURE_DAY, end_date=FUTURE_DAY)
    factories.make_session(dbs, event, at(9, day=FUTURE_DAY), at(10, day=FUTURE_DAY),
                           title_en="Opening keynote")
    factories.make_registration(dbs, event, participant)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site}/auth/login?lang=en")
    page.get_by_label("E-mail").fill("participant@example.org")
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{site}/me/agenda")

    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    feed = page.locator("#feed-address")
    assert feed.bounding_box()["width"] >= 250
    assert page.get_by_role("button", name="Copy").is_visible()


def test_on_a_phone_the_menu_is_one_line_with_a_toggle(page, site, dbs):
    """At 390×844 the menu wrapped to three lines (~130 px) before any content."""
    event = factories.make_event(dbs)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site}/events/{event.slug}/agenda?lang=en")
    header = page.locator("header.site")
    assert header.bounding_box()["height"] <= 56
    assert not page.get_by_role("link", name="Sign in").is_visible()
    page.get_by_text("Menu", exact=True).click()
    assert page.get_by_role("link", name="Sign in").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # On a wide screen every link shows at once and there is no toggle.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{site}/events/{event.slug}/agenda?lang=en")
    assert page.get_by_role("link", name="Sign in").is_visible()
    assert not page.get_by_text("Menu", exact=True).is_visible()
