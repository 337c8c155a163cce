"""Fixtures of the participants' pages: a roundtable whose rooms each have their own join
details, signed-in participants, and reading refusals off a page."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
from sqlalchemy import select

from lmevents.agenda.models import SessionKind
from lmevents.auth.models import User
from lmevents.registration.models import Registration, Seat
from tests import factories
from tests.factories import at


@dataclass
class Roundtable:
    event: object
    keynote: object
    subforum_a: object
    subforum_b: object
    session_a: object
    session_b: object
    exchange: object


def room(dbs, event, name, number):
    """A room whose join details are unique, so a page showing them is easy to catch."""
    return factories.make_room(dbs, event, name, join_url=f"https://meet.example.org/j/{number}",
                               meeting_id=f"{number} 000", passcode=f"pass-{number}")


@pytest.fixture
def roundtable(dbs):
    """Keynote 09–10 (plenary room 701), sub-forums A (room 702) and B (room 703) of two
    seats each with one session 10:30–12, an exchange session 14–16 of one seat (room 704);
    Shanghai time."""
    event = factories.make_event(dbs)
    plenary, room_a, room_b, room_x = (room(dbs, event, name, number) for name, number in (
        ("Plenary room", 701), ("Room A", 702), ("Room B", 703), ("Exchange room", 704)))
    keynote = factories.make_session(dbs, event, at(9), at(10), title_en="Keynote",
                                     title_zh="主旨演讲", room_id=plenary.id)
    subforum_a = factories.make_subforum(dbs, event, "A", capacity=2, room_id=room_a.id)
    subforum_b = factories.make_subforum(dbs, event, "B", capacity=2, room_id=room_b.id)
    session_a = factories.make_session(dbs, event, at(10, 30), at(12), kind=SessionKind.SUBFORUM,
                                       subforum_id=subforum_a.id, title_en="Forum A talk",
                                       room_id=room_a.id)
    session_b = factories.make_session(dbs, event, at(10, 30), at(12), kind=SessionKind.SUBFORUM,
                                       subforum_id=subforum_b.id, title_en="Forum B talk",
                                       room_id=room_b.id)
    exchange = factories.make_session(dbs, event, at(14), at(16), kind=SessionKind.EXCHANGE,
                                      title_en="Technical exchange", capacity=1,
                                      room_id=room_x.id)
    return Roundtable(event, keynote, subforum_a, subforum_b, session_a, session_b, exchange)


JOIN_DETAILS = {number: (f"https://meet.example.org/j/{number}", f"{number} 000",
                         f"pass-{number}") for number in (701, 702, 703, 704)}


def shows_join_details(page: str, number: int) -> bool:
    return any(detail in page for detail in JOIN_DETAILS[number])


@pytest.fixture
def signed_in(client, auth, participant):
    """The participant, signed in on `client`."""
    assert auth.login("participant@example.org").status_code == 302
    return participant


def fill_seats(dbs, event, target, count, start=0):
    """`count` other people take seats in `target` (or its waiting list)."""
    from lmevents.registration.seats import take_seat

    for i in range(start, start + count):
        user = factories.make_user(dbs, f"other{i}@example.org")
        registration = factories.make_registration(dbs, event, user, name=f"Other {i}")
        take_seat(dbs, registration, target)
        dbs.commit()


def user_by_email(dbs, email):
    return dbs.scalar(select(User).where(User.email == email))


def registrations_of(dbs, user) -> list[Registration]:
    dbs.expire_all()
    return list(dbs.scalars(select(Registration).where(Registration.user_id == user.id)))


def seats_of(dbs, registration) -> dict[str, str]:
    """{"subforum A" | "session <id>": state} of a registration, read fresh."""
    dbs.expire_all()
    seats = dbs.scalars(select(Seat).where(Seat.registration_id == registration.id))
    return {(f"subforum {seat.subforum.code}" if seat.subforum_id
             else f"session {seat.session_id}"): seat.state.value for seat in seats}


class _ErrorReader(HTMLParser):
    """Collects the error messages shown inside each element marked data-field="…"."""

    def __init__(self):
        super().__init__()
        self.errors: dict[str, list[str]] = {}
        self._stack: list[tuple[str, str | None, bool]] = []

    def _field(self) -> str | None:
        return next((field for _, field, _ in reversed(self._stack) if field), None)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("input", "br", "img", "meta", "link"):
            return
        is_error = "field-error" in (attrs.get("class") or "").split()
        self._stack.append((tag, attrs.get("data-field"), is_error))

    def handle_endtag(self, tag):
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if any(error for _, _, error in self._stack) and data.strip():
            self.errors.setdefault(self._field() or "", []).append(data.strip())


def field_errors(page: str) -> dict[str, list[str]]:
    """{field name: [messages]} as the page shows them, under the field they concern."""
    reader = _ErrorReader()
    reader.feed(page)
    return reader.errors
