"""The technical exchange in Chromium, between three participants: a need posted from Laos,
a question on an enterprise's presentation voted up by a participant from Vietnam, a 1:1
meeting requested and accepted by the enterprise's contact from the link in their mail, and
both sides' calendar invitations (METHOD:REQUEST) read from the loopback SMTP server."""

from __future__ import annotations

import re
from dataclasses import dataclass

from playwright.sync_api import Page, expect

from lmevents.agenda.models import SessionKind
from lmevents.exchange.content.needs import NeedInput, post_need
from lmevents.exchange.content.services import (
    PresentationInput,
    TopicInput,
    create_presentation,
    create_topic,
)
from tests import factories
from tests.browser.helpers import (
    FUTURE_DAY,
    at,
    calendar_attachments,
    expect_error_summary,
    key_screen,
    links_in,
    read_calendar,
    sign_in,
    starts,
    vevents,
)

JOURNEY = "exchange"
QUESTION = "Can your membrane units run on solar power in rural Laos?"


@dataclass
class Exchange:
    event: object
    session: object
    topic: object
    presentation: object
    poster: object  # Khamla, from Laos: posts a need, asks, requests a meeting
    voter: object  # Tran, from Vietnam: votes for the question
    contact: object  # Chen, the enterprise's contact: answers meeting requests, in Chinese


def make_exchange(dbs) -> Exchange:
    """A future roundtable whose technical exchange (14–16, Shanghai) has one topic and one
    enterprise's presentation; three confirmed participants."""
    event = factories.make_event(dbs, slug="mekong-exchange", start_date=FUTURE_DAY,
                                 end_date=FUTURE_DAY, title_en="Mekong technology exchange",
                                 title_zh="澜湄技术交流会")
    room = factories.make_room(dbs, event, name_en="Exchange room", name_zh="交流会议室",
                               join_url="https://meeting.example.org/j/777")
    session = factories.make_session(dbs, event, at(14), at(16), kind=SessionKind.EXCHANGE,
                                     title_en="Technical exchange", title_zh="技术交流",
                                     room_id=room.id)
    people = {}
    for key, name, country, zone, lang in (
            ("poster", "Khamla", "LA", "Asia/Vientiane", "en"),
            ("voter", "Tran", "VN", "Asia/Ho_Chi_Minh", "en"),
            ("contact", "Chen", "CN", "Asia/Shanghai", "zh")):
        user = factories.make_user(dbs, f"{name.lower()}@example.org", language=lang)
        user.name = name
        factories.make_registration(dbs, event, user, name=name, country=country,
                                    timezone=zone, language=lang,
                                    organization=f"{name}'s organization")
        people[key] = user
    topic = create_topic(dbs, event, TopicInput(
        session_id=session.id, title_en="Rural water treatment", title_zh="农村水处理"))
    presentation = create_presentation(dbs, event, PresentationInput(
        topic_id=topic.id, enterprise_en="Clearwater Membranes Ltd.",
        enterprise_zh="清水膜技术有限公司", title_en="Compact membrane units",
        title_zh="小型膜处理设备", country="CN", contact_user_id=people["contact"].id))
    dbs.commit()
    return Exchange(event, session, topic, presentation, **people)


def post_a_need(page: Page, soft) -> None:
    section = page.locator("#post-need")
    form = section.locator("form")
    # The country is preset from the registration (Laos).
    with soft.check("need form: country preset from the registration"):
        expect(form.get_by_label("Country")).to_have_value("LA", timeout=2000)
    form.get_by_label("Country").select_option("LA")
    form.get_by_label("Description").fill(
        "Villages along the river need small treatment units for drinking water.")
    form.get_by_role("button", name="Post the need").click()
    # Refused without a sector: said by the field, and in the summary.
    form = page.locator("#post-need form")
    expect(form.locator(".field-error")).to_have_count(1)
    expect(form.locator(".field-error")).to_be_visible()
    with soft.check("need form: error summary of a missing sector"):
        expect_error_summary(page, ["sector"])
    expect(form.get_by_label("Description")).to_have_value(re.compile("^Villages"))
    form.get_by_label("Sector").fill("Rural drinking water")
    form.get_by_label("Everyone reading this page").check()
    form.get_by_role("checkbox", name=re.compile("^Show my name")).check()
    form.get_by_role("button", name="Post the need").click()
    expect(page.locator(".flash")).to_contain_text("Your need is posted.")


def test_need_question_vote_and_a_meeting_with_invitations_to_both(
        browser, site, dbs, mailbox, soft):
    exchange = make_exchange(dbs)
    slug = exchange.event.slug
    presentation_url = f"{site}/events/{slug}/exchange/presentations/{exchange.presentation.id}"

    # Khamla posts a need under the topic.
    laos = browser.new_context(locale="en-GB", timezone_id="Asia/Vientiane")
    page = laos.new_page()
    sign_in(page, site, exchange.poster.email)
    page.goto(f"{site}/events/{slug}/exchange?lang=en")
    key_screen(page, soft, JOURNEY, "exchange")
    post_a_need(page, soft)
    need = page.locator(f"#topic-{exchange.topic.id} li.need")
    expect(need).to_have_count(1)
    expect(need).to_contain_text("Laos")
    expect(need).to_contain_text("Rural drinking water")
    expect(need).to_contain_text("Posted by Khamla, Khamla's organization")
    key_screen(page, soft, JOURNEY, "need-posted")

    # ... and asks the enterprise a question.
    page.get_by_role("link", name="Compact membrane units").click()
    expect(page).to_have_url(re.compile(re.escape(presentation_url)))
    page.locator("#ask").get_by_label("Your question").fill(QUESTION)
    page.locator("#ask").get_by_role("button", name="Post my question").click()
    expect(page.locator(".flash")).to_contain_text("Your question is posted.")
    asked = page.locator("li.question", has_text=QUESTION)
    expect(asked.locator(".votes")).to_have_text("0 votes")
    expect(asked).to_contain_text("Your question")
    expect(asked.get_by_role("button", name="Vote for this question")).to_have_count(0)

    # Tran votes for it.
    vietnam = browser.new_context(locale="en-GB", timezone_id="Asia/Ho_Chi_Minh")
    other = vietnam.new_page()
    sign_in(other, site, exchange.voter.email)
    other.goto(f"{presentation_url}?lang=en")
    question = other.locator("li.question", has_text=QUESTION)
    question.get_by_role("button", name="Vote for this question").click()
    expect(other.locator(".flash")).to_contain_text("Your vote is counted.")
    expect(question.locator(".votes")).to_have_text("1 vote")
    expect(question.get_by_role("button", name="Take back my vote")).to_be_visible()
    key_screen(other, soft, JOURNEY, "question-voted")
    vietnam.close()
    page.reload()
    expect(asked.locator(".votes")).to_have_text("1 vote")

    # Khamla asks the enterprise for a 1:1 meeting, at a time in Vientiane.
    page.get_by_role("link", name="Request a 1:1 meeting").click()
    expect(page.get_by_role("heading", name="Request a 1:1 meeting")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Clearwater Membranes Ltd.")
    expect(page.locator("main form .zone")).to_contain_text("UTC+07:00")
    key_screen(page, soft, JOURNEY, "meeting-request")
    first = page.get_by_role("group", name=re.compile("^Time 1"))
    first.get_by_label("Date").fill(FUTURE_DAY.isoformat())
    first.get_by_label("From").fill("16:30")
    first.get_by_label("To").fill("17:00")
    page.locator("main form").get_by_label("Message").fill("About units for five villages.")
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator(".flash")).to_contain_text("Your request is sent")
    request_card = page.locator("section.outgoing article.meeting")
    expect(request_card).to_have_attribute("data-status", "proposed")
    expect(request_card).to_contain_text("Chen")

    # Chen is asked by mail, in Chinese, and follows its link to answer.
    mailbox.deliver()
    asking = mailbox.last_to(exchange.contact.email, "会谈请求")
    assert "Khamla" in asking["Subject"]
    link = next(link for link in links_in(asking) if link.startswith(site))
    assert link.endswith("/me/meetings"), links_in(asking)
    china = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
    answer = china.new_page()
    answer.goto(link)
    login = answer.locator("main form")
    login.get_by_label("电子邮箱").fill(exchange.contact.email)
    login.get_by_label("密码").fill(factories.PASSWORD)
    login.get_by_role("button", name="登录").click()
    expect(answer).to_have_url(re.compile(r"/me/meetings"))
    incoming = answer.locator("section.incoming article.meeting")
    expect(incoming).to_contain_text("Khamla")
    # Proposed in Vientiane at 16:30: Chen reads 17:30 in Shanghai.
    expect(incoming.locator("li.proposal")).to_contain_text("17:30–18:00")
    incoming.get_by_role("button", name="接受此时间").click()
    expect(answer.locator(".flash")).to_contain_text("已接受会谈")
    expect(incoming).to_have_attribute("data-status", "accepted")
    join = incoming.locator("dl.join a")
    join_url = join.get_attribute("href")
    assert join_url.startswith("https://meet.jit.si/lmevents-"), join_url
    key_screen(answer, soft, JOURNEY, "meeting-accepted")
    china.close()

    # Both receive the invitation: METHOD:REQUEST, the time, both people, the join link.
    mailbox.deliver()
    for user, subject in ((exchange.poster, "Meeting confirmed with Chen"),
                          (exchange.contact, "会谈已确定")):
        mail = mailbox.last_to(user.email, subject)
        assert join_url in mail.get_body(preferencelist=("plain",)).get_content()
        (invite,) = calendar_attachments(mail)
        assert invite.get_param("method") == "REQUEST"
        calendar = read_calendar(invite.get_content())
        assert str(calendar["method"]) == "REQUEST"
        (meeting,) = calendar.walk("VEVENT")
        assert starts(meeting) == at(17, 30)
        assert str(meeting["url"]) == join_url
        attendees = {str(a).lower() for a in meeting.get("attendee")}
        assert attendees == {f"mailto:{exchange.poster.email}",
                             f"mailto:{exchange.contact.email}"}
        assert str(meeting["organizer"]).lower() == f"mailto:{exchange.poster.email}"
    chinese = mailbox.last_to(exchange.contact.email, "会谈已确定")
    assert "Khamla" in str(vevents(read_calendar(
        calendar_attachments(chinese)[0].get_content())).keys())

    # Khamla's agenda lists the meeting with its join link, in Vientiane time.
    page.goto(f"{site}/me/agenda?lang=en")
    meetings = page.locator("#meetings")
    expect(meetings).to_contain_text("1:1 meeting with Chen")
    expect(meetings.locator(".time")).to_contain_text("16:30–17:00")
    expect(meetings.get_by_role("link", name="Join link")).to_have_attribute("href", join_url)
    key_screen(page, soft, JOURNEY, "my-agenda")
    laos.close()
    soft.assert_all()


def test_a_need_leads_to_a_meeting_request_with_its_author(browser, site, dbs):
    """An enterprise reading a need on the exchange page can ask its author to meet: the
    need offers a link to the meeting form about it."""
    exchange = make_exchange(dbs)
    slug = exchange.event.slug
    need = post_need(dbs, exchange.event, exchange.topic, exchange.poster, NeedInput(
        country="LA", sector="Rural drinking water", description="Small treatment units.",
        visibility="participants", show_contact=True))
    dbs.commit()
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    sign_in(page, site, exchange.contact.email)
    page.goto(f"{site}/events/{slug}/exchange?lang=en")
    item = page.locator(f"#need-{need.id}")
    expect(item).to_contain_text("Rural drinking water")
    ask = item.get_by_role("link", name=re.compile("meeting", re.IGNORECASE))
    expect(ask, "a link from the need to the meeting form").to_be_visible()
    ask.click()
    expect(page).to_have_url(re.compile(rf"/exchange/meetings/new\?need={need.id}"))
    expect(page.locator("main")).to_contain_text("Rural drinking water (Laos)")
    context.close()
