"""A participant's whole way in Chromium: signing up and confirming the address from the
mail, registering with the organizers' question answered, a sub-forum seat, the parallel
one refused with the clash named, the switch, then their agenda in Vientiane time and in
Chinese with every join link, the feed address copied and the calendar downloaded."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from lmevents.agenda.models import SessionKind
from lmevents.registration.questions import QuestionInput, create_question, event_questions
from tests import factories
from tests.browser.helpers import (
    FUTURE_DAY,
    at,
    expect_error_summary,
    key_screen,
    links_in,
    read_calendar,
    sign_in,
    starts,
    vevents,
)
from tests.conftest import Roundtable

JOURNEY = "participant"
EMAIL = "li.wei@example.org"
ROOMS = {"plenary": "101", "A": "102", "B": "103", "exchange": "104"}


def join_url(room: str) -> str:
    return f"https://meeting.example.org/j/{ROOMS[room]}"


def make_dialogue(dbs) -> Roundtable:
    """A future one-day roundtable in Shanghai with a registration question: keynote 09–10;
    parallel sub-forums A and B 10:30–12; after them a technical exchange 14–16 with
    limited places. Each in its own virtual room."""
    event = factories.make_event(dbs, slug="water-dialogue", start_date=FUTURE_DAY,
                                 end_date=FUTURE_DAY, title_en="Mekong water dialogue",
                                 title_zh="湄公河水资源对话")
    create_question(dbs, event, QuestionInput(
        kind="choice", required=True, label_en="Your organization is",
        label_zh="您所在机构的类型",
        options=[{"zh": "政府部门", "en": "a government body"},
                 {"zh": "企业", "en": "an enterprise"}]))
    dbs.commit()
    names = {"plenary": ("Plenary room", "主会场"), "A": ("Sub-forum A room", "分论坛A会议室"),
             "B": ("Sub-forum B room", "分论坛B会议室"),
             "exchange": ("Exchange room", "技术交流会议室")}
    rooms = {key: factories.make_room(dbs, event, name_en=names[key][0], name_zh=names[key][1],
                                      join_url=join_url(key), meeting_id=f"{code} 000")
             for key, code in ROOMS.items()}
    keynote = factories.make_session(dbs, event, at(9), at(10), title_en="Opening keynote",
                                     title_zh="开幕主旨演讲", room_id=rooms["plenary"].id)
    forums, sessions = [], []
    for code, theme, theme_zh in (("A", "Hydropower and fisheries", "水电与渔业"),
                                  ("B", "Wetlands and deltas", "湿地与三角洲")):
        subforum = factories.make_subforum(dbs, event, code, capacity=30, title_en=theme,
                                           title_zh=theme_zh, room_id=rooms[code].id)
        forums.append(subforum)
        sessions.append(factories.make_session(
            dbs, event, at(10, 30), at(12), kind=SessionKind.SUBFORUM,
            subforum_id=subforum.id, title_en=f"Sub-forum {code}: {theme}",
            title_zh=f"分论坛{code}：{theme_zh}", room_id=rooms[code].id))
    exchange = factories.make_session(
        dbs, event, at(14), at(16), kind=SessionKind.EXCHANGE, capacity=50,
        title_en="Technical exchange: water technologies", title_zh="技术交流：水处理技术",
        room_id=rooms["exchange"].id)
    return Roundtable(event, keynote, *forums, *sessions, exchange)


def sign_up(page: Page, site: str, soft, password: str) -> None:
    page.goto(f"{site}/auth/signup?lang=en")
    key_screen(page, soft, JOURNEY, "sign-up")
    form = page.locator("main form")
    form.get_by_label("Name").fill("Li Wei")
    form.get_by_label("E-mail").fill(EMAIL)
    form.get_by_label("Password").fill("short")
    form.get_by_label("Organization").fill("Yunnan Water Resources Institute")
    form.get_by_label("Country").select_option("CN")
    form.get_by_label("Time zone").select_option("Asia/Shanghai")
    form.get_by_label("Language").select_option("en")
    form.get_by_role("button", name="Sign up").click()
    # Refused: too short. The message is by the field, and the summary leads to it.
    expect(form.locator(".field-error")).to_contain_text("10")
    with soft.check("sign-up: error summary of a refused password"):
        expect_error_summary(page, ["password"])
    form.get_by_label("Password").fill(password)
    form.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="Check your mail")).to_be_visible()
    expect(page.locator("main")).to_contain_text(EMAIL)
    key_screen(page, soft, JOURNEY, "check-your-mail", other_language=False)


def test_participant_signs_up_registers_takes_a_seat_and_follows_their_agenda(
        browser, site, dbs, mailbox, soft):
    dialogue = make_dialogue(dbs)
    slug = dialogue.event.slug
    context = browser.new_context(
        locale="en-GB", timezone_id="Asia/Shanghai", viewport={"width": 1280, "height": 900},
        permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()

    # Sign up, then confirm the address with the link from the mail.
    sign_up(page, site, soft, password="mekong river 2030")
    mailbox.deliver()
    mail = mailbox.last_to(EMAIL, "Confirm your e-mail address")
    confirm = [link for link in links_in(mail) if "/auth/confirm/" in link]
    assert confirm and confirm[0].startswith(site), links_in(mail)
    page.goto(confirm[0])
    expect(page.locator(".flash")).to_contain_text(f"{EMAIL} is confirmed and you are signed in")
    expect(page.locator("header.site").get_by_role("link", name="My agenda")).to_be_visible()

    # Register, answering the organizers' question; a first try without consent is refused.
    page.goto(f"{site}/events/{slug}/?lang=en")
    page.get_by_role("link", name="Register for this event").click()
    expect(page.get_by_role("heading", name="Register", exact=True)).to_be_visible()
    form = page.locator("main form")
    # What the account says is filled in.
    expect(form.get_by_role("textbox", name=re.compile("^Name"))).to_have_value("Li Wei")
    expect(form.get_by_label("Country")).to_have_value("CN")
    expect(form.get_by_label("Time zone")).to_have_value("Asia/Shanghai")
    key_screen(page, soft, JOURNEY, "register")
    form.get_by_label("an enterprise").check()
    form.get_by_role("button", name="Register").click()
    expect(form.locator("[data-field=consent] .field-error")).to_contain_text("Tick this box")
    with soft.check("registration: error summary of a missing consent"):
        expect_error_summary(page, ["consent"])
    expect(form.get_by_label("an enterprise")).to_be_checked()  # the answer is kept
    form.get_by_role("checkbox", name=re.compile("^I agree that the details")).check()
    form.get_by_role("button", name="Register").click()
    expect(page).to_have_url(re.compile(r"/me/agenda"))
    expect(page.locator(".flash")).to_contain_text(
        "You are registered for Mekong water dialogue: confirmed.")

    # Sub-forum B is open in a second tab while a seat is taken in A in the first.
    page_b = context.new_page()
    page_b.goto(f"{site}/events/{slug}/subforums/{dialogue.subforum_b.id}?lang=en")
    expect(page_b.locator("#seats").get_by_role("button", name="Take a seat")).to_be_visible()
    page.goto(f"{site}/events/{slug}/subforums/{dialogue.subforum_a.id}?lang=en")
    page.locator("#seats").get_by_role("button", name="Take a seat").click()
    expect(page.locator(".flash")).to_contain_text(
        "You have a seat in sub-forum A, “Hydropower and fisheries”.")
    expect(page.locator("#seats .my-seat")).to_have_text("You have a seat here.")
    key_screen(page, soft, JOURNEY, "subforum-seat")

    # The stale tab's "Take a seat" is refused, naming the session it clashes with.
    page_b.locator("#seats").get_by_role("button", name="Take a seat").click()
    refusal = page_b.locator(".flash.error")
    expect(refusal).to_contain_text("“Sub-forum A: Hydropower and fisheries”")
    expect(refusal).to_contain_text("10:30–12:00")
    expect(refusal).to_contain_text("overlaps sub-forum B, “Wetlands and deltas”")
    clash = page_b.locator("#seats .clash")
    expect(clash).to_contain_text("This overlaps “Sub-forum A: Hydropower and fisheries”")
    expect(clash).to_contain_text("where you hold a seat")
    expect(page_b.locator("#seats").get_by_role("button", name="Take a seat")).to_have_count(0)
    key_screen(page_b, soft, JOURNEY, "subforum-clash")

    # Switching gives up A and takes B.
    page_b.locator("#seats").get_by_role("button", name="Switch to this sub-forum").click()
    expect(page_b.locator(".flash")).to_contain_text(
        "You have a seat in sub-forum B, “Wetlands and deltas”.")
    expect(page_b.locator(".flash")).to_contain_text("Given up: sub-forum A")
    expect(page_b.locator("#seats .my-seat")).to_have_text("You have a seat here.")
    page_b.close()

    # The exchange has limited places: the agenda offers it until a seat is taken.
    page.goto(f"{site}/me/agenda?lang=en")
    offer = page.locator(f"#offer-{dialogue.exchange.id}")
    expect(offer).to_contain_text("Technical exchange: water technologies")
    offer.get_by_role("button", name="Take a seat").click()
    expect(page.locator(".flash")).to_contain_text(
        "You have a seat in “Technical exchange: water technologies”.")
    page.locator("header.site").get_by_role("link", name="My agenda").click()
    expect(page.locator(f"#offer-{dialogue.exchange.id}")).to_have_count(0)

    # On the agenda: the keynote, sub-forum B and the exchange, each with its join link.
    registration = page.locator("section.registration")
    expect(registration.locator("ul.seats")).to_contain_text("Sub-forum B: Wetlands and deltas")
    mine = {"plenary": dialogue.keynote, "B": dialogue.session_b,
            "exchange": dialogue.exchange}
    # Join links go through lmevents, which records the join and opens the room.
    for session in mine.values():
        card = page.locator(f"#session-{session.id}")
        expect(card.get_by_role("link", name="Join the session")).to_have_attribute(
            "href", f"/events/{dialogue.event.slug}/sessions/{session.id}/join")
    expect(page.locator(f"#session-{dialogue.session_a.id}")).to_have_count(0)
    expect(page.locator(f"a[href$='/sessions/{dialogue.session_a.id}/join']")).to_have_count(0)

    # Times in Vientiane, chosen with the page's zone picker.
    page.get_by_label("Times shown in").select_option("Asia/Vientiane")
    page.wait_for_url(re.compile(r"tz=Asia%2FVientiane"))
    keynote = page.locator(f"#session-{dialogue.keynote.id} .time")
    expect(keynote).to_have_text(re.compile(r"^08:00–09:00 .*\(UTC\+07:00\)"))
    expect(page.locator(f"#session-{dialogue.exchange.id} .time")).to_contain_text("13:00–15:00")

    # In Chinese, from the language switch: still Vientiane time, the same join links.
    page.locator("header.site").get_by_label("Language").select_option("zh")
    page.wait_for_url(re.compile(r"lang=zh"))
    expect(page.get_by_role("heading", level=1)).to_have_text("我的议程")
    expect(keynote).to_have_text(re.compile(r"^08:00–09:00 .*（UTC\+07:00）"))
    expect(page.locator(f"#session-{dialogue.keynote.id}")).to_contain_text("开幕主旨演讲")
    for session in mine.values():
        card = page.locator(f"#session-{session.id}")
        expect(card.locator("dl.join")).to_contain_text("入会链接")
        expect(card.get_by_role("link", name="加入会议")).to_be_visible()
    key_screen(page, soft, JOURNEY, "my-agenda")

    # The feed address: copied by its button, and the calendar it serves.
    feed = page.locator("#feed-address").input_value()
    assert re.fullmatch(re.escape(site) + r"/calendar/[^/]+\.ics", feed), feed
    page.get_by_role("button", name="复制").click()
    assert page.evaluate("navigator.clipboard.readText()") == feed
    with page.expect_download() as download:
        page.get_by_role("link", name="下载 .ics").click()
    calendar = read_calendar(download.value.path().read_bytes())
    events = vevents(calendar)
    assert set(events) == {"Opening keynote", "Sub-forum B: Wetlands and deltas",
                           "Technical exchange: water technologies"}, set(events)
    assert starts(events["Opening keynote"]) == at(9)
    assert starts(events["Sub-forum B: Wetlands and deltas"]) == at(10, 30)
    assert starts(events["Technical exchange: water technologies"]) == at(14)
    # Each joins by the participant's own link through lmevents (no cookie needed).
    for title, session in (("Sub-forum B: Wetlands and deltas", dialogue.session_b),
                           ("Technical exchange: water technologies", dialogue.exchange)):
        assert f"/sessions/{session.id}/join?key=" in str(events[title]["description"])
        assert "meeting.example.org" not in str(events[title]["description"])
    # The address itself serves the same calendar (what a calendar application subscribes to).
    served = context.request.get(feed)
    assert served.ok and read_calendar(served.body()).walk("VEVENT")
    assert set(vevents(read_calendar(served.body()))) == set(events)
    context.close()
    soft.assert_all()


def test_the_language_chosen_with_the_switch_holds_on_my_agenda(browser, site, dbs):
    """A participant who registered in English chooses 中文 with the language switch: the
    choice is remembered for the visit, so their agenda, opened from the menu, is in
    Chinese too."""
    dialogue = make_dialogue(dbs)
    participant = factories.make_user(dbs, "somchai@example.org")
    question = event_questions(dbs, dialogue.event)[0]
    factories.make_registration(dbs, dialogue.event, participant, language="en",
                                answers={question.id: 1})
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, site, participant.email)
    page.goto(f"{site}/events/{dialogue.event.slug}/agenda")
    page.locator("header.site").get_by_label("Language").select_option("zh")
    expect(page.locator("html")).to_have_attribute("lang", re.compile("^zh"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("议程")
    page.locator("header.site").get_by_role("link", name="我的议程").click()
    expect(page).to_have_url(re.compile(r"/me/agenda$"))
    expect(page.locator("html")).to_have_attribute("lang", re.compile("^zh"))
    expect(page.get_by_role("heading", level=1)).to_have_text("我的议程")
    context.close()
