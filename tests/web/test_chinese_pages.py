"""With `?lang=zh` every page of the demo roundtable, public and back office, speaks Chinese:
the event's content was Chinese while everything around it (menu, headings, labels, session
kinds, buttons) stayed English."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from sqlalchemy import select

from lmevents.agenda.models import Session
from lmevents.core.models import Base
from lmevents.demo.roundtable import load_demo
from lmevents.events.services import get_event
from lmevents.exchange.models import Presentation
from lmevents.registration.models import RegistrationQuestion
from lmevents.speakers.models import Speaker
from lmevents.subforums.models import SubForum
from lmevents.webhooks.models import Webhook
from lmevents.webhooks.subscriptions import WebhookInput, create_webhook
from tests import factories

SLUG = "lm-roundtable-2020"
# Words of the interface that must not show through in Chinese (whole words, any case).
ENGLISH = re.compile(
    r"\b(Agenda|Programme|Speakers?|Sign (?:in|up|out)|Register|Registration|Virtual room|"
    r"Times shown in|Subscribe|Download|Add to Google Calendar|Keynote|Opening remarks|"
    r"Break|Parallel sub-forum|Sub-forums?|My agenda|Manage|Edit|Save|Delete|Seats?|"
    r"Waiting list|(?<!Apple )(?<!Google )Calendar|Technical exchange|Questions?|Needs?|"
    r"Presentations?|Moderator|"
    r"Chair|Panelist|Time zone|Language|Organization|Country|Name|Password|Cancel|Back to)\b",
    re.IGNORECASE)


class _VisibleText(HTMLParser):
    """The text a reader sees: element text and the attributes read aloud or shown."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ("aria-label", "title", "placeholder", "alt") and value:
                self.parts.append(value)
            if tag == "input" and name == "value" and dict(attrs).get("type") == "submit":
                self.parts.append(value or "")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(page: str) -> str:
    reader = _VisibleText()
    reader.feed(page)
    return " ".join(reader.parts)


@pytest.fixture
def demo(dbs, organizer, participant):
    load_demo(dbs)
    dbs.commit()
    event = get_event(dbs, SLUG)
    factories.add_to_team(dbs, event, organizer)
    questions = dbs.scalars(select(RegistrationQuestion).where(
        RegistrationQuestion.event_id == event.id).order_by(RegistrationQuestion.position)).all()
    answers = {q.id: {"choice": 0, "yes_no": True}.get(q.kind.value, "Wastewater")
               for q in questions}
    create_webhook(dbs, event, WebhookInput(url="https://crm.example.org/hooks",
                                            kinds=["registration.created"]))
    factories.make_registration(dbs, event, participant, answers=answers)  # and its delivery
    return event


def _english_content(dbs) -> list[str]:
    """What organizers wrote in English (the back office shows both languages of it, and
    public pages fall back to it where the Chinese is missing): not interface words."""
    texts = []
    for table in Base.metadata.sorted_tables:
        columns = [c for c in table.columns if c.name.endswith("_en")]
        for column in columns:
            texts += [v for v in dbs.scalars(select(column)) if v]
    return sorted(set(texts), key=len, reverse=True)


def _pages(dbs, event) -> list[str]:
    first = lambda model, *where: dbs.scalar(select(model.id).where(*where).order_by(model.id))  # noqa: E731
    session = first(Session, Session.event_id == event.id)
    subforum = first(SubForum, SubForum.event_id == event.id)
    speaker = first(Speaker)
    presentation = first(Presentation)
    webhook = first(Webhook, Webhook.event_id == event.id)
    e, m = f"/events/{SLUG}", f"/manage/events/{SLUG}"
    return [
        "/", f"{e}/", f"{e}/agenda", f"{e}/speakers", f"{e}/speakers/{speaker}",
        f"{e}/subforums/{subforum}", f"{e}/sessions/{session}", f"{e}/exchange",
        f"{e}/exchange/presentations/{presentation}", f"{e}/register", f"{e}/live",
        "/me/agenda", "/me/meetings", "/auth/profile", "/auth/login", "/auth/signup",
        "/auth/reset",
        "/manage/", f"{m}/edit", f"{m}/hosts", f"{m}/contact", f"{m}/rooms", f"{m}/sessions",
        f"{m}/sessions/new", f"{m}/sessions/{session}/edit", f"{m}/sessions/{session}/speakers",
        f"{m}/sessions/{session}/changes", f"{m}/subforums", f"{m}/subforums/{subforum}/edit",
        f"{m}/speakers", f"{m}/exchange", f"{m}/registrations", f"{m}/registration-questions",
        f"{m}/team", f"{m}/audit", f"{m}/translations", f"{m}/webhooks",
        f"{m}/webhooks/{webhook}", f"{m}/attendance", f"{m}/running-late",
        "/manage/speakers",
        f"/manage/speakers/{speaker}/edit",
        "/manage/events/new",
    ]


def test_every_page_speaks_chinese(client, dbs, demo):
    content = _english_content(dbs)
    leftovers = {}
    for who in ("participant@example.org", "organizer@example.org"):
        client.post("/auth/login", data={"email": who, "password": factories.PASSWORD})
        for url in _pages(dbs, demo):
            if url.startswith("/manage") != (who == "organizer@example.org"):
                continue
            response = client.get(url, query_string={"lang": "zh"}, follow_redirects=True)
            assert response.status_code == 200, url
            text = visible_text(response.get_data(as_text=True))
            for written in content:
                text = text.replace(written, " ")
            found = sorted(set(ENGLISH.findall(text)))
            if found:
                leftovers[url] = found
        client.post("/auth/logout")
    assert leftovers == {}, "\n".join(f"{url}: {words}" for url, words in leftovers.items())
