"""The demo roundtable on a phone (390×844), in English and in Chinese: no page scrolls
sideways, the menu folds behind its toggle to one line, and every page passes axe-core."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from lmevents.agenda.models import Session, SessionKind
from lmevents.demo.roundtable import SLUG, load_demo
from lmevents.events.models import Event
from lmevents.exchange.models import Presentation
from lmevents.registration.models import QuestionKind
from lmevents.registration.questions import event_questions
from lmevents.speakers.models import EventSpeaker
from lmevents.subforums.models import SubForum
from tests import factories
from tests.browser.helpers import FUTURE_DAY, Soft, check_accessibility, screenshot, sign_in

PHONE = {"width": 390, "height": 844}
# One line of menu: the brand and the toggle, with the bar's padding.
HEADER_HEIGHT = 60
MENU = {"en": "Menu", "zh": "菜单"}


def demo_pages(dbs) -> dict[str, str]:
    """Every public page of the demo event, by a name for the report."""
    load_demo(dbs, FUTURE_DAY)  # ahead, so that registration is open
    dbs.commit()
    event = dbs.scalar(select(Event).where(Event.slug == SLUG))
    sessions = list(dbs.scalars(select(Session).where(Session.event_id == event.id)
                                .order_by(Session.starts_at, Session.id)))
    keynote = next(s for s in sessions if s.kind == SessionKind.KEYNOTE)
    exchange = next(s for s in sessions if s.kind == SessionKind.EXCHANGE)
    speaker_id = dbs.scalar(select(EventSpeaker.speaker_id)
                            .where(EventSpeaker.event_id == event.id)
                            .order_by(EventSpeaker.speaker_id))
    subforums = list(dbs.scalars(select(SubForum).where(SubForum.event_id == event.id)
                                 .order_by(SubForum.code)))
    presentation_id = dbs.scalar(select(Presentation.id).order_by(Presentation.id))
    base = f"/events/{SLUG}"
    pages = {
        "events": "/",
        "event": f"{base}/",
        "agenda": f"{base}/agenda",
        "session": f"{base}/sessions/{keynote.id}",
        "exchange-session": f"{base}/sessions/{exchange.id}",
        "speakers": f"{base}/speakers",
        "speaker": f"{base}/speakers/{speaker_id}",
        "exchange": f"{base}/exchange",
        "presentation": f"{base}/exchange/presentations/{presentation_id}",
        "sign-in": "/auth/login",
        "sign-up": "/auth/signup",
    }
    for subforum in subforums:
        pages[f"subforum-{subforum.code}"] = f"{base}/subforums/{subforum.id}"
    return pages


def register_for_the_demo(dbs, user) -> None:
    """Registered as the form would: the required questions answered, a seat in A."""
    event = dbs.scalar(select(Event).where(Event.slug == SLUG))
    answers = {q.id: (0 if q.kind == QuestionKind.CHOICE else True)
               for q in event_questions(dbs, event) if q.required}
    subforum = dbs.scalar(select(SubForum).where(SubForum.event_id == event.id,
                                                 SubForum.code == "A"))
    factories.make_registration(dbs, event, user, answers=answers, subforum_id=subforum.id,
                                timezone="Asia/Vientiane", country="LA")


def fits_a_phone(page: Page, name: str, lang: str) -> list[str]:
    """What is wrong with the page on a phone (nothing: an empty list)."""
    problems = []
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE["width"]:
        wide = page.evaluate("""(limit) => [...document.querySelectorAll('body *')]
            .filter((el) => el.getBoundingClientRect().right > limit)
            .slice(0, 3).map((el) => el.tagName.toLowerCase()
                + (el.id ? '#' + el.id : '') + (el.className ? '.' + el.className : ''))""",
                             PHONE["width"])
        problems.append(f"{name} ({lang}): {width} px wide, past the phone's "
                        f"{PHONE['width']} px (widest: {wide})")
    header = page.locator("header.site").bounding_box()["height"]
    if header > HEADER_HEIGHT:
        problems.append(f"{name} ({lang}): the header is {header:.0f} px high with the menu "
                        f"closed (at most {HEADER_HEIGHT})")
    toggle = page.locator("header.site").get_by_text(MENU[lang], exact=True)
    if not toggle.is_visible():
        problems.append(f"{name} ({lang}): no visible “{MENU[lang]}” toggle")
        return problems
    toggle.click()
    expect(page.locator("#site-menu")).to_be_visible()
    opened = page.evaluate("document.documentElement.scrollWidth")
    if opened > PHONE["width"]:
        problems.append(f"{name} ({lang}): {opened} px wide with the menu open")
    toggle.click()
    return problems


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_demo_page_fits_a_phone(browser, site, dbs, lang):
    pages = demo_pages(dbs)
    participant = factories.make_user(dbs, "phone@example.org", language=lang)
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  timezone_id="Asia/Vientiane",
                                  locale="zh-CN" if lang == "zh" else "en-GB")
    page = context.new_page()
    soft = Soft()
    problems: list[str] = []

    def visit(name: str, path: str) -> None:
        page.goto(f"{site}{path}{'&' if '?' in path else '?'}lang={lang}")
        expect(page.locator("html")).to_have_attribute("lang", re.compile(f"^{lang}"))
        problems.extend(fits_a_phone(page, name, lang))
        with soft.check(f"accessibility of phone/{name} ({lang})"):
            check_accessibility(page, f"phone/{name} ({lang})")
        screenshot(page, "phone", name)

    for name, path in pages.items():
        visit(name, path)

    sign_in(page, site, participant.email)
    visit("register", f"/events/{SLUG}/register")
    expect(page.locator("main form").get_by_role(
        "button", name="Register" if lang == "en" else "报名")).to_be_visible()
    register_for_the_demo(dbs, participant)
    visit("my-registration", f"/events/{SLUG}/register")
    visit("my-agenda", "/me/agenda")
    # The participant's own agenda: the seat's sub-forum with its join link (through
    # lmevents) and its meeting ID, in Vientiane.
    expect(page.locator("main a.join-link").first).to_have_attribute(
        "href", re.compile(r"/sessions/\d+/join$"))
    expect(page.locator("main")).to_contain_text("9000000002")
    expect(page.locator("main")).to_contain_text("UTC+07:00")
    context.close()

    assert not problems, "\n".join(problems)
    soft.assert_all()
